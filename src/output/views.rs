//! The shapes of records in JSON and CSV: the GitLab API's field names.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::domain::model::{Token, User};

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A token as the GitLab personal access tokens API shows it, plus `username` and `state`.
#[derive(Debug, Serialize)]
pub struct TokenView<'a> {
    pub id: i64,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub revoked: bool,
    pub active: bool,
    pub expired: bool,
    pub state: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub scopes: Vec<&'static str>,
    pub user_id: i64,
    pub username: &'a str,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
    pub impersonation: bool,
    pub previous_token_id: Option<i64>,
    /// Project path of a project access token; null for personal tokens.
    pub project: Option<&'a str>,
    /// The project bot's role; null for personal tokens.
    pub access_level: Option<&'static str>,
    /// Rotated with a grace period: the old token works until then.
    pub grace_until: Option<String>,
}

impl<'a> TokenView<'a> {
    pub fn new(token: &'a Token, now: DateTime<Utc>) -> Self {
        TokenView {
            id: token.id,
            name: &token.name,
            description: token.description.as_deref(),
            revoked: token.is_revoked(now),
            active: token.is_active(now),
            expired: token.is_expired(now),
            state: token.state(now).as_str(),
            created_at: rfc3339(token.created_at),
            updated_at: rfc3339(token.updated_at),
            scopes: token.scopes.iter().map(|s| s.as_str()).collect(),
            user_id: token.user_id,
            username: &token.username,
            last_used_at: token.last_used_at.map(rfc3339),
            expires_at: token.expires_at.map(|d| d.to_string()),
            impersonation: token.impersonation,
            previous_token_id: token.previous_token_id,
            project: token.project.as_deref(),
            access_level: token.access_level.map(|l| l.as_str()),
            grace_until: token.grace_until.map(rfc3339),
        }
    }

    pub const CSV_HEADER: &'static [&'static str] = &[
        "id",
        "username",
        "name",
        "description",
        "scopes",
        "state",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked",
        "active",
        "expired",
        "impersonation",
        "user_id",
        "project",
        "access_level",
    ];

    pub fn csv_record(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.username.to_string(),
            self.name.to_string(),
            self.description.unwrap_or("").to_string(),
            self.scopes.join(","),
            self.state.to_string(),
            self.created_at.clone(),
            self.last_used_at.clone().unwrap_or_default(),
            self.expires_at.clone().unwrap_or_default(),
            self.revoked.to_string(),
            self.active.to_string(),
            self.expired.to_string(),
            self.impersonation.to_string(),
            self.user_id.to_string(),
            self.project.unwrap_or("").to_string(),
            self.access_level.unwrap_or("").to_string(),
        ]
    }
}

/// A user with the GitLab users API's field names.
#[derive(Debug, Serialize)]
pub struct UserView<'a> {
    pub id: i64,
    pub username: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub state: &'static str,
    pub bot: bool,
    pub is_admin: bool,
    pub user_type: &'static str,
    pub created_at: String,
}

impl<'a> UserView<'a> {
    pub fn new(user: &'a User) -> Self {
        UserView {
            id: user.id,
            username: &user.username,
            name: &user.name,
            email: user.email.as_deref(),
            state: user.state(),
            bot: user.user_type.is_bot(),
            is_admin: user.admin,
            user_type: user.user_type.as_str(),
            created_at: rfc3339(user.created_at),
        }
    }

    pub const CSV_HEADER: &'static [&'static str] =
        &["id", "username", "name", "email", "state", "bot", "is_admin", "user_type", "created_at"];

    pub fn csv_record(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.username.to_string(),
            self.name.to_string(),
            self.email.unwrap_or("").to_string(),
            self.state.to_string(),
            self.bot.to_string(),
            self.is_admin.to_string(),
            self.user_type.to_string(),
            self.created_at.clone(),
        ]
    }
}

/// One RFC 4180 record: fields quoted when they hold a comma, quote or line break.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::csv_line;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_line(&["a", "b c", "x,y", "say \"hi\""]), "a,b c,\"x,y\",\"say \"\"hi\"\"\"\r\n");
    }
}
