//! `patctl user list`.

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::output::users::Users;
use crate::store::Access;

/// List users
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl user list\n  patctl user list --format json")]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let users = store.reader().users()?;
    ctx.printer.print(&Users(&users))?;
    Ok(Exit::Success)
}
