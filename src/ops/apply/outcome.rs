//! Outcome: the plan (and, after execution, the new ids) as plan lines and counts.

use super::execute::Ids;
use super::manifest::{Manifest, Owner, TokenEntry, UserEntry};
use super::plan::{Plan, TokenPlan, UserPlan};
use super::{Action, Change, Counts, Kind, Outcome, day_or_never, groups, projects, role_change};
use crate::domain::model::UserType;
use crate::domain::secret::Secret;

pub(super) fn describe(plan: &Plan, manifest: &Manifest, ids: Option<&Ids>) -> Outcome {
    let tokens = match ids {
        None => plan.tokens.len(),
        Some(_) => plan.tokens.iter().filter(|t| !matches!(t, TokenPlan::Unchanged { .. })).count(),
    };
    let lines = plan.users.len() + plan.projects.len() + plan.groups.len() + tokens + plan.prune.len();
    // After a real run only what changed is shown: unchanged entries are only counted.
    let keep_unchanged = ids.is_none();
    let mut out = Lines { counts: Counts::default(), changes: Vec::with_capacity(lines), keep_unchanged };
    for (entry, user_plan) in manifest.users.iter().zip(&plan.users) {
        out.push(user_line(entry, user_plan));
    }
    for (i, (entry, project_plan)) in manifest.projects.iter().zip(&plan.projects).enumerate() {
        let (action, id, detail) = projects::describe(entry, project_plan);
        let id = id.or_else(|| ids.and_then(|ids| ids.projects.get(i).copied()));
        let p = entry.path.as_str();
        out.push(Change {
            action,
            kind: Kind::Project,
            owner: p.to_string(),
            name: p.to_string(),
            project: Some(p.to_string()),
            group: None,
            id,
            previous_id: None,
            detail,
        });
    }
    for (i, (entry, group_plan)) in manifest.groups.iter().zip(&plan.groups).enumerate() {
        let (action, id, detail) = groups::describe(entry, group_plan);
        let id = id.or_else(|| ids.and_then(|ids| ids.groups.get(i).copied()));
        let g = entry.path.as_str();
        out.push(Change {
            action,
            kind: Kind::Group,
            owner: g.to_string(),
            name: g.to_string(),
            project: None,
            group: Some(g.to_string()),
            id,
            previous_id: None,
            detail,
        });
    }
    for (i, (entry, token_plan)) in manifest.tokens.iter().zip(&plan.tokens).enumerate() {
        let new_id = ids.and_then(|ids| ids.tokens.get(i).copied().flatten());
        out.push(token_line(entry, token_plan, new_id));
    }
    for token in &plan.prune {
        let project = token.project.as_deref();
        let group = token.group.as_deref();
        out.push(Change {
            action: Action::Revoke,
            kind: Kind::Token,
            owner: project.or(group).unwrap_or(&token.username).to_string(),
            name: token.name.clone(),
            project: project.map(str::to_string),
            group: group.map(str::to_string),
            id: Some(token.id),
            previous_id: None,
            detail: "no longer declared".to_string(),
        });
    }
    let mut generated = 0;
    let mut adopted = Vec::new();
    for (entry, token_plan) in manifest.tokens.iter().zip(&plan.tokens) {
        let (made, adopt) = match token_plan {
            TokenPlan::Create { secret, .. } => (secret.is_none(), None),
            TokenPlan::Rotate { current, secret, adopt, .. } => (secret.is_none(), adopt.then_some(current.id)),
            TokenPlan::Update { current, adopt, .. } => (false, adopt.then_some(current.id)),
            TokenPlan::Unchanged { id, adopt } => (false, adopt.then_some(*id)),
        };
        generated += usize::from(made);
        if let Some(id) = adopt {
            adopted.push((entry.owner.label().to_string(), entry.name.clone(), id));
        }
    }
    Outcome { changes: out.changes, counts: out.counts, stale: plan.stale, generated, adopted }
}

struct Lines {
    counts: Counts,
    changes: Vec<Change>,
    keep_unchanged: bool,
}

impl Lines {
    fn push(&mut self, change: Change) {
        let c = &mut self.counts;
        match change.action {
            Action::Create => c.create += 1,
            Action::Update => c.update += 1,
            Action::Rotate => c.rotate += 1,
            Action::Revoke => c.revoke += 1,
            Action::Unchanged if !self.keep_unchanged => {
                c.unchanged += 1;
                return;
            }
            Action::Unchanged => c.unchanged += 1,
        }
        self.changes.push(change);
    }
}

fn user_line(entry: &UserEntry, plan: &UserPlan) -> Change {
    let (action, id, detail) = match plan {
        UserPlan::Create => {
            let mut facts = vec![entry.user_type.unwrap_or(UserType::Human).as_str()];
            if entry.admin == Some(true) {
                facts.push("admin");
            }
            (Action::Create, None, facts.join(", "))
        }
        UserPlan::Update { user, diff, .. } => (Action::Update, Some(user.id), diff.join("; ")),
        UserPlan::Unchanged(user) => (Action::Unchanged, Some(user.id), String::new()),
    };
    let u = entry.username.clone();
    let (owner, name) = (u.clone(), u);
    Change { action, kind: Kind::User, owner, name, project: None, group: None, id, previous_id: None, detail }
}

/// `owner`: the username, or for a project (group) token the project's (group's) path.
fn token_line(entry: &TokenEntry, plan: &TokenPlan, new_id: Option<i64>) -> Change {
    let (project, group) = match &entry.owner {
        Owner::Project { path, .. } => (Some(path.clone()), None),
        Owner::Group { path, .. } => (None, Some(path.clone())),
        Owner::User(_) => (None, None),
    };
    let role = entry.owner.access_level().map(|l| format!("; role {}", l.as_str())).unwrap_or_default();
    let origin = |secret: &Option<Secret>| if secret.is_some() { "preset secret" } else { "generated secret" };
    let (action, id, previous_id, detail) = match plan {
        TokenPlan::Create { secret, expires_at } => {
            let detail =
                format!("{}{role}; expires {}; {}", entry.scopes.joined(), day_or_never(*expires_at), origin(secret));
            (Action::Create, new_id, None, detail)
        }
        TokenPlan::Update { current, diff, adopt, .. } => {
            let mut detail = diff.join("; ");
            if *adopt {
                detail.push_str("; now managed by this file");
            }
            (Action::Update, Some(current.id), None, detail)
        }
        TokenPlan::Rotate { current, secret, expires_at, reason, .. } => {
            let mut detail = format!("{reason}; expires {}; new {}", day_or_never(*expires_at), origin(secret));
            if let Some(level) = role_change(entry, current) {
                let was = current.access_level.map_or("none", |l| l.as_str());
                detail.push_str(&format!("; access_level {was} -> {}", level.as_str()));
            }
            (Action::Rotate, new_id, Some(current.id), detail)
        }
        TokenPlan::Unchanged { id, adopt } => {
            let detail = if *adopt { "now managed by this file".into() } else { String::new() };
            (Action::Unchanged, Some(*id), None, detail)
        }
    };
    Change {
        action,
        kind: Kind::Token,
        owner: entry.owner.label().to_string(),
        name: entry.name.clone(),
        project,
        group,
        id,
        previous_id,
        detail,
    }
}
