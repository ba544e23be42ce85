//! `patctl db ping`: can patctl reach its store? For a PostgreSQL server: connect (with the
//! password, TLS and timeouts any command uses), ask its version, and say whether the
//! connection is encrypted. For a SQLite file: open it read-only.

use serde_json::json;

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::output::Lines;
use crate::store::Access;
use crate::store::location::Location;

const EXAMPLES: &str = "\
Examples:
  patctl db ping                  # the store that --db, PATCTL_DB or the config names
  patctl --db 'postgresql://patctl@/patctl?host=/var/run/postgresql' db ping --format json";

/// Connect to the store and say what answered: server version, user, database and TLS (exit 69
/// when the server cannot be reached)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(ctx: &mut Context, _args: Args) -> Result<Exit> {
    let target = match &ctx.location {
        Location::Postgres(target) => target,
        Location::Sqlite(path) => {
            let shown = path.display().to_string();
            drop(ctx.open(Access::Inspect)?);
            let view = Lines {
                lines: std::iter::once(format!("sqlite {}: ok", crate::domain::text::escape(&shown))),
                json: json!({ "engine": "sqlite", "location": shown, "server": null }),
            };
            ctx.printer.print(&view)?;
            return Ok(Exit::Success);
        }
    };
    let ping = target.ping(ctx.wait.0)?;
    let tls = match &ping.tls {
        Some(tls) => format!(
            "{} {} (sslmode={})",
            tls.version.as_deref().unwrap_or("TLS"),
            tls.cipher.as_deref().unwrap_or(""),
            ping.sslmode
        ),
        None => format!("off (sslmode={})", ping.sslmode),
    };
    let lines = [
        format!("postgresql {}: PostgreSQL {}", ping.host, ping.server_version),
        format!("user {}, database {}", ping.user, ping.database),
        format!("TLS {tls}"),
    ]
    .map(|line| crate::domain::text::escape(&line));
    let view = Lines {
        lines: lines.into_iter(),
        json: json!({ "engine": "postgresql", "location": target.redacted(), "server": ping }),
    };
    ctx.printer.print(&view)?;
    Ok(Exit::Success)
}
