//! `patctl apply`: declarative provisioning through the real binary.

use std::os::unix::fs::PermissionsExt;

use crate::common::{Env, PRESET, after_clock, contains, database_bytes, process, stderr, transcript};

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
    // `--tokens-out -`: a real run would print the generated tokens; a dry run prints the plan.
    snapshot!(env.transcript(&["apply", &file, "--dry-run", "--tokens-out", "-"]));
    assert!(!env.has_store(), "a dry run on a missing database creates nothing");

    // On an existing database it writes nothing either.
    env.user("someone", &[]);
    let before = env.dump();
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--dry-run", "--tokens-out", out_path.to_str().unwrap()]).success();
    assert_eq!(env.dump(), before);
    assert!(!out_path.exists());
}

#[test]
fn apply_creates_then_a_second_run_changes_nothing() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("new-tokens.tsv");
    let shown = env.transcript(&["apply", &file, "--tokens-out", out_path.to_str().unwrap()]);

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
    assert!(!shown.contains(&secret));
    let bytes = database_bytes(&env.db);
    assert!(!contains(&bytes, &secret) && !contains(&bytes, PRESET));

    // Second run: nothing changes, it says so, exit 0, and the existing tokens-out file is fine.
    let before = env.dump();
    let again = env.transcript(&["apply", &file, "--tokens-out", out_path.to_str().unwrap()]);
    assert_eq!(env.dump(), before);
    snapshot!([shown, again].join("\n"));

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
    snapshot!(transcript(env.at("2026-12-10T00:00:00Z").args(["apply", &file])));
    assert_eq!(env.dump(), before);
}

#[test]
fn generated_tokens_need_tokens_out_and_it_is_never_overwritten_without_force() {
    let env = Env::new();
    let file = bots_file(&env);
    env.user("someone", &[]);
    let before = env.dump();
    let mut shown = vec![env.transcript(&["apply", &file])];
    assert_eq!(env.dump(), before);

    let out_path = env.path("out.tsv");
    std::fs::write(&out_path, "keep me\n").unwrap();
    shown.push(env.transcript(&["apply", &file, "--tokens-out", out_path.to_str().unwrap()]));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
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
    let mut shown = vec![env.transcript(&["apply", &file, "--dry-run"]), env.transcript(&["apply", &file])];
    let ci = env.token(ci_id);
    assert_eq!(ci["scopes"], serde_json::json!(["read_api"]));
    assert_eq!(ci["expires_at"], "2027-02-01");
    assert_eq!(ci["revoked"], false, "an update keeps the token and its secret");
    assert_eq!(env.all_tokens().len(), 2);
    shown.push(env.transcript(&["apply", &file]));
    snapshot!(shown.join("\n"));
}

#[test]
fn a_new_preset_secret_rotates_the_token() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    apply(&env, &file, &["--tokens-out", out_path.to_str().unwrap()]).success();
    let old = env.all_tokens().iter().find(|t| t["name"] == "Automation token").unwrap()["id"].as_i64().unwrap();

    env.write_file("preset.token", SECOND_PRESET);
    snapshot!(env.transcript(&["apply", &file]));
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
    snapshot!(transcript(env.at("2027-01-05T00:00:00Z").args([
        "apply",
        &file,
        "--tokens-out",
        second.to_str().unwrap()
    ])));
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
    let mut shown = vec![env.transcript(&["apply", &file])];
    assert_eq!(env.dump(), before, "without --prune nothing is revoked");
    shown.push(env.transcript(&["apply", &file, "--prune", "--dry-run"]));
    shown.push(env.transcript(&["apply", &file, "--prune"]));
    assert_eq!(env.token(ci_id)["revoked"], true);
    assert_eq!(env.token(by_hand)["revoked"], false, "a token made by hand is never pruned");
    shown.push(env.transcript(&["apply", &file, "--prune"]));
    snapshot!(shown.join("\n"));
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
    snapshot!(env.transcript(&["apply", &b, "--prune"]));
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
    let mut shown = vec![transcript(env.cmd().env("T", PRESET).args(["apply", &file]))];
    assert_eq!(process::count(&env.db, &format!("SELECT count(*) FROM apply_managed_tokens WHERE token_id = {id}")), 1);

    // The same secret under another name is a conflict that names the field.
    let other = env.write_file(
        "other.toml",
        "[[tokens]]\nuser = \"automation-bot\"\nname = \"other\"\nscopes = \"api\"\ntoken_env = \"T\"\n",
    );
    let before = env.dump();
    shown.push(transcript(env.cmd().env("T", PRESET).args(["apply", &other])));
    assert_eq!(env.dump(), before);
    let shown = shown.join("\n");
    assert!(!shown.contains(PRESET), "{shown}");
    snapshot!(shown);
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
        cmd.env(format!("SECRET_{i}"), format!("bulk-secret-{i:0>8}"));
    }
    snapshot!(transcript(&mut cmd));
    assert_eq!(env.dump(), before);
}

#[test]
fn bad_secret_sources_are_named_and_nothing_is_written() {
    let env = Env::new();
    env.user("bot", &[]);
    let before = env.dump();
    env.write_file("short.token", "short\n");
    let mut shown = Vec::new();
    for line in [
        "token_file = \"missing.token\"",
        "token_env = \"NOT_SET_ANYWHERE\"",
        "token = \"token-string-here123\"",
        "token_file = \"short.token\"",
    ] {
        let file = env.write_file(
            "bad.toml",
            &format!("[[users]]\nusername = \"new-user\"\n[[tokens]]\nuser = \"bot\"\nname = \"x\"\nscopes = \"api\"\n{line}\n"),
        );
        let refusal = env.transcript(&["apply", &file]);
        assert!(!refusal.contains(PRESET), "{refusal}");
        assert_eq!(env.dump(), before, "{line}");
        shown.push(format!("{line}\n{refusal}"));
    }
    snapshot!(shown.join("\n"));
}

#[test]
fn owners_must_exist_be_active_and_admin_for_admin_scopes() {
    let env = Env::new();
    env.user("blocked-bot", &[]);
    env.run(&["user", "block", "blocked-bot", "--yes"]).success();
    let file = env.write_file("o.toml", "[[tokens]]\nuser = \"ghost-user\"\nname = \"x\"\nscopes = \"api\"\n");
    let mut shown = vec![env.transcript(&["apply", &file, "--dry-run"])];
    let file = env.write_file("o.toml", "[[tokens]]\nuser = \"blocked-bot\"\nname = \"x\"\nscopes = \"api\"\n");
    shown.push(env.transcript(&["apply", &file]));
    let file = env.write_file(
        "o.toml",
        "[[users]]\nusername = \"root\"\nadmin = true\n[[users]]\nusername = \"plain\"\n\
         [[tokens]]\nuser = \"root\"\nname = \"x\"\nscopes = \"sudo\"\n\
         [[tokens]]\nuser = \"plain\"\nname = \"x\"\nscopes = \"sudo\"\n",
    );
    shown.push(env.transcript(&["apply", &file, "--dry-run"]));
    snapshot!(shown.join("\n"));
}

#[test]
fn user_fields_are_updated_and_omitted_ones_kept() {
    let env = Env::new();
    env.run(&["user", "add", "alice", "--email", "alice@example.com", "--name", "Alice"]).success();
    let file = env.write_file("u.toml", "[[users]]\nusername = \"alice\"\nadmin = true\n");
    let mut shown = vec![env.transcript(&["apply", &file])];
    let alice = env.json(&["user", "show", "alice"]);
    assert_eq!(alice["is_admin"], true);
    assert_eq!(alice["email"], "alice@example.com");
    assert_eq!(alice["name"], "Alice");
    shown.push(env.transcript(&["apply", &file]));
    snapshot!(shown.join("\n"));
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

/// Applies `file` with `--tokens-out project-tokens.tsv --force` and returns the transcript.
fn apply_projects(env: &Env, file: &str) -> String {
    let out_path = env.path("project-tokens.tsv");
    env.transcript(&["apply", file, "--tokens-out", out_path.to_str().unwrap(), "--force"])
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
    // The default lifetime is project_tokens.default_lifetime_days.
    let mut shown = vec![
        env.transcript(&["apply", &file, "--dry-run", "--tokens-out", "-"]),
        env.transcript(&["apply", &file, "--dry-run", "--format", "json", "--tokens-out", "-"]),
    ];
    assert!(!env.has_store());
    shown.push(apply_projects(&env, &file));
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
    shown.push(transcript(env.at("2026-12-01T00:00:00Z").args(["apply", &file])));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
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
    let mut shown = vec![apply_projects(&env, &file)];
    let deploy = env.token(deploy_id);
    assert_eq!(deploy["scopes"], serde_json::json!(["read_repository", "read_registry"]));
    assert_eq!(deploy["revoked"], false);
    assert_eq!(deploy["username"], "project_1_bot");

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("access_level = \"developer\"", "access_level = \"reporter\"")).unwrap();
    let users_before = env.usernames();
    shown.push(apply_projects(&env, &file));
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
    shown.push(env.transcript(&["apply", &file]));
    snapshot!(shown.join("\n"));
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
    snapshot!(transcript(env.at("2027-01-05T00:00:00Z").args([
        "apply",
        &file,
        "--tokens-out",
        out_path.to_str().unwrap()
    ])));
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
    let mut shown =
        vec![env.transcript(&["apply", &file, "--dry-run", "--prune"]), env.transcript(&["apply", &file, "--prune"])];

    let users = env.usernames();
    assert!(!users.contains(&"project_1_bot1".to_string()), "{users:?}");
    assert!(users.contains(&"project_1_bot".to_string()) && users.contains(&"project_1_bot2".to_string()));
    let all = env.all_tokens();
    let ci = all.iter().find(|t| t["id"] == ci_id).unwrap();
    assert_eq!(ci["state"], "revoked");
    assert_eq!(ci["project"], "group/app");
    assert_eq!(ci["access_level"], "maintainer");
    assert_eq!(ci["username"], "ghost");
    shown.push(env.transcript(&["list", "--state", "all"]));
    assert_eq!(token_named(&all, "manual")["state"], "active");
    let deleted = env.json(&["audit", "--action", "user.delete"]);
    assert_eq!(deleted[0]["username"], "project_1_bot1");
    shown.push(env.transcript(&["apply", &file, "--prune"]));
    snapshot!(shown.join("\n"));
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
    let mut shown = vec![apply_projects(&env, &file)];
    assert_eq!(env.json(&["project", "show", "group/app"])["name"], "App");
    let token = token_named(&env.all_tokens(), "t").clone();
    assert_eq!(token["username"], "project_2_bot");
    assert_eq!(token["access_level"], "guest", "GitLab's default role");
    shown.push(env.transcript(&["apply", &file]));
    snapshot!(shown.join("\n"));
}

#[test]
fn an_error_in_a_project_entry_names_file_entry_and_field_and_writes_nothing() {
    let env = Env::new();
    env.user("someone", &[]);
    env.run(&["project", "add", "group/app"]).success();
    let before = env.dump();
    let good = "[[projects]]\npath = \"group/new\"\n\n[[tokens]]\nproject = \"group/new\"\nname = \"ok\"\nscopes = \"api\"\n\n";
    let mut shown = Vec::new();
    for bad in [
        "[[projects]]\npath = \"single\"\n",
        "[[projects]]\npath = \"group/x\"\ndescription = \"d\"\n",
        "[[tokens]]\nproject = \"group/missing\"\nname = \"t\"\nscopes = \"api\"\n",
        "[[tokens]]\nproject = \"group/app\"\nname = \"t\"\nscopes = \"read_user\"\n",
        "[[tokens]]\nproject = \"group/app\"\naccess_level = \"admin\"\nname = \"t\"\nscopes = \"api\"\n",
    ] {
        let file = env.write_file("p.toml", &format!("{good}{bad}"));
        let out_path = env.path("never.tsv");
        shown.push(env.transcript(&["apply", &file, "--tokens-out", out_path.to_str().unwrap()]));
        assert_eq!(env.dump(), before, "{bad}");
        assert!(!out_path.exists());
    }
    snapshot!(shown.join("\n"));
}

#[test]
fn json_output_lists_changes_and_counts() {
    let env = Env::new();
    let file = bots_file(&env);
    let out_path = env.path("out.tsv");
    let mut shown = vec![env.transcript(&[
        "apply",
        &file,
        "--dry-run",
        "--format",
        "json",
        "--tokens-out",
        out_path.to_str().unwrap(),
    ])];
    shown.push(env.transcript(&["apply", &file, "--format", "json", "--tokens-out", out_path.to_str().unwrap()]));
    snapshot!(shown.join("\n"));
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
    let out = env.run(&["apply", &file, "--tokens-out", out_path.to_str().unwrap()]).success();
    // The 401 lines of stdout are the plan other tests compare; here only stderr matters.
    assert_eq!(stderr(&out), after_clock(&format!("generated tokens written to {} (mode 0600)\n", out_path.display())));
    assert_eq!(tokens_out_lines(&out_path).len(), 400);
}

/// Lookups by digest, id, owner and name, and the managed set, are index lookups; check-expiry's
/// query uses the partial index over non-revoked tokens.
#[test]
fn lookups_use_indexes() {
    sqlite_only!("EXPLAIN QUERY PLAN of SQLite");
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
            format!(
                "SELECT * FROM {from} WHERE t.user_id = 1 AND t.project_id IS NULL AND t.impersonation = 0 \
                 AND t.name = 'ci' AND t.revoked = 0 \
                 AND NOT EXISTS (SELECT 1 FROM apply_managed_tokens m WHERE m.token_id = t.id) ORDER BY t.id"
            ),
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
    let mut shown = vec![transcript(env.at("2026-11-28T00:00:00Z").env("T", PRESET).args(["apply", &file]))];

    // Twenty days after creation that lifetime has lapsed: the token needs a new secret.
    shown.push(transcript(env.at("2026-12-13T00:00:00Z").env("T", PRESET).args(["apply", &file])));
    shown.push(transcript(env.at("2026-12-13T00:00:00Z").env("T", SECOND_PRESET).args(["apply", &file])));
    snapshot!(shown.join("\n"));
}

#[test]
fn tokens_out_dash_writes_the_tokens_to_stdout_and_the_plan_to_stderr() {
    let env = Env::new();
    let file = bots_file(&env);
    let mut cmd = env.cmd();
    cmd.current_dir(env.path(""));
    let out = cmd.args(["apply", &file, "--tokens-out", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0][..2], ["ci", "automation-bot"]);
    assert!(lines[0][2].starts_with("glpat-") && lines[0][2].len() == 26, "{stdout}");
    assert!(!env.path("-").exists(), "no file named -");
    // The token is the one stored.
    let verify = env.run_with_input(&["verify", "--token-file", "-"], &format!("{}\n", lines[0][2]));
    verify.success();
    // As the operator sees it (the token redacted), on a database of its own.
    let fresh = Env::new();
    let file = bots_file(&fresh);
    snapshot!(fresh.transcript(&["apply", &file, "--tokens-out", "-"]));
}

#[test]
fn a_dry_run_fails_where_the_real_run_would() {
    let env = Env::new();
    let file = bots_file(&env);
    // No place for the generated secret: 64 both times, with the same words.
    let mut shown = vec![env.transcript(&["apply", &file, "--dry-run"]), env.transcript(&["apply", &file])];
    // A file there that may not be replaced: 73 both times, and it is left as it was.
    let out_path = env.write_file("out.tsv", "kept\n");
    shown.push(env.transcript(&["apply", &file, "--dry-run", "--tokens-out", &out_path]));
    shown.push(env.transcript(&["apply", &file, "--tokens-out", &out_path]));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "kept\n");
    // A bad owner and a bad scope: the same errors and exit code with and without --dry-run.
    env.user("alice", &[]);
    let bad = env.write_file(
        "bad.toml",
        "[[tokens]]\nuser = \"alice\"\nname = \"x\"\nscopes = \"sudo\"\ntoken_env = \"T\"\n\n[[tokens]]\nuser = \"nobody\"\nname = \"y\"\nscopes = \"api\"\ntoken_env = \"T\"\n",
    );
    let before = env.dump();
    for extra in [&["--dry-run"][..], &[]] {
        let mut cmd = env.cmd();
        cmd.env("T", PRESET).args(["apply", &bad]).args(extra);
        shown.push(transcript(&mut cmd));
    }
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn every_error_of_a_file_is_reported_in_one_run_up_to_a_cap() {
    let env = Env::new();
    env.user("alice", &[]);
    let mut text = String::from(
        "[[users]]\nusername = \"bad name\"\n\n[[tokens]]\nuser = \"alice\"\nname = \"a\"\nscopes = \"read_repo\"\n\n[[tokens]]\nuser = \"nobody\"\nname = \"b\"\nscopes = \"api\"\n\n[[tokens]]\nuser = \"alice\"\nname = \"c\"\nscopes = \"admin_mode\"\n",
    );
    for i in 1..=20 {
        text.push_str(&format!(
            "\n[[tokens]]\nuser = \"alice\"\nname = \"t{i}\"\nscopes = \"api\"\nexpires_in = \"{i}x\"\n"
        ));
    }
    let file = env.write_file("errors.toml", &text);
    let before = env.dump();
    let mut shown = vec![env.transcript(&["apply", &file, "--tokens-out", "-"])];
    assert_eq!(env.dump(), before);
    // Nothing is created for a file with errors, not even the database.
    let fresh = Env::new();
    let file = fresh.write_file("errors.toml", &text);
    shown.push(fresh.transcript(&["apply", &file]));
    assert!(!fresh.has_store());
    snapshot!(shown.join("\n"));
}

#[test]
fn a_hand_made_generated_token_is_adopted_with_a_notice() {
    let env = Env::new();
    env.user("bot", &["--bot"]);
    env.run(&["create", "--user", "bot", "--name", "ci", "--scopes", "api", "--raw"]).success();
    let file = env.write_file("ci.toml", "[[tokens]]\nuser = \"bot\"\nname = \"ci\"\nscopes = \"api\"\n");
    // Adopted as it is: no secret to generate, so no --tokens-out is needed.
    let mut shown = vec![env.transcript(&["apply", &file, "--dry-run"]), env.transcript(&["apply", &file])];
    shown.push(env.transcript(&["apply", &file]));
    assert_eq!(env.all_tokens().len(), 1, "no second token");
    // Two made by hand with the entry's owner and name: the file cannot tell which it declares.
    env.run(&["create", "--user", "bot", "--name", "deploy", "--scopes", "api", "--raw"]).success();
    env.run(&["create", "--user", "bot", "--name", "deploy", "--scopes", "api", "--raw"]).success();
    let two = env.write_file("deploy.toml", "[[tokens]]\nuser = \"bot\"\nname = \"deploy\"\nscopes = \"read_api\"\n");
    shown.push(env.transcript(&["apply", &two]));
    snapshot!(shown.join("\n"));
}

/// A second file that lists a token another file manages (same owner, name and preset secret)
/// is refused: it does not take the token over. The first file still applies.
#[test]
fn a_token_managed_by_another_file_is_not_taken_over() {
    let env = Env::new();
    let entry = "[[users]]\nusername = \"bot\"\n[[tokens]]\nuser = \"bot\"\nname = \"a\"\nscopes = \"api\"\ntoken_env = \"A_TOKEN\"\n";
    let a = env.write_file("a.toml", &format!("managed_by = \"team-a\"\n{entry}"));
    let b = env.write_file("b.toml", &format!("managed_by = \"team-b\"\n{entry}"));
    env.cmd().env("A_TOKEN", PRESET).args(["apply", &a]).assert().success();
    let before = env.dump();
    let refused = transcript(env.cmd().env("A_TOKEN", PRESET).args(["apply", &b]));
    assert_eq!(env.dump(), before);
    let again = transcript(env.cmd().env("A_TOKEN", PRESET).args(["apply", &a]));
    snapshot!([refused, again].join("\n"));
}

/// A token that has expired is replaced by a new one, even when the file now gives it an
/// expiry date ahead: an expired token is never brought back to life.
#[test]
fn an_expired_token_is_replaced_even_when_its_new_expiry_is_ahead() {
    let env = Env::new();
    let entry = |expires: &str| {
        format!(
            "[[users]]\nusername = \"x\"\n[[tokens]]\nuser = \"x\"\nname = \"ci\"\nscopes = \"api\"\nexpires_at = {expires}\n"
        )
    };
    let file = env.write_file("ci.toml", &entry("2026-11-24"));
    let out = env.path("first.tsv");
    apply(&env, &file, &["--tokens-out", out.to_str().unwrap()]).success();
    env.write_file("ci.toml", &entry("2026-12-31"));
    let out = env.path("second.tsv");
    let mut later = env.at("2026-11-25T10:00:00Z");
    later.args(["apply", &file, "--tokens-out", out.to_str().unwrap()]);
    snapshot!(transcript(&mut later));
}

/// Under `tokens.require_expiry` (the default) an entry with `no_expiry` is refused, naming
/// that field.
#[test]
fn no_expiry_is_refused_naming_its_field_when_expiry_is_required() {
    let env = Env::new();
    let file = env.write_file(
        "forever.toml",
        "[[users]]\nusername = \"u\"\n[[tokens]]\nuser = \"u\"\nname = \"n\"\nscopes = \"api\"\nno_expiry = true\n",
    );
    snapshot!(env.transcript(&["apply", &file]));
    assert!(!env.has_store() || env.all_tokens().is_empty());
}

/// A TOML syntax error names its line; a `token_env` holding `=` is no variable name.
#[test]
fn syntax_errors_name_their_line_and_token_env_must_be_a_name() {
    let env = Env::new();
    let syntax = env.write_file("syntax.toml", "[[users]]\nusername = \"u\"\n\n[[tokens]\nuser = \"u\"\n");
    let var = env.write_file(
        "var.toml",
        "[[users]]\nusername = \"u\"\n[[tokens]]\nuser = \"u\"\nname = \"n\"\nscopes = \"api\"\ntoken_env = \"A=B\"\n",
    );
    snapshot!([env.transcript(&["apply", &syntax]), env.transcript(&["apply", &var])].join("\n"));
}

/// A project renamed in the same run as its first token is made: the bot is named after the
/// new name.
#[test]
fn a_bot_made_with_a_rename_takes_the_new_project_name() {
    let env = Env::new();
    let file = env.write_file("p.toml", "[[projects]]\npath = \"group/app\"\nname = \"App\"\n");
    apply(&env, &file, &[]).success();
    env.write_file(
        "p.toml",
        "[[projects]]\npath = \"group/app\"\nname = \"New App\"\n[[tokens]]\nproject = \"group/app\"\nname = \"deploy\"\nscopes = \"api\"\nexpires_in = \"10d\"\n",
    );
    let out = env.path("new.tsv");
    apply(&env, &file, &["--tokens-out", out.to_str().unwrap()]).success();
    snapshot!(env.transcript(&["user", "list"]));
}

/// `service_account = true` makes a service account (as `user add --service-account`); with
/// `service_accounts.require_expiry = false` its tokens may have `no_expiry`, while a human's
/// still may not, as `patctl create` decides. A second run changes nothing.
#[test]
fn service_accounts_are_created_and_follow_their_own_expiry_rule() {
    let env = Env::new();
    env.write_config("[service_accounts]\nrequire_expiry = false\n");
    let file = env.write_file(
        "sa.toml",
        "[[users]]\nusername = \"deployer\"\nservice_account = true\n\
         [[tokens]]\nuser = \"deployer\"\nname = \"forever\"\nscopes = \"api\"\nno_expiry = true\n\
         [[tokens]]\nuser = \"deployer\"\nname = \"default\"\nscopes = \"api\"\n",
    );
    let out = env.path("sa.tsv");
    let out = out.to_str().unwrap();
    let mut shown = vec![env.transcript(&["apply", &file, "--dry-run", "--tokens-out", out])];
    shown.push(env.transcript(&["apply", &file, "--tokens-out", out]));
    shown.push(env.transcript(&["apply", &file, "--tokens-out", out]));
    shown.push(env.transcript(&["user", "show", "deployer"]));
    shown.push(env.transcript(&["list", "--owner-type", "service_account"]));
    let human = env.write_file(
        "human.toml",
        "[[users]]\nusername = \"alice\"\n[[tokens]]\nuser = \"alice\"\nname = \"forever\"\nscopes = \"api\"\nno_expiry = true\n",
    );
    shown.push(env.transcript(&["apply", &human, "--dry-run"]));
    snapshot!(shown.join("\n"));
}

/// Under the default `service_accounts.require_expiry = true` a service account's `no_expiry`
/// is refused as a human's is; an existing human turned into a service account by the file gets
/// the service-account rule in the same run.
#[test]
fn service_account_expiry_is_required_by_default_and_a_type_change_applies_at_once() {
    let env = Env::new();
    let file = env.write_file(
        "sa.toml",
        "[[users]]\nusername = \"deployer\"\nservice_account = true\n\
         [[tokens]]\nuser = \"deployer\"\nname = \"forever\"\nscopes = \"api\"\nno_expiry = true\n",
    );
    let mut shown = vec![env.transcript(&["apply", &file])];
    env.write_config("[service_accounts]\nrequire_expiry = false\n");
    env.user("deployer", &[]);
    shown.push(env.transcript(&["apply", &file, "--tokens-out", env.path("sa.tsv").to_str().unwrap()]));
    shown.push(env.transcript(&["user", "list"]));
    snapshot!(shown.join("\n"));
}

/// `bot = true` and `service_account = true` are two kinds of user: both is exit 65 naming the
/// entry's line and the field, and nothing is written.
#[test]
fn bot_and_service_account_together_are_refused_naming_line_and_field() {
    let env = Env::new();
    let file = env.write_file(
        "both.toml",
        "[[users]]\nusername = \"ok\"\n[[users]]\nusername = \"both\"\nbot = true\nservice_account = true\n",
    );
    snapshot!(env.transcript(&["apply", &file]));
    assert!(!env.has_store() || env.usernames().is_empty());
}
