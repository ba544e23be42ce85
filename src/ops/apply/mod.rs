//! `patctl apply`: make the database hold what a file declares, in one transaction.
//!
//! Two phases inside the same `BEGIN IMMEDIATE` transaction: `plan` reads the database and
//! decides, entry by entry, create / update / rotate / unchanged (and revoke for `--prune`);
//! `execute` writes that plan. A dry run stops after the plan. Any error anywhere, or a failure
//! of the caller's `before_commit` (writing generated secrets), rolls everything back.

pub mod manifest;
pub mod projects;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use self::manifest::{Manifest, Owner, SecretSpec, TokenEntry, UserEntry};
use self::projects::ProjectPlan;
use super::Stamp;
use super::projects::ProjectTokenSettings;
use super::tokens::{TokenSettings, audit_details};
use crate::domain::expiry::ExpiryRequest;
use crate::domain::model::{AccessLevel, Token, User, UserType};
use crate::domain::project::Project;
use crate::domain::secret::Secret;
use crate::domain::text::escape;
use crate::error::{Error, Exit, Result, ResultExt};
use crate::input;
use crate::store::{Event, ManagedToken, NewToken, NewUser, Reader, Store, Writer};

pub struct ApplyOptions {
    /// The name under which this file's tokens are marked as managed.
    pub source: String,
    /// Relative `token_file` paths are read from here (the file's directory).
    pub base_dir: PathBuf,
    pub dry_run: bool,
    pub prune: bool,
    /// Default lifetime and bot e-mail host of project tokens.
    pub project_tokens: ProjectTokenSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Rotate,
    Revoke,
    Unchanged,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Rotate => "rotate",
            Action::Revoke => "revoke",
            Action::Unchanged => "unchanged",
        }
    }
}

/// One line of the plan (or of what was done).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub action: Action,
    pub kind: &'static str,
    pub owner: String,
    pub name: String,
    /// The project of a project entry or of a project token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The token's, user's or project's id; for a rotation, the new token's id.
    pub id: Option<i64>,
    pub previous_id: Option<i64>,
    pub detail: String,
}

/// A secret patctl generated, to be handed to the operator once (`--tokens-out`).
pub struct Generated {
    pub name: String,
    pub owner: String,
    pub secret: Secret,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub rotate: usize,
    pub revoke: usize,
    pub unchanged: usize,
}

impl Counts {
    pub fn changed(&self) -> usize {
        self.create + self.update + self.rotate + self.revoke
    }
}

pub struct Outcome {
    pub changes: Vec<Change>,
    pub counts: Counts,
    /// Tokens this file made that it no longer declares, left alone without --prune.
    pub stale: usize,
}

enum UserPlan {
    Create,
    Update { user: User, name: String, email: Option<String>, user_type: UserType, admin: bool, diff: Vec<String> },
    Unchanged(User),
}

enum TokenPlan {
    Create { secret: Option<Secret>, expires_at: Option<NaiveDate> },
    Update { current: Token, expires_at: Option<NaiveDate>, diff: Vec<String>, adopt: bool },
    Rotate { current: Token, secret: Option<Secret>, expires_at: Option<NaiveDate>, reason: &'static str },
    Unchanged { current: Token, adopt: bool },
}

struct Plan {
    users: Vec<UserPlan>,
    projects: Vec<ProjectPlan>,
    tokens: Vec<TokenPlan>,
    prune: Vec<Token>,
    stale: usize,
}

/// Applies `manifest`. With `dry_run`, `store` may be `None` (no database yet): everything is
/// planned as new. `progress` is told how many steps are done (entries planned, then executed).
/// `before_commit` receives the generated secrets and runs inside the transaction.
pub fn apply(
    store: Option<&mut Store>,
    settings: &TokenSettings,
    manifest: &Manifest,
    options: &ApplyOptions,
    stamp: &Stamp,
    progress: &dyn Fn(u64),
    before_commit: impl FnOnce(&[Generated]) -> Result<()>,
) -> Result<Outcome> {
    let Some(store) = store else {
        let plan = plan(None, settings, manifest, options, stamp, progress)?;
        return Ok(describe(&plan, manifest, None));
    };
    if options.dry_run {
        let plan = plan(Some(&store.reader()), settings, manifest, options, stamp, progress)?;
        return Ok(describe(&plan, manifest, None));
    }
    if manifest.entries() > 1000 {
        // Large files touch many index pages: a bigger page cache for this run only.
        store.tune_for_bulk(256)?;
    }
    store.write(|w| {
        let plan = plan(Some(w), settings, manifest, options, stamp, progress)?;
        let (ids, generated) = execute(w, &plan, settings, manifest, options, stamp, progress)?;
        before_commit(&generated)?;
        Ok(describe(&plan, manifest, Some(&ids)))
    })
}

/// Ids assigned while executing: new projects and new tokens, by position in the file.
struct Ids {
    projects: Vec<i64>,
    tokens: Vec<Option<i64>>,
}

fn plan(
    reader: Option<&Reader<'_>>,
    settings: &TokenSettings,
    manifest: &Manifest,
    options: &ApplyOptions,
    stamp: &Stamp,
    progress: &dyn Fn(u64),
) -> Result<Plan> {
    let today = stamp.now.date_naive();
    let mut done = 0u64;

    // Users: declared ones first, then any other owner is looked up once.
    let mut users: HashMap<String, (Option<User>, Option<&UserEntry>)> = HashMap::new();
    let mut user_plans = Vec::with_capacity(manifest.users.len());
    for entry in &manifest.users {
        let existing = match reader {
            Some(r) => r.user_by_username(&entry.username)?,
            None => None,
        };
        user_plans.push(plan_user(manifest, entry, existing.as_ref())?);
        users.insert(entry.username.to_lowercase(), (existing, Some(entry)));
        done += 1;
        progress(done);
    }
    let (project_plans, mut known_projects) = projects::plan_projects(reader, manifest, &mut || {
        done += 1;
        progress(done);
    })?;

    let managed: Vec<ManagedToken> = match reader {
        Some(r) => r.managed_tokens(&options.source)?,
        None => Vec::new(),
    };
    // A personal token is known by (owner, name), a project token by (project, name): its owner
    // is its bot.
    let mut by_key: HashMap<(OwnerKey, &str), &ManagedToken> = HashMap::with_capacity(managed.len());
    let mut duplicates: Vec<&ManagedToken> = Vec::new();
    for m in &managed {
        let owner = match m.token.project_id {
            Some(project_id) => OwnerKey::Project(project_id),
            None => OwnerKey::User(m.token.user_id),
        };
        // Oldest first: a newer token of the same owner and name wins; older ones are stale.
        if let Some(older) = by_key.insert((owner, m.token.name.as_str()), m) {
            duplicates.push(older);
        }
    }

    let mut digests_in_file: HashSet<String> = HashSet::new();
    let mut token_plans = Vec::with_capacity(manifest.tokens.len());
    for entry in &manifest.tokens {
        let at = |field: &str, e: Error| manifest.error_at(&entry.place, field, e);
        // The owner's key (None: created by this apply) and the default lifetime of its tokens.
        let (owner_key, default_days) = match &entry.owner {
            Owner::User(username) => {
                let key = username.to_lowercase();
                if !users.contains_key(&key) {
                    let existing = match reader {
                        Some(r) => r.user_by_username(username)?,
                        None => None,
                    };
                    users.insert(key.clone(), (existing, None));
                }
                let (existing, declared) = &users[&key];
                let owner = check_owner(existing.as_ref(), *declared, username).map_err(|e| at("user", e))?;
                entry.scopes.check_owner(username, owner.admin).map_err(|e| at("scopes", e))?;
                (owner.id.map(OwnerKey::User), settings.expiry.max_lifetime_days)
            }
            Owner::Project { path, .. } => {
                // Scopes were checked for a project token when the file was read.
                let id = projects::token_project(reader, &mut known_projects, path).map_err(|e| at("project", e))?;
                (id.map(OwnerKey::Project), options.project_tokens.default_lifetime_days)
            }
        };

        let secret = load_secret(&entry.secret, &options.base_dir).map_err(|e| at(secret_field(entry), e))?;
        if let Some(secret) = &secret {
            settings.preset.check(secret).map_err(|e| at(secret_field(entry), e))?;
        }
        let digest = secret.as_ref().map(|s| s.digest(&settings.pepper).0);
        if let Some(digest) = &digest
            && !digests_in_file.insert(digest.clone())
        {
            return Err(at(secret_field(entry), Error::data("another entry of this file declares the same secret")));
        }

        let current = owner_key.and_then(|key| by_key.remove(&(key, entry.name.as_str())));
        let plan = match current {
            Some(current) => plan_existing(
                reader,
                settings,
                default_days,
                entry,
                &current.token,
                Some(&current.digest),
                false,
                secret,
                digest.as_deref(),
                stamp,
            )
            .map_err(|e| at("", e))?,
            None => {
                // A preset secret may already be stored: the same token made by hand (adopted),
                // or a conflict.
                let found = match (reader, &digest) {
                    (Some(r), Some(d)) => r.token_by_digest(&crate::domain::secret::TokenDigest(d.clone()))?,
                    _ => None,
                };
                match found {
                    Some(found) => {
                        let same_owner = match owner_key {
                            Some(OwnerKey::User(id)) => found.user_id == id && found.project_id.is_none(),
                            Some(OwnerKey::Project(id)) => found.project_id == Some(id),
                            None => false,
                        };
                        let same = same_owner && found.name == entry.name && !found.revoked;
                        if !same {
                            let why = if found.revoked {
                                " and was revoked (a secret cannot be used twice)"
                            } else {
                                " with another owner or name"
                            };
                            return Err(at(
                                secret_field(entry),
                                Error::data(format!("token already exists (id {}){why}", found.id))
                                    .with_hint(format!("compare with: patctl show {}", found.id)),
                            ));
                        }
                        if let Some(other) = reader.map(|r| r.token_managed_by(found.id)).transpose()?.flatten()
                            && other != options.source
                        {
                            return Err(at(
                                secret_field(entry),
                                Error::data(format!(
                                    "token {} is managed by another apply file ({})",
                                    found.id,
                                    escape(&other)
                                )),
                            ));
                        }
                        plan_existing(
                            reader,
                            settings,
                            default_days,
                            entry,
                            &found,
                            digest.as_deref(),
                            true,
                            secret,
                            digest.as_deref(),
                            stamp,
                        )
                        .map_err(|e| at("", e))?
                    }
                    None => {
                        let expires_at = settings
                            .expiry
                            .resolve(entry.expiry, today, default_days)
                            .map_err(|e| at(expiry_field(entry), e))?;
                        TokenPlan::Create { secret, expires_at }
                    }
                }
            }
        };
        token_plans.push(plan);
        done += 1;
        progress(done);
    }

    let mut leftover: Vec<Token> = by_key.into_values().chain(duplicates).map(|m| m.token.clone()).collect();
    leftover.sort_by_key(|t| t.id);
    let (prune, stale) = if options.prune { (leftover, 0) } else { (Vec::new(), leftover.len()) };
    Ok(Plan { users: user_plans, projects: project_plans, tokens: token_plans, prune, stale })
}

/// Who a stored token belongs to, for matching it with an entry of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum OwnerKey {
    User(i64),
    Project(i64),
}

/// The facts about a token's owner that the plan needs, once the file's declaration is counted.
struct OwnerFacts {
    /// None: the user is declared in the file and does not exist yet.
    id: Option<i64>,
    admin: bool,
}

fn check_owner(existing: Option<&User>, declared: Option<&UserEntry>, username: &str) -> Result<OwnerFacts> {
    match (existing, declared) {
        (None, None) => Err(super::users::unknown(username)
            .with_hint(format!("declare it in a [[users]] entry, or: patctl user add {username}"))),
        (None, Some(entry)) => Ok(OwnerFacts { id: None, admin: entry.admin.unwrap_or(false) }),
        (Some(user), declared) => {
            if matches!(user.user_type, UserType::ProjectBot | UserType::Ghost) {
                return Err(Error::data(format!(
                    "'{}' is a {} user and cannot own personal access tokens",
                    user.username,
                    user.user_type.as_str()
                )));
            }
            if user.blocked {
                return Err(Error::data(format!("user '{}' is blocked", user.username))
                    .with_hint(format!("patctl user unblock {}", user.username)));
            }
            Ok(OwnerFacts { id: Some(user.id), admin: declared.and_then(|d| d.admin).unwrap_or(user.admin) })
        }
    }
}

fn plan_user(manifest: &Manifest, entry: &UserEntry, existing: Option<&User>) -> Result<UserPlan> {
    let Some(user) = existing else { return Ok(UserPlan::Create) };
    if matches!(user.user_type, UserType::ProjectBot | UserType::Ghost) {
        let err = Error::data(format!(
            "'{}' is a {} user and cannot be managed here",
            user.username,
            user.user_type.as_str()
        ));
        return Err(manifest.error_at(&entry.place, "username", err));
    }
    // Fields the file leaves out are left as they are.
    let name = entry.name.clone().unwrap_or_else(|| user.name.clone());
    let email = entry.email.clone().or_else(|| user.email.clone());
    let user_type = match entry.bot {
        Some(true) => UserType::Bot,
        Some(false) => UserType::Human,
        None => user.user_type,
    };
    let admin = entry.admin.unwrap_or(user.admin);
    let mut diff = Vec::new();
    if name != user.name {
        diff.push(format!("name '{}' -> '{}'", escape(&user.name), escape(&name)));
    }
    if email != user.email {
        diff.push(format!("email {} -> {}", shown(user.email.as_deref()), shown(email.as_deref())));
    }
    if user_type != user.user_type {
        diff.push(format!("type {} -> {}", user.user_type.as_str(), user_type.as_str()));
    }
    if admin != user.admin {
        diff.push(format!("admin {} -> {admin}", user.admin));
    }
    if diff.is_empty() {
        Ok(UserPlan::Unchanged(user.clone()))
    } else {
        Ok(UserPlan::Update { user: user.clone(), name, email, user_type, admin, diff })
    }
}

fn shown(value: Option<&str>) -> String {
    value.map(|v| format!("'{}'", escape(v))).unwrap_or_else(|| "none".into())
}

/// Decides what to do with a declared token that is already stored (`current`).
///
/// Relative expiries (`expires_in`, or the default lifetime) count from the token's creation, so a
/// re-run on a later day does not push them forward; a fixed `expires_at` is compared as is.
/// Scopes, description and expiry are updated in place while the token is still valid; an
/// expired token, a lapsed lifetime or a new preset secret means a rotation.
#[allow(clippy::too_many_arguments)]
fn plan_existing(
    reader: Option<&Reader<'_>>,
    settings: &TokenSettings,
    default_days: u32,
    entry: &TokenEntry,
    current: &Token,
    current_digest: Option<&str>,
    adopt: bool,
    secret: Option<Secret>,
    digest: Option<&str>,
    stamp: &Stamp,
) -> Result<TokenPlan> {
    let at = |field: &str, e: Error| e.context(field);
    let today = stamp.now.date_naive();
    let kept = match entry.expiry {
        ExpiryRequest::In(_) | ExpiryRequest::Default => {
            settings.expiry.resolve(entry.expiry, current.created_at.date_naive(), default_days)
        }
        ExpiryRequest::At(_) | ExpiryRequest::Never => settings.expiry.resolve(entry.expiry, today, default_days),
    }
    .map_err(|e| at(expiry_field(entry), e))?;
    let lapsed = kept.is_some_and(|d| d <= today);
    let secret_changed = digest.is_some() && digest != current_digest;
    if current.is_expired(stamp.now) || lapsed || secret_changed {
        let reason = if secret_changed { "the preset secret changed" } else { "the token expired" };
        if digest.is_some() && !secret_changed {
            return Err(at(
                secret_field(entry),
                Error::data("the token expired and its preset secret cannot be used again")
                    .with_hint("give a new secret to rotate it"),
            ));
        }
        if let (Some(r), Some(d)) = (reader, digest)
            && let Some(other) = r.token_by_digest(&crate::domain::secret::TokenDigest(d.to_string()))?
        {
            return Err(at(secret_field(entry), Error::data(format!("token already exists (id {})", other.id))));
        }
        let expires_at =
            settings.expiry.resolve(entry.expiry, today, default_days).map_err(|e| at(expiry_field(entry), e))?;
        return Ok(TokenPlan::Rotate { current: current.clone(), secret, expires_at, reason });
    }
    let mut diff = Vec::new();
    if entry.scopes != current.scopes {
        diff.push(format!("scopes {} -> {}", current.scopes.joined(), entry.scopes.joined()));
    }
    if entry.description != current.description {
        diff.push(format!(
            "description {} -> {}",
            shown(current.description.as_deref()),
            shown(entry.description.as_deref())
        ));
    }
    if kept != current.expires_at {
        diff.push(format!("expires {} -> {}", day_or_never(current.expires_at), day_or_never(kept)));
    }
    if let Some(level) = role_change(entry, current) {
        let was = current.access_level.map_or("none", |l| l.as_str());
        diff.push(format!("access_level {was} -> {}", level.as_str()));
    }
    if diff.is_empty() {
        Ok(TokenPlan::Unchanged { current: current.clone(), adopt })
    } else {
        Ok(TokenPlan::Update { current: current.clone(), expires_at: kept, diff, adopt })
    }
}

/// The role a project token entry declares, when it differs from the stored token's.
fn role_change(entry: &TokenEntry, current: &Token) -> Option<AccessLevel> {
    match entry.owner {
        Owner::Project { access_level, .. } if current.access_level != Some(access_level) => Some(access_level),
        _ => None,
    }
}

fn day_or_never(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "never".into())
}

fn secret_field(entry: &TokenEntry) -> &'static str {
    match entry.secret {
        SecretSpec::Env(_) => "token_env",
        _ => "token_file",
    }
}

fn expiry_field(entry: &TokenEntry) -> &'static str {
    match entry.expiry {
        ExpiryRequest::In(_) => "expires_in",
        ExpiryRequest::Never => "no_expiry",
        _ => "expires_at",
    }
}

/// Reads a preset secret (`None`: generate one), bounded as every token is ([`input::token`]).
fn load_secret(spec: &SecretSpec, base_dir: &Path) -> Result<Option<Secret>> {
    match spec {
        SecretSpec::Generate => Ok(None),
        SecretSpec::Env(var) => match std::env::var_os(var) {
            None => Err(Error::data(format!("environment variable {var} is not set"))),
            Some(value) => {
                let value = zeroize::Zeroizing::new(std::os::unix::ffi::OsStringExt::into_vec(value));
                input::token(value.as_slice(), &format!("environment variable {var}")).map(Some)
            }
        },
        SecretSpec::File(path) => {
            let path = base_dir.join(path);
            let shown = path.display().to_string();
            let (file, _) = input::open(&path)
                .context(format!("cannot read {shown}"))
                // A token file the manifest names is part of its data.
                .map_err(|e| if e.exit() == Exit::NotFound { e.with_exit(Exit::Data) } else { e })?;
            input::token(file, &shown).map(Some)
        }
    }
}

fn execute(
    w: &Writer<'_>,
    plan: &Plan,
    settings: &TokenSettings,
    manifest: &Manifest,
    options: &ApplyOptions,
    stamp: &Stamp,
    progress: &dyn Fn(u64),
) -> Result<(Ids, Vec<Generated>)> {
    let entries = manifest.entries() as u64;
    let mut done = entries;
    let source = options.source.as_str();
    let mut user_ids: HashMap<String, i64> = HashMap::new();
    for (entry, plan) in manifest.users.iter().zip(&plan.users) {
        let id = match plan {
            UserPlan::Create => {
                let user_type = if entry.bot == Some(true) { UserType::Bot } else { UserType::Human };
                let user = super::users::insert(
                    w,
                    &NewUser {
                        username: &entry.username,
                        name: entry.name.as_deref().unwrap_or(&entry.username),
                        email: entry.email.as_deref(),
                        user_type,
                        admin: entry.admin.unwrap_or(false),
                        created_at: stamp.now,
                    },
                    stamp,
                    json!({"via": "apply", "source": source}),
                )?;
                user.id
            }
            UserPlan::Update { user, name, email, user_type, admin, diff } => {
                w.update_user_profile(user.id, name, email.as_deref(), *user_type, *admin)?;
                w.record(
                    stamp,
                    Event::user("user.update", user, json!({"changes": diff, "via": "apply", "source": source})),
                )?;
                user.id
            }
            UserPlan::Unchanged(user) => user.id,
        };
        user_ids.insert(entry.username.to_lowercase(), id);
        done += 1;
        progress(done);
    }

    let mut ids = Ids {
        projects: Vec::with_capacity(manifest.projects.len()),
        tokens: Vec::with_capacity(manifest.tokens.len()),
    };
    let mut made_projects: HashMap<String, Project> = HashMap::with_capacity(manifest.projects.len());
    for (entry, plan) in manifest.projects.iter().zip(&plan.projects) {
        let project = projects::execute_project(w, entry, plan, source, stamp)?;
        ids.projects.push(project.id);
        made_projects.insert(entry.path.to_lowercase(), project);
        done += 1;
        progress(done);
    }

    let mut generated = Vec::new();
    for (entry, plan) in manifest.tokens.iter().zip(&plan.tokens) {
        let owner = entry.owner.label();
        let details = |token: &Token, mut extra: serde_json::Value| {
            extra["via"] = json!("apply");
            extra["source"] = json!(source);
            audit_details(token, extra)
        };
        // A project token gets its project and role: `project` is (project id, role).
        let insert = |user_id: i64,
                      secret: &Secret,
                      expires_at: Option<NaiveDate>,
                      previous: Option<i64>,
                      project: Option<(i64, AccessLevel)>| {
            let token = w.insert_token(&NewToken {
                user_id,
                name: &entry.name,
                description: entry.description.as_deref(),
                digest: &secret.digest(&settings.pepper),
                scopes: &entry.scopes,
                expires_at,
                impersonation: false,
                previous_token_id: previous,
                project,
                created_at: stamp.now,
            })?;
            w.mark_token_managed(token.id, source)?;
            Ok::<Token, Error>(token)
        };
        let id = match plan {
            TokenPlan::Create { secret, expires_at } => {
                let (user_id, project) = match &entry.owner {
                    Owner::User(username) => {
                        // Owners not declared in the file are looked up once, not once a token.
                        let key = username.to_lowercase();
                        let id = match user_ids.get(&key) {
                            Some(id) => *id,
                            None => {
                                let user = super::users::find(w, username)?;
                                user_ids.insert(key, user.id);
                                user.id
                            }
                        };
                        (id, None)
                    }
                    Owner::Project { path, access_level } => {
                        // As `create --project`: a new bot user, member of the project with the role.
                        let project = projects::project_for_token(w, &made_projects, path)?;
                        let mail_host = &options.project_tokens.mail_host;
                        let bot = super::projects::add_bot(w, &project, *access_level, mail_host, stamp)?;
                        (bot.id, Some((project.id, *access_level)))
                    }
                };
                let (secret, made) = with_secret(secret, settings)?;
                let token = insert(user_id, &secret, *expires_at, None, project)?;
                w.record(stamp, Event::token("token.create", &token, details(&token, json!({"preset": !made}))))?;
                if made {
                    generated.push(Generated { name: entry.name.clone(), owner: owner.to_string(), secret });
                }
                Some(token.id)
            }
            TokenPlan::Update { current, expires_at, diff, adopt } => {
                w.update_token_in_place(
                    current.id,
                    &entry.scopes,
                    entry.description.as_deref(),
                    *expires_at,
                    stamp.now,
                )?;
                if *adopt {
                    w.mark_token_managed(current.id, source)?;
                }
                let role = role_change(entry, current);
                if let (Some(level), Some(project_id)) = (role, current.project_id) {
                    projects::change_role(w, current, level, source, stamp)?;
                    w.set_token_project(current.id, project_id, level)?;
                }
                let updated = Token {
                    scopes: entry.scopes.clone(),
                    description: entry.description.clone(),
                    expires_at: *expires_at,
                    access_level: role.or(current.access_level),
                    ..current.clone()
                };
                w.record(stamp, Event::token("token.update", current, details(&updated, json!({"changes": diff}))))?;
                Some(current.id)
            }
            TokenPlan::Rotate { current, secret, expires_at, reason } => {
                // The old token goes, its owner stays: a project token's bot keeps serving the
                // new token (as `patctl rotate` does), with the declared role.
                w.revoke_token(current.id, stamp.now)?;
                let role = role_change(entry, current);
                if let Some(level) = role {
                    projects::change_role(w, current, level, source, stamp)?;
                }
                let project = current.project_id.zip(role.or(current.access_level));
                let (secret, made) = with_secret(secret, settings)?;
                let token = insert(current.user_id, &secret, *expires_at, Some(current.id), project)?;
                w.record(
                    stamp,
                    Event::token(
                        "token.rotate",
                        &token,
                        details(&token, json!({"previous_token_id": current.id, "reason": reason, "preset": !made})),
                    ),
                )?;
                if made {
                    generated.push(Generated { name: entry.name.clone(), owner: owner.to_string(), secret });
                }
                Some(token.id)
            }
            TokenPlan::Unchanged { current, adopt } => {
                if *adopt {
                    w.mark_token_managed(current.id, source)?;
                }
                Some(current.id)
            }
        };
        ids.tokens.push(id);
        done += 1;
        progress(done);
    }

    // As `patctl revoke`: a project token's bot is deleted, and with it the bot's other tokens,
    // so each token is read again before it is revoked.
    for token in &plan.prune {
        let current = w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?;
        if !current.is_revoked(stamp.now) {
            super::tokens::revoke_in(w, &current, PRUNED, stamp)?;
        }
    }
    Ok((ids, generated))
}

/// Why `--prune` revokes a token, in its audit event.
const PRUNED: &str = "no longer declared (apply --prune)";

/// The preset secret, or a freshly generated one (`true`: generated).
fn with_secret(secret: &Option<Secret>, settings: &TokenSettings) -> Result<(Secret, bool)> {
    match secret {
        Some(secret) => Ok((secret.clone(), false)),
        None => Ok((Secret::generate(&settings.prefix)?, true)),
    }
}

/// Turns the plan (and, after execution, the new ids) into plan lines and counts.
fn describe(plan: &Plan, manifest: &Manifest, ids: Option<&Ids>) -> Outcome {
    let mut counts = Counts::default();
    let mut changes = Vec::with_capacity(plan.users.len() + plan.projects.len() + plan.tokens.len() + plan.prune.len());
    // `owner`: the username, or for a project entry or project token the project's path.
    let mut push = |action: Action,
                    kind: &'static str,
                    owner: &str,
                    project: Option<&str>,
                    name: &str,
                    id,
                    previous_id,
                    detail: String| {
        match action {
            Action::Create => counts.create += 1,
            Action::Update => counts.update += 1,
            Action::Rotate => counts.rotate += 1,
            Action::Revoke => counts.revoke += 1,
            Action::Unchanged => counts.unchanged += 1,
        }
        changes.push(Change {
            action,
            kind,
            owner: owner.to_string(),
            name: name.to_string(),
            project: project.map(str::to_string),
            id,
            previous_id,
            detail,
        });
    };
    for (entry, user_plan) in manifest.users.iter().zip(&plan.users) {
        let u = entry.username.as_str();
        match user_plan {
            UserPlan::Create => {
                let mut facts = vec![if entry.bot == Some(true) { "bot" } else { "human" }.to_string()];
                if entry.admin == Some(true) {
                    facts.push("admin".into());
                }
                push(Action::Create, "user", u, None, u, None, None, facts.join(", "))
            }
            UserPlan::Update { user, diff, .. } => {
                push(Action::Update, "user", u, None, u, Some(user.id), None, diff.join("; "))
            }
            UserPlan::Unchanged(user) => {
                push(Action::Unchanged, "user", u, None, u, Some(user.id), None, String::new())
            }
        }
    }
    for (i, (entry, project_plan)) in manifest.projects.iter().zip(&plan.projects).enumerate() {
        let (action, id, detail) = projects::describe(entry, project_plan);
        let id = id.or_else(|| ids.and_then(|ids| ids.projects.get(i).copied()));
        let p = entry.path.as_str();
        push(action, "project", p, Some(p), p, id, None, detail);
    }
    for (i, (entry, token_plan)) in manifest.tokens.iter().zip(&plan.tokens).enumerate() {
        let owner = entry.owner.label();
        let (project, role) = match &entry.owner {
            Owner::Project { path, access_level } => (Some(path.as_str()), format!("; role {}", access_level.as_str())),
            Owner::User(_) => (None, String::new()),
        };
        let new_id = ids.and_then(|ids| ids.tokens.get(i).copied().flatten());
        let origin = |secret: &Option<Secret>| if secret.is_some() { "preset secret" } else { "generated secret" };
        match token_plan {
            TokenPlan::Create { secret, expires_at } => push(
                Action::Create,
                "token",
                owner,
                project,
                &entry.name,
                new_id,
                None,
                format!("{}{role}; expires {}; {}", entry.scopes.joined(), day_or_never(*expires_at), origin(secret)),
            ),
            TokenPlan::Update { current, diff, adopt, .. } => {
                let mut detail = diff.join("; ");
                if *adopt {
                    detail.push_str("; now managed by this file");
                }
                push(Action::Update, "token", owner, project, &entry.name, Some(current.id), None, detail)
            }
            TokenPlan::Rotate { current, secret, expires_at, reason } => {
                let mut detail = format!("{reason}; expires {}; new {}", day_or_never(*expires_at), origin(secret));
                if let Some(level) = role_change(entry, current) {
                    let was = current.access_level.map_or("none", |l| l.as_str());
                    detail.push_str(&format!("; access_level {was} -> {}", level.as_str()));
                }
                push(Action::Rotate, "token", owner, project, &entry.name, new_id, Some(current.id), detail)
            }
            TokenPlan::Unchanged { current, adopt } => push(
                Action::Unchanged,
                "token",
                owner,
                project,
                &entry.name,
                Some(current.id),
                None,
                if *adopt { "now managed by this file".into() } else { String::new() },
            ),
        }
    }
    for token in &plan.prune {
        let project = token.project.as_deref();
        let owner = project.unwrap_or(&token.username);
        let detail = "no longer declared".to_string();
        push(Action::Revoke, "token", owner, project, &token.name, Some(token.id), None, detail);
    }
    Outcome { changes, counts, stale: plan.stale }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_changes() {
        let counts = Counts { create: 2, update: 1, rotate: 1, revoke: 1, unchanged: 9 };
        assert_eq!(counts.changed(), 5);
    }
}
