//! Confirmation before destructive steps: asked on a terminal, `--yes` in scripts.

use super::Context;
use crate::error::{Error, Result};

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
