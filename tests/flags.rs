//! Flags typed at the clap boundary: a value a parser refuses keeps patctl's message, hint and
//! exit code (65 for bad data, 64 for usage); durations have one unit rule everywhere (`m` is
//! minutes, months are `mo`), in flags and apply files alike.

use crate::common::Env;

/// A transcript of `args`, which must leave the database as it was.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.dump();
    let shown = env.transcript(args);
    assert_eq!(env.dump(), before, "database changed by {args:?}");
    shown
}

#[test]
fn a_duration_in_a_unit_smaller_than_a_day_is_refused_everywhere_with_the_likely_intent() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &[]);
    let id = id.to_string();
    let file = env.write_file(
        "bots.toml",
        "[[tokens]]\nuser = \"alice\"\nname = \"deploy\"\nscopes = \"api\"\nexpires_in = \"6m\"\n",
    );
    snapshot!(
        [
            refused(&env, &["create", "--user", "alice", "--name", "n", "--scopes", "api", "--expires-in", "6m"]),
            refused(&env, &["rotate", "--id", &id, "--expires-in", "2h"]),
            refused(&env, &["rotate", "--id", &id, "--expires-in", "6m", "--grace", "1h"]),
            refused(&env, &["revoke", "--all", "--unused-for", "3m", "--dry-run"]),
            refused(&env, &["list", "--unused-for", "90m"]),
            refused(&env, &["apply", &file]),
            // An interval is clock time: m is minutes there, and months are not an interval.
            refused(&env, &["rotate", "--id", &id, "--grace", "1mo"]),
        ]
        .join("\n")
    );
    // The new units work: months are mo, and m is minutes in an interval.
    assert_eq!(env.json(&["rotate", "--id", &id, "--expires-in", "1mo", "--grace", "30m"])["expires_at"], "2026-12-23");
}

#[test]
fn refused_values_keep_their_codes_the_clock_warning_quiet_and_nagios() {
    let env = Env::new();
    env.user("alice", &[]);
    snapshot!(
        [
            // Bad data is 65 and an unknown enum value 64, as before the flags were typed.
            refused(&env, &["check-expiry", "--as-of", "2026-02-30"]),
            refused(&env, &["list", "--state", "sideways"]),
            refused(&env, &["create", "--project", "g/p", "--name", "n", "--scopes", "api", "--access-level", "boss"]),
            // --quiet silences the clock warning wherever it is, and Nagios still gets its line.
            refused(&env, &["list", "--created-before", "soon", "-q"]),
            refused(&env, &["--quiet", "audit", "--until", "2026-13-01"]),
            refused(&env, &["check-expiry", "--nagios", "--as-of", "soon"]),
        ]
        .join("\n")
    );
    // A bad PATCTL_NOW is read first, as in any run.
    let mut cmd = env.at("yesterday");
    let out = cmd.args(["list", "--created-before", "soon"]).assert().code(64);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "error: PATCTL_NOW: 'yesterday' is neither an RFC 3339 timestamp nor a YYYY-MM-DD date\n"
    );
}

#[test]
fn create_takes_scope_repeated_as_well_as_scopes() {
    let env = Env::new();
    env.user("alice", &[]);
    let token = env.json(&["create", "--user", "alice", "--name", "a", "--scope", "api", "--scope", "read_user"]);
    assert_eq!(token["scopes"], serde_json::json!(["api", "read_user"]));
    let token =
        env.json(&["create", "--user", "alice", "--name", "b", "--scopes", "read_api,read_user", "--scope", "api"]);
    assert_eq!(token["scopes"], serde_json::json!(["api", "read_api", "read_user"]));
}
