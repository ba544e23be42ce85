//! `patctl group show`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::error::{Exit, Result};
use crate::ops::groups;
use crate::output::groups::GroupDetail;
use crate::store::Access;

/// Show a group: its members with their roles, and its tokens
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl group show infra/ci\n  patctl group show infra/ci --format json")]
pub struct Args {
    /// The group's full path, e.g. infra/ci
    #[arg(value_name = "PATH", add = ArgValueCompleter::new(complete::group_paths))]
    pub path: String,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let detail = groups::detail(&store.reader(), &args.path, ctx.now)?;
    ctx.printer.print(&GroupDetail(&detail))?;
    Ok(Exit::Success)
}
