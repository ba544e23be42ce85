//! `patctl rotate`: a new secret for a token, with an optional grace period for the old one.

use std::path::PathBuf;

use clap::ArgGroup;
use clap_complete::engine::ArgValueCompleter;

use crate::cli::args::ExpiryArgs;
use crate::cli::complete;
use crate::cli::values::{DURATIONS, named};
use crate::cli::{Context, lifecycle, secret_input};
use crate::domain::expiry::Interval;
use crate::domain::model::Token;
use crate::error::{Error, Exit, Result};
use crate::ops::lifecycle::Event;
use crate::ops::rotate::{self, Rotate, Rotated};
use crate::ops::tokens::Selector;
use crate::output::humanize::count;
use crate::output::tokens::{CreatedToken, describe};
use crate::output::{Changed, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  # Rotate by id; the new token expires in 7 days (as GitLab's rotate API):
  patctl rotate --id 42

  # Keep the old token's lifetime, counted from today:
  patctl rotate --id 42 --keep-lifetime

  # Rotate the token a script holds, leave the old one working for an hour:
  NEW=$(patctl rotate --token-file ./token --grace 1h --raw)

Rotating by id a token that was already rotated is refused (exit 65) and changes nothing.
Presenting the secret of a token that was already rotated (--token-file) is treated as a leak,
as GitLab does: every live token descending from it is revoked, and the command exits 65.";

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{DURATIONS}")
}

/// Rotate a token: revoke it and create a new one with the same name, scopes and owner
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
#[command(mut_arg("expires_at", |arg| arg.help(
    "Expiry date of the new token [default: today + 7 days; none when expiry is not required]"
)))]
#[command(group(ArgGroup::new("target").required(true).args(["id", "token_file"])))]
pub struct Args {
    /// The token's id
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(complete::live_token_ids))]
    pub id: Option<i64>,

    /// Read the token string from a file, or `-` for standard input
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    #[command(flatten)]
    pub expiry: ExpiryArgs,

    /// Give the new token the old one's lifetime again, from today (capped by the maximum)
    #[arg(long, group = "expiry")]
    pub keep_lifetime: bool,

    /// Keep the old token working this long (30m, 2h, 1d; at most 7d); shown as `rotating`
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true, value_parser = named::<Interval>())]
    pub grace: Option<Interval>,

    /// Print only the new token on stdout, for NEW=$(patctl rotate ... --raw)
    #[arg(long)]
    pub raw: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    if args.raw {
        ctx.printer.allow_raw()?;
    }
    let settings = ctx.token_settings()?;
    let expiry = args.expiry.request(false);
    let grace = args.grace.map(|Interval(grace)| grace);
    if let Some(grace) = grace {
        crate::domain::project::check_grace(grace)?;
    }
    let selector = match (args.id, args.token_file) {
        (Some(id), _) => Selector::Id(id),
        (None, Some(path)) => Selector::Secret(secret_input::read_token(&path, ctx.interactive)?),
        (None, None) => unreachable!("clap requires one target"),
    };
    let request = Rotate {
        selector,
        expiry,
        keep_lifetime: args.keep_lifetime,
        grace,
        impersonation_enabled: ctx.config.config.security.impersonation_enabled,
    };
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    match rotate::rotate(&mut store, &settings, request, &stamp)? {
        Rotated::ReuseDetected { old, revoked } => {
            // The family's revocation has committed: its owners hear of it even though the
            // command fails: exit 65 stays, and a failed send is only warned about (and audited).
            let family: Vec<Token> =
                revoked.iter().filter_map(|id| store.reader().token_by_id(*id).ok().flatten()).collect();
            if let Some(failed) =
                lifecycle::notify(ctx, &mut store, &lifecycle::notices(Event::RevokedOnReuse, &family))
            {
                ctx.printer.warn(failed.message());
            }
            let ids: Vec<String> = revoked.iter().filter(|id| **id != old.id).map(|id| id.to_string()).collect();
            let mut what = if ids.is_empty() {
                "no live descendant tokens were left to revoke".to_string()
            } else {
                format!("revoked {} descending from it: {}", count(ids.len(), "live token"), ids.join(", "))
            };
            if revoked.contains(&old.id) {
                what.push_str(", and the token itself (it was in its grace period)");
            }
            Err(Error::data(format!(
                "token {} was already rotated: reuse detected, the token is presumed leaked; {what}",
                old.id
            ))
            .with_hint(format!("see: patctl audit --token-id {}; create a new token with patctl create", old.id)))
        }
        Rotated::New { old, token, generated } => {
            match old.grace_until {
                Some(until) => ctx.printer.note(&format!(
                    "rotated token {}: it keeps working until {} UTC",
                    old.id,
                    until.format("%Y-%m-%d %H:%M:%S")
                )),
                None => ctx.printer.note(&format!("rotated token {}: revoked", old.id)),
            }
            ctx.printer.note(&format!("created {}", describe(&token)));
            if args.raw {
                ctx.printer.line(generated.expose())?;
            } else {
                let view = CreatedToken { token: &token, secret: Some(&generated) };
                ctx.printer.print(&Changed { status: Status::Rotated, view })?;
            }
            ctx.printer.note("store the token now: it is shown only once");
            let event = Event::Rotated { into: token.id, expires: token.expires_at };
            let mail_error = lifecycle::notify(ctx, &mut store, &lifecycle::notices(event, [&old]));
            lifecycle::finish(ctx, mail_error)
        }
    }
}
