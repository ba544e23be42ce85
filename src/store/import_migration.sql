-- Migration 10 (both engines, the same text): what `patctl import gitlab` brought over. A row of
-- users, projects, groups or personal_access_tokens whose id is here came from the GitLab instance
-- the store's digest key belongs to, under GitLab's own id; a re-run updates it, and never touches
-- a row patctl made itself (one with an id not listed here). `source` is where it was last read
-- (`csv` or the URI with any password replaced by ***).
CREATE TABLE gitlab_imports (
    kind TEXT NOT NULL CHECK (kind IN ('user', 'project', 'group', 'token')),
    id BIGINT NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
