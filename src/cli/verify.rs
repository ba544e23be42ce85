//! `patctl verify`: may this token be used? Read from standard input, never echoed.

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{Context, secret_input};
use crate::domain::expiry::parse_interval;
use crate::domain::scope::Scopes;
use crate::domain::verify::AccessPolicy;
use crate::error::{Error, Exit, Result};
use crate::ops::verify::{self, LastUse, VerifySettings};
use crate::output::{Format, csv_line, rfc3339};
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
    #[arg(long, visible_alias = "scopes", value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Read the token from a file, or `-` for standard input
    #[arg(long, value_name = "PATH", default_value = "-")]
    pub token_file: PathBuf,
}

/// `--format json` for an accepted token.
#[derive(Serialize)]
struct Valid<'a> {
    valid: bool,
    id: i64,
    username: &'a str,
    user_id: i64,
    name: &'a str,
    scopes: Vec<&'static str>,
    expires_at: Option<String>,
    last_used_at: Option<String>,
}

/// `--format json` for a rejected token: `reason` is a code, `message` the one-line reason.
#[derive(Serialize)]
struct Invalid<'a> {
    valid: bool,
    reason: &'static str,
    message: &'a str,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let wanted = if args.scope.is_empty() { Scopes::default() } else { Scopes::parse(&args.scope)? };
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
    let outcome = verify::verify(&mut store, &settings, &verify_settings, &secret, &wanted, &stamp)?;
    drop(secret);

    let accepted = match outcome {
        Ok(accepted) => accepted,
        Err(rejection) => {
            let reason = rejection.reason();
            if ctx.printer.format() == Format::Json {
                ctx.printer.json(&Invalid { valid: false, reason: rejection.code(), message: &reason })?;
                ctx.printer.flush()?;
            }
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
    match ctx.printer.format() {
        Format::Json => ctx.printer.json(&Valid {
            valid: true,
            id: token.id,
            username: &token.username,
            user_id: token.user_id,
            name: &token.name,
            scopes: token.scopes.iter().map(|s| s.as_str()).collect(),
            expires_at: token.expires_at.map(|d| d.to_string()),
            last_used_at: token.last_used_at.map(rfc3339),
        })?,
        Format::Csv => {
            ctx.printer.write_str(&csv_line(&["username", "id"]))?;
            ctx.printer.write_str(&csv_line(&[token.username.clone(), token.id.to_string()]))?;
        }
        Format::Table => ctx.printer.line(&format!("{} {}", token.username, token.id))?,
    }
    Ok(Exit::Success)
}
