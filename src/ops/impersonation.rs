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

    fn token(impersonation: bool) -> Token {
        Token { name: "admin".into(), expires_at: None, impersonation, ..crate::domain::sample::token() }
    }

    #[test]
    fn impersonation_tokens_need_the_setting() {
        assert!(allowed(&token(true), true));
        assert!(!allowed(&token(true), false));
        assert!(allowed(&token(false), false));
        assert!(check_enabled(true).is_ok());
        assert_eq!(check_enabled(false).unwrap_err().exit(), crate::error::Exit::Data);
    }
}
