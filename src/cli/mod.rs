//! The command-line layer: clap definitions, one file per subcommand. Commands turn flags into
//! plain values, call `ops`, and hand results to the printer.

mod apply;
mod args;
mod audit;
mod check_expiry;
mod complete;
mod completions;
mod config;
mod context;
mod create;
mod db;
mod group;
mod lifecycle;
mod list;
mod man;
mod project;
mod prompt;
mod revoke;
mod rotate;
mod secret_input;
mod show;
mod stop;
mod terminal;
mod usage_error;
mod user;
mod values;
mod verify;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use context::Context;

use crate::error::{Error, Exit, Result};

const EXAMPLES: &str = "\
Examples:
  # The GitLab docs' example: a bot user, a preset token for it, then its revocation
  patctl user add automation-bot --bot
  echo 'token-string-here123' | patctl create --user automation-bot --name 'Automation token' \\
      --scopes read_user,read_repository --token-file -
  echo 'token-string-here123' | patctl revoke --token-file -
  patctl list --state all

  # A generated token for a script, valid 30 days
  TOKEN=$(patctl create --user automation-bot --name ci --scopes api --expires-in 30d --raw)";

const ENVIRONMENT: &str = "\
Environment:
  PATCTL_DB        database path or PostgreSQL URI (after --db)
  PGPASSWORD, PGPASSFILE
                   the PostgreSQL password, and libpq's password file [default: ~/.pgpass]
  PATCTL_CONFIG    config file path (after --config)
  PATCTL_NOW       fixed clock for reproducible runs: RFC 3339 or YYYY-MM-DD, 1970 to 9999
                   in UTC; each run then warns on stderr and marks its audit events
  PATCTL_NO_INPUT  set to 1 to never prompt
  PATCTL_WAIT      how long to wait for a locked database (after --wait)
  NO_COLOR         disable colours (so does TERM=dumb); --color always overrides it
  PAGER            pager for long tables on a terminal [default: less -FRX; empty: none]

Files:
  $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml
                   the configuration (see patctl config path, patctl config show)
  $XDG_DATA_HOME/patctl/patctl.db
                   the default database (~/.local/share/patctl/patctl.db)";

/// The top-level after-help: examples, environment, files, and the exit codes.
fn after_help() -> String {
    let mut text = format!("{EXAMPLES}\n\n{ENVIRONMENT}\n\nExit codes:");
    for exit in Exit::ALL {
        text.push_str(&format!("\n  {:<3} {}", exit.code(), exit.meaning()));
    }
    text
}

/// Administer GitLab-style personal access tokens in a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "patctl", version, after_help = after_help(), propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Database file, or a PostgreSQL URI (postgresql://...) [default: config database.url or database.path, else $XDG_DATA_HOME/patctl/patctl.db]
    #[arg(long, global = true, value_name = "PATH|URI")]
    pub db: Option<PathBuf>,

    /// Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Print only data and errors, no status messages
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Never use colours (also: NO_COLOR); the same as --color never
    #[arg(long, global = true, conflicts_with = "color")]
    pub no_color: bool,

    /// Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]
    #[arg(long, global = true, value_name = "DURATION", value_parser = context::parse_wait_flag)]
    pub wait: Option<std::time::Duration>,

    // How output meets the terminal (see terminal.rs).
    /// Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Show every table column in full, however narrow the terminal
    #[arg(long, global = true)]
    pub wide: bool,

    /// Never page long tables (by default they go through $PAGER, else `less -FRX`)
    #[arg(long, global = true)]
    pub no_pager: bool,
}

pub use terminal::ColorArg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    /// One JSON object per line (audit only)
    Jsonl,
    /// Alias of check-expiry --nagios, kept for scripts written before it
    Nagios,
    /// Prometheus text exposition (check-expiry only)
    Prometheus,
}

impl FormatArg {
    /// The one command a format belongs to, for the formats only one command prints.
    fn only_for(self) -> Option<&'static str> {
        match self {
            FormatArg::Table | FormatArg::Json | FormatArg::Csv => None,
            FormatArg::Jsonl => Some("audit"),
            FormatArg::Nagios | FormatArg::Prometheus => Some("check-expiry"),
        }
    }
}

impl From<FormatArg> for crate::output::Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            // Nagios and Prometheus are check-expiry's own outputs (see `check_expiry_outputs`);
            // everything else it prints is a table.
            FormatArg::Table | FormatArg::Nagios | FormatArg::Prometheus => Self::Table,
            FormatArg::Json => Self::Json,
            FormatArg::Jsonl => Self::JsonLines,
            FormatArg::Csv => Self::Csv,
        }
    }
}

/// Commands, in the order an operator meets them.
#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand)]
    User(user::Command),
    #[command(subcommand)]
    Project(project::Command),
    #[command(subcommand)]
    Group(group::Command),
    Create(create::Args),
    List(list::Args),
    Show(show::Args),
    Verify(verify::Args),
    Rotate(rotate::Args),
    Revoke(revoke::Args),
    CheckExpiry(check_expiry::Args),
    Audit(audit::Args),
    Apply(apply::Args),
    #[command(subcommand)]
    Db(db::Command),
    #[command(subcommand)]
    Config(config::Command),
    Completions(completions::Args),
    Man(man::Args),
}

fn run(cli: Cli) -> Result<Exit> {
    let format = cli.global.format;
    let command_name = match &cli.command {
        Command::CheckExpiry(_) => "check-expiry",
        Command::Audit(_) => "audit",
        _ => "",
    };
    if let Some(owner) = format.only_for().filter(|owner| *owner != command_name) {
        let name = format.to_possible_value().expect("no format is skipped").get_name().to_string();
        return Err(Error::usage(format!("--format {name} is only for {owner}")).with_hint("use table, json or csv"));
    }
    let cli = check_expiry_outputs(cli);
    let nagios = matches!(&cli.command, Command::CheckExpiry(args) if args.nagios);
    let result = dispatch(cli);
    if nagios { check_expiry::nagios_outcome(result) } else { result }
}

/// `--format nagios` (the alias of `--nagios` kept for scripts written before it) and
/// `--format prometheus` are check-expiry's own outputs rather than formats of the printer: they
/// become its arguments.
fn check_expiry_outputs(mut cli: Cli) -> Cli {
    if let Command::CheckExpiry(args) = &mut cli.command {
        args.nagios |= cli.global.format == FormatArg::Nagios;
        args.prometheus = cli.global.format == FormatArg::Prometheus;
    }
    cli
}

fn dispatch(cli: Cli) -> Result<Exit> {
    // Commands that must work without (or despite) a configuration file.
    let command = match cli.command {
        Command::Config(cmd) => return config::run(&cli.global, cmd),
        Command::Completions(args) => return completions::run(&cli.global, args),
        Command::Man(args) => return man::run(&cli.global, args),
        command => command,
    };
    let mut ctx = Context::new(&cli.global)?;
    let exit = match command {
        Command::User(cmd) => user::run(&mut ctx, cmd),
        Command::Project(cmd) => project::run(&mut ctx, cmd),
        Command::Group(cmd) => group::run(&mut ctx, cmd),
        Command::Create(args) => create::run(&mut ctx, args),
        Command::List(args) => list::run(&mut ctx, args),
        Command::Show(args) => show::run(&mut ctx, args),
        Command::Verify(args) => verify::run(&mut ctx, args),
        Command::Rotate(args) => rotate::run(&mut ctx, args),
        Command::Revoke(args) => revoke::run(&mut ctx, args),
        Command::CheckExpiry(args) => check_expiry::run(&mut ctx, args),
        Command::Audit(args) => audit::run(&mut ctx, args),
        Command::Apply(args) => apply::run(&mut ctx, args),
        Command::Db(cmd) => db::run(&mut ctx, cmd),
        Command::Config(_) | Command::Completions(_) | Command::Man(_) => unreachable!("handled above"),
    };
    if exit.is_err() {
        ctx.printer.abandon();
        return exit;
    }
    ctx.printer.flush()?;
    // Every command is done, its database closed: the pager holds no lock.
    ctx.printer.page()?;
    exit
}

/// The whole program: parse, run, and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    complete::complete_if_asked();
    ignore_file_size_signal();
    let (result, json) = match Cli::try_parse() {
        Ok(cli) => {
            let json = cli.global.format == FormatArg::Json;
            (run(cli), json)
        }
        Err(err) if !err.use_stderr() => {
            // --help and --version print to stdout; a closed pipe there is not an error.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => match values::refused_value(&err) {
            // A value a domain parser refused (a malformed date, a duration in the wrong unit)
            // is that parser's error with its exit code (65 for bad data), as when commands
            // parsed their own flags.
            Some(refused) => (values::refused_run(refused), json_requested()),
            None => {
                let text = usage_error_text(&usage_error::render(&err));
                let text = if json_requested() { usage_error_json(&text) } else { text };
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
                if check_expiry::nagios_requested() {
                    // A Nagios check that cannot even parse its arguments is UNKNOWN.
                    check_expiry::print_unknown("invalid arguments (see stderr)");
                    return ExitCode::from(Exit::Unknown.code());
                }
                return ExitCode::from(Exit::Usage.code());
            }
        },
    };
    match result {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            if json {
                report_json(&err)
            } else {
                report(&err)
            }
            ExitCode::from(err.exit().code())
        }
    }
}

/// A write past `ulimit -f` raises SIGXFSZ, whose default action kills the process without a
/// word. Ignored, the write fails with EFBIG instead, which SQLite reports like a full disk: the
/// transaction rolls back and patctl exits 74 saying so.
fn ignore_file_size_signal() {
    // SAFETY: called first thing in main, before any other thread exists; SIG_IGN is a valid handler.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// clap's usage errors in patctl's shape: `error: ...`, then `hint: ...` where clap has a tip
/// (such as the subcommand a misspelled one was meant to be).
fn usage_error_text(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    let mut lines = rendered.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() && lines.peek().is_some_and(|next| next.trim_start().starts_with("tip: ")) {
            continue;
        }
        match line.trim_start().strip_prefix("tip: ") {
            Some(tip) => out.push_str(&format!("hint: {tip}")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Whether the command line asks for `--format json`, for the failures that come before clap has
/// parsed it (as `check_expiry::nagios_requested`).
fn json_requested() -> bool {
    let args: Vec<String> = std::env::args().skip(1).take_while(|a| a != "--").collect();
    args.iter().any(|a| a == "--format=json") || args.windows(2).any(|w| w[0] == "--format" && w[1] == "json")
}

/// A clap usage error (as [`usage_error_text`] made it) as the JSON error object: the message is
/// the `error:` line and the lines under it up to the usage, the hint clap's tip.
fn usage_error_json(text: &str) -> String {
    let mut message = Vec::new();
    let mut hint = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        match line.strip_prefix("hint: ") {
            Some(tip) => hint = Some(tip),
            None if !line.is_empty() => message.push(line.strip_prefix("error: ").unwrap_or(line)),
            None => {}
        }
    }
    crate::output::error_json(Exit::Usage, &message.join(" "), hint)
}

/// The one place a failure is printed: `error: ...`, then `hint: ...` when there is a next step.
/// A broken pipe prints nothing (its exit code is 0): the reader has gone, which is fine.
pub(crate) fn report(err: &Error) {
    if err.is_broken_pipe() {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {}", err.message());
    if let Some(hint) = err.hint() {
        let _ = writeln!(stderr, "hint: {hint}");
    }
}

/// [`report`] for `--format json`: the error object (`schema/error.schema.json`) on one line.
fn report_json(err: &Error) {
    if !err.is_broken_pipe() {
        let _ = std::io::stderr().lock().write_all(crate::output::error_json_of(err).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::{usage_error_json, usage_error_text};

    #[test]
    fn clap_errors_in_json_keep_the_lines_under_the_message() {
        let text = "error: the following required arguments were not provided:\n  --name <NAME>\n\nUsage: patctl create --name <NAME>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_error_json(text),
            "{\"error\":{\"exit_code\":64,\"kind\":\"usage\",\"message\":\"the following required arguments were not provided: --name <NAME>\",\"hint\":null}}\n"
        );
        let tip = usage_error_text(
            "error: unrecognized subcommand 'crete'\n\n  tip: a similar subcommand exists: 'create'\n\nUsage: patctl\n",
        );
        assert!(usage_error_json(&tip).ends_with("\"hint\":\"a similar subcommand exists: 'create'\"}}\n"));
    }

    #[test]
    fn clap_tips_become_hints() {
        let clap = "error: unrecognized subcommand 'crete'\n\n  tip: a similar subcommand exists: 'create'\n\nUsage: patctl [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_error_text(clap),
            "error: unrecognized subcommand 'crete'\nhint: a similar subcommand exists: 'create'\n\nUsage: patctl [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n"
        );
    }
}
