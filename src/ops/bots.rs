//! Bot users of projects and groups: made for each project or group access token, deleted with
//! it (GitLab's resource access token bots), and the ghost user that inherits their tokens. Used
//! by `ops::projects`, `ops::groups`, `ops::tokens` (revoking such a token deletes its bot) and
//! `apply`.

use serde_json::json;

use super::Stamp;
use crate::domain::group::{self, Group};
use crate::domain::model::{User, UserType};
use crate::domain::project::{self, AccessLevel, Project};
use crate::error::{Error, Result};
use crate::store::{Event, NewUser, Writer};

/// What a bot user belongs to: a project or a group, whose bots follow the same rules (GitLab's
/// resource access tokens) under their own names, tables and audit actions.
#[derive(Clone, Copy)]
enum Resource<'a> {
    Project(&'a Project),
    Group(&'a Group),
}

impl Resource<'_> {
    /// `project` or `group`: the audit target type and the key in event details.
    fn kind(self) -> &'static str {
        match self {
            Resource::Project(_) => "project",
            Resource::Group(_) => "group",
        }
    }
    fn id(self) -> i64 {
        match self {
            Resource::Project(p) => p.id,
            Resource::Group(g) => g.id,
        }
    }
}

/// Creates the next bot user of a project and makes it a member with `level`, inside the
/// caller's transaction (`create --project`, and `apply` for a new project token).
pub(crate) fn add_bot(
    w: &Writer<'_>,
    project: &Project,
    level: AccessLevel,
    mail_host: &str,
    stamp: &Stamp,
) -> Result<User> {
    add_resource_bot(w, Resource::Project(project), level, mail_host, stamp)
}

/// Creates the next bot user of a group (`group_{id}_bot`, `group_{id}_bot1`, ...) and makes it
/// a member with `level`, inside the caller's transaction (`create --group`, and `apply`).
pub(crate) fn add_group_bot(
    w: &Writer<'_>,
    group: &Group,
    level: AccessLevel,
    mail_host: &str,
    stamp: &Stamp,
) -> Result<User> {
    add_resource_bot(w, Resource::Group(group), level, mail_host, stamp)
}

/// Creates the bot user of `resource` and its membership, as [`add_bot`] and [`add_group_bot`] say.
fn add_resource_bot(
    w: &Writer<'_>,
    resource: Resource<'_>,
    level: AccessLevel,
    mail_host: &str,
    stamp: &Stamp,
) -> Result<User> {
    let (path, name) = match resource {
        Resource::Project(p) => (&p.path, &p.name),
        Resource::Group(g) => (&g.path, &g.name),
    };
    // Should a user already hold the next name (added by hand), the bot takes the following one.
    let (earlier, username) = loop {
        let (earlier, username) = match resource {
            Resource::Project(p) => {
                let earlier = w.next_bot_number(p.id)?;
                (earlier, project::bot_username(p.id, earlier))
            }
            Resource::Group(g) => {
                let earlier = w.next_group_bot_number(g.id)?;
                (earlier, group::bot_username(g.id, earlier))
            }
        };
        if w.user_by_username(&username)?.is_none() {
            break (earlier, username);
        }
    };
    let email = match resource {
        Resource::Project(p) => project::bot_email(p.id, earlier, mail_host),
        Resource::Group(g) => group::bot_email(g.id, earlier, mail_host),
    };
    let bot_name = format!("{name} bot");
    let bot = super::users::insert(
        w,
        &NewUser {
            username: &username,
            name: &bot_name,
            email: Some(&email),
            user_type: UserType::ProjectBot,
            admin: false,
            created_at: stamp.now,
        },
        stamp,
        json!({resource.kind(): path, "access_level": level.as_str()}),
    )?;
    add_resource_member(w, resource, &bot, level, stamp)?;
    Ok(bot)
}

/// Adds a member to a project or group. A bot belongs to exactly one project or group.
fn add_resource_member(
    w: &Writer<'_>,
    resource: Resource<'_>,
    user: &User,
    level: AccessLevel,
    stamp: &Stamp,
) -> Result<()> {
    let path = match resource {
        Resource::Project(p) => &p.path,
        Resource::Group(g) => &g.path,
    };
    let kind = resource.kind();
    match user.user_type {
        UserType::Ghost => return Err(Error::data(format!("the ghost user cannot join a {kind}"))),
        UserType::ProjectBot => {
            let (projects, groups) = (w.project_ids_of_member(user.id)?, w.group_ids_of_member(user.id)?);
            let elsewhere = match resource {
                Resource::Project(p) => projects.iter().any(|id| *id != p.id) || !groups.is_empty(),
                Resource::Group(g) => groups.iter().any(|id| *id != g.id) || !projects.is_empty(),
            };
            if elsewhere {
                return Err(Error::data(format!(
                    "'{}' is the bot user of another project or group and cannot be added to {path}",
                    user.username
                )));
            }
        }
        _ => {}
    }
    let action = match resource {
        Resource::Project(p) => {
            w.insert_member(p.id, user.id, level, stamp.now)?;
            "project.member_add"
        }
        Resource::Group(g) => {
            w.insert_group_member(g.id, user.id, level, stamp.now)?;
            "group.member_add"
        }
    };
    w.record(
        stamp,
        Event {
            action,
            target_type: kind,
            target_id: Some(resource.id()),
            username: Some(&user.username),
            token_id: None,
            details: json!({"path": path, "access_level": level.as_str()}),
        },
    )
}

/// Deletes a project or group bot as GitLab does: its remaining tokens are revoked, its membership goes,
/// and its tokens are reassigned to the system's ghost user, so that nothing is lost. Audit
/// events are append-only and keep naming the bot as it was (see the README).
/// Returns the ids of tokens revoked here (besides any the caller revoked already).
pub(crate) fn delete_bot(w: &Writer<'_>, bot: &User, stamp: &Stamp) -> Result<Vec<i64>> {
    let mut revoked = Vec::new();
    let owned = w.tokens_of_user(bot.id)?;
    for token in owned.iter().filter(|t| !t.revoked) {
        // A token still in its rotation grace period, or one never revoked: it dies with the bot.
        w.revoke_token(token.id, stamp.now)?;
        if !token.is_revoked(stamp.now) {
            w.record(
                stamp,
                Event {
                    action: "token.revoke",
                    target_type: "token",
                    target_id: Some(token.id),
                    username: Some(&bot.username),
                    token_id: Some(token.id),
                    details: json!({"name": token.name, "scopes": token.scopes.names(), "reason": "bot_deleted"}),
                },
            )?;
            revoked.push(token.id);
        }
    }
    let projects = w.project_ids_of_member(bot.id)?;
    let groups = w.group_ids_of_member(bot.id)?;
    w.delete_memberships(bot.id)?;
    w.delete_group_memberships(bot.id)?;
    let ghost = ghost_user(w, stamp)?;
    w.reassign_tokens(bot.id, ghost.id, stamp.now)?;
    w.delete_user(bot.id, stamp.now)?;
    let mut details = json!({
        "user_type": bot.user_type.as_str(),
        "email": bot.email,
        "project_ids": projects,
        "token_ids": owned.iter().map(|t| t.id).collect::<Vec<_>>(),
        "reassigned_to": ghost.username,
    });
    // Only a group bot's event names groups, so project bots' events stay as they were.
    if !groups.is_empty() {
        details["group_ids"] = json!(groups);
    }
    w.record(stamp, Event::user("user.delete", bot, details))?;
    Ok(revoked)
}

/// The system-wide ghost user, created the first time a bot is deleted.
fn ghost_user(w: &Writer<'_>, stamp: &Stamp) -> Result<User> {
    if let Some(ghost) = w.ghost_user()? {
        return Ok(ghost);
    }
    // GitLab's name is "ghost"; should a real user hold it, take the first free ghostN.
    let mut username = "ghost".to_string();
    let mut n = 1;
    while w.user_by_username(&username)?.is_some() {
        username = format!("ghost{n}");
        n += 1;
    }
    let ghost = NewUser {
        username: &username,
        name: "Ghost User",
        email: None,
        user_type: UserType::Ghost,
        admin: false,
        created_at: stamp.now,
    };
    super::users::insert(w, &ghost, stamp, json!({}))
}
