//! `patctl project show`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::error::{Exit, Result};
use crate::ops::projects;
use crate::output::projects::ProjectDetail;
use crate::store::Access;

/// Show a project: its members with their roles, and its tokens
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  patctl project show group/project\n  patctl project show group/project --format json"
)]
pub struct Args {
    /// The project's full path, e.g. group/subgroup/project
    #[arg(value_name = "PATH", add = ArgValueCompleter::new(complete::project_paths))]
    pub path: String,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let detail = projects::detail(&store.reader(), &args.path, ctx.now.date_naive())?;
    ctx.printer.print(&ProjectDetail(&detail))?;
    Ok(Exit::Success)
}
