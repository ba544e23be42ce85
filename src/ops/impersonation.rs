//! Impersonation tokens: an administrator's token acting as another user. Config
//! `security.impersonation_enabled` turns them off; then they are refused at create, and at
//! verify (the check below is what `verify` calls).

use crate::domain::model::Token;
use crate::error::{Error, Result};

/// Whether a token may be used or created under the impersonation setting: personal and project
/// tokens always; impersonation tokens only while `impersonation_enabled` is true.
pub fn allowed(token: &Token, impersonation_enabled: bool) -> bool {
    !token.impersonation || impersonation_enabled
}

/// Refuses to create an impersonation token while impersonation is disabled (exit 65).
pub fn check_enabled(impersonation_enabled: bool) -> Result<()> {
    if impersonation_enabled {
        return Ok(());
    }
    Err(Error::data("impersonation tokens are disabled (config security.impersonation_enabled = false)")
        .with_hint("set security.impersonation_enabled = true in the config file to allow them"))
}

/// Why `verify` rejects an impersonation token while impersonation is disabled.
pub const DISABLED_REASON: &str = "impersonation tokens are disabled (config security.impersonation_enabled = false)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expiry::parse_instant;
    use crate::domain::scope::Scopes;

    fn token(impersonation: bool) -> Token {
        let now = parse_instant("2026-11-23").unwrap();
        Token {
            id: 1,
            user_id: 1,
            username: "alice".into(),
            name: "admin".into(),
            description: None,
            scopes: Scopes::parse(&["api"]).unwrap(),
            expires_at: None,
            revoked: false,
            impersonation,
            last_used_at: None,
            created_at: now,
            updated_at: now,
            previous_token_id: None,
            project_id: None,
            project: None,
            access_level: None,
            grace_until: None,
        }
    }

    #[test]
    fn impersonation_tokens_need_the_setting() {
        assert!(allowed(&token(true), true));
        assert!(!allowed(&token(true), false));
        assert!(allowed(&token(false), false));
        assert!(check_enabled(true).is_ok());
        assert_eq!(check_enabled(false).unwrap_err().exit, crate::error::Exit::Data);
    }
}
