//! `patctl group ...`: groups (nested namespaces), whose access tokens act through bot users.

mod add;
mod list;
mod remove;
mod show;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl group add infra --name 'Infrastructure'
  patctl group add infra/ci
  patctl create --group infra/ci --name runner --scopes read_api --access-level reporter
  patctl group show infra/ci
  patctl group remove infra/ci --yes";

/// Manage groups (add, list, show, remove) for group access tokens
#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum Command {
    Add(add::Args),
    List(list::Args),
    Show(show::Args),
    Remove(remove::Args),
}

pub fn run(ctx: &mut Context, command: Command) -> Result<Exit> {
    match command {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
    }
}
