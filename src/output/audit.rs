//! Printing the audit trail.

use serde::Serialize;

use super::{Format, Printer, TextRow, csv_line, output_error, rfc3339};
use crate::domain::text::escape;
use crate::error::Result;
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

    pub const CSV_HEADER: &'static [&'static str] =
        &["id", "created_at", "actor", "action", "target_type", "target_id", "username", "token_id", "details"];

    pub fn csv_record(&self) -> Vec<String> {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            self.id.to_string(),
            self.created_at.clone(),
            self.actor.to_string(),
            self.action.to_string(),
            self.target_type.to_string(),
            opt(self.target_id),
            self.username.unwrap_or("").to_string(),
            opt(self.token_id),
            self.details.to_string(),
        ]
    }
}

impl Printer {
    /// Starts a streamed list of audit events; `lines` prints JSON as one object per line
    /// (JSON lines) rather than one array.
    pub fn event_list(&mut self, lines: bool) -> Result<EventList<'_>> {
        if self.format == Format::Csv {
            self.write_str(&csv_line(EventView::CSV_HEADER))?;
        }
        let lines = lines && self.format == Format::Json;
        Ok(EventList { printer: self, lines, rows: Vec::new(), count: 0 })
    }
}

pub struct EventList<'p> {
    printer: &'p mut Printer,
    /// JSON lines: each event is a line of its own, with no array around them.
    lines: bool,
    /// Table rows, printed at the end (a table needs every row to size its columns).
    rows: Vec<TextRow>,
    count: usize,
}

impl EventList<'_> {
    pub fn push(&mut self, event: &AuditEvent) -> Result<()> {
        let view = EventView::new(event);
        match self.printer.format {
            Format::Json => {
                let separator = match (self.lines, self.count) {
                    (true, _) => "",
                    (false, 0) => "[\n",
                    (false, _) => ",\n",
                };
                self.printer.write_str(separator)?;
                serde_json::to_writer(&mut self.printer.out, &view).map_err(|e| output_error(e.into()))?;
                if self.lines {
                    self.printer.write_str("\n")?;
                }
            }
            Format::Csv => self.printer.write_str(&csv_line(&view.csv_record()))?,
            Format::Table => {
                let target = match event.target_id {
                    Some(id) => format!("{} {id}", event.target_type),
                    None => event.target_type.clone(),
                };
                let row = [
                    event.id.to_string(),
                    event.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    escape(&event.actor),
                    escape(&event.action),
                    target,
                    event.username.as_deref().map(escape).unwrap_or_default(),
                    escape(&event.details.to_string()),
                ];
                self.rows.push(row.into_iter().map(|text| (text, None)).collect());
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Sends what was pushed so far to stdout (a feed's reader sees each event as it comes).
    pub fn flush(&mut self) -> Result<()> {
        self.printer.flush()
    }

    pub fn finish(self) -> Result<usize> {
        match self.printer.format {
            Format::Json if self.lines => {}
            Format::Json => self.printer.write_str(if self.count == 0 { "[]\n" } else { "\n]\n" })?,
            Format::Csv => {}
            Format::Table if self.count == 0 => self.printer.note("no events match"),
            Format::Table => {
                let table = self.printer.table(&["ID", "TIME (UTC)", "ACTOR", "ACTION", "TARGET", "USER", "DETAILS"]);
                self.printer.print_rows(table, self.rows)?;
            }
        }
        Ok(self.count)
    }
}
