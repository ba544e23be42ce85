//! One store, two engines: `db copy` between them, and what a copy keeps.

use crate::common::{self, Env, PRESET, code, dump};

/// A store with something in every table: users (one deleted bot), a project and a group with
/// bots, tokens (one rotated, one revoked), audit events, notifications and apply bookkeeping.
fn populated() -> Env {
    let env = Env::new();
    populate(&env);
    env
}

fn populate(env: &Env) {
    env.user("alice", &["--email", "alice@example.com"]);
    env.preset_token("alice", "ci", "api", PRESET, &["--expires-at", "2026-11-30"]);
    env.preset_token("alice", "old", "read_api", "token-string-old1234", &["--expires-at", "2027-01-01"]);
    env.run(&["revoke", "--id", "2"]).success();
    env.run(&["project", "add", "acme/web"]).success();
    env.run(&["group", "add", "acme"]).success();
    let project_token = env.write_file("p.token", "token-string-project\n");
    env.run(&[
        "create",
        "--project",
        "acme/web",
        "--name",
        "deploy",
        "--scopes",
        "read_api",
        "--token-file",
        &project_token,
    ])
    .success();
    env.run(&["check-expiry", "--once"]).code(1);
    env.write_file("bots.toml", "managed_by = \"engines\"\n[[users]]\nusername = \"robot\"\nbot = true\n");
    env.run(&["apply", env.path("bots.toml").to_str().unwrap()]).success();
}

#[test]
fn db_copy_into_a_new_sqlite_file_keeps_every_row_and_id() {
    let env = populated();
    let copy = env.path("copy.db");
    let shown = env.transcript(&["db", "copy", "--to", copy.to_str().unwrap()]);
    assert_eq!(dump(&copy), env.dump(), "the copy holds the same rows, ids and schema version");
    snapshot!(shown);
    // The copy is a store like any other: it verifies the same token.
    let verified = env.cmd().args(["--db", copy.to_str().unwrap(), "verify"]).write_stdin(PRESET).output().unwrap();
    assert_eq!(code(&verified), 0);
}

#[test]
fn db_copy_refuses_a_target_that_holds_data_and_leaves_it_as_it_was() {
    let env = populated();
    let other = Env::new();
    other.user("bob", &[]);
    let before = other.dump();
    let target = other.db.to_str().unwrap().to_string();
    snapshot!(env.transcript(&["db", "copy", "--to", &target]));
    assert_eq!(other.dump(), before);
}

/// How a team moves up: a SQLite store copied into an empty PostgreSQL database keeps every row
/// and id, and the server then hands out ids after the copied ones.
#[test]
fn db_copy_from_sqlite_into_an_empty_postgres_database_keeps_every_row_and_new_ids_follow() {
    postgres_only!();
    let sqlite = Env::new_sqlite();
    populate(&sqlite);
    let server = Env::new();
    let target = server.db.to_str().unwrap().to_string();
    let mut shown = vec![sqlite.transcript(&["db", "copy", "--to", &target])];
    assert_eq!(server.dump(), sqlite.dump(), "the server holds the same rows, ids and schema version");
    shown.push(server.transcript_with_input(&["verify"], PRESET));
    shown.push(server.transcript_with_input(
        &["create", "--user", "alice", "--name", "next", "--scopes", "api", "--token-file", "-"],
        "token-string-next123",
    ));
    snapshot!(shown.join("\n"));
}

/// A role granted only SELECT gets every read command; writes are exit 77, as on a read-only
/// SQLite file, and verify answers with a warning that it could not record the use.
#[test]
fn a_role_that_may_only_read_runs_reads_and_gets_77_for_writes() {
    postgres_only!();
    let env = Env::new();
    env.user("alice", &[]);
    env.preset_token("alice", "ci", "api", PRESET, &["--expires-at", "2027-01-01"]);
    let database = env.db.to_str().unwrap().to_string();
    let role = format!("reader_{}", database.split('/').nth(3).unwrap().split('?').next().unwrap());
    common::execute(
        &env.db,
        &format!("CREATE ROLE {role} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"),
    );
    let uri = database.replacen("postgres@", &format!("{role}@"), 1);
    let before = env.dump();
    let mut shown = Vec::new();
    for args in [&["list"][..], &["audit"], &["user", "add", "bob"], &["revoke", "--id", "1"]] {
        let mut cmd = env.cmd();
        cmd.env("PATCTL_DB", &uri).args(args);
        shown.push(common::transcript(&mut cmd).replace(&uri, "[reader]"));
    }
    let mut cmd = env.cmd();
    cmd.env("PATCTL_DB", &uri).arg("verify").write_stdin(PRESET);
    shown.push(common::transcript(&mut cmd).replace(&uri, "[reader]"));
    assert_eq!(env.dump(), before, "nothing was written");
    common::execute(&env.db, &format!("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; DROP ROLE {role}"));
    snapshot!(shown.join("\n"));
}
