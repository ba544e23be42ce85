//! Several hosts on one PostgreSQL store, as processes sharing one database: load, concurrent
//! `check-expiry --mail`, writers killed mid-transaction, and the server stopped mid-run.
//! PostgreSQL-only: they run on the PostgreSQL pass (`PATCTL_TEST_POSTGRES`, README "Tests").
use crate::common::postgres::{self, Engine};
use crate::common::{self, Env};

/// The one line saying how to run the PostgreSQL pass when this run does not; under `CI=true` the
/// pass must be named (`PATCTL_TEST_ENGINE`), and a PostgreSQL pass needs a server that answers.
#[test]
fn postgres_pass_is_enabled_or_explained() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match postgres::engine() {
        Engine::Postgres => {
            let version: String =
                postgres::connect(&postgres::base_uri()).query_one("SHOW server_version", &[]).unwrap().get(0);
            postgres::say_uncaptured(&format!(
                "PostgreSQL pass: every test's store on its own database (server {version})"
            ));
            // A patctl that took the URI for a file name would pass many tests on a SQLite file.
            let env = Env::new();
            env.user("probe", &[]);
            assert!(env.has_store(), "patctl stored nothing in {}: does it take PostgreSQL URIs?", env.db.display());
            assert!(!std::path::Path::new("postgresql:").exists(), "patctl made a file of the URI");
        }
        Engine::Sqlite if ci => assert!(
            std::env::var(postgres::ENGINE_VAR).is_ok_and(|v| v == "sqlite"),
            "under CI=true each pass names its engine: {}=sqlite or {}=postgres with {}",
            postgres::ENGINE_VAR,
            postgres::ENGINE_VAR,
            postgres::URI_VAR
        ),
        Engine::Sqlite => postgres::say_uncaptured(&format!("note: {}", postgres::HOW_TO_ENABLE)),
    }
}

/// The harness itself: each `Env` has an empty database of its own, dumped as SQLite's would be,
/// and dropped with it.
#[test]
fn each_test_gets_its_own_empty_database_dumped_like_sqlite() {
    postgres_only!();
    let (a, b) = (Env::new(), Env::new());
    assert_ne!(a.db, b.db);
    assert_eq!(a.dump(), "<no database>");
    common::execute(
        &a.db,
        "CREATE TABLE patctl_schema (version BIGINT NOT NULL);
         INSERT INTO patctl_schema VALUES (1), (9);
         CREATE TABLE users (id BIGINT PRIMARY KEY, username TEXT NOT NULL, email TEXT, admin BOOLEAN);
         INSERT INTO users VALUES (2, 'bob', NULL, false), (1, 'al\"ice', 'a@example.com', true);",
    );
    let sqlite = Env::new_sqlite();
    common::execute(
        &sqlite.db,
        "PRAGMA user_version = 9;
         CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT, admin INTEGER);
         INSERT INTO users VALUES (2, 'bob', NULL, 0), (1, 'al\"ice', 'a@example.com', 1);",
    );
    assert_eq!(a.dump(), sqlite.dump());
    assert_eq!(
        a.dump(),
        // Values in the order of their columns' names: admin, email, id, username.
        "user_version=9\n[users]\nInteger(0)|Null|Integer(2)|Text(\"bob\")\n\
         Integer(1)|Text(\"a@example.com\")|Integer(1)|Text(\"al\\\"ice\")\n"
    );
    assert_eq!(b.dump(), "<no database>", "databases are not shared");
    let name = a.postgres.as_ref().unwrap().name.clone();
    drop(a);
    let left = crate::common::process::count(
        &b.db,
        &format!("SELECT count(*) FROM pg_database WHERE datname = {}", common::quote(&name)),
    );
    assert_eq!(left, 0, "{name} is dropped with its Env");
}

#[test]
fn eight_hosts_times_three_hundred_commands_on_one_database_all_exit_zero() {
    postgres_only!();
    crate::concurrency::eight_workers(&Env::new(), "postgres_hosts");
}

/// Owners with tokens due for a notice: `OWNERS` owners with an address, each with a token
/// expiring in 3 days (the 7-day notice) and one in 20 days (the 30-day notice, then the 7-day one).
const OWNERS: usize = 12;

/// A sendmail that keeps each message in a file of its own (4 runs at once append to no shared
/// file) and takes a moment over it, so that the runs overlap while mailing.
fn message_per_file_sendmail(env: &Env) {
    use std::os::unix::fs::PermissionsExt;
    let mail = env.path("mail");
    std::fs::create_dir(&mail).unwrap();
    let script = env.path("sendmail");
    let body = format!("#!/bin/sh\nf=$(mktemp '{}/msg.XXXXXX')\ncat > \"$f\"\nsleep 0.05\n", mail.display());
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_config(&format!(
        "[mail]\nsendmail = \"{} -t -oi\"\nfrom = \"patctl@example.org\"\n[expiry]\nnotify_days = [30, 7]\n",
        script.display()
    ));
}

/// Every message the fake sendmail received.
fn messages(env: &Env) -> Vec<String> {
    let mut all: Vec<String> = std::fs::read_dir(env.path("mail"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    all.sort();
    all
}

/// Runs `check-expiry --once --mail --format json` as `hosts` processes started together at
/// `now`; returns the token ids each reported (expiring and expired).
fn concurrent_checks(env: &Env, now: &str, hosts: usize) -> Vec<Vec<i64>> {
    let children: Vec<_> = (0..hosts)
        .map(|_| {
            let mut cmd =
                crate::common::process::command(env, &["check-expiry", "--once", "--mail", "--format", "json"]);
            cmd.env("PATCTL_NOW", now);
            cmd.spawn().unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            // 2: something has expired; 1: something expires soon; 0: nothing left for this run.
            assert!(matches!(common::code(&out), 0..=2), "exit {}: {}", common::code(&out), common::stderr(&out));
            crate::common::schema::check_run(
                ["check-expiry", "--format", "json"].iter().map(std::ffi::OsStr::new),
                &out,
            );
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            ["expiring", "expired"]
                .iter()
                .flat_map(|key| report[*key].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()))
                .collect()
        })
        .collect()
}

/// Owners, each with a token expiring in 3 days and one in 20 days, and the fake sendmail.
fn owners_with_tokens_due(env: &Env) {
    for o in 0..OWNERS {
        let owner = format!("owner{o}");
        env.user(&owner, &["--email", &format!("{owner}@example.com")]);
        env.generated_token(&owner, "soon", "api", &["--expires-at", "2026-11-26"]);
        env.generated_token(&owner, "later", "api", &["--expires-at", "2026-12-13"]);
    }
    message_per_file_sendmail(env);
}

/// How many times each token id was named in the messages sendmail received.
fn mailed_ids(env: &Env) -> std::collections::BTreeMap<i64, usize> {
    let mut ids = std::collections::BTreeMap::new();
    for message in messages(env) {
        for line in message.lines() {
            if let Some(id) = line.split_once("(id ").and_then(|(_, rest)| rest.split_once(',')) {
                *ids.entry(id.0.parse::<i64>().unwrap()).or_insert(0) += 1;
            }
        }
    }
    ids
}

/// 4 hosts at once report and mail exactly what one host alone does: each notice once.
#[test]
fn four_hosts_running_check_expiry_mail_at_once_deliver_each_notice_once() {
    postgres_only!();
    let (env, alone) = (Env::new(), Env::new());
    owners_with_tokens_due(&env);
    owners_with_tokens_due(&alone);
    // The first day every token has a notice due; 14 days on, the 7-day one of the later tokens.
    for now in ["2026-11-23T01:00:00Z", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z"] {
        let reported = concurrent_checks(&env, now, 4);
        let mut all: Vec<i64> = reported.concat();
        all.sort();
        let mut expected = concurrent_checks(&alone, now, 1).concat();
        expected.sort();
        assert_eq!(all, expected, "{now}: every notice reported once across the 4 runs: {reported:?}");
        assert_eq!(mailed_ids(&env), mailed_ids(&alone), "{now}: what was mailed, per token");
        println!(
            "postgres_hosts: {now}: 4 concurrent check-expiry --once --mail runs reported {} notices (per run: {:?}); as one run alone",
            all.len(),
            reported.iter().map(Vec::len).collect::<Vec<_>>(),
        );
    }
    assert!(mailed_ids(&env).values().all(|&n| n >= 1) && mailed_ids(&env).len() == 2 * OWNERS);
    let sql = "SELECT count(*) FROM token_expiry_notifications";
    let count = |env: &Env| crate::common::process::count(&env.db, sql);
    assert_eq!(count(&env), count(&alone));
    let sql = "SELECT count(*) FROM audit_events WHERE action = 'token.expiry_notify'";
    assert_eq!(crate::common::process::count(&env.db, sql), crate::common::process::count(&alone.db, sql));
}

/// What the writers were told was done (exit 0): tokens created (by name), revoked (by id), users added.
#[derive(Default)]
struct Reported {
    created: std::collections::BTreeSet<String>,
    revoked: std::collections::BTreeSet<i64>,
    users: std::collections::BTreeSet<String>,
}

impl Reported {
    fn extend(&mut self, other: Reported) {
        self.created.extend(other.created);
        self.revoked.extend(other.revoked);
        self.users.extend(other.users);
    }
}

/// Everything reported is there, and nothing is half done: every token, revocation and user has
/// exactly its audit event, and every event its change.
fn assert_consistent(env: &Env, reported: &Reported) {
    use crate::common::quote;
    let count = |sql: &str| crate::common::process::count(&env.db, sql);
    for name in &reported.created {
        assert_eq!(
            count(&format!("SELECT count(*) FROM personal_access_tokens WHERE name = {}", quote(name))),
            1,
            "{name}"
        );
    }
    for id in &reported.revoked {
        assert_eq!(
            count(&format!("SELECT count(*) FROM personal_access_tokens WHERE id = {id} AND revoked = 1")),
            1,
            "{id}"
        );
    }
    for user in &reported.users {
        assert_eq!(count(&format!("SELECT count(*) FROM users WHERE username = {}", quote(user))), 1, "{user}");
    }
    for (what, sql) in [
        (
            "a token without its one create event",
            "SELECT count(*) FROM personal_access_tokens t WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'token.create' AND e.token_id = t.id) != 1",
        ),
        (
            "a revocation without its one event",
            "SELECT count(*) FROM personal_access_tokens t WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'token.revoke' AND e.token_id = t.id) != t.revoked",
        ),
        (
            "a user without its one event",
            "SELECT count(*) FROM users u WHERE
             (SELECT count(*) FROM audit_events e WHERE e.action = 'user.add' AND e.username = u.username) != 1",
        ),
        (
            "a create event without its token",
            "SELECT count(*) FROM audit_events e WHERE e.action = 'token.create'
             AND NOT EXISTS (SELECT 1 FROM personal_access_tokens t WHERE t.id = e.token_id)",
        ),
        (
            "a user.add event without its user",
            "SELECT count(*) FROM audit_events e WHERE e.action = 'user.add'
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = e.username)",
        ),
    ] {
        assert_eq!(count(sql), 0, "{what}");
    }
    let check = crate::common::process::run(crate::common::process::command(env, &["db", "check", "--full"]));
    assert!(check.status.success(), "db check: {}", common::stderr(&check));
}

/// One writer's next command: a create (by a name of its own), a revoke of one of its tokens whose
/// state it knows, or a user add. Returns the command and what it does when it exits 0.
fn next_write(w: usize, n: usize, rng: &mut crate::common::process::Rng, live: &[i64]) -> (Vec<String>, Done) {
    let name = format!("w{w}-{n}");
    let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match rng.below(4) {
        0 | 1 => (
            words(&["create", "--user", "bob", "--name", &name, "--scopes", "api", "--format", "json"]),
            Done::Create(name),
        ),
        2 if !live.is_empty() => {
            let id = live[rng.below(live.len() as u64) as usize];
            (words(&["revoke", "--id", &id.to_string(), "--yes"]), Done::Revoke(id))
        }
        _ => (words(&["user", "add", &name]), Done::UserAdd(name)),
    }
}

enum Done {
    Create(String),
    Revoke(i64),
    UserAdd(String),
}

/// Records a write that exited 0; `live` keeps the tokens this writer may still revoke.
fn record(done: Done, stdout: &[u8], reported: &mut Reported, live: &mut Vec<i64>) {
    match done {
        Done::Create(name) => {
            let created: serde_json::Value = serde_json::from_slice(stdout).unwrap();
            live.push(created["id"].as_i64().unwrap());
            reported.created.insert(name);
        }
        Done::Revoke(id) => {
            reported.revoked.insert(id);
        }
        Done::UserAdd(name) => {
            reported.users.insert(name);
        }
    }
}

const KILLING_WRITERS: usize = 4;
const RUNS_PER_KILLING_WRITER: usize = 40;

/// 4 writers on one database, each killed (SIGKILL) at a random moment of most of its runs,
/// mid-transaction among them: what was reported done is there, and nothing is half done.
#[test]
fn writers_killed_mid_transaction_leave_every_reported_success_and_nothing_half_done() {
    use std::os::unix::process::ExitStatusExt;
    postgres_only!();
    let env = Env::new();
    env.user("bob", &[]);
    // How long a write takes here, so that kill moments spread over a whole run.
    let mut samples: Vec<std::time::Duration> = (0..5)
        .map(|i| {
            let started = std::time::Instant::now();
            env.run(&["user", "add", &format!("warmup{i}")]).success();
            started.elapsed()
        })
        .collect();
    samples.sort();
    let typical = samples[2];
    let mut seeds = crate::common::process::Rng::from_env_or_clock("postgres_hosts kills");
    let seeds: Vec<u64> = (0..KILLING_WRITERS).map(|_| seeds.next()).collect();
    let results: Vec<(Reported, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = seeds
            .iter()
            .enumerate()
            .map(|(w, &seed)| {
                let env = &env;
                scope.spawn(move || {
                    let mut rng = crate::common::process::Rng::new(seed);
                    let (mut reported, mut live, mut kills) = (Reported::default(), Vec::new(), 0);
                    for n in 0..RUNS_PER_KILLING_WRITER {
                        let (args, done) = next_write(w, n, &mut rng, &live);
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        let mut child = crate::common::process::command(env, &args).spawn().unwrap();
                        std::thread::sleep(typical.mul_f64(rng.below(2000) as f64 / 1000.0));
                        let _ = child.kill();
                        let out = child.wait_with_output().unwrap();
                        match (out.status.code(), out.status.signal()) {
                            (Some(0), _) => record(done, &out.stdout, &mut reported, &mut live),
                            (None, Some(libc::SIGKILL)) => {
                                kills += 1;
                                // Its state is unknown: this writer revokes it no more.
                                if let Done::Revoke(id) = done {
                                    live.retain(|&l| l != id);
                                }
                            }
                            other => panic!("{args:?} ended with {other:?}: {}", common::stderr(&out)),
                        }
                    }
                    (reported, kills)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut reported = Reported::default();
    let mut kills = 0;
    for (r, k) in results {
        reported.extend(r);
        kills += k;
    }
    reported.users.insert("bob".into());
    reported.users.extend((0..5).map(|i| format!("warmup{i}")));
    assert!(kills > 0, "no run was killed");
    assert_consistent(&env, &reported);
    // No lock or claim was left behind by a killed writer: the next write goes through at once.
    env.run(&["--wait", "0", "user", "add", "after-the-kills"]).success();
    println!(
        "postgres_hosts: {KILLING_WRITERS} writers x {RUNS_PER_KILLING_WRITER} runs, {kills} killed by SIGKILL (typical write {} ms): \
         {} creates, {} revokes, {} users reported, all present, each with its one audit event",
        typical.as_millis(),
        reported.created.len(),
        reported.revoked.len(),
        reported.users.len()
    );
}

/// A PostgreSQL server of one test's own (`.ci/postgres`), which it may stop and start again
/// without hurting the others; stopped and removed when dropped.
struct PrivateServer {
    dir: std::path::PathBuf,
    base: String,
}

impl PrivateServer {
    fn start() -> PrivateServer {
        let dir = tempfile::Builder::new().prefix("patctl-pg-").tempdir_in("/tmp").unwrap().keep();
        let base = PrivateServer::script("start", &dir);
        PrivateServer { dir, base: base.trim().to_string() }
    }

    fn script(action: &str, dir: &std::path::Path) -> String {
        let out = std::process::Command::new("bash")
            .arg(common::repo(".ci/postgres"))
            .arg(action)
            .arg(dir)
            .output()
            .expect("bash .ci/postgres");
        assert!(out.status.success(), ".ci/postgres {action}: {}", common::stderr(&out));
        common::stdout(&out)
    }

    /// Stops the server (`pg_ctl -m fast`: open sessions are ended), keeping its data.
    fn halt(&self) {
        PrivateServer::script("halt", &self.dir);
    }

    fn restart(&self) {
        PrivateServer::script("start", &self.dir);
    }
}

impl Drop for PrivateServer {
    fn drop(&mut self) {
        let _ =
            std::process::Command::new("bash").arg(common::repo(".ci/postgres")).arg("stop").arg(&self.dir).output();
    }
}

const STOPPED_SERVER_WRITERS: usize = 3;

/// What one writer saw: what it was told was done, and each failure's exit code, stderr and
/// whether it started after the server was stopped.
#[derive(Default)]
struct Seen {
    reported: Reported,
    failures: Vec<(i32, String, bool)>,
}

/// Writers run while the server is stopped under them: every command exits 0 or 69 (the ones
/// caught mid-command too), with one error naming the server, and once it is back every reported
/// change is there and no change is half done.
#[test]
fn the_server_stopped_mid_run_gives_exit_69_and_no_partial_change() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    postgres_only!();
    let server = PrivateServer::start();
    let env = Env::on_server(&server.base);
    env.user("bob", &[]);
    let (done, halted) = (AtomicUsize::new(0), AtomicBool::new(false));
    let mut seeds = crate::common::process::Rng::from_env_or_clock("postgres_hosts server stop");
    let seeds: Vec<u64> = (0..STOPPED_SERVER_WRITERS).map(|_| seeds.next()).collect();
    let seen: Vec<Seen> = std::thread::scope(|scope| {
        let writers: Vec<_> = seeds
            .iter()
            .enumerate()
            .map(|(w, &seed)| {
                let (env, done, halted) = (&env, &done, &halted);
                scope.spawn(move || {
                    let mut rng = crate::common::process::Rng::new(seed);
                    let (mut seen, mut live) = (Seen::default(), Vec::new());
                    // Until this writer has met the stopped server twice.
                    for n in 0.. {
                        if seen.failures.iter().filter(|f| f.2).count() >= 2 {
                            break;
                        }
                        assert!(n < 2000, "the server was never seen stopped");
                        let after_halt = halted.load(Ordering::SeqCst);
                        let (args, what) = next_write(w, n, &mut rng, &live);
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        let out = crate::common::process::run(crate::common::process::command(env, &args));
                        match common::code(&out) {
                            0 => {
                                record(what, &out.stdout, &mut seen.reported, &mut live);
                                done.fetch_add(1, Ordering::SeqCst);
                            }
                            code => {
                                if let Done::Revoke(id) = what {
                                    live.retain(|&l| l != id);
                                }
                                seen.failures.push((code, common::stderr(&out), after_halt));
                            }
                        }
                    }
                    seen
                })
            })
            .collect();
        // Stop the server while the writers are busy: once they have done some work.
        let started = std::time::Instant::now();
        while done.load(Ordering::SeqCst) < 20 {
            assert!(started.elapsed() < std::time::Duration::from_secs(120), "the writers made no progress");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        server.halt();
        halted.store(true, Ordering::SeqCst);
        writers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let host = server.dir.display().to_string();
    let mut reported = Reported::default();
    let mut failures = Vec::new();
    for s in seen {
        reported.extend(s.reported);
        failures.extend(s.failures);
    }
    // Back, so that the database can be checked (and dropped, even when an assertion fails).
    server.restart();
    // Each kind of failure once (the database name and the message's details vary).
    let kinds: std::collections::BTreeSet<(i32, String)> = failures
        .iter()
        .map(|(code, stderr, _)| {
            (*code, stderr.lines().filter(|l| !l.starts_with("warning: clock")).collect::<Vec<_>>().join(" / "))
        })
        .collect();
    for (code, text) in &kinds {
        println!("  exit {code}: {text}");
    }
    // Nothing lost or half done first, then what each failure said.
    reported.users.insert("bob".into());
    assert_consistent(&env, &reported);
    for (code, stderr, _) in &failures {
        assert_eq!(*code, 69, "{stderr}");
        let (error, hint) = error_and_hint(stderr);
        assert!(error.contains(&host), "the error names the server ({host}): {stderr}");
        assert!(hint.is_some(), "with a hint: {stderr}");
    }
    let in_flight = failures.iter().filter(|f| !f.2).count();
    println!(
        "postgres_hosts: server stopped under {STOPPED_SERVER_WRITERS} writers: {} writes reported done, {} exits 69 \
         ({in_flight} of commands started before the stop); after a restart every reported change is there, none half done",
        reported.created.len() + reported.revoked.len() + reported.users.len() - 1,
        failures.len(),
    );
}

/// The one error of a failed run and its hint: the `error: `/`hint: ` lines, or with
/// `--format json` the error object on the last line.
fn error_and_hint(stderr: &str) -> (String, Option<String>) {
    if let Some(Ok(object)) = stderr.lines().last().map(serde_json::from_str::<serde_json::Value>) {
        let error = &object["error"];
        return (error["message"].as_str().unwrap().to_string(), error["hint"].as_str().map(String::from));
    }
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    let hint = stderr.lines().find_map(|l| l.strip_prefix("hint: ")).map(String::from);
    (errors[0].to_string(), hint)
}
