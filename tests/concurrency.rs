//! Load: 8 processes at once, each running 300 mixed commands on one database. Every command must
//! exit 0 (busy waiting absorbs the contention; an exit 75 is a failure), and afterwards the
//! token count equals the creates and `PRAGMA integrity_check` is ok. `postgres_hosts::` runs the
//! same load on one PostgreSQL database, as 8 hosts would.
use std::collections::BTreeMap;
use std::process::Output;
use std::time::Instant;

use crate::common::Env;
use crate::common::process::{self, Rng, command};

const WORKERS: usize = 8;
const COMMANDS_PER_WORKER: usize = 300;

/// The commands in the mix. Each entry is equally likely; repeat an entry to weigh it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Create,
    CreateExpiringSoon,
    Revoke,
    List,
    Show,
    UserAdd,
    UserList,
    UserShow,
    Verify,
    CheckExpiry,
}

const MIX: &[Op] = &[
    Op::Create,
    Op::Create,
    Op::CreateExpiringSoon,
    Op::Revoke,
    Op::List,
    Op::Show,
    Op::UserAdd,
    Op::UserList,
    Op::UserShow,
    Op::Verify,
    Op::CheckExpiry,
];

/// How many times each operation ended with each exit code.
type Tally = BTreeMap<(Op, i32), usize>;

/// What one worker knows about its own tokens: (id, secret, revoked).
struct Worker {
    user: String,
    tokens: Vec<(i64, String, bool)>,
    users_added: usize,
}

fn ok(out: &Output, what: &str) -> i32 {
    let code = out.status.code().unwrap_or(-1);
    if code != 0 {
        eprintln!("{what}: exit {code}: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    code
}

/// Runs one operation; returns (the op actually run, exit code).
fn step(env: &Env, w: &mut Worker, op: Op, n: usize, rng: &mut Rng) -> (Op, i32) {
    let live: Vec<usize> = (0..w.tokens.len()).filter(|&i| !w.tokens[i].2).collect();
    // Revoke and verify need a live token of this worker's; create one when there is none.
    let op = if matches!(op, Op::Revoke | Op::Verify | Op::Show) && live.is_empty() { Op::Create } else { op };
    let user = w.user.clone();
    let name = format!("{user}-t{n}");
    let out = match op {
        Op::Create | Op::CreateExpiringSoon => {
            let mut args =
                vec!["create", "--user", &user, "--name", &name, "--scopes", "api,read_user", "--format", "json"];
            if op == Op::CreateExpiringSoon {
                args.extend_from_slice(&["--expires-in", "3d"]);
            }
            let out = process::run(command(env, &args));
            if out.status.success() {
                let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                let secret = created["token"].as_str().unwrap().to_string();
                w.tokens.push((created["id"].as_i64().unwrap(), secret, false));
            }
            out
        }
        Op::Revoke => {
            let i = live[rng.below(live.len() as u64) as usize];
            let id = w.tokens[i].0.to_string();
            let out = process::run(command(env, &["revoke", "--id", &id, "--yes"]));
            if out.status.success() {
                w.tokens[i].2 = true;
            }
            out
        }
        Op::Verify => {
            let i = live[rng.below(live.len() as u64) as usize];
            process::run_with_input(command(env, &["verify", "--token-file", "-"]), w.tokens[i].1.clone().into_bytes())
        }
        Op::CheckExpiry => process::run(command(env, &["check-expiry", "--once", "--exit-zero"])),
        Op::List => {
            let out = process::run(command(env, &["list", "--user", &user, "--state", "all", "--format", "json"]));
            if out.status.success() {
                // A worker always sees exactly its own committed work.
                let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                let seen = list.as_array().unwrap();
                assert_eq!(seen.len(), w.tokens.len(), "{user} sees its own tokens");
                let revoked = seen.iter().filter(|t| t["revoked"] == true).count();
                assert_eq!(revoked, w.tokens.iter().filter(|t| t.2).count(), "{user} sees its own revocations");
            }
            out
        }
        Op::Show => {
            let id = w.tokens[live[rng.below(live.len() as u64) as usize]].0.to_string();
            process::run(command(env, &["show", &id, "--format", "json"]))
        }
        Op::UserAdd => {
            let extra = format!("{user}-u{n}");
            let out = process::run(command(env, &["user", "add", &extra, "--email", "ops@example.com"]));
            if out.status.success() {
                w.users_added += 1;
            }
            out
        }
        Op::UserList => process::run(command(env, &["user", "list", "--format", "csv"])),
        Op::UserShow => process::run(command(env, &["user", "show", &user])),
    };
    let code = ok(&out, &format!("{op:?} by {user}"));
    (op, code)
}

#[test]
fn eight_processes_times_three_hundred_commands_all_exit_zero() {
    sqlite_only!("PRAGMA integrity_check; postgres_hosts:: runs this load on PostgreSQL");
    eight_workers(&Env::new(), "concurrency");
}

/// The load on `env`'s store, with every check; `label` starts the lines it prints.
pub fn eight_workers(env: &Env, label: &str) {
    for w in 0..WORKERS {
        env.user(&format!("worker{w}"), &[]);
    }
    let mut seed_rng = Rng::from_env_or_clock(label);
    let seeds: Vec<u64> = (0..WORKERS).map(|_| seed_rng.next()).collect();
    let started = Instant::now();
    let results: Vec<(Worker, Tally)> = std::thread::scope(|scope| {
        let handles: Vec<_> = seeds
            .iter()
            .enumerate()
            .map(|(w, &seed)| {
                scope.spawn(move || {
                    let mut rng = Rng::new(seed);
                    let mut worker = Worker { user: format!("worker{w}"), tokens: Vec::new(), users_added: 0 };
                    let mut tally = BTreeMap::new();
                    for n in 0..COMMANDS_PER_WORKER {
                        let op = MIX[rng.below(MIX.len() as u64) as usize];
                        let (op, code) = step(env, &mut worker, op, n, &mut rng);
                        *tally.entry((op, code)).or_insert(0) += 1;
                    }
                    (worker, tally)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let elapsed = started.elapsed();

    let mut tally: BTreeMap<(Op, i32), usize> = BTreeMap::new();
    for (_, t) in &results {
        for (k, v) in t {
            *tally.entry(*k).or_insert(0) += v;
        }
    }
    let total: usize = tally.values().sum();
    let failures: usize = tally.iter().filter(|((_, code), _)| *code != 0).map(|(_, n)| n).sum();
    let creates: usize = results.iter().map(|(w, _)| w.tokens.len()).sum();
    let revokes: usize = results.iter().map(|(w, _)| w.tokens.iter().filter(|t| t.2).count()).sum();
    let users_added: usize = results.iter().map(|(w, _)| w.users_added).sum();

    println!(
        "{label}: {WORKERS} processes x {COMMANDS_PER_WORKER} commands = {total} commands in {:.1} s",
        elapsed.as_secs_f64()
    );
    for ((op, code), n) in &tally {
        println!("  {op:?}: {n} x exit {code}");
    }
    let db = &env.db;
    let tokens = process::count(db, "SELECT count(*) FROM personal_access_tokens");
    let revoked = process::count(db, "SELECT count(*) FROM personal_access_tokens WHERE revoked = 1");
    let users = process::count(db, "SELECT count(*) FROM users");
    let duplicates = process::count(
        db,
        "SELECT count(*) FROM (SELECT 1 FROM token_expiry_notifications
         GROUP BY token_id, threshold_days HAVING count(*) > 1) AS twice",
    );
    let notifications = process::count(db, "SELECT count(*) FROM token_expiry_notifications");
    let integrity = if env.on_postgres() { db_check(env) } else { process::integrity(db) };
    println!(
        "  tokens in database: {tokens} (creates reported: {creates}); revoked: {revoked} (revokes reported: {revokes})"
    );
    println!(
        "  users: {users} ({WORKERS} workers + {users_added} added); expiry notifications: {notifications}, recorded twice: {duplicates}"
    );
    println!("  non-zero exits: {failures}; integrity check: {integrity}");

    assert_eq!(failures, 0, "every command exits 0");
    assert_eq!(total, WORKERS * COMMANDS_PER_WORKER);
    assert_eq!(tokens as usize, creates);
    assert_eq!(revoked as usize, revokes);
    assert_eq!(users as usize, WORKERS + users_added);
    assert_eq!(duplicates, 0);
    assert_eq!(integrity, "ok");
}

/// `patctl db check --full` (constraints and orphan rows on PostgreSQL): "ok", or what it said.
fn db_check(env: &Env) -> String {
    let out = process::run(command(env, &["db", "check", "--full"]));
    if out.status.success() { "ok".into() } else { String::from_utf8_lossy(&out.stderr).trim().to_string() }
}
