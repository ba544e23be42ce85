//! The store. Every SQL statement of patctl lives under this module, written once for both
//! engines (`sql`): SQLite, the embedded default, and PostgreSQL, shared by several hosts. Ops
//! see [`Store`], [`Reader`] and [`Writer`], never which engine is behind them.

mod apply;
mod audit;
mod completion;
mod copy;
mod groups;
pub mod import;
pub mod location;
mod lock_wait;
mod maintenance;
mod notifications;
pub mod postgres;
mod projects;
mod sql;
mod sqlite;
mod time;
mod tokens;
mod users;

use std::ops::Deref;
use std::path::Path;

pub use apply::ManagedToken;
pub use audit::{AuditEvent, AuditFilter, Event};
pub use completion::Candidate;
pub use copy::CopiedTable;
pub use lock_wait::{DEFAULT_WAIT, format_wait, set_lock_wait};
pub use maintenance::{Repair, StrayValue};
pub use notifications::{CLAIM_ACTION, ExpiryCandidate, ExpiryScan, NOTIFY_ACTION, OpenClaim, RELEASE_ACTION};
pub use sqlite::LATEST_VERSION;
pub use tokens::{NewToken, OwnerType, SortField, StateFilter, TokenFilter};
pub use users::NewUser;

use sql::Db;
pub use sql::Engine;

use crate::error::{Error, Result};

/// What a command intends to do with the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Never creates, initialises or migrates the store, and works on a read-only file, directory
    /// or filesystem, or with a role that may only read. An older schema is refused: `patctl db
    /// migrate` first.
    Read,
    /// Like `Read`, but takes any schema version this patctl knows: backups and checks.
    Inspect,
    /// Creates the store when missing (a SQLite file of mode 0600 and its directory; the tables
    /// in an empty PostgreSQL database), and migrates its schema.
    Write,
}

pub struct Store {
    backend: Backend,
    /// Things worth telling the user about the store, such as loose permissions.
    pub warnings: Vec<String>,
    /// Migrations applied while opening (or creating): (from, to).
    pub migrated: Option<(i64, i64)>,
}

enum Backend {
    Sqlite(sqlite::SqliteStore),
    Postgres(Box<postgres::PgStore>),
}

impl Store {
    /// Opens the SQLite database at `path` for `access`, refusing it unless it was created with
    /// the pepper whose [`pepper_fingerprint`](crate::domain::secret::pepper_fingerprint) is given.
    pub fn open(path: &Path, access: Access, pepper_fingerprint: &str) -> Result<Store> {
        let mut store = sqlite::SqliteStore::open(path, access, pepper_fingerprint)?;
        Ok(Store {
            warnings: std::mem::take(&mut store.warnings),
            migrated: store.migrated,
            backend: Backend::Sqlite(store),
        })
    }

    /// Opens the PostgreSQL store behind `target`, with the same rules as [`Store::open`].
    pub fn open_postgres(target: &postgres::Target, access: Access, pepper_fingerprint: &str) -> Result<Store> {
        let store = postgres::PgStore::open(target, access, pepper_fingerprint)?;
        Ok(Store { warnings: Vec::new(), migrated: store.migrated, backend: Backend::Postgres(Box::new(store)) })
    }

    pub fn engine(&self) -> Engine {
        self.db().engine()
    }

    /// What `check` looks at, for its report.
    pub fn check_kind(&self, full: bool) -> &'static str {
        match (self.engine(), full) {
            (Engine::Sqlite, false) => "quick_check",
            (Engine::Sqlite, true) => "integrity_check, foreign_key_check",
            (Engine::Postgres, _) => "schema version, constraints, indexes, references",
        }
    }

    /// Where the store is, for messages: the SQLite path, or the URI without its password.
    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Sqlite(store) => store.path().display().to_string(),
            Backend::Postgres(store) => store.location().to_string(),
        }
    }

    fn db(&self) -> Db<'_> {
        match &self.backend {
            Backend::Sqlite(store) => store.db(),
            Backend::Postgres(store) => store.db(),
        }
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader { db: self.db() }
    }

    /// Runs `work` in one write transaction: all of it is committed, or none. Writers take
    /// turns, as with SQLite's `BEGIN IMMEDIATE` (see each engine's `write`).
    pub fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let work = |db: Db<'_>| work(&Writer { reader: Reader { db } });
        match &mut self.backend {
            Backend::Sqlite(store) => store.write(work),
            Backend::Postgres(store) => store.write(work),
        }
    }

    /// Runs `work` on one consistent view of the store (a read transaction).
    fn in_snapshot<T>(&self, work: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(store) => store.in_snapshot(work),
            Backend::Postgres(store) => store.in_snapshot(work),
        }
    }

    /// Prepares for one large write (an apply of many entries) of about `cache_mib` MiB: on
    /// SQLite a page cache that size, so index pages are neither spilled to the WAL
    /// mid-transaction nor read again. The server manages its own memory.
    pub fn tune_for_bulk(&self, cache_mib: i64) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(store) => store.tune_for_bulk(cache_mib),
            Backend::Postgres(_) => Ok(()),
        }
    }

    /// After one large write has committed: on PostgreSQL, fresh planner statistics of the tables
    /// an apply reads, so that the next command's queries use the indexes (the server's own
    /// ANALYZE may come a minute later; until then a just-filled table looks empty and a batch
    /// lookup scans it whole). SQLite plans without statistics.
    pub fn refresh_statistics(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Postgres(store) => store.analyze(),
        }
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(store) => store.schema_version(),
            Backend::Postgres(store) => store.schema_version(),
        }
    }

    /// What is wrong with the store; empty when it is sound. `full` checks more, slower.
    pub fn check(&self, full: bool) -> Result<Vec<String>> {
        match &self.backend {
            Backend::Sqlite(store) => store.check(full),
            Backend::Postgres(store) => store.check(full),
        }
    }

    /// Writes a consistent SQLite snapshot of the store to `dest`, which appears whole or not at
    /// all. An existing `dest` is refused unless `overwrite`.
    pub fn backup(&self, dest: &Path, overwrite: bool) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(store) => store.backup(dest, overwrite),
            Backend::Postgres(store) => store.backup(dest, overwrite),
        }
    }
}

/// The rules both engines apply to the schema version they find: a newer one is refused, and an
/// older one only ever migrated by a write command.
fn check_schema_version(version: i64, access: Access) -> Result<()> {
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
    Ok(())
}

/// The pepper (digest key) fingerprint the store recorded when it was created.
fn recorded_fingerprint(db: Db<'_>) -> Result<String> {
    db.optional("SELECT value FROM meta WHERE key = 'pepper_fingerprint'", &[], |r| r.get(0))?.ok_or_else(|| {
        Error::config("the database records no pepper fingerprint (its meta table was changed)")
            .with_hint("restore it from a backup (patctl db backup); nothing was written")
    })
}

/// Refuses a pepper other than the one recorded when the store was created, before anything
/// is written or verified.
fn check_fingerprint(db: Db<'_>, fingerprint: &str) -> Result<()> {
    crate::domain::secret::pepper_mismatch(&recorded_fingerprint(db)?, fingerprint).map_or(Ok(()), Err)
}

/// Read queries. Available on its own and inside a write transaction.
pub struct Reader<'c> {
    db: Db<'c>,
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

impl<'c> Writer<'c> {
    fn db(&self) -> Db<'c> {
        self.reader.db
    }
}
