//! `patctl config show`: the effective configuration, and where each value came from.

use serde_json::Value;

use super::named_file;
use crate::cli::context::DbSource;
use crate::cli::{Context, GlobalArgs};
use crate::config::Source;
use crate::error::{Error, Exit, Result};
use crate::output::config::Settings;
use crate::store::location::{Location, Target};

const EXAMPLES: &str = "\
Examples:
  patctl config show
  PATCTL_DB=/srv/patctl/tokens.db patctl config show --format json
  patctl --config /etc/patctl/config.toml config show --format csv";

/// Print every configuration value in effect and where it came from (default, file, env, flag)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(global: &GlobalArgs, _args: Args) -> Result<Exit> {
    // Loading the configuration here also checks it: a broken file is exit 78 with its line.
    let mut ctx = Context::new(global)?;
    let file = match &ctx.config.source {
        Source::File(path) => {
            let from = named_file(global).map(|(_, from)| from).unwrap_or("default");
            Some((path.display().to_string(), from))
        }
        Source::Defaults => None,
    };
    let values = effective(&ctx)?;
    let store = (ctx.location.engine(), ctx.location.shown(), origin(&ctx));
    ctx.printer.print(&Settings { file, store, values })?;
    ctx.printer.flush()?;
    ctx.printer.page()?;
    Ok(Exit::Success)
}

/// Where `--db`, `PATCTL_DB`, the file or the default put the store.
fn origin(ctx: &Context) -> &'static str {
    match ctx.db_source {
        DbSource::Flag => "flag --db",
        DbSource::Env => "env PATCTL_DB",
        DbSource::Config => "file",
        DbSource::Default => "default",
    }
}

/// `database.path` and `database.url`: the one in use with what chose it, the other as the
/// file has it, `unused`. A URI is always shown with its password as `***`.
fn store_row(ctx: &Context, key: &str, from_config: Value, from_file: bool) -> (Value, &'static str) {
    let in_use = matches!((key, &ctx.location), ("path", Location::Sqlite(_)) | ("url", Location::Postgres(_)));
    if in_use {
        return (Value::String(ctx.location.shown()), origin(ctx));
    }
    let value = match from_config {
        Value::String(url) if key == "url" => Value::String(Target::redact(&url)),
        other => other,
    };
    (value, if from_file { "file, unused" } else { "default" })
}

/// Every `section.key` with its effective value and its source, in the file's order.
fn effective(ctx: &Context) -> Result<Vec<(String, Value, &'static str)>> {
    // serde_json keeps the keys in the order the config declares them (`preserve_order`).
    let Value::Object(sections) = serde_json::to_value(&ctx.config.config).map_err(|e| Error::io(e.to_string()))?
    else {
        return Err(Error::io("the configuration is not a table"));
    };
    let mut rows = Vec::new();
    for (section, keys) in sections {
        let Value::Object(keys) = keys else { continue };
        for (key, value) in keys {
            let from_file = ctx.config.file_sets(&section, &key);
            let (value, source) = if section == "database" && (key == "path" || key == "url") {
                store_row(ctx, &key, value, from_file)
            } else if (section.as_str(), key.as_str()) == ("database", "wait") {
                let source = match ctx.wait.1 {
                    DbSource::Flag => "flag --wait",
                    DbSource::Env => "env PATCTL_WAIT",
                    DbSource::Config => "file",
                    DbSource::Default => "default",
                };
                (Value::String(crate::store::format_wait(ctx.wait.0)), source)
            } else {
                (value, if from_file { "file" } else { "default" })
            };
            rows.push((format!("{section}.{key}"), value, source));
        }
    }
    Ok(rows)
}
