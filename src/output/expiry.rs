//! The check-expiry report: tables grouped by owner, one JSON object, CSV rows, a Nagios line.

use chrono::{DateTime, Utc};

use serde::Serialize;

use super::tokens::{TokenRecord, TokenView, last_used_text};
use super::{Attention, Columns, Csv, Fit, Printer, Priority, TextRow, View, humanize};
use crate::domain::notify::{ExpiryReport, Finding, Notice};
use crate::domain::text::escape;
use crate::error::Result;

/// A reported token in JSON: the list fields plus `days_left` (and, with `--once`, the
/// notification threshold recorded for it).
#[derive(Debug, Serialize)]
struct NoticeView<'a> {
    #[serde(flatten)]
    token: TokenView<'a>,
    days_left: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold_days: Option<u32>,
}

#[derive(Debug, Serialize)]
struct ReportView<'a> {
    as_of: String,
    within_days: u32,
    expired_within_days: u32,
    expiring: Vec<NoticeView<'a>>,
    expired: Vec<NoticeView<'a>>,
}

/// The columns a CSV record of a finding has before the token's.
#[derive(Debug, Default, Serialize)]
struct FindingRecord {
    finding: &'static str,
    days_left: i64,
    threshold_days: Option<u32>,
}

/// The check-expiry report: tables grouped by owner, one JSON object, CSV rows.
pub struct Report<'a>(pub &'a ExpiryReport);

const REPORT_COLUMNS: Columns = Columns::new(&["OWNER", "ID", "NAME", "SCOPES", "LAST USED", "EXPIRES", "FINDING"])
    .fitting(&[
        ("OWNER", Fit::Shrink(Priority::High, 12)),
        ("ID", Fit::Whole(Priority::High)),
        ("NAME", Fit::Shrink(Priority::High, 12)),
        ("SCOPES", Fit::Shrink(Priority::Low, 10)),
        ("LAST USED", Fit::Shrink(Priority::Lowest, 10)),
        ("EXPIRES", Fit::Shrink(Priority::Normal, 11)),
        ("FINDING", Fit::Whole(Priority::High)),
    ]);

impl Report<'_> {
    /// Token states are shown as of the report's date (its start, when it is not today).
    fn now(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if self.0.as_of == now.date_naive() {
            now
        } else {
            self.0.as_of.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
        }
    }
}

impl View for Report<'_> {
    /// One table, grouped by owner (named on the first row of each group): columns line up
    /// across owners, and ten thousand findings still render at once. Nothing to report prints
    /// nothing.
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let report = self.0;
        if report.notices.is_empty() {
            return Ok(());
        }
        let now = self.now(printer.now);
        let mut rows = Vec::with_capacity(report.notices.len());
        for notices in report.by_owner() {
            owner_rows(printer.color, &mut rows, notices, report, now);
        }
        printer.print_rows(&REPORT_COLUMNS, rows)
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        let report = self.0;
        let now = self.now(now);
        let views = |finding| {
            report
                .notices
                .iter()
                .filter(|n| n.finding == finding)
                .map(|n| NoticeView {
                    token: TokenView::new(&n.token, now),
                    days_left: n.days_left,
                    threshold_days: n.threshold,
                })
                .collect()
        };
        ReportView {
            as_of: report.as_of.to_string(),
            within_days: report.within_days,
            expired_within_days: report.expired_within_days,
            expiring: views(Finding::Expiring),
            expired: views(Finding::Expired),
        }
    }

    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        let now = self.now(now);
        csv.records(self.0.notices.iter().map(|n| {
            let finding =
                FindingRecord { finding: n.finding.as_str(), days_left: n.days_left, threshold_days: n.threshold };
            (finding, TokenRecord::new(&n.token, now))
        }))
    }
}

fn owner_rows(color: bool, rows: &mut Vec<TextRow>, notices: &[Notice], report: &ExpiryReport, now: DateTime<Utc>) {
    let owner = &notices[0].owner;
    let mut heading = escape(&owner.username);
    match &owner.email {
        Some(email) => heading.push_str(&format!(" <{}>", escape(email))),
        None => heading.push_str(" (no email)"),
    }
    if owner.blocked {
        heading.push_str(" [blocked]");
    }
    let mut owner_cell = Some(heading);
    for n in notices {
        let expires = n
            .token
            .expires_at
            .map(|d| format!("{d} ({})", humanize::relative_day(d, report.as_of)))
            .unwrap_or_else(|| "never".into());
        let finding = match n.threshold {
            Some(t) if n.finding == Finding::Expiring => format!("expiring ({t}-day notice)"),
            _ => n.finding.as_str().to_string(),
        };
        let attention = match (color, n.finding) {
            (false, _) => None,
            (true, Finding::Expired) => Some(Attention::Expired),
            (true, Finding::Expiring) => Some(Attention::Expiring),
        };
        rows.push(vec![
            (owner_cell.take().unwrap_or_default(), None),
            (n.token.id.to_string(), None),
            (escape(&n.token.name), None),
            (n.token.scopes.joined().replace(',', ", "), None),
            (last_used_text(&n.token, now), None),
            (expires, attention),
            (finding, attention),
        ]);
    }
}

/// The Nagios plugin line: status, summary, and performance data (expiring warns at 1,
/// expired is critical at 1).
pub fn nagios_line(report: &ExpiryReport) -> String {
    let expiring = report.count(Finding::Expiring);
    let expired = report.count(Finding::Expired);
    let status = match report.worst() {
        None => "OK",
        Some(Finding::Expiring) => "WARNING",
        Some(Finding::Expired) => "CRITICAL",
    };
    let (noun, verb) = if expiring == 1 { ("token", "expires") } else { ("tokens", "expire") };
    let days = if report.within_days == 1 { "day" } else { "days" };
    let since = match report.expired_within_days {
        0 => String::new(),
        n => format!(" in the last {}", humanize::count(n as usize, "day")),
    };
    format!(
        "PATCTL {status} - {expiring} {noun} {verb} within {} {days}, {expired} expired{since} | expiring={expiring};1;;0 expired={expired};;1;0",
        report.within_days
    )
}

/// The Nagios line for a check that could not run.
pub fn nagios_unknown(message: &str) -> String {
    format!("PATCTL UNKNOWN - {}", escape(message).replace('|', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_date;

    fn report(expiring: usize, expired: usize, within_days: u32) -> ExpiryReport {
        use crate::domain::model::Token;
        use crate::domain::notify::Owner;
        let notice = |finding| Notice {
            token: Token { expires_at: Some(parse_date("2026-11-25").unwrap()), ..crate::domain::sample::token() },
            finding,
            days_left: 2,
            threshold: None,
            owner: Owner { user_id: 1, username: "alice".into(), name: "A".into(), email: None, blocked: false },
        };
        let mut notices = vec![notice(Finding::Expiring); expiring];
        notices.extend(vec![notice(Finding::Expired); expired]);
        ExpiryReport {
            as_of: parse_date("2026-11-23").unwrap(),
            within_days,
            expired_within_days: 0,
            once: false,
            notices,
        }
    }

    #[test]
    fn nagios_lines_follow_the_plugin_conventions() {
        assert_eq!(
            nagios_line(&report(2, 0, 7)),
            "PATCTL WARNING - 2 tokens expire within 7 days, 0 expired | expiring=2;1;;0 expired=0;;1;0"
        );
        assert_eq!(
            nagios_line(&report(0, 0, 7)),
            "PATCTL OK - 0 tokens expire within 7 days, 0 expired | expiring=0;1;;0 expired=0;;1;0"
        );
        assert_eq!(
            nagios_line(&report(1, 3, 1)),
            "PATCTL CRITICAL - 1 token expires within 1 day, 3 expired | expiring=1;1;;0 expired=3;;1;0"
        );
        assert_eq!(nagios_unknown("database x | y\nz"), "PATCTL UNKNOWN - database x / y\\u{a}z");
    }
}
