//! `patctl apply`: make the database hold what a file declares, in one transaction.
//!
//! Split as cargo splits `ops/cargo_compile/`: `manifest` reads the file, `plan` reads the
//! database and decides, entry by entry, create / update / rotate / unchanged (and revoke for
//! `--prune`), `execute` writes that plan, and `outcome` turns it into plan lines and counts.
//! Planning and execution run inside the same `BEGIN IMMEDIATE` transaction; a dry run stops
//! after the plan. Any error anywhere, or a failure of the caller's `before_commit` (writing
//! generated secrets), rolls everything back.

mod execute;
mod groups;
pub mod manifest;
mod outcome;
mod plan;
pub mod projects;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use self::manifest::{Manifest, Owner, TokenEntry};
use super::Stamp;
use super::projects::ProjectTokenSettings;
use super::tokens::TokenSettings;
use crate::domain::model::Token;
use crate::domain::project::AccessLevel;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::store::Store;

pub struct ApplyOptions {
    /// The name under which this file's tokens are marked as managed.
    pub source: String,
    /// Relative `token_file` paths are read from here (the file's directory).
    pub base_dir: PathBuf,
    pub dry_run: bool,
    pub prune: bool,
    /// Default lifetime and bot e-mail host of project tokens.
    pub project_tokens: ProjectTokenSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Rotate,
    Revoke,
    Unchanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Rotate => "rotate",
            Action::Revoke => "revoke",
            Action::Unchanged => "unchanged",
        }
    }
}

/// What a plan line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    User,
    Project,
    Group,
    Token,
}

/// One line of the plan (or of what was done).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub action: Action,
    pub kind: Kind,
    pub owner: String,
    pub name: String,
    /// The project of a project entry or of a project token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The group of a group entry or of a group token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The token's, user's or project's id; for a rotation, the new token's id.
    pub id: Option<i64>,
    pub previous_id: Option<i64>,
    pub detail: String,
}

/// A secret patctl generated, to be handed to the operator once (`--tokens-out`).
pub struct Generated {
    pub name: String,
    pub owner: String,
    pub secret: Secret,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub rotate: usize,
    pub revoke: usize,
    pub unchanged: usize,
}

impl Counts {
    pub fn changed(&self) -> usize {
        self.create + self.update + self.rotate + self.revoke
    }
}

pub struct Outcome {
    pub changes: Vec<Change>,
    pub counts: Counts,
    /// Tokens this file made that it no longer declares, left alone without --prune.
    pub stale: usize,
    /// How many secrets the run generates (a dry run: would generate).
    pub generated: usize,
    /// Tokens made by hand that the file now manages: (owner, name, id).
    pub adopted: Vec<(String, String, i64)>,
}

/// How many errors of a file one run reports; the rest are counted.
pub const MAX_ERRORS: usize = 20;

/// The errors of a file's entries, gathered so that one run reports them all, in the order of
/// the file (by line).
#[derive(Debug, Clone, Default)]
pub struct Problems(Vec<(usize, Error)>);

impl Problems {
    /// An error of the entry at `line` (0: of the file as a whole).
    pub fn push(&mut self, line: usize, err: Error) {
        self.0.push((line, err));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Nothing, one error as it is, or several as one: its message holds each `error:` and
    /// `hint:` line in turn (the boundary prints the first `error: ` and the last hint), and ends
    /// with how many were left out past [`MAX_ERRORS`]. The exit code is the first error's.
    pub fn into_result(mut self) -> Result<()> {
        self.0.sort_by_key(|(line, _)| *line);
        let mut errors = self.0.into_iter().map(|(_, e)| e);
        let Some(first) = errors.next() else { return Ok(()) };
        let rest: Vec<Error> = errors.collect();
        if rest.is_empty() {
            return Err(first);
        }
        let mut lines = vec![first.message().to_string()];
        let mut hint = first.hint().map(str::to_string);
        let left_out = (rest.len() + 1).saturating_sub(MAX_ERRORS);
        for err in rest.iter().take(MAX_ERRORS - 1) {
            lines.extend(hint.take().map(|h| format!("hint: {h}")));
            lines.push(format!("error: {}", err.message()));
            hint = err.hint().map(str::to_string);
        }
        if left_out > 0 {
            lines.extend(hint.take().map(|h| format!("hint: {h}")));
            lines.push(format!("error: and {left_out} more {}", if left_out == 1 { "error" } else { "errors" }));
        }
        let combined = Error::new(first.exit(), lines.join("\n"));
        Err(match hint {
            Some(hint) => combined.with_hint(hint),
            None => combined,
        })
    }
}

/// What `apply` needs besides the store and the file.
pub struct Context<'a> {
    pub settings: &'a TokenSettings,
    pub options: &'a ApplyOptions,
    pub stamp: &'a Stamp,
    /// Told how many steps are done (entries planned, then executed).
    pub progress: &'a dyn Fn(u64),
}

/// Applies `manifest`. With `dry_run`, `store` may be `None` (no database yet): everything is
/// planned as new. `before_commit` receives the generated secrets and runs inside the transaction.
pub fn apply(
    store: Option<&mut Store>,
    manifest: &Manifest,
    cx: &Context<'_>,
    before_commit: impl FnOnce(&[Generated]) -> Result<()>,
) -> Result<Outcome> {
    let Some(store) = store else {
        let plan = plan::plan(None, manifest, cx)?;
        return Ok(outcome::describe(&plan, manifest, None));
    };
    if cx.options.dry_run {
        let plan = plan::plan(Some(&store.reader()), manifest, cx)?;
        return Ok(outcome::describe(&plan, manifest, None));
    }
    if manifest.entries() > 1000 {
        // Large files touch many index pages: a bigger page cache for this run only, sized to
        // the work (a quarter KiB an entry, 24 MiB for 100,000) and capped, so a file of a
        // million entries still fits a small machine. SQLite writes what does not fit to the WAL.
        store.tune_for_bulk(bulk_cache_mib(manifest.entries()))?;
    }
    let outcome = store.write(|w| {
        let plan = plan::plan(Some(w), manifest, cx)?;
        let (ids, generated) = execute::execute(w, &plan, manifest, cx)?;
        before_commit(&generated)?;
        Ok(outcome::describe(&plan, manifest, Some(&ids)))
    })?;
    if outcome.counts.changed() > 1000 {
        // Committed already: statistics that fail to refresh cost speed, never data.
        let _ = store.refresh_statistics();
    }
    Ok(outcome)
}

/// The page cache of a bulk apply, in MiB.
fn bulk_cache_mib(entries: usize) -> i64 {
    ((entries as i64) / 4 / 1024).clamp(2, 64)
}

/// The role a project or group token entry declares, when it differs from the stored token's.
fn role_change(entry: &TokenEntry, current: &Token) -> Option<AccessLevel> {
    match entry.owner {
        Owner::Project { access_level, .. } | Owner::Group { access_level, .. }
            if current.access_level != Some(access_level) =>
        {
            Some(access_level)
        }
        _ => None,
    }
}

fn day_or_never(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "never".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_changes() {
        let counts = Counts { create: 2, update: 1, rotate: 1, revoke: 1, unchanged: 9 };
        assert_eq!(counts.changed(), 5);
    }

    #[test]
    fn problems_are_reported_in_file_order_up_to_the_cap() {
        assert_eq!(Problems::default().into_result(), Ok(()));
        let one = Error::data("a").with_hint("h");
        let mut problems = Problems::default();
        problems.push(3, one.clone());
        assert_eq!(problems.clone().into_result(), Err(one));
        problems.push(1, Error::new(crate::error::Exit::NoUser, "b"));
        let err = problems.clone().into_result().unwrap_err();
        assert_eq!((err.exit(), err.message(), err.hint()), (crate::error::Exit::NoUser, "b\nerror: a", Some("h")));
        for line in 10..40 {
            problems.push(line, Error::data(format!("e{line}")));
        }
        let err = problems.into_result().unwrap_err();
        let message = err.message();
        assert_eq!(message.lines().count(), 2 + MAX_ERRORS, "{message}");
        assert!(message.starts_with("b\nerror: a\nhint: h\nerror: e10\n"), "{message}");
        assert!(message.ends_with("\nerror: e27\nerror: and 12 more errors"), "{message}");
        assert_eq!(err.hint(), None);
    }

    #[test]
    fn the_bulk_cache_grows_with_the_file_up_to_a_cap() {
        assert_eq!(bulk_cache_mib(1_001), 2);
        assert_eq!(bulk_cache_mib(100_000), 24);
        assert_eq!(bulk_cache_mib(1_000_000), 64);
    }
}
