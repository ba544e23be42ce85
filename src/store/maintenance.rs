//! Maintenance of the database file itself: integrity checks, online backups, schema version.

use std::path::Path;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::time::{Day, Instant};
use super::{Reader, Store, Writer};
use crate::domain::expiry::{EARLIEST_DAY, EARLIEST_INSTANT, LATEST_DAY, LATEST_INSTANT};
use crate::error::{Error, Exit, Result, ResultExt};
use crate::new_file::{self, Existing, Staging};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Instant,
    Day,
}

/// Every stored instant and date: what `stray_values` scans.
const DATED_COLUMNS: &[(&str, &str, Kind)] = &[
    ("users", "created_at", Kind::Instant),
    ("personal_access_tokens", "expires_at", Kind::Day),
    ("personal_access_tokens", "last_used_at", Kind::Instant),
    ("personal_access_tokens", "created_at", Kind::Instant),
    ("personal_access_tokens", "updated_at", Kind::Instant),
    ("personal_access_tokens", "grace_until", Kind::Instant),
    ("audit_events", "created_at", Kind::Instant),
    ("token_expiry_notifications", "notified_at", Kind::Instant),
    ("projects", "created_at", Kind::Instant),
    ("projects", "removed_at", Kind::Instant),
    ("project_members", "created_at", Kind::Instant),
    ("deleted_users", "deleted_at", Kind::Instant),
    ("groups", "created_at", Kind::Instant),
    ("groups", "removed_at", Kind::Instant),
    ("group_members", "created_at", Kind::Instant),
];

/// A value outside the range patctl writes (1970 to 9999), which an older patctl could store
/// (a far-future `PATCTL_NOW`), with the rows that hold it and what `--repair` does about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StrayValue {
    pub table: &'static str,
    pub column: &'static str,
    pub value: String,
    pub rows: i64,
    pub repair: Repair,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "action", content = "to")]
pub enum Repair {
    /// The nearest end of the range.
    Clamp(String),
    /// NULL: a last use clamped to 9999 would stop `verify` from ever stamping it again.
    Clear,
    /// Left as it is: audit events are append-only (a trigger refuses any change), and a value
    /// that is not a date at all needs a person. Reads show it as it is.
    Keep,
}

impl StrayValue {
    /// One line for `db check`.
    pub fn describe(&self) -> String {
        let what = match &self.repair {
            Repair::Clamp(to) => format!("--repair sets it to {to}"),
            Repair::Clear => "--repair clears it".to_string(),
            Repair::Keep if self.table == "audit_events" => {
                "kept: the audit trail is append-only, and patctl reads the value as it is".to_string()
            }
            Repair::Keep => "kept: not a date patctl can read; fix it by hand".to_string(),
        };
        let rows = if self.rows == 1 { "1 row".to_string() } else { format!("{} rows", self.rows) };
        format!(
            "{}.{}: {rows} with '{}', outside 1970..9999 ({what})",
            self.table,
            self.column,
            crate::domain::text::escape(&self.value)
        )
    }
}

impl Reader<'_> {
    /// Every stored instant or date outside the range patctl writes, by column and value.
    pub fn stray_values(&self) -> Result<Vec<StrayValue>> {
        let mut found = Vec::new();
        for &(table, column, kind) in DATED_COLUMNS {
            // `db check` also looks at older schemas, which lack some of these columns.
            let exists: bool = self.conn.query_row(
                "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |r| r.get(0),
            )?;
            if !exists {
                continue;
            }
            // Stored text sorts like time within the range, and a signed year (+10000-…,
            // -0001-…) sorts before it, so the range of text finds every stray value.
            let (low, high) = match kind {
                Kind::Instant => (Instant::text(EARLIEST_INSTANT), Instant::text(LATEST_INSTANT)),
                Kind::Day => (Day::text(EARLIEST_DAY), Day::text(LATEST_DAY)),
            };
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {column}, count(*) FROM {table}
                     WHERE {column} IS NOT NULL AND {column} NOT BETWEEN ?1 AND ?2 GROUP BY {column}"
            ))?;
            let rows = stmt
                .query_map([low, high], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())?;
            for (value, rows) in rows {
                let repair = repair_of(table, column, kind, &value);
                found.push(StrayValue { table, column, value, rows, repair });
            }
        }
        Ok(found)
    }
}

fn repair_of(table: &str, column: &str, kind: Kind, value: &str) -> Repair {
    let early = match kind {
        Kind::Instant => Instant::read(value).map(|at| at < EARLIEST_INSTANT),
        Kind::Day => Day::read(value).map(|date| date < EARLIEST_DAY),
    };
    match (table, column, early) {
        ("audit_events", _, _) | (_, _, None) => Repair::Keep,
        (_, "last_used_at", _) => Repair::Clear,
        (_, _, Some(early)) => Repair::Clamp(match (kind, early) {
            (Kind::Instant, true) => Instant::text(EARLIEST_INSTANT),
            (Kind::Instant, false) => Instant::text(LATEST_INSTANT),
            (Kind::Day, true) => Day::text(EARLIEST_DAY),
            (Kind::Day, false) => Day::text(LATEST_DAY),
        }),
    }
}

impl Writer<'_> {
    /// Applies `stray`'s repair to every row that holds its value. Returns the rows changed.
    pub fn repair_stray_value(&self, stray: &StrayValue) -> Result<usize> {
        let StrayValue { table, column, value, .. } = stray;
        let set = match &stray.repair {
            Repair::Keep => return Ok(0),
            Repair::Clear => None,
            Repair::Clamp(to) => Some(to.as_str()),
        };
        Ok(self
            .conn()
            .execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"), rusqlite::params![set, value])?)
    }
}

impl Store {
    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// What is wrong with the database; empty when it is sound. `full` runs `integrity_check`
    /// and `foreign_key_check` instead of the faster `quick_check`.
    pub fn check(&self, full: bool) -> Result<Vec<String>> {
        let pragma = if full { "PRAGMA integrity_check" } else { "PRAGMA quick_check" };
        let rows: rusqlite::Result<Vec<String>> =
            self.conn.prepare(pragma).and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect());
        let mut problems: Vec<String> = match rows {
            Ok(rows) => rows
                .iter()
                .flat_map(|row| row.lines())
                .filter(|line| *line != "ok" && !line.starts_with("*** in database"))
                .map(str::to_string)
                .collect(),
            // Damage bad enough stops the check itself: that is its finding.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                return Ok(vec![format!("the check stopped: {e}")]);
            }
            Err(e) => return Err(Error::from(e)),
        };
        if full {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let orphans = stmt
                .query_map([], |r| {
                    let table: String = r.get(0)?;
                    let rowid: Option<i64> = r.get(1)?;
                    let parent: String = r.get(2)?;
                    Ok(format!(
                        "foreign key: row {} of {table} refers to a missing row of {parent}",
                        rowid.map_or_else(|| "?".to_string(), |id| id.to_string())
                    ))
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())?;
            problems.extend(orphans);
        }
        Ok(problems)
    }

    /// Copies the database to `dest` with SQLite's online backup API: a consistent snapshot even
    /// while other processes write. The copy is made in a private staging directory beside
    /// `dest` (so SQLite's own `-journal` there cannot be planted either) and only then given its
    /// name, so `dest` is never seen half-written, even after a crash. An existing `dest` is
    /// refused unless `overwrite`, and then replaced by renaming, never written into.
    pub fn backup(&self, dest: &Path, overwrite: bool) -> Result<()> {
        let shown = dest.display();
        if same_file(&self.path, dest) {
            return Err(Error::data(format!("{shown} is the database itself")));
        }
        let existing = if overwrite { Existing::Replace } else { Existing::Refuse };
        new_file::check_destination(dest, existing, "backup")?;
        let cannot = |e: std::io::Error| {
            Error::from(e).context(format!("cannot create a temporary file beside {shown}")).creating()
        };
        let staging = Staging::beside(dest).map_err(cannot)?;
        new_file::create(&staging.file(), new_file::PRIVATE).map_err(cannot)?;
        self.copy_into(&staging.file())?;
        staging.publish(dest, existing, "backup")
    }

    fn copy_into(&self, temp: &Path) -> Result<()> {
        let mut dst = Connection::open(temp)?;
        {
            let backup = Backup::new(&self.conn, &mut dst)?;
            // All pages in one step (-1): one read transaction on the source, so one snapshot.
            // SQLite restarts a stepwise backup when another connection writes; one step never does.
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => continue,
                    StepResult::Busy | StepResult::Locked => {
                        return Err(Error::new(Exit::Busy, "database is busy: the backup could not read it")
                            .with_hint("retry later"));
                    }
                    _ => return Err(Error::io("the backup stopped for an unknown reason")),
                }
            }
        }
        // The source is in WAL mode; the copy should be a single file.
        dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        dst.close().map_err(|(_, e)| Error::from(e))?;
        let file = std::fs::File::open(temp).context("cannot reopen the backup")?;
        file.sync_all().context("cannot flush the backup")?;
        Ok(())
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
