//! libpq's connection URI, read as libpq reads it:
//! `postgresql://[user[:password]@][host][:port][/dbname][?name=value&...]`, every part
//! percent-decoded, query parameters overriding the parts before them (`?host=/run/pg` is how a
//! socket directory is named). Messages never quote a password, nor a whole URI.

use crate::error::{Error, Result};

/// What a URI says, before defaults are applied. `redacted` is the text with any password
/// replaced by `***`.
#[derive(Default)]
pub(super) struct Parts {
    pub user: Option<String>,
    pub password: Option<zeroize::Zeroizing<String>>,
    pub host: Option<String>,
    pub port: Option<String>,
    pub dbname: Option<String>,
    /// The query parameters other than those above, in order, decoded.
    pub params: Vec<(String, String)>,
    pub redacted: String,
}

pub(super) const SCHEMES: [&str; 2] = ["postgresql://", "postgres://"];

fn invalid(why: impl std::fmt::Display) -> Error {
    Error::usage(format!("invalid PostgreSQL URI: {why}"))
        .with_hint("the form is postgresql://[USER@][HOST][:PORT][/DBNAME][?sslmode=...&host=/SOCKET/DIR]")
}

/// Splits and decodes `text`, which starts with one of [`SCHEMES`].
pub(super) fn split(text: &str) -> Result<Parts> {
    let scheme =
        SCHEMES.iter().find(|s| text.starts_with(*s)).ok_or_else(|| invalid("it must start with postgresql://"))?;
    let mut rest = &text[scheme.len()..];
    let mut parts = Parts { redacted: scheme.to_string(), ..Parts::default() };
    // As libpq: user information ends at an `@` met before any `/`.
    if let Some(at) = rest.find(['@', '/']).filter(|&at| rest.as_bytes()[at] == b'@') {
        let userinfo = &rest[..at];
        rest = &rest[at + 1..];
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo, None),
        };
        parts.user = Some(decode(user, "the user name")?).filter(|u| !u.is_empty());
        parts.redacted.push_str(user);
        if let Some(password) = password {
            parts.password = Some(zeroize::Zeroizing::new(decode(password, "the password")?));
            parts.redacted.push_str(":***");
        }
        parts.redacted.push('@');
    }
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (hostspec, after_host) = rest.split_at(host_end);
    parts.redacted.push_str(hostspec);
    split_hostspec(hostspec, &mut parts)?;
    let (path, query) = match after_host.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (after_host, None),
    };
    parts.redacted.push_str(path);
    if let Some(dbname) = path.strip_prefix('/') {
        parts.dbname = Some(decode(dbname, "the database name")?).filter(|d| !d.is_empty());
    }
    if let Some(query) = query {
        parts.redacted.push('?');
        split_query(query, &mut parts)?;
    }
    Ok(parts)
}

/// `host`, `host:port`, `[v6]:port` or `:port`.
fn split_hostspec(hostspec: &str, parts: &mut Parts) -> Result<()> {
    if hostspec.contains(',') {
        return Err(invalid("several hosts are not supported: name one"));
    }
    let (host, port) = if let Some(v6) = hostspec.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or_else(|| invalid("an IPv6 address needs its closing ]"))?;
        match after {
            "" => (host.to_string(), None),
            _ => (host.to_string(), Some(after.strip_prefix(':').ok_or_else(|| invalid("expected :PORT after ]"))?)),
        }
    } else {
        match hostspec.split_once(':') {
            Some((host, port)) => (decode(host, "the host")?, Some(port)),
            None => (decode(hostspec, "the host")?, None),
        }
    };
    parts.host = Some(host).filter(|h| !h.is_empty());
    parts.port = port.map(str::to_string);
    Ok(())
}

fn split_query(query: &str, parts: &mut Parts) -> Result<()> {
    for (n, pair) in query.split('&').enumerate() {
        if n > 0 {
            parts.redacted.push('&');
        }
        let (name, value) =
            pair.split_once('=').ok_or_else(|| invalid("a query parameter needs the form name=value"))?;
        let name = decode(name, "a parameter name")?;
        if name == "password" {
            parts.password = Some(zeroize::Zeroizing::new(decode(value, "the password")?));
            parts.redacted.push_str("password=***");
            continue;
        }
        parts.redacted.push_str(pair);
        let value = decode(value, &format!("parameter {}", shown(&name)))?;
        match name.as_str() {
            "user" => parts.user = Some(value).filter(|v| !v.is_empty()),
            "host" => parts.host = Some(value).filter(|v| !v.is_empty()),
            "port" => parts.port = Some(value).filter(|v| !v.is_empty()),
            "dbname" => parts.dbname = Some(value).filter(|v| !v.is_empty()),
            _ => parts.params.push((name, value)),
        }
    }
    Ok(())
}

/// A name from the URI in a message: escaped, and cut short, since it may be anything.
pub(super) fn shown(name: &str) -> String {
    let cut: String = name.chars().take(40).collect();
    format!("\"{}\"", crate::domain::text::escape(&cut))
}

/// Percent-decoding as libpq does it: `%XX` only (a `+` stays a `+`), `%00` refused.
fn decode(text: &str, what: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'%' {
            out.push(bytes[at]);
            at += 1;
            continue;
        }
        let byte = bytes
            .get(at + 1..at + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|&b| b != 0)
            .ok_or_else(|| invalid(format!("bad percent-encoding in {what}")))?;
        out.push(byte);
        at += 3;
    }
    String::from_utf8(out).map_err(|_| invalid(format!("{what} is not UTF-8 once decoded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_found_and_decoded() {
        let p = split("postgresql://al%40ice:s%3Acret@db.example.org:6432/pat%20ctl?sslmode=require").unwrap();
        assert_eq!(p.user.as_deref(), Some("al@ice"));
        assert_eq!(p.password.as_deref().map(String::as_str), Some("s:cret"));
        assert_eq!((p.host.as_deref(), p.port.as_deref()), (Some("db.example.org"), Some("6432")));
        assert_eq!(p.dbname.as_deref(), Some("pat ctl"));
        assert_eq!(p.params, [("sslmode".to_string(), "require".to_string())]);
        assert_eq!(p.redacted, "postgresql://al%40ice:***@db.example.org:6432/pat%20ctl?sslmode=require");
    }

    #[test]
    fn query_parameters_override_and_name_a_socket_directory() {
        let p = split("postgres://ignored/db?host=%2Frun%2Fpg&port=5433&user=bob&dbname=other").unwrap();
        assert_eq!(p.host.as_deref(), Some("/run/pg"));
        assert_eq!(
            (p.port.as_deref(), p.user.as_deref(), p.dbname.as_deref()),
            (Some("5433"), Some("bob"), Some("other"))
        );
        let bare = split("postgresql:///patctl?host=/tmp/pg").unwrap();
        assert_eq!((bare.host.as_deref(), bare.dbname.as_deref()), (Some("/tmp/pg"), Some("patctl")));
        let nothing = split("postgresql://").unwrap();
        assert!(nothing.host.is_none() && nothing.user.is_none() && nothing.dbname.is_none());
    }

    #[test]
    fn ipv6_hosts_and_a_port_alone() {
        let p = split("postgresql://[::1]:5433/db").unwrap();
        assert_eq!((p.host.as_deref(), p.port.as_deref()), (Some("::1"), Some("5433")));
        let p = split("postgresql://:5433/db").unwrap();
        assert_eq!((p.host, p.port.as_deref()), (None, Some("5433")));
    }

    #[test]
    fn a_password_anywhere_is_redacted_and_never_in_a_message() {
        let p = split("postgresql://u:hunter2@h/db?sslmode=require&password=hunter3&application_name=x").unwrap();
        assert_eq!(p.password.as_deref().map(String::as_str), Some("hunter3"));
        assert_eq!(p.redacted, "postgresql://u:***@h/db?sslmode=require&password=***&application_name=x");
        for bad in [
            "postgresql://u:hunter2%zz@h/db",
            "postgresql://u:hunter2%00@h/db",
            "postgresql://h/db?password=hunter2%FF",
        ] {
            let err = split(bad).err().unwrap();
            assert!(!err.message().contains("hunter2"), "{}", err.message());
            assert!(err.message().contains("the password"), "{}", err.message());
        }
    }

    #[test]
    fn a_plus_stays_a_plus_and_an_at_after_a_slash_is_not_user_information() {
        let p = split("postgresql://h/a+b@c").unwrap();
        assert_eq!((p.user, p.dbname.as_deref()), (None, Some("a+b@c")));
    }

    #[test]
    fn malformed_uris_are_usage_errors() {
        for (bad, why) in [
            ("postgresql://a,b/db", "several hosts"),
            ("postgresql://[::1/db", "closing ]"),
            ("postgresql://[::1]x/db", "expected :PORT"),
            ("postgresql://h/db?sslmode", "name=value"),
            ("postgresql://h/d%2", "percent-encoding in the database name"),
            ("postgresql://h/d%C3", "not UTF-8"),
            ("mysql://h/db", "must start with"),
        ] {
            let err = split(bad).err().unwrap_or_else(|| panic!("{bad} was accepted"));
            assert_eq!(err.exit(), crate::error::Exit::Usage);
            assert!(err.message().contains(why), "{bad}: {}", err.message());
        }
    }
}
