//! `patctl import ...`: bringing tokens over from elsewhere (read-only on the other side).

mod gitlab;

use clap::Subcommand;

use crate::cli::Context;
use crate::error::{Exit, Result};

const EXAMPLES: &str = "\
Examples:
  patctl import gitlab --from-csv /srv/gitlab-export --dry-run
  patctl import gitlab --from 'postgresql://patctl_reader@db.example.com/gitlabhq_production'";

/// Import tokens from another system (read-only there)
#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum Command {
    Gitlab(gitlab::Args),
}

pub fn run(ctx: &mut Context, command: Command) -> Result<Exit> {
    match command {
        Command::Gitlab(args) => gitlab::run(ctx, args),
    }
}
