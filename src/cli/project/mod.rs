//! `patctl project ...`: projects, whose access tokens act through bot users.

mod add;
mod list;
mod remove;
mod show;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

/// Manage projects (add, list, show, remove) for project access tokens
#[derive(Debug, Subcommand)]
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
