//! Questions on a terminal: confirmation before destructive steps (`--yes` in scripts), and the
//! choices `create` offers for flags left out. Callers ask only when `ctx.interactive`.

use super::Context;
use crate::error::{Error, Exit, Result};
use crate::output::layout::truncate;
use crate::output::terminal;

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

/// One of `items`, filtered as the user types (Esc cancels with exit 1).
pub fn select(question: &str, items: &[String]) -> Result<usize> {
    let (width, rows) = terminal::size(libc::STDERR_FILENO);
    let chosen = dialoguer::FuzzySelect::new()
        .with_prompt(format!("{question} (type to filter):"))
        .items(fit_to(items, width, SELECT_MARGIN))
        .default(0)
        .max_length(page_size(rows))
        .report(false)
        .interact_opt()
        .map_err(failed)?
        .ok_or_else(cancelled)?;
    // The answer stays on the screen: on one line, as the items were.
    let answer = format!("{question}: {}", items[chosen]);
    eprintln!("{}", truncate(&answer, width.saturating_sub(1).max(8)));
    Ok(chosen)
}

/// Columns the theme writes before an item: `> ` in a choice, `> [x] ` in a multiple choice.
const SELECT_MARGIN: usize = 2;
const MULTI_SELECT_MARGIN: usize = 6;

/// `items` cut with `…` to fit a `width`-column terminal after `margin`, one column to spare
/// (an item reaching the last column may wrap, and a wrapped item is redrawn as two). A prompt
/// finds the chosen item by its text, so if cutting makes two alike they are left whole.
fn fit_to(items: &[String], width: usize, margin: usize) -> Vec<String> {
    let room = width.saturating_sub(margin + 1).max(8);
    let cut: Vec<String> = items.iter().map(|item| truncate(item, room).into_owned()).collect();
    let distinct: std::collections::HashSet<&String> = cut.iter().collect();
    if distinct.len() == cut.len() { cut } else { items.to_vec() }
}

/// Items shown at once in a terminal of `rows`: the prompt, its answer and the lines before it
/// stay on the screen.
fn page_size(rows: usize) -> usize {
    rows.saturating_sub(4).clamp(3, 20)
}

/// At least one of `items`, toggled with space and confirmed with enter; the answer is repeated
/// with the short `labels` of the chosen items.
pub fn multi_select(question: &str, items: &[String], labels: &[&str]) -> Result<Vec<usize>> {
    loop {
        let (width, rows) = terminal::size(libc::STDERR_FILENO);
        // The page is the items plus two lines, as dialoguer counts it.
        let chosen = dialoguer::MultiSelect::new()
            .with_prompt(format!("{question} (space to toggle, enter to accept)"))
            .items(fit_to(items, width, MULTI_SELECT_MARGIN))
            .max_length(page_size(rows) + 2)
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

#[cfg(test)]
mod tests {
    use super::{fit_to, page_size};

    #[test]
    fn items_are_cut_to_the_terminal_unless_that_makes_two_alike() {
        let items = vec!["alice  (Alice Example)".to_string(), "bob".to_string()];
        assert_eq!(fit_to(&items, 100, 2), items);
        assert_eq!(fit_to(&items, 14, 2), ["alice  (Al…", "bob"]);
        let alike = vec!["christopher-one".to_string(), "christopher-two".to_string()];
        assert_eq!(fit_to(&alike, 12, 2), alike);
    }

    #[test]
    fn pages_leave_room_for_the_prompt() {
        assert_eq!(page_size(40), 20);
        assert_eq!(page_size(12), 8);
        assert_eq!(page_size(0), 3);
    }
}
