use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::time::Instant;
use super::{Reader, Writer};
use crate::domain::model::{User, UserType};
use crate::error::{Error, Result};

const USER_COLUMNS: &str = "id, username, name, email, user_type, state, admin, created_at";

pub struct NewUser<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub user_type: UserType,
    pub admin: bool,
    pub created_at: DateTime<Utc>,
}

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    let user_type: String = row.get(4)?;
    let state: String = row.get(5)?;
    Ok(User {
        id: row.get(0)?,
        username: row.get(1)?,
        name: row.get(2)?,
        email: row.get(3)?,
        user_type: UserType::parse(&user_type).unwrap_or(UserType::Human),
        blocked: state == "blocked",
        admin: row.get(6)?,
        created_at: row.get::<_, Instant>(7)?.0,
    })
}

impl Reader<'_> {
    /// Usernames are unique regardless of case, as in GitLab.
    pub fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?1"))
            .and_then(|mut stmt| stmt.query_row([username], user_from_row).optional())?)
    }

    pub fn user_by_id(&self, id: i64) -> Result<Option<User>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))
            .and_then(|mut stmt| stmt.query_row([id], user_from_row).optional())?)
    }

    /// Every user but the system's ghost user, by id.
    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE user_type != 'ghost' ORDER BY id"))?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Usernames, for suggestions when one is misspelled.
    pub fn usernames(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT username FROM users WHERE user_type != 'ghost' ORDER BY username LIMIT 10000")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Writer<'_> {
    pub fn insert_user(&self, user: &NewUser<'_>) -> Result<User> {
        self.conn()
            .prepare_cached(
                // Ids are never reused, not even those of deleted users (their audit events name them).
                "INSERT INTO users (id, username, name, email, user_type, state, admin, created_at)
                 VALUES (1 + max((SELECT coalesce(max(id), 0) FROM users),
                                 (SELECT coalesce(max(id), 0) FROM deleted_users)),
                         ?1, ?2, ?3, ?4, 'active', ?5, ?6)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    user.username,
                    user.name,
                    user.email,
                    user.user_type.as_str(),
                    user.admin,
                    Instant(user.created_at)
                ])
            })?;
        let id = self.conn().last_insert_rowid();
        self.user_by_id(id)?.ok_or_else(|| Error::io("user vanished after insert"))
    }

    pub fn set_user_blocked(&self, id: i64, blocked: bool) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE users SET state = ?2 WHERE id = ?1")
            .and_then(|mut stmt| stmt.execute(params![id, if blocked { "blocked" } else { "active" }]))?;
        Ok(())
    }
}
