//! `patctl user ...`: the users that own tokens.

mod add;
mod block;
mod list;
mod show;
mod unblock;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl user add automation-bot --bot
  patctl user list
  patctl user show automation-bot
  patctl user block alice --yes";

/// Manage users (add, list, show, block, unblock)
#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum Command {
    Add(add::Args),
    List(list::Args),
    Show(show::Args),
    Block(block::Args),
    Unblock(unblock::Args),
}

pub fn run(ctx: &mut Context, command: Command) -> Result<Exit> {
    match command {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Block(args) => block::run(ctx, args),
        Command::Unblock(args) => unblock::run(ctx, args),
    }
}
