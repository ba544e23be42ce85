//! `patctl group remove`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::complete;
use crate::cli::{Context, prompt};
use crate::error::{Exit, Result};
use crate::ops::groups;
use crate::output::groups::GroupRemoved;
use crate::output::humanize::count;
use crate::output::{Changed, Status};
use crate::store::Access;

/// Remove a group: revoke its tokens and delete their bot users
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl group remove infra/ci --yes")]
pub struct Args {
    /// The group's full path, e.g. infra/ci
    #[arg(value_name = "PATH", add = ArgValueCompleter::new(complete::group_paths))]
    pub path: String,

    /// Do not ask for confirmation (needed without a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let group = groups::find(&store.reader(), &args.path)?;
    let active = store.reader().count_active_group_tokens(group.id, ctx.now)?;
    let question = format!(
        "Remove group {} and revoke its {}? Their bot users are deleted.",
        group.path,
        count(usize::try_from(active).unwrap_or(0), "active token")
    );
    if !prompt::confirm(ctx, &question, args.yes, false)? {
        ctx.printer.note("nothing changed");
        return Ok(Exit::Success);
    }
    let revoked = groups::remove(&mut store, &group.path, &stamp)?;
    ctx.printer.note(&format!("removed group {} and revoked {}", group.path, count(revoked.len(), "token")));
    ctx.printer.print_for_scripts(&Changed {
        status: Status::Removed,
        view: GroupRemoved { group: &group, revoked: &revoked },
    })?;
    Ok(Exit::Success)
}
