//! `patctl verify`, the throttled last use, and `list --unused-for` / `--never-used`.
use crate::common::{
    CLOCK_WARNING, Env, NOW, PRESET, after_clock, contains, database_bytes, stderr, stdout, transcript,
};
use serde_json::Value;

/// `patctl verify ARGS` at `now`, with `token` and a newline on standard input.
fn verify_at(env: &Env, now: &str, token: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    env.at(now).args(&all).write_stdin(format!("{token}\n")).assert()
}

fn verify(env: &Env, token: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    verify_at(env, NOW, token, args)
}

fn token_json(env: &Env, id: i64) -> Value {
    env.json(&["show", &id.to_string()])
}

/// alice with the GitLab docs' preset token (read_user, read_repository), expiring 2026-11-24.
fn setup(env: &Env) -> i64 {
    env.user("alice", &[]);
    env.preset_token("alice", "Automation token", "read_user,read_repository", PRESET, &["--expires-at", "2026-11-24"])
}

/// A rejection: exit 1, one line on stderr with the reason, nothing on stdout, never the token.
fn assert_rejected(out: assert_cmd::assert::Assert, token: &str, reason: &str) {
    let out = out.code(1);
    let err = stderr(&out);
    assert_eq!(err, after_clock(&format!("error: token rejected: {reason}\n")));
    assert_eq!(stdout(&out), "");
    assert!(!err.contains(token));
}

#[test]
fn a_valid_token_prints_its_owner_and_id() {
    let env = Env::new();
    let id = setup(&env);
    let out = verify(&env, PRESET, &[]).success();
    assert_eq!(stdout(&out), format!("alice {id}\n"));
    assert!(!stderr(&out).contains(PRESET));

    let shown = env.transcript_with_input(&["verify", "--format", "json", "--scope", "read_user"], PRESET);
    assert!(!shown.contains(PRESET));
    snapshot!(shown);

    let out = verify(&env, PRESET, &["--format", "csv"]).success();
    assert_eq!(stdout(&out), format!("username,id\r\nalice,{id}\r\n"));
}

#[test]
fn the_token_comes_from_stdin_or_a_file_never_the_command_line() {
    let env = Env::new();
    let id = setup(&env);
    let file = env.path("token.txt");
    std::fs::write(&file, format!("{PRESET}\n")).unwrap();
    let out = env.run(&["verify", "--token-file", file.to_str().unwrap()]).success();
    assert_eq!(stdout(&out), format!("alice {id}\n"));
    verify(&env, PRESET, &["--token-file", "-"]).success();
    // There is no positional token argument.
    env.run(&["verify", PRESET]).code(64);
    // Empty input is invalid data; a missing file is not found.
    env.run_with_input(&["verify"], "\n").code(65);
    env.run(&["verify", "--token-file", env.path("missing").to_str().unwrap()]).code(66);
}

#[test]
fn scopes_grant_what_their_gitlab_abilities_allow() {
    let env = Env::new();
    env.user("alice", &[]);
    let (_, api) = env.generated_token("alice", "api", "api", &[]);
    let (_, write) = env.generated_token("alice", "write", "write_repository,write_registry", &[]);
    let (_, read) = env.generated_token("alice", "read", "read_api", &[]);
    verify(&env, &api, &["--scope", "read_api"]).success();
    verify(&env, &api, &["--scope", "api", "--scope", "read_api"]).success();
    verify(&env, &write, &["--scope", "read_repository,write_registry"]).success();
    verify(&env, &write, &["--scope", "write_repository"]).success();
    // api carries every ability, read_api the read-only ones (clone, registry read).
    verify(&env, &api, &["--scopes", "read_repository,write_repository,read_registry,write_registry"]).success();
    verify(&env, &read, &["--scope", "read_repository", "--scope", "read_registry"]).success();
    assert_rejected(verify(&env, &read, &["--scope", "api"]), &read, "missing scope api");
    assert_rejected(verify(&env, &read, &["--scope", "write_repository"]), &read, "missing scope write_repository");
    // write_registry pushes images but does not pull them (create_container_image only).
    assert_rejected(verify(&env, &write, &["--scope", "read_registry"]), &write, "missing scope read_registry");
    // Scopes outside the ability mapping are granted only by themselves.
    assert_rejected(verify(&env, &api, &["--scope", "read_user"]), &api, "missing scope read_user");
    assert_rejected(
        verify(&env, &write, &["--scope", "read_api", "--scope", "read_user"]),
        &write,
        "missing scopes read_api, read_user",
    );
    // An unknown scope is a usage mistake, not an answer.
    snapshot!(env.transcript_with_input(&["verify", "--scope", "read_repo"], &api));
}

#[test]
fn each_rejection_reason_is_named() {
    let env = Env::new();
    let id = setup(&env);
    env.user("bob", &[]);
    let (_, bobs) = env.generated_token("bob", "ci", "api", &[]);
    let before = env.dump();

    assert_rejected(verify(&env, "unknown-token-abcdefg", &[]), "unknown-token-abcdefg", "unknown");
    assert_rejected(verify_at(&env, "2026-11-24T00:00:00Z", PRESET, &[]), PRESET, "expired on 2026-11-24 (00:00 UTC)");
    assert_rejected(verify(&env, PRESET, &["--scope", "api"]), PRESET, "missing scope api");
    // Rejections write nothing.
    assert_eq!(env.dump(), before);

    env.run(&["user", "block", "bob", "--yes"]).success();
    assert_rejected(verify(&env, &bobs, &[]), &bobs, "owner 'bob' is blocked");

    env.run(&["revoke", "--id", &id.to_string(), "--yes"]).success();
    assert_rejected(verify(&env, PRESET, &[]), PRESET, "revoked");

    // JSON callers get the reason on stdout too.
    let shown = env.transcript_with_input(&["verify", "--format", "json"], PRESET);
    assert!(!shown.contains(PRESET));
    snapshot!(shown);
}

#[test]
fn a_missing_database_is_not_found_and_not_created() {
    let env = Env::new();
    verify(&env, PRESET, &[]).code(66);
    assert!(!env.has_store());
}

#[test]
fn tokens_expire_at_midnight_utc_in_every_time_zone() {
    let env = Env::new();
    setup(&env);
    for tz in ["UTC", "America/New_York", "Australia/Lord_Howe"] {
        env.at("2026-11-23T23:59:59Z")
            .env("TZ", tz)
            .arg("verify")
            .write_stdin(format!("{PRESET}\n"))
            .assert()
            .success();
        let out =
            env.at("2026-11-24T00:00:00Z").env("TZ", tz).arg("verify").write_stdin(format!("{PRESET}\n")).assert();
        assert_rejected(out, PRESET, "expired on 2026-11-24 (00:00 UTC)");
    }
    // Local clocks with offsets are read in UTC: 18:59:59 in New York is 23:59:59Z.
    verify_at(&env, "2026-11-23T18:59:59-05:00", PRESET, &[]).success();
    assert_rejected(
        verify_at(&env, "2026-11-23T19:00:00-05:00", PRESET, &[]),
        PRESET,
        "expired on 2026-11-24 (00:00 UTC)",
    );
    // 10:59:59 on the 24th in Lord Howe (UTC+11) is still the 23rd in UTC.
    verify_at(&env, "2026-11-24T10:59:59+11:00", PRESET, &[]).success();
    assert_rejected(
        verify_at(&env, "2026-11-24T11:00:00+11:00", PRESET, &[]),
        PRESET,
        "expired on 2026-11-24 (00:00 UTC)",
    );
}

#[test]
fn expiry_enforcement_can_be_switched_off() {
    let env = Env::new();
    let id = setup(&env);
    env.write_config("[tokens]\nenforce_expiry = false\n");
    let mut shown = vec![transcript(env.at("2026-12-01T00:00:00Z").args(["verify"]).write_stdin(PRESET))];
    // list and show still say expired.
    let detail = env.at("2026-12-01T00:00:00Z").args(["show", &id.to_string(), "--format", "json"]).output().unwrap();
    let detail: Value = serde_json::from_slice(&detail.stdout).unwrap();
    assert_eq!((detail["expired"].as_bool(), detail["state"].as_str()), (Some(true), Some("expired")));
    shown.push(transcript(env.at("2026-12-01T00:00:00Z").args(["list", "--state", "expired"])));
    snapshot!(shown.join("\n"));
    // Revocation is still enforced.
    env.run(&["revoke", "--id", &id.to_string(), "--yes"]).success();
    assert_rejected(verify_at(&env, "2026-12-01T00:00:00Z", PRESET, &[]), PRESET, "revoked");
}

#[test]
fn impersonation_tokens_are_refused_when_impersonation_is_disabled() {
    let env = Env::new();
    let id = setup(&env);
    // Issue 4 adds `create --impersonation`; until then, mark the token in the database.
    crate::common::execute(&env.db, &format!("UPDATE personal_access_tokens SET impersonation = 1 WHERE id = {id}"));
    verify(&env, PRESET, &[]).success();
    env.write_config("[security]\nimpersonation_enabled = false\n");
    assert_rejected(
        verify(&env, PRESET, &[]),
        PRESET,
        "impersonation tokens are disabled (config security.impersonation_enabled = false)",
    );
}

// --- last use -------------------------------------------------------------------------------

/// The database file and its WAL, byte for byte (the WAL index, -shm, is scratch memory).
fn stored_bytes(env: &Env) -> Vec<u8> {
    if env.on_postgres() {
        return env.dump().into_bytes();
    }
    let mut bytes = std::fs::read(&env.db).unwrap();
    let mut wal = env.db.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    bytes
}

#[test]
fn last_use_is_recorded_at_most_once_per_interval() {
    let env = Env::new();
    let id = setup(&env);
    assert_eq!(token_json(&env, id)["last_used_at"], Value::Null);
    let created = token_json(&env, id)["updated_at"].clone();

    let out = verify_at(&env, "2026-11-23T10:00:00Z", PRESET, &["--format", "json"]).success();
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["last_used_at"], "2026-11-23T10:00:00Z");
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:00:00Z");
    // Last use is not an update of the token.
    assert_eq!(token_json(&env, id)["updated_at"], created);

    // Within the default 10 minutes: not a byte changes, and the file is not even touched.
    let bytes = stored_bytes(&env);
    // The file's time, on SQLite (PostgreSQL has no file of ours).
    let modified = || (!env.on_postgres()).then(|| std::fs::metadata(&env.db).unwrap().modified().unwrap());
    let before = modified();
    verify_at(&env, "2026-11-23T10:05:00Z", PRESET, &[]).success();
    verify_at(&env, "2026-11-23T10:09:59Z", PRESET, &["--scope", "read_user"]).success();
    assert!(stored_bytes(&env) == bytes, "a verify inside the interval changed the database");
    assert_eq!(modified(), before);
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:00:00Z");

    // Ten minutes later it is recorded again.
    verify_at(&env, "2026-11-23T10:10:00Z", PRESET, &[]).success();
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:10:00Z");
    assert!(stored_bytes(&env) != bytes);
    // A rejected verify does not count as a use.
    verify_at(&env, "2026-11-23T11:00:00Z", PRESET, &["--scope", "api"]).code(1);
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:10:00Z");
    // The token string is in neither the database nor its WAL.
    assert!(!contains(&database_bytes(&env.db), PRESET));
}

#[test]
fn the_interval_comes_from_the_config() {
    let env = Env::new();
    let id = setup(&env);
    env.write_config("[tokens]\nlast_used_interval = \"1h\"\n");
    verify_at(&env, "2026-11-23T10:00:00Z", PRESET, &[]).success();
    verify_at(&env, "2026-11-23T10:30:00Z", PRESET, &[]).success();
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:00:00Z");
    verify_at(&env, "2026-11-23T11:00:00Z", PRESET, &[]).success();
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T11:00:00Z");
    env.write_config("[tokens]\nlast_used_interval = \"0s\"\n");
    verify_at(&env, "2026-11-23T11:00:01Z", PRESET, &[]).success();
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T11:00:01Z");
}

#[test]
fn inside_the_interval_verify_does_not_even_take_the_write_lock() {
    let env = Env::new();
    let id = setup(&env);
    verify_at(&env, "2026-11-23T10:00:00Z", PRESET, &[]).success();
    // Another process holds the write lock: a verify inside the interval answers at once,
    // without a warning, because it has nothing to write.
    let lock = crate::common::hold_write_lock(&env.db);
    let started = std::time::Instant::now();
    let out = verify_at(&env, "2026-11-23T10:09:00Z", PRESET, &[]).success();
    assert_eq!(stderr(&out), CLOCK_WARNING);
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "verify waited for the write lock");
    // Outside the interval it must write: after the 5 s busy timeout the token is still
    // accepted, with a warning that its last use was not recorded.
    snapshot!(transcript(env.at("2026-11-23T10:10:00Z").args(["verify"]).write_stdin(PRESET)));
    drop(lock);
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-23T10:00:00Z");
}

// --- list: last use and stale tokens ---------------------------------------------------------

#[test]
fn list_shows_last_use_relative_and_absolute() {
    let env = Env::new();
    let id = setup(&env);
    verify_at(&env, "2026-11-20T14:02:33Z", PRESET, &[]).code(0);
    snapshot!(
        [
            transcript(env.at("2026-11-23T14:02:00Z").args(["list"])),
            transcript(env.at("2026-11-23T15:00:00Z").args(["list"])),
        ]
        .join("\n")
    );
    assert_eq!(token_json(&env, id)["last_used_at"], "2026-11-20T14:02:33Z");
}

#[test]
fn list_finds_unused_and_never_used_tokens() {
    let env = Env::new();
    env.user("alice", &[]);
    let created = |name: &str, at: &str| -> (i64, String) {
        let out = env
            .at(at)
            .args(["create", "--user", "alice", "--name", name, "--scopes", "api", "--format", "json"])
            .output()
            .unwrap();
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        (value["id"].as_i64().unwrap(), value["token"].as_str().unwrap().to_string())
    };
    // Now is 2026-11-23T10:00:00Z; 30 days before is 2026-10-24T10:00:00Z.
    let (used_long_ago, t1) = created("used-long-ago", "2026-09-01T00:00:00Z");
    let (never_used_old, _) = created("never-used-old", "2026-09-01T00:00:00Z");
    let (used_recently, t3) = created("used-recently", "2026-09-01T00:00:00Z");
    let (never_used_new, _) = created("never-used-new", "2026-11-20T00:00:00Z");
    let (used_at_cutoff, t5) = created("used-at-cutoff", "2026-09-01T00:00:00Z");
    let (created_at_cutoff, _) = created("created-at-cutoff", "2026-10-24T10:00:00Z");
    verify_at(&env, "2026-10-01T00:00:00Z", &t1, &[]).success();
    verify_at(&env, "2026-11-22T00:00:00Z", &t3, &[]).success();
    verify_at(&env, "2026-10-24T10:00:00Z", &t5, &[]).success();

    let listed = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        env.json(&all).as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    // Never used or last used before now - 30d, and created before then too (bounds exclusive).
    assert_eq!(listed(&["--unused-for", "30d"]), vec![used_long_ago, never_used_old]);
    assert_eq!(
        listed(&["--unused-for", "29d"]),
        vec![used_long_ago, never_used_old, used_at_cutoff, created_at_cutoff]
    );
    assert_eq!(listed(&["--never-used"]), vec![never_used_old, never_used_new, created_at_cutoff]);
    assert_eq!(listed(&["--never-used", "--unused-for", "30d"]), vec![never_used_old]);
    assert_eq!(listed(&["--unused-for", "1y"]), Vec::<i64>::new());
    let _ = used_recently;
    // It combines with the other filters, and a bad duration is invalid data.
    assert_eq!(listed(&["--unused-for", "2w", "--search", "long"]), vec![used_long_ago]);
    snapshot!(
        [env.transcript(&["list", "--unused-for", "30x"]), env.transcript(&["list", "--unused-for", "0d"])].join("\n")
    );
}
