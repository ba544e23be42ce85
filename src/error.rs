//! One error type for the whole tool, and the one place where failures become exit codes.

use std::fmt;

/// The documented exit codes (sysexits.h where one fits). The README's table mirrors this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Success = 0,
    /// A negative answer: verify rejected, expiring tokens found.
    Negative = 1,
    /// check-expiry found expired tokens.
    Expired = 2,
    /// Nagios UNKNOWN: the check could not run (only with `--format nagios`).
    Unknown = 3,
    Usage = 64,
    Data = 65,
    NotFound = 66,
    NoUser = 67,
    CantCreate = 73,
    Io = 74,
    Busy = 75,
    Permission = 77,
    Config = 78,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Every code with its meaning, for `--help` and the README.
    pub const TABLE: &'static [(Exit, &'static str)] = &[
        (Exit::Success, "success"),
        (Exit::Negative, "a negative answer: verify rejected the token, check-expiry found expiring tokens"),
        (Exit::Expired, "check-expiry found expired tokens"),
        (Exit::Unknown, "check-expiry --format nagios could not run the check (Nagios UNKNOWN)"),
        (Exit::Usage, "usage error: unknown flag, missing argument, confirmation needed"),
        (Exit::Data, "invalid data: bad scope, date, duration, token format, policy, conflict"),
        (Exit::NotFound, "not found: token, project or database"),
        (Exit::NoUser, "unknown user"),
        (Exit::CantCreate, "cannot create the database or an output file"),
        (Exit::Io, "I/O error, disk full, corrupt or too-new database"),
        (Exit::Busy, "database busy after the 5 s timeout: retry later"),
        (Exit::Permission, "permission denied (read-only database or directory)"),
        (Exit::Config, "configuration error"),
    ];
}

/// A failure with the exit code it maps to, a one-line message and an optional next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Error { exit, message: message.into(), hint: None }
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
    pub fn unknown_user(username: &str) -> Self {
        let username = crate::domain::text::escape(username);
        Self::new(Exit::NoUser, format!("unknown user '{username}'")).with_hint(format!("patctl user add {username}"))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Prefixes the message with what was being done, keeping the exit code.
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// Maps an I/O error on `path` to the matching exit code.
    pub fn from_io(err: &std::io::Error, what: impl fmt::Display) -> Self {
        use std::io::ErrorKind::*;
        let exit = match err.kind() {
            NotFound => Exit::NotFound,
            PermissionDenied | ReadOnlyFilesystem => Exit::Permission,
            _ => Exit::Io,
        };
        Self::new(exit, format!("{what}: {}", strip_os_error(err)))
    }
}

/// "Permission denied (os error 13)" reads better without the errno.
fn strip_os_error(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
