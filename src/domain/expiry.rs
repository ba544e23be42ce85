//! Dates, durations and GitLab's expiry rules. Everything here takes `now`/`today` as a value.

use chrono::{DateTime, Days, Months, NaiveDate, TimeDelta, Utc};

use crate::error::{Error, Result};

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let shown = || crate::domain::text::escape(text);
    if !shape_ok {
        return Err(Error::data(format!("'{}' is not a date in the form YYYY-MM-DD", shown())));
    }
    // The shape is checked: every other byte is an ASCII digit.
    let number = |range: std::ops::Range<usize>| text[range].bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    i32::try_from(number(0..4))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)))
        .ok_or_else(|| Error::data(format!("'{}' is not a valid calendar date", shown())))
}

/// The first and last instants patctl accepts and stores: from the Unix epoch to the last second
/// RFC 3339's four-digit year can write, in UTC. A value outside could not be read back.
pub const EARLIEST_INSTANT: DateTime<Utc> = DateTime::UNIX_EPOCH;
pub const LATEST_INSTANT: DateTime<Utc> =
    LATEST_DAY.and_time(chrono::NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time")).and_utc();
/// The dates of those instants, for expiry dates and other stored days.
pub const EARLIEST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
pub const LATEST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// Refuses an instant outside [`EARLIEST_INSTANT`]..=[`LATEST_INSTANT`].
pub fn check_instant(at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (EARLIEST_INSTANT..=LATEST_INSTANT).contains(&at) {
        return Ok(at);
    }
    Err(Error::data(format!(
        "{} is outside the instants patctl handles (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, UTC)",
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    )))
}

/// Refuses a date outside [`EARLIEST_DAY`]..=[`LATEST_DAY`].
pub fn check_day(date: NaiveDate) -> Result<NaiveDate> {
    if (EARLIEST_DAY..=LATEST_DAY).contains(&date) {
        return Ok(date);
    }
    Err(Error::data(format!("{date} is outside the dates patctl handles (1970-01-01 to 9999-12-31)")))
}

/// Parses `PATCTL_NOW` and instant flags: an RFC 3339 timestamp, or a date taken as 00:00 UTC,
/// within the range of [`check_instant`] once converted to UTC.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return check_instant(at.with_timezone(&Utc));
    }
    let date = parse_date(text).map_err(|_| {
        Error::data(format!(
            "'{}' is neither an RFC 3339 timestamp nor a YYYY-MM-DD date",
            crate::domain::text::escape(text)
        ))
    })?;
    check_instant(date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
}

/// A calendar span such as `30d`, `2w`, `6m` or `1y`, for expiry dates and staleness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Span {
    pub fn parse(text: &str) -> Result<Self> {
        let shown = crate::domain::text::escape(text);
        let usage = || {
            Error::data(format!("'{shown}' is not a duration"))
                .with_hint("write a positive number and a unit: 30d (days), 2w (weeks), 6m (months), 1y (years)")
        };
        let (number, unit) = split_number(text).ok_or_else(usage)?;
        let amount: u32 = number.parse().map_err(|_| usage())?;
        if amount == 0 {
            return Err(Error::data(format!("duration '{shown}' must be greater than zero")));
        }
        match unit {
            "d" => Ok(Span::Days(amount)),
            "w" => Ok(Span::Weeks(amount)),
            "m" => Ok(Span::Months(amount)),
            "y" => Ok(Span::Years(amount)),
            _ => Err(usage()),
        }
    }

    /// `date` moved forward by the span; month ends clamp (Jan 31 + 1m = Feb 28).
    pub fn after(self, date: NaiveDate) -> Result<NaiveDate> {
        let moved = match self {
            Span::Days(n) => date.checked_add_days(Days::new(n.into())),
            Span::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Span::Months(n) => date.checked_add_months(Months::new(n)),
            Span::Years(n) => n.checked_mul(12).and_then(|m| date.checked_add_months(Months::new(m))),
        };
        moved.ok_or_else(|| Error::data("duration is too large"))
    }

    /// `date` moved back by the span.
    pub fn before(self, date: NaiveDate) -> Result<NaiveDate> {
        let moved = match self {
            Span::Days(n) => date.checked_sub_days(Days::new(n.into())),
            Span::Weeks(n) => date.checked_sub_days(Days::new(u64::from(n) * 7)),
            Span::Months(n) => date.checked_sub_months(Months::new(n)),
            Span::Years(n) => n.checked_mul(12).and_then(|m| date.checked_sub_months(Months::new(m))),
        };
        moved.ok_or_else(|| Error::data("duration is too large"))
    }
}

/// A clock interval such as `30s`, `10m`, `2h`, `1d` or `1w` (note: `m` is minutes here).
pub fn parse_interval(text: &str) -> Result<TimeDelta> {
    let shown = crate::domain::text::escape(text);
    let usage = || {
        Error::data(format!("'{shown}' is not an interval"))
            .with_hint("write a number and a unit: 30s, 10m (minutes), 2h, 1d, 1w")
    };
    let (number, unit) = split_number(text).ok_or_else(usage)?;
    let amount: i64 = number.parse().map_err(|_| usage())?;
    let seconds_per_unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(usage()),
    };
    amount
        .checked_mul(seconds_per_unit)
        .filter(|s| *s <= 100 * 365 * 86_400)
        .map(TimeDelta::seconds)
        .ok_or_else(|| Error::data(format!("interval '{shown}' is too large")))
}

fn split_number(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    (!number.is_empty() && number.len() <= 9).then_some((number, unit))
}

/// The expiry a caller asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryRequest {
    /// Nothing said: the policy's default.
    Default,
    At(NaiveDate),
    In(Span),
    Never,
}

/// The lifetime policy (config `tokens.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryPolicy {
    pub max_lifetime_days: u32,
    pub require_expiry: bool,
}

impl ExpiryPolicy {
    pub fn latest_allowed(&self, today: NaiveDate) -> NaiveDate {
        today + Days::new(self.max_lifetime_days.into())
    }

    /// Turns a request into the stored `expires_at` (None: never expires).
    /// `default_days` is the lifetime used when nothing was asked for (capped by the maximum).
    pub fn resolve(&self, request: ExpiryRequest, today: NaiveDate, default_days: u32) -> Result<Option<NaiveDate>> {
        let date = match request {
            ExpiryRequest::Never if self.require_expiry => {
                return Err(Error::data("tokens must have an expiry date (config tokens.require_expiry = true)")
                    .with_hint(format!(
                        "use --expires-at or --expires-in, at most {} days ahead",
                        self.max_lifetime_days
                    )));
            }
            ExpiryRequest::Never => return Ok(None),
            ExpiryRequest::Default if !self.require_expiry => return Ok(None),
            ExpiryRequest::Default => {
                let date = today + Days::new(default_days.min(self.max_lifetime_days).into());
                return Ok(Some(check_day(date).map_err(|e| e.context("expiry date"))?));
            }
            ExpiryRequest::At(date) => date,
            ExpiryRequest::In(span) => span.after(today)?,
        };
        if date <= today {
            return Err(Error::data(format!("expiry date {date} is not after today ({today})"))
                .with_hint("a token expires at 00:00 UTC on its expiry date; choose a later date"));
        }
        let latest = self.latest_allowed(today);
        if date > latest {
            return Err(Error::data(format!(
                "expiry date {date} is beyond the maximum lifetime of {} days (latest allowed: {latest})",
                self.max_lifetime_days
            )));
        }
        Ok(Some(check_day(date).map_err(|e| e.context("expiry date"))?))
    }
}

/// A token's state as shown to people. Revoked wins over expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Active,
    /// Rotated with a grace period that has not ended yet.
    Rotating,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Rotating => "rotating",
            TokenState::Expired => "expired",
            TokenState::Revoked => "revoked",
        }
    }
}

/// GitLab's rule: a token expires at 00:00 UTC on its `expires_at` date.
pub fn is_expired(expires_at: Option<NaiveDate>, now: DateTime<Utc>) -> bool {
    expires_at.is_some_and(|date| date <= now.date_naive())
}

/// Whole days from `today` until `expires_at` (0 on the day it expires, negative after).
pub fn days_left(expires_at: NaiveDate, today: NaiveDate) -> i64 {
    (expires_at - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    const POLICY: ExpiryPolicy = ExpiryPolicy { max_lifetime_days: 365, require_expiry: true };

    #[test]
    fn dates_are_strict() {
        assert_eq!(d("2026-11-23").to_string(), "2026-11-23");
        for bad in ["2026-02-30", "2026-2-3", "20261123", "2026-11-23T00:00:00Z", "", "2026-13-01"] {
            assert_eq!(parse_date(bad).unwrap_err().exit(), crate::error::Exit::Data, "{bad}");
        }
        assert!(parse_date("2028-02-29").is_ok());
        assert!(parse_date("2027-02-29").is_err());
    }

    #[test]
    fn instants_accept_rfc3339_or_a_date_at_midnight_utc() {
        assert_eq!(parse_instant("2026-11-23").unwrap().to_rfc3339(), "2026-11-23T00:00:00+00:00");
        assert_eq!(parse_instant("2026-11-23T01:30:00+02:00").unwrap().to_rfc3339(), "2026-11-22T23:30:00+00:00");
        assert!(parse_instant("yesterday").is_err());
    }

    #[test]
    fn instants_are_refused_outside_1970_to_9999_in_utc() {
        assert_eq!(parse_instant("1970-01-01T00:00:00Z").unwrap(), EARLIEST_INSTANT);
        assert_eq!(parse_instant("9999-12-31T23:59:59Z").unwrap(), LATEST_INSTANT);
        assert_eq!(parse_instant("10000-01-01").unwrap_err().exit(), crate::error::Exit::Data);
        let refused = |text: &str| parse_instant(text).unwrap_err().message().to_string();
        // Year 10000 once the offset is taken off, and a second before the epoch.
        assert_eq!(
            refused("9999-12-31T23:59:59-23:59"),
            "+10000-01-01T23:58:59Z is outside the instants patctl handles (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, UTC)"
        );
        assert!(refused("1970-01-01T00:59:59+01:00").starts_with("1969-12-31T23:59:59Z is outside"));
        assert!(refused("1969-12-31").starts_with("1969-12-31T00:00:00Z is outside"));
    }

    #[test]
    fn days_are_refused_outside_1970_to_9999() {
        assert_eq!(check_day(EARLIEST_DAY).unwrap(), EARLIEST_DAY);
        assert_eq!(check_day(LATEST_DAY).unwrap(), LATEST_DAY);
        assert!(check_day(EARLIEST_DAY.pred_opt().unwrap()).is_err());
        assert!(check_day(LATEST_DAY.succ_opt().unwrap()).is_err());
    }

    #[test]
    fn spans_parse_and_move_dates() {
        assert_eq!(Span::parse("30d").unwrap().after(d("2026-11-23")).unwrap(), d("2026-12-23"));
        assert_eq!(Span::parse("2w").unwrap().after(d("2026-11-23")).unwrap(), d("2026-12-07"));
        assert_eq!(Span::parse("6m").unwrap().after(d("2026-11-23")).unwrap(), d("2027-05-23"));
        assert_eq!(Span::parse("1y").unwrap().after(d("2028-02-29")).unwrap(), d("2029-02-28"));
        assert_eq!(Span::parse("1m").unwrap().after(d("2027-01-31")).unwrap(), d("2027-02-28"));
        assert_eq!(Span::parse("90d").unwrap().before(d("2026-11-23")).unwrap(), d("2026-08-25"));
    }

    #[test]
    fn spans_refuse_zero_negative_huge_and_unknown() {
        for bad in ["0d", "-1d", "1", "d", "1x", "1.5d", "", "9999999999d"] {
            assert!(Span::parse(bad).is_err(), "{bad}");
        }
        assert!(Span::parse("999999999y").unwrap().after(d("2026-11-23")).is_err());
        let huge = ExpiryRequest::In(Span::parse("99999y").unwrap());
        assert!(POLICY.resolve(huge, d("2026-11-23"), 365).unwrap_err().message().contains("maximum lifetime"));
    }

    #[test]
    fn intervals_use_clock_units() {
        assert_eq!(parse_interval("10m").unwrap(), TimeDelta::minutes(10));
        assert_eq!(parse_interval("2h").unwrap(), TimeDelta::hours(2));
        assert_eq!(parse_interval("0s").unwrap(), TimeDelta::zero());
        assert!(parse_interval("10x").is_err());
        assert!(parse_interval("99999999w").is_err());
    }

    #[test]
    fn default_expiry_is_today_plus_the_lifetime() {
        let today = d("2026-11-23");
        assert_eq!(POLICY.resolve(ExpiryRequest::Default, today, 365).unwrap(), Some(d("2027-11-23")));
        assert_eq!(POLICY.resolve(ExpiryRequest::Default, today, 30).unwrap(), Some(d("2026-12-23")));
        assert_eq!(POLICY.resolve(ExpiryRequest::Default, today, 999).unwrap(), Some(d("2027-11-23")));
        let lax = ExpiryPolicy { require_expiry: false, ..POLICY };
        assert_eq!(lax.resolve(ExpiryRequest::Default, today, 365).unwrap(), None);
        assert_eq!(lax.resolve(ExpiryRequest::Never, today, 365).unwrap(), None);
    }

    #[test]
    fn expiry_must_be_after_today_and_within_the_lifetime() {
        let today = d("2026-11-23");
        assert!(POLICY.resolve(ExpiryRequest::At(today), today, 365).is_err());
        assert!(POLICY.resolve(ExpiryRequest::At(d("2026-11-01")), today, 365).is_err());
        assert!(POLICY.resolve(ExpiryRequest::At(d("2026-11-24")), today, 365).is_ok());
        assert!(POLICY.resolve(ExpiryRequest::At(d("2027-11-23")), today, 365).is_ok());
        assert!(POLICY.resolve(ExpiryRequest::At(d("2027-11-24")), today, 365).is_err());
        assert!(POLICY.resolve(ExpiryRequest::In(Span::Years(2)), today, 365).is_err());
        assert!(POLICY.resolve(ExpiryRequest::Never, today, 365).is_err());
    }

    #[test]
    fn a_token_expires_at_midnight_utc_on_its_date() {
        let expires = Some(d("2026-11-24"));
        assert!(!is_expired(expires, parse_instant("2026-11-23T23:59:59Z").unwrap()));
        assert!(is_expired(expires, parse_instant("2026-11-24T00:00:00Z").unwrap()));
        // 23:00 in New York on the 23rd is already the 24th in UTC.
        assert!(is_expired(expires, parse_instant("2026-11-23T23:00:00-05:00").unwrap()));
        assert!(!is_expired(None, parse_instant("2999-01-01").unwrap()));
    }

    #[test]
    fn days_left_counts_whole_days() {
        assert_eq!(days_left(d("2026-11-30"), d("2026-11-23")), 7);
        assert_eq!(days_left(d("2026-11-23"), d("2026-11-23")), 0);
    }
    #[test]
    fn weeks_move_dates_by_seven_days_each_way() {
        assert_eq!(Span::Weeks(2).before(d("2026-11-23")).unwrap(), d("2026-11-09"));
        assert_eq!(Span::Weeks(2).after(d("2026-11-23")).unwrap(), d("2026-12-07"));
    }

    #[test]
    fn intervals_are_capped_at_a_hundred_years() {
        // 100 years of 365 days are 3,153,600,000 seconds: 5214 weeks fit, 5215 do not.
        assert_eq!(parse_interval("5214w").unwrap(), TimeDelta::weeks(5214));
        assert!(parse_interval("5215w").unwrap_err().message().contains("too large"));
        assert_eq!(parse_interval("36500d").unwrap(), TimeDelta::days(36_500));
        assert!(parse_interval("36501d").is_err());
    }

    #[test]
    fn numbers_have_at_most_nine_digits() {
        // Ten digits would still fit a u32 and an i64: the cap is the rule, not the type.
        assert!(Span::parse("999999999d").is_ok());
        assert!(Span::parse("1234567890d").is_err());
        assert!(parse_interval("1000000000s").is_err());
        assert_eq!(parse_interval("999999999s").unwrap(), TimeDelta::seconds(999_999_999));
    }
}
