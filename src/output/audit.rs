//! Printing the audit trail.

use chrono::{DateTime, Utc};
use serde::Serialize;

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
    pub details: &'a serde_json::Value,
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
            details: &event.details,
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
            details: self.details.to_string(),
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
            escape(&self.details.to_string()),
        ]
        .into_iter()
        .map(|text| (text, None))
        .collect()
    }
}
