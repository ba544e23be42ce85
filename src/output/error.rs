//! A failure as `--format json` reports it on stderr: one object, `schema/error.schema.json`.

use serde::Serialize;

use crate::error::{Error, Exit};

#[derive(Debug, Serialize)]
struct ErrorView<'a> {
    exit_code: u8,
    kind: &'static str,
    message: &'a str,
    /// Always present, `null` without a next step, so that a reader needs no default.
    hint: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Envelope<'a> {
    error: ErrorView<'a>,
}

/// `{"error": {"exit_code": 65, "kind": "data", "message": "...", "hint": null}}` and a newline.
pub fn error_json(exit: Exit, message: &str, hint: Option<&str>) -> String {
    let view = ErrorView { exit_code: exit.code(), kind: exit.kind(), message, hint };
    let mut text = serde_json::to_string(&Envelope { error: view }).expect("strings and numbers serialize");
    text.push('\n');
    text
}

/// [`error_json`] of a patctl error.
pub fn error_json_of(err: &Error) -> String {
    error_json(err.exit(), err.message(), err.hint())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_is_null_when_there_is_none() {
        assert_eq!(
            error_json_of(&Error::data("bad \"scope\"")),
            "{\"error\":{\"exit_code\":65,\"kind\":\"data\",\"message\":\"bad \\\"scope\\\"\",\"hint\":null}}\n"
        );
        let err = Error::usage("missing --name").with_hint("see patctl create --help");
        assert!(
            error_json_of(&err)
                .contains("\"kind\":\"usage\",\"message\":\"missing --name\",\"hint\":\"see patctl create --help\"")
        );
    }
}
