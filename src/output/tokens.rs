//! Printing tokens: lists, one token's fields, a created, revoked or verified token, and how
//! messages name a token.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Attention, Columns, Csv, Field, Fit, Keep, Printer, Priority, Row, TextRow, View, humanize, rfc3339};
use crate::domain::expiry::TokenState;
use crate::domain::model::Token;
use crate::domain::secret::Secret;
use crate::domain::text::escape;
use crate::error::Result;

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
    /// Group path of a group access token; null for other tokens.
    pub group: Option<&'a str>,
    /// The project or group bot's role; null for personal tokens.
    pub access_level: Option<&'static str>,
    /// Rotated with a grace period: the old token works until then.
    pub grace_until: Option<String>,
    /// Where `verify --ip` saw it last: at most 5 addresses, newest first.
    pub last_used_ips: &'a [String],
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
            group: token.group.as_deref(),
            access_level: token.access_level.map(|l| l.as_str()),
            grace_until: token.grace_until.map(rfc3339),
            last_used_ips: &token.last_used_ips,
        }
    }
}

/// A token as a CSV record: the fields of [`TokenView`] a spreadsheet needs, scopes joined.
#[derive(Debug, Default, Serialize)]
pub struct TokenRecord<'a> {
    id: i64,
    username: &'a str,
    name: &'a str,
    description: Option<&'a str>,
    scopes: String,
    state: &'static str,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
    revoked: bool,
    active: bool,
    expired: bool,
    impersonation: bool,
    user_id: i64,
    project: Option<&'a str>,
    group: Option<&'a str>,
    access_level: Option<&'static str>,
}

impl<'a> TokenRecord<'a> {
    pub fn new(token: &'a Token, now: DateTime<Utc>) -> Self {
        TokenRecord {
            id: token.id,
            username: &token.username,
            name: &token.name,
            description: token.description.as_deref(),
            scopes: token.scopes.joined(),
            state: token.state(now).as_str(),
            created_at: rfc3339(token.created_at),
            last_used_at: token.last_used_at.map(rfc3339),
            expires_at: token.expires_at.map(|d| d.to_string()),
            revoked: token.is_revoked(now),
            active: token.is_active(now),
            expired: token.is_expired(now),
            impersonation: token.impersonation,
            user_id: token.user_id,
            project: token.project.as_deref(),
            group: token.group.as_deref(),
            access_level: token.access_level.map(|l| l.as_str()),
        }
    }
}

impl Row for Token {
    // On a narrow terminal the dates go first (LAST USED, then CREATED), then the scopes;
    // who owns which token and its state stay, long names cut with `…`.
    const COLUMNS: Columns = Columns {
        names: &["ID", "USER", "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE"],
        optional: &["PROJECT", "GROUP"],
        keep: &[
            ("ID", Keep::Whole),
            ("CREATED", Keep::Whole),
            ("LAST USED", Keep::AtLeast(12)),
            ("EXPIRES", Keep::AtLeast(12)),
            ("STATE", Keep::Whole),
        ],
        fit: &[
            ("ID", Fit::Whole(Priority::High)),
            ("USER", Fit::Shrink(Priority::High, 12)),
            ("NAME", Fit::Shrink(Priority::High, 16)),
            ("SCOPES", Fit::Shrink(Priority::Low, 12)),
            ("CREATED", Fit::Whole(Priority::Low)),
            ("LAST USED", Fit::Shrink(Priority::Lowest, 10)),
            ("EXPIRES", Fit::Shrink(Priority::Normal, 11)),
            ("STATE", Fit::Whole(Priority::High)),
            ("PROJECT", Fit::Shrink(Priority::Normal, 12)),
        ],
    };
    const NONE: &'static str = "no tokens match";
    type Record<'a> = TokenRecord<'a>;

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        TokenView::new(self, now)
    }

    fn record(&self, now: DateTime<Utc>) -> TokenRecord<'_> {
        TokenRecord::new(self, now)
    }

    /// Expired and expiring tokens get their EXPIRES and STATE in red or yellow; a revoked
    /// token's whole row is dimmed. Only project tokens fill the PROJECT column, and only group
    /// tokens the GROUP column (a column no row fills is left out).
    fn cells(&self, printer: &Printer) -> TextRow {
        let attention = printer.attention(self);
        let whole_row = if attention == Some(Attention::Revoked) { attention } else { None };
        let owner = if self.impersonation {
            format!("{} (impersonation)", escape(&self.username))
        } else {
            escape(&self.username)
        };
        let mut row = vec![
            (self.id.to_string(), whole_row),
            (owner, whole_row),
            (escape(&self.name), whole_row),
            (self.scopes.joined().replace(',', ", "), whole_row),
            (self.created_at.format("%Y-%m-%d").to_string(), whole_row),
            (printer.last_used_text(self), whole_row),
            (printer.expires_text(self), attention),
            (self.state(printer.now).as_str().to_string(), attention),
        ];
        if self.project.is_some() {
            row.push((project_text(self), whole_row));
        }
        if self.group.is_some() {
            row.push((String::new(), whole_row));
            row.push((group_text(self), whole_row));
        }
        row
    }
}

impl Printer {
    /// How a token needs attention, for colour: expired, expiring within `expiry.within_days`,
    /// or revoked (`None`: nothing to flag, or no colour wanted).
    pub(super) fn attention(&self, token: &Token) -> Option<Attention> {
        if !self.color {
            return None;
        }
        let today = self.now.date_naive();
        match token.state(self.now) {
            TokenState::Revoked => Some(Attention::Revoked),
            TokenState::Expired => Some(Attention::Expired),
            TokenState::Active | TokenState::Rotating
                if token.expires_at.is_some_and(|d| (d - today).num_days() <= self.warn_days) =>
            {
                Some(Attention::Expiring)
            }
            _ => None,
        }
    }

    pub(super) fn last_used_text(&self, token: &Token) -> String {
        last_used_text(token, self.now)
    }

    pub(super) fn expires_text(&self, token: &Token) -> String {
        match token.expires_at {
            None => "never".to_string(),
            Some(date) => format!("{date} ({})", humanize::relative_day(date, self.now.date_naive())),
        }
    }
}

/// "never", or how long ago as of `now` and when.
pub(super) fn last_used_text(token: &Token, now: DateTime<Utc>) -> String {
    match token.last_used_at {
        None => "never".to_string(),
        Some(at) => format!("{} ({} UTC)", humanize::relative(at, now), at.format("%Y-%m-%d %H:%M")),
    }
}

/// "group/project (role)" for a project token, "none" for a personal one.
fn last_used_ips_text(token: &Token) -> String {
    match token.last_used_ips.is_empty() {
        true => "none".into(),
        false => token.last_used_ips.join(", "),
    }
}

fn project_text(token: &Token) -> String {
    resource_text(token.project.as_deref(), token)
}

/// "parent/group (role)" for a group token, "none" for any other.
fn group_text(token: &Token) -> String {
    resource_text(token.group.as_deref(), token)
}

fn resource_text(path: Option<&str>, token: &Token) -> String {
    match (path, token.access_level) {
        (Some(path), Some(level)) => format!("{} ({})", escape(path), level.as_str()),
        (Some(path), None) => escape(path),
        _ => "none".to_string(),
    }
}

/// A token in messages: `token 42 'name' for owner (scopes; expires 2027-01-31)`.
pub fn describe(token: &Token) -> String {
    let expires = token.expires_at.map(|d| format!("expires {d}")).unwrap_or_else(|| "never expires".into());
    let owner = match (&token.project, token.access_level) {
        (Some(path), Some(level)) => format!("{} of project {} ({})", token.username, escape(path), level.as_str()),
        _ if let (Some(path), Some(level)) = (&token.group, token.access_level) => {
            format!("{} of group {} ({})", token.username, escape(path), level.as_str())
        }
        _ if token.impersonation => format!("{} (impersonation)", token.username),
        _ => token.username.clone(),
    };
    format!("token {} '{}' for {owner} ({}; {expires})", token.id, escape(&token.name), token.scopes.joined())
}

/// Every field of one token (never the token itself).
pub struct TokenDetail<'a>(pub &'a Token);

impl View for TokenDetail<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let token = self.0;
        let time = |at: DateTime<Utc>| format!("{} UTC", at.format("%Y-%m-%d %H:%M:%S"));
        let fields: Vec<Field> = vec![
            ("ID", token.id.to_string(), None),
            ("User", format!("{} (id {})", escape(&token.username), token.user_id), None),
            ("Name", escape(&token.name), None),
            ("Description", token.description.as_deref().map(escape).unwrap_or_default(), None),
            ("Scopes", token.scopes.joined(), None),
            ("State", token.state(printer.now).as_str().to_string(), printer.attention(token)),
            ("Impersonation", if token.impersonation { "yes" } else { "no" }.to_string(), None),
            ("Project", project_text(token), None),
            ("Group", group_text(token), None),
            ("Access level", token.access_level.map(|l| l.as_str()).unwrap_or("none").to_string(), None),
            ("Created", time(token.created_at), None),
            ("Updated", time(token.updated_at), None),
            ("Last used", printer.last_used_text(token), None),
            ("Last used from", last_used_ips_text(token), None),
            ("Expires", printer.expires_text(token), None),
            ("Grace until", token.grace_until.map(time).unwrap_or_else(|| "none".into()), None),
            ("Previous token", token.previous_token_id.map(|id| id.to_string()).unwrap_or_else(|| "none".into()), None),
        ];
        printer.detail(fields)
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        TokenView::new(self.0, now)
    }

    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.record(&TokenRecord::new(self.0, now))
    }
}

/// A token just created; a generated secret is shown this one time (a table shows only it).
pub struct CreatedToken<'a> {
    pub token: &'a Token,
    pub secret: Option<&'a Secret>,
}

#[derive(Serialize)]
struct CreatedView<'a> {
    #[serde(flatten)]
    token: TokenView<'a>,
    #[serde(rename = "token", skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

/// The secret's column, after the token's.
#[derive(Serialize)]
struct SecretRecord<'a> {
    token: &'a str,
}

impl View for CreatedToken<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        match self.secret {
            Some(secret) => printer.line(secret.expose()),
            None => Ok(()),
        }
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        CreatedView { token: TokenView::new(self.token, now), secret: self.secret.map(Secret::expose) }
    }

    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        let record = TokenRecord::new(self.token, now);
        match self.secret {
            Some(secret) => csv.record(&(record, SecretRecord { token: secret.expose() })),
            None => csv.record(&record),
        }
    }
}

/// A token that `verify` accepted: its owner and id.
pub struct Verified<'a>(pub &'a Token);

#[derive(Serialize)]
struct VerifiedView<'a> {
    valid: bool,
    id: i64,
    username: &'a str,
    user_id: i64,
    name: &'a str,
    scopes: Vec<&'static str>,
    expires_at: Option<String>,
    last_used_at: Option<String>,
}

#[derive(Serialize)]
struct VerifiedRecord<'a> {
    username: &'a str,
    id: i64,
}

impl View for Verified<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        printer.line(&format!("{} {}", self.0.username, self.0.id))
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        let token = self.0;
        VerifiedView {
            valid: true,
            id: token.id,
            username: &token.username,
            user_id: token.user_id,
            name: &token.name,
            scopes: token.scopes.iter().map(|s| s.as_str()).collect(),
            expires_at: token.expires_at.map(|d| d.to_string()),
            last_used_at: token.last_used_at.map(rfc3339),
        }
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.record(&VerifiedRecord { username: &self.0.username, id: self.0.id })
    }
}

/// Why `verify` refused a token, for scripts reading JSON (print it with [`super::JsonOnly`]).
#[derive(Serialize)]
pub struct Rejection<'a> {
    valid: bool,
    reason: &'static str,
    message: &'a str,
}

impl<'a> Rejection<'a> {
    pub fn new(reason: &'static str, message: &'a str) -> Self {
        Rejection { valid: false, reason, message }
    }
}
