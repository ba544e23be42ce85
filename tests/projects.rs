//! Projects, project access tokens and their bot users; impersonation tokens.

use crate::common::{Env, contains, database_bytes};
use serde_json::Value;

/// Creates a project token and returns its JSON (with the token string).
fn project_token(env: &Env, project: &str, name: &str, scopes: &str, extra: &[&str]) -> Value {
    let mut args = vec!["create", "--project", project, "--name", name, "--scopes", scopes, "--format", "json"];
    args.extend_from_slice(extra);
    let out = env.run(&args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn bots_are_named_per_project_and_never_reuse_a_name() {
    let env = Env::new();
    env.run(&["project", "add", "group/app"]).success();
    env.run(&["project", "add", "group/other"]).success();
    let first = project_token(&env, "group/app", "one", "read_repository", &[]);
    let second = project_token(&env, "group/app", "two", "api", &["--access-level", "maintainer"]);
    let third = project_token(&env, "group/app", "three", "read_api", &["--access-level", "developer"]);
    let elsewhere = project_token(&env, "group/other", "one", "read_api", &[]);
    assert_eq!(first["username"], "project_1_bot");
    assert_eq!(second["username"], "project_1_bot1");
    assert_eq!(third["username"], "project_1_bot2");
    assert_eq!(elsewhere["username"], "project_2_bot");
    assert_eq!(first["project"], "group/app");
    assert_eq!(first["access_level"], "guest", "the GitLab UI default role");
    assert_eq!(second["access_level"], "maintainer");
    assert!(first["token"].as_str().unwrap().starts_with("glpat-"));
    // A project token's record as create prints it, and its bot user.
    snapshot!(
        [
            env.transcript(&[
                "create",
                "--project",
                "group/other",
                "--name",
                "json",
                "--scopes",
                "api",
                "--format",
                "json"
            ]),
            env.transcript(&["create", "--project", "group/other", "--name", "table", "--scopes", "api"]),
            env.transcript(&["user", "show", "project_2_bot1"]),
            env.transcript(&["project", "show", "group/other"]),
        ]
        .join("\n")
    );

    let users = env.json(&["user", "list"]);
    let bot = users.as_array().unwrap().iter().find(|u| u["username"] == "project_1_bot1").unwrap();
    assert_eq!(bot["email"], "project1_bot1@noreply.localhost");
    assert_eq!(bot["user_type"], "project_bot");
    assert_eq!(bot["bot"], true);
    let bot = users.as_array().unwrap().iter().find(|u| u["username"] == "project_1_bot").unwrap();
    assert_eq!(bot["email"], "project1_bot@noreply.localhost");

    let detail = env.json(&["project", "show", "group/app"]);
    let roles: Vec<(String, String)> = detail["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["username"].as_str().unwrap().into(), m["access_level"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        roles,
        [
            ("project_1_bot1".to_string(), "maintainer".to_string()),
            ("project_1_bot2".into(), "developer".into()),
            ("project_1_bot".into(), "guest".into())
        ]
    );
    assert_eq!(detail["tokens"].as_array().unwrap().len(), 3);

    // A deleted bot's name is not handed out again.
    env.run(&["revoke", "--id", &first["id"].to_string()]).success();
    let fourth = project_token(&env, "group/app", "four", "api", &[]);
    assert_eq!(fourth["username"], "project_1_bot3");
}

#[test]
fn bot_emails_use_the_configured_mail_host() {
    let env = Env::new();
    env.write_config("[mail]\nhost = \"gitlab.example.com\"\n");
    env.run(&["project", "add", "g/p"]).success();
    project_token(&env, "g/p", "a", "api", &[]);
    project_token(&env, "g/p", "b", "api", &[]);
    let users = env.json(&["user", "list"]);
    let emails: Vec<&str> = users.as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["project1_bot@noreply.gitlab.example.com", "project1_bot1@noreply.gitlab.example.com"]);
}

#[test]
fn a_name_taken_by_hand_is_skipped() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    env.user("project_1_bot", &[]);
    let token = project_token(&env, "g/p", "a", "api", &[]);
    assert_eq!(token["username"], "project_1_bot1");
}

#[test]
fn project_token_scopes_exclude_read_user_and_admin_scopes() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let before = env.dump();
    let mut shown = Vec::new();
    for bad in ["read_user", "sudo", "admin_mode", "read_service_ping", "api,read_user"] {
        shown.push(env.transcript(&["create", "--project", "g/p", "--name", "x", "--scopes", bad]));
        assert_eq!(env.dump(), before, "{bad} changed the database");
    }
    snapshot!(shown.join("\n"));
    let allowed = "api,read_api,read_repository,write_repository,read_registry,write_registry,create_runner,\
                   manage_runner,k8s_proxy,ai_features,self_rotate";
    let token = project_token(&env, "g/p", "all", allowed, &[]);
    assert_eq!(token["scopes"].as_array().unwrap().len(), 11);
}

#[test]
fn project_tokens_refuse_bad_combinations_and_unknown_projects() {
    let env = Env::new();
    env.user("alice", &[]);
    env.run(&["project", "add", "g/p"]).success();
    let before = env.dump();
    let shown: Vec<String> = [
        &["create", "--user", "alice", "--project", "g/p", "--name", "x", "--scopes", "api"][..],
        &["create", "--user", "alice", "--access-level", "owner", "--name", "x", "--scopes", "api"],
        &["create", "--project", "g/p", "--impersonation", "--name", "x", "--scopes", "api"],
        &["create", "--project", "g/p", "--access-level", "admin", "--name", "x", "--scopes", "api"],
        &["create", "--name", "x", "--scopes", "api"],
        &["create", "--project", "g/nope", "--name", "x", "--scopes", "api"],
        &["create", "--project", "not-a-path", "--name", "x", "--scopes", "api"],
    ]
    .iter()
    .map(|args| env.transcript(args))
    .collect();
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn project_tokens_default_to_thirty_days_within_the_max_lifetime() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    assert_eq!(project_token(&env, "g/p", "a", "api", &[])["expires_at"], "2026-12-23");
    assert_eq!(project_token(&env, "g/p", "b", "api", &["--expires-in", "2w"])["expires_at"], "2026-12-07");
    snapshot!(env.transcript(&["create", "--project", "g/p", "--name", "c", "--scopes", "api", "--expires-in", "2y"]));

    let env = Env::new();
    env.write_config("[project_tokens]\ndefault_lifetime_days = 10\n");
    env.run(&["project", "add", "g/p"]).success();
    assert_eq!(project_token(&env, "g/p", "a", "api", &[])["expires_at"], "2026-12-03");

    let env = Env::new();
    env.write_config("[tokens]\nmax_lifetime_days = 20\n");
    env.run(&["project", "add", "g/p"]).success();
    assert_eq!(project_token(&env, "g/p", "a", "api", &[])["expires_at"], "2026-12-13");
}

#[test]
fn project_tokens_with_if_not_exists_are_idempotent() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let first = project_token(&env, "g/p", "deploy", "api", &[]);
    let before = env.dump();
    snapshot!(env.transcript(&[
        "create",
        "--project",
        "g/p",
        "--name",
        "deploy",
        "--scopes",
        "api",
        "--if-not-exists",
        "--raw"
    ]));
    assert_eq!(env.dump(), before, "no new bot, no new token");
    assert!(first["token"].is_string());
}

#[test]
fn bot_users_cannot_own_personal_tokens_or_be_blocked() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    project_token(&env, "g/p", "a", "api", &[]);
    let before = env.dump();
    snapshot!(
        [
            env.transcript(&["create", "--user", "project_1_bot", "--name", "x", "--scopes", "api"]),
            env.transcript(&["user", "block", "project_1_bot", "--yes"]),
            env.transcript(&["user", "unblock", "project_1_bot"]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn revoking_a_project_token_deletes_its_bot_and_keeps_the_token_and_its_events() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let token = project_token(&env, "g/p", "deploy", "read_repository", &["--access-level", "developer"]);
    let secret = token["token"].as_str().unwrap().to_string();
    let id = token["id"].as_i64().unwrap();
    let keep = project_token(&env, "g/p", "other", "api", &[]);
    assert!(env.usernames().contains(&"project_1_bot".to_string()));

    let mut shown = vec![env.transcript_with_input(&["revoke", "--token-file", "-"], &format!("{secret}\n"))];

    // The bot is gone from users and from the project; the ghost user is not listed.
    let users = env.usernames();
    assert!(!users.contains(&"project_1_bot".to_string()), "{users:?}");
    assert!(users.contains(&"project_1_bot1".to_string()));
    assert!(!users.iter().any(|u| u.starts_with("ghost")), "{users:?}");
    let detail = env.json(&["project", "show", "g/p"]);
    let members: Vec<&str> =
        detail["members"].as_array().unwrap().iter().map(|m| m["username"].as_str().unwrap()).collect();
    assert_eq!(members, ["project_1_bot1"]);

    // The token row is kept, now owned by the ghost user, with its project and role.
    let all = env.json(&["list", "--state", "all"]);
    let row = all.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap();
    assert_eq!(row["username"], "ghost");
    assert_eq!(row["project"], "g/p");
    assert_eq!(row["access_level"], "developer");
    assert_eq!(row["state"], "revoked");
    shown.push(env.transcript(&["list", "--state", "all"]));
    // The other token of the project and its bot are untouched.
    let active = env.json(&["list", "--project", "g/p"]);
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["id"], keep["id"]);

    // Every audit event about the token is still there, as recorded (append-only).
    let events = env.json(&["audit", "--token-id", &id.to_string()]);
    let actions: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["token.create", "token.revoke"]);
    let deleted = env.json(&["audit", "--action", "user.delete"]);
    assert_eq!(deleted.as_array().unwrap().len(), 1);
    assert_eq!(deleted[0]["username"], "project_1_bot");
    assert_eq!(deleted[0]["details"]["reassigned_to"], "ghost");
    assert_eq!(deleted[0]["details"]["token_ids"], serde_json::json!([id]));
    let bot_events = env.json(&["audit", "--user", "project_1_bot"]);
    assert!(bot_events.as_array().unwrap().len() >= 4, "{bot_events}");

    // Revoking again is harmless and deletes nothing more.
    let before = env.dump();
    shown.push(env.transcript(&["revoke", "--id", &id.to_string()]));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
    assert!(!contains(&database_bytes(&env.db), &secret));
}

#[test]
fn a_deleted_bot_user_id_is_never_reused() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let first = project_token(&env, "g/p", "a", "api", &[]);
    env.run(&["revoke", "--id", &first["id"].to_string()]).success(); // creates the ghost user
    let second = project_token(&env, "g/p", "b", "api", &[]);
    let bot_id = second["user_id"].as_i64().unwrap();
    env.run(&["revoke", "--id", &second["id"].to_string()]).success();
    let zed = env.json(&["user", "add", "zed"]);
    assert!(zed["id"].as_i64().unwrap() > bot_id, "{zed} reuses the id of deleted bot {bot_id}");
    let events = env.json(&["audit", "--action", "user.add", "--user", "project_1_bot1"]);
    assert_eq!(events[0]["target_id"], bot_id);
}

#[test]
fn list_filters_by_project_and_shows_null_project_for_personal_tokens() {
    let env = Env::new();
    env.user("alice", &[]);
    env.run(&["project", "add", "g/p"]).success();
    env.run(&["project", "add", "g/q"]).success();
    let (personal, _) = env.generated_token("alice", "mine", "api", &[]);
    let p = project_token(&env, "g/p", "deploy", "api", &[]);
    project_token(&env, "g/q", "deploy", "api", &[]);

    let only = env.json(&["list", "--project", "g/p"]);
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["id"], p["id"]);
    let all = env.json(&["list"]);
    let mine = all.as_array().unwrap().iter().find(|t| t["id"] == personal).unwrap();
    assert_eq!(mine["project"], Value::Null);
    assert_eq!(mine["access_level"], Value::Null);
    let show = env.json(&["show", &p["id"].to_string()]);
    assert_eq!(show["project"], "g/p");
    assert_eq!(show["access_level"], "guest");
    // The table has a PROJECT column only when it lists project tokens.
    snapshot!(
        [
            env.transcript(&["show", &p["id"].to_string()]),
            env.transcript(&["list", "--project", "g/q", "--format", "csv"]),
            env.transcript(&["list", "--project", "g/none"]),
            env.transcript(&["list"]),
            env.transcript(&["list", "--user", "alice"]),
        ]
        .join("\n")
    );
}

#[test]
fn project_add_list_show_and_remove() {
    let env = Env::new();
    let mut shown = vec![env.transcript(&["project", "add", "group/sub/app", "--name", "The App", "--format", "json"])];
    let created = env.json(&["project", "show", "group/sub/app"]);
    let before = env.dump();
    for args in [
        &["project", "add", "group/sub/app"][..],
        &["project", "add", "Group/Sub/App"],
        &["project", "add", "group/sub/app", "--if-not-exists"],
        &["project", "add", "app"],
        &["project", "add", "group/-app"],
    ] {
        shown.push(env.transcript(args));
    }
    assert_eq!(env.dump(), before);
    assert_eq!(env.json(&["project", "add", "x/y"])["name"], "y");

    let t1 = project_token(&env, "group/sub/app", "a", "api", &[]);
    project_token(&env, "group/sub/app", "b", "api", &[]);
    shown.push(env.transcript(&["project", "list"]));
    shown.push(env.transcript(&["project", "list", "--format", "json"]));
    shown.push(env.transcript(&["project", "show", "group/sub/app"]));
    shown.push(env.transcript(&["project", "show", "group/nope"]));

    // Without a terminal, removing needs --yes.
    let before = env.dump();
    shown.push(env.transcript(&["project", "remove", "group/sub/app"]));
    assert_eq!(env.dump(), before);
    shown.push(env.transcript(&["project", "remove", "group/sub/app", "--yes"]));
    let paths: Vec<String> =
        env.json(&["project", "list"]).as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().into()).collect();
    assert_eq!(paths, ["x/y"]);
    assert!(!env.usernames().iter().any(|u| u.starts_with("project_1_bot")));
    let all = env.json(&["list", "--state", "all"]);
    let row = all.as_array().unwrap().iter().find(|t| t["id"] == t1["id"]).unwrap();
    assert_eq!(row["project"], "group/sub/app", "tokens keep their project");
    assert_eq!(row["state"], "revoked");
    assert_eq!(env.json(&["audit", "--action", "project.remove"]).as_array().unwrap().len(), 1);
    // The path may be used again; the new project has a new id and its own bots.
    let again = env.json(&["project", "add", "group/sub/app"]);
    assert_ne!(again["id"], created["id"]);
    shown.push(env.transcript(&["project", "remove", "group/nope", "--yes"]));
    snapshot!(shown.join("\n"));
}

#[test]
fn impersonation_tokens_are_marked() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = env.generated_token("alice", "admin session", "api", &["--impersonation"]);
    let (plain, _) = env.generated_token("alice", "ci", "api", &[]);
    let show = env.json(&["show", &id.to_string()]);
    assert_eq!(show["impersonation"], true);
    assert_eq!(env.json(&["show", &plain.to_string()])["impersonation"], false);
    snapshot!(
        [
            env.transcript(&["list"]),
            env.transcript(&["show", &id.to_string()]),
            env.transcript(&["show", &plain.to_string()]),
        ]
        .join("\n")
    );
    // Rotation keeps the flag.
    let rotated: Value = serde_json::from_slice(
        &env.run(&["rotate", "--id", &id.to_string(), "--format", "json"]).success().get_output().stdout,
    )
    .unwrap();
    assert_eq!(rotated["impersonation"], true);
    assert!(!contains(&database_bytes(&env.db), &secret));
}

#[test]
fn impersonation_tokens_are_refused_when_disabled() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "admin session", "api", &["--impersonation"]);
    env.write_config("[security]\nimpersonation_enabled = false\n");
    let before = env.dump();
    snapshot!(
        [
            env.transcript(&["create", "--user", "alice", "--name", "x", "--scopes", "api", "--impersonation"]),
            env.transcript(&["rotate", "--id", &id.to_string()]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), before);
    // Personal tokens are not affected.
    env.generated_token("alice", "ci", "api", &[]);
}

/// Removing one project revokes its tokens and deletes its bot, and nothing of another project:
/// a token of the same name there is created and stays active.
#[test]
fn removing_a_project_leaves_the_other_projects_alone() {
    let env = Env::new();
    env.run(&["project", "add", "group/app"]).success();
    env.run(&["project", "add", "group/other"]).success();
    project_token(&env, "group/app", "deploy", "api", &[]);
    project_token(&env, "group/other", "deploy", "api", &[]);
    env.run(&["project", "remove", "group/app", "--yes"]).success();
    snapshot!(
        [
            env.transcript(&["list", "--state", "all"]),
            env.transcript(&["project", "list"]),
            env.transcript(&["user", "list"]),
        ]
        .join("\n")
    );
}

/// The ghost user takes the first free name of ghost, ghost1, ghost2, ...
#[test]
fn the_ghost_user_takes_the_first_free_ghost_name() {
    let env = Env::new();
    env.user("ghost", &[]);
    env.user("ghost1", &[]);
    env.run(&["project", "add", "group/app"]).success();
    let token = project_token(&env, "group/app", "deploy", "api", &[]);
    env.run(&["revoke", "--id", &token["id"].to_string()]).success();
    let row = env.json(&["show", &token["id"].to_string()]);
    assert_eq!(row["username"], "ghost2");
}
