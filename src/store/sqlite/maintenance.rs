//! Maintenance of the SQLite file itself: integrity checks, online backups, schema version.

use std::path::Path;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::SqliteStore;
use crate::error::{Error, Exit, Result, ResultExt};
use crate::new_file::{self, Existing, Staging};

impl SqliteStore {
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

/// A new SQLite store of the latest schema at `dest`, filled by `fill` in one transaction and
/// given its name only when whole: the target of `db copy` and of a PostgreSQL `db backup`.
pub(in crate::store) fn write_new_file<T>(
    dest: &Path,
    overwrite: bool,
    pepper_fingerprint: &str,
    fill: impl FnOnce(crate::store::sql::Db<'_>) -> Result<T>,
) -> Result<T> {
    let shown = dest.display();
    let existing = if overwrite { Existing::Replace } else { Existing::Refuse };
    new_file::check_destination(dest, existing, "backup")?;
    let cannot =
        |e: std::io::Error| Error::from(e).context(format!("cannot create a temporary file beside {shown}")).creating();
    let staging = Staging::beside(dest).map_err(cannot)?;
    new_file::create(&staging.file(), new_file::PRIVATE).map_err(cannot)?;
    let mut conn = Connection::open(staging.file())?;
    super::migrations::migrate(&mut conn, super::APPLICATION_ID, pepper_fingerprint)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let value = fill(crate::store::sql::Db::Sqlite(&tx))?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    let file = std::fs::File::open(staging.file()).context("cannot reopen the copy")?;
    file.sync_all().context("cannot flush the copy")?;
    staging.publish(dest, existing, "backup")?;
    Ok(value)
}
