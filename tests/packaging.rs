//! What the Debian package ships that the binary must agree with: the example configuration and
//! the command line of patctl-check-expiry.service. (The package itself is built, linted,
//! installed and removed by .ci/package.)

use crate::common::{Env, after_clock, repo, stderr};

const SERVICE: &str = include_str!("../debian/systemd/patctl-check-expiry.service");

#[test]
fn the_example_config_is_valid() {
    let env = Env::new();
    env.cmd().arg("--config").arg(repo("debian/config.toml")).args(["config", "show"]).assert().success();
}

#[test]
fn the_service_runs_its_command_line_with_the_example_config() {
    let env = Env::new();
    env.user("alice", &[]);
    env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-30"]);
    let exec = SERVICE.lines().find_map(|line| line.strip_prefix("ExecStart=")).expect("ExecStart");
    let mut words = exec.split_whitespace();
    assert_eq!(words.next(), Some("/usr/bin/patctl"));
    let args: Vec<&str> =
        words.map(|word| if word == "/var/lib/patctl/patctl.db" { env.db.to_str().unwrap() } else { word }).collect();
    // alice has no email: nothing is mailed, and the expiring token is exit 1, a success for
    // the unit (SuccessExitStatus=1 2).
    let out = env.cmd().env("PATCTL_CONFIG", repo("debian/config.toml")).args(&args).assert().code(1);
    assert_eq!(stderr(&out), after_clock("warning: no email address for alice: not mailed (see patctl user show)\n"));
    assert!(SERVICE.contains("\nSuccessExitStatus=1 2\n"));
}
