//! Several hosts on one PostgreSQL store, as processes sharing one database: load, concurrent
//! `check-expiry --mail`, writers killed mid-transaction, and the server stopped mid-run.
//! PostgreSQL-only: they run on the PostgreSQL pass (`PATCTL_TEST_POSTGRES`, README "Tests").
use crate::common::postgres::{self, Engine};
use crate::common::{self, Env};

/// The one line saying how to run the PostgreSQL pass when this run does not; under `CI=true` the
/// pass must be named (`PATCTL_TEST_ENGINE`), and a PostgreSQL pass needs a server that answers.
#[test]
fn postgres_pass_is_enabled_or_explained() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match postgres::engine() {
        Engine::Postgres => {
            let version: String =
                postgres::connect(&postgres::base_uri()).query_one("SHOW server_version", &[]).unwrap().get(0);
            postgres::say_uncaptured(&format!(
                "PostgreSQL pass: every test's store on its own database (server {version})"
            ));
        }
        Engine::Sqlite if ci => assert!(
            std::env::var(postgres::ENGINE_VAR).is_ok_and(|v| v == "sqlite"),
            "under CI=true each pass names its engine: {}=sqlite or {}=postgres with {}",
            postgres::ENGINE_VAR,
            postgres::ENGINE_VAR,
            postgres::URI_VAR
        ),
        Engine::Sqlite => postgres::say_uncaptured(&format!("note: {}", postgres::HOW_TO_ENABLE)),
    }
}

/// The harness itself: each `Env` has an empty database of its own, dumped as SQLite's would be,
/// and dropped with it.
#[test]
fn each_test_gets_its_own_empty_database_dumped_like_sqlite() {
    postgres_only!();
    let (a, b) = (Env::new(), Env::new());
    assert_ne!(a.db, b.db);
    assert_eq!(a.dump(), "<no database>");
    common::execute(
        &a.db,
        "CREATE TABLE patctl_schema (version BIGINT NOT NULL);
         INSERT INTO patctl_schema VALUES (1), (9);
         CREATE TABLE users (id BIGINT PRIMARY KEY, username TEXT NOT NULL, email TEXT, admin BOOLEAN);
         INSERT INTO users VALUES (2, 'bob', NULL, false), (1, 'al\"ice', 'a@example.com', true);",
    );
    let sqlite = Env::new_sqlite();
    common::execute(
        &sqlite.db,
        "PRAGMA user_version = 9;
         CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT, admin INTEGER);
         INSERT INTO users VALUES (2, 'bob', NULL, 0), (1, 'al\"ice', 'a@example.com', 1);",
    );
    assert_eq!(a.dump(), sqlite.dump());
    assert_eq!(
        a.dump(),
        "user_version=9\n[users]\nInteger(1)|Text(\"al\\\"ice\")|Text(\"a@example.com\")|Integer(1)\n\
         Integer(2)|Text(\"bob\")|Null|Integer(0)\n"
    );
    assert_eq!(b.dump(), "<no database>", "databases are not shared");
    let name = a.postgres.as_ref().unwrap().name.clone();
    drop(a);
    let left = crate::common::process::count(
        &b.db,
        &format!("SELECT count(*) FROM pg_database WHERE datname = {}", common::quote(&name)),
    );
    assert_eq!(left, 0, "{name} is dropped with its Env");
}
