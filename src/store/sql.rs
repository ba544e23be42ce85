//! One way to run a statement on either engine. Queries are written once, in the SQL both
//! SQLite and PostgreSQL take, with numbered placeholders (`?1`, `?2`, …; PostgreSQL gets them
//! as `$1`, `$2`, …); values travel as one [`Value`] type, and every row is read through
//! [`Row::get`]. What only one engine can say lives beside that engine (`sqlite`, `postgres`).

use super::postgres::PgSession;
use super::sqlite;
use crate::error::{Error, Result};

/// A value as both engines store it: patctl keeps instants and dates as text, and flags as 0/1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Integer(i64),
    Text(String),
}

/// Something bound as a statement parameter. Fallible: a stored instant or date is checked on
/// the way in (see `time`).
pub trait ToValue {
    fn to_value(&self) -> Result<Value>;
}

/// Something read from a column.
pub trait FromValue: Sized {
    fn from_value(value: &Value) -> Result<Self>;
}

impl ToValue for Value {
    fn to_value(&self) -> Result<Value> {
        Ok(self.clone())
    }
}

impl ToValue for i64 {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Integer(*self))
    }
}

impl ToValue for u32 {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Integer(i64::from(*self)))
    }
}

impl ToValue for usize {
    fn to_value(&self) -> Result<Value> {
        i64::try_from(*self).map(Value::Integer).map_err(|_| Error::data(format!("{self} is too large")))
    }
}

impl ToValue for bool {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Integer(i64::from(*self)))
    }
}

impl ToValue for str {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Text(self.to_string()))
    }
}

impl ToValue for String {
    fn to_value(&self) -> Result<Value> {
        Ok(Value::Text(self.clone()))
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Result<Value> {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Result<Value> {
        self.as_ref().map_or(Ok(Value::Null), ToValue::to_value)
    }
}

fn mismatch(wanted: &str, value: &Value) -> Error {
    Error::io(format!("database error: expected {wanted}, found {value:?}"))
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Self> {
        Ok(value.clone())
    }
}

impl FromValue for i64 {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Integer(n) => Ok(*n),
            other => Err(mismatch("an integer", other)),
        }
    }
}

impl FromValue for u32 {
    fn from_value(value: &Value) -> Result<Self> {
        u32::try_from(i64::from_value(value)?).map_err(|_| mismatch("a small integer", value))
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self> {
        Ok(i64::from_value(value)? != 0)
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Text(text) => Ok(text.clone()),
            other => Err(mismatch("text", other)),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// One row, read whole from either engine.
#[derive(Debug)]
pub struct Row {
    pub(super) values: Vec<Value>,
}

impl Row {
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let value = self.values.get(index).ok_or_else(|| Error::io(format!("database error: no column {index}")))?;
        T::from_value(value)
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }
}

/// Parameters of one statement.
pub type Params<'p> = &'p [&'p dyn ToValue];

/// Bound values as parameters, for statements built with their arguments.
pub fn params_of(values: &[Value]) -> Vec<&dyn ToValue> {
    values.iter().map(|v| v as &dyn ToValue).collect()
}

/// How many rows one statement of a bulk write or lookup takes: one round trip for that many
/// entries instead of one or more each (PostgreSQL is a server away), and far below both engines'
/// limits on parameters (12 a token row).
pub const BATCH: usize = 500;

/// `count` rows of `width` numbered placeholders, from `?{first}` on: "(?1, ?2), (?3, ?4)".
/// `template` spells one row with `{0}`, `{1}`, … for its placeholders, e.g. "({0}, 0, {1})".
pub fn rows_of(template: &str, width: usize, count: usize, first: usize) -> String {
    let mut out = String::new();
    for row in 0..count {
        if row > 0 {
            out.push_str(", ");
        }
        let mut text = template.to_string();
        for column in (0..width).rev() {
            text = text.replace(&format!("{{{column}}}"), &format!("?{}", first + row * width + column));
        }
        out.push_str(&text);
    }
    out
}

pub(super) fn values(params: Params<'_>) -> Result<Vec<Value>> {
    params.iter().map(|p| p.to_value()).collect()
}

/// Which engine a [`Db`] talks to, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection of either engine, inside or outside a transaction.
#[derive(Clone, Copy)]
pub enum Db<'c> {
    Sqlite(&'c rusqlite::Connection),
    Postgres(&'c PgSession),
}

impl Db<'_> {
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Whether `table` has `column` (`db check` also reads older schemas).
    pub fn has_column(&self, table: &str, column: &str) -> Result<bool> {
        let sql = match self {
            Db::Sqlite(_) => sqlite::HAS_COLUMN,
            Db::Postgres(_) => super::postgres::HAS_COLUMN,
        };
        self.one(sql, &[&table, &column], |r| r.get(0))
    }

    /// The operator for a case-insensitive match of ASCII letters, as SQLite's `LIKE` is.
    pub fn like(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "LIKE",
            Db::Postgres(_) => "ILIKE",
        }
    }

    /// Runs statements as they are, without parameters (migrations).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Db::Postgres(session) => session.batch(sql),
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute(&self, sql: &str, params: Params<'_>) -> Result<usize> {
        let values = values(params)?;
        match self {
            Db::Sqlite(conn) => sqlite::execute(conn, sql, &values),
            Db::Postgres(session) => session.execute(sql, &values),
        }
    }

    /// Runs an `INSERT` and returns the new row's `id`.
    pub fn insert(&self, sql: &str, params: Params<'_>) -> Result<i64> {
        self.one(&format!("{sql} RETURNING id"), params, |r| r.get(0))
    }

    /// Like [`Db::insert`], but `None` when a unique index already holds the row, leaving the
    /// transaction usable (PostgreSQL would otherwise abort it).
    pub fn insert_unique(&self, sql: &str, params: Params<'_>) -> Result<Option<i64>> {
        let sql = format!("{sql} RETURNING id");
        let values = values(params)?;
        match self {
            Db::Sqlite(conn) => sqlite::insert_unique(conn, &sql, &values),
            Db::Postgres(session) => session.insert_unique(&sql, &values),
        }
    }

    /// Calls `each` for every row, streaming them rather than collecting.
    pub fn each(&self, sql: &str, params: Params<'_>, each: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        let values = values(params)?;
        match self {
            Db::Sqlite(conn) => sqlite::each(conn, sql, &values, each),
            Db::Postgres(session) => session.each(sql, &values, each),
        }
    }

    pub fn all<T>(&self, sql: &str, params: Params<'_>, mut read: impl FnMut(&Row) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, |row| {
            out.push(read(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row, if any.
    pub fn optional<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        read: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut read = Some(read);
        let mut found = None;
        self.each(sql, params, |row| {
            if let Some(read) = read.take() {
                found = Some(read(row)?);
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// Exactly one row is expected.
    pub fn one<T>(&self, sql: &str, params: Params<'_>, read: impl FnOnce(&Row) -> Result<T>) -> Result<T> {
        self.optional(sql, params, read)?.ok_or_else(|| Error::io("database error: a query returned no row"))
    }
}

/// `?N` placeholders as PostgreSQL's `$N`, outside quoted strings and identifiers.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote = None;
    for c in sql.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '?') => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            dollar_placeholders("SELECT ?1, '?2', \"a?\" FROM t WHERE x = ?12"),
            "SELECT $1, '?2', \"a?\" FROM t WHERE x = $12"
        );
        assert_eq!(dollar_placeholders("SELECT 'it''s ?1' || ?2"), "SELECT 'it''s ?1' || $2");
    }

    #[test]
    fn rows_number_their_placeholders_in_order() {
        assert_eq!(rows_of("({0}, {1})", 2, 2, 1), "(?1, ?2), (?3, ?4)");
        assert_eq!(rows_of("({1}, 0, {0}, {1})", 2, 2, 3), "(?4, 0, ?3, ?4), (?6, 0, ?5, ?6)");
        assert_eq!(rows_of("{0}", 1, 12, 1).split(", ").last(), Some("?12"));
        assert_eq!(rows_of("{0}", 1, 0, 1), "");
    }

    #[test]
    fn values_convert_both_ways() {
        assert_eq!(Some(3_i64).to_value().unwrap(), Value::Integer(3));
        assert_eq!(None::<&str>.to_value().unwrap(), Value::Null);
        assert_eq!(true.to_value().unwrap(), Value::Integer(1));
        let row = Row { values: vec![Value::Integer(1), Value::Null, Value::Text("x".into())] };
        assert!(row.get::<bool>(0).unwrap());
        assert_eq!(row.get::<Option<String>>(1).unwrap(), None);
        assert_eq!(row.get::<String>(2).unwrap(), "x");
        assert!(row.get::<i64>(2).is_err());
        assert!(row.get::<i64>(3).is_err());
    }
}
