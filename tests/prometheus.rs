//! `check-expiry --format prometheus`: whole expositions for an empty store, a busy one and
//! `--per-token`, each accepted by `promtool check metrics`; `--textfile`; the usual exit codes.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use crate::common::{Env, after_clock, snapshot_settings, stderr, stdout, transcript};

/// `check-expiry --format prometheus EXTRA` as a whole-output snapshot (command, exit code,
/// exposition; the run's duration, the one value that varies, redacted), after promtool
/// accepted the exposition.
fn exposition_snapshot(env: &Env, name: &str, extra: &[&str]) {
    let mut cmd = env.cmd();
    cmd.args(["check-expiry", "--format", "prometheus"]).args(extra);
    let text = transcript(&mut cmd);
    let exposition = text.split("--- stdout\n").nth(1).expect("an exposition");
    promtool_accepts(exposition.split("--- stderr\n").next().unwrap());
    let mut settings = snapshot_settings();
    settings.add_filter(r"(patctl_check_expiry_duration_seconds) \d+\.\d{6}\n", "$1 [duration]\n");
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The exposition with the duration made fixed, to compare two runs.
fn without_duration(text: &str) -> String {
    let (head, duration) = text.trim_end().rsplit_once(' ').expect("the duration comes last");
    assert!(head.ends_with("\npatctl_check_expiry_duration_seconds"), "{text}");
    assert!(duration.parse::<f64>().is_ok_and(|seconds| seconds >= 0.0), "{duration}");
    format!("{head} [duration]\n")
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
    let report = format!("{}{}", stdout(&out), stderr(&out));
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
    exposition_snapshot(&env, "prometheus_empty_store", &[]);
}

#[test]
fn a_busy_store_is_counted_by_state_and_threshold() {
    let env = busy();
    exposition_snapshot(&env, "prometheus_busy_store", &[]);
    // Impersonation tokens count when asked for, as in the other formats.
    exposition_snapshot(&env, "prometheus_busy_store_with_impersonation", &["--include-impersonation"]);
}

#[test]
fn per_token_adds_one_series_per_unrevoked_token_with_an_expiry() {
    let env = busy();
    exposition_snapshot(&env, "prometheus_per_token", &["--per-token"]);
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
    let out = env.run(&["check-expiry", "--format", "prometheus", "--textfile", file.to_str().unwrap()]).code(1);
    assert_eq!(stdout(&out), "");
    let text = std::fs::read_to_string(&file).unwrap();
    let printed = stdout(&env.run(&["check-expiry", "--format", "prometheus"]).code(1));
    assert_eq!(without_duration(&text), without_duration(&printed));
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
            stderr(&out),
            after_clock(
                "error: --textfile and --per-token are for --format prometheus\nhint: patctl check-expiry --format prometheus --textfile /var/lib/prometheus/node-exporter/patctl.prom\n"
            )
        );
    }
}

#[test]
fn user_counts_only_that_users_tokens() {
    exposition_snapshot(&busy(), "prometheus_busy_store_for_bob", &["--user", "bob"]);
}
