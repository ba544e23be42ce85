//! `patctl db migrate`: apply pending schema migrations now.

use serde_json::json;

use crate::cli::Context;
use crate::error::{Error, Exit, Result};
use crate::output::humanize::count;
use crate::output::{Changed, Lines, Status};
use crate::store::{Access, LATEST_VERSION};

const EXAMPLES: &str = "\
Examples:
  patctl db migrate          # write commands also migrate on open; read commands ask for this";

/// Apply pending schema migrations and say from which version to which (after a quick_check)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Write)?;
    let version = store.schema_version()?;
    // An explicit migration also vouches for the file: refuse a corrupt one.
    let problems = store.check(false)?;
    if !problems.is_empty() {
        return Err(Error::io(format!("database is corrupt: quick_check found {}", count(problems.len(), "problem")))
            .with_hint("see `patctl db check`; restore it from a backup"));
    }
    let (from, to) = store.migrated.unwrap_or((version, version));
    let message = match store.migrated {
        Some((from, to)) => format!("migrated database {} from schema version {from} to {to}", store.location()),
        None => format!("database {} is at schema version {version}: nothing to do", store.location()),
    };
    let status = if store.migrated.is_some() { Status::Updated } else { Status::Unchanged };
    let view =
        Lines { lines: std::iter::once(message), json: json!({ "from": from, "to": to, "latest": LATEST_VERSION }) };
    ctx.printer.print(&Changed { status, view })?;
    Ok(Exit::Success)
}
