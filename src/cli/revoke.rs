//! `patctl revoke`: revoke one token by its string, id, or owner and name.

use std::path::PathBuf;

use clap::ArgGroup;
use clap_complete::engine::ArgValueCompleter;

use crate::cli::complete;
use crate::cli::values::{DURATIONS, named};
use crate::cli::{Context, lifecycle, prompt, secret_input};
use crate::domain::expiry::Span;
use crate::error::{Error, Exit, Result};
use crate::ops::bulk::{self, BulkFilter};
use crate::ops::lifecycle::Event;
use crate::ops::tokens::{self, Revoked, Selector};
use crate::output::humanize::count;
use crate::output::tokens::{TokenView, describe};
use crate::output::{Changed, JsonOnly, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  # The GitLab recipe PersonalAccessToken.find_by_token('token-string-here123').revoke!,
  # with the token read from standard input:
  echo 'token-string-here123' | patctl revoke --token-file -

  # By id, or by owner and name:
  patctl revoke --id 42
  patctl revoke --user automation-bot --name 'Automation token'

  # Contain a leak: every live token of a user, of a project, or unused for 90 days
  # (filters combine with AND); look first with --dry-run:
  patctl revoke --all --user alice --dry-run
  patctl revoke --all --project group/project --yes
  patctl revoke --all --group infra/ci --yes
  patctl revoke --all --unused-for 90d --user automation-bot --yes";

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{DURATIONS}")
}

/// Revoke a token (GitLab's revoke!); revoking twice is harmless
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
#[command(group(ArgGroup::new("target").required(true).multiple(true).args(["token", "token_file", "id", "user", "all"])))]
#[command(group(ArgGroup::new("bulk").multiple(true).args(["project", "group", "unused_for"])))]
pub struct Args {
    /// The token string (visible to other users: prefer --token-file -)
    #[arg(value_name = "TOKEN", conflicts_with_all = ["token_file", "id", "user"])]
    pub token: Option<String>,

    /// Read the token string from a file, or `-` for standard input
    #[arg(long, value_name = "PATH", conflicts_with_all = ["id", "user"])]
    pub token_file: Option<PathBuf>,

    /// The token's id
    #[arg(long, value_name = "ID", conflicts_with = "user", add = ArgValueCompleter::new(complete::live_token_ids))]
    pub id: Option<i64>,

    /// The token's owner (with --name), or with --all every token of this user
    #[arg(long, value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub user: Option<String>,

    /// The token's name (with --user)
    #[arg(long, value_name = "NAME", requires = "user", conflicts_with = "all")]
    pub name: Option<String>,

    /// Revoke every live token matching --user, --project, --group and --unused-for (combined)
    #[arg(long, conflicts_with_all = ["token", "token_file", "id"])]
    pub all: bool,

    /// With --all: tokens of this project
    #[arg(long, value_name = "PATH", requires = "all", conflicts_with_all = ["token", "token_file", "id", "name"], add = ArgValueCompleter::new(complete::project_paths))]
    pub project: Option<String>,

    /// With --all: tokens of this group
    #[arg(long, value_name = "PATH", requires = "all", conflicts_with_all = ["token", "token_file", "id", "name"], add = ArgValueCompleter::new(complete::group_paths))]
    pub group: Option<String>,

    /// With --all: tokens not used (or, never used, created) within this span: 90d, 12w, 6mo, 1y
    #[arg(long, value_name = "DURATION", requires = "all", allow_hyphen_values = true, conflicts_with_all = ["token", "token_file", "id", "name"], value_parser = named::<Span>())]
    pub unused_for: Option<Span>,

    /// With --all: print what would be revoked and change nothing
    #[arg(long, requires = "all", conflicts_with_all = ["token", "token_file", "id", "name"])]
    pub dry_run: bool,

    /// Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    if args.all {
        return run_all(ctx, args);
    }
    if args.user.is_some() && args.name.is_none() {
        return Err(Error::usage("--user needs --name NAME (or --all for every token of the user)"));
    }
    let selector = match (args.token, args.token_file, args.id, args.user, args.name) {
        (Some(text), ..) => Selector::Secret(secret_input::from_argument(text, &ctx.printer)),
        (None, Some(path), ..) => Selector::Secret(secret_input::read_token(&path, ctx.interactive)?),
        (None, None, Some(id), ..) => Selector::Id(id),
        (None, None, None, Some(owner), Some(name)) => Selector::OwnerName { owner, name },
        _ => unreachable!("clap requires one target"),
    };
    let settings = ctx.token_settings()?;
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;

    let target = tokens::find(&store.reader(), &settings, &selector, &stamp)?;
    if !target.is_revoked(ctx.now) && !prompt::confirm(ctx, &format!("Revoke {}?", describe(&target)), args.yes, true)?
    {
        ctx.printer.note("nothing revoked");
        return Ok(Exit::Success);
    }
    // Revoke exactly the token that was confirmed.
    let mut notices = Vec::new();
    let (status, token) = match tokens::revoke(&mut store, &settings, &Selector::Id(target.id), &stamp)? {
        Revoked::Revoked(token) => {
            ctx.printer.note(&format!("revoked {}", describe(&token)));
            if token.project.is_some() || token.group.is_some() {
                ctx.printer
                    .note(&format!("deleted bot user {}; its records now belong to the ghost user", token.username));
            }
            notices = lifecycle::notices(Event::Revoked, [&token]);
            (Status::Revoked, token)
        }
        Revoked::AlreadyRevoked(token) => {
            ctx.printer.note(&format!("already revoked: {}", describe(&token)));
            (Status::AlreadyRevoked, token)
        }
    };
    ctx.printer.print(&Changed { status, view: JsonOnly(TokenView::new(&token, ctx.now)) })?;
    let mail_error = lifecycle::notify(ctx, &mut store, &notices);
    lifecycle::finish(ctx, mail_error)
}

/// `revoke --all`: one transaction over every live token matching the filters.
fn run_all(ctx: &mut Context, args: Args) -> Result<Exit> {
    let filter = BulkFilter { user: args.user, project: args.project, group: args.group, unused_for: args.unused_for };
    filter.check()?;
    let stamp = ctx.stamp();
    let access = if args.dry_run { Access::Read } else { Access::Write };
    let mut store = ctx.open(access)?;
    let candidates = bulk::candidates(&store.reader(), &filter, ctx.now)?;
    if candidates.is_empty() {
        ctx.printer.note("no live tokens match; nothing revoked");
        ctx.printer.print(&JsonOnly(Vec::<TokenView<'_>>::new()))?;
        return Ok(Exit::Success);
    }
    if args.dry_run {
        ctx.printer.rows(&candidates)?;
        ctx.printer.note(&format!("dry run: would revoke {}; nothing changed", count(candidates.len(), "token")));
        return Ok(Exit::Success);
    }
    let ids: Vec<i64> = candidates.iter().map(|t| t.id).collect();
    // Name the ids, up to a screenful: the dry run lists them all.
    let mut shown: Vec<String> = ids.iter().take(20).map(|id| id.to_string()).collect();
    if ids.len() > shown.len() {
        shown.push(format!("and {} more", ids.len() - shown.len()));
    }
    let question = format!(
        "Revoke {} ({} {})? Project and group tokens also lose their bot users.",
        count(ids.len(), "token"),
        if ids.len() == 1 { "id" } else { "ids" },
        shown.join(", ")
    );
    if !prompt::confirm(ctx, &question, args.yes, false)? {
        ctx.printer.note("nothing revoked");
        return Ok(Exit::Success);
    }
    let revoked = bulk::revoke_all(&mut store, &filter, &ids, &stamp)?;
    ctx.printer.changed_rows(Status::Revoked, &revoked)?;
    ctx.printer.note(&format!("revoked {}", count(revoked.len(), "token")));
    let mail_error = lifecycle::notify(ctx, &mut store, &lifecycle::notices(Event::Revoked, &revoked));
    lifecycle::finish(ctx, mail_error)
}
