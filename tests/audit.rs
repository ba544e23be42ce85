//! The audit trail: every change leaves an event, filters and formats, and never a token value.

use crate::common::{Env, PRESET, contains, database_bytes, stdout};
use serde_json::Value;

fn actions(events: &Value) -> Vec<String> {
    events.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

/// Runs one of every change, collecting every token string used on the way.
fn every_action(env: &Env) -> Vec<String> {
    let mut secrets = vec![PRESET.to_string()];
    env.user("alice", &[]);
    env.user("bob", &[]);
    env.run(&["user", "block", "bob", "--yes"]).success();
    env.run(&["user", "unblock", "bob"]).success();
    let preset = env.preset_token("alice", "Automation token", "read_user,read_repository", PRESET, &[]);
    let (rotated, secret) = env.generated_token("alice", "ci", "api", &[]);
    secrets.push(secret.clone());
    let out = env.run(&["rotate", "--id", &rotated.to_string(), "--raw"]).success();
    secrets.push(stdout(&out).trim_end().to_string());
    // Reuse of the rotated secret: family revocation.
    let file = env.path("old-token");
    std::fs::write(&file, format!("{secret}\n")).unwrap();
    env.run(&["rotate", "--token-file", file.to_str().unwrap()]).code(65);
    env.run_with_input(&["revoke", "--token-file", "-"], &format!("{PRESET}\n")).success();
    assert!(preset > 0);
    env.run(&["project", "add", "g/p"]).success();
    let out = env.run(&["create", "--project", "g/p", "--name", "deploy", "--scopes", "api", "--raw"]).success();
    secrets.push(stdout(&out).trim_end().to_string());
    let out = env.run(&["create", "--project", "g/p", "--name", "other", "--scopes", "api", "--raw"]).success();
    secrets.push(stdout(&out).trim_end().to_string());
    let (_, bulk) = env.generated_token("bob", "bulk", "api", &["--impersonation"]);
    secrets.push(bulk);
    env.run(&["revoke", "--all", "--user", "bob", "--yes"]).success();
    env.run(&["revoke", "--id", "5"]).success(); // a project token: its bot is deleted
    env.run(&["project", "remove", "g/p", "--yes"]).success();
    secrets
}

#[test]
fn every_change_is_recorded_and_no_token_string_appears() {
    let env = Env::new();
    let secrets = every_action(&env);
    for secret in &secrets {
        assert!(secret.len() >= 20, "{secret:?}");
    }
    let events = env.json(&["audit"]);
    let seen = actions(&events);
    for action in [
        "user.add",
        "user.block",
        "user.unblock",
        "user.delete",
        "project.add",
        "project.member_add",
        "project.remove",
        "token.create",
        "token.revoke",
        "token.rotate",
        "token.family_revoke",
        "token.bulk_revoke",
    ] {
        assert!(seen.iter().any(|a| a == action), "{action} missing from {seen:?}");
    }
    // Oldest first, UTC, the actor from USER.
    let ids: Vec<i64> = events.as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    for event in events.as_array().unwrap() {
        assert_eq!(event["actor"], "tester");
        assert_eq!(event["created_at"], "2026-11-23T10:00:00Z");
    }
    let rotate = events.as_array().unwrap().iter().find(|e| e["action"] == "token.rotate").unwrap();
    assert_eq!(rotate["details"]["name"], "ci");
    assert!(rotate["details"]["new_token_id"].is_i64());

    // No token string in any format of the trail, nor in the audit rows, nor anywhere in the file.
    let table = env.transcript(&["audit"]);
    let csv = env.transcript(&["audit", "--format", "csv"]);
    let json = events.to_string();
    let rows = env.dump();
    let bytes = database_bytes(&env.db);
    for secret in &secrets {
        for (what, text) in [("table", &table), ("csv", &csv), ("json", &json), ("dump", &rows)] {
            assert!(!text.contains(secret.as_str()), "{what} holds a token string");
        }
        assert!(!contains(&bytes, secret), "the database holds a token string");
    }
    snapshot!([table, env.transcript(&["audit", "--format", "json"]), csv].join("\n"));
}

#[test]
fn the_actor_is_sudo_user_then_user_then_the_uid() {
    let env = Env::new();
    env.cmd().args(["user", "add", "a"]).env("SUDO_USER", "admin1").assert().success();
    env.cmd().args(["user", "add", "b"]).assert().success();
    env.cmd().args(["user", "add", "c"]).env_remove("USER").assert().success();
    let events = env.json(&["audit"]);
    assert_eq!(events[0]["actor"], "admin1");
    assert_eq!(events[1]["actor"], "tester");
    let uid = events[2]["actor"].as_str().unwrap();
    assert!(!uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit()), "{uid}");
}

#[test]
fn filters_and_formats() {
    let env = Env::new();
    env.at("2026-11-01T08:00:00Z").args(["user", "add", "alice"]).assert().success();
    env.at("2026-11-10T08:00:00Z").args(["user", "add", "bob"]).assert().success();
    let out = env
        .at("2026-11-20T23:59:59Z")
        .args(["create", "--user", "alice", "--name", "ci", "--scopes", "api", "--format", "json"])
        .assert()
        .success();
    let token: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let id = token["id"].as_i64().unwrap();
    env.at("2026-11-21T00:00:00Z").args(["revoke", "--id", &id.to_string()]).assert().success();

    assert_eq!(actions(&env.json(&["audit", "--since", "2026-11-10"])), ["user.add", "token.create", "token.revoke"]);
    assert_eq!(actions(&env.json(&["audit", "--until", "2026-11-20"])), ["user.add", "user.add", "token.create"]);
    assert_eq!(actions(&env.json(&["audit", "--since", "2026-11-20", "--until", "2026-11-20"])), ["token.create"]);
    assert_eq!(actions(&env.json(&["audit", "--action", "token.revoke"])), ["token.revoke"]);
    // Relative forms count back from now (2026-11-23T10:00:00Z); a day covers all of it.
    assert_eq!(actions(&env.json(&["audit", "--since", "3d"])), ["token.create", "token.revoke"]);
    assert_eq!(actions(&env.json(&["audit", "--since", "58h"])), ["token.revoke"], "at or after 2026-11-21T00:00:00Z");
    assert_eq!(actions(&env.json(&["audit", "--since", "yesterday"])), [] as [&str; 0]);
    assert_eq!(actions(&env.json(&["audit", "--until", "3d"])), ["user.add", "user.add"]);
    assert_eq!(actions(&env.json(&["audit", "--since", "14d", "--until", "13d"])), ["user.add"]);
    assert_eq!(actions(&env.json(&["audit", "--since", "3mo"])).len(), 4);
    assert_eq!(actions(&env.json(&["audit", "--since", "today"])), [] as [&str; 0]);
    assert_eq!(actions(&env.json(&["audit", "--until", "today"])).len(), 4);
    assert_eq!(actions(&env.json(&["audit", "--user", "alice"])), ["user.add", "token.create", "token.revoke"]);
    assert_eq!(actions(&env.json(&["audit", "--user", "bob"])), ["user.add"]);
    assert_eq!(actions(&env.json(&["audit", "--token-id", &id.to_string()])), ["token.create", "token.revoke"]);
    assert_eq!(env.json(&["audit", "--action", "nothing.here"]), serde_json::json!([]));

    let empty = Env::new();
    engine_snapshot!(
        [
            env.transcript(&["audit", "--format", "csv", "--user", "bob"]),
            env.transcript(&["audit", "--action", "token.create"]),
            env.transcript(&["audit", "--action", "nothing.here"]),
            env.transcript(&["audit", "--since", "soon"]),
            env.transcript(&["audit", "--until", "2026-11-20T23:59:59Z"]),
            env.transcript(&["audit", "--token-id", "x"]),
            empty.transcript(&["audit"]),
        ]
        .join("\n")
    );
    assert!(!empty.has_store());
}

#[test]
fn audit_rows_are_append_only() {
    let env = Env::new();
    env.user("alice", &[]);
    assert!(crate::common::try_execute(&env.db, "UPDATE audit_events SET actor = 'x'").is_err());
    assert!(crate::common::try_execute(&env.db, "DELETE FROM audit_events").is_err());
    assert_eq!(env.json(&["audit"])[0]["actor"], "tester");
}

#[test]
fn every_event_follows_the_published_schema_in_json_and_jsonl() {
    let env = Env::new();
    every_action(&env);
    let lines = stdout(&env.run(&["audit", "--format", "jsonl"]).success());
    let events: Vec<Value> = lines.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(Value::Array(events.clone()), env.json(&["audit"]));
    // Every kind of event, and each one with every field the schema requires, in its order.
    let schema: Value = serde_json::from_str(include_str!("../schema/audit-event.schema.json")).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for event in &events {
        let fields: Vec<&str> = event.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(fields, required, "{event}");
        crate::common::schema::validate("audit-event", event);
    }
}

/// An event an older patctl recorded holds its scopes as a comma-separated string; the trail is
/// append-only, so the stored text stays and every format prints the array.
#[test]
fn scopes_an_older_patctl_stored_as_text_print_as_an_array() {
    let env = Env::new();
    env.user("alice", &[]);
    crate::common::execute(
        &env.db,
        "INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
         VALUES ('2026-11-22T10:00:00Z', 'old', 'token.create', 'token', 9, 'alice', 9,
                 '{\"name\":\"ci\",\"scopes\":\"api,read_user\",\"preset\":true}')",
    );
    let before = env.dump();
    let events = env.json(&["audit", "--token-id", "9"]);
    assert_eq!(events[0]["details"], serde_json::json!({"name": "ci", "scopes": ["api", "read_user"], "preset": true}));
    snapshot!(env.transcript(&["audit", "--token-id", "9", "--format", "csv"]));
    assert_eq!(env.dump(), before, "printing never rewrites the trail");
}
