//! The configuration file: `config.toml`, every key optional, unknown keys refused.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::address::{check_email, check_hostname};
use crate::domain::expiry::{ExpiryPolicy, parse_interval, parse_wait};
use crate::domain::secret::{MAX_INPUT_LEN, PresetRule};
use crate::error::{Error, Exit, Result, ResultExt};
use crate::{input, trust};

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database: DatabaseConfig,
    pub tokens: TokensConfig,
    pub expiry: ExpiryConfig,
    pub mail: MailConfig,
    pub project_tokens: ProjectTokensConfig,
    pub service_accounts: ServiceAccountsConfig,
    pub security: SecurityConfig,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// A SQLite file.
    pub path: Option<PathBuf>,
    /// A PostgreSQL server (libpq's URI); never together with `path`.
    pub url: Option<String>,
    /// The PostgreSQL password, the whole file (after the URI's and PGPASSWORD, before ~/.pgpass).
    pub password_file: Option<PathBuf>,
    /// How long to wait for a locked database (after --wait and PATCTL_WAIT).
    pub wait: String,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig { path: None, url: None, password_file: None, wait: "5s".into() }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokensConfig {
    pub prefix: String,
    pub pepper_file: Option<PathBuf>,
    pub preset_min_length: usize,
    pub preset_max_length: usize,
    pub max_lifetime_days: u32,
    pub require_expiry: bool,
    pub enforce_expiry: bool,
    pub last_used_interval: String,
}

impl Default for TokensConfig {
    fn default() -> Self {
        TokensConfig {
            prefix: "glpat-".into(),
            pepper_file: None,
            preset_min_length: 20,
            preset_max_length: 20,
            max_lifetime_days: 365,
            require_expiry: true,
            enforce_expiry: true,
            last_used_interval: "10m".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExpiryConfig {
    pub within_days: u32,
    pub notify_days: Vec<u32>,
}

impl Default for ExpiryConfig {
    fn default() -> Self {
        ExpiryConfig { within_days: 7, notify_days: vec![7] }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    pub sendmail: String,
    pub from: Option<String>,
    pub host: String,
    /// Mail owners when their tokens are created, rotated or revoked (GitLab's notices).
    pub lifecycle: bool,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            sendmail: "/usr/sbin/sendmail -t -oi".into(),
            from: None,
            host: "localhost".into(),
            lifecycle: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectTokensConfig {
    pub default_lifetime_days: u32,
}

impl Default for ProjectTokensConfig {
    fn default() -> Self {
        ProjectTokensConfig { default_lifetime_days: 30 }
    }
}

/// GitLab's `service_access_tokens_expiration_enforced`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceAccountsConfig {
    /// When false, service accounts' tokens may have no expiry even if tokens.require_expiry.
    pub require_expiry: bool,
}

impl Default for ServiceAccountsConfig {
    fn default() -> Self {
        ServiceAccountsConfig { require_expiry: true }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityConfig {
    pub impersonation_enabled: bool,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        SecurityConfig { impersonation_enabled: true }
    }
}

/// Where the configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// No file: every value is a default.
    Defaults,
    File(PathBuf),
}

/// The loaded configuration, with the raw table kept to tell which keys the file set.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub source: Source,
    pub file_keys: toml::Table,
}

impl Loaded {
    /// Whether the file set `section.key`.
    pub fn file_sets(&self, section: &str, key: &str) -> bool {
        self.file_keys.get(section).and_then(|s| s.as_table()).is_some_and(|s| s.contains_key(key))
    }
}

/// The default places looked at, in order: `$XDG_CONFIG_HOME/patctl/config.toml` (or
/// `~/.config/...`), then `/etc/patctl/config.toml`.
pub fn default_paths() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let xdg = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
    let home = std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".config"));
    if let Some(base) = xdg.or(home) {
        paths.push(base.join("patctl").join("config.toml"));
    }
    paths.push(PathBuf::from("/etc/patctl/config.toml"));
    paths
}

/// Loads the named file (which must exist), or else the first default file that exists.
pub fn load(named: Option<&Path>) -> Result<Loaded> {
    let path = match named {
        Some(path) => path.to_path_buf(),
        None => match default_paths().into_iter().find(|p| p.exists()) {
            Some(path) => path,
            None => {
                return Ok(Loaded {
                    config: Config::default(),
                    source: Source::Defaults,
                    file_keys: toml::Table::new(),
                });
            }
        },
    };
    let shown = path.display().to_string();
    let (file, meta) = input::open(&path)
        .context(format!("cannot read config file {shown}"))
        .map_err(|e| e.with_exit(Exit::Config))?;
    // Bounded before anything else, so that `--config /dev/zero` ends at once; too long is bad
    // data like any input beyond its cap (65). Reading decides nothing: the trust check below
    // does, before a byte of it is used.
    let bytes = input::read(file, &format!("config file {shown}"), input::CONFIG_FILE)?;
    // It may name the sendmail command root runs: only its owner (you or root) may write it.
    trust::check_owner_and_mode(&path, &meta, "config file").map_err(|e| e.with_exit(Exit::Config))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| Error::config(format!("config file {shown} is not UTF-8 text")))?;
    parse(text)
        .map(|(config, file_keys)| Loaded { config, source: Source::File(path), file_keys })
        .map_err(|e| e.context(format!("config file {shown}")).with_exit(Exit::Config))
}

/// Parses and checks a configuration text. Errors name the line, the key and what it must be,
/// never the value found (it may be a secret pasted in the wrong place).
pub fn parse(text: &str) -> Result<(Config, toml::Table)> {
    let located = |e: toml::de::Error| {
        let at = e.span().map(|span| span.start.min(text.len()));
        let message = match e.message().trim().split_once(", expected ") {
            // serde's "invalid type: string \"hunter2\", expected a boolean" shows the value.
            Some((found, expected))
                if ["invalid type: ", "invalid value: ", "invalid length "].iter().any(|p| found.starts_with(p)) =>
            {
                let key = at.and_then(|at| key_at(text, at)).unwrap_or_else(|| "a value".into());
                format!("{key} must be {}", expected.trim_end_matches('.'))
            }
            _ => e.message().trim().replace('\n', "; "),
        };
        match at {
            Some(at) => Error::config(format!("line {}: {message}", text[..at].matches('\n').count() + 1)),
            None => Error::config(message),
        }
    };
    let config: Config = toml::from_str(text).map_err(located)?;
    let table: toml::Table = toml::from_str(text).map_err(located)?;
    config.check()?;
    Ok((config, table))
}

/// The dotted key (`tokens.require_expiry`) whose value covers byte `at` of `text`.
fn key_at(text: &str, at: usize) -> Option<String> {
    // A table's own span is its header, not its body: look into every table.
    fn find(table: &toml::de::DeTable<'_>, at: usize) -> Option<Vec<String>> {
        table.iter().find_map(|(key, value)| {
            let inner = match value.get_ref() {
                toml::de::DeValue::Table(inner) => find(inner, at),
                _ => value.span().contains(&at).then(Vec::new),
            };
            inner.map(|mut path| {
                path.insert(0, key.get_ref().to_string());
                path
            })
        })
    }
    let table = toml::de::DeTable::parse(text).ok()?;
    find(table.get_ref(), at).map(|path| path.join("."))
}

impl Config {
    fn check(&self) -> Result<()> {
        let t = &self.tokens;
        if !t.prefix.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')) || t.prefix.len() > 32 {
            return Err(Error::config("tokens.prefix may only hold up to 32 of A-Z a-z 0-9 _ -"));
        }
        if t.preset_min_length == 0
            || t.preset_min_length > t.preset_max_length
            || t.preset_max_length > MAX_INPUT_LEN / 2
        {
            return Err(Error::config(format!(
                "tokens.preset_min_length and preset_max_length must satisfy 1 <= min <= max <= {}",
                MAX_INPUT_LEN / 2
            )));
        }
        if t.max_lifetime_days == 0 || t.max_lifetime_days > 36_500 {
            return Err(Error::config("tokens.max_lifetime_days must be between 1 and 36500"));
        }
        // parse_interval's message quotes the text: say what is expected instead.
        parse_interval(&t.last_used_interval).map_err(|_| {
            Error::config("tokens.last_used_interval must be an interval such as 30s, 10m, 2h, 1d or 1w")
        })?;
        if self.database.path.is_some() && self.database.url.is_some() {
            return Err(Error::config("database.path and database.url are both set")
                .with_hint("keep one: path names a SQLite file, url a PostgreSQL server"));
        }
        // Checked in full when it is used (store::location); the value is never quoted.
        if self
            .database
            .url
            .as_deref()
            .is_some_and(|url| !["postgresql://", "postgres://"].iter().any(|s| url.starts_with(s)))
        {
            return Err(Error::config("database.url must be a PostgreSQL URI (postgresql://...)")
                .with_hint("a SQLite file is database.path"));
        }
        parse_wait(&self.database.wait)
            .map_err(|_| Error::config("database.wait must be 0 or an interval such as 30s, 2m or 1h"))?;
        if self.expiry.within_days > 3650 {
            return Err(Error::config("expiry.within_days must be at most 3650"));
        }
        if self.expiry.notify_days.is_empty() || self.expiry.notify_days.iter().any(|&d| d == 0 || d > 3650) {
            return Err(Error::config("expiry.notify_days must list thresholds between 1 and 3650 days"));
        }
        check_hostname(&self.mail.host)
            .map_err(|why| Error::config(format!("mail.host must be a host name: {why}")))?;
        if let Some(from) = &self.mail.from {
            check_email(from).map_err(|why| {
                Error::config(format!("mail.from must be one address, local@host, with no name or list: {why}"))
            })?;
        }
        if self.project_tokens.default_lifetime_days == 0 {
            return Err(Error::config("project_tokens.default_lifetime_days must be at least 1"));
        }
        Ok(())
    }

    pub fn preset_rule(&self) -> PresetRule {
        PresetRule {
            prefix: self.tokens.prefix.clone(),
            min_len: self.tokens.preset_min_length,
            max_len: self.tokens.preset_max_length,
        }
    }

    pub fn expiry_policy(&self) -> ExpiryPolicy {
        ExpiryPolicy { max_lifetime_days: self.tokens.max_lifetime_days, require_expiry: self.tokens.require_expiry }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_means_defaults() {
        let (config, _) = parse("").unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.tokens.prefix, "glpat-");
        assert_eq!(config.expiry.notify_days, vec![7]);
    }

    #[test]
    fn values_are_read() {
        let (config, table) = parse("[tokens]\nmax_lifetime_days = 30\n[expiry]\nnotify_days = [60, 30, 7]\n").unwrap();
        assert_eq!(config.tokens.max_lifetime_days, 30);
        assert_eq!(config.expiry.notify_days, vec![60, 30, 7]);
        assert!(table["tokens"].as_table().unwrap().contains_key("max_lifetime_days"));
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named_with_their_line() {
        let err = parse("[tokens]\nprefix = \"x-\"\nmax_lifetime = 3\n").unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Config);
        assert!(err.message().starts_with("line 3:"), "{}", err.message());
        assert!(err.message().contains("max_lifetime"), "{}", err.message());
        let err = parse("[tokens]\nrequire_expiry = \"hunter2-secret\"\n").unwrap_err();
        assert_eq!(err.message(), "line 2: tokens.require_expiry must be a boolean");
        let err = parse("[expiry]\nnotify_days = [\n  7,\n  \"s3cret\",\n]\n").unwrap_err();
        assert_eq!(err.message(), "line 4: expiry.notify_days must be u32");
        // A syntax error keeps the parser's words, which describe the grammar, not the value.
        let err = parse("[tokens]\nprefix = \"hunter2").unwrap_err();
        assert_eq!(err.message(), "line 2: invalid basic string, expected `\"`");
        let err = parse("[mail]\nsendmail = 42\n").unwrap_err();
        assert_eq!(err.message(), "line 2: mail.sendmail must be a string");
        let err = parse("[tokens]\nmax_lifetime_days = -5\n").unwrap_err();
        assert_eq!(err.message(), "line 2: tokens.max_lifetime_days must be u32");
        let err = parse("[tokens\n").unwrap_err();
        assert!(err.message().starts_with("line 1:"), "{}", err.message());
        assert!(!err.message().contains('\n'));
    }

    #[test]
    fn inconsistent_values_are_refused() {
        assert!(parse("[tokens]\npreset_min_length = 30\n").is_err());
        assert!(parse("[tokens]\nprefix = \"bad prefix\"\n").is_err());
        assert!(parse("[tokens]\nlast_used_interval = \"soon\"\n").is_err());
        assert!(parse("[expiry]\nnotify_days = []\n").is_err());
    }

    #[test]
    fn a_store_is_a_file_or_a_server_never_both() {
        let (config, _) =
            parse("[database]\nurl = \"postgresql://u@h/db\"\npassword_file = \"/etc/patctl/db.pass\"\n").unwrap();
        assert_eq!(config.database.url.as_deref(), Some("postgresql://u@h/db"));
        let both = parse("[database]\npath = \"/x.db\"\nurl = \"postgresql://u@h/db\"\n").unwrap_err();
        assert_eq!(both.message(), "database.path and database.url are both set");
        let path = parse("[database]\nurl = \"/var/lib/hunter2.db\"\n").unwrap_err();
        assert_eq!(path.message(), "database.url must be a PostgreSQL URI (postgresql://...)");
    }

    #[test]
    fn mail_values_that_would_reach_headers_are_refused_without_being_echoed() {
        let err = parse("[mail]\nhost = \"example.com\\r\\nBcc: eve@evil.example\"\n").unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Config);
        assert_eq!(
            err.message(),
            "mail.host must be a host name: a host name is dot-separated labels of letters, digits and inner hyphens"
        );
        let err = parse("[mail]\nfrom = \"Patctl <a@x>, b@y\"\n").unwrap_err();
        assert!(err.message().starts_with("mail.from must be one address"), "{}", err.message());
        assert!(!err.message().contains("b@y"));
        assert!(parse("[mail]\nfrom = \"patctl@example.org\"\nhost = \"mail.example.org\"\n").is_ok());
        let (config, _) = parse("[mail]\nlifecycle = true\n").unwrap();
        assert!(config.mail.lifecycle && !Config::default().mail.lifecycle);
        assert_eq!(
            parse("[mail]\nlifecycle = \"yes\"\n").unwrap_err().message(),
            "line 2: mail.lifecycle must be a boolean"
        );
    }
}
