//! The SQLite engine: one file, trusted only after its surroundings are checked (`file`),
//! versioned by `PRAGMA user_version` (`migrations`), written in `BEGIN IMMEDIATE` transactions.

mod file;
mod maintenance;
pub(super) mod migrations;

use std::fs::DirBuilder;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::sql::{Db, Row, Value};
use super::{Access, lock_wait};
use crate::error::{Error, Exit, Result, ResultExt};
use crate::new_file;

pub(super) use maintenance::write_new_file;
pub use migrations::LATEST_VERSION;

/// Tells whether a column exists (`db check` also reads older schemas).
pub(super) const HAS_COLUMN: &str = "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2";

/// `PRAGMA application_id` of a patctl database ("PATC"), to tell it from other SQLite files.
const APPLICATION_ID: i64 = 0x5041_5443;

pub struct SqliteStore {
    conn: Connection,
    /// Dropped after `conn` (fields drop in order): see [`file::Claimed`].
    _claimed: file::Claimed,
    path: PathBuf,
    /// Things worth telling the user about the file, such as loose permissions.
    pub warnings: Vec<String>,
    /// Migrations applied while opening (or creating): (from, to).
    pub migrated: Option<(i64, i64)>,
}

impl SqliteStore {
    /// Opens the database at `path` for `access`, refusing it unless it was created with the
    /// pepper whose [`pepper_fingerprint`](crate::domain::secret::pepper_fingerprint) is given.
    pub fn open(path: &Path, access: Access, pepper_fingerprint: &str) -> Result<SqliteStore> {
        let shown = path.display();
        let mut created = None;
        // A new database is made elsewhere and appears whole; a round more when another process
        // made it meanwhile.
        for _ in 0..3 {
            let meta = match std::fs::symlink_metadata(path) {
                Ok(meta) => meta,
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::from(e).context(format!("cannot read database {shown}")));
                }
                Err(_) if access != Access::Write => {
                    return Err(Error::not_found(format!("database {shown} does not exist")).with_hint(
                        "create it with a first write, e.g. `patctl user add USERNAME`, or point --db at an existing file",
                    ));
                }
                Err(_) => {
                    created = create_database(path, pepper_fingerprint)?.or(created);
                    continue;
                }
            };
            let inspected = file::inspect(path, meta)?;
            file::check_surroundings(path, Some(&inspected.meta))?;
            if inspected.meta.len() == 0 && access == Access::Write {
                created = initialise_empty(path, &inspected, pepper_fingerprint)?.or(created);
                continue;
            }
            let warnings = check_header(path, &inspected, access)?;
            let mut store = SqliteStore::connect_checked(path, access, &inspected)?;
            store.warnings = warnings;
            store.prepare(access, pepper_fingerprint).map_err(|e| e.context(format!("database {shown}")))?;
            store.migrated = store.migrated.or(created);
            return Ok(store);
        }
        Err(Error::io(format!("database {shown} kept changing while patctl opened it")).with_hint("retry"))
    }

    /// Connects to the inspected file so that SQLite uses no `-wal`, `-shm` or `-journal` but
    /// those the trust rule allows: claimed first in a shared directory, and checked on SQLite's
    /// own descriptors after its first read, before anything read is used. Until then closing
    /// the connection checkpoints nothing, so a refused open leaves the database file as it was.
    fn connect_checked(path: &Path, access: Access, inspected: &file::Inspected) -> Result<SqliteStore> {
        let mode = connection_mode(path, access)?;
        let shared = file::in_shared_directory(path)?;
        let claimed = match mode {
            Mode::Immutable => file::Claimed::default(),
            _ if shared => file::claim_sidecars(path, &inspected.meta, mode == Mode::ReadWrite)?,
            _ => file::Claimed::default(),
        };
        let before = file::open_files()?;
        let conn = connect(path, mode)?;
        let store =
            SqliteStore { conn, _claimed: claimed, path: path.to_path_buf(), warnings: Vec::new(), migrated: None };
        let shown = path.display();
        if shared && mode == Mode::ReadWrite {
            store.keep_sidecars().map_err(|e| e.context(format!("database {shown}")))?;
        }
        store.header().map_err(|e| e.context(format!("database {shown}")))?;
        file::check_opened(path, &before, &inspected.meta, &store._claimed, shared)?;
        store.conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        Ok(store)
    }

    /// Has SQLite keep the claimed `-wal` and `-shm` when it closes (it would remove them, and
    /// whoever opened the database next would again create them by name), the `-wal` emptied.
    fn keep_sidecars(&self) -> Result<()> {
        let mut persist: std::ffi::c_int = 1;
        // SAFETY: a valid open handle, the "main" schema, and the int this file control reads
        // and writes.
        let rc = unsafe {
            rusqlite::ffi::sqlite3_file_control(
                self.conn.handle(),
                c"main".as_ptr(),
                rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
                (&raw mut persist).cast(),
            )
        };
        if rc != rusqlite::ffi::SQLITE_OK {
            return Err(Error::io(format!("database error: cannot keep the -wal (SQLite error {rc})")));
        }
        Ok(self.conn.query_row("PRAGMA journal_size_limit = 0", [], |_| Ok(()))?)
    }

    /// Checks what the file is, migrates it (writes only), and sets the per-connection pragmas.
    fn prepare(&mut self, access: Access, pepper_fingerprint: &str) -> Result<()> {
        let (app_id, version) = self.header()?;
        if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && self.is_empty()?) {
            return Err(Error::io("not a patctl database")
                .with_hint("point --db at a patctl database; patctl never re-initialises a foreign file"));
        }
        super::check_schema_version(version, access)?;
        if version >= migrations::META_VERSION {
            super::check_fingerprint(self.db(), pepper_fingerprint)?;
        }
        if access == Access::Write {
            if self.conn.is_readonly(rusqlite::MAIN_DB)? {
                return Err(read_only_error(None));
            }
            let mode: String = self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                self.conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
            }
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        if version < LATEST_VERSION && access == Access::Write {
            self.migrated = migrations::migrate(&mut self.conn, APPLICATION_ID, pepper_fingerprint)?;
        }
        Ok(())
    }

    fn header(&self) -> Result<(i64, i64)> {
        let app_id = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((app_id, version))
    }

    fn is_empty(&self) -> Result<bool> {
        let objects: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok(objects == 0)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn db(&self) -> Db<'_> {
        Db::Sqlite(&self.conn)
    }

    pub fn tune_for_bulk(&self, cache_mib: i64) -> Result<()> {
        Ok(self.conn.execute_batch(&format!("PRAGMA cache_size = -{}", cache_mib.max(2) * 1024))?)
    }

    /// Runs `work` in one read transaction: one snapshot of the file, whoever writes meanwhile.
    pub fn in_snapshot<T>(&self, work: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN")?;
        let value = work(self.db());
        let _ = self.conn.execute_batch("COMMIT");
        value
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    pub fn write<T>(&mut self, work: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(Db::Sqlite(&tx))?;
        tx.commit()?;
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

/// Creates the database at `path` (mode 0600, its directory 0700 when missing) after checking
/// the directory: made and migrated in a private staging directory beside it, where SQLite's
/// own `-wal` and `-journal` cannot be planted, then linked into place, which never replaces
/// anything. Returns the migration when this process made it; `None` when another one did.
fn create_database(path: &Path, pepper_fingerprint: &str) -> Result<Option<(i64, i64)>> {
    let dir = file::directory_of(path);
    if !dir.exists() {
        DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| cannot_create(e, path))?;
    }
    file::check_surroundings(path, None)?;
    let (staging, migrated) = build_database(path, pepper_fingerprint)?;
    match std::fs::hard_link(staging.file(), path) {
        Ok(()) => Ok(migrated),
        // Made meanwhile by someone else: inspected like any existing file.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(cannot_create(e, path)),
    }
}

/// Initialises an existing empty database file (one a user or an older patctl made) the same
/// way, renamed over it. An exclusive `flock` on the empty file keeps two processes from both
/// replacing it: the second finds it replaced and starts over.
fn initialise_empty(path: &Path, inspected: &file::Inspected, pepper_fingerprint: &str) -> Result<Option<(i64, i64)>> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let empty = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| cannot_create(e, path))?;
    let started = std::time::Instant::now();
    // SAFETY: flock on a descriptor this function owns; released when `empty` is closed.
    while unsafe { libc::flock(empty.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Err(cannot_create(e, path));
        }
        if started.elapsed() > lock_wait::limit() {
            return Err(Error::new(
                Exit::Busy,
                format!(
                    "database is busy: another process kept initialising it (waited {})",
                    lock_wait::format_wait(lock_wait::limit())
                ),
            )
            .with_hint("retry later, or wait longer with --wait 30s"));
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let same = |m: &std::fs::Metadata| (m.dev(), m.ino()) == (inspected.meta.dev(), inspected.meta.ino());
    let still_empty = std::fs::symlink_metadata(path).is_ok_and(|m| same(&m) && m.len() == 0);
    if !still_empty {
        return Ok(None);
    }
    let (staging, migrated) = build_database(path, pepper_fingerprint)?;
    staging.publish(path, new_file::Existing::ReplaceEmpty, "database")?;
    Ok(migrated)
}

/// A new database of the latest schema, in WAL mode, in a staging directory beside `path`.
fn build_database(path: &Path, pepper_fingerprint: &str) -> Result<(new_file::Staging, Option<(i64, i64)>)> {
    let staging = new_file::Staging::beside(path).map_err(|e| cannot_create(e, path))?;
    new_file::create(&staging.file(), new_file::PRIVATE).map_err(|e| cannot_create(e, path))?;
    let mut conn = connect(&staging.file(), Mode::ReadWrite)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch("PRAGMA synchronous = FULL")?;
    let migrated = migrations::migrate(&mut conn, APPLICATION_ID, pepper_fingerprint)?;
    // Closing checkpoints everything into the file and removes the staging -wal and -shm.
    conn.close().map_err(|(_, e)| Error::from(e))?;
    Ok((staging, migrated))
}

fn cannot_create(e: std::io::Error, path: &Path) -> Error {
    Error::from(e).context(format!("cannot create database {}", path.display())).with_exit(Exit::CantCreate)
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
    // Before anything is read: until the files SQLite opened are checked, closing must not
    // fold a `-wal` into the database (see `SqliteStore::connect_checked`).
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_handler(Some(lock_wait::busy_handler))?;
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

/// Maps an SQLite failure to patctl's error and exit code; `?` applies it throughout the store.
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
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
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => lock_wait::timed_out(),
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

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Integer(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
        })
    }
}

/// A row read whole. Text that is not UTF-8 (written by something else) is read with
/// replacement characters rather than failing the command.
fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let count = row.as_ref().column_count();
    let mut values = Vec::with_capacity(count);
    for i in 0..count {
        values.push(match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Integer(n),
            ValueRef::Real(x) => Value::Text(x.to_string()),
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => Value::Text(String::from_utf8_lossy(bytes).into_owned()),
        });
    }
    Ok(Row { values })
}

pub(super) fn execute(conn: &Connection, sql: &str, values: &[Value]) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(values))?)
}

pub(super) fn each(
    conn: &Connection,
    sql: &str,
    values: &[Value],
    mut each: impl FnMut(&Row) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        each(&read_row(row)?)?;
    }
    Ok(())
}

pub(super) fn insert_unique(conn: &Connection, sql: &str, values: &[Value]) -> Result<Option<i64>> {
    let inserted =
        conn.prepare_cached(sql).and_then(|mut stmt| stmt.query_row(rusqlite::params_from_iter(values), |r| r.get(0)));
    match inserted {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            Ok(None)
        }
        other => Ok(Some(other?)),
    }
}
