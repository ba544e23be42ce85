//! Reading token strings from a file or standard input (bounded by [`crate::input`]), or from a
//! hidden prompt; never echoed.

use std::io::IsTerminal;
use std::path::Path;

use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::input;

/// Reads a token from `path` (`-` = standard input), as [`input::token_at`] does. On a
/// terminal, `-` asks with a hidden prompt instead.
pub fn read_token(path: &Path, interactive: bool) -> Result<Secret> {
    if path.as_os_str() == "-" && interactive && std::io::stdin().is_terminal() {
        let text = zeroize::Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt("Token")
                .interact()
                .map_err(|e| Error::usage(format!("cannot read the token from the terminal: {e}")))?,
        );
        return input::token(text.as_bytes(), "the terminal");
    }
    input::token_at(path)
}

/// A token given on the command line: accepted (it is the GitLab recipe), with a warning.
pub fn from_argument(text: String, printer: &crate::output::Printer) -> Secret {
    printer.warn(
        "a token on the command line is visible to other users (ps) and kept in shell history; prefer --token-file - and standard input",
    );
    Secret::new(text)
}
