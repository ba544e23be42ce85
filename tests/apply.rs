//! `patctl apply`: declarative provisioning through the real binary.

use std::os::unix::fs::PermissionsExt;

use crate::common::{Env, PRESET, contains, database_bytes, process, stdout};
use predicates::prelude::*;

const SECOND_PRESET: &str = "another-preset-token";

/// `patctl apply FILE EXTRA...`.
fn apply(env: &Env, file: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec!["apply", file];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// The GitLab docs' example as a file: automation-bot with a preset token, plus a generated one.
fn bots_file(env: &Env) -> String {
    env.write_file("preset.token", &format!("{PRESET}\n"));
    env.write_file(
        "bots.toml",
        r#"
[[users]]
username = "automation-bot"
name = "Automation Bot"
bot = true

[[tokens]]
user = "automation-bot"
name = "Automation token"
scopes = ["read_user", "read_repository"]
token_file = "preset.token"

[[tokens]]
user = "automation-bot"
name = "ci"
scopes = "api"
description = "CI pipeline"
expires_in = "30d"
"#,
    )
}

fn tokens_out_lines(path: &std::path::Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

#[test]
fn dry_run_prints_the_plan_and_creates_nothing() {
    let env = Env::new();
    let file = bots_file(&env);
    let out = apply(&env, &file, &["--dry-run"]).success();
    let shown = stdout(&out);
    assert!(shown.contains("create    user automation-bot"), "{shown}");
    assert!(shown.contains("create    token 'Automation token' of automation-bot"), "{shown}");
    assert!(shown.contains("create    token 'ci' of automation-bot: api; expires 2026-12-23; generated"), "{shown}");
    assert!(shown.contains("dry run: 3 to create, 0 to update, 0 to rotate, 0 to revoke, 0 unchanged"), "{shown}");
    assert!(!env.db.exists(), "a dry run on a missing database creates nothing");

    // On an existing database it writes nothing either.
    env.user("someone", &[]);
    let before = env.dump();
    apply(&env, &file, &["--dry-run"]).success();
    assert_eq!(env.dump(), before);
}

#[test]
fn apply_creates_then_a_second_run_changes_nothing() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("new-tokens.tsv");
    let out = apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let shown = stdout(&out);
    assert!(shown.contains("applied: 3 created, 0 updated, 0 rotated, 0 revoked, 0 unchanged"), "{shown}");

    let tokens = env.all_tokens();
    assert_eq!(tokens.len(), 2);
    let preset = tokens.iter().find(|t| t["name"] == "Automation token").unwrap();
    assert_eq!(preset["scopes"], serde_json::json!(["read_user", "read_repository"]));
    assert_eq!(preset["expires_at"], "2027-11-23", "the default lifetime is the maximum");
    let ci = tokens.iter().find(|t| t["name"] == "ci").unwrap();
    assert_eq!(ci["description"], "CI pipeline");
    assert_eq!(ci["expires_at"], "2026-12-23");
    let user = env.json(&["user", "show", "automation-bot"]);
    assert_eq!(user["bot"], true);
    assert_eq!(user["name"], "Automation Bot");

    // The generated token: only in the 0600 file, as name<TAB>owner<TAB>token, and it is the real one.
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let lines = tokens_out_lines(&out_path);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0][..2], ["ci".to_string(), "automation-bot".to_string()]);
    let secret = lines[0][2].clone();
    assert!(secret.starts_with("glpat-") && secret.len() == 26, "{secret}");
    assert!(!shown.contains(&secret) && !String::from_utf8_lossy(&out.get_output().stderr).contains(&secret));
    let bytes = database_bytes(&env.db);
    assert!(!contains(&bytes, &secret) && !contains(&bytes, PRESET));

    // Second run: nothing changes, it says so, exit 0, and the existing tokens-out file is fine.
    let before = env.dump();
    let again = apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    assert_eq!(stdout(&again), "nothing to change: 3 unchanged\n");
    assert_eq!(env.dump(), before);

    // The secret in the file revokes the token it names.
    env.run_with_input(&["revoke", "--token-file", "-", "--yes"], &format!("{secret}\n")).success();
    assert_eq!(env.token(ci["id"].as_i64().unwrap())["revoked"], true);
}

#[test]
fn a_later_day_is_still_unchanged_for_relative_expiry() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let before = env.dump();
    let out = env.at("2026-12-10T00:00:00Z").args(["apply", &file]).assert().success();
    assert_eq!(stdout(&out), "nothing to change: 3 unchanged\n");
    assert_eq!(env.dump(), before);
}

#[test]
fn generated_tokens_need_tokens_out_and_it_is_never_overwritten_without_force() {
    let env = Env::new();
    let file = bots_file(&env);
    env.user("someone", &[]);
    let before = env.dump();
    apply(&env, &file, &[])
        .code(64)
        .stderr(predicate::str::contains("--tokens-out"))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(env.dump(), before);

    let out_path = env.path("out.tsv");
    std::fs::write(&out_path, "keep me\n").unwrap();
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()])
        .code(73)
        .stderr(predicate::str::contains("refusing to overwrite"));
    assert_eq!(env.dump(), before);
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "keep me\n");

    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap(), "--force"]).success();
    assert_eq!(tokens_out_lines(&out_path)[0][0], "ci");
    assert_eq!(std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn changed_scopes_and_expiry_update_in_place() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let ci_id = env.all_tokens().iter().find(|t| t["name"] == "ci").unwrap()["id"].as_i64().unwrap();

    let text = std::fs::read_to_string(&file).unwrap().replace("scopes = \"api\"", "scopes = \"read_api\"");
    let text = text.replace("expires_in = \"30d\"", "expires_at = 2027-02-01");
    std::fs::write(&file, text).unwrap();
    let plan = apply(&env, &file, &["--dry-run"]).success();
    let shown = stdout(&plan);
    assert!(
        shown.contains(&format!(
            "update    token 'ci' of automation-bot (id {ci_id}): scopes api -> read_api; expires 2026-12-23 -> 2027-02-01"
        )),
        "{shown}"
    );
    assert!(shown.contains("unchanged token 'Automation token'"), "{shown}");

    let out = apply(&env, &file, &[]).success();
    assert!(stdout(&out).contains("applied: 0 created, 1 updated"));
    let ci = env.token(ci_id);
    assert_eq!(ci["scopes"], serde_json::json!(["read_api"]));
    assert_eq!(ci["expires_at"], "2027-02-01");
    assert_eq!(ci["revoked"], false, "an update keeps the token and its secret");
    assert_eq!(env.all_tokens().len(), 2);
    apply(&env, &file, &[]).success().stdout("nothing to change: 3 unchanged\n");
}

#[test]
fn a_new_preset_secret_rotates_the_token() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let old = env.all_tokens().iter().find(|t| t["name"] == "Automation token").unwrap()["id"].as_i64().unwrap();

    env.write_file("preset.token", SECOND_PRESET);
    let out = apply(&env, &file, &[]).success();
    let shown = stdout(&out);
    assert!(shown.contains("rotate    token 'Automation token' of automation-bot"), "{shown}");
    assert_eq!(env.token(old)["revoked"], true);
    let new_id =
        process::count(&env.db, &format!("SELECT id FROM personal_access_tokens WHERE previous_token_id = {old}"));
    let new = env.token(new_id);
    assert_eq!(new["active"], true);
    assert_eq!(new["name"], "Automation token");
    assert_eq!(new["previous_token_id"], old);
    // The new secret is the stored one: revoking by it finds the new token.
    env.run_with_input(&["revoke", "--token-file", "-", "--yes"], SECOND_PRESET).success();
    assert_eq!(env.token(new_id)["revoked"], true);
}

#[test]
fn an_expired_generated_token_is_rotated_with_a_new_secret() {
    let env = Env::new();
    let file = bots_file(&env);
    let first = env.path("first.tsv");
    apply(&env, &file, &["--tokens-out", first.to_str().unwrap()]).success();
    let second = env.path("second.tsv");
    let out = env.at("2027-01-05T00:00:00Z").args(["apply", &file, "--tokens-out", second.to_str().unwrap()]).assert();
    let shown = stdout(&out.success());
    assert!(shown.contains("rotate    token 'ci' of automation-bot"), "{shown}");
    assert!(shown.contains("the token expired; expires 2027-02-04"), "{shown}");
    let old_secret = &tokens_out_lines(&first)[0][2];
    let new_secret = &tokens_out_lines(&second)[0][2];
    assert_ne!(old_secret, new_secret);
}

#[test]
fn prune_revokes_only_tokens_this_file_made() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let (by_hand, _) = env.generated_token("automation-bot", "made by hand", "api", &[]);
    let ci_id = env.all_tokens().iter().find(|t| t["name"] == "ci").unwrap()["id"].as_i64().unwrap();

    // Drop the ci entry from the file.
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.find("[[tokens]]\nuser = \"automation-bot\"\nname = \"ci\"").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();

    let before = env.dump();
    apply(&env, &file, &[])
        .success()
        .stdout("nothing to change: 2 unchanged\n")
        .stderr(predicate::str::contains("1 tokens made by an earlier apply of this file are no longer declared"));
    assert_eq!(env.dump(), before, "without --prune nothing is revoked");

    let plan = stdout(&apply(&env, &file, &["--prune", "--dry-run"]).success());
    assert!(
        plan.contains(&format!("revoke    token 'ci' of automation-bot (id {ci_id}): no longer declared")),
        "{plan}"
    );
    assert!(!plan.contains("made by hand"), "{plan}");

    apply(&env, &file, &["--prune"]).success();
    assert_eq!(env.token(ci_id)["revoked"], true);
    assert_eq!(env.token(by_hand)["revoked"], false, "a token made by hand is never pruned");
    apply(&env, &file, &["--prune"]).success().stdout("nothing to change: 2 unchanged\n");
}

#[test]
fn managed_by_names_the_set_another_file_does_not_prune() {
    let env = Env::new();
    let a = env.write_file(
        "a.toml",
        "managed_by = \"team-a\"\n[[users]]\nusername = \"bot\"\n[[tokens]]\nuser = \"bot\"\nname = \"a\"\nscopes = \"api\"\ntoken_env = \"A_TOKEN\"\n",
    );
    let b = env.write_file("b.toml", "managed_by = \"team-b\"\n[[users]]\nusername = \"bot\"\n");
    env.cmd().env("A_TOKEN", PRESET).args(["apply", &a]).assert().success();
    apply(&env, &b, &["--prune"]).success().stdout("nothing to change: 1 unchanged\n");
    assert_eq!(env.all_tokens()[0]["revoked"], false);
}

#[test]
fn a_hand_made_preset_token_is_adopted_and_a_foreign_one_conflicts() {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    let id = env.preset_token("automation-bot", "Automation token", "read_user,read_repository", PRESET, &[]);
    let file = env.write_file(
        "adopt.toml",
        "[[tokens]]\nuser = \"automation-bot\"\nname = \"Automation token\"\nscopes = [\"read_user\", \"read_repository\"]\ntoken_env = \"T\"\n",
    );
    let out = env.cmd().env("T", PRESET).args(["apply", &file]).assert().success();
    assert_eq!(stdout(&out), "nothing to change: 1 unchanged\n");
    assert_eq!(process::count(&env.db, &format!("SELECT count(*) FROM apply_managed_tokens WHERE token_id = {id}")), 1);

    // The same secret under another name is a conflict that names the field.
    let other = env.write_file(
        "other.toml",
        "[[tokens]]\nuser = \"automation-bot\"\nname = \"other\"\nscopes = \"api\"\ntoken_env = \"T\"\n",
    );
    let before = env.dump();
    env.cmd()
        .env("T", PRESET)
        .args(["apply", &other])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("other.toml: [[tokens]] #1 (line 1, 'other' of automation-bot): token_env: "))
        .stderr(predicate::str::contains("token already exists"))
        .stderr(predicate::str::contains(PRESET).not());
    assert_eq!(env.dump(), before);
}

#[test]
fn an_error_in_entry_300_writes_nothing_and_names_file_entry_line_and_field() {
    let env = Env::new();
    let mut text = String::from("[[users]]\nusername = \"bulk\"\n");
    for i in 1..=300 {
        let scope = if i == 300 { "read_repositry" } else { "read_api" };
        text.push_str(&format!(
            "\n[[tokens]]\nuser = \"bulk\"\nname = \"t{i}\"\nscopes = [\"{scope}\"]\ntoken_env = \"SECRET_{i}\"\n"
        ));
    }
    let file = env.write_file("bulk.toml", &text);
    env.user("someone", &[]);
    let before = env.dump();
    let mut cmd = env.cmd();
    cmd.args(["apply", &file]);
    for i in 1..=300 {
        cmd.env(format!("SECRET_{i}"), format!("bulk-secret-{i:0>8}xx"));
    }
    cmd.assert()
        .code(65)
        .stderr(predicate::str::contains("bulk.toml: [[tokens]] #300 (line 1798, 't300' of bulk): scopes: "))
        .stderr(predicate::str::contains("read_repository"));
    assert_eq!(env.dump(), before);
}

#[test]
fn bad_secret_sources_are_named_and_nothing_is_written() {
    let env = Env::new();
    env.user("bot", &[]);
    let before = env.dump();
    let cases = [
        ("token_file = \"missing.token\"", "token_file: cannot read"),
        ("token_env = \"NOT_SET_ANYWHERE\"", "token_env: environment variable NOT_SET_ANYWHERE is not set"),
        ("token = \"token-string-here123\"", "token: a token is never written inline"),
        ("token_file = \"short.token\"", "token_file: invalid preset token"),
    ];
    env.write_file("short.token", "short\n");
    for (line, message) in cases {
        let file = env.write_file(
            "bad.toml",
            &format!("[[users]]\nusername = \"new-user\"\n[[tokens]]\nuser = \"bot\"\nname = \"x\"\nscopes = \"api\"\n{line}\n"),
        );
        apply(&env, &file, &[])
            .code(65)
            .stderr(predicate::str::contains(format!("bad.toml: [[tokens]] #1 (line 3, 'x' of bot): {message}")))
            .stderr(predicate::str::contains("token-string-here123").not());
        assert_eq!(env.dump(), before, "{line}");
    }
}

#[test]
fn owners_must_exist_be_active_and_admin_for_admin_scopes() {
    let env = Env::new();
    env.user("blocked-bot", &[]);
    env.run(&["user", "block", "blocked-bot", "--yes"]).success();
    let file = env.write_file("o.toml", "[[tokens]]\nuser = \"ghost-user\"\nname = \"x\"\nscopes = \"api\"\n");
    apply(&env, &file, &["--dry-run"]).code(67).stderr(predicate::str::contains("user: unknown user 'ghost-user'"));
    let file = env.write_file("o.toml", "[[tokens]]\nuser = \"blocked-bot\"\nname = \"x\"\nscopes = \"api\"\n");
    apply(&env, &file, &[]).code(65).stderr(predicate::str::contains("user: user 'blocked-bot' is blocked"));
    let file = env.write_file(
        "o.toml",
        "[[users]]\nusername = \"root\"\nadmin = true\n[[users]]\nusername = \"plain\"\n\
         [[tokens]]\nuser = \"root\"\nname = \"x\"\nscopes = \"sudo\"\n\
         [[tokens]]\nuser = \"plain\"\nname = \"x\"\nscopes = \"sudo\"\n",
    );
    apply(&env, &file, &["--dry-run"])
        .code(65)
        .stderr(predicate::str::contains("[[tokens]] #2 (line 10, 'x' of plain): scopes:"));
}

#[test]
fn user_fields_are_updated_and_omitted_ones_kept() {
    let env = Env::new();
    env.run(&["user", "add", "alice", "--email", "alice@example.com", "--name", "Alice"]).success();
    let file = env.write_file("u.toml", "[[users]]\nusername = \"alice\"\nadmin = true\n");
    let out = apply(&env, &file, &[]).success();
    assert!(stdout(&out).contains("update    user alice (id 1): admin false -> true"));
    let alice = env.json(&["user", "show", "alice"]);
    assert_eq!(alice["is_admin"], true);
    assert_eq!(alice["email"], "alice@example.com");
    assert_eq!(alice["name"], "Alice");
    apply(&env, &file, &[]).success().stdout("nothing to change: 1 unchanged\n");
}

/// A project with two tokens: a preset one (developer) and a generated one (maintainer).
fn project_file(env: &Env) -> String {
    env.write_file("deploy.token", &format!("{PRESET}\n"));
    env.write_file(
        "projects.toml",
        r#"
[[projects]]
path = "group/app"
name = "App"

[[tokens]]
project = "group/app"
access_level = "developer"
name = "deploy"
scopes = "read_repository"
token_file = "deploy.token"

[[tokens]]
project = "group/app"
access_level = "maintainer"
name = "ci"
scopes = ["api"]
"#,
    )
}

fn apply_projects(env: &Env, file: &str) -> String {
    let out_path = env.path("project-tokens.tsv");
    let out = apply(env, file, &["--tokens-out", out_path.to_str().unwrap(), "--force"]).success();
    stdout(&out)
}

fn token_named<'a>(tokens: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    let found: Vec<&serde_json::Value> = tokens.iter().filter(|t| t["name"] == name).collect();
    assert_eq!(found.len(), 1, "{tokens:?}");
    found[0]
}

#[test]
fn projects_and_project_tokens_are_created_with_their_bots_then_left_unchanged() {
    let env = Env::new();
    let file = project_file(&env);
    let plan = stdout(&apply(&env, &file, &["--dry-run"]).success());
    assert!(plan.contains("create    project group/app: name 'App'\n"), "{plan}");
    assert!(
        plan.contains(
            "create    token 'deploy' of project group/app: read_repository; role developer; expires 2026-12-23; preset secret"
        ),
        "the default lifetime is project_tokens.default_lifetime_days: {plan}"
    );
    assert!(plan.contains("create    token 'ci' of project group/app: api; role maintainer;"), "{plan}");
    assert!(plan.contains("dry run: 3 to create, 0 to update"), "{plan}");
    assert!(!env.db.exists());
    let json = env.json(&["apply", &file, "--dry-run"]);
    assert_eq!(json["changes"][0]["kind"], "project");
    assert_eq!(json["changes"][0]["project"], "group/app");
    assert_eq!(json["changes"][1]["kind"], "token");
    assert_eq!(json["changes"][1]["project"], "group/app");
    assert_eq!(json["changes"][1]["owner"], "group/app");

    let shown = apply_projects(&env, &file);
    assert!(shown.contains("create    project group/app (id 1): name 'App'"), "{shown}");
    assert!(shown.contains("applied: 3 created, 0 updated"), "{shown}");
    let project = env.json(&["project", "show", "group/app"]);
    assert_eq!(project["name"], "App");
    let members: Vec<(String, String)> = project["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["username"].as_str().unwrap().into(), m["access_level"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        members,
        [("project_1_bot1".to_string(), "maintainer".to_string()), ("project_1_bot".into(), "developer".into())]
    );
    let tokens = env.all_tokens();
    assert_eq!(tokens.len(), 2);
    let deploy = token_named(&tokens, "deploy");
    assert_eq!(deploy["username"], "project_1_bot");
    assert_eq!(deploy["project"], "group/app");
    assert_eq!(deploy["access_level"], "developer");
    assert_eq!(deploy["expires_at"], "2026-12-23");
    let ci = token_named(&tokens, "ci");
    assert_eq!(ci["username"], "project_1_bot1");
    assert_eq!(ci["access_level"], "maintainer");
    let users = env.json(&["user", "list"]);
    let bot = users.as_array().unwrap().iter().find(|u| u["username"] == "project_1_bot1").unwrap();
    assert_eq!(bot["email"], "project1_bot1@noreply.localhost");
    assert_eq!(bot["user_type"], "project_bot");
    // The generated token is the real one, written with its project as owner.
    let lines = tokens_out_lines(&env.path("project-tokens.tsv"));
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0][..2], ["ci".to_string(), "group/app".to_string()]);
    let verified = env.run_with_input(&["verify", "--token-file", "-", "--format", "json"], &lines[0][2]).success();
    let verified: serde_json::Value = serde_json::from_slice(&verified.get_output().stdout).unwrap();
    assert_eq!(verified["id"], ci["id"], "{verified}");
    // Every change is audited, marked as made by apply.
    let added = env.json(&["audit", "--action", "project.add"]);
    assert_eq!(added[0]["details"]["via"], "apply");
    let created = env.json(&["audit", "--action", "token.create"]);
    assert_eq!(created.as_array().unwrap().len(), 2);
    assert_eq!(created[0]["details"]["project"], "group/app");
    assert_eq!(created[0]["details"]["access_level"], "developer");

    let before = env.dump();
    let again = env.at("2026-12-01T00:00:00Z").args(["apply", &file]).assert().success();
    assert_eq!(stdout(&again), "nothing to change: 3 unchanged\n");
    assert_eq!(env.dump(), before);
}

#[test]
fn project_token_scopes_update_in_place_and_access_level_changes_the_role() {
    let env = Env::new();
    let file = project_file(&env);
    apply_projects(&env, &file);
    let deploy_id = token_named(&env.all_tokens(), "deploy")["id"].as_i64().unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("scopes = \"read_repository\"", "scopes = \"read_repository,read_registry\""))
        .unwrap();
    let shown = apply_projects(&env, &file);
    assert!(
        shown.contains(&format!(
            "update    token 'deploy' of project group/app (id {deploy_id}): scopes read_repository -> read_repository,read_registry"
        )),
        "{shown}"
    );
    let deploy = env.token(deploy_id);
    assert_eq!(deploy["scopes"], serde_json::json!(["read_repository", "read_registry"]));
    assert_eq!(deploy["revoked"], false);
    assert_eq!(deploy["username"], "project_1_bot");

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("access_level = \"developer\"", "access_level = \"reporter\"")).unwrap();
    let users_before = env.usernames();
    let shown = apply_projects(&env, &file);
    assert!(
        shown.contains(&format!(
            "update    token 'deploy' of project group/app (id {deploy_id}): access_level developer -> reporter"
        )),
        "{shown}"
    );
    assert!(shown.contains("applied: 0 created, 1 updated"), "{shown}");
    let deploy = env.token(deploy_id);
    assert_eq!(deploy["access_level"], "reporter");
    assert_eq!(deploy["revoked"], false, "the role changes in place");
    let project = env.json(&["project", "show", "group/app"]);
    let role = project["members"].as_array().unwrap().iter().find(|m| m["username"] == "project_1_bot").unwrap();
    assert_eq!(role["access_level"], "reporter");
    assert_eq!(env.usernames(), users_before, "no new bot");
    let events = env.json(&["audit", "--action", "project.member_update"]);
    assert_eq!(events[0]["details"]["previous_access_level"], "developer");
    assert_eq!(events[0]["details"]["access_level"], "reporter");
    apply(&env, &file, &[]).success().stdout("nothing to change: 3 unchanged\n");
}

#[test]
fn an_expired_project_token_is_rotated_and_keeps_its_bot() {
    let env = Env::new();
    let file = project_file(&env);
    apply_projects(&env, &file);
    let ci = token_named(&env.all_tokens(), "ci").clone();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("access_level = \"maintainer\"", "access_level = \"owner\"")).unwrap();
    env.write_file("deploy.token", SECOND_PRESET); // the preset token expired too: it needs a new secret

    let out_path = env.path("later.tsv");
    let out =
        env.at("2027-01-05T00:00:00Z").args(["apply", &file, "--tokens-out", out_path.to_str().unwrap()]).assert();
    let shown = stdout(&out.success());
    assert!(shown.contains(&format!("rotate    token 'ci' of project group/app (id {} -> ", ci["id"])), "{shown}");
    assert!(
        shown.contains("the token expired; expires 2027-02-04; new generated secret; access_level maintainer -> owner"),
        "{shown}"
    );
    let tokens = env.json(&["list", "--state", "all", "--project", "group/app"]);
    let tokens = tokens.as_array().unwrap();
    let new = tokens.iter().find(|t| t["previous_token_id"] == ci["id"]).unwrap();
    assert_eq!(new["username"], "project_1_bot1", "the same bot");
    assert_eq!(new["access_level"], "owner");
    assert_eq!(env.token(ci["id"].as_i64().unwrap())["revoked"], true);
    let project = env.json(&["project", "show", "group/app"]);
    let role = project["members"].as_array().unwrap().iter().find(|m| m["username"] == "project_1_bot1").unwrap();
    assert_eq!(role["access_level"], "owner");
    assert_eq!(tokens_out_lines(&out_path)[0][..2], ["ci".to_string(), "group/app".to_string()]);
}

#[test]
fn prune_revokes_a_project_token_and_deletes_its_bot() {
    let env = Env::new();
    let file = project_file(&env);
    apply_projects(&env, &file);
    let ci_id = token_named(&env.all_tokens(), "ci")["id"].as_i64().unwrap();
    // A hand-made token of the same project is never pruned.
    env.run(&["create", "--project", "group/app", "--name", "manual", "--scopes", "read_api"]).success();

    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.find("[[tokens]]\nproject = \"group/app\"\naccess_level = \"maintainer\"").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();
    let shown = stdout(&apply(&env, &file, &["--dry-run", "--prune"]).success());
    assert!(
        shown.contains(&format!("revoke    token 'ci' of project group/app (id {ci_id}): no longer declared")),
        "{shown}"
    );
    let shown = stdout(&apply(&env, &file, &["--prune"]).success());
    assert!(shown.contains("applied: 0 created, 0 updated, 0 rotated, 1 revoked, 2 unchanged"), "{shown}");

    let users = env.usernames();
    assert!(!users.contains(&"project_1_bot1".to_string()), "{users:?}");
    assert!(users.contains(&"project_1_bot".to_string()) && users.contains(&"project_1_bot2".to_string()));
    let all = env.all_tokens();
    let ci = all.iter().find(|t| t["id"] == ci_id).unwrap();
    assert_eq!(ci["state"], "revoked");
    assert_eq!(ci["project"], "group/app");
    assert_eq!(ci["access_level"], "maintainer");
    assert_eq!(ci["username"], "ghost");
    let table = String::from_utf8(env.run(&["list", "--state", "all"]).success().get_output().stdout.clone()).unwrap();
    assert!(table.contains("group/app (maintainer)"), "{table}");
    assert_eq!(token_named(&all, "manual")["state"], "active");
    let deleted = env.json(&["audit", "--action", "user.delete"]);
    assert_eq!(deleted[0]["username"], "project_1_bot1");
    apply(&env, &file, &["--prune"]).success().stdout("nothing to change: 2 unchanged\n");
}

#[test]
fn a_project_is_renamed_in_place_and_one_made_by_hand_is_used() {
    let env = Env::new();
    env.run(&["project", "add", "group/app", "--name", "Old name"]).success();
    env.run(&["project", "add", "group/other"]).success();
    let file = env.write_file(
        "r.toml",
        "[[projects]]\npath = \"group/app\"\nname = \"App\"\n\n[[tokens]]\nproject = \"group/other\"\nname = \"t\"\nscopes = \"read_api\"\nexpires_in = \"10d\"\n",
    );
    let shown = apply_projects(&env, &file);
    assert!(shown.contains("update    project group/app (id 1): name 'Old name' -> 'App'"), "{shown}");
    assert!(shown.contains("create    token 't' of project group/other"), "{shown}");
    assert_eq!(env.json(&["project", "show", "group/app"])["name"], "App");
    let token = token_named(&env.all_tokens(), "t").clone();
    assert_eq!(token["username"], "project_2_bot");
    assert_eq!(token["access_level"], "guest", "GitLab's default role");
    apply(&env, &file, &[]).success().stdout("nothing to change: 2 unchanged\n");
}

#[test]
fn an_error_in_a_project_entry_names_file_entry_and_field_and_writes_nothing() {
    let env = Env::new();
    env.user("someone", &[]);
    env.run(&["project", "add", "group/app"]).success();
    let before = env.dump();
    let good = "[[projects]]\npath = \"group/new\"\n\n[[tokens]]\nproject = \"group/new\"\nname = \"ok\"\nscopes = \"api\"\n\n";
    let cases = [
        (
            "[[projects]]\npath = \"single\"\n",
            65,
            "[[projects]] #2 (line 9, single): path: invalid project path 'single'",
        ),
        (
            "[[projects]]\npath = \"group/x\"\ndescription = \"d\"\n",
            65,
            "[[projects]] #2 (line 9, group/x): description: ",
        ),
        (
            "[[tokens]]\nproject = \"group/missing\"\nname = \"t\"\nscopes = \"api\"\n",
            66,
            "[[tokens]] #2 (line 9, 't' of group/missing): project: no project 'group/missing'",
        ),
        (
            "[[tokens]]\nproject = \"group/app\"\nname = \"t\"\nscopes = \"read_user\"\n",
            65,
            "[[tokens]] #2 (line 9, 't' of group/app): scopes: scope read_user is not allowed for project access tokens",
        ),
        (
            "[[tokens]]\nproject = \"group/app\"\naccess_level = \"admin\"\nname = \"t\"\nscopes = \"api\"\n",
            65,
            "[[tokens]] #2 (line 9, 't' of group/app): access_level: unknown access level 'admin'",
        ),
    ];
    for (bad, code, message) in cases {
        let file = env.write_file("p.toml", &format!("{good}{bad}"));
        let out_path = env.path("never.tsv");
        apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()])
            .code(code)
            .stderr(predicate::str::contains(format!("p.toml: {message}")));
        assert_eq!(env.dump(), before, "{bad}");
        assert!(!out_path.exists());
    }
}

#[test]
fn json_output_lists_changes_and_counts() {
    let env = Env::new();
    let file = bots_file(&env);
    let out = apply(&env, &file, &["--dry-run", "--format", "json"]).success();
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(value["dry_run"], true);
    assert_eq!(value["summary"]["create"], 3);
    assert_eq!(value["changes"][1]["action"], "create");
    assert_eq!(value["changes"][1]["kind"], "token");
    assert_eq!(value["changes"][1]["name"], "Automation token");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let env = Env::new();
    let mut text = String::from("[[users]]\nusername = \"bulk\"\n");
    for i in 0..400 {
        text.push_str(&format!("[[tokens]]\nuser = \"bulk\"\nname = \"t{i}\"\nscopes = \"read_api\"\n"));
    }
    let file = env.write_file("bulk.toml", &text);
    let out_path = env.path("out.tsv");
    let out = apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr, format!("generated tokens written to {} (mode 0600)\n", out_path.display()));
    assert_eq!(tokens_out_lines(&out_path).len(), 400);
}

/// Lookups by digest, id, owner and name, and the managed set, are index lookups; check-expiry's
/// query uses the partial index over non-revoked tokens.
#[test]
fn lookups_use_indexes() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
    };
    let from = "personal_access_tokens t JOIN users u ON u.id = t.user_id";
    for (sql, wanted) in [
        (format!("SELECT * FROM {from} WHERE t.token_digest = 'x'"), "index_personal_access_tokens_on_token_digest"),
        (format!("SELECT * FROM {from} WHERE t.id = 1"), "USING INTEGER PRIMARY KEY"),
        (
            format!("SELECT * FROM {from} WHERE t.user_id = 1 AND t.name = 'ci' ORDER BY t.id DESC"),
            "index_personal_access_tokens_on_user_id_and_name",
        ),
        (
            "SELECT * FROM apply_managed_tokens m JOIN personal_access_tokens t ON t.id = m.token_id \
             JOIN users u ON u.id = t.user_id WHERE m.source = 'x' AND t.revoked = 0"
                .to_string(),
            "index_apply_managed_tokens_on_source",
        ),
        (
            "SELECT id FROM personal_access_tokens WHERE revoked = 0 AND expires_at >= '2026-11-23' \
             AND expires_at <= '2026-11-30' ORDER BY expires_at, id"
                .to_string(),
            "index_personal_access_tokens_on_expires_at_not_revoked",
        ),
    ] {
        let found = plan(&sql);
        assert!(found.contains(wanted), "{sql}\n=> {found}");
        assert!(!found.contains("SCAN t ") && !found.ends_with("SCAN t"), "{sql}\n=> {found}");
    }
}

#[test]
fn a_shorter_lifetime_updates_in_place_while_valid_and_rotates_once_lapsed() {
    let env = Env::new();
    let file = env.write_file(
        "life.toml",
        "[[users]]\nusername = \"bot\"\n[[tokens]]\nuser = \"bot\"\nname = \"ci\"\nscopes = \"api\"\ntoken_env = \"T\"\nexpires_in = \"90d\"\n",
    );
    env.cmd().env("T", PRESET).args(["apply", &file]).assert().success();
    let shorter = std::fs::read_to_string(&file).unwrap().replace("90d", "10d");
    std::fs::write(&file, shorter).unwrap();

    // Five days later the 10-day lifetime (counted from creation) still holds: in place.
    let out = env.at("2026-11-28T00:00:00Z").env("T", PRESET).args(["apply", &file]).assert().success();
    assert!(stdout(&out).contains("update    token 'ci' of bot (id 1): expires 2027-02-21 -> 2026-12-03"));

    // Twenty days after creation that lifetime has lapsed: the token needs a new secret.
    env.at("2026-12-13T00:00:00Z").env("T", PRESET).args(["apply", &file]).assert().code(65).stderr(
        predicate::str::contains("life.toml: [[tokens]] #1 (line 3, 'ci' of bot): token_env: the token expired"),
    );
    let out = env.at("2026-12-13T00:00:00Z").env("T", SECOND_PRESET).args(["apply", &file]).assert().success();
    assert!(
        stdout(&out).contains("rotate    token 'ci' of bot (id 1 -> 2): the preset secret changed; expires 2026-12-23"),
        "{}",
        stdout(&out)
    );
}
