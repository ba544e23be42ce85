//! `check-expiry`: tokens that expire soon or have expired, and the notifications of `--once`.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde_json::{Value, json};

use super::Stamp;
use super::mail::{self, MailSettings};
use super::users::find as find_user;
use crate::domain::expiry::days_left;
use crate::domain::model::Token;
use crate::domain::notify::{self, Census, ExpiryReport, Finding, Notice, Owner, Thresholds};
use crate::error::{Error, Result};
use crate::store::{
    CLAIM_ACTION, Event, ExpiryCandidate, ExpiryScan, NOTIFY_ACTION, OpenClaim, RELEASE_ACTION, Reader, StateFilter,
    Store, TokenFilter, Writer,
};

/// How the check decides what to report.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Expiring within `within_days`, or expired on the day of the check or up to
    /// `expired_within_days` before it and still not revoked.
    Plain { within_days: u32, expired_within_days: u32 },
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
    /// Owners whose stored email is not one plain address (an older patctl stored it), with
    /// why: not mailed, as if they had none.
    pub bad_email: Vec<(String, &'static str)>,
    /// Owners whose message failed, with the failure; their `--once` notices were not recorded.
    pub failed: Vec<(String, Error)>,
}

pub struct Checked {
    pub report: ExpiryReport,
    pub mail: MailOutcome,
    /// Claims of earlier `--mail` runs that stopped between claiming and recording: released,
    /// so their notices were due again in this run.
    pub abandoned: Vec<OpenClaim>,
}

/// A claim older than this is abandoned even if a process with its pid runs (a reused pid):
/// no sendmail takes a day, and cron runs the check daily.
const CLAIM_LIFETIME: TimeDelta = TimeDelta::days(1);

/// Runs the check. In `--once` mode what is due is recorded, so a second run reports nothing
/// new. Without `--mail` that is one transaction. With `--mail` it is three steps, so that a
/// slow mail server never holds the write lock: claim the notices (record them, with a claim
/// event) in one short transaction; run sendmail outside any transaction; then record each
/// claim's outcome in another — mailed, or released (unrecorded again) so the next run retries.
pub fn check(store: &mut Store, check: &ExpiryCheck, stamp: &Stamp) -> Result<Checked> {
    let thresholds = match &check.mode {
        Mode::Plain { within_days, expired_within_days } => {
            let report = plain_report(&store.reader(), check, *within_days, *expired_within_days)?;
            let mail = send_all(check, &report, stamp);
            return Ok(Checked { report, mail, abandoned: Vec::new() });
        }
        Mode::Once { thresholds } => thresholds,
    };
    if check.mail.is_none() {
        return store.write(|w| {
            let report = due_report(w, check, thresholds)?;
            for notice in &report.notices {
                w.record_notification(notice.token.id, threshold(notice), stamp.now)?;
                w.record(stamp, notice_event(NOTIFY_ACTION, check, notice, json!({ "mailed": false })))?;
            }
            Ok(Checked { report, mail: MailOutcome::default(), abandoned: Vec::new() })
        });
    }
    let (report, abandoned) = store.write(|w| {
        let abandoned = release_abandoned(w, stamp)?;
        let report = due_report(w, check, thresholds)?;
        for notice in &report.notices {
            w.record_notification(notice.token.id, threshold(notice), stamp.now)?;
            let event = match notice.owner.mail_to() {
                // Nobody to mail: recorded at once, as reported.
                Ok(None) | Err(_) => notice_event(NOTIFY_ACTION, check, notice, json!({ "mailed": false })),
                Ok(Some(_)) => notice_event(CLAIM_ACTION, check, notice, json!({ "pid": std::process::id() })),
            };
            w.record(stamp, event)?;
        }
        Ok((report, abandoned))
    })?;
    let mail = send_all(check, &report, stamp);
    let claimed: Vec<&Notice> = report.notices.iter().filter(|n| matches!(n.owner.mail_to(), Ok(Some(_)))).collect();
    if claimed.is_empty() {
        return Ok(Checked { report, mail, abandoned });
    }
    store.write(|w| {
        for notice in claimed {
            if mail.sent.contains(&notice.owner.username) {
                w.record(stamp, notice_event(NOTIFY_ACTION, check, notice, json!({ "mailed": true })))?;
            } else {
                w.release_notification(notice.token.id, threshold(notice))?;
                w.record(stamp, notice_event(RELEASE_ACTION, check, notice, json!({ "reason": "mail failed" })))?;
            }
        }
        Ok(())
    })?;
    Ok(Checked { report, mail, abandoned })
}

fn plain_report(
    reader: &Reader<'_>,
    check: &ExpiryCheck,
    within_days: u32,
    expired_within_days: u32,
) -> Result<ExpiryReport> {
    let scan = ExpiryScan {
        from: Some(notify::earliest(check.as_of, expired_within_days)),
        until: notify::horizon(check.as_of, within_days),
        user_id: user_id(reader, check)?,
        include_impersonation: check.include_impersonation,
        skip_expiry_notified: false,
    };
    let notices = reader
        .expiry_candidates(&scan)?
        .into_iter()
        .filter_map(|c| {
            let expires_at = c.token.expires_at?;
            let finding = notify::classify(expires_at, check.as_of, within_days, expired_within_days)?;
            Some(notice(c, finding, check.as_of, None))
        })
        .collect();
    Ok(ExpiryReport { as_of: check.as_of, within_days, expired_within_days, once: false, notices })
}

/// What `--once` finds due and not yet notified (nor claimed).
fn due_report(reader: &Reader<'_>, check: &ExpiryCheck, thresholds: &Thresholds) -> Result<ExpiryReport> {
    let widest = thresholds.widest();
    let scan = ExpiryScan {
        from: None,
        until: notify::horizon(check.as_of, widest),
        user_id: user_id(reader, check)?,
        include_impersonation: check.include_impersonation,
        skip_expiry_notified: true,
    };
    let notices = reader
        .expiry_candidates(&scan)?
        .into_iter()
        .filter_map(|c| {
            let due = thresholds.due(c.token.expires_at?, check.as_of, &c.notified)?;
            Some(notice(c, due.finding, check.as_of, Some(due.threshold)))
        })
        .collect();
    Ok(ExpiryReport { as_of: check.as_of, within_days: widest, expired_within_days: 0, once: true, notices })
}

fn threshold(notice: &Notice) -> u32 {
    notice.threshold.expect("--once notices carry their threshold")
}

/// The audit event of a `--once` notice: claimed, notified or released; `extra` adds details.
fn notice_event<'n>(action: &'n str, check: &ExpiryCheck, notice: &'n Notice, extra: Value) -> Event<'n> {
    let mut details = json!({
        "name": notice.token.name,
        "finding": notice.finding.as_str(),
        "threshold_days": threshold(notice),
        "expires_at": notice.token.expires_at.map(|d| d.to_string()),
        "as_of": check.as_of.to_string(),
    });
    if let (Some(details), Value::Object(extra)) = (details.as_object_mut(), extra) {
        details.extend(extra);
    }
    Event {
        action,
        target_type: "token",
        target_id: Some(notice.token.id),
        username: Some(&notice.owner.username),
        token_id: Some(notice.token.id),
        details,
    }
}

/// At least once: a claim whose run has gone (killed, crashed, or its outcome could not be
/// written) may never have been mailed, so it is released and its notice is due again. A
/// duplicate reminder costs less than a token that expires unannounced.
fn release_abandoned(w: &Writer<'_>, stamp: &Stamp) -> Result<Vec<OpenClaim>> {
    let abandoned: Vec<OpenClaim> = w
        .open_claims()?
        .into_iter()
        .filter(|c| c.pid == std::process::id() || !running(c.pid) || stamp.now - c.claimed_at > CLAIM_LIFETIME)
        .collect();
    for claim in &abandoned {
        w.release_notification(claim.token_id, claim.threshold_days)?;
        w.record(
            stamp,
            Event {
                action: RELEASE_ACTION,
                target_type: "token",
                target_id: Some(claim.token_id),
                username: Some(&claim.username),
                token_id: Some(claim.token_id),
                details: json!({
                    "threshold_days": claim.threshold_days,
                    "reason": "abandoned",
                    "claimed_at": crate::domain::expiry::rfc3339(claim.claimed_at),
                    "claimed_by_pid": claim.pid,
                }),
            },
        )?;
    }
    Ok(abandoned)
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 only checks that the process exists and may be signalled.
    pid > 0
        && (unsafe { libc::kill(pid, 0) } == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
}

/// Counts every token of the check's scope (its user; impersonation tokens only when included)
/// by state as of `now`, for metrics; `per_token` also keeps the usable and expired ones.
pub fn census(
    store: &Store,
    check: &ExpiryCheck,
    within_days: u32,
    thresholds: &Thresholds,
    now: DateTime<Utc>,
    per_token: bool,
) -> Result<(Census, Vec<Token>)> {
    let reader = store.reader();
    let filter = TokenFilter {
        user_id: user_id(&reader, check)?,
        state: StateFilter::All,
        now: Some(now),
        ..Default::default()
    };
    let mut census = Census::new(within_days, thresholds);
    let mut tokens = Vec::new();
    reader.for_each_token(&filter, now.date_naive(), |token| {
        if token.impersonation && !check.include_impersonation {
            return Ok(());
        }
        census.add(&token, now);
        if per_token && !token.is_revoked(now) {
            tokens.push(token);
        }
        Ok(())
    })?;
    Ok((census, tokens))
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
        match owner.mail_to() {
            Ok(None) => outcome.without_email.push(owner.username.clone()),
            Err(why) => outcome.bad_email.push((owner.username.clone(), why)),
            Ok(Some(to)) => {
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
