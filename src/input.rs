//! The one way patctl reads a whole input: apply files, config files, token and pepper files and
//! standard input. Each kind has a documented cap; at most one byte more than the cap is ever
//! read, so `/dev/zero`, a FIFO that never ends or a huge file is refused (exit 65, naming the
//! cap) in milliseconds instead of filling memory.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::domain::secret::{MAX_INPUT_LEN, Secret};
use crate::error::{Error, Result, ResultExt};

/// The most bytes one kind of input may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub bytes: u64,
    /// What the input is, for the message: "a token".
    pub what: &'static str,
}

/// `patctl apply FILE`: the benchmark's 100,000 token entries take 11 MiB.
pub const APPLY_FILE: Cap = Cap { bytes: 64 << 20, what: "an apply file" };
/// `--config` and the default config files.
pub const CONFIG_FILE: Cap = Cap { bytes: 1 << 20, what: "a config file" };
/// A token (or pepper) from a file or standard input.
pub const TOKEN: Cap = Cap { bytes: MAX_INPUT_LEN as u64, what: "a token" };
/// `tokens.gitlab_secrets_file`: Omnibus's gitlab-secrets.json holds a few keys, some KiB.
pub const SECRETS_FILE: Cap = Cap { bytes: 1 << 20, what: "a GitLab secrets file" };

impl std::fmt::Display for Cap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bytes {
            b if b >= 1 << 20 && b % (1 << 20) == 0 => write!(f, "{} MiB", b >> 20),
            b => write!(f, "{b} bytes"),
        }
    }
}

/// Opens `path` for reading. Returns the file and what `fstat` says of it, so that a caller
/// checks the file it reads, not a name that could have been swapped since.
pub fn open(path: &Path) -> std::io::Result<(File, Metadata)> {
    let file = OpenOptions::new().read(true).custom_flags(libc::O_CLOEXEC).open(path)?;
    let meta = file.metadata()?;
    Ok((file, meta))
}

/// Reads all of `reader`, at most `cap.bytes`. `shown` names the input in messages.
pub fn read(reader: impl Read, shown: &str, cap: Cap) -> Result<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::new());
    reader.take(cap.bytes + 1).read_to_end(&mut bytes).context(format!("cannot read {shown}"))?;
    if bytes.len() as u64 > cap.bytes {
        return Err(Error::data(format!("{shown} is longer than {cap}, the limit for {}", cap.what)));
    }
    Ok(bytes)
}

/// Reads the file at `path` (`-`: standard input), at most `cap.bytes`.
pub fn read_path(path: &Path, cap: Cap) -> Result<Zeroizing<Vec<u8>>> {
    if path.as_os_str() == "-" {
        return read(std::io::stdin().lock(), "standard input", cap);
    }
    let shown = path.display().to_string();
    let (file, _) = open(path).context(format!("cannot read {shown}"))?;
    read(file, &shown, cap)
}

/// [`read`], as UTF-8 text.
pub fn text(reader: impl Read, shown: &str, cap: Cap) -> Result<String> {
    let bytes = read(reader, shown, cap)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::data(format!("{shown} is not UTF-8 text")))
}

/// A token read whole from `shown` (at most [`TOKEN`] bytes): one trailing newline (or CRLF)
/// is stripped; it must then be non-empty UTF-8.
pub fn token(reader: impl Read, shown: &str) -> Result<Secret> {
    let mut bytes = read(reader, shown, TOKEN)?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    if bytes.is_empty() {
        return Err(Error::data(format!("the token read from {shown} is empty")));
    }
    let text =
        std::str::from_utf8(&bytes).map_err(|_| Error::data(format!("the token read from {shown} is not UTF-8")))?;
    Ok(Secret::new(text.to_string()))
}

/// [`token`] from the file at `path`, `-` meaning standard input.
pub fn token_at(path: &Path) -> Result<Secret> {
    if path.as_os_str() == "-" {
        return token(std::io::stdin().lock(), "standard input");
    }
    let shown = path.display().to_string();
    let (file, _) = open(path).context(format!("cannot read the token from {shown}"))?;
    token(file, &shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Cap = Cap { bytes: 4, what: "a test input" };

    #[test]
    fn up_to_the_cap_is_read_and_one_byte_more_is_refused_naming_it() {
        assert_eq!(read(&b"abcd"[..], "x", SMALL).unwrap().as_slice(), b"abcd");
        let err = read(&b"abcde"[..], "x", SMALL).unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Data);
        assert_eq!(err.message(), "x is longer than 4 bytes, the limit for a test input");
    }

    #[test]
    fn an_endless_input_stops_at_the_cap() {
        let err = read(std::io::repeat(b'a'), "/dev/zero", CONFIG_FILE).unwrap_err();
        assert_eq!(err.message(), "/dev/zero is longer than 1 MiB, the limit for a config file");
    }

    #[test]
    fn caps_show_in_the_unit_they_are_documented_in() {
        assert_eq!(APPLY_FILE.to_string(), "64 MiB");
        assert_eq!(TOKEN.to_string(), "1024 bytes");
    }

    #[test]
    fn a_token_loses_one_line_end_and_must_hold_something() {
        assert_eq!(token(&b"abc\r\n"[..], "f").unwrap().expose(), "abc");
        assert_eq!(token(&b"abc\n\n"[..], "f").unwrap().expose(), "abc\n");
        assert_eq!(token(&b"\n"[..], "f").unwrap_err().message(), "the token read from f is empty");
        let long = vec![b'a'; MAX_INPUT_LEN + 1];
        assert_eq!(
            token(&long[..], "standard input").unwrap_err().message(),
            "standard input is longer than 1024 bytes, the limit for a token"
        );
    }

    #[test]
    fn text_must_be_utf8() {
        assert_eq!(text(&b"ok"[..], "f", SMALL).unwrap(), "ok");
        assert_eq!(text(&b"\xff"[..], "f", SMALL).unwrap_err().message(), "f is not UTF-8 text");
    }
}
