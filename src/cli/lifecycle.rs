//! Lifecycle mail after a committed change (config `mail.lifecycle`): the commands call
//! [`notify`] once their change has committed, print their record, then return its error.

use crate::cli::Context;
use crate::domain::model::Token;
use crate::error::{Error, Exit, Result};
use crate::ops::lifecycle::{self, Event, FAILED_ACTION, Notice};
use crate::ops::mail::MailSettings;
use crate::store::Store;

/// Config `mail.*` as the mail code takes it.
pub fn mail_settings(ctx: &Context) -> MailSettings {
    let mail = &ctx.config.config.mail;
    MailSettings {
        sendmail: mail.sendmail.clone(),
        from: mail.from.clone().unwrap_or_else(|| format!("patctl@{}", mail.host)),
        host: mail.host.clone(),
    }
}

/// Notices for tokens that changed the same way.
pub fn notices<'a>(event: Event, tokens: impl IntoIterator<Item = &'a Token>) -> Vec<Notice> {
    tokens.into_iter().map(|token| Notice { event, token: token.clone() }).collect()
}

/// Mails the owners when config `mail.lifecycle` is on. Several failures are each a warning
/// naming the recipient; the returned error (exit 69) is for the command to return after printing what it
/// changed, since the change stands.
pub fn notify(ctx: &Context, store: &mut Store, notices: &[Notice]) -> Option<Error> {
    if !ctx.config.config.mail.lifecycle || notices.is_empty() {
        return None;
    }
    let outcome = match lifecycle::send(store, &mail_settings(ctx), notices, &ctx.stamp()) {
        Ok(outcome) => outcome,
        Err(err) => return Some(committed(err.context("cannot mail the token's owner"))),
    };
    for (owner, why) in &outcome.bad_email {
        ctx.printer.warn(&format!(
            "the stored email address of {owner} is not one plain address ({why}): not mailed (see patctl user show)"
        ));
    }
    let (_, _, _, first) = outcome.failed.first()?;
    // The error names every recipient and the first failure; with several, each gets its line.
    if outcome.failed.len() > 1 {
        for (to, _, _, err) in &outcome.failed {
            ctx.printer.warn(&format!("cannot mail {to}: {}", err.message()));
        }
    }
    let mut recipients: Vec<&str> = outcome.failed.iter().map(|(to, ..)| to.as_str()).collect();
    recipients.dedup();
    Some(committed(first.clone().context(format_args!("cannot mail {}", recipients.join(", ")))))
}

/// Ends a command whose change committed. Its output is flushed first: under `--format json` the
/// change's record reaches stdout even though the command then fails with the mail error.
pub fn finish(ctx: &mut Context, mail_error: Option<Error>) -> Result<Exit> {
    match mail_error {
        None => Ok(Exit::Success),
        Some(err) => {
            ctx.printer.flush()?;
            Err(err)
        }
    }
}

fn committed(err: Error) -> Error {
    err.with_exit(Exit::Unavailable).with_hint(format!(
        "the change was committed; the failure is in the audit trail: patctl audit --action {FAILED_ACTION}"
    ))
}
