//! The schema, as an append-only list of migrations keyed by `PRAGMA user_version`.
//! Never edit or reorder an entry that has been released: append a new one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    // 1: users and their tokens, modelled on GitLab's tables.
    "CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        email TEXT,
        user_type TEXT NOT NULL DEFAULT 'human'
            CHECK (user_type IN ('human', 'bot', 'project_bot', 'ghost')),
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked')),
        admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
        created_at TEXT NOT NULL
    );
    CREATE TABLE personal_access_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        description TEXT,
        token_digest TEXT NOT NULL,
        scopes TEXT NOT NULL,
        expires_at TEXT,
        revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
        impersonation INTEGER NOT NULL DEFAULT 0 CHECK (impersonation IN (0, 1)),
        last_used_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        previous_token_id INTEGER REFERENCES personal_access_tokens(id)
    );
    CREATE UNIQUE INDEX index_personal_access_tokens_on_token_digest
        ON personal_access_tokens (token_digest);
    CREATE INDEX index_personal_access_tokens_on_user_id_and_name
        ON personal_access_tokens (user_id, name);
    CREATE INDEX index_personal_access_tokens_on_expires_at
        ON personal_access_tokens (expires_at);",
    // 2: the append-only audit trail. Events outlive the users and tokens they name, so no
    // foreign keys; triggers refuse any change to a recorded event.
    "CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id INTEGER,
        username TEXT,
        token_id INTEGER,
        details TEXT NOT NULL
    );
    CREATE INDEX index_audit_events_on_created_at ON audit_events (created_at);
    CREATE INDEX index_audit_events_on_token_id ON audit_events (token_id) WHERE token_id IS NOT NULL;
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
    // 3: expiry notifications already sent (threshold 0 = the expiry itself), and the index
    // check-expiry scans: expiry dates of tokens that are not revoked.
    "CREATE TABLE token_expiry_notifications (
        token_id INTEGER NOT NULL REFERENCES personal_access_tokens(id),
        threshold_days INTEGER NOT NULL CHECK (threshold_days >= 0),
        notified_at TEXT NOT NULL,
        PRIMARY KEY (token_id, threshold_days)
    ) WITHOUT ROWID;
    CREATE INDEX index_personal_access_tokens_on_expires_at_not_revoked
        ON personal_access_tokens (expires_at, id) WHERE revoked = 0;",
    // 4: projects, their members (project bots and their role), and project, role and rotation
    // grace columns on tokens. A removed project keeps its row (removed_at) so that its tokens
    // still show their project; `bots_created` numbers bot users without ever reusing a name;
    // `deleted_users` remembers deleted (bot) users so that their ids are never handed out again.
    "CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        bots_created INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        removed_at TEXT
    );
    CREATE UNIQUE INDEX index_projects_on_path_not_removed ON projects (path) WHERE removed_at IS NULL;
    CREATE TABLE project_members (
        project_id INTEGER NOT NULL REFERENCES projects(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        access_level TEXT NOT NULL
            CHECK (access_level IN ('guest', 'reporter', 'developer', 'maintainer', 'owner')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX index_project_members_on_user_id ON project_members (user_id);
    ALTER TABLE personal_access_tokens ADD COLUMN project_id INTEGER REFERENCES projects(id);
    ALTER TABLE personal_access_tokens ADD COLUMN access_level TEXT
        CHECK (access_level IN ('guest', 'reporter', 'developer', 'maintainer', 'owner'));
    ALTER TABLE personal_access_tokens ADD COLUMN grace_until TEXT;
    CREATE INDEX index_personal_access_tokens_on_project_id
        ON personal_access_tokens (project_id) WHERE project_id IS NOT NULL;
    CREATE INDEX index_personal_access_tokens_on_previous_token_id
        ON personal_access_tokens (previous_token_id) WHERE previous_token_id IS NOT NULL;
    CREATE TABLE deleted_users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        user_type TEXT NOT NULL,
        deleted_at TEXT NOT NULL
    );",
    // 5: tokens that `patctl apply` manages, by the source (file) that declared them, so that
    // --prune revokes only what that file made and never a token made by hand.
    "CREATE TABLE apply_managed_tokens (
        token_id INTEGER PRIMARY KEY REFERENCES personal_access_tokens(id),
        source TEXT NOT NULL
    );
    CREATE INDEX index_apply_managed_tokens_on_source ON apply_managed_tokens (source);",
    // 6: service accounts (a user_type the CHECK of migration 1 did not allow: the table is
    // rebuilt, SQLite's way to change a constraint, with foreign keys off while it runs), and the
    // last client addresses each token was used from (GitLab's personal_access_token_last_used_ips).
    "CREATE TABLE users_new (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        email TEXT,
        user_type TEXT NOT NULL DEFAULT 'human'
            CHECK (user_type IN ('human', 'bot', 'project_bot', 'service_account', 'ghost')),
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked')),
        admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
        created_at TEXT NOT NULL
    );
    INSERT INTO users_new (id, username, name, email, user_type, state, admin, created_at)
        SELECT id, username, name, email, user_type, state, admin, created_at FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;
    CREATE TABLE personal_access_token_last_used_ips (
        token_id INTEGER NOT NULL REFERENCES personal_access_tokens(id),
        ip_address TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (token_id, ip_address)
    ) WITHOUT ROWID;",
    // 7: the last-used addresses move onto the token row (newest first, space-separated): every
    // token read carried a subquery into the table of 6, which cost a list of 1M tokens ~0.6 s.
    "DROP TABLE personal_access_token_last_used_ips;
    ALTER TABLE personal_access_tokens ADD COLUMN last_used_ips TEXT;",
    // 8: facts about the store itself, one value per key: `pepper_fingerprint` (see
    // `migrate`), and room for others such as the digest scheme.
    "CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;",
    // 9: groups (nested namespaces, `a/b/c`), their members (group bots and their role), and the
    // group of a group access token, as migration 4 did for projects: no table is rebuilt, and a
    // token belongs to at most one project or group. Group bots are `project_bot` users, as in
    // GitLab, so the user_type CHECK stays.
    "CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        bots_created INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        removed_at TEXT
    );
    CREATE UNIQUE INDEX index_groups_on_path_not_removed ON groups (path) WHERE removed_at IS NULL;
    CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES groups(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        access_level TEXT NOT NULL
            CHECK (access_level IN ('guest', 'reporter', 'developer', 'maintainer', 'owner')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX index_group_members_on_user_id ON group_members (user_id);
    ALTER TABLE personal_access_tokens ADD COLUMN group_id INTEGER REFERENCES groups(id)
        CHECK (group_id IS NULL OR project_id IS NULL);
    CREATE INDEX index_personal_access_tokens_on_group_id
        ON personal_access_tokens (group_id) WHERE group_id IS NOT NULL;",
];

/// The first schema version with the `meta` table.
pub const META_VERSION: i64 = 8;

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every pending migration in one transaction. Returns (from, to) when it did anything.
/// Foreign keys are off meanwhile (the pragma cannot change inside a transaction) so that a
/// migration may rebuild a table others refer to; they are checked before the commit.
///
/// A store that gains `meta` records `pepper_fingerprint` in the same transaction: the pepper it
/// is created with, or, for a store made before version 8, the pepper of the command that
/// upgrades it (nothing older recorded one; its digests cannot tell).
pub fn migrate(conn: &mut Connection, application_id: i64, pepper_fingerprint: &str) -> Result<Option<(i64, i64)>> {
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let migrated = migrate_without_foreign_keys(conn, application_id, pepper_fingerprint);
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    migrated
}

fn migrate_without_foreign_keys(
    conn: &mut Connection,
    application_id: i64,
    pepper_fingerprint: &str,
) -> Result<Option<(i64, i64)>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have migrated meanwhile.
    let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if from >= LATEST_VERSION {
        return Ok(None);
    }
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    if from < META_VERSION {
        tx.execute("INSERT INTO meta (key, value) VALUES ('pepper_fingerprint', ?1)", [pepper_fingerprint])?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(Error::io(format!("migration left {broken} broken references; nothing was changed")));
    }
    tx.pragma_update(None, "application_id", application_id)?;
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(Some((from, LATEST_VERSION)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_in_order_and_only_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn, 1, "none").unwrap(), Some((0, LATEST_VERSION)));
        assert_eq!(migrate(&mut conn, 1, "none").unwrap(), None);
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }

    #[test]
    fn version_3_databases_gain_projects_and_keep_their_tokens() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..3] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 3).unwrap();
        tx.execute_batch(
            "INSERT INTO users (username, name, created_at) VALUES ('alice', 'alice', '2026-11-23T00:00:00Z');
             INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, created_at, updated_at)
             VALUES (1, 'ci', 'abc', 'api', '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');",
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(migrate(&mut conn, 1, "none").unwrap(), Some((3, LATEST_VERSION)));
        let row: (Option<i64>, Option<String>, Option<String>) = conn
            .query_row("SELECT project_id, access_level, grace_until FROM personal_access_tokens", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(row, (None, None, None));
        assert!(conn.execute_batch("UPDATE personal_access_tokens SET access_level = 'admin'").is_err());
    }

    #[test]
    fn version_5_databases_keep_their_users_and_references_and_allow_service_accounts() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..5] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 5).unwrap();
        tx.execute_batch(
            "INSERT INTO users (username, name, user_type, admin, created_at)
                VALUES ('Alice', 'Alice A', 'bot', 1, '2026-11-23T00:00:00Z');
             INSERT INTO projects (path, name, created_at) VALUES ('g/p', 'p', '2026-11-23T00:00:00Z');
             INSERT INTO project_members (project_id, user_id, access_level, created_at)
                VALUES (1, 1, 'guest', '2026-11-23T00:00:00Z');
             INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, created_at, updated_at)
                VALUES (1, 'ci', 'abc', 'api', '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');",
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(migrate(&mut conn, 1, "none").unwrap(), Some((5, LATEST_VERSION)));
        let user: (i64, String, String, i64) = conn
            .query_row("SELECT id, username, user_type, admin FROM users WHERE username = 'alice'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!(user, (1, "Alice".into(), "bot".into(), 1), "rows and NOCASE uniqueness kept");
        let foreign_keys: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(foreign_keys, 1);
        assert!(conn.execute_batch("DELETE FROM users WHERE id = 1").is_err(), "tokens still refer to users");
        conn.execute_batch(
            "INSERT INTO users (username, name, user_type, created_at)
                VALUES ('svc', 'svc', 'service_account', '2026-11-23T00:00:00Z')",
        )
        .unwrap();
        assert!(
            conn.execute_batch(
                "INSERT INTO users (username, name, user_type, created_at) VALUES ('x', 'x', 'robot', 'now')"
            )
            .is_err()
        );
    }

    #[test]
    fn version_8_databases_gain_groups_and_a_token_has_at_most_one_project_or_group() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..8] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 8).unwrap();
        tx.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('pepper_fingerprint', 'none');
             INSERT INTO users (username, name, created_at) VALUES ('alice', 'alice', '2026-11-23T00:00:00Z');
             INSERT INTO projects (path, name, created_at) VALUES ('g/p', 'p', '2026-11-23T00:00:00Z');
             INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, created_at, updated_at, project_id)
             VALUES (1, 'ci', 'abc', 'api', '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', 1);",
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(migrate(&mut conn, 1, "none").unwrap(), Some((8, LATEST_VERSION)));
        let group_id: Option<i64> =
            conn.query_row("SELECT group_id FROM personal_access_tokens", [], |r| r.get(0)).unwrap();
        assert_eq!(group_id, None);
        conn.execute_batch(
            "INSERT INTO groups (path, name, created_at) VALUES ('a/b/c', 'c', '2026-11-23T00:00:00Z');
             INSERT INTO group_members (group_id, user_id, access_level, created_at)
                VALUES (1, 1, 'guest', '2026-11-23T00:00:00Z');",
        )
        .unwrap();
        assert!(conn.execute_batch("UPDATE personal_access_tokens SET group_id = 1").is_err(), "project and group");
        conn.execute_batch("UPDATE personal_access_tokens SET project_id = NULL, group_id = 1").unwrap();
        assert!(
            conn.execute_batch("INSERT INTO groups (path, name, created_at) VALUES ('A/B/C', 'c', 'now')").is_err(),
            "paths are unique case-insensitively"
        );
        assert!(
            conn.execute_batch(
                "INSERT INTO group_members (group_id, user_id, access_level, created_at) VALUES (1, 1, 'admin', 'now')"
            )
            .is_err()
        );
    }

    #[test]
    fn the_pepper_fingerprint_is_recorded_at_creation_and_at_the_upgrade_to_meta() {
        let recorded = |conn: &Connection| -> String {
            conn.query_row("SELECT value FROM meta WHERE key = 'pepper_fingerprint'", [], |r| r.get(0)).unwrap()
        };
        let mut created = Connection::open_in_memory().unwrap();
        migrate(&mut created, 1, "hmac-sha256:abc").unwrap();
        assert_eq!(recorded(&created), "hmac-sha256:abc");

        let mut older = Connection::open_in_memory().unwrap();
        let tx = older.transaction().unwrap();
        for sql in &MIGRATIONS[..(META_VERSION - 1) as usize] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", META_VERSION - 1).unwrap();
        tx.commit().unwrap();
        assert_eq!(migrate(&mut older, 1, "none").unwrap(), Some((META_VERSION - 1, LATEST_VERSION)));
        assert_eq!(recorded(&older), "none");
    }

    #[test]
    fn audit_events_cannot_be_changed() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 1, "none").unwrap();
        conn.execute_batch(
            "INSERT INTO audit_events (created_at, actor, action, target_type, details)
             VALUES ('2026-11-23T00:00:00Z', 'root', 'user.add', 'user', '{}')",
        )
        .unwrap();
        assert!(conn.execute_batch("UPDATE audit_events SET actor = 'x'").is_err());
        assert!(conn.execute_batch("DELETE FROM audit_events").is_err());
    }

    #[test]
    fn the_first_schema_fixture_is_migration_one() {
        let fixture = include_str!("../../../tests/fixtures/schema-v1.sql");
        let start = fixture.find("-- BEGIN MIGRATION 1\n").unwrap() + "-- BEGIN MIGRATION 1\n".len();
        let end = fixture.find("\n-- END MIGRATION 1").unwrap();
        assert_eq!(&fixture[start..end], MIGRATIONS[0]);
    }
}
