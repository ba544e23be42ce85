//! Moving a whole store between engines (`db copy`, and `db backup` of a PostgreSQL store), and
//! the reference checks `db check` runs where the engine does not: the same table list for both.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::sql::{Db, Engine, Value};
use super::{Store, Writer};
use crate::error::{Error, Exit, Result};

/// A table, its columns, and the key that orders its rows.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    order: &'static str,
    /// Tables whose `id` PostgreSQL hands out: its sequence is moved past the copied ids.
    has_id: bool,
}

/// Every table patctl keeps, parents before children.
const TABLES: &[Table] = &[
    Table { name: "meta", columns: &["key", "value"], order: "key", has_id: false },
    Table {
        name: "users",
        columns: &["id", "username", "name", "email", "user_type", "state", "admin", "created_at"],
        order: "id",
        has_id: true,
    },
    Table { name: "deleted_users", columns: &["id", "username", "user_type", "deleted_at"], order: "id", has_id: true },
    Table {
        name: "projects",
        columns: &["id", "path", "name", "bots_created", "created_at", "removed_at"],
        order: "id",
        has_id: true,
    },
    Table {
        name: "project_members",
        columns: &["project_id", "user_id", "access_level", "created_at"],
        order: "project_id, user_id",
        has_id: false,
    },
    Table {
        name: "groups",
        columns: &["id", "path", "name", "bots_created", "created_at", "removed_at"],
        order: "id",
        has_id: true,
    },
    Table {
        name: "group_members",
        columns: &["group_id", "user_id", "access_level", "created_at"],
        order: "group_id, user_id",
        has_id: false,
    },
    Table {
        name: "personal_access_tokens",
        columns: &[
            "id",
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
            "access_level",
            "grace_until",
            "last_used_ips",
            "group_id",
        ],
        order: "id",
        has_id: true,
    },
    Table {
        name: "audit_events",
        columns: &[
            "id",
            "created_at",
            "actor",
            "action",
            "target_type",
            "target_id",
            "username",
            "token_id",
            "details",
        ],
        order: "id",
        has_id: true,
    },
    Table {
        name: "token_expiry_notifications",
        columns: &["token_id", "threshold_days", "notified_at"],
        order: "token_id, threshold_days",
        has_id: false,
    },
    Table { name: "apply_managed_tokens", columns: &["token_id", "source"], order: "token_id", has_id: false },
    Table {
        name: "gitlab_imports",
        columns: &["kind", "id", "source", "imported_at"],
        order: "kind, id",
        has_id: false,
    },
];

/// References: (table, column, parent table).
const REFERENCES: &[(&str, &str, &str)] = &[
    ("project_members", "project_id", "projects"),
    ("project_members", "user_id", "users"),
    ("group_members", "group_id", "groups"),
    ("group_members", "user_id", "users"),
    ("personal_access_tokens", "user_id", "users"),
    ("personal_access_tokens", "previous_token_id", "personal_access_tokens"),
    ("personal_access_tokens", "project_id", "projects"),
    ("personal_access_tokens", "group_id", "groups"),
    ("token_expiry_notifications", "token_id", "personal_access_tokens"),
    ("apply_managed_tokens", "token_id", "personal_access_tokens"),
];

/// One table as copied: rows, and a SHA-256 over them as read on each side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CopiedTable {
    pub table: &'static str,
    pub rows: i64,
    pub checksum: String,
}

/// Rows whose reference leads nowhere.
pub(super) fn orphans(db: Db<'_>) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for &(table, column, parent) in REFERENCES {
        let rows: i64 = db.one(
            &format!(
                "SELECT count(*) FROM {table} c WHERE c.{column} IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column})"
            ),
            &[],
            |r| r.get(0),
        )?;
        if rows > 0 {
            found.push(format!("foreign key: {rows} row(s) of {table}.{column} refer to a missing row of {parent}"));
        }
    }
    Ok(found)
}

/// Reads every row of `table` in key order, feeding each to `each` and to the checksum.
fn scan(db: Db<'_>, table: &Table, mut each: impl FnMut(&[Value]) -> Result<()>) -> Result<(i64, String)> {
    let mut hash = Sha256::new();
    let mut rows = 0;
    let sql = format!("SELECT {} FROM {} ORDER BY {}", table.columns.join(", "), table.name, table.order);
    db.each(&sql, &[], |row| {
        let values: Vec<Value> = (0..row.len()).map(|i| row.get::<Value>(i)).collect::<Result<_>>()?;
        for value in &values {
            // Tagged and length-prefixed, so no two different rows hash alike.
            match value {
                Value::Null => hash.update(b"n"),
                Value::Integer(n) => hash.update(format!("i{n};")),
                Value::Text(text) => hash.update(format!("t{}:{text}", text.len())),
            }
        }
        hash.update(b"\n");
        rows += 1;
        each(&values)
    })?;
    let mut hex = String::with_capacity(64);
    for byte in hash.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    Ok((rows, hex))
}

/// Inserts rows many at a time: one statement per batch instead of one per row.
struct BatchInsert<'t> {
    table: &'t Table,
    pending: Vec<Value>,
    rows_per_batch: usize,
}

impl BatchInsert<'_> {
    fn push(&mut self, db: Db<'_>, row: &[Value]) -> Result<()> {
        self.pending.extend_from_slice(row);
        if self.pending.len() >= self.rows_per_batch * self.table.columns.len() {
            self.flush(db)?;
        }
        Ok(())
    }

    fn flush(&mut self, db: Db<'_>) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let width = self.table.columns.len();
        let mut sql = format!("INSERT INTO {} ({}) VALUES ", self.table.name, self.table.columns.join(", "));
        for row in 0..self.pending.len() / width {
            sql.push_str(if row == 0 { "(" } else { ", (" });
            for column in 0..width {
                let _ = write!(sql, "{}?{}", if column == 0 { "" } else { ", " }, row * width + column + 1);
            }
            sql.push(')');
        }
        if self.table.name == "meta" {
            // The target recorded its own meta when it was created: the source's values win.
            sql.push_str(" ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        }
        db.execute(&sql, &super::sql::params_of(&self.pending))?;
        self.pending.clear();
        Ok(())
    }
}

/// Copies every table of `from` into the empty store behind `to`, then reads it back and
/// compares row counts and checksums before the caller commits.
pub(super) fn copy_tables(from: Db<'_>, to: Db<'_>) -> Result<Vec<CopiedTable>> {
    for table in TABLES.iter().filter(|t| t.name != "meta") {
        let rows: i64 = to.one(&format!("SELECT count(*) FROM {}", table.name), &[], |r| r.get(0))?;
        if rows > 0 {
            return Err(Error::new(
                Exit::CantCreate,
                format!("the target store is not empty ({} has {rows} rows)", table.name),
            )
            .with_hint("copy into a new SQLite path or an empty PostgreSQL database; nothing was written"));
        }
    }
    let mut copied = Vec::new();
    for table in TABLES {
        let rows_per_batch = (30_000 / table.columns.len()).min(1000);
        let mut insert = BatchInsert { table, pending: Vec::new(), rows_per_batch };
        let (rows, checksum) = scan(from, table, |row| insert.push(to, row))?;
        insert.flush(to)?;
        if table.has_id && to.engine() == Engine::Postgres {
            to.one(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 0) + 1, false) FROM {0}",
                    table.name
                ),
                &[],
                |_| Ok(()),
            )?;
        }
        let (rows_back, checksum_back) = scan(to, table, |_| Ok(()))?;
        if (rows_back, &checksum_back) != (rows, &checksum) {
            return Err(Error::io(format!(
                "{} did not copy exactly ({rows} rows read, {rows_back} written; checksums differ); nothing was written",
                table.name
            )));
        }
        copied.push(CopiedTable { table: table.name, rows, checksum });
    }
    Ok(copied)
}

/// A SQLite snapshot of `from` (read by the caller in one consistent transaction) at `dest`.
pub(super) fn snapshot_to_sqlite(from: Db<'_>, dest: &std::path::Path, overwrite: bool) -> Result<Vec<CopiedTable>> {
    let fingerprint = super::recorded_fingerprint(from)?;
    super::sqlite::write_new_file(dest, overwrite, &fingerprint, |to| copy_tables(from, to))
}

impl Store {
    /// Copies this whole store into `target`, an empty store of either engine, in one
    /// transaction on the target, ids kept; verified table by table before it commits.
    pub fn copy_to(&self, target: &mut Store) -> Result<Vec<CopiedTable>> {
        self.in_snapshot(|from| target.write(|to: &Writer<'_>| copy_tables(from, to.db())))
    }

    /// Copies this whole store into a new SQLite file at `dest`, which appears only when whole.
    pub fn copy_to_new_sqlite(&self, dest: &std::path::Path) -> Result<Vec<CopiedTable>> {
        self.in_snapshot(|from| snapshot_to_sqlite(from, dest, false))
    }
}
