//! SQL for `patctl apply`: which tokens a file manages, and in-place updates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::time::{Day, Instant};
use super::tokens::{TOKEN_COLUMN_COUNT, TOKEN_COLUMNS, TOKEN_FROM, token_from_row};
use super::{Reader, Store, Writer};
use crate::domain::model::{Token, UserType};
use crate::domain::scope::Scopes;
use crate::error::Result;

/// A token managed by an apply source, with the digest that identifies its secret.
#[derive(Debug, Clone)]
pub struct ManagedToken {
    pub token: Token,
    pub digest: String,
}

impl Store {
    /// A page cache of `cache_mib` MiB for one large write (an apply of many entries), so that
    /// index pages are neither spilled to the WAL mid-transaction nor read again.
    pub fn tune_for_bulk(&self, cache_mib: i64) -> Result<()> {
        Ok(self.conn.execute_batch(&format!("PRAGMA cache_size = -{}", cache_mib.max(2) * 1024))?)
    }
}

impl Reader<'_> {
    /// Tokens that `source` manages and that are not revoked, oldest first (one indexed scan).
    pub fn managed_tokens(&self, source: &str) -> Result<Vec<ManagedToken>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {TOKEN_COLUMNS}, t.token_digest
                 FROM {TOKEN_FROM} JOIN apply_managed_tokens m ON m.token_id = t.id
                 WHERE m.source = ?1 AND t.revoked = 0 ORDER BY t.id"
        ))?;
        let rows = stmt.query_map([source], |row| {
            // The digest follows the token's columns, however many those are.
            let digest_column = TOKEN_COLUMN_COUNT;
            Ok(ManagedToken { token: token_from_row(row)?, digest: row.get(digest_column)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The source that manages a token, if any.
    /// Live personal tokens of `user_id` named `name` that no apply file manages (made by hand).
    pub fn hand_made_tokens_of_user(&self, user_id: i64, name: &str) -> Result<Vec<Token>> {
        self.hand_made_tokens("t.user_id = ?1 AND t.project_id IS NULL AND t.impersonation = 0", user_id, name)
    }

    /// Live tokens of project `project_id` named `name` that no apply file manages.
    pub fn hand_made_tokens_of_project(&self, project_id: i64, name: &str) -> Result<Vec<Token>> {
        self.hand_made_tokens("t.project_id = ?1", project_id, name)
    }

    /// Live tokens of group `group_id` named `name` that no apply file manages.
    pub fn hand_made_tokens_of_group(&self, group_id: i64, name: &str) -> Result<Vec<Token>> {
        self.hand_made_tokens("t.group_id = ?1", group_id, name)
    }

    fn hand_made_tokens(&self, owner: &str, id: i64, name: &str) -> Result<Vec<Token>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM}
                 WHERE {owner} AND t.name = ?2 AND t.revoked = 0
                   AND NOT EXISTS (SELECT 1 FROM apply_managed_tokens m WHERE m.token_id = t.id)
                 ORDER BY t.id"
        ))?;
        let rows = stmt.query_map(params![id, name], token_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn token_managed_by(&self, token_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT source FROM apply_managed_tokens WHERE token_id = ?1")
            .and_then(|mut stmt| stmt.query_row([token_id], |r| r.get(0)).optional())?)
    }
}

impl Writer<'_> {
    /// Records that `source` manages a token (taking it over from another source, if any).
    pub fn mark_token_managed(&self, token_id: i64, source: &str) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR REPLACE INTO apply_managed_tokens (token_id, source) VALUES (?1, ?2)")
            .and_then(|mut stmt| stmt.execute(params![token_id, source]))?;
        Ok(())
    }

    /// Changes what a token may do and until when, keeping its secret.
    pub fn update_token_in_place(
        &self,
        id: i64,
        scopes: &Scopes,
        description: Option<&str>,
        expires_at: Option<NaiveDate>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE personal_access_tokens SET scopes = ?2, description = ?3, expires_at = ?4, updated_at = ?5
                 WHERE id = ?1",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![id, scopes.joined(), description, expires_at.map(Day), Instant(at)])
            })?;
        Ok(())
    }

    /// Changes a user's profile fields.
    pub fn update_user_profile(
        &self,
        id: i64,
        name: &str,
        email: Option<&str>,
        user_type: UserType,
        admin: bool,
    ) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE users SET name = ?2, email = ?3, user_type = ?4, admin = ?5 WHERE id = ?1")
            .and_then(|mut stmt| stmt.execute(params![id, name, email, user_type.as_str(), admin]))?;
        Ok(())
    }
}
