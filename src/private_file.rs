//! Files patctl creates hold digests or secrets: they are mode 0600 whatever the umask.

use std::fs::{File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Opens `path` with `options`, creating it with mode 0600 and setting exactly that mode.
pub fn open(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    let file = options.mode(0o600).open(path)?;
    // The mode given to open() is filtered by the umask; set it exactly.
    file.set_permissions(Permissions::from_mode(0o600))?;
    Ok(file)
}
