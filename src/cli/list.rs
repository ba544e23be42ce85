//! `patctl list`: tokens, filtered as the GitLab personal access tokens API does.

use chrono::{DateTime, Utc};
use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::cli::values::{DATES, DURATIONS, named};
use crate::domain::expiry::Span;
use crate::domain::search::NameSearch;
use crate::domain::when::{DayBound, InstantBound};
use crate::error::{Error, Exit, Result};
use crate::ops::users;
use crate::store::{Access, OwnerType, SortField, StateFilter, TokenFilter};

const EXAMPLES: &str = "\
Examples:
  patctl list                                   # active tokens
  patctl list --state all --user automation-bot
  patctl list --project group/project --state all
  patctl list --group infra/ci                  # group access tokens
  patctl list --expires-before 2027-01-01 --sort expires
  patctl list --expires-before 30d              # expiring within 30 days
  patctl list --created-after 24h --state all   # created in the last 24 hours
  patctl list --last-used-before 2026-06-01 --format csv > stale.csv
  patctl list --unused-for 90d                  # stale: unused for 90 days (or never)
  patctl list --never-used --state all
  patctl list --search 'deploy key'             # names containing both words
  patctl list --revoked true --owner-type bot   # revoked bot tokens, expired or not
  patctl list --sort last_used:desc             # never used first, as GitLab sorts

--search follows GitLab: words of 3 or more characters must all occur in the name (a
\"quoted phrase\" is one word); a query without such a word must equal the whole name.
Case is ignored; % and _ are literal.";

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{DATES}\n\n{DURATIONS}")
}

/// List tokens (default: active ones)
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// Only tokens of this user
    #[arg(long, value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub user: Option<String>,

    /// Only tokens of this project (project access tokens)
    #[arg(long, value_name = "PATH", add = ArgValueCompleter::new(complete::project_paths))]
    pub project: Option<String>,

    /// Only tokens of this group (group access tokens)
    #[arg(long, value_name = "PATH", add = ArgValueCompleter::new(complete::group_paths))]
    pub group: Option<String>,

    /// Which tokens: active, inactive (revoked or expired), revoked, expired, all
    /// [default: active; all when --revoked is given]
    #[arg(long, value_enum)]
    pub state: Option<StateFilter>,

    /// Only revoked tokens (true) or only tokens not revoked (false), expired or not
    #[arg(long, value_name = "true|false")]
    pub revoked: Option<bool>,

    /// Only impersonation tokens (true) or only other tokens (false)
    #[arg(long, value_name = "true|false")]
    pub impersonation: Option<bool>,

    /// Only tokens whose owner is a person, a bot (bot, project bot, ghost) or a service account
    #[arg(long, value_enum)]
    pub owner_type: Option<OwnerType>,

    /// Created at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<InstantBound>())]
    pub created_before: Option<InstantBound>,

    /// Created at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<InstantBound>())]
    pub created_after: Option<InstantBound>,

    /// Last used at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<InstantBound>())]
    pub last_used_before: Option<InstantBound>,

    /// Last used at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<InstantBound>())]
    pub last_used_after: Option<InstantBound>,

    /// Expiring before this date (exclusive), or before a time from now: 30d, 6mo (see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<DayBound>())]
    pub expires_before: Option<DayBound>,

    /// Expiring on or after this date, or after a time from now: 30d, 6mo (see Dates)
    #[arg(long, value_name = "DATE", value_parser = named::<DayBound>())]
    pub expires_after: Option<DayBound>,

    /// Names containing every word of 3+ characters, or equal to a shorter query (as GitLab)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Stale tokens: never used or last used before now minus DURATION (30d, 2w, 6mo, 1y),
    /// and created before then too
    #[arg(long, value_name = "DURATION", value_parser = named::<Span>())]
    pub unused_for: Option<Span>,

    /// Only tokens that were never used
    #[arg(long)]
    pub never_used: bool,

    /// Order: id, name, created, expires or last_used, with :asc or :desc
    #[arg(long, value_name = "FIELD[:asc|:desc]", value_parser = parse_sort, default_value = "id:asc")]
    pub sort: (SortField, bool),
}

fn parse_sort(text: &str) -> std::result::Result<(SortField, bool), String> {
    let (field, direction) = text.split_once(':').unwrap_or((text, "asc"));
    let field = match field {
        "id" => SortField::Id,
        "name" => SortField::Name,
        "created" | "created_at" => SortField::Created,
        "expires" | "expires_at" => SortField::Expires,
        "last_used" | "last_used_at" => SortField::LastUsed,
        _ => return Err("expected id, name, created, expires or last_used".into()),
    };
    match direction {
        "asc" => Ok((field, false)),
        "desc" => Ok((field, true)),
        _ => Err("the direction is :asc or :desc".into()),
    }
}

/// A filter's value at `now`, errors naming the flag.
fn resolved<T, R>(flag: &str, value: Option<T>, resolve: impl Fn(T) -> Result<R>) -> Result<Option<R>> {
    value.map(|v| resolve(v).map_err(|e| e.context(flag))).transpose()
}

/// `now` moved back by a calendar span, keeping the time of day.
fn unused_since(span: Span, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let today = now.date_naive();
    let then = span.before(today).map_err(|e| e.context("--unused-for"))?;
    Ok(now - (today - then))
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let now = ctx.now;
    let mut filter = TokenFilter {
        state: args.state.unwrap_or(if args.revoked.is_some() { StateFilter::All } else { StateFilter::Active }),
        created_before: resolved("--created-before", args.created_before, |b| b.resolve(now))?,
        created_after: resolved("--created-after", args.created_after, |b| b.resolve(now))?,
        last_used_before: resolved("--last-used-before", args.last_used_before, |b| b.resolve(now))?,
        last_used_after: resolved("--last-used-after", args.last_used_after, |b| b.resolve(now))?,
        expires_before: resolved("--expires-before", args.expires_before, |b| b.day_ahead(now))?,
        expires_after: resolved("--expires-after", args.expires_after, |b| b.day_ahead(now))?,
        search: args.search.as_deref().map(NameSearch::parse),
        revoked: args.revoked,
        impersonation: args.impersonation,
        owner_type: args.owner_type,
        unused_since: args.unused_for.map(|span| unused_since(span, now)).transpose()?,
        never_used: args.never_used,
        sort: args.sort.0,
        descending: args.sort.1,
        now: Some(ctx.now),
        ..TokenFilter::default()
    };
    let store = ctx.open(Access::Read)?;
    let reader = store.reader();
    if let Some(username) = &args.user {
        filter.user_id = Some(users::find(&reader, username).map_err(|e: Error| e)?.id);
    }
    if let Some(path) = &args.project {
        filter.project_id = Some(crate::ops::projects::find(&reader, path)?.id);
    }
    if let Some(path) = &args.group {
        filter.group_id = Some(crate::ops::groups::find(&reader, path)?.id);
    }
    let today = ctx.now.date_naive();
    let mut list = ctx.printer.list();
    reader.for_each_token(&filter, today, |token| list.push(&token))?;
    list.finish()?;
    Ok(Exit::Success)
}
