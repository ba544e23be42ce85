//! Whom patctl trusts for a file that tells it what to do (the database and its sidecars, the
//! config file), as ssh and sudo do: the invoking user or root, and nobody else able to write it.

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::error::{Error, Exit, Result};

pub fn effective_uid() -> u32 {
    // SAFETY: geteuid cannot fail and touches no memory.
    unsafe { libc::geteuid() }
}

/// A file refused by the trust rule (exit 77); callers for whom it means something else change
/// the exit code.
pub fn untrusted(message: String, hint: &str) -> Error {
    Error::new(Exit::Permission, message).with_hint(format!("{hint}; patctl read nothing from it"))
}

/// Owned by the invoking user or root, and writable by nobody else. `meta` should come from the
/// open file (`fstat`), so the file checked is the file read.
pub fn check_owner_and_mode(path: &Path, meta: &Metadata, what: &str) -> Result<()> {
    let shown = path.display();
    let me = effective_uid();
    let mode = meta.mode() & 0o7777;
    if meta.uid() != me && meta.uid() != 0 {
        return Err(untrusted(
            format!("{what} {shown} (mode {mode:o}) is owned by uid {}, not by you (uid {me}) or root", meta.uid()),
            "another user could have written it: check it, then move it away or chown it",
        ));
    }
    if mode & 0o022 != 0 {
        return Err(untrusted(
            format!("{what} {shown} is writable by group or others (mode {mode:o})"),
            &format!("check it, then `chmod go-w {shown}`"),
        ));
    }
    Ok(())
}
