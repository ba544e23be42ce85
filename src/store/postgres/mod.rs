//! The PostgreSQL engine: a shared server several hosts use at once. The schema is versioned
//! in `patctl_schema` (`migrations`); writers take turns on one transaction-level advisory lock,
//! which gives every write transaction what `BEGIN IMMEDIATE` gives it on SQLite.

pub mod connect;
mod migrations;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use postgres::error::SqlState;
use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::{Client, Statement};

pub use connect::Target;

use super::sql::{Db, Row, Value, dollar_placeholders};
use super::{Access, lock_wait};
use crate::error::{Error, Exit, Result};

/// The advisory lock every write transaction takes first ("PATC", as SQLite's application id).
const WRITE_LOCK: i64 = 0x5041_5443;

/// Tells whether a column exists (`db check` also reads older schemas).
pub(super) const HAS_COLUMN: &str = "SELECT count(*) > 0 FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2";

/// One connection, with the statements it has prepared. Queries borrow the client one at a
/// time; a query started while another one's rows are being read is an error, not a hang.
pub struct PgSession {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    host: String,
}

impl PgSession {
    fn new(client: Client, host: String) -> PgSession {
        PgSession { client: RefCell::new(client), statements: RefCell::new(HashMap::new()), host }
    }

    fn client(&self) -> Result<std::cell::RefMut<'_, Client>> {
        self.client
            .try_borrow_mut()
            .map_err(|_| Error::io("database error: a query was started while another one's rows were read"))
    }

    fn statement(&self, client: &mut Client, sql: &str) -> Result<Statement> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = client.prepare(&dollar_placeholders(sql)).map_err(|e| self.error(e))?;
        self.statements.borrow_mut().insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    /// Runs statements as they are, without parameters (transaction control, migrations).
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.client()?.batch_execute(sql).map_err(|e| self.error(e))
    }

    pub(super) fn execute(&self, sql: &str, values: &[Value]) -> Result<usize> {
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let changed = client.execute(&statement, &params).map_err(|e| self.error(e))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    /// Streams the rows: the server sends them as they are read, so a million rows never sit in
    /// memory at once.
    pub(super) fn each(&self, sql: &str, values: &[Value], mut each: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql)?;
        let mut rows = client.query_raw(&statement, values.iter()).map_err(|e| self.error(e))?;
        while let Some(row) = rows.next().map_err(|e| self.error(e))? {
            let mut read = Vec::with_capacity(row.len());
            for i in 0..row.len() {
                read.push(row.try_get::<_, Value>(i).map_err(|e| self.error(e))?);
            }
            each(&Row { values: read })?;
        }
        Ok(())
    }

    /// An insert that may meet a unique index, in a savepoint so that the transaction goes on.
    pub(super) fn insert_unique(&self, sql: &str, values: &[Value]) -> Result<Option<i64>> {
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        client.batch_execute("SAVEPOINT patctl_insert").map_err(|e| self.error(e))?;
        match client.query_one(&statement, &params) {
            Ok(row) => {
                client.batch_execute("RELEASE SAVEPOINT patctl_insert").map_err(|e| self.error(e))?;
                let id: Value = row.try_get(0).map_err(|e| self.error(e))?;
                Row { values: vec![id] }.get(0).map(Some)
            }
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                client.batch_execute("ROLLBACK TO SAVEPOINT patctl_insert").map_err(|e| self.error(e))?;
                Ok(None)
            }
            Err(e) => Err(self.error(e)),
        }
    }

    /// Maps a PostgreSQL failure to patctl's error and exit code.
    fn error(&self, err: postgres::Error) -> Error {
        let host = &self.host;
        let Some(db) = err.as_db_error() else {
            let source = std::error::Error::source(&err);
            if !err.is_closed() && !source.is_some_and(|e| e.is::<std::io::Error>()) {
                return Error::io(format!("database error: {err}"));
            }
            return Error::new(
                Exit::Unavailable,
                format!("lost the connection to the PostgreSQL server {host}: {err}"),
            )
            .with_hint("nothing after the last change patctl reported was kept; retry when the server is back");
        };
        let code = db.code();
        let message = db.message();
        if *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::QUERY_CANCELED {
            return lock_wait::timed_out();
        }
        if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            return Error::new(Exit::Busy, format!("database is busy: {message}"))
                .with_hint("retry; nothing was changed");
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE || *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            return Error::new(
                Exit::Permission,
                format!("permission denied: the PostgreSQL role may not write ({message})"),
            )
            .with_hint(
                "write commands need a PostgreSQL role that may write patctl's tables; read commands still work",
            );
        }
        if [
            SqlState::UNIQUE_VIOLATION,
            SqlState::FOREIGN_KEY_VIOLATION,
            SqlState::CHECK_VIOLATION,
            SqlState::NOT_NULL_VIOLATION,
        ]
        .contains(code)
        {
            return Error::data(format!("conflicts with existing data: {message}"));
        }
        if *code == SqlState::RAISE_EXCEPTION {
            return Error::data(message.to_string());
        }
        if *code == SqlState::DISK_FULL {
            return Error::io("disk full on the PostgreSQL server: nothing was written")
                .with_hint("free some space and retry");
        }
        if [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW].contains(code) {
            return Error::new(Exit::Unavailable, format!("the PostgreSQL server {host} is shutting down: {message}"))
                .with_hint("nothing after the last change patctl reported was kept; retry when the server is back");
        }
        Error::io(format!("database error: {message}"))
    }
}

/// Refuses a database whose current schema holds tables patctl did not make (any but
/// `patctl_schema`, which the first migration may have made a moment ago).
fn foreign_tables(db: Db<'_>) -> Result<()> {
    let foreign: i64 = db.one(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename <> 'patctl_schema'",
        &[],
        |r| r.get(0),
    )?;
    if foreign > 0 {
        return Err(Error::io("not a patctl database: it holds other tables and no patctl_schema")
            .with_hint("point --db at a database of its own for patctl; patctl never changes a foreign one"));
    }
    Ok(())
}

impl ToSql for Value {
    /// Written as the column's own type: patctl's values are integers and text, and PostgreSQL
    /// tells which width or text type each parameter has.
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                _ => n.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Value::Text(text) => match *ty {
                Type::INT8 | Type::INT4 | Type::INT2 => Err(format!("text '{text}' given for an integer").into()),
                _ => text.as_str().to_sql(&Type::TEXT, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i64::from(i16::from_sql(ty, raw)?)),
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::VOID => Value::Null,
            // Text, citext, names: patctl reads them as they are, replacing what is not UTF-8.
            _ => Value::Text(String::from_utf8_lossy(raw).into_owned()),
        })
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

pub struct PgStore {
    session: PgSession,
    location: String,
    pub migrated: Option<(i64, i64)>,
}

impl PgStore {
    pub fn open(target: &Target, access: Access, pepper_fingerprint: &str) -> Result<PgStore> {
        let client = target.connect(lock_wait::limit())?;
        let mut store =
            PgStore { session: PgSession::new(client, target.host()), location: target.redacted(), migrated: None };
        store.prepare(access, pepper_fingerprint).map_err(|e| e.context(format!("database {}", store.location)))?;
        Ok(store)
    }

    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn db(&self) -> Db<'_> {
        Db::Postgres(&self.session)
    }

    /// Checks what the database holds, and creates or migrates patctl's tables (writes only).
    fn prepare(&mut self, access: Access, pepper_fingerprint: &str) -> Result<()> {
        let latest = super::LATEST_VERSION;
        let version = match self.recorded_version()? {
            Some(version) => version,
            None => {
                foreign_tables(self.db())?;
                0
            }
        };
        if version == 0 && access != Access::Write {
            return Err(Error::not_found("no patctl store there yet (the database has no patctl tables)").with_hint(
                "create it with a first write, e.g. `patctl user add USERNAME`; read commands never initialise it",
            ));
        }
        super::check_schema_version(version, access)?;
        if version > 0 {
            super::check_fingerprint(self.db(), pepper_fingerprint)?;
        }
        if version < latest && access == Access::Write {
            self.migrated = self.migrate(pepper_fingerprint)?;
        }
        Ok(())
    }

    fn recorded_version(&self) -> Result<Option<i64>> {
        let db = self.db();
        let exists: bool = db.one("SELECT to_regclass('patctl_schema') IS NOT NULL", &[], |r| r.get(0))?;
        if !exists {
            return Ok(None);
        }
        db.one("SELECT coalesce(max(version), 0) FROM patctl_schema", &[], |r| r.get(0)).map(Some)
    }

    /// Runs every pending migration in one transaction under the write lock, so two hosts that
    /// upgrade at once take turns and the second finds nothing left to do.
    fn migrate(&mut self, pepper_fingerprint: &str) -> Result<Option<(i64, i64)>> {
        let latest = super::LATEST_VERSION;
        self.write(|db| {
            db.batch(
                "CREATE TABLE IF NOT EXISTS patctl_schema (version BIGINT PRIMARY KEY, applied_at TEXT COLLATE \"C\" NOT NULL)",
            )?;
            let from: i64 = db.one("SELECT coalesce(max(version), 0) FROM patctl_schema", &[], |r| r.get(0))?;
            if from >= latest {
                return Ok(None);
            }
            if from == 0 {
                foreign_tables(db)?;
            }
            let applied_at = crate::domain::expiry::rfc3339(chrono::Utc::now());
            for &(version, sql) in migrations::MIGRATIONS.iter().filter(|(version, _)| *version > from) {
                db.batch(sql)?;
                db.execute("INSERT INTO patctl_schema (version, applied_at) VALUES (?1, ?2)", &[&version, &applied_at])?;
            }
            if from == 0 {
                db.execute("INSERT INTO meta (key, value) VALUES ('pepper_fingerprint', ?1)", &[&pepper_fingerprint])?;
            }
            Ok(Some((from, latest)))
        })
    }

    /// Runs `work` in one transaction that first takes the write lock: writers take turns, as
    /// they do on SQLite, and a wait longer than `--wait` is `lock_timeout`'s error (exit 75).
    pub fn write<T>(&mut self, work: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        let begun = self.session.batch("BEGIN").and_then(|()| self.take_write_lock());
        match begun.and_then(|()| work(self.db())) {
            Ok(value) => {
                self.session.batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // A lost connection rolls back by itself; the command's own error is what matters.
                let _ = self.session.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Waits for the write lock in the server's queue. On a terminal the first second is waited
    /// in a savepoint with a short `lock_timeout`, so that a longer wait can be announced as
    /// SQLite's busy handler announces it; then the wait goes on for the rest of `--wait`.
    fn take_write_lock(&self) -> Result<()> {
        let lock = format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})");
        let Some(first) = lock_wait::notice_after() else {
            return self.session.batch(&lock);
        };
        let rest = lock_wait::limit().saturating_sub(first);
        self.session.batch(&format!("SAVEPOINT patctl_lock; SET LOCAL lock_timeout = {}", first.as_millis()))?;
        let taken = match self.session.batch(&lock) {
            Err(e) if e.exit() == Exit::Busy => {
                self.session.batch("ROLLBACK TO SAVEPOINT patctl_lock")?;
                lock_wait::announce();
                self.session.batch(&format!("SET LOCAL lock_timeout = {}; {lock}", rest.as_millis().max(1)))
            }
            other => other,
        };
        taken.and_then(|()| self.session.batch("RELEASE SAVEPOINT patctl_lock"))
    }

    pub fn in_snapshot<T>(&self, work: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        self.session.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        let value = work(self.db());
        let _ = self.session.batch("ROLLBACK");
        value
    }

    /// A role that does not own the tables gets a warning from the server and no error.
    pub fn analyze(&self) -> Result<()> {
        self.session.batch("ANALYZE users, personal_access_tokens, apply_managed_tokens")
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.recorded_version()?.unwrap_or(0))
    }

    /// Schema version, constraints PostgreSQL does not enforce (left unvalidated), broken
    /// indexes, and rows whose references lead nowhere (possible after replication or a restore
    /// with triggers off).
    pub fn check(&self, _full: bool) -> Result<Vec<String>> {
        let db = self.db();
        let mut problems = Vec::new();
        let version = self.schema_version()?;
        if version != super::LATEST_VERSION {
            problems.push(format!("schema version {version}, this patctl's is {}", super::LATEST_VERSION));
        }
        problems.extend(db.all(
            "SELECT c.conrelid::regclass::text || ': constraint ' || c.conname || ' is not validated'
               FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
              WHERE n.nspname = current_schema() AND NOT c.convalidated ORDER BY 1",
            &[],
            |r| r.get(0),
        )?);
        problems.extend(db.all(
            "SELECT 'index ' || i.indexrelid::regclass::text || ' is not valid'
               FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready) ORDER BY 1",
            &[],
            |r| r.get(0),
        )?);
        problems.extend(super::copy::orphans(db)?);
        Ok(problems)
    }

    /// A consistent SQLite snapshot: every table read in one REPEATABLE READ transaction.
    pub fn backup(&self, dest: &Path, overwrite: bool) -> Result<()> {
        self.in_snapshot(|db| super::copy::snapshot_to_sqlite(db, dest, overwrite)).map(|_| ())
    }
}
