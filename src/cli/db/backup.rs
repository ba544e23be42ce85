//! `patctl db backup`: an online, consistent copy of the database.

use std::path::PathBuf;

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::output::{Changed, JsonOnly, Status};
use crate::store::{Access, Engine};

const EXAMPLES: &str = "\
Examples:
  patctl db backup /var/backups/patctl-$(date +%F).db
  patctl db backup nightly.db --force     # replace yesterday's copy";

/// Copy the store into a new SQLite file, consistent while others write
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Where to write the copy (created with mode 0600)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Replace PATH if it exists (only once the copy is complete)
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Inspect)?;
    store.backup(&args.path, args.force)?;
    ctx.printer.note(&format!("backed up {} to {}", store.location(), args.path.display()));
    if store.engine() == Engine::Postgres {
        ctx.printer.note("this is a SQLite snapshot of patctl's tables; back up the server itself with pg_dump");
    }
    let record = serde_json::json!({ "database": store.location(), "backup": args.path });
    ctx.printer.print(&Changed { status: Status::Created, view: JsonOnly(record) })?;
    Ok(Exit::Success)
}
