//! When a long-running command (`audit --follow`) should end: on SIGINT or SIGTERM, or when
//! the reader of its output has gone.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static SIGNALLED: AtomicBool = AtomicBool::new(false);

/// How soon a signal or a closed pipe is noticed while waiting.
const TICK: Duration = Duration::from_millis(100);

extern "C" fn on_signal(_: libc::c_int) {
    SIGNALLED.store(true, Ordering::SeqCst);
}

pub struct Stop(());

impl Stop {
    /// Turns SIGINT and SIGTERM into a request to stop, seen by `wait`.
    pub fn install() -> Stop {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
        Stop(())
    }

    /// Waits for `interval`; false as soon as it is time to stop instead.
    pub fn wait(&self, interval: Duration) -> bool {
        let deadline = Instant::now() + interval;
        loop {
            if SIGNALLED.load(Ordering::SeqCst) || stdout_closed() {
                return false;
            }
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            std::thread::sleep(TICK.min(deadline - now));
        }
    }
}

/// Whether stdout is a pipe whose reader has gone, noticed without writing to it: a quiet
/// feed would otherwise keep running after its shipper stopped.
fn stdout_closed() -> bool {
    let mut stdout = libc::pollfd { fd: libc::STDOUT_FILENO, events: 0, revents: 0 };
    // SAFETY: one valid pollfd, no wait.
    let ready = unsafe { libc::poll(&mut stdout, 1, 0) };
    ready == 1 && stdout.revents & (libc::POLLERR | libc::POLLHUP) != 0
}
