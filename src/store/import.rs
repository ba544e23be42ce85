//! `patctl import gitlab`: the rows of a GitLab instance written under GitLab's ids, through the
//! engine-neutral `Db` (`?N` placeholders; SQL both SQLite and PostgreSQL run). Each row is read
//! first and compared: absent, it is created; different, updated; the same, left. A row with the
//! same id (or username, path, digest) that the import did not make is patctl's own: it is left
//! as it is and reported, and what depends on it is skipped.
//!
//! Needs migration 10 (`src/store/import_migration.sql`, the `gitlab_imports` table).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::Writer;
use super::sql::{Db, Engine, Row, ToValue, Value};
use super::time::{Day, Instant};
use crate::domain::gitlab::{ImportPlan, ImportedMember, ImportedResource, ImportedToken, ImportedUser};
use crate::error::Result;

/// What happened to one kind of row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub users: Counts,
    pub projects: Counts,
    pub groups: Counts,
    pub memberships: Counts,
    pub tokens: Counts,
    pub notices: Counts,
    /// Rows left alone because patctl's own row is in the way.
    pub conflicts: Vec<String>,
}

impl ImportOutcome {
    pub fn changed(&self) -> bool {
        [self.users, self.projects, self.groups, self.memberships, self.tokens, self.notices]
            .iter()
            .any(|c| c.created + c.updated > 0)
    }
}

// A record's fields are stored values, compared with what the table holds as they are read.
fn int(v: i64) -> Value {
    Value::Integer(v)
}
fn flag(v: bool) -> Value {
    Value::Integer(i64::from(v))
}
fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}
fn at(v: DateTime<Utc>) -> Value {
    Value::Text(Instant::text(v))
}
fn maybe_int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Integer)
}
fn maybe_text(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::Text)
}

/// One id-keyed row of a table the import owns.
struct Record {
    kind: &'static str,
    table: &'static str,
    id: i64,
    columns: &'static [&'static str],
    fields: Vec<Value>,
}

enum Change {
    Created,
    Updated,
    Unchanged,
    /// patctl's own row: left alone.
    Foreign,
}

impl Writer<'_> {
    /// Writes `plan` (with `dry_run`, only compares), recording `source` for every row it owns.
    pub fn import_gitlab(
        &self,
        plan: &ImportPlan,
        source: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        let db = self.db();
        let mut run = Run { db, source, now, dry_run, outcome: ImportOutcome::default() };
        let users = run.users(&plan.users)?;
        let projects = run.resources("project", "projects", &plan.projects)?;
        let groups = run.resources("group", "groups", &plan.groups)?;
        run.members("project_members", "project_id", &plan.project_members, &projects, &users)?;
        run.members("group_members", "group_id", &plan.group_members, &groups, &users)?;
        let tokens = run.tokens(&plan.tokens, &users, &projects, &groups)?;
        for notice in plan.notices.iter().filter(|n| tokens.contains(&n.token_id)) {
            let found = db.optional(
                "SELECT notified_at FROM token_expiry_notifications WHERE token_id = ?1 AND threshold_days = ?2",
                &[&notice.token_id, &i64::from(notice.threshold_days)],
                |row: &Row| row.get::<String>(0),
            )?;
            if found.is_some() {
                run.outcome.notices.unchanged += 1;
                continue;
            }
            if !dry_run {
                db.execute(
                    "INSERT INTO token_expiry_notifications (token_id, threshold_days, notified_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (token_id, threshold_days) DO NOTHING",
                    &[&notice.token_id, &i64::from(notice.threshold_days), &Instant::text(notice.notified_at)],
                )?;
            }
            run.outcome.notices.created += 1;
        }
        if !dry_run && db.engine() == Engine::Postgres {
            // Rows came with GitLab's ids: the identities must hand out ids past them (as db copy does).
            for table in ["users", "projects", "groups", "personal_access_tokens"] {
                db.one(
                    &format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"),
                    &[],
                    |_| Ok(()),
                )?;
            }
        }
        Ok(run.outcome)
    }
}

struct Run<'a> {
    db: Db<'a>,
    source: &'a str,
    now: DateTime<Utc>,
    dry_run: bool,
    outcome: ImportOutcome,
}

impl Run<'_> {
    /// The ids of the users the import owns after this run.
    fn users(&mut self, users: &[ImportedUser]) -> Result<HashSet<i64>> {
        let mut kept = HashSet::new();
        for user in users {
            // A username is unique (case-insensitively) in both stores.
            let holder = self.db.optional(
                "SELECT id FROM users WHERE lower(username) = lower(?1)",
                &[&user.username],
                |row: &Row| row.get::<i64>(0),
            )?;
            if holder.is_some_and(|id| id != user.id) {
                self.conflict(format!("user {} '{}': patctl has another user of that name", user.id, user.username));
                continue;
            }
            let record = Record {
                kind: "user",
                table: "users",
                id: user.id,
                columns: &["username", "name", "email", "user_type", "state", "admin", "created_at"],
                fields: vec![
                    text(&user.username),
                    text(&user.name),
                    maybe_text(user.email.clone()),
                    text(user.user_type.as_str()),
                    text(if user.blocked { "blocked" } else { "active" }),
                    flag(user.admin),
                    at(user.created_at),
                ],
            };
            if self.upsert(&record, |o| &mut o.users)? {
                kept.insert(user.id);
            }
        }
        Ok(kept)
    }

    fn resources(
        &mut self,
        kind: &'static str,
        table: &'static str,
        resources: &[ImportedResource],
    ) -> Result<HashSet<i64>> {
        let mut kept = HashSet::new();
        for resource in resources {
            let holder = self.db.optional(
                &format!("SELECT id FROM {table} WHERE lower(path) = lower(?1) AND removed_at IS NULL"),
                &[&resource.path],
                |row: &Row| row.get::<i64>(0),
            )?;
            if holder.is_some_and(|id| id != resource.id) {
                self.conflict(format!(
                    "{kind} {} '{}': patctl has another {kind} at that path",
                    resource.id, resource.path
                ));
                continue;
            }
            let record = Record {
                kind,
                table,
                id: resource.id,
                columns: &["path", "name", "bots_created", "created_at"],
                fields: vec![
                    text(&resource.path),
                    text(&resource.name),
                    int(resource.bots_created),
                    at(resource.created_at),
                ],
            };
            let counts: fn(&mut ImportOutcome) -> &mut Counts =
                if kind == "project" { |o| &mut o.projects } else { |o| &mut o.groups };
            if self.upsert(&record, counts)? {
                kept.insert(resource.id);
            }
        }
        Ok(kept)
    }

    fn members(
        &mut self,
        table: &str,
        key: &str,
        members: &[ImportedMember],
        resources: &HashSet<i64>,
        users: &HashSet<i64>,
    ) -> Result<()> {
        for member in members.iter().filter(|m| resources.contains(&m.resource_id) && users.contains(&m.user_id)) {
            let level = member.access_level.as_str();
            let found = self.db.optional(
                &format!("SELECT access_level FROM {table} WHERE {key} = ?1 AND user_id = ?2"),
                &[&member.resource_id, &member.user_id],
                |row: &Row| row.get::<String>(0),
            )?;
            let counts = &mut self.outcome.memberships;
            match found {
                Some(old) if old == level => counts.unchanged += 1,
                Some(_) => {
                    counts.updated += 1;
                    if !self.dry_run {
                        self.db.execute(
                            &format!("UPDATE {table} SET access_level = ?3 WHERE {key} = ?1 AND user_id = ?2"),
                            &[&member.resource_id, &member.user_id, &level],
                        )?;
                    }
                }
                None => {
                    counts.created += 1;
                    if !self.dry_run {
                        self.db.execute(
                            &format!(
                                "INSERT INTO {table} ({key}, user_id, access_level, created_at) VALUES (?1, ?2, ?3, ?4)"
                            ),
                            &[&member.resource_id, &member.user_id, &level, &Instant::text(member.created_at)],
                        )?;
                    }
                }
            }
        }
        Ok(())
    }

    fn tokens(
        &mut self,
        tokens: &[ImportedToken],
        users: &HashSet<i64>,
        projects: &HashSet<i64>,
        groups: &HashSet<i64>,
    ) -> Result<HashSet<i64>> {
        let mut kept = HashSet::new();
        for token in tokens {
            if !users.contains(&token.user_id)
                || token.project_id.is_some_and(|id| !projects.contains(&id))
                || token.group_id.is_some_and(|id| !groups.contains(&id))
            {
                self.conflict(format!("token {} '{}': its owner, project or group was left out", token.id, token.name));
                continue;
            }
            let holder = self.db.optional(
                "SELECT id FROM personal_access_tokens WHERE token_digest = ?1",
                &[&token.digest],
                |row: &Row| row.get::<i64>(0),
            )?;
            if holder.is_some_and(|id| id != token.id) {
                self.conflict(format!(
                    "token {} '{}': patctl holds the same token under another id",
                    token.id, token.name
                ));
                continue;
            }
            let record = self.token_record(token)?;
            if self.upsert(&record, |o| &mut o.tokens)? {
                kept.insert(token.id);
            }
        }
        Ok(kept)
    }

    /// A token's row. What patctl learned itself wins over GitLab's copy: a revocation made here
    /// stays, and a later use seen here is kept.
    fn token_record(&self, token: &ImportedToken) -> Result<Record> {
        let local = self.db.optional(
            "SELECT revoked, last_used_at FROM personal_access_tokens WHERE id = ?1",
            &[&token.id],
            |row: &Row| Ok((row.get::<i64>(0)? != 0, row.get::<Option<String>>(1)?)),
        )?;
        let (revoked, last_used_at) = match local {
            Some((revoked_here, used_here)) => {
                let gitlab = token.last_used_at.map(Instant::text);
                (token.revoked || revoked_here, std::cmp::max(gitlab, used_here))
            }
            None => (token.revoked, token.last_used_at.map(Instant::text)),
        };
        Ok(Record {
            kind: "token",
            table: "personal_access_tokens",
            id: token.id,
            columns: &[
                "user_id",
                "name",
                "description",
                "token_digest",
                "scopes",
                "expires_at",
                "revoked",
                "impersonation",
                "last_used_at",
                "created_at",
                "updated_at",
                "previous_token_id",
                "project_id",
                "group_id",
                "access_level",
            ],
            fields: vec![
                int(token.user_id),
                text(&token.name),
                maybe_text(token.description.clone()),
                text(&token.digest),
                text(token.scopes.joined()),
                maybe_text(token.expires_at.map(Day::text)),
                flag(revoked),
                flag(token.impersonation),
                maybe_text(last_used_at),
                at(token.created_at),
                at(token.updated_at),
                maybe_int(token.previous_token_id),
                maybe_int(token.project_id),
                maybe_int(token.group_id),
                maybe_text(token.access_level.map(|l| l.as_str().to_string())),
            ],
        })
    }

    /// Creates, updates or leaves `record`; false when patctl's own row holds its id.
    fn upsert(&mut self, record: &Record, counts: fn(&mut ImportOutcome) -> &mut Counts) -> Result<bool> {
        let change = self.change(record)?;
        let dry_run = self.dry_run;
        let tally = counts(&mut self.outcome);
        match change {
            Change::Foreign => {
                self.conflict(format!(
                    "{} {}: patctl has its own {} with that id",
                    record.kind, record.id, record.kind
                ));
                return Ok(false);
            }
            Change::Unchanged => tally.unchanged += 1,
            Change::Created => tally.created += 1,
            Change::Updated => tally.updated += 1,
        }
        if dry_run || matches!(change, Change::Unchanged) {
            return Ok(true);
        }
        let mut params: Vec<&dyn ToValue> = vec![&record.id];
        params.extend(record.fields.iter().map(|v| v as &dyn ToValue));
        let placeholders: Vec<String> = (2..=record.columns.len() + 1).map(|n| format!("?{n}")).collect();
        let sql = match change {
            Change::Created => format!(
                "INSERT INTO {} (id, {}) VALUES (?1, {})",
                record.table,
                record.columns.join(", "),
                placeholders.join(", ")
            ),
            _ => {
                let sets: Vec<String> =
                    record.columns.iter().zip(&placeholders).map(|(c, p)| format!("{c} = {p}")).collect();
                format!("UPDATE {} SET {} WHERE id = ?1", record.table, sets.join(", "))
            }
        };
        self.db.execute(&sql, &params)?;
        let now = Instant::text(self.now);
        self.db.execute(
            "INSERT INTO gitlab_imports (kind, id, source, imported_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind, id) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at",
            &[&record.kind, &record.id, &self.source, &now],
        )?;
        Ok(true)
    }

    fn change(&self, record: &Record) -> Result<Change> {
        let columns = record.columns.join(", ");
        let stored = self.db.optional(
            &format!("SELECT {columns} FROM {} WHERE id = ?1", record.table),
            &[&record.id],
            |row: &Row| (0..row.len()).map(|at| row.get::<Value>(at)).collect::<Result<Vec<Value>>>(),
        )?;
        let Some(stored) = stored else { return Ok(Change::Created) };
        let owned = self.db.optional(
            "SELECT source FROM gitlab_imports WHERE kind = ?1 AND id = ?2",
            &[&record.kind, &record.id],
            |row: &Row| row.get::<String>(0),
        )?;
        Ok(match owned {
            None => Change::Foreign,
            Some(_) if stored == record.fields => Change::Unchanged,
            Some(_) => Change::Updated,
        })
    }

    fn conflict(&mut self, what: String) {
        self.outcome.conflicts.push(format!("{what}: left as it is"));
    }
}
