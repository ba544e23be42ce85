//! Dates as people read them: "in 3 days", "5 months ago".

use chrono::{DateTime, NaiveDate, Utc};

/// A past or future instant relative to `now`, in the largest unit that fits.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (at - now).num_seconds();
    let (amount, unit) = largest_unit(seconds.unsigned_abs());
    match (amount, seconds >= 0) {
        (0, _) => "just now".to_string(),
        (n, true) => format!("in {n} {unit}{}", plural(n)),
        (n, false) => format!("{n} {unit}{} ago", plural(n)),
    }
}

/// A date relative to today: "today", "tomorrow", "in 8 days", "2 months ago".
pub fn relative_day(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        days => {
            let (amount, unit) = largest_unit(days.unsigned_abs() * 86_400);
            if days > 0 {
                format!("in {amount} {unit}{}", plural(amount))
            } else {
                format!("{amount} {unit}{} ago", plural(amount))
            }
        }
    }
}

/// A count with its noun in agreement: "1 token", "2 tokens" (nouns whose plural takes an s).
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n as u64))
}

fn largest_unit(seconds: u64) -> (u64, &'static str) {
    const UNITS: [(u64, &str); 6] = [
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (86_400, "day"),
        (3600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    for (size, unit) in UNITS {
        if seconds >= size {
            return (seconds / size, unit);
        }
    }
    (0, "second")
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::{parse_date, parse_instant};

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(
            [count(0, "token"), count(1, "token"), count(2, "stored value")],
            ["0 tokens", "1 token", "2 stored values"]
        );
    }

    #[test]
    fn instants_read_naturally() {
        let now = parse_instant("2026-11-23T12:00:00Z").unwrap();
        assert_eq!(relative(parse_instant("2026-11-20T12:00:00Z").unwrap(), now), "3 days ago");
        assert_eq!(relative(parse_instant("2026-11-23T12:00:30Z").unwrap(), now), "in 30 seconds");
        assert_eq!(relative(parse_instant("2026-06-01T00:00:00Z").unwrap(), now), "5 months ago");
        assert_eq!(relative(now, now), "just now");
        assert_eq!(relative(parse_instant("2026-11-23T11:00:00Z").unwrap(), now), "1 hour ago");
    }

    #[test]
    fn days_read_naturally() {
        let today = parse_date("2026-11-23").unwrap();
        assert_eq!(relative_day(parse_date("2026-11-23").unwrap(), today), "today");
        assert_eq!(relative_day(parse_date("2026-11-24").unwrap(), today), "tomorrow");
        assert_eq!(relative_day(parse_date("2026-12-01").unwrap(), today), "in 8 days");
        assert_eq!(relative_day(parse_date("2027-11-23").unwrap(), today), "in 1 year");
        assert_eq!(relative_day(parse_date("2026-09-01").unwrap(), today), "2 months ago");
    }
}
