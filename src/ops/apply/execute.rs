//! Execution: writes a plan, inside the transaction it was made in.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::manifest::{Manifest, Owner, TokenEntry, UserEntry};
use super::plan::{Plan, TokenPlan, UserPlan};
use super::{Context, Generated, groups, projects, role_change};
use crate::domain::group::Group;
use crate::domain::model::{Token, UserType};
use crate::domain::project::{AccessLevel, Project};
use crate::domain::secret::{Secret, TokenDigest};
use crate::error::{Error, Result};
use crate::ops::tokens::{audit_details, insert_recorded};
use crate::store::{Event, NewToken, NewUser, Writer};

/// Ids assigned while executing: new projects, groups and tokens, by position in the file.
pub(super) struct Ids {
    pub projects: Vec<i64>,
    pub groups: Vec<i64>,
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
    let mut run = Run {
        w,
        cx,
        user_ids: plan.owner_ids.clone(),
        made_projects: HashMap::new(),
        made_groups: HashMap::new(),
        generated: Vec::new(),
    };
    for (entry, plan) in manifest.users.iter().zip(&plan.users) {
        let id = run.user(entry, plan)?;
        run.user_ids.insert(entry.username.to_lowercase(), id);
        step();
    }
    let mut ids = Ids {
        projects: Vec::with_capacity(manifest.projects.len()),
        groups: Vec::with_capacity(manifest.groups.len()),
        tokens: Vec::with_capacity(manifest.tokens.len()),
    };
    for (entry, plan) in manifest.projects.iter().zip(&plan.projects) {
        let project = projects::execute_project(w, entry, plan, &cx.options.source, cx.stamp)?;
        ids.projects.push(project.id);
        run.made_projects.insert(entry.path.to_lowercase(), project);
        step();
    }
    for (entry, plan) in manifest.groups.iter().zip(&plan.groups) {
        let group = groups::execute_group(w, entry, plan, &cx.options.source, cx.stamp)?;
        ids.groups.push(group.id);
        run.made_groups.insert(entry.path.to_lowercase(), group);
        step();
    }
    // New personal tokens are written a batch at a time (a few statements for hundreds of
    // tokens); any other entry first writes the batch before it, so the trail keeps file order.
    let mut batch = Vec::new();
    for (position, (entry, plan)) in manifest.tokens.iter().zip(&plan.tokens).enumerate() {
        match (plan, &entry.owner) {
            (TokenPlan::Create { secret, expires_at }, Owner::User(_)) => {
                let (user_id, _) = run.owner_for_new(entry)?;
                let (secret, made) = run.with_secret(secret)?;
                let digest = secret.digest(&cx.settings.digest_key);
                batch.push(NewPersonal { position, entry, user_id, expires_at: *expires_at, secret, made, digest });
                ids.tokens.push(None);
                if batch.len() == CREATE_BATCH {
                    run.create_all(&mut batch, &mut ids.tokens)?;
                }
            }
            _ => {
                run.create_all(&mut batch, &mut ids.tokens)?;
                ids.tokens.push(run.token(entry, plan)?);
            }
        }
        step();
    }
    run.create_all(&mut batch, &mut ids.tokens)?;
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

/// How many new personal tokens are written together.
const CREATE_BATCH: usize = 1000;

/// A new personal token waiting for its batch.
struct NewPersonal<'m> {
    /// Its entry's position among the file's tokens.
    position: usize,
    entry: &'m TokenEntry,
    user_id: i64,
    expires_at: Option<NaiveDate>,
    secret: Secret,
    /// Generated (not preset).
    made: bool,
    digest: TokenDigest,
}

/// What executing keeps from one entry to the next.
struct Run<'a, 'w> {
    w: &'a Writer<'w>,
    cx: &'a Context<'a>,
    /// Owners by lower-case username, looked up once, not once a token.
    user_ids: HashMap<String, i64>,
    /// Projects of `[[projects]]` entries, by lower-case path.
    made_projects: HashMap<String, Project>,
    /// Groups of `[[groups]]` entries, by lower-case path.
    made_groups: HashMap<String, Group>,
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
                let user_type = entry.user_type.unwrap_or(UserType::Human);
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

    /// `extra` of an audit event apply writes, with `via` and `source`.
    fn with_origin(&self, mut extra: Value) -> Value {
        extra["via"] = json!("apply");
        extra["source"] = json!(self.source());
        extra
    }

    fn token(&mut self, entry: &TokenEntry, plan: &TokenPlan) -> Result<Option<i64>> {
        match plan {
            TokenPlan::Create { secret, expires_at } => {
                let (user_id, resource) = self.owner_for_new(entry)?;
                let (secret, made) = self.with_secret(secret)?;
                let row = NewRow { user_id, expires_at: *expires_at, previous_token_id: None, resource };
                let token = self.insert(entry, &secret, row, ("token.create", json!({"preset": !made})))?;
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
                if let (Some(level), Some(group_id)) = (role, current.group_id) {
                    groups::change_role(w, current, level, self.source(), stamp)?;
                    w.set_token_group(current.id, group_id, level)?;
                }
                let updated = Token {
                    scopes: entry.scopes.clone(),
                    description: entry.description.clone(),
                    expires_at: *expires_at,
                    access_level: role.or(current.access_level),
                    ..(**current).clone()
                };
                let details = audit_details(&updated, self.with_origin(json!({"changes": diff})));
                w.record(stamp, Event::token("token.update", current, details))?;
                Ok(Some(current.id))
            }
            TokenPlan::Rotate { current, secret, expires_at, reason, .. } => {
                self.rotate(entry, current, secret, *expires_at, reason).map(Some)
            }
            TokenPlan::Unchanged { id, adopt } => {
                if *adopt {
                    self.w.mark_token_managed(*id, self.source())?;
                }
                Ok(Some(*id))
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
        expires_at: Option<NaiveDate>,
        reason: &str,
    ) -> Result<i64> {
        let (w, stamp) = (self.w, self.cx.stamp);
        w.revoke_token(current.id, stamp.now)?;
        let role = role_change(entry, current);
        if let Some(level) = role {
            projects::change_role(w, current, level, self.source(), stamp)?;
            groups::change_role(w, current, level, self.source(), stamp)?;
        }
        let level = role.or(current.access_level);
        let resource = match (current.project_id, current.group_id, level) {
            (Some(id), _, Some(level)) => Some(Resource::Project(id, level)),
            (None, Some(id), Some(level)) => Some(Resource::Group(id, level)),
            _ => None,
        };
        let (secret, made) = self.with_secret(secret)?;
        let row = NewRow { user_id: current.user_id, expires_at, previous_token_id: Some(current.id), resource };
        let extra = json!({"previous_token_id": current.id, "reason": reason, "preset": !made});
        let token = self.insert(entry, &secret, row, ("token.rotate", extra))?;
        self.keep_generated(entry, secret, made);
        Ok(token.id)
    }

    /// Who owns a new token: its user, or for a project (group) token a new bot user of the
    /// project (group) with the token's role (as `create --project`), and the token's resource.
    fn owner_for_new(&mut self, entry: &TokenEntry) -> Result<(i64, Option<Resource>)> {
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
                let bot = crate::ops::bots::add_bot(self.w, &project, *access_level, mail_host, self.cx.stamp)?;
                Ok((bot.id, Some(Resource::Project(project.id, *access_level))))
            }
            Owner::Group { path, access_level } => {
                let group = groups::group_for_token(self.w, &self.made_groups, path)?;
                let mail_host = &self.cx.options.project_tokens.mail_host;
                let bot = crate::ops::bots::add_group_bot(self.w, &group, *access_level, mail_host, self.cx.stamp)?;
                Ok((bot.id, Some(Resource::Group(group.id, *access_level))))
            }
        }
    }

    /// Inserts the entry's token, managed by this file, and records `action` on it.
    fn insert(
        &self,
        entry: &TokenEntry,
        secret: &Secret,
        row: NewRow,
        (action, extra): (&str, Value),
    ) -> Result<Token> {
        let new = NewToken {
            user_id: row.user_id,
            name: &entry.name,
            description: entry.description.as_deref(),
            digest: &secret.digest(&self.cx.settings.digest_key),
            scopes: &entry.scopes,
            expires_at: row.expires_at,
            impersonation: false,
            previous_token_id: row.previous_token_id,
            project: match row.resource {
                Some(Resource::Project(id, level)) => Some((id, level)),
                _ => None,
            },
            group: match row.resource {
                Some(Resource::Group(id, level)) => Some((id, level)),
                _ => None,
            },
            created_at: self.cx.stamp.now,
        };
        let extra = self.with_origin(extra);
        insert_recorded(self.w, &new, (action, extra), self.cx.stamp, |token| {
            self.w.mark_token_managed(token.id, self.source())
        })
    }

    /// Writes `batch` as [`Run::insert`] writes each of its tokens, in order, and empties it.
    fn create_all(&mut self, batch: &mut Vec<NewPersonal<'_>>, ids: &mut [Option<i64>]) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let now = self.cx.stamp.now;
        let rows: Vec<NewToken<'_>> = batch
            .iter()
            .map(|new| NewToken {
                user_id: new.user_id,
                name: &new.entry.name,
                description: new.entry.description.as_deref(),
                digest: &new.digest,
                scopes: &new.entry.scopes,
                expires_at: new.expires_at,
                impersonation: false,
                previous_token_id: None,
                project: None,
                group: None,
                created_at: now,
            })
            .collect();
        let tokens = self.w.insert_tokens(&rows)?;
        let token_ids: Vec<i64> = tokens.iter().map(|t| t.id).collect();
        self.w.mark_tokens_managed(&token_ids, self.source())?;
        let events = tokens
            .iter()
            .zip(batch.iter())
            .map(|(token, new)| {
                let extra = self.with_origin(json!({"preset": !new.made}));
                Event::token("token.create", token, audit_details(token, extra))
            })
            .collect();
        self.w.record_all(self.cx.stamp, events)?;
        for (new, id) in batch.drain(..).zip(token_ids) {
            ids[new.position] = Some(id);
            self.keep_generated(new.entry, new.secret, new.made);
        }
        Ok(())
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

/// What a new token's row takes besides the entry and the secret.
struct NewRow {
    user_id: i64,
    expires_at: Option<NaiveDate>,
    previous_token_id: Option<i64>,
    /// For a project or group token: its id and the bot's role.
    resource: Option<Resource>,
}

/// The project or group of a new token, by id, with the bot's role.
#[derive(Clone, Copy)]
enum Resource {
    Project(i64, AccessLevel),
    Group(i64, AccessLevel),
}
