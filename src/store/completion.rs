//! What shell completion offers: names that start with what was typed, each one indexed query
//! with a cap, since completion runs on every TAB. Nothing secret is read (no digests).

use super::{Reader, db_error};
use crate::error::Result;

/// A value to offer and what it is, for shells that show descriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub value: String,
    pub about: String,
}

/// The upper end of the range of strings that start with `prefix` under `NOCASE` (which folds
/// ASCII only): U+10FFFF sorts after every character a name can hold.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl Reader<'_> {
    /// Usernames starting with `prefix` (ASCII case ignored), by username; not the ghost user.
    /// A range over the username index.
    pub fn usernames_starting(&self, prefix: &str, limit: usize) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT username, name FROM users WHERE username >= ?1 AND username < ?2 \
                 AND user_type != 'ghost' ORDER BY username LIMIT ?3",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map(rusqlite::params![prefix, prefix_end(prefix), limit as i64], |r| {
                Ok(Candidate { value: r.get(0)?, about: r.get(1)? })
            })
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_error)
    }

    /// Paths of projects not removed, starting with `prefix`, by path; a range over the partial
    /// index of live paths.
    pub fn project_paths_starting(&self, prefix: &str, limit: usize) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, name FROM projects WHERE removed_at IS NULL AND path >= ?1 AND path < ?2 \
                 ORDER BY path LIMIT ?3",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map(rusqlite::params![prefix, prefix_end(prefix), limit as i64], |r| {
                Ok(Candidate { value: r.get(0)?, about: r.get(1)? })
            })
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_error)
    }

    /// Tokens whose id lies in `ids` (inclusive), by id, described as `NAME — OWNER`; revoked
    /// ones only with `revoked`. A range of the primary key.
    pub fn token_ids_between(&self, ids: (i64, i64), revoked: bool, limit: usize) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.name, u.username FROM personal_access_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.id BETWEEN ?1 AND ?2 AND (?3 OR t.revoked = 0) ORDER BY t.id LIMIT ?4",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map(rusqlite::params![ids.0, ids.1, revoked, limit as i64], |r| {
                let (id, name, owner): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                Ok(Candidate { value: id.to_string(), about: format!("{name} — {owner}") })
            })
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_error)
    }
}
