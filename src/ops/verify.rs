//! `verify`: may this token be used? And the throttled record of its last use.

use std::net::IpAddr;

use chrono::TimeDelta;

use super::Stamp;
use super::tokens::TokenSettings;
use crate::domain::model::Token;
use crate::domain::scope::Scopes;
use crate::domain::secret::Secret;
use crate::domain::verify::{
    AccessPolicy, Rejection, judge, last_use_bound, last_use_due, last_used_ip_due, with_last_used_ip,
};
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Copy)]
pub struct VerifySettings {
    pub access: AccessPolicy,
    /// Config `tokens.last_used_interval`: last use is written at most once per interval.
    pub last_used_interval: TimeDelta,
}

/// What happened to `last_used_at`.
#[derive(Debug)]
pub enum LastUse {
    Recorded,
    /// Within the interval of the stored last use: nothing was written.
    Throttled,
    /// The write failed (read-only or busy database); the token is accepted all the same.
    Failed(Error),
}

#[derive(Debug)]
pub struct Accepted {
    pub token: Token,
    pub last_use: LastUse,
}

/// Looks the token up by its digest and judges it. A token that passes gets its last use
/// recorded, and the client address `ip` among its last ones, unless neither is due (GitLab's
/// last-used service): then no transaction is opened at all.
pub fn verify(
    store: &mut Store,
    settings: &TokenSettings,
    verify: &VerifySettings,
    secret: &Secret,
    wanted: &Scopes,
    ip: Option<IpAddr>,
    stamp: &Stamp,
) -> Result<std::result::Result<Accepted, Rejection>> {
    let reader = store.reader();
    let Some(token) = reader.token_by_digest(&secret.digest(&settings.digest_key))? else {
        return Ok(Err(Rejection::Unknown));
    };
    let owner_blocked = reader.user_by_id(token.user_id)?.is_none_or(|owner| owner.blocked);
    if let Err(rejection) = judge(&token, owner_blocked, wanted, stamp.now, verify.access) {
        return Ok(Err(rejection));
    }
    let ip = ip.map(|ip| ip.to_string());
    let new_ips = ip
        .filter(|ip| last_used_ip_due(token.last_used_at, token.last_used_ips.contains(ip), stamp.now))
        .map(|ip| with_last_used_ip(&token.last_used_ips, &ip));
    let at_due = last_use_due(token.last_used_at, stamp.now, verify.last_used_interval);
    if new_ips.is_none() && !at_due {
        return Ok(Ok(Accepted { token, last_use: LastUse::Throttled }));
    }
    let bound = last_use_bound(stamp.now, verify.last_used_interval);
    let recorded = store.write(|w| {
        if let Some(new_ips) = &new_ips {
            w.set_last_used_ips(token.id, &token.last_used_ips, new_ips)?;
        }
        match at_due {
            true => w.touch_last_used(token.id, stamp.now, bound),
            false => Ok(false),
        }
    });
    let last_use = match recorded {
        Ok(true) => LastUse::Recorded,
        Ok(false) => LastUse::Throttled,
        Err(e) => LastUse::Failed(e),
    };
    let token = match last_use {
        LastUse::Recorded => Token { last_used_at: Some(stamp.now), ..token },
        _ => token,
    };
    Ok(Ok(Accepted { token, last_use }))
}
