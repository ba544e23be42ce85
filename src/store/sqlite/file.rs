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
                check_sidecar(&side, &meta)?;
                present.push((side, meta.uid()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::from(e).context(format!("cannot inspect {}", side.display()))),
        }
    }
    let dir = directory_of(path);
    let meta = directory_meta(dir)?;
    let mode = meta.mode() & 0o7777;
    let me = effective_uid();
    let hint = "keep the database in a directory only you can write (e.g. under your home), or `chmod go-w` it";
    // Its owner can replace any file in it, sticky or not.
    if meta.uid() != me && meta.uid() != 0 {
        return Err(untrusted(
            format!("directory {} is owned by uid {}, not by you (uid {me}) or root", dir.display(), meta.uid()),
            hint,
        ));
    }
    if mode & 0o022 == 0 {
        return Ok(());
    }
    if mode & 0o1000 == 0 {
        return Err(untrusted(
            format!("directory {} is writable by other users and not sticky (mode {mode:o})", dir.display()),
            hint,
        ));
    }
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

fn directory_meta(dir: &Path) -> Result<Metadata> {
    std::fs::metadata(dir).map_err(|e| Error::from(e).context(format!("cannot inspect {}", dir.display())))
}

/// A sidecar SQLite would read: trusted like the database, and never a second name of some other
/// file (a hard link to it would have SQLite write into that file).
fn check_sidecar(side: &Path, meta: &Metadata) -> Result<()> {
    check_owner_and_mode(side, meta, "database file")?;
    // 0 names: another connection deleted it while we looked, which is no second name.
    if meta.nlink() > 1 {
        return Err(untrusted(
            format!("database file {} has {} names (hard links)", side.display(), meta.nlink()),
            "another user could have linked it there: check it and move it away",
        ));
    }
    Ok(())
}

/// Whether users other than the owner can add files to the database's directory (group or
/// others may write it; [`check_surroundings`] then made sure it is sticky and all of its patctl
/// files are yours). SQLite opens its sidecars by name, so there patctl claims the names first.
pub fn in_shared_directory(path: &Path) -> Result<bool> {
    Ok(directory_meta(directory_of(path))?.mode() & 0o022 != 0)
}

/// The sidecar files patctl made or checked itself before SQLite opened them by name, held open
/// while the connection lives (closing a second descriptor of the `-shm` would drop SQLite's
/// locks on it, so they are dropped after the connection).
#[derive(Default)]
pub struct Claimed {
    files: Vec<(u64, u64, File)>,
}

impl Claimed {
    fn holds(&self, dev: u64, ino: u64) -> bool {
        self.files.iter().any(|(d, i, _)| (*d, *i) == (dev, ino))
    }
}

/// In a shared directory: makes each of `-wal`, `-shm` and `-journal` that is missing (when
/// `create`, with `O_EXCL | O_NOFOLLOW` and the database's mode), and checks each existing one
/// through the descriptor it opens. In a sticky directory nobody else can then remove or replace
/// them, so what SQLite opens by name is what was checked: it never sees a planted file, and
/// since patctl keeps these files (`SQLITE_FCNTL_PERSIST_WAL`), no window opens again later.
pub fn claim_sidecars(path: &Path, db: &Metadata, create: bool) -> Result<Claimed> {
    let mode = db.mode() & 0o777;
    let mut claimed = Claimed::default();
    for suffix in SIDECARS {
        let side = sidecar(path, suffix);
        // Another connection closing may delete its `-wal` or `-shm` between our open and our
        // fstat: that file has no name any more, so the name is claimed again.
        let mut found = claim_one(&side, mode, create)?;
        for _ in 0..4 {
            match &found {
                Some((_, meta)) if meta.nlink() == 0 => found = claim_one(&side, mode, create)?,
                _ => break,
            }
        }
        let Some((file, meta)) = found else { continue };
        check_sidecar(&side, &meta)?;
        // Yours: keep its mode the database's, as SQLite would have made it.
        if meta.uid() == effective_uid() && meta.mode() & 0o777 != mode {
            use std::os::unix::fs::PermissionsExt;
            let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
        }
        claimed.files.push((meta.dev(), meta.ino(), file));
    }
    Ok(claimed)
}

/// Opens (or, when `create`, makes) one sidecar and reads its metadata through the descriptor;
/// `None` when it is missing and not to be made.
fn claim_one(side: &Path, mode: u32, create: bool) -> Result<Option<(File, Metadata)>> {
    let made = if create { crate::new_file::create(side, mode) } else { Err(std::io::ErrorKind::AlreadyExists.into()) };
    let file = match made {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match open_existing(side) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !create => return Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(not_regular(side)),
            Err(e) => return Err(Error::from(e).context(format!("cannot inspect {}", side.display()))),
        },
        Err(e) => return Err(Error::from(e).context(format!("cannot create {}", side.display())).creating()),
    };
    let meta = file.metadata().map_err(|e| Error::from(e).context(format!("cannot inspect {}", side.display())))?;
    if !meta.is_file() {
        return Err(not_regular(side));
    }
    Ok(Some((file, meta)))
}

fn open_existing(side: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC).open(side)
}

fn not_regular(side: &Path) -> Error {
    untrusted(
        format!("{} is not a regular file", side.display()),
        "another user could have planted it: check it and move it away",
    )
}

/// A descriptor of this process and the file it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFile {
    fd: i32,
    dev: u64,
    ino: u64,
    uid: u32,
    mode: u32,
    nlink: u64,
}

/// Every descriptor this process has open (`/proc/self/fd`), with what `fstat` says of it.
pub fn open_files() -> Result<Vec<OpenFile>> {
    let cannot = |e: std::io::Error| {
        Error::from(e)
            .context("cannot list this process's open files (/proc/self/fd)")
            .with_hint("patctl checks the files SQLite opened there; mount /proc")
    };
    // Collected first: the listing's own descriptor is closed before the fstat calls.
    let fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map_err(cannot)?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    Ok(fds
        .into_iter()
        .filter_map(|fd| {
            let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
            // SAFETY: fstat writes a whole `stat` into the buffer when it returns 0.
            if unsafe { libc::fstat(fd, st.as_mut_ptr()) } != 0 {
                return None;
            }
            // SAFETY: initialised by the successful fstat above.
            let st = unsafe { st.assume_init() };
            Some(OpenFile { fd, dev: st.st_dev, ino: st.st_ino, uid: st.st_uid, mode: st.st_mode, nlink: st.st_nlink })
        })
        .collect())
}

/// After SQLite's first read (it then holds the database, `-wal` and `-shm` it uses open): every
/// file it opened is the database inspected, a file claimed, or, in a directory nobody else can
/// write, a sidecar the trust rule allows. Checked on the descriptors, not by name: a file
/// planted, read and unlinked meanwhile is still seen. (As root SQLite chowns the `-wal` and
/// `-shm` it opens to the database's owner, so in a shared directory only identity counts.)
pub fn check_opened(path: &Path, before: &[OpenFile], db: &Metadata, claimed: &Claimed, shared: bool) -> Result<()> {
    let me = effective_uid();
    for file in open_files()?.iter().filter(|f| !before.contains(f)) {
        let known = (file.dev, file.ino) == (db.dev(), db.ino()) || claimed.holds(file.dev, file.ino);
        let trusted = !shared
            && file.mode & libc::S_IFMT == libc::S_IFREG
            // 0: another connection deleted its `-shm` or `-wal` after SQLite opened it.
            && file.nlink <= 1
            && (file.uid == me || file.uid == 0)
            && file.mode & 0o022 == 0;
        if !(known || trusted) {
            return Err(Error::new(
                crate::error::Exit::Permission,
                format!(
                    "database {}: SQLite opened a file patctl had not checked (descriptor {}): the files there changed while patctl opened it",
                    path.display(),
                    file.fd
                ),
            )
            .with_hint("another user may be racing patctl in that directory: check its files; nothing was used or written"));
        }
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
