//! Maintenance of the database file itself: integrity checks, online backups, schema version.

use super::time::{Day, Instant};
use super::{Reader, Writer};
use crate::domain::expiry::{EARLIEST_DAY, EARLIEST_INSTANT, LATEST_DAY, LATEST_INSTANT};
use crate::error::Result;

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
            if !self.db.has_column(table, column)? {
                continue;
            }
            // Stored text sorts like time within the range, and a signed year (+10000-…,
            // -0001-…) sorts before it, so the range of text finds every stray value.
            let (low, high) = match kind {
                Kind::Instant => (Instant::text(EARLIEST_INSTANT), Instant::text(LATEST_INSTANT)),
                Kind::Day => (Day::text(EARLIEST_DAY), Day::text(LATEST_DAY)),
            };
            let rows = self.db.all(
                &format!(
                    "SELECT {column}, count(*) FROM {table}
                         WHERE {column} IS NOT NULL AND {column} NOT BETWEEN ?1 AND ?2 GROUP BY {column}"
                ),
                &[&low, &high],
                |r| Ok((r.get::<String>(0)?, r.get::<i64>(1)?)),
            )?;
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
        self.db().execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"), &[&set, value])
    }
}
