//! `check-expiry --format prometheus`: the Prometheus text exposition format (version 0.0.4),
//! as node_exporter's textfile collector reads it. Labels name tokens by id, name and owner,
//! never by anything secret.

use std::fmt::Write;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::model::Token;
use crate::domain::notify::Census;

/// The facts of one run of the check.
pub struct Run {
    pub at: DateTime<Utc>,
    pub duration: Duration,
}

/// The whole exposition: token counts by state and threshold, the next expiry, the run's time
/// and duration, and with `per_token` one series per token that has an expiry date.
pub fn exposition(census: &Census, per_token: Option<&[Token]>, run: &Run) -> String {
    let mut out = String::new();
    let window = census.within_days();
    family(
        &mut out,
        "patctl_tokens",
        &format!(
            "Tokens by state: active, expiring within {window} days (the check's window), expired and not revoked, revoked."
        ),
    );
    for (state, count) in [
        ("active", census.active),
        ("expiring", census.expiring),
        ("expired", census.expired),
        ("revoked", census.revoked),
    ] {
        sample(&mut out, "patctl_tokens", &[("state", state)], count);
    }
    if !census.expiring_within.is_empty() {
        family(
            &mut out,
            "patctl_tokens_expiring",
            "Usable tokens expiring within each notification threshold (config expiry.notify_days), in days.",
        );
        for (days, count) in &census.expiring_within {
            sample(&mut out, "patctl_tokens_expiring", &[("within_days", &days.to_string())], count);
        }
    }
    if let Some(next) = census.next_expiry {
        family(
            &mut out,
            "patctl_tokens_next_expiry_timestamp_seconds",
            "When the first usable token expires (00:00 UTC on its expiry date), in seconds since the epoch.",
        );
        sample(&mut out, "patctl_tokens_next_expiry_timestamp_seconds", &[], expiry_seconds(next));
    }
    if let Some(tokens) = per_token {
        family(
            &mut out,
            "patctl_token_expiry_timestamp_seconds",
            "When each token that is not revoked expires (00:00 UTC), in seconds since the epoch; tokens that never expire are left out.",
        );
        for token in tokens {
            let Some(expires_at) = token.expires_at else { continue };
            let id = token.id.to_string();
            let labels = [("id", id.as_str()), ("name", token.name.as_str()), ("owner", token.username.as_str())];
            sample(&mut out, "patctl_token_expiry_timestamp_seconds", &labels, expiry_seconds(expires_at));
        }
    }
    family(&mut out, "patctl_check_expiry_timestamp_seconds", "When this check ran, in seconds since the epoch.");
    sample(&mut out, "patctl_check_expiry_timestamp_seconds", &[], run.at.timestamp());
    family(&mut out, "patctl_check_expiry_duration_seconds", "How long this check took, in seconds.");
    sample(&mut out, "patctl_check_expiry_duration_seconds", &[], format!("{:.6}", run.duration.as_secs_f64()));
    out
}

/// A token expires at 00:00 UTC on its date.
fn expiry_seconds(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp()
}

/// HELP and TYPE lines (every metric here is a gauge: each run states the current value).
fn family(out: &mut String, name: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
}

fn sample(out: &mut String, name: &str, labels: &[(&str, &str)], value: impl std::fmt::Display) {
    out.push_str(name);
    if !labels.is_empty() {
        let pairs: Vec<String> =
            labels.iter().map(|(label, value)| format!("{label}=\"{}\"", label_value(value))).collect();
        let _ = write!(out, "{{{}}}", pairs.join(","));
    }
    let _ = writeln!(out, " {value}");
}

/// A label value as the format wants it: backslash, double quote and line feed escaped.
fn label_value(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
