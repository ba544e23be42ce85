//! Property tests for the parsers of untrusted text: tokens (the preset rule), scopes, dates,
//! instants, durations, intervals and the config file. None may panic; every rejection is a
//! clean one-line error with the documented exit code; nothing echoes a token.
//! The number of cases per property is PROPTEST_CASES (default 512), which bounds the time in CI.

use patctl::config;
use patctl::domain::expiry::{Span, parse_date, parse_instant, parse_interval};
use patctl::domain::scope::Scopes;
use patctl::domain::secret::{PresetRule, Secret};
use patctl::domain::when::{DayBound, InstantBound};
use patctl::error::{Error, Exit};
use proptest::prelude::*;

fn clean(err: &Error, exit: Exit) {
    assert_eq!(err.exit(), exit, "{err:?}");
    assert!(!err.message().is_empty());
    assert!(!err.message().contains('\n'), "one line: {:?}", err.message());
    if let Some(hint) = err.hint() {
        assert!(!hint.contains('\n'), "one line: {hint:?}");
    }
}

/// Text that looks like what careless or hostile callers send: near-valid shapes, controls,
/// bidi overrides, multi-byte characters, very long runs.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-zA-Z_\\-]{0,40}",
        "[0-9]{0,12}[a-z]{0,3}",
        "-?[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}",
        "[ \\t\\n\\r\\x00-\\x1f\\x7f\u{202a}-\u{202e}\u{2066}-\u{2069}é٣]{0,10}",
        ".{0,2000}",
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn preset_rule_never_panics_nor_echoes(text in hostile_text(), prefix in "[a-z_\\-]{0,8}", min in 1usize..40, extra in 0usize..40) {
        let rule = PresetRule { prefix, min_len: min, max_len: min + extra };
        let secret = Secret::new(text.clone());
        match rule.check(&secret) {
            Ok(()) => {
                let body = text.strip_prefix(rule.prefix.as_str()).filter(|_| !rule.prefix.is_empty()).unwrap_or(&text);
                prop_assert!((rule.min_len..=rule.max_len).contains(&body.len()));
                prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
            }
            Err(err) => {
                clean(&err, Exit::Data);
                if text.len() >= 4 {
                    prop_assert!(!err.message().contains(&text), "echoed: {}", err.message());
                }
            }
        }
        let debug = format!("{secret:?}");
        prop_assert!(debug == "Secret(<redacted>)");
    }

    #[test]
    fn valid_preset_tokens_are_accepted(body in "[A-Za-z0-9_\\-]{20}", prefixed in any::<bool>()) {
        let rule = PresetRule { prefix: "glpat-".into(), min_len: 20, max_len: 20 };
        let text = if prefixed { format!("glpat-{body}") } else { body };
        prop_assert!(rule.check(&Secret::new(text)).is_ok());
    }

    #[test]
    fn scopes_parse_or_refuse_cleanly(args in proptest::collection::vec(hostile_text(), 0..4)) {
        match Scopes::parse(&args) {
            Ok(scopes) => {
                // The stored form parses back to the same set.
                prop_assert_eq!(Scopes::from_stored(&scopes.joined()).unwrap(), scopes);
            }
            Err(err) => clean(&err, Exit::Data),
        }
    }

    #[test]
    fn scope_lists_built_from_valid_names_round_trip(picks in proptest::collection::vec(0usize..19, 1..8), sep in "[ ,]{1,3}") {
        let names = patctl::domain::scope::names();
        let text = picks.iter().map(|&i| names[i % names.len()]).collect::<Vec<_>>().join(&sep.replace(' ', ","));
        let scopes = Scopes::parse(&[text]).unwrap();
        prop_assert!(scopes.iter().count() <= picks.len());
    }

    #[test]
    fn dates_parse_strictly_or_refuse_cleanly(text in hostile_text()) {
        match parse_date(&text) {
            Ok(date) => prop_assert_eq!(date.format("%Y-%m-%d").to_string(), text),
            Err(err) => clean(&err, Exit::Data),
        }
    }

    #[test]
    fn calendar_dates_round_trip(y in 0i32..10000, m in 1u32..=12, d in 1u32..=31) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        let valid = chrono::NaiveDate::from_ymd_opt(y, m, d).is_some();
        prop_assert_eq!(parse_date(&text).is_ok(), valid, "{}", text);
    }

    #[test]
    fn instants_parse_or_refuse_cleanly(text in hostile_text()) {
        if let Err(err) = parse_instant(&text) {
            clean(&err, Exit::Data);
        }
    }

    #[test]
    fn durations_parse_or_refuse_cleanly(text in hostile_text(), today in 0i64..200_000) {
        let today = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(today as u64);
        match Span::parse(&text) {
            Ok(span) => {
                // Adding or subtracting a span never panics, even near the end of the calendar.
                for result in [span.after(today), span.before(today)] {
                    match result {
                        Ok(date) => prop_assert!(date != today),
                        Err(err) => clean(&err, Exit::Data),
                    }
                }
            }
            Err(err) => clean(&err, Exit::Data),
        }
    }

    #[test]
    fn durations_with_units_work(n in 1u32..100_000, unit in prop_oneof!["d", "w", "mo", "y"]) {
        let span = Span::parse(&format!("{n}{unit}")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        if let Ok(date) = span.after(today) {
            prop_assert!(date > today);
        }
    }

    #[test]
    fn units_smaller_than_a_day_are_refused_with_a_hint(n in 1u32..100_000, unit in prop_oneof!["s", "m", "h"]) {
        let err = Span::parse(&format!("{n}{unit}")).unwrap_err();
        clean(&err, Exit::Data);
        prop_assert!(err.hint().is_some());
        if unit == "m" {
            prop_assert_eq!(err.hint().unwrap(), format!("did you mean {n}mo? (m is minutes, mo months)"));
        }
    }

    #[test]
    fn relative_filters_parse_resolve_or_refuse_cleanly(text in prop_oneof![hostile_text(), "[0-9]{1,10}(s|m|h|d|w|mo|y)", Just("today".to_string())], now in 0i64..253_402_300_799) {
        let now = chrono::DateTime::from_timestamp(now, 0).unwrap();
        match text.parse::<DayBound>() {
            Ok(bound) => for result in [bound.day_ahead(now).map(|_| ()), bound.since(now).map(|_| ()), bound.until(now).map(|_| ())] {
                if let Err(err) = result { clean(&err, Exit::Data) }
            },
            Err(err) => clean(&err, Exit::Data),
        }
        match text.parse::<InstantBound>() {
            Ok(bound) => if let Err(err) = bound.resolve(now) { clean(&err, Exit::Data) },
            Err(err) => clean(&err, Exit::Data),
        }
    }

    #[test]
    fn intervals_parse_or_refuse_cleanly(text in hostile_text()) {
        match parse_interval(&text) {
            Ok(delta) => prop_assert!(delta.num_seconds() >= 0),
            Err(err) => clean(&err, Exit::Data),
        }
    }

    #[test]
    fn config_text_parses_or_refuses_cleanly(text in hostile_text()) {
        if let Err(err) = config::parse(&text) {
            clean(&err, Exit::Config);
        }
    }

    #[test]
    fn config_files_with_random_keys_and_values_refuse_cleanly(
        section in prop_oneof![
            proptest::sample::select(vec!["tokens", "expiry", "database", "mail", "security", "project_tokens"]).prop_map(String::from),
            "[a-z_]{1,12}",
        ],
        key in prop_oneof![
            proptest::sample::select(vec![
                "prefix", "max_lifetime_days", "preset_min_length", "preset_max_length", "notify_days",
                "within_days", "require_expiry", "last_used_interval", "path", "pepper_file",
            ]).prop_map(String::from),
            "[a-z_]{1,16}",
        ],
        value in prop_oneof![
            Just("true".to_string()), Just("[]".to_string()), Just("[0, 7, 99999]".to_string()),
            any::<i64>().prop_map(|n| n.to_string()), any::<f64>().prop_map(|f| format!("{f:?}")),
            hostile_text().prop_map(|s| format!("{s:?}")), hostile_text(),
        ],
    ) {
        let text = format!("[{section}]\n{key} = {value}\n");
        match config::parse(&text) {
            Ok(_) => {}
            Err(err) => {
                clean(&err, Exit::Config);
                // An unknown key is named in the error.
                let known = toml::from_str::<toml::Table>(&text).is_ok();
                if known && err.message().contains("unknown field") {
                    prop_assert!(err.message().contains(&key) || err.message().contains(&section), "{}", err.message());
                }
            }
        }
    }
}
