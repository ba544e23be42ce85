//! Printing the configuration: `config show` and `config path`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Columns, Csv, Fit, Printer, Priority, View};
use crate::domain::text::escape;
use crate::error::Result;

/// Every configuration value in effect, where it came from, and the file read (its path and
/// what named it), if any.
pub struct Settings {
    pub file: Option<(String, &'static str)>,
    /// The store in use: engine (`sqlite`, `postgresql`), path or redacted URI, and what chose it.
    pub store: (&'static str, String, &'static str),
    /// `section.key`, value, source.
    pub values: Vec<(String, Value, &'static str)>,
}

#[derive(Serialize)]
struct SettingRecord<'a> {
    #[serde(rename = "KEY")]
    key: &'a str,
    #[serde(rename = "VALUE")]
    value: String,
    #[serde(rename = "SOURCE")]
    source: &'a str,
}

const SETTING_COLUMNS: Columns = Columns::new(&["KEY", "VALUE", "SOURCE"]).fitting(&[
    ("KEY", Fit::Shrink(Priority::High, 16)),
    ("VALUE", Fit::Shrink(Priority::High, 12)),
    ("SOURCE", Fit::Shrink(Priority::Normal, 8)),
]);

impl View for Settings {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let line = match &self.file {
            Some((path, from)) => format!("config file: {path} ({from})"),
            None => "config file: none found; built-in defaults (see patctl config path)".to_string(),
        };
        printer.line(&line)?;
        let (engine, shown, source) = &self.store;
        printer.line(&format!("store: {engine} {} ({source})", escape(shown)))?;
        printer.line("")?;
        let rows = self
            .values
            .iter()
            .map(|(key, value, source)| {
                vec![(key.clone(), None), (text(value, "none"), None), (source.to_string(), None)]
            })
            .collect();
        printer.print_rows(&SETTING_COLUMNS, rows)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        let values: Vec<Value> = self
            .values
            .iter()
            .map(|(key, value, source)| json!({"key": key, "value": value, "source": source}))
            .collect();
        let file = self.file.as_ref().map(|(path, from)| json!({"path": path, "from": from}));
        let (engine, location, source) = &self.store;
        let store = json!({"engine": engine, "location": location, "source": source});
        json!({"config_file": file, "store": store, "values": values})
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        self.values
            .iter()
            .try_for_each(|(key, value, source)| csv.record(&SettingRecord { key, value: text(value, ""), source }))
    }
}

/// A value as a table or CSV cell: strings bare, nothing as `null_text` (in a list: "none"),
/// the rest as in TOML.
fn text(value: &Value, null_text: &str) -> String {
    match value {
        Value::String(s) => escape(s),
        Value::Null => null_text.to_string(),
        Value::Array(items) => format!("[{}]", items.iter().map(|v| text(v, "none")).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

/// The configuration files looked for, in order: path, what named it, whether it exists, and
/// whether it is the one read.
pub struct ConfigPaths(pub Vec<(PathBuf, &'static str, bool, bool)>);

#[derive(Serialize)]
struct PathRecord {
    #[serde(rename = "PATH")]
    path: String,
    #[serde(rename = "FROM")]
    from: &'static str,
    #[serde(rename = "STATUS")]
    status: &'static str,
}

const PATH_COLUMNS: Columns = Columns::new(&["PATH", "FROM", "STATUS"]).fitting(&[
    ("PATH", Fit::Shrink(Priority::High, 20)),
    ("FROM", Fit::Shrink(Priority::Normal, 8)),
    ("STATUS", Fit::Shrink(Priority::Normal, 10)),
]);

impl ConfigPaths {
    fn records(&self) -> impl Iterator<Item = PathRecord> + '_ {
        self.0.iter().map(|(path, from, exists, used)| PathRecord {
            path: path.display().to_string(),
            from,
            status: match (exists, used) {
                (true, true) => "read",
                (false, true) => "missing (an error when read)",
                (true, false) => "exists, not read",
                (false, false) => "not found",
            },
        })
    }
}

impl View for ConfigPaths {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let rows = self
            .records()
            .map(|r| vec![(r.path, None), (r.from.to_string(), None), (r.status.to_string(), None)])
            .collect();
        printer.print_rows(&PATH_COLUMNS, rows)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        self.0
            .iter()
            .map(|(path, from, exists, used)| json!({"path": path, "from": from, "exists": exists, "used": used}))
            .collect::<Vec<_>>()
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        self.records().try_for_each(|record| csv.record(&record))
    }
}
