//! Groups and their members (group bots), as `projects.rs` keeps projects.

use super::sql::Row;
use chrono::{DateTime, Utc};

use super::projects::member_from_row;
use super::time::{Day, Instant};
use super::{Reader, Writer};
use crate::domain::group::Group;
use crate::domain::model::Member;
use crate::domain::project::AccessLevel;
use crate::error::{Error, Result};

const GROUP_COLUMNS: &str = "id, path, name, bots_created, created_at, removed_at";

fn group_from_row(row: &Row) -> Result<Group> {
    Ok(Group {
        id: row.get(0)?,
        path: row.get(1)?,
        name: row.get(2)?,
        bots_created: row.get(3)?,
        created_at: row.get::<Instant>(4)?.0,
        removed_at: row.get::<Option<Instant>>(5)?.map(|t| t.0),
    })
}

impl Reader<'_> {
    /// The group at `path` (case-insensitive), unless it was removed.
    pub fn group_by_path(&self, path: &str) -> Result<Option<Group>> {
        self.db.optional(
            &format!("SELECT {GROUP_COLUMNS} FROM groups WHERE path = ?1 AND removed_at IS NULL"),
            &[&path],
            group_from_row,
        )
    }

    pub fn group_by_id(&self, id: i64) -> Result<Option<Group>> {
        self.db.optional(&format!("SELECT {GROUP_COLUMNS} FROM groups WHERE id = ?1"), &[&id], group_from_row)
    }

    /// Groups that were not removed, by path.
    pub fn groups(&self) -> Result<Vec<Group>> {
        self.db.all(
            &format!("SELECT {GROUP_COLUMNS} FROM groups WHERE removed_at IS NULL ORDER BY lower(path)"),
            &[],
            group_from_row,
        )
    }

    /// Group paths, for suggestions when one is misspelled.
    pub fn group_paths(&self) -> Result<Vec<String>> {
        self.db.all("SELECT path FROM groups WHERE removed_at IS NULL ORDER BY path LIMIT 10000", &[], |r| r.get(0))
    }

    /// A group's members, by role (highest first) then username.
    pub fn group_members(&self, group_id: i64) -> Result<Vec<Member>> {
        let mut members = self.db.all(
            "SELECT m.user_id, u.username, u.user_type, m.access_level, m.created_at
                 FROM group_members m JOIN users u ON u.id = m.user_id
                 WHERE m.group_id = ?1 ORDER BY lower(u.username)",
            &[&group_id],
            member_from_row,
        )?;
        members.sort_by_key(|m| std::cmp::Reverse(m.access_level));
        Ok(members)
    }

    /// The groups a user is a member of.
    pub fn group_ids_of_member(&self, user_id: i64) -> Result<Vec<i64>> {
        self.db
            .all("SELECT group_id FROM group_members WHERE user_id = ?1 ORDER BY group_id", &[&user_id], |r| r.get(0))
    }

    /// How many tokens of a group are not revoked (judged at `now`) and not expired.
    pub fn count_active_group_tokens(&self, group_id: i64, now: DateTime<Utc>) -> Result<i64> {
        self.db.one(
            "SELECT count(*) FROM personal_access_tokens WHERE group_id = ?1 AND revoked = 0
                 AND (grace_until IS NULL OR grace_until > ?2) AND (expires_at IS NULL OR expires_at > ?3)",
            &[&group_id, &Instant(now), &Day(now.date_naive())],
            |r| r.get(0),
        )
    }
}

impl Writer<'_> {
    pub fn insert_group(&self, path: &str, name: &str, at: DateTime<Utc>) -> Result<Group> {
        let id = self.db().insert(
            "INSERT INTO groups (path, name, bots_created, created_at) VALUES (?1, ?2, 0, ?3)",
            &[&path, &name, &Instant(at)],
        )?;
        self.group_by_id(id)?.ok_or_else(|| Error::io("group vanished after insert"))
    }

    /// Counts one more bot for the group; returns how many it had before.
    pub fn next_group_bot_number(&self, group_id: i64) -> Result<i64> {
        self.db().one(
            "UPDATE groups SET bots_created = bots_created + 1 WHERE id = ?1 RETURNING bots_created - 1",
            &[&group_id],
            |r| r.get(0),
        )
    }

    pub fn insert_group_member(
        &self,
        group_id: i64,
        user_id: i64,
        level: AccessLevel,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.db().execute(
            "INSERT INTO group_members (group_id, user_id, access_level, created_at) VALUES (?1, ?2, ?3, ?4)",
            &[&group_id, &user_id, &level.as_str(), &Instant(at)],
        )?;
        Ok(())
    }

    /// Changes a member's role in a group.
    pub fn update_group_member_level(&self, group_id: i64, user_id: i64, level: AccessLevel) -> Result<()> {
        self.db().execute(
            "UPDATE group_members SET access_level = ?3 WHERE group_id = ?1 AND user_id = ?2",
            &[&group_id, &user_id, &level.as_str()],
        )?;
        Ok(())
    }

    /// Renames a group (its path stays).
    pub fn update_group_name(&self, id: i64, name: &str) -> Result<()> {
        self.db().execute("UPDATE groups SET name = ?2 WHERE id = ?1", &[&id, &name])?;
        Ok(())
    }

    /// Removes every group membership of a user; returns how many there were.
    pub fn delete_group_memberships(&self, user_id: i64) -> Result<usize> {
        self.db().execute("DELETE FROM group_members WHERE user_id = ?1", &[&user_id])
    }

    pub fn mark_group_removed(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.db().execute("UPDATE groups SET removed_at = ?2 WHERE id = ?1", &[&id, &Instant(at)])?;
        Ok(())
    }

    /// Changes the role recorded on a group access token.
    pub fn set_token_group(&self, id: i64, group_id: i64, access_level: AccessLevel) -> Result<()> {
        self.db().execute(
            "UPDATE personal_access_tokens SET group_id = ?2, access_level = ?3 WHERE id = ?1",
            &[&id, &group_id, &access_level.as_str()],
        )?;
        Ok(())
    }
}
