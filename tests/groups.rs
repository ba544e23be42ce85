//! Groups, group access tokens and their bot users (`group_{id}_bot[N]`), as `projects.rs`
//! checks projects.

use crate::common::{Env, contains, database_bytes};
use serde_json::Value;

/// Creates a group token and returns its JSON (with the token string).
fn group_token(env: &Env, group: &str, name: &str, scopes: &str, extra: &[&str]) -> Value {
    let mut args = vec!["create", "--group", group, "--name", name, "--scopes", scopes, "--format", "json"];
    args.extend_from_slice(extra);
    let out = env.run(&args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn group_add_list_show_and_remove() {
    let env = Env::new();
    let mut shown = vec![env.transcript(&["group", "add", "infra", "--name", "Infrastructure", "--format", "json"])];
    shown.push(env.transcript(&["group", "add", "infra/ci/runners"]));
    let created = env.json(&["group", "show", "infra/ci/runners"]);
    let before = env.dump();
    for args in [
        &["group", "add", "infra/ci/runners"][..],
        &["group", "add", "Infra/CI/Runners"],
        &["group", "add", "infra/ci/runners", "--if-not-exists"],
        &["group", "add", "infra/-ci"],
        &["group", "add", "infra//ci"],
        &["group", "add", "infra/ci.git"],
    ] {
        shown.push(env.transcript(args));
    }
    assert_eq!(env.dump(), before);
    assert_eq!(created["name"], "runners", "the last segment by default");

    let t1 = group_token(&env, "infra/ci/runners", "a", "api", &[]);
    group_token(&env, "infra/ci/runners", "b", "read_api", &["--access-level", "maintainer"]);
    shown.push(env.transcript(&["group", "list"]));
    shown.push(env.transcript(&["group", "list", "--format", "json"]));
    shown.push(env.transcript(&["group", "show", "infra/ci/runners"]));
    shown.push(env.transcript(&["group", "show", "infra/ci/runners", "--format", "csv"]));
    shown.push(env.transcript(&["group", "show", "infra/ci/runner"]));

    // Without a terminal, removing needs --yes.
    let before = env.dump();
    shown.push(env.transcript(&["group", "remove", "infra/ci/runners"]));
    assert_eq!(env.dump(), before);
    shown.push(env.transcript(&["group", "remove", "infra/ci/runners", "--yes"]));
    let paths: Vec<String> =
        env.json(&["group", "list"]).as_array().unwrap().iter().map(|g| g["path"].as_str().unwrap().into()).collect();
    assert_eq!(paths, ["infra"]);
    assert!(!env.usernames().iter().any(|u| u.starts_with("group_2_bot")));
    let row = env.token(t1["id"].as_i64().unwrap());
    assert_eq!(row["group"], "infra/ci/runners", "tokens keep their group");
    assert_eq!(row["username"], "ghost");
    assert_eq!(row["state"], "revoked");
    assert_eq!(env.json(&["audit", "--action", "group.remove"]).as_array().unwrap().len(), 1);
    // The path may be used again; the new group has a new id and its own bots.
    let again = env.json(&["group", "add", "infra/ci/runners"]);
    assert_ne!(again["id"], created["id"]);
    assert_eq!(group_token(&env, "infra/ci/runners", "c", "api", &[])["username"], "group_3_bot");
    shown.push(env.transcript(&["group", "remove", "infra/nope", "--yes"]));
    snapshot!(shown.join("\n"));
}

#[test]
fn group_bots_are_named_per_group_and_never_reuse_a_name() {
    let env = Env::new();
    env.run(&["group", "add", "infra"]).success();
    env.run(&["project", "add", "infra/app"]).success();
    env.run(&["group", "add", "infra/ci"]).success();
    let first = group_token(&env, "infra/ci", "one", "read_repository", &[]);
    let second = group_token(&env, "infra/ci", "two", "api", &["--access-level", "owner"]);
    let elsewhere = group_token(&env, "infra", "one", "read_api", &[]);
    let project = env.json(&["create", "--project", "infra/app", "--name", "one", "--scopes", "api"]);
    assert_eq!(first["username"], "group_2_bot");
    assert_eq!(second["username"], "group_2_bot1");
    assert_eq!(elsewhere["username"], "group_1_bot");
    assert_eq!(project["username"], "project_1_bot", "projects number their bots apart from groups");
    assert_eq!(first["group"], "infra/ci");
    assert_eq!(first["project"], Value::Null);
    assert_eq!(first["access_level"], "guest", "the GitLab UI default role");
    assert_eq!(first["expires_at"], "2026-12-23", "30 days, as project tokens");
    assert!(first["token"].as_str().unwrap().starts_with("glpat-"));
    snapshot!(
        [
            env.transcript(&["create", "--group", "infra/ci", "--name", "json", "--scopes", "api", "--format", "json"]),
            env.transcript(&["create", "--group", "infra/ci", "--name", "table", "--scopes", "api"]),
            env.transcript(&["user", "show", "group_2_bot3"]),
            env.transcript(&["group", "show", "infra/ci"]),
        ]
        .join("\n")
    );
    let users = env.json(&["user", "list"]);
    let bot = users.as_array().unwrap().iter().find(|u| u["username"] == "group_2_bot1").unwrap();
    assert_eq!(bot["email"], "group2_bot1@noreply.localhost");
    assert_eq!(bot["user_type"], "project_bot", "GitLab's user type for group bots too");

    // A deleted bot's name is not handed out again, nor is one a person holds.
    env.run(&["revoke", "--id", &second["id"].to_string()]).success();
    env.user("group_2_bot5", &[]);
    assert_eq!(group_token(&env, "infra/ci", "five", "api", &[])["username"], "group_2_bot4");
    assert_eq!(group_token(&env, "infra/ci", "six", "api", &[])["username"], "group_2_bot6");
}

#[test]
fn group_tokens_refuse_bad_scopes_combinations_and_unknown_groups() {
    let env = Env::new();
    env.user("alice", &[]);
    env.run(&["group", "add", "g"]).success();
    env.run(&["project", "add", "g/p"]).success();
    let before = env.dump();
    let shown: Vec<String> = [
        &["create", "--group", "g", "--name", "x", "--scopes", "read_user"][..],
        &["create", "--group", "g", "--name", "x", "--scopes", "api,sudo"],
        &["create", "--user", "alice", "--group", "g", "--name", "x", "--scopes", "api"],
        &["create", "--project", "g/p", "--group", "g", "--name", "x", "--scopes", "api"],
        &["create", "--group", "g", "--impersonation", "--name", "x", "--scopes", "api"],
        &["create", "--group", "g", "--expires-in", "2y", "--name", "x", "--scopes", "api"],
        &["create", "--group", "h", "--name", "x", "--scopes", "api"],
        &["create", "--group", "g/", "--name", "x", "--scopes", "api"],
        &["list", "--group", "nope"],
        &["revoke", "--all", "--group", "nope", "--yes"],
    ]
    .iter()
    .map(|args| env.transcript(args))
    .collect();
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn revoking_a_group_token_deletes_its_bot_and_keeps_the_token_and_its_events() {
    let env = Env::new();
    env.run(&["group", "add", "infra/ci"]).success();
    let token = group_token(&env, "infra/ci", "runner", "read_api", &["--access-level", "developer"]);
    let secret = token["token"].as_str().unwrap().to_string();
    let id = token["id"].as_i64().unwrap();
    let keep = group_token(&env, "infra/ci", "other", "api", &[]);

    let mut shown = vec![env.transcript_with_input(&["revoke", "--token-file", "-"], &format!("{secret}\n"))];
    let users = env.usernames();
    assert!(!users.contains(&"group_1_bot".to_string()), "{users:?}");
    assert!(users.contains(&"group_1_bot1".to_string()));
    let members = env.json(&["group", "show", "infra/ci"])["members"].clone();
    assert_eq!(members.as_array().unwrap().len(), 1);
    assert_eq!(members[0]["username"], "group_1_bot1");

    let row = env.token(id);
    assert_eq!((row["username"].as_str(), row["group"].as_str()), (Some("ghost"), Some("infra/ci")));
    assert_eq!(row["access_level"], "developer");
    let deleted = env.json(&["audit", "--action", "user.delete"]);
    assert_eq!(deleted[0]["username"], "group_1_bot");
    assert_eq!(deleted[0]["details"]["reassigned_to"], "ghost");
    assert_eq!(deleted[0]["details"]["group_ids"], serde_json::json!([1]));
    assert_eq!(deleted[0]["details"]["token_ids"], serde_json::json!([id]));
    shown.push(env.transcript(&["audit", "--token-id", &id.to_string()]));
    shown.push(env.transcript(&["list", "--group", "infra/ci", "--state", "all"]));

    // revoke --all --group takes the rest, with their bots.
    shown.push(env.transcript(&["revoke", "--all", "--group", "infra/ci", "--dry-run"]));
    shown.push(env.transcript(&["revoke", "--all", "--group", "infra/ci", "--yes"]));
    assert_eq!(env.token(keep["id"].as_i64().unwrap())["state"], "revoked");
    assert!(!env.usernames().iter().any(|u| u.starts_with("group_1_bot")));
    snapshot!(shown.join("\n"));
    assert!(!contains(&database_bytes(&env.db), &secret));
}

#[test]
fn list_shows_a_group_column_only_for_group_tokens() {
    let env = Env::new();
    env.user("alice", &[]);
    env.run(&["group", "add", "infra/ci"]).success();
    env.run(&["group", "add", "infra/cd"]).success();
    env.run(&["project", "add", "g/p"]).success();
    env.generated_token("alice", "mine", "api", &[]);
    env.run(&["create", "--project", "g/p", "--name", "deploy", "--scopes", "api"]).success();
    let g = group_token(&env, "infra/ci", "runner", "api", &["--access-level", "reporter"]);
    group_token(&env, "infra/cd", "runner", "api", &[]);
    let only = env.json(&["list", "--group", "INFRA/CI"]);
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["id"], g["id"]);
    snapshot!(
        [
            env.transcript(&["list"]),
            env.transcript(&["list", "--group", "infra/ci"]),
            env.transcript(&["list", "--group", "infra/cd", "--format", "csv"]),
            env.transcript(&["list", "--user", "alice"]),
            env.transcript(&["show", &g["id"].to_string()]),
        ]
        .join("\n")
    );
}

#[test]
fn rotating_a_group_token_keeps_its_bot_group_and_role() {
    let env = Env::new();
    env.run(&["group", "add", "infra"]).success();
    let token = group_token(&env, "infra", "runner", "api", &["--access-level", "maintainer"]);
    let id = token["id"].to_string();
    let rotated = env.json(&["rotate", "--id", &id]);
    assert_eq!(rotated["username"], "group_1_bot");
    assert_eq!(rotated["group"], "infra");
    assert_eq!(rotated["access_level"], "maintainer");
    assert_eq!(rotated["expires_at"], "2026-11-30", "GitLab's rotation: today + 1 week");
    assert!(env.usernames().contains(&"group_1_bot".to_string()), "the bot lives on with the new token");
    snapshot!(
        [
            env.transcript(&["list", "--group", "infra", "--state", "all"]),
            env.transcript(&["audit", "--action", "token.rotate"]),
        ]
        .join("\n")
    );
}

#[test]
fn check_expiry_reports_group_tokens_with_their_bots() {
    let env = Env::new();
    env.run(&["group", "add", "infra"]).success();
    group_token(&env, "infra", "soon", "api", &["--expires-in", "3d"]);
    group_token(&env, "infra", "later", "api", &[]);
    snapshot!(
        [
            env.transcript(&["check-expiry", "--within", "7"]),
            env.transcript(&["check-expiry", "--within", "7", "--format", "json"]),
        ]
        .join("\n")
    );
}

#[test]
fn apply_creates_groups_and_group_tokens_then_updates_roles_renames_and_prunes() {
    let env = Env::new();
    let manifest = |name: &str, level: &str, runner: bool| {
        let mut text = format!(
            "[[groups]]\npath = \"infra\"\nname = \"{name}\"\n\n[[groups]]\npath = \"infra/ci\"\n\n\
             [[tokens]]\ngroup = \"infra\"\nname = \"deploy\"\nscopes = [\"api\"]\naccess_level = \"{level}\"\n"
        );
        if runner {
            text.push_str("\n[[tokens]]\ngroup = \"infra/ci\"\nname = \"runner\"\nscopes = \"read_api\"\n");
        }
        env.write_file("groups.toml", &text)
    };
    let file = manifest("Infrastructure", "reporter", true);
    let out = env.path("tokens.tsv");
    let mut shown =
        vec![env.transcript(&["apply", &file, "--dry-run", "--tokens-out", out.to_str().unwrap(), "--format", "json"])];
    shown.push(env.transcript(&["apply", &file, "--tokens-out", out.to_str().unwrap()]));
    shown.push(env.transcript(&["apply", &file]));
    let deploy = env.json(&["list", "--group", "infra"]);
    assert_eq!(deploy[0]["username"], "group_1_bot");
    assert_eq!(deploy[0]["access_level"], "reporter");
    assert_eq!(deploy[0]["expires_at"], "2026-12-23", "the project tokens' default lifetime");
    assert_eq!(env.json(&["group", "show", "infra/ci"])["members"][0]["username"], "group_2_bot");

    // A new role changes the bot's membership in place; a new name renames the group.
    let file = manifest("Infra", "maintainer", true);
    shown.push(env.transcript(&["apply", &file]));
    let detail = env.json(&["group", "show", "infra"]);
    assert_eq!(detail["name"], "Infra");
    assert_eq!(detail["members"][0]["access_level"], "maintainer");
    assert_eq!(env.token(deploy[0]["id"].as_i64().unwrap())["access_level"], "maintainer");

    // --prune revokes the token the file no longer declares and deletes its bot.
    let file = manifest("Infra", "maintainer", false);
    shown.push(env.transcript(&["apply", &file, "--prune"]));
    assert!(!env.usernames().contains(&"group_2_bot".to_string()));
    shown.push(env.transcript(&["list", "--state", "all"]));

    // An unknown group, and two owners, are named by entry and field; nothing is written.
    let before = env.dump();
    let bad = env.write_file("bad.toml", "[[tokens]]\ngroup = \"nope\"\nname = \"x\"\nscopes = \"api\"\n");
    shown.push(env.transcript(&["apply", &bad]));
    let two = "[[tokens]]\ngroup = \"infra\"\nproject = \"infra/app\"\nname = \"x\"\nscopes = \"api\"\n";
    shown.push(env.transcript(&["apply", &env.write_file("two.toml", two)]));
    let scope = "[[tokens]]\ngroup = \"infra\"\nname = \"x\"\nscopes = \"read_user\"\n";
    shown.push(env.transcript(&["apply", &env.write_file("scope.toml", scope)]));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn apply_adopts_a_group_token_made_by_hand_and_keeps_its_bot() {
    let env = Env::new();
    env.run(&["group", "add", "infra"]).success();
    let made = group_token(&env, "infra", "deploy", "api", &[]);
    let file = env.write_file(
        "adopt.toml",
        "[[tokens]]\ngroup = \"infra\"\nname = \"deploy\"\nscopes = \"api\"\nexpires_in = \"30d\"\n",
    );
    snapshot!([env.transcript(&["apply", &file]), env.transcript(&["apply", &file])].join("\n"));
    let tokens = env.all_tokens();
    assert_eq!(tokens.len(), 1, "adopted, not created again");
    assert_eq!(tokens[0]["id"], made["id"]);
    assert_eq!(tokens[0]["username"], "group_1_bot");
}
