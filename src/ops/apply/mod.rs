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
use crate::error::Result;
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
    store.write(|w| {
        let plan = plan::plan(Some(w), manifest, cx)?;
        let (ids, generated) = execute::execute(w, &plan, manifest, cx)?;
        before_commit(&generated)?;
        Ok(outcome::describe(&plan, manifest, Some(&ids)))
    })
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
    fn the_bulk_cache_grows_with_the_file_up_to_a_cap() {
        assert_eq!(bulk_cache_mib(1_001), 2);
        assert_eq!(bulk_cache_mib(100_000), 24);
        assert_eq!(bulk_cache_mib(1_000_000), 64);
    }
}
