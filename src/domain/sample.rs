//! Sample values for unit tests: one place to extend when the model grows.

use super::expiry::{parse_date, parse_instant};
use super::model::Token;
use super::scope::Scopes;

/// alice's token 1, "ci", scope api, created 2026-11-01, expiring 2026-11-24, never used.
pub fn token() -> Token {
    let created = parse_instant("2026-11-01T00:00:00Z").unwrap();
    Token {
        id: 1,
        user_id: 1,
        username: "alice".into(),
        name: "ci".into(),
        description: None,
        scopes: Scopes::parse(&["api"]).unwrap(),
        expires_at: Some(parse_date("2026-11-24").unwrap()),
        revoked: false,
        impersonation: false,
        last_used_at: None,
        created_at: created,
        updated_at: created,
        previous_token_id: None,
        project_id: None,
        project: None,
        group_id: None,
        group: None,
        access_level: None,
        grace_until: None,
        last_used_ips: Vec::new(),
    }
}
