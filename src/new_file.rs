//! The one place where patctl creates files: the database, backups and tokens-out (which hold
//! digests or secrets: mode 0600), and generated man pages and completions (0644). Any of them may
//! be asked for in a directory other users can write (such as /tmp), so:
//! - a file is created with `O_CREAT | O_EXCL | O_NOFOLLOW` and given its mode on the descriptor
//!   this process created, never on a name someone else could have swapped;
//! - an existing file is never opened for writing: the new content is prepared in a private
//!   staging directory beside it and renamed over it;
//! - a symbolic link at the destination is refused (exit 73), never followed nor replaced.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rand::TryRng;

use crate::error::{Error, Exit, Result};

/// Files holding digests or secrets: only their owner may read them.
pub const PRIVATE: u32 = 0o600;
/// Generated documentation anyone may read.
pub const PUBLIC: u32 = 0o644;

/// Creates `path`, which must not exist (not even as a dangling symbolic link), with exactly
/// `mode` whatever the umask, and opens it for writing.
pub fn create(path: &Path, mode: u32) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .mode(mode)
        .open(path)?;
    // The mode given to open() is filtered by the umask; set it exactly, on this descriptor.
    file.set_permissions(Permissions::from_mode(mode))?;
    Ok(file)
}

/// A symbolic link where patctl would write (exit 73): it neither follows nor replaces one.
/// `what` names the file in the message ("database", "backup", ...).
pub fn symlink_error(path: &Path, what: &str) -> Error {
    Error::new(Exit::CantCreate, format!("{what} {} is a symbolic link: patctl does not follow links", path.display()))
        .with_hint("name the file itself (its target, once you trust it), or a new path; nothing was written")
}

/// How [`Staging::publish`] treats an existing destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse any existing file.
    Refuse,
    /// Replace an empty regular file; refuse anything else.
    ReplaceEmpty,
    /// Replace whatever regular file is there (`--force`).
    Replace,
}

/// A private directory (0700, an unguessable name) beside a destination, where a new file is
/// prepared before it gets its name. Nobody else can create or swap files inside it, so even a
/// program that opens files by name (SQLite and its `-journal`) is safe there. Removed with
/// everything in it when dropped.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// Makes the staging directory in `dest`'s directory (same filesystem, so renaming is atomic).
    pub fn beside(dest: &Path) -> io::Result<Staging> {
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let stem = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
        let mut attempts = 0;
        loop {
            let mut random = [0u8; 8];
            rand::rngs::SysRng.try_fill_bytes(&mut random).map_err(io::Error::other)?;
            let dir = parent.join(format!(".{stem}.patctl-{:016x}", u64::from_le_bytes(random)));
            // mkdir never follows a link nor reuses an existing entry: the directory is ours.
            match DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => return Ok(Staging { dir }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 8 => attempts += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The path of the file being prepared.
    pub fn file(&self) -> PathBuf {
        self.dir.join("new")
    }

    /// Gives the prepared file its name `dest`, following `existing`. The caller has flushed and
    /// synced it.
    pub fn publish(&self, dest: &Path, existing: Existing, what: &str) -> Result<()> {
        let cannot = |e: io::Error| cannot_write(e, dest, what);
        if check_destination(dest, existing, what)? {
            // rename() replaces the name, not the file: whoever holds the old one open keeps it.
            std::fs::rename(self.file(), dest).map_err(cannot)
        } else {
            // A hard link never replaces anything, not even a file made since the check.
            match std::fs::hard_link(self.file(), dest) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists_error(dest, what)),
                Err(e) => Err(cannot(e)),
            }
        }
    }
}

/// Whether `dest` may be written as `existing` says: `Ok(true)` to replace an existing file,
/// `Ok(false)` when there is none. Refuses a symbolic link, anything but a regular file, and an
/// existing file that may not be replaced (all exit 73). Callers check early, before the work.
pub fn check_destination(dest: &Path, existing: Existing, what: &str) -> Result<bool> {
    match std::fs::symlink_metadata(dest) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(cannot_write(e, dest, what)),
        Ok(meta) if meta.file_type().is_symlink() => Err(symlink_error(dest, what)),
        Ok(meta) if !meta.is_file() => {
            Err(Error::new(Exit::CantCreate, format!("{what} {} exists and is not a regular file", dest.display())))
        }
        Ok(meta) => match existing {
            Existing::Replace => Ok(true),
            Existing::ReplaceEmpty if meta.len() == 0 => Ok(true),
            _ => Err(exists_error(dest, what)),
        },
    }
}

fn exists_error(dest: &Path, what: &str) -> Error {
    Error::new(Exit::CantCreate, format!("refusing to overwrite {what} {}: it already exists", dest.display()))
        .with_hint("choose another path, or add --force to replace it; nothing was written there")
}

/// An I/O failure making a file: exit 73 unless it is a permission (77) or space (74) problem.
fn cannot_write(e: io::Error, dest: &Path, what: &str) -> Error {
    let missing = matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::AlreadyExists);
    let err = Error::from(e).context(format!("cannot write {what} {}", dest.display()));
    if missing { err.with_exit(Exit::CantCreate) } else { err }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Whatever happened, the staging directory and a file left in it go: it is this run's own.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Writes `bytes` to a new file at `dest` (with `mode`) through a [`Staging`] directory: `dest`
/// appears whole or not at all.
pub fn write_new(dest: &Path, bytes: &[u8], mode: u32, existing: Existing, what: &str) -> Result<()> {
    check_destination(dest, existing, what)?;
    stage(dest, bytes, mode, what)?.publish(dest, existing, what)
}

/// Writes `bytes` (flushed and synced, with `mode`) into a [`Staging`] directory beside `dest`,
/// to be published later (`apply` publishes its `--tokens-out` file after its commit) or
/// removed with the directory when dropped.
pub fn stage(dest: &Path, bytes: &[u8], mode: u32, what: &str) -> Result<Staging> {
    use std::io::Write;
    let fail = |e: io::Error| cannot_write(e, dest, what);
    let staging = Staging::beside(dest).map_err(fail)?;
    let mut file = create(&staging.file(), mode).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(staging)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_refuses_links_and_respects_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out");
        write_new(&dest, b"one", PRIVATE, Existing::Refuse, "file").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"one");
        let err = write_new(&dest, b"two", PRIVATE, Existing::ReplaceEmpty, "file").unwrap_err();
        assert_eq!(
            (err.exit(), err.message()),
            (Exit::CantCreate, &*format!("refusing to overwrite file {}: it already exists", dest.display()))
        );
        write_new(&dest, b"two", PUBLIC, Existing::Replace, "file").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"two");
        assert_eq!(std::fs::metadata(&dest).unwrap().permissions().mode() & 0o7777, PUBLIC);

        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("target"), &link).unwrap();
        let err = write_new(&link, b"x", PUBLIC, Existing::Replace, "file").unwrap_err();
        assert_eq!(err.exit(), Exit::CantCreate);
        assert!(!dir.path().join("target").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no staging directory left");
    }
}
