//! What shell completion offers: names that start with what was typed, each one indexed query
//! with a cap, since completion runs on every TAB. Nothing secret is read (no digests).

use super::Reader;
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

const USERNAMES: &str = "SELECT username, name FROM users WHERE username >= ?1 AND username < ?2 \
     AND user_type != 'ghost' ORDER BY username LIMIT ?3";
const PROJECT_PATHS: &str = "SELECT path, name FROM projects WHERE removed_at IS NULL AND path >= ?1 AND path < ?2 \
     ORDER BY path LIMIT ?3";
const GROUP_PATHS: &str = "SELECT path, name FROM groups WHERE removed_at IS NULL AND path >= ?1 AND path < ?2 \
     ORDER BY path LIMIT ?3";
const TOKEN_IDS: &str = "SELECT t.id, t.name, u.username FROM personal_access_tokens t JOIN users u ON u.id = t.user_id \
     WHERE t.id BETWEEN ?1 AND ?2 AND (?3 OR t.revoked = 0) ORDER BY t.id LIMIT ?4";

impl Reader<'_> {
    /// Usernames starting with `prefix` (ASCII case ignored), by username; not the ghost user.
    /// A range over the username index.
    pub fn usernames_starting(&self, prefix: &str, limit: usize) -> Result<Vec<Candidate>> {
        self.db.all(USERNAMES, &[&prefix, &prefix_end(prefix), &limit], |r| {
            Ok(Candidate { value: r.get(0)?, about: r.get(1)? })
        })
    }

    /// Paths of projects not removed, starting with `prefix`, by path; a range over the partial
    /// index of live paths.
    pub fn project_paths_starting(&self, prefix: &str, limit: usize) -> Result<Vec<Candidate>> {
        self.db.all(PROJECT_PATHS, &[&prefix, &prefix_end(prefix), &limit], |r| {
            Ok(Candidate { value: r.get(0)?, about: r.get(1)? })
        })
    }

    /// Paths of groups not removed, starting with `prefix`, by path; a range over the partial
    /// index of live paths.
    pub fn group_paths_starting(&self, prefix: &str, limit: usize) -> Result<Vec<Candidate>> {
        self.db.all(GROUP_PATHS, &[&prefix, &prefix_end(prefix), &limit], |r| {
            Ok(Candidate { value: r.get(0)?, about: r.get(1)? })
        })
    }

    /// Tokens whose id lies in `ids` (inclusive), by id, described as `NAME — OWNER`; revoked
    /// ones only with `revoked`. A range of the primary key.
    pub fn token_ids_between(&self, ids: (i64, i64), revoked: bool, limit: usize) -> Result<Vec<Candidate>> {
        self.db.all(TOKEN_IDS, &[&ids.0, &ids.1, &revoked, &limit], |r| {
            let (id, name, owner): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(Candidate { value: id.to_string(), about: format!("{name} — {owner}") })
        })
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    /// Each query is a range over an index (no scan of the table, no sort), whatever its size.
    #[test]
    fn every_completion_query_is_an_index_range() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::sqlite::migrations::migrate(&mut conn, 1, "").unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            // The plan is made when the statement is prepared; the values bound do not matter.
            let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
            let rows = stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3)).unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
        };
        for (sql, wanted) in [
            (USERNAMES, "SEARCH users USING INDEX sqlite_autoindex_users_1 (username>? AND username<?)"),
            (PROJECT_PATHS, "SEARCH projects USING INDEX index_projects_on_path_not_removed (path>? AND path<?)"),
            (GROUP_PATHS, "SEARCH groups USING INDEX index_groups_on_path_not_removed (path>? AND path<?)"),
            (
                TOKEN_IDS,
                "SEARCH t USING INTEGER PRIMARY KEY (rowid>? AND rowid<?) | SEARCH u USING INTEGER PRIMARY KEY (rowid=?)",
            ),
        ] {
            assert_eq!(plan(sql), wanted, "{sql}");
        }
    }

    #[test]
    fn the_prefix_range_ignores_ascii_case_as_usernames_do() {
        let conn = Connection::open_in_memory().unwrap();
        let matches = |name: &str, prefix: &str| -> bool {
            conn.query_row(
                "SELECT ?1 >= ?2 COLLATE NOCASE AND ?1 < ?3 COLLATE NOCASE",
                rusqlite::params![name, prefix, prefix_end(prefix)],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(matches("Alice", "al") && matches("alice", "AL") && matches("al", "al") && matches("alé", "al"));
        assert!(!matches("bob", "al") && !matches("a", "al") && !matches("ak", "al"));
        assert!(matches("anything", ""));
    }
}
