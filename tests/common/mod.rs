//! Shared test harness: a temporary database, a fixed clock, a clean environment, one command
//! builder, one set of output helpers, and the snapshot of what a run shows.

pub mod postgres;
pub mod process;
pub mod schema;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The clock every test runs at unless it says otherwise.
pub const NOW: &str = "2026-11-23T10:00:00Z";
/// The first line on stderr of every run at a fixed clock (only `--quiet` leaves it out).
pub const CLOCK_WARNING: &str = "warning: clock fixed by PATCTL_NOW\n";

/// `text` as a run at a fixed clock shows it on stderr: after [`CLOCK_WARNING`].
pub fn after_clock(text: &str) -> String {
    format!("{CLOCK_WARNING}{text}")
}

/// The GitLab docs' preset token.
pub const PRESET: &str = "token-string-here123";

pub struct Env {
    pub dir: TempDir,
    /// The store: a SQLite file in `dir`, or on the PostgreSQL pass the URI of this test's own
    /// database (as text: it is what `--db` and `PATCTL_DB` take either way).
    pub db: PathBuf,
    pub now: String,
    /// This test's database on the PostgreSQL pass, dropped with the `Env`.
    pub postgres: Option<postgres::TestDatabase>,
}

impl Env {
    /// A store on this run's engine ([`postgres::engine`]), empty: no file yet on SQLite, an empty
    /// database on PostgreSQL.
    pub fn new() -> Self {
        match postgres::engine() {
            postgres::Engine::Sqlite => Env::new_sqlite(),
            postgres::Engine::Postgres => Env::on_server(&postgres::base_uri()),
        }
    }

    /// A store in a SQLite file, whatever the engine of this run: for tests about files.
    pub fn new_sqlite() -> Self {
        let dir = temp_dir();
        let db = dir.path().join("patctl.db");
        Env { dir, db, now: NOW.to_string(), postgres: None }
    }

    /// A store in a new database of its own on the PostgreSQL server `base` names.
    pub fn on_server(base: &str) -> Self {
        let database = postgres::TestDatabase::create(base);
        Env { dir: temp_dir(), db: PathBuf::from(&database.uri), now: NOW.to_string(), postgres: Some(database) }
    }

    pub fn on_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// Whether patctl has made its store yet: the SQLite file exists, or the PostgreSQL database
    /// holds patctl's schema table. What a read of a missing store must not change.
    pub fn has_store(&self) -> bool {
        match &self.postgres {
            None => self.db.exists(),
            Some(_) => dump(&self.db) != "<no database>",
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The one command builder: `patctl` with this database, the fixed clock, and no outside
    /// config or terminal, as a plain `std::process::Command` (for pipes, signals, `pre_exec`).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(process::binary());
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("USER", "tester")
            .env("PATCTL_DB", &self.db)
            .env("PATCTL_NOW", &self.now)
            .env("PATCTL_NO_INPUT", "1");
        cmd
    }

    /// The same command, for assertions; JSON it prints is checked against its schema.
    pub fn cmd(&self) -> Patctl {
        Patctl(Command::from_std(self.std_cmd()))
    }

    /// `patctl ARGS` at another instant.
    pub fn at(&self, now: &str) -> Patctl {
        let mut cmd = self.cmd();
        cmd.env("PATCTL_NOW", now);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    /// Runs with `input` on standard input.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> assert_cmd::assert::Assert {
        self.cmd().args(args).write_stdin(input.to_string()).assert()
    }

    /// Writes the config file the default lookup finds.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("config").join("patctl").join("config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A user, ready to own tokens.
    pub fn user(&self, username: &str, extra: &[&str]) {
        let mut args = vec!["user", "add", username];
        args.extend_from_slice(extra);
        self.run(&args).success();
    }

    /// Creates a token with a preset string and returns its id.
    pub fn preset_token(&self, user: &str, name: &str, scopes: &str, secret: &str, extra: &[&str]) -> i64 {
        let mut args = vec!["create", "--user", user, "--name", name, "--scopes", scopes, "--token-file", "-"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--format", "json"]);
        let out = self.run_with_input(&args, &format!("{secret}\n")).success().get_output().stdout.clone();
        let value: serde_json::Value = serde_json::from_slice(&out).expect("json");
        value["id"].as_i64().expect("id")
    }

    /// Creates a generated token and returns (id, secret).
    pub fn generated_token(&self, user: &str, name: &str, scopes: &str, extra: &[&str]) -> (i64, String) {
        let mut args = vec!["create", "--user", user, "--name", name, "--scopes", scopes, "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.run(&args).success().get_output().stdout.clone();
        let value: serde_json::Value = serde_json::from_slice(&out).expect("json");
        (value["id"].as_i64().unwrap(), value["token"].as_str().unwrap().to_string())
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "json"]);
        let out = self.run(&all).success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out)))
    }

    /// Writes `text` to a file in the temporary directory and returns its path as text.
    pub fn write_file(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// `patctl show ID` as JSON.
    pub fn token(&self, id: i64) -> serde_json::Value {
        self.json(&["show", &id.to_string()])
    }

    /// Every token, whatever its state, as JSON.
    pub fn all_tokens(&self) -> Vec<serde_json::Value> {
        self.json(&["list", "--state", "all"]).as_array().unwrap().clone()
    }

    pub fn usernames(&self) -> Vec<String> {
        self.json(&["user", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap().into())
            .collect()
    }

    /// Runs `patctl ARGS` and returns its [`transcript`].
    pub fn transcript(&self, args: &[&str]) -> String {
        transcript(self.cmd().args(args))
    }

    /// Runs `patctl ARGS` with `input` on standard input and returns its [`transcript`].
    pub fn transcript_with_input(&self, args: &[&str], input: &str) -> String {
        transcript(self.cmd().args(args).write_stdin(input.to_string()))
    }

    /// Every row of every table, plus the schema version: compared before and after a command.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }
}

/// Always /tmp/.tmpXXXXXX, whatever TMPDIR says: tables that show a path are padded to its length,
/// so snapshots need a path of one length (see `snapshot_settings`).
fn temp_dir() -> TempDir {
    tempfile::tempdir_in("/tmp").expect("temp dir")
}

/// `patctl` as [`Env::cmd`] builds it: an `assert_cmd::Command` (which it derefs to) whose
/// `assert` and `output` also check the JSON the run printed against its command's schema
/// ([`schema::check_run`]), so that every test printing JSON tests the contract too.
pub struct Patctl(Command);

impl std::ops::Deref for Patctl {
    type Target = Command;
    fn deref(&self) -> &Command {
        &self.0
    }
}

impl std::ops::DerefMut for Patctl {
    fn deref_mut(&mut self) -> &mut Command {
        &mut self.0
    }
}

impl Patctl {
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.0.arg(arg);
        self
    }
    pub fn args<S: AsRef<OsStr>>(&mut self, args: impl IntoIterator<Item = S>) -> &mut Self {
        self.0.args(args);
        self
    }
    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.0.env(key, value);
        self
    }
    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.0.env_remove(key);
        self
    }
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Self {
        self.0.write_stdin(input);
        self
    }
    pub fn assert(&mut self) -> assert_cmd::assert::Assert {
        let run = self.0.assert();
        schema::check_run(self.0.get_args(), run.get_output());
        run
    }
    pub fn output(&mut self) -> std::io::Result<Output> {
        let out = self.0.output()?;
        schema::check_run(self.0.get_args(), &out);
        Ok(out)
    }
}

/// Every row of every table of the store `db` names, plus its schema version, the same text for
/// the same data on either engine; `<no database>` when there is no store yet.
pub fn dump(db: &Path) -> String {
    if postgres::is_uri(db) {
        return postgres::dump(&db.to_string_lossy());
    }
    if !db.exists() {
        return "<no database>".into();
    }
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = String::new();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    out.push_str(&format!("user_version={version}\n"));
    let mut tables: Vec<String> = conn
        // SQLite's own tables (sqlite_sequence, sqlite_stat1) have no PostgreSQL counterpart.
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables.sort();
    for table in tables {
        out.push_str(&format!("[{table}]\n"));
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                let values: rusqlite::Result<Vec<_>> =
                    columns.iter().enumerate().map(|(i, name)| Ok((name.clone(), row.get(i)?))).collect();
                Ok(dump_row(values?))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The rows `sql` selects from the store `db` names, on either engine (write SQL both accept:
/// literals rather than parameters, see [`quote`]).
pub fn query(db: &Path, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    if postgres::is_uri(db) {
        return postgres::query(&db.to_string_lossy(), sql);
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let columns = stmt.column_count();
    stmt.query_map([], |row| (0..columns).map(|i| row.get(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs `sql` (statements without results, such as a tampering an older patctl might have done)
/// on the store `db` names, on either engine.
pub fn execute(db: &Path, sql: &str) {
    if postgres::is_uri(db) {
        return postgres::execute(&db.to_string_lossy(), sql);
    }
    rusqlite::Connection::open(db).unwrap().execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Tries `sql` on the store `db` names; the error's text when it fails.
pub fn try_execute(db: &Path, sql: &str) -> Result<(), String> {
    if postgres::is_uri(db) {
        return postgres::connect(&db.to_string_lossy()).batch_execute(sql).map_err(|e| e.to_string());
    }
    rusqlite::Connection::open(db).unwrap().execute_batch(sql).map_err(|e| e.to_string())
}

/// Another writer in the middle of its transaction, until dropped (its connection then closes and
/// the transaction rolls back).
pub struct WriteLock {
    _connection: Box<dyn std::any::Any>,
}

/// Holds the store's write lock as another patctl in the middle of a write does: SQLite's
/// `BEGIN IMMEDIATE`; on PostgreSQL the transaction-level advisory lock every patctl write takes
/// first (`WRITE_LOCK` in src/store/postgres: "PATC").
pub fn hold_write_lock(db: &Path) -> WriteLock {
    if postgres::is_uri(db) {
        let mut client = postgres::connect(&db.to_string_lossy());
        client.batch_execute("BEGIN; SELECT pg_advisory_xact_lock(1346458691)").unwrap();
        return WriteLock { _connection: Box::new(client) };
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    WriteLock { _connection: Box::new(conn) }
}

/// `text` as a SQL string literal, the same on both engines.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// One row of a [`dump`]: its values in the order of their columns' names (the engines' schemas
/// may declare columns in other orders: SQLite's later ones were added at the end).
fn dump_row(mut values: Vec<(String, rusqlite::types::Value)>) -> String {
    values.sort_by(|a, b| a.0.cmp(&b.0));
    values.iter().map(|(_, v)| format!("{v:?}")).collect::<Vec<_>>().join("|")
}

/// Everything the store holds, to search for secrets: every byte of the SQLite file and its WAL,
/// or on PostgreSQL every value of every table (its [`dump`]).
pub fn database_bytes(db: &Path) -> Vec<u8> {
    if postgres::is_uri(db) {
        return dump(db).into_bytes();
    }
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        if let Ok(b) = std::fs::read(&path) {
            bytes.extend(b);
        }
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A path in this repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// What a test reads of a finished command: an `assert_cmd` assertion or a plain `Output`.
pub trait Captured {
    fn output(&self) -> &Output;
}

impl Captured for Output {
    fn output(&self) -> &Output {
        self
    }
}

impl Captured for assert_cmd::assert::Assert {
    fn output(&self) -> &Output {
        self.get_output()
    }
}

pub fn stdout(run: &impl Captured) -> String {
    String::from_utf8_lossy(&run.output().stdout).into_owned()
}

pub fn stderr(run: &impl Captured) -> String {
    String::from_utf8_lossy(&run.output().stderr).into_owned()
}

/// The exit code; a death by signal is -1.
pub fn code(run: &impl Captured) -> i32 {
    run.output().status.code().unwrap_or(-1)
}

/// Runs `cmd` and returns everything a user or script sees of it, for a whole-output snapshot:
/// the command line, the exit code, and stdout and stderr byte for byte (an empty one is left out;
/// a carriage return shown as ␍, a missing final newline marked).
pub fn transcript(cmd: &mut Command) -> String {
    let mut words = environment_words(cmd);
    words.push("patctl".to_string());
    words.extend(cmd.get_args().map(shell_word));
    let out = cmd.output().expect("run patctl");
    schema::check_run(cmd.get_args(), &out);
    let mut text = format!("$ {}\nexit {}\n", words.join(" "), code(&out));
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if bytes.is_empty() {
            continue;
        }
        // A carriage return is shown, since the snapshot compares lines and would lose it.
        let shown = String::from_utf8_lossy(bytes).replace('\r', "␍");
        let shown = match postgres_store(cmd) {
            Some(uri) => tables_as_on_sqlite(&shown, &uri),
            None => shown,
        };
        text.push_str(&format!("--- {name}\n{shown}"));
        if !bytes.ends_with(b"\n") {
            text.push_str("\n[no newline at the end]\n");
        }
    }
    text
}

/// The PostgreSQL URI `cmd`'s `PATCTL_DB` names, if it names one.
fn postgres_store(cmd: &Command) -> Option<String> {
    cmd.get_envs()
        .find(|(key, _)| *key == "PATCTL_DB")
        .and_then(|(_, value)| value)
        .map(|value| value.to_string_lossy().into_owned())
        .filter(|value| postgres::is_uri(Path::new(value)))
}

/// The width of an `Env`'s SQLite path (`/tmp/.tmpXXXXXX/patctl.db`), which tables are padded to.
const SQLITE_PATH_WIDTH: usize = 25;

/// `text` with each table column holding the URI `uri` as wide as it would be holding an `Env`'s
/// SQLite path, so that a snapshot is the same on both engines once the location reads `[DB]`:
/// in the table (the lines around, up to an empty one) the cell's padding shrinks by the
/// difference wherever it is only spaces.
fn tables_as_on_sqlite(text: &str, uri: &str) -> String {
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let cell: Vec<char> = format!("{uri}  ").chars().collect();
    let sqlite_cell: Vec<char> = format!("{:width$}", "[DB]", width = SQLITE_PATH_WIDTH + 2).chars().collect();
    for i in 0..lines.len() {
        let Some(start) = lines[i].windows(cell.len()).position(|w| w == cell.as_slice()) else { continue };
        let table_start = (0..i).rev().find(|&j| lines[j].is_empty()).map_or(0, |j| j + 1);
        let table_end = (i..lines.len()).find(|&j| lines[j].is_empty()).unwrap_or(lines.len());
        // The columns right of this one start further than on SQLite by the URI's extra length.
        let (from, to) = (start + sqlite_cell.len(), start + cell.len());
        for (j, line) in lines[table_start..table_end].iter_mut().enumerate() {
            if table_start + j == i {
                line.splice(start..to, sqlite_cell.iter().copied());
            } else if line.len() >= to && line[from..to].iter().all(|&c| c == ' ') {
                line.drain(from..to);
            }
        }
    }
    lines.iter().map(|l| l.iter().collect::<String>()).collect::<Vec<_>>().join("\n")
}

/// How `cmd`'s environment differs from [`Env::std_cmd`]'s where it changes what patctl does:
/// `PATCTL_NOW` other than [`NOW`], `PATCTL_CONFIG`, `PATCTL_WAIT` or `TZ` set, or a variable removed.
fn environment_words(cmd: &Command) -> Vec<String> {
    let mut unset = Vec::new();
    let mut set = Vec::new();
    for (key, value) in cmd.get_envs() {
        let key = key.to_string_lossy();
        match value {
            None => unset.push(format!("-u {key}")),
            Some(value) if key == "PATCTL_NOW" && value == NOW => {}
            Some(value) if ["PATCTL_NOW", "PATCTL_CONFIG", "PATCTL_WAIT", "TZ"].contains(&key.as_ref()) => {
                set.push(format!("{key}={}", shell_word(value)))
            }
            Some(_) => {}
        }
    }
    if unset.is_empty() && set.is_empty() {
        return Vec::new();
    }
    let mut words = vec!["env".to_string()];
    words.extend(unset);
    words.extend(set);
    words
}

/// An argument as a shell would need it written.
fn shell_word(arg: &OsStr) -> String {
    let arg = arg.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./,:=@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.into_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The snapshot settings: the only things redacted are the truly random ones, generated token
/// strings and the temporary directory of [`Env`], and the store's location, which differs by
/// engine (`[DB]`).
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // The transcript names the command it ran; the Rust expression that ran it adds nothing.
    settings.set_omit_expression(true);
    settings.add_filter(r"glpat-[A-Za-z0-9_-]{20}", "[generated token]");
    // Where the store is, the same token on both engines: an `Env`'s SQLite file or its database
    // on the PostgreSQL pass (any `t_<pid>_<n>` on the server, whichever test made it).
    // In a table (a cell padded with spaces) as wide as the path it replaces, so columns stay aligned.
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]{6}/patctl\.db  ", format!("{:27}", "[DB]"));
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]{6}/patctl\.db\b", "[DB]");
    if postgres::on_postgres() {
        let any_test_database = postgres::with_database(&postgres::base_uri(), "t_PID_N");
        // Quoted as a shell word too (its `?`), as a command line in a transcript shows it.
        let pattern = regex_escape(&any_test_database).replace("t_PID_N", "t_[0-9]+_[0-9]+");
        settings.add_filter(&format!("'{pattern}'|{pattern}"), "[DB]");
    }
    // As long as the path it replaces, so that table columns stay aligned.
    settings.add_filter(r"/tmp/\.tmp[A-Za-z0-9]{6}", "[temporary dir]");
    settings
}

/// `text` matched literally in an insta filter's regex.
fn regex_escape(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// A test about SQLite files (modes, WAL, journals, fixtures, paths): returns at once on the
/// PostgreSQL pass, saying so in one line, with `$reason`.
macro_rules! sqlite_only {
    ($reason:expr) => {
        if $crate::common::postgres::on_postgres() {
            eprintln!("{}: SQLite-only ({}): not run on PostgreSQL", $crate::common::postgres::test_name(), $reason);
            return;
        }
    };
}

/// A test of a shared PostgreSQL store: returns at once on the SQLite pass, saying so in one line.
macro_rules! postgres_only {
    () => {
        if !$crate::common::postgres::on_postgres() {
            eprintln!(
                "{}: PostgreSQL-only: runs on the PostgreSQL pass ({})",
                $crate::common::postgres::test_name(),
                $crate::common::postgres::URI_VAR
            );
            return;
        }
    };
}

/// A [`snapshot!`] of output that names the engine itself (`config show`'s store line and
/// `database.path`/`database.url` rows): one snapshot per engine, `NAME@postgresql.snap` on the
/// PostgreSQL pass.
macro_rules! engine_snapshot {
    ($value:expr) => {{
        let mut settings = $crate::common::snapshot_settings();
        if $crate::common::postgres::on_postgres() {
            settings.set_snapshot_suffix("postgresql");
        }
        settings.bind(|| insta::assert_snapshot!($value))
    }};
}

/// A whole-output snapshot under `tests/snapshots/`, with [`snapshot_settings`]. Accept new or
/// changed ones with `INSTA_UPDATE=always cargo test` and review the diff.
macro_rules! snapshot {
    ($value:expr) => {
        $crate::common::snapshot_settings().bind(|| insta::assert_snapshot!($value))
    };
    ($name:expr, $value:expr) => {
        $crate::common::snapshot_settings().bind(|| insta::assert_snapshot!($name, $value))
    };
}
