//! The terminal patctl prints to: its size, and the pager that long tables go through.

use std::io::{self, Write};
use std::os::fd::RawFd;
use std::process::{Command, Stdio};

/// Width and height of an unknown terminal, or of one that says it is 0×0.
pub const FALLBACK: (usize, usize) = (80, 24);

/// The size of the terminal on `fd` (columns, rows): [`FALLBACK`] for each unknown or zero part.
pub fn size(fd: RawFd) -> (usize, usize) {
    // SAFETY: TIOCGWINSZ fills in the winsize it is handed and reads nothing else.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0;
    let part = |value: u16, fallback: usize| if ok && value > 0 { usize::from(value) } else { fallback };
    (part(ws.ws_col, FALLBACK.0), part(ws.ws_row, FALLBACK.1))
}

/// The pager command: `PAGER` when set (empty: none), else `less -FRX`.
pub fn pager_command() -> Option<String> {
    match std::env::var("PAGER") {
        Ok(pager) if pager.trim().is_empty() => None,
        Ok(pager) => Some(pager),
        Err(_) => Some("less -FRX".to_string()),
    }
}

/// Shows `text` through `pager` (run by `sh -c`), waiting until it quits. A pager quit before
/// reading everything is not an error; one that cannot be started leaves the text to stdout.
pub fn page(pager: &str, text: &[u8]) -> io::Result<()> {
    let mut command = Command::new("sh");
    command.args(["-c", pager]).stdin(Stdio::piped());
    // As git does: less shows colours and quits on a short text unless told otherwise.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(_) => return io::stdout().write_all(text).and_then(|()| io::stdout().flush()),
    };
    // The pager takes Ctrl-C for itself; patctl must not leave it alone on the terminal.
    // SAFETY: SIG_IGN is a valid handler; the previous one is put back below.
    let previous = unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) };
    let written = child.stdin.take().map_or(Ok(()), |mut stdin| stdin.write_all(text));
    let waited = child.wait();
    // SAFETY: restores the handler read above.
    unsafe {
        libc::signal(libc::SIGINT, previous);
    }
    match written {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err),
        _ => waited.map(drop),
    }
}
