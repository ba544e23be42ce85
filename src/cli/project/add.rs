//! `patctl project add`.

use crate::cli::Context;
use crate::domain::project::check_path;
use crate::error::{Exit, Result};
use crate::ops::projects::{self, Added};
use crate::output::projects::ProjectAdded;
use crate::output::{Changed, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl project add group/subgroup/project
  patctl project add infra/deploy --name 'Deploy scripts' --if-not-exists";

/// Add a project that can have project access tokens
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Full path: NAMESPACE/PROJECT, e.g. group/subgroup/project
    #[arg(value_name = "PATH")]
    pub path: String,

    /// Display name [default: the last path segment]
    #[arg(long)]
    pub name: Option<String>,

    /// Exit 0 and change nothing when the project exists already
    #[arg(long)]
    pub if_not_exists: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    check_path(&args.path)?;
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let (status, project) =
        match projects::add(&mut store, &args.path, args.name.as_deref(), args.if_not_exists, &stamp)? {
            Added::Created(project) => {
                ctx.printer.note(&format!("added project {} (id {})", project.path, project.id));
                (Status::Added, project)
            }
            Added::Existing(project) => {
                ctx.printer
                    .note(&format!("project {} exists already (id {}); nothing changed", project.path, project.id));
                (Status::Unchanged, project)
            }
        };
    ctx.printer.print_for_scripts(&Changed { status, view: ProjectAdded(&project) })?;
    Ok(Exit::Success)
}
