//! Hostile and careless input: each case exits with its documented code and leaves the database
//! as it was (a dump is compared before and after), and untrusted text never reaches a terminal raw.
use std::time::{Duration, Instant};

use crate::common::process::{self, command};
use crate::common::{Env, PRESET};

/// A database with a user and a couple of tokens whose names hold `%` and `_`.
fn env() -> Env {
    let env = Env::new();
    env.user("bob", &[]);
    env.user("admin", &["--admin"]);
    env.preset_token("bob", "ci", "api", PRESET, &[]);
    for name in ["100% done", "a_b", "axb", "plain", "back\\slash"] {
        env.generated_token("bob", name, "read_user", &[]);
    }
    env
}

/// Runs `args` (with `input` on stdin), expects `code`, and checks the database did not change.
fn refused(env: &Env, args: &[&str], input: &str, code: i32) -> String {
    let before = env.dump();
    let out = env.cmd().args(args).write_stdin(input.to_string()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert_eq!(env.dump(), before, "{args:?} changed the database");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error: ")).count(), 1, "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Untrusted text is shown escaped, never raw.
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\r', '\0'] {
        assert!(!stderr.contains(raw), "{args:?}: raw {raw:?} in {stderr:?}");
    }
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    stderr
}

const CONTROL: &[&str] = &[
    "evil\u{1b}[31mred",
    "clear\u{1b}[2J\u{1b}[H",
    "bell\u{7}",
    "line\nbreak",
    "carriage\rreturn",
    "nul\0byte",
    "rtl\u{202e}txt.exe",
    "isolate\u{2066}x\u{2069}",
    "mark\u{200f}",
    "tab\there",
];

#[test]
fn control_ansi_and_bidi_characters_are_refused_everywhere_and_never_echoed_raw() {
    let env = env();
    let mut cases = 0;
    for bad in CONTROL {
        if bad.contains('\0') {
            continue; // an argument cannot hold NUL; see the stdin case below
        }
        let err = refused(&env, &["create", "--user", "bob", "--name", bad, "--scopes", "api"], "", 65);
        assert!(err.contains("control or bidirectional character"), "{err}");
        refused(&env, &["create", "--user", "bob", "--name", "n", "--description", bad, "--scopes", "api"], "", 65);
        refused(&env, &["user", "add", "carol", "--name", bad], "", 65);
        refused(&env, &["user", "add", "carol", "--email", &format!("c{bad}@example.com")], "", 65);
        refused(&env, &["user", "add", &format!("carol{bad}")], "", 65);
        refused(&env, &["user", "show", &format!("bob{bad}")], "", 67);
        refused(&env, &["list", "--user", &format!("bob{bad}")], "", 67);
        refused(&env, &["create", "--user", "bob", "--name", "n", "--scopes", &format!("api{bad}")], "", 65);
        refused(&env, &["list", "--created-before", &format!("2026-01-01{bad}")], "", 65);
        refused(&env, &["create", "--user", "bob", "--name", "n", "--scopes", "api", "--expires-in", bad], "", 65);
        cases += 10;
    }
    // A token with control characters on stdin: refused by the preset rule, never echoed.
    for bad in CONTROL {
        let err = refused(
            &env,
            &["create", "--user", "bob", "--name", "n", "--scopes", "api", "--token-file", "-"],
            &format!("{bad}\n"),
            65,
        );
        assert!(!err.contains(bad), "{err}");
        cases += 1;
    }
    println!(
        "hostile: {cases} control/ANSI/bidi inputs refused with their exit code, database unchanged, nothing raw on stderr"
    );
}

#[test]
fn text_that_a_tampered_database_holds_is_escaped_in_tables() {
    let env = env();
    use crate::common::quote;
    crate::common::execute(
        &env.db,
        &format!(
            "UPDATE personal_access_tokens SET name = {}, description = {} WHERE id = 1;
             UPDATE users SET name = {} WHERE username = 'bob'",
            quote("evil\u{1b}[2J\u{202e}txt"),
            quote("d\u{7}"),
            quote("Bob\u{1b}]0;pwned\u{7}")
        ),
    );
    for args in [&["list"][..], &["show", "1"], &["user", "list"], &["user", "show", "bob"]] {
        let out = env.run(args).success().get_output().stdout.clone();
        let text = String::from_utf8(out).unwrap();
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!text.contains(raw), "{args:?}: raw {raw:?} in {text}");
        }
        assert!(text.contains("\\u{1b}"), "{args:?}: {text}");
    }
    // JSON escapes control characters itself.
    let out = env.run(&["list", "--format", "json"]).success().get_output().stdout.clone();
    assert!(!out.contains(&0x1b) && !out.contains(&0x07));
}

#[test]
fn sql_looking_text_is_data_and_wildcards_in_search_are_literal() {
    let env = env();
    let sql = "'; DROP TABLE users;--";
    // Not a valid username: refused, nothing changed.
    refused(&env, &["user", "add", sql], "", 65);
    refused(&env, &["user", "show", sql], "", 67);
    refused(&env, &["revoke", "--user", sql, "--name", "x", "--yes"], "", 67);
    // As a name or description it is just text, stored and shown as given.
    env.user("robert", &["--name", "Robert'); DROP TABLE personal_access_tokens;--"]);
    let (id, _) = env.generated_token("bob", sql, "api", &["--description", "\" OR 1=1 --"]);
    let shown = env.json(&["show", &id.to_string()]);
    assert_eq!(shown["name"], sql);
    assert_eq!(shown["description"], "\" OR 1=1 --");
    assert_eq!(env.json(&["user", "show", "robert"])["name"], "Robert'); DROP TABLE personal_access_tokens;--");
    assert_eq!(env.json(&["list", "--search", sql]).as_array().unwrap().len(), 1);
    assert!(env.dump().contains("[users]"));

    let names = |search: &str| -> Vec<String> {
        env.json(&["list", "--search", search])
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect()
    };
    // GitLab's search: a query under 3 characters must be the whole name.
    assert_eq!(names("00%"), ["100% done"]);
    assert!(names("%").is_empty());
    assert!(names("_").is_empty());
    assert_eq!(names("a_b"), ["a_b"]);
    assert_eq!(names("k\\s"), ["back\\slash"]);
    assert!(names("%%%").is_empty());
    assert_eq!(names("PLAIN"), ["plain"], "case-insensitive");
    println!("hostile: SQL-looking names stored as text; --search %, _, \\ literal");
}

#[test]
fn a_ten_megabyte_token_on_stdin_is_refused_quickly_without_reading_it_all() {
    let env = env();
    let before = env.dump();
    for args in [
        &["create", "--user", "bob", "--name", "big", "--scopes", "api", "--token-file", "-"][..],
        &["revoke", "--token-file", "-", "--yes"],
    ] {
        let started = Instant::now();
        let (out, read_all) = process::run_with_input_counted(command(&env, args), vec![b'A'; 10 * 1024 * 1024]);
        let elapsed = started.elapsed();
        assert_eq!(out.status.code(), Some(65), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("longer than 1024 bytes"));
        assert!(!read_all, "patctl stops reading after its bound");
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
        println!(
            "hostile: 10 MiB token on stdin to {}: exit 65 in {} ms, input not read to the end",
            args[0],
            elapsed.as_millis()
        );
    }
    // The same from a file.
    let big = env.path("big.txt");
    std::fs::write(&big, vec![b'A'; 10 * 1024 * 1024]).unwrap();
    refused(
        &env,
        &["create", "--user", "bob", "--name", "big", "--scopes", "api", "--token-file", big.to_str().unwrap()],
        "",
        65,
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn empty_tokens_are_refused_and_one_trailing_newline_is_stripped() {
    let env = env();
    let create = ["create", "--user", "bob", "--name", "n", "--scopes", "api", "--token-file", "-"];
    for empty in ["", "\n", "\r\n"] {
        let err = refused(&env, &create, empty, 65);
        assert!(err.contains("the token read from standard input is empty"), "{err}");
    }
    let err = refused(&env, &["create", "--user", "bob", "--name", "n", "--scopes", "api", "--token", ""], "", 65);
    assert!(err.contains("empty"), "{err}");
    // Only one newline is stripped: two make an invalid token.
    refused(&env, &create, "BBBBBBBBBBBBBBBBBBBB\n\n", 65);
    refused(&env, &create, " BBBBBBBBBBBBBBBBBBBB\n", 65);
    refused(&env, &["revoke", "--token-file", "-", "--yes"], "", 65);
    // A trailing newline (or CRLF) is not part of the token: the same token either way.
    env.preset_token("bob", "nl", "api", "CCCCCCCCCCCCCCCCCCCC", &[]);
    env.run_with_input(&["revoke", "--token-file", "-", "--yes"], "CCCCCCCCCCCCCCCCCCCC\r\n").success();
    let err = refused(&env, &create, "CCCCCCCCCCCCCCCCCCCC", 65);
    assert!(err.contains("token already exists") && !err.contains("CCCC"), "{err}");
}

#[test]
fn impossible_dates_and_zero_negative_and_huge_durations_are_refused() {
    let env = env();
    let create = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> =
            ["create", "--user", "bob", "--name", "d", "--scopes", "api"].iter().map(|s| s.to_string()).collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let mut cases = 0;
    for extra in [
        &["--expires-at", "2026-02-30"][..],
        &["--expires-at", "2027-02-29"], // not a leap year
        &["--expires-at", "2027-13-01"],
        &["--expires-at", "2027-00-10"],
        &["--expires-at", "27-01-01"],
        &["--expires-at", "2027-1-1"],
        &["--expires-at", "+2027-01-01"],
        &["--expires-at", "2026-11-23"], // today
        &["--expires-at", "2020-01-01"], // past
        &["--expires-at", "2028-02-29"], // a real leap day, beyond the 365-day maximum
        &["--expires-at", "99999-01-01"],
        &["--expires-in", "0d"],
        &["--expires-in", "-1d"],
        &["--expires-in", "99999y"],
        &["--expires-in", "999999999y"],
        &["--expires-in", "9999999999d"],
        &["--expires-in", "1.5d"],
        &["--expires-in", "1 d"],
        &["--expires-in", "d"],
        &["--expires-in", "5x"],
        &["--expires-in", "٣d"], // Arabic-Indic digit
        &["--no-expiry"],
    ] {
        let args = create(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&env, &args, "", 65);
        cases += 1;
    }
    for args in [
        &["list", "--created-before", "2026-02-30"][..],
        &["list", "--expires-after", "2026-02-29"],
        &["list", "--last-used-after", "2026-11-23T25:00:00Z"],
    ] {
        refused(&env, args, "", 65);
        cases += 1;
    }
    // 29 February exists in leap years; a year after it is 28 February.
    env.write_config("[tokens]\nmax_lifetime_days = 1000\n");
    let (id, _) = env.generated_token("bob", "leap", "api", &["--expires-at", "2028-02-29"]);
    assert_eq!(env.json(&["show", &id.to_string()])["expires_at"], "2028-02-29");
    let out = env
        .at("2028-02-29T12:00:00Z")
        .args([
            "create",
            "--user",
            "bob",
            "--name",
            "leap+1y",
            "--scopes",
            "api",
            "--expires-in",
            "1y",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["expires_at"], "2029-02-28");
    println!(
        "hostile: {cases} impossible dates and bad durations refused with 65, database unchanged; 2028-02-29 accepted, +1y = 2029-02-28"
    );
}

#[test]
fn unknown_formats_flags_and_values_are_usage_errors() {
    let env = env();
    for args in [
        &["list", "--format", "xml"][..],
        &["list", "--format", ""],
        &["list", "--state", "deleted"],
        &["list", "--sort", "name;DROP"],
        &["show", "1; DROP TABLE users"],
        &["show", "99999999999999999999999"],
        &["revoke", "--id", "abc", "--yes"],
        &["create", "--user", "bob", "--name", "x", "--scopes", "api", "--expires-in", "1d", "--no-expiry"],
        &["frobnicate"],
        &["db", "backup"],
    ] {
        let before = env.dump();
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(64), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(env.dump(), before);
    }
}

#[test]
fn malformed_and_hostile_config_files_exit_78_naming_the_problem() {
    let env = env();
    let mut cases = 0;
    for (text, expected) in [
        ("[tokens]\nprefix = \"x-\"\nmax_lifetime = 3\n", "max_lifetime"),
        ("[tokens]\nrequire_expiry = \"yes\"\n", "line 2"),
        ("[database]\npath = 42\n", "line 2"),
        ("[unknown_section]\nx = 1\n", "unknown_section"),
        ("[tokens\n", "line 1"),
        ("[tokens]\nmax_lifetime_days = -5\n", "line 2"),
        ("[tokens]\nmax_lifetime_days = 99999999999999999999\n", "line 2"),
        ("[tokens]\npreset_min_length = 0\n", "preset_min_length"),
        ("[tokens]\nprefix = \"glpat-\\u001b[31m\"\n", "tokens.prefix"),
        ("[tokens]\npepper_file = \"/nonexistent/pepper\"\n", "pepper_file"),
        ("[expiry]\nnotify_days = [7, 0]\n", "notify_days"),
        ("tokens = 5\n", "line 1"),
        ("\u{feff}[tokens]\n\u{202e}prefix = \"x\"\n", "line 2"),
    ] {
        let path = env.write_config(text);
        // pepper_file is read when a token is made; the rest when the file is loaded.
        let args: &[&str] = if expected == "pepper_file" {
            &["create", "--user", "bob", "--name", "p", "--scopes", "api"]
        } else {
            &["list"]
        };
        let err = refused(&env, args, "", 78);
        assert!(err.contains(expected), "{text:?}: {err}");
        assert!(err.contains(path.to_str().unwrap()) || expected == "pepper_file", "{err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1, "{err}");
        cases += 1;
    }
    // Deep nesting, invalid UTF-8 and NUL bytes: still a clean 78, never a crash.
    for bytes in [
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        format!("x = {}1{}\n", "{a=".repeat(50_000), "}".repeat(50_000)).into_bytes(),
        b"[tokens]\nprefix = \"\xff\xfe\"\n".to_vec(),
        b"[tokens]\0\nprefix = \"a\"\n".to_vec(),
    ] {
        let path = env.write_config("");
        std::fs::write(&path, &bytes).unwrap();
        refused(&env, &["list"], "", 78);
        cases += 1;
    }
    let missing = env.path("missing.toml");
    let err = refused(&env, &["--config", missing.to_str().unwrap(), "list"], "", 78);
    assert!(err.contains("missing.toml"), "{err}");
    println!("hostile: {} malformed or hostile config files exit 78 naming the key or line", cases + 1);
}
