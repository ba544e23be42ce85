//! A GitLab instance's tokens as patctl keeps them: the rows an import writes (plain values, ids
//! kept as GitLab's) and GitLab's encodings of user types and roles.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::UserType;
use super::project::AccessLevel;
use super::scope::Scopes;

/// patctl's user type for GitLab's `users.user_type` number (`HasUserType::USER_TYPES`):
/// 0 human (NULL in GitLab before 16.0), 5 ghost, 6 project_bot (project and group bots alike),
/// 13 service_account; every other number is one of GitLab's internal bots.
pub fn user_type(number: Option<i64>) -> UserType {
    match number {
        None | Some(0) => UserType::Human,
        Some(5) => UserType::Ghost,
        Some(6) => UserType::ProjectBot,
        Some(13) => UserType::ServiceAccount,
        Some(_) => UserType::Bot,
    }
}

/// patctl's role for GitLab's numeric access level (`Gitlab::Access`), when it is one of the five.
pub fn access_level(number: i64) -> Option<AccessLevel> {
    AccessLevel::ALL.into_iter().find(|level| i64::from(level.gitlab_value()) == number)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedUser {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub email: Option<String>,
    pub user_type: UserType,
    /// Every GitLab state but `active` (blocked, deactivated, banned, ldap_blocked, ...).
    pub blocked: bool,
    pub admin: bool,
    pub created_at: DateTime<Utc>,
}

/// A project or group that owns tokens (through its bot users).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedResource {
    pub id: i64,
    /// The full path: `group/subgroup/project`, or `group/subgroup`.
    pub path: String,
    pub name: String,
    /// Its bot users, so that a bot patctl makes later gets a fresh name.
    pub bots_created: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMember {
    /// The project's or group's id.
    pub resource_id: i64,
    pub user_id: i64,
    pub access_level: AccessLevel,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub description: Option<String>,
    /// GitLab's digest, as it is: the store's scheme is GitLab's.
    pub digest: String,
    pub scopes: Scopes,
    pub expires_at: Option<NaiveDate>,
    pub revoked: bool,
    pub impersonation: bool,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub previous_token_id: Option<i64>,
    pub project_id: Option<i64>,
    pub group_id: Option<i64>,
    pub access_level: Option<AccessLevel>,
}

/// An expiry notice GitLab already sent (threshold 0: the one on the day of expiry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedNotice {
    pub token_id: i64,
    pub threshold_days: u32,
    pub notified_at: DateTime<Utc>,
}

/// Everything an import writes, in an order the foreign keys allow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub users: Vec<ImportedUser>,
    pub projects: Vec<ImportedResource>,
    pub groups: Vec<ImportedResource>,
    pub project_members: Vec<ImportedMember>,
    pub group_members: Vec<ImportedMember>,
    /// By id, so that a rotation's previous token comes before it.
    pub tokens: Vec<ImportedToken>,
    pub notices: Vec<ImportedNotice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitlab_user_types_and_roles_map_to_patctl_s() {
        assert_eq!(user_type(None), UserType::Human);
        assert_eq!(user_type(Some(0)), UserType::Human);
        assert_eq!(user_type(Some(6)), UserType::ProjectBot);
        assert_eq!(user_type(Some(13)), UserType::ServiceAccount);
        assert_eq!(user_type(Some(5)), UserType::Ghost);
        assert_eq!(user_type(Some(1)), UserType::Bot);
        assert_eq!(access_level(30), Some(AccessLevel::Developer));
        assert_eq!(access_level(5), None, "minimal access is not a role patctl has");
    }
}
