//! Projects, their members, and the system's ghost user.

use super::sql::Row;
use chrono::{DateTime, Utc};

use super::time::{Day, Instant};
use super::{Reader, Writer};
use crate::domain::model::Member;
use crate::domain::model::{User, UserType};
use crate::domain::project::{AccessLevel, Project};
use crate::error::{Error, Result};

const PROJECT_COLUMNS: &str = "id, path, name, bots_created, created_at, removed_at";

fn project_from_row(row: &Row) -> Result<Project> {
    Ok(Project {
        id: row.get(0)?,
        path: row.get(1)?,
        name: row.get(2)?,
        bots_created: row.get(3)?,
        created_at: row.get::<Instant>(4)?.0,
        removed_at: row.get::<Option<Instant>>(5)?.map(|t| t.0),
    })
}

pub(super) fn member_from_row(row: &Row) -> Result<Member> {
    let level: String = row.get(3)?;
    let user_type: String = row.get(2)?;
    Ok(Member {
        user_id: row.get(0)?,
        username: row.get(1)?,
        user_type: UserType::parse(&user_type).unwrap_or(UserType::Human),
        access_level: AccessLevel::parse(&level)?,
        created_at: row.get::<Instant>(4)?.0,
    })
}

impl Reader<'_> {
    /// The project at `path` (case-insensitive), unless it was removed.
    pub fn project_by_path(&self, path: &str) -> Result<Option<Project>> {
        self.db.optional(
            &format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE path = ?1 AND removed_at IS NULL"),
            &[&path],
            project_from_row,
        )
    }

    pub fn project_by_id(&self, id: i64) -> Result<Option<Project>> {
        self.db.optional(&format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = ?1"), &[&id], project_from_row)
    }

    /// Projects that were not removed, by path.
    pub fn projects(&self) -> Result<Vec<Project>> {
        self.db.all(
            &format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE removed_at IS NULL ORDER BY lower(path)"),
            &[],
            project_from_row,
        )
    }

    /// Project paths, for suggestions when one is misspelled.
    pub fn project_paths(&self) -> Result<Vec<String>> {
        self.db.all("SELECT path FROM projects WHERE removed_at IS NULL ORDER BY path LIMIT 10000", &[], |r| r.get(0))
    }

    /// A project's members, by role (highest first) then username.
    pub fn members(&self, project_id: i64) -> Result<Vec<Member>> {
        let mut members = self.db.all(
            "SELECT m.user_id, u.username, u.user_type, m.access_level, m.created_at
                 FROM project_members m JOIN users u ON u.id = m.user_id
                 WHERE m.project_id = ?1 ORDER BY lower(u.username)",
            &[&project_id],
            member_from_row,
        )?;
        members.sort_by_key(|m| std::cmp::Reverse(m.access_level));
        Ok(members)
    }

    /// The projects a user is a member of.
    pub fn project_ids_of_member(&self, user_id: i64) -> Result<Vec<i64>> {
        self.db.all("SELECT project_id FROM project_members WHERE user_id = ?1 ORDER BY project_id", &[&user_id], |r| {
            r.get(0)
        })
    }

    /// How many tokens of a project are not revoked (judged at `now`) and not expired.
    pub fn count_active_project_tokens(&self, project_id: i64, now: DateTime<Utc>) -> Result<i64> {
        self.db.one(
            "SELECT count(*) FROM personal_access_tokens WHERE project_id = ?1 AND revoked = 0
                 AND (grace_until IS NULL OR grace_until > ?2) AND (expires_at IS NULL OR expires_at > ?3)",
            &[&project_id, &Instant(now), &Day(now.date_naive())],
            |r| r.get(0),
        )
    }

    /// The system's ghost user, which holds the records of deleted bot users.
    pub fn ghost_user(&self) -> Result<Option<User>> {
        let id: Option<i64> =
            self.db
                .optional("SELECT id FROM users WHERE user_type = 'ghost' ORDER BY id LIMIT 1", &[], |r| r.get(0))?;
        match id {
            Some(id) => self.user_by_id(id),
            None => Ok(None),
        }
    }
}

impl Writer<'_> {
    pub fn insert_project(&self, path: &str, name: &str, at: DateTime<Utc>) -> Result<Project> {
        let id = self.db().insert(
            "INSERT INTO projects (path, name, bots_created, created_at) VALUES (?1, ?2, 0, ?3)",
            &[&path, &name, &Instant(at)],
        )?;
        self.project_by_id(id)?.ok_or_else(|| Error::io("project vanished after insert"))
    }

    /// Counts one more bot for the project; returns how many it had before.
    pub fn next_bot_number(&self, project_id: i64) -> Result<i64> {
        self.db().one(
            "UPDATE projects SET bots_created = bots_created + 1 WHERE id = ?1 RETURNING bots_created - 1",
            &[&project_id],
            |r| r.get(0),
        )
    }

    pub fn insert_member(&self, project_id: i64, user_id: i64, level: AccessLevel, at: DateTime<Utc>) -> Result<()> {
        self.db().execute(
            "INSERT INTO project_members (project_id, user_id, access_level, created_at) VALUES (?1, ?2, ?3, ?4)",
            &[&project_id, &user_id, &level.as_str(), &Instant(at)],
        )?;
        Ok(())
    }

    /// Changes a member's role in a project.
    pub fn update_member_level(&self, project_id: i64, user_id: i64, level: AccessLevel) -> Result<()> {
        self.db().execute(
            "UPDATE project_members SET access_level = ?3 WHERE project_id = ?1 AND user_id = ?2",
            &[&project_id, &user_id, &level.as_str()],
        )?;
        Ok(())
    }

    /// Renames a project (its path stays).
    pub fn update_project_name(&self, id: i64, name: &str) -> Result<()> {
        self.db().execute("UPDATE projects SET name = ?2 WHERE id = ?1", &[&id, &name])?;
        Ok(())
    }

    /// Removes every membership of a user; returns how many there were.
    pub fn delete_memberships(&self, user_id: i64) -> Result<usize> {
        self.db().execute("DELETE FROM project_members WHERE user_id = ?1", &[&user_id])
    }

    pub fn mark_project_removed(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.db().execute("UPDATE projects SET removed_at = ?2 WHERE id = ?1", &[&id, &Instant(at)])?;
        Ok(())
    }

    /// Deletes a user row, remembering its id so that no later user gets it. Its tokens and
    /// memberships must have been moved or removed first.
    pub fn delete_user(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.db().execute(
            "INSERT INTO deleted_users (id, username, user_type, deleted_at)
                 SELECT id, username, user_type, ?2 FROM users WHERE id = ?1",
            &[&id, &Instant(at)],
        )?;
        self.db().execute("DELETE FROM users WHERE id = ?1", &[&id])?;
        Ok(())
    }
}
