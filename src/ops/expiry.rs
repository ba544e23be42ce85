//! `check-expiry`: tokens that expire soon or have expired, and the notifications of `--once`.

use chrono::NaiveDate;
use serde_json::json;

use super::Stamp;
use super::mail::{self, MailSettings};
use super::users::find as find_user;
use crate::domain::expiry::days_left;
use crate::domain::notify::{self, ExpiryReport, Finding, Notice, Owner, Thresholds};
use crate::error::{Error, Result};
use crate::store::{Event, ExpiryCandidate, ExpiryScan, Reader, Store};

/// How the check decides what to report.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Expiring within `within_days`, or expired on the day of the check.
    Plain { within_days: u32 },
    /// Cron mode: what is due at the thresholds and not yet notified; recorded as notified.
    Once { thresholds: Thresholds },
}

#[derive(Debug, Clone)]
pub struct ExpiryCheck {
    pub as_of: NaiveDate,
    pub mode: Mode,
    pub user: Option<String>,
    pub include_impersonation: bool,
    /// Mail each owner that has an email address.
    pub mail: Option<MailSettings>,
}

/// What `--mail` did.
#[derive(Debug, Default)]
pub struct MailOutcome {
    /// Owners mailed, by username.
    pub sent: Vec<String>,
    /// Owners without an email address, by username.
    pub without_email: Vec<String>,
    /// Owners whose message failed, with the failure; their `--once` notices were not recorded.
    pub failed: Vec<(String, Error)>,
}

pub struct Checked {
    pub report: ExpiryReport,
    pub mail: MailOutcome,
}

/// Runs the check. In `--once` mode the report is produced, mailed and recorded in one write
/// transaction, so a second run reports nothing new; notices whose message could not be sent
/// are left unrecorded for the next run.
pub fn check(store: &mut Store, check: &ExpiryCheck, stamp: &Stamp) -> Result<Checked> {
    match &check.mode {
        Mode::Plain { within_days } => {
            let reader = store.reader();
            let scan = ExpiryScan {
                from: Some(check.as_of),
                until: notify::horizon(check.as_of, *within_days),
                user_id: user_id(&reader, check)?,
                include_impersonation: check.include_impersonation,
                skip_expiry_notified: false,
            };
            let notices = reader
                .expiry_candidates(&scan)?
                .into_iter()
                .filter_map(|c| {
                    let expires_at = c.token.expires_at?;
                    let finding = notify::classify(expires_at, check.as_of, *within_days)?;
                    Some(notice(c, finding, check.as_of, None))
                })
                .collect();
            let report = ExpiryReport { as_of: check.as_of, within_days: *within_days, once: false, notices };
            let mail = send_all(check, &report, stamp);
            Ok(Checked { report, mail })
        }
        Mode::Once { thresholds } => store.write(|w| {
            let widest = thresholds.widest();
            let scan = ExpiryScan {
                from: None,
                until: notify::horizon(check.as_of, widest),
                user_id: user_id(w, check)?,
                include_impersonation: check.include_impersonation,
                skip_expiry_notified: true,
            };
            let notices = w
                .expiry_candidates(&scan)?
                .into_iter()
                .filter_map(|c| {
                    let due = thresholds.due(c.token.expires_at?, check.as_of, &c.notified)?;
                    Some(notice(c, due.finding, check.as_of, Some(due.threshold)))
                })
                .collect();
            let report = ExpiryReport { as_of: check.as_of, within_days: widest, once: true, notices };
            let mail = send_all(check, &report, stamp);
            for notice in &report.notices {
                if mail.failed.iter().any(|(owner, _)| *owner == notice.owner.username) {
                    continue;
                }
                let threshold = notice.threshold.expect("--once notices carry their threshold");
                w.record_notification(notice.token.id, threshold, stamp.now)?;
                let mailed = mail.sent.contains(&notice.owner.username);
                w.record(
                    stamp,
                    Event {
                        action: "token.expiry_notify",
                        target_type: "token",
                        target_id: Some(notice.token.id),
                        username: Some(&notice.owner.username),
                        token_id: Some(notice.token.id),
                        details: json!({
                            "name": notice.token.name,
                            "finding": notice.finding.as_str(),
                            "threshold_days": threshold,
                            "expires_at": notice.token.expires_at.map(|d| d.to_string()),
                            "as_of": check.as_of.to_string(),
                            "mailed": mailed,
                        }),
                    },
                )?;
            }
            Ok(Checked { report, mail })
        }),
    }
}

fn user_id(reader: &Reader<'_>, check: &ExpiryCheck) -> Result<Option<i64>> {
    check.user.as_deref().map(|name| find_user(reader, name).map(|u| u.id)).transpose()
}

fn notice(c: ExpiryCandidate, finding: Finding, as_of: NaiveDate, threshold: Option<u32>) -> Notice {
    let days_left = c.token.expires_at.map(|d| days_left(d, as_of)).unwrap_or_default();
    Notice {
        owner: Owner {
            user_id: c.token.user_id,
            username: c.token.username.clone(),
            name: c.owner_name,
            email: c.owner_email,
            blocked: c.owner_blocked,
        },
        token: c.token,
        finding,
        days_left,
        threshold,
    }
}

/// One message per owner with an email address.
fn send_all(check: &ExpiryCheck, report: &ExpiryReport, stamp: &Stamp) -> MailOutcome {
    let mut outcome = MailOutcome::default();
    let Some(settings) = &check.mail else {
        return outcome;
    };
    for notices in report.by_owner() {
        let owner = &notices[0].owner;
        match owner.email.as_deref() {
            None => outcome.without_email.push(owner.username.clone()),
            Some(to) => {
                let message = mail::compose(settings, to, notices, stamp.now);
                match mail::sendmail(&settings.sendmail, &message) {
                    Ok(()) => outcome.sent.push(owner.username.clone()),
                    Err(e) => outcome.failed.push((owner.username.clone(), e)),
                }
            }
        }
    }
    outcome
}
