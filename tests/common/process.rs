//! Raw processes for the reliability tests: threads, signals, umask, resource limits, other users.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::Env;

/// The patctl binary under test.
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("patctl")
}

/// [`Env::std_cmd`] with `args`, no standard input and both outputs captured; usable from threads
/// and killable.
pub fn command(env: &Env, args: &[&str]) -> Command {
    let mut cmd = env.std_cmd();
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Runs `cmd` with `input` on standard input (written from a thread; a child that stops reading
/// early is fine).
pub fn run_with_input(mut cmd: Command, input: Vec<u8>) -> Output {
    use std::io::Write;
    cmd.stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn patctl");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for patctl");
    writer.join().unwrap();
    super::schema::check_run(cmd.get_args(), &out);
    out
}

/// Like [`run_with_input`], and whether the child read all of `input` (false when it exited
/// without reading it: the writer then meets a closed pipe).
pub fn run_with_input_counted(mut cmd: Command, input: Vec<u8>) -> (Output, bool) {
    use std::io::Write;
    cmd.stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn patctl");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).is_ok());
    let out = child.wait_with_output().expect("wait for patctl");
    let all = writer.join().unwrap();
    super::schema::check_run(cmd.get_args(), &out);
    (out, all)
}

/// `patctl ARGS` ([`command`]) with `input` on standard input.
pub fn run_args(env: &Env, args: &[&str], input: &str) -> Output {
    run_with_input(command(env, args), input.as_bytes().to_vec())
}

/// Runs `cmd`; JSON it prints is checked against its schema, as [`Env::cmd`]'s runs are.
pub fn run(cmd: Command) -> Output {
    let mut cmd = cmd;
    let out = cmd.output().expect("run patctl");
    super::schema::check_run(cmd.get_args(), &out);
    out
}

/// Runs the child with this umask.
pub fn with_umask(cmd: &mut Command, mask: libc::mode_t) {
    // SAFETY: umask is async-signal-safe and only affects the child.
    unsafe {
        cmd.pre_exec(move || {
            libc::umask(mask);
            Ok(())
        });
    }
}

/// Runs the child with a file-size limit (`ulimit -f`) and SIGXFSZ at its default action (which
/// kills the process): patctl itself must make writes beyond the limit fail as on a full disk.
pub fn with_file_size_limit(cmd: &mut Command, bytes: u64) {
    // SAFETY: signal and setrlimit are async-signal-safe and only affect the child.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The uid/gid of `nobody`, to run a child without root's power to ignore file modes.
pub const NOBODY: u32 = 65534;

/// Runs the child as `nobody` (only when the tests run as root). std drops the supplementary
/// groups when root sets a uid.
pub fn as_nobody(cmd: &mut Command) {
    cmd.uid(NOBODY).gid(NOBODY);
}

/// Whether the tests run as root, which a test acting as a second user needs; says so when not.
pub fn needs_root(test: &str) -> bool {
    if !is_root() {
        println!("{test}: NOT RUN: needs root to act as a second user (CI runs as root)");
    }
    is_root()
}

/// Runs `script` with `sh -c` as `nobody` (the other local user), with `args` as $1, $2, ...
pub fn as_other_user(script: &str, args: &[&Path]) -> Output {
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", script, "sh"])
        .args(args)
        .output()
        .expect("setpriv");
    assert!(out.status.success(), "as nobody: {script}: {}", crate::common::stderr(&out));
    out
}

pub fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).expect("chown");
}

/// `PRAGMA integrity_check`, read through a fresh connection (which replays any -wal).
pub fn integrity(db: &Path) -> String {
    assert!(!super::postgres::is_uri(db), "integrity_check is SQLite's; mark the test sqlite_only!");
    let conn = rusqlite::Connection::open(db).expect("open for integrity_check");
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.join("; ")
}

/// The number `sql` selects, on either engine (write SQL both accept).
pub fn count(db: &Path, sql: &str) -> i64 {
    if super::postgres::is_uri(db) {
        return match super::query(db, sql).as_slice() {
            [row] => match row.as_slice() {
                [rusqlite::types::Value::Integer(n)] => *n,
                other => panic!("{sql}: {other:?}"),
            },
            other => panic!("{sql}: {} rows", other.len()),
        };
    }
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// A SQLite file's sidecar (`-wal`, `-shm`, `-journal`).
pub fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    assert!(!super::postgres::is_uri(db), "{suffix} is a SQLite file; mark the test sqlite_only!");
    let mut path = db.as_os_str().to_owned();
    path.push(suffix);
    PathBuf::from(path)
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

/// Holds a SHARED lock on a database the way an open SQLite connection does (SQLite's unix VFS:
/// a read lock on the 510 bytes after PENDING_BYTE + 2). The connection patctl closes is then
/// not the last one, so SQLite neither checkpoints nor removes the -wal and -shm: they stay for
/// inspection. Careful: closing any descriptor of the file in this process drops the lock.
pub struct SharedLock {
    _file: std::fs::File,
}

impl SharedLock {
    pub fn new(db: &Path) -> SharedLock {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(db).unwrap();
        let lock = libc::flock {
            l_type: libc::F_RDLCK as _,
            l_whence: libc::SEEK_SET as _,
            l_start: 0x4000_0002,
            l_len: 510,
            l_pid: 0,
        };
        // SAFETY: a plain fcntl on an open descriptor with a valid flock.
        assert_eq!(unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLK, &lock) }, 0, "fcntl");
        SharedLock { _file: file }
    }
}

/// A small deterministic generator (xorshift64*), seeded per test run and printed for replay.
pub struct Rng(u64);

impl Rng {
    pub fn from_env_or_clock(name: &str) -> Rng {
        let seed = std::env::var("PATCTL_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
        });
        println!("{name}: seed {seed} (replay with PATCTL_TEST_SEED={seed})");
        Rng::new(seed)
    }
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
    /// A preset token body: 20 characters of the URL-safe alphabet.
    pub fn token(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        (0..20).map(|_| char::from(ALPHABET[self.below(64) as usize])).collect()
    }
}
