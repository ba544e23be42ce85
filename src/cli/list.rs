//! `patctl list`: tokens, filtered as the GitLab personal access tokens API does.

use chrono::{DateTime, Utc};
use clap::ValueEnum;

use crate::cli::Context;
use crate::domain::expiry::{Span, parse_date, parse_instant};
use crate::domain::search::NameSearch;
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
  patctl list --last-used-before 2026-06-01 --format csv > stale.csv
  patctl list --unused-for 90d                  # stale: unused for 90 days (or never)
  patctl list --never-used --state all
  patctl list --search 'deploy key'             # names containing both words
  patctl list --revoked true --owner-type bot   # revoked bot tokens, expired or not
  patctl list --sort last_used:desc             # never used first, as GitLab sorts

--search follows GitLab: words of 3 or more characters must all occur in the name (a
\"quoted phrase\" is one word); a query without such a word must equal the whole name.
Case is ignored; % and _ are literal.";

/// List tokens (default: active ones)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Only tokens of this user
    #[arg(long, value_name = "USERNAME")]
    pub user: Option<String>,

    /// Only tokens of this project (project access tokens)
    #[arg(long, value_name = "PATH")]
    pub project: Option<String>,

    /// Only tokens of this group (group access tokens)
    #[arg(long, value_name = "PATH")]
    pub group: Option<String>,

    /// Which tokens: active, inactive (revoked or expired), revoked, expired, all
    /// [default: active; all when --revoked is given]
    #[arg(long, value_enum)]
    pub state: Option<State>,

    /// Only revoked tokens (true) or only tokens not revoked (false), expired or not
    #[arg(long, value_name = "true|false")]
    pub revoked: Option<bool>,

    /// Only impersonation tokens (true) or only other tokens (false)
    #[arg(long, value_name = "true|false")]
    pub impersonation: Option<bool>,

    /// Only tokens whose owner is a person, a bot (bot, project bot, ghost) or a service account
    #[arg(long, value_enum)]
    pub owner_type: Option<OwnerKind>,

    /// Created at or before (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub created_before: Option<String>,

    /// Created at or after (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub created_after: Option<String>,

    /// Last used at or before (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub last_used_before: Option<String>,

    /// Last used at or after (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub last_used_after: Option<String>,

    /// Expiring before this date (exclusive)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires_before: Option<String>,

    /// Expiring on or after this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires_after: Option<String>,

    /// Names containing every word of 3+ characters, or equal to a shorter query (as GitLab)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Stale tokens: never used or last used before now minus DURATION (30d, 2w, 6m, 1y),
    /// and created before then too
    #[arg(long, value_name = "DURATION")]
    pub unused_for: Option<String>,

    /// Only tokens that were never used
    #[arg(long)]
    pub never_used: bool,

    /// Order: id, name, created, expires or last_used, with :asc or :desc
    #[arg(long, value_name = "FIELD[:asc|:desc]", value_parser = parse_sort, default_value = "id:asc")]
    pub sort: (SortField, bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum State {
    Active,
    Inactive,
    Revoked,
    Expired,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OwnerKind {
    Human,
    Bot,
    #[value(name = "service_account")]
    ServiceAccount,
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

fn instant(flag: &str, text: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| parse_instant(t).map_err(|e| e.context(flag))).transpose()
}

/// `now` moved back by a calendar span, keeping the time of day.
fn unused_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let span = Span::parse(text).map_err(|e| e.context("--unused-for"))?;
    let today = now.date_naive();
    let then = span.before(today).map_err(|e| e.context("--unused-for"))?;
    Ok(now - (today - then))
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let mut filter = TokenFilter {
        state: match args.state.unwrap_or(if args.revoked.is_some() { State::All } else { State::Active }) {
            State::Active => StateFilter::Active,
            State::Inactive => StateFilter::Inactive,
            State::Revoked => StateFilter::Revoked,
            State::Expired => StateFilter::Expired,
            State::All => StateFilter::All,
        },
        created_before: instant("--created-before", args.created_before.as_deref())?,
        created_after: instant("--created-after", args.created_after.as_deref())?,
        last_used_before: instant("--last-used-before", args.last_used_before.as_deref())?,
        last_used_after: instant("--last-used-after", args.last_used_after.as_deref())?,
        expires_before: args
            .expires_before
            .as_deref()
            .map(parse_date)
            .transpose()
            .map_err(|e| e.context("--expires-before"))?,
        expires_after: args
            .expires_after
            .as_deref()
            .map(parse_date)
            .transpose()
            .map_err(|e| e.context("--expires-after"))?,
        search: args.search.as_deref().map(NameSearch::parse),
        revoked: args.revoked,
        impersonation: args.impersonation,
        owner_type: args.owner_type.map(|kind| match kind {
            OwnerKind::Human => OwnerType::Human,
            OwnerKind::Bot => OwnerType::Bot,
            OwnerKind::ServiceAccount => OwnerType::ServiceAccount,
        }),
        unused_since: args.unused_for.as_deref().map(|text| unused_since(text, ctx.now)).transpose()?,
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
