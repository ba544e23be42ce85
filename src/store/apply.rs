//! SQL for `patctl apply`: which tokens a file manages, and in-place updates.

use super::time::{Day, Instant};
use super::tokens::{TOKEN_COLUMN_COUNT, TOKEN_COLUMNS, TOKEN_FROM, token_from_row};
use super::{Reader, Writer};
use crate::domain::model::{Token, UserType};
use crate::domain::scope::Scopes;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};

/// A token managed by an apply source, with the digest that identifies its secret.
#[derive(Debug, Clone)]
pub struct ManagedToken {
    pub token: Token,
    pub digest: String,
}

impl Reader<'_> {
    /// Tokens that `source` manages and that are not revoked, oldest first (one indexed scan).
    pub fn managed_tokens(&self, source: &str) -> Result<Vec<ManagedToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS}, t.token_digest
                 FROM {TOKEN_FROM} JOIN apply_managed_tokens m ON m.token_id = t.id
                 WHERE m.source = ?1 AND t.revoked = 0 ORDER BY t.id"
        );
        self.db.all(&sql, &[&source], |row| {
            // The digest follows the token's columns, however many those are.
            let digest_column = TOKEN_COLUMN_COUNT;
            Ok(ManagedToken { token: token_from_row(row)?, digest: row.get(digest_column)? })
        })
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
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM}
                 WHERE {owner} AND t.name = ?2 AND t.revoked = 0
                   AND NOT EXISTS (SELECT 1 FROM apply_managed_tokens m WHERE m.token_id = t.id)
                 ORDER BY t.id"
        );
        self.db.all(&sql, &[&id, &name], token_from_row)
    }

    pub fn token_managed_by(&self, token_id: i64) -> Result<Option<String>> {
        self.db.optional("SELECT source FROM apply_managed_tokens WHERE token_id = ?1", &[&token_id], |r| r.get(0))
    }
}

impl Writer<'_> {
    /// Records that `source` manages a token (taking it over from another source, if any).
    pub fn mark_token_managed(&self, token_id: i64, source: &str) -> Result<()> {
        self.db()
            .execute(
                "INSERT INTO apply_managed_tokens (token_id, source) VALUES (?1, ?2)
                 ON CONFLICT (token_id) DO UPDATE SET source = excluded.source",
                &[&token_id, &source],
            )
            .map(|_| ())
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
        self.db()
            .execute(
                "UPDATE personal_access_tokens SET scopes = ?2, description = ?3, expires_at = ?4, updated_at = ?5
                 WHERE id = ?1",
                &[&id, &scopes.joined(), &description, &expires_at.map(Day), &Instant(at)],
            )
            .map(|_| ())
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
        self.db()
            .execute(
                "UPDATE users SET name = ?2, email = ?3, user_type = ?4, admin = ?5 WHERE id = ?1",
                &[&id, &name, &email, &user_type.as_str(), &admin],
            )
            .map(|_| ())
    }
}
