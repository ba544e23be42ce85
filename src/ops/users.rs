use serde_json::json;

use super::Stamp;
use crate::domain::address::check_user_email;
use crate::domain::model::{User, UserType, check_username};
use crate::domain::text::{check_field, escape, suggest};
use crate::error::{Error, Exit, Result};
use crate::store::{Event, NewUser, Reader, Store, Writer};

pub struct AddUser {
    pub username: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Human, Bot or ServiceAccount.
    pub user_type: UserType,
    pub admin: bool,
}

pub enum Added {
    Created(User),
    /// `--if-not-exists` and the user was there already.
    Existing(User),
}

impl AddUser {
    /// Checks the input before any database is opened.
    pub fn check(&self) -> Result<()> {
        check_username(&self.username)?;
        if let Some(name) = &self.name {
            check_field("name", name, 255)?;
        }
        if let Some(email) = &self.email {
            check_user_email(email)?;
        }
        Ok(())
    }
}

pub fn add(store: &mut Store, new: &AddUser, if_not_exists: bool, stamp: &Stamp) -> Result<Added> {
    new.check()?;
    store.write(|w| {
        if let Some(existing) = w.user_by_username(&new.username)? {
            if if_not_exists {
                return Ok(Added::Existing(existing));
            }
            return Err(Error::data(format!("user '{}' already exists", existing.username))
                .with_hint("use --if-not-exists to accept an existing user"));
        }
        let user = insert(
            w,
            &NewUser {
                username: &new.username,
                name: new.name.as_deref().unwrap_or(&new.username),
                email: new.email.as_deref(),
                user_type: new.user_type,
                admin: new.admin,
                created_at: stamp.now,
            },
            stamp,
            json!({}),
        )?;
        Ok(Added::Created(user))
    })
}

/// Inserts a user and records `user.add` with its profile and `extra` details, inside `w`'s
/// transaction: the one way users come to be (by hand, by apply, or as a project's bot).
pub(crate) fn insert(w: &Writer<'_>, new: &NewUser<'_>, stamp: &Stamp, extra: serde_json::Value) -> Result<User> {
    let user = w.insert_user(new)?;
    let mut details = json!({
        "name": user.name,
        "email": user.email,
        "user_type": user.user_type.as_str(),
        "admin": user.admin,
    });
    if let (Some(map), serde_json::Value::Object(extra)) = (details.as_object_mut(), extra) {
        map.extend(extra);
    }
    w.record(stamp, Event::user("user.add", &user, details))?;
    Ok(user)
}

/// Finds a user, or fails with exit 67, a suggestion and the command that creates it.
pub fn find(reader: &Reader<'_>, username: &str) -> Result<User> {
    if let Some(user) = reader.user_by_username(username)? {
        return Ok(user);
    }
    if username.is_empty() {
        // No suggestion: the nearest name to nothing is any name, and `user add ''` is no command.
        return Err(unknown(username).with_hint("give a username; patctl user list shows them"));
    }
    let shown = escape(username);
    let hint = match suggest(username, reader.usernames()?.iter().map(String::as_str)) {
        Some(near) => format!("did you mean '{near}'? To create the user: patctl user add {shown}"),
        None => format!("patctl user add {shown}"),
    };
    Err(unknown(username).with_hint(hint))
}

/// Exit 67 for a user that does not exist. No hint: each caller knows the next step.
pub(crate) fn unknown(username: &str) -> Error {
    Error::new(Exit::NoUser, format!("unknown user '{}'", escape(username)))
}

pub enum BlockOutcome {
    Changed(User),
    Unchanged(User),
}

/// Blocks or unblocks a user. Bot users of projects are managed through their project.
pub fn set_blocked(store: &mut Store, username: &str, blocked: bool, stamp: &Stamp) -> Result<BlockOutcome> {
    store.write(|w| {
        let user = find(w, username)?;
        if matches!(user.user_type, UserType::ProjectBot | UserType::Ghost) {
            return Err(Error::data(format!(
                "'{}' is a {} user and cannot be blocked or unblocked by hand",
                user.username,
                user.user_type.as_str()
            )));
        }
        if user.blocked == blocked {
            return Ok(BlockOutcome::Unchanged(user));
        }
        w.set_user_blocked(user.id, blocked)?;
        let action = if blocked { "user.block" } else { "user.unblock" };
        w.record(stamp, Event::user(action, &user, json!({})))?;
        Ok(BlockOutcome::Changed(User { blocked, ..user }))
    })
}
