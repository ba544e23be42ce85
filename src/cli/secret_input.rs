//! Reading token strings from a file or standard input, bounded, never echoed.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::domain::secret::{MAX_INPUT_LEN, Secret};
use crate::error::{Error, Result, ResultExt};

/// Reads a token from `path` (`-` = standard input). One trailing newline is stripped; at most
/// [`MAX_INPUT_LEN`] bytes are read, so a huge input is refused without being consumed.
/// On a terminal, `-` asks with a hidden prompt instead.
pub fn read_token(path: &Path, interactive: bool) -> Result<Secret> {
    let from_stdin = path.as_os_str() == "-";
    if from_stdin && interactive && std::io::stdin().is_terminal() {
        let text = dialoguer::Password::new()
            .with_prompt("Token")
            .interact()
            .map_err(|e| Error::usage(format!("cannot read the token from the terminal: {e}")))?;
        return finish(text.into_bytes());
    }
    let mut bytes = Vec::with_capacity(64);
    let limit = MAX_INPUT_LEN as u64 + 1;
    let read = if from_stdin {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    let bytes = zeroize::Zeroizing::new(bytes);
    let source = if from_stdin { "standard input".to_string() } else { path.display().to_string() };
    read.context(format!("cannot read the token from {source}"))?;
    if bytes.len() > MAX_INPUT_LEN {
        return Err(Error::data(format!("the token read from {source} is longer than {MAX_INPUT_LEN} bytes")));
    }
    finish(bytes.to_vec())
}

fn finish(mut bytes: Vec<u8>) -> Result<Secret> {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    if bytes.is_empty() {
        return Err(Error::data("the token is empty"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        zeroize::Zeroize::zeroize(&mut e.into_bytes());
        Error::data("the token is not valid UTF-8")
    })?;
    Ok(Secret::new(text))
}

/// A token given on the command line: accepted (it is the GitLab recipe), with a warning.
pub fn from_argument(text: String, printer: &crate::output::Printer) -> Secret {
    printer.warn(
        "a token on the command line is visible to other users (ps) and kept in shell history; prefer --token-file - and standard input",
    );
    Secret::new(text)
}
