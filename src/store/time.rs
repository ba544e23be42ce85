//! The stored forms of instants and dates: sortable text, RFC 3339 in UTC to the second and
//! `YYYY-MM-DD`. Every column of either kind is bound and read through these two types, so a
//! value is checked the same way everywhere: written only within the range patctl handles
//! (1970 to 9999, see [`check_instant`]), read also outside it, since an older patctl wrote such
//! values (year 10000 as `+10000-01-01T…`). Those are shown as they are, never stop a command,
//! and `patctl db check` reports them.

use super::sql::{FromValue, ToValue, Value};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::expiry::{
    EARLIEST_DAY, EARLIEST_INSTANT, LATEST_DAY, LATEST_INSTANT, check_day, check_instant, parse_date,
};
use crate::error::{Error, Result};

/// A stored instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant(pub DateTime<Utc>);

/// A stored date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl Instant {
    /// The stored text of `at`, whatever its range.
    pub fn text(at: DateTime<Utc>) -> String {
        crate::domain::expiry::rfc3339(at)
    }

    /// `at` as the bound of a comparison (a filter, not a stored value): clamped into the range,
    /// which compares the same with every value written within it, so a filter never fails.
    pub fn bound(at: DateTime<Utc>) -> Value {
        Value::Text(Self::text(at.clamp(EARLIEST_INSTANT, LATEST_INSTANT)))
    }

    /// Reads stored text, also the signed years an older patctl wrote out of range.
    pub fn read(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%#z"))
            .ok()
            .map(|at| at.with_timezone(&Utc))
    }
}

impl Day {
    pub fn text(date: NaiveDate) -> String {
        date.format("%Y-%m-%d").to_string()
    }

    /// `date` as the bound of a comparison, clamped like [`Instant::bound`].
    pub fn bound(date: NaiveDate) -> Value {
        Value::Text(Self::text(date.clamp(EARLIEST_DAY, LATEST_DAY)))
    }

    /// Reads stored text, also the signed years an older patctl wrote out of range.
    pub fn read(text: &str) -> Option<NaiveDate> {
        parse_date(text).ok().or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
    }
}

fn unreadable(what: &str, text: &str) -> Error {
    Error::io(format!("unreadable {what} '{}' in the database", crate::domain::text::escape(text)))
}

impl ToValue for Instant {
    /// Refused outside the range patctl writes: a data error naming the value.
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Text(Self::text(check_instant(self.0)?)))
    }
}

impl FromValue for Instant {
    fn from_value(value: &Value) -> Result<Self> {
        let text = String::from_value(value)?;
        Self::read(&text).map(Instant).ok_or_else(|| unreadable("instant", &text))
    }
}

impl ToValue for Day {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Text(Self::text(check_day(self.0)?)))
    }
}

impl FromValue for Day {
    fn from_value(value: &Value) -> Result<Self> {
        let text = String::from_value(value)?;
        Self::read(&text).map(Day).ok_or_else(|| unreadable("date", &text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_instant;

    fn round_trip<T: ToValue + FromValue>(value: T) -> Result<(String, T)> {
        let stored = value.to_value()?;
        Ok((String::from_value(&stored)?, T::from_value(&stored)?))
    }

    #[test]
    fn values_in_range_are_stored_as_sortable_text_and_read_back() {
        let at = parse_instant("2026-11-23T01:30:00+02:00").unwrap();
        assert_eq!(round_trip(Instant(at)).unwrap(), ("2026-11-22T23:30:00Z".into(), Instant(at)));
        let date = parse_date("2026-11-23").unwrap();
        assert_eq!(round_trip(Day(date)).unwrap(), ("2026-11-23".into(), Day(date)));
        assert_eq!(round_trip(Instant(LATEST_INSTANT)).unwrap().0, "9999-12-31T23:59:59Z");
        assert_eq!(round_trip(Day(EARLIEST_DAY)).unwrap().0, "1970-01-01");
    }

    #[test]
    fn values_out_of_range_are_refused_on_write_as_data_errors() {
        let late = LATEST_INSTANT + chrono::TimeDelta::seconds(1);
        let err = round_trip(Instant(late)).unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Data);
        assert!(err.message().starts_with("+10000-01-01T00:00:00Z is outside"), "{}", err.message());
        assert!(round_trip(Day(EARLIEST_DAY.pred_opt().unwrap())).is_err());
    }

    #[test]
    fn values_an_older_patctl_wrote_out_of_range_are_still_read() {
        let read = |text: &str| Instant::from_value(&Value::Text(text.into()));
        assert_eq!(Instant::text(read("+10000-01-01T23:58:59Z").unwrap().0), "+10000-01-01T23:58:59Z");
        assert_eq!(Instant::text(read("-0001-12-31T00:01:00Z").unwrap().0), "-0001-12-31T00:01:00Z");
        assert!(read("yesterday").is_err());
        let day = Day::from_value(&Value::Text("+10000-01-05".into())).unwrap();
        assert_eq!(Day::text(day.0), "+10000-01-05");
    }

    #[test]
    fn bounds_are_clamped_into_the_range() {
        let far = LATEST_INSTANT + chrono::TimeDelta::days(3);
        assert_eq!(Instant::bound(far), Value::Text("9999-12-31T23:59:59Z".into()));
        assert_eq!(Day::bound(NaiveDate::MIN), Value::Text("1970-01-01".into()));
    }
}
