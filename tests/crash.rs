//! Crashes: a writer killed with SIGKILL at random moments, 200 times. After each kill the
//! database is intact, every command that reported success (exit 0, output printed) is still
//! there, the killed command's work is all or nothing, and a -wal file left behind is replayed by
//! the next command.
use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::process::{self, Rng, SharedLock, command, with_suffix};
use sha2::{Digest, Sha256};

const KILLS: usize = 200;

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Create,
    Revoke,
    UserAdd,
}

#[test]
fn sigkill_at_random_moments_loses_nothing_reported_and_leaves_all_or_nothing() {
    sqlite_only!("-wal replay and integrity_check of the SQLite file; postgres_hosts:: kills writers on PostgreSQL");
    let env = Env::new();
    env.user("bob", &[]);
    let mut rng = Rng::from_env_or_clock("crash");

    // How long a write takes here, so that kill moments spread over a whole run.
    let mut samples: Vec<Duration> = (0..5)
        .map(|i| {
            let started = Instant::now();
            env.run(&["user", "add", &format!("warmup{i}")]).success();
            started.elapsed()
        })
        .collect();
    samples.sort();
    let typical = samples[2];

    // What was reported done: token digests created, token ids revoked, users added.
    let mut created: BTreeMap<String, String> = BTreeMap::new(); // digest -> name
    let mut revoked: BTreeSet<i64> = BTreeSet::new();
    let mut users: BTreeSet<String> = (0..5).map(|i| format!("warmup{i}")).chain(["bob".to_string()]).collect();
    let mut kills = 0;
    let mut outcomes: BTreeMap<(Action, &str), usize> = BTreeMap::new();
    let mut wal_left = 0;
    let mut wal_replayed = 0;
    let mut attempts = 0;
    let started = Instant::now();

    while kills < KILLS {
        attempts += 1;
        assert!(attempts < KILLS * 10, "too few runs were killed mid-way");
        let live: Vec<i64> = live_ids(&env, &revoked);
        let action = match rng.below(4) {
            0 | 1 => Action::Create,
            2 if !live.is_empty() => Action::Revoke,
            _ => Action::UserAdd,
        };
        let token = rng.token();
        let name = format!("k{attempts}");
        let id_arg = live.first().map(|id| id.to_string()).unwrap_or_default();
        let mut cmd = match action {
            Action::Create => {
                command(&env, &["create", "--user", "bob", "--name", &name, "--scopes", "api", "--token-file", "-"])
            }
            Action::Revoke => command(&env, &["revoke", "--id", &id_arg, "--yes"]),
            Action::UserAdd => command(&env, &["user", "add", &name]),
        };
        cmd.stdin(Stdio::piped());
        let before = latest_event(&env);
        let mut child = cmd.spawn().unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(format!("{token}\n").as_bytes());
        }
        // A random moment between the start and well after a typical run's end.
        let delay = typical.mul_f64(rng.below(2000) as f64 / 1000.0);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        let outcome = match (out.status.code(), out.status.signal()) {
            (Some(0), _) => {
                match action {
                    Action::Create => {
                        created.insert(digest(&token), name.clone());
                    }
                    Action::Revoke => {
                        revoked.insert(live[0]);
                    }
                    Action::UserAdd => {
                        users.insert(name.clone());
                    }
                }
                "completed (exit 0)"
            }
            (None, Some(libc::SIGKILL)) => {
                kills += 1;
                "killed"
            }
            (code, signal) => {
                panic!("{action:?} ended with {code:?}/{signal:?}: {}", String::from_utf8_lossy(&out.stderr))
            }
        };
        let wal = with_suffix(&env.db, "-wal");
        let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if outcome == "killed" && wal_bytes > 0 {
            wal_left += 1;
        }

        // The next command replays any -wal and sees everything reported done.
        let listed = process::run(command(&env, &["list", "--state", "all", "--format", "json"]));
        assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
        let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        let names: BTreeSet<String> =
            list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect();
        for reported in created.values() {
            assert!(names.contains(reported), "token {reported} was reported created and is gone");
        }

        consistent(&env, &created, &revoked, &users);
        let done = latest_event(&env) > before;
        let label = match (outcome, done) {
            ("killed", true) => "killed after its commit: work present",
            ("killed", false) => "killed before its commit: nothing written",
            (other, _) => other,
        };
        // A killed create of this very token: all or nothing, checked row by row.
        if action == Action::Create {
            let conn = rusqlite::Connection::open(&env.db).unwrap();
            let rows: i64 = conn
                .query_row(
                    "SELECT count(*) FROM personal_access_tokens WHERE token_digest = ?1 AND name = ?2",
                    [digest(&token), name.clone()],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(rows > 0, done || outcome != "killed", "{label}");
            // What the killed run committed, maybe only to the -wal, the next command saw.
            assert_eq!(names.contains(&name), rows > 0, "{label}");
            if outcome == "killed" && done && wal_bytes > 0 {
                wal_replayed += 1;
            }
        }
        *outcomes.entry((action, label)).or_insert(0) += 1;
    }

    let check = process::run(command(&env, &["db", "check", "--full"]));
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    println!(
        "crash: {kills} SIGKILLs in {attempts} runs ({:.1} s; a typical write takes {} ms; kill moments 0-{} ms)",
        started.elapsed().as_secs_f64(),
        typical.as_millis(),
        typical.mul_f64(2.0).as_millis()
    );
    for ((action, label), n) in &outcomes {
        println!("  {action:?}: {n} x {label}");
    }
    println!(
        "  -wal files left by a kill: {wal_left}; killed creates committed to a -wal and seen by the next command: {wal_replayed}"
    );
    println!(
        "  after every run: integrity_check ok, {} reported creates, {} revokes, {} users all present",
        created.len(),
        revoked.len(),
        users.len()
    );
}

fn live_ids(env: &Env, revoked: &BTreeSet<i64>) -> Vec<i64> {
    if !env.db.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn.prepare("SELECT id FROM personal_access_tokens WHERE revoked = 0 ORDER BY id").unwrap();
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    ids.into_iter().filter(|id| !revoked.contains(id)).collect()
}

/// Checks the whole database after a run: integrity, everything reported present, and every
/// change paired with its audit event (so no command is half done).
fn consistent(env: &Env, created: &BTreeMap<String, String>, revoked: &BTreeSet<i64>, users: &BTreeSet<String>) {
    assert_eq!(process::integrity(&env.db), "ok");
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}")) };
    for digest in created.keys() {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM personal_access_tokens WHERE token_digest = ?1", [digest], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "a reported create is present");
    }
    for id in revoked {
        let n: i64 =
            conn.query_row("SELECT revoked FROM personal_access_tokens WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "a reported revoke is present");
    }
    for user in users {
        let n: i64 = conn.query_row("SELECT count(*) FROM users WHERE username = ?1", [user], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "a reported user add is present");
    }
    // All or nothing: each row has exactly its audit event, and each event its row.
    assert_eq!(
        one("SELECT count(*) FROM personal_access_tokens t WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'token.create' AND e.token_id = t.id) != 1"),
        0
    );
    assert_eq!(
        one("SELECT count(*) FROM personal_access_tokens t WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'token.revoke' AND e.token_id = t.id) != t.revoked"),
        0
    );
    assert_eq!(
        one("SELECT count(*) FROM users u WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'user.add' AND e.username = u.username) != 1"),
        0
    );
    assert_eq!(
        one("SELECT count(*) FROM audit_events WHERE action = 'token.create'"),
        one("SELECT count(*) FROM personal_access_tokens")
    );
    assert_eq!(one("SELECT count(*) FROM audit_events WHERE action = 'user.add'"), one("SELECT count(*) FROM users"));
}

/// The id of the latest audit event: every write adds one in its transaction.
fn latest_event(env: &Env) -> i64 {
    process::count(&env.db, "SELECT coalesce(max(id), 0) FROM audit_events")
}

#[test]
fn a_wal_left_behind_is_replayed_and_wal_and_shm_are_never_deleted_under_other_users() {
    sqlite_only!("the SQLite -wal and -shm");
    let env = Env::new();
    env.user("bob", &[]);
    let wal = with_suffix(&env.db, "-wal");
    let shm = with_suffix(&env.db, "-shm");
    let commands: &[&[&str]] = &[
        &["create", "--user", "bob", "--name", "a", "--scopes", "api"],
        &["list", "--state", "all"],
        &["user", "add", "carol"],
        &["revoke", "--id", "1", "--yes"],
        &["show", "1"],
        &["user", "list"],
        &["db", "check", "--full"],
        &["db", "migrate"],
        &["db", "backup", "copy.db"],
        &["create", "--user", "carol", "--name", "b", "--scopes", "api"],
    ];
    {
        // While another process has the database open, patctl leaves -wal and -shm alone.
        let _other = SharedLock::new(&env.db);
        for args in commands {
            let out = process::run({
                let mut cmd = command(&env, args);
                cmd.current_dir(env.dir.path());
                cmd
            });
            assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
            assert!(wal.exists() && shm.exists(), "{args:?} removed the -wal or -shm");
        }
        // The committed work is in the -wal only; the main file does not have it yet.
        let wal_bytes = std::fs::metadata(&wal).unwrap().len();
        assert!(wal_bytes > 0);

        // What a crash leaves: the main file and its -wal (the -shm is rebuilt). Copied
        // elsewhere, the next command replays the -wal and sees every committed change.
        let crashed = Env::new();
        std::fs::copy(&env.db, &crashed.db).unwrap();
        std::fs::copy(&wal, with_suffix(&crashed.db, "-wal")).unwrap();
        let list = crashed.json(&["list", "--state", "all"]);
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(list[0]["revoked"], true);
        assert_eq!(process::integrity(&crashed.db), "ok");
        // Without the -wal, none of it would be there: deleting it would lose committed work.
        let main_only = Env::new();
        std::fs::copy(&env.db, &main_only.db).unwrap();
        assert_eq!(main_only.json(&["list", "--state", "all"]), serde_json::json!([]));
        println!(
            "crash: {} commands beside another open connection kept -wal and -shm; a {wal_bytes}-byte -wal copied without its database's checkpoint was replayed: 2 tokens, 1 revocation, integrity ok",
            commands.len()
        );
    }
}

/// Spawns `args` and sends SIGKILL after `delay`; returns whether the signal ended it.
fn kill_after(env: &Env, args: &[&str], delay: Duration) -> bool {
    let mut child = {
        let mut cmd = command(env, args);
        cmd.current_dir(env.dir.path());
        cmd.spawn().unwrap()
    };
    std::thread::sleep(delay);
    let _ = child.kill();
    let status = child.wait().unwrap();
    match (status.code(), status.signal()) {
        (Some(0), _) => false,
        (None, Some(libc::SIGKILL)) => true,
        other => panic!("{args:?} ended with {other:?}"),
    }
}

#[test]
fn a_migration_or_a_backup_killed_midway_is_all_or_nothing() {
    sqlite_only!("a schema-1 SQLite fixture file");
    let mut rng = Rng::from_env_or_clock("crash-maintenance");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    let latest = patctl::store::LATEST_VERSION;
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..60 {
        let env = Env::new();
        std::fs::copy(&fixture, &env.db).unwrap();
        let delay = Duration::from_micros(rng.below(8000));
        let killed = kill_after(&env, &["db", "migrate"], delay);
        // Either still the first schema with nothing added, or wholly migrated.
        let version = process::count(&env.db, "PRAGMA user_version");
        let tables = process::count(&env.db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        match version {
            1 => assert_eq!(tables, 2, "schema 1 has users and personal_access_tokens only"),
            v if v == latest => assert!(tables > 2),
            v => panic!("half-migrated: user_version {v}"),
        }
        assert_eq!(process::integrity(&env.db), "ok");
        // The next migrate finishes the job (read commands only ask for it), and the token is there.
        env.run(&["db", "migrate"]).success();
        let list = env.json(&["list", "--state", "all"]);
        assert_eq!(list[0]["name"], "Automation token");
        let label = match (killed, version) {
            (false, _) => "migrate completed",
            (true, 1) => "migrate killed before its commit: still schema 1",
            (true, _) => "migrate killed after its commit: fully migrated",
        };
        *tally.entry(label).or_insert(0) += 1;
    }
    let env = Env::new();
    env.user("bob", &[]);
    for i in 0..30 {
        env.run(&["create", "--user", "bob", "--name", &format!("t{i}"), "--scopes", "api"]).success();
    }
    for i in 0..60 {
        let name = format!("copy{i}.db");
        let delay = Duration::from_micros(rng.below(12000));
        let killed = kill_after(&env, &["db", "backup", &name], delay);
        // The copy has its name only once it is complete.
        let copy = env.path(&name);
        let label = if copy.exists() {
            assert_eq!(process::integrity(&copy), "ok");
            assert_eq!(process::count(&copy, "SELECT count(*) FROM personal_access_tokens"), 30);
            if killed { "backup killed after it was complete: copy whole" } else { "backup completed" }
        } else {
            assert!(killed);
            "backup killed midway: no copy under its name"
        };
        *tally.entry(label).or_insert(0) += 1;
    }
    println!("crash: 60 migrations of the first schema and 60 backups, killed at random moments:");
    for (label, n) in &tally {
        println!("  {n} x {label}");
    }
}
