//! Expiry messages to token owners, handed to the configured sendmail (`mail.sendmail`).

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use chrono::{DateTime, Utc};

use crate::domain::notify::{Finding, Notice};
use crate::domain::text::escape;
use crate::error::{Error, Exit, Result, ResultExt};

/// Config `mail.*`, resolved.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The command, split on whitespace: `/usr/sbin/sendmail -t -oi` reads the recipients from
    /// the message's headers.
    pub sendmail: String,
    /// The From address: config `mail.from`, else `patctl@` + `mail.host`.
    pub from: String,
    /// The host name used in Message-ID headers.
    pub host: String,
}

/// The headers of every message patctl mails, and the blank line after them. `id` makes the
/// Message-ID unique: `<patctl.ID@HOST>`.
pub(super) fn headers(settings: &MailSettings, to: &str, subject: &str, now: DateTime<Utc>, id: &str) -> String {
    format!(
        "From: {}\nTo: {to}\nSubject: {subject}\nDate: {}\nMessage-ID: <patctl.{id}@{}>\nMIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\nAuto-Submitted: auto-generated\n\n",
        settings.from,
        now.to_rfc2822(),
        settings.host
    )
}

/// The message telling one owner which of their tokens expire (or expired) and what to do.
/// `notices` all belong to that owner, who has an email address.
pub fn compose(settings: &MailSettings, to: &str, notices: &[Notice], now: DateTime<Utc>) -> String {
    let owner = &notices[0].owner;
    let expired: Vec<&Notice> = notices.iter().filter(|n| n.finding == Finding::Expired).collect();
    let expiring: Vec<&Notice> = notices.iter().filter(|n| n.finding == Finding::Expiring).collect();
    let subject = match (expiring.is_empty(), expired.is_empty()) {
        (false, true) => "Your personal access tokens expire soon",
        (true, false) => "Your personal access tokens have expired",
        _ => "Your personal access tokens expire soon or have expired",
    };
    let id = format!("expiry.{}.{}", now.timestamp(), owner.user_id);
    let mut text = headers(settings, to, subject, now, &id);
    let mut line = |s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    line(&format!("Hello {},", escape(&owner.name)));
    line("");
    if !expiring.is_empty() {
        line(&format!("These personal access tokens of {} expire soon:", owner.username));
        line("");
        for notice in &expiring {
            let when = match notice.days_left {
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            line(&format!("  - {}: expires on {}, {when}", describe(notice), expiry(notice)));
        }
        line("");
    }
    if !expired.is_empty() {
        line(&format!("These personal access tokens of {} have expired and no longer work:", owner.username));
        line("");
        for notice in &expired {
            line(&format!("  - {}: expired on {}", describe(notice), expiry(notice)));
        }
        line("");
    }
    line("A token stops working at 00:00 UTC on its expiry date. To keep access, rotate the");
    line("token or create a new one, then replace it wherever it is used. Your administrator");
    line("can do either with patctl:");
    line("");
    if let Some(notice) = notices.first() {
        line(&format!("  patctl rotate --id {}", notice.token.id));
        line(&format!(
            "  patctl create --user {} --name '{}' --scopes {}",
            owner.username,
            escape(&notice.token.name).replace('\'', "'\\''"),
            notice.token.scopes.joined()
        ));
    }
    line("");
    line("Tokens that are no longer needed can simply be left to expire.");
    line("");
    line("-- ");
    line("patctl check-expiry");
    text
}

fn describe(notice: &Notice) -> String {
    format!("\"{}\" (id {}, scopes {})", escape(&notice.token.name), notice.token.id, notice.token.scopes.joined())
}

fn expiry(notice: &Notice) -> String {
    notice.token.expires_at.map(|d| d.to_string()).unwrap_or_else(|| "never".into())
}

/// Pipes one message to the sendmail command. Exit 78 when the command cannot be run, 74 when it
/// fails or exits non-zero. Messages say `mail.sendmail`, never the command (a config value).
pub fn sendmail(command: &str, message: &str) -> Result<()> {
    let mut words = command.split_whitespace();
    let program = words.next().ok_or_else(|| Error::config("config mail.sendmail is empty"))?;
    let mut command = Command::new(program);
    // patctl ignores SIGXFSZ (see cli::main), and an ignored signal stays ignored across exec:
    // the mail program gets the default back, as if run from a shell.
    // SAFETY: signal() is async-signal-safe and only changes the child's disposition.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command
        .args(words)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot run mail.sendmail")
        .map_err(|e| e.with_exit(Exit::Config).with_hint("set config mail.sendmail to a working sendmail command"))?;
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(message.as_bytes()));
    let status = child.wait().context("waiting for mail.sendmail")?;
    if !status.success() {
        let how = match status.code() {
            Some(code) => format!("exit status {code}"),
            None => "a signal".to_string(),
        };
        return Err(Error::io(format!("mail.sendmail failed with {how}")));
    }
    // A sendmail that exits 0 has taken the message; only other write failures count.
    if let Some(Err(e)) = written.filter(|w| w.as_ref().is_err_and(|e| e.kind() != std::io::ErrorKind::BrokenPipe)) {
        return Err(Error::from(e).context("cannot write to mail.sendmail"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::{parse_date, parse_instant};
    use crate::domain::model::Token;
    use crate::domain::notify::Owner;

    fn notice(id: i64, name: &str, expires: &str, finding: Finding, days_left: i64) -> Notice {
        Notice {
            token: Token {
                id,
                user_id: 7,
                name: name.into(),
                expires_at: Some(parse_date(expires).unwrap()),
                ..crate::domain::sample::token()
            },
            finding,
            days_left,
            threshold: None,
            owner: Owner {
                user_id: 7,
                username: "alice".into(),
                name: "Alice Example".into(),
                email: Some("alice@example.com".into()),
                blocked: false,
            },
        }
    }

    #[test]
    fn a_message_lists_each_token_with_its_date_and_the_way_out() {
        let settings = MailSettings {
            sendmail: "sendmail -t".into(),
            from: "patctl@example.org".into(),
            host: "example.org".into(),
        };
        let now = parse_instant("2026-11-23T01:00:00Z").unwrap();
        let notices = [
            notice(3, "ci", "2026-11-30", Finding::Expiring, 7),
            notice(4, "deploy", "2026-11-23", Finding::Expired, 0),
        ];
        let text = compose(&settings, "alice@example.com", &notices, now);
        let (headers, body) = text.split_once("\n\n").unwrap();
        assert!(headers.contains("\nTo: alice@example.com\n"), "{headers}");
        assert!(headers.starts_with("From: patctl@example.org\n"));
        assert!(headers.contains("Subject: Your personal access tokens expire soon or have expired"));
        assert!(headers.contains("Date: Mon, 23 Nov 2026 01:00:00 +0000"));
        assert!(body.contains("\"ci\" (id 3, scopes api): expires on 2026-11-30, in 7 days"), "{body}");
        assert!(body.contains("\"deploy\" (id 4, scopes api): expired on 2026-11-23"), "{body}");
        assert!(body.contains("rotate"));
        assert!(body.contains("create a new one"));
        let only_expiring = compose(&settings, "alice@example.com", &notices[..1], now);
        assert!(only_expiring.contains("Subject: Your personal access tokens expire soon\n"));
        assert!(!only_expiring.contains("have expired"));
    }

    #[test]
    fn sendmail_failures_are_errors() {
        assert!(sendmail("cat", "x").is_ok());
        assert_eq!(sendmail("false", "x").unwrap_err().exit(), Exit::Io);
        assert_eq!(sendmail("/nonexistent/sendmail -t", "x").unwrap_err().exit(), Exit::Config);
        assert_eq!(sendmail("   ", "x").unwrap_err().exit(), Exit::Config);
    }
}
