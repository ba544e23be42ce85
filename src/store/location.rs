//! Which store a command uses: a SQLite file or a PostgreSQL server, chosen once from `--db`,
//! `PATCTL_DB`, config `database.url` / `database.path`, or the default path.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

pub use super::postgres::connect::{Ping, Target, TlsState};
use crate::error::{Error, Exit, Result};

/// The store to open.
#[derive(Debug)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(Box<Target>),
}

/// What named the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env,
    Config,
    Default,
}

/// What may name the store, in the order it is looked at.
pub struct Choices<'a> {
    /// `--db`.
    pub flag: Option<&'a OsStr>,
    /// `PATCTL_DB` (empty counts as unset).
    pub env: Option<&'a OsStr>,
    /// Config `database.url`; the config check refuses it together with `database.path`.
    pub config_url: Option<&'a str>,
    /// Config `database.path`.
    pub config_path: Option<&'a Path>,
    /// Config `database.password_file`, for a PostgreSQL store.
    pub password_file: Option<&'a Path>,
}

impl Location {
    /// `--db` > `PATCTL_DB` > config `database.url` or `database.path` > `default()`. A value
    /// that starts with `postgres://` or `postgresql://` is a server; anything else is a SQLite
    /// path. A bad URI is exit 64 from the command line or environment, 78 from the file.
    pub fn resolve(choices: &Choices, default: impl FnOnce() -> Result<PathBuf>) -> Result<(Location, Origin)> {
        let password_file = choices.password_file.map(Path::to_path_buf);
        let named = |text: &OsStr, origin: Origin, what: &str| -> Result<(Location, Origin)> {
            match text.to_str().filter(|t| Target::is_uri(t)) {
                Some(uri) => Target::parse(uri, password_file.clone())
                    .map(|target| (Location::Postgres(Box::new(target)), origin))
                    .map_err(|e| e.context(what)),
                None => Ok((Location::Sqlite(PathBuf::from(text)), origin)),
            }
        };
        if let Some(flag) = choices.flag {
            return named(flag, Origin::Flag, "--db");
        }
        if let Some(env) = choices.env.filter(|v| !v.is_empty()) {
            return named(env, Origin::Env, "PATCTL_DB");
        }
        if let Some(url) = choices.config_url {
            if !Target::is_uri(url) {
                return Err(Error::config("database.url must be a PostgreSQL URI (postgresql://...)")
                    .with_hint("a SQLite file is database.path"));
            }
            return named(OsStr::new(url), Origin::Config, "database.url").map_err(|e| e.with_exit(Exit::Config));
        }
        if let Some(path) = choices.config_path {
            return Ok((Location::Sqlite(path.to_path_buf()), Origin::Config));
        }
        Ok((Location::Sqlite(default()?), Origin::Default))
    }

    /// The engine's name, for `config show` and messages: `sqlite` or `postgresql`.
    pub fn engine(&self) -> &'static str {
        match self {
            Location::Sqlite(_) => "sqlite",
            Location::Postgres(_) => "postgresql",
        }
    }

    /// The path, or the URI with any password as `***`.
    pub fn shown(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(target) => target.redacted(),
        }
    }

    /// The SQLite path, if the store is a file.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }
}

impl super::Store {
    /// Opens the store at `location`, whichever engine it is.
    pub fn open_at(location: &Location, access: super::Access, pepper_fingerprint: &str) -> Result<super::Store> {
        match location {
            Location::Sqlite(path) => super::Store::open(path, access, pepper_fingerprint),
            Location::Postgres(target) => super::Store::open_postgres(target, access, pepper_fingerprint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(choices: &Choices) -> Result<(Location, Origin)> {
        Location::resolve(choices, || Ok(PathBuf::from("/default.db")))
    }

    const NONE: Choices = Choices { flag: None, env: None, config_url: None, config_path: None, password_file: None };

    #[test]
    fn the_first_of_flag_env_file_and_default_wins() {
        let uri = OsStr::new("postgresql://u@h/db");
        let (loc, origin) = resolve(&Choices { flag: Some(OsStr::new("a.db")), env: Some(uri), ..NONE }).unwrap();
        assert_eq!((loc.engine(), loc.shown(), origin), ("sqlite", "a.db".to_string(), Origin::Flag));
        let (loc, origin) =
            resolve(&Choices { env: Some(uri), config_path: Some(Path::new("/c.db")), ..NONE }).unwrap();
        assert_eq!((loc.engine(), origin), ("postgresql", Origin::Env));
        let (loc, origin) =
            resolve(&Choices { env: Some(OsStr::new("")), config_url: Some("postgres://u@h/db"), ..NONE }).unwrap();
        assert_eq!((loc.engine(), origin), ("postgresql", Origin::Config));
        let (loc, origin) = resolve(&Choices { config_path: Some(Path::new("/c.db")), ..NONE }).unwrap();
        assert_eq!((loc.sqlite_path(), origin), (Some(Path::new("/c.db")), Origin::Config));
        let (loc, origin) = resolve(&NONE).unwrap();
        assert_eq!((loc.sqlite_path(), origin), (Some(Path::new("/default.db")), Origin::Default));
    }

    #[test]
    fn only_the_two_schemes_are_servers() {
        for path in ["postgres.db", "POSTGRES://h/db", "./postgresql://h", "mysql://h/db"] {
            let (loc, _) = resolve(&Choices { flag: Some(OsStr::new(path)), ..NONE }).unwrap();
            assert_eq!(loc.sqlite_path(), Some(Path::new(path)));
        }
    }

    #[test]
    fn a_bad_uri_is_usage_from_the_command_line_and_config_from_the_file() {
        let bad = "postgresql://u:hunter2@h:99999/db";
        let err = resolve(&Choices { flag: Some(OsStr::new(bad)), ..NONE }).unwrap_err();
        assert_eq!((err.exit(), err.message()), (Exit::Usage, "--db: invalid port \"99999\" in the PostgreSQL URI"));
        let err = resolve(&Choices { config_url: Some(bad), ..NONE }).unwrap_err();
        assert_eq!(err.exit(), Exit::Config);
        assert!(err.message().starts_with("database.url: "), "{}", err.message());
        let err = resolve(&Choices { config_url: Some("/var/lib/patctl.db"), ..NONE }).unwrap_err();
        assert_eq!(err.exit(), Exit::Config);
    }

    #[test]
    fn a_password_is_never_shown() {
        let uri = OsStr::new("postgresql://u:hunter2@h/db?password=hunter3");
        let (loc, _) = resolve(&Choices { flag: Some(uri), ..NONE }).unwrap();
        assert_eq!(loc.shown(), "postgresql://u:***@h/db?password=***");
        assert!(!format!("{loc:?}").contains("hunter"), "{loc:?}");
    }
}
