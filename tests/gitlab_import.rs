//! Issue 14's import: a GitLab instance's users, bots, projects, groups and tokens read from the
//! CSV files of the README's `psql \copy` recipe (`tests/fixtures/gitlab/csv-*`, exported from
//! GitLab-shaped schemas of 16.11 and 17.8) and, with `PATCTL_TEST_POSTGRES` set, straight from a
//! GitLab-shaped PostgreSQL database, which is proved untouched. The fixtures' digests follow
//! GitLab's formula (`make_data.py`), so the token strings below verify once imported.

use crate::common::{Env, code, repo, stderr};
use crate::gitlab_digest::{DB_KEY_BASE, use_gitlab_key};

/// The token strings of `make_data.py`, by GitLab id.
const ALICE_LAPTOP: &str = "glpat-AliceLaptop000000001";
const ALICE_OLD_CI: &str = "glpat-AliceOldCi0000000002";
const ALICE_NEW_CI: &str = "glpat-AliceNewCi0000000003";
const PROJECT_BOT: &str = "glpat-ProjectBot0000000006";
const GROUP_BOT: &str = "glpat-GroupBot000000000007";
const ALICE_EXPIRED: &str = "glpat-AliceExpired00000011";

/// Relative to the crate (the tests' working directory), so that transcripts hold no checkout path.
fn csv_dir(version: &str) -> String {
    let dir = format!("tests/fixtures/gitlab/csv-{version}");
    assert!(repo(&dir).is_dir());
    dir
}

/// A store with GitLab's digests and the fixtures' key.
fn gitlab_store() -> Env {
    let env = Env::new();
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    env
}

/// What a store holds after an import, as users and scripts see it: the strings verify (or are
/// refused), the tokens list, and check-expiry reports the tokens GitLab would mail about.
fn after_import(env: &Env) -> Vec<String> {
    let mut shown = Vec::new();
    for token in [ALICE_LAPTOP, ALICE_NEW_CI, PROJECT_BOT, GROUP_BOT, ALICE_OLD_CI, ALICE_EXPIRED] {
        shown.push(env.transcript_with_input(&["verify", "--token-file", "-"], token));
    }
    shown.push(env.transcript(&["list", "--state", "all"]));
    shown.push(env.transcript(&["project", "list"]));
    shown.push(env.transcript(&["group", "list"]));
    shown.push(env.transcript(&["check-expiry"]));
    shown
}

#[test]
fn a_csv_export_of_either_gitlab_version_imports_verifies_and_a_second_run_changes_nothing() {
    for version in ["16.11", "17.8"] {
        let env = gitlab_store();
        let dir = csv_dir(version);
        let mut shown = vec![env.transcript(&["import", "gitlab", "--from-csv", &dir])];
        shown.extend(after_import(&env));
        let before = env.dump();
        shown.push(env.transcript(&["import", "gitlab", "--from-csv", &dir]));
        assert_eq!(env.dump(), before, "{version}: the second import changed the store");
        snapshot!(format!("csv_import_{}", version.replace('.', "_")), shown.join("\n"));
    }
}

#[test]
fn a_dry_run_writes_nothing_and_json_follows_the_schema() {
    let env = gitlab_store();
    env.run(&["db", "migrate"]).success();
    let before = env.dump();
    let dir = csv_dir("17.8");
    let dry = env.json(&["import", "gitlab", "--from-csv", &dir, "--dry-run"]);
    assert_eq!(env.dump(), before);
    assert_eq!(dry["tokens"]["created"], 10);
    assert!(dry.get("status").is_none());
    let real = env.json(&["import", "gitlab", "--from-csv", &dir]);
    assert_eq!(real["status"], "updated");
    assert_eq!(real["tokens"], dry["tokens"]);
    let again = env.json(&["import", "gitlab", "--from-csv", &dir]);
    assert_eq!(again["status"], "unchanged");
    assert_eq!(again["tokens"]["unchanged"], 10);
    let events = env.json(&["audit", "--action", "gitlab.import"]);
    assert_eq!(events.as_array().unwrap().len(), 1, "one event for the run that changed something");
}

#[test]
fn an_import_needs_a_store_with_gitlab_digests_and_the_instance_s_key() {
    let env = Env::new();
    env.user("admin", &[]);
    let dir = csv_dir("17.8");
    let mut shown = vec![env.transcript(&["import", "gitlab", "--from-csv", &dir])];
    let env = gitlab_store();
    env.user("admin", &[]);
    use_gitlab_key(&env, "other.json", &DB_KEY_BASE.replace('6', "7"));
    let before = env.dump();
    shown.push(env.transcript(&["import", "gitlab", "--from-csv", &dir]));
    assert_eq!(env.dump(), before);
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    shown.push(env.transcript(&["import", "gitlab", "--from-csv", "tests/fixtures/gitlab/no-such-export"]));
    shown.push(env.transcript(&["import", "gitlab"]));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn patctl_s_own_rows_are_never_overwritten_by_an_import() {
    let env = gitlab_store();
    // A local user with GitLab's alice's name, and a local token holding id 101's string.
    env.user("alice", &[]);
    env.preset_token("alice", "mine", "api", ALICE_LAPTOP, &[]);
    let out = env.run(&["import", "gitlab", "--from-csv", &csv_dir("17.8")]);
    assert_eq!(code(&out), 0);
    let warnings = stderr(&out);
    assert!(warnings.contains("user 2 'alice': patctl has another user of that name: left as it is"), "{warnings}");
    let mine = env.token(1);
    assert_eq!(mine["name"], "mine");
}

/// The PostgreSQL source: a GitLab-shaped database of its own on the test server.
mod postgres_source {
    use super::*;

    /// The base URI of the test server, or None (the tests then say so and pass).
    fn server() -> Option<String> {
        std::env::var("PATCTL_TEST_POSTGRES").ok().filter(|v| !v.is_empty())
    }

    /// A database of the test server, dropped when the test ends.
    struct Database {
        base: String,
        name: String,
        uri: String,
    }

    impl Drop for Database {
        fn drop(&mut self) {
            if let Ok(mut admin) = postgres::Client::connect(&self.base, postgres::NoTls) {
                let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
            }
        }
    }

    /// A fresh database holding `version`'s schema and rows.
    fn gitlab_database(base: &str, version: &str, extra_sql: &str) -> Database {
        let name = format!("gitlab_{}_{}", version.replace('.', "_"), std::process::id());
        let name = format!("{name}_{}", rand_suffix());
        let mut admin = postgres::Client::connect(base, postgres::NoTls).expect("test server");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let uri = database_uri(base, &name);
        let mut client = postgres::Client::connect(&uri, postgres::NoTls).unwrap();
        let dir = repo("tests/fixtures/gitlab");
        for file in [format!("schema-{version}.sql"), format!("data-{version}.sql")] {
            client.batch_execute(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        }
        client.batch_execute(extra_sql).unwrap();
        Database { base: base.to_string(), name, uri }
    }

    fn rand_suffix() -> u32 {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos()
    }

    /// `base` with its database name replaced: `postgresql://u@/postgres?host=/d` -> `.../NAME?host=/d`.
    fn database_uri(base: &str, name: &str) -> String {
        let (before_query, query) = base.split_once('?').map_or((base, None), |(b, q)| (b, Some(q)));
        let (scheme, rest) = before_query.split_once("://").unwrap();
        let authority = rest.split('/').next().unwrap();
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        format!("{scheme}://{authority}/{name}{query}")
    }

    /// The whole database as SQL, less the random key newer pg_dump writes on its `\restrict` lines.
    fn pg_dump(uri: &str) -> String {
        let out = std::process::Command::new("pg_dump").args(["--no-owner", "--dbname", uri]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let dump = String::from_utf8(out.stdout).unwrap();
        dump.lines()
            .filter(|l| !l.starts_with("\\restrict ") && !l.starts_with("\\unrestrict "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_gitlab_database_of_either_version_imports_like_its_csv_export_and_stays_byte_for_byte() {
        let Some(base) = server() else {
            eprintln!("skipped: set PATCTL_TEST_POSTGRES to a PostgreSQL URI to read a GitLab database");
            return;
        };
        for version in ["16.11", "17.8"] {
            let database = gitlab_database(&base, version, "");
            let uri = database.uri.clone();
            let before = pg_dump(&uri);
            let from_db = gitlab_store();
            from_db.run(&["import", "gitlab", "--from", &uri]).success();
            from_db.run(&["import", "gitlab", "--from", &uri]).success();
            assert!(pg_dump(&uri) == before, "{version}: the GitLab database changed");
            let from_csv = gitlab_store();
            from_csv.run(&["import", "gitlab", "--from-csv", &csv_dir(version)]).success();
            // The same store either way, but for where it was read.
            let strip =
                |env: &Env| env.dump().replace(&uri, "SOURCE").replace(&format!("csv:{}", csv_dir(version)), "SOURCE");
            assert_eq!(strip(&from_db), strip(&from_csv), "{version}");
            assert_eq!(after_import(&from_db), after_import(&from_csv), "{version}");
        }
    }

    #[test]
    fn the_import_reads_in_one_read_only_repeatable_read_transaction() {
        let Some(base) = server() else {
            eprintln!("skipped: set PATCTL_TEST_POSTGRES to a PostgreSQL URI to read a GitLab database");
            return;
        };
        // schema_migrations as a view showing the session as the server sees it while patctl reads.
        let database = gitlab_database(
            &base,
            "17.8",
            "DROP TABLE schema_migrations;
             CREATE VIEW schema_migrations AS SELECT current_setting('default_transaction_read_only')
                 || ',' || current_setting('transaction_read_only')
                 || ',' || current_setting('transaction_isolation') AS version;",
        );
        let env = gitlab_store();
        let report = env.json(&["import", "gitlab", "--from", &database.uri, "--dry-run"]);
        assert_eq!(report["gitlab_schema_version"], "on,on,repeatable read");
    }
}
