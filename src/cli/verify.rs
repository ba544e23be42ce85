//! `patctl verify`: may this token be used? Read from standard input, never echoed.

use std::net::IpAddr;
use std::path::PathBuf;

use clap_complete::engine::ArgValueCompleter;

use crate::cli::complete;
use crate::cli::{Context, secret_input};
use crate::domain::expiry::parse_interval;
use crate::domain::scope::Scopes;
use crate::domain::verify::AccessPolicy;
use crate::error::{Error, Exit, Result};
use crate::ops::verify::{self, LastUse, VerifySettings};
use crate::output::JsonOnly;
use crate::output::tokens::{Rejection, Verified};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  # Is this token usable, with read access to repositories? (exit 0 yes, 1 no)
  printf '%s\\n' \"$TOKEN\" | patctl verify --scope read_repository

  # From a file; prints the owner and the token id:
  patctl verify --token-file /run/secrets/gitlab-token --scope api

  # As JSON, for scripts:
  patctl verify --format json < token.txt

A scope is granted when the token may do what it allows, by GitLab's ability mapping
(Gitlab::Auth): api carries every ability (clone, push, registry read and write), read_api the
read-only ones (clone, registry read), write_repository covers read_repository; a scope outside
the mapping (read_user, sudo, ...) is granted only by itself. A successful verify records the
token's last use, at most once per config tokens.last_used_interval (default 10m).";

/// Check a token: exists, not revoked, not expired, owner not blocked, has the scopes
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// A scope whose abilities the token must carry (repeat, or comma-separate)
    #[arg(long, visible_alias = "scopes", value_name = "SCOPE", add = ArgValueCompleter::new(complete::any_scopes))]
    pub scope: Vec<String>,

    /// Read the token from a file, or `-` for standard input
    #[arg(long, value_name = "PATH", default_value = "-")]
    pub token_file: PathBuf,

    /// The client's address (IPv4 or IPv6), kept among the token's last 5 (last_used_ips)
    #[arg(long, value_name = "ADDR")]
    pub ip: Option<String>,
}

/// `--ip`: an IPv4 or IPv6 address, nothing else (no port, no host name).
fn parse_ip(text: &str) -> Result<IpAddr> {
    text.parse().map_err(|_| {
        Error::data(format!("--ip: '{}' is not an IPv4 or IPv6 address", crate::domain::text::escape(text)))
    })
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let wanted = if args.scope.is_empty() { Scopes::default() } else { Scopes::parse(&args.scope)? };
    let ip = args.ip.as_deref().map(parse_ip).transpose()?;
    let settings = ctx.token_settings()?;
    let config = &ctx.config.config;
    let verify_settings = VerifySettings {
        access: AccessPolicy {
            enforce_expiry: config.tokens.enforce_expiry,
            impersonation_enabled: config.security.impersonation_enabled,
        },
        last_used_interval: parse_interval(&config.tokens.last_used_interval)
            .map_err(|e| e.context("tokens.last_used_interval").with_exit(Exit::Config))?,
    };
    let secret = secret_input::read_token(&args.token_file, ctx.interactive)?;
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Read)?;
    let outcome = verify::verify(&mut store, &settings, &verify_settings, &secret, &wanted, ip, &stamp)?;
    drop(secret);

    let accepted = match outcome {
        Ok(accepted) => accepted,
        Err(rejection) => {
            let reason = rejection.reason();
            ctx.printer.print(&JsonOnly(Rejection::new(rejection.code(), &reason)))?;
            ctx.printer.flush()?;
            return Err(Error::new(Exit::Negative, format!("token rejected: {reason}")));
        }
    };
    let token = &accepted.token;
    if let LastUse::Failed(err) = &accepted.last_use {
        ctx.printer.warn(&format!("the last use was not recorded: {}", err.message()));
    }
    if token.is_expired(ctx.now) {
        ctx.printer.warn(&format!(
            "token {} expired on {}; accepted because config tokens.enforce_expiry is false",
            token.id,
            token.expires_at.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    ctx.printer.print(&Verified(token))?;
    Ok(Exit::Success)
}
