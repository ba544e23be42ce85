//! `patctl group list`.

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::ops::groups;
use crate::output::groups::Groups;
use crate::store::Access;

/// List groups with their member and active token counts
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl group list\n  patctl group list --format json")]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let summaries = groups::list(&store.reader(), ctx.now)?;
    ctx.printer.print(&Groups(&summaries))?;
    Ok(Exit::Success)
}
