//! `patctl config path`: the configuration files looked for, in order.

use super::named_file;
use crate::cli::GlobalArgs;
use crate::config::default_paths;
use crate::error::{Exit, Result};
use crate::output::Printer;
use crate::output::config::ConfigPaths;

const EXAMPLES: &str = "\
Examples:
  patctl config path
  patctl --config ./patctl.toml config path
  patctl config path --format json";

/// Print the configuration files looked for and which one is read
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(global: &GlobalArgs, _args: Args) -> Result<Exit> {
    // A file named by flag or environment is the only one read; otherwise the first default
    // file that exists is.
    let candidates: Vec<(std::path::PathBuf, &str)> = match named_file(global) {
        Some(named) => vec![named],
        None => default_paths().into_iter().map(|p| (p, "default")).collect(),
    };
    let mut used_one = false;
    let mut rows = Vec::new();
    for (path, from) in candidates {
        let exists = path.exists();
        let used = exists && !used_one || from != "default";
        used_one |= used;
        rows.push((path, from, exists, used));
    }
    let mut printer = Printer::new(global.format.into(), false, global.quiet, chrono::Utc::now(), 0);
    printer.print(&ConfigPaths(rows))?;
    printer.flush()?;
    Ok(Exit::Success)
}
