//! Faults: read-only files and directories, a full disk, corrupt and foreign files, a database
//! from a newer patctl, the first released schema, and file modes.
use std::path::Path;
use std::process::Output;

use crate::common::process::{self, Rng, SharedLock, command, mode, with_suffix};
use crate::common::{CLOCK_WARNING, Env, PRESET, code, stderr};

/// A database with a user, a preset token and a generated one, cleanly closed (no -wal).
fn populated() -> Env {
    populated_as("patctl.db")
}

fn populated_as(file_name: &str) -> Env {
    let mut env = Env::new_sqlite();
    env.db = env.path(file_name);
    populate(&env);
    assert!(!with_suffix(&env.db, "-wal").exists());
    env
}

/// The same data on this run's engine, for the tests that are not about SQLite files.
fn populated_store() -> Env {
    let env = Env::new();
    populate(&env);
    env
}

fn populate(env: &Env) {
    env.user("bob", &["--email", "bob@example.com"]);
    env.preset_token("bob", "ci", "api", PRESET, &[]);
    env.generated_token("bob", "deploy", "read_repository", &[]);
    env.run(&["list"]).success();
}

const READS: &[&[&str]] = &[
    &["list", "--state", "all"],
    &["show", "1", "--format", "json"],
    &["user", "list"],
    &["user", "show", "bob"],
    &["db", "check", "--full"],
];

/// Write commands, with what they read on standard input.
const WRITES: &[(&[&str], &str)] = &[
    (&["user", "add", "carol"], ""),
    (&["create", "--user", "bob", "--name", "x", "--scopes", "api", "--token-file", "-"], "AAAAAAAAAAAAAAAAAAAA\n"),
    (&["revoke", "--id", "1", "--yes"], ""),
    (&["user", "block", "bob", "--yes"], ""),
];

fn run_write(env: &Env, args: &[&str], input: &str, setup: impl Fn(&mut std::process::Command)) -> Output {
    let mut cmd = command(env, args);
    setup(&mut cmd);
    process::run_with_input(cmd, input.as_bytes().to_vec())
}

/// Makes the child unable to write `env.db` (or its directory): as root, file modes do not stop
/// writes, so the child runs as `nobody` and the files are handed to it.
fn read_only_child(env: &Env, read_only_dir: bool) -> impl Fn(&mut std::process::Command) {
    use std::os::unix::fs::PermissionsExt;
    let dir = env.dir.path();
    let root = process::is_root();
    if root {
        process::chown(dir, process::NOBODY, process::NOBODY);
        for suffix in ["", "-wal", "-shm"] {
            let path = with_suffix(&env.db, suffix);
            if path.exists() {
                process::chown(&path, process::NOBODY, process::NOBODY);
            }
        }
    }
    if read_only_dir {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    } else {
        std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o400)).unwrap();
    }
    move |cmd: &mut std::process::Command| {
        if root {
            process::as_nobody(cmd);
        }
    }
}

fn read_only_case(read_only_dir: bool) {
    // A name with URI-special characters: a read-only directory is read through a file: URI.
    let env = populated_as("odd ?#%& name.db");
    // Dumped from a copy: a connection on the database itself would leave a -wal behind, and an
    // existing, writable -wal lets SQLite write even in a read-only directory.
    let snapshot = tempfile::tempdir().unwrap();
    std::fs::copy(&env.db, snapshot.path().join("copy.db")).unwrap();
    let before = crate::common::dump(&snapshot.path().join("copy.db"));
    let db_mode = mode(&env.db);
    let setup = read_only_child(&env, read_only_dir);
    let what = if read_only_dir { "directory" } else { "file" };
    let mut figures = (0, 0);
    for args in READS {
        let out = run_write(&env, args, "", &setup);
        assert_eq!(code(&out), 0, "read-only {what}: {args:?} works: {}", stderr(&out));
        figures.0 += 1;
    }
    // A backup of a read-only database goes elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    if process::is_root() {
        process::chown(elsewhere.path(), process::NOBODY, process::NOBODY);
    }
    let copy = elsewhere.path().join("copy.db");
    let out = run_write(&env, &["db", "backup", copy.to_str().unwrap()], "", &setup);
    assert_eq!(code(&out), 0, "backup of a read-only {what}: {}", stderr(&out));
    figures.0 += 1;
    for (args, input) in WRITES {
        let out = run_write(&env, args, input, &setup);
        assert_eq!(code(&out), 77, "read-only {what}: {args:?} exits 77: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("permission denied") && err.contains("read-only"), "{err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("error: ")).count(), 1, "{err}");
        figures.1 += 1;
    }
    // patctl never changes permissions itself.
    assert_eq!(mode(&env.db), if read_only_dir { db_mode } else { 0o400 });
    if read_only_dir {
        assert_eq!(mode(env.dir.path()), 0o500);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    assert_eq!(env.dump(), before);
    println!(
        "faults: read-only {what}{}: {} read commands exit 0, {} write commands exit 77, database unchanged",
        if process::is_root() { " (tests run as root: the child runs as nobody)" } else { "" },
        figures.0,
        figures.1
    );
}

#[test]
fn read_only_database_file_serves_reads_and_refuses_writes_with_77() {
    sqlite_only!("a read-only SQLite file");
    read_only_case(false);
}

#[test]
fn read_only_directory_serves_reads_and_refuses_writes_with_77() {
    sqlite_only!("a read-only directory holding the SQLite file");
    read_only_case(true);
}

#[test]
fn disk_full_exits_74_and_leaves_the_database_unchanged_and_intact() {
    sqlite_only!("a full disk under the SQLite file (file-size limit)");
    let env = populated();
    for i in 0..40 {
        env.preset_token(
            "bob",
            &format!("filler{i}"),
            "api",
            &format!("filler{i:0>14}"),
            &["--description", &"d".repeat(250)],
        );
    }
    let mut full = 0;
    let mut fitted = 0;
    // File-size limits from 4 KiB to 160 KiB: writes beyond them fail as on a full disk.
    for (n, limit) in (4..=160).step_by(4).map(|k| k * 1024).enumerate() {
        let before = env.dump();
        let writes: [(Vec<String>, String); 2] = [
            (
                vec!["create", "--user", "bob", "--name", &format!("full{n}"), "--scopes", "api", "--token-file", "-"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                format!("full{n:0>16}\n"),
            ),
            (vec!["user".into(), "add".into(), format!("user{n}")], String::new()),
        ];
        for (args, input) in &writes {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run_write(&env, &args, input, |cmd| process::with_file_size_limit(cmd, limit));
            match code(&out) {
                0 => fitted += 1,
                74 => {
                    full += 1;
                    let err = stderr(&out);
                    assert!(err.contains("cannot write the database") || err.contains("disk full"), "{err}");
                    assert_eq!(env.dump(), before, "limit {limit}: unchanged");
                }
                other => panic!("limit {limit}: {args:?} exited {other}: {}", stderr(&out)),
            }
            assert_eq!(process::integrity(&env.db), "ok");
        }
    }
    // A new database cannot even be created under a tiny limit.
    let fresh = Env::new();
    let out = run_write(&fresh, &["user", "add", "bob"], "", |cmd| process::with_file_size_limit(cmd, 1024));
    assert_eq!(code(&out), 74, "{}", stderr(&out));
    fresh.run(&["user", "add", "bob"]).success(); // with room again, the empty file becomes a database
    println!(
        "faults: disk full (RLIMIT_FSIZE 4-160 KiB): {full} writes exit 74 with the database unchanged, {fitted} fitted and exit 0; integrity ok after each"
    );
    assert!(full >= 10, "the limits must bite");
}

/// Runs every command on a damaged file: each exits 74 with one of the expected messages, and the
/// file stays byte-for-byte as it was.
fn refused_untouched(env: &Env, case: &str, expected: &[&str]) -> usize {
    refused_untouched_if(env, case, expected, |_| true)
}

/// [`refused_untouched`] for the commands `reads_damage` selects (those that read the damage).
fn refused_untouched_if(env: &Env, case: &str, expected: &[&str], reads_damage: impl Fn(&[&str]) -> bool) -> usize {
    let bytes = std::fs::read(&env.db).unwrap();
    let mut runs = 0;
    const MIGRATE: &[&str] = &["db", "migrate"];
    let reads = READS.iter().copied().chain([MIGRATE]).map(|a| (a, ""));
    for (args, input) in reads.chain(WRITES.iter().copied()).filter(|(args, _)| reads_damage(args)) {
        let out = run_write(env, args, input, |_| {});
        let err = stderr(&out);
        assert_eq!(code(&out), 74, "{case}: {args:?}: {err}");
        assert!(expected.iter().any(|e| err.contains(e)), "{case}: {args:?}: {err}");
        assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "{case}: {args:?} left the file as it was");
        runs += 1;
    }
    runs
}

const CORRUPT: &[&str] = &["not a patctl database", "database is corrupt"];

#[test]
fn corrupt_and_foreign_files_exit_74_and_stay_byte_for_byte() {
    sqlite_only!("corrupt and foreign SQLite files");
    let mut rng = Rng::from_env_or_clock("corrupt");
    let mut cases = 0;
    let mut runs = 0;
    let size = std::fs::read(&populated().db).unwrap().len();
    // Truncated anywhere (an empty file is a new database, by design).
    for keep in [1, 15, 16, 100, 1000, 4096, 4097, size / 2, size - 4096, size - 1] {
        let env = populated();
        let bytes = std::fs::read(&env.db).unwrap();
        std::fs::write(&env.db, &bytes[..keep]).unwrap();
        runs += refused_untouched(&env, &format!("truncated to {keep} bytes"), CORRUPT);
        cases += 1;
    }
    // Not SQLite at all.
    for (what, content) in [
        ("text", b"hello, this is not a database\n".repeat(200)),
        ("random bytes", rng.bytes(16384)),
        ("a PNG", [b"\x89PNG\r\n\x1a\n".as_slice(), &rng.bytes(5000)].concat()),
    ] {
        let env = Env::new();
        std::fs::write(&env.db, content).unwrap();
        runs += refused_untouched(&env, what, &["not a patctl database"]);
        cases += 1;
    }
    // Another application's SQLite database is not re-initialised either.
    let env = Env::new();
    rusqlite::Connection::open(&env.db).unwrap().execute_batch("CREATE TABLE notes (body TEXT)").unwrap();
    runs += refused_untouched(&env, "a foreign SQLite database", &["not a patctl database"]);
    cases += 1;
    // The pages every command reads (the schema, users, tokens) overwritten with random bytes.
    for table in ["sqlite_schema", "users", "personal_access_tokens"] {
        let env = populated();
        let root: i64 = if table == "sqlite_schema" {
            1
        } else {
            process::count(&env.db, &format!("SELECT rootpage FROM sqlite_schema WHERE name = '{table}'"))
        };
        let mut bytes = std::fs::read(&env.db).unwrap();
        let start = (root as usize - 1) * 4096 + if root == 1 { 100 } else { 0 };
        let end = root as usize * 4096;
        bytes[start..end].copy_from_slice(&rng.bytes(end - start));
        std::fs::write(&env.db, &bytes).unwrap();
        // Every command reads the schema; `user ...` commands never read the tokens table.
        let reads_damage = |args: &[&str]| table != "personal_access_tokens" || args[0] != "user";
        runs += refused_untouched_if(&env, &format!("page {root} ({table}) overwritten"), CORRUPT, reads_damage);
        cases += 1;
    }
    // Any three pages overwritten: `db check` finds it, and a read never changes the file.
    let mut random_pages = 0;
    for _ in 0..10 {
        let env = populated();
        let mut bytes = std::fs::read(&env.db).unwrap();
        let pages = bytes.len() / 4096;
        for _ in 0..3 {
            let page = 1 + rng.below(pages as u64 - 1) as usize;
            let garbage = rng.bytes(4096);
            bytes[page * 4096..(page + 1) * 4096].copy_from_slice(&garbage);
        }
        std::fs::write(&env.db, &bytes).unwrap();
        let out = run_write(&env, &["db", "check"], "", |_| {});
        assert_eq!(code(&out), 74, "{}", stderr(&out));
        assert!(stderr(&out).contains("database is corrupt"), "{}", stderr(&out));
        for args in READS {
            let out = run_write(&env, args, "", |_| {});
            assert!(matches!(code(&out), 0 | 74), "{args:?}: {}", stderr(&out));
            runs += 1;
        }
        assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
        random_pages += 1;
    }
    println!(
        "faults: {cases} damaged or foreign files x {} commands + {random_pages} files with 3 random pages: {runs} runs, every refusal exit 74, every file byte-for-byte unchanged",
        READS.len() + 1 + WRITES.len()
    );
}

#[test]
fn a_database_from_a_newer_patctl_is_refused_with_74_and_nothing_written() {
    sqlite_only!("PRAGMA user_version of a SQLite file (foundation:: checks a newer schema on both)");
    let env = populated();
    let newer = {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        conn.pragma_update(None, "user_version", version + 1).unwrap();
        version + 1
    };
    let runs = refused_untouched(&env, "newer schema", &[&format!("database schema version {newer} is newer")]);
    println!("faults: schema version {newer} (newer): {runs} commands exit 74, nothing written");
}

fn copy_fixture(env: &Env) {
    use std::os::unix::fs::PermissionsExt;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    std::fs::copy(fixture, &env.db).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn the_first_schema_is_migrated_and_its_tokens_still_work() {
    sqlite_only!("the fixture is a SQLite file of schema 1");
    let env = Env::new();
    copy_fixture(&env);
    assert!(env.dump().starts_with("user_version=1\n"));
    let out = env.run(&["db", "migrate"]).success().get_output().stdout.clone();
    let latest = patctl::store::LATEST_VERSION;
    assert_eq!(
        String::from_utf8(out).unwrap().trim(),
        format!("migrated database {} from schema version 1 to {latest}", env.db.display())
    );
    let again = env.run(&["db", "migrate", "--format", "json"]).success().get_output().stdout.clone();
    let again: serde_json::Value = serde_json::from_slice(&again).unwrap();
    assert_eq!(again, serde_json::json!({ "status": "unchanged", "from": latest, "to": latest, "latest": latest }));

    let list = env.json(&["list", "--user", "automation-bot"]);
    assert_eq!(list[0]["name"], "Automation token");
    assert_eq!(list[0]["scopes"], serde_json::json!(["read_user", "read_repository"]));
    assert_eq!(list[0]["active"], true);
    env.run_with_input(&["verify", "--token-file", "-"], &format!("{PRESET}\n")).success();
    env.run_with_input(&["revoke", "--token-file", "-", "--yes"], &format!("{PRESET}\n")).success();
    assert_eq!(env.json(&["show", "1"])["revoked"], true);
    env.run(&["db", "check", "--full"]).success();

    // Any write command migrates on open too (read commands refuse: see tests/hardening_files.rs).
    let env = Env::new();
    copy_fixture(&env);
    env.run(&["user", "add", "carol"]).success();
    assert!(env.dump().starts_with(&format!("user_version={latest}\n")));
    println!("faults: first-schema fixture migrated 1 -> {latest}; its token listed and revoked by its string");
}

#[test]
fn database_wal_shm_and_backups_are_0600_under_any_umask() {
    sqlite_only!("modes of the SQLite file, its -wal and -shm");
    for umask in [0o000, 0o022] {
        let env = Env::new();
        let db = env.dir.path().join("new").join("dir").join("patctl.db");
        let mut env = env;
        env.db = db.clone();
        let mut cmd = command(&env, &["user", "add", "bob"]);
        process::with_umask(&mut cmd, umask);
        assert_eq!(code(&process::run(cmd)), 0);
        assert_eq!(mode(&db), 0o600, "database under umask {umask:03o}");
        assert_eq!(mode(db.parent().unwrap()), 0o700, "new directory under umask {umask:03o}");
        {
            let _held = SharedLock::new(&db);
            let mut cmd = command(&env, &["create", "--user", "bob", "--name", "t", "--scopes", "api", "--raw"]);
            process::with_umask(&mut cmd, umask);
            assert_eq!(code(&process::run(cmd)), 0);
            for suffix in ["-wal", "-shm"] {
                assert_eq!(mode(&with_suffix(&db, suffix)), 0o600, "{suffix} under umask {umask:03o}");
            }
        }
        let backup = env.dir.path().join("backup.db");
        let mut cmd = command(&env, &["db", "backup", backup.to_str().unwrap()]);
        process::with_umask(&mut cmd, umask);
        assert_eq!(code(&process::run(cmd)), 0);
        assert_eq!(mode(&backup), 0o600, "backup under umask {umask:03o}");
        let mut cmd = command(&env, &["db", "backup", backup.to_str().unwrap(), "--force"]);
        process::with_umask(&mut cmd, umask);
        assert_eq!(code(&process::run(cmd)), 0);
        assert_eq!(mode(&backup), 0o600, "replaced backup under umask {umask:03o}");
    }
    println!("faults: database, -wal, -shm, new directory (0700) and backups 0600 under umask 000 and 022");
}

#[test]
fn a_database_readable_by_others_gets_a_warning_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    sqlite_only!("the mode of the SQLite file");
    let env = populated();
    let out = env.run(&["list"]).success();
    assert_eq!(stderr(&out), CLOCK_WARNING, "no warning but the clock's");
    // Writable by others is refused outright (tests/hardening_files.rs).
    for loose in [0o640, 0o604, 0o644] {
        std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(loose)).unwrap();
        for args in [&["list"][..], &["user", "add", &format!("u{loose:o}")]] {
            let out = env.run(args).success().get_output().stderr.clone();
            let err = String::from_utf8_lossy(&out);
            assert_eq!(err.matches("warning: database").count(), 1, "{err}");
            assert!(err.contains(&format!("readable by other users (mode {loose:o})")), "{err}");
            assert_eq!(mode(&env.db), loose, "patctl never changes permissions itself");
        }
    }
}

#[test]
fn backup_is_consistent_while_others_write_and_refuses_to_overwrite() {
    let env = populated_store();
    let target = env.path("copy.db");
    std::fs::write(&target, "precious").unwrap();
    let out = process::run(command(&env, &["db", "backup", target.to_str().unwrap()]));
    assert_eq!(code(&out), 73, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists") && stderr(&out).contains("--force"));
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    if !env.on_postgres() {
        let out = process::run(command(&env, &["db", "backup", env.db.to_str().unwrap(), "--force"]));
        assert_eq!(code(&out), 65, "the database itself: {}", stderr(&out));
    }

    // Back up over and over while two writers add tokens.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut backups = 0;
    let mut writes = 0;
    std::thread::scope(|scope| {
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let env = &env;
                let stop = &stop;
                scope.spawn(move || {
                    let mut n = 0;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let name = format!("w{w}-{n}");
                        let out = process::run(command(
                            env,
                            &["create", "--user", "bob", "--name", &name, "--scopes", "api"],
                        ));
                        assert_eq!(code(&out), 0, "{}", stderr(&out));
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        for i in 0..20 {
            let copy = env.path(&format!("b{i}.db"));
            let out = process::run(command(&env, &["db", "backup", copy.to_str().unwrap()]));
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            assert_eq!(process::integrity(&copy), "ok");
            // A consistent snapshot: every token has its audit event.
            assert_eq!(
                process::count(&copy, "SELECT count(*) FROM personal_access_tokens"),
                process::count(&copy, "SELECT count(*) FROM audit_events WHERE action = 'token.create'")
            );
            assert!(!with_suffix(&copy, "-wal").exists(), "a backup is one file");
            backups += 1;
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        writes = writers.into_iter().map(|h| h.join().unwrap()).sum::<usize>();
    });
    println!("faults: {backups} online backups while 2 writers made {writes} tokens: every copy intact and consistent");
}

#[test]
fn an_unreadable_database_is_permission_denied_77() {
    use std::os::unix::fs::PermissionsExt;
    sqlite_only!("the mode of the SQLite file");
    let env = populated();
    let before = env.dump();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o000)).unwrap();
    let setup = |cmd: &mut std::process::Command| {
        if process::is_root() {
            process::as_nobody(cmd);
        }
    };
    for args in [&["list"][..], &["user", "add", "carol"], &["db", "check"]] {
        let out = run_write(&env, args, "", setup);
        assert_eq!(code(&out), 77, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("Permission denied"), "{}", stderr(&out));
    }
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(env.dump(), before);
}

#[test]
fn db_check_says_what_is_wrong() {
    sqlite_only!("SQLite pages and PRAGMA foreign_keys tampered with");
    let env = populated();
    let out = env.run(&["db", "check"]).success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is sound (quick_check: ok)"));
    let report = env.json(&["db", "check", "--full"]);
    assert_eq!(report["ok"], true);
    assert_eq!(report["problems"], serde_json::json!([]));

    // A token whose owner is gone: only the full check looks at foreign keys.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE personal_access_tokens SET user_id = 999 WHERE id = 2;")
        .unwrap();
    drop(conn);
    env.run(&["db", "check"]).success();
    let out = process::run(command(&env, &["db", "check", "--full", "--format", "json"]));
    assert_eq!(code(&out), 74, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"][0], "foreign key: row 2 of personal_access_tokens refers to a missing row of users");
    // With --format json the failure is the JSON error object, the last line of stderr.
    let error: serde_json::Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(error["error"]["message"], "database is corrupt: integrity_check, foreign_key_check found 1 problem");
    assert_eq!(error["error"]["exit_code"], 74);

    // An index that disagrees with its table.
    let env = populated();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'index_personal_access_tokens_on_expires_at'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&env.db).unwrap();
    let page = (root as usize - 1) * 4096;
    // An empty leaf index page: the table's rows are missing from the index.
    bytes[page..page + 4096].fill(0);
    bytes[page] = 10;
    std::fs::write(&env.db, &bytes).unwrap();
    let out = process::run(command(&env, &["db", "check"]));
    assert_eq!(code(&out), 74, "{}", stderr(&out));
    let found = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(found.contains("index_personal_access_tokens_on_expires_at"), "{found}");
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "db check never repairs or rewrites");
}
