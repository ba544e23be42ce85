use super::sql::{Value, params_of};
use chrono::{DateTime, Utc};

use super::time::Instant;
use super::{Reader, Writer};
use crate::domain::model::{Clock, Stamp, Token, User};
use crate::error::Result;

/// One recorded change. `details` never holds a token value.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub username: Option<String>,
    pub token_id: Option<i64>,
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Events at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Events at or before this instant (stored to the second: 23:59:59 ends a day).
    pub until: Option<DateTime<Utc>>,
    pub action: Option<String>,
    pub username: Option<String>,
    pub token_id: Option<i64>,
    /// Only events with a greater id: a log shipper's cursor.
    pub after_id: Option<i64>,
}

/// A change to append to the audit trail: what happened, to what, and the details (names,
/// scopes, expiry — never a token value).
#[derive(Debug)]
pub struct Event<'a> {
    pub action: &'a str,
    pub target_type: &'static str,
    pub target_id: Option<i64>,
    pub username: Option<&'a str>,
    pub token_id: Option<i64>,
    pub details: serde_json::Value,
}

impl<'a> Event<'a> {
    /// An event about a token, filed under the token and its owner.
    pub fn token(action: &'a str, token: &'a Token, details: serde_json::Value) -> Self {
        Event {
            action,
            target_type: "token",
            target_id: Some(token.id),
            username: Some(&token.username),
            token_id: Some(token.id),
            details,
        }
    }

    /// An event about a user.
    pub fn user(action: &'a str, user: &'a User, details: serde_json::Value) -> Self {
        Event {
            action,
            target_type: "user",
            target_id: Some(user.id),
            username: Some(&user.username),
            token_id: None,
            details,
        }
    }

    /// An event about a project.
    pub fn project(action: &'a str, project_id: i64, details: serde_json::Value) -> Self {
        Event { action, target_type: "project", target_id: Some(project_id), username: None, token_id: None, details }
    }

    /// An event about a group.
    pub fn group(action: &'a str, group_id: i64, details: serde_json::Value) -> Self {
        Event { action, target_type: "group", target_id: Some(group_id), username: None, token_id: None, details }
    }
}

impl Writer<'_> {
    /// Appends `event`, stamped with the time and actor of the change it belongs to.
    pub fn record(&self, stamp: &Stamp, event: Event<'_>) -> Result<()> {
        let mut details = event.details;
        if let (Clock::Fixed, serde_json::Value::Object(fields)) = (stamp.clock, &mut details) {
            fields.insert("clock".into(), "fixed".into());
        }
        self.db().execute(
            "INSERT INTO audit_events
             (created_at, actor, action, target_type, target_id, username, token_id, details)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &[
                &Instant(stamp.now),
                &stamp.actor,
                &event.action,
                &event.target_type,
                &event.target_id,
                &event.username,
                &event.token_id,
                &details.to_string(),
            ],
        )?;
        Ok(())
    }
}

impl Reader<'_> {
    /// Calls `each` for every matching event, oldest first, without collecting them.
    pub fn for_each_event(&self, filter: &AuditFilter, mut each: impl FnMut(AuditEvent) -> Result<()>) -> Result<()> {
        let mut sql = String::from(
            "SELECT id, created_at, actor, action, target_type, target_id, username, token_id, details
             FROM audit_events WHERE 1 = 1",
        );
        let mut args: Vec<Value> = Vec::new();
        let mut bind = |sql: &mut String, clause: &str, value: Value| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(since) = filter.since {
            bind(&mut sql, " AND created_at >= ?", Instant::bound(since));
        }
        if let Some(until) = filter.until {
            bind(&mut sql, " AND created_at <= ?", Instant::bound(until));
        }
        if let Some(action) = &filter.action {
            bind(&mut sql, " AND action = ?", Value::Text(action.clone()));
        }
        if let Some(username) = &filter.username {
            bind(&mut sql, " AND lower(username) = lower(?)", Value::Text(username.clone()));
        }
        if let Some(token_id) = filter.token_id {
            bind(&mut sql, " AND token_id = ?", Value::Integer(token_id));
        }
        if let Some(after_id) = filter.after_id {
            bind(&mut sql, " AND id > ?", Value::Integer(after_id));
        }
        sql.push_str(" ORDER BY id");
        self.db.each(&sql, &params_of(&args), |row| {
            let details: String = row.get(8)?;
            let event = AuditEvent {
                id: row.get(0)?,
                created_at: row.get::<Instant>(1)?.0,
                actor: row.get(2)?,
                action: row.get(3)?,
                target_type: row.get(4)?,
                target_id: row.get(5)?,
                username: row.get(6)?,
                token_id: row.get(7)?,
                details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
            };
            each(event)
        })
    }
}
