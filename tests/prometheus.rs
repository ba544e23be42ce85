//! `check-expiry --format prometheus`: whole expositions for an empty store, a busy one and
//! `--per-token`, each accepted by `promtool check metrics`; `--textfile`; the usual exit codes.

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use common::Env;

const HEAD: &str = "\
# HELP patctl_tokens Tokens by state: active, expiring within 7 days (the check's window), expired and not revoked, revoked.
# TYPE patctl_tokens gauge
";

const RUN: &str = "\
# HELP patctl_check_expiry_timestamp_seconds When this check ran, in seconds since the epoch.
# TYPE patctl_check_expiry_timestamp_seconds gauge
patctl_check_expiry_timestamp_seconds 1795428000
# HELP patctl_check_expiry_duration_seconds How long this check took, in seconds.
# TYPE patctl_check_expiry_duration_seconds gauge
patctl_check_expiry_duration_seconds DURATION
";

const THRESHOLDS_HELP: &str = "\
# HELP patctl_tokens_expiring Usable tokens expiring within each notification threshold (config expiry.notify_days), in days.
# TYPE patctl_tokens_expiring gauge
";

/// The exposition with the run's duration (the one value that varies) replaced by DURATION,
/// after promtool accepted it.
fn metrics(env: &Env, extra: &[&str], code: i32) -> String {
    let mut args = vec!["check-expiry", "--format", "prometheus"];
    args.extend_from_slice(extra);
    let out = env.run(&args).code(code).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    promtool_accepts(&text);
    normalized(&text)
}

fn normalized(text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last = lines.last_mut().unwrap();
    let value = last.strip_prefix("patctl_check_expiry_duration_seconds ").expect("the duration comes last");
    assert!(value.parse::<f64>().is_ok_and(|v| v >= 0.0), "{value}");
    *last = "patctl_check_expiry_duration_seconds DURATION".into();
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn promtool_accepts(text: &str) {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (CI installs Debian's prometheus package)");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && report.is_empty(), "promtool: {report}\n{text}");
}

/// Tokens in every state, a name that needs escaping, and an impersonation token.
fn busy() -> Env {
    let env = Env::new();
    env.write_config("[tokens]\nrequire_expiry = false\n\n[expiry]\nnotify_days = [30, 7]\n");
    env.user("alice", &[]);
    env.user("bob", &[]);
    let create = |user: &str, name: &str, extra: &[&str]| {
        env.generated_token(user, name, "api", extra);
    };
    create("alice", "deploy \"prod\" \\ eu", &["--expires-at", "2026-11-24"]);
    create("alice", "ci", &["--expires-at", "2026-12-10"]);
    create("alice", "forever", &["--no-expiry"]);
    env.at("2026-11-01T00:00:00Z")
        .args(["create", "--user", "bob", "--name", "old", "--scopes", "api", "--expires-at", "2026-11-20"])
        .assert()
        .success();
    create("bob", "revoked", &["--expires-at", "2026-11-25"]);
    env.run(&["revoke", "--user", "bob", "--name", "revoked"]).success();
    create("bob", "support", &["--expires-at", "2026-11-25", "--impersonation"]);
    env
}

#[test]
fn an_empty_store_has_every_state_at_zero_and_no_next_expiry() {
    let env = Env::new();
    env.user("alice", &[]);
    let expected = format!(
        "{HEAD}patctl_tokens{{state=\"active\"}} 0
patctl_tokens{{state=\"expiring\"}} 0
patctl_tokens{{state=\"expired\"}} 0
patctl_tokens{{state=\"revoked\"}} 0
{THRESHOLDS_HELP}patctl_tokens_expiring{{within_days=\"7\"}} 0
{RUN}"
    );
    assert_eq!(metrics(&env, &[], 0), expected);
}

#[test]
fn a_busy_store_is_counted_by_state_and_threshold() {
    let env = busy();
    let expected = format!(
        "{HEAD}patctl_tokens{{state=\"active\"}} 2
patctl_tokens{{state=\"expiring\"}} 1
patctl_tokens{{state=\"expired\"}} 1
patctl_tokens{{state=\"revoked\"}} 1
{THRESHOLDS_HELP}patctl_tokens_expiring{{within_days=\"7\"}} 1
patctl_tokens_expiring{{within_days=\"30\"}} 2
# HELP patctl_tokens_next_expiry_timestamp_seconds When the first usable token expires (00:00 UTC on its expiry date), in seconds since the epoch.
# TYPE patctl_tokens_next_expiry_timestamp_seconds gauge
patctl_tokens_next_expiry_timestamp_seconds 1795478400
{RUN}"
    );
    assert_eq!(metrics(&env, &[], 1), expected);

    // Impersonation tokens count when asked for, as in the other formats.
    let with = metrics(&env, &["--include-impersonation"], 1);
    assert!(with.contains("patctl_tokens{state=\"expiring\"} 2\n"), "{with}");
}

#[test]
fn per_token_adds_one_series_per_unrevoked_token_with_an_expiry() {
    let env = busy();
    let out = metrics(&env, &["--per-token"], 1);
    let per_token = "\
# HELP patctl_token_expiry_timestamp_seconds When each token that is not revoked expires (00:00 UTC), in seconds since the epoch; tokens that never expire are left out.
# TYPE patctl_token_expiry_timestamp_seconds gauge
patctl_token_expiry_timestamp_seconds{id=\"1\",name=\"deploy \\\"prod\\\" \\\\ eu\",owner=\"alice\"} 1795478400
patctl_token_expiry_timestamp_seconds{id=\"2\",name=\"ci\",owner=\"alice\"} 1796860800
patctl_token_expiry_timestamp_seconds{id=\"4\",name=\"old\",owner=\"bob\"} 1795132800
";
    let without = metrics(&env, &[], 1);
    assert_eq!(out, without.replace(RUN, &format!("{per_token}{RUN}")));
}

#[test]
fn exit_codes_are_those_of_the_other_formats() {
    let env = Env::new();
    env.user("alice", &[]);
    let code = |format: &str| env.run(&["check-expiry", "--format", format]).get_output().status.code();
    assert_eq!((code("prometheus"), code("table")), (Some(0), Some(0)));
    env.generated_token("alice", "soon", "api", &["--expires-at", "2026-11-25"]);
    assert_eq!((code("prometheus"), code("table")), (Some(1), Some(1)));
    env.at("2026-11-01T00:00:00Z")
        .args(["create", "--user", "alice", "--name", "today", "--scopes", "api", "--expires-at", "2026-11-23"])
        .assert()
        .success();
    assert_eq!((code("prometheus"), code("table")), (Some(2), Some(2)));
    env.run(&["check-expiry", "--format", "prometheus", "--exit-zero"]).code(0);
}

#[test]
fn textfile_replaces_the_file_whole_with_mode_0644_and_nothing_left_beside_it() {
    let env = busy();
    let dir = env.path("textfile");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("patctl.prom");
    std::fs::write(&file, "old content\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env
        .run(&["check-expiry", "--format", "prometheus", "--textfile", file.to_str().unwrap()])
        .code(1)
        .get_output()
        .clone();
    assert_eq!(out.stdout, b"");
    let text = std::fs::read_to_string(&file).unwrap();
    promtool_accepts(&text);
    assert_eq!(normalized(&text), metrics(&env, &[], 1));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o644);
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, ["patctl.prom"]);

    // A symbolic link there is refused, as for every file patctl writes.
    let link = dir.join("link.prom");
    std::os::unix::fs::symlink(env.path("elsewhere"), &link).unwrap();
    env.run(&["check-expiry", "--format", "prometheus", "--textfile", link.to_str().unwrap()]).code(73);
    assert!(!env.path("elsewhere").exists());
}

#[test]
fn textfile_and_per_token_belong_to_the_prometheus_format() {
    let env = busy();
    for extra in [&["--per-token"][..], &["--textfile", "x.prom"]] {
        let mut args = vec!["check-expiry"];
        args.extend_from_slice(extra);
        let out = env.run(&args).code(64);
        assert_eq!(
            String::from_utf8_lossy(&out.get_output().stderr),
            "error: --textfile and --per-token are for --format prometheus\nhint: patctl check-expiry --format prometheus --textfile /var/lib/prometheus/node-exporter/patctl.prom\n"
        );
    }
}
