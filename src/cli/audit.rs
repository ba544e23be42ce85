//! `patctl audit`: the append-only audit trail, as a list or as a feed for log shippers.

use std::time::Duration;

use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::cli::values::{DATES, DURATIONS, named};
use crate::domain::when::DayBound;
use crate::error::{Error, Exit, Result};
use crate::output::List;
use crate::store::{Access, AuditEvent, AuditFilter, Reader};

const EXAMPLES: &str = "\
Examples:
  patctl audit --since 2026-11-01
  patctl audit --since 24h                      # the last 24 hours
  patctl audit --action token.revoke --user automation-bot
  patctl audit --token-id 42 --format json

  # A feed for Vector or Fluent Bit: one JSON object per line, from a saved cursor, then each
  # event as it is committed (Ctrl-C, SIGTERM or a closed pipe ends it):
  patctl audit --format jsonl --after-id 1041 --follow

Actions: user.add, user.block, user.unblock, user.delete, project.add, project.remove,
project.member_add, group.add, group.remove, group.member_add, token.create, token.revoke, token.rotate, token.family_revoke,
token.bulk_revoke (and the notification events of check-expiry).";

/// How often `--follow` looks for new events: well under a shipper's patience, and one cheap
/// indexed query per tick.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{DATES}\n\n{DURATIONS}")
}

/// Show the audit trail (oldest first); events never hold a token value
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// Events on or after this day (UTC), or since a time ago: 24h, 30d, yesterday (see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<DayBound>())]
    pub since: Option<DayBound>,

    /// Events on or before this day (UTC), or until a time ago: 24h, 30d (see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<DayBound>())]
    pub until: Option<DayBound>,

    /// Only this action, e.g. token.revoke
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,

    /// Only events about this user (as named when the event was recorded)
    #[arg(long, value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub user: Option<String>,

    /// Only events about this token
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::token_ids))]
    pub token_id: Option<i64>,

    /// Only events after this event id (a log shipper's cursor: the last id it stored)
    #[arg(long, value_name = "ID")]
    pub after_id: Option<i64>,

    /// Keep printing new events as they are committed, checking every second, until
    /// interrupted (SIGINT, SIGTERM) or the reader closes the pipe; needs --format jsonl or csv
    #[arg(long)]
    pub follow: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    if args.follow && !ctx.printer.streams() {
        return Err(Error::usage("--follow prints a stream: it needs --format jsonl or csv")
            .with_hint("patctl audit --follow --format jsonl"));
    }
    let now = ctx.now;
    let mut filter = AuditFilter {
        since: args.since.map(|b| b.since(now).map_err(|e| e.context("--since"))).transpose()?,
        until: args.until.map(|b| b.until(now).map_err(|e| e.context("--until"))).transpose()?,
        action: args.action,
        username: args.user,
        token_id: args.token_id,
        after_id: args.after_id,
    };
    let stop = if args.follow { Some(super::stop::Stop::install()) } else { None };
    let store = ctx.open(Access::Read)?;
    let reader = store.reader();
    let mut list = ctx.printer.list();
    print_new(&reader, &mut filter, &mut list)?;
    if let Some(stop) = stop {
        list.flush()?;
        while stop.wait(POLL_INTERVAL) {
            print_new(&reader, &mut filter, &mut list)?;
            list.flush()?;
        }
    }
    list.finish()?;
    Ok(Exit::Success)
}

/// Prints the events after the filter's cursor and moves the cursor to the last one printed, so
/// each event is printed once, in id order (writers commit one at a time, so ids grow in commit
/// order, and an uncommitted event is never seen).
fn print_new(reader: &Reader<'_>, filter: &mut AuditFilter, list: &mut List<'_, AuditEvent>) -> Result<()> {
    let mut last = filter.after_id;
    reader.for_each_event(filter, |event| {
        last = Some(event.id);
        list.push(&event)
    })?;
    filter.after_id = last;
    Ok(())
}
