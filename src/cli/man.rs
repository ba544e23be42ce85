//! `patctl man`: manual pages, generated from the one clap definition (clap_mangen).

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli::completions::write_file;
use crate::cli::{Cli, GlobalArgs};
use crate::error::{Error, Exit, Result};
use crate::output::output_error;

const EXAMPLES: &str = "\
Examples:
  # Read a page without installing it:
  patctl man | man -l -
  patctl man user add | man -l -

  # Every page, as committed in the repository's man/:
  patctl man --dir man";

/// The date in every page's header: the last time the pages changed in substance. Kept fixed so
/// that regenerating the committed `man/` gives the same bytes; bump it with the version.
const PAGES_DATE: &str = "2026-11-23";

/// The top page's DESCRIPTION (the subcommands' pages repeat their one-line summary). It lives
/// here rather than as clap's long_about, which would switch `--help` to its sparse long layout.
const DESCRIPTION: &str = "\
patctl administers GitLab-style personal and project access tokens in a local SQLite database. \
It does what the gitlab-rails runner recipes for personal access tokens do (find a user, create \
a token with scopes and an expiry date, set a preset token string, revoke it) in milliseconds, \
without booting Rails.

Only a SHA-256 digest of each token is stored, keyed with an optional pepper; a generated token \
is printed once and never again. Every change is recorded in an audit log in the same \
transaction.

Data goes to standard output as a table, JSON or CSV (--format); messages go to standard error. \
On a terminal, patctl asks for what a command was not told and confirms destructive steps; \
without one it never prompts: a missing flag is exit 64 and a destructive step needs --yes.";

/// Print a manual page, or write them all with --dir
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The command whose page to print, e.g. `user add` [default: patctl itself]
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page (patctl.1, patctl-create.1, patctl-user-add.1, ...) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: Args) -> Result<Exit> {
    match args.dir {
        Some(dir) => {
            for (file, text) in pages() {
                write_file(&dir, &file, &text, global.quiet)?;
            }
        }
        None => {
            let mut cmd = root();
            let mut parents = Vec::new();
            for word in &args.command {
                let sub = cmd.find_subcommand(word).filter(|s| !s.is_hide_set()).cloned().ok_or_else(|| {
                    Error::usage(format!("no manual page for '{}'", args.command.join(" ")))
                        .with_hint("patctl --help lists the commands")
                })?;
                parents.push(page_name(&cmd));
                cmd = sub;
            }
            let mut out = std::io::stdout().lock();
            out.write_all(&page(&cmd, &parents)).and_then(|()| out.flush()).map_err(output_error)?;
        }
    }
    Ok(Exit::Success)
}

/// The command tree as the pages describe it: built, so that every subcommand knows its full
/// name (`patctl user add`), and without clap's `help` subcommand.
fn root() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Every page: `patctl.1` and one per (nested) subcommand, with its file name.
pub fn pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, parents: &mut Vec<String>, out: &mut Vec<(String, Vec<u8>)>) {
        out.push((format!("{}.1", page_name(cmd)), page(cmd, parents)));
        parents.push(page_name(cmd));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, parents, out);
        }
        parents.pop();
    }
    let mut out = Vec::new();
    walk(&root(), &mut Vec::new(), &mut out);
    out
}

fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name()).to_string()
}

/// One page: clap_mangen's NAME, SYNOPSIS, DESCRIPTION, OPTIONS and SUBCOMMANDS, then the
/// sections of the command's after-help text (EXAMPLES, ENVIRONMENT, EXIT STATUS, ...), SEE ALSO
/// and VERSION.
fn page(cmd: &clap::Command, parents: &[String]) -> Vec<u8> {
    let name = page_name(cmd);
    let version = cmd.get_version().unwrap_or_default().to_string();
    let after_help = cmd.get_after_long_help().or_else(|| cmd.get_after_help()).map(|t| t.to_string());
    // clap_mangen would print the after-help as one "EXTRA" section and the version before it.
    let mut stripped = cmd.clone().after_help(None::<&str>).after_long_help(None::<&str>).version(None::<&str>);
    if parents.is_empty() {
        stripped = stripped.long_about(DESCRIPTION);
    }
    let man = Man::new(stripped)
        .title(name.to_uppercase())
        .date(PAGES_DATE)
        .source(format!("patctl {version}"))
        .manual("patctl manual");
    let mut rendered = Vec::new();
    man.render(&mut rendered).expect("writing to a Vec cannot fail");
    // clap_mangen separates an option's help from its possible values with `.br`, a blank line
    // and `.br` again, which man-page linters warn about; one break reads the same.
    let mut out = String::from_utf8(rendered).expect("clap_mangen writes UTF-8").replace("\n.br\n\n.br\n", "\n.br\n");

    let mut roff = Roff::new();
    for (heading, body) in after_help.as_deref().map(sections).unwrap_or_default() {
        roff.control("SH", [heading.to_uppercase().as_str()]);
        preformatted(&mut roff, &body);
    }
    see_also(&mut roff, cmd, parents);
    roff.control("SH", ["VERSION"]);
    roff.text([roman(format!("v{version}"))]);
    out.push_str(&roff.to_roff());
    out.into_bytes()
}

/// Splits after-help text into sections at lines like `Examples:` (no indent, ending in ':').
fn sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let heading = line.strip_suffix(':').filter(|h| !h.starts_with(' ') && !h.is_empty() && !h.contains(": "));
        match (heading, out.last_mut()) {
            (Some(heading), _) => out.push((heading.to_string(), Vec::new())),
            (None, Some((_, body))) => body.push(line.to_string()),
            (None, None) => out.push(("Notes".to_string(), vec![line.to_string()])),
        }
    }
    for (_, body) in &mut out {
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
    }
    out
}

/// Lines kept as written (commands must not be refilled), indented like the help text.
fn preformatted(roff: &mut Roff, body: &[String]) {
    let indent = body.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min();
    let indent = indent.unwrap_or(0);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in body {
        if line.trim().is_empty() {
            roff.control("sp", []);
        } else {
            roff.text([roman(line.get(indent..).unwrap_or(line.trim_start()))]);
        }
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

/// The pages above (nearest first) and below this one.
fn see_also(roff: &mut Roff, cmd: &clap::Command, parents: &[String]) {
    let mut related: Vec<String> = parents.iter().rev().cloned().collect();
    related.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).map(page_name));
    if related.is_empty() {
        return;
    }
    roff.control("SH", ["SEE ALSO"]);
    let count = related.len();
    let mut line = Vec::new();
    for (i, page) in related.into_iter().enumerate() {
        line.push(bold(page));
        line.push(roman(if i + 1 < count { "(1), " } else { "(1)" }));
    }
    roff.text(line);
}

#[cfg(test)]
mod tests {
    use super::sections;

    #[test]
    fn after_help_splits_into_sections() {
        let text = "Examples:\n  patctl list\n\n  patctl show 1\n\nEnvironment:\n  PATCTL_DB  the database\n";
        let got = sections(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "Examples");
        assert_eq!(got[0].1, vec!["  patctl list", "", "  patctl show 1"]);
        assert_eq!(got[1].0, "Environment");
    }
}
