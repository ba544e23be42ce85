//! The database file before SQLite sees it: what it is, who may have written it and its
//! `-wal`/`-shm`/`-journal` (the ssh/sudo rule), and how it can be opened without writing.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::trust::{check_owner_and_mode, effective_uid, untrusted};

/// The files SQLite keeps beside a database; any of them changes what the database says.
pub const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub fn directory_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// The trust rule for the database's directory and sidecar files: each existing `-wal`, `-shm`
/// and `-journal` is a regular file that only its owner (you or root) can write, and a directory
/// others can write must be sticky with every patctl file in it yours. `db` is the database's
/// own metadata when it exists.
pub fn check_surroundings(path: &Path, db: Option<&Metadata>) -> Result<()> {
    let mut present: Vec<(PathBuf, u32)> = db.map(|m| (path.to_path_buf(), m.uid())).into_iter().collect();
    for suffix in SIDECARS {
        let side = sidecar(path, suffix);
        match std::fs::symlink_metadata(&side) {
            Ok(meta) if !meta.is_file() => {
                return Err(untrusted(
                    format!("{} is not a regular file", side.display()),
                    "another user could have planted it: check it and move it away",
                ));
            }
            Ok(meta) => {
                check_owner_and_mode(&side, &meta, "database file")?;
                present.push((side, meta.uid()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::from(e).context(format!("cannot inspect {}", side.display()))),
        }
    }
    let dir = directory_of(path);
    let meta =
        std::fs::metadata(dir).map_err(|e| Error::from(e).context(format!("cannot inspect {}", dir.display())))?;
    let mode = meta.mode() & 0o7777;
    if mode & 0o002 == 0 {
        return Ok(());
    }
    let hint = "keep the database in a directory only you can write (e.g. under your home), or `chmod o-w` it";
    if mode & 0o1000 == 0 {
        return Err(untrusted(
            format!("directory {} is writable by other users and not sticky (mode {mode:o})", dir.display()),
            hint,
        ));
    }
    let me = effective_uid();
    if let Some((file, owner)) = present.iter().find(|(_, owner)| *owner != me) {
        return Err(untrusted(
            format!(
                "directory {} is writable by other users (mode {mode:o}) and {} is owned by uid {owner}, not you (uid {me})",
                dir.display(),
                file.display()
            ),
            hint,
        ));
    }
    Ok(())
}

/// An existing database file, checked: a regular file (never through a symbolic link, never a
/// FIFO or device that could block or have side effects), owned and writable as the trust rule
/// says. `meta` is what `lstat` found.
pub struct Inspected {
    pub meta: Metadata,
    /// SQLite's page size from the header, or `None` when the file is not SQLite.
    pub page_size: Option<u64>,
}

pub fn inspect(path: &Path, meta: Metadata) -> Result<Inspected> {
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return Err(crate::new_file::symlink_error(path, "database"));
    }
    if !meta.is_file() {
        return Err(Error::io(format!("database {shown} is not a regular file ({})", kind(&meta)))
            .with_hint("point --db at a patctl database file"));
    }
    check_owner_and_mode(path, &meta, "database")?;
    // O_NOFOLLOW and O_NONBLOCK: whatever was swapped in since lstat neither is followed nor blocks.
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => crate::new_file::symlink_error(path, "database"),
            _ => Error::from(e).context(format!("cannot read database {shown}")),
        })?;
    let opened = file.metadata().map_err(|e| Error::from(e).context(format!("cannot read database {shown}")))?;
    if (opened.dev(), opened.ino()) != (meta.dev(), meta.ino()) {
        return Err(Error::io(format!("database {shown} was replaced while patctl opened it")).with_hint("retry"));
    }
    let page_size =
        read_page_size(&mut file).map_err(|e| Error::from(e).context(format!("cannot read database {shown}")))?;
    Ok(Inspected { meta: opened, page_size })
}

fn kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

/// The page size in the header of an SQLite file, or `None` when the file is not SQLite.
fn read_page_size(file: &mut File) -> std::io::Result<Option<u64>> {
    let mut header = Vec::with_capacity(18);
    file.take(18).read_to_end(&mut header)?;
    if header.len() < 18 || &header[..16] != b"SQLite format 3\0" {
        return Ok(None);
    }
    let page = u64::from(u16::from_be_bytes([header[16], header[17]]));
    Ok(Some(if page == 1 { 65_536 } else { page }).filter(|p| p.is_power_of_two() && *p >= 512))
}

/// Whether this process may write `path` (its effective ids; false on a read-only filesystem),
/// and if not, the reason.
pub fn writable(path: &Path) -> std::result::Result<(), std::io::Error> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: a NUL-terminated path and constant flags; faccessat only reads them.
    let rc = unsafe { libc::faccessat(libc::AT_FDCWD, c_path.as_ptr(), libc::W_OK, libc::AT_EACCESS) };
    if rc == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}
