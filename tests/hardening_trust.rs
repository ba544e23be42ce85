//! Issue 15's clock and pepper findings, replayed: a far-future `PATCTL_NOW`, values an older
//! patctl stored out of range, and a store opened with another pepper than it was created with.

use crate::common::{CLOCK_WARNING, Env, PRESET, after_clock, code, stderr};

/// Runs `args` (with `input` on stdin, if any), asserting that the database stays byte for byte
/// as it was, and returns the transcript.
fn unchanged_by(env: &Env, args: &[&str], input: Option<&str>) -> String {
    let before = env.dump();
    let shown = match input {
        Some(input) => env.transcript_with_input(args, input),
        None => env.transcript(args),
    };
    assert_eq!(env.dump(), before, "database changed by {args:?}");
    shown
}

/// alice with the GitLab docs' preset token (id 1).
fn alice_with_a_token() -> Env {
    let env = Env::new();
    env.user("alice", &[]);
    env.preset_token("alice", "ci", "api", PRESET, &[]);
    env
}

#[test]
fn a_far_future_patctl_now_is_refused_with_64_and_stores_nothing() {
    let env = alice_with_a_token();
    let mut shown = Vec::new();
    // Year 10000 once the offset is taken off (the finding's value), a second before 1970, and a
    // date past 9999: verify would have stamped them as the last use.
    for now in ["9999-12-31T23:59:59-23:59", "1970-01-01T00:59:59+01:00", "10000-01-01"] {
        let before = env.dump();
        let mut cmd = env.at(now);
        shown.push(crate::common::transcript(cmd.args(["verify", "--token-file", "-"]).write_stdin(PRESET)));
        assert_eq!(env.dump(), before, "PATCTL_NOW={now} stored something");
    }
    // Both ends of the range are accepted.
    for now in ["9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"] {
        env.at(now).args(["list", "--format", "json"]).assert().success();
    }
    snapshot!(shown.join("\n"));
}

#[test]
fn a_fixed_clock_warns_once_per_run_and_marks_every_audit_event() {
    let env = alice_with_a_token();
    let out = env.run(&["revoke", "--id", "1"]).success();
    assert_eq!(stderr(&out), after_clock("revoked token 1 'ci' for alice (api; expires 2027-11-23)\n"));
    let quiet = env.run(&["--quiet", "list", "--state", "all", "--format", "json"]).success();
    assert_eq!(stderr(&quiet), "", "--quiet silences the warning");
    let events = env.json(&["audit"]);
    let clocks: Vec<(&str, &str)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["details"]["clock"].as_str().unwrap_or("system")))
        .collect();
    assert_eq!(clocks, [("user.add", "fixed"), ("token.create", "fixed"), ("token.revoke", "fixed")]);
    // On the real clock: no warning, no mark.
    let out = env.cmd().env_remove("PATCTL_NOW").args(["user", "add", "bob"]).assert().success();
    assert_eq!(stderr(&out), "added user bob (id 2)\n");
    let last = env.json(&["audit", "--action", "user.add", "--user", "bob"]);
    assert_eq!(last[0]["details"].get("clock"), None);
}

/// What an older patctl left after `PATCTL_NOW=9999-12-31T23:59:59-23:59 patctl verify`: a last
/// use and an audit event in year 10000, and (from a `create --expires-in`) an expiry past 9999.
fn plant_far_future_values(env: &Env) {
    crate::common::execute(
        &env.db,
        "UPDATE personal_access_tokens SET last_used_at = '+10000-01-01T23:58:59Z' WHERE id = 1;
         UPDATE personal_access_tokens SET expires_at = '+10000-01-05' WHERE id = 2;
         INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
             VALUES ('+10000-01-01T23:58:59Z', 'tester', 'token.verify', 'token', 1, 'alice', 1, '{}');",
    );
}

#[test]
fn values_an_older_patctl_stored_out_of_range_stop_no_command_and_db_check_repairs_them() {
    let env = alice_with_a_token();
    env.preset_token("alice", "deploy", "read_api", "token-string-there45", &[]);
    plant_far_future_values(&env);
    let mut shown = vec![
        unchanged_by(&env, &["list", "--state", "all"], None),
        unchanged_by(&env, &["show", "1"], None),
        unchanged_by(&env, &["audit", "--format", "jsonl", "--after-id", "3"], None),
        unchanged_by(&env, &["db", "check"], None),
        env.transcript_with_input(&["verify", "--token-file", "-"], PRESET),
        env.transcript(&["revoke", "--id", "1"]),
        // Runs, but compares the stray expiry as text (it sorts before today): not live yet.
        env.transcript(&["revoke", "--all", "--user", "alice", "--yes"]),
        env.transcript(&["db", "check", "--repair"]),
    ];
    let repair = env.json(&["audit", "--action", "db.repair"]);
    assert_eq!(repair.as_array().unwrap().len(), 1, "one audit event for the repair");
    // Repaired: the expiry is clamped to 9999-12-31; the audit event is kept, and read as it is.
    shown.push(unchanged_by(&env, &["db", "check"], None));
    shown.push(unchanged_by(&env, &["list", "--state", "all"], None));
    shown.push(env.transcript(&["revoke", "--all", "--user", "alice", "--yes"]));
    engine_snapshot!(shown.join("\n"));
}

#[test]
fn a_value_out_of_range_is_refused_on_write_and_nothing_is_stored() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    // The expiry a year after the last day patctl handles.
    let mut cmd = env.at("9999-06-01T00:00:00Z");
    let shown = crate::common::transcript(cmd.args(["create", "--user", "alice", "--name", "n", "--scopes", "api"]));
    assert_eq!(env.dump(), before);
    snapshot!(shown);
}

/// A store created with the pepper in `pepper`, holding alice's preset token (id 1).
fn peppered_store() -> Env {
    let env = Env::new();
    let pepper = env.path("pepper");
    std::fs::write(&pepper, "s3cret-pepper\n").unwrap();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", pepper.display()));
    env.user("alice", &[]);
    env.preset_token("alice", "ci", "api", PRESET, &[]);
    env
}

#[test]
fn a_store_opened_with_a_missing_other_or_empty_pepper_is_78_and_nothing_is_written() {
    let env = peppered_store();
    std::fs::write(env.path("other"), "another-pepper\n").unwrap();
    std::fs::write(env.path("empty"), "").unwrap();
    let mut shown = Vec::new();
    for config in ["", "[tokens]\npepper_file = \"OTHER\"\n", "[tokens]\npepper_file = \"EMPTY\"\n"] {
        let config = config
            .replace("OTHER", &env.path("other").display().to_string())
            .replace("EMPTY", &env.path("empty").display().to_string());
        env.write_config(&config);
        shown.push(format!("# config: {config:?}"));
        shown.push(unchanged_by(&env, &["verify", "--token-file", "-"], Some(PRESET)));
        shown.push(unchanged_by(
            &env,
            &["create", "--user", "alice", "--name", "dup", "--scopes", "api", "--token-file", "-"],
            Some(PRESET),
        ));
        shown.push(unchanged_by(&env, &["revoke", "--token-file", "-"], Some(PRESET)));
    }
    // The finding's harm cannot happen: no second row with the preset string, the original still
    // verifies with the right pepper.
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", env.path("pepper").display()));
    assert_eq!(env.all_tokens().len(), 1);
    env.run_with_input(&["verify", "--token-file", "-"], PRESET).success();
    snapshot!(shown.join("\n"));
}

#[test]
fn a_store_made_without_a_pepper_refuses_one() {
    let env = alice_with_a_token();
    std::fs::write(env.path("pepper"), "s3cret-pepper\n").unwrap();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", env.path("pepper").display()));
    let out = env.run_with_input(&["verify", "--token-file", "-"], PRESET);
    assert_eq!(code(&out), 78);
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: database {}: pepper mismatch: the database was created without a pepper, but tokens.pepper_file sets one\nhint: configure the pepper the database was created with: its token digests cannot be recomputed without it; nothing was written\n",
            env.db.display()
        ))
    );
}

#[test]
fn a_store_older_than_the_fingerprint_records_the_pepper_of_its_upgrade() {
    sqlite_only!("a schema-1 SQLite fixture file");
    let env = Env::new();
    std::fs::copy(crate::common::repo("tests/fixtures/schema-v1.db"), &env.db).unwrap();
    std::fs::set_permissions(&env.db, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    std::fs::write(env.path("pepper"), "s3cret-pepper\n").unwrap();
    env.write_config(&format!("[tokens]\npepper_file = \"{}\"\n", env.path("pepper").display()));
    let out = env.run(&["db", "migrate"]).success();
    assert!(stderr(&out).starts_with(CLOCK_WARNING));
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let recorded: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'pepper_fingerprint'", [], |r| r.get(0)).unwrap();
    assert!(recorded.starts_with("hmac-sha256:") && !recorded.contains("s3cret"), "{recorded}");
    env.write_config("");
    assert_eq!(code(&env.run(&["user", "list"])), 78, "from now on the pepper is checked");
}
