//! The records patctl keeps, as plain values.

use chrono::{DateTime, NaiveDate, Utc};

use super::expiry::{self, TokenState};
use super::project::AccessLevel;
use super::scope::Scopes;
use crate::error::{Error, Result};

/// Who acts, and when: stamped on every change and on its audit event.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub now: DateTime<Utc>,
    pub actor: String,
    pub clock: Clock,
}

/// Where `now` came from. Every audit event of a run on a fixed clock says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// `PATCTL_NOW`: reproducible runs, and any time an operator chose.
    Fixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserType {
    Human,
    Bot,
    ProjectBot,
    /// GitLab 16.1+: a non-human account an admin creates and whose tokens the admin manages.
    ServiceAccount,
    Ghost,
}

impl UserType {
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::Human => "human",
            UserType::Bot => "bot",
            UserType::ProjectBot => "project_bot",
            UserType::ServiceAccount => "service_account",
            UserType::Ghost => "ghost",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [UserType::Human, UserType::Bot, UserType::ProjectBot, UserType::ServiceAccount, UserType::Ghost]
            .into_iter()
            .find(|t| t.as_str() == text)
    }

    pub fn is_bot(self) -> bool {
        self != UserType::Human
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub email: Option<String>,
    pub user_type: UserType,
    pub blocked: bool,
    pub admin: bool,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn state(&self) -> &'static str {
        if self.blocked { "blocked" } else { "active" }
    }
}

/// GitLab's username rule: letters, digits, `_`, `-` and `.`, not starting with `-`.
pub fn check_username(username: &str) -> Result<()> {
    let valid_chars = username.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !username.is_empty() && username.len() <= 255 && valid_chars && !username.starts_with('-') {
        return Ok(());
    }
    Err(Error::data(format!("invalid username '{}'", super::text::escape(username))).with_hint(
        "a username has letters, digits, '_', '-' and '.', does not start with '-', and is at most 255 characters",
    ))
}

/// A stored token. It never holds the token string, only facts about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub name: String,
    pub description: Option<String>,
    pub scopes: Scopes,
    pub expires_at: Option<NaiveDate>,
    pub revoked: bool,
    pub impersonation: bool,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub previous_token_id: Option<i64>,
    /// The project of a project access token (its id and path); None for personal tokens.
    pub project_id: Option<i64>,
    pub project: Option<String>,
    /// The group of a group access token (its id and path); a token has a project or a group.
    pub group_id: Option<i64>,
    pub group: Option<String>,
    /// The bot's role in the project or group, for project and group access tokens.
    pub access_level: Option<AccessLevel>,
    /// Rotated with a grace period: the token keeps working until this instant.
    pub grace_until: Option<DateTime<Utc>>,
    /// The last client addresses it was verified from (`verify --ip`), newest first, at most 5.
    pub last_used_ips: Vec<String>,
}

impl Token {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        expiry::is_expired(self.expires_at, now)
    }

    /// Revoked, or rotated with a grace period that has ended by `now`.
    pub fn is_revoked(&self, now: DateTime<Utc>) -> bool {
        self.revoked || self.grace_until.is_some_and(|end| now >= end)
    }

    /// GitLab's `active?`: not revoked and not expired. A token in its rotation grace period
    /// is active until the grace ends.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        !self.is_revoked(now) && !self.is_expired(now)
    }

    pub fn state(&self, now: DateTime<Utc>) -> TokenState {
        if self.is_revoked(now) {
            TokenState::Revoked
        } else if self.is_expired(now) {
            TokenState::Expired
        } else if self.grace_until.is_some() {
            TokenState::Rotating
        } else {
            TokenState::Active
        }
    }
}

/// A user's membership of a project or group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: i64,
    pub username: String,
    pub user_type: UserType,
    pub access_level: AccessLevel,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_gitlab_rules() {
        for ok in ["automation-bot", "alice", "a.b_c-d", "_x", "Root1"] {
            assert!(check_username(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-bob", "with space", "semi;colon", "é", &"a".repeat(256)] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_token_in_its_grace_period_is_rotating_then_revoked() {
        let now = crate::domain::expiry::parse_instant("2026-11-23T10:00:00Z").unwrap();
        let token = Token {
            expires_at: Some(crate::domain::expiry::parse_date("2027-01-01").unwrap()),
            grace_until: Some(crate::domain::expiry::parse_instant("2026-11-23T12:00:00Z").unwrap()),
            ..crate::domain::sample::token()
        };
        assert_eq!(token.state(now).as_str(), "rotating");
        assert!(token.is_active(now));
        let later = crate::domain::expiry::parse_instant("2026-11-23T12:00:00Z").unwrap();
        assert_eq!(token.state(later).as_str(), "revoked");
        assert!(!token.is_active(later));
        assert!(token.is_revoked(later));
    }

    #[test]
    fn user_types_round_trip_and_only_humans_are_not_bots() {
        let all = [UserType::Human, UserType::Bot, UserType::ProjectBot, UserType::ServiceAccount, UserType::Ghost];
        let names: Vec<&str> = all.iter().map(|t| t.as_str()).collect();
        assert_eq!(names, ["human", "bot", "project_bot", "service_account", "ghost"]);
        for t in all {
            assert_eq!(UserType::parse(t.as_str()), Some(t));
            assert_eq!(t.is_bot(), t != UserType::Human, "{}", t.as_str());
        }
        assert_eq!(UserType::parse("robot"), None);
    }

    #[test]
    fn a_user_is_blocked_or_active() {
        let user = User {
            id: 1,
            username: "alice".into(),
            name: "Alice".into(),
            email: None,
            user_type: UserType::Human,
            blocked: false,
            admin: false,
            created_at: DateTime::UNIX_EPOCH,
        };
        assert_eq!(user.state(), "active");
        assert_eq!(User { blocked: true, ..user }.state(), "blocked");
    }
}
