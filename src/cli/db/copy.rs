//! `patctl db copy --to`: the whole store into an empty store of either engine.

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::output::{Changed, JsonOnly, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl db copy --to 'postgresql://patctl@db.example.org/patctl?sslmode=verify-full'
  patctl --db 'postgresql://patctl@db.example.org/patctl' db copy --to snapshot.db";

/// Copy the whole store into an empty store (SQLite path or PostgreSQL URI), ids kept
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The target: a SQLite path that does not exist yet (or an empty patctl database), or a
    /// PostgreSQL URI of an empty database
    #[arg(long, value_name = "URL_OR_PATH")]
    pub to: String,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let source = ctx.open(Access::Read)?;
    let target = ctx.location_of(&args.to)?;
    let copied = ctx.copy_store(&source, &target)?;
    let tokens = copied.iter().find(|t| t.table == "personal_access_tokens").map_or(0, |t| t.rows);
    let rows: i64 = copied.iter().map(|t| t.rows).sum();
    ctx.printer.note(&format!(
        "copied {} to {} ({rows} rows in {} tables, {tokens} {}; counts and checksums verified)",
        source.location(),
        target.shown(),
        copied.len(),
        if tokens == 1 { "token" } else { "tokens" }
    ));
    let record = serde_json::json!({
        "source": source.location(),
        "target": target.shown(),
        "tables": copied,
    });
    ctx.printer.print(&Changed { status: Status::Created, view: JsonOnly(record) })?;
    Ok(Exit::Success)
}
