//! Text rules shared by every command: what a name may contain, and how untrusted text is shown.

use crate::error::{Error, Result};

/// Characters that could rewrite a terminal or reorder what a reader sees.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Shows untrusted text on one line with control and bidirectional characters escaped.
pub fn escape(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    text.chars().map(|c| if is_unsafe(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// Checks a free-text field (token name, description, display name).
pub fn check_field(field: &str, value: &str, max_chars: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::data(format!("{field} must not be empty")));
    }
    if let Some(c) = value.chars().find(|&c| is_unsafe(c)) {
        return Err(Error::data(format!(
            "{field} contains the control or bidirectional character {} (not allowed): '{}'",
            c.escape_unicode(),
            escape(value)
        )));
    }
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(Error::data(format!("{field} is {chars} characters long; at most {max_chars} are allowed")));
    }
    Ok(())
}

/// The candidate nearest to `text`, when it is close enough to be a typo.
pub fn suggest<'a>(text: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let near = candidates
        .iter()
        .map(|c| (strsim::levenshtein(text, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    // A truncated name ("read_repo") is a typo too.
    near.or_else(|| candidates.into_iter().find(|c| text.len() >= 3 && c.starts_with(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ansi_controls_and_bidi_overrides() {
        assert_eq!(escape("plain name"), "plain name");
        assert_eq!(escape("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape("evil\u{202E}txt"), "evil\\u{202e}txt");
        assert_eq!(escape("two\nlines"), "two\\u{a}lines");
    }

    #[test]
    fn fields_refuse_control_characters_empty_and_overlong_values() {
        assert!(check_field("name", "Automation token", 255).is_ok());
        assert!(check_field("name", "'; DROP TABLE users;--", 255).is_ok());
        assert!(check_field("name", "  ", 255).is_err());
        assert!(check_field("name", "x\u{7}", 255).is_err());
        assert!(check_field("name", "\u{2066}x", 255).is_err());
        assert!(check_field("name", &"é".repeat(256), 255).is_err());
        assert!(check_field("name", &"é".repeat(255), 255).is_ok());
    }

    #[test]
    fn suggests_only_near_candidates() {
        assert_eq!(suggest("craete", ["create", "revoke"]), Some("create"));
        assert_eq!(suggest("zzzzzz", ["create", "revoke"]), None);
        assert_eq!(suggest("read_repo", ["read_api", "read_repository"]), Some("read_repository"));
    }

    #[test]
    fn long_candidates_allow_a_third_of_their_length_in_edits() {
        // Three edits from the 15-character read_repository: within 15 / 3.
        assert_eq!(suggest("raed_repostory", ["read_repository"]), Some("read_repository"));
        // Three edits from the 6-character create: beyond the minimum of 2.
        assert_eq!(suggest("xrxatx", ["create"]), None);
    }
}
