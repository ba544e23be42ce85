//! Secrets: every command runs with known token strings, and none of them appears in the
//! database, its WAL, a backup, the audit trail, or any output except the single display of a
//! generated token.
use std::process::Output;

use crate::common::process::{self, SharedLock, command, with_suffix};
use crate::common::{Env, contains, database_bytes};

/// Known preset tokens, each offered a different way.
const BY_ARGUMENT: &str = "ArgumentToken_000001";
const BY_STDIN: &str = "glpat-StdinToken_000000002";
const BY_FILE: &str = "FileToken-0000000003";
/// Offered but refused (wrong length), or never created.
const REFUSED: &str = "RefusedToken-0000000000000004";
const UNKNOWN: &str = "UnknownToken-0000005";

struct Run {
    args: Vec<String>,
    out: Output,
}

#[test]
fn no_token_string_is_ever_stored_or_printed_except_the_one_generated_display() {
    let env = Env::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut run = |args: &[&str], input: &str, expect: i32| -> Output {
        let mut cmd = command(&env, args);
        cmd.env("RUST_BACKTRACE", "1");
        let out = process::run_with_input(cmd, input.as_bytes().to_vec());
        assert_eq!(out.status.code(), Some(expect), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        runs.push(Run { args: args.iter().map(|s| s.to_string()).collect(), out: out.clone() });
        out
    };
    run(&["user", "add", "bob", "--email", "bob@example.com"], "", 0);
    run(&["user", "add", "root", "--admin"], "", 0);
    // On SQLite, keep the WAL for inspection; PostgreSQL has no file of ours to look into.
    let _lock = (!env.on_postgres()).then(|| SharedLock::new(&env.db));

    let file = env.path("token.txt");
    std::fs::write(&file, format!("{BY_FILE}\n")).unwrap();
    let file = file.to_str().unwrap();
    let create = |name: &'static str| vec!["create", "--user", "bob", "--name", name, "--scopes", "api,read_user"];

    // Preset tokens, three ways, in every output format.
    let out = run(&[create("arg").as_slice(), &["--token", BY_ARGUMENT]].concat(), "", 0);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert_eq!(warning.matches("visible to other users").count(), 1, "warned once: {warning}");
    assert!(warning.contains("--token-file -"), "{warning}");
    run(
        &[create("stdin").as_slice(), &["--token-file", "-", "--format", "json"]].concat(),
        &format!("{BY_STDIN}\n"),
        0,
    );
    run(&[create("file").as_slice(), &["--token-file", file, "--format", "csv"]].concat(), "", 0);
    // The same again: refused or unchanged, never echoed.
    run(&[create("stdin").as_slice(), &["--token-file", "-"]].concat(), &format!("{BY_STDIN}\n"), 65);
    run(&[create("stdin").as_slice(), &["--token-file", "-", "--if-not-exists"]].concat(), &format!("{BY_STDIN}\n"), 0);
    run(
        &[create("other").as_slice(), &["--token-file", "-", "--if-not-exists"]].concat(),
        &format!("{BY_STDIN}\n"),
        65,
    );
    run(&[create("bad").as_slice(), &["--token-file", "-"]].concat(), &format!("{REFUSED}\n"), 65);
    run(&[create("bad").as_slice(), &["--token", REFUSED]].concat(), "", 65);
    run(&["create", "--user", "nobody-here", "--name", "x", "--scopes", "api", "--token", BY_ARGUMENT], "", 67);
    run(
        &["create", "--user", "bob", "--name", "x", "--scopes", "sudo", "--token-file", "-"],
        &format!("{UNKNOWN}\n"),
        65,
    );

    // Generated tokens: shown once, in each format.
    let mut generated = Vec::new();
    for (name, format) in [("gen-table", "table"), ("gen-json", "json"), ("gen-csv", "csv"), ("gen-raw", "raw")] {
        let mut args = create(name);
        if format == "raw" {
            args.push("--raw");
        } else {
            args.extend(["--format", format]);
        }
        let out = run(&args, "", 0);
        let text = String::from_utf8(out.stdout).unwrap();
        let token = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .find(|w| w.starts_with("glpat-") && w.len() == 26)
            .unwrap_or_else(|| panic!("{format}: no token in {text}"))
            .to_string();
        generated.push(token);
    }

    // Reading commands, in every format.
    for format in ["table", "json", "csv"] {
        run(&["list", "--state", "all", "--format", format], "", 0);
        run(&["show", "1", "--format", format], "", 0);
        run(&["user", "list", "--format", format], "", 0);
        run(&["user", "show", "bob", "--format", format], "", 0);
    }
    run(&["list", "--search", BY_ARGUMENT], "", 0);
    run(&["verify", "--token-file", "-"], &format!("{BY_STDIN}\n"), 0);
    run(&["verify", "--token-file", "-", "--scope", "sudo"], &format!("{BY_STDIN}\n"), 1);
    run(&["verify", "--token-file", "-"], &format!("{UNKNOWN}\n"), 1);

    // Project, impersonation and rotated tokens: each generated one is shown once too.
    let find_token = |out: &Output| {
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .find(|w| w.starts_with("glpat-") && w.len() == 26)
            .unwrap_or_else(|| panic!("no token in {text}"))
            .to_string()
    };
    run(&["project", "add", "group/app"], "", 0);
    let out =
        run(&["create", "--project", "group/app", "--name", "deploy", "--scopes", "api", "--format", "json"], "", 0);
    generated.push(find_token(&out));
    let out = run(&["create", "--user", "bob", "--name", "imp", "--scopes", "api", "--impersonation", "--raw"], "", 0);
    generated.push(find_token(&out));
    let out = run(&["rotate", "--token-file", file, "--grace", "1h", "--raw"], "", 0);
    generated.push(find_token(&out));
    let out = run(&["rotate", "--token-file", "-", "--format", "json"], &format!("{}\n", generated[1]), 0);
    generated.push(find_token(&out));
    // Rotating a rotated token again is reuse: refused, never echoed.
    run(&["rotate", "--token-file", "-"], &format!("{}\n", generated[1]), 65);
    for format in ["table", "json", "csv"] {
        run(&["check-expiry", "--within", "400", "--exit-zero", "--format", format], "", 0);
        run(&["audit", "--format", format], "", 0);
        run(&["project", "show", "group/app", "--format", format], "", 0);
    }
    run(&["check-expiry", "--within", "400", "--exit-zero", "--format", "nagios"], "", 0);
    run(&["revoke", "--all", "--user", "bob", "--dry-run"], "", 0);

    // Revocation, every way, including unknown and already revoked tokens.
    let out = run(&["revoke", BY_ARGUMENT, "--yes"], "", 0);
    assert_eq!(String::from_utf8_lossy(&out.stderr).matches("visible to other users").count(), 1);
    run(&["revoke", BY_ARGUMENT, "--yes"], "", 0);
    run(&["revoke", "--token-file", "-", "--yes", "--format", "json"], &format!("{BY_STDIN}\n"), 0);
    run(&["revoke", "--token-file", file, "--yes"], "", 0);
    run(&["revoke", "--token-file", "-", "--yes"], &format!("{}\n", generated[0]), 0);
    run(&["revoke", "--token-file", "-", "--yes"], &format!("{UNKNOWN}\n"), 66);
    run(&["revoke", UNKNOWN, "--yes"], "", 66);
    run(&["revoke", REFUSED, "--yes"], "", 66);
    run(&["revoke", "--user", "bob", "--name", "gen-json", "--yes"], "", 0);
    run(&["revoke", "--id", "1", "--yes"], "", 0);
    run(&["user", "block", "bob", "--yes"], "", 0);
    run(&["user", "unblock", "bob"], "", 0);

    // Maintenance.
    run(&["db", "check", "--full"], "", 0);
    run(&["db", "migrate"], "", 0);
    let backup = env.path("backup.db");
    run(&["db", "backup", backup.to_str().unwrap()], "", 0);

    // The WAL is still there (the lock kept it) and holds this session's writes.
    let wal = if env.on_postgres() {
        0
    } else {
        let wal = std::fs::metadata(with_suffix(&env.db, "-wal")).map(|m| m.len()).unwrap_or(0);
        assert!(wal > 0, "the WAL was kept for inspection");
        wal
    };
    let mut stored = database_bytes(&env.db);
    stored.extend(std::fs::read(&backup).unwrap());
    let dump = env.dump(); // every row of every table, the audit trail included
    assert!(dump.contains("token.create") && dump.contains("token.revoke"), "the audit trail is there");

    let fixed = [BY_ARGUMENT, BY_STDIN, BY_FILE, REFUSED, UNKNOWN];
    for secret in fixed.iter().copied().chain(generated.iter().map(String::as_str)) {
        assert!(!contains(&stored, secret), "{secret} is in the database, its WAL or the backup");
        assert!(!dump.contains(secret), "{secret} is in a table (audit trail included)");
        // The body alone (without a prefix) must not leak either.
        let body = secret.strip_prefix("glpat-").unwrap_or(secret);
        assert!(!contains(&stored, body), "the body of {secret} is stored");
    }
    let mut shown = 0;
    for run in &runs {
        let stderr = String::from_utf8_lossy(&run.out.stderr);
        assert!(!stderr.contains("panicked"), "{:?}: {stderr}", run.args);
        for secret in fixed {
            assert!(!contains(&run.out.stdout, secret) && !stderr.contains(secret), "{:?} printed {secret}", run.args);
        }
        for token in &generated {
            assert!(!stderr.contains(token.as_str()), "{:?} printed a generated token on stderr", run.args);
            if contains(&run.out.stdout, token) {
                shown += 1;
                assert!(
                    ["create", "rotate"].contains(&run.args[0].as_str()),
                    "{:?} printed a generated token",
                    run.args
                );
            }
        }
    }
    assert_eq!(shown, generated.len(), "each generated token is displayed exactly once");
    println!(
        "secrets: {} commands with {} known token strings (+{} generated): none in the database, its WAL ({wal} bytes), a backup, the audit trail or any output; each generated token shown once",
        runs.len(),
        fixed.len(),
        generated.len()
    );
}
