//! Candidates for shell completion: what the database holds that starts with what was typed.
//! Read-only, capped, and never anything secret.

use crate::domain::scope::Scope;
use crate::error::Result;
use crate::store::Reader;

pub use crate::store::Candidate;

/// At most this many candidates per TAB: more is no help on a screen, and keeps a TAB fast on a
/// large database.
pub const LIMIT: usize = 200;

pub fn usernames(reader: &Reader<'_>, prefix: &str) -> Result<Vec<Candidate>> {
    reader.usernames_starting(prefix, LIMIT)
}

pub fn project_paths(reader: &Reader<'_>, prefix: &str) -> Result<Vec<Candidate>> {
    reader.project_paths_starting(prefix, LIMIT)
}

pub fn group_paths(reader: &Reader<'_>, prefix: &str) -> Result<Vec<Candidate>> {
    reader.group_paths_starting(prefix, LIMIT)
}

/// Token ids starting with the digits `prefix`, ascending, described by name and owner; revoked
/// tokens only with `revoked` (`show` takes any token, `revoke` and `rotate` a live one).
pub fn token_ids(reader: &Reader<'_>, prefix: &str, revoked: bool) -> Result<Vec<Candidate>> {
    let mut found = Vec::new();
    for range in id_ranges(prefix) {
        found.extend(reader.token_ids_between(range, revoked, LIMIT - found.len())?);
        if found.len() >= LIMIT {
            break;
        }
    }
    Ok(found)
}

/// The ids whose decimal form starts with `prefix`, as ascending ranges of the primary key
/// (`4` is 4, 40–49, 400–499, ...), so that each is one range scan instead of a scan of every id.
pub fn id_ranges(prefix: &str) -> Vec<(i64, i64)> {
    if prefix.is_empty() {
        return vec![(1, i64::MAX)];
    }
    let Ok(first) = prefix.parse::<i64>() else { return Vec::new() };
    if !prefix.bytes().all(|b| b.is_ascii_digit()) || prefix.starts_with('0') {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let (mut low, mut width) = (first, 1i64);
    loop {
        ranges.push((low, low.saturating_add(width - 1)));
        match (low.checked_mul(10), width.checked_mul(10)) {
            (Some(next_low), Some(next_width)) => (low, width) = (next_low, next_width),
            _ => break,
        }
    }
    ranges
}

/// Whom a token is for, as far as the command line being completed says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// No owner given, or one the database does not know: every scope.
    Unknown,
    User {
        admin: bool,
    },
    /// A project's or a group's bot: both hold the same scopes.
    Project,
}

pub fn user_owner(reader: &Reader<'_>, username: &str) -> Result<Owner> {
    Ok(reader.user_by_username(username)?.map_or(Owner::Unknown, |user| Owner::User { admin: user.admin }))
}

/// The scopes `owner` may hold, in GitLab's order (the rules of `Scopes::check_owner` and
/// `check_project`).
pub fn scopes_for(owner: Owner) -> Vec<Scope> {
    Scope::ALL
        .into_iter()
        .filter(|scope| match owner {
            Owner::Unknown | Owner::User { admin: true } => true,
            Owner::User { admin: false } => !scope.is_admin_only(),
            Owner::Project => scope.allowed_for_project(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_cover_exactly_the_ids_with_the_prefix() {
        assert_eq!(id_ranges(""), [(1, i64::MAX)]);
        assert_eq!(&id_ranges("4")[..3], [(4, 4), (40, 49), (400, 499)]);
        assert_eq!(id_ranges("4").len(), 19);
        assert_eq!(*id_ranges("9").last().unwrap(), (9_000_000_000_000_000_000, i64::MAX));
        for bad in ["0", "01", "x", "-1", "99999999999999999999"] {
            assert_eq!(id_ranges(bad), [], "{bad}");
        }
        let covered = |id: i64| id_ranges("12").iter().any(|(low, high)| (*low..=*high).contains(&id));
        for id in 1..=20_000 {
            assert_eq!(covered(id), id.to_string().starts_with("12"), "{id}");
        }
    }

    #[test]
    fn scopes_follow_the_owner() {
        assert_eq!(scopes_for(Owner::Unknown), Scope::ALL);
        assert_eq!(scopes_for(Owner::User { admin: true }), Scope::ALL);
        assert!(!scopes_for(Owner::User { admin: false }).contains(&Scope::Sudo));
        assert!(scopes_for(Owner::User { admin: false }).contains(&Scope::ReadUser));
        assert!(!scopes_for(Owner::Project).contains(&Scope::ReadUser));
        assert!(!scopes_for(Owner::Project).contains(&Scope::AdminMode));
    }
}
