//! `patctl import gitlab`: a GitLab instance's token inventory, from its database or a CSV export.

use std::path::PathBuf;

use serde_json::json;

use crate::cli::Context;
use crate::error::{Exit, Result};
use crate::ops::gitlab::import::{self, Report, Source, counts};
use crate::ops::gitlab::plan::Rules;
use crate::output::{Changed, Lines, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl import gitlab --from-csv /srv/gitlab-export --dry-run
  patctl import gitlab --from 'postgresql://patctl_reader@db.example.com/gitlabhq_production'
  patctl import gitlab --from 'postgresql:///gitlabhq_production?host=/var/opt/gitlab/postgresql'";

/// Import a GitLab instance's users and tokens (GitLab is only read; a re-run updates)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, group(clap::ArgGroup::new("source").required(true).multiple(false)))]
pub struct Args {
    /// GitLab's PostgreSQL database (a libpq URI; use a role that may only SELECT)
    #[arg(long, value_name = "URI", group = "source")]
    pub from: Option<String>,

    /// A directory of CSV files written by the README's psql \copy recipe
    #[arg(long = "from-csv", value_name = "DIR", group = "source")]
    pub from_csv: Option<PathBuf>,

    /// Say what would be created or updated, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let source = match (args.from, args.from_csv) {
        (Some(uri), _) => Source::Postgres(uri, ctx.wait.0),
        (None, Some(dir)) => Source::Csv(dir),
        (None, None) => unreachable!("clap requires one source"),
    };
    import::check_scheme(&ctx.digest_key()?)?;
    let mut store = ctx.open(Access::Write)?;
    let rules = Rules { require_expiry: ctx.config.config.tokens.require_expiry, now: ctx.now };
    let report = import::import(&mut store, &source, rules, &ctx.stamp(), args.dry_run)?;
    for warning in &report.warnings {
        ctx.printer.warn(warning);
    }
    print(ctx, &report)?;
    Ok(Exit::Success)
}

fn print(ctx: &mut Context, report: &Report) -> Result<()> {
    let o = &report.outcome;
    let kinds = [
        ("users", o.users),
        ("projects", o.projects),
        ("groups", o.groups),
        ("memberships", o.memberships),
        ("tokens", o.tokens),
        ("notices", o.notices),
    ];
    let version = report.schema_version.as_deref().unwrap_or("unknown");
    let verb = if report.dry_run { "would import" } else { "imported" };
    let mut lines = vec![format!("{verb} from {} (GitLab schema version {version})", report.source)];
    for (kind, c) in kinds {
        lines.push(format!("{kind:<12} {} created, {} updated, {} unchanged", c.created, c.updated, c.unchanged));
    }
    let mut record = json!({
        "dry_run": report.dry_run,
        "source": report.source,
        "gitlab_schema_version": report.schema_version,
        "warnings": report.warnings,
    });
    for (kind, c) in kinds {
        record[kind] = counts(c);
    }
    let view = Lines { lines: lines.into_iter(), json: record };
    if report.dry_run {
        return ctx.printer.print(&view);
    }
    let status = if o.changed() { Status::Updated } else { Status::Unchanged };
    ctx.printer.print(&Changed { status, view })
}
