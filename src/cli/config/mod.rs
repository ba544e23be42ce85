//! `patctl config ...`: which configuration patctl runs with, and where it comes from.

mod path;
mod show;

use std::path::PathBuf;

use clap::Subcommand;

use crate::cli::GlobalArgs;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl config show
  patctl config path";

/// Show the effective configuration and the files looked for
#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum Command {
    Show(show::Args),
    Path(path::Args),
}

pub fn run(global: &GlobalArgs, command: Command) -> Result<Exit> {
    match command {
        Command::Show(args) => show::run(global, args),
        Command::Path(args) => path::run(global, args),
    }
}

/// A config file named by `--config` or `PATCTL_CONFIG`, and which of them named it.
fn named_file(global: &GlobalArgs) -> Option<(PathBuf, &'static str)> {
    if let Some(path) = &global.config {
        return Some((path.clone(), "flag --config"));
    }
    std::env::var_os("PATCTL_CONFIG").filter(|v| !v.is_empty()).map(|v| (PathBuf::from(v), "env PATCTL_CONFIG"))
}
