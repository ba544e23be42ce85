//! One store, two engines: `db copy` between them, and what a copy keeps.

use crate::common::{Env, PRESET, code, dump};

/// A store with something in every table: users (one deleted bot), a project and a group with
/// bots, tokens (one rotated, one revoked), audit events, notifications and apply bookkeeping.
fn populated() -> Env {
    let env = Env::new();
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
    env
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
