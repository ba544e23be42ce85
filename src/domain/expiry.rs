//! Dates, durations and GitLab's expiry rules. Everything here takes `now`/`today` as a value.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, Months, NaiveDate, TimeDelta, Utc};

use crate::error::{Error, Result};

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let shown = || crate::domain::text::escape(text);
    if !has_date_shape(text) {
        return Err(Error::data(format!("'{}' is not a date in the form YYYY-MM-DD", shown())));
    }
    // The shape is checked: every other byte is an ASCII digit.
    let number = |range: std::ops::Range<usize>| text[range].bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    i32::try_from(number(0..4))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)))
        .ok_or_else(|| Error::data(format!("'{}' is not a valid calendar date", shown())))
}

/// `NNNN-NN-NN` with ASCII digits, whether or not it is a date of the calendar.
pub(crate) fn has_date_shape(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

/// A strict `YYYY-MM-DD` date, as flags such as `--expires-at` and `--as-of` take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

impl FromStr for Date {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        parse_date(text).map(Date)
    }
}

/// The first and last instants patctl accepts and stores: from the Unix epoch to the last second
/// RFC 3339's four-digit year can write, in UTC. A value outside could not be read back.
pub const EARLIEST_INSTANT: DateTime<Utc> = DateTime::UNIX_EPOCH;
pub const LATEST_INSTANT: DateTime<Utc> =
    LATEST_DAY.and_time(chrono::NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time")).and_utc();
/// The dates of those instants, for expiry dates and other stored days.
pub const EARLIEST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
pub const LATEST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// An instant as patctl writes it everywhere (stored, printed, in audit details): RFC 3339 in
/// UTC, whole seconds, `2026-11-23T10:00:00Z`.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Refuses an instant outside [`EARLIEST_INSTANT`]..=[`LATEST_INSTANT`].
pub fn check_instant(at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (EARLIEST_INSTANT..=LATEST_INSTANT).contains(&at) {
        return Ok(at);
    }
    Err(Error::data(format!(
        "{} is outside the instants patctl handles (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, UTC)",
        rfc3339(at)
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

/// The units of every duration patctl reads, a whole number and one unit with no space (`30d`).
/// `m` is minutes wherever a duration is accepted; months are `mo`. README "Durations" is the
/// table. Hand-written rather than `humantime`, whose syntax differs: it reads `M` and `month` as
/// 30.44 days and `y` as 365.25, accepts fractions, `ms` and sums (`1h 30m`), and has no `mo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    pub const ALL: [Unit; 7] =
        [Unit::Seconds, Unit::Minutes, Unit::Hours, Unit::Days, Unit::Weeks, Unit::Months, Unit::Years];

    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Seconds => "s",
            Unit::Minutes => "m",
            Unit::Hours => "h",
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "mo",
            Unit::Years => "y",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Seconds => "seconds",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
        }
    }

    fn from_suffix(text: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|unit| unit.suffix() == text)
    }

    /// The length of one unit in seconds; None for months and years, which the calendar decides.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Unit::Seconds => Some(1),
            Unit::Minutes => Some(60),
            Unit::Hours => Some(3600),
            Unit::Days => Some(86_400),
            Unit::Weeks => Some(604_800),
            Unit::Months | Unit::Years => None,
        }
    }
}

/// A whole number of one unit, as written: `30s`, `10m`, `2h`, `30d`, `2w`, `6mo`, `1y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub count: u32,
    pub unit: Unit,
}

impl Amount {
    /// Reads `30d`; None unless the text is up to 9 digits followed by a unit.
    pub fn read(text: &str) -> Option<Amount> {
        let (number, unit) = split_number(text)?;
        Some(Amount { count: number.parse().ok()?, unit: Unit::from_suffix(unit)? })
    }

    /// `at` moved forward (or back) by the amount; months and years move the date on the
    /// calendar (month ends clamp) and keep the time of day. None past the end of the calendar.
    pub fn shift(self, at: DateTime<Utc>, forward: bool) -> Option<DateTime<Utc>> {
        let delta = match self.unit.seconds() {
            Some(seconds) => TimeDelta::try_seconds(i64::from(self.count) * seconds)?,
            None => {
                let months = if self.unit == Unit::Years { self.count.checked_mul(12)? } else { self.count };
                let today = at.date_naive();
                let moved = if forward {
                    today.checked_add_months(Months::new(months))?
                } else {
                    today.checked_sub_months(Months::new(months))?
                };
                return at.checked_add_signed(moved - today);
            }
        };
        if forward { at.checked_add_signed(delta) } else { at.checked_sub_signed(delta) }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count, self.unit.suffix())
    }
}

/// A calendar span such as `30d`, `2w`, `6mo` or `1y`, for expiry dates and staleness: whole
/// days, so a smaller unit (`6m`, `2h`) is refused with the likely intent.
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
                .with_hint("write a positive number and a unit: 30d (days), 2w (weeks), 6mo (months), 1y (years)")
        };
        let (number, unit) = split_number(text).ok_or_else(usage)?;
        let amount: u32 = number.parse().map_err(|_| usage())?;
        if amount == 0 {
            return Err(Error::data(format!("duration '{shown}' must be greater than zero")));
        }
        match Unit::from_suffix(unit).ok_or_else(usage)? {
            Unit::Days => Ok(Span::Days(amount)),
            Unit::Weeks => Ok(Span::Weeks(amount)),
            Unit::Months => Ok(Span::Months(amount)),
            Unit::Years => Ok(Span::Years(amount)),
            smaller => {
                let seconds = smaller.seconds().map_or(0, |s| i64::from(amount) * s);
                let hint = match smaller {
                    Unit::Minutes => format!("did you mean {amount}mo? (m is minutes, mo months)"),
                    _ if seconds % 86_400 == 0 => format!("did you mean {}d?", seconds / 86_400),
                    _ => "use d, w, mo or y: 30d, 2w, 6mo, 1y".to_string(),
                };
                Err(Error::data(format!("'{shown}' is in {}, but this duration counts whole days", smaller.name()))
                    .with_hint(hint))
            }
        }
    }

    /// `date` moved forward by the span; month ends clamp (Jan 31 + 1mo = Feb 28).
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

impl FromStr for Span {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        Span::parse(text)
    }
}

/// As written: `30d`, `2w`, `6mo`, `1y`.
impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Days(n) => write!(f, "{n}d"),
            Span::Weeks(n) => write!(f, "{n}w"),
            Span::Months(n) => write!(f, "{n}mo"),
            Span::Years(n) => write!(f, "{n}y"),
        }
    }
}

/// A clock interval such as `30s`, `10m`, `2h`, `1d` or `1w`: units of a fixed length, so
/// neither months nor years.
pub fn parse_interval(text: &str) -> Result<TimeDelta> {
    let shown = crate::domain::text::escape(text);
    let usage = || {
        Error::data(format!("'{shown}' is not an interval"))
            .with_hint("write a number and a unit: 30s, 10m (minutes), 2h, 1d, 1w")
    };
    let (number, unit) = split_number(text).ok_or_else(usage)?;
    let amount: i64 = number.parse().map_err(|_| usage())?;
    let seconds_per_unit = Unit::from_suffix(unit).and_then(Unit::seconds).ok_or_else(usage)?;
    amount
        .checked_mul(seconds_per_unit)
        .filter(|s| *s <= 100 * 365 * 86_400)
        .map(TimeDelta::seconds)
        .ok_or_else(|| Error::data(format!("interval '{shown}' is too large")))
}

/// A clock interval (see [`parse_interval`]), as `--grace` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval(pub TimeDelta);

impl FromStr for Interval {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        parse_interval(text).map(Interval)
    }
}

/// `--wait`: how long to wait for a locked database, an interval (`30s`, `2m`, `1h`) or `0`
/// for not at all.
pub fn parse_wait(text: &str) -> Result<std::time::Duration> {
    if text.trim() == "0" {
        return Ok(std::time::Duration::ZERO);
    }
    let seconds = parse_interval(text)?.num_seconds();
    Ok(std::time::Duration::from_secs(seconds.unsigned_abs()))
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
        assert_eq!(Span::parse("6mo").unwrap().after(d("2026-11-23")).unwrap(), d("2027-05-23"));
        assert_eq!(Span::parse("1y").unwrap().after(d("2028-02-29")).unwrap(), d("2029-02-28"));
        assert_eq!(Span::parse("1mo").unwrap().after(d("2027-01-31")).unwrap(), d("2027-02-28"));
        assert_eq!(Span::parse("90d").unwrap().before(d("2026-11-23")).unwrap(), d("2026-08-25"));
        assert_eq!("6mo".parse::<Span>().unwrap(), Span::Months(6));
        for text in ["30d", "2w", "6mo", "1y"] {
            assert_eq!(Span::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn spans_refuse_zero_negative_huge_and_unknown() {
        for bad in ["0d", "-1d", "1", "d", "1x", "1.5d", "", "9999999999d", "1M", "1month", "1 d", "1d2h"] {
            assert!(Span::parse(bad).is_err(), "{bad}");
        }
        assert!(Span::parse("999999999y").unwrap().after(d("2026-11-23")).is_err());
        let huge = ExpiryRequest::In(Span::parse("99999y").unwrap());
        assert!(POLICY.resolve(huge, d("2026-11-23"), 365).unwrap_err().message().contains("maximum lifetime"));
    }

    #[test]
    fn spans_refuse_units_smaller_than_a_day_naming_the_likely_intent() {
        let refused = |text: &str| {
            let err = Span::parse(text).unwrap_err();
            assert_eq!(err.exit(), crate::error::Exit::Data);
            (err.message().to_string(), err.hint().unwrap().to_string())
        };
        assert_eq!(
            refused("6m"),
            (
                "'6m' is in minutes, but this duration counts whole days".into(),
                "did you mean 6mo? (m is minutes, mo months)".into()
            )
        );
        assert_eq!(refused("2h").1, "use d, w, mo or y: 30d, 2w, 6mo, 1y");
        assert_eq!(refused("48h").1, "did you mean 2d?");
        assert_eq!(
            refused("30s"),
            (
                "'30s' is in seconds, but this duration counts whole days".into(),
                "use d, w, mo or y: 30d, 2w, 6mo, 1y".into()
            )
        );
    }

    #[test]
    fn intervals_use_clock_units() {
        assert_eq!(parse_interval("10m").unwrap(), TimeDelta::minutes(10));
        assert_eq!(parse_interval("2h").unwrap(), TimeDelta::hours(2));
        assert_eq!(parse_interval("0s").unwrap(), TimeDelta::zero());
        assert_eq!("1w".parse::<Interval>().unwrap(), Interval(TimeDelta::weeks(1)));
        for bad in ["10x", "99999999w", "1mo", "1y", "1M", "1h 30m", "1.5h", "1min"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_shift_instants_by_the_clock_or_the_calendar() {
        let at = parse_instant("2027-01-31T10:30:00Z").unwrap();
        let shifted = |text: &str, forward| Amount::read(text).unwrap().shift(at, forward).unwrap().to_rfc3339();
        assert_eq!(shifted("90m", true), "2027-01-31T12:00:00+00:00");
        assert_eq!(shifted("24h", false), "2027-01-30T10:30:00+00:00");
        assert_eq!(shifted("1mo", true), "2027-02-28T10:30:00+00:00");
        assert_eq!(shifted("1y", false), "2026-01-31T10:30:00+00:00");
        assert_eq!(Amount::read("999999999y").unwrap().shift(at, true), None);
        assert_eq!(Amount::read("6 mo"), None);
        assert_eq!(Amount::read("6mo").unwrap().to_string(), "6mo");
    }

    #[test]
    fn dates_parse_from_str() {
        assert_eq!("2026-11-23".parse::<Date>().unwrap(), Date(d("2026-11-23")));
        assert_eq!("2026-02-30".parse::<Date>().unwrap_err().message(), "'2026-02-30' is not a valid calendar date");
    }

    #[test]
    fn waits_are_zero_or_intervals() {
        use std::time::Duration;
        assert_eq!(parse_wait("0").unwrap(), Duration::ZERO);
        assert_eq!(parse_wait("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_wait("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_wait("1h").unwrap(), Duration::from_secs(3600));
        assert!(parse_wait("5").is_err());
        assert!(parse_wait("-5s").is_err());
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
