//! `patctl db check`: is the database file sound, and does it hold only values patctl can use?

use serde_json::json;

use crate::cli::Context;
use crate::error::{Error, Exit, Result};
use crate::output::humanize::count;
use crate::output::{Changed, Lines, Status};
use crate::store::{Access, Event, Repair, StrayValue};

const EXAMPLES: &str = "\
Examples:
  patctl db check            # PRAGMA quick_check: fast, O(size of the database)
  patctl db check --full     # integrity_check and foreign_key_check as well
  patctl db check --repair   # bring dates an older patctl stored out of range back into it";

/// Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when
/// corrupt, 65 when --repair has dates to fix)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Run integrity_check (which also checks indexes against tables) and foreign_key_check
    #[arg(long)]
    pub full: bool,

    /// Fix the dates and times found outside 1970..9999, in one transaction with an audit event
    #[arg(long)]
    pub repair: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let mut store = ctx.open(if args.repair { Access::Write } else { Access::Inspect })?;
    let problems = store.check(args.full)?;
    let kind = store.check_kind(args.full);
    // A corrupt file is restored, never repaired: its values are not looked at.
    let strays = if problems.is_empty() { store.reader().stray_values()? } else { Vec::new() };
    let (to_fix, kept): (Vec<&StrayValue>, Vec<&StrayValue>) = strays.iter().partition(|s| s.repair != Repair::Keep);
    if args.repair && !to_fix.is_empty() {
        let stamp = ctx.stamp();
        store.write(|w| {
            for stray in &to_fix {
                w.repair_stray_value(stray)?;
            }
            let event = Event {
                action: "db.repair",
                target_type: "database",
                target_id: None,
                username: None,
                token_id: None,
                details: json!({ "repaired": to_fix, "kept": kept }),
            };
            w.record(&stamp, event)
        })?;
    }
    let repaired = args.repair && !to_fix.is_empty();
    let view = Lines {
        lines: problems.iter().map(|problem| crate::domain::text::escape(problem)).chain(strays.iter().map(|stray| {
            match repaired && stray.repair != Repair::Keep {
                true => format!("repaired {}", stray.describe()),
                false => stray.describe(),
            }
        })),
        json: json!({
            "ok": problems.is_empty() && (to_fix.is_empty() || repaired),
            "check": kind,
            "problems": problems,
            "out_of_range": strays,
            "repaired": repaired,
        }),
    };
    // --repair is the one form that may change the database: its record says whether it did.
    match args.repair {
        true => {
            ctx.printer.print(&Changed { status: if repaired { Status::Updated } else { Status::Unchanged }, view })?
        }
        false => ctx.printer.print(&view)?,
    }
    let shown = store.location();
    if !problems.is_empty() {
        ctx.printer.flush()?;
        return Err(Error::io(format!("database is corrupt: {kind} found {}", count(problems.len(), "problem")))
            .with_hint("restore it from a backup (patctl db backup); patctl left the file as it was"));
    }
    if !to_fix.is_empty() && !repaired {
        ctx.printer.flush()?;
        return Err(Error::data(format!(
            "database {shown}: {} outside 1970..9999",
            count(to_fix.len(), "stored value")
        ))
        .with_hint("run `patctl db check --repair` (back it up first with `patctl db backup`)"));
    }
    if repaired {
        ctx.printer.note(&format!(
            "database {shown}: repaired {} in one transaction (audit event db.repair)",
            count(to_fix.len(), "stored value")
        ));
    }
    ctx.printer.note(&format!("database {shown} is sound ({kind}: ok)"));
    Ok(Exit::Success)
}
