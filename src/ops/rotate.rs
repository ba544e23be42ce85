//! Rotation: a new secret under the same name, scopes and owner, with reuse detection.

use chrono::{DateTime, Days, TimeDelta, Utc};
use serde_json::json;

use super::Stamp;
use super::tokens::{Selector, TokenSettings, find, insert_recorded, revoke_in};
use crate::domain::expiry::rfc3339;
use crate::domain::expiry::{ExpiryPolicy, ExpiryRequest};
use crate::domain::model::{Token, UserType};
use crate::domain::project::check_grace;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::store::{Event, NewToken, Store, Writer};

/// GitLab's `RotateService::EXPIRATION_PERIOD`: a rotated token expires a week from today
/// unless an expiry is given (and never, when expiry is not required).
pub const ROTATION_DAYS: u32 = 7;

pub struct Rotate {
    pub selector: Selector,
    /// `Default`: today + [`ROTATION_DAYS`], or no expiry when expiry is not required.
    pub expiry: ExpiryRequest,
    /// GitLab's `keep_token_lifetime`: the old token's lifetime again, from today.
    pub keep_lifetime: bool,
    /// Leave the old token working this long (at most 7 days).
    pub grace: Option<TimeDelta>,
    /// config `security.impersonation_enabled`
    pub impersonation_enabled: bool,
}

#[allow(clippy::large_enum_variant)] // made once per command
pub enum Rotated {
    New {
        old: Token,
        token: Token,
        generated: Secret,
    },
    /// The token had been rotated already: presumed leaked, its live descendants were revoked
    /// (committed). The command reports this as an error.
    ReuseDetected {
        old: Token,
        revoked: Vec<i64>,
    },
}

pub fn rotate(store: &mut Store, settings: &TokenSettings, request: Rotate, stamp: &Stamp) -> Result<Rotated> {
    if let Some(grace) = request.grace {
        check_grace(grace)?;
    }
    let today = stamp.now.date_naive();
    store.write(|w| {
        let old = find(w, settings, &request.selector, stamp)?;
        let successors = w.successors(old.id)?;
        // Only a presented secret is evidence of a leak; an id is just a stale reference.
        if !successors.is_empty() && matches!(request.selector, Selector::Secret(_)) {
            let revoked = revoke_family(w, &old, stamp)?;
            return Ok(Rotated::ReuseDetected { old, revoked });
        }
        if let Some(next) = successors.first() {
            let status = match old.grace_until.filter(|_| !old.is_revoked(stamp.now)) {
                Some(until) => format!(
                    "already rotated into {}; it keeps working until {} UTC",
                    next.id,
                    until.format("%Y-%m-%d %H:%M:%S")
                ),
                None => format!("already revoked (rotated into {})", next.id),
            };
            return Err(Error::data(format!("token {} is {status}", old.id))
                .with_hint(format!("rotate the newest token instead: patctl rotate --id {}", newest(w, next)?)));
        }
        if old.is_revoked(stamp.now) {
            return Err(Error::data(format!("token {} is already revoked", old.id))
                .with_hint("create a new token with patctl create"));
        }
        let owner = w.user_by_id(old.user_id)?.ok_or_else(|| Error::io("token owner vanished"))?;
        if owner.blocked {
            return Err(Error::data(format!("user '{}' is blocked", owner.username))
                .with_hint(format!("patctl user unblock {}", owner.username)));
        }
        if owner.user_type == UserType::Ghost {
            return Err(Error::data(format!("token {} belongs to a deleted user and cannot be rotated", old.id)));
        }
        if old.impersonation {
            super::impersonation::check_enabled(request.impersonation_enabled)?;
        }
        let policy = settings.expiry_for(owner.user_type);
        let expires_at = match request.keep_lifetime {
            true => same_lifetime(&old, policy, today)?,
            false => policy.resolve(request.expiry, today, ROTATION_DAYS)?,
        };
        let generated = Secret::generate(&settings.prefix)?;
        let row = NewToken {
            user_id: old.user_id,
            name: &old.name,
            description: old.description.as_deref(),
            digest: &generated.digest(&settings.digest_key),
            scopes: &old.scopes,
            expires_at,
            impersonation: old.impersonation,
            previous_token_id: Some(old.id),
            project: old.project_id.zip(old.access_level),
            group: old.group_id.zip(old.access_level),
            created_at: stamp.now,
        };
        let event = ("token.create", json!({"preset": false, "rotated_from": old.id}));
        let grace_until = request.grace.map(|grace| stamp.now + grace);
        let token = insert_recorded(w, &row, event, stamp, |token| retire(w, &old, token, grace_until, stamp))?;
        let old = w.token_by_id(old.id)?.ok_or_else(|| Error::io("token vanished after rotate"))?;
        Ok(Rotated::New { old, token, generated })
    })
}

/// Ends the old token's life as its successor `new` arrives: revoked now, or at `grace_until`;
/// and records the rotation on it.
fn retire(w: &Writer<'_>, old: &Token, new: &Token, grace_until: Option<DateTime<Utc>>, stamp: &Stamp) -> Result<()> {
    match grace_until {
        Some(until) => w.set_token_grace(old.id, until, stamp.now)?,
        None => w.revoke_token(old.id, stamp.now)?,
    }
    let mut details = json!({
        "name": old.name,
        "scopes": old.scopes.names(),
        "new_token_id": new.id,
        "new_expires_at": new.expires_at.map(|d| d.to_string()),
        "grace_until": grace_until.map(rfc3339),
        "project": old.project,
    });
    super::tokens::with_group(&mut details, old);
    w.record(stamp, Event::token("token.rotate", old, details))
}

/// The newest token of the rotation chain that `token` is in.
fn newest(w: &Writer<'_>, token: &Token) -> Result<i64> {
    let mut id = token.id;
    for _ in 0..100_000 {
        match w.successors(id)?.last() {
            Some(next) => id = next.id,
            None => return Ok(id),
        }
    }
    Err(Error::io("rotation chain is implausibly long"))
}

/// The old token's lifetime (created → expires) again from today, capped by the maximum; a token
/// without expiry keeps none unless expiry is required, and then gets the policy's default.
fn same_lifetime(old: &Token, policy: ExpiryPolicy, today: chrono::NaiveDate) -> Result<Option<chrono::NaiveDate>> {
    match old.expires_at {
        None if !policy.require_expiry => Ok(None),
        None => policy.resolve(ExpiryRequest::Default, today, policy.max_lifetime_days),
        Some(expires) => {
            let days = (expires - old.created_at.date_naive()).num_days().max(1) as u64;
            let days = days.min(policy.max_lifetime_days.into());
            Ok(Some(today + Days::new(days)))
        }
    }
}

/// Reuse detection: revokes every live token descending from `old` and records it.
fn revoke_family(w: &Writer<'_>, old: &Token, stamp: &Stamp) -> Result<Vec<i64>> {
    let mut revoked = Vec::new();
    let mut descendants = Vec::new();
    let mut queue = vec![old.id];
    while let Some(id) = queue.pop() {
        for next in w.successors(id)? {
            if descendants.len() > 100_000 {
                return Err(Error::io("rotation chain is implausibly long"));
            }
            queue.push(next.id);
            descendants.push(next.id);
        }
    }
    descendants.sort_unstable();
    for id in &descendants {
        let token = w.token_by_id(*id)?.ok_or_else(|| Error::io("token vanished"))?;
        if token.is_revoked(stamp.now) {
            continue;
        }
        revoked.push(token.id);
        revoked.extend(revoke_in(w, &token, "reuse_detected", stamp)?);
    }
    // The old token itself, if its grace period was still running.
    let current = w.token_by_id(old.id)?.ok_or_else(|| Error::io("token vanished"))?;
    if !current.is_revoked(stamp.now) {
        revoked.push(current.id);
        revoked.extend(revoke_in(w, &current, "reuse_detected", stamp)?);
    }
    revoked.sort_unstable();
    revoked.dedup();
    w.record(
        stamp,
        Event::token(
            "token.family_revoke",
            old,
            json!({
                "name": old.name,
                "reason": "reuse_detected",
                "descendant_ids": descendants,
                "revoked_token_ids": revoked,
            }),
        ),
    )?;
    Ok(revoked)
}
