//! `patctl group add`.

use crate::cli::Context;
use crate::domain::group::check_path;
use crate::error::{Exit, Result};
use crate::ops::groups::{self, Added};
use crate::output::groups::GroupAdded;
use crate::output::{Changed, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl group add infra
  patctl group add infra/ci --name 'CI runners' --if-not-exists";

/// Add a group that can have group access tokens
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Full path: GROUP or PARENT/SUBGROUP/..., e.g. infra/ci
    #[arg(value_name = "PATH")]
    pub path: String,

    /// Display name [default: the last path segment]
    #[arg(long)]
    pub name: Option<String>,

    /// Exit 0 and change nothing when the group exists already
    #[arg(long)]
    pub if_not_exists: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    check_path(&args.path)?;
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let (status, group) = match groups::add(&mut store, &args.path, args.name.as_deref(), args.if_not_exists, &stamp)? {
        Added::Created(group) => {
            ctx.printer.note(&format!("added group {} (id {})", group.path, group.id));
            (Status::Added, group)
        }
        Added::Existing(group) => {
            ctx.printer.note(&format!("group {} exists already (id {}); nothing changed", group.path, group.id));
            (Status::Unchanged, group)
        }
    };
    ctx.printer.print_for_scripts(&Changed { status, view: GroupAdded(&group) })?;
    Ok(Exit::Success)
}
