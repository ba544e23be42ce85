//! What is read of a GitLab instance, as plain values: its users, tokens, bot memberships,
//! projects and namespaces, and the schema version. Built from [`Table`]s, whatever they came
//! from; what an older schema lacks, or a row that cannot be read, is a warning, not a failure.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::table::{self, Spec, Table};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitlabUser {
    pub id: i64,
    pub username: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub state: Option<String>,
    pub admin: bool,
    /// GitLab's `HasUserType` number (0 human, 6 project_bot, 13 service_account, ...).
    pub user_type: Option<i64>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitlabToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub description: Option<String>,
    /// The serialized YAML list, e.g. `"---\n- api\n- read_user\n"`.
    pub scopes: Option<String>,
    pub expires_at: Option<NaiveDate>,
    pub revoked: bool,
    pub impersonation: bool,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub previous_id: Option<i64>,
    pub digest: Option<String>,
    pub expire_notification_delivered: bool,
    pub after_expiry_notification_delivered: bool,
    pub seven_days_notification_sent_at: Option<DateTime<Utc>>,
    pub thirty_days_notification_sent_at: Option<DateTime<Utc>>,
    pub sixty_days_notification_sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitlabMember {
    /// `Project` or `Namespace` (a group).
    pub source_type: String,
    pub source_id: i64,
    pub user_id: i64,
    pub access_level: i64,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitlabProject {
    pub id: i64,
    pub name: Option<String>,
    pub path: String,
    pub namespace_id: i64,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitlabNamespace {
    pub id: i64,
    pub name: Option<String>,
    pub path: String,
    pub parent_id: Option<i64>,
    /// `Group`, `User` (NULL in older GitLab) or `Project`.
    pub kind: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The newest entry of `schema_migrations`, when there is one.
    pub schema_version: Option<String>,
    pub users: Vec<GitlabUser>,
    pub tokens: Vec<GitlabToken>,
    pub members: Vec<GitlabMember>,
    pub projects: Vec<GitlabProject>,
    pub namespaces: Vec<GitlabNamespace>,
    /// Missing tables and columns, and rows that could not be read.
    pub warnings: Vec<String>,
}

/// Reads a snapshot from the tables `read` returns (`None`: the table does not exist).
pub fn build(mut read: impl FnMut(&Spec) -> Result<Option<Table>>) -> Result<Snapshot> {
    let mut snapshot = Snapshot::default();
    let mut tables = Vec::new();
    for spec in table::ALL {
        let table = read(spec)?;
        tables.push(checked(spec, table, &mut snapshot.warnings)?);
    }
    let [users, tokens, members, projects, namespaces, migrations] = tables.try_into().expect("one per spec");
    let warnings = &mut snapshot.warnings;
    snapshot.users = rows(&table::USERS, &users, warnings, user);
    snapshot.tokens = rows(&table::TOKENS, &tokens, warnings, token);
    snapshot.members = rows(&table::MEMBERS, &members, warnings, member);
    snapshot.projects = rows(&table::PROJECTS, &projects, warnings, project);
    snapshot.namespaces = rows(&table::NAMESPACES, &namespaces, warnings, namespace);
    snapshot.schema_version = rows(&table::SCHEMA_MIGRATIONS, &migrations, warnings, |r| Ok(r.text("version")))
        .into_iter()
        .flatten()
        .max_by_key(|v| (v.len(), v.clone()));
    if migrations.columns.is_empty() || snapshot.schema_version.is_none() {
        warnings.push("GitLab schema version unknown: schema_migrations has no rows".into());
    }
    Ok(snapshot)
}

/// The table, or an empty one when an optional table is missing; warns about missing columns and
/// refuses a table without its required ones.
fn checked(spec: &Spec, table: Option<Table>, warnings: &mut Vec<String>) -> Result<Table> {
    let Some(table) = table else {
        if spec.optional {
            warnings.push(format!("table {} is missing (an older GitLab?): read as empty", spec.name));
            return Ok(Table::default());
        }
        return Err(Error::data(format!("the GitLab data has no {} table", spec.name))
            .with_hint("see README \"Importing from GitLab\" for the tables to read"));
    };
    if let Some(missing) = spec.required.iter().find(|c| table.column(c).is_none()) {
        return Err(Error::data(format!("GitLab table {} has no column {missing}", spec.name))
            .with_hint("export it with the README's \\copy command (SELECT * for personal_access_tokens)"));
    }
    let missing: Vec<&str> = spec.columns.iter().copied().filter(|c| table.column(c).is_none()).collect();
    if !missing.is_empty() {
        warnings.push(format!(
            "table {} has no column {} (an older GitLab?): read as empty",
            spec.name,
            missing.join(", ")
        ));
    }
    Ok(table)
}

/// One row with its table's columns, read by name.
struct Row<'a> {
    table: &'a Table,
    cells: &'a [Option<String>],
}

impl Row<'_> {
    fn text(&self, column: &str) -> Option<String> {
        let at = self.table.column(column)?;
        self.cells.get(at)?.clone().filter(|v| !v.is_empty())
    }

    fn parsed<T>(&self, column: &str, parse: fn(&str) -> Option<T>) -> std::result::Result<Option<T>, String> {
        match self.text(column) {
            None => Ok(None),
            Some(text) => parse(&text).map(Some).ok_or_else(|| format!("{column} is not readable")),
        }
    }

    fn int(&self, column: &str) -> std::result::Result<Option<i64>, String> {
        self.parsed(column, |t| t.trim().parse().ok())
    }

    fn needed_int(&self, column: &str) -> std::result::Result<i64, String> {
        self.int(column)?.ok_or_else(|| format!("{column} is empty"))
    }

    fn flag(&self, column: &str) -> std::result::Result<bool, String> {
        Ok(self.parsed(column, parse_bool)?.unwrap_or(false))
    }

    fn instant(&self, column: &str) -> std::result::Result<Option<DateTime<Utc>>, String> {
        self.parsed(column, parse_timestamp)
    }
}

/// Every row `parse` reads; a row it refuses is a warning naming the table and row.
fn rows<T>(
    spec: &Spec,
    table: &Table,
    warnings: &mut Vec<String>,
    parse: impl Fn(&Row<'_>) -> std::result::Result<T, String>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(table.rows.len());
    for (at, cells) in table.rows.iter().enumerate() {
        match parse(&Row { table, cells }) {
            Ok(value) => out.push(value),
            Err(why) => warnings.push(format!("{} row {}: {why}: skipped", spec.name, at + 1)),
        }
    }
    out
}

fn user(r: &Row<'_>) -> std::result::Result<GitlabUser, String> {
    Ok(GitlabUser {
        id: r.needed_int("id")?,
        username: r.text("username").ok_or("username is empty")?,
        name: r.text("name"),
        email: r.text("email"),
        state: r.text("state"),
        admin: r.flag("admin")?,
        user_type: r.int("user_type")?,
        created_at: r.instant("created_at")?,
    })
}

fn token(r: &Row<'_>) -> std::result::Result<GitlabToken, String> {
    Ok(GitlabToken {
        id: r.needed_int("id")?,
        user_id: r.needed_int("user_id")?,
        name: r.text("name").ok_or("name is empty")?,
        description: r.text("description"),
        scopes: r.text("scopes"),
        expires_at: r.parsed("expires_at", |t| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok())?,
        revoked: r.flag("revoked")?,
        impersonation: r.flag("impersonation")?,
        last_used_at: r.instant("last_used_at")?,
        created_at: r.instant("created_at")?,
        updated_at: r.instant("updated_at")?,
        previous_id: r.int("previous_personal_access_token_id")?,
        digest: r.text("token_digest"),
        expire_notification_delivered: r.flag("expire_notification_delivered")?,
        after_expiry_notification_delivered: r.flag("after_expiry_notification_delivered")?,
        seven_days_notification_sent_at: r.instant("seven_days_notification_sent_at")?,
        thirty_days_notification_sent_at: r.instant("thirty_days_notification_sent_at")?,
        sixty_days_notification_sent_at: r.instant("sixty_days_notification_sent_at")?,
    })
}

fn member(r: &Row<'_>) -> std::result::Result<GitlabMember, String> {
    Ok(GitlabMember {
        source_type: r.text("source_type").ok_or("source_type is empty")?,
        source_id: r.needed_int("source_id")?,
        user_id: r.needed_int("user_id")?,
        access_level: r.needed_int("access_level")?,
        created_at: r.instant("created_at")?,
    })
}

fn project(r: &Row<'_>) -> std::result::Result<GitlabProject, String> {
    Ok(GitlabProject {
        id: r.needed_int("id")?,
        name: r.text("name"),
        path: r.text("path").ok_or("path is empty")?,
        namespace_id: r.needed_int("namespace_id")?,
        created_at: r.instant("created_at")?,
    })
}

fn namespace(r: &Row<'_>) -> std::result::Result<GitlabNamespace, String> {
    Ok(GitlabNamespace {
        id: r.needed_int("id")?,
        name: r.text("name"),
        path: r.text("path").ok_or("path is empty")?,
        parent_id: r.int("parent_id")?,
        kind: r.text("type"),
        created_at: r.instant("created_at")?,
    })
}

/// PostgreSQL's boolean as text: `t`/`f` from `\copy`, `true`/`false` from `::text`.
fn parse_bool(text: &str) -> Option<bool> {
    match text.trim() {
        "t" | "true" | "1" => Some(true),
        "f" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A PostgreSQL timestamp as text, `2026-11-23 10:00:00[.ffffff][+00[:00]]`; without an offset
/// (GitLab's `timestamp without time zone` columns) it is UTC, as Rails writes them.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let split = text.get(19..).and_then(|rest| rest.find(['+', '-', 'Z']).map(|at| at + 19));
    let (local, offset) = match split {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let local = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()?;
    let seconds = match offset {
        "" | "Z" => 0,
        _ => {
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
            let (hours, minutes) = match digits.len() {
                2 => (digits.parse::<i64>().ok()?, 0),
                4 => (digits[..2].parse::<i64>().ok()?, digits[2..].parse::<i64>().ok()?),
                _ => return None,
            };
            sign * (hours * 3600 + minutes * 60)
        }
    };
    Some((local - chrono::TimeDelta::seconds(seconds)).and_utc())
}

/// The scopes of GitLab's YAML column: `"---\n- api\n- read_user\n"`, `"--- []\n"`, and the
/// symbols older versions wrote (`- :api`).
pub fn yaml_scopes(text: &str) -> Vec<String> {
    let body = text.trim().strip_prefix("---").unwrap_or(text).trim();
    if let Some(inline) = body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
        return inline.split(',').map(clean_scope).filter(|s| !s.is_empty()).collect();
    }
    body.lines().filter_map(|line| line.trim().strip_prefix('-')).map(clean_scope).filter(|s| !s.is_empty()).collect()
}

fn clean_scope(item: &str) -> String {
    item.trim().trim_start_matches(':').trim_matches(['"', '\'']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_read_from_gitlab_yaml() {
        assert_eq!(yaml_scopes("---\n- api\n- read_user\n"), ["api", "read_user"]);
        assert_eq!(yaml_scopes("---\n- :api\n- :read_repository\n"), ["api", "read_repository"]);
        assert!(yaml_scopes("--- []\n").is_empty());
        assert_eq!(yaml_scopes("--- [api, read_api]"), ["api", "read_api"]);
    }

    #[test]
    fn timestamps_with_and_without_offsets_are_utc() {
        let at = |t: &str| parse_timestamp(t).map(|d| d.to_rfc3339());
        assert_eq!(at("2026-11-23 10:00:00"), Some("2026-11-23T10:00:00+00:00".into()));
        assert_eq!(at("2026-11-23 10:00:00.123456"), Some("2026-11-23T10:00:00.123456+00:00".into()));
        assert_eq!(at("2026-11-23 10:00:00+00"), Some("2026-11-23T10:00:00+00:00".into()));
        assert_eq!(at("2026-11-23 12:30:00.5+02:30"), Some("2026-11-23T10:00:00.500+00:00".into()));
        assert_eq!(at("2026-11-23 05:00:00-05"), Some("2026-11-23T10:00:00+00:00".into()));
        assert_eq!(at("yesterday"), None);
    }

    fn table(columns: &[&str], rows: &[&[Option<&str>]]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| c.map(str::to_string)).collect()).collect(),
        }
    }

    #[test]
    fn missing_optional_tables_and_columns_are_warnings_and_bad_rows_are_skipped() {
        let snapshot = build(|spec| {
            Ok(match spec.name {
                "users" => Some(table(&["id", "username"], &[&[Some("1"), Some("alice")], &[Some("x"), Some("bob")]])),
                "personal_access_tokens" => Some(table(
                    &["id", "user_id", "name", "token_digest", "revoked"],
                    &[&[Some("7"), Some("1"), Some("ci"), Some("abc="), Some("t")]],
                )),
                _ => None,
            })
        })
        .unwrap();
        assert_eq!(snapshot.users.len(), 1);
        assert!(snapshot.tokens[0].revoked);
        assert_eq!(snapshot.schema_version, None);
        let warnings = snapshot.warnings.join("\n");
        assert!(warnings.contains("users row 2: id is not readable: skipped"), "{warnings}");
        assert!(warnings.contains("table members is missing"), "{warnings}");
        assert!(warnings.contains("table personal_access_tokens has no column description,"), "{warnings}");
        assert!(warnings.contains("schema version unknown"), "{warnings}");
    }

    #[test]
    fn a_missing_required_table_or_column_is_an_error() {
        let err = build(|_| Ok(None)).unwrap_err();
        assert_eq!(err.message(), "the GitLab data has no users table");
        let err = build(|spec| Ok(Some(table(if spec.name == "users" { &["id", "username"] } else { &["id"] }, &[]))))
            .unwrap_err();
        assert_eq!(err.message(), "GitLab table personal_access_tokens has no column user_id");
    }
}
