//! `patctl apply`: declarative provisioning of users and tokens from a TOML file.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::cli::{Context, lifecycle};
use crate::domain::text::escape;
use crate::error::{Error, Exit, Result, ResultExt};
use crate::input;
use crate::new_file::{self, Existing};
use crate::ops::apply::{self, Action, ApplyOptions, Change, Counts, Generated, Kind, Outcome, manifest};
use crate::ops::lifecycle::{Event, Notice};
use crate::ops::projects::ProjectTokenSettings;
use crate::output::{Lines, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
File format (TOML; every [[...]] table may repeat):
  managed_by = \"deploy/bots\"          # optional name for --prune [default: the file's path]

  [[users]]
  username = \"automation-bot\"
  name = \"Automation Bot\"             # name, email, bot, service_account, admin: optional
  bot = true                          # or service_account = true; neither: human

  [[projects]]                        # created if missing
  path = \"group/app\"
  name = \"App\"                        # optional [default: the last path segment]

  [[groups]]                          # created if missing; nested: parent/child
  path = \"infra/ci\"

  [[tokens]]
  user = \"automation-bot\"             # or: project = \"group/app\", access_level = \"developer\"
                                      # or: group = \"infra/ci\", access_level = \"reporter\"
  name = \"Automation token\"
  scopes = [\"read_user\", \"read_repository\"]
  description = \"CI\"                  # optional
  expires_in = \"90d\"                  # or expires_at = 2027-06-30, or no_expiry = true
  token_file = \"secrets/ci.token\"     # or token_env = \"VAR\"; neither: a generated token

Examples:
  patctl apply bots.toml --dry-run --tokens-out t.tsv   # the plan; writes nothing
  patctl apply bots.toml --tokens-out new.tsv           # new tokens go to new.tsv (0600)
  patctl apply bots.toml --tokens-out - >new.tsv        # to stdout; the plan to stderr
  patctl apply bots.toml --prune                        # also revoke undeclared tokens

A second run of the same file changes nothing and says so. Relative token_file paths are read
from the file's directory. A project or group token gets its own bot user, member of the project
or group with access_level (default guest); a changed access_level changes that role in place.";

/// Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The TOML file declaring users, projects, groups and tokens
    #[arg(value_name = "FILE.toml")]
    pub file: PathBuf,

    /// Print the plan (create / update / rotate / revoke / unchanged) and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Revoke tokens that an earlier apply of this file created and that it no longer declares
    #[arg(long)]
    pub prune: bool,

    /// Where generated tokens are written (created 0600; lines of name<TAB>owner<TAB>token); - for stdout
    #[arg(long, value_name = "PATH")]
    pub tokens_out: Option<PathBuf>,

    /// Replace an existing non-empty --tokens-out file (a new file is renamed over it)
    #[arg(long)]
    pub force: bool,
}

/// How messages name the --tokens-out file.
const TOKENS_OUT: &str = "--tokens-out file";

/// Above this many entries a progress bar is shown (on a terminal).
const PROGRESS_MIN_ENTRIES: usize = 300;

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let (manifest, mut options) = read(ctx, &args)?;
    // A file with errors is only planned, to name the errors planning finds too: nothing is
    // written, not even a new database.
    options.dry_run |= !manifest.problems.is_empty();
    let settings = ctx.token_settings()?;
    let stamp = ctx.stamp();
    let bar = progress_bar(ctx, manifest.entries(), options.dry_run);
    let progress = |done: u64| {
        if let Some(bar) = &bar
            && done.is_multiple_of(256)
        {
            bar.set_position(done);
        }
    };

    // Inside the transaction the generated secrets are written to a staged file and synced;
    // only once the transaction has committed does the file get its name. A failed run leaves
    // no file (the staging directory goes with it), and its rerun needs no --force.
    let out = TokensOut::new(&args);
    let staged: RefCell<Option<Staged>> = RefCell::new(None);
    let before_commit = |generated: &[Generated]| -> Result<()> {
        out.check(generated.len())?;
        staged.replace(out.stage(generated)?);
        Ok(())
    };
    let cx = apply::Context { settings: &settings, options: &options, stamp: &stamp, progress: &progress };
    let mut store = if options.dry_run { ctx.open_if_present(Access::Read)? } else { Some(ctx.open(Access::Write)?) };
    let result = apply::apply(store.as_mut(), &manifest, &cx, before_commit);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let outcome = result?;
    if options.dry_run {
        // Where the real run would fail for want of a place for the secrets, so does this one.
        out.check(outcome.generated)?;
    }
    if let Some(staged) = staged.take() {
        out.publish(ctx, staged)?;
    }
    // A dry run's plan lines say it ("now managed by this file"); a real run lists no unchanged
    // entry, so each adoption gets its line.
    for (owner, name, id) in outcome.adopted.iter().filter(|_| !options.dry_run) {
        ctx.printer.note(&format!(
            "adopted token '{}' of {} (id {id}), made by hand: this file manages it now",
            escape(name),
            escape(owner)
        ));
    }
    print_outcome(ctx, &outcome, options.dry_run, out.is_stdout())?;
    if outcome.stale > 0 {
        ctx.printer.note(&format!(
            "{} made by an earlier apply of this file {} no longer declared; --prune revokes them",
            tokens(outcome.stale),
            if outcome.stale == 1 { "is" } else { "are" }
        ));
    }
    if options.dry_run {
        return Ok(Exit::Success);
    }
    let mail_error = mail_owners(ctx, &outcome)?;
    lifecycle::finish(ctx, mail_error)
}

/// Lifecycle mail for the tokens the committed run created, rotated and revoked.
fn mail_owners(ctx: &mut Context, outcome: &Outcome) -> Result<Option<Error>> {
    let changed = outcome.changes.iter().filter(|c| c.kind == Kind::Token && c.action != Action::Unchanged);
    if !ctx.config.config.mail.lifecycle || changed.clone().next().is_none() {
        return Ok(None);
    }
    let mut store = ctx.open(Access::Write)?;
    let mut notices = Vec::new();
    for change in changed {
        let token = |id: Option<i64>| id.and_then(|id| store.reader().token_by_id(id).ok().flatten());
        let (event, token) = match change.action {
            Action::Create => (Event::Created, token(change.id)),
            Action::Revoke => (Event::Revoked, token(change.id)),
            Action::Rotate => {
                let expires = token(change.id).and_then(|t| t.expires_at);
                let into = change.id.unwrap_or_default();
                (Event::Rotated { into, expires }, token(change.previous_id))
            }
            Action::Update | Action::Unchanged => continue,
        };
        notices.extend(token.map(|token| Notice { event, token }));
    }
    Ok(lifecycle::notify(ctx, &mut store, &notices))
}

/// "1 token", "2 tokens".
fn tokens(n: usize) -> String {
    format!("{n} {}", if n == 1 { "token" } else { "tokens" })
}

/// Where generated secrets go: `--tokens-out PATH`, `--tokens-out -` (standard output), or
/// nowhere (then no secret may be generated).
enum TokensOut<'a> {
    Nowhere,
    Stdout,
    File { path: &'a Path, existing: Existing },
}

/// Generated secrets ready to be handed over once the transaction has committed.
enum Staged {
    Stdout(Zeroizing<Vec<u8>>),
    File(new_file::Staging),
}

impl<'a> TokensOut<'a> {
    fn new(args: &'a Args) -> Self {
        match &args.tokens_out {
            None => TokensOut::Nowhere,
            Some(path) if path.as_os_str() == "-" => TokensOut::Stdout,
            Some(path) => {
                let existing = if args.force { Existing::Replace } else { Existing::ReplaceEmpty };
                TokensOut::File { path, existing }
            }
        }
    }

    fn is_stdout(&self) -> bool {
        matches!(self, TokensOut::Stdout)
    }

    /// Whether `generated` secrets have somewhere to go (a file there may be replaced).
    fn check(&self, generated: usize) -> Result<()> {
        match self {
            _ if generated == 0 => Ok(()),
            TokensOut::Nowhere => Err(Error::usage(format!(
                "{} would get generated secrets, and generated tokens are only written to --tokens-out",
                tokens(generated)
            ))
            .with_hint("add --tokens-out PATH (or give the entries token_file / token_env); nothing was written")),
            TokensOut::Stdout => Ok(()),
            TokensOut::File { path, existing } => new_file::check_destination(path, *existing, TOKENS_OUT).map(drop),
        }
    }

    /// Writes the secrets where they wait for the commit: a synced file in a staging directory
    /// beside the destination, or memory for standard output.
    fn stage(&self, generated: &[Generated]) -> Result<Option<Staged>> {
        if generated.is_empty() {
            return Ok(None);
        }
        let text = tokens_out_text(generated);
        match self {
            TokensOut::Nowhere => Ok(None),
            TokensOut::Stdout => Ok(Some(Staged::Stdout(text))),
            TokensOut::File { path, .. } => {
                Ok(Some(Staged::File(new_file::stage(path, &text, new_file::PRIVATE, TOKENS_OUT)?)))
            }
        }
    }

    /// Hands the secrets over, after the commit.
    fn publish(&self, ctx: &mut Context, staged: Staged) -> Result<()> {
        let lost = |e: Error| {
            e.context("the changes were committed, but their generated secrets are lost")
                .with_hint("rotate those tokens (patctl rotate --id ID) with a --tokens-out path that can be written")
        };
        match (self, staged) {
            (TokensOut::File { path, existing }, Staged::File(staging)) => {
                staging.publish(path, *existing, TOKENS_OUT).map_err(lost)?;
                ctx.printer.note(&format!("generated tokens written to {} (mode 0600)", path.display()));
                Ok(())
            }
            (_, Staged::Stdout(text)) => {
                let text = std::str::from_utf8(&text).map_err(|_| Error::io("a generated token is not text"))?;
                ctx.printer.write_str(text)?;
                ctx.printer.flush()
            }
            (_, Staged::File(_)) => Ok(()),
        }
    }
}

/// Reads and checks the file, and the options it is applied with.
fn read(ctx: &Context, args: &Args) -> Result<(manifest::Manifest, ApplyOptions)> {
    let shown = args.file.display().to_string();
    let (file, _) = input::open(&args.file).context(format!("cannot read {shown}"))?;
    let text = input::text(file, &shown, input::APPLY_FILE)?;
    let manifest = manifest::parse(&shown, &text)?;
    drop(text);
    let absolute = std::fs::canonicalize(&args.file).context(format!("cannot read {shown}"))?;
    let options = ApplyOptions {
        source: manifest.managed_by.clone().unwrap_or_else(|| absolute.display().to_string()),
        base_dir: absolute.parent().map(Path::to_path_buf).unwrap_or_default(),
        dry_run: args.dry_run,
        prune: args.prune,
        project_tokens: ProjectTokenSettings {
            default_lifetime_days: ctx.config.config.project_tokens.default_lifetime_days,
            mail_host: ctx.config.config.mail.host.clone(),
        },
    };
    Ok((manifest, options))
}

/// A progress bar for a large file on a terminal.
fn progress_bar(ctx: &Context, entries: usize, dry_run: bool) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || entries <= PROGRESS_MIN_ENTRIES || ctx.printer.is_quiet() {
        return None;
    }
    let steps = if dry_run { entries } else { entries * 2 };
    let bar = indicatif::ProgressBar::with_draw_target(Some(steps as u64), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(if dry_run { "planning" } else { "applying" });
    Some(bar)
}

/// What `--tokens-out` receives: one `name<TAB>owner<TAB>token` line per generated secret.
fn tokens_out_text(generated: &[Generated]) -> Zeroizing<Vec<u8>> {
    // Sized up front: growing would leave copies of secrets in freed memory.
    let size = generated.iter().map(|g| g.name.len() + g.owner.len() + g.secret.expose().len() + 3).sum();
    let mut text = Zeroizing::new(Vec::with_capacity(size));
    for g in generated {
        for field in [g.name.as_str(), "\t", g.owner.as_str(), "\t", g.secret.expose(), "\n"] {
            text.extend_from_slice(field.as_bytes());
        }
    }
    text
}

fn line(change: &Change) -> String {
    let id = match (change.previous_id, change.id) {
        (Some(old), Some(new)) => format!(" (id {old} -> {new})"),
        (Some(old), None) => format!(" (id {old})"),
        (None, Some(id)) => format!(" (id {id})"),
        (None, None) => String::new(),
    };
    let target = match (change.kind, &change.project) {
        (Kind::User, _) => format!("user {}", escape(&change.owner)),
        (Kind::Project, _) => format!("project {}", escape(&change.name)),
        (Kind::Group, _) => format!("group {}", escape(&change.name)),
        (_, None) if change.group.is_some() => {
            format!("token '{}' of group {}", escape(&change.name), escape(&change.owner))
        }
        (_, Some(project)) => format!("token '{}' of project {}", escape(&change.name), escape(project)),
        (_, None) => format!("token '{}' of {}", escape(&change.name), escape(&change.owner)),
    };
    let detail = if change.detail.is_empty() { String::new() } else { format!(": {}", change.detail) };
    format!("{:<9} {target}{id}{detail}", change.action.as_str())
}

fn summary(outcome: &Outcome, dry_run: bool) -> String {
    let c = &outcome.counts;
    if dry_run {
        format!(
            "dry run: {} to create, {} to update, {} to rotate, {} to revoke, {} unchanged; nothing was written",
            c.create, c.update, c.rotate, c.revoke, c.unchanged
        )
    } else if c.changed() == 0 {
        format!("nothing to change: {} unchanged", c.unchanged)
    } else {
        format!(
            "applied: {} created, {} updated, {} rotated, {} revoked, {} unchanged",
            c.create, c.update, c.rotate, c.revoke, c.unchanged
        )
    }
}

/// What `--format json` prints. A real run says what happened to the whole (`status`) and to
/// each entry; a dry run changed nothing, so it has no `status`.
#[derive(Serialize)]
struct OutcomeJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    dry_run: bool,
    changes: Vec<ChangeJson<'a>>,
    summary: &'a Counts,
    stale: usize,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(flatten)]
    change: &'a Change,
}

/// What a real run did to an entry, in the words of the other commands' `status`.
fn status(change: &Change) -> Status {
    match (change.action, change.kind) {
        (Action::Create, Kind::User | Kind::Project | Kind::Group) => Status::Added,
        (Action::Create, Kind::Token) => Status::Created,
        (Action::Update, _) => Status::Updated,
        (Action::Rotate, _) => Status::Rotated,
        (Action::Revoke, _) => Status::Revoked,
        (Action::Unchanged, _) => Status::Unchanged,
    }
}

fn print_outcome(ctx: &mut Context, outcome: &Outcome, dry_run: bool, tokens_on_stdout: bool) -> Result<()> {
    // A real run lists what changed; a dry run lists every entry.
    let shown = outcome.changes.iter().filter(|c| dry_run || c.action != Action::Unchanged);
    if tokens_on_stdout && !dry_run {
        // Standard output holds the generated tokens alone: the plan goes to stderr.
        shown.map(line).chain(std::iter::once(summary(outcome, dry_run))).for_each(|l| ctx.printer.note(&l));
        return Ok(());
    }
    ctx.printer.print(&Lines {
        lines: shown.clone().map(line).chain(std::iter::once(summary(outcome, dry_run))),
        json: OutcomeJson {
            status: (!dry_run).then_some(if outcome.counts.changed() == 0 {
                Status::Unchanged
            } else {
                Status::Updated
            }),
            dry_run,
            changes: shown.map(|change| ChangeJson { status: (!dry_run).then(|| status(change)), change }).collect(),
            summary: &outcome.counts,
            stale: outcome.stale,
        },
    })
}
