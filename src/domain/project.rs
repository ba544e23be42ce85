//! Projects, their bot users and roles, and the rotation grace rule. Pure values and rules;
//! a project's members are `model::Member` (a member is a user with a role).

use chrono::{DateTime, TimeDelta, Utc};

use crate::error::{Error, Result};

/// A project, by its full path (`group/subgroup/project`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: i64,
    pub path: String,
    pub name: String,
    /// How many bot users the project has had: the next bot's number.
    pub bots_created: i64,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

/// A member's role in a project (GitLab's access levels, lowest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessLevel {
    Guest,
    Reporter,
    Developer,
    Maintainer,
    Owner,
}

impl AccessLevel {
    pub const ALL: [AccessLevel; 5] = [
        AccessLevel::Guest,
        AccessLevel::Reporter,
        AccessLevel::Developer,
        AccessLevel::Maintainer,
        AccessLevel::Owner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Guest => "guest",
            AccessLevel::Reporter => "reporter",
            AccessLevel::Developer => "developer",
            AccessLevel::Maintainer => "maintainer",
            AccessLevel::Owner => "owner",
        }
    }

    /// GitLab's numeric access level (10 guest ... 50 owner).
    pub fn gitlab_value(self) -> u8 {
        match self {
            AccessLevel::Guest => 10,
            AccessLevel::Reporter => 20,
            AccessLevel::Developer => 30,
            AccessLevel::Maintainer => 40,
            AccessLevel::Owner => 50,
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == text).ok_or_else(|| {
            Error::data(format!("unknown access level '{}'", super::text::escape(text)))
                .with_hint("use guest, reporter, developer, maintainer or owner")
        })
    }
}

/// A project path such as `group/subgroup/project`: at least a namespace and a project, each
/// segment of letters, digits, `_`, `-` and `.`, not starting with `-` or `.` (GitLab's rule).
pub fn check_path(path: &str) -> Result<()> {
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() >= 2 && path.len() <= 1024 && segments.iter().all(|s| segment_ok(s)) {
        return Ok(());
    }
    Err(Error::data(format!("invalid project path '{}'", super::text::escape(path))).with_hint(
        "a project path is NAMESPACE/PROJECT, e.g. group/subgroup/project; segments hold letters, digits, '_', '-' and '.', and do not start with '-' or '.'",
    ))
}

/// One segment of a project or group path (GitLab's namespace path rule).
pub(crate) fn segment_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !s.starts_with(['-', '.'])
        && !s.ends_with(".git")
        && !s.ends_with(".atom")
}

/// The username of a project's bot: `project_{id}_bot` for the first, then `project_{id}_bot1`, ...
/// `earlier` is how many bots the project has had before this one.
pub fn bot_username(project_id: i64, earlier: i64) -> String {
    match earlier {
        0 => format!("project_{project_id}_bot"),
        n => format!("project_{project_id}_bot{n}"),
    }
}

/// The bot's noreply address: `project{id}_bot[N]@noreply.{host}`.
pub fn bot_email(project_id: i64, earlier: i64, mail_host: &str) -> String {
    match earlier {
        0 => format!("project{project_id}_bot@noreply.{mail_host}"),
        n => format!("project{project_id}_bot{n}@noreply.{mail_host}"),
    }
}

/// The longest grace period a rotation may leave the old token.
pub const MAX_GRACE: TimeDelta = TimeDelta::days(7);

/// Checks a rotation grace period: more than zero, at most [`MAX_GRACE`].
pub fn check_grace(grace: TimeDelta) -> Result<()> {
    if grace <= TimeDelta::zero() {
        return Err(Error::data("the grace period must be longer than zero").with_hint("e.g. --grace 1h"));
    }
    if grace > MAX_GRACE {
        return Err(Error::data("the grace period may be at most 7 days").with_hint("e.g. --grace 1d or --grace 7d"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_interval;

    #[test]
    fn bots_are_named_as_gitlab_does() {
        assert_eq!(bot_username(7, 0), "project_7_bot");
        assert_eq!(bot_username(7, 1), "project_7_bot1");
        assert_eq!(bot_username(7, 2), "project_7_bot2");
        assert_eq!(bot_email(7, 0, "example.com"), "project7_bot@noreply.example.com");
        assert_eq!(bot_email(7, 2, "localhost"), "project7_bot2@noreply.localhost");
    }

    #[test]
    fn project_paths_need_a_namespace_and_clean_segments() {
        for ok in ["group/project", "group/sub.group/my-project_1", "a/b/c/d"] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        for bad in ["project", "", "/project", "group/", "group//p", "-g/p", "g/.p", "g/p q", "g/p.git", "g/é"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn access_levels_parse_and_order() {
        assert_eq!(AccessLevel::parse("maintainer").unwrap(), AccessLevel::Maintainer);
        assert!(AccessLevel::parse("admin").is_err());
        assert!(AccessLevel::Guest < AccessLevel::Owner);
        assert_eq!(AccessLevel::Developer.gitlab_value(), 30);
    }

    #[test]
    fn grace_is_positive_and_at_most_a_week() {
        assert!(check_grace(parse_interval("1h").unwrap()).is_ok());
        assert!(check_grace(parse_interval("7d").unwrap()).is_ok());
        assert!(check_grace(parse_interval("1w").unwrap()).is_ok());
        assert!(check_grace(parse_interval("169h").unwrap()).is_err());
        assert!(check_grace(parse_interval("0s").unwrap()).is_err());
    }
}
