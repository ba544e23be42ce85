//! What the global options say about the terminal: colour (`--color`, `--no-color`,
//! `NO_COLOR`, `TERM=dumb`), `--wide` and the pager (`--no-pager`, `PAGER`).

use std::io::IsTerminal;

use clap::ValueEnum;

use super::GlobalArgs;
use crate::output::Screen;
use crate::output::terminal::pager_command;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Whether tables are coloured. `always` wins over everything (even off a terminal: for
/// `less -R` or a script that keeps the colours); `auto` colours a terminal that can show them.
pub fn colour(global: &GlobalArgs) -> bool {
    match (global.color, global.no_color) {
        (_, true) | (ColorArg::Never, _) => false,
        (ColorArg::Always, _) => true,
        (ColorArg::Auto, false) => !no_color_env() && !dumb_terminal() && std::io::stdout().is_terminal(),
    }
}

/// How tables meet the terminal: fitted unless `--wide`; paged unless `--no-pager`, `PAGER` is
/// empty, or the terminal is dumb (a pager needs a real one).
pub fn screen(global: &GlobalArgs) -> Screen {
    let pager = if global.no_pager || dumb_terminal() { None } else { pager_command() };
    Screen { wide: global.wide, pager }
}

fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn dumb_terminal() -> bool {
    std::env::var("TERM").is_ok_and(|term| term == "dumb")
}
