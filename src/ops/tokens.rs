use chrono::NaiveDate;
use serde_json::json;

use super::Stamp;
use super::users::find as find_user;
use crate::domain::expiry::{ExpiryPolicy, ExpiryRequest};
use crate::domain::group::Group;
use crate::domain::model::{Token, User, UserType};
use crate::domain::project::AccessLevel;
use crate::domain::project::Project;
use crate::domain::scope::Scopes;
use crate::domain::secret::{DigestKey, PresetRule, Secret};
use crate::domain::text::check_field;
use crate::error::{Error, Result};
use crate::store::{Event, NewToken, Reader, Store, Writer};

/// The token settings of the configuration, resolved.
#[derive(Clone)]
pub struct TokenSettings {
    pub prefix: String,
    /// The store's digest scheme with its key (the pepper or GitLab's db_key_base).
    pub digest_key: DigestKey,
    pub preset: PresetRule,
    pub expiry: ExpiryPolicy,
    /// config `service_accounts.require_expiry`
    pub service_accounts_require_expiry: bool,
}

impl TokenSettings {
    /// The lifetime rules for tokens of `owner`: a service account's tokens need an expiry only
    /// when config `service_accounts.require_expiry` says so too.
    pub fn expiry_for(&self, owner: UserType) -> ExpiryPolicy {
        let exempt = owner == UserType::ServiceAccount && !self.service_accounts_require_expiry;
        ExpiryPolicy { require_expiry: self.expiry.require_expiry && !exempt, ..self.expiry }
    }
}

pub enum SecretSource {
    Generate,
    Preset(Secret),
}

/// A token to create: what it is, apart from who owns it.
pub struct CreateToken {
    pub name: String,
    pub description: Option<String>,
    pub scopes: Scopes,
    pub expiry: ExpiryRequest,
    pub secret: SecretSource,
    pub if_not_exists: bool,
}

pub enum Created {
    /// A new token; `generated` holds the secret when patctl made it (to be shown once).
    New { token: Token, generated: Option<Secret> },
    /// `--if-not-exists` found the same token already there.
    Unchanged(Token),
}

impl CreateToken {
    /// Checks what can be checked without the database.
    pub fn check(&self, settings: &TokenSettings) -> Result<()> {
        check_field("name", &self.name, 255)?;
        if let Some(description) = &self.description {
            check_field("description", description, 255)?;
        }
        if let SecretSource::Preset(secret) = &self.secret {
            settings.preset.check(secret)?;
        }
        Ok(())
    }
}

/// Creates a personal token of `owner`, or (`impersonation`) an impersonation token. The caller
/// checks config `security.impersonation_enabled` first (see [`super::impersonation`]).
pub fn create(
    store: &mut Store,
    settings: &TokenSettings,
    owner: &str,
    request: CreateToken,
    impersonation: bool,
    stamp: &Stamp,
) -> Result<Created> {
    request.check(settings)?;
    store.write(|w| {
        let owner = find_user(w, owner)?;
        check_personal_owner(&owner)?;
        let policy = settings.expiry_for(owner.user_type);
        let expires_at = policy.resolve(request.expiry, stamp.now.date_naive(), policy.max_lifetime_days)?;
        request.scopes.check_owner(&owner.username, owner.admin)?;
        let same = |t: &Token| {
            t.user_id == owner.id && t.project_id.is_none() && t.group_id.is_none() && t.impersonation == impersonation
        };
        let named = || -> Result<Vec<Token>> { w.tokens_named(owner.id, &request.name) };
        if let Some(found) = existing(w, settings, &request, stamp, same, named)? {
            return Ok(found);
        }
        let new = NewFor { owner: &owner, expires_at, impersonation, project: None, group: None };
        insert_new(w, settings, &request, &new, stamp)
    })
}

/// Refuses owners that cannot hold personal tokens: project bots, the ghost, blocked users.
pub(crate) fn check_personal_owner(owner: &User) -> Result<()> {
    match owner.user_type {
        UserType::ProjectBot | UserType::Ghost => {
            return Err(Error::data(format!(
                "'{}' is a {} user and cannot own personal access tokens",
                owner.username,
                owner.user_type.as_str()
            )));
        }
        UserType::Human | UserType::Bot | UserType::ServiceAccount => {}
    }
    if owner.blocked {
        return Err(Error::data(format!("user '{}' is blocked", owner.username))
            .with_hint(format!("patctl user unblock {}", owner.username)));
    }
    Ok(())
}

/// An equal token already there is "unchanged" for --if-not-exists; anything else conflicts.
/// `same_owner` says whether a token belongs where the new one would; `named` lists the
/// candidates with the new token's name.
pub(crate) fn existing(
    w: &Writer<'_>,
    settings: &TokenSettings,
    request: &CreateToken,
    stamp: &Stamp,
    same_owner: impl Fn(&Token) -> bool,
    named: impl FnOnce() -> Result<Vec<Token>>,
) -> Result<Option<Created>> {
    let existing = match &request.secret {
        SecretSource::Preset(secret) => w.token_by_digest(&secret.digest(&settings.digest_key))?,
        SecretSource::Generate if request.if_not_exists => {
            named()?.into_iter().find(|t| same_owner(t) && t.is_active(stamp.now))
        }
        SecretSource::Generate => None,
    };
    let Some(existing) = existing else { return Ok(None) };
    let same = same_owner(&existing) && existing.name == request.name && existing.scopes == request.scopes;
    match (request.if_not_exists, same, existing.is_revoked(stamp.now)) {
        (true, true, false) => Ok(Some(Created::Unchanged(existing))),
        (true, _, true) => Err(Error::data(format!("token already exists and was revoked (id {})", existing.id))),
        (true, false, false) => Err(Error::data(format!(
            "token already exists (id {}) with a different owner, name or scopes",
            existing.id
        ))
        .with_hint(format!("compare with: patctl show {}", existing.id))),
        (false, ..) => Err(Error::data("token already exists")
            .with_hint("use --if-not-exists to accept the same token (same owner, name and scopes)")),
    }
}

/// Who a new token belongs to and how it is made, besides the request.
pub(crate) struct NewFor<'a> {
    pub owner: &'a User,
    pub expires_at: Option<NaiveDate>,
    pub impersonation: bool,
    /// For a project token: its project and the bot's role.
    pub project: Option<(&'a Project, AccessLevel)>,
    /// For a group token: its group and the bot's role.
    pub group: Option<(&'a Group, AccessLevel)>,
}

/// Inserts a token for `new.owner` (generating its secret if asked) and records it.
pub(crate) fn insert_new(
    w: &Writer<'_>,
    settings: &TokenSettings,
    request: &CreateToken,
    new: &NewFor<'_>,
    stamp: &Stamp,
) -> Result<Created> {
    let generated = match &request.secret {
        SecretSource::Generate => Some(Secret::generate(&settings.prefix)?),
        SecretSource::Preset(_) => None,
    };
    let secret = match (&generated, &request.secret) {
        (Some(secret), _) | (None, SecretSource::Preset(secret)) => secret,
        (None, SecretSource::Generate) => unreachable!("a generated secret was just made"),
    };
    let row = NewToken {
        user_id: new.owner.id,
        name: &request.name,
        description: request.description.as_deref(),
        digest: &secret.digest(&settings.digest_key),
        scopes: &request.scopes,
        expires_at: new.expires_at,
        impersonation: new.impersonation,
        previous_token_id: None,
        project: new.project.map(|(project, level)| (project.id, level)),
        group: new.group.map(|(group, level)| (group.id, level)),
        created_at: stamp.now,
    };
    let event = ("token.create", json!({"preset": generated.is_none()}));
    let token = insert_recorded(w, &row, event, stamp, |_| Ok(()))?;
    Ok(Created::New { token, generated })
}

/// Inserts a token and records `action` on it (its [`audit_details`] plus `extra`) in the
/// caller's transaction: the one way create, rotate and apply add a token. `before_event` runs
/// between the two (rotate records the old token's event first, apply marks the token managed).
pub(crate) fn insert_recorded(
    w: &Writer<'_>,
    new: &NewToken<'_>,
    (action, extra): (&str, serde_json::Value),
    stamp: &Stamp,
    before_event: impl FnOnce(&Token) -> Result<()>,
) -> Result<Token> {
    let token = w.insert_token(new)?;
    before_event(&token)?;
    w.record(stamp, Event::token(action, &token, audit_details(&token, extra)))?;
    Ok(token)
}

/// What the audit trail says of a token — name, scopes, expiry, kind and project — plus `extra`.
pub fn audit_details(token: &Token, extra: serde_json::Value) -> serde_json::Value {
    let mut value = json!({
        "name": token.name,
        "scopes": token.scopes.names(),
        "expires_at": token.expires_at.map(|d| d.to_string()),
        "impersonation": token.impersonation,
        "project": token.project,
        "access_level": token.access_level.map(|l| l.as_str()),
    });
    with_group(&mut value, token);
    if let (Some(map), serde_json::Value::Object(extra)) = (value.as_object_mut(), extra) {
        map.extend(extra);
    }
    value
}

/// Adds `"group"` to a group token's audit details; other tokens' events stay as they were.
pub(crate) fn with_group(details: &mut serde_json::Value, token: &Token) {
    if let (Some(group), Some(map)) = (&token.group, details.as_object_mut()) {
        map.insert("group".into(), group.as_str().into());
    }
}

/// How a command names one token.
pub enum Selector {
    Secret(Secret),
    Id(i64),
    OwnerName { owner: String, name: String },
}

/// Finds the one token a selector names.
pub fn find(reader: &Reader<'_>, settings: &TokenSettings, selector: &Selector, stamp: &Stamp) -> Result<Token> {
    match selector {
        Selector::Secret(secret) => reader
            .token_by_digest(&secret.digest(&settings.digest_key))?
            .ok_or_else(|| Error::not_found("no token matches the given token string")),
        Selector::Id(id) => reader
            .token_by_id(*id)?
            .ok_or_else(|| Error::not_found(format!("no token with id {id}")).with_hint("patctl list --state all")),
        Selector::OwnerName { owner, name } => {
            let user = find_user(reader, owner)?;
            let tokens = reader.tokens_named(user.id, name)?;
            let active: Vec<&Token> = tokens.iter().filter(|t| t.is_active(stamp.now)).collect();
            match (active.as_slice(), tokens.first()) {
                ([one], _) => Ok((*one).clone()),
                ([], Some(newest)) => Ok(newest.clone()),
                ([], None) => Err(Error::not_found(format!(
                    "user '{}' has no token named '{}'",
                    user.username,
                    crate::domain::text::escape(name)
                ))
                .with_hint(format!("patctl list --user {} --state all", user.username))),
                (many, _) => {
                    let ids: Vec<String> = many.iter().map(|t| t.id.to_string()).collect();
                    Err(Error::data(format!(
                        "{} active tokens of '{}' are named '{}' (ids {})",
                        many.len(),
                        user.username,
                        crate::domain::text::escape(name),
                        ids.join(", ")
                    ))
                    .with_hint("choose one: patctl revoke --id ID"))
                }
            }
        }
    }
}

pub enum Revoked {
    Revoked(Token),
    AlreadyRevoked(Token),
}

/// Revokes one token (GitLab's `revoke!`); revoking twice is harmless.
pub fn revoke(store: &mut Store, settings: &TokenSettings, selector: &Selector, stamp: &Stamp) -> Result<Revoked> {
    store.write(|w| {
        let token = find(w, settings, selector, stamp)?;
        if token.is_revoked(stamp.now) {
            return Ok(Revoked::AlreadyRevoked(token));
        }
        revoke_in(w, &token, "revoke", stamp)?;
        // As it was when revoked: a project token's bot has just been replaced by the ghost user.
        Ok(Revoked::Revoked(Token { revoked: true, updated_at: stamp.now, ..token }))
    })
}

/// Revokes one token inside a transaction and records why (`reason`: revoke, bulk, family,
/// project_remove, group_remove, ...). Revoking a project or group token deletes its bot user (see
/// [`super::bots::delete_bot`]). Returns the ids of other tokens revoked with the bot.
pub(crate) fn revoke_in(w: &Writer<'_>, token: &Token, reason: &str, stamp: &Stamp) -> Result<Vec<i64>> {
    w.revoke_token(token.id, stamp.now)?;
    let mut details = json!({
        "name": token.name,
        "scopes": token.scopes.names(),
        "reason": reason,
        "project": token.project,
    });
    with_group(&mut details, token);
    w.record(stamp, Event::token("token.revoke", token, details))?;
    // A token superseded by a rotation (still in its grace period) goes alone: its bot lives on
    // with the newer token. Revoking the newest token of the chain deletes the bot.
    if (token.project_id.is_some() || token.group_id.is_some())
        && w.successors(token.id)?.is_empty()
        && let Some(owner) = w.user_by_id(token.user_id)?.filter(|u| u.user_type == UserType::ProjectBot)
    {
        return super::bots::delete_bot(w, &owner, stamp);
    }
    Ok(Vec::new())
}
