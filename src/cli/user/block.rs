//! `patctl user block`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::complete;
use crate::cli::{Context, prompt};
use crate::error::{Exit, Result};
use crate::ops::users::{self, BlockOutcome};
use crate::output::users::UserDetail;
use crate::output::{Changed, Status};
use crate::store::Access;

/// Block a user: its tokens stop verifying until it is unblocked
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  # On a terminal it asks first; without one (scripts) --yes is needed:\n  patctl user block alice --yes"
)]
pub struct Args {
    /// The user to block
    #[arg(value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub username: String,

    /// Do not ask for confirmation (needed without a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let user = users::find(&store.reader(), &args.username)?;
    if !user.blocked {
        let question = format!("Block user {}? Its tokens stop working until it is unblocked.", user.username);
        if !prompt::confirm(ctx, &question, args.yes, false)? {
            ctx.printer.note("nothing changed");
            return Ok(Exit::Success);
        }
    }
    let (status, user) = match users::set_blocked(&mut store, &user.username, true, &stamp)? {
        BlockOutcome::Changed(user) => {
            ctx.printer.note(&format!("blocked user {}", user.username));
            (Status::Blocked, user)
        }
        BlockOutcome::Unchanged(user) => {
            ctx.printer.note(&format!("user {} was already blocked", user.username));
            (Status::Unchanged, user)
        }
    };
    ctx.printer.print_for_scripts(&Changed { status, view: UserDetail { user: &user, active_tokens: None } })?;
    Ok(Exit::Success)
}
