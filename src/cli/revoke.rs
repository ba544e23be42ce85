//! `patctl revoke`: revoke one token by its string, id, or owner and name.

use std::path::PathBuf;

use clap::ArgGroup;

use crate::cli::create::describe;
use crate::cli::{Context, prompt, secret_input};
use crate::error::{Exit, Result};
use crate::ops::tokens::{self, Revoked, Selector};
use crate::output::{Format, TokenView};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  # The GitLab recipe PersonalAccessToken.find_by_token('token-string-here123').revoke!,
  # with the token read from standard input:
  echo 'token-string-here123' | patctl revoke --token-file -

  # By id, or by owner and name:
  patctl revoke --id 42
  patctl revoke --user automation-bot --name 'Automation token'";

/// Revoke a token (GitLab's revoke!); revoking twice is harmless
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
#[command(group(ArgGroup::new("target").required(true).args(["token", "token_file", "id", "user"])))]
pub struct Args {
    /// The token string (visible to other users: prefer --token-file -)
    #[arg(value_name = "TOKEN", allow_hyphen_values = true)]
    pub token: Option<String>,

    /// Read the token string from a file, or `-` for standard input
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// The token's id
    #[arg(long, value_name = "ID")]
    pub id: Option<i64>,

    /// The token's owner (with --name)
    #[arg(long, value_name = "USERNAME", requires = "name")]
    pub user: Option<String>,

    /// The token's name (with --user)
    #[arg(long, value_name = "NAME", requires = "user")]
    pub name: Option<String>,

    /// Do not ask for confirmation on a terminal (scripts revoking one token need no --yes)
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
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
    if !target.revoked && !prompt::confirm(ctx, &format!("Revoke {}?", describe(&target)), args.yes, true)? {
        ctx.printer.note("nothing revoked");
        return Ok(Exit::Success);
    }
    // Revoke exactly the token that was confirmed.
    let token = match tokens::revoke(&mut store, &settings, &Selector::Id(target.id), &stamp)? {
        Revoked::Revoked(token) => {
            ctx.printer.note(&format!("revoked {}", describe(&token)));
            token
        }
        Revoked::AlreadyRevoked(token) => {
            ctx.printer.note(&format!("already revoked: {}", describe(&token)));
            token
        }
    };
    if ctx.printer.format() == Format::Json {
        let view = TokenView::new(&token, ctx.now);
        ctx.printer.json(&view)?;
    }
    Ok(Exit::Success)
}
