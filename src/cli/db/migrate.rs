//! `patctl db migrate`: apply pending schema migrations now.

use serde_json::json;

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::output::Format;
use crate::store::{Access, LATEST_VERSION};

const EXAMPLES: &str = "\
Examples:
  patctl db migrate          # every command also migrates on open; this does it explicitly";

/// Apply pending schema migrations and say from which version to which
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Write)?;
    let version = store.schema_version()?;
    let (from, to) = store.migrated.unwrap_or((version, version));
    let message = match store.migrated {
        Some((from, to)) => format!("migrated database {} from schema version {from} to {to}", store.path().display()),
        None => format!("database {} is at schema version {version}: nothing to do", store.path().display()),
    };
    if ctx.printer.format() == Format::Json {
        ctx.printer.json(&json!({ "from": from, "to": to, "latest": LATEST_VERSION }))?;
    } else {
        ctx.printer.line(&message)?;
    }
    Ok(Exit::Success)
}
