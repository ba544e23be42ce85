//! `patctl db check`: is the database file sound?

use serde_json::json;

use crate::cli::Context;
use crate::error::{Error, Exit, Result};
use crate::output::Lines;
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl db check            # PRAGMA quick_check: fast, O(size of the database)
  patctl db check --full     # integrity_check and foreign_key_check as well";

/// Check the database for corruption (exit 0 when sound, 74 otherwise)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Run integrity_check (which also checks indexes against tables) and foreign_key_check
    #[arg(long)]
    pub full: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let store = ctx.open(Access::Inspect)?;
    let problems = store.check(args.full)?;
    let kind = if args.full { "integrity_check, foreign_key_check" } else { "quick_check" };
    ctx.printer.print(&Lines {
        lines: problems.iter().map(|problem| crate::domain::text::escape(problem)),
        json: json!({ "ok": problems.is_empty(), "check": kind, "problems": problems }),
    })?;
    if problems.is_empty() {
        ctx.printer.note(&format!("database {} is sound ({kind}: ok)", store.path().display()));
        return Ok(Exit::Success);
    }
    ctx.printer.flush()?;
    Err(Error::io(format!("database is corrupt: {kind} found {} problem(s)", problems.len()))
        .with_hint("restore it from a backup (patctl db backup); patctl left the file as it was"))
}
