//! What every command needs: configuration, clock, database path, printer and terminal facts.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::GlobalArgs;
use crate::config::{self, Loaded};
use crate::domain::expiry::{parse_instant, parse_wait};
use crate::domain::model::Clock;
use crate::domain::secret::pepper_fingerprint;
use crate::error::{Error, Exit, Result};
use crate::ops::Stamp;
use crate::ops::tokens::TokenSettings;
use crate::output::{Format, Printer};
use crate::store::location::{Choices, Location, Origin};
use crate::store::{Access, Store};

/// Where a setting (the database path, the lock wait) came from, for `config show` and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbSource {
    Flag,
    Env,
    Config,
    Default,
}

pub struct Context {
    pub config: Loaded,
    pub now: DateTime<Utc>,
    pub clock: Clock,
    /// The store: a SQLite file or a PostgreSQL server.
    pub location: Location,
    pub db_source: DbSource,
    /// How long to wait for a locked database, and which of --wait, PATCTL_WAIT, the file or
    /// the default set it.
    pub wait: (Duration, DbSource),
    pub printer: Printer,
    /// Prompts are allowed: stdin and stderr are terminals and --no-input was not given.
    pub interactive: bool,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let (now, clock) = clock(global.quiet)?;
        let config_path = global.config.clone().or_else(|| env_path("PATCTL_CONFIG"));
        let config = config::load(config_path.as_deref())?;
        let (location, db_source) = resolve_location(global.db.as_deref(), &config)?;
        let wait = resolve_wait(global.wait, &config)?;
        // The notice is a status message: on a terminal only, and not with --quiet.
        crate::store::set_lock_wait(wait.0, std::io::stderr().is_terminal() && !global.quiet);
        let color = super::terminal::colour(global);
        let format = Format::from(global.format);
        let no_input =
            global.no_input || std::env::var("PATCTL_NO_INPUT").is_ok_and(|v| !matches!(v.as_str(), "" | "0"));
        let interactive = !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let printer = Printer::new(format, color, global.quiet, now, config.config.expiry.within_days)
            .on_screen(super::terminal::screen(global));
        if let Location::Postgres(target) = &location
            && target.password_in_uri()
        {
            printer.warn(password_warning(db_source));
        }
        Ok(Context { config, now, clock, location, db_source, wait, printer, interactive })
    }

    pub fn open(&mut self, access: Access) -> Result<Store> {
        let fingerprint = pepper_fingerprint(&self.pepper()?);
        let store = Store::open_at(&self.location, access, &fingerprint)?;
        for warning in &store.warnings {
            self.printer.warn(warning);
        }
        Ok(store)
    }

    /// The store when there is one yet, for commands that can work without it (a dry run, a
    /// check of the owner before a first create): a SQLite file that does not exist, or a
    /// PostgreSQL database without patctl's tables, is `None`.
    pub fn open_if_present(&mut self, access: Access) -> Result<Option<Store>> {
        let server = matches!(self.location, Location::Postgres(_));
        if self.location.sqlite_path().is_some_and(|path| !path.exists()) {
            return Ok(None);
        }
        match self.open(access) {
            Err(e) if server && e.exit() == Exit::NotFound => Ok(None),
            other => other.map(Some),
        }
    }

    /// Copies `source` into the store at `to` (a URI or a SQLite path): a new SQLite file
    /// appears whole, an existing store must be empty.
    pub fn copy_store(&mut self, source: &Store, to: &Location) -> Result<Vec<crate::store::CopiedTable>> {
        if let Some(path) = to.sqlite_path()
            && std::fs::symlink_metadata(path).is_err()
        {
            return source.copy_to_new_sqlite(path);
        }
        let fingerprint = pepper_fingerprint(&self.pepper()?);
        let mut target = Store::open_at(to, Access::Write, &fingerprint)?;
        for warning in &target.warnings {
            self.printer.warn(warning);
        }
        source.copy_to(&mut target)
    }

    /// Another store named on the command line (`db copy --to`), read as `--db` is.
    pub fn location_of(&self, text: &str) -> Result<Location> {
        let choices = Choices {
            flag: Some(std::ffi::OsStr::new(text)),
            env: None,
            config_url: None,
            config_path: None,
            password_file: self.config.config.database.password_file.as_deref(),
        };
        Ok(Location::resolve(&choices, || Ok(PathBuf::from(text)))?.0)
    }

    /// Who is acting: `SUDO_USER`, else `USER`, else the numeric uid.
    pub fn stamp(&self) -> Stamp {
        let actor = ["SUDO_USER", "USER"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| current_uid().to_string());
        Stamp { now: self.now, actor, clock: self.clock }
    }

    fn pepper(&self) -> Result<Zeroizing<Vec<u8>>> {
        pepper(&self.config)
    }

    pub fn token_settings(&self) -> Result<TokenSettings> {
        let config = &self.config.config;
        Ok(TokenSettings {
            prefix: config.tokens.prefix.clone(),
            pepper: self.pepper()?,
            preset: config.preset_rule(),
            expiry: config.expiry_policy(),
            service_accounts_require_expiry: config.service_accounts.require_expiry,
        })
    }
}

/// The pepper of `tokens.pepper_file`; empty without one.
fn pepper(config: &Loaded) -> Result<Zeroizing<Vec<u8>>> {
    let Some(path) = &config.config.tokens.pepper_file else {
        return Ok(Zeroizing::new(Vec::new()));
    };
    let mut bytes = crate::input::read_path(path, crate::input::TOKEN)
        .map_err(|e| e.context("tokens.pepper_file").with_exit(Exit::Config))?;
    // A trailing newline from an editor is not part of the pepper.
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    Ok(bytes)
}

/// The database as shell completion finds it: `db` and `config` as the command line being
/// completed gives them, else as any command would. Read-only (never created or migrated); no
/// clock, and the store's warnings are dropped, since nothing may reach the completion output.
pub(super) fn open_for_completion(db: Option<&Path>, config: Option<&Path>) -> Result<Store> {
    let config_path = config.map(Path::to_path_buf).or_else(|| env_path("PATCTL_CONFIG"));
    let config = config::load(config_path.as_deref())?;
    let fingerprint = pepper_fingerprint(&pepper(&config)?);
    Store::open_at(&resolve_location(db, &config)?.0, Access::Read, &fingerprint)
}

/// The clock: `PATCTL_NOW` when set, else the system's. A fixed clock is announced on stderr
/// first and once per run, before anything can fail, so that a clock left set in a shell or a
/// unit file cannot go unnoticed (a note: `--quiet` silences it).
pub(super) fn clock(quiet: bool) -> Result<(DateTime<Utc>, Clock)> {
    let (now, clock) = match std::env::var("PATCTL_NOW") {
        Ok(text) if !text.is_empty() => {
            (parse_instant(&text).map_err(|e| e.context("PATCTL_NOW").with_exit(Exit::Usage))?, Clock::Fixed)
        }
        _ => (Utc::now(), Clock::System),
    };
    if clock == Clock::Fixed && !quiet {
        eprintln!("warning: clock fixed by PATCTL_NOW");
    }
    Ok((now, clock))
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// `--db` > `PATCTL_DB` > config `database.url` or `database.path` > `$XDG_DATA_HOME/patctl/patctl.db`;
/// a `postgresql://` URI is a server, anything else a SQLite path.
fn resolve_location(flag: Option<&Path>, config: &Loaded) -> Result<(Location, DbSource)> {
    let env = std::env::var_os("PATCTL_DB");
    let database = &config.config.database;
    let choices = Choices {
        flag: flag.map(Path::as_os_str),
        env: env.as_deref(),
        config_url: database.url.as_deref(),
        config_path: database.path.as_deref(),
        password_file: database.password_file.as_deref(),
    };
    let (location, origin) = Location::resolve(&choices, || {
        let data_home = env_path("XDG_DATA_HOME")
            .or_else(|| env_path("HOME").map(|home| home.join(".local").join("share")))
            .ok_or_else(|| Error::usage("cannot find a home for the database: set --db, PATCTL_DB or HOME"))?;
        Ok(data_home.join("patctl").join("patctl.db"))
    })?;
    let source = match origin {
        Origin::Flag => DbSource::Flag,
        Origin::Env => DbSource::Env,
        Origin::Config => DbSource::Config,
        Origin::Default => DbSource::Default,
    };
    Ok((location, source))
}

/// The warning for a password written in the URI, by where the URI came from.
fn password_warning(source: DbSource) -> &'static str {
    match source {
        DbSource::Flag => {
            "a password in the --db URI is visible to other users (ps) and kept in shell history; prefer PGPASSWORD, config database.password_file or ~/.pgpass"
        }
        DbSource::Env => {
            "a password in the PATCTL_DB URI is kept in the environment and often in shell history; prefer PGPASSWORD, config database.password_file or ~/.pgpass"
        }
        DbSource::Config | DbSource::Default => {
            "a password in config database.url is kept in the config file; prefer config database.password_file or ~/.pgpass"
        }
    }
}

/// `--wait` > `PATCTL_WAIT` > config `database.wait` (checked when loaded) > 5s.
fn resolve_wait(flag: Option<Duration>, config: &Loaded) -> Result<(Duration, DbSource)> {
    if let Some(wait) = flag {
        return Ok((wait, DbSource::Flag));
    }
    if let Ok(text) = std::env::var("PATCTL_WAIT")
        && !text.is_empty()
    {
        return Ok((parse_wait(&text).map_err(|e| e.context("PATCTL_WAIT").with_exit(Exit::Usage))?, DbSource::Env));
    }
    if config.file_sets("database", "wait") {
        return Ok((
            parse_wait(&config.config.database.wait).map_err(|e| e.with_exit(Exit::Config))?,
            DbSource::Config,
        ));
    }
    Ok((crate::store::DEFAULT_WAIT, DbSource::Default))
}

/// clap's parser of `--wait`.
pub(super) fn parse_wait_flag(text: &str) -> std::result::Result<Duration, String> {
    parse_wait(text).map_err(|e| e.message().to_string())
}

fn current_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    // The owner of /proc/self is the real uid, without reaching for libc.
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0)
}
