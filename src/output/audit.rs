//! Printing the audit trail.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::{Columns, Fit, Printer, Priority, Row, TextRow, rfc3339};
use crate::domain::text::escape;
use crate::store::AuditEvent;

#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    pub id: i64,
    pub created_at: String,
    pub actor: &'a str,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<i64>,
    pub username: Option<&'a str>,
    pub token_id: Option<i64>,
    pub details: Cow<'a, Value>,
}

/// An event's details as printed: `scopes` is an array, as in token records. Events recorded
/// before patctl wrote arrays hold a comma-separated string; the trail is append-only, so such
/// a string is split here rather than rewritten in the database.
pub fn details(event: &AuditEvent) -> Cow<'_, Value> {
    match event.details.get("scopes") {
        Some(Value::String(joined)) => {
            let mut details = event.details.clone();
            let names = joined.split(',').filter(|s| !s.is_empty()).map(|s| Value::String(s.to_string()));
            details["scopes"] = Value::Array(names.collect());
            Cow::Owned(details)
        }
        _ => Cow::Borrowed(&event.details),
    }
}

impl<'a> EventView<'a> {
    pub fn new(event: &'a AuditEvent) -> Self {
        EventView {
            id: event.id,
            created_at: rfc3339(event.created_at),
            actor: &event.actor,
            action: &event.action,
            target_type: &event.target_type,
            target_id: event.target_id,
            username: event.username.as_deref(),
            token_id: event.token_id,
            details: details(event),
        }
    }
}

/// An event as a CSV record: the details as JSON text.
#[derive(Debug, Default, Serialize)]
pub struct EventRecord<'a> {
    id: i64,
    created_at: String,
    actor: &'a str,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<i64>,
    username: Option<&'a str>,
    token_id: Option<i64>,
    details: String,
}

impl Row for AuditEvent {
    const COLUMNS: Columns = Columns::new(&["ID", "TIME (UTC)", "ACTOR", "ACTION", "TARGET", "USER", "DETAILS"])
        .fitting(&[
            ("ID", Fit::Whole(Priority::High)),
            ("TIME (UTC)", Fit::Whole(Priority::Low)),
            ("ACTOR", Fit::Shrink(Priority::Lowest, 8)),
            ("ACTION", Fit::Whole(Priority::High)),
            ("TARGET", Fit::Shrink(Priority::Normal, 10)),
            ("USER", Fit::Shrink(Priority::Normal, 10)),
            ("DETAILS", Fit::Shrink(Priority::Normal, 12)),
        ]);
    const NONE: &'static str = "no events match";
    type Record<'a> = EventRecord<'a>;

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        EventView::new(self)
    }

    fn record(&self, _now: DateTime<Utc>) -> EventRecord<'_> {
        EventRecord {
            id: self.id,
            created_at: rfc3339(self.created_at),
            actor: &self.actor,
            action: &self.action,
            target_type: &self.target_type,
            target_id: self.target_id,
            username: self.username.as_deref(),
            token_id: self.token_id,
            details: details(self).to_string(),
        }
    }

    fn cells(&self, _printer: &Printer) -> TextRow {
        let target = match self.target_id {
            Some(id) => format!("{} {id}", self.target_type),
            None => self.target_type.clone(),
        };
        [
            self.id.to_string(),
            self.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            escape(&self.actor),
            escape(&self.action),
            target,
            self.username.as_deref().map(escape).unwrap_or_default(),
            escape(&details(self).to_string()),
        ]
        .into_iter()
        .map(|text| (text, None))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(details: Value) -> AuditEvent {
        AuditEvent {
            id: 1,
            created_at: chrono::DateTime::UNIX_EPOCH,
            actor: "a".into(),
            action: "token.create".into(),
            target_type: "token".into(),
            target_id: Some(1),
            username: None,
            token_id: Some(1),
            details,
        }
    }

    #[test]
    fn stored_comma_strings_of_scopes_print_as_arrays() {
        let old = event(json!({"name": "ci", "scopes": "api,read_user", "preset": true}));
        assert_eq!(*details(&old), json!({"name": "ci", "scopes": ["api", "read_user"], "preset": true}));
        let new = event(json!({"scopes": ["api"]}));
        assert!(matches!(details(&new), Cow::Borrowed(_)));
        assert_eq!(*details(&event(json!({"scopes": ""}))), json!({"scopes": []}));
    }
}
