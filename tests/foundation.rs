//! Issue 2: users, create, revoke, list, show, the database file and global options.

use crate::common::{Env, PRESET, contains, database_bytes};
use predicates::prelude::*;
use predicates::str::contains as has;

/// Runs a command that must fail with `code`, and checks the database did not change.
fn fails_unchanged(env: &Env, args: &[&str], input: Option<&str>, code: i32) -> String {
    let before = env.dump();
    let mut cmd = env.cmd();
    cmd.args(args);
    if let Some(input) = input {
        cmd.write_stdin(input.to_string());
    }
    let out = cmd.assert().code(code).get_output().clone();
    assert_eq!(env.dump(), before, "database changed by failing command {args:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(out.stdout.is_empty(), "stdout of a failure: {}", String::from_utf8_lossy(&out.stdout));
    stderr
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
    env.run(&["user", "add", "alice", "--name", "Alice Liddell", "--email", "alice@example.com", "--admin"])
        .success()
        .stderr(has("added user alice (id 1)"));
    env.user("automation-bot", &["--bot"]);
    let users = env.json(&["user", "list"]);
    assert_eq!(users.as_array().unwrap().len(), 2);
    let alice = &users[0];
    for field in ["id", "username", "name", "email", "state", "bot", "is_admin", "created_at"] {
        assert!(alice.get(field).is_some(), "missing {field}");
    }
    assert_eq!(alice["is_admin"], true);
    assert_eq!(alice["email"], "alice@example.com");
    assert_eq!(alice["created_at"], "2026-11-23T10:00:00Z");
    assert_eq!(users[1]["bot"], true);
    assert_eq!(users[1]["name"], "automation-bot");

    let stderr = fails_unchanged(&env, &["user", "add", "alice"], None, 65);
    assert!(stderr.contains("already exists"));
    // Usernames are unique regardless of case.
    fails_unchanged(&env, &["user", "add", "ALICE"], None, 65);
    let before = env.dump();
    env.run(&["user", "add", "alice", "--if-not-exists"]).success().stderr(has("nothing changed"));
    assert_eq!(env.dump(), before);

    env.run(&["user", "show", "alice"]).success().stdout(has("Alice Liddell").and(has("Active tokens:")));
    assert_eq!(env.json(&["user", "show", "alice"])["username"], "alice");
    env.run(&["user", "list", "--format", "csv"])
        .success()
        .stdout(predicate::str::starts_with("id,username,name,email,state,bot,is_admin"));
}

#[test]
fn usernames_follow_gitlab_rules() {
    let env = Env::new();
    env.user("a.b_c-d", &[]);
    for bad in ["-leading-dash", "with space", "semi;colon", "bad\u{1b}[31m"] {
        fails_unchanged(&env, &["user", "add", "--", bad], None, 65);
    }
    fails_unchanged(&env, &["user", "add", "bob", "--email", "not-an-email"], None, 65);
}

#[test]
fn block_and_unblock() {
    let env = bot_env();
    // Without a terminal, blocking needs --yes.
    fails_unchanged(&env, &["user", "block", "automation-bot"], None, 64);
    env.run(&["user", "block", "automation-bot", "--yes"]).success().stderr(has("blocked user automation-bot"));
    assert_eq!(env.json(&["user", "show", "automation-bot"])["state"], "blocked");
    let stderr =
        fails_unchanged(&env, &["create", "--user", "automation-bot", "--name", "x", "--scopes", "api"], None, 65);
    assert!(stderr.contains("blocked"));
    env.run(&["user", "unblock", "automation-bot"]).success();
    assert_eq!(env.json(&["user", "show", "automation-bot"])["state"], "active");
    fails_unchanged(&env, &["user", "block", "nobody", "--yes"], None, 67);
}

#[test]
fn generated_tokens_are_printed_once_and_raw_prints_only_the_token() {
    let env = bot_env();
    let out = env
        .run(&["create", "--user", "automation-bot", "--name", "ci", "--scopes", "api", "--raw"])
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.strip_suffix('\n').expect("one trailing newline");
    assert!(!token.contains('\n'));
    let body = token.strip_prefix("glpat-").expect("prefix");
    assert_eq!(body.len(), 20);
    assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    assert!(String::from_utf8(out.stderr).unwrap().contains("shown only once"));

    // The token is never shown again, and never stored.
    env.run(&["list", "--format", "json"]).success().stdout(has(token).not());
    env.run(&["show", "1"]).success().stdout(has(token).not());
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
    for bad in ["too-short", "token-string-here1234", "token string here 12"] {
        let stderr = fails_unchanged(&env, &create, Some(&format!("{bad}\n")), 65);
        assert!(!stderr.contains(bad), "echoed: {stderr}");
        assert!(stderr.contains("20 characters"), "{stderr}");
    }
    fails_unchanged(&env, &create, Some(""), 65);
    fails_unchanged(&env, &create, Some("\n"), 65);
    // With the configured prefix, and with the trailing newline stripped.
    env.run_with_input(&create, "glpat-abcdefghij0123456789\n").success();
    env.run_with_input(&["revoke", "--token-file", "-"], "glpat-abcdefghij0123456789").success();
    // The length rule can be relaxed.
    env.write_config("[tokens]\npreset_min_length = 8\npreset_max_length = 40\n");
    env.run_with_input(&create, "short-but-ok\n").success();
}

#[test]
fn token_on_the_command_line_works_with_a_warning() {
    let env = bot_env();
    env.cmd()
        .args(["create", "--user", "automation-bot", "--name", "n", "--scopes", "api", "--token", PRESET])
        .assert()
        .success()
        .stderr(has("visible to other users").and(has(PRESET).not()));
}

#[test]
fn token_file_is_read_and_stripped() {
    let env = bot_env();
    let file = env.path("token.txt");
    std::fs::write(&file, format!("{PRESET}\n")).unwrap();
    let file = file.to_str().unwrap();
    env.run(&["create", "--user", "automation-bot", "--name", "n", "--scopes", "api", "--token-file", file]).success();
    env.run_with_input(&["revoke", "--token-file", "-"], PRESET).success().stderr(has("revoked token 1"));
    fails_unchanged(&env, &["revoke", "--token-file", "/nonexistent/token"], None, 66);
}

#[test]
fn scopes_are_validated_folded_and_admin_checked() {
    let env = bot_env();
    env.user("root", &["--admin"]);
    let stderr = fails_unchanged(
        &env,
        &["create", "--user", "automation-bot", "--name", "n", "--scopes", "read_user,read_repo"],
        None,
        65,
    );
    assert!(stderr.contains("did you mean read_repository?"), "{stderr}");
    let stderr =
        fails_unchanged(&env, &["create", "--user", "automation-bot", "--name", "n", "--scopes", "api,sudo"], None, 65);
    assert!(stderr.contains("admin"), "{stderr}");
    env.run(&["create", "--user", "root", "--name", "n", "--scopes", "sudo,admin_mode,read_service_ping"]).success();
    env.run(&[
        "create",
        "--user",
        "automation-bot",
        "--name",
        "folded",
        "--scopes",
        "read_repository,api",
        "--scopes",
        "api",
    ])
    .success();
    let tokens = env.json(&["list", "--user", "automation-bot"]);
    assert_eq!(tokens[0]["scopes"], serde_json::json!(["api", "read_repository"]));
}

#[test]
fn expiry_defaults_limits_and_durations() {
    let env = bot_env();
    let create = |extra: &[&str]| {
        let mut args = vec!["create", "--user", "automation-bot", "--name", "n", "--scopes", "api"];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run_json = |extra: &[&str]| {
        let args = create(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.json(&args)
    };
    assert_eq!(run_json(&[])["expires_at"], "2027-11-23");
    assert_eq!(run_json(&["--expires-in", "30d"])["expires_at"], "2026-12-23");
    assert_eq!(run_json(&["--expires-in", "2w"])["expires_at"], "2026-12-07");
    assert_eq!(run_json(&["--expires-in", "6m"])["expires_at"], "2027-05-23");
    assert_eq!(run_json(&["--expires-in", "1y"])["expires_at"], "2027-11-23");
    assert_eq!(run_json(&["--expires-at", "2026-11-24"])["expires_at"], "2026-11-24");
    for bad in [
        vec!["--expires-at", "2026-11-23"],
        vec!["--expires-at", "2026-01-01"],
        vec!["--expires-at", "2027-11-24"],
        vec!["--expires-at", "2026-02-30"],
        vec!["--expires-in", "0d"],
        vec!["--expires-in=-1d"],
        vec!["--expires-in", "99999y"],
        vec!["--expires-in", "13x"],
        vec!["--no-expiry"],
    ] {
        let args = create(&bad);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_unchanged(&env, &args, None, 65);
    }
    // Both an expiry date and a duration: a usage error.
    let args = create(&["--expires-at", "2026-12-01", "--expires-in", "1d"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fails_unchanged(&env, &args, None, 64);

    // A policy without required expiry allows --no-expiry and defaults to none.
    env.write_config("[tokens]\nrequire_expiry = false\nmax_lifetime_days = 30\n");
    assert_eq!(run_json(&["--no-expiry"])["expires_at"], serde_json::Value::Null);
    assert_eq!(run_json(&[])["expires_at"], serde_json::Value::Null);
    let args = create(&["--expires-in", "31d"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fails_unchanged(&env, &args, None, 65);
}

#[test]
fn unknown_user_gets_the_command_that_creates_it() {
    let env = bot_env();
    let stderr = fails_unchanged(&env, &["create", "--user", "nobody", "--name", "n", "--scopes", "api"], None, 67);
    assert!(stderr.contains("hint: patctl user add nobody"), "{stderr}");
    let stderr =
        fails_unchanged(&env, &["create", "--user", "automation-bt", "--name", "n", "--scopes", "api"], None, 67);
    assert!(stderr.contains("did you mean 'automation-bot'"), "{stderr}");
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
    let stderr = fails_unchanged(&env, &create("automation-bot", "read_user,read_repository", &[]), Some(&input), 65);
    assert!(stderr.contains("token already exists") && !stderr.contains(PRESET), "{stderr}");

    let before = env.dump();
    env.run_with_input(&create("automation-bot", "read_repository,read_user", &["--if-not-exists"]), &input)
        .success()
        .stderr(has("unchanged"));
    assert_eq!(env.dump(), before);
    fails_unchanged(&env, &create("automation-bot", "api", &["--if-not-exists"]), Some(&input), 65);
    fails_unchanged(&env, &create("other", "read_user,read_repository", &["--if-not-exists"]), Some(&input), 65);
    env.run(&["revoke", "--id", "1"]).success();
    fails_unchanged(
        &env,
        &create("automation-bot", "read_user,read_repository", &["--if-not-exists"]),
        Some(&input),
        65,
    );

    // Generated tokens: --if-not-exists matches an active token of the same owner and name.
    env.run(&["create", "--user", "other", "--name", "ci", "--scopes", "api", "--raw"]).success();
    let before = env.dump();
    env.run(&["create", "--user", "other", "--name", "ci", "--scopes", "api", "--raw", "--if-not-exists"])
        .success()
        .stdout("");
    assert_eq!(env.dump(), before);
    fails_unchanged(
        &env,
        &["create", "--user", "other", "--name", "ci", "--scopes", "read_api", "--if-not-exists"],
        None,
        65,
    );
}

#[test]
fn revoke_by_string_id_and_owner_name() {
    let env = bot_env();
    env.preset_token("automation-bot", "one", "api", PRESET, &[]);
    env.preset_token("automation-bot", "two", "api", "glpat-AAAAAAAAAAAAAAAAAAAA", &[]);
    env.preset_token("automation-bot", "three", "api", "BBBBBBBBBBBBBBBBBBBB", &[]);

    env.cmd().args(["revoke", PRESET]).assert().success().stderr(has("revoked token 1"));
    env.run(&["revoke", "--id", "2"]).success().stderr(has("revoked token 2"));
    env.run(&["revoke", "--user", "automation-bot", "--name", "three"]).success().stderr(has("revoked token 3"));
    let states: Vec<String> =
        env.json(&["list", "--state", "all"]).as_array().unwrap().iter().map(|t| t["state"].to_string()).collect();
    assert_eq!(states, ["\"revoked\"", "\"revoked\"", "\"revoked\""]);

    // Revoking twice is harmless.
    let before = env.dump();
    env.run(&["revoke", "--id", "2"]).success().stderr(has("already revoked"));
    env.run_with_input(&["revoke", "--token-file", "-"], PRESET).success().stderr(has("already revoked"));
    assert_eq!(env.dump(), before);

    // Unknown tokens: 66, never echoed.
    let stderr = fails_unchanged(&env, &["revoke", "--token-file", "-"], Some("ZZZZZZZZZZZZZZZZZZZZ\n"), 66);
    assert!(!stderr.contains("ZZZZZZZZZZZZZZZZZZZZ"));
    fails_unchanged(&env, &["revoke", "--id", "99"], None, 66);
    fails_unchanged(&env, &["revoke", "--user", "automation-bot", "--name", "nope"], None, 66);
    fails_unchanged(&env, &["revoke", "--user", "ghost-user", "--name", "nope"], None, 67);
    fails_unchanged(&env, &["revoke"], None, 64);
}

#[test]
fn revoke_by_owner_and_name_refuses_ambiguity() {
    let env = bot_env();
    env.generated_token("automation-bot", "deploy", "api", &[]);
    env.generated_token("automation-bot", "deploy", "read_api", &[]);
    let stderr = fails_unchanged(&env, &["revoke", "--user", "automation-bot", "--name", "deploy"], None, 65);
    assert!(stderr.contains("ids 2, 1"), "{stderr}");
    env.run(&["revoke", "--id", "1"]).success();
    env.run(&["revoke", "--user", "automation-bot", "--name", "deploy"]).success().stderr(has("revoked token 2"));
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

    let out = env.at(later).args(["list", "--state", "all"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let header = table.lines().next().unwrap();
    let columns: Vec<&str> = header.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(columns, ["ID", "USER", "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE"]);
    assert!(table.contains("never"));
    assert!(table.lines().any(|l| l.contains("soon") && l.contains("expired")), "{table}");

    let token = &env.json(&["list"])[0];
    for field in [
        "id",
        "name",
        "description",
        "revoked",
        "active",
        "expired",
        "created_at",
        "scopes",
        "user_id",
        "last_used_at",
        "expires_at",
        "impersonation",
        "username",
    ] {
        assert!(token.get(field).is_some(), "missing {field}");
    }
    assert_eq!(token["expires_at"], "2026-11-25");
    assert_eq!(token["impersonation"], false);

    let csv = env.run(&["list", "--state", "all", "--format", "csv"]).success().get_output().stdout.clone();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("id,username,name,"));

    // Nothing matches: an empty JSON array, an empty table.
    env.run(&["list", "--search", "nothing-like-this", "--format", "json"]).success().stdout("[]\n");
    env.run(&["list", "--search", "nothing-like-this"]).success().stdout("");
}

/// Sets last_used_at directly: which command records use is another issue's concern.
fn set_last_used(env: &Env, id: i64, at: &str) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE personal_access_tokens SET last_used_at = ?1 WHERE id = ?2", rusqlite::params![at, id])
        .unwrap();
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
    // Case-insensitive, with % and _ taken literally.
    assert_eq!(ids(&["--search", "ci"]), [1, 2]);
    assert_eq!(ids(&["--search", "50%_"]), [1]);
    assert_eq!(ids(&["--search", "%"]), [1]);
    assert_eq!(ids(&["--search", "_"]), [1]);
    assert_eq!(ids(&["--sort", "expires:desc"]), [3, 2, 1]);
    assert_eq!(ids(&["--sort", "name"]), [1, 2, 3]);
    assert_eq!(ids(&["--sort", "last_used:desc"]), [2, 1, 3]);
    assert_eq!(ids(&["--sort", "created:desc"]), [3, 2, 1]);

    env.run(&["list", "--sort", "colour"]).code(64);
    env.run(&["list", "--created-before", "2026-02-30"]).code(65);
    env.run(&["list", "--user", "nobody"]).code(67);
    env.run(&["list", "--state", "sideways"]).code(64);
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
    env.run(&["show", "1"]).success().stdout(
        has("Automation token")
            .and(has("for the docs"))
            .and(has("read_user,read_repository"))
            .and(has("2027-11-23"))
            .and(has("active"))
            .and(has(PRESET).not()),
    );
    let token = env.json(&["show", "1"]);
    assert_eq!(token["description"], "for the docs");
    assert_eq!(token["username"], "automation-bot");
    env.run(&["show", "7"]).code(66).stderr(has("no token with id 7"));
}

#[test]
fn plaintext_tokens_never_reach_the_database_or_its_wal() {
    let env = bot_env();
    env.preset_token("automation-bot", "preset", "api", PRESET, &[]);
    let (_, generated) = env.generated_token("automation-bot", "generated", "api", &[]);
    // Keep a WAL around by holding a connection open while reading the files.
    let _reader = rusqlite::Connection::open(&env.db).unwrap();
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
    for args in [vec!["list"], vec!["show", "1"], vec!["user", "list"], vec!["user", "show", "x"]] {
        env.run(&args).code(66).stderr(has("does not exist").and(has("hint: ")));
        assert!(!env.db.exists());
    }
    assert!(!env.path("data").exists());
}

#[test]
fn database_path_precedence() {
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
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    let before = env.dump();
    env.run(&["user", "add", "x"]).code(74).stderr(has("newer"));
    env.run(&["list"]).code(74);
    assert_eq!(env.dump(), before);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn a_foreign_sqlite_file_is_not_touched() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    env.run(&["user", "add", "x"]).code(74).stderr(has("not a patctl database"));
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn config_errors_are_exit_78_with_file_and_line() {
    let env = Env::new();
    env.cmd()
        .args(["--config", "/nonexistent/patctl.toml", "user", "list"])
        .assert()
        .code(78)
        .stderr(has("/nonexistent/patctl.toml"));
    let path = env.write_config("[tokens]\nprefix = \"glpat-\"\nmax_lifetime = 3\n");
    env.run(&["user", "add", "x"])
        .code(78)
        .stderr(has(path.to_str().unwrap()).and(has("line 3")).and(has("max_lifetime")));
    assert!(!env.db.exists());
    env.write_config("[tokens]\nrequire_expiry = \"yes\"\n");
    env.run(&["user", "add", "x"]).code(78).stderr(has("line 2"));
    // PATCTL_CONFIG names a file too.
    let named = env.path("named.toml");
    std::fs::write(&named, "[expiry]\nwithin_days = \"7\"\n").unwrap();
    env.cmd().args(["user", "add", "x"]).env("PATCTL_CONFIG", &named).assert().code(78).stderr(has("named.toml"));
}

#[test]
fn pepper_changes_the_stored_digest() {
    let env = bot_env();
    let pepper = env.path("pepper");
    std::fs::write(&pepper, "s3cret-pepper\n").unwrap();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", pepper.display()));
    env.preset_token("automation-bot", "n", "api", PRESET, &[]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let digest: String = conn.query_row("SELECT token_digest FROM personal_access_tokens", [], |r| r.get(0)).unwrap();
    // sha256("token-string-here123"), without the pepper:
    assert_ne!(digest, "dbd02540d501c1c5de0cd0b082ed9dc8288aa10fcd530b619d08cfe36266ff8f");
    assert_eq!(digest.len(), 64);
    env.run_with_input(&["revoke", "--token-file", "-"], PRESET).success();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", env.path("missing").display()));
    env.run(&["create", "--user", "automation-bot", "--name", "m", "--scopes", "api"])
        .code(78)
        .stderr(has("pepper_file"));
}

#[test]
fn usage_errors_are_exit_64() {
    let env = bot_env();
    env.run(&["frobnicate"]).code(64).stderr(has("error:"));
    env.run(&["list", "--format", "yaml"]).code(64);
    fails_unchanged(&env, &["create", "--name", "n", "--scopes", "api"], None, 64);
    let stderr = fails_unchanged(&env, &["create", "--user", "automation-bot", "--scopes", "api"], None, 64);
    assert!(stderr.contains("--name"), "{stderr}");
    let stderr = fails_unchanged(&env, &["create", "--user", "automation-bot", "--name", "n"], None, 64);
    assert!(stderr.contains("--scopes"), "{stderr}");
    env.run(&["--help"]).success().stdout(has("Usage: patctl"));
    env.run(&["--version"]).success().stdout(has("patctl "));
}

#[test]
fn patctl_now_must_be_valid() {
    let env = Env::new();
    env.at("not-a-time").args(["user", "add", "x"]).assert().code(64).stderr(has("PATCTL_NOW"));
    env.at("2026-11-23T10:00:00+02:00").args(["user", "add", "x"]).assert().success();
    assert_eq!(env.json(&["user", "show", "x"])["created_at"], "2026-11-23T08:00:00Z");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let env = bot_env();
    {
        // Enough rows to overflow a pipe buffer; inserted directly to keep the test fast.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        for i in 0..3000 {
            tx.execute(
                "INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, expires_at, created_at, updated_at)
                 VALUES (1, ?1, ?2, 'api', '2027-01-01', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
                rusqlite::params![format!("token {i}"), format!("digest{i}")],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
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
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
