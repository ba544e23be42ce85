//! clap's usage errors made safe to print: a value that may be a token is never echoed (clap
//! quotes the offending argument), and argument suggestions read `did you mean --id?`.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// What a redacted value is shown as.
const REDACTED: &str = "<token>";
/// The prefix of GitLab's personal access tokens: a value carrying it is a token wherever it is.
const TOKEN_PREFIX: &str = "glpat-";
/// The commands that read a token: any stray word given to them is presumed to be one.
const TOKEN_READERS: [&str; 3] = ["verify", "rotate", "revoke"];

/// clap's rendered error with token-like values redacted, argument suggestions as `did you
/// mean`, and, for a token given where none is taken, a hint to use standard input.
pub(super) fn render(err: &clap::Error) -> String {
    render_text(&err.render().to_string(), err.kind(), invalid_arg(err).as_deref(), std::env::args())
}

fn invalid_arg(err: &clap::Error) -> Option<String> {
    match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => Some(arg.clone()),
        _ => None,
    }
}

fn render_text(rendered: &str, kind: ErrorKind, invalid: Option<&str>, argv: impl Iterator<Item = String>) -> String {
    let command = command_of(rendered);
    let stray_token = kind == ErrorKind::UnknownArgument
        && command.is_some_and(|c| TOKEN_READERS.contains(&c))
        && invalid.is_some_and(|arg| !arg.starts_with('-') || arg.contains(TOKEN_PREFIX));
    let mut secrets: Vec<String> = argv.skip(1).filter(|arg| arg.contains(TOKEN_PREFIX)).collect();
    if let Some(arg) = invalid.filter(|_| stray_token) {
        secrets.push(arg.to_string());
    }
    let mut lines: Vec<String> = Vec::new();
    for line in rendered.lines() {
        let redacted = redact(line, &secrets);
        let tip = redacted.trim_start().strip_prefix("tip: ");
        match tip {
            // clap's "to pass '<token>' as a value" tip would only repeat what was refused.
            Some(tip) if redacted != line || tip.contains(REDACTED) => {
                if lines.last().is_some_and(|l| l.is_empty()) {
                    lines.pop();
                }
            }
            Some(tip) => lines.push(format!("  tip: {}", did_you_mean(tip))),
            None => lines.push(redacted),
        }
    }
    if let Some(command) = command.filter(|_| stray_token) {
        lines.insert(1, format!("  tip: {}", stdin_hint(command)));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The subcommand named by clap's `Usage: patctl SUBCOMMAND ...` line.
fn command_of(rendered: &str) -> Option<&str> {
    let usage = rendered.lines().find_map(|line| line.strip_prefix("Usage: patctl "))?;
    usage.split_whitespace().next().filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
}

/// `line` with every secret replaced: quoted (as clap quotes values) for any secret, and bare
/// for long ones (a short stray word such as `a` would otherwise mangle the rest of the line).
fn redact(line: &str, secrets: &[String]) -> String {
    let mut line = line.to_string();
    for secret in secrets {
        line = line.replace(&format!("'{secret}'"), &format!("'{REDACTED}'"));
        if secret.len() >= 8 {
            line = line.replace(secret.as_str(), REDACTED);
        }
    }
    line
}

/// clap's "a similar argument exists: '--id'" as "did you mean --id?".
fn did_you_mean(tip: &str) -> String {
    let names =
        tip.strip_prefix("a similar argument exists: ").or_else(|| tip.strip_prefix("some similar arguments exist: "));
    match names {
        Some(names) => {
            let names: Vec<&str> = names.split(", ").map(|n| n.trim_matches('\'')).collect();
            format!("did you mean {}?", names.join(" or "))
        }
        None => tip.to_string(),
    }
}

fn stdin_hint(command: &str) -> String {
    let reader = match command {
        "verify" => "patctl verify".to_string(),
        other => format!("patctl {other} --token-file -"),
    };
    format!("pass the token on standard input: printf '%s\\n' \"$T\" | {reader}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(rendered: &str, kind: ErrorKind, invalid: &str, argv: &[&str]) -> String {
        let argv = std::iter::once("patctl").chain(argv.iter().copied()).map(String::from);
        render_text(rendered, kind, Some(invalid), argv)
    }

    #[test]
    fn a_stray_token_is_redacted_with_a_stdin_hint() {
        let clap = "error: unexpected argument 'secret-value-1234' found\n\nUsage: patctl verify [OPTIONS]\n\nFor more information, try '--help'.\n";
        let text = render(clap, ErrorKind::UnknownArgument, "secret-value-1234", &["verify", "secret-value-1234"]);
        assert!(!text.contains("secret-value-1234"), "{text}");
        assert!(
            text.starts_with("error: unexpected argument '<token>' found\n  tip: pass the token on standard input"),
            "{text}"
        );
        assert!(text.contains("| patctl verify\n"), "{text}");
    }

    #[test]
    fn a_short_stray_word_is_redacted_only_where_quoted() {
        let clap = "error: unexpected argument 'a' found\n\nUsage: patctl rotate [OPTIONS]\n";
        let text = render(clap, ErrorKind::UnknownArgument, "a", &["rotate", "a"]);
        assert!(text.starts_with("error: unexpected argument '<token>' found\n"), "{text}");
        assert!(text.contains("Usage: patctl rotate [OPTIONS]\n"), "{text}");
        assert!(text.contains("| patctl rotate --token-file -\n"), "{text}");
    }

    #[test]
    fn a_prefixed_token_is_redacted_in_any_command_and_its_tips_dropped() {
        let clap = "error: unexpected argument '-glpat-abc' found\n\n  tip: to pass '-glpat-abc' as a value, use '-- -glpat-abc'\n\nUsage: patctl list [OPTIONS]\n";
        let text = render(clap, ErrorKind::UnknownArgument, "-glpat-abc", &["list", "-glpat-abc"]);
        assert_eq!(text, "error: unexpected argument '<token>' found\n\nUsage: patctl list [OPTIONS]\n");
    }

    #[test]
    fn a_mistyped_flag_is_not_a_token_and_gets_did_you_mean() {
        let clap = "error: unexpected argument '--idd' found\n\n  tip: a similar argument exists: '--id'\n\nUsage: patctl revoke <TOKEN>\n";
        let text = render(clap, ErrorKind::UnknownArgument, "--idd", &["revoke", "--idd"]);
        assert_eq!(
            text,
            "error: unexpected argument '--idd' found\n\n  tip: did you mean --id?\n\nUsage: patctl revoke <TOKEN>\n"
        );
    }
}
