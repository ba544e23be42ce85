//! One error type for the whole tool, and the exit codes failures map to. Errors are built where
//! a failure is understood (the store knows that SQLITE_BUSY means "retry later", exit 75), grow
//! context on the way out with [`Error::context`], and are printed once, by `cli::main`.

use std::fmt;
use std::io;

/// Declares [`Exit`] from one table, so that the enum, [`Exit::ALL`], [`Exit::kind`] and
/// [`Exit::meaning`] cannot drift apart: a code exists once, with its name and meaning.
macro_rules! exit_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $kind:literal, $meaning:literal;)+) => {
        /// The documented exit codes (sysexits.h where one fits). `--help`, the man page and the
        /// README's table are all [`Exit::ALL`] with [`Exit::kind`] and [`Exit::meaning`]; a test
        /// compares them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Exit {
            $($(#[$doc])* $variant = $code,)+
        }

        impl Exit {
            /// Every code, in the order of the table.
            pub const ALL: &[Exit] = &[$(Exit::$variant),+];

            /// The code's name in a JSON error object (`"kind"`): sysexits.h's name where the
            /// code is one of its own.
            pub fn kind(self) -> &'static str {
                match self {
                    $(Exit::$variant => $kind,)+
                }
            }

            /// What the code tells a script.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Exit::$variant => $meaning,)+
                }
            }
        }
    };
}

exit_codes! {
    Success = 0, "success", "success";
    Negative = 1, "negative",
        "a negative answer: verify rejected the token, expiring tokens found, a prompt was cancelled";
    Expired = 2, "expired", "check-expiry found expired tokens";
    Unknown = 3, "unknown", "check-expiry --nagios could not run the check (Nagios UNKNOWN)";
    Usage = 64, "usage", "usage error: unknown flag, missing argument, confirmation needed";
    Data = 65, "data",
        "invalid data: bad scope, date, duration, token, email, policy, conflict, input over its cap";
    NotFound = 66, "no_input", "not found: token, project, group, database or input file";
    NoUser = 67, "no_user", "unknown user";
    Unavailable = 69, "unavailable",
        "a service is unavailable: the PostgreSQL server cannot be reached or refused the connection, or sendmail failed for an owner (check-expiry --mail: the report was printed, --once retries them; lifecycle mail: the change stands)";
    CantCreate = 73, "cant_create",
        "cannot create the database or an output file, or a symbolic link is where it would go";
    Io = 74, "io",
        "I/O error, disk full, corrupt, foreign or too-new database, a database that is not a file";
    Busy = 75, "temp_fail",
        "database locked by another process for longer than --wait (default 5s): retry later";
    Permission = 77, "no_perm",
        "permission denied: read-only database or filesystem, unreadable, unwritable or untrusted file";
    Config = 78, "config", "configuration error, or a read of a database that needs patctl db migrate";
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A failure on its way to the boundary: a one-line message, an optional next step, and the
/// exit code it maps to; or a reader of stdout that went away. The fields are private so that
/// context and exit codes change one way: [`Error::context`] and [`Error::with_exit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Failed(Exit),
    /// `patctl list | head -1`: the reader has what it wanted; stop quietly with exit 0.
    BrokenPipe,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        debug_assert!(exit != Exit::Success, "a failure needs a failing exit code");
        Error { kind: Kind::Failed(exit), message: message.into(), hint: None }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }
    pub fn data(message: impl Into<String>) -> Self {
        Self::new(Exit::Data, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Exit::NotFound, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Exit::Config, message)
    }
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(Exit::Io, message)
    }
    pub fn broken_pipe() -> Self {
        Error { kind: Kind::BrokenPipe, message: String::new(), hint: None }
    }

    /// The next step to suggest. Set it where the caller knows what the user was doing.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Prefixes the message with what was being done (`cannot read FILE: ...`), keeping the rest.
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        if self.kind != Kind::BrokenPipe {
            self.message = format!("{what}: {}", self.message);
        }
        self
    }

    /// The same failure under another exit code, for a caller to whom it means something else
    /// (an unreadable pepper file is a configuration error).
    pub fn with_exit(mut self, exit: Exit) -> Self {
        if self.kind != Kind::BrokenPipe {
            self.kind = Kind::Failed(exit);
        }
        self
    }

    /// A file patctl was asked to write that cannot be made: exit 73, unless permission was
    /// denied (77).
    pub fn creating(self) -> Self {
        match self.exit() {
            Exit::NotFound | Exit::Io => self.with_exit(Exit::CantCreate),
            _ => self,
        }
    }

    /// The code the process ends with; 0 for a broken pipe.
    pub fn exit(&self) -> Exit {
        match self.kind {
            Kind::Failed(exit) => exit,
            Kind::BrokenPipe => Exit::Success,
        }
    }
    pub fn is_broken_pipe(&self) -> bool {
        self.kind == Kind::BrokenPipe
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

/// An I/O failure, by its kind; the message is the reason alone, for [`Error::context`] to name
/// the file.
impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        let exit = match err.kind() {
            io::ErrorKind::NotFound => Exit::NotFound,
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => Exit::Permission,
            _ => Exit::Io,
        };
        Error::new(exit, strip_os_error(&err))
    }
}

/// "Permission denied (os error 13)" reads better without the errno.
fn strip_os_error(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// [`Error::context`] for a `Result` whose error converts into [`Error`] (I/O, SQLite, ...):
/// `std::fs::read(path).context(format!("cannot read {shown}"))?`.
pub trait ResultExt<T> {
    fn context(self, what: impl fmt::Display) -> Result<T>;
}

impl<T, E: Into<Error>> ResultExt<T> for std::result::Result<T, E> {
    fn context(self, what: impl fmt::Display) -> Result<T> {
        self.map_err(|e| e.into().context(what))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_once_in_increasing_order() {
        assert!(Exit::ALL.windows(2).all(|w| w[0].code() < w[1].code()));
    }

    /// The rows of the table that follows `heading` in `text`, up to the next blank line.
    fn section<'t>(text: &'t str, heading: &str, first_row: &str) -> Vec<&'t str> {
        let after = &text[text.find(heading).unwrap_or_else(|| panic!("no {heading:?}")) + heading.len()..];
        let rows = &after[after.find(first_row).unwrap_or_else(|| panic!("no table after {heading:?}"))..];
        rows.lines().take_while(|line| !line.is_empty() && *line != ".fi").collect()
    }

    fn document(path: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
    }

    #[test]
    fn the_readme_table_is_the_exit_enum() {
        let expected: Vec<String> = Exit::ALL
            .iter()
            .map(|e| format!("| {} | `{}` | {} |", e.code(), e.kind(), e.meaning().replace('|', "\\|")))
            .collect();
        let readme = document("README.md");
        let rows = section(&readme, "## Exit codes", "| code | kind | meaning |");
        assert_eq!(rows[2..], expected, "README.md's exit codes should read:\n{}", expected.join("\n"));
    }

    #[test]
    fn the_man_page_table_is_the_exit_enum() {
        let expected: Vec<String> =
            Exit::ALL.iter().map(|e| format!("{:<3} {}", e.code(), e.meaning().replace('-', "\\-"))).collect();
        let man = document("man/patctl.1");
        let rows = section(&man, ".SH \"EXIT CODES\"", "0 ");
        assert_eq!(rows, expected, "regenerate man/ (PATCTL_REGENERATE=1 cargo test --test generated)");
    }

    #[test]
    fn every_code_has_its_own_kind() {
        let mut kinds: Vec<&str> = Exit::ALL.iter().map(|e| e.kind()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), Exit::ALL.len());
    }

    #[test]
    fn io_errors_map_by_kind_and_take_context() {
        let err = Error::from(io::Error::from_raw_os_error(13)).context("cannot read f.toml");
        assert_eq!((err.exit(), err.message()), (Exit::Permission, "cannot read f.toml: Permission denied"));
        let missing: Result<()> = Err(io::Error::from(io::ErrorKind::NotFound)).context("cannot write out/x.1");
        let missing = missing.unwrap_err().creating();
        assert_eq!((missing.exit(), missing.message()), (Exit::CantCreate, "cannot write out/x.1: entity not found"));
    }

    #[test]
    fn a_broken_pipe_stays_one_whatever_is_added() {
        let err = Error::broken_pipe().context("listing").with_exit(Exit::Io);
        assert!(err.is_broken_pipe());
        assert_eq!((err.exit(), err.message()), (Exit::Success, ""));
    }
}
