//! The audit feed for log shippers: JSON lines, a cursor (`--after-id`), and `--follow`, which
//! prints each committed event once, in order, and never one whose transaction did not commit.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::common::{CLOCK_WARNING, Env, PRESET, after_clock, stderr, stdout};
use serde_json::Value;

/// Longest wait for a line the follower must print: a guard against a hang, not a timing assert.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `audit --follow --format jsonl`, its lines arriving on a channel.
struct Follower {
    child: Child,
    lines: Receiver<String>,
}

impl Follower {
    fn start(env: &Env, extra: &[&str]) -> Follower {
        let mut cmd = env.std_cmd();
        cmd.args(["audit", "--format", "jsonl", "--follow"]).args(extra);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::null());
        let mut child = cmd.spawn().expect("spawn patctl audit --follow");
        let lines = read_lines(child.stdout.take().unwrap());
        Follower { child, lines }
    }

    fn next(&self) -> String {
        self.lines.recv_timeout(PATIENCE).expect("audit --follow printed the next event")
    }

    /// Stops it with `signal` and returns its exit code and whatever it printed after `next`.
    fn stop(mut self, signal: libc::c_int) -> (Option<i32>, Vec<String>) {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
        let status = self.child.wait().unwrap();
        (status.code(), self.lines.iter().collect())
    }
}

fn read_lines(out: ChildStdout) -> Receiver<String> {
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if send.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    receive
}

fn id(line: &str) -> i64 {
    serde_json::from_str::<Value>(line).unwrap()["id"].as_i64().unwrap()
}

#[test]
fn jsonl_prints_the_json_formats_events_one_per_line_and_after_id_is_a_cursor() {
    let env = Env::new();
    env.user("alice", &[]);
    env.user("bob", &[]);
    env.preset_token("alice", "ci", "api", PRESET, &[]);
    let json = env.json(&["audit"]);
    let lines = stdout(&env.run(&["audit", "--format", "jsonl"]).success());
    let expected: String = json.as_array().unwrap().iter().map(|event| format!("{event}\n")).collect();
    assert_eq!(lines, expected);
    assert_eq!(lines.lines().count(), 3);

    let after_first: String = lines.lines().skip(1).map(|line| format!("{line}\n")).collect();
    assert_eq!(stdout(&env.run(&["audit", "--format", "jsonl", "--after-id", "1"]).success()), after_first);
    assert_eq!(stdout(&env.run(&["audit", "--format", "jsonl", "--after-id", "3"]).success()), "");
    // The cursor combines with the other filters.
    let out = stdout(&env.run(&["audit", "--format", "jsonl", "--after-id", "1", "--action", "user.add"]).success());
    assert_eq!(out, format!("{}\n", lines.lines().nth(1).unwrap()));
}

#[test]
fn jsonl_belongs_to_audit_and_follow_needs_a_stream_format() {
    let env = Env::new();
    env.user("alice", &[]);
    let out = env.run(&["list", "--format", "jsonl"]).code(64);
    assert_eq!(stderr(&out), "error: --format jsonl is only for audit\nhint: use table, json or csv\n");
    let out = env.run(&["audit", "--follow", "--format", "json"]).code(64);
    assert_eq!(
        stderr(&out),
        // Asked for JSON, the error is the JSON error object.
        after_clock(concat!(
            r#"{"error":{"exit_code":64,"kind":"usage","message":"--follow prints a stream: it needs --format jsonl or csv","#,
            r#""hint":"patctl audit --follow --format jsonl"}}"#,
            "\n"
        ))
    );
}

#[test]
fn follow_prints_each_change_of_another_process_once_in_order_and_ends_on_a_signal() {
    let env = Env::new();
    env.user("alice", &[]);
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let start = stdout(&env.run(&["audit", "--format", "jsonl"]).success());
        let cursor = start.lines().last().map(id).unwrap();
        let follower = Follower::start(&env, &["--after-id", &(cursor - 1).to_string()]);
        // The event before the cursor's end: printed at once, so the follower is running.
        assert_eq!(follower.next(), start.lines().last().unwrap());

        let name = format!("t{signal}");
        env.preset_token("alice", &name, "api", &format!("token-string-{signal:0>7}"), &[]);
        env.run(&["user", "add", &format!("u{signal}")]).success();
        env.run(&["user", "block", &format!("u{signal}"), "--yes"]).success();
        env.run(&["revoke", "--user", "alice", "--name", &name]).success();
        let committed = stdout(&env.run(&["audit", "--format", "jsonl", "--after-id", &cursor.to_string()]).success());
        assert_eq!(committed.lines().count(), 4, "{committed}");
        let followed: Vec<String> = committed.lines().map(|_| follower.next()).collect();
        assert_eq!(followed, committed.lines().collect::<Vec<_>>());

        let (code, rest) = follower.stop(signal);
        assert_eq!((code, rest), (Some(0), Vec::new()), "after signal {signal}");
    }
}

#[test]
fn follow_ends_quietly_when_its_reader_goes() {
    let env = Env::new();
    env.user("alice", &[]);
    let mut cmd = env.std_cmd();
    cmd.args(["audit", "--format", "jsonl", "--follow"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert_eq!(id(&first), 1);
    drop(out);
    // No event comes: the follower notices the closed pipe by itself.
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned()),
        (Some(0), CLOCK_WARNING.to_string())
    );
}

#[test]
fn a_writer_killed_mid_transaction_leaves_no_event_in_the_feed() {
    let env = Env::new();
    env.user("alice", &[]);
    let follower = Follower::start(&env, &[]);
    assert_eq!(id(&follower.next()), 1);

    // A writer that appends an event inside a transaction and is killed before it commits.
    if env.on_postgres() {
        // Its connection closes without a commit: the server rolls the transaction back.
        let mut writer = crate::common::postgres::connect(&env.db.to_string_lossy());
        writer
            .batch_execute(
                "BEGIN;
                 INSERT INTO audit_events (created_at, actor, action, target_type, details)
                 VALUES ('2026-11-23T10:00:00Z', 'intruder', 'user.add', 'user', '{\"uncommitted\":true}')",
            )
            .unwrap();
        drop(writer);
    } else {
        kill_sqlite3_mid_transaction(&env);
    }

    env.user("bob", &[]);
    let next = follower.next();
    // PostgreSQL does not give back the sequence value the rolled-back insert took.
    let bobs_id = if env.on_postgres() { 3 } else { 2 };
    assert_eq!((id(&next), next.contains("\"bob\"")), (bobs_id, true), "{next}");
    let (code, rest) = follower.stop(libc::SIGTERM);
    assert_eq!((code, rest), (Some(0), Vec::new()));
    let all = stdout(&env.run(&["audit", "--format", "jsonl"]).success());
    assert!(!all.contains("uncommitted"), "{all}");
    assert_eq!(all.lines().count(), 2);
}

/// The SQLite CLI appending an event inside a transaction, killed before it commits.
fn kill_sqlite3_mid_transaction(env: &Env) {
    let mut writer = Command::new("sqlite3")
        .arg(&env.db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sqlite3 (CI installs it)");
    let mut input = writer.stdin.take().unwrap();
    writeln!(
        input,
        "BEGIN IMMEDIATE;
         INSERT INTO audit_events (created_at, actor, action, target_type, details)
         VALUES ('2026-11-23T10:00:00Z', 'intruder', 'user.add', 'user', '{{\"uncommitted\":true}}');
         SELECT 'inserted';"
    )
    .unwrap();
    let mut ready = String::new();
    BufReader::new(writer.stdout.take().unwrap()).read_line(&mut ready).unwrap();
    assert_eq!(ready, "inserted\n");
    writer.kill().unwrap();
    writer.wait().unwrap();
}
