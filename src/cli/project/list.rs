//! `patctl project list`.

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::ops::projects;
use crate::output::projects::Projects;
use crate::store::Access;

/// List projects with their member and active token counts
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl project list\n  patctl project list --format json")]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let summaries = projects::list(&store.reader(), ctx.now)?;
    ctx.printer.print(&Projects(&summaries))?;
    Ok(Exit::Success)
}
