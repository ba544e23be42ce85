//! libpq's password file (`PGPASSFILE`, else `~/.pgpass`): lines `host:port:database:user:password`,
//! `*` matching anything in the first four fields, `\:` and `\\` escaping, `#` starting a comment;
//! the first line that matches wins. As libpq does, a file that is not a regular file, or that
//! its mode lets the group or others read or write, is not read at all.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

/// What the connection is, as the file's fields are matched against it.
pub(super) struct Wanted<'a> {
    pub host: &'a str,
    pub port: &'a str,
    pub dbname: &'a str,
    pub user: &'a str,
}

/// Why the password file gave no password, for the hint after a failed authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lookup {
    Found(Zeroizing<String>),
    NoFile,
    NoMatch,
    /// Skipped: its mode allows group or other access (the mode).
    Unsafe(u32),
    /// Skipped: not a regular file.
    NotAFile,
    Unreadable,
}

/// The most a password file may hold; beyond it the file is not read (as if unreadable).
const MAX_LEN: u64 = 1 << 20;

/// The file libpq would read: `PGPASSFILE`, else `$HOME/.pgpass`.
pub(super) fn default_path(passfile: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = passfile {
        return Some(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("PGPASSFILE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|home| PathBuf::from(home).join(".pgpass"))
}

/// Looks `wanted` up in the file at `path`.
pub(super) fn lookup(path: &Path, wanted: &Wanted) -> Lookup {
    let Ok((file, meta)) = crate::input::open(path) else {
        return if path.exists() { Lookup::Unreadable } else { Lookup::NoFile };
    };
    if !meta.is_file() {
        return Lookup::NotAFile;
    }
    if meta.mode() & 0o077 != 0 {
        return Lookup::Unsafe(meta.mode() & 0o7777);
    }
    match crate::input::read(file, "password file", crate::input::Cap { bytes: MAX_LEN, what: "a password file" }) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => find(text, wanted).map_or(Lookup::NoMatch, Lookup::Found),
            Err(_) => Lookup::Unreadable,
        },
        Err(_) => Lookup::Unreadable,
    }
}

/// The password of the first line of `text` that matches `wanted`.
pub(super) fn find(text: &str, wanted: &Wanted) -> Option<Zeroizing<String>> {
    let want = [wanted.host, wanted.port, wanted.dbname, wanted.user];
    text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()).find_map(|line| {
        let fields = fields(line.strip_suffix('\r').unwrap_or(line))?;
        let matches = fields[..4].iter().zip(want).all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
        matches.then(|| fields[4].clone())
    })
}

/// The five fields of a line, unescaped; `None` when it has fewer. The password is the rest of
/// the line after the fourth unescaped colon (its own colons escaped or not).
fn fields(line: &str) -> Option<[Zeroizing<String>; 5]> {
    let mut fields: [Zeroizing<String>; 5] = Default::default();
    let mut n = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields[n].push(chars.next().unwrap_or('\\')),
            ':' if n < 4 => n += 1,
            c => fields[n].push(c),
        }
    }
    (n == 4).then_some(fields)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    const WANTED: Wanted = Wanted { host: "db.example.org", port: "5432", dbname: "patctl", user: "alice" };

    fn password(text: &str, wanted: &Wanted) -> Option<String> {
        find(text, wanted).map(|p| p.to_string())
    }

    #[test]
    fn the_first_matching_line_wins_and_stars_match_anything() {
        let text = "# host:port:db:user:password\n\
                    other:5432:patctl:alice:no\n\
                    db.example.org:5432:patctl:bob:no\n\
                    db.example.org:*:patctl:alice:first\n\
                    *:*:*:*:second\n";
        assert_eq!(password(text, &WANTED).as_deref(), Some("first"));
        let bob = Wanted { user: "bob", ..WANTED };
        assert_eq!(password(text, &bob).as_deref(), Some("no"));
        let carol = Wanted { user: "carol", ..WANTED };
        assert_eq!(password(text, &carol).as_deref(), Some("second"));
        assert_eq!(password("other:*:*:*:x\n", &WANTED), None);
    }

    #[test]
    fn escapes_colons_and_short_lines() {
        let socket = Wanted { host: "/run/p:g", ..WANTED };
        assert_eq!(
            password("/run/p\\:g:5432:patctl:alice:pa\\:ss\\\\w:rd\r\n", &socket).as_deref(),
            Some("pa:ss\\w:rd")
        );
        // A line with fewer than five fields matches nothing, however starred.
        assert_eq!(password("*:*:*:*\n*:*:*:*:ok\n", &WANTED).as_deref(), Some("ok"));
        // An empty password field is a password (the empty one), as libpq reads it.
        assert_eq!(password("*:*:*:*:\n", &WANTED).as_deref(), Some(""));
    }

    #[test]
    fn a_file_others_may_read_is_skipped_as_libpq_skips_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        for (mode, expected) in [
            (0o600, Lookup::Found(Zeroizing::new("secret".into()))),
            (0o400, Lookup::Found(Zeroizing::new("secret".into()))),
            (0o640, Lookup::Unsafe(0o640)),
            (0o604, Lookup::Unsafe(0o604)),
            (0o620, Lookup::Unsafe(0o620)),
        ] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(lookup(&path, &WANTED), expected, "mode {mode:o}");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::write(&path, "nothing:*:*:*:x\n").unwrap();
        assert_eq!(lookup(&path, &WANTED), Lookup::NoMatch);
        assert_eq!(lookup(&dir.path().join("missing"), &WANTED), Lookup::NoFile);
        assert_eq!(lookup(dir.path(), &WANTED), Lookup::NotAFile);
    }
}
