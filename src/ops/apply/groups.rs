//! Group entries of an apply file: `[[groups]]` and tokens with `group = "PATH"` and
//! `access_level`, handled as `projects.rs` handles projects:
//!
//! - A `[[groups]]` entry creates the group when it is missing (as `patctl group add`), leaves it
//!   alone when it exists, and renames it in place when the file gives another `name`.
//! - A group token is created as `patctl create --group` creates one: a new bot user
//!   (`group_{id}_bot`, `group_{id}_bot1`, ...) that is a member with the token's role.
//! - A managed group token is identified by (group, name); updates, rotations, role changes and
//!   `--prune` work as for project tokens.

use std::collections::HashMap;

use serde_json::json;

use super::manifest::{GroupEntry, Manifest};
use super::projects::Known;
use crate::domain::group::Group;
use crate::domain::model::Token;
use crate::domain::project::AccessLevel;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::ops::Stamp;
use crate::store::{Event, Reader, Writer};

pub(super) enum GroupPlan {
    Create,
    /// The file names the group differently: renamed in place.
    Rename {
        group: Group,
        name: String,
    },
    Unchanged(Group),
}

/// Plans every `[[groups]]` entry; returns the plans and the groups they make known.
pub(super) fn plan_groups(
    reader: Option<&Reader<'_>>,
    manifest: &Manifest,
    progress: &mut dyn FnMut(),
) -> Result<(Vec<GroupPlan>, Known)> {
    let mut plans = Vec::with_capacity(manifest.groups.len());
    let mut known = Known::with_capacity(manifest.groups.len());
    for entry in &manifest.groups {
        let existing = match reader {
            Some(r) => r.group_by_path(&entry.path)?,
            None => None,
        };
        known.insert(entry.path.to_lowercase(), existing.as_ref().map(|g| g.id));
        plans.push(match existing {
            None => GroupPlan::Create,
            Some(group) => match &entry.name {
                Some(name) if *name != group.name => GroupPlan::Rename { group, name: name.clone() },
                _ => GroupPlan::Unchanged(group),
            },
        });
        progress();
    }
    Ok((plans, known))
}

/// The stored id of the group a token names (None: declared in the file, created by this
/// apply); an error when it is neither stored nor declared.
pub(super) fn token_group(reader: Option<&Reader<'_>>, known: &mut Known, path: &str) -> Result<Option<i64>> {
    let key = path.to_lowercase();
    if let Some(id) = known.get(&key) {
        return Ok(*id);
    }
    let found = match reader {
        Some(r) => r.group_by_path(path)?,
        None => None,
    };
    let Some(group) = found else {
        return Err(Error::not_found(format!("no group '{}'", escape(path)))
            .with_hint(format!("declare it in a [[groups]] entry, or: patctl group add {}", escape(path))));
    };
    known.insert(key, Some(group.id));
    Ok(Some(group.id))
}

/// Writes one group plan; returns the group as it now is.
pub(super) fn execute_group(
    w: &Writer<'_>,
    entry: &GroupEntry,
    plan: &GroupPlan,
    source: &str,
    stamp: &Stamp,
) -> Result<Group> {
    match plan {
        GroupPlan::Create => {
            let name = entry.name.as_deref().unwrap_or_else(|| crate::ops::projects::default_name(&entry.path));
            crate::ops::groups::add_in(w, &entry.path, name, json!({"via": "apply", "source": source}), stamp)
        }
        GroupPlan::Rename { group, name } => {
            w.update_group_name(group.id, name)?;
            let details = json!({"path": group.path, "changes": [format!("name '{}' -> '{}'", group.name, name)],
                "via": "apply", "source": source});
            w.record(stamp, Event::group("group.update", group.id, details))?;
            Ok(Group { name: name.clone(), ..group.clone() })
        }
        GroupPlan::Unchanged(group) => Ok(group.clone()),
    }
}

/// The group a token names, while executing: made by this apply, or stored.
pub(super) fn group_for_token(w: &Writer<'_>, made: &HashMap<String, Group>, path: &str) -> Result<Group> {
    match made.get(&path.to_lowercase()) {
        Some(group) => Ok(group.clone()),
        None => w.group_by_path(path)?.ok_or_else(|| Error::not_found(format!("no group '{}'", escape(path)))),
    }
}

/// Changes the role of a group token's bot in its group (the token's own role column is set by
/// the caller) and records it.
pub(super) fn change_role(
    w: &Writer<'_>,
    token: &Token,
    level: AccessLevel,
    source: &str,
    stamp: &Stamp,
) -> Result<()> {
    let Some(group_id) = token.group_id else { return Ok(()) };
    w.update_group_member_level(group_id, token.user_id, level)?;
    w.record(
        stamp,
        Event {
            action: "group.member_update",
            target_type: "group",
            target_id: Some(group_id),
            username: Some(&token.username),
            token_id: Some(token.id),
            details: json!({
                "path": token.group,
                "access_level": level.as_str(),
                "previous_access_level": token.access_level.map(|l| l.as_str()),
                "via": "apply",
                "source": source,
            }),
        },
    )
}

/// The plan line of a group entry: what is done and why.
pub(super) fn describe(entry: &GroupEntry, plan: &GroupPlan) -> (super::Action, Option<i64>, String) {
    use super::Action;
    match plan {
        GroupPlan::Create => {
            let name = entry.name.as_deref().unwrap_or_else(|| crate::ops::projects::default_name(&entry.path));
            (Action::Create, None, format!("name '{}'", escape(name)))
        }
        GroupPlan::Rename { group, name } => {
            (Action::Update, Some(group.id), format!("name '{}' -> '{}'", escape(&group.name), escape(name)))
        }
        GroupPlan::Unchanged(group) => (Action::Unchanged, Some(group.id), String::new()),
    }
}
