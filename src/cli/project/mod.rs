//! `patctl project ...`: projects, whose access tokens act through bot users.

mod add;
mod list;
mod remove;
mod show;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl project add group/subgroup/project --name 'My project'
  patctl create --project group/subgroup/project --name deploy --scopes read_repository
  patctl project show group/subgroup/project
  patctl project remove group/subgroup/project --yes";

/// Manage projects (add, list, show, remove) for project access tokens
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
