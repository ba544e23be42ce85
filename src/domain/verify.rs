//! Whether a presented token may be used, and when its last use is worth writing down.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::model::Token;
use super::scope::{Scope, Scopes};

/// Why a token was turned away. The text never contains the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Unknown,
    Revoked,
    Expired(NaiveDate),
    OwnerBlocked(String),
    /// Impersonation tokens are switched off (config `security.impersonation_enabled`).
    ImpersonationDisabled,
    MissingScopes(Vec<Scope>),
}

impl Rejection {
    /// A one-line reason.
    pub fn reason(&self) -> String {
        match self {
            Rejection::Unknown => "unknown".into(),
            Rejection::Revoked => "revoked".into(),
            Rejection::Expired(date) => format!("expired on {date} (00:00 UTC)"),
            Rejection::OwnerBlocked(owner) => format!("owner '{owner}' is blocked"),
            Rejection::ImpersonationDisabled => {
                "impersonation tokens are disabled (config security.impersonation_enabled = false)".into()
            }
            Rejection::MissingScopes(missing) => {
                let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
                let plural = if names.len() == 1 { "" } else { "s" };
                format!("missing scope{plural} {}", names.join(", "))
            }
        }
    }

    /// A short machine-readable code, for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Unknown => "unknown",
            Rejection::Revoked => "revoked",
            Rejection::Expired(_) => "expired",
            Rejection::OwnerBlocked(_) => "owner_blocked",
            Rejection::ImpersonationDisabled => "impersonation_disabled",
            Rejection::MissingScopes(_) => "missing_scope",
        }
    }
}

/// The access rules of verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessPolicy {
    /// Config `tokens.enforce_expiry`: when false, expired tokens are still accepted.
    pub enforce_expiry: bool,
    /// Config `security.impersonation_enabled`.
    pub impersonation_enabled: bool,
}

/// Judges a token that was found, in the order an operator would look: revoked, expired,
/// owner blocked, impersonation, then the requested scopes (all missing ones are named).
pub fn judge(
    token: &Token,
    owner_blocked: bool,
    wanted: &Scopes,
    now: DateTime<Utc>,
    policy: AccessPolicy,
) -> Result<(), Rejection> {
    // A rotated token stays valid until its grace period ends.
    if token.is_revoked(now) {
        return Err(Rejection::Revoked);
    }
    if let Some(date) = token.expires_at.filter(|_| policy.enforce_expiry && token.is_expired(now)) {
        return Err(Rejection::Expired(date));
    }
    if owner_blocked {
        return Err(Rejection::OwnerBlocked(token.username.clone()));
    }
    if token.impersonation && !policy.impersonation_enabled {
        return Err(Rejection::ImpersonationDisabled);
    }
    let missing: Vec<Scope> = wanted.iter().filter(|&s| !token.scopes.grants(s)).collect();
    if !missing.is_empty() {
        return Err(Rejection::MissingScopes(missing));
    }
    Ok(())
}

/// GitLab's `NUM_IPS_TO_STORE`: the addresses kept per token.
const LAST_USED_IPS_KEPT: usize = 5;

/// The addresses after a use from the new address `ip`: it first, the oldest beyond 5 dropped.
pub fn with_last_used_ip(ips: &[String], ip: &str) -> Vec<String> {
    std::iter::once(ip.to_string())
        .chain(ips.iter().filter(|known| *known != ip).cloned())
        .take(LAST_USED_IPS_KEPT)
        .collect()
}

/// GitLab's `last_used_ip_needs_update?`: an address is recorded on a token's first recorded
/// use, or when it is new and the last use is at least `LAST_USED_IP_TIMEOUT` (a minute) old.
pub fn last_used_ip_due(last_used_at: Option<DateTime<Utc>>, ip_known: bool, now: DateTime<Utc>) -> bool {
    match last_used_at {
        None => true,
        Some(at) => !ip_known && at <= now - TimeDelta::minutes(1),
    }
}

/// A use at `now` is written only when the stored last use is missing or earlier than this
/// bound: at least `interval` (config `tokens.last_used_interval`) before `now`, and strictly
/// before it. Times are compared in whole seconds, as they are stored.
pub fn last_use_bound(now: DateTime<Utc>, interval: TimeDelta) -> DateTime<Utc> {
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let limit = now
        .checked_sub_signed(interval)
        .and_then(|t| t.checked_add_signed(TimeDelta::seconds(1)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    limit.min(now)
}

/// Whether a use at `now` should be written, given the stored last use.
pub fn last_use_due(last_used_at: Option<DateTime<Utc>>, now: DateTime<Utc>, interval: TimeDelta) -> bool {
    last_used_at.is_none_or(|at| at < last_use_bound(now, interval))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_instant;

    fn at(text: &str) -> DateTime<Utc> {
        parse_instant(text).unwrap()
    }

    fn token() -> Token {
        Token { scopes: Scopes::parse(&["api,write_repository"]).unwrap(), ..crate::domain::sample::token() }
    }

    const STRICT: AccessPolicy = AccessPolicy { enforce_expiry: true, impersonation_enabled: true };

    fn scopes(text: &str) -> Scopes {
        Scopes::parse(&[text]).unwrap()
    }

    #[test]
    fn a_good_token_passes_with_implied_scopes() {
        let now = at("2026-11-23T23:59:59Z");
        assert_eq!(judge(&token(), false, &Scopes::default(), now, STRICT), Ok(()));
        assert_eq!(judge(&token(), false, &scopes("read_api,read_repository,api"), now, STRICT), Ok(()));
    }

    #[test]
    fn each_reason_is_reported() {
        let now = at("2026-11-23T12:00:00Z");
        let revoked = Token { revoked: true, ..token() };
        assert_eq!(judge(&revoked, true, &Scopes::default(), now, STRICT), Err(Rejection::Revoked));
        let midnight = at("2026-11-24T00:00:00Z");
        let expired = judge(&token(), false, &Scopes::default(), midnight, STRICT).unwrap_err();
        assert_eq!(expired.reason(), "expired on 2026-11-24 (00:00 UTC)");
        let blocked = judge(&token(), true, &Scopes::default(), now, STRICT).unwrap_err();
        assert_eq!(blocked.reason(), "owner 'alice' is blocked");
        let missing =
            judge(&token(), false, &scopes("read_virtual_registry,read_user,read_api"), now, STRICT).unwrap_err();
        assert_eq!(missing.reason(), "missing scopes read_user, read_virtual_registry");
        assert_eq!(missing.code(), "missing_scope");
        let impersonation = Token { impersonation: true, ..token() };
        let off = AccessPolicy { impersonation_enabled: false, ..STRICT };
        assert_eq!(judge(&impersonation, false, &Scopes::default(), now, off), Err(Rejection::ImpersonationDisabled));
        assert_eq!(judge(&impersonation, false, &Scopes::default(), now, STRICT), Ok(()));
    }

    #[test]
    fn expiry_can_be_left_unenforced() {
        let lax = AccessPolicy { enforce_expiry: false, ..STRICT };
        assert_eq!(judge(&token(), false, &Scopes::default(), at("2027-06-01T00:00:00Z"), lax), Ok(()));
        // Revocation is still enforced.
        let revoked = Token { revoked: true, ..token() };
        assert_eq!(
            judge(&revoked, false, &Scopes::default(), at("2027-06-01T00:00:00Z"), lax),
            Err(Rejection::Revoked)
        );
    }

    #[test]
    fn a_new_address_is_recorded_unless_the_token_was_used_within_the_minute() {
        let now = at("2026-11-23T10:10:00Z");
        assert!(last_used_ip_due(None, false, now));
        assert!(last_used_ip_due(Some(at("2026-11-23T10:09:00Z")), false, now));
        assert!(!last_used_ip_due(Some(at("2026-11-23T10:09:01Z")), false, now));
        assert!(!last_used_ip_due(Some(at("2026-11-22T10:00:00Z")), true, now), "a known address is not added again");
        let ips: Vec<String> = ["e", "d", "c", "b", "a"].map(String::from).to_vec();
        assert_eq!(with_last_used_ip(&ips, "f"), ["f", "e", "d", "c", "b"]);
        assert_eq!(with_last_used_ip(&[], "a"), ["a"]);
    }

    #[test]
    fn last_use_is_written_at_most_once_per_interval() {
        let ten = TimeDelta::minutes(10);
        let now = at("2026-11-23T10:10:00Z");
        assert!(last_use_due(None, now, ten));
        assert!(!last_use_due(Some(at("2026-11-23T10:05:00Z")), now, ten));
        assert!(!last_use_due(Some(at("2026-11-23T10:00:01Z")), now, ten));
        assert!(last_use_due(Some(at("2026-11-23T10:00:00Z")), now, ten));
        assert!(last_use_due(Some(at("2026-11-22T10:00:00Z")), now, ten));
        // A stored use in the future (a clock set back) is not overwritten.
        assert!(!last_use_due(Some(at("2026-11-23T11:00:00Z")), now, ten));
        // A zero interval records every use at a new instant.
        assert!(last_use_due(Some(at("2026-11-23T10:09:59Z")), now, TimeDelta::zero()));
        assert!(!last_use_due(Some(now), now, TimeDelta::zero()));
    }
}
