//! `patctl user show`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::error::{Exit, Result};
use crate::ops::users;
use crate::output::users::UserDetail;
use crate::store::{Access, TokenFilter};

/// Show one user and how many active tokens it owns
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl user show automation-bot")]
pub struct Args {
    /// The user to show
    #[arg(value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub username: String,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Read)?;
    let reader = store.reader();
    let user = users::find(&reader, &args.username)?;
    let mut active = 0;
    let filter = TokenFilter { user_id: Some(user.id), now: Some(ctx.now), ..TokenFilter::default() };
    reader.for_each_token(&filter, ctx.now.date_naive(), |_| {
        active += 1;
        Ok(())
    })?;
    ctx.printer.print(&UserDetail { user: &user, active_tokens: Some(active) })?;
    Ok(Exit::Success)
}
