//! Issue 15, the files around the database, each test doing what the adversarial review did: as
//! root, with another local user (`nobody`) able to write a shared directory (mode 1777, as /tmp
//! on a host without protected_symlinks). Tests that need root say so and return when not root.
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::process::{self, NOBODY, command, mode, with_suffix};
use crate::common::{Env, PRESET, after_clock, code, stderr, stdout};

/// A world-writable sticky directory (1777, like /tmp) inside the test's directory, which other
/// users can reach.
fn shared_dir(env: &Env) -> PathBuf {
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    shared
}

/// A file the victim cares about, outside the shared directory.
fn victim(env: &Env) -> PathBuf {
    let victim = env.path("victim");
    std::fs::write(&victim, "root's precious file\n").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    victim
}

fn assert_victim_untouched(victim: &Path) {
    assert_eq!(std::fs::read_to_string(victim).unwrap(), "root's precious file\n");
    assert_eq!(mode(victim), 0o644);
}

/// Every entry of `dir`, to show nothing was left behind (no staging directory, no sidecar).
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_planted_symlink_for_the_database_is_refused_with_73_and_its_target_untouched() {
    sqlite_only!("a symlink at the SQLite path");
    if !process::needs_root("planted database symlink") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    let victim = victim(&env);
    env.db = shared.join("patctl.db");
    let missing = env.path("would-be-created");
    for target in [&victim, &missing] {
        process::as_other_user("ln -sfn \"$1\" \"$2\"", &[target, &env.db]);
        for args in [&["user", "add", "bob"][..], &["list"], &["db", "check"]] {
            let out = process::run_args(&env, args, "");
            assert_eq!(code(&out), 73, "{args:?}: {}", stderr(&out));
            assert_eq!(
                stderr(&out),
                after_clock(&format!(
                    "error: database {} is a symbolic link: patctl does not follow links\nhint: name the file itself (its target, once you trust it), or a new path; nothing was written\n",
                    env.db.display()
                ))
            );
        }
        assert_victim_untouched(&victim);
        assert!(!missing.exists(), "nothing created at the link's target");
        assert_eq!(entries(&shared), ["patctl.db"], "no sidecar created beside the link");
    }
    println!(
        "hardening_files: planted --db symlink (existing and dangling target): 73 for reads and writes, target untouched"
    );
}

#[test]
fn a_planted_symlink_for_a_backup_is_refused_with_73_even_with_force() {
    if !process::needs_root("planted backup symlink") {
        return;
    }
    let env = Env::new();
    env.user("bob", &[]);
    let shared = shared_dir(&env);
    let victim = victim(&env);
    let dest = shared.join("nightly.db");
    process::as_other_user("ln -s \"$1\" \"$2\"", &[&victim, &dest]);
    for force in [false, true] {
        let mut args = vec!["db", "backup", dest.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let out = process::run_args(&env, &args, "");
        assert_eq!(code(&out), 73, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with(&after_clock(&format!("error: backup {} is a symbolic link", dest.display())))
        );
        assert_victim_untouched(&victim);
        assert_eq!(entries(&shared), ["nightly.db"], "no staging directory left");
    }
    // A real file there is replaced by renaming a new file over it, only with --force.
    std::fs::remove_file(&dest).unwrap();
    std::fs::write(&dest, "yesterday").unwrap();
    let held = std::fs::File::open(&dest).unwrap();
    let out = process::run_args(&env, &["db", "backup", dest.to_str().unwrap(), "--force"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(process::integrity(&dest), "ok");
    assert_eq!(mode(&dest), 0o600);
    assert_eq!(std::io::read_to_string(held).unwrap(), "yesterday", "the old file was replaced, not written into");
    assert_eq!(entries(&shared), ["nightly.db"]);
}

#[test]
fn a_planted_symlink_among_generated_man_pages_is_refused_with_73() {
    if !process::needs_root("planted man page symlink") {
        return;
    }
    let env = Env::new();
    let shared = shared_dir(&env);
    let victim = victim(&env);
    let page = shared.join("patctl.1");
    process::as_other_user("ln -s \"$1\" \"$2\"", &[&victim, &page]);
    let out = process::run_args(&env, &["man", "--dir", shared.to_str().unwrap()], "");
    assert_eq!(code(&out), 73, "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(&format!("error: file {} is a symbolic link", page.display())),
        "{}",
        stderr(&out)
    );
    assert_victim_untouched(&victim);
}

const GENERATING_FILE: &str = r#"
[[users]]
username = "ci-bot"
bot = true

[[tokens]]
user = "ci-bot"
name = "ci"
scopes = ["api"]
expires_in = "30d"

[[tokens]]
user = "ci-bot"
name = "deploy"
scopes = ["read_repository"]
expires_in = "30d"
"#;

fn generating_file(env: &Env) -> String {
    let path = env.path("bots.toml");
    std::fs::write(&path, GENERATING_FILE).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_planted_symlink_for_tokens_out_is_refused_with_73_and_nothing_is_written() {
    if !process::needs_root("planted tokens-out symlink") {
        return;
    }
    let env = Env::new();
    env.user("bob", &[]);
    let file = generating_file(&env);
    let shared = shared_dir(&env);
    let victim = victim(&env);
    let out_path = shared.join("tokens.tsv");
    process::as_other_user("ln -s \"$1\" \"$2\"", &[&victim, &out_path]);
    let before = env.dump();
    for force in [false, true] {
        let mut args = vec!["apply", &file, "--tokens-out", out_path.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let out = process::run_args(&env, &args, "");
        assert_eq!(code(&out), 73, "{args:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            after_clock(&format!(
                "error: --tokens-out file {} is a symbolic link: patctl does not follow links\nhint: name the file itself (its target, once you trust it), or a new path; nothing was written\n",
                out_path.display()
            ))
        );
        assert_eq!(env.dump(), before, "nothing committed");
        assert_victim_untouched(&victim);
        assert_eq!(entries(&shared), ["tokens.tsv"]);
    }
}

#[test]
fn a_tokens_out_file_another_user_made_and_holds_open_never_receives_the_secrets() {
    if !process::needs_root("held-open tokens-out") {
        return;
    }
    let env = Env::new();
    let file = generating_file(&env);
    let shared = shared_dir(&env);
    let out_path = shared.join("tokens.tsv");
    // The other user makes the file 0666, keeps it open on fd 3, waits, then prints what it can
    // read through that descriptor.
    let mut spy = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c"])
        .arg("umask 0; : > \"$1\"; exec 3< \"$1\"; echo ready; read go; cat <&3")
        .args(["sh", out_path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("setpriv");
    let mut ready = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(spy.stdout.as_mut().unwrap()), &mut ready).unwrap();
    assert_eq!(ready, "ready\n");
    assert_eq!((mode(&out_path), std::fs::metadata(&out_path).unwrap().uid()), (0o666, NOBODY));

    let out = process::run_args(&env, &["apply", &file, "--tokens-out", out_path.to_str().unwrap(), "--force"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), after_clock(&format!("generated tokens written to {} (mode 0600)\n", out_path.display())));
    std::io::Write::write_all(spy.stdin.as_mut().unwrap(), b"go\n").unwrap();
    let seen = spy.wait_with_output().unwrap();
    assert_eq!(stdout(&seen), "", "the other user's descriptor saw no secret");

    let meta = std::fs::metadata(&out_path).unwrap();
    assert_eq!((meta.mode() & 0o7777, meta.uid()), (0o600, 0), "a new file, root's, mode 0600");
    let text = std::fs::read_to_string(&out_path).unwrap();
    let owners: Vec<&str> = text.lines().map(|l| l.split('\t').take(2).last().unwrap()).collect();
    assert_eq!(owners, ["ci-bot", "ci-bot"]);
    assert_eq!(entries(&shared), ["tokens.tsv"]);
}

#[test]
fn a_failed_apply_leaves_no_tokens_out_and_its_rerun_needs_no_force() {
    sqlite_only!("a full disk under the SQLite -wal (file-size limit)");
    let env = Env::new();
    env.user("bob", &[]);
    let file = generating_file(&env);
    let out_path = env.path("tokens.tsv");
    let before = env.dump();
    // Disk full while committing: 40 KiB holds the 32 KiB -shm but not this run's ~48 KiB of -wal.
    let mut cmd = command(&env, &["apply", &file, "--tokens-out", out_path.to_str().unwrap()]);
    process::with_file_size_limit(&mut cmd, 40 * 1024);
    let out = process::run(cmd);
    assert_eq!(code(&out), 74, "{}", stderr(&out));
    assert_eq!(env.dump(), before);
    assert!(!out_path.exists(), "no secrets of tokens that were never committed");
    assert!(!entries(env.dir.path()).iter().any(|n| n.contains(".patctl-")), "{:?}", entries(env.dir.path()));

    let out = process::run_args(&env, &["apply", &file, "--tokens-out", out_path.to_str().unwrap()], "");
    assert_eq!(code(&out), 0, "the rerun needs no --force: {}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap().lines().count(), 2);
    // An existing non-empty file still needs --force; an empty one (say from mktemp) does not.
    let again = env.path("again.tsv");
    std::fs::write(&again, "").unwrap();
    std::fs::write(&file, GENERATING_FILE.replace("\"ci\"", "\"ci2\"").replace("\"deploy\"", "\"deploy2\"")).unwrap();
    let out = process::run_args(&env, &["apply", &file, "--tokens-out", out_path.to_str().unwrap()], "");
    assert_eq!(code(&out), 73, "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(&after_clock(&format!(
            "error: refusing to overwrite --tokens-out file {}",
            out_path.display()
        )))
    );
    let out = process::run_args(&env, &["apply", &file, "--tokens-out", again.to_str().unwrap()], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&again).unwrap().lines().count(), 2);
}

/// The other user's database, as a `-wal` for root's: admin mallory and a sudo token she knows.
fn mallorys_wal(env: &Env) -> Vec<u8> {
    let lab = tempfile::tempdir().unwrap();
    let mut evil = Env::new();
    evil.db = lab.path().join("patctl.db");
    std::fs::copy(&env.db, &evil.db).unwrap();
    // Held open, the copy keeps its -wal after patctl closes it.
    let _held = process::SharedLock::new(&evil.db);
    evil.user("mallory", &["--admin"]);
    evil.preset_token("mallory", "backdoor", "sudo,api", "mallory-knows-this-1", &[]);
    std::fs::read(with_suffix(&evil.db, "-wal")).unwrap()
}

/// Removes root's own sidecars (empty once its last connection closed), which in a shared
/// directory patctl otherwise keeps: the next run finds the names free, as an attacker wants.
fn remove_sidecars(db: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(db, suffix));
    }
}

#[test]
fn a_planted_wal_holding_another_database_is_refused_with_77_and_not_read() {
    sqlite_only!("a planted SQLite -wal");
    if !process::needs_root("planted -wal") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    env.db = shared.join("patctl.db");
    env.user("alice", &["--admin"]);
    env.preset_token("alice", "ops", "sudo", PRESET, &[]);
    let wal = mallorys_wal(&env);
    let wal_path = with_suffix(&env.db, "-wal");
    // The other user writes it where root's own -wal is not (yet): a new file, theirs.
    remove_sidecars(&env.db);
    let evil = env.path("mallory.wal");
    std::fs::write(&evil, &wal).unwrap();
    process::as_other_user("umask 022; cp \"$1\" \"$2\"", &[&evil, &wal_path]);
    assert_eq!(std::fs::metadata(&wal_path).unwrap().uid(), NOBODY);
    let before = std::fs::read(&env.db).unwrap();

    let expected = after_clock(&format!(
        "error: database file {} (mode 644) is owned by uid {NOBODY}, not by you (uid 0) or root\nhint: another user could have written it: check it, then move it away or chown it; patctl read nothing from it\n",
        wal_path.display()
    ));
    for (args, input) in [
        (&["verify", "--scope", "sudo", "--token-file", "-"][..], "mallory-knows-this-1\n"),
        (&["db", "check", "--full"], ""),
        (&["user", "list"], ""),
        (&["user", "add", "carol"], ""),
    ] {
        let out = process::run_args(&env, args, input);
        assert_eq!((code(&out), stdout(&out), stderr(&out)), (77, String::new(), expected.clone()), "{args:?}");
    }
    assert_eq!(std::fs::read(&wal_path).unwrap(), wal, "the -wal is left as it was");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(entries(&shared), ["patctl.db", "patctl.db-wal"], "no -shm made to read it");

    // Moved away, root's own database answers: mallory's token is unknown to it.
    std::fs::remove_file(&wal_path).unwrap();
    let out = process::run_args(&env, &["verify", "--scope", "sudo", "--token-file", "-"], "mallory-knows-this-1\n");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    println!("hardening_files: planted -wal (mallory, a sudo token) owned by nobody: 4 commands exit 77, nothing read");
}

#[test]
fn a_directory_others_can_write_needs_the_sticky_bit_and_only_your_files() {
    sqlite_only!("the directory holding the SQLite file");
    let mut env = Env::new();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let open_dir = env.path("open");
    std::fs::create_dir(&open_dir).unwrap();
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    env.db = open_dir.join("patctl.db");
    for args in [&["user", "add", "bob"][..], &["list"]] {
        let out = process::run_args(&env, args, "");
        let expected = if args[0] == "list" { 66 } else { 77 };
        assert_eq!(code(&out), expected, "{args:?}: {}", stderr(&out));
    }
    let out = process::run_args(&env, &["user", "add", "bob"], "");
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: directory {} is writable by other users and not sticky (mode 777)\nhint: keep the database in a directory only you can write (e.g. under your home), or `chmod go-w` it; patctl read nothing from it\n",
            open_dir.display()
        ))
    );
    assert_eq!(entries(&open_dir), Vec::<String>::new(), "nothing created there");
    // Sticky, with only your own files: fine.
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
    assert_eq!(code(&process::run_args(&env, &["user", "add", "bob"], "")), 0);
    assert_eq!(code(&process::run_args(&env, &["user", "list"], "")), 0);
    // A database writable by others is refused wherever it is.
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = process::run_args(&env, &["user", "list"], "");
    assert_eq!(code(&out), 77, "{}", stderr(&out));
    assert!(stderr(&out).starts_with(&after_clock(&format!(
        "error: database {} is writable by group or others (mode 666)\nhint: check it, then `chmod go-w {}`",
        env.db.display(),
        env.db.display()
    ))));
}

/// Runs `cmd`, killing it if it takes more than 20 s: a hang is a failure, not a stuck test.
fn run_bounded(mut cmd: Command) -> Output {
    let mut child = cmd.spawn().expect("spawn patctl");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("patctl hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_device_or_directory_as_database_is_74_at_once() {
    sqlite_only!("what sits at the SQLite path");
    let mut env = Env::new();
    let fifo = env.path("fifo.db");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let dir = env.path("a-directory.db");
    std::fs::create_dir(&dir).unwrap();
    let cases: [(&Path, &str); 3] = [(&fifo, "a FIFO"), (Path::new("/dev/null"), "a device"), (&dir, "a directory")];
    for (path, kind) in cases {
        env.db = path.to_path_buf();
        for args in [&["list"][..], &["user", "add", "bob"]] {
            let out = run_bounded(command(&env, args));
            assert_eq!(code(&out), 74, "{} {args:?}: {}", path.display(), stderr(&out));
            assert_eq!(
                stderr(&out),
                after_clock(&format!(
                    "error: database {} is not a regular file ({kind})\nhint: point --db at a patctl database file\n",
                    path.display()
                ))
            );
        }
    }
    println!("hardening_files: --db at a FIFO, /dev/null and a directory: exit 74 at once for reads and writes");
}

/// Runs patctl in a private mount namespace where the directory holding `env.db` is a read-only
/// bind mount of `source`; or says why that is impossible here.
fn on_read_only_mount(env: &Env, source: &Path, args: &[&str]) -> Result<Output, String> {
    let template = command(env, args);
    let mut cmd = Command::new("unshare");
    cmd.env_clear();
    for (key, value) in template.get_envs() {
        if let Some(value) = value {
            cmd.env(key, value);
        }
    }
    let mount_point = env.db.parent().unwrap();
    cmd.args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg("mount --bind \"$1\" \"$2\" && mount -o remount,ro,bind \"$2\" || exit 99; shift 2; exec \"$@\"")
        .arg("sh")
        .arg(source)
        .arg(mount_point)
        .arg(process::binary())
        .args(args)
        .stdin(Stdio::null());
    let out = cmd.output().map_err(|e| format!("cannot run unshare: {e}"))?;
    if code(&out) == 99 || (!out.status.success() && stderr(&out).contains("unshare failed")) {
        return Err(stderr(&out).trim().to_string());
    }
    Ok(out)
}

#[test]
fn a_database_on_a_read_only_mount_serves_reads_and_refuses_writes_with_77() {
    sqlite_only!("a read-only mount under the SQLite file");
    let source_env = Env::new();
    source_env.user("bob", &["--email", "bob@example.com"]);
    source_env.preset_token("bob", "ci", "api", PRESET, &[]);
    let mut env = Env::new();
    let mount_point = env.path("ro");
    std::fs::create_dir(&mount_point).unwrap();
    env.db = mount_point.join("patctl.db");
    let source = source_env.dir.path();
    let reads: [&[&str]; 5] = [
        &["list", "--state", "all"],
        &["show", "1", "--format", "json"],
        &["user", "list"],
        &["audit"],
        &["db", "check", "--full"],
    ];
    let mut served = 0;
    for args in reads {
        let out = match on_read_only_mount(&env, source, args) {
            Ok(out) => out,
            Err(why) => {
                println!("hardening_files: read-only mount: NOT TESTED: this sandbox cannot mount ({why})");
                assert!(!process::is_root(), "as root the mount must work (CI): {why}");
                return;
            }
        };
        let direct = process::run(command(&source_env, args));
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&direct), "{args:?}: the same answer as read-write");
        served += 1;
    }
    let out = on_read_only_mount(&env, source, &["user", "add", "carol"]).unwrap();
    assert_eq!(
        (code(&out), stderr(&out)),
        (
            77,
            after_clock(&format!(
                "error: database {}: permission denied: the database is on a read-only filesystem\nhint: read commands still work; write on a read-write mount of it\n",
                env.db.display()
            ))
        )
    );
    // With a -wal and -shm left by a writer still connected, reads see its latest commit.
    let _held = process::SharedLock::new(&source_env.db);
    source_env.user("dave", &[]);
    assert!(with_suffix(&source_env.db, "-wal").exists());
    let out = on_read_only_mount(&env, source, &["user", "list", "--format", "json"]).unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let usernames: Vec<&str> = listed.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(usernames, ["bob", "dave"], "{}", stdout(&out));
    let direct = process::run(command(&source_env, &["user", "list", "--format", "json"]));
    assert_eq!(stdout(&out), stdout(&direct), "the same answer as read-write");
    println!("hardening_files: read-only bind mount: {served} reads exit 0 with read-write's output, a write exits 77");
}

#[test]
fn reads_never_write_an_empty_file_or_an_old_schema() {
    sqlite_only!("an empty SQLite file and a schema-1 fixture file");
    let env = Env::new();
    std::fs::write(&env.db, "").unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = process::run_args(&env, &["list"], "");
    assert_eq!(
        (code(&out), stderr(&out)),
        (
            66,
            after_clock(&format!(
                "error: database {} is empty: no patctl database there yet\nhint: create it with a first write, e.g. `patctl user add USERNAME`; read commands never initialise it\n",
                env.db.display()
            ))
        )
    );
    assert_eq!(std::fs::metadata(&env.db).unwrap().len(), 0);
    assert_eq!(entries(env.dir.path()), ["patctl.db"]);
    assert_eq!(code(&process::run_args(&env, &["user", "add", "bob"], "")), 0, "a write initialises it");

    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    std::fs::copy(fixture, &env.db).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let bytes = std::fs::read(&env.db).unwrap();
    let latest = patctl::store::LATEST_VERSION;
    for args in [&["list"][..], &["user", "list"], &["audit"]] {
        let out = process::run_args(&env, args, "");
        assert_eq!(
            (code(&out), stderr(&out)),
            (
                78,
                after_clock(&format!(
                    "error: database {}: database schema version 1 is older than this patctl's ({latest})\nhint: run `patctl db migrate` (back it up first with `patctl db backup`); read commands never change the database\n",
                    env.db.display()
                ))
            ),
            "{args:?}"
        );
    }
    // Backups and checks take the file as it is.
    let copy = env.path("before-migrate.db");
    assert_eq!(code(&process::run_args(&env, &["db", "backup", copy.to_str().unwrap()], "")), 0);
    assert_eq!(code(&process::run_args(&env, &["db", "check"], "")), 0);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "byte for byte");
    assert_eq!(entries(env.dir.path()), ["before-migrate.db", "patctl.db"], "no -journal, -wal or -shm left");
    assert_eq!(code(&process::run_args(&env, &["db", "migrate"], "")), 0);
    assert_eq!(code(&process::run_args(&env, &["list"], "")), 0);
}

#[test]
fn a_read_on_a_0400_database_leaves_nothing_that_locks_out_later_writes() {
    sqlite_only!("a 0400 SQLite file and its sidecars");
    if !process::needs_root("0400 database read by its owner") {
        return;
    }
    // The owner is nobody: root ignores file modes.
    let env = Env::new();
    env.user("bob", &[]);
    process::chown(env.dir.path(), NOBODY, NOBODY);
    process::chown(&env.db, NOBODY, NOBODY);
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let as_owner = |args: &[&str]| {
        let mut cmd = command(&env, args);
        process::as_nobody(&mut cmd);
        process::run(cmd)
    };
    for args in [&["list"][..], &["user", "list"], &["verify", "--token-file", "/dev/null"]] {
        let out = as_owner(args);
        assert!(matches!(code(&out), 0 | 1 | 65), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(entries(env.dir.path()), ["patctl.db"], "no -shm or -wal left with mode 0400");
    let out = as_owner(&["user", "add", "carol"]);
    assert_eq!(code(&out), 77, "{}", stderr(&out));
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = as_owner(&["user", "add", "carol"]);
    assert_eq!(code(&out), 0, "after chmod 600 writes work: {}", stderr(&out));
}

#[test]
fn a_backup_past_the_file_size_limit_exits_74_with_default_sigxfsz_handling() {
    let env = Env::new();
    for i in 0..30 {
        env.user(&format!("user{i}"), &["--name", &"n".repeat(200)]);
    }
    let copy = env.path("copy.db");
    let mut cmd = command(&env, &["db", "backup", copy.to_str().unwrap()]);
    process::with_file_size_limit(&mut cmd, 8192);
    let out = process::run(cmd);
    assert_eq!(code(&out), 74, "killed by a signal is {:?}: {}", out.status, stderr(&out));
    assert!(!copy.exists());
    assert!(!entries(env.dir.path()).iter().any(|n| n.contains(".patctl-")), "{:?}", entries(env.dir.path()));
}

/// A loop the other user runs (`sh -c SCRIPT` as `nobody`, $1, $2, ... from `args`, the last one
/// the file whose existence stops it); killed if the test panics first.
struct OtherUserLoop {
    child: Option<std::process::Child>,
    stop: PathBuf,
}

impl OtherUserLoop {
    /// Returns once the script has printed its first line (`ready`): the loop is running.
    fn start(script: &str, args: &[&Path]) -> OtherUserLoop {
        use std::io::BufRead;
        let mut child = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", script, "sh"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("setpriv");
        let mut ready = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut ready).unwrap();
        assert_eq!(ready, "ready\n");
        OtherUserLoop { child: Some(child), stop: args.last().unwrap().to_path_buf() }
    }

    /// Stops the loop and returns what it printed last (its round count).
    fn stop(mut self) -> String {
        std::fs::write(&self.stop, "").unwrap();
        let out = self.child.take().unwrap().wait_with_output().unwrap();
        assert!(out.status.success(), "{:?}", out.status);
        stdout(&out).trim().to_string()
    }
}

impl Drop for OtherUserLoop {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_wal_planted_and_unlinked_in_a_race_is_never_folded_into_the_database() {
    sqlite_only!("a planted SQLite -wal");
    if !process::needs_root("planted -wal race") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    env.db = shared.join("patctl.db");
    env.user("alice", &["--admin"]);
    let evil = env.path("mallory.wal");
    std::fs::write(&evil, mallorys_wal(&env)).unwrap();
    let wal = with_suffix(&env.db, "-wal");
    let stop = env.path("stop");
    // What the review ran: plant the other database's -wal, give SQLite a moment to open it,
    // unlink it so a check by name passes; over and over.
    let attacker = OtherUserLoop::start(
        r#"tmp="$2.$$"; i=0; echo ready
        while [ ! -e "$3" ] && [ $i -lt 1000000 ]; do
            cp "$1" "$tmp" 2>/dev/null && mv -f "$tmp" "$2" 2>/dev/null; rm -f "$2" "$tmp" 2>/dev/null; i=$((i+1))
        done; echo $i"#,
        &[&evil, &wal, &stop],
    );
    let (mut served, mut refused, mut added) = (0, 0, Vec::new());
    for round in 0..200 {
        // Every other round, as if root's previous run had removed its sidecars (SQLite does by
        // default): the names are free for the other user to take.
        if round % 2 == 0 {
            remove_sidecars(&env.db);
        }
        let before = std::fs::read(&env.db).unwrap();
        let write = round % 25 == 24;
        let name = format!("user{round}");
        let args: &[&str] = if write { &["user", "add", &name] } else { &["user", "list"] };
        let out = process::run(command(&env, args));
        match code(&out) {
            0 if write => added.push(name.clone()),
            0 => served += 1,
            77 => refused += 1,
            other => panic!("round {round} {args:?}: exit {other}: {}", stderr(&out)),
        }
        if code(&out) == 0 && !write {
            assert!(!stdout(&out).contains("mallory"), "round {round}: a read showed mallory: {}", stdout(&out));
        }
        let after = std::fs::read(&env.db).unwrap();
        if !write || code(&out) == 77 {
            assert!(after == before, "round {round} {args:?} (exit {}) changed the database file", code(&out));
        }
        assert!(!contains(&after, b"mallory"), "round {round}: mallory is in the database file");
    }
    let rounds = attacker.stop();
    remove_sidecars(&env.db);
    assert_eq!(process::count(&env.db, "SELECT count(*) FROM users WHERE username = 'mallory'"), 0);
    let users = process::count(&env.db, "SELECT count(*) FROM users");
    assert_eq!(users, 1 + added.len() as i64, "alice and every write that exited 0");
    assert_eq!(process::integrity(&env.db), "ok");
    assert!(refused > 0, "the race was never met: {served} reads served, none refused");
    println!(
        "hardening_files: -wal planted and unlinked by nobody ({rounds} rounds) vs 200 root runs: {served} reads served, {} writes, {refused} refused (77), mallory never in the database",
        added.len()
    );
}

#[test]
fn a_symlink_planted_and_removed_in_a_race_never_lets_a_write_touch_its_target() {
    sqlite_only!("a symlink at the SQLite path");
    if !process::needs_root("database symlink race") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    // The victim belongs to a third user, neither root nor the attacker.
    let victim = victim(&env);
    process::chown(&victim, 4242, 4242);
    env.db = shared.join("patctl.db");
    let stop = env.path("stop");
    let attacker = OtherUserLoop::start(
        r#"i=0; echo ready
        while [ ! -e "$3" ] && [ $i -lt 1000000 ]; do
            ln -sfn "$1" "$2" 2>/dev/null; rm -f "$2" 2>/dev/null; i=$((i+1))
        done; echo $i"#,
        &[&victim, &env.db, &stop],
    );
    let mut codes = std::collections::BTreeMap::<i32, usize>::new();
    for round in 0..100 {
        // Every other round the name is free again, as before root's first write.
        if round % 2 == 0 {
            let _ = std::fs::remove_file(&env.db);
            remove_sidecars(&env.db);
        }
        let out = process::run(command(&env, &["user", "add", &format!("user{round}")]));
        // 73: a link met; 74: the name kept changing under patctl's feet (it gives up, retry).
        assert!(matches!(code(&out), 0 | 73 | 74), "round {round}: {}", stderr(&out));
        *codes.entry(code(&out)).or_default() += 1;
        assert_victim_untouched(&victim);
        assert_eq!(std::fs::metadata(&victim).unwrap().uid(), 4242);
    }
    let rounds = attacker.stop();
    assert!(codes.contains_key(&73), "the race was never met: {codes:?}");
    println!(
        "hardening_files: --db symlink planted and removed by nobody ({rounds} rounds) vs 100 root writes: exits {codes:?}, the victim untouched"
    );
}

#[test]
fn a_sticky_directory_holding_a_patctl_file_of_someone_else_is_refused_with_77() {
    sqlite_only!("owners of the SQLite file and its sidecars");
    if !process::needs_root("sticky directory, someone else's file") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    env.db = shared.join("patctl.db");
    let as_nobody = |args: &[&str]| {
        let mut cmd = command(&env, args);
        process::as_nobody(&mut cmd);
        process::run(cmd)
    };
    let out = as_nobody(&["user", "add", "bob"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // A -shm of root's: root is trusted as an owner, but in a shared directory it is not yours.
    let shm = with_suffix(&env.db, "-shm");
    std::fs::remove_file(&shm).unwrap();
    std::fs::write(&shm, "").unwrap();
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&env.db).unwrap();
    for args in [&["user", "list"][..], &["user", "add", "carol"]] {
        let out = as_nobody(args);
        assert_eq!(
            (code(&out), stderr(&out)),
            (
                77,
                after_clock(&format!(
                    "error: directory {} is writable by other users (mode 1777) and {} is owned by uid 0, not you (uid {NOBODY})\nhint: keep the database in a directory only you can write (e.g. under your home), or `chmod go-w` it; patctl read nothing from it\n",
                    shared.display(),
                    shm.display()
                ))
            ),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn a_planted_shm_of_another_user_is_refused_with_77() {
    sqlite_only!("a planted SQLite -shm");
    if !process::needs_root("planted -shm") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    env.db = shared.join("patctl.db");
    env.user("alice", &[]);
    remove_sidecars(&env.db);
    let shm = with_suffix(&env.db, "-shm");
    process::as_other_user("umask 022; : > \"$1\"", &[&shm]);
    let before = std::fs::read(&env.db).unwrap();
    for args in [&["user", "list"][..], &["user", "add", "carol"]] {
        let out = process::run(command(&env, args));
        assert_eq!(
            (code(&out), stderr(&out)),
            (
                77,
                after_clock(&format!(
                    "error: database file {} (mode 644) is owned by uid {NOBODY}, not by you (uid 0) or root\nhint: another user could have written it: check it, then move it away or chown it; patctl read nothing from it\n",
                    shm.display()
                ))
            ),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(entries(&shared), ["patctl.db", "patctl.db-shm"]);
}

#[test]
fn a_wal_that_is_a_fifo_or_a_symlink_is_refused_with_77_at_once() {
    sqlite_only!("what sits at the SQLite -wal path");
    if !process::needs_root("planted -wal FIFO or symlink") {
        return;
    }
    let mut env = Env::new();
    let shared = shared_dir(&env);
    let victim = victim(&env);
    env.db = shared.join("patctl.db");
    env.user("alice", &[]);
    let wal = with_suffix(&env.db, "-wal");
    for plant in ["mkfifo \"$2\"", "ln -s \"$1\" \"$2\""] {
        remove_sidecars(&env.db);
        process::as_other_user(plant, &[&victim, &wal]);
        let before = std::fs::read(&env.db).unwrap();
        for args in [&["user", "list"][..], &["user", "add", "carol"]] {
            let out = run_bounded(command(&env, args));
            assert_eq!(
                (code(&out), stderr(&out)),
                (
                    77,
                    after_clock(&format!(
                        "error: {} is not a regular file\nhint: another user could have planted it: check it and move it away; patctl read nothing from it\n",
                        wal.display()
                    ))
                ),
                "{plant} {args:?}"
            );
        }
        assert_eq!(std::fs::read(&env.db).unwrap(), before);
        assert_victim_untouched(&victim);
    }
}

#[test]
fn concurrent_first_writes_to_an_empty_or_missing_file_make_one_database_and_lose_nothing() {
    sqlite_only!("creating the SQLite file");
    for empty in [true, false] {
        let env = Env::new();
        if empty {
            std::fs::write(&env.db, "").unwrap();
            std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let children: Vec<_> =
            (0..6).map(|i| command(&env, &["user", "add", &format!("user{i}")]).spawn().unwrap()).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(code(&out), 0, "empty file {empty}: {}", stderr(&out));
        }
        assert_eq!(process::count(&env.db, "SELECT count(*) FROM users"), 6, "empty file {empty}");
        assert_eq!(process::integrity(&env.db), "ok");
        assert_eq!(mode(&env.db), 0o600);
        assert!(!entries(env.dir.path()).iter().any(|n| n.contains(".patctl-")), "{:?}", entries(env.dir.path()));
    }
}
