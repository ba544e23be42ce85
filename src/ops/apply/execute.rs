//! Execution: writes a plan, inside the transaction it was made in.

use std::collections::HashMap;

use serde_json::json;

use super::manifest::{Manifest, Owner, TokenEntry, UserEntry};
use super::plan::{Plan, TokenPlan, UserPlan};
use super::{Context, Generated, projects, role_change};
use crate::domain::model::{Token, UserType};
use crate::domain::project::Project;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::ops::tokens::audit_details;
use crate::store::{Event, NewToken, NewUser, Writer};

/// Ids assigned while executing: new projects and new tokens, by position in the file.
pub(super) struct Ids {
    pub projects: Vec<i64>,
    pub tokens: Vec<Option<i64>>,
}

/// Why `--prune` revokes a token, in its audit event.
const PRUNED: &str = "no longer declared (apply --prune)";

pub(super) fn execute(
    w: &Writer<'_>,
    plan: &Plan,
    manifest: &Manifest,
    cx: &Context<'_>,
) -> Result<(Ids, Vec<Generated>)> {
    let mut done = manifest.entries() as u64;
    let mut step = || {
        done += 1;
        (cx.progress)(done);
    };
    let mut run = Run { w, cx, user_ids: HashMap::new(), made_projects: HashMap::new(), generated: Vec::new() };
    for (entry, plan) in manifest.users.iter().zip(&plan.users) {
        let id = run.user(entry, plan)?;
        run.user_ids.insert(entry.username.to_lowercase(), id);
        step();
    }
    let mut ids = Ids {
        projects: Vec::with_capacity(manifest.projects.len()),
        tokens: Vec::with_capacity(manifest.tokens.len()),
    };
    for (entry, plan) in manifest.projects.iter().zip(&plan.projects) {
        let project = projects::execute_project(w, entry, plan, &cx.options.source, cx.stamp)?;
        ids.projects.push(project.id);
        run.made_projects.insert(entry.path.to_lowercase(), project);
        step();
    }
    for (entry, plan) in manifest.tokens.iter().zip(&plan.tokens) {
        ids.tokens.push(run.token(entry, plan)?);
        step();
    }
    // As `patctl revoke`: a project token's bot is deleted, and with it the bot's other tokens,
    // so each token is read again before it is revoked.
    for token in &plan.prune {
        let current = w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?;
        if !current.is_revoked(cx.stamp.now) {
            crate::ops::tokens::revoke_in(w, &current, PRUNED, cx.stamp)?;
        }
    }
    Ok((ids, run.generated))
}

/// What executing keeps from one entry to the next.
struct Run<'a, 'w> {
    w: &'a Writer<'w>,
    cx: &'a Context<'a>,
    /// Owners by lower-case username, looked up once, not once a token.
    user_ids: HashMap<String, i64>,
    /// Projects of `[[projects]]` entries, by lower-case path.
    made_projects: HashMap<String, Project>,
    generated: Vec<Generated>,
}

impl Run<'_, '_> {
    fn source(&self) -> &str {
        &self.cx.options.source
    }

    fn user(&self, entry: &UserEntry, plan: &UserPlan) -> Result<i64> {
        let (w, stamp) = (self.w, self.cx.stamp);
        match plan {
            UserPlan::Create => {
                let user_type = if entry.bot == Some(true) { UserType::Bot } else { UserType::Human };
                let new = NewUser {
                    username: &entry.username,
                    name: entry.name.as_deref().unwrap_or(&entry.username),
                    email: entry.email.as_deref(),
                    user_type,
                    admin: entry.admin.unwrap_or(false),
                    created_at: stamp.now,
                };
                let extra = json!({"via": "apply", "source": self.source()});
                Ok(crate::ops::users::insert(w, &new, stamp, extra)?.id)
            }
            UserPlan::Update { user, name, email, user_type, admin, diff } => {
                w.update_user_profile(user.id, name, email.as_deref(), *user_type, *admin)?;
                let details = json!({"changes": diff, "via": "apply", "source": self.source()});
                w.record(stamp, Event::user("user.update", user, details))?;
                Ok(user.id)
            }
            UserPlan::Unchanged(user) => Ok(user.id),
        }
    }

    /// The audit details of a token apply writes: its own, plus `extra`, `via` and `source`.
    fn details(&self, token: &Token, mut extra: serde_json::Value) -> serde_json::Value {
        extra["via"] = json!("apply");
        extra["source"] = json!(self.source());
        audit_details(token, extra)
    }

    fn token(&mut self, entry: &TokenEntry, plan: &TokenPlan) -> Result<Option<i64>> {
        match plan {
            TokenPlan::Create { secret, expires_at } => {
                let (user_id, project) = self.owner_for_new(entry)?;
                let (secret, made) = self.with_secret(secret)?;
                let new = self.new_token(entry, user_id, &secret, *expires_at, None, project);
                let token = self.insert(&new)?;
                let details = self.details(&token, json!({"preset": !made}));
                self.w.record(self.cx.stamp, Event::token("token.create", &token, details))?;
                self.keep_generated(entry, secret, made);
                Ok(Some(token.id))
            }
            TokenPlan::Update { current, expires_at, diff, adopt } => {
                let (w, stamp) = (self.w, self.cx.stamp);
                w.update_token_in_place(
                    current.id,
                    &entry.scopes,
                    entry.description.as_deref(),
                    *expires_at,
                    stamp.now,
                )?;
                if *adopt {
                    w.mark_token_managed(current.id, self.source())?;
                }
                let role = role_change(entry, current);
                if let (Some(level), Some(project_id)) = (role, current.project_id) {
                    projects::change_role(w, current, level, self.source(), stamp)?;
                    w.set_token_project(current.id, project_id, level)?;
                }
                let updated = Token {
                    scopes: entry.scopes.clone(),
                    description: entry.description.clone(),
                    expires_at: *expires_at,
                    access_level: role.or(current.access_level),
                    ..current.clone()
                };
                let details = self.details(&updated, json!({"changes": diff}));
                w.record(stamp, Event::token("token.update", current, details))?;
                Ok(Some(current.id))
            }
            TokenPlan::Rotate { current, secret, expires_at, reason } => {
                self.rotate(entry, current, secret, *expires_at, reason).map(Some)
            }
            TokenPlan::Unchanged { current, adopt } => {
                if *adopt {
                    self.w.mark_token_managed(current.id, self.source())?;
                }
                Ok(Some(current.id))
            }
        }
    }

    /// The old token goes, its owner stays: a project token's bot keeps serving the new token
    /// (as `patctl rotate` does), with the declared role.
    fn rotate(
        &mut self,
        entry: &TokenEntry,
        current: &Token,
        secret: &Option<Secret>,
        expires_at: Option<chrono::NaiveDate>,
        reason: &str,
    ) -> Result<i64> {
        let (w, stamp) = (self.w, self.cx.stamp);
        w.revoke_token(current.id, stamp.now)?;
        let role = role_change(entry, current);
        if let Some(level) = role {
            projects::change_role(w, current, level, self.source(), stamp)?;
        }
        let project = current.project_id.zip(role.or(current.access_level));
        let (secret, made) = self.with_secret(secret)?;
        let new = self.new_token(entry, current.user_id, &secret, expires_at, Some(current.id), project);
        let token = self.insert(&new)?;
        let extra = json!({"previous_token_id": current.id, "reason": reason, "preset": !made});
        let details = self.details(&token, extra);
        w.record(stamp, Event::token("token.rotate", &token, details))?;
        self.keep_generated(entry, secret, made);
        Ok(token.id)
    }

    /// Who owns a new token: its user, or for a project token a new bot user of the project
    /// with the token's role (as `create --project`), and the token's (project id, role).
    fn owner_for_new(
        &mut self,
        entry: &TokenEntry,
    ) -> Result<(i64, Option<(i64, crate::domain::project::AccessLevel)>)> {
        match &entry.owner {
            Owner::User(username) => {
                let key = username.to_lowercase();
                if let Some(id) = self.user_ids.get(&key) {
                    return Ok((*id, None));
                }
                let user = crate::ops::users::find(self.w, username)?;
                self.user_ids.insert(key, user.id);
                Ok((user.id, None))
            }
            Owner::Project { path, access_level } => {
                let project = projects::project_for_token(self.w, &self.made_projects, path)?;
                let mail_host = &self.cx.options.project_tokens.mail_host;
                let bot = crate::ops::projects::add_bot(self.w, &project, *access_level, mail_host, self.cx.stamp)?;
                Ok((bot.id, Some((project.id, *access_level))))
            }
        }
    }

    fn new_token<'e>(
        &self,
        entry: &'e TokenEntry,
        user_id: i64,
        secret: &Secret,
        expires_at: Option<chrono::NaiveDate>,
        previous_token_id: Option<i64>,
        project: Option<(i64, crate::domain::project::AccessLevel)>,
    ) -> (NewTokenFields<'e>, crate::domain::secret::TokenDigest) {
        let fields = NewTokenFields { user_id, entry, expires_at, previous_token_id, project };
        (fields, secret.digest(&self.cx.settings.pepper))
    }

    fn insert(&self, (fields, digest): &(NewTokenFields<'_>, crate::domain::secret::TokenDigest)) -> Result<Token> {
        let token = self.w.insert_token(&NewToken {
            user_id: fields.user_id,
            name: &fields.entry.name,
            description: fields.entry.description.as_deref(),
            digest,
            scopes: &fields.entry.scopes,
            expires_at: fields.expires_at,
            impersonation: false,
            previous_token_id: fields.previous_token_id,
            project: fields.project,
            created_at: self.cx.stamp.now,
        })?;
        self.w.mark_token_managed(token.id, self.source())?;
        Ok(token)
    }

    /// The preset secret, or a freshly generated one (`true`: generated).
    fn with_secret(&self, secret: &Option<Secret>) -> Result<(Secret, bool)> {
        match secret {
            Some(secret) => Ok((secret.clone(), false)),
            None => Ok((Secret::generate(&self.cx.settings.prefix)?, true)),
        }
    }

    fn keep_generated(&mut self, entry: &TokenEntry, secret: Secret, made: bool) {
        if made {
            let owner = entry.owner.label().to_string();
            self.generated.push(Generated { name: entry.name.clone(), owner, secret });
        }
    }
}

/// A new token's fields besides its digest.
struct NewTokenFields<'e> {
    user_id: i64,
    entry: &'e TokenEntry,
    expires_at: Option<chrono::NaiveDate>,
    previous_token_id: Option<i64>,
    project: Option<(i64, crate::domain::project::AccessLevel)>,
}
