//! `patctl check-expiry`: the cron and monitoring check for tokens that expire soon or expired.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveTime;
use clap_complete::engine::ArgValueCompleter;

use crate::cli::Context;
use crate::cli::complete;
use crate::cli::values::named;
use crate::domain::expiry::Date;
use crate::domain::notify::{Finding, Thresholds};
use crate::error::{Error, Exit, Result};
use crate::new_file::{self, Existing};
use crate::ops::expiry::{self, ExpiryCheck, Mode};
use crate::ops::mail::MailSettings;
use crate::output::Printer;
use crate::output::expiry::{Report, nagios_line, nagios_unknown};
use crate::output::prometheus::{Run, exposition};
use crate::store::{Access, Store};

const EXAMPLES: &str = "\
Examples:
  # Tokens expiring within 7 days (config expiry.within_days) or expiring today:
  patctl check-expiry

  # Cron, daily: each token once per threshold of config expiry.notify_days and once when it
  # expires, mailed to its owner; prints nothing on quiet days, and a skipped day loses nothing:
  15 1 * * *  patctl check-expiry --once --mail

  # Monitoring (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN):
  patctl check-expiry --nagios --within 14

  # Prometheus, through node_exporter's textfile collector (cron or the systemd timer):
  patctl check-expiry --format prometheus --textfile /var/lib/prometheus/node-exporter/patctl.prom

  # A report for one owner, as of a date:
  patctl check-expiry --user automation-bot --as-of 2027-01-01 --format json

  # Nagios: stay CRITICAL while a token that expired in the last 7 days is not revoked:
  patctl check-expiry --nagios --expired-within 7

Exit codes: 0 nothing to report, 1 only expiring tokens, 2 expired tokens (0 with --exit-zero);
69 a message could not be mailed (reported on stderr, and exit 0, with --exit-zero).";

/// What `--textfile` is called in messages.
const METRICS_FILE: &str = "metrics file";

/// Report tokens that expire soon or have expired (cron and Nagios friendly)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Report tokens expiring within this many days [default: config expiry.within_days, 7]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub within: Option<u32>,

    /// Also report tokens that expired up to this many days ago and are still not revoked, so
    /// a check stays CRITICAL until someone acts [default: 0, expired today only]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub expired_within: Option<u32>,

    /// Evaluate as of this date (YYYY-MM-DD) [default: today in UTC]
    #[arg(long, value_name = "DATE", value_parser = named::<Date>())]
    pub as_of: Option<Date>,

    /// Cron mode: report each token once per notification threshold (config expiry.notify_days)
    /// and once when it has expired, and record what was reported
    #[arg(long)]
    pub once: bool,

    /// Only tokens of this user
    #[arg(long, value_name = "USERNAME", add = ArgValueCompleter::new(complete::usernames))]
    pub user: Option<String>,

    /// Also report impersonation tokens (left out by default, as GitLab does)
    #[arg(long)]
    pub include_impersonation: bool,

    /// Exit 0 whenever the check ran, whatever it found
    #[arg(long)]
    pub exit_zero: bool,

    /// Mail each owner with an email address through config mail.sendmail
    #[arg(long)]
    pub mail: bool,

    /// With --format prometheus: write the metrics to this file instead of stdout, replaced
    /// whole (0644), for node_exporter's textfile collector (a *.prom file in its directory)
    #[arg(long, value_name = "PATH")]
    pub textfile: Option<PathBuf>,

    /// With --format prometheus: also one series per token (labels id, name, owner). Off by
    /// default because every token would be a time series of its own, and Prometheus's memory
    /// grows with the number of series (cardinality)
    #[arg(long)]
    pub per_token: bool,

    /// Print one Nagios plugin line; a check that cannot run prints UNKNOWN and exits 3
    /// (also: --format nagios, kept for existing scripts)
    #[arg(long)]
    pub nagios: bool,

    /// `--format prometheus`, which is check-expiry's own (set by the caller, not a flag).
    #[arg(skip)]
    pub prometheus: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let started = Instant::now();
    if !args.prometheus && (args.textfile.is_some() || args.per_token) {
        return Err(Error::usage("--textfile and --per-token are for --format prometheus").with_hint(
            "patctl check-expiry --format prometheus --textfile /var/lib/prometheus/node-exporter/patctl.prom",
        ));
    }
    if let Some(path) = &args.textfile {
        new_file::check_destination(path, Existing::Replace, METRICS_FILE)?;
    }
    let config = &ctx.config.config;
    let as_of = args.as_of.map_or_else(|| ctx.now.date_naive(), |Date(date)| date);
    let thresholds = Thresholds::new(&config.expiry.notify_days);
    let mode = match (args.once, args.within) {
        (true, Some(_)) => {
            return Err(Error::usage("--within cannot be combined with --once")
                .with_hint("--once notifies at the thresholds of config expiry.notify_days"));
        }
        (true, None) if args.expired_within.is_some() => {
            return Err(Error::usage("--expired-within cannot be combined with --once")
                .with_hint("--once reports every expiry it has not reported yet, however late"));
        }
        (true, None) if as_of > ctx.now.date_naive() => {
            return Err(Error::usage(format!("--once cannot record notifications as of a future date ({as_of})"))
                .with_hint("drop --as-of, or use the plain check to look ahead"));
        }
        (true, None) => Mode::Once { thresholds: thresholds.clone() },
        (false, within) => Mode::Plain {
            within_days: within.unwrap_or(config.expiry.within_days),
            expired_within_days: args.expired_within.unwrap_or(0),
        },
    };
    let mail = args.mail.then(|| MailSettings {
        sendmail: config.mail.sendmail.clone(),
        from: config.mail.from.clone().unwrap_or_else(|| format!("patctl@{}", config.mail.host)),
        host: config.mail.host.clone(),
    });
    let census_window = args.within.unwrap_or(config.expiry.within_days);
    let check = ExpiryCheck { as_of, mode, user: args.user, include_impersonation: args.include_impersonation, mail };
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Read)?;
    let checked = expiry::check(&mut store, &check, &stamp)?;
    let (report, mail) = (checked.report, checked.mail);

    if !checked.abandoned.is_empty() {
        let mut pids: Vec<String> = checked.abandoned.iter().map(|c| c.pid.to_string()).collect();
        pids.dedup();
        let tokens: Vec<String> =
            checked.abandoned.iter().map(|c| format!("{} ({})", c.token_id, c.username)).collect();
        ctx.printer.warn(&format!(
            "an earlier check-expiry --mail (pid {}) stopped between claiming notices and recording whether it mailed them; tokens {} were due again, so their owners may get a message twice",
            pids.join(", "),
            tokens.join(", ")
        ));
    }

    if !mail.without_email.is_empty() {
        ctx.printer.warn(&format!(
            "no email address for {}: not mailed (see patctl user show)",
            mail.without_email.join(", ")
        ));
    }
    for (owner, why) in &mail.bad_email {
        ctx.printer.warn(&format!(
            "the stored email address of {owner} is not one plain address ({why}): not mailed (see patctl user show)"
        ));
    }
    if !mail.sent.is_empty() {
        ctx.printer.note(&format!("mailed {}", mail.sent.join(", ")));
    }
    let mut mail_error = mail_failure(&ctx.printer, &mail.failed, args.once);
    if args.exit_zero {
        // --exit-zero: the failure is still told, on stderr, and the check goes on to exit 0.
        if let Some(err) = mail_error.take() {
            super::report(&err);
        }
    }

    if args.nagios {
        if let Some(err) = mail_error {
            return Err(err);
        }
        ctx.printer.line(&nagios_line(&report))?;
    } else if args.prometheus {
        let metrics = Metrics { window: census_window, thresholds: &thresholds, per_token: args.per_token, started };
        write_metrics(ctx, &store, &check, &metrics, args.textfile.as_deref())?;
        if let Some(err) = mail_error {
            return Err(err);
        }
    } else {
        ctx.printer.print(&Report(&report))?;
        if let Some(err) = mail_error {
            return Err(err);
        }
    }
    Ok(match report.worst() {
        _ if args.exit_zero => Exit::Success,
        None => Exit::Success,
        Some(Finding::Expiring) => Exit::Negative,
        Some(Finding::Expired) => Exit::Expired,
    })
}

/// What `--format prometheus` counts, besides the check's own scope.
struct Metrics<'a> {
    /// Tokens expiring within this many days count as `expiring`.
    window: u32,
    thresholds: &'a Thresholds,
    per_token: bool,
    started: Instant,
}

/// The Prometheus exposition, to stdout or replacing the `--textfile`. Token states are judged
/// as of the report's date (its start, when it is not today), as in tables.
fn write_metrics(
    ctx: &mut Context,
    store: &Store,
    check: &ExpiryCheck,
    metrics: &Metrics<'_>,
    textfile: Option<&Path>,
) -> Result<()> {
    let now =
        if check.as_of == ctx.now.date_naive() { ctx.now } else { check.as_of.and_time(NaiveTime::MIN).and_utc() };
    let (census, tokens) = expiry::census(store, check, metrics.window, metrics.thresholds, now, metrics.per_token)?;
    let run = Run { at: ctx.now, duration: metrics.started.elapsed() };
    let text = exposition(&census, metrics.per_token.then_some(&tokens[..]), &run);
    match textfile {
        Some(path) => new_file::write_new(path, text.as_bytes(), new_file::PUBLIC, Existing::Replace, METRICS_FILE),
        None => ctx.printer.write_str(&text),
    }
}

/// One error for the failed messages, exit 69 (a sendmail that cannot even be run keeps the
/// configuration error's 78); when several failed, each is also named on stderr.
fn mail_failure(printer: &Printer, failed: &[(String, Error)], once: bool) -> Option<Error> {
    let (_, first) = failed.first()?;
    if failed.len() > 1 {
        for (owner, err) in failed {
            printer.warn(&format!("cannot mail {owner}: {}", err.message()));
        }
    }
    let owners: Vec<&str> = failed.iter().map(|(owner, _)| owner.as_str()).collect();
    let hint = if once {
        "their tokens were not recorded as notified; the next --once run tries again".to_string()
    } else {
        first.hint().unwrap_or("check config mail.sendmail").to_string()
    };
    let exit = if first.exit() == Exit::Config { Exit::Config } else { Exit::Unavailable };
    Some(first.clone().context(format_args!("cannot mail {}", owners.join(", "))).with_hint(hint).with_exit(exit))
}

/// `--nagios`: any failure becomes the Nagios UNKNOWN line on stdout and exit 3, with the
/// usual error lines on stderr.
pub fn nagios_outcome(result: Result<Exit>) -> Result<Exit> {
    match result {
        // A closed pipe stays a quiet success.
        Err(err) if !err.is_broken_pipe() => {
            print_unknown(err.message());
            super::report(&err);
            Ok(Exit::Unknown)
        }
        other => other,
    }
}

/// The Nagios UNKNOWN line, on stdout where Nagios reads it.
pub fn print_unknown(message: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", nagios_unknown(message));
    let _ = stdout.flush();
}

/// Whether the command line asks for `--nagios` or its alias `--format nagios` (looked at when
/// clap refuses it, so that even a usage error is reported the Nagios way).
pub fn nagios_requested() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().any(|a| a == "--nagios" || a == "--format=nagios")
        || args.windows(2).any(|w| w[0] == "--format" && w[1] == "nagios")
}
