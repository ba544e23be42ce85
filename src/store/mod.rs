//! The SQLite store. Every SQL statement of patctl lives under this module, so another backend
//! can be added without touching the commands.

mod apply;
mod audit;
mod completion;
mod file;
mod maintenance;
mod migrations;
mod notifications;
mod projects;
mod time;
mod tokens;
mod users;

use std::fs::DirBuilder;
use std::ops::Deref;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

pub use apply::ManagedToken;
pub use audit::{AuditEvent, AuditFilter, Event};
pub use completion::Candidate;
pub use maintenance::{Repair, StrayValue};
pub use migrations::LATEST_VERSION;
pub use notifications::{CLAIM_ACTION, ExpiryCandidate, ExpiryScan, NOTIFY_ACTION, OpenClaim, RELEASE_ACTION};
pub use tokens::{NewToken, OwnerType, SortField, StateFilter, TokenFilter};
pub use users::NewUser;

use crate::error::{Error, Exit, Result, ResultExt};

/// `PRAGMA application_id` of a patctl database ("PATC"), to tell it from other SQLite files.
const APPLICATION_ID: i64 = 0x5041_5443;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What a command intends to do with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Never creates, initialises or migrates the file, and works on a read-only file, directory
    /// or filesystem. An older schema is refused: `patctl db migrate` first.
    Read,
    /// Like `Read`, but takes any schema version this patctl knows: backups and checks.
    Inspect,
    /// Creates the file (mode 0600) and its directory when missing, and migrates its schema.
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
    /// Opens the database at `path` for `access`, refusing it unless it was created with the
    /// pepper whose [`pepper_fingerprint`](crate::domain::secret::pepper_fingerprint) is given.
    pub fn open(path: &Path, access: Access, pepper_fingerprint: &str) -> Result<Store> {
        let shown = path.display();
        let found = match std::fs::symlink_metadata(path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::from(e).context(format!("cannot read database {shown}"))),
        };
        let meta = match found {
            Some(meta) => meta,
            None if access != Access::Write => {
                return Err(Error::not_found(format!("database {shown} does not exist")).with_hint(
                    "create it with a first write, e.g. `patctl user add USERNAME`, or point --db at an existing file",
                ));
            }
            None => create_file(path)?,
        };
        let inspected = file::inspect(path, meta)?;
        file::check_surroundings(path, Some(&inspected.meta))?;
        let warnings = check_header(path, &inspected, access)?;

        let mode = connection_mode(path, access)?;
        let mut store = Store { conn: connect(path, mode)?, path: path.to_path_buf(), warnings, migrated: None };
        store.prepare(access, pepper_fingerprint).map_err(|e| e.context(format!("database {shown}")))?;
        // A sidecar planted while SQLite opened the files: refuse before anything is acted on.
        file::check_surroundings(path, Some(&inspected.meta))?;
        Ok(store)
    }

    /// Checks what the file is, migrates it (writes only), and sets the per-connection pragmas.
    fn prepare(&mut self, access: Access, pepper_fingerprint: &str) -> Result<()> {
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
        if version < LATEST_VERSION && access == Access::Read {
            return Err(Error::config(format!(
                "database schema version {version} is older than this patctl's ({LATEST_VERSION})"
            ))
            .with_hint("run `patctl db migrate` (back it up first with `patctl db backup`); read commands never change the database"));
        }
        if version >= migrations::META_VERSION {
            self.check_pepper(pepper_fingerprint)?;
        }
        if access == Access::Write {
            if self.conn.is_readonly(rusqlite::MAIN_DB).map_err(db_error)? {
                return Err(read_only_error(None));
            }
            let mode: String = self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).map_err(db_error)?;
            if !mode.eq_ignore_ascii_case("wal") {
                self.conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).map_err(db_error)?;
            }
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;").map_err(db_error)?;
        if version < LATEST_VERSION && access == Access::Write {
            self.migrated = migrations::migrate(&mut self.conn, APPLICATION_ID, pepper_fingerprint)?;
        }
        Ok(())
    }

    /// Refuses a pepper other than the one recorded when the store was created, before anything
    /// is written or verified.
    fn check_pepper(&self, fingerprint: &str) -> Result<()> {
        let recorded: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'pepper_fingerprint'", [], |r| r.get(0))
            .optional()
            .map_err(db_error)?;
        let Some(recorded) = recorded else {
            return Err(Error::config("the database records no pepper fingerprint (its meta table was changed)")
                .with_hint("restore it from a backup (patctl db backup); nothing was written"));
        };
        crate::domain::secret::pepper_mismatch(&recorded, fingerprint).map_or(Ok(()), Err)
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

/// Checks the header of an existing file before SQLite sees it: SQLite takes a short or foreign
/// file for an empty database, and patctl never re-initialises one. Returns warnings about loose
/// permissions.
fn check_header(path: &Path, file: &file::Inspected, access: Access) -> Result<Vec<String>> {
    let shown = path.display();
    let len = file.meta.len();
    match file.page_size {
        // What create_file makes: a new database, which only a write command initialises.
        _ if len == 0 && access != Access::Write => {
            return Err(Error::not_found(format!("database {shown} is empty: no patctl database there yet"))
                .with_hint(
                    "create it with a first write, e.g. `patctl user add USERNAME`; read commands never initialise it",
                ));
        }
        _ if len == 0 => {}
        None => {
            return Err(Error::io(format!(
                "database {shown}: not a patctl database (the file is not an SQLite database)"
            ))
            .with_hint("point --db at a patctl database; patctl never re-initialises a foreign file"));
        }
        // SQLite only ever writes whole pages: a partial one means a truncated file.
        Some(page) if !len.is_multiple_of(page) => {
            return Err(Error::io(format!(
                "database {shown}: database is corrupt (truncated: {len} bytes is not a whole number of {page}-byte pages)"
            ))
            .with_hint("restore it from a backup (patctl db backup); patctl left the file as it was"));
        }
        Some(_) => {}
    }
    let mode = file.meta.permissions().mode();
    Ok(if mode & 0o077 != 0 {
        vec![format!("database {shown} is readable by other users (mode {:o}); consider chmod 600", mode & 0o777)]
    } else {
        Vec::new()
    })
}

/// Creates a new, empty database file with mode 0600 (its directory 0700) whatever the umask,
/// after checking the directory and any sidecar already there. Returns what `lstat` sees then.
fn create_file(path: &Path) -> Result<std::fs::Metadata> {
    let cannot = |e: std::io::Error, what: &str| {
        Error::from(e).context(format!("cannot create {what} {}", path.display())).with_exit(Exit::CantCreate)
    };
    let dir = file::directory_of(path);
    if !dir.exists() {
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| cannot(e, "the directory of"))?;
    }
    file::check_surroundings(path, None)?;
    match crate::new_file::create(path, crate::new_file::PRIVATE) {
        Ok(_) => {}
        // Made meanwhile by someone else: inspected like any existing file.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(cannot(e, "database")),
    }
    std::fs::symlink_metadata(path).map_err(|e| cannot(e, "database"))
}

/// How to connect: read-write when this process may write the file and its directory. A write
/// command that may not is refused (77) before SQLite touches anything. A read command opens
/// read-only when a `-wal` is there to be read through, else immutable: SQLite then creates no
/// `-wal` or `-shm` it could not remove again (on a read-only file they would keep its mode and
/// later lock out writers), and nothing else can be writing a file nobody here may write.
fn connection_mode(path: &Path, access: Access) -> Result<Mode> {
    let denied = file::writable(path).and_then(|()| file::writable(file::directory_of(path))).err();
    match (denied, access) {
        (None, _) => Ok(Mode::ReadWrite),
        (Some(e), Access::Write) => Err(read_only_error(Some(&e)).context(format!("database {}", path.display()))),
        (Some(_), _) if file::sidecar(path, "-wal").exists() => Ok(Mode::ReadOnly),
        (Some(_), _) => Ok(Mode::Immutable),
    }
}

fn read_only_error(cause: Option<&std::io::Error>) -> Error {
    if cause.and_then(std::io::Error::raw_os_error) == Some(libc::EROFS) {
        return Error::new(Exit::Permission, "permission denied: the database is on a read-only filesystem")
            .with_hint("read commands still work; write on a read-write mount of it");
    }
    Error::new(Exit::Permission, "permission denied: the database or its directory is read-only")
        .with_hint("write commands need write access to the database file and its directory")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    ReadWrite,
    ReadOnly,
    /// Read-only without locks or -shm (SQLite's `immutable=1`).
    Immutable,
}

fn connect(path: &Path, mode: Mode) -> Result<Connection> {
    let base = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = match mode {
        Mode::ReadWrite => Connection::open_with_flags(path, base | OpenFlags::SQLITE_OPEN_READ_WRITE),
        Mode::ReadOnly => Connection::open_with_flags(path, base | OpenFlags::SQLITE_OPEN_READ_ONLY),
        Mode::Immutable => Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_path(path)),
            base | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        ),
    }
    .context(format!("cannot open database {}", path.display()))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(db_error)?;
    Ok(conn)
}

/// A path as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `?` converts SQLite failures; the explicit `.map_err(db_error)` calls left in this folder are
/// redundant with it and go when these files are next swept.
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        db_error(err)
    }
}

/// Maps an SQLite failure to patctl's error and exit code.
pub(crate) fn db_error(err: rusqlite::Error) -> Error {
    // A value refused on write (see `time`), or read that could not be: patctl's own error.
    if let rusqlite::Error::ToSqlConversionFailure(inner) | rusqlite::Error::FromSqlConversionFailure(_, _, inner) =
        &err
        && let Some(own) = inner.downcast_ref::<Error>()
    {
        return own.clone();
    }
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
            read_only_error(None)
        }
        ErrorCode::DiskFull => Error::io("disk full: nothing was written").with_hint("free some space and retry"),
        ErrorCode::SystemIoFailure if is_write_failure(&err) => {
            Error::io("cannot write the database (disk full or file size limit reached?): nothing was committed")
                .with_hint("free some space and retry; `patctl db check` verifies the file")
        }
        ErrorCode::CannotOpen => Error::new(Exit::Io, format!("cannot open the database: {err}")),
        ErrorCode::ConstraintViolation => Error::data(format!("conflicts with existing data: {err}")),
        _ => Error::io(format!("database error: {err}")),
    }
}

/// An I/O failure while growing a file: what a full disk or `ulimit -f` looks like to SQLite.
fn is_write_failure(err: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    let extended = match err {
        rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
        _ => return false,
    };
    [ffi::SQLITE_IOERR_WRITE, ffi::SQLITE_IOERR_SHMSIZE, ffi::SQLITE_IOERR_TRUNCATE, ffi::SQLITE_IOERR_FSYNC]
        .contains(&extended)
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
