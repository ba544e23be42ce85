//! The SQLite store. Every SQL statement of patctl lives under this module, so another backend
//! can be added without touching the commands.

mod apply;
mod audit;
mod migrations;
mod tokens;
mod users;

use std::fs::{DirBuilder, OpenOptions};
use std::ops::Deref;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use apply::ManagedToken;
pub use audit::{AuditEvent, AuditFilter};
pub use migrations::LATEST_VERSION;
pub use tokens::{NewToken, SortField, StateFilter, TokenFilter};
pub use users::NewUser;

use crate::error::{Error, Exit, Result};

/// `PRAGMA application_id` of a patctl database ("PATC"), to tell it from other SQLite files.
const APPLICATION_ID: i64 = 0x5041_5443;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What a command intends to do with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Never creates the file; works on a read-only file.
    Read,
    /// Creates the file (mode 0600) and its directory when missing.
    Write,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Things worth telling the user about the file, such as loose permissions.
    pub warnings: Vec<String>,
    /// Migrations applied while opening: (from, to).
    pub migrated: Option<(i64, i64)>,
}

impl Store {
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        let shown = path.display();
        let mut warnings = Vec::new();
        match std::fs::metadata(path) {
            Ok(meta) => {
                if meta.permissions().mode() & 0o077 != 0 {
                    warnings.push(format!(
                        "database {shown} is readable by other users (mode {:o}); consider chmod 600",
                        meta.permissions().mode() & 0o777
                    ));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match access {
                Access::Read => {
                    return Err(Error::not_found(format!("database {shown} does not exist"))
                        .with_hint("create it with a first write, e.g. `patctl user add USERNAME`, or point --db at an existing file"));
                }
                Access::Write => create_file(path)?,
            },
            Err(e) => return Err(Error::from_io(&e, format!("cannot read database {shown}"))),
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(conn) => conn,
            // A read-only file still serves the read commands.
            Err(e) if access == Access::Read && is_read_only(&e) => {
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                    .map_err(|e| db_error(e).context(format!("cannot open database {shown}")))?
            }
            Err(e) => return Err(db_error(e).context(format!("cannot open database {shown}"))),
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(db_error)?;
        let mut store = Store { conn, path: path.to_path_buf(), warnings, migrated: None };
        store.prepare().map_err(|e| e.context(format!("database {shown}")))?;
        Ok(store)
    }

    /// Checks what the file is, migrates it, and sets the per-connection pragmas.
    fn prepare(&mut self) -> Result<()> {
        let (app_id, version) = self.header()?;
        if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && self.is_empty()?) {
            return Err(Error::io("not a patctl database")
                .with_hint("point --db at a patctl database; patctl never re-initialises a foreign file"));
        }
        if version > LATEST_VERSION {
            return Err(Error::io(format!(
                "database schema version {version} is newer than this patctl knows ({LATEST_VERSION})"
            ))
            .with_hint("upgrade patctl; nothing was written"));
        }
        let read_only = self.conn.is_readonly(rusqlite::MAIN_DB).map_err(db_error)?;
        if !read_only {
            let mode: String = self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).map_err(db_error)?;
            if !mode.eq_ignore_ascii_case("wal") {
                self.conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).map_err(db_error)?;
            }
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;").map_err(db_error)?;
        if version < LATEST_VERSION {
            if read_only {
                return Err(Error::new(Exit::Permission, "database needs a schema upgrade but is read-only")
                    .with_hint("run `patctl db migrate` as a user who can write it"));
            }
            self.migrated = migrations::migrate(&mut self.conn, APPLICATION_ID)?;
        }
        Ok(())
    }

    fn header(&self) -> Result<(i64, i64)> {
        let app_id = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(db_error)?;
        let version = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(db_error)?;
        Ok((app_id, version))
    }

    fn is_empty(&self) -> Result<bool> {
        let objects: i64 =
            self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(db_error)?;
        Ok(objects == 0)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    pub fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_error)?;
        let value = work(&Writer { reader: Reader { conn: &tx } })?;
        tx.commit().map_err(db_error)?;
        Ok(value)
    }
}

/// Creates a new, empty database file with mode 0600 whatever the umask.
fn create_file(path: &Path) -> Result<()> {
    let cannot = |e: std::io::Error, what: &str| {
        Error::new(Exit::CantCreate, format!("cannot create {what} {}: {}", path.display(), io_reason(&e)))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| cannot(e, "the directory of"))?;
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|e| cannot(e, "database"))?;
    // The mode given to open() is filtered by the umask; set it exactly.
    file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(|e| cannot(e, "database"))?;
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    crate::error::Error::from_io(e, "x").message.trim_start_matches("x: ").to_string()
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied))
}

/// Maps an SQLite failure to patctl's error and exit code.
pub(crate) fn db_error(err: rusqlite::Error) -> Error {
    let Some(code) = err.sqlite_error_code() else {
        return Error::io(format!("database error: {err}"));
    };
    match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            Error::new(Exit::Busy, "database is busy: another process held its write lock for more than 5 s")
                .with_hint("retry later")
        }
        ErrorCode::DatabaseCorrupt => Error::io("database is corrupt")
            .with_hint("restore it from a backup (patctl db backup); patctl left the file as it was"),
        ErrorCode::NotADatabase => Error::io("not a patctl database (the file is not an SQLite database)"),
        ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
            Error::new(Exit::Permission, "permission denied: the database or its directory is read-only")
                .with_hint("write commands need write access to the database file and its directory")
        }
        ErrorCode::DiskFull => Error::io("disk full: nothing was written").with_hint("free some space and retry"),
        ErrorCode::CannotOpen => Error::new(Exit::Io, format!("cannot open the database: {err}")),
        ErrorCode::ConstraintViolation => Error::data(format!("conflicts with existing data: {err}")),
        _ => Error::io(format!("database error: {err}")),
    }
}

/// Read queries. Available on its own and inside a write transaction.
pub struct Reader<'c> {
    conn: &'c Connection,
}

/// Write statements; only handed out inside [`Store::write`]'s transaction.
pub struct Writer<'c> {
    reader: Reader<'c>,
}

impl<'c> Deref for Writer<'c> {
    type Target = Reader<'c>;
    fn deref(&self) -> &Reader<'c> {
        &self.reader
    }
}

impl Writer<'_> {
    fn conn(&self) -> &Connection {
        self.reader.conn
    }
}

// Stored forms of dates and times: sortable text.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_ts(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
