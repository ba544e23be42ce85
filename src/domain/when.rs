//! Points in time as the filters of `list` and `audit` take them: a date, an RFC 3339 instant, or
//! a form relative to now (`30d`, `24h`, `today`, `yesterday`). Parsed without a clock, resolved
//! against the `now` the caller passes.

use std::str::FromStr;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use super::expiry::{Amount, check_instant, has_date_shape, parse_date, parse_instant};
use crate::error::{Error, Result};

const RELATIVE_HINT: &str = "or relative to now: 30d, 24h, 6mo, today, yesterday";

/// A point relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Today,
    Yesterday,
    /// That long from now (`--expires-*`) or ago (every other filter).
    By(Amount),
}

impl Relative {
    fn read(text: &str) -> Option<Relative> {
        match text {
            "today" => Some(Relative::Today),
            "yesterday" => Some(Relative::Yesterday),
            _ => Amount::read(text).map(Relative::By),
        }
    }

    /// The day it names: `today`, `yesterday`, or the day of now moved by the amount.
    fn day(self, now: DateTime<Utc>, forward: bool) -> Result<NaiveDate> {
        match self {
            Relative::Today => Ok(now.date_naive()),
            Relative::Yesterday => now.date_naive().checked_sub_days(Days::new(1)).ok_or_else(out_of_range),
            Relative::By(amount) => shifted(amount, now, forward).map(|at| at.date_naive()),
        }
    }
}

fn shifted(amount: Amount, now: DateTime<Utc>, forward: bool) -> Result<DateTime<Utc>> {
    let direction = if forward { "from now" } else { "ago" };
    amount.shift(now, forward).filter(|at| check_instant(*at).is_ok()).ok_or_else(|| {
        Error::data(format!("{amount} {direction} is beyond the dates patctl handles (1970-01-01 to 9999-12-31)"))
    })
}

fn out_of_range() -> Error {
    Error::data("yesterday is beyond the dates patctl handles (1970-01-01 to 9999-12-31)")
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

/// A day as `--expires-before/after` and `audit --since/--until` take it: `YYYY-MM-DD`, or
/// relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayBound {
    Date(NaiveDate),
    Relative(Relative),
}

impl FromStr for DayBound {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        if let Some(relative) = Relative::read(text) {
            return Ok(DayBound::Relative(relative));
        }
        parse_date(text)
            .map(DayBound::Date)
            .map_err(|err| if has_date_shape(text) { err } else { err.with_hint(RELATIVE_HINT) })
    }
}

impl DayBound {
    /// The day, with a duration counted forward from now (`--expires-before 30d`).
    pub fn day_ahead(self, now: DateTime<Utc>) -> Result<NaiveDate> {
        match self {
            DayBound::Date(date) => Ok(date),
            DayBound::Relative(relative) => relative.day(now, true),
        }
    }

    /// The first instant it covers, with a duration counted back from now (`--since 24h` is
    /// 24 hours ago, `--since yesterday` yesterday's 00:00 UTC).
    pub fn since(self, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        match self {
            DayBound::Relative(Relative::By(amount)) => shifted(amount, now, false),
            DayBound::Date(date) => Ok(midnight(date)),
            DayBound::Relative(relative) => relative.day(now, false).map(midnight),
        }
    }

    /// The last instant it covers, to the second (instants are stored to the second): a day
    /// ends at 23:59:59 UTC, and a duration is counted back from now (`--until 24h`).
    pub fn until(self, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let end_of = |date: NaiveDate| date.and_hms_opt(23, 59, 59).expect("a valid time").and_utc();
        match self {
            DayBound::Relative(Relative::By(amount)) => shifted(amount, now, false),
            DayBound::Date(date) => Ok(end_of(date)),
            DayBound::Relative(relative) => relative.day(now, false).map(end_of),
        }
    }
}

/// An instant as `--created-*` and `--last-used-*` take it: RFC 3339, `YYYY-MM-DD` (00:00 UTC),
/// or relative to now, counted back (`--created-after 24h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstantBound {
    At(DateTime<Utc>),
    Relative(Relative),
}

impl FromStr for InstantBound {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        if let Some(relative) = Relative::read(text) {
            return Ok(InstantBound::Relative(relative));
        }
        let absolute = has_date_shape(text) || DateTime::parse_from_rfc3339(text).is_ok();
        parse_instant(text)
            .map(InstantBound::At)
            .map_err(|err| if absolute { err } else { err.with_hint(RELATIVE_HINT) })
    }
}

impl InstantBound {
    pub fn resolve(self, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        match self {
            InstantBound::At(at) => Ok(at),
            InstantBound::Relative(Relative::By(amount)) => shifted(amount, now, false),
            InstantBound::Relative(relative) => relative.day(now, false).map(midnight),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        parse_instant("2026-11-23T10:30:00Z").unwrap()
    }

    fn day(text: &str) -> String {
        text.parse::<DayBound>().unwrap().day_ahead(now()).unwrap().to_string()
    }

    fn instant(text: &str) -> String {
        text.parse::<InstantBound>().unwrap().resolve(now()).unwrap().to_rfc3339()
    }

    #[test]
    fn expiry_filters_count_forward_from_now() {
        assert_eq!(day("2027-01-01"), "2027-01-01");
        assert_eq!(day("30d"), "2026-12-23");
        assert_eq!(day("6mo"), "2027-05-23");
        assert_eq!(day("1y"), "2027-11-23");
        assert_eq!(day("24h"), "2026-11-24");
        assert_eq!(day("today"), "2026-11-23");
        assert_eq!(day("yesterday"), "2026-11-22");
    }

    #[test]
    fn instant_filters_count_back_from_now() {
        assert_eq!(instant("2026-11-10"), "2026-11-10T00:00:00+00:00");
        assert_eq!(instant("2026-11-10T12:00:00+01:00"), "2026-11-10T11:00:00+00:00");
        assert_eq!(instant("30d"), "2026-10-24T10:30:00+00:00");
        assert_eq!(instant("24h"), "2026-11-22T10:30:00+00:00");
        assert_eq!(instant("90m"), "2026-11-23T09:00:00+00:00");
        assert_eq!(instant("1mo"), "2026-10-23T10:30:00+00:00");
        assert_eq!(instant("today"), "2026-11-23T00:00:00+00:00");
        assert_eq!(instant("yesterday"), "2026-11-22T00:00:00+00:00");
    }

    #[test]
    fn audit_days_cover_whole_days_and_durations_count_back() {
        let since = |text: &str| text.parse::<DayBound>().unwrap().since(now()).unwrap().to_rfc3339();
        let until = |text: &str| text.parse::<DayBound>().unwrap().until(now()).unwrap().to_rfc3339();
        assert_eq!(since("2026-11-20"), "2026-11-20T00:00:00+00:00");
        assert_eq!(until("2026-11-20"), "2026-11-20T23:59:59+00:00");
        assert_eq!(since("24h"), "2026-11-22T10:30:00+00:00");
        assert_eq!(until("24h"), "2026-11-22T10:30:00+00:00");
        assert_eq!(since("yesterday"), "2026-11-22T00:00:00+00:00");
        assert_eq!(until("yesterday"), "2026-11-22T23:59:59+00:00");
        assert_eq!(until("today"), "2026-11-23T23:59:59+00:00");
    }

    #[test]
    fn bad_values_keep_the_date_messages_and_name_the_relative_forms() {
        let refused = |err: Error| (err.message().to_string(), err.hint().map(str::to_string));
        assert_eq!(
            refused("soon".parse::<DayBound>().unwrap_err()),
            ("'soon' is not a date in the form YYYY-MM-DD".into(), Some(RELATIVE_HINT.into()))
        );
        assert_eq!(
            refused("2026-02-30".parse::<DayBound>().unwrap_err()),
            ("'2026-02-30' is not a valid calendar date".into(), None)
        );
        assert_eq!(
            refused("2026-02-30".parse::<InstantBound>().unwrap_err()),
            ("'2026-02-30' is neither an RFC 3339 timestamp nor a YYYY-MM-DD date".into(), None)
        );
        assert_eq!(refused("30 d".parse::<InstantBound>().unwrap_err()).1, Some(RELATIVE_HINT.into()));
        for bad in ["30x", "-30d", "1.5d", "1 d", "Today", "tomorrow", ""] {
            assert!(bad.parse::<DayBound>().is_err(), "{bad}");
            assert!(bad.parse::<InstantBound>().is_err(), "{bad}");
        }
    }

    #[test]
    fn relative_forms_beyond_the_calendar_are_refused() {
        let far = "999999999y".parse::<InstantBound>().unwrap();
        assert_eq!(far.resolve(now()).unwrap_err().exit(), crate::error::Exit::Data);
        let err = "9999y".parse::<DayBound>().unwrap().day_ahead(now()).unwrap_err();
        assert_eq!(err.message(), "9999y from now is beyond the dates patctl handles (1970-01-01 to 9999-12-31)");
    }
}
