use serde_json::json;
use zeroize::Zeroizing;

use super::Stamp;
use super::users::find as find_user;
use crate::domain::expiry::{ExpiryPolicy, ExpiryRequest};
use crate::domain::model::{Token, UserType};
use crate::domain::scope::Scopes;
use crate::domain::secret::{PresetRule, Secret};
use crate::domain::text::check_field;
use crate::error::{Error, Result};
use crate::store::{NewToken, Reader, Store};

/// The token settings of the configuration, resolved.
#[derive(Clone)]
pub struct TokenSettings {
    pub prefix: String,
    pub pepper: Zeroizing<Vec<u8>>,
    pub preset: PresetRule,
    pub expiry: ExpiryPolicy,
}

pub enum SecretSource {
    Generate,
    Preset(Secret),
}

pub struct CreateToken {
    pub owner: String,
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

pub fn create(store: &mut Store, settings: &TokenSettings, request: CreateToken, stamp: &Stamp) -> Result<Created> {
    request.check(settings)?;
    let expires_at =
        settings.expiry.resolve(request.expiry, stamp.now.date_naive(), settings.expiry.max_lifetime_days)?;
    store.write(|w| {
        let owner = find_user(w, &request.owner)?;
        match owner.user_type {
            UserType::ProjectBot | UserType::Ghost => {
                return Err(Error::data(format!(
                    "'{}' is a {} user and cannot own personal access tokens",
                    owner.username,
                    owner.user_type.as_str()
                )));
            }
            UserType::Human | UserType::Bot => {}
        }
        if owner.blocked {
            return Err(Error::data(format!("user '{}' is blocked", owner.username))
                .with_hint(format!("patctl user unblock {}", owner.username)));
        }
        request.scopes.check_owner(&owner.username, owner.admin)?;

        // An equal token already there is "unchanged" for --if-not-exists; anything else conflicts.
        let existing = match &request.secret {
            SecretSource::Preset(secret) => w.token_by_digest(&secret.digest(&settings.pepper))?,
            SecretSource::Generate if request.if_not_exists => {
                w.tokens_named(owner.id, &request.name)?.into_iter().find(|t| t.is_active(stamp.now))
            }
            SecretSource::Generate => None,
        };
        if let Some(existing) = existing {
            let same =
                existing.user_id == owner.id && existing.name == request.name && existing.scopes == request.scopes;
            return match (request.if_not_exists, same, existing.revoked) {
                (true, true, false) => Ok(Created::Unchanged(existing)),
                (true, _, true) => {
                    Err(Error::data(format!("token already exists and was revoked (id {})", existing.id)))
                }
                (true, false, false) => Err(Error::data(format!(
                    "token already exists (id {}) with a different owner, name or scopes",
                    existing.id
                ))
                .with_hint(format!("compare with: patctl show {}", existing.id))),
                (false, ..) => Err(Error::data("token already exists")
                    .with_hint("use --if-not-exists to accept the same token (same owner, name and scopes)")),
            };
        }

        let generated = match &request.secret {
            SecretSource::Generate => Some(Secret::generate(&settings.prefix)?),
            SecretSource::Preset(_) => None,
        };
        let secret = match (&generated, &request.secret) {
            (Some(secret), _) | (None, SecretSource::Preset(secret)) => secret,
            (None, SecretSource::Generate) => unreachable!("a generated secret was just made"),
        };
        let token = w.insert_token(&NewToken {
            user_id: owner.id,
            name: &request.name,
            description: request.description.as_deref(),
            digest: &secret.digest(&settings.pepper),
            scopes: &request.scopes,
            expires_at,
            impersonation: false,
            previous_token_id: None,
            created_at: stamp.now,
        })?;
        w.record_event(
            stamp.now,
            &stamp.actor,
            "token.create",
            "token",
            Some(token.id),
            Some(&owner.username),
            Some(token.id),
            &json!({
                "name": token.name,
                "scopes": token.scopes.joined(),
                "expires_at": token.expires_at.map(|d| d.to_string()),
                "preset": generated.is_none(),
            }),
        )?;
        Ok(Created::New { token, generated })
    })
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
            .token_by_digest(&secret.digest(&settings.pepper))?
            .ok_or_else(|| Error::not_found("no token matches the given token string")),
        Selector::Id(id) => reader
            .token_by_id(*id)?
            .ok_or_else(|| Error::not_found(format!("no token with id {id}")).with_hint("patctl list --state all")),
        Selector::OwnerName { owner, name } => {
            let user = find_user(reader, owner)?;
            let tokens = reader.tokens_named(user.id, name)?;
            let active: Vec<&Token> = tokens.iter().filter(|t| !t.revoked && !t.is_expired(stamp.now)).collect();
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
        if token.revoked {
            return Ok(Revoked::AlreadyRevoked(token));
        }
        w.revoke_token(token.id, stamp.now)?;
        w.record_event(
            stamp.now,
            &stamp.actor,
            "token.revoke",
            "token",
            Some(token.id),
            Some(&token.username),
            Some(token.id),
            &json!({"name": token.name, "scopes": token.scopes.joined()}),
        )?;
        Ok(Revoked::Revoked(Token { revoked: true, updated_at: stamp.now, ..token }))
    })
}
