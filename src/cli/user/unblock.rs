//! `patctl user unblock`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::error::{Exit, Result};
use crate::ops::users::{self, BlockOutcome};
use crate::output::users::UserDetail;
use crate::output::{Changed, Status};
use crate::store::Access;

/// Unblock a user
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl user unblock alice")]
pub struct Args {
    /// The user to unblock
    #[arg(value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub username: String,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let (status, user) = match users::set_blocked(&mut store, &args.username, false, &stamp)? {
        BlockOutcome::Changed(user) => {
            ctx.printer.note(&format!("unblocked user {}", user.username));
            (Status::Unblocked, user)
        }
        BlockOutcome::Unchanged(user) => {
            ctx.printer.note(&format!("user {} was not blocked", user.username));
            (Status::Unchanged, user)
        }
    };
    ctx.printer.print_for_scripts(&Changed { status, view: UserDetail { user: &user, active_tokens: None } })?;
    Ok(Exit::Success)
}
