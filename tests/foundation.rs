//! Issue 2: users, create, revoke, list, show, the database file and global options.

use crate::common::{self, CLOCK_WARNING, Env, PRESET, contains, database_bytes, stdout, transcript};

/// Runs a command that must leave the database as it was (a refusal, or nothing to do), and
/// returns its transcript.
fn unchanged_by(env: &Env, args: &[&str], input: Option<&str>) -> String {
    let before = env.dump();
    let shown = match input {
        Some(input) => env.transcript_with_input(args, input),
        None => env.transcript(args),
    };
    assert_eq!(env.dump(), before, "database changed by {args:?}");
    shown
}

fn bot_env() -> Env {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    env
}

#[test]
fn readme_walkthrough_reproduces_the_gitlab_docs_example() {
    let env = bot_env();
    let create = [
        "create",
        "--user",
        "automation-bot",
        "--name",
        "Automation token",
        "--scopes",
        "read_user,read_repository",
        "--token-file",
        "-",
    ];
    snapshot!(
        [
            env.transcript_with_input(&create, "token-string-here123\n"),
            env.transcript_with_input(&["revoke", "--token-file", "-"], "token-string-here123\n"),
            env.transcript(&["list", "--state", "all"]),
            env.transcript(&["list"]),
        ]
        .join("\n")
    );
}

#[test]
fn user_add_list_show_and_duplicates() {
    let env = Env::new();
    let mut shown = vec![env.transcript(&[
        "user",
        "add",
        "alice",
        "--name",
        "Alice Liddell",
        "--email",
        "alice@example.com",
        "--admin",
    ])];
    env.user("automation-bot", &["--bot"]);
    shown.push(env.transcript(&["user", "list", "--format", "json"]));
    shown.push(unchanged_by(&env, &["user", "add", "alice"], None));
    // Usernames are unique regardless of case.
    shown.push(unchanged_by(&env, &["user", "add", "ALICE"], None));
    shown.push(unchanged_by(&env, &["user", "add", "alice", "--if-not-exists"], None));
    shown.push(env.transcript(&["user", "show", "alice"]));
    shown.push(env.transcript(&["user", "show", "alice", "--format", "json"]));
    shown.push(env.transcript(&["user", "list"]));
    shown.push(env.transcript(&["user", "list", "--format", "csv"]));
    snapshot!(shown.join("\n"));
}

#[test]
fn usernames_follow_gitlab_rules() {
    let env = Env::new();
    env.user("a.b_c-d", &[]);
    let mut shown = Vec::new();
    for bad in ["-leading-dash", "with space", "semi;colon", "bad\u{1b}[31m"] {
        shown.push(unchanged_by(&env, &["user", "add", "--", bad], None));
    }
    shown.push(unchanged_by(&env, &["user", "add", "bob", "--email", "not-an-email"], None));
    snapshot!(shown.join("\n"));
}

#[test]
fn block_and_unblock() {
    let env = bot_env();
    // Without a terminal, blocking needs --yes.
    let mut shown = vec![unchanged_by(&env, &["user", "block", "automation-bot"], None)];
    shown.push(env.transcript(&["user", "block", "automation-bot", "--yes"]));
    assert_eq!(env.json(&["user", "show", "automation-bot"])["state"], "blocked");
    shown.push(unchanged_by(&env, &["create", "--user", "automation-bot", "--name", "x", "--scopes", "api"], None));
    shown.push(env.transcript(&["user", "unblock", "automation-bot"]));
    assert_eq!(env.json(&["user", "show", "automation-bot"])["state"], "active");
    shown.push(unchanged_by(&env, &["user", "block", "nobody", "--yes"], None));
    snapshot!(shown.join("\n"));
}

#[test]
fn generated_tokens_are_printed_once_and_raw_prints_only_the_token() {
    let env = bot_env();
    let out = env
        .run(&["create", "--user", "automation-bot", "--name", "ci", "--scopes", "api", "--raw"])
        .success()
        .get_output()
        .clone();
    let raw = String::from_utf8(out.stdout).unwrap();
    let token = raw.strip_suffix('\n').expect("one trailing newline");
    assert!(!token.contains('\n'));
    let body = token.strip_prefix("glpat-").expect("prefix");
    assert_eq!(body.len(), 20);
    assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    snapshot!(String::from_utf8(out.stderr).unwrap());

    // The token is never shown again, and never stored.
    assert!(!stdout(&env.run(&["list", "--format", "json"]).success()).contains(token));
    assert!(!stdout(&env.run(&["show", "1"]).success()).contains(token));
    assert!(!contains(&database_bytes(&env.db), token));

    // JSON carries the token at creation, as the GitLab API does.
    let (_, secret) = env.generated_token("automation-bot", "second", "read_api", &[]);
    assert!(secret.starts_with("glpat-"));
    assert_ne!(secret, token);
}

#[test]
fn token_prefix_comes_from_config() {
    let env = bot_env();
    env.write_config("[tokens]\nprefix = \"acme-\"\n");
    let (_, secret) = env.generated_token("automation-bot", "ci", "api", &[]);
    assert!(secret.starts_with("acme-") && secret.len() == 25, "{secret}");
}

#[test]
fn preset_tokens_follow_the_twenty_character_rule_and_are_never_echoed() {
    let env = bot_env();
    let create = ["create", "--user", "automation-bot", "--name", "n", "--scopes", "api", "--token-file", "-"];
    let mut shown = Vec::new();
    for bad in ["too-short", "token-string-here1234", "token string here 12"] {
        let refusal = unchanged_by(&env, &create, Some(&format!("{bad}\n")));
        assert!(!refusal.contains(bad), "echoed: {refusal}");
        shown.push(refusal);
    }
    shown.push(unchanged_by(&env, &create, Some("")));
    shown.push(unchanged_by(&env, &create, Some("\n")));
    // With the configured prefix, and with the trailing newline stripped.
    shown.push(env.transcript_with_input(&create, "glpat-abcdefghij0123456789\n"));
    shown.push(env.transcript_with_input(&["revoke", "--token-file", "-"], "glpat-abcdefghij0123456789"));
    // The length rule can be relaxed.
    env.write_config("[tokens]\npreset_min_length = 8\npreset_max_length = 40\n");
    shown.push(env.transcript_with_input(&create, "short-but-ok\n"));
    snapshot!(shown.join("\n"));
}

#[test]
fn token_on_the_command_line_works_with_a_warning() {
    let env = bot_env();
    let shown =
        env.transcript(&["create", "--user", "automation-bot", "--name", "n", "--scopes", "api", "--token", PRESET]);
    // The command line itself holds the token; what patctl printed must not.
    assert!(!shown.lines().skip(1).any(|line| line.contains(PRESET)), "{shown}");
    snapshot!(shown);
}

#[test]
fn token_file_is_read_and_stripped() {
    let env = bot_env();
    let file = env.write_file("token.txt", &format!("{PRESET}\n"));
    let mut shown = vec![env.transcript(&[
        "create",
        "--user",
        "automation-bot",
        "--name",
        "n",
        "--scopes",
        "api",
        "--token-file",
        &file,
    ])];
    shown.push(env.transcript_with_input(&["revoke", "--token-file", "-"], PRESET));
    shown.push(unchanged_by(&env, &["revoke", "--token-file", "/nonexistent/token"], None));
    snapshot!(shown.join("\n"));
}

#[test]
fn scopes_are_validated_folded_and_admin_checked() {
    let env = bot_env();
    env.user("root", &["--admin"]);
    let mut shown = vec![unchanged_by(
        &env,
        &["create", "--user", "automation-bot", "--name", "n", "--scopes", "read_user,read_repo"],
        None,
    )];
    shown.push(unchanged_by(
        &env,
        &["create", "--user", "automation-bot", "--name", "n", "--scopes", "api,sudo"],
        None,
    ));
    shown.push(env.transcript(&[
        "create",
        "--user",
        "root",
        "--name",
        "n",
        "--scopes",
        "sudo,admin_mode,read_service_ping",
    ]));
    shown.push(env.transcript(&[
        "create",
        "--user",
        "automation-bot",
        "--name",
        "folded",
        "--scopes",
        "read_repository,api",
        "--scopes",
        "api",
    ]));
    snapshot!(shown.join("\n"));
    let tokens = env.json(&["list", "--user", "automation-bot"]);
    assert_eq!(tokens[0]["scopes"], serde_json::json!(["api", "read_repository"]));
}

#[test]
fn expiry_defaults_limits_and_durations() {
    let env = bot_env();
    let create = |extra: &[&'static str]| -> Vec<&'static str> {
        [&["create", "--user", "automation-bot", "--name", "n", "--scopes", "api"], extra].concat()
    };
    let expires_at = |extra: &[&'static str]| env.json(&create(extra))["expires_at"].clone();
    assert_eq!(expires_at(&[]), "2027-11-23");
    assert_eq!(expires_at(&["--expires-in", "30d"]), "2026-12-23");
    assert_eq!(expires_at(&["--expires-in", "2w"]), "2026-12-07");
    assert_eq!(expires_at(&["--expires-in", "6mo"]), "2027-05-23");
    assert_eq!(expires_at(&["--expires-in", "1y"]), "2027-11-23");
    assert_eq!(expires_at(&["--expires-at", "2026-11-24"]), "2026-11-24");
    let mut shown = Vec::new();
    for bad in [
        &["--expires-at", "2026-11-23"][..],
        &["--expires-at", "2026-01-01"],
        &["--expires-at", "2027-11-24"],
        &["--expires-at", "2026-02-30"],
        &["--expires-in", "0d"],
        &["--expires-in=-1d"],
        &["--expires-in", "99999y"],
        &["--expires-in", "13x"],
        // Units smaller than a day: refused, naming the likely intent (m is minutes).
        &["--expires-in", "6m"],
        &["--expires-in", "2h"],
        &["--expires-in", "48h"],
        &["--expires-in", "30s"],
        &["--expires-in", "1month"],
        &["--no-expiry"],
        // Both an expiry date and a duration: a usage error.
        &["--expires-at", "2026-12-01", "--expires-in", "1d"],
    ] {
        shown.push(unchanged_by(&env, &create(bad), None));
    }

    // A policy without required expiry allows --no-expiry and defaults to none.
    env.write_config("[tokens]\nrequire_expiry = false\nmax_lifetime_days = 30\n");
    assert_eq!(expires_at(&["--no-expiry"]), serde_json::Value::Null);
    assert_eq!(expires_at(&[]), serde_json::Value::Null);
    shown.push(unchanged_by(&env, &create(&["--expires-in", "31d"]), None));
    snapshot!(shown.join("\n"));
}

#[test]
fn unknown_user_gets_the_command_that_creates_it() {
    let env = bot_env();
    snapshot!(
        [
            unchanged_by(&env, &["create", "--user", "nobody", "--name", "n", "--scopes", "api"], None),
            unchanged_by(&env, &["create", "--user", "automation-bt", "--name", "n", "--scopes", "api"], None),
        ]
        .join("\n")
    );
}

#[test]
fn duplicate_tokens_and_if_not_exists() {
    let env = bot_env();
    env.user("other", &[]);
    env.preset_token("automation-bot", "Automation token", "read_user,read_repository", PRESET, &[]);
    let create = |user: &'static str, scopes: &'static str, extra: &[&'static str]| {
        let mut args =
            vec!["create", "--user", user, "--name", "Automation token", "--scopes", scopes, "--token-file", "-"];
        args.extend_from_slice(extra);
        args
    };
    let input = format!("{PRESET}\n");
    let mut shown = vec![unchanged_by(&env, &create("automation-bot", "read_user,read_repository", &[]), Some(&input))];
    // Same owner, name and scopes (in any order): nothing to do.
    shown.push(unchanged_by(
        &env,
        &create("automation-bot", "read_repository,read_user", &["--if-not-exists"]),
        Some(&input),
    ));
    shown.push(unchanged_by(&env, &create("automation-bot", "api", &["--if-not-exists"]), Some(&input)));
    shown.push(unchanged_by(&env, &create("other", "read_user,read_repository", &["--if-not-exists"]), Some(&input)));
    env.run(&["revoke", "--id", "1"]).success();
    shown.push(unchanged_by(
        &env,
        &create("automation-bot", "read_user,read_repository", &["--if-not-exists"]),
        Some(&input),
    ));

    // Generated tokens: --if-not-exists matches an active token of the same owner and name.
    env.run(&["create", "--user", "other", "--name", "ci", "--scopes", "api", "--raw"]).success();
    shown.push(unchanged_by(
        &env,
        &["create", "--user", "other", "--name", "ci", "--scopes", "api", "--raw", "--if-not-exists"],
        None,
    ));
    shown.push(unchanged_by(
        &env,
        &["create", "--user", "other", "--name", "ci", "--scopes", "read_api", "--if-not-exists"],
        None,
    ));
    let shown = shown.join("\n");
    assert!(!shown.contains(PRESET), "{shown}");
    snapshot!(shown);
}

#[test]
fn revoke_by_string_id_and_owner_name() {
    let env = bot_env();
    env.preset_token("automation-bot", "one", "api", PRESET, &[]);
    env.preset_token("automation-bot", "two", "api", "glpat-AAAAAAAAAAAAAAAAAAAA", &[]);
    env.preset_token("automation-bot", "three", "api", "BBBBBBBBBBBBBBBBBBBB", &[]);

    let mut shown = vec![
        env.transcript(&["revoke", PRESET]),
        env.transcript(&["revoke", "--id", "2"]),
        env.transcript(&["revoke", "--user", "automation-bot", "--name", "three"]),
    ];
    let states: Vec<String> =
        env.json(&["list", "--state", "all"]).as_array().unwrap().iter().map(|t| t["state"].to_string()).collect();
    assert_eq!(states, ["\"revoked\"", "\"revoked\"", "\"revoked\""]);

    // Revoking twice is harmless.
    let before = env.dump();
    shown.push(env.transcript(&["revoke", "--id", "2"]));
    shown.push(env.transcript_with_input(&["revoke", "--token-file", "-"], PRESET));
    assert_eq!(env.dump(), before);

    // Unknown tokens: 66, never echoed.
    let unknown = unchanged_by(&env, &["revoke", "--token-file", "-"], Some("ZZZZZZZZZZZZZZZZZZZZ\n"));
    assert!(!unknown.contains("ZZZZZZZZZZZZZZZZZZZZ"));
    shown.push(unknown);
    shown.push(unchanged_by(&env, &["revoke", "--id", "99"], None));
    shown.push(unchanged_by(&env, &["revoke", "--user", "automation-bot", "--name", "nope"], None));
    shown.push(unchanged_by(&env, &["revoke", "--user", "ghost-user", "--name", "nope"], None));
    shown.push(unchanged_by(&env, &["revoke"], None));
    snapshot!(shown.join("\n"));
}

#[test]
fn revoke_by_owner_and_name_refuses_ambiguity() {
    let env = bot_env();
    env.generated_token("automation-bot", "deploy", "api", &[]);
    env.generated_token("automation-bot", "deploy", "read_api", &[]);
    let mut shown = vec![unchanged_by(&env, &["revoke", "--user", "automation-bot", "--name", "deploy"], None)];
    env.run(&["revoke", "--id", "1"]).success();
    shown.push(env.transcript(&["revoke", "--user", "automation-bot", "--name", "deploy"]));
    snapshot!(shown.join("\n"));
}

#[test]
fn list_states_columns_and_formats() {
    let env = bot_env();
    env.preset_token("automation-bot", "soon", "api", PRESET, &["--expires-at", "2026-11-25"]);
    env.generated_token("automation-bot", "later", "read_api", &[]);
    env.generated_token("automation-bot", "gone", "read_api", &[]);
    env.run(&["revoke", "--id", "3"]).success();

    let later = "2026-11-26T00:00:00Z";
    let states = |state: &str| -> Vec<i64> {
        let out = env.at(later).args(["list", "--state", state, "--format", "json"]).output().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(states("active"), [2]);
    assert_eq!(states("expired"), [1]);
    assert_eq!(states("revoked"), [3]);
    assert_eq!(states("inactive"), [1, 3]);
    assert_eq!(states("all"), [1, 2, 3]);

    snapshot!(
        [
            transcript(env.at(later).args(["list", "--state", "all"])),
            env.transcript(&["list", "--format", "json"]),
            env.transcript(&["list", "--state", "all", "--format", "csv"]),
            // Nothing matches: an empty JSON array, an empty table.
            env.transcript(&["list", "--search", "nothing-like-this", "--format", "json"]),
            env.transcript(&["list", "--search", "nothing-like-this"]),
        ]
        .join("\n")
    );
}

/// Sets last_used_at directly: which command records use is another issue's concern.
fn set_last_used(env: &Env, id: i64, at: &str) {
    common::execute(
        &env.db,
        &format!("UPDATE personal_access_tokens SET last_used_at = {} WHERE id = {id}", common::quote(at)),
    );
}

#[test]
fn list_filters_follow_the_gitlab_api() {
    let env = bot_env();
    env.user("alice", &[]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list", "--state", "all"];
        all.extend_from_slice(args);
        env.json(&all).as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    env.at("2026-11-01T12:00:00Z")
        .args([
            "create",
            "--user",
            "automation-bot",
            "--name",
            "CI 50%_off",
            "--scopes",
            "api",
            "--expires-at",
            "2026-12-01",
        ])
        .assert()
        .success();
    env.at("2026-11-10T12:00:00Z")
        .args(["create", "--user", "alice", "--name", "ci500off", "--scopes", "api", "--expires-at", "2026-12-15"])
        .assert()
        .success();
    env.generated_token("alice", "deploy", "api", &["--expires-at", "2027-01-01"]);
    set_last_used(&env, 1, "2026-11-20T00:00:00Z");
    set_last_used(&env, 2, "2026-11-22T08:00:00Z");

    assert_eq!(ids(&["--user", "alice"]), [2, 3]);
    assert_eq!(ids(&["--created-before", "2026-11-10T12:00:00Z"]), [1, 2]);
    assert_eq!(ids(&["--created-before", "2026-11-10"]), [1]);
    assert_eq!(ids(&["--created-after", "2026-11-10"]), [2, 3]);
    assert_eq!(ids(&["--last-used-before", "2026-11-20T00:00:00Z"]), [1]);
    assert_eq!(ids(&["--last-used-after", "2026-11-20T00:00:00Z"]), [1, 2]);
    assert_eq!(ids(&["--last-used-after", "2026-11-21"]), [2]);
    assert_eq!(ids(&["--expires-before", "2026-12-15"]), [1]);
    assert_eq!(ids(&["--expires-after", "2026-12-15"]), [2, 3]);
    // Relative forms: durations count forward from now for --expires-*, back for the others.
    assert_eq!(ids(&["--expires-before", "8d"]), [] as [i64; 0], "before 2026-12-01");
    assert_eq!(ids(&["--expires-before", "9d"]), [1]);
    assert_eq!(ids(&["--expires-before", "23d"]), [1, 2]);
    assert_eq!(ids(&["--expires-after", "1mo"]), [3], "on or after 2026-12-23");
    assert_eq!(ids(&["--expires-before", "today"]), [] as [i64; 0]);
    assert_eq!(ids(&["--created-before", "2w"]), [1], "before 2026-11-09T10:00:00Z");
    assert_eq!(ids(&["--created-after", "14d"]), [2, 3]);
    assert_eq!(ids(&["--created-after", "24h"]), [3]);
    assert_eq!(ids(&["--created-after", "today"]), [3]);
    assert_eq!(ids(&["--last-used-after", "yesterday"]), [2], "since 2026-11-22T00:00:00Z");
    assert_eq!(ids(&["--last-used-after", "3d"]), [2], "since 2026-11-20T10:00:00Z");
    assert_eq!(ids(&["--last-used-after", "4d"]), [1, 2]);
    assert_eq!(ids(&["--last-used-before", "90m"]), [1, 2]);
    assert_eq!(ids(&["--last-used-after", "90m"]), [] as [i64; 0]);
    // Case-insensitive, with % and _ taken literally; a query under 3 characters must be the
    // whole name (more in tests/gitlab_specs.rs).
    assert_eq!(ids(&["--search", "CI5"]), [2]);
    assert_eq!(ids(&["--search", "50%_"]), [1]);
    assert_eq!(ids(&["--search", "ci"]), [] as [i64; 0]);
    assert_eq!(ids(&["--search", "%"]), [] as [i64; 0]);
    assert_eq!(ids(&["--sort", "expires:desc"]), [3, 2, 1]);
    assert_eq!(ids(&["--sort", "name"]), [1, 2, 3]);
    assert_eq!(ids(&["--sort", "last_used:desc"]), [3, 2, 1], "never used first, as PostgreSQL sorts NULL");
    assert_eq!(ids(&["--sort", "created:desc"]), [3, 2, 1]);

    snapshot!(
        [
            unchanged_by(&env, &["list", "--sort", "colour"], None),
            unchanged_by(&env, &["list", "--created-before", "2026-02-30"], None),
            unchanged_by(&env, &["list", "--created-after", "soon"], None),
            unchanged_by(&env, &["list", "--expires-before", "30 d"], None),
            unchanged_by(&env, &["list", "--expires-after", "9999y"], None),
            unchanged_by(&env, &["list", "--unused-for", "3m"], None),
            unchanged_by(&env, &["list", "--user", "nobody"], None),
            unchanged_by(&env, &["list", "--state", "sideways"], None),
        ]
        .join("\n")
    );
}

#[test]
fn show_prints_every_field_but_the_token() {
    let env = bot_env();
    env.preset_token(
        "automation-bot",
        "Automation token",
        "read_user,read_repository",
        PRESET,
        &["--description", "for the docs"],
    );
    let shown = [
        env.transcript(&["show", "1"]),
        env.transcript(&["show", "1", "--format", "json"]),
        unchanged_by(&env, &["show", "7"], None),
    ]
    .join("\n");
    assert!(!shown.contains(PRESET), "{shown}");
    snapshot!(shown);
}

#[test]
fn plaintext_tokens_never_reach_the_database_or_its_wal() {
    let env = bot_env();
    env.preset_token("automation-bot", "preset", "api", PRESET, &[]);
    let (_, generated) = env.generated_token("automation-bot", "generated", "api", &[]);
    // Keep a WAL around by holding a connection open while reading the files.
    let _reader = (!env.on_postgres()).then(|| rusqlite::Connection::open(&env.db).unwrap());
    env.run_with_input(&["revoke", "--token-file", "-"], PRESET).success();
    let bytes = database_bytes(&env.db);
    assert!(!bytes.is_empty());
    assert!(!contains(&bytes, PRESET));
    assert!(!contains(&bytes, &generated));
}

#[test]
fn database_file_is_created_0600_with_its_directory_and_wal_mode() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    sqlite_only!("the mode, directories and journal mode of a new SQLite file");
    let env = Env::new();
    let db = env.path("nested/dir/patctl.db");
    let mut cmd = env.std_cmd();
    cmd.env_remove("PATCTL_DB").args(["--db", db.to_str().unwrap(), "user", "add", "alice"]);
    // SAFETY: umask is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    assert!(cmd.status().unwrap().success());
    assert_eq!(std::fs::metadata(&db).unwrap().permissions().mode() & 0o777, 0o600);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert!(version >= 1);
}

#[test]
fn read_commands_on_a_missing_database_create_nothing() {
    let env = Env::new();
    let mut shown = Vec::new();
    for args in [&["list"][..], &["show", "1"], &["user", "list"], &["user", "show", "x"]] {
        shown.push(env.transcript(args));
        assert!(!env.has_store());
    }
    assert!(!env.path("data").exists());
    engine_snapshot!(shown.join("\n"));
}

#[test]
fn database_path_precedence() {
    sqlite_only!("which SQLite file each of --db, PATCTL_DB, config and the default names");
    let env = Env::new();
    let flag = env.path("flag.db");
    let from_env = env.path("env.db");
    let from_config = env.path("config.db");
    env.write_config(&format!("[database]\npath = \"{}\"\n", from_config.display()));

    env.cmd().args(["--db", flag.to_str().unwrap(), "user", "add", "a"]).env("PATCTL_DB", &from_env).assert().success();
    assert!(flag.exists() && !from_env.exists());
    env.cmd().args(["user", "add", "a"]).env("PATCTL_DB", &from_env).assert().success();
    assert!(from_env.exists() && !from_config.exists());
    env.cmd().args(["user", "add", "a"]).env_remove("PATCTL_DB").assert().success();
    assert!(from_config.exists());

    std::fs::remove_file(env.path("config/patctl/config.toml")).unwrap();
    env.cmd().args(["user", "add", "a"]).env_remove("PATCTL_DB").assert().success();
    assert!(env.path("data/patctl/patctl.db").exists());
    env.cmd().args(["user", "add", "a"]).env_remove("PATCTL_DB").env_remove("XDG_DATA_HOME").assert().success();
    assert!(env.path(".local/share/patctl/patctl.db").exists());
}

#[test]
fn a_newer_schema_is_refused_without_writing() {
    let env = bot_env();
    if env.on_postgres() {
        common::execute(
            &env.db,
            "INSERT INTO patctl_schema (version, applied_at) VALUES (999, '2026-11-23T10:00:00Z')",
        );
    } else {
        common::execute(&env.db, "PRAGMA user_version = 999");
    }
    let bytes = (!env.on_postgres()).then(|| std::fs::read(&env.db).unwrap());
    let before = env.dump();
    snapshot!([env.transcript(&["user", "add", "x"]), env.transcript(&["list"])].join("\n"));
    assert_eq!(env.dump(), before);
    assert_eq!((!env.on_postgres()).then(|| std::fs::read(&env.db).unwrap()), bytes);
}

#[test]
fn a_foreign_sqlite_file_is_not_touched() {
    let env = Env::new();
    common::execute(&env.db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');");
    let tables = "SELECT count(*) FROM notes";
    let bytes = (!env.on_postgres()).then(|| std::fs::read(&env.db).unwrap());
    engine_snapshot!(env.transcript(&["user", "add", "x"]));
    assert_eq!((!env.on_postgres()).then(|| std::fs::read(&env.db).unwrap()), bytes);
    // On PostgreSQL, where there are no bytes to compare: its one row, and no patctl table.
    assert_eq!(common::process::count(&env.db, tables), 1);
    if env.on_postgres() {
        assert_eq!(env.dump(), "<no database>", "no patctl table was added");
    }
}

#[test]
fn config_errors_are_exit_78_with_file_and_line() {
    let env = Env::new();
    let mut shown = vec![env.transcript(&["--config", "/nonexistent/patctl.toml", "user", "list"])];
    env.write_config("[tokens]\nprefix = \"glpat-\"\nmax_lifetime = 3\n");
    shown.push(env.transcript(&["user", "add", "x"]));
    assert!(!env.has_store());
    env.write_config("[tokens]\nrequire_expiry = \"yes\"\n");
    shown.push(env.transcript(&["user", "add", "x"]));
    // PATCTL_CONFIG names a file too.
    let named = env.write_file("named.toml", "[expiry]\nwithin_days = \"7\"\n");
    shown.push(transcript(env.cmd().args(["user", "add", "x"]).env("PATCTL_CONFIG", &named)));
    snapshot!(shown.join("\n"));
}

#[test]
fn pepper_changes_the_stored_digest() {
    let env = Env::new();
    let pepper = env.path("pepper");
    std::fs::write(&pepper, "s3cret-pepper\n").unwrap();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", pepper.display()));
    env.user("automation-bot", &["--bot"]);
    env.preset_token("automation-bot", "n", "api", PRESET, &[]);
    let digest = match common::query(&env.db, "SELECT token_digest FROM personal_access_tokens").as_slice() {
        [row] => match row.as_slice() {
            [rusqlite::types::Value::Text(digest)] => digest.clone(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    // sha256("token-string-here123"), without the pepper:
    assert_ne!(digest, "dbd02540d501c1c5de0cd0b082ed9dc8288aa10fcd530b619d08cfe36266ff8f");
    assert_eq!(digest.len(), 64);
    env.run_with_input(&["revoke", "--token-file", "-"], PRESET).success();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", env.path("missing").display()));
    snapshot!(unchanged_by(&env, &["create", "--user", "automation-bot", "--name", "m", "--scopes", "api"], None));
}

#[test]
fn usage_errors_are_exit_64() {
    let env = bot_env();
    snapshot!(
        [
            unchanged_by(&env, &["frobnicate"], None),
            unchanged_by(&env, &["list", "--format", "yaml"], None),
            unchanged_by(&env, &["create", "--name", "n", "--scopes", "api"], None),
            unchanged_by(&env, &["create", "--user", "automation-bot", "--scopes", "api"], None),
            unchanged_by(&env, &["create", "--user", "automation-bot", "--name", "n"], None),
        ]
        .join("\n")
    );
    // `--help` is compared whole by generated::help_output_matches_the_snapshots.
    snapshot!(env.transcript(&["--version"]));
}

#[test]
fn patctl_now_must_be_valid() {
    let env = Env::new();
    snapshot!(transcript(env.at("not-a-time").args(["user", "add", "x"])));
    env.at("2026-11-23T10:00:00+02:00").args(["user", "add", "x"]).assert().success();
    assert_eq!(env.json(&["user", "show", "x"])["created_at"], "2026-11-23T08:00:00Z");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let env = bot_env();
    // Enough rows to overflow a pipe buffer; inserted directly to keep the test fast.
    let rows: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "(1, 'token {i}', 'digest{i}', 'api', '2027-01-01', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"
            )
        })
        .collect();
    common::execute(
        &env.db,
        &format!(
            "INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, expires_at, created_at, updated_at) VALUES {}",
            rows.join(", ")
        ),
    );
    let mut child = env
        .std_cmd()
        .args(["list", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert_eq!(first, "[\n");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), CLOCK_WARNING);
}

/// What `revoke --format json` prints is the token as revoked: updated at the revocation.
#[test]
fn revoke_prints_the_token_as_it_is_after_the_revocation() {
    let env = Env::new();
    env.user("alice", &[]);
    env.at("2026-11-01T00:00:00Z")
        .args(["create", "--user", "alice", "--name", "ci", "--scopes", "api"])
        .assert()
        .success();
    let mut revoked = env.json(&["revoke", "--user", "alice", "--name", "ci"]);
    // What happened, then the token as `show` prints it.
    assert_eq!(revoked.as_object_mut().unwrap().shift_remove("status"), Some("revoked".into()));
    assert_eq!(revoked["created_at"], "2026-11-01T00:00:00Z");
    assert_eq!(revoked["updated_at"], "2026-11-23T10:00:00Z");
    assert_eq!(revoked["state"], "revoked");
    assert_eq!(revoked, env.json(&["show", "1"]));
}
