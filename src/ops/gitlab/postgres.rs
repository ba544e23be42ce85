//! `import gitlab --from URI`: GitLab's own PostgreSQL database, read and never written. The
//! session is made read-only first (`default_transaction_read_only`), then everything is read in
//! one REPEATABLE READ, READ ONLY transaction, so the tables agree with each other and no write
//! could run even by mistake. This is SQL for GitLab's database, not patctl's store (whose
//! statements all live in `store`); only SELECTs of the columns in `table` are sent.

use std::time::Duration;

use postgres::{Client, IsolationLevel, Transaction};

use super::snapshot::{self, Snapshot};
use super::table::{Spec, Table};
use crate::error::{Error, Exit, Result};
use crate::store::postgres::Target;

/// Reads a snapshot of the GitLab database at `uri`; `wait` bounds lock waits, as for the store.
pub fn read(uri: &str, wait: Duration) -> Result<Snapshot> {
    let mut client = connect(uri, wait)?;
    let shown = redacted(uri);
    let failed = |e: postgres::Error| query_error(&shown, &e);
    client.batch_execute("SET default_transaction_read_only = on").map_err(failed)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(failed)?;
    let tables = existing_tables(&mut tx).map_err(failed)?;
    let snapshot = snapshot::build(|spec| read_table(&mut tx, spec, &tables).map_err(failed))?;
    // Nothing was written; ending it either way is the same.
    tx.rollback().map_err(failed)?;
    Ok(snapshot)
}

/// The one connection to GitLab's database: the store's own way to reach a server (URI,
/// passwords from PGPASSWORD or ~/.pgpass, TLS per sslmode; exit 69 when unreachable).
fn connect(uri: &str, wait: Duration) -> Result<Client> {
    Target::parse(uri, None)?.connect(wait).map_err(|e| {
        e.with_hint(
            "check the URI, that the server runs, and that the role may connect (README \"Importing from GitLab\")",
        )
    })
}

fn existing_tables(tx: &mut Transaction<'_>) -> std::result::Result<Vec<String>, postgres::Error> {
    let rows =
        tx.query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()", &[])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

fn read_table(
    tx: &mut Transaction<'_>,
    spec: &Spec,
    tables: &[String],
) -> std::result::Result<Option<Table>, postgres::Error> {
    if !tables.iter().any(|t| t == spec.name) {
        return Ok(None);
    }
    let found: Vec<String> = tx
        .query(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
            &[&spec.name],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    // Names come from the fixed lists in `table`, never from input.
    let columns: Vec<&str> = spec.columns.iter().copied().filter(|c| found.iter().any(|f| f == c)).collect();
    if columns.is_empty() {
        return Ok(Some(Table::default()));
    }
    let sql = select(spec, &columns, tables);
    let rows = tx.query(sql.as_str(), &[])?;
    let rows = rows.iter().map(|row| (0..columns.len()).map(|at| row.get::<_, Option<String>>(at)).collect()).collect();
    Ok(Some(Table { columns: columns.iter().map(|c| c.to_string()).collect(), rows }))
}

fn select(spec: &Spec, columns: &[&str], tables: &[String]) -> String {
    if spec.max_only {
        return format!("SELECT max(\"{0}\")::text AS \"{0}\" FROM {1}", columns[0], spec.name);
    }
    let list: Vec<String> = columns.iter().map(|c| format!("\"{c}\"::text")).collect();
    let filtered = !spec.filter.is_empty() && spec.filter_needs.iter().all(|t| tables.iter().any(|have| have == t));
    let filter = if filtered { format!(" WHERE ({})", spec.filter) } else { String::new() };
    let order = if columns.contains(&"id") { " ORDER BY id" } else { "" };
    format!("SELECT {} FROM {}{filter}{order}", list.join(", "), spec.name)
}

fn query_error(shown: &str, e: &postgres::Error) -> Error {
    Error::new(Exit::Io, format!("reading the GitLab database {shown}: {}", plain(e))).with_hint(
        "the role needs SELECT on the tables README \"Importing from GitLab\" lists; nothing was written anywhere",
    )
}

/// The server's message (and its code), without the client's wrapping.
fn plain(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// The URI as it may be shown: any password replaced by `***`.
pub fn redacted(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else { return uri.to_string() };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let shown_authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| if p.starts_with("password=") { "password=***".to_string() } else { p.to_string() })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{shown_authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redacted("postgresql://reader:s3cret@db.example.com/gitlab"),
            "postgresql://reader:***@db.example.com/gitlab"
        );
        assert_eq!(redacted("postgres://db/gitlab?user=r&password=s3cret"), "postgres://db/gitlab?user=r&password=***");
        assert_eq!(redacted("postgresql://postgres@/gitlab?host=/tmp/x"), "postgresql://postgres@/gitlab?host=/tmp/x");
    }

    #[test]
    fn only_selects_of_the_listed_columns_are_built() {
        let tables = vec!["users".to_string(), "personal_access_tokens".to_string()];
        let sql = select(&super::super::table::USERS, &["id", "username"], &tables);
        assert_eq!(
            sql,
            "SELECT \"id\"::text, \"username\"::text FROM users WHERE (id IN (SELECT user_id FROM personal_access_tokens)) ORDER BY id"
        );
        let sql = select(&super::super::table::SCHEMA_MIGRATIONS, &["version"], &tables);
        assert_eq!(sql, "SELECT max(\"version\")::text AS \"version\" FROM schema_migrations");
    }
}
