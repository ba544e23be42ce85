//! `patctl db ...`: maintenance of the database file.

mod backup;
mod check;
mod copy;
mod migrate;
mod ping;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl db check --full
  patctl db backup /var/backups/patctl-$(date +%F).db
  patctl db migrate
  patctl db copy --to 'postgresql://patctl@db.example.org/patctl'
  patctl db ping";

/// Maintain the database (check, backup, migrate, copy, ping)
#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum Command {
    Check(check::Args),
    Backup(backup::Args),
    Migrate(migrate::Args),
    Copy(copy::Args),
    Ping(ping::Args),
}

pub fn run(ctx: &mut Context, command: Command) -> Result<Exit> {
    match command {
        Command::Check(args) => check::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
        Command::Migrate(args) => migrate::run(ctx, args),
        Command::Copy(args) => copy::run(ctx, args),
        Command::Ping(args) => ping::run(ctx, args),
    }
}
