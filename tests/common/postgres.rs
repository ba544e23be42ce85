//! The PostgreSQL pass: which engine this run's stores are on, a database of its own per test on
//! the server `PATCTL_TEST_POSTGRES` names, and the reads the harness makes of it (dump, counts).
//!
//! - `PATCTL_TEST_POSTGRES=postgresql://postgres@/postgres?host=DIR`: the base URI of a server
//!   (`bash .ci/postgres start DIR` prints it); every `Env::new()` then gets an empty database
//!   `t_<pid>_<n>` on it, dropped (`WITH (FORCE)`) when the `Env` is.
//! - `PATCTL_TEST_ENGINE=sqlite|postgres`: which pass this is. Unset, the URI decides; CI sets it
//!   on both passes, so that a PostgreSQL pass without a server fails instead of running on SQLite.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rusqlite::types::Value;

pub const URI_VAR: &str = "PATCTL_TEST_POSTGRES";
pub const ENGINE_VAR: &str = "PATCTL_TEST_ENGINE";

/// How to run the PostgreSQL pass, for the one line printed when it is not run.
pub const HOW_TO_ENABLE: &str = "PostgreSQL pass not run: `bash .ci/postgres start /tmp/pg` prints a URI; then \
     PATCTL_TEST_POSTGRES=<that URI> cargo test --test main (README \"Tests\")";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The engine of this run's stores (see the module's documentation).
pub fn engine() -> Engine {
    match var(ENGINE_VAR).as_deref() {
        Some("postgres") => Engine::Postgres,
        Some("sqlite") => Engine::Sqlite,
        Some(other) => panic!("{ENGINE_VAR}={other}: expected sqlite or postgres"),
        None if var(URI_VAR).is_some() => Engine::Postgres,
        None => Engine::Sqlite,
    }
}

pub fn on_postgres() -> bool {
    engine() == Engine::Postgres
}

/// The server's base URI; on the PostgreSQL pass a missing one is a failure, never a skip.
pub fn base_uri() -> String {
    var(URI_VAR)
        .unwrap_or_else(|| panic!("{ENGINE_VAR}=postgres needs {URI_VAR}=<base URI of a server> ({HOW_TO_ENABLE})"))
}

/// Whether `db` (an `Env::db` or a `--db` value) names a PostgreSQL database rather than a file.
pub fn is_uri(db: &Path) -> bool {
    let text = db.to_string_lossy();
    text.starts_with("postgresql://") || text.starts_with("postgres://")
}

/// The name of the running test (libtest names each test's thread after it).
pub fn test_name() -> String {
    std::thread::current().name().unwrap_or("test").to_string()
}

/// Writes one line straight to the process's stderr, past libtest's capture of `eprintln!`.
pub fn say_uncaptured(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

pub fn connect(uri: &str) -> postgres::Client {
    postgres::Client::connect(uri, postgres::NoTls).unwrap_or_else(|e| panic!("connect to {uri}: {e}"))
}

/// `uri` with its database name replaced by `name` (libpq URI: `scheme://[authority]/DBNAME[?query]`).
pub fn with_database(uri: &str, name: &str) -> String {
    let after_scheme = uri.find("://").map(|i| i + 3).expect("a postgresql:// URI");
    let rest = &uri[after_scheme..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let path_and_query = &rest[authority_end..];
    let query = path_and_query.find('?').map(|i| &path_and_query[i..]).unwrap_or("");
    format!("{}{}/{name}{query}", &uri[..after_scheme], &rest[..authority_end])
}

/// A database of one test's own on a server, dropped with it.
pub struct TestDatabase {
    base: String,
    pub name: String,
    pub uri: String,
}

impl TestDatabase {
    /// An empty database on the server `base` names: what a missing SQLite file is to that engine.
    pub fn create(base: &str) -> TestDatabase {
        // Unique across the test threads of this process and across processes sharing a server.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("t_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = connect(base);
        // A database left by a killed run whose pid this one reuses.
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        TestDatabase { uri: with_database(base, &name), base: base.to_string(), name }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // A server stopped on purpose (`postgres_hosts::`) has nothing left to drop.
        match postgres::Client::connect(&self.base, postgres::NoTls) {
            Ok(mut admin) => {
                if let Err(e) = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)) {
                    eprintln!("DROP DATABASE {}: {e}", self.name);
                }
            }
            Err(e) => eprintln!("DROP DATABASE {}: {e}", self.name),
        }
    }
}

/// Whether patctl has made a store of this database yet (its schema table exists).
fn has_store(client: &mut postgres::Client) -> bool {
    client.query_one("SELECT to_regclass('patctl_schema') IS NOT NULL", &[]).unwrap().get(0)
}

/// [`super::dump`] of a PostgreSQL database, in the SQLite dump's words: the schema version as
/// `user_version=N`, then each patctl table (the schema table left out: its rows are the
/// version) sorted by name, its rows formatted as rusqlite's `Value` debug-prints them, sorted.
pub fn dump(uri: &str) -> String {
    let mut client = connect(uri);
    if !has_store(&mut client) {
        return "<no database>".into();
    }
    let version: i64 =
        client.query_one("SELECT coalesce(max(version), 0)::bigint FROM patctl_schema", &[]).unwrap().get(0);
    let mut out = format!("user_version={version}\n");
    let mut tables: Vec<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'patctl_schema'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables.sort();
    for table in tables {
        out.push_str(&format!("[{table}]\n"));
        let mut rows: Vec<String> = client
            .query(&format!("SELECT * FROM \"{table}\""), &[])
            .unwrap()
            .iter()
            .map(|row| {
                let values = (0..row.len()).map(|i| (row.columns()[i].name().to_string(), value(&table, row, i)));
                super::dump_row(values.collect())
            })
            .collect();
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// One value as rusqlite holds the same value read from SQLite, so that dumps and queries print
/// the same on both engines.
fn value(table: &str, row: &postgres::Row, i: usize) -> Value {
    use postgres::types::Type;
    fn or_null<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
        v.map_or(Value::Null, f)
    }
    let column = &row.columns()[i];
    match *column.type_() {
        Type::INT8 => or_null(row.get::<_, Option<i64>>(i), Value::Integer),
        Type::INT4 => or_null(row.get::<_, Option<i32>>(i), |v| Value::Integer(v.into())),
        Type::INT2 => or_null(row.get::<_, Option<i16>>(i), |v| Value::Integer(v.into())),
        // SQLite has no booleans: the same data there is 0 or 1.
        Type::BOOL => or_null(row.get::<_, Option<bool>>(i), |v| Value::Integer(v.into())),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => or_null(row.get::<_, Option<String>>(i), Value::Text),
        // Names SQLite compares with NOCASE are citext there.
        ref t if t.name() == "citext" => or_null(row.get::<_, Option<String>>(i), Value::Text),
        Type::FLOAT8 => or_null(row.get::<_, Option<f64>>(i), Value::Real),
        Type::BYTEA => or_null(row.get::<_, Option<Vec<u8>>>(i), Value::Blob),
        ref other => panic!(
            "{table}.{} is {other}; the PostgreSQL schema was expected to mirror SQLite's \
             (BIGINT/INTEGER, TEXT, BYTEA)",
            column.name()
        ),
    }
}

/// The rows `sql` selects, each value as rusqlite would hold it (see [`value`]).
pub fn query(uri: &str, sql: &str) -> Vec<Vec<Value>> {
    let rows = connect(uri).query(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter().map(|row| (0..row.len()).map(|i| value("query", row, i)).collect()).collect()
}

/// Runs `sql` (statements without results) on a PostgreSQL database, for a test's setup.
pub fn execute(uri: &str, sql: &str) {
    connect(uri).batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn with_database_replaces_only_the_name() {
        use super::with_database;
        assert_eq!(
            with_database("postgresql://postgres@/postgres?host=/tmp/x", "t_1_2"),
            "postgresql://postgres@/t_1_2?host=/tmp/x"
        );
        assert_eq!(with_database("postgres://u:p@h:5432/db", "t"), "postgres://u:p@h:5432/t");
        assert_eq!(with_database("postgresql://?host=/s", "t"), "postgresql:///t?host=/s");
    }
}
