//! Questions on a terminal: confirmation before destructive steps (`--yes` in scripts), and the
//! choices `create` offers for flags left out. Callers ask only when `ctx.interactive`.

use super::Context;
use crate::error::{Error, Exit, Result};

/// Whether a destructive step may proceed. On a terminal this asks; without one it needs
/// `--yes`, unless `scripts_may_skip` (revoking one named token, as the GitLab recipe does).
pub fn confirm(ctx: &Context, question: &str, yes: bool, scripts_may_skip: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !ctx.interactive {
        if scripts_may_skip {
            return Ok(true);
        }
        return Err(Error::usage(format!("confirmation needed: {question}"))
            .with_hint("pass --yes to proceed without a terminal"));
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| Error::usage(format!("cannot ask for confirmation: {e}")))
}

/// Why a prompt could not be answered: Esc/q cancels, anything else is a terminal failure.
fn failed(err: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(err) = err;
    Error::from(err).context("cannot read from the terminal")
}

fn cancelled() -> Error {
    Error::new(Exit::Negative, "cancelled; nothing changed")
}

/// One of `items` (Esc or q cancels with exit 1).
pub fn select(question: &str, items: &[String]) -> Result<usize> {
    dialoguer::Select::new()
        .with_prompt(question)
        .items(items)
        .default(0)
        .max_length(20)
        .interact_opt()
        .map_err(failed)?
        .ok_or_else(cancelled)
}

/// At least one of `items`, toggled with space and confirmed with enter; the answer is repeated
/// with the short `labels` of the chosen items.
pub fn multi_select(question: &str, items: &[String], labels: &[&str]) -> Result<Vec<usize>> {
    loop {
        let chosen = dialoguer::MultiSelect::new()
            .with_prompt(format!("{question} (space to toggle, enter to accept)"))
            .items(items)
            .max_length(20)
            .report(false)
            .interact_opt()
            .map_err(failed)?
            .ok_or_else(cancelled)?;
        if !chosen.is_empty() {
            let answer: Vec<&str> = chosen.iter().map(|&i| labels[i]).collect();
            eprintln!("{question}: {}", answer.join(", "));
            return Ok(chosen);
        }
        eprintln!("choose at least one (space toggles the highlighted line)");
    }
}

/// A line of text, checked by `check` before it is accepted; `default` is offered as is.
pub fn input(
    question: &str,
    default: Option<String>,
    check: impl Fn(&str) -> std::result::Result<(), String>,
) -> Result<String> {
    let mut prompt = dialoguer::Input::<String>::new().with_prompt(question);
    if let Some(default) = default {
        prompt = prompt.default(default);
    }
    prompt.validate_with(|text: &String| check(text)).interact_text().map_err(failed)
}
