//! `patctl check-expiry`: findings, every format and exit code, `--once` across days, `--mail`.
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::common::{Env, NOW, stderr, stdout, transcript};
use serde_json::Value;

/// alice (with email) and bob (without), and tokens created at NOW (2026-11-23T10:00:00Z):
/// ci 2026-11-25, deploy 2026-11-30, far 2026-12-31, gone (revoked) 2026-11-25 for alice;
/// old 2026-11-24 for bob. Returns the ids in that order.
fn setup(env: &Env) -> [i64; 5] {
    env.user("alice", &["--email", "alice@example.com", "--name", "Alice Example"]);
    env.user("bob", &[]);
    let (ci, _) = env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-25"]);
    let (deploy, _) = env.generated_token("alice", "deploy", "read_repository", &["--expires-at", "2026-11-30"]);
    let (far, _) = env.generated_token("alice", "far", "read_api", &["--expires-at", "2026-12-31"]);
    let (gone, _) = env.generated_token("alice", "gone", "api", &["--expires-at", "2026-11-25"]);
    env.run(&["revoke", "--id", &gone.to_string(), "--yes"]).success();
    let (old, _) = env.generated_token("bob", "old", "read_user", &["--expires-at", "2026-11-24"]);
    [ci, deploy, far, gone, old]
}

fn check_json(env: &Env, now: &str, extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["check-expiry", "--format", "json"];
    args.extend_from_slice(extra);
    let out = env.at(now).args(&args).output().unwrap();
    let value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap())
}

fn ids(value: &Value, key: &str) -> Vec<i64> {
    value[key].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
}

/// `patctl ARGS` at another instant.
fn run_at(env: &Env, now: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    env.at(now).args(args).assert()
}

#[test]
fn json_reports_expiring_and_expired_tokens_with_days_left() {
    let env = Env::new();
    let [ci, deploy, _far, _gone, old] = setup(&env);

    let (report, code) = check_json(&env, NOW, &[]);
    assert_eq!(code, 1, "only expiring tokens: exit 1");
    assert_eq!(report["as_of"], "2026-11-23");
    assert_eq!(report["within_days"], 7);
    // Ordered by owner, then expiry; the revoked token and the one beyond 7 days are left out.
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy, old]);
    assert_eq!(ids(&report, "expired"), Vec::<i64>::new());
    snapshot!(env.transcript(&["check-expiry", "--format", "json"]));

    // The next day bob's token expires: exit 2.
    let (report, code) = check_json(&env, "2026-11-24T05:00:00Z", &[]);
    assert_eq!(code, 2);
    assert_eq!(ids(&report, "expired"), vec![old]);
    assert_eq!(report["expired"][0]["days_left"], 0);
    assert_eq!(report["expired"][0]["expired"], true);
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy]);

    // A token that expired yesterday is not today's news in the plain check.
    let (report, code) = check_json(&env, "2026-11-25T05:00:00Z", &["--within", "0"]);
    assert_eq!(code, 2);
    assert_eq!(ids(&report, "expired"), vec![ci]);
    assert_eq!(ids(&report, "expiring"), Vec::<i64>::new());
    assert_eq!(report["within_days"], 0);
}

#[test]
fn within_as_of_and_user_narrow_the_check() {
    let env = Env::new();
    let [ci, deploy, far, _gone, old] = setup(&env);
    let (report, code) = check_json(&env, NOW, &["--within", "1"]);
    assert_eq!((ids(&report, "expiring"), code), (vec![old], 1));
    let (report, _) = check_json(&env, NOW, &["--within", "2"]);
    assert_eq!(ids(&report, "expiring"), vec![ci, old]);
    let (report, _) = check_json(&env, NOW, &["--within", "38"]);
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy, far, old]);
    // --as-of evaluates another day without waiting for it.
    let (report, code) = check_json(&env, NOW, &["--as-of", "2026-11-24"]);
    assert_eq!(report["as_of"], "2026-11-24");
    assert_eq!((ids(&report, "expired"), code), (vec![old], 2));
    let (report, _) = check_json(&env, NOW, &["--user", "alice"]);
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy]);
    // The config default window.
    env.write_config("[expiry]\nwithin_days = 1\n");
    let (report, _) = check_json(&env, NOW, &[]);
    assert_eq!((report["within_days"].as_i64(), ids(&report, "expiring")), (Some(1), vec![old]));
}

#[test]
fn the_plain_check_never_writes() {
    let env = Env::new();
    setup(&env);
    let before = env.dump();
    env.at("2026-11-24T01:00:00Z").args(["check-expiry"]).assert().code(2);
    env.at("2026-11-24T01:00:00Z").args(["check-expiry", "--format", "json"]).assert().code(2);
    assert_eq!(env.dump(), before);
}

#[test]
fn table_is_grouped_by_owner_and_silent_when_there_is_nothing() {
    let env = Env::new();
    setup(&env);
    snapshot!(
        [
            transcript(env.at("2026-11-24T05:00:00Z").args(["check-expiry"])),
            // Nothing to report: nothing on stdout, exit 0, so cron mails only news.
            env.transcript(&["check-expiry", "--within", "0"]),
        ]
        .join("\n")
    );
}

#[test]
fn csv_has_one_row_per_finding_with_a_finding_column() {
    let env = Env::new();
    setup(&env);
    snapshot!(
        [
            transcript(env.at("2026-11-24T05:00:00Z").args(["check-expiry", "--format", "csv"])),
            // Nothing to report: the header alone, exit 0.
            env.transcript(&["check-expiry", "--format", "csv", "--within", "0"]),
        ]
        .join("\n")
    );
}

#[test]
fn nagios_lines_and_exit_codes() {
    let env = Env::new();
    setup(&env);
    let ok = run_at(&env, NOW, &["check-expiry", "--nagios", "--within", "0"]).code(0);
    assert_eq!(stdout(&ok), "PATCTL OK - 0 tokens expire within 0 days, 0 expired | expiring=0;1;;0 expired=0;;1;0\n");
    let warning = run_at(&env, NOW, &["check-expiry", "--nagios"]).code(1);
    assert_eq!(
        stdout(&warning),
        "PATCTL WARNING - 3 tokens expire within 7 days, 0 expired | expiring=3;1;;0 expired=0;;1;0\n"
    );
    let critical = run_at(&env, "2026-11-24T05:00:00Z", &["check-expiry", "--nagios"]).code(2);
    assert_eq!(
        stdout(&critical),
        "PATCTL CRITICAL - 2 tokens expire within 7 days, 1 expired | expiring=2;1;;0 expired=1;;1;0\n"
    );
    snapshot!(transcript(env.at("2026-11-24T05:00:00Z").args(["check-expiry", "--format=nagios", "--exit-zero"])));
}

#[test]
fn the_nagios_format_is_an_alias_of_the_nagios_flag() {
    let env = Env::new();
    setup(&env);
    for (at, code) in [(NOW, 1), ("2026-11-24T05:00:00Z", 2)] {
        let flag = run_at(&env, at, &["check-expiry", "--nagios"]).code(code);
        for alias in [&["--format", "nagios", "check-expiry"][..], &["check-expiry", "--format=nagios"]] {
            let out = run_at(&env, at, alias).code(code);
            assert_eq!(stdout(&out), stdout(&flag), "{alias:?}");
            assert_eq!(stderr(&out), stderr(&flag), "{alias:?}");
        }
    }
}

#[test]
fn exit_zero_keeps_the_report() {
    let env = Env::new();
    let [_ci, _deploy, _far, _gone, old] = setup(&env);
    let out = run_at(&env, "2026-11-24T05:00:00Z", &["check-expiry", "--exit-zero", "--format", "json"]).code(0);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(ids(&report, "expired"), vec![old]);
    run_at(&env, NOW, &["check-expiry", "--exit-zero"]).code(0);
}

#[test]
fn failures_keep_their_codes_except_in_the_nagios_format() {
    let env = Env::new();
    // Missing database: 66 (and nothing is created); UNKNOWN in nagios.
    let mut shown = vec![env.transcript(&["check-expiry"]), env.transcript(&["check-expiry", "--format", "nagios"])];
    assert!(!env.has_store());

    setup(&env);
    let before = env.dump();
    // A bad date is invalid data (65), a usage error is 64, an unknown user 67; UNKNOWN in nagios.
    for args in [
        &["check-expiry", "--as-of", "2026-13-01"][..],
        &["check-expiry", "--within", "x"],
        &["check-expiry", "--user", "nobody"],
        &["check-expiry", "--once", "--within", "3"],
        &["check-expiry", "--once", "--as-of", "2026-11-24"],
        &["check-expiry", "--format", "nagios", "--as-of", "2026-13-01"],
        &["check-expiry", "--format", "nagios", "--within", "x"],
        &["check-expiry", "--format", "nagios", "--user", "nobody"],
        &["check-expiry", "--format", "nagios", "--once", "--within", "3"],
        &["check-expiry", "--nonsense", "--format", "nagios"],
        &["check-expiry", "--nagios", "--within", "x"],
        &["check-expiry", "--nagios", "--user", "nobody"],
        &["check-expiry", "--nonsense", "--nagios"],
    ] {
        shown.push(env.transcript(args));
    }
    // A broken config file: 78, or UNKNOWN.
    env.write_config("[expiry]\nwithin = 3\n");
    shown.push(env.transcript(&["check-expiry"]));
    shown.push(env.transcript(&["check-expiry", "--format", "nagios"]));
    assert_eq!(env.dump(), before);
    engine_snapshot!(shown.join("\n"));
}

#[test]
fn the_nagios_format_belongs_to_check_expiry() {
    let env = Env::new();
    setup(&env);
    snapshot!(
        [env.transcript(&["list", "--format", "nagios"]), env.transcript(&["user", "list", "--format", "nagios"])]
            .join("\n")
    );
}

#[test]
fn impersonation_tokens_are_left_out_unless_asked_and_blocked_owners_stay_in() {
    let env = Env::new();
    let [ci, deploy, _far, _gone, old] = setup(&env);
    // Issue 4 adds `create --impersonation`; until then, mark one token in the database.
    set_impersonation(&env, ci);
    let (report, _) = check_json(&env, NOW, &[]);
    assert_eq!(ids(&report, "expiring"), vec![deploy, old]);
    let (report, _) = check_json(&env, NOW, &["--include-impersonation"]);
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy, old]);
    assert_eq!(report["expiring"][0]["impersonation"], true);

    env.run(&["user", "block", "bob", "--yes"]).success();
    let (report, _) = check_json(&env, NOW, &[]);
    assert_eq!(ids(&report, "expiring"), vec![deploy, old]);
    snapshot!(env.transcript(&["check-expiry"]));
}

fn set_impersonation(env: &Env, id: i64) {
    crate::common::execute(&env.db, &format!("UPDATE personal_access_tokens SET impersonation = 1 WHERE id = {id}"));
}

#[test]
fn as_of_is_the_utc_date_whatever_the_local_time_zone() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-24"]);
    for tz in ["UTC", "America/New_York", "Australia/Lord_Howe"] {
        // 23:59:59Z is already the 24th in Lord Howe (UTC+11) and still the 23rd in New York.
        let out = env.at("2026-11-23T23:59:59Z").env("TZ", tz).args(["check-expiry", "--format", "json"]).output();
        let out = out.unwrap();
        assert_eq!(out.status.code(), Some(1), "{tz}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["as_of"], "2026-11-23", "{tz}");
        assert_eq!(ids(&report, "expiring"), vec![id], "{tz}");
        assert_eq!(report["expiring"][0]["days_left"], 1, "{tz}");

        // 00:00:00Z on the expiry date: expired, although it is still the 23rd in New York.
        let out = env.at("2026-11-24T00:00:00Z").env("TZ", tz).args(["check-expiry", "--format", "json"]).output();
        let out = out.unwrap();
        assert_eq!(out.status.code(), Some(2), "{tz}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["as_of"], "2026-11-24", "{tz}");
        assert_eq!(ids(&report, "expired"), vec![id], "{tz}");
    }
    // A clock given with an offset is read in UTC: 19:00 in New York is midnight UTC.
    let (report, code) = check_json(&env, "2026-11-23T19:00:00-05:00", &[]);
    assert_eq!((report["as_of"].as_str(), code), (Some("2026-11-24"), 2));
}

// --- --once ---------------------------------------------------------------------------------

/// One finding of a `--once` run: (day, token id, finding, threshold).
type Event = (String, i64, String, i64);

fn once(env: &Env, day: &str) -> (Vec<Event>, i32) {
    let (report, code) = check_json(env, &format!("{day}T01:00:00Z"), &["--once"]);
    let mut events = Vec::new();
    for key in ["expiring", "expired"] {
        for item in report[key].as_array().unwrap() {
            let finding = if key == "expiring" { "expiring" } else { "expired" };
            events.push((
                day.to_string(),
                item["id"].as_i64().unwrap(),
                finding.to_string(),
                item["threshold_days"].as_i64().unwrap(),
            ));
        }
    }
    (events, code)
}

fn ev(day: &str, id: i64, finding: &str, threshold: i64) -> Event {
    (day.to_string(), id, finding.to_string(), threshold)
}

#[test]
fn once_on_consecutive_days_notifies_each_threshold_once_and_catches_up_after_skipped_days() {
    let env = Env::new();
    env.write_config("[expiry]\nnotify_days = [60, 30, 7]\n");
    env.user("alice", &["--email", "alice@example.com"]);
    let (t60, _) = env.generated_token("alice", "sixty", "api", &["--expires-at", "2027-01-22"]);
    let (t30, _) = env.generated_token("alice", "thirty", "api", &["--expires-at", "2026-12-23"]);
    let (t5, _) = env.generated_token("alice", "five", "api", &["--expires-at", "2026-11-28"]);
    let (t98, _) = env.generated_token("alice", "later", "api", &["--expires-at", "2027-03-01"]);
    let (revoked, _) = env.generated_token("alice", "revoked", "api", &["--expires-at", "2026-11-28"]);
    env.run(&["revoke", "--id", &revoked.to_string(), "--yes"]).success();

    // Days the cron job did not run: t30's 7-day notice (2026-12-16), t98's 60-day notice
    // (2026-12-31, and the day after), and t60's expiry (2027-01-22).
    let skipped = ["2026-12-16", "2026-12-31", "2027-01-01", "2027-01-22"];
    let mut events = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let last = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    while day <= last {
        let text = day.to_string();
        if !skipped.contains(&text.as_str()) {
            let (found, code) = once(&env, &text);
            let expected_code = if found.iter().any(|e| e.2 == "expired") {
                2
            } else if found.is_empty() {
                0
            } else {
                1
            };
            assert_eq!(code, expected_code, "{text}: {found:?}");
            if text == "2026-11-23" {
                // A second run the same day reports nothing new.
                assert_eq!(once(&env, &text), (vec![], 0));
            }
            events.extend(found);
        }
        day = day.succ_opt().unwrap();
    }
    let mut expected = vec![
        ev("2026-11-23", t60, "expiring", 60),
        ev("2026-11-23", t30, "expiring", 30),
        ev("2026-11-23", t5, "expiring", 7),
        ev("2026-11-28", t5, "expired", 0),
        ev("2026-12-17", t30, "expiring", 7), // skipped the 16th: caught up the next day
        ev("2026-12-23", t60, "expiring", 30),
        ev("2026-12-23", t30, "expired", 0),
        ev("2027-01-02", t98, "expiring", 60), // skipped the 31st and the 1st
        ev("2027-01-15", t60, "expiring", 7),
        ev("2027-01-23", t60, "expired", 0), // skipped the expiry day itself
        ev("2027-01-30", t98, "expiring", 30),
        ev("2027-02-22", t98, "expiring", 7),
        ev("2027-03-01", t98, "expired", 0),
    ];
    expected.sort();
    events.sort();
    assert_eq!(events, expected);

    // What was reported is recorded, one row per token and threshold, with an audit event each.
    let rows = crate::common::process::count(&env.db, "SELECT count(*) FROM token_expiry_notifications");
    assert_eq!(rows, 13);
    let audited = crate::common::process::count(
        &env.db,
        "SELECT count(*) FROM audit_events WHERE action = 'token.expiry_notify'",
    );
    assert_eq!(audited, 13);
    let recorded = crate::common::query(
        &env.db,
        &format!(
            "SELECT threshold_days, notified_at FROM token_expiry_notifications WHERE token_id = {t60} AND threshold_days = 0"
        ),
    );
    assert_eq!(format!("{recorded:?}"), r#"[[Integer(0), Text("2027-01-23T01:00:00Z")]]"#);

    // Quiet days print nothing in the default table format.
    let quiet = run_at(&env, "2027-03-11T01:00:00Z", &["check-expiry", "--once"]).success();
    assert_eq!(stdout(&quiet), "");
}

#[test]
fn once_reports_long_expired_tokens_that_were_never_notified() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-24"]);
    // The plain check on a later day says nothing about it; --once does, once.
    let (plain, code) = check_json(&env, "2026-12-10T01:00:00Z", &[]);
    assert_eq!((ids(&plain, "expired"), code), (vec![], 0));
    let (events, code) = once(&env, "2026-12-10");
    assert_eq!((events, code), (vec![ev("2026-12-10", id, "expired", 0)], 2));
    assert_eq!(once(&env, "2026-12-11"), (vec![], 0));
    // The window of --once is the widest threshold (default [7]).
    let (report, _) = check_json(&env, "2026-12-12T01:00:00Z", &["--once"]);
    assert_eq!(report["within_days"], 7);
}

#[test]
fn once_leaves_impersonation_tokens_alone_unless_asked() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-25"]);
    set_impersonation(&env, id);
    assert_eq!(once(&env, "2026-11-23"), (vec![], 0));
    let (report, code) = check_json(&env, "2026-11-23T02:00:00Z", &["--once", "--include-impersonation"]);
    assert_eq!((ids(&report, "expiring"), code), (vec![id], 1));
}

// --- --mail ---------------------------------------------------------------------------------

/// A fake sendmail that appends its arguments and standard input to `mail.log`, and fails
/// (exit 1, after reading its input) when the message is for an address in `fail-for`.
fn fake_sendmail(env: &Env) -> PathBuf {
    let script = env.path("sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nmsg=$(cat)\nif [ -f '{dir}/fail-for' ] && printf '%s' \"$msg\" | grep -q -F -f '{dir}/fail-for'; then\n  echo 'fake sendmail: refused' >&2\n  exit 1\nfi\nprintf 'ARGS: %s\\n%s\\n.\\n' \"$*\" \"$msg\" >> '{dir}/mail.log'\n",
            dir = env.dir.path().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn mail_config(env: &Env, sendmail: &str) {
    env.write_config(&format!(
        "[mail]\nsendmail = \"{sendmail} -t -oi\"\nfrom = \"patctl@example.org\"\n[expiry]\nnotify_days = [30, 7]\n"
    ));
}

fn mail_log(env: &Env) -> String {
    std::fs::read_to_string(env.path("mail.log")).unwrap_or_default()
}

fn notified(env: &Env) -> Vec<(i64, i64)> {
    use rusqlite::types::Value::Integer;
    let rows =
        crate::common::query(&env.db, "SELECT token_id, threshold_days FROM token_expiry_notifications ORDER BY 1, 2");
    rows.iter()
        .map(|row| match row.as_slice() {
            [Integer(token), Integer(days)] => (*token, *days),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn mail_sends_one_message_per_owner_with_an_address() {
    let env = Env::new();
    let [ci, deploy, _far, _gone, old] = setup(&env);
    env.user("carol", &["--email", "carol@example.net"]);
    let (carol, _) = env.generated_token("carol", "backup", "read_repository", &["--expires-at", "2026-11-24"]);
    let sendmail = fake_sendmail(&env);
    mail_config(&env, sendmail.to_str().unwrap());

    // One message per owner with an address (the fake sendmail logs each with its arguments);
    // bob has no address: named on stderr, still reported on stdout and recorded.
    let mut shown = vec![transcript(env.at("2026-11-24T01:00:00Z").args(["check-expiry", "--once", "--mail"]))];
    shown.push(format!("--- mail.log\n{}", mail_log(&env)));
    assert_eq!(notified(&env), {
        let mut v = vec![(ci, 7), (deploy, 7), (old, 0), (carol, 0)];
        v.sort();
        v
    });
    // The next run has nothing new: no mail, no output.
    let mailed = mail_log(&env).len();
    shown.push(transcript(env.at("2026-11-25T01:00:00Z").args(["check-expiry", "--once", "--mail"])));
    // ci expired on the 25th: one more message.
    shown.push(format!("--- mail.log, new\n{}", &mail_log(&env)[mailed..]));
    let mailed = mail_log(&env).len();
    shown.push(transcript(env.at("2026-11-26T01:00:00Z").args(["check-expiry", "--once", "--mail"])));
    assert_eq!(mail_log(&env).len(), mailed, "nothing new, no mail");
    snapshot!(shown.join("\n"));
}

#[test]
fn a_failing_sendmail_leaves_its_tokens_due_for_the_next_run() {
    let env = Env::new();
    let [ci, deploy, _far, _gone, old] = setup(&env);
    env.user("carol", &["--email", "carol@example.net"]);
    let (carol, _) = env.generated_token("carol", "backup", "read_repository", &["--expires-at", "2026-11-26"]);
    let sendmail = fake_sendmail(&env);
    mail_config(&env, sendmail.to_str().unwrap());
    std::fs::write(env.path("fail-for"), "To: alice@example.com\n").unwrap();

    // The report still goes out on stdout; carol's mail goes through.
    let mut shown = vec![env.transcript(&["check-expiry", "--once", "--mail"])];
    shown.push(format!("--- mail.log\n{}", mail_log(&env)));
    assert!(!mail_log(&env).contains("To: alice@example.com"));
    // Only what was delivered (carol) or had no address to mail (bob) is recorded.
    let mut expected = vec![(old, 7), (carol, 7)];
    expected.sort();
    assert_eq!(notified(&env), expected);

    // Still failing the next day: same answer, nothing more recorded.
    run_at(&env, "2026-11-24T01:00:00Z", &["check-expiry", "--once", "--mail", "--format", "json"]).code(69);
    assert!(notified(&env).iter().all(|(id, _)| *id != ci && *id != deploy));
    // --exit-zero: exit 0, and the failure still on stderr; still nothing recorded.
    shown.push(transcript(env.at("2026-11-24T01:30:00Z").args(["check-expiry", "--once", "--mail", "--exit-zero"])));
    assert!(notified(&env).iter().all(|(id, _)| *id != ci && *id != deploy));

    // Fixed: alice's tokens are mailed and recorded on the next run.
    std::fs::remove_file(env.path("fail-for")).unwrap();
    let mailed = mail_log(&env).len();
    let (report, code) = check_json(&env, "2026-11-24T02:00:00Z", &["--once", "--mail"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&report, "expiring"), vec![ci, deploy]);
    shown.push(format!("--- mail.log, new\n{}", &mail_log(&env)[mailed..]));
    let mut expected = vec![(ci, 7), (deploy, 7), (old, 0), (old, 7), (carol, 7)];
    expected.sort();
    assert_eq!(notified(&env), expected);

    // In the nagios format a mail failure is UNKNOWN.
    std::fs::write(env.path("fail-for"), "To: carol@example.net\n").unwrap();
    shown.push(transcript(env.at("2026-11-26T01:00:00Z").args([
        "check-expiry",
        "--once",
        "--mail",
        "--format",
        "nagios",
    ])));
    snapshot!(shown.join("\n"));
}

#[test]
fn a_missing_sendmail_is_a_configuration_error_and_records_nothing() {
    let env = Env::new();
    setup(&env);
    mail_config(&env, "/nonexistent/sendmail");
    let mut shown = vec![env.transcript(&["check-expiry", "--once", "--mail"])];
    // bob has no address, so his notice stands; alice's is not recorded.
    assert_eq!(notified(&env).len(), 1);
    // Without --once nothing is ever recorded, but the failure still shows.
    shown.push(env.transcript(&["check-expiry", "--mail"]));
    assert_eq!(notified(&env).len(), 1);
    snapshot!(shown.join("\n"));
}

#[test]
fn expired_within_keeps_reporting_expired_tokens_until_they_are_revoked() {
    let env = Env::new();
    let [ci, _deploy, _far, _gone, old] = setup(&env);
    // On the 26th bob's old expired 2 days ago and alice's ci 1 day ago: the plain check says
    // WARNING (deploy is expiring), --expired-within 1 only ci, 2 both: CRITICAL.
    let day = "2026-11-26T08:00:00Z";
    let mut shown = vec![
        transcript(env.at(day).args(["check-expiry", "--nagios"])),
        transcript(env.at(day).args(["check-expiry", "--nagios", "--expired-within", "1"])),
        transcript(env.at(day).args(["check-expiry", "--expired-within", "2"])),
        transcript(env.at(day).args(["check-expiry", "--expired-within", "2", "--format", "csv"])),
    ];
    let (report, code) = check_json(&env, day, &["--expired-within", "2"]);
    assert_eq!((ids(&report, "expired"), code), (vec![ci, old], 2));
    assert_eq!(report["expired_within_days"], 2);
    // Prometheus already counts every expired token; its exit code follows the report.
    env.at(day).args(["check-expiry", "--format", "prometheus", "--expired-within", "2"]).assert().code(2);
    env.at(day).args(["check-expiry", "--format", "prometheus"]).assert().code(1);
    // Someone acts: revoked tokens are no longer reported, and the check is back to WARNING.
    env.run(&["revoke", "--id", &ci.to_string()]).success();
    env.run(&["revoke", "--id", &old.to_string()]).success();
    shown.push(transcript(env.at(day).args(["check-expiry", "--nagios", "--expired-within", "2"])));
    // --once reports every expiry not yet reported already: the two do not combine.
    shown.push(transcript(env.at(day).args(["check-expiry", "--once", "--expired-within", "2"])));
    snapshot!(shown.join("\n"));
}
