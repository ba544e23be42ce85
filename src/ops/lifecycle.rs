//! Lifecycle mail (config `mail.lifecycle`): the notice GitLab sends a token's owner when the
//! token is created, rotated or revoked. Sent after the change has committed, outside any
//! transaction, so a slow or broken mail server never holds the lock or undoes the change.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::mail::{self, MailSettings};
use crate::domain::model::{Stamp, Token, UserType};
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::store::{Event as AuditEvent, Store};

/// The audit action recorded when a lifecycle notice could not be sent.
pub const FAILED_ACTION: &str = "mail.lifecycle_failed";

/// What happened to a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Created,
    /// Rotated into the token with this id, which expires then.
    Rotated {
        into: i64,
        expires: Option<NaiveDate>,
    },
    Revoked,
    /// Revoked because a token of its family was presented again after its rotation.
    RevokedOnReuse,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Created => "created",
            Event::Rotated { .. } => "rotated",
            Event::Revoked => "revoked",
            Event::RevokedOnReuse => "revoked_on_reuse",
        }
    }
}

/// One committed change to mail about.
#[derive(Debug, Clone)]
pub struct Notice {
    pub event: Event,
    pub token: Token,
}

/// What sending did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Owners whose stored email is not one plain address, with why: not mailed.
    pub bad_email: Vec<(String, &'static str)>,
    /// Failed sends: the recipient address, the token id, the event, the error.
    pub failed: Vec<(String, i64, Event, Error)>,
}

/// Mails each notice to its owner. Project bots (and any other bot or ghost owner) and owners
/// without an email address are skipped, as GitLab does for bots. A failed send is recorded in
/// the audit trail, in its own short transaction, and returned; it never undoes the change.
pub fn send(store: &mut Store, settings: &MailSettings, notices: &[Notice], stamp: &Stamp) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    for notice in notices {
        let Some((to, name)) = recipient(store, &notice.token, &mut outcome)? else { continue };
        let message = compose(settings, (&to, &name), notice, stamp);
        if let Err(err) = mail::sendmail(&settings.sendmail, &message) {
            let details = json!({ "event": notice.event.as_str(), "error": err.message() });
            store.write(|w| w.record(stamp, AuditEvent::token(FAILED_ACTION, &notice.token, details)))?;
            outcome.failed.push((to, notice.token.id, notice.event, err));
        }
    }
    Ok(outcome)
}

/// The owner's address and name, or None when the owner gets no mail.
fn recipient(store: &Store, token: &Token, outcome: &mut Outcome) -> Result<Option<(String, String)>> {
    if token.project_id.is_some() {
        return Ok(None);
    }
    let Some(owner) = store.reader().user_by_id(token.user_id)? else { return Ok(None) };
    if !matches!(owner.user_type, UserType::Human | UserType::ServiceAccount) {
        return Ok(None);
    }
    let Some(email) = owner.email else { return Ok(None) };
    match crate::domain::address::check_email(&email) {
        Ok(()) => Ok(Some((email, owner.name))),
        Err(why) => {
            outcome.bad_email.push((owner.username, why));
            Ok(None)
        }
    }
}

/// The message: what happened, to which token (name, id, scopes, expiry), when and by whom.
/// Never the token's value.
pub fn compose(settings: &MailSettings, (to, name): (&str, &str), notice: &Notice, stamp: &Stamp) -> String {
    let token = &notice.token;
    let (subject, what) = match notice.event {
        Event::Created => ("A new personal access token has been created", "has been created"),
        Event::Rotated { .. } => ("A personal access token has been rotated", "has been rotated"),
        Event::Revoked => ("A personal access token has been revoked", "has been revoked"),
        Event::RevokedOnReuse => ("A personal access token has been revoked", "has been revoked"),
    };
    let id = format!("{}.{}.{}", notice.event.as_str(), stamp.now.timestamp(), token.id);
    let mut text = super::mail::headers(settings, to, subject, stamp.now, &id);
    let mut line = |s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    line(&format!("Hello {},", escape(name)));
    line("");
    line(&format!("Your personal access token \"{}\" (id {}) {what}.", escape(&token.name), token.id));
    line("");
    for (label, value) in facts(notice, stamp.now, &stamp.actor) {
        line(&format!("  {label:<9} {value}"));
    }
    line("");
    let grace = token.grace_until.map(|until| {
        format!(
            "Replace the old token wherever it is used: it keeps working until {} UTC.",
            until.format("%Y-%m-%d %H:%M:%S")
        )
    });
    line(match notice.event {
        Event::Created => "If you did not expect this token, ask your administrator to revoke it.",
        Event::Rotated { .. } if grace.is_some() => grace.as_deref().unwrap_or_default(),
        Event::Rotated { .. } => "Replace the old token wherever it is used: it no longer works.",
        Event::Revoked => "The token no longer works.",
        Event::RevokedOnReuse => {
            "A token it was rotated from was used again after its rotation, so the token is presumed\nleaked and it no longer works. Ask your administrator for a new one."
        }
    });
    line("");
    line("-- ");
    line("patctl");
    text
}

fn facts(notice: &Notice, now: DateTime<Utc>, actor: &str) -> Vec<(&'static str, String)> {
    let token = &notice.token;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "never".into());
    let mut facts =
        vec![("Token:", format!("\"{}\" (id {})", escape(&token.name), token.id)), ("Scopes:", token.scopes.joined())];
    match notice.event {
        Event::Rotated { into, expires } => {
            facts.push(("New id:", into.to_string()));
            facts.push(("Expires:", format!("{} (the new token)", date(expires))));
        }
        _ => facts.push(("Expires:", date(token.expires_at))),
    }
    facts.push(("When:", format!("{} UTC", now.format("%Y-%m-%d %H:%M:%S"))));
    facts.push(("By:", escape(actor)));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_instant;
    use crate::domain::model::Clock;

    #[test]
    fn a_notice_names_the_token_and_never_holds_a_secret() {
        let settings = MailSettings {
            sendmail: "sendmail -t".into(),
            from: "patctl@example.org".into(),
            host: "example.org".into(),
        };
        let stamp =
            Stamp { now: parse_instant("2026-11-23T01:00:00Z").unwrap(), actor: "root".into(), clock: Clock::Fixed };
        let token = Token { id: 3, name: "ci".into(), ..crate::domain::sample::token() };
        let notice = Notice { event: Event::Rotated { into: 4, expires: None }, token };
        let text = compose(&settings, ("alice@example.com", "Alice"), &notice, &stamp);
        assert!(text.contains("\nSubject: A personal access token has been rotated\n"), "{text}");
        assert!(text.contains("\"ci\" (id 3) has been rotated."), "{text}");
        assert!(text.contains("  New id:   4\n"), "{text}");
        assert!(text.contains("  By:       root\n"), "{text}");
    }
}
