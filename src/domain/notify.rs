//! Expiry findings and notification thresholds (GitLab's expiry workers), as pure rules.
//!
//! Two questions are answered here, both as of a date passed in:
//! - the plain check: is a token *expiring* (`as_of < expires_at <= as_of + within`) or
//!   *expired* today (`expires_at == as_of`)?
//! - the `--once` (cron) check: which notification is *due* for a token, given the thresholds of
//!   config `expiry.notify_days` and the thresholds it was already notified for (0 = expired)?

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::expiry::days_left;
use super::model::Token;

/// What check-expiry found about one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// Expires within the window: `days_left` is at least 1.
    Expiring,
    /// Expired: on `as_of` in the plain check, on or before it in the `--once` check.
    Expired,
}

impl Finding {
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Expiring => "expiring",
            Finding::Expired => "expired",
        }
    }
}

/// The threshold recorded for "the token has expired".
pub const EXPIRED_THRESHOLD: u32 = 0;

/// The plain check: `as_of < expires_at <= as_of + within` is expiring; `expires_at == as_of`
/// is expired (GitLab's "expired on the current date"), and so is an expiry up to
/// `expired_within` days before it (`--expired-within`); anything else is no finding.
pub fn classify(expires_at: NaiveDate, as_of: NaiveDate, within_days: u32, expired_within: u32) -> Option<Finding> {
    let left = days_left(expires_at, as_of);
    if left <= 0 && left >= -i64::from(expired_within) {
        Some(Finding::Expired)
    } else if left >= 1 && left <= i64::from(within_days) {
        Some(Finding::Expiring)
    } else {
        None
    }
}

/// The first date (inclusive) the plain check looks at: `expired_within` days before `as_of`.
pub fn earliest(as_of: NaiveDate, expired_within: u32) -> NaiveDate {
    as_of.checked_sub_days(Days::new(expired_within.into())).unwrap_or(NaiveDate::MIN)
}

/// The last date (inclusive) the plain check looks at.
pub fn horizon(as_of: NaiveDate, within_days: u32) -> NaiveDate {
    as_of.checked_add_days(Days::new(within_days.into())).unwrap_or(NaiveDate::MAX)
}

/// Every token counted by state as of one instant, for metrics: the states partition the
/// tokens (an expiring token is not also counted as active).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Census {
    /// Usable and not expiring within the window.
    pub active: u64,
    /// Usable and expiring within the window (`classify`'s expiring).
    pub expiring: u64,
    /// Past its expiry date and not revoked.
    pub expired: u64,
    /// Revoked, or rotated with a grace period that has ended.
    pub revoked: u64,
    /// Usable tokens expiring within each threshold of `notify_days`, by threshold.
    pub expiring_within: Vec<(u32, u64)>,
    /// The earliest expiry date of a usable token.
    pub next_expiry: Option<NaiveDate>,
    within_days: u32,
}

impl Census {
    pub fn new(within_days: u32, thresholds: &Thresholds) -> Self {
        Census {
            active: 0,
            expiring: 0,
            expired: 0,
            revoked: 0,
            expiring_within: thresholds.days().iter().map(|&days| (days, 0)).collect(),
            next_expiry: None,
            within_days,
        }
    }

    pub fn add(&mut self, token: &Token, now: DateTime<Utc>) {
        if token.is_revoked(now) {
            self.revoked += 1;
            return;
        }
        if token.is_expired(now) {
            self.expired += 1;
            return;
        }
        let Some(expires_at) = token.expires_at else {
            self.active += 1;
            return;
        };
        let left = days_left(expires_at, now.date_naive());
        if left <= i64::from(self.within_days) {
            self.expiring += 1;
        } else {
            self.active += 1;
        }
        for (days, count) in &mut self.expiring_within {
            if left <= i64::from(*days) {
                *count += 1;
            }
        }
        self.next_expiry = Some(self.next_expiry.map_or(expires_at, |next| next.min(expires_at)));
    }

    pub fn within_days(&self) -> u32 {
        self.within_days
    }
}

/// A notification that is due: the finding, and the threshold to record once it is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub finding: Finding,
    /// A threshold of `notify_days`, or [`EXPIRED_THRESHOLD`].
    pub threshold: u32,
}

/// Notification thresholds in days (config `expiry.notify_days`), e.g. `[60, 30, 7]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds(Vec<u32>);

impl Thresholds {
    /// Sorted ascending, duplicates and zeros dropped. An empty list means only the expiry
    /// itself is notified.
    pub fn new(days: &[u32]) -> Self {
        let mut days: Vec<u32> = days.iter().copied().filter(|&d| d > 0).collect();
        days.sort_unstable();
        days.dedup();
        Thresholds(days)
    }

    /// The widest threshold: how far ahead the `--once` check looks.
    pub fn widest(&self) -> u32 {
        self.0.last().copied().unwrap_or(0)
    }

    pub fn days(&self) -> &[u32] {
        &self.0
    }

    /// The notification due for a token expiring on `expires_at`, as of `as_of`, given the
    /// thresholds it was already notified for. A token is due for threshold N when it expires
    /// within N days and was not notified for N or any smaller threshold; it is reported under
    /// the smallest threshold that applies, which also settles every larger one. An expired
    /// token is due once, however long ago it expired, so a missed run loses nothing.
    pub fn due(&self, expires_at: NaiveDate, as_of: NaiveDate, notified: &[u32]) -> Option<Due> {
        let left = days_left(expires_at, as_of);
        if left <= 0 {
            return (!notified.contains(&EXPIRED_THRESHOLD))
                .then_some(Due { finding: Finding::Expired, threshold: EXPIRED_THRESHOLD });
        }
        let threshold = self.0.iter().copied().find(|&n| i64::from(n) >= left)?;
        let settled = notified.iter().any(|&t| t != EXPIRED_THRESHOLD && t <= threshold);
        (!settled).then_some(Due { finding: Finding::Expiring, threshold })
    }
}

/// The owner of a reported token, with what a message to them needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub user_id: i64,
    pub username: String,
    pub name: String,
    pub email: Option<String>,
    pub blocked: bool,
}

impl Owner {
    /// The address a message goes `To:`: the stored email, only while it is one plain address.
    /// An older patctl stored emails unchecked, and a CR/LF or comma there would add headers or
    /// recipients to the message handed to `sendmail -t`.
    pub fn mail_to(&self) -> std::result::Result<Option<&str>, &'static str> {
        match self.email.as_deref() {
            None => Ok(None),
            Some(email) => super::address::check_email(email).map(|()| Some(email)),
        }
    }
}

/// One reported token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub token: Token,
    pub finding: Finding,
    /// Days from the report's date to the expiry date (0 or less once expired).
    pub days_left: i64,
    /// In `--once` mode, the threshold recorded for this notice (0 = expired).
    pub threshold: Option<u32>,
    pub owner: Owner,
}

/// What check-expiry found, grouped by owner (notices of one owner are adjacent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiryReport {
    pub as_of: NaiveDate,
    pub within_days: u32,
    /// The plain check's `--expired-within`: expired tokens reported this many days late.
    pub expired_within_days: u32,
    pub once: bool,
    pub notices: Vec<Notice>,
}

impl ExpiryReport {
    pub fn count(&self, finding: Finding) -> usize {
        self.notices.iter().filter(|n| n.finding == finding).count()
    }

    /// The notices of each owner, in report order.
    pub fn by_owner(&self) -> Vec<&[Notice]> {
        self.notices.chunk_by(|a, b| a.owner.user_id == b.owner.user_id).collect()
    }

    /// The worst finding, if any: what the exit code reports.
    pub fn worst(&self) -> Option<Finding> {
        if self.count(Finding::Expired) > 0 {
            Some(Finding::Expired)
        } else if self.notices.is_empty() {
            None
        } else {
            Some(Finding::Expiring)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_date;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn only_one_plain_stored_address_is_mailed() {
        let owner = |email: Option<&str>| Owner {
            user_id: 1,
            username: "alice".into(),
            name: "Alice".into(),
            email: email.map(str::to_string),
            blocked: false,
        };
        assert_eq!(owner(None).mail_to(), Ok(None));
        assert_eq!(owner(Some("alice@example.com")).mail_to(), Ok(Some("alice@example.com")));
        assert_eq!(owner(Some("a@x.org,b@y.org")).mail_to(), Err("one address only, no list"));
        assert_eq!(owner(Some("a@x.org\r\nBcc: c@z.org")).mail_to(), Err("no line breaks"));
    }

    #[test]
    fn the_plain_check_follows_gitlab_windows() {
        let as_of = d("2026-11-23");
        assert_eq!(classify(d("2026-11-23"), as_of, 7, 0), Some(Finding::Expired));
        assert_eq!(classify(d("2026-11-24"), as_of, 7, 0), Some(Finding::Expiring));
        assert_eq!(classify(d("2026-11-30"), as_of, 7, 0), Some(Finding::Expiring));
        assert_eq!(classify(d("2026-12-01"), as_of, 7, 0), None);
        // Expired before today: not this run's news.
        assert_eq!(classify(d("2026-11-22"), as_of, 7, 0), None);
        assert_eq!(classify(d("2026-11-24"), as_of, 0, 0), None);
        // With --expired-within 3: expired on the day or in the 3 days before it.
        assert_eq!(classify(d("2026-11-20"), as_of, 7, 3), Some(Finding::Expired));
        assert_eq!(classify(d("2026-11-19"), as_of, 7, 3), None);
        assert_eq!(earliest(as_of, 3), d("2026-11-20"));
        assert_eq!(earliest(NaiveDate::MIN, 3), NaiveDate::MIN);
        assert_eq!(horizon(as_of, 7), d("2026-11-30"));
        assert_eq!(horizon(NaiveDate::MAX, 7), NaiveDate::MAX);
    }

    #[test]
    fn thresholds_are_sorted_and_deduplicated() {
        let t = Thresholds::new(&[7, 60, 30, 7, 0]);
        assert_eq!(t.days(), &[7, 30, 60]);
        assert_eq!(t.widest(), 60);
        assert_eq!(Thresholds::new(&[]).widest(), 0);
    }

    #[test]
    fn each_threshold_is_due_once_under_the_smallest_that_applies() {
        let t = Thresholds::new(&[60, 30, 7]);
        let as_of = d("2026-11-23");
        let due = |expires: &str, notified: &[u32]| t.due(d(expires), as_of, notified);
        let expiring = |threshold| Some(Due { finding: Finding::Expiring, threshold });
        // 61 days away: nothing yet.
        assert_eq!(due("2027-01-23", &[]), None);
        // Exactly 60 days away.
        assert_eq!(due("2027-01-22", &[]), expiring(60));
        assert_eq!(due("2027-01-22", &[60]), None);
        // 30 days away, 60 already sent: 30 is due.
        assert_eq!(due("2026-12-23", &[60]), expiring(30));
        assert_eq!(due("2026-12-23", &[60, 30]), None);
        // Created 5 days before expiry: only the 7-day notice, which settles 30 and 60 too.
        assert_eq!(due("2026-11-28", &[]), expiring(7));
        assert_eq!(due("2026-11-28", &[7]), None);
        // A token notified at 7 is not notified again at a larger threshold.
        assert_eq!(due("2026-12-10", &[7]), None);
        // The 30-day run was missed: the token is still due for 30 at 29 days.
        assert_eq!(due("2026-12-22", &[60]), expiring(30));
    }

    #[test]
    fn expiry_is_due_once_however_late_the_run() {
        let t = Thresholds::new(&[7]);
        let expired = Some(Due { finding: Finding::Expired, threshold: EXPIRED_THRESHOLD });
        assert_eq!(t.due(d("2026-11-23"), d("2026-11-23"), &[7]), expired);
        assert_eq!(t.due(d("2026-11-20"), d("2026-11-23"), &[7]), expired);
        assert_eq!(t.due(d("2025-01-01"), d("2026-11-23"), &[]), expired);
        assert_eq!(t.due(d("2026-11-20"), d("2026-11-23"), &[7, 0]), None);
        // The expiry notice does not stand in for a threshold before the token expired.
        assert_eq!(
            t.due(d("2026-11-25"), d("2026-11-23"), &[0]),
            Some(Due { finding: Finding::Expiring, threshold: 7 })
        );
    }

    #[test]
    fn a_census_partitions_tokens_by_state_and_counts_each_threshold() {
        let now = crate::domain::expiry::parse_instant("2026-11-23T10:00:00Z").unwrap();
        let token = |expires: Option<&str>, revoked: bool| Token {
            expires_at: expires.map(d),
            revoked,
            ..crate::domain::sample::token()
        };
        let mut census = Census::new(7, &Thresholds::new(&[60, 30, 7]));
        for t in [
            token(None, false),
            token(Some("2027-06-01"), false),
            token(Some("2026-12-20"), false),
            token(Some("2026-11-30"), false),
            token(Some("2026-11-24"), false),
            token(Some("2026-11-23"), false),
            token(Some("2026-11-24"), true),
        ] {
            census.add(&t, now);
        }
        let expected = Census {
            active: 3,
            expiring: 2,
            expired: 1,
            revoked: 1,
            expiring_within: vec![(7, 2), (30, 3), (60, 3)],
            next_expiry: Some(d("2026-11-24")),
            within_days: 7,
        };
        assert_eq!(census, expected);
    }
    #[test]
    fn findings_are_named() {
        assert_eq!(Finding::Expiring.as_str(), "expiring");
        assert_eq!(Finding::Expired.as_str(), "expired");
    }

    #[test]
    fn a_census_tells_expiring_from_active_at_the_window_edge() {
        let now = crate::domain::expiry::parse_instant("2026-11-23T10:00:00Z").unwrap();
        let token = |expires: &str| Token { expires_at: Some(d(expires)), ..crate::domain::sample::token() };
        let mut census = Census::new(7, &Thresholds::new(&[7]));
        census.add(&token("2026-11-30"), now);
        assert_eq!((census.active, census.expiring), (0, 1), "7 days left is within a 7-day window");
        census.add(&token("2026-12-01"), now);
        assert_eq!((census.active, census.expiring), (1, 1), "8 days left is not");
        assert_eq!(census.expiring_within, [(7, 1)]);
        assert_eq!(census.within_days(), 7);
        assert_eq!(Census::new(30, &Thresholds::new(&[])).within_days(), 30);
    }

    fn notice(user_id: i64, finding: Finding) -> Notice {
        Notice {
            token: crate::domain::sample::token(),
            finding,
            days_left: 0,
            threshold: None,
            owner: Owner {
                user_id,
                username: format!("user{user_id}"),
                name: String::new(),
                email: None,
                blocked: false,
            },
        }
    }

    fn report(notices: Vec<Notice>) -> ExpiryReport {
        ExpiryReport { as_of: d("2026-11-23"), within_days: 7, expired_within_days: 0, once: false, notices }
    }

    #[test]
    fn a_report_counts_groups_by_owner_and_reports_the_worst() {
        let mixed = report(vec![
            notice(1, Finding::Expiring),
            notice(1, Finding::Expired),
            notice(2, Finding::Expiring),
            notice(2, Finding::Expiring),
            notice(3, Finding::Expiring),
        ]);
        assert_eq!(mixed.count(Finding::Expired), 1);
        assert_eq!(mixed.count(Finding::Expiring), 4);
        let owners: Vec<Vec<i64>> =
            mixed.by_owner().iter().map(|group| group.iter().map(|n| n.owner.user_id).collect()).collect();
        assert_eq!(owners, [vec![1, 1], vec![2, 2], vec![3]]);
        assert_eq!(mixed.worst(), Some(Finding::Expired));
        assert_eq!(report(vec![notice(1, Finding::Expiring)]).worst(), Some(Finding::Expiring));
        assert_eq!(report(vec![notice(1, Finding::Expired)]).worst(), Some(Finding::Expired));
        let empty = report(Vec::new());
        assert_eq!(empty.worst(), None);
        assert!(empty.by_owner().is_empty());
        assert_eq!(empty.count(Finding::Expired), 0);
    }
}
