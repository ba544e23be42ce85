//! `patctl show`: every field of one token.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::error::{Exit, Result};
use crate::ops::tokens::{self, Selector};
use crate::output::tokens::TokenDetail;
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl show 42
  patctl show 42 --format json";

/// Show every field of one token (never the token string itself)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The token's id (see patctl list)
    #[arg(value_name = "ID", add = ArgValueCompleter::new(complete::token_ids))]
    pub id: i64,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let settings = ctx.token_settings()?;
    let stamp = ctx.stamp();
    let store = ctx.open(Access::Read)?;
    let token = tokens::find(&store.reader(), &settings, &Selector::Id(args.id), &stamp)?;
    ctx.printer.print(&TokenDetail(&token))?;
    Ok(Exit::Success)
}
