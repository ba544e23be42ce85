//! `patctl project remove`.

use clap_complete::engine::ArgValueCompleter;

use crate::cli::complete;
use crate::cli::{Context, prompt};
use crate::error::{Exit, Result};
use crate::ops::projects;
use crate::output::humanize::count;
use crate::output::projects::ProjectRemoved;
use crate::output::{Changed, Status};
use crate::store::Access;

/// Remove a project: revoke its tokens and delete their bot users
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  patctl project remove group/project --yes")]
pub struct Args {
    /// The project's full path, e.g. group/subgroup/project
    #[arg(value_name = "PATH", add = ArgValueCompleter::new(complete::project_paths))]
    pub path: String,

    /// Do not ask for confirmation (needed without a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let project = projects::find(&store.reader(), &args.path)?;
    let active = store.reader().count_active_project_tokens(project.id, ctx.now)?;
    let question = format!(
        "Remove project {} and revoke its {}? Their bot users are deleted.",
        project.path,
        count(usize::try_from(active).unwrap_or(0), "active token")
    );
    if !prompt::confirm(ctx, &question, args.yes, false)? {
        ctx.printer.note("nothing changed");
        return Ok(Exit::Success);
    }
    let revoked = projects::remove(&mut store, &project.path, &stamp)?;
    ctx.printer.note(&format!("removed project {} and revoked {}", project.path, count(revoked.len(), "token")));
    ctx.printer.print_for_scripts(&Changed {
        status: Status::Removed,
        view: ProjectRemoved { project: &project, revoked: &revoked },
    })?;
    Ok(Exit::Success)
}
