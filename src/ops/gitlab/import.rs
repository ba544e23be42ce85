//! The import as one operation: the store's scheme checked, GitLab read, the rows decided, and
//! all of it written in one transaction with one audit event.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

use super::plan::{self, Rules};
use super::{Snapshot, postgres};
use crate::domain::secret::{DigestKey, DigestScheme};
use crate::error::{Error, Result};
use crate::ops::Stamp;
use crate::store::import::ImportOutcome;
use crate::store::{Event, Store};

/// Where the GitLab data comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Csv(PathBuf),
    /// The URI, and how long a lock may be waited for.
    Postgres(String, Duration),
}

impl Source {
    /// As it is recorded and shown: never a password.
    pub fn shown(&self) -> String {
        match self {
            Source::Csv(dir) => format!("csv:{}", dir.display()),
            Source::Postgres(uri, _) => postgres::redacted(uri),
        }
    }
}

/// What an import did (or, dry, would do).
#[derive(Debug)]
pub struct Report {
    pub source: String,
    pub schema_version: Option<String>,
    pub dry_run: bool,
    pub outcome: ImportOutcome,
    /// What the GitLab side lacked, rows patctl skipped or keeps despite its rules, conflicts.
    pub warnings: Vec<String>,
}

/// GitLab's digests verify only in a store that makes digests GitLab's way with the same key;
/// the store itself refused another key when it was opened.
pub fn check_scheme(key: &DigestKey) -> Result<()> {
    if key.scheme() == DigestScheme::Gitlab {
        return Ok(());
    }
    Err(Error::config("import gitlab needs a store with GitLab digests; this config uses patctl digests").with_hint(
        "create a new store with tokens.digest = \"gitlab\" and the instance's db_key_base (tokens.gitlab_secrets_file), then import into it",
    ))
}

pub fn import(store: &mut Store, source: &Source, rules: Rules, stamp: &Stamp, dry_run: bool) -> Result<Report> {
    let snapshot: Snapshot = match source {
        Source::Csv(dir) => super::read_csv(dir)?,
        Source::Postgres(uri, wait) => postgres::read(uri, *wait)?,
    };
    let (plan, findings) = plan::plan(&snapshot, rules);
    let shown = source.shown();
    let outcome = store.write(|w| {
        let outcome = w.import_gitlab(&plan, &shown, stamp.now, dry_run)?;
        if !dry_run && outcome.changed() {
            let details = json!({
                "source": shown,
                "gitlab_schema_version": snapshot.schema_version,
                "tokens": counts(outcome.tokens),
                "users": counts(outcome.users),
            });
            w.record(
                stamp,
                Event {
                    action: "gitlab.import",
                    target_type: "database",
                    target_id: None,
                    username: None,
                    token_id: None,
                    details,
                },
            )?;
        }
        Ok(outcome)
    })?;
    let mut warnings = snapshot.warnings.clone();
    warnings.extend(findings.lines());
    warnings.extend(outcome.conflicts.iter().cloned());
    Ok(Report { source: shown, schema_version: snapshot.schema_version, dry_run, outcome, warnings })
}

pub fn counts(c: crate::store::import::Counts) -> serde_json::Value {
    json!({ "created": c.created, "updated": c.updated, "unchanged": c.unchanged })
}
