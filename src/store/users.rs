use super::sql::Row;
use chrono::{DateTime, Utc};

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

fn user_from_row(row: &Row) -> Result<User> {
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
        created_at: row.get::<Instant>(7)?.0,
    })
}

impl Reader<'_> {
    /// Usernames are unique regardless of case, as in GitLab.
    pub fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        self.db.optional(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?1"), &[&username], user_from_row)
    }

    pub fn user_by_id(&self, id: i64) -> Result<Option<User>> {
        self.db.optional(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), &[&id], user_from_row)
    }

    /// Every user but the system's ghost user, by id.
    pub fn users(&self) -> Result<Vec<User>> {
        self.db.all(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE user_type != 'ghost' ORDER BY id"),
            &[],
            user_from_row,
        )
    }

    /// Usernames, for suggestions when one is misspelled.
    pub fn usernames(&self) -> Result<Vec<String>> {
        self.db.all("SELECT username FROM users WHERE user_type != 'ghost' ORDER BY username LIMIT 10000", &[], |r| {
            r.get(0)
        })
    }
}

impl Writer<'_> {
    pub fn insert_user(&self, user: &NewUser<'_>) -> Result<User> {
        let id = self.db().insert(
            // Ids are never reused, not even those of deleted users (their audit events name them).
            "INSERT INTO users (id, username, name, email, user_type, state, admin, created_at)
             VALUES ((SELECT 1 + coalesce(max(id), 0)
                        FROM (SELECT id FROM users UNION ALL SELECT id FROM deleted_users) ids),
                     ?1, ?2, ?3, ?4, 'active', ?5, ?6)",
            &[
                &user.username,
                &user.name,
                &user.email,
                &user.user_type.as_str(),
                &user.admin,
                &Instant(user.created_at),
            ],
        )?;
        self.user_by_id(id)?.ok_or_else(|| Error::io("user vanished after insert"))
    }

    pub fn set_user_blocked(&self, id: i64, blocked: bool) -> Result<()> {
        self.db().execute(
            "UPDATE users SET state = ?2 WHERE id = ?1",
            &[&id, &if blocked { "blocked" } else { "active" }],
        )?;
        Ok(())
    }
}
