//! Groups and group access tokens (GitLab's resource access tokens of a group), as
//! [`super::projects`] does for projects; their bot users are in [`super::bots`].

use serde_json::json;

use super::Stamp;
use super::bots;
use super::projects::ProjectTokenSettings;
use super::tokens::{self, CreateToken, Created, TokenSettings};
use crate::domain::group::{self, Group};
use crate::domain::model::{Member, Token, UserType};
use crate::domain::project::AccessLevel;
use crate::domain::text::{check_field, escape, suggest};
use crate::error::{Error, Result};
use crate::store::{Event, Reader, StateFilter, Store, TokenFilter, Writer};

pub enum Added {
    Created(Group),
    /// `--if-not-exists` and the group was there already.
    Existing(Group),
}

/// Adds a group at `path`; its name defaults to the last path segment.
pub fn add(store: &mut Store, path: &str, name: Option<&str>, if_not_exists: bool, stamp: &Stamp) -> Result<Added> {
    group::check_path(path)?;
    let name = name.unwrap_or_else(|| super::projects::default_name(path));
    check_field("name", name, 255)?;
    store.write(|w| {
        if let Some(existing) = w.group_by_path(path)? {
            if if_not_exists {
                return Ok(Added::Existing(existing));
            }
            return Err(Error::data(format!("group '{}' already exists", existing.path))
                .with_hint("use --if-not-exists to accept an existing group"));
        }
        add_in(w, path, name, json!({}), stamp).map(Added::Created)
    })
}

/// Inserts a checked, not yet existing group and records it, inside the caller's transaction
/// (`group add`, and `apply` for a `[[groups]]` entry). `extra` is merged into the event.
pub(crate) fn add_in(w: &Writer<'_>, path: &str, name: &str, extra: serde_json::Value, stamp: &Stamp) -> Result<Group> {
    let group = w.insert_group(path, name, stamp.now)?;
    let mut details = json!({"path": group.path, "name": group.name});
    if let (Some(map), serde_json::Value::Object(extra)) = (details.as_object_mut(), extra) {
        map.extend(extra);
    }
    w.record(stamp, Event::group("group.add", group.id, details))?;
    Ok(group)
}

/// Finds a group by path, or fails with exit 66 and a suggestion.
pub fn find(reader: &Reader<'_>, path: &str) -> Result<Group> {
    if let Some(group) = reader.group_by_path(path)? {
        return Ok(group);
    }
    let hint = match suggest(path, reader.group_paths()?.iter().map(String::as_str)) {
        Some(near) => format!("did you mean '{near}'? To add the group: patctl group add {}", escape(path)),
        None => format!("patctl group add {}", escape(path)),
    };
    Err(Error::not_found(format!("no group '{}'", escape(path))).with_hint(hint))
}

/// Every token of a group in `state`, oldest first.
fn tokens_of(
    reader: &Reader<'_>,
    group: &Group,
    state: StateFilter,
    stamp_now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Token>> {
    let mut found = Vec::new();
    let filter = TokenFilter { group_id: Some(group.id), state, now: Some(stamp_now), ..TokenFilter::default() };
    reader.for_each_token(&filter, stamp_now.date_naive(), |t| {
        found.push(t);
        Ok(())
    })?;
    Ok(found)
}

/// A group with its members and tokens (all states), for `group show`.
pub struct Detail {
    pub group: Group,
    pub members: Vec<Member>,
    pub tokens: Vec<Token>,
}

pub fn detail(reader: &Reader<'_>, path: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Detail> {
    let group = find(reader, path)?;
    let members = reader.group_members(group.id)?;
    let tokens = tokens_of(reader, &group, StateFilter::All, now)?;
    Ok(Detail { group, members, tokens })
}

/// A group in `group list`: with its member count and active token count.
pub struct Summary {
    pub group: Group,
    pub members: Vec<Member>,
    pub active_tokens: i64,
}

pub fn list(reader: &Reader<'_>, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<Summary>> {
    reader
        .groups()?
        .into_iter()
        .map(|group| {
            let members = reader.group_members(group.id)?;
            let active_tokens = reader.count_active_group_tokens(group.id, now)?;
            Ok(Summary { group, members, active_tokens })
        })
        .collect()
}

/// Removes a group: revokes its tokens (deleting their bots) and marks it removed. The row is
/// kept so that its tokens still name their group. Returns the tokens revoked.
pub fn remove(store: &mut Store, path: &str, stamp: &Stamp) -> Result<Vec<Token>> {
    store.write(|w| {
        let group = find(w, path)?;
        // Active tokens, plus expired ones that are not revoked: a removed group keeps none.
        let mut live = tokens_of(w, &group, StateFilter::Active, stamp.now)?;
        live.extend(tokens_of(w, &group, StateFilter::Expired, stamp.now)?);
        live.sort_by_key(|t| t.id);
        let mut revoked = Vec::new();
        for token in &live {
            // An earlier bot deletion may have revoked this one already.
            let current = w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?;
            if current.is_revoked(stamp.now) {
                continue;
            }
            tokens::revoke_in(w, &current, "group_remove", stamp)?;
            revoked.push(w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?);
        }
        for member in w.group_members(group.id)? {
            if member.user_type == UserType::ProjectBot
                && let Some(bot) = w.user_by_id(member.user_id)?
            {
                bots::delete_bot(w, &bot, stamp)?;
            }
        }
        w.mark_group_removed(group.id, stamp.now)?;
        let details = json!({
            "path": group.path,
            "name": group.name,
            "revoked_token_ids": revoked.iter().map(|t| t.id).collect::<Vec<_>>(),
        });
        w.record(stamp, Event::group("group.remove", group.id, details))?;
        Ok(revoked)
    })
}

/// Checks a group token request without the database: the path, the scopes group tokens may
/// hold (a project token's), and the token's own fields.
pub fn check_request(group: &str, request: &CreateToken, settings: &TokenSettings) -> Result<()> {
    group::check_path(group)?;
    request.scopes.check_group()?;
    request.check(settings)
}

/// Creates, in one transaction, a bot user for the group, its membership with the role, and the
/// token it owns. Group tokens share the project tokens' settings (lifetime, mail host).
pub fn create_token(
    store: &mut Store,
    settings: &TokenSettings,
    resource_settings: &ProjectTokenSettings,
    (path, access_level): (&str, AccessLevel),
    request: CreateToken,
    stamp: &Stamp,
) -> Result<Created> {
    check_request(path, &request, settings)?;
    let expires_at =
        settings.expiry.resolve(request.expiry, stamp.now.date_naive(), resource_settings.default_lifetime_days)?;
    store.write(|w| {
        let group = find(w, path)?;
        let same = |t: &Token| t.group_id == Some(group.id);
        let named = || -> Result<Vec<Token>> {
            let live = tokens_of(w, &group, StateFilter::Active, stamp.now)?;
            Ok(live.into_iter().filter(|t| t.name == request.name).collect())
        };
        if let Some(found) = tokens::existing(w, settings, &request, stamp, same, named)? {
            return Ok(found);
        }
        let bot = bots::add_group_bot(w, &group, access_level, &resource_settings.mail_host, stamp)?;
        let new = tokens::NewFor {
            owner: &bot,
            expires_at,
            impersonation: false,
            project: None,
            group: Some((&group, access_level)),
        };
        tokens::insert_new(w, settings, &request, &new, stamp)
    })
}
