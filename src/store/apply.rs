//! SQL for `patctl apply`: which tokens a file manages, and in-place updates.

use super::sql::{BATCH, Value, params_of, rows_of};
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

    /// The live personal tokens made by hand of these (user id, name) pairs, oldest first: what
    /// [`Reader::hand_made_tokens_of_user`] finds for each pair, [`BATCH`] pairs to a statement.
    pub fn hand_made_tokens_of_users(&self, pairs: &[(i64, &str)]) -> Result<Vec<Token>> {
        let mut ids = Vec::new();
        for chunk in pairs.chunks(BATCH) {
            // The first row's casts type the columns on PostgreSQL. Only ids here, and no joins:
            // with users joined, PostgreSQL may probe the index by owner alone.
            let mut rows = rows_of("({0}, {1})", 2, chunk.len(), 1);
            rows.replace_range(.."(?1, ?2)".len(), "(CAST(?1 AS BIGINT), CAST(?2 AS TEXT))");
            let sql = format!(
                "SELECT t.id FROM (VALUES {rows}) AS v CROSS JOIN personal_access_tokens t
                     WHERE t.user_id = v.column1 AND t.name = v.column2 AND t.project_id IS NULL
                       AND t.impersonation = 0 AND t.revoked = 0
                       AND NOT EXISTS (SELECT 1 FROM apply_managed_tokens m WHERE m.token_id = t.id)"
            );
            let values: Vec<Value> =
                chunk.iter().flat_map(|(id, name)| [Value::Integer(*id), Value::Text(name.to_string())]).collect();
            ids.extend(self.db.all(&sql, &params_of(&values), |r| r.get::<i64>(0))?);
        }
        ids.sort_unstable();
        ids.dedup();
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH) {
            let mut by_id = self.tokens_by_ids(chunk)?;
            found.extend(chunk.iter().filter_map(|id| by_id.remove(id)));
        }
        Ok(found)
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

    /// Records that `source` manages these tokens, as [`Writer::mark_token_managed`] each.
    pub fn mark_tokens_managed(&self, token_ids: &[i64], source: &str) -> Result<()> {
        for chunk in token_ids.chunks(BATCH) {
            let rows = rows_of("({0}, ?1)", 1, chunk.len(), 2);
            let sql = format!(
                "INSERT INTO apply_managed_tokens (token_id, source) VALUES {rows}
                 ON CONFLICT (token_id) DO UPDATE SET source = excluded.source"
            );
            let mut values = vec![Value::Text(source.to_string())];
            values.extend(chunk.iter().map(|id| Value::Integer(*id)));
            self.db().execute(&sql, &params_of(&values))?;
        }
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
