//! What an import writes, decided from a [`Snapshot`]: GitLab's rows turned into patctl's, ids
//! kept. A row patctl cannot keep is skipped and one that breaks a rule patctl enforces is kept;
//! both are reported, grouped by what is wrong, with the ids concerned.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::snapshot::{GitlabMember, GitlabNamespace, GitlabToken, GitlabUser, Snapshot, yaml_scopes};
use crate::domain::gitlab::{
    ImportPlan, ImportedMember, ImportedNotice, ImportedResource, ImportedToken, ImportedUser, access_level, user_type,
};
use crate::domain::model::{UserType, check_username};
use crate::domain::project::AccessLevel;
use crate::domain::scope::{Scope, Scopes};
use crate::domain::{group, project};

/// The rules of the configuration an import reports on.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub require_expiry: bool,
    pub now: DateTime<Utc>,
}

/// Findings about rows, by what is wrong: the ids of the rows concerned.
#[derive(Debug, Default)]
pub struct Findings(BTreeMap<String, Vec<String>>);

impl Findings {
    fn add(&mut self, what: impl Into<String>, id: impl ToString) {
        self.0.entry(what.into()).or_default().push(id.to_string());
    }

    /// One line per finding: `what (N: ids 1, 2, 3, ...)`.
    pub fn lines(&self) -> Vec<String> {
        const SHOWN: usize = 10;
        self.0
            .iter()
            .map(|(what, ids)| {
                let more = if ids.len() > SHOWN { ", ..." } else { "" };
                let shown: Vec<&str> = ids.iter().take(SHOWN).map(String::as_str).collect();
                format!("{what} ({}: {}{more})", ids.len(), shown.join(", "))
            })
            .collect()
    }
}

/// The bot's project or group and its role there.
#[derive(Debug, Clone, Copy)]
enum Resource {
    Project(i64, AccessLevel),
    Group(i64, AccessLevel),
}

pub fn plan(snapshot: &Snapshot, rules: Rules) -> (ImportPlan, Findings) {
    let mut findings = Findings::default();
    let mut out = ImportPlan::default();
    let namespaces: HashMap<i64, &GitlabNamespace> = snapshot.namespaces.iter().map(|n| (n.id, n)).collect();
    out.users = snapshot.users.iter().filter_map(|u| user(u, rules, &mut findings)).collect();
    let users: HashMap<i64, &ImportedUser> = out.users.iter().map(|u| (u.id, u)).collect();
    let resources = memberships(snapshot, &users, &namespaces, &mut findings);
    let (projects, groups) = resources_of(snapshot, &resources, &namespaces, rules, &mut findings);
    // A resource that could not be kept leaves its bot a user without a role.
    let resources: HashMap<i64, Resource> = resources
        .into_iter()
        .filter(|(_, r)| match r {
            Resource::Project(id, _) => projects.iter().any(|p| p.id == *id),
            Resource::Group(id, _) => groups.iter().any(|g| g.id == *id),
        })
        .collect();
    for (user_id, resource) in &resources {
        let created_at = users[user_id].created_at;
        match *resource {
            Resource::Project(id, level) => out.project_members.push(member(id, *user_id, level, created_at)),
            Resource::Group(id, level) => out.group_members.push(member(id, *user_id, level, created_at)),
        }
    }
    out.project_members.sort_by_key(|m| (m.resource_id, m.user_id));
    out.group_members.sort_by_key(|m| (m.resource_id, m.user_id));
    out.projects = projects;
    out.groups = groups;
    let mut tokens: Vec<&GitlabToken> = snapshot.tokens.iter().collect();
    tokens.sort_by_key(|t| t.id);
    for gitlab in tokens {
        let Some(token) = token(gitlab, &users, &resources, rules, &mut findings) else { continue };
        out.notices.extend(notices(gitlab, &token));
        out.tokens.push(token);
    }
    let kept: std::collections::HashSet<i64> = out.tokens.iter().map(|t| t.id).collect();
    for token in &mut out.tokens {
        // GitLab deletes nothing, but a skipped row breaks the chain there.
        token.previous_token_id = token.previous_token_id.filter(|id| kept.contains(id) && *id < token.id);
    }
    (out, findings)
}

fn member(resource_id: i64, user_id: i64, access_level: AccessLevel, created_at: DateTime<Utc>) -> ImportedMember {
    ImportedMember { resource_id, user_id, access_level, created_at }
}

fn user(gitlab: &GitlabUser, rules: Rules, findings: &mut Findings) -> Option<ImportedUser> {
    if check_username(&gitlab.username).is_err() {
        findings.add("users whose username patctl cannot keep: skipped with their tokens", gitlab.id);
        return None;
    }
    Some(ImportedUser {
        id: gitlab.id,
        username: gitlab.username.clone(),
        name: gitlab.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| gitlab.username.clone()),
        email: gitlab.email.clone(),
        user_type: user_type(gitlab.user_type),
        blocked: gitlab.state.as_deref().is_some_and(|s| s != "active"),
        admin: gitlab.admin,
        created_at: gitlab.created_at.unwrap_or(rules.now),
    })
}

/// Each imported bot's project or group, from its first usable membership.
fn memberships(
    snapshot: &Snapshot,
    users: &HashMap<i64, &ImportedUser>,
    namespaces: &HashMap<i64, &GitlabNamespace>,
    findings: &mut Findings,
) -> HashMap<i64, Resource> {
    let mut resources = HashMap::new();
    let mut members: Vec<&GitlabMember> = snapshot.members.iter().collect();
    members.sort_by_key(|m| (m.user_id, m.source_id));
    for m in members {
        let Some(bot) = users.get(&m.user_id).filter(|u| u.user_type == UserType::ProjectBot) else { continue };
        let Some(level) = access_level(m.access_level) else {
            findings.add(
                format!("bot memberships with access level {} (not a role patctl has): skipped", m.access_level),
                bot.id,
            );
            continue;
        };
        let resource = match m.source_type.as_str() {
            "Project" => Resource::Project(m.source_id, level),
            "Namespace" if namespaces.get(&m.source_id).is_some_and(|n| n.kind.as_deref() == Some("Group")) => {
                Resource::Group(m.source_id, level)
            }
            _ => continue,
        };
        if resources.insert(bot.id, resource).is_some() {
            findings.add("bots that are members of more than one project or group: the last one kept", bot.id);
        }
    }
    resources
}

fn resources_of(
    snapshot: &Snapshot,
    resources: &HashMap<i64, Resource>,
    namespaces: &HashMap<i64, &GitlabNamespace>,
    rules: Rules,
    findings: &mut Findings,
) -> (Vec<ImportedResource>, Vec<ImportedResource>) {
    let mut bots: BTreeMap<(bool, i64), i64> = BTreeMap::new();
    for resource in resources.values() {
        let key = match resource {
            Resource::Project(id, _) => (true, *id),
            Resource::Group(id, _) => (false, *id),
        };
        *bots.entry(key).or_default() += 1;
    }
    let mut projects = Vec::new();
    let mut groups = Vec::new();
    for (&(is_project, id), &count) in &bots {
        let found = if is_project {
            snapshot.projects.iter().find(|p| p.id == id).and_then(|p| {
                let path = format!("{}/{}", full_path(p.namespace_id, namespaces)?, p.path);
                project::check_path(&path).ok()?;
                Some((path, p.name.clone().unwrap_or_else(|| p.path.clone()), p.created_at))
            })
        } else {
            namespaces.get(&id).and_then(|n| {
                let path = full_path(id, namespaces)?;
                group::check_path(&path).ok()?;
                Some((path, n.name.clone().unwrap_or_else(|| n.path.clone()), n.created_at))
            })
        };
        let kind = if is_project { "projects" } else { "groups" };
        let Some((path, name, created_at)) = found else {
            findings.add(format!("{kind} with bots whose path cannot be read or kept: their tokens are personal"), id);
            continue;
        };
        let resource =
            ImportedResource { id, path, name, bots_created: count, created_at: created_at.unwrap_or(rules.now) };
        if is_project { projects.push(resource) } else { groups.push(resource) }
    }
    (projects, groups)
}

/// `parent/child` of a namespace, by its parents (at most 20 deep, as GitLab's).
fn full_path(id: i64, namespaces: &HashMap<i64, &GitlabNamespace>) -> Option<String> {
    let mut segments = Vec::new();
    let mut at = Some(id);
    while let Some(id) = at {
        let namespace = namespaces.get(&id)?;
        segments.push(namespace.path.as_str());
        at = namespace.parent_id;
        if segments.len() > 20 {
            return None;
        }
    }
    segments.reverse();
    Some(segments.join("/"))
}

fn token(
    gitlab: &GitlabToken,
    users: &HashMap<i64, &ImportedUser>,
    resources: &HashMap<i64, Resource>,
    rules: Rules,
    findings: &mut Findings,
) -> Option<ImportedToken> {
    let Some(owner) = users.get(&gitlab.user_id) else {
        findings.add("tokens whose owner was not read: skipped", gitlab.id);
        return None;
    };
    let Some(digest) = gitlab.digest.clone() else {
        findings.add("tokens without a token_digest (made before GitLab kept digests): skipped", gitlab.id);
        return None;
    };
    if crate::domain::text::check_field("name", &gitlab.name, 255).is_err()
        || gitlab
            .description
            .as_deref()
            .is_some_and(|d| crate::domain::text::check_field("description", d, 255).is_err())
    {
        findings.add("tokens whose name or description patctl cannot keep: skipped", gitlab.id);
        return None;
    }
    let scopes = scopes(gitlab, findings)?;
    let resource = resources.get(&owner.id).copied();
    let (project_id, group_id, access_level) = match resource {
        Some(Resource::Project(id, level)) => (Some(id), None, Some(level)),
        Some(Resource::Group(id, level)) => (None, Some(id), Some(level)),
        None => (None, None, None),
    };
    check_rules(gitlab, owner, &scopes, resource.is_some(), rules, findings);
    let created_at = gitlab.created_at.unwrap_or(rules.now);
    Some(ImportedToken {
        id: gitlab.id,
        user_id: owner.id,
        name: gitlab.name.clone(),
        description: gitlab.description.clone(),
        digest,
        scopes,
        expires_at: gitlab.expires_at,
        revoked: gitlab.revoked,
        impersonation: gitlab.impersonation,
        last_used_at: gitlab.last_used_at,
        created_at,
        updated_at: gitlab.updated_at.unwrap_or(created_at),
        previous_token_id: gitlab.previous_id,
        project_id,
        group_id,
        access_level,
    })
}

/// The scopes patctl knows; unknown ones are dropped and reported, and a token left with none
/// is skipped (it could do nothing patctl can say).
fn scopes(gitlab: &GitlabToken, findings: &mut Findings) -> Option<Scopes> {
    let mut known = Vec::new();
    for name in yaml_scopes(gitlab.scopes.as_deref().unwrap_or("")) {
        match name.parse::<Scope>() {
            Ok(scope) => known.push(scope),
            Err(_) => findings.add(
                format!(
                    "tokens with scope '{}', which patctl does not know: dropped",
                    crate::domain::text::escape(&name)
                ),
                gitlab.id,
            ),
        }
    }
    if known.is_empty() {
        findings.add("tokens with no scope patctl knows: skipped", gitlab.id);
        return None;
    }
    Some(Scopes::from_vec(known))
}

/// Rules patctl enforces on what it makes, reported for what GitLab made: kept as they are.
fn check_rules(
    gitlab: &GitlabToken,
    owner: &ImportedUser,
    scopes: &Scopes,
    resource: bool,
    rules: Rules,
    findings: &mut Findings,
) {
    if gitlab.expires_at.is_none() && rules.require_expiry && !gitlab.revoked {
        findings.add("tokens without an expiry, which tokens.require_expiry forbids: imported as they are", gitlab.id);
    }
    if scopes.check_owner(&owner.username, owner.admin).is_err() {
        findings.add("tokens with an admin-only scope whose owner is not an admin: imported as they are", gitlab.id);
    }
    if resource && scopes.check_project().is_err() {
        findings.add("project or group tokens with a scope such tokens may not hold: imported as they are", gitlab.id);
    }
    if owner.user_type == UserType::ProjectBot && !resource {
        findings.add("tokens of bots with no project or group read: imported as personal tokens", gitlab.id);
    }
}

/// GitLab's record of sent expiry mails, as patctl's: the 60/30/7-day timestamps (17.7+), the
/// older single 7-day flag, and the mail on the day of expiry.
fn notices(gitlab: &GitlabToken, token: &ImportedToken) -> Vec<ImportedNotice> {
    let mut notices = Vec::new();
    let mut add = |threshold_days, at: Option<DateTime<Utc>>| {
        if let Some(notified_at) = at {
            notices.push(ImportedNotice { token_id: token.id, threshold_days, notified_at });
        }
    };
    add(60, gitlab.sixty_days_notification_sent_at);
    add(30, gitlab.thirty_days_notification_sent_at);
    let seven =
        gitlab.seven_days_notification_sent_at.or(gitlab.expire_notification_delivered.then_some(token.updated_at));
    add(7, seven);
    add(0, gitlab.after_expiry_notification_delivered.then_some(token.updated_at));
    notices
}
