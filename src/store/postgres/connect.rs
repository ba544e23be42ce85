//! Reaching a PostgreSQL server: the connection URI (libpq's syntax), where the password comes
//! from, TLS as libpq's `sslmode` means it, the session settings patctl relies on, and every
//! failure to connect as one exit code (69) with a message that names the host and never the
//! password.
//!
//! The client is the synchronous `postgres` crate (no async code in patctl); TLS is rustls with
//! its `ring` provider, through `tokio-postgres-rustls`: pure Rust, no system OpenSSL to match at
//! build or run time, and the same certificate checks on every machine.

mod pgpass;
mod tls;
mod uri;

use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::error::{Error, Exit, Result};

/// Where libpq (as Debian builds it) looks for the server's socket when the URI names no host.
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
pub const DEFAULT_PORT: u16 = 5432;
/// libpq's floor for `connect_timeout`, used for the timeout derived from `--wait` as well.
const MIN_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// The server to reach: a socket directory or a TCP host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Socket(PathBuf),
    Tcp(String),
}

/// libpq's `sslmode` values that patctl supports (`allow` is not one: see [`Target::parse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> Result<SslMode> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            "allow" => {
                return Err(Error::usage("sslmode=allow is not supported")
                    .with_hint("use sslmode=prefer (TLS when the server offers it) or sslmode=disable"));
            }
            other => {
                return Err(Error::usage(format!("invalid sslmode {}", uri::shown(other)))
                    .with_hint("sslmode is one of disable, prefer, require, verify-ca, verify-full"));
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// A PostgreSQL server and database to connect to, parsed from a URI, with where its password
/// may come from. Its `Debug` shows the redacted URI only.
pub struct Target {
    host: Host,
    port: u16,
    user: String,
    dbname: String,
    uri_password: Option<Zeroizing<String>>,
    sslmode: SslMode,
    sslrootcert: Option<PathBuf>,
    /// From the URI's `connect_timeout`: `Some(None)` is libpq's 0, wait for ever.
    connect_timeout: Option<Option<Duration>>,
    application_name: Option<String>,
    options: Option<String>,
    passfile: Option<PathBuf>,
    password_file: Option<PathBuf>,
    redacted: String,
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Target").field(&self.redacted).finish()
    }
}

/// Where the password sent came from, for the hint when the server refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PasswordSource {
    Uri,
    Env,
    File(PathBuf),
    Pgpass(PathBuf),
}

impl fmt::Display for PasswordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordSource::Uri => f.write_str("the URI"),
            PasswordSource::Env => f.write_str("PGPASSWORD"),
            PasswordSource::File(path) => write!(f, "database.password_file {}", path.display()),
            PasswordSource::Pgpass(path) => write!(f, "the password file {}", path.display()),
        }
    }
}

/// The password chosen, or why there is none (what the password file said).
struct Password {
    secret: Option<(Zeroizing<String>, PasswordSource)>,
    pgpass: Option<(PathBuf, pgpass::Lookup)>,
}

impl Target {
    /// Whether `text` is a PostgreSQL URI rather than a SQLite path.
    pub fn is_uri(text: &str) -> bool {
        uri::SCHEMES.iter().any(|scheme| text.starts_with(scheme))
    }

    /// Reads a libpq connection URI: user, password, host (a name, an IP address, or a socket
    /// directory as `?host=/dir`), port, database and the parameters `sslmode`, `sslrootcert`,
    /// `connect_timeout`, `application_name`, `options` and `passfile`. A bad URI is a usage error
    /// (64) that never quotes a password; callers reading it from the config file make it 78.
    /// `password_file` is config `database.password_file`.
    pub fn parse(text: &str, password_file: Option<PathBuf>) -> Result<Target> {
        let parts = uri::split(text)?;
        let host = match parts.host {
            Some(host) if host.starts_with('/') => Host::Socket(PathBuf::from(host)),
            Some(host) => Host::Tcp(host),
            None => Host::Socket(PathBuf::from(DEFAULT_SOCKET_DIR)),
        };
        let port = match parts.port.as_deref() {
            None | Some("") => DEFAULT_PORT,
            Some(port) => port.parse::<u16>().ok().filter(|&p| p > 0).ok_or_else(|| {
                Error::usage(format!("invalid port {} in the PostgreSQL URI", uri::shown(port)))
                    .with_hint("a port is a number from 1 to 65535")
            })?,
        };
        // libpq's defaults: the operating system's user name, and a database named after the user.
        let user = match parts.user {
            Some(user) => user,
            None => os_user_name()?,
        };
        let dbname = parts.dbname.unwrap_or_else(|| user.clone());
        let mut target = Target {
            host,
            port,
            user,
            dbname,
            uri_password: parts.password,
            sslmode: SslMode::Prefer,
            sslrootcert: None,
            connect_timeout: None,
            application_name: None,
            options: None,
            passfile: None,
            password_file,
            redacted: parts.redacted,
        };
        for (name, value) in parts.params {
            target.set(&name, value)?;
        }
        Ok(target)
    }

    fn set(&mut self, name: &str, value: String) -> Result<()> {
        match name {
            "sslmode" => self.sslmode = SslMode::parse(&value)?,
            "sslrootcert" if value == "system" => {
                return Err(Error::usage("sslrootcert=system is not supported")
                    .with_hint("name the PEM file of the CA that signed the server's certificate"));
            }
            "sslrootcert" => self.sslrootcert = Some(PathBuf::from(value)),
            "connect_timeout" => {
                let seconds: i64 = value.trim().parse().map_err(|_| {
                    Error::usage(format!("invalid connect_timeout {}", uri::shown(&value)))
                        .with_hint("connect_timeout is a whole number of seconds (0: wait for ever)")
                })?;
                // As libpq: 0 or less waits for ever, and 1 second is raised to 2.
                self.connect_timeout = Some(match seconds {
                    ..=0 => None,
                    s => Some(Duration::from_secs(s as u64).max(MIN_CONNECT_TIMEOUT)),
                });
            }
            "application_name" => self.application_name = Some(value),
            "options" => self.options = Some(value),
            "passfile" => self.passfile = Some(PathBuf::from(value)),
            other => {
                return Err(Error::usage(format!("unsupported PostgreSQL URI parameter {}", uri::shown(other)))
                    .with_hint("patctl reads host, port, dbname, user, password, sslmode, sslrootcert, connect_timeout, application_name, options and passfile"));
            }
        }
        Ok(())
    }

    /// The URI as given, with any password (`user:PASSWORD@`, `?password=`) replaced by `***`.
    pub fn redacted(&self) -> String {
        self.redacted.clone()
    }

    /// [`Target::redacted`] of a URI that need not be read in full: one it cannot split is not
    /// shown at all.
    pub fn redact(text: &str) -> String {
        uri::split(text).map_or_else(|_| "(not shown: not a URI patctl can read)".into(), |parts| parts.redacted)
    }

    /// The server for messages: `/var/run/postgresql (socket)` or `db.example.org:5432`.
    pub fn host(&self) -> String {
        match &self.host {
            Host::Socket(dir) if self.port == DEFAULT_PORT => format!("{} (socket)", dir.display()),
            Host::Socket(dir) => format!("{} (socket, port {})", dir.display(), self.port),
            Host::Tcp(name) if name.contains(':') => format!("[{name}]:{}", self.port),
            Host::Tcp(name) => format!("{name}:{}", self.port),
        }
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn dbname(&self) -> &str {
        &self.dbname
    }

    /// Whether the URI holds a password: callers warn, as for a token on the command line.
    pub fn password_in_uri(&self) -> bool {
        self.uri_password.is_some()
    }

    /// Connects, waiting at most the connect timeout (the URI's `connect_timeout`, else `wait`,
    /// at least 2 seconds) for the server to answer, and sets `lock_timeout` to `wait` (0 means
    /// fail at once, which PostgreSQL spells 1ms: its own 0 would wait for ever) and
    /// `application_name` to `patctl` unless the URI names one. Any failure is exit 69.
    pub fn connect(&self, wait: Duration) -> Result<postgres::Client> {
        let password = self.password()?;
        let mut config = postgres::Config::new();
        match &self.host {
            Host::Socket(dir) => config.host_path(dir),
            Host::Tcp(name) => config.host(name),
        };
        config.port(self.port).user(&self.user).dbname(&self.dbname);
        config.application_name(self.application_name.as_deref().unwrap_or("patctl"));
        config.options(&self.session_options(wait));
        if let Some((secret, _)) = &password.secret {
            config.password(secret.as_bytes());
        }
        let timeout = self.connect_timeout.unwrap_or(Some(wait.max(MIN_CONNECT_TIMEOUT)));
        if let Some(timeout) = timeout {
            config.connect_timeout(timeout);
        }
        let tls = self.tls().map_err(|why| self.unavailable(why, self.tls_hint()))?;
        let connected = match tls {
            None => in_time(config.ssl_mode(postgres::config::SslMode::Disable).clone(), postgres::NoTls, timeout),
            Some((mode, tls)) => in_time(config.ssl_mode(mode).clone(), tls, timeout),
        };
        connected.map_err(|failure| self.connect_error(failure, &password, timeout))
    }

    /// `-c lock_timeout=...` after the URI's own `options`.
    fn session_options(&self, wait: Duration) -> String {
        let millis = wait.as_millis().clamp(1, i32::MAX as u128);
        let ours = format!("-c lock_timeout={millis}");
        match &self.options {
            Some(given) if !given.trim().is_empty() => format!("{given} {ours}"),
            _ => ours,
        }
    }

    /// The TLS connector for the sslmode; `None` for no TLS (`disable`, and sockets, over which
    /// PostgreSQL never speaks TLS: libpq does not ask for it there either).
    #[allow(clippy::type_complexity)]
    fn tls(&self) -> Result<Option<(postgres::config::SslMode, tokio_postgres_rustls::MakeRustlsConnect)>, String> {
        if self.sslmode == SslMode::Disable || matches!(self.host, Host::Socket(_)) {
            return Ok(None);
        }
        let root = self.root_certificate();
        let (mode, check) = match self.sslmode {
            SslMode::Disable => unreachable!("no TLS, above"),
            SslMode::Prefer => (postgres::config::SslMode::Prefer, tls::Check::Nothing),
            // As libpq: with a root certificate file, require checks the chain as verify-ca does.
            SslMode::Require if root.is_none() => (postgres::config::SslMode::Require, tls::Check::Nothing),
            SslMode::Require | SslMode::VerifyCa => (postgres::config::SslMode::Require, tls::Check::Chain),
            SslMode::VerifyFull => (postgres::config::SslMode::Require, tls::Check::ChainAndName),
        };
        let config = tls::client_config(check, root.as_deref())?;
        Ok(Some((mode, tokio_postgres_rustls::MakeRustlsConnect::new(config))))
    }

    /// `sslrootcert`, else libpq's default `~/.postgresql/root.crt` when it exists.
    fn root_certificate(&self) -> Option<PathBuf> {
        if let Some(path) = &self.sslrootcert {
            return Some(path.clone());
        }
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
        Some(PathBuf::from(home).join(".postgresql").join("root.crt")).filter(|p| p.exists())
    }

    /// The URI's password, else `PGPASSWORD`, else `database.password_file`, else the password
    /// file's first matching line. Only `database.password_file` can fail (exit 78): it was
    /// named, so it must be there and safe.
    fn password(&self) -> Result<Password> {
        let pgpass = pgpass::default_path(self.passfile.as_deref());
        self.password_from(std::env::var_os("PGPASSWORD"), pgpass)
    }

    /// [`Target::password`] with `PGPASSWORD` and the password file's path given.
    fn password_from(&self, env: Option<std::ffi::OsString>, pgpass: Option<PathBuf>) -> Result<Password> {
        if let Some(secret) = &self.uri_password {
            return Ok(Password { secret: Some((secret.clone(), PasswordSource::Uri)), pgpass: None });
        }
        if let Some(secret) = env.filter(|v| !v.is_empty()) {
            let secret = secret.into_string().map_err(|_| Error::usage("PGPASSWORD is not UTF-8 text"))?;
            return Ok(Password { secret: Some((Zeroizing::new(secret), PasswordSource::Env)), pgpass: None });
        }
        if let Some(path) = &self.password_file {
            let secret = read_password_file(path)?;
            return Ok(Password { secret: Some((secret, PasswordSource::File(path.clone()))), pgpass: None });
        }
        let Some(path) = pgpass else {
            return Ok(Password { secret: None, pgpass: None });
        };
        let port = self.port.to_string();
        let wanted = pgpass::Wanted { host: &self.pgpass_host(), port: &port, dbname: &self.dbname, user: &self.user };
        Ok(match pgpass::lookup(&path, &wanted) {
            pgpass::Lookup::Found(secret) => {
                Password { secret: Some((secret, PasswordSource::Pgpass(path))), pgpass: None }
            }
            other => Password { secret: None, pgpass: Some((path, other)) },
        })
    }

    /// The host as the password file names it: `localhost` for the default socket directory,
    /// as libpq matches it.
    fn pgpass_host(&self) -> String {
        match &self.host {
            Host::Socket(dir) if dir == Path::new(DEFAULT_SOCKET_DIR) => "localhost".into(),
            Host::Socket(dir) => dir.display().to_string(),
            Host::Tcp(name) => name.clone(),
        }
    }

    fn unavailable(&self, why: impl fmt::Display, hint: String) -> Error {
        Error::new(Exit::Unavailable, format!("cannot connect to PostgreSQL at {}: {why}", self.host())).with_hint(hint)
    }

    fn tls_hint(&self) -> String {
        match self.sslmode {
            SslMode::VerifyFull => format!(
                "sslmode=verify-full needs sslrootcert naming the CA that signed the server's certificate, and a certificate for {}",
                self.tls_name()
            ),
            SslMode::VerifyCa => "sslmode=verify-ca needs sslrootcert naming the CA that signed the server's certificate".into(),
            SslMode::Require if self.root_certificate().is_some() => {
                "with a root certificate, sslmode=require checks the server's certificate against it (as libpq): check sslrootcert".into()
            }
            _ => "the server must accept TLS connections (ssl = on); sslmode=disable connects without TLS".into(),
        }
    }

    fn tls_name(&self) -> &str {
        match &self.host {
            Host::Tcp(name) => name,
            Host::Socket(_) => "the host",
        }
    }

    /// A failed connection as exit 69, the reason on one line, and the hint that fits it.
    fn connect_error(&self, failure: Failure, password: &Password, timeout: Option<Duration>) -> Error {
        let err = match failure {
            Failure::TimedOut => {
                let waited = timeout.map(|t| format!("within {}s", t.as_secs())).unwrap_or_default();
                return self.unavailable(
                    format!("no answer {waited}"),
                    "is the host reachable and the server up? --wait (or connect_timeout) sets how long patctl waits"
                        .into(),
                );
            }
            Failure::Postgres(err) => err,
        };
        if let Some(db) = err.as_db_error() {
            let reason = one_line(db.message());
            let hint = match db.code().code() {
                "28P01" => self.password_hint(password),
                // pg_hba.conf's reject, no entry, or an unknown role.
                "28000" => format!(
                    "the server does not let user {} reach database {} from here with sslmode={} (see its pg_hba.conf)",
                    self.user,
                    self.dbname,
                    self.sslmode.name()
                ),
                "3D000" => format!("create the database (createdb {}) or name another in the URI", self.dbname),
                "57P03" | "53300" | "57P01" => {
                    "the server is starting, stopping or has no free connection: retry later".into()
                }
                _ => "check the server's log for the connection attempt".into(),
            };
            return self.unavailable(reason, hint);
        }
        let text = chain(&err);
        if text.starts_with("invalid configuration: password missing") {
            return self.unavailable("the server asks for a password and none was given", self.password_hint(password));
        }
        if let Some(why) = text.strip_prefix("error performing TLS handshake: ") {
            return self.unavailable(format!("TLS handshake failed: {why}"), self.tls_hint());
        }
        if text.starts_with("error performing TLS handshake") || text.contains("server does not support TLS") {
            return self.unavailable("the server does not accept TLS", self.tls_hint());
        }
        let why = text.strip_prefix("error connecting to server: ").unwrap_or(&text);
        let hint = match &self.host {
            Host::Socket(dir) => format!(
                "is the server running with its socket in {} (file .s.PGSQL.{})? name the directory with ?host=/DIR",
                dir.display(),
                self.port
            ),
            Host::Tcp(_) => "is the server running there and accepting TCP/IP connections (listen_addresses)?".into(),
        };
        self.unavailable(why, hint)
    }

    fn password_hint(&self, password: &Password) -> String {
        if let Some((_, source)) = &password.secret {
            return format!("check the user ({}) and the password, which came from {source}", self.user);
        }
        match &password.pgpass {
            Some((path, pgpass::Lookup::Unsafe(mode))) => format!(
                "{} was skipped, as libpq skips it: its mode {mode:o} allows group or other access (chmod 600 it)",
                path.display()
            ),
            _ => format!(
                "give the password of {} in PGPASSWORD, config database.password_file or ~/.pgpass (mode 600)",
                self.user
            ),
        }
    }

    /// Connects and asks the server who and what it is: `patctl db ping`.
    pub fn ping(&self, wait: Duration) -> Result<Ping> {
        let mut client = self.connect(wait)?;
        let row = client
            .query_one(
                "SELECT current_setting('server_version'), current_user::text, current_database()::text, \
                 s.ssl, s.version, s.cipher \
                 FROM (SELECT 1) AS one LEFT JOIN pg_stat_ssl AS s ON s.pid = pg_backend_pid()",
                &[],
            )
            .map_err(|e| {
                Error::new(Exit::Unavailable, format!("PostgreSQL at {} failed to answer: {}", self.host(), chain(&e)))
                    .with_hint("check the server's log")
            })?;
        let tls = match row.get::<_, Option<bool>>(3) {
            Some(true) => Some(TlsState { version: row.get(4), cipher: row.get(5) }),
            _ => None,
        };
        Ok(Ping {
            host: self.host(),
            sslmode: self.sslmode.name(),
            server_version: row.get(0),
            user: row.get(1),
            database: row.get(2),
            tls,
        })
    }
}

/// What `patctl db ping` learns from the server.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ping {
    pub host: String,
    pub sslmode: &'static str,
    pub server_version: String,
    pub user: String,
    pub database: String,
    /// `None`: the connection is not encrypted.
    pub tls: Option<TlsState>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TlsState {
    pub version: Option<String>,
    pub cipher: Option<String>,
}

enum Failure {
    Postgres(postgres::Error),
    TimedOut,
}

/// Connects on a thread of its own so that the whole handshake (TCP, TLS, authentication) ends
/// within `timeout`: the crate's own timeout covers the TCP connect only. A thread left behind
/// by a timeout ends with the process.
fn in_time<T>(
    config: postgres::Config,
    tls: T,
    timeout: Option<Duration>,
) -> std::result::Result<postgres::Client, Failure>
where
    T: postgres::tls::MakeTlsConnect<postgres::Socket> + Send + 'static,
    T::TlsConnect: Send,
    T::Stream: Send,
    <T::TlsConnect as postgres::tls::TlsConnect<postgres::Socket>>::Future: Send,
{
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(config.connect(tls));
    });
    let outcome = match timeout {
        Some(timeout) => receiver.recv_timeout(timeout).map_err(|_| Failure::TimedOut)?,
        None => receiver.recv().map_err(|_| Failure::TimedOut)?,
    };
    outcome.map_err(Failure::Postgres)
}

/// The error and its causes, `: `-joined, on one line, without errno suffixes.
fn chain(err: &postgres::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    let mut text = one_line(&text);
    while let Some(at) = text.find(" (os error") {
        let end = text[at..].find(')').map_or(text.len(), |e| at + e + 1);
        text.replace_range(at..end, "");
    }
    text
}

fn one_line(text: &str) -> String {
    crate::domain::text::escape(text.lines().next().unwrap_or(""))
}

/// `database.password_file`: the whole file, line ends trimmed; owned by you or root, writable
/// by nobody else and readable by no other user outside its group. Any problem is exit 78.
fn read_password_file(path: &Path) -> Result<Zeroizing<String>> {
    let shown = path.display();
    let config_error = |e: Error| e.context("database.password_file").with_exit(Exit::Config);
    let (file, meta) =
        crate::input::open(path).map_err(|e| config_error(Error::from(e).context(format!("cannot read {shown}"))))?;
    crate::trust::check_owner_and_mode(path, &meta, "password file").map_err(config_error)?;
    if meta.mode() & 0o004 != 0 {
        return Err(config_error(
            Error::new(
                Exit::Permission,
                format!("password file {shown} is readable by others (mode {:o})", meta.mode() & 0o7777),
            )
            .with_hint(format!("chmod o-r {shown} (600, or 640 for a service's group)")),
        ));
    }
    let mut bytes = crate::input::read(file, &shown.to_string(), crate::input::TOKEN).map_err(config_error)?;
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    if bytes.is_empty() {
        return Err(Error::config(format!("database.password_file {shown} is empty")));
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::config(format!("database.password_file {shown} is not UTF-8 text")))?;
    Ok(Zeroizing::new(text.to_string()))
}

/// The name of the effective user, as libpq takes it for the default user name.
fn os_user_name() -> Result<String> {
    let uid = crate::trust::effective_uid();
    let mut buffer = vec![0 as libc::c_char; 4096];
    // SAFETY: a zeroed passwd filled by getpwuid_r from the buffer given, which outlives its use.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwuid_r(uid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    if rc != 0 || found.is_null() {
        return Err(Error::usage(format!("the PostgreSQL URI names no user, and uid {uid} has no user name"))
            .with_hint("name one: postgresql://USER@HOST/DBNAME"));
    }
    // SAFETY: on success pw_name points at a NUL-terminated string inside `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    Ok(name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests;
