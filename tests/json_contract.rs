//! The JSON contract (README "The JSON contract"): what every change reports in `status`, the
//! error object on stderr, `--raw` with a document format, and one shape for one thing.

use serde_json::{Value, json};

use crate::common::{Env, PRESET, code, stderr, stdout};

/// `status` of what `patctl ARGS --format json` printed, or of each record of a list.
fn status(env: &Env, args: &[&str]) -> Value {
    match env.json(args) {
        Value::Array(records) => records.iter().map(|r| r["status"].clone()).collect(),
        record => record["status"].clone(),
    }
}

#[test]
fn every_change_says_what_it_did() {
    let env = Env::new();
    let done: Vec<(&str, Value)> = vec![
        ("user add", status(&env, &["user", "add", "alice"])),
        ("user add again", status(&env, &["user", "add", "alice", "--if-not-exists"])),
        ("user block", status(&env, &["user", "block", "alice", "--yes"])),
        ("user block again", status(&env, &["user", "block", "alice", "--yes"])),
        ("user unblock", status(&env, &["user", "unblock", "alice"])),
        ("user unblock again", status(&env, &["user", "unblock", "alice"])),
        ("project add", status(&env, &["project", "add", "g/p"])),
        ("project add again", status(&env, &["project", "add", "g/p", "--if-not-exists"])),
        ("create", status(&env, &["create", "--user", "alice", "--name", "ci", "--scopes", "api"])),
        (
            "create again",
            status(&env, &["create", "--user", "alice", "--name", "ci", "--scopes", "api", "--if-not-exists"]),
        ),
        ("rotate", status(&env, &["rotate", "--id", "1"])),
        ("revoke", status(&env, &["revoke", "--id", "2"])),
        ("revoke again", status(&env, &["revoke", "--id", "2"])),
        ("create two", status(&env, &["create", "--user", "alice", "--name", "a", "--scopes", "api"])),
        ("and one more", status(&env, &["create", "--project", "g/p", "--name", "d", "--scopes", "api"])),
        ("revoke --all", status(&env, &["revoke", "--all", "--user", "alice", "--yes"])),
        ("revoke --all, none left", status(&env, &["revoke", "--all", "--user", "alice", "--yes"])),
        ("project remove", status(&env, &["project", "remove", "g/p", "--yes"])),
        ("db migrate", status(&env, &["db", "migrate"])),
        ("db check --repair", status(&env, &["db", "check", "--repair"])),
        ("db backup", status(&env, &["db", "backup", env.path("copy.db").to_str().unwrap()])),
    ];
    let expected = [
        ("user add", json!("added")),
        ("user add again", json!("unchanged")),
        ("user block", json!("blocked")),
        ("user block again", json!("unchanged")),
        ("user unblock", json!("unblocked")),
        ("user unblock again", json!("unchanged")),
        ("project add", json!("added")),
        ("project add again", json!("unchanged")),
        ("create", json!("created")),
        ("create again", json!("unchanged")),
        ("rotate", json!("rotated")),
        ("revoke", json!("revoked")),
        ("revoke again", json!("already_revoked")),
        ("create two", json!("created")),
        ("and one more", json!("created")),
        ("revoke --all", json!(["revoked"])),
        ("revoke --all, none left", json!([])),
        ("project remove", json!("removed")),
        ("db migrate", json!("unchanged")),
        ("db check --repair", json!("unchanged")),
        ("db backup", json!("created")),
    ];
    assert_eq!(done, expected);
    // What is only read has no status: a script tells a change from a look by its presence.
    assert_eq!(env.token(1).get("status"), None);
    assert_eq!(env.json(&["db", "check"]).get("status"), None);
}

#[test]
fn a_removed_project_names_the_tokens_it_revoked() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    env.run(&["create", "--project", "g/p", "--name", "d", "--scopes", "api"]).success();
    let removed = env.json(&["project", "remove", "g/p", "--yes"]);
    assert_eq!((&removed["status"], &removed["path"]), (&json!("removed"), &json!("g/p")));
    let tokens = removed["tokens"].as_array().unwrap();
    assert_eq!(tokens.iter().map(|t| (&t["id"], &t["state"])).collect::<Vec<_>>(), [(&json!(1), &json!("revoked"))]);
}

#[test]
fn apply_says_what_a_real_run_did_and_a_dry_run_nothing() {
    let env = Env::new();
    let file = env.write_file(
        "bots.toml",
        "[[users]]\nusername = \"bot\"\nbot = true\n\n[[tokens]]\nuser = \"bot\"\nname = \"ci\"\nscopes = [\"api\"]\ntoken_env = \"CI_TOKEN\"\n",
    );
    let apply = |extra: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env("CI_TOKEN", PRESET).args(["apply", &file, "--format", "json"]).args(extra);
        let out = cmd.assert().success();
        let value: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        crate::common::schema::validate("apply", &value);
        value
    };
    let dry = apply(&["--dry-run"]);
    assert_eq!(dry.get("status"), None);
    assert!(dry["changes"].as_array().unwrap().iter().all(|c| c.get("status").is_none()), "{dry}");
    let real = apply(&[]);
    let statuses: Vec<&Value> = real["changes"].as_array().unwrap().iter().map(|c| &c["status"]).collect();
    assert_eq!((&real["status"], statuses), (&json!("updated"), vec![&json!("added"), &json!("created")]));
    let again = apply(&[]);
    assert_eq!((&again["status"], &again["changes"]), (&json!("unchanged"), &json!([])));
}

#[test]
fn errors_are_one_json_object_on_stderr_and_nothing_on_stdout() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    snapshot!(
        [
            // An error patctl finds, with a hint, and one without.
            env.transcript(&["create", "--user", "alice", "--name", "x", "--scopes", "apii", "--format", "json"]),
            env.transcript(&["show", "99", "--format", "json"]),
            env.transcript(&["user", "show", "nobody", "--format=json"]),
            // Usage errors clap finds, before patctl knows the format, also as JSON.
            env.transcript(&["--format", "json", "crete"]),
            env.transcript(&["list", "--format", "json", "--stat", "all"]),
            env.transcript(&["create", "--user", "alice", "--format", "json"]),
            // --raw prints a bare secret, which no document carries.
            env.transcript(&[
                "create", "--user", "alice", "--name", "x", "--scopes", "api", "--raw", "--format", "json"
            ]),
            env.transcript(&["rotate", "--id", "1", "--raw", "--format", "csv"]),
            // Without --format json errors stay text.
            env.transcript(&["show", "99"]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), before, "a refused command changes nothing");
}

#[test]
fn a_negative_answer_is_data_on_stdout_and_an_error_on_stderr() {
    let env = Env::new();
    env.user("alice", &[]);
    // verify's negative answer is data: the answer on stdout, the error object on stderr.
    let out = env.run_with_input(&["verify", "--format", "json"], "glpat-aaaaaaaaaaaaaaaaaaaa\n");
    assert_eq!(code(&out), 1);
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap()["valid"], json!(false));
    let last = stderr(&out).lines().last().unwrap().to_string();
    assert_eq!(serde_json::from_str::<Value>(&last).unwrap()["error"]["kind"], json!("negative"));
}

#[test]
fn one_thing_has_one_shape_everywhere() {
    let env = Env::new();
    env.user("alice", &[]);
    env.run(&["project", "add", "g/p"]).success();
    env.run(&["create", "--project", "g/p", "--name", "d", "--scopes", "api,read_api"]).success();
    env.run(&["create", "--user", "alice", "--name", "ci", "--scopes", "api,read_user"]).success();
    let listed = env.json(&["project", "list"])[0].clone();
    let shown = env.json(&["project", "show", "g/p"]);
    assert_eq!((&listed["members"], &listed["members_count"]), (&shown["members"], &shown["members_count"]));
    assert_eq!(listed["members"][0]["username"], json!("project_1_bot"));
    // Scopes are arrays in token records and audit details alike.
    let token = env.token(2);
    let created = env.json(&["audit", "--action", "token.create", "--token-id", "2"]);
    assert_eq!(created[0]["details"]["scopes"], token["scopes"]);
    assert_eq!(token["scopes"], json!(["api", "read_user"]));
    // user show's JSON carries what its table shows.
    assert_eq!(env.json(&["user", "show", "alice"])["active_tokens"], json!(1));
    snapshot!(env.transcript(&["user", "show", "alice"]));
}
