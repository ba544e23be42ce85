//! How long a connection waits for another process's lock (`--wait`), with a notice on a
//! terminal while it waits. A busy handler rather than SQLite's busy timeout, so that the wait
//! can say what it is doing.

use std::cell::Cell;
use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Exit};

/// The wait when nothing sets one (`--wait`, `PATCTL_WAIT`, config `database.wait`).
pub const DEFAULT_WAIT: Duration = Duration::from_secs(5);
/// How long a wait goes on before it is announced.
const NOTICE_AFTER: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy)]
struct LockWait {
    limit: Duration,
    /// Print `waiting for the database lock…` on stderr (a terminal, no --quiet).
    notice: bool,
}

static WAIT: OnceLock<LockWait> = OnceLock::new();
static NOTICED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// When the current run of busy retries began (SQLite counts them from 0 for each lock).
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Sets the wait for every connection this process opens; the first call wins.
pub fn set_lock_wait(limit: Duration, notice: bool) {
    let _ = WAIT.set(LockWait { limit, notice });
}

fn current() -> LockWait {
    WAIT.get().copied().unwrap_or(LockWait { limit: DEFAULT_WAIT, notice: false })
}

/// How long this process waits for another's lock, for the waits that are not SQLite's.
pub(super) fn limit() -> Duration {
    current().limit
}

/// For a wait that is not SQLite's: how long to wait before [`announce`] (`None`: no notice).
pub(super) fn notice_after() -> Option<Duration> {
    let wait = current();
    (wait.notice && wait.limit > NOTICE_AFTER).then_some(NOTICE_AFTER)
}

/// Says once that this process is waiting for another's lock.
pub(super) fn announce() {
    if !NOTICED.swap(true, Ordering::Relaxed) {
        let _ = writeln!(std::io::stderr(), "waiting for the database lock…");
    }
}

/// SQLite's busy handler: `true` to try the lock again, `false` to give up with SQLITE_BUSY.
pub(super) fn busy_handler(retries: i32) -> bool {
    let wait = current();
    let now = Instant::now();
    let started = match STARTED.get() {
        Some(started) if retries > 0 => started,
        _ => {
            STARTED.set(Some(now));
            now
        }
    };
    let waited = now - started;
    if waited >= wait.limit {
        return false;
    }
    if wait.notice && waited >= NOTICE_AFTER {
        announce();
    }
    // SQLite's own back-off: retry soon at first, then every 50 ms.
    const STEPS_MS: [u64; 8] = [1, 2, 5, 10, 15, 20, 25, 50];
    let step = Duration::from_millis(STEPS_MS[usize::try_from(retries).unwrap_or(0).min(STEPS_MS.len() - 1)]);
    std::thread::sleep(step.min(wait.limit - waited));
    true
}

/// The lock was not released within the wait: exit 75, naming the wait and a longer one.
pub(super) fn timed_out() -> Error {
    let limit = current().limit;
    let longer = (limit * 2).max(Duration::from_secs(30));
    Error::new(Exit::Busy, format!("the database is locked (waited {})", format_wait(limit))).with_hint(format!(
        "another process holds its lock; retry later, or wait longer: --wait {}",
        format_wait(longer)
    ))
}

/// A wait in the interval syntax it is given in: `5s`, `2m`, `1h`.
pub fn format_wait(wait: Duration) -> String {
    match wait.as_secs() {
        s if s >= 3600 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s >= 60 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_their_largest_whole_unit() {
        let shown: Vec<String> = [0, 5, 90, 120, 3600, 5400].map(|s| format_wait(Duration::from_secs(s))).into();
        assert_eq!(shown, ["0s", "5s", "90s", "2m", "1h", "90m"]);
    }
}
