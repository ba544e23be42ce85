//! Service accounts (`user add --service-account`, `service_accounts.require_expiry`) and the
//! addresses `verify --ip` records (`last_used_ips`).

use serde_json::Value;

use crate::common::{Env, NOW, after_clock, stderr, transcript};

fn verify_from(env: &Env, now: &str, secret: &str, ip: &str) -> assert_cmd::assert::Assert {
    env.at(now).args(["verify", "--ip", ip]).write_stdin(format!("{secret}\n")).assert()
}

#[test]
fn a_service_account_is_its_own_user_type_everywhere() {
    let env = Env::new();
    snapshot!(env.transcript(&["user", "add", "deployer", "--service-account", "--format", "json"]));
    env.user("alice", &[]);
    env.user("robot", &["--bot"]);
    let users = env.json(&["user", "list"]);
    let types: Vec<(&str, &str)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["username"].as_str().unwrap(), u["user_type"].as_str().unwrap()))
        .collect();
    assert_eq!(types, [("deployer", "service_account"), ("alice", "human"), ("robot", "bot")]);
    snapshot!(env.transcript(&["user", "show", "deployer"]));
    // Its tokens are personal tokens, selectable by owner type.
    let (id, _) = env.generated_token("deployer", "deploy", "api", &[]);
    env.generated_token("alice", "ci", "api", &[]);
    env.generated_token("robot", "bot", "api", &[]);
    let listed = env.json(&["list", "--owner-type", "service_account"]);
    assert_eq!(listed.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);
    // A service account is neither a bot user nor an admin.
    let before = env.dump();
    for extra in [&["--bot"][..], &["--admin"]] {
        env.run(&[&["user", "add", "other", "--service-account"][..], extra].concat()).code(64);
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn service_account_tokens_may_skip_expiry_only_when_the_instance_allows_it() {
    let env = Env::new();
    env.user("deployer", &["--service-account"]);
    env.user("alice", &[]);
    let create = |user: &str, name: &str, extra: &[&str]| {
        env.cmd()
            .args(["create", "--user", user, "--name", name, "--scopes", "api", "--format", "json"])
            .args(extra)
            .assert()
    };
    // Default: required, as for everyone.
    let before = env.dump();
    let out = create("deployer", "forever", &["--no-expiry"]).code(65);
    let error = after_clock(r#"{"error":{"exit_code":65,"kind":"data","message":"tokens must have an expiry date"#);
    assert!(stderr(&out).starts_with(&error), "{}", stderr(&out));
    assert_eq!(env.dump(), before);
    let token: Value =
        serde_json::from_slice(&create("deployer", "default", &[]).success().get_output().stdout).unwrap();
    assert_eq!(token["expires_at"], "2027-11-23");

    env.write_config("[service_accounts]\nrequire_expiry = false\n");
    let token: Value =
        serde_json::from_slice(&create("deployer", "forever", &["--no-expiry"]).success().get_output().stdout).unwrap();
    assert_eq!(token["expires_at"], Value::Null);
    let token: Value =
        serde_json::from_slice(&create("deployer", "unsaid", &[]).success().get_output().stdout).unwrap();
    assert_eq!(token["expires_at"], Value::Null, "none given, none required");
    // Rotation follows the same rule.
    let id = token["id"].to_string();
    let rotated = env.json(&["rotate", "--id", &id]);
    assert_eq!(rotated["expires_at"], Value::Null);
    // People's tokens still must expire.
    create("alice", "forever", &["--no-expiry"]).code(65);
    engine_snapshot!(env.transcript(&["config", "show"]));
}

#[test]
fn verify_ip_keeps_the_last_five_new_addresses_with_gitlabs_throttle() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = env.generated_token("alice", "ci", "api", &[]);
    let ips = || -> Vec<String> {
        env.token(id)["last_used_ips"].as_array().unwrap().iter().map(|ip| ip.as_str().unwrap().to_string()).collect()
    };
    // The first use records its address.
    verify_from(&env, "2026-11-23T10:00:00Z", &secret, "192.0.2.1").success();
    assert_eq!(ips(), ["192.0.2.1"]);
    // A new address within a minute of the last use is not recorded (LAST_USED_IP_TIMEOUT).
    let before = env.dump();
    verify_from(&env, "2026-11-23T10:00:30Z", &secret, "192.0.2.2").success();
    assert_eq!(env.dump(), before);
    // After a minute it is, even inside the 10-minute last_used_at interval, which stays.
    verify_from(&env, "2026-11-23T10:01:00Z", &secret, "2001:DB8::1").success();
    assert_eq!(ips(), ["2001:db8::1", "192.0.2.1"]);
    assert_eq!(env.token(id)["last_used_at"], "2026-11-23T10:00:00Z");
    // A known address is not recorded again.
    let before = env.dump();
    verify_from(&env, "2026-11-23T10:05:00Z", &secret, "192.0.2.1").success();
    assert_eq!(env.dump(), before);
    // At most five: the oldest addresses go.
    for (minute, ip) in [(10, "192.0.2.3"), (20, "192.0.2.4"), (30, "192.0.2.5"), (40, "192.0.2.6")] {
        verify_from(&env, &format!("2026-11-23T10:{minute}:00Z"), &secret, ip).success();
    }
    assert_eq!(ips(), ["192.0.2.6", "192.0.2.5", "192.0.2.4", "192.0.2.3", "2001:db8::1"]);
    assert_eq!(env.token(id)["last_used_at"], "2026-11-23T10:40:00Z");
    let listed = env.json(&["list"]);
    assert_eq!(listed[0]["last_used_ips"].as_array().unwrap().len(), 5);
    snapshot!(transcript(env.at("2026-11-23T11:00:00Z").args(["show", &id.to_string()])));
}

#[test]
fn a_bad_address_is_refused_before_the_token_is_read() {
    let env = Env::new();
    env.user("alice", &[]);
    let (_, secret) = env.generated_token("alice", "ci", "api", &[]);
    let before = env.dump();
    for bad in ["300.1.1.1", "192.0.2.1:8080", "example.com", "", "::1%eth0", "1.2.3"] {
        let out = verify_from(&env, NOW, &secret, bad).code(65);
        assert_eq!(stderr(&out), after_clock(&format!("error: --ip: '{bad}' is not an IPv4 or IPv6 address\n")));
    }
    assert_eq!(env.dump(), before);
}
