//! Issue 14's GitLab-compatible digests: a store created with `tokens.digest = "gitlab"` keeps
//! GitLab's digests of its tokens, refuses another scheme or key with 78, and never holds the key.

use std::os::unix::fs::PermissionsExt;

use crate::common::{Env, PRESET, code, contains, database_bytes, stderr};

/// An Omnibus-style db_key_base (128 hex characters); GitLab uses its first 32.
pub const DB_KEY_BASE: &str = "6f1b2a9c0d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c\
4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c";

/// Base64 of SHA-256 over `token` followed by the first 32 characters of `key`, computed by
/// openssl (not by patctl): GitLab's `Gitlab::CryptoHelper.sha256`.
pub fn gitlab_digest(token: &str, key: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("sh")
        .args(["-c", "openssl dgst -sha256 -binary | base64"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl and base64 are installed");
    let mut input = token.to_string();
    input.push_str(&key[..32.min(key.len())]);
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Writes a gitlab-secrets.json holding `key` (mode 0600) and a config using it.
pub fn use_gitlab_key(env: &Env, name: &str, key: &str) {
    let secrets = env.path(name);
    let json = serde_json::json!({
        "gitlab_workhorse": {"secret_token": "d29ya2hvcnNl"},
        "gitlab_rails": {"secret_key_base": "not-this-one", "db_key_base": key, "otp_key_base": "nor-this"}
    });
    std::fs::write(&secrets, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.write_config(&format!("[tokens]\ndigest = \"gitlab\"\ngitlab_secrets_file = \"{}\"\n", secrets.display()));
}

/// Runs `args` with `input`, asserting the database stays byte for byte as it was.
fn unchanged_by(env: &Env, args: &[&str], input: &str) -> String {
    let before = env.dump();
    let shown = env.transcript_with_input(args, input);
    assert_eq!(env.dump(), before, "database changed by {args:?}");
    shown
}

#[test]
fn a_gitlab_store_keeps_gitlab_digests_verifies_them_and_holds_no_key() {
    let env = Env::new();
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    env.user("alice", &[]);
    let mut shown = vec![env.transcript_with_input(
        &["create", "--user", "alice", "--name", "ci", "--scopes", "api", "--token-file", "-"],
        PRESET,
    )];
    shown.push(env.transcript_with_input(&["verify", "--token-file", "-"], PRESET));
    shown.push(env.transcript_with_input(&["verify", "--token-file", "-"], "token-string-here124"));
    let text = |sql: &str| match &crate::common::query(&env.db, sql)[0][0] {
        rusqlite::types::Value::Text(text) => text.clone(),
        other => panic!("{sql}: {other:?}"),
    };
    assert_eq!(text("SELECT token_digest FROM personal_access_tokens"), gitlab_digest(PRESET, DB_KEY_BASE));
    let fingerprint = text("SELECT value FROM meta WHERE key = 'pepper_fingerprint'");
    assert!(fingerprint.starts_with("gitlab:hmac-sha256:"), "{fingerprint}");
    let bytes = database_bytes(&env.db);
    assert!(!contains(&bytes, &DB_KEY_BASE[..32]) && !contains(&bytes, &DB_KEY_BASE[..16]), "the key is stored");
    // The key itself in tokens.pepper_file is the same key.
    std::fs::write(env.path("key"), format!("{DB_KEY_BASE}\n")).unwrap();
    std::fs::set_permissions(env.path("key"), std::fs::Permissions::from_mode(0o640)).unwrap();
    env.write_config(&format!("[tokens]\ndigest = \"gitlab\"\npepper_file = \"{}\"\n", env.path("key").display()));
    shown.push(env.transcript_with_input(&["verify", "--token-file", "-"], PRESET));
    snapshot!(shown.join("\n"));
}

#[test]
fn a_store_opened_with_another_scheme_or_key_is_78_naming_the_mismatch() {
    let env = Env::new();
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    env.user("alice", &[]);
    env.preset_token("alice", "ci", "api", PRESET, &[]);
    let create = ["create", "--user", "alice", "--name", "dup", "--scopes", "api", "--token-file", "-"];
    let mut shown = Vec::new();
    // patctl's scheme (no pepper), then another instance's key.
    env.write_config("");
    shown.push(unchanged_by(&env, &["verify", "--token-file", "-"], PRESET));
    shown.push(unchanged_by(&env, &create, PRESET));
    use_gitlab_key(&env, "other-secrets.json", &DB_KEY_BASE.replace('6', "7"));
    shown.push(unchanged_by(&env, &["verify", "--token-file", "-"], PRESET));
    shown.push(unchanged_by(&env, &create, PRESET));
    snapshot!(shown.join("\n"));

    // And a patctl store refuses GitLab's scheme.
    let env = Env::new();
    env.user("alice", &[]);
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    let out = env.run_with_input(&["verify", "--token-file", "-"], PRESET);
    assert_eq!(code(&out), 78);
    assert!(stderr(&out).contains("the store uses patctl digests; this config uses GitLab digests"));
}

#[test]
fn a_key_file_others_may_read_is_warned_about_and_a_bad_one_is_78() {
    let env = Env::new();
    use_gitlab_key(&env, "gitlab-secrets.json", DB_KEY_BASE);
    std::fs::set_permissions(env.path("gitlab-secrets.json"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut shown = vec![env.transcript(&["user", "add", "alice"])];
    std::fs::write(env.path("gitlab-secrets.json"), "{\"gitlab_rails\": {\"otp_key_base\": \"x\"}}").unwrap();
    shown.push(env.transcript(&["user", "list"]));
    std::fs::write(env.path("gitlab-secrets.json"), "db_key_base: s3cret-not-json").unwrap();
    shown.push(env.transcript(&["user", "list"]));
    env.write_config("[tokens]\ndigest = \"gitlab\"\n");
    shown.push(env.transcript(&["user", "list"]));
    let all = shown.join("\n");
    assert!(!all.contains("s3cret"), "a message quoted the file");
    snapshot!(all);
}
