//! Project entries of an apply file: `[[projects]]` and tokens with `project = "GROUP/PROJECT"`
//! and `access_level`.
//!
//! - A `[[projects]]` entry creates the project when it is missing (as `patctl project add`
//!   does, through the same function), leaves it alone when it exists, and renames it in place
//!   when the file gives another `name` (the path is the identity; bots made earlier keep their
//!   names). A project the file does not declare must exist already.
//! - A project token is created as `patctl create --project` creates one: a new bot user
//!   (`project_{id}_bot`, `project_{id}_bot1`, ...) that is a member with the token's role, and
//!   the token owned by the bot (see `ops::bots::add_bot`).
//! - A managed project token is identified by (project, name): its owner is its bot.
//! - Scopes, description and expiry are updated in place while valid, else the token is rotated
//!   and the new token keeps the same bot (as `patctl rotate` does). An `access_level` change
//!   updates the bot's membership role and the token's role in place.
//! - `--prune` revokes a project token through `patctl revoke`'s path, which deletes its bot and
//!   hands the token over to the ghost user.

use std::collections::HashMap;

use serde_json::json;

use super::manifest::{Manifest, ProjectEntry};
use crate::domain::model::Token;
use crate::domain::project::AccessLevel;
use crate::domain::project::Project;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::ops::Stamp;
use crate::store::{Event, Reader, Writer};

pub(super) enum ProjectPlan {
    Create,
    /// The file names the project differently: renamed in place.
    Rename {
        project: Project,
        name: String,
    },
    Unchanged(Project),
}

/// What the plan knows of each project a token may name: by lower-case path, the stored
/// project's id (None: declared and still to be created).
pub(super) type Known = HashMap<String, Option<i64>>;

/// Plans every `[[projects]]` entry; returns the plans and the projects they make known.
pub(super) fn plan_projects(
    reader: Option<&Reader<'_>>,
    manifest: &Manifest,
    progress: &mut dyn FnMut(),
) -> Result<(Vec<ProjectPlan>, Known)> {
    let mut plans = Vec::with_capacity(manifest.projects.len());
    let mut known = Known::with_capacity(manifest.projects.len());
    for entry in &manifest.projects {
        let existing = match reader {
            Some(r) => r.project_by_path(&entry.path)?,
            None => None,
        };
        known.insert(entry.path.to_lowercase(), existing.as_ref().map(|p| p.id));
        plans.push(match existing {
            None => ProjectPlan::Create,
            Some(project) => match &entry.name {
                Some(name) if *name != project.name => ProjectPlan::Rename { project, name: name.clone() },
                _ => ProjectPlan::Unchanged(project),
            },
        });
        progress();
    }
    Ok((plans, known))
}

/// The stored id of the project a token names (None: declared in the file, created by this
/// apply); an error when it is neither stored nor declared.
pub(super) fn token_project(reader: Option<&Reader<'_>>, known: &mut Known, path: &str) -> Result<Option<i64>> {
    let key = path.to_lowercase();
    if let Some(id) = known.get(&key) {
        return Ok(*id);
    }
    let found = match reader {
        Some(r) => r.project_by_path(path)?,
        None => None,
    };
    let Some(project) = found else {
        return Err(Error::not_found(format!("no project '{}'", escape(path)))
            .with_hint(format!("declare it in a [[projects]] entry, or: patctl project add {}", escape(path))));
    };
    known.insert(key, Some(project.id));
    Ok(Some(project.id))
}

/// Writes one project plan; returns the project as it now is.
pub(super) fn execute_project(
    w: &Writer<'_>,
    entry: &ProjectEntry,
    plan: &ProjectPlan,
    source: &str,
    stamp: &Stamp,
) -> Result<Project> {
    match plan {
        ProjectPlan::Create => {
            let name = entry.name.as_deref().unwrap_or_else(|| crate::ops::projects::default_name(&entry.path));
            crate::ops::projects::add_in(w, &entry.path, name, json!({"via": "apply", "source": source}), stamp)
        }
        ProjectPlan::Rename { project, name } => {
            w.update_project_name(project.id, name)?;
            w.record(
                stamp,
                Event::project(
                    "project.update",
                    project.id,
                    json!({"path": project.path, "changes": [format!("name '{}' -> '{}'", project.name, name)],
                        "via": "apply", "source": source}),
                ),
            )?;
            Ok(Project { name: name.clone(), ..project.clone() })
        }
        ProjectPlan::Unchanged(project) => Ok(project.clone()),
    }
}

/// The project a token names, while executing: made by this apply, or stored.
pub(super) fn project_for_token(w: &Writer<'_>, made: &HashMap<String, Project>, path: &str) -> Result<Project> {
    match made.get(&path.to_lowercase()) {
        Some(project) => Ok(project.clone()),
        None => w.project_by_path(path)?.ok_or_else(|| Error::not_found(format!("no project '{}'", escape(path)))),
    }
}

/// Changes the role of a project token's bot in its project (the token's own role column is
/// set by the caller) and records it.
pub(super) fn change_role(
    w: &Writer<'_>,
    token: &Token,
    level: AccessLevel,
    source: &str,
    stamp: &Stamp,
) -> Result<()> {
    let Some(project_id) = token.project_id else { return Ok(()) };
    w.update_member_level(project_id, token.user_id, level)?;
    w.record(
        stamp,
        Event {
            action: "project.member_update",
            target_type: "project",
            target_id: Some(project_id),
            username: Some(&token.username),
            token_id: Some(token.id),
            details: json!({
                "path": token.project,
                "access_level": level.as_str(),
                "previous_access_level": token.access_level.map(|l| l.as_str()),
                "via": "apply",
                "source": source,
            }),
        },
    )
}

/// The plan line of a project entry: what is done and why.
pub(super) fn describe(entry: &ProjectEntry, plan: &ProjectPlan) -> (super::Action, Option<i64>, String) {
    use super::Action;
    match plan {
        ProjectPlan::Create => {
            let name = entry.name.as_deref().unwrap_or_else(|| crate::ops::projects::default_name(&entry.path));
            (Action::Create, None, format!("name '{}'", escape(name)))
        }
        ProjectPlan::Rename { project, name } => {
            (Action::Update, Some(project.id), format!("name '{}' -> '{}'", escape(&project.name), escape(name)))
        }
        ProjectPlan::Unchanged(project) => (Action::Unchanged, Some(project.id), String::new()),
    }
}
