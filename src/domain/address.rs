//! Mail addresses and host names, which end up in message headers handed to `sendmail -t`: a
//! CR or LF there adds headers (`Bcc:`), a comma or a group adds recipients. So an address is
//! exactly one RFC 5322 addr-spec in its plain form — a dot-atom, `@`, a host name — with no
//! display name, comment, quoted local part, domain literal, group or list.

use super::text::escape;
use crate::error::{Error, Result};

/// A user's email as data: exit 65 naming it (escaped) and what is wrong.
pub fn check_user_email(email: &str) -> Result<()> {
    check_email(email).map_err(|why| Error::data(format!("'{}' is not one email address: {why}", escape(email))))
}

/// Why `text` is not one plain addr-spec (`local@host`), or `Ok`.
pub fn check_email(text: &str) -> std::result::Result<(), &'static str> {
    if text.contains(['\r', '\n']) {
        return Err("no line breaks");
    }
    if text.contains([',', ';']) {
        return Err("one address only, no list");
    }
    if text.contains(['<', '>', '"', '(', ')', ':', ' ', '\t']) {
        return Err("the address alone: no display name, quotes, comment, group or spaces");
    }
    if text.len() > 254 {
        return Err("longer than 254 characters");
    }
    let Some((local, host)) = text.split_once('@') else {
        return Err("no @");
    };
    if local.is_empty() || local.len() > 64 {
        return Err("the part before @ must have 1 to 64 characters");
    }
    if local.split('.').any(|atom| atom.is_empty() || !atom.bytes().all(is_atext)) {
        return Err("the part before @ may only hold letters, digits, single dots and !#$%&'*+-/=?^_`{|}~");
    }
    check_hostname(host)
}

/// Why `text` is not a DNS host name (letters, digits and hyphens in dot-separated labels of at
/// most 63 characters, none starting or ending with a hyphen), or `Ok`.
pub fn check_hostname(text: &str) -> std::result::Result<(), &'static str> {
    if text.is_empty() || text.len() > 253 {
        return Err("a host name has 1 to 253 characters");
    }
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !text.split('.').all(label_ok) {
        return Err("a host name is dot-separated labels of letters, digits and inner hyphens");
    }
    Ok(())
}

/// RFC 5322 `atext`: the characters of a dot-atom besides the dots.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_plain_address_is_accepted() {
        for ok in ["alice@example.com", "a.b+tag@mail.example.org", "x@localhost", "o'brien@ex-ample.io"] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn lists_groups_display_names_and_header_breaks_are_refused() {
        for bad in [
            "a@x,b@y",
            "a@x, b@y",
            "Alice <alice@example.com>",
            "undisclosed:a@x;",
            "a@x\r\nBcc: eve@evil.example",
            "a@x\nBcc: eve@evil.example",
            "\"a b\"@example.com",
            "a@[127.0.0.1]",
            "a..b@example.com",
            ".a@example.com",
            "a@",
            "@example.com",
            "alice",
            "a@-x.com",
            "a@x_y.com",
            "a @example.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn host_names_are_labels() {
        for ok in ["localhost", "mail.example.com", "a-b.c0"] {
            assert_eq!(check_hostname(ok), Ok(()), "{ok}");
        }
        let long_label = "a".repeat(64);
        for bad in ["", "example.com\r\nBcc: x@y", "a..b", "a.", "-a", "a b", "a@b", long_label.as_str()] {
            assert!(check_hostname(bad).is_err(), "{bad:?}");
        }
    }
    /// A host name of `len` characters: labels of at most 63 characters joined by dots.
    fn host_of_len(len: usize) -> String {
        let mut host = String::new();
        while host.len() < len {
            if !host.is_empty() {
                host.push('.');
            }
            host.push_str(&"h".repeat((len - host.len()).min(63)));
        }
        host
    }

    #[test]
    fn lengths_are_capped_at_the_rfc_limits() {
        let local = "l".repeat(64);
        assert_eq!(check_email(&format!("{local}@{}", host_of_len(189))), Ok(()), "254 characters");
        assert_eq!(check_email(&format!("{local}@{}", host_of_len(190))), Err("longer than 254 characters"));
        assert_eq!(check_email(&format!("{local}@example.com")), Ok(()), "a 64-character local part");
        let long_local = format!("{local}l@example.com");
        assert_eq!(check_email(&long_local), Err("the part before @ must have 1 to 64 characters"));
        assert_eq!(check_email("@example.com"), Err("the part before @ must have 1 to 64 characters"));
        assert_eq!(check_hostname(&host_of_len(253)), Ok(()));
        assert_eq!(check_hostname(&host_of_len(254)), Err("a host name has 1 to 253 characters"));
        assert_eq!(check_hostname(""), Err("a host name has 1 to 253 characters"));
    }

    #[test]
    fn the_local_part_is_atext_only() {
        for bad in ["a[b@example.com", "a]b@example.com", "\u{e9}@example.com", "a\\b@example.com"] {
            assert!(check_email(bad).unwrap_err().starts_with("the part before @ may only hold"), "{bad:?}");
        }
    }

    #[test]
    fn a_bad_user_email_is_a_data_error_naming_it_escaped() {
        assert!(check_user_email("alice@example.com").is_ok());
        let err = check_user_email("a@x\nBcc: e@v").unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Data);
        assert_eq!(err.message(), "'a@x\\u{a}Bcc: e@v' is not one email address: no line breaks");
    }
}
