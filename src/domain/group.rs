//! Groups (GitLab's namespaces, nested as `a/b/c`) and the names of their bot users. A group's
//! members are `model::Member`, with the same roles as a project's.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};

/// A group, by its full path (`parent/child`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub path: String,
    pub name: String,
    /// How many bot users the group has had: the next bot's number.
    pub bots_created: i64,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

/// GitLab's subgroup depth limit.
const MAX_DEPTH: usize = 20;

/// A group path such as `parent/child`: one to 20 segments, each as a project path's (letters,
/// digits, `_`, `-` and `.`, not starting with `-` or `.`, not ending in `.git` or `.atom`).
pub fn check_path(path: &str) -> Result<()> {
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() <= MAX_DEPTH && path.len() <= 1024 && segments.iter().all(|s| super::project::segment_ok(s)) {
        return Ok(());
    }
    Err(Error::data(format!("invalid group path '{}'", super::text::escape(path))).with_hint(
        "a group path is GROUP or PARENT/SUBGROUP/..., at most 20 deep, e.g. infra/ci; segments hold letters, digits, '_', '-' and '.', and do not start with '-' or '.'",
    ))
}

/// The username of a group's bot: `group_{id}_bot` for the first, then `group_{id}_bot1`, ...
/// `earlier` is how many bots the group has had before this one.
pub fn bot_username(group_id: i64, earlier: i64) -> String {
    match earlier {
        0 => format!("group_{group_id}_bot"),
        n => format!("group_{group_id}_bot{n}"),
    }
}

/// The bot's noreply address: `group{id}_bot[N]@noreply.{host}`.
pub fn bot_email(group_id: i64, earlier: i64, mail_host: &str) -> String {
    match earlier {
        0 => format!("group{group_id}_bot@noreply.{mail_host}"),
        n => format!("group{group_id}_bot{n}@noreply.{mail_host}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_bots_are_named_as_the_seed_names_project_bots() {
        assert_eq!(bot_username(3, 0), "group_3_bot");
        assert_eq!(bot_username(3, 1), "group_3_bot1");
        assert_eq!(bot_email(3, 0, "example.com"), "group3_bot@noreply.example.com");
        assert_eq!(bot_email(3, 2, "localhost"), "group3_bot2@noreply.localhost");
    }

    #[test]
    fn group_paths_nest_and_have_clean_segments() {
        for ok in ["infra", "a/b/c", "sub.group/my-team_1", &["g"; 20].join("/")] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        for bad in ["", "/g", "g/", "g//h", "-g", "g/.h", "g h", "g.git", "g/h.atom", "é", &["g"; 21].join("/")] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }
}
