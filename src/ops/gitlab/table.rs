//! GitLab's tables as patctl reads them: which columns of which table, and the rows that come
//! over, the same from a `psql \copy` CSV file and from a PostgreSQL connection (every value as
//! text, so one parser reads both).

/// What is read of one GitLab table. `filter` keeps to what tokens need (their owners, the
/// bots' memberships and the resources those bots belong to); the `\copy` recipe of the README
/// uses the same conditions.
pub struct Spec {
    pub name: &'static str,
    /// Every column read; those missing from an older GitLab are warned about.
    pub columns: &'static [&'static str],
    /// Columns without which the table cannot be read.
    pub required: &'static [&'static str],
    /// A WHERE clause (without the keyword), or empty.
    pub filter: &'static str,
    /// Whether the import can go on without this table.
    pub optional: bool,
    /// Tables `filter` names: without one of them the table is read whole.
    pub filter_needs: &'static [&'static str],
    /// Only the greatest value of the (single) column is wanted.
    pub max_only: bool,
}

pub const USERS: Spec = Spec {
    name: "users",
    columns: &["id", "username", "name", "email", "state", "admin", "user_type", "created_at"],
    required: &["id", "username"],
    filter: "id IN (SELECT user_id FROM personal_access_tokens)",
    optional: false,
    filter_needs: &["personal_access_tokens"],
    max_only: false,
};

pub const TOKENS: Spec = Spec {
    name: "personal_access_tokens",
    columns: &[
        "id",
        "user_id",
        "name",
        "description",
        "scopes",
        "expires_at",
        "revoked",
        "impersonation",
        "last_used_at",
        "created_at",
        "updated_at",
        "previous_personal_access_token_id",
        "token_digest",
        "expire_notification_delivered",
        "after_expiry_notification_delivered",
        "seven_days_notification_sent_at",
        "thirty_days_notification_sent_at",
        "sixty_days_notification_sent_at",
    ],
    required: &["id", "user_id", "name", "token_digest"],
    filter: "",
    optional: false,
    filter_needs: &[],
    max_only: false,
};

/// Bots' memberships: a project or group access token's resource and role.
pub const MEMBERS: Spec = Spec {
    name: "members",
    columns: &["id", "source_id", "source_type", "user_id", "access_level", "created_at"],
    required: &["source_id", "source_type", "user_id", "access_level"],
    filter: "user_id IN (SELECT id FROM users WHERE user_type = 6)",
    optional: true,
    filter_needs: &["users"],
    max_only: false,
};

pub const PROJECTS: Spec = Spec {
    name: "projects",
    columns: &["id", "name", "path", "namespace_id", "created_at"],
    required: &["id", "path", "namespace_id"],
    filter: "id IN (SELECT source_id FROM members WHERE source_type = 'Project' \
             AND user_id IN (SELECT id FROM users WHERE user_type = 6))",
    optional: true,
    filter_needs: &["members", "users"],
    max_only: false,
};

/// Groups and personal namespaces, for the full paths of projects and groups.
pub const NAMESPACES: Spec = Spec {
    name: "namespaces",
    columns: &["id", "name", "path", "parent_id", "type", "created_at"],
    required: &["id", "path"],
    filter: "type IS NULL OR type <> 'Project'",
    optional: true,
    filter_needs: &[],
    max_only: false,
};

/// The newest migration: the GitLab schema version read.
pub const SCHEMA_MIGRATIONS: Spec = Spec {
    name: "schema_migrations",
    columns: &["version"],
    required: &["version"],
    filter: "",
    optional: true,
    filter_needs: &[],
    max_only: true,
};

pub const ALL: [&Spec; 6] = [&USERS, &TOKENS, &MEMBERS, &PROJECTS, &NAMESPACES, &SCHEMA_MIGRATIONS];

/// One table as read: its columns (those of the spec that exist) and its rows, `None` for NULL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}
