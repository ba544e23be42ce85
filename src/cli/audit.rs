//! `patctl audit`: the append-only audit trail.

use crate::cli::Context;
use crate::domain::expiry::parse_date;
use crate::error::{Exit, Result};
use crate::store::{Access, AuditFilter};

const EXAMPLES: &str = "\
Examples:
  patctl audit --since 2026-11-01
  patctl audit --action token.revoke --user automation-bot
  patctl audit --token-id 42 --format json

Actions: user.add, user.block, user.unblock, user.delete, project.add, project.remove,
project.member_add, token.create, token.revoke, token.rotate, token.family_revoke,
token.bulk_revoke (and the notification events of check-expiry).";

/// Show the audit trail (oldest first); events never hold a token value
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Events on or after this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,

    /// Events on or before this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,

    /// Only this action, e.g. token.revoke
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,

    /// Only events about this user (as named when the event was recorded)
    #[arg(long, value_name = "USERNAME")]
    pub user: Option<String>,

    /// Only events about this token
    #[arg(long, value_name = "ID")]
    pub token_id: Option<i64>,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let date = |flag: &str, text: Option<&str>| text.map(|t| parse_date(t).map_err(|e| e.context(flag))).transpose();
    let filter = AuditFilter {
        since: date("--since", args.since.as_deref())?,
        until: date("--until", args.until.as_deref())?,
        action: args.action,
        username: args.user,
        token_id: args.token_id,
    };
    let store = ctx.open(Access::Read)?;
    let reader = store.reader();
    let mut list = ctx.printer.event_list()?;
    reader.for_each_event(&filter, |event| list.push(&event))?;
    list.finish()?;
    Ok(Exit::Success)
}
