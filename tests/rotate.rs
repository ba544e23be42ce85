//! Rotation (with and without grace, reuse detection) and bulk revocation.

use crate::common::{Env, contains, database_bytes, transcript};
use serde_json::Value;

/// `patctl rotate ARGS --format json` at `now`: the new token's JSON (with its string).
fn rotate_at(env: &Env, now: &str, args: &[&str]) -> Value {
    let out = env.at(now).args(["rotate"]).args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn state_at(env: &Env, now: &str, id: i64) -> Value {
    let out = env.at(now).args(["show", &id.to_string(), "--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn write_token(env: &Env, name: &str, secret: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, format!("{secret}\n")).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn rotation_revokes_the_old_token_and_copies_it() {
    let env = Env::new();
    env.user("alice", &[]);
    let (old, old_secret) = env.generated_token(
        "alice",
        "ci",
        "api,read_repository",
        &["--description", "CI pipeline", "--expires-at", "2027-01-22"],
    );
    // Rotated ten days later: the new one expires a week from then (GitLab's rotate default).
    let new = rotate_at(&env, "2026-12-03T09:00:00Z", &["--id", &old.to_string()]);
    let new_secret = new["token"].as_str().unwrap().to_string();
    assert_ne!(new_secret, old_secret);
    assert!(new_secret.starts_with("glpat-"));
    assert_eq!(new["name"], "ci");
    assert_eq!(new["description"], "CI pipeline");
    assert_eq!(new["username"], "alice");
    assert_eq!(new["scopes"], serde_json::json!(["api", "read_repository"]));
    assert_eq!(new["previous_token_id"], old);
    assert_eq!(new["expires_at"], "2026-12-10");
    assert_eq!(new["impersonation"], false);
    assert_eq!(state_at(&env, "2026-12-03T09:00:00Z", old)["state"], "revoked");
    // Without a grace period the old secret stops working at once; the new one works.
    env.at("2026-12-03T09:00:00Z").args(["verify"]).write_stdin(old_secret.clone()).assert().code(1);
    env.at("2026-12-03T09:00:00Z").args(["verify"]).write_stdin(new_secret.clone()).assert().success();

    // --raw: the token alone on stdout; the old secret is not accepted for rotation again.
    let out = env.at("2026-12-04T00:00:00Z").args(["rotate", "--id", &new["id"].to_string(), "--raw"]).assert();
    let raw = String::from_utf8(out.success().get_output().stdout.clone()).unwrap();
    assert!(raw.starts_with("glpat-") && raw.ends_with('\n') && raw.lines().count() == 1, "{raw:?}");
    let bytes = database_bytes(&env.db);
    for secret in [&old_secret, &new_secret, raw.trim_end()] {
        assert!(!contains(&bytes, secret));
    }
    // What a person sees: the new token on stdout (once), what happened on stderr.
    let newest = env.json(&["list"])[0]["id"].to_string();
    snapshot!(transcript(env.at("2026-12-05T00:00:00Z").args(["rotate", "--id", &newest])));
}

#[test]
fn rotation_takes_a_given_expiry_or_keeps_the_capped_lifetime() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &[]);
    let new = rotate_at(&env, "2026-11-23T12:00:00Z", &["--id", &id.to_string(), "--expires-in", "30d"]);
    assert_eq!(new["expires_at"], "2026-12-23");
    let newer =
        rotate_at(&env, "2026-11-24T00:00:00Z", &["--id", &new["id"].to_string(), "--expires-at", "2027-02-01"]);
    assert_eq!(newer["expires_at"], "2027-02-01");

    // --keep-lifetime: 60 days of lifetime, rotated ten days later, gives 60 days from then.
    let (sixty, _) = env.generated_token("alice", "sixty", "api", &["--expires-at", "2027-01-22"]);
    let kept = rotate_at(&env, "2026-12-03T09:00:00Z", &["--id", &sixty.to_string(), "--keep-lifetime"]);
    assert_eq!(kept["expires_at"], "2027-02-01");
    env.run(&["rotate", "--id", &kept["id"].to_string(), "--keep-lifetime", "--expires-in", "30d"]).code(64);

    // A 365-day token rotated under a 100-day maximum keeps 100 days.
    let (long, _) = env.generated_token("alice", "long", "api", &[]);
    env.write_config("[tokens]\nmax_lifetime_days = 100\n");
    let capped = rotate_at(&env, "2026-11-23T10:00:00Z", &["--id", &long.to_string(), "--keep-lifetime"]);
    assert_eq!(capped["expires_at"], "2027-03-03");
    let before = env.dump();
    env.run(&["rotate", "--id", &capped["id"].to_string(), "--expires-in", "1y"]).code(65);
    env.run(&["rotate", "--id", &capped["id"].to_string(), "--expires-at", "2026-11-23"]).code(65);
    assert_eq!(env.dump(), before);
}

#[test]
fn grace_keeps_the_old_token_working_until_it_ends() {
    let env = Env::new();
    env.user("alice", &[]);
    let (old, old_secret) = env.generated_token("alice", "ci", "api", &[]);
    let file = write_token(&env, "old", &old_secret);
    let new = rotate_at(&env, "2026-11-23T10:00:00Z", &["--token-file", &file, "--grace", "2h"]);
    let new_id = new["id"].as_i64().unwrap();

    // Before the grace ends: the old token is active, shown as rotating; the new one is active.
    let during = state_at(&env, "2026-11-23T11:59:59Z", old);
    assert_eq!(during["state"], "rotating");
    assert_eq!(during["active"], true);
    assert_eq!(during["revoked"], false);
    assert_eq!(during["grace_until"], "2026-11-23T12:00:00Z");
    assert_eq!(state_at(&env, "2026-11-23T11:59:59Z", new_id)["state"], "active");
    let listed = env.at("2026-11-23T11:00:00Z").args(["list", "--format", "json"]).assert().success();
    let listed: Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2, "a rotating token is still active");
    let mut shown = vec![transcript(env.at("2026-11-23T11:00:00Z").args(["list"]))];

    // verify honours the grace: both secrets work until it ends, then only the new one.
    let verify = |now: &str, secret: &str| env.at(now).args(["verify"]).write_stdin(secret.to_string()).assert();
    verify("2026-11-23T11:59:59Z", &old_secret).success();
    verify("2026-11-23T11:59:59Z", new["token"].as_str().unwrap()).success();
    shown.push(transcript(env.at("2026-11-23T12:00:00Z").args(["verify"]).write_stdin(old_secret.clone())));
    verify("2026-11-23T12:00:00Z", new["token"].as_str().unwrap()).success();

    // When the grace ends: revoked, by the clock alone.
    let after = state_at(&env, "2026-11-23T12:00:00Z", old);
    assert_eq!(after["state"], "revoked");
    assert_eq!(after["active"], false);
    assert_eq!(after["revoked"], true);
    let revoked = env.at("2026-11-23T12:00:00Z").args(["list", "--state", "revoked", "--format", "json"]).assert();
    let revoked: Value = serde_json::from_slice(&revoked.success().get_output().stdout).unwrap();
    assert_eq!(revoked.as_array().unwrap().len(), 1);
    assert_eq!(revoked[0]["id"], old);
    let active = env.at("2026-11-23T12:00:00Z").args(["list", "--format", "json"]).assert();
    let active: Value = serde_json::from_slice(&active.success().get_output().stdout).unwrap();
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["id"], new_id);
    // Revoking it after the grace is "already revoked".
    shown.push(transcript(env.at("2026-11-23T13:00:00Z").args(["revoke", "--id", &old.to_string()])));
    snapshot!(shown.join("\n"));
}

#[test]
fn grace_is_limited_to_seven_days() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &[]);
    let before = env.dump();
    let shown: Vec<String> = ["8d", "2w", "169h", "0s", "soon", "-1h"]
        .iter()
        .map(|bad| env.transcript(&["rotate", "--id", &id.to_string(), "--grace", bad]))
        .collect();
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
    let new = rotate_at(&env, "2026-11-23T10:00:00Z", &["--id", &id.to_string(), "--grace", "7d"]);
    assert!(new["id"].is_i64());
    assert_eq!(state_at(&env, "2026-11-30T09:59:59Z", id)["state"], "rotating");
    assert_eq!(state_at(&env, "2026-11-30T10:00:00Z", id)["state"], "revoked");
}

#[test]
fn rotating_a_revoked_or_unknown_token_is_refused() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = env.generated_token("alice", "ci", "api", &[]);
    env.run(&["revoke", "--id", &id.to_string()]).success();
    let before = env.dump();
    let file = write_token(&env, "unknown", "glpat-aaaaaaaaaaaaaaaaaaaa");
    let mut shown = vec![
        env.transcript(&["rotate", "--id", &id.to_string()]),
        env.transcript(&["rotate", "--id", "999"]),
        env.transcript(&["rotate", "--token-file", &file]),
        env.transcript(&["rotate"]),
        env.transcript(&["rotate", "--id", "1", "--token-file", &file]),
    ];
    assert_eq!(env.dump(), before);
    // A blocked owner's token is not rotated either.
    let (other, _) = env.generated_token("alice", "other", "api", &[]);
    env.run(&["user", "block", "alice", "--yes"]).success();
    let before = env.dump();
    shown.push(env.transcript(&["rotate", "--id", &other.to_string()]));
    assert_eq!(env.dump(), before);
    let shown = shown.join("\n");
    assert!(!shown.contains(&secret) && !shown.contains("aaaaaaaaaaaaaaaaaaaa"), "{shown}");
    snapshot!(shown);
}

#[test]
fn reuse_of_a_rotated_token_revokes_its_whole_chain() {
    let env = Env::new();
    env.user("alice", &[]);
    let (a, a_secret) = env.generated_token("alice", "ci", "api", &[]);
    let b = rotate_at(&env, "2026-11-23T11:00:00Z", &["--id", &a.to_string()]);
    let c = rotate_at(&env, "2026-11-23T12:00:00Z", &["--id", &b["id"].to_string()]);
    let d = rotate_at(&env, "2026-11-23T13:00:00Z", &["--id", &c["id"].to_string()]);
    let d_id = d["id"].as_i64().unwrap();
    let (unrelated, _) = env.generated_token("alice", "other", "api", &[]);
    assert_eq!(state_at(&env, "2026-11-23T14:00:00Z", d_id)["state"], "active");

    // The first secret shows up again: presumed leaked.
    let file = write_token(&env, "a", &a_secret);
    let mut shown = vec![transcript(env.at("2026-11-23T14:00:00Z").args(["rotate", "--token-file", &file]))];
    assert!(!shown[0].contains(&a_secret));
    assert_eq!(state_at(&env, "2026-11-23T14:00:00Z", d_id)["state"], "revoked");
    assert_eq!(state_at(&env, "2026-11-23T14:00:00Z", unrelated)["state"], "active");
    let all = env.json(&["list", "--state", "all"]);
    assert_eq!(all.as_array().unwrap().iter().filter(|t| t["active"] == true).count(), 1);

    // Recorded, and nothing new was created.
    let family = env.json(&["audit", "--action", "token.family_revoke"]);
    assert_eq!(family.as_array().unwrap().len(), 1);
    assert_eq!(family[0]["token_id"], a);
    assert_eq!(family[0]["details"]["descendant_ids"], serde_json::json!([b["id"], c["id"], d_id]));
    assert_eq!(family[0]["details"]["revoked_token_ids"], serde_json::json!([d_id]));
    let revokes = env.json(&["audit", "--action", "token.revoke", "--token-id", &d_id.to_string()]);
    assert_eq!(revokes[0]["details"]["reason"], "reuse_detected");
    assert_eq!(all.as_array().unwrap().len(), 5);

    // Naming a middle link by id is no leak: refused, nothing changes.
    let before = env.dump();
    shown.push(transcript(env.at("2026-11-23T15:00:00Z").args(["rotate", "--id", &b["id"].to_string()])));
    assert_eq!(env.dump(), before);
    // Presenting its secret again: still reuse, nothing left to revoke.
    let b_file = write_token(&env, "b", b["token"].as_str().unwrap());
    shown.push(transcript(env.at("2026-11-23T15:00:00Z").args(["rotate", "--token-file", &b_file])));
    snapshot!(shown.join("\n"));
}

#[test]
fn reuse_during_a_grace_period_revokes_the_old_token_too() {
    let env = Env::new();
    env.user("alice", &[]);
    let (a, a_secret) = env.generated_token("alice", "ci", "api", &[]);
    let b = rotate_at(&env, "2026-11-23T10:00:00Z", &["--id", &a.to_string(), "--grace", "1d"]);
    // By id: refused, the grace goes on.
    let before = env.dump();
    let mut shown = vec![transcript(env.at("2026-11-23T11:00:00Z").args(["rotate", "--id", &a.to_string()]))];
    assert_eq!(env.dump(), before);
    // By its secret: a leak.
    let file = write_token(&env, "a", &a_secret);
    shown.push(transcript(env.at("2026-11-23T11:00:00Z").args(["rotate", "--token-file", &file])));
    snapshot!(shown.join("\n"));
    assert_eq!(state_at(&env, "2026-11-23T11:00:00Z", a)["state"], "revoked");
    assert_eq!(state_at(&env, "2026-11-23T11:00:00Z", b["id"].as_i64().unwrap())["state"], "revoked");
}

#[test]
fn rotating_a_project_token_keeps_its_bot() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let out = env
        .run(&[
            "create",
            "--project",
            "g/p",
            "--name",
            "deploy",
            "--scopes",
            "api",
            "--access-level",
            "developer",
            "--format",
            "json",
        ])
        .success();
    let old: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let old_id = old["id"].as_i64().unwrap();
    let new = rotate_at(&env, "2026-11-24T10:00:00Z", &["--id", &old_id.to_string(), "--grace", "1h"]);
    assert_eq!(new["username"], "project_1_bot");
    assert_eq!(new["project"], "g/p");
    assert_eq!(new["access_level"], "developer");
    assert_eq!(new["expires_at"], "2026-12-01", "a week from the rotation, as for personal tokens");
    // Ending the grace early by revoking the old token keeps the bot for the new one.
    env.at("2026-11-24T10:10:00Z").args(["revoke", "--id", &old_id.to_string()]).assert().success();
    let users = env.json(&["user", "list"]);
    assert!(users.as_array().unwrap().iter().any(|u| u["username"] == "project_1_bot"));
    assert_eq!(state_at(&env, "2026-11-24T10:10:00Z", new["id"].as_i64().unwrap())["state"], "active");
    // Revoking the newest token of the chain deletes the bot.
    env.at("2026-11-24T10:20:00Z").args(["revoke", "--id", &new["id"].to_string()]).assert().success();
    let users = env.json(&["user", "list"]);
    assert!(!users.as_array().unwrap().iter().any(|u| u["username"] == "project_1_bot"));
}

// ---- bulk revoke ----

#[test]
fn bulk_revoke_dry_run_changes_nothing_and_needs_yes_without_a_terminal() {
    let env = Env::new();
    env.user("alice", &[]);
    env.user("bob", &[]);
    let (a1, _) = env.generated_token("alice", "one", "api", &[]);
    let (a2, _) = env.generated_token("alice", "two", "api", &[]);
    let (b1, _) = env.generated_token("bob", "one", "api", &[]);
    let before = env.dump();

    let dry = env.json(&["revoke", "--all", "--user", "alice", "--dry-run"]);
    let ids: Vec<i64> = dry.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [a1, a2]);
    let mut shown: Vec<String> = [
        &["revoke", "--all", "--user", "alice", "--dry-run"][..],
        &["revoke", "--all", "--user", "alice"],
        &["revoke", "--all"],
        &["revoke", "--all", "--user", "nobody", "--yes"],
        &["revoke", "--all", "--unused-for", "soon", "--yes"],
    ]
    .iter()
    .map(|args| env.transcript(args))
    .collect();
    assert_eq!(env.dump(), before);

    shown.push(env.transcript(&["revoke", "--all", "--user", "alice", "--yes"]));
    let active = env.json(&["list"]);
    let ids: Vec<i64> = active.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [b1]);
    let bulk = env.json(&["audit", "--action", "token.bulk_revoke"]);
    assert_eq!(bulk.as_array().unwrap().len(), 1);
    assert_eq!(bulk[0]["details"]["token_ids"], serde_json::json!([a1, a2]));
    assert_eq!(env.json(&["audit", "--action", "token.revoke"]).as_array().unwrap().len(), 2);

    // Nothing left to revoke: exit 0, nothing recorded.
    let before = env.dump();
    shown.push(env.transcript(&["revoke", "--all", "--user", "alice", "--yes"]));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn bulk_revoke_filters_combine() {
    let env = Env::new();
    env.user("alice", &[]);
    env.user("bob", &[]);
    // Created on 2026-08-01 (never used), and on 2026-11-23.
    let old_args = |user: &str, name: &str| {
        let out = env
            .at("2026-08-01T00:00:00Z")
            .args(["create", "--user", user, "--name", name, "--scopes", "api", "--format", "json"])
            .assert()
            .success();
        serde_json::from_slice::<Value>(&out.get_output().stdout).unwrap()["id"].as_i64().unwrap()
    };
    let alice_old = old_args("alice", "old");
    let bob_old = old_args("bob", "old");
    let (alice_new, _) = env.generated_token("alice", "new", "api", &[]);
    env.run(&["project", "add", "g/p"]).success();
    env.run(&["create", "--project", "g/p", "--name", "deploy", "--scopes", "api"]).success();

    let ids = |v: Value| v.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(env.json(&["revoke", "--all", "--unused-for", "90d", "--dry-run"])), [alice_old, bob_old]);
    assert_eq!(ids(env.json(&["revoke", "--all", "--unused-for", "90d", "--user", "alice", "--dry-run"])), [alice_old]);
    assert_eq!(ids(env.json(&["revoke", "--all", "--unused-for", "6mo", "--dry-run"])), Vec::<i64>::new());
    assert_eq!(
        ids(env.json(&["revoke", "--all", "--project", "g/p", "--user", "alice", "--dry-run"])),
        Vec::<i64>::new()
    );

    env.run(&["revoke", "--all", "--unused-for", "90d", "--user", "alice", "--yes"]).success();
    let active = ids(env.json(&["list"]));
    assert!(!active.contains(&alice_old));
    assert!(active.contains(&bob_old) && active.contains(&alice_new));

    // --project revokes the project's tokens and deletes their bots.
    let revoked = ids(env.json(&["revoke", "--all", "--project", "g/p", "--yes"]));
    assert_eq!(revoked.len(), 1);
    let users = env.json(&["user", "list"]);
    assert!(!users.as_array().unwrap().iter().any(|u| u["username"] == "project_1_bot"));
    env.run(&["revoke", "--all", "--project", "g/none", "--yes"]).code(66);
}

/// `--keep-lifetime` on a token without expiry: it keeps none while expiry is optional, and gets
/// the policy's default (the maximum lifetime) once expiry is required.
#[test]
fn keeping_the_lifetime_of_a_token_without_expiry_follows_require_expiry() {
    let env = Env::new();
    env.write_config("[tokens]\nrequire_expiry = false\n");
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "forever", "api", &["--no-expiry"]);
    let kept = rotate_at(&env, "2026-11-23T10:00:00Z", &["--id", &id.to_string(), "--keep-lifetime"]);
    assert_eq!(kept["expires_at"], Value::Null);
    env.write_config("[tokens]\nrequire_expiry = true\nmax_lifetime_days = 100\n");
    let required = rotate_at(&env, "2026-11-23T10:00:00Z", &["--id", &kept["id"].to_string(), "--keep-lifetime"]);
    assert_eq!(required["expires_at"], "2027-03-03");
}
