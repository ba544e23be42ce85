//! Projects and project access tokens (GitLab's resource access tokens); their bot users are
//! in [`super::bots`].

use serde_json::json;

use super::Stamp;
use super::bots;
use super::tokens::{self, CreateToken, Created, TokenSettings};
use crate::domain::model::Member;
use crate::domain::model::{Token, UserType};
use crate::domain::project::{self, AccessLevel, Project};
use crate::domain::text::{check_field, escape, suggest};
use crate::error::{Error, Result};
use crate::store::{Event, Reader, Store, TokenFilter, Writer};

pub enum Added {
    Created(Project),
    /// `--if-not-exists` and the project was there already.
    Existing(Project),
}

/// Adds a project at `path`; its name defaults to the last path segment.
pub fn add(store: &mut Store, path: &str, name: Option<&str>, if_not_exists: bool, stamp: &Stamp) -> Result<Added> {
    project::check_path(path)?;
    let name = name.unwrap_or_else(|| default_name(path));
    check_field("name", name, 255)?;
    store.write(|w| {
        if let Some(existing) = w.project_by_path(path)? {
            if if_not_exists {
                return Ok(Added::Existing(existing));
            }
            return Err(Error::data(format!("project '{}' already exists", existing.path))
                .with_hint("use --if-not-exists to accept an existing project"));
        }
        add_in(w, path, name, json!({}), stamp).map(Added::Created)
    })
}

/// A new project's name when none is given: the last segment of its path.
pub fn default_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Inserts a checked, not yet existing project and records it, inside the caller's transaction
/// (`project add`, and `apply` for a `[[projects]]` entry). `extra` is merged into the event.
pub(crate) fn add_in(
    w: &Writer<'_>,
    path: &str,
    name: &str,
    extra: serde_json::Value,
    stamp: &Stamp,
) -> Result<Project> {
    let project = w.insert_project(path, name, stamp.now)?;
    let mut details = json!({"path": project.path, "name": project.name});
    if let (Some(map), serde_json::Value::Object(extra)) = (details.as_object_mut(), extra) {
        map.extend(extra);
    }
    w.record(stamp, Event::project("project.add", project.id, details))?;
    Ok(project)
}

/// Finds a project by path, or fails with exit 66 and a suggestion.
pub fn find(reader: &Reader<'_>, path: &str) -> Result<Project> {
    if let Some(project) = reader.project_by_path(path)? {
        return Ok(project);
    }
    let hint = match suggest(path, reader.project_paths()?.iter().map(String::as_str)) {
        Some(near) => format!("did you mean '{near}'? To add the project: patctl project add {}", escape(path)),
        None => format!("patctl project add {}", escape(path)),
    };
    Err(Error::not_found(format!("no project '{}'", escape(path))).with_hint(hint))
}

/// A project with its members and tokens (all states), for `project show`.
pub struct Detail {
    pub project: Project,
    pub members: Vec<Member>,
    pub tokens: Vec<Token>,
}

pub fn detail(reader: &Reader<'_>, path: &str, today: chrono::NaiveDate) -> Result<Detail> {
    let project = find(reader, path)?;
    let members = reader.members(project.id)?;
    let mut tokens = Vec::new();
    let filter =
        TokenFilter { project_id: Some(project.id), state: crate::store::StateFilter::All, ..TokenFilter::default() };
    reader.for_each_token(&filter, today, |t| {
        tokens.push(t);
        Ok(())
    })?;
    Ok(Detail { project, members, tokens })
}

/// A project in `project list`: with its members and active token count.
pub struct Summary {
    pub project: Project,
    pub members: Vec<Member>,
    pub active_tokens: i64,
}

pub fn list(reader: &Reader<'_>, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<Summary>> {
    reader
        .projects()?
        .into_iter()
        .map(|project| {
            let members = reader.members(project.id)?;
            let active_tokens = reader.count_active_project_tokens(project.id, now)?;
            Ok(Summary { project, members, active_tokens })
        })
        .collect()
}

/// Removes a project: revokes its tokens (deleting their bots) and marks it removed. The row is
/// kept so that its tokens still name their project. Returns the tokens revoked.
pub fn remove(store: &mut Store, path: &str, stamp: &Stamp) -> Result<Vec<Token>> {
    store.write(|w| {
        let project = find(w, path)?;
        let mut revoked = Vec::new();
        let filter = TokenFilter { project_id: Some(project.id), now: Some(stamp.now), ..TokenFilter::default() };
        let mut live = Vec::new();
        // Active tokens, plus expired ones that are not revoked: a removed project keeps none.
        for state in [crate::store::StateFilter::Active, crate::store::StateFilter::Expired] {
            w.for_each_token(&TokenFilter { state, ..filter.clone() }, stamp.now.date_naive(), |t| {
                live.push(t);
                Ok(())
            })?;
        }
        live.sort_by_key(|t| t.id);
        for token in &live {
            // An earlier bot deletion may have revoked this one already.
            let current = w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?;
            if current.is_revoked(stamp.now) {
                continue;
            }
            tokens::revoke_in(w, &current, "project_remove", stamp)?;
            revoked.push(w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?);
        }
        // Members that are not bots (none today) simply leave with the project.
        for member in w.members(project.id)? {
            if member.user_type == UserType::ProjectBot
                && let Some(bot) = w.user_by_id(member.user_id)?
            {
                bots::delete_bot(w, &bot, stamp)?;
            }
        }
        w.mark_project_removed(project.id, stamp.now)?;
        w.record(
            stamp,
            Event::project(
                "project.remove",
                project.id,
                json!({
                    "path": project.path,
                    "name": project.name,
                    "revoked_token_ids": revoked.iter().map(|t| t.id).collect::<Vec<_>>(),
                }),
            ),
        )?;
        Ok(revoked)
    })
}

/// Project token policy the configuration sets.
pub struct ProjectTokenSettings {
    /// config `project_tokens.default_lifetime_days`
    pub default_lifetime_days: u32,
    /// config `mail.host`, for the bot's noreply address
    pub mail_host: String,
}

/// Checks a project token request without the database: the path, the scopes project tokens
/// may hold, and the token's own fields.
pub fn check_request(project: &str, request: &CreateToken, settings: &TokenSettings) -> Result<()> {
    project::check_path(project)?;
    request.scopes.check_project()?;
    request.check(settings)
}

/// Creates, in one transaction, a bot user for the project, its membership with the role, and
/// the token it owns.
pub fn create_token(
    store: &mut Store,
    settings: &TokenSettings,
    project_settings: &ProjectTokenSettings,
    (path, access_level): (&str, AccessLevel),
    request: CreateToken,
    stamp: &Stamp,
) -> Result<Created> {
    check_request(path, &request, settings)?;
    let expires_at =
        settings.expiry.resolve(request.expiry, stamp.now.date_naive(), project_settings.default_lifetime_days)?;
    store.write(|w| {
        let project = find(w, path)?;
        let same = |t: &Token| t.project_id == Some(project.id);
        let named = || -> Result<Vec<Token>> {
            let mut found = Vec::new();
            let filter = TokenFilter { project_id: Some(project.id), now: Some(stamp.now), ..TokenFilter::default() };
            w.for_each_token(&filter, stamp.now.date_naive(), |t| {
                if t.name == request.name {
                    found.push(t);
                }
                Ok(())
            })?;
            Ok(found)
        };
        if let Some(found) = tokens::existing(w, settings, &request, stamp, same, named)? {
            return Ok(found);
        }
        let bot = bots::add_bot(w, &project, access_level, &project_settings.mail_host, stamp)?;
        let new = tokens::NewFor {
            owner: &bot,
            expires_at,
            impersonation: false,
            project: Some((&project, access_level)),
            group: None,
        };
        tokens::insert_new(w, settings, &request, &new, stamp)
    })
}
