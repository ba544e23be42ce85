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

/// Creates the next bot user of a project and makes it a member with `level`, inside the
/// caller's transaction (`create --project`, and `apply` for a new project token).
pub(crate) fn add_bot(
    w: &Writer<'_>,
    project: &Project,
    level: AccessLevel,
    mail_host: &str,
    stamp: &Stamp,
) -> Result<User> {
    // Should a user already hold the next name (added by hand), the bot takes the following one.
    let (earlier, username) = loop {
        let earlier = w.next_bot_number(project.id)?;
        let username = project::bot_username(project.id, earlier);
        if w.user_by_username(&username)?.is_none() {
            break (earlier, username);
        }
    };
    let email = project::bot_email(project.id, earlier, mail_host);
    let name = format!("{} bot", project.name);
    let bot = super::users::insert(
        w,
        &NewUser {
            username: &username,
            name: &name,
            email: Some(&email),
            user_type: UserType::ProjectBot,
            admin: false,
            created_at: stamp.now,
        },
        stamp,
        json!({"project": project.path, "access_level": level.as_str()}),
    )?;
    add_member(w, project, &bot, level, stamp)?;
    Ok(bot)
}

/// Adds a member to a project. A project bot belongs to exactly one project.
pub(crate) fn add_member(
    w: &Writer<'_>,
    project: &Project,
    user: &User,
    level: AccessLevel,
    stamp: &Stamp,
) -> Result<()> {
    match user.user_type {
        UserType::Ghost => return Err(Error::data("the ghost user cannot join a project")),
        UserType::ProjectBot
            if w.project_ids_of_member(user.id)?.iter().any(|id| *id != project.id)
                || !w.group_ids_of_member(user.id)?.is_empty() =>
        {
            return Err(Error::data(format!(
                "'{}' is the bot user of another project or group and cannot be added to {}",
                user.username, project.path
            )));
        }
        _ => {}
    }
    w.insert_member(project.id, user.id, level, stamp.now)?;
    w.record(
        stamp,
        Event {
            action: "project.member_add",
            target_type: "project",
            target_id: Some(project.id),
            username: Some(&user.username),
            token_id: None,
            details: json!({"path": project.path, "access_level": level.as_str()}),
        },
    )
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
    let (earlier, username) = loop {
        let earlier = w.next_group_bot_number(group.id)?;
        let username = group::bot_username(group.id, earlier);
        if w.user_by_username(&username)?.is_none() {
            break (earlier, username);
        }
    };
    let email = group::bot_email(group.id, earlier, mail_host);
    let name = format!("{} bot", group.name);
    let bot = super::users::insert(
        w,
        &NewUser {
            username: &username,
            name: &name,
            email: Some(&email),
            user_type: UserType::ProjectBot,
            admin: false,
            created_at: stamp.now,
        },
        stamp,
        json!({"group": group.path, "access_level": level.as_str()}),
    )?;
    add_group_member(w, group, &bot, level, stamp)?;
    Ok(bot)
}

/// Adds a member to a group. A group bot belongs to exactly one group.
pub(crate) fn add_group_member(
    w: &Writer<'_>,
    group: &Group,
    user: &User,
    level: AccessLevel,
    stamp: &Stamp,
) -> Result<()> {
    match user.user_type {
        UserType::Ghost => return Err(Error::data("the ghost user cannot join a group")),
        UserType::ProjectBot
            if w.group_ids_of_member(user.id)?.iter().any(|id| *id != group.id)
                || !w.project_ids_of_member(user.id)?.is_empty() =>
        {
            return Err(Error::data(format!(
                "'{}' is the bot user of another project or group and cannot be added to {}",
                user.username, group.path
            )));
        }
        _ => {}
    }
    w.insert_group_member(group.id, user.id, level, stamp.now)?;
    w.record(
        stamp,
        Event {
            action: "group.member_add",
            target_type: "group",
            target_id: Some(group.id),
            username: Some(&user.username),
            token_id: None,
            details: json!({"path": group.path, "access_level": level.as_str()}),
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
