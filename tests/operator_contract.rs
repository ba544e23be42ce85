//! Issue 11's contract where people and scripts touch patctl: a flag-shaped argument is never a
//! token and a token on the command line is never echoed, `--wait` for a locked database, counts
//! that agree in number, and help examples that run as pasted.
use crate::common::{Env, PRESET, stdout, transcript};
use crate::tmux::{self, Tmux};

/// A token with GitLab's prefix, shorter than a generated one so the snapshot filter leaves it be.
const PREFIXED: &str = "glpat-leaked-value";

#[test]
fn flag_shaped_arguments_are_never_tokens_and_tokens_are_never_echoed() {
    let env = Env::new();
    env.user("alice", &[]);
    let id = env.preset_token("alice", "ci", "api", PRESET, &[]).to_string();
    let before = env.dump();
    let runs = [
        // A mistyped flag: a usage error with a suggestion, not a token string looked up.
        transcript(env.cmd().args(["revoke", "--idd", &id])),
        transcript(env.cmd().args(["revoke", "--idd"])),
        // A token where none is taken: refused, not echoed, with a hint to use standard input.
        transcript(env.cmd().args(["verify", PRESET])),
        transcript(env.cmd().args(["verify", "--scope", "api", PREFIXED])),
        transcript(env.cmd().args(["rotate", PRESET])),
        transcript(env.cmd().args(["revoke", PRESET, PREFIXED])),
        // A value that looks like a token is redacted in any error.
        transcript(env.cmd().args(["list", "--state", PREFIXED])),
        transcript(env.cmd().args(["show", PREFIXED])),
        transcript(env.cmd().args(["revoke", "--id", PREFIXED])),
    ];
    for run in &runs {
        let shown = run.split_once("\nexit ").unwrap().1;
        assert!(!shown.contains(PRESET) && !shown.contains(PREFIXED), "a token was echoed:\n{run}");
    }
    assert_eq!(env.dump(), before);
    snapshot!(runs.join("\n"));
}

/// Holds the database's write lock, as another patctl in the middle of a write does.
fn hold_write_lock(env: &Env) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

#[test]
fn a_locked_database_waits_as_long_as_told_then_exits_75_naming_the_wait() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let lock = hold_write_lock(&env);
    let mut runs = vec![
        transcript(env.cmd().args(["--wait", "0", "user", "add", "bob"])),
        transcript(env.cmd().args(["user", "add", "bob", "--wait", "1s"])),
        transcript(env.cmd().env("PATCTL_WAIT", "0").args(["user", "add", "bob"])),
    ];
    env.write_config("[database]\nwait = \"0\"\n");
    runs.push(transcript(env.cmd().args(["user", "add", "bob"])));
    drop(lock);
    assert_eq!(env.dump(), before);
    // Bad values: a usage error for the flag and the variable, a configuration error in the file.
    runs.push(transcript(env.cmd().args(["--wait", "5", "list"])));
    runs.push(transcript(env.cmd().env("PATCTL_WAIT", "soon").args(["list"])));
    env.write_config("[database]\nwait = \"soon\"\n");
    runs.push(transcript(env.cmd().args(["list"])));
    snapshot!(runs.join("\n"));
}

#[test]
fn config_show_names_where_the_wait_comes_from() {
    let env = Env::new();
    let wait_row = |cmd: &mut assert_cmd::Command| {
        let out = cmd.args(["config", "show", "--format", "csv"]).output().unwrap();
        stdout(&out).lines().find(|l| l.starts_with("database.wait,")).unwrap().to_string()
    };
    let mut rows = vec![wait_row(&mut env.cmd())];
    env.write_config("[database]\nwait = \"120s\"\n");
    rows.push(wait_row(&mut env.cmd()));
    rows.push(wait_row(env.cmd().env("PATCTL_WAIT", "1h")));
    rows.push(wait_row(env.cmd().env("PATCTL_WAIT", "1h").args(["--wait", "30s"])));
    assert_eq!(
        rows,
        [
            "database.wait,5s,default",
            "database.wait,2m,file",
            "database.wait,1h,env PATCTL_WAIT",
            "database.wait,30s,flag --wait"
        ]
    );
}

#[test]
fn on_a_terminal_a_wait_says_so_after_a_second() {
    if !tmux::have("tmux", "-V") {
        tmux::skip("on_a_terminal_a_wait_says_so_after_a_second", "tmux");
        return;
    }
    let env = Env::new();
    env.user("alice", &[]);
    let lock = hold_write_lock(&env);
    let path = format!("{}:/usr/bin:/bin", tmux::bin_dir().display());
    let db = env.db.to_str().unwrap();
    let vars = [("PATH", path.as_str()), ("PATCTL_DB", db), ("PATCTL_NOW", env.now.as_str()), ("LANG", "C.UTF-8")];
    let term = Tmux::start(env.dir.path(), 100, 10, "patctl --wait 2s user add bob", &vars);
    let (code, screen) = term.wait_exit();
    drop(lock);
    assert_eq!(code, 75, "{screen}");
    snapshot!(screen.trim_end());
}

#[test]
fn counts_agree_in_number() {
    let env = Env::new();
    env.user("alice", &[]);
    env.user("bob", &[]);
    env.generated_token("alice", "one", "api", &[]);
    env.generated_token("bob", "one", "api", &[]);
    env.generated_token("bob", "two", "api", &[]);
    let runs = [
        env.transcript(&["revoke", "--all", "--user", "alice", "--dry-run"]),
        env.transcript(&["revoke", "--all", "--user", "bob", "--dry-run", "--format", "csv"]),
        env.transcript(&["revoke", "--all", "--user", "alice"]),
        env.transcript(&["revoke", "--all", "--user", "bob"]),
        env.transcript(&["revoke", "--all", "--user", "alice", "--yes", "--format", "csv"]),
        env.transcript(&["revoke", "--all", "--user", "bob", "--yes", "--format", "csv"]),
    ];
    snapshot!(runs.join("\n"));
}
