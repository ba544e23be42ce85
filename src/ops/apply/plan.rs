//! Planning: reads the database and decides what each entry of the file needs.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::groups::{self, GroupPlan};
use super::manifest::{Manifest, Owner, SecretSpec, TokenEntry, UserEntry};
use super::projects::{self, Known, ProjectPlan};
use super::{Context, day_or_never, role_change};
use crate::domain::expiry::{ExpiryPolicy, ExpiryRequest};
use crate::domain::model::{Token, User, UserType};
use crate::domain::secret::{Secret, TokenDigest};
use crate::domain::text::escape;
use crate::error::{Error, Exit, Result, ResultExt};
use crate::input;
use crate::ops::tokens::check_personal_owner;
use crate::store::{ManagedToken, Reader};

pub(super) enum UserPlan {
    Create,
    Update { user: User, name: String, email: Option<String>, user_type: UserType, admin: bool, diff: Vec<String> },
    Unchanged(User),
}

pub(super) enum TokenPlan {
    Create {
        secret: Option<Secret>,
        expires_at: Option<NaiveDate>,
    },
    // Boxed: a plan of 100,000 entries is mostly creates or unchanged, which hold no token.
    Update {
        current: Box<Token>,
        expires_at: Option<NaiveDate>,
        diff: Vec<String>,
        adopt: bool,
    },
    Rotate {
        current: Box<Token>,
        secret: Option<Secret>,
        expires_at: Option<NaiveDate>,
        reason: &'static str,
        /// Made by hand: the new token is this file's.
        adopt: bool,
    },
    /// Only the id is kept: most entries of a re-run are unchanged.
    Unchanged {
        id: i64,
        adopt: bool,
    },
}

pub(super) struct Plan {
    pub users: Vec<UserPlan>,
    pub projects: Vec<ProjectPlan>,
    pub groups: Vec<GroupPlan>,
    pub tokens: Vec<TokenPlan>,
    pub prune: Vec<Token>,
    pub stale: usize,
    /// Stored owners of personal tokens by lower-case username, looked up while planning.
    pub owner_ids: HashMap<String, i64>,
}

/// Plans every entry of `manifest`; `reader` is None when there is no database yet.
pub(super) fn plan(reader: Option<&Reader<'_>>, manifest: &Manifest, cx: &Context<'_>) -> Result<Plan> {
    let mut done = 0u64;
    let mut step = || {
        done += 1;
        (cx.progress)(done);
    };
    // Errors of entries are gathered, so that one run names them all; others end the run.
    let mut problems = manifest.problems.clone();
    let mut owners: Owners<'_> = HashMap::new();
    let mut users = Vec::with_capacity(manifest.users.len());
    for entry in &manifest.users {
        let existing = match reader {
            Some(r) => r.user_by_username(&entry.username)?,
            None => None,
        };
        match plan_user(manifest, entry, existing.as_ref()) {
            Ok(plan) => users.push(plan),
            Err(e) => problems.push(entry.place.line, e),
        }
        owners.insert(entry.username.to_lowercase(), (existing, Some(entry)));
        step();
    }
    if let Some(r) = reader {
        look_up_owners(r, manifest, &mut owners)?;
    }
    let (projects, known) = projects::plan_projects(reader, manifest, &mut step)?;
    let (groups, known_groups) = groups::plan_groups(reader, manifest, &mut step)?;

    let mut planner = Planner::new(reader, manifest, cx, owners, (known, known_groups))?;
    let mut tokens = Vec::with_capacity(manifest.tokens.len());
    for entry in &manifest.tokens {
        match planner.token(entry) {
            Ok(plan) => tokens.push(plan),
            Err(Failure::Entry(e)) => problems.push(entry.place.line, e),
            Err(Failure::Fatal(e)) => return Err(e),
        }
        step();
    }
    problems.into_result()?;
    let owner_ids =
        planner.owners.iter().filter_map(|(key, (user, _))| user.as_ref().map(|u| (key.clone(), u.id))).collect();
    let (prune, stale) = planner.leftover(cx.options.prune);
    Ok(Plan { users, projects, groups, tokens, prune, stale, owner_ids })
}

/// Looks up the owners of the file's personal tokens not yet known, a batch to a statement
/// rather than one at a time. A name found only by a case rule beyond ASCII is left to the
/// one-at-a-time lookup, which the store's own rule answers.
fn look_up_owners<'m>(reader: &Reader<'_>, manifest: &'m Manifest, owners: &mut Owners<'m>) -> Result<()> {
    let mut wanted: HashMap<String, &str> = HashMap::new();
    for entry in &manifest.tokens {
        if let Owner::User(username) = &entry.owner {
            let key = username.to_lowercase();
            if !owners.contains_key(&key) {
                wanted.entry(key).or_insert(username);
            }
        }
    }
    let names: Vec<&str> = wanted.values().copied().collect();
    for user in reader.users_by_usernames(&names)? {
        let key = user.username.to_lowercase();
        if wanted.get(&key).is_some_and(|name| name.eq_ignore_ascii_case(&user.username)) {
            owners.insert(key, (Some(user), None));
        }
    }
    Ok(())
}

/// Why an entry could not be planned: its own error, reported with the others of the file, or
/// one that ends the run (the database failed).
enum Failure {
    Entry(Error),
    Fatal(Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Fatal(err)
    }
}

/// Users by lower-case username: as stored (None: not yet), and as declared in the file.
type Owners<'m> = HashMap<String, (Option<User>, Option<&'m UserEntry>)>;

/// Who a stored token belongs to, for matching it with an entry of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum OwnerKey {
    User(i64),
    Project(i64),
    Group(i64),
}

/// What planning the tokens keeps from one entry to the next.
struct Planner<'a, 'r> {
    reader: Option<&'a Reader<'r>>,
    manifest: &'a Manifest,
    cx: &'a Context<'a>,
    owners: Owners<'a>,
    projects: Known,
    groups: Known,
    /// The tokens this file manages not yet matched with an entry (None: matched), and their
    /// positions by (owner, name). Positions rather than the tokens themselves: a hash table
    /// keeps its values inline, in a quarter more slots than it holds.
    managed: Vec<Option<ManagedToken>>,
    by_key: HashMap<(OwnerKey, String), usize>,
    /// Older tokens with the same owner and name as a newer managed one: stale.
    duplicates: Vec<Token>,
    /// Digests of the preset secrets seen so far, to refuse the same secret twice.
    digests: HashSet<String>,
    /// Hand-made tokens of (user id, name) pairs looked up before planning; a pair not in it
    /// is looked up when an entry needs it.
    hand_made: HashMap<(i64, String), Vec<Token>>,
}

/// A token entry with its secret loaded: what the file wants.
struct Declared<'e> {
    entry: &'e TokenEntry,
    /// The lifetime a token of this owner gets when the entry gives none.
    default_days: u32,
    /// The owner's lifetime rules (a service account's may allow no expiry).
    policy: ExpiryPolicy,
    secret: Option<Secret>,
    digest: Option<String>,
}

/// A stored token an entry is compared with.
struct Stored {
    token: Token,
    /// Its digest, when known.
    digest: Option<String>,
    /// Made by hand: the file starts managing it.
    adopt: bool,
}

impl<'a, 'r> Planner<'a, 'r> {
    fn new(
        reader: Option<&'a Reader<'r>>,
        manifest: &'a Manifest,
        cx: &'a Context<'a>,
        owners: Owners<'a>,
        (projects, groups): (Known, Known),
    ) -> Result<Self> {
        let stored = match reader {
            Some(r) => r.managed_tokens(&cx.options.source)?,
            None => Vec::new(),
        };
        // A personal token is known by (owner, name), a project token by (project, name): its
        // owner is its bot.
        let mut by_key = HashMap::with_capacity(stored.len());
        let mut duplicates = Vec::new();
        let mut managed: Vec<Option<ManagedToken>> = stored.into_iter().map(Some).collect();
        for (i, m) in managed.iter().enumerate() {
            let Some(m) = m else { continue };
            let owner = match (m.token.project_id, m.token.group_id) {
                (Some(project_id), _) => OwnerKey::Project(project_id),
                (None, Some(group_id)) => OwnerKey::Group(group_id),
                (None, None) => OwnerKey::User(m.token.user_id),
            };
            // Oldest first: a newer token of the same owner and name wins; older ones are stale.
            if let Some(older) = by_key.insert((owner, m.token.name.clone()), i) {
                duplicates.push(older);
            }
        }
        let duplicates = duplicates.into_iter().filter_map(|i| managed[i].take().map(|m| m.token)).collect();
        let digests = HashSet::new();
        let hand_made = match reader {
            Some(r) => hand_made_of_new_entries(r, manifest, &owners, &by_key)?,
            None => HashMap::new(),
        };
        Ok(Planner { reader, manifest, cx, owners, projects, groups, managed, by_key, duplicates, digests, hand_made })
    }

    /// An error of `entry`, naming the file, the entry and `field`.
    fn at(&self, entry: &TokenEntry, field: &str, err: Error) -> Failure {
        Failure::Entry(self.manifest.error_at(&entry.place, field, err))
    }

    fn token(&mut self, entry: &'a TokenEntry) -> Result<TokenPlan, Failure> {
        let (owner_key, default_days, policy) = self.owner_of(entry)?;
        let field = secret_field(entry);
        let secret = load_secret(&entry.secret, &self.cx.options.base_dir).map_err(|e| self.at(entry, field, e))?;
        if let Some(secret) = &secret {
            self.cx.settings.preset.check(secret).map_err(|e| self.at(entry, field, e))?;
        }
        let digest = secret.as_ref().map(|s| s.digest(&self.cx.settings.digest_key).0);
        if let Some(digest) = &digest
            && !self.digests.insert(digest.clone())
        {
            let err = Error::data("another entry of this file declares the same secret");
            return Err(self.at(entry, field, err));
        }
        let declared = Declared { entry, default_days, policy, secret, digest };
        let matched = owner_key.and_then(|key| self.by_key.remove(&(key, entry.name.clone())));
        match matched.and_then(|i| self.managed[i].take()) {
            Some(m) => {
                let stored = Stored { token: m.token, digest: Some(m.digest), adopt: false };
                self.existing(declared, stored)
            }
            None => self.unmanaged(declared, owner_key),
        }
    }

    /// The owner's key (None: created by this apply), the default lifetime of its tokens and
    /// their lifetime rules, as `patctl create` applies them to that owner.
    fn owner_of(&mut self, entry: &TokenEntry) -> Result<(Option<OwnerKey>, u32, ExpiryPolicy), Failure> {
        let settings = self.cx.settings;
        match &entry.owner {
            Owner::User(username) => {
                let key = username.to_lowercase();
                if !self.owners.contains_key(&key) {
                    let existing = match self.reader {
                        Some(r) => r.user_by_username(username)?,
                        None => None,
                    };
                    self.owners.insert(key.clone(), (existing, None));
                }
                let (existing, declared) = &self.owners[&key];
                let owner =
                    check_owner(existing.as_ref(), *declared, username).map_err(|e| self.at(entry, "user", e))?;
                entry.scopes.check_owner(username, owner.admin).map_err(|e| self.at(entry, "scopes", e))?;
                let policy = settings.expiry_for(owner.user_type);
                Ok((owner.id.map(OwnerKey::User), policy.max_lifetime_days, policy))
            }
            Owner::Project { path, .. } => {
                // Scopes were checked for a project token when the file was read.
                let id = projects::token_project(self.reader, &mut self.projects, path)
                    .map_err(|e| self.at(entry, "project", e))?;
                Ok((id.map(OwnerKey::Project), self.cx.options.project_tokens.default_lifetime_days, settings.expiry))
            }
            Owner::Group { path, .. } => {
                // Scopes were checked for a group token when the file was read.
                let id =
                    groups::token_group(self.reader, &mut self.groups, path).map_err(|e| self.at(entry, "group", e))?;
                Ok((id.map(OwnerKey::Group), self.cx.options.project_tokens.default_lifetime_days, settings.expiry))
            }
        }
    }

    /// An entry no managed token matches: a preset secret may already be stored (the same
    /// token made by hand, adopted, or a conflict), or a token made by hand may have the entry's
    /// owner and name (adopted); otherwise the token is created.
    fn unmanaged(&self, declared: Declared<'_>, owner_key: Option<OwnerKey>) -> Result<TokenPlan, Failure> {
        let entry = declared.entry;
        let found = match (self.reader, &declared.digest) {
            (Some(r), Some(d)) => r.token_by_digest(&TokenDigest(d.clone()))?,
            _ => None,
        };
        if let Some(found) = found {
            self.check_adoptable(entry, &found, owner_key)?;
            let stored = Stored { token: found, digest: declared.digest.clone(), adopt: true };
            return self.existing(declared, stored);
        }
        if let Some(found) = self.hand_made(entry, owner_key)? {
            // Its digest is not the entry's (that was looked up): a preset entry rotates it.
            return self.existing(declared, Stored { token: found, digest: None, adopt: true });
        }
        let today = self.cx.stamp.now.date_naive();
        let expires_at = (declared.policy)
            .resolve(entry.expiry, today, declared.default_days)
            .map_err(|e| self.at(entry, expiry_field(entry), e))?;
        Ok(TokenPlan::Create { secret: declared.secret, expires_at })
    }

    /// The live token made by hand with the entry's owner and name, if there is one; several
    /// are an error, since the file declares one.
    fn hand_made(&self, entry: &TokenEntry, owner_key: Option<OwnerKey>) -> Result<Option<Token>, Failure> {
        let (Some(r), Some(key)) = (self.reader, owner_key) else { return Ok(None) };
        let mut found = match key {
            OwnerKey::User(id) => match self.hand_made.get(&(id, entry.name.clone())) {
                Some(found) => found.clone(),
                None => r.hand_made_tokens_of_user(id, &entry.name)?,
            },
            OwnerKey::Project(id) => r.hand_made_tokens_of_project(id, &entry.name)?,
            OwnerKey::Group(id) => r.hand_made_tokens_of_group(id, &entry.name)?,
        };
        found.retain(|t| t.is_active(self.cx.stamp.now));
        if found.len() <= 1 {
            return Ok(found.pop());
        }
        let ids: Vec<String> = found.iter().map(|t| t.id.to_string()).collect();
        let err = Error::data(format!(
            "{} tokens of {} named '{}' were made by hand (ids {}), and the file declares one",
            found.len(),
            escape(entry.owner.label()),
            escape(&entry.name),
            ids.join(", ")
        ))
        .with_hint("revoke the ones to drop (patctl revoke --id ID), and apply again to manage the other");
        Err(self.at(entry, "name", err))
    }

    /// A stored token with an entry's preset secret is adopted only when it is that token:
    /// same owner and name, live, and not another file's.
    fn check_adoptable(&self, entry: &TokenEntry, found: &Token, owner_key: Option<OwnerKey>) -> Result<(), Failure> {
        let field = secret_field(entry);
        let same_owner = match owner_key {
            Some(OwnerKey::User(id)) => found.user_id == id && found.project_id.is_none() && found.group_id.is_none(),
            Some(OwnerKey::Project(id)) => found.project_id == Some(id),
            Some(OwnerKey::Group(id)) => found.group_id == Some(id),
            None => false,
        };
        if !(same_owner && found.name == entry.name && !found.revoked) {
            let why = if found.revoked {
                " and was revoked (a secret cannot be used twice)"
            } else {
                " with another owner or name"
            };
            let err = Error::data(format!("token already exists (id {}){why}", found.id))
                .with_hint(format!("compare with: patctl show {}", found.id));
            return Err(self.at(entry, field, err));
        }
        if let Some(other) = self.reader.map(|r| r.token_managed_by(found.id)).transpose()?.flatten()
            && other != self.cx.options.source
        {
            let err = Error::data(format!("token {} is managed by another apply file ({})", found.id, escape(&other)));
            return Err(self.at(entry, field, err));
        }
        Ok(())
    }

    /// Decides what to do with a declared token that is already stored.
    ///
    /// Relative expiries (`expires_in`, or the default lifetime) count from the token's
    /// creation, so a re-run on a later day does not push them forward; a fixed `expires_at` is
    /// compared as is. Scopes, description and expiry are updated in place while the token is
    /// still valid; an expired token, a lapsed lifetime or a new preset secret means a rotation.
    fn existing(&self, declared: Declared<'_>, stored: Stored) -> Result<TokenPlan, Failure> {
        let Declared { entry, default_days, policy, secret, digest } = declared;
        let Stored { token: current, digest: current_digest, adopt } = stored;
        let at = |field: &str, e: Error| self.at(entry, field, e);
        let now = self.cx.stamp.now;
        let today = now.date_naive();
        let kept = match entry.expiry {
            ExpiryRequest::In(_) | ExpiryRequest::Default => {
                policy.resolve(entry.expiry, current.created_at.date_naive(), default_days)
            }
            ExpiryRequest::At(_) | ExpiryRequest::Never => policy.resolve(entry.expiry, today, default_days),
        }
        .map_err(|e| at(expiry_field(entry), e))?;
        let lapsed = kept.is_some_and(|d| d <= today);
        let secret_changed = digest.is_some() && digest != current_digest;
        if current.is_expired(now) || lapsed || secret_changed {
            let reason = if secret_changed { "the preset secret changed" } else { "the token expired" };
            if digest.is_some() && !secret_changed {
                return Err(at(
                    secret_field(entry),
                    Error::data("the token expired and its preset secret cannot be used again")
                        .with_hint("give a new secret to rotate it"),
                ));
            }
            if let (Some(r), Some(d)) = (self.reader, &digest)
                && let Some(other) = r.token_by_digest(&TokenDigest(d.clone()))?
            {
                return Err(at(secret_field(entry), Error::data(format!("token already exists (id {})", other.id))));
            }
            let expires_at =
                policy.resolve(entry.expiry, today, default_days).map_err(|e| at(expiry_field(entry), e))?;
            return Ok(TokenPlan::Rotate { current: Box::new(current), secret, expires_at, reason, adopt });
        }
        let diff = token_diff(entry, &current, kept);
        if diff.is_empty() {
            Ok(TokenPlan::Unchanged { id: current.id, adopt })
        } else {
            Ok(TokenPlan::Update { current: Box::new(current), expires_at: kept, diff, adopt })
        }
    }

    /// Managed tokens no entry matched, oldest first: revoked with `prune`, else only counted.
    fn leftover(self, prune: bool) -> (Vec<Token>, usize) {
        let mut leftover: Vec<Token> =
            self.managed.into_iter().flatten().map(|m| m.token).chain(self.duplicates).collect();
        leftover.sort_by_key(|t| t.id);
        if prune { (leftover, 0) } else { (Vec::new(), leftover.len()) }
    }
}

/// The hand-made tokens of every personal entry that no managed token matches, by (owner id,
/// name), looked up a batch at a time: each such entry would otherwise be one query.
fn hand_made_of_new_entries(
    reader: &Reader<'_>,
    manifest: &Manifest,
    owners: &Owners<'_>,
    managed: &HashMap<(OwnerKey, String), usize>,
) -> Result<HashMap<(i64, String), Vec<Token>>> {
    let mut pairs = HashSet::new();
    for entry in &manifest.tokens {
        let Owner::User(username) = &entry.owner else { continue };
        let Some((Some(user), _)) = owners.get(&username.to_lowercase()) else { continue };
        if !managed.contains_key(&(OwnerKey::User(user.id), entry.name.clone())) {
            pairs.insert((user.id, entry.name.as_str()));
        }
    }
    let pairs: Vec<(i64, &str)> = pairs.into_iter().collect();
    let mut found: HashMap<(i64, String), Vec<Token>> =
        pairs.iter().map(|(id, name)| ((*id, name.to_string()), Vec::new())).collect();
    for token in reader.hand_made_tokens_of_users(&pairs)? {
        if let Some(list) = found.get_mut(&(token.user_id, token.name.clone())) {
            list.push(token);
        }
    }
    Ok(found)
}

/// What an update in place changes, one phrase per field (empty: unchanged).
fn token_diff(entry: &TokenEntry, current: &Token, kept: Option<NaiveDate>) -> Vec<String> {
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
    diff
}

/// The facts about a token's owner that the plan needs, once the file's declaration is counted.
struct OwnerFacts {
    /// None: the user is declared in the file and does not exist yet.
    id: Option<i64>,
    admin: bool,
    /// Its type once the file is applied: its tokens' expiry rules depend on it.
    user_type: UserType,
}

fn check_owner(existing: Option<&User>, declared: Option<&UserEntry>, username: &str) -> Result<OwnerFacts> {
    match (existing, declared) {
        (None, None) => Err(crate::ops::users::unknown(username)
            .with_hint(format!("declare it in a [[users]] entry, or: patctl user add {username}"))),
        (None, Some(entry)) => Ok(OwnerFacts {
            id: None,
            admin: entry.admin.unwrap_or(false),
            user_type: entry.user_type.unwrap_or(UserType::Human),
        }),
        (Some(user), declared) => {
            check_personal_owner(user)?;
            Ok(OwnerFacts {
                id: Some(user.id),
                admin: declared.and_then(|d| d.admin).unwrap_or(user.admin),
                user_type: declared.and_then(|d| d.user_type).unwrap_or(user.user_type),
            })
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
    let user_type = entry.user_type.unwrap_or(user.user_type);
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
