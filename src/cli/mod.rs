//! The command-line layer: clap definitions, one file per subcommand. Commands turn flags into
//! plain values, call `ops`, and hand results to the printer.

mod apply;
mod context;
mod create;
mod list;
mod prompt;
mod revoke;
mod secret_input;
mod show;
mod user;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use context::Context;

use crate::error::{Error, Exit, Result};

const AFTER_HELP: &str = "\
Environment:
  PATCTL_DB        database path (after --db)
  PATCTL_CONFIG    config file path (after --config)
  PATCTL_NOW       fixed clock for reproducible runs: RFC 3339 or YYYY-MM-DD (UTC)
  PATCTL_NO_INPUT  set to 1 to never prompt
  NO_COLOR         disable colours

Exit codes: 0 ok, 1 negative answer, 2 expired tokens found, 64 usage, 65 invalid data,
66 not found, 67 unknown user, 73 cannot create, 74 I/O or corrupt database, 75 busy,
77 permission denied, 78 configuration error.";

/// Administer GitLab-style personal access tokens in a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "patctl", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]
    #[arg(long, global = true, value_name = "PATH")]
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

    /// Never use colours (also: NO_COLOR)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)
    #[arg(long, global = true)]
    pub no_input: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
}

/// Commands, in the order an operator meets them.
#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand)]
    User(user::Command),
    Create(create::Args),
    List(list::Args),
    Show(show::Args),
    Revoke(revoke::Args),
    Apply(apply::Args),
}

fn run(cli: Cli) -> Result<Exit> {
    let mut ctx = Context::new(&cli.global)?;
    let exit = match cli.command {
        Command::User(cmd) => user::run(&mut ctx, cmd),
        Command::Create(args) => create::run(&mut ctx, args),
        Command::List(args) => list::run(&mut ctx, args),
        Command::Show(args) => show::run(&mut ctx, args),
        Command::Revoke(args) => revoke::run(&mut ctx, args),
        Command::Apply(args) => apply::run(&mut ctx, args),
    }?;
    ctx.printer.flush()?;
    Ok(exit)
}

/// The whole program: parse, run, and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { Exit::Usage.code() } else { 0 };
            // --help and --version print to stdout; a closed pipe there is not an error.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => report(&err),
    }
}

fn report(err: &Error) -> ExitCode {
    if err.exit == Exit::Success {
        return ExitCode::SUCCESS; // a broken pipe: the reader has gone, which is fine
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {}", err.message);
    if let Some(hint) = &err.hint {
        let _ = writeln!(stderr, "hint: {hint}");
    }
    ExitCode::from(err.exit.code())
}
