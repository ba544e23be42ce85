//! The one printer: data to stdout as a table, JSON or CSV; messages to stderr.

pub mod humanize;
pub mod views;

use std::io::{self, BufWriter, Stdout, Write};

use chrono::{DateTime, Utc};
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::domain::expiry::TokenState;
use crate::domain::model::{Token, User};
use crate::domain::text::escape;
use crate::error::{Error, Exit, Result};
pub use views::{TokenView, UserView, csv_line, rfc3339};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub struct Printer {
    format: Format,
    color: bool,
    quiet: bool,
    now: DateTime<Utc>,
    /// Tokens expiring within this many days are flagged in tables.
    warn_days: i64,
    out: BufWriter<Stdout>,
}

/// A failed write to stdout. A closed pipe (`patctl list | head -1`) is a quiet success.
pub fn output_error(err: io::Error) -> Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Error::new(Exit::Success, "")
    } else {
        Error::from_io(&err, "cannot write output")
    }
}

impl Printer {
    pub fn new(format: Format, color: bool, quiet: bool, now: DateTime<Utc>, warn_days: u32) -> Self {
        Printer { format, color, quiet, now, warn_days: warn_days.into(), out: BufWriter::new(io::stdout()) }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Whether `--quiet` was given (no status messages, no progress bars).
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// A progress or status message on stderr; `--quiet` silences it.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warn(&self, message: &str) {
        eprintln!("warning: {message}");
    }

    /// Raw text to stdout.
    pub fn write_str(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes()).map_err(output_error)
    }

    pub fn line(&mut self, text: &str) -> Result<()> {
        self.write_str(text)?;
        self.write_str("\n")
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| output_error(e.into()))?;
        self.write_str("\n")
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(output_error)
    }

    fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(header.iter().map(|h| {
            let cell = Cell::new(h);
            if self.color { cell.add_attribute(Attribute::Bold) } else { cell }
        }));
        table
    }

    fn print_table(&mut self, table: &Table) -> Result<()> {
        let text = table.to_string();
        // The borderless style pads every line with one leading space; drop it.
        let text: String = text.lines().map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l).trim_end())).collect();
        self.write_str(&text)
    }

    /// Starts a streamed list of tokens: JSON and CSV rows are written as they come.
    pub fn token_list(&mut self) -> Result<TokenList<'_>> {
        let table = match self.format {
            Format::Table => {
                Some(self.table(&["ID", "USER", "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE"]))
            }
            Format::Json => None,
            Format::Csv => {
                self.write_str(&csv_line(TokenView::CSV_HEADER))?;
                None
            }
        };
        Ok(TokenList { printer: self, table, count: 0 })
    }

    fn state_cell(&self, token: &Token, text: String) -> Cell {
        let cell = Cell::new(text);
        if !self.color {
            return cell;
        }
        let today = self.now.date_naive();
        match token.state(self.now) {
            TokenState::Revoked => cell.add_attribute(Attribute::Dim),
            TokenState::Expired => cell.fg(Color::Red),
            TokenState::Active | TokenState::Rotating
                if token.expires_at.is_some_and(|d| (d - today).num_days() <= self.warn_days) =>
            {
                cell.fg(Color::Yellow)
            }
            _ => cell,
        }
    }

    fn last_used_text(&self, token: &Token) -> String {
        match token.last_used_at {
            None => "never".to_string(),
            Some(at) => format!("{} ({} UTC)", humanize::relative(at, self.now), at.format("%Y-%m-%d %H:%M")),
        }
    }

    fn expires_text(&self, token: &Token) -> String {
        match token.expires_at {
            None => "never".to_string(),
            Some(date) => format!("{date} ({})", humanize::relative_day(date, self.now.date_naive())),
        }
    }

    /// Every field of one token (never the token itself).
    pub fn token_detail(&mut self, token: &Token) -> Result<()> {
        let view = TokenView::new(token, self.now);
        match self.format {
            Format::Json => self.json(&view),
            Format::Csv => {
                self.write_str(&csv_line(TokenView::CSV_HEADER))?;
                self.write_str(&csv_line(&view.csv_record()))
            }
            Format::Table => {
                let mut table = Table::new();
                table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
                let rows: Vec<(&str, Cell)> = vec![
                    ("ID", Cell::new(token.id)),
                    ("User", Cell::new(format!("{} (id {})", escape(&token.username), token.user_id))),
                    ("Name", Cell::new(escape(&token.name))),
                    ("Description", Cell::new(token.description.as_deref().map(escape).unwrap_or_default())),
                    ("Scopes", Cell::new(token.scopes.joined())),
                    ("State", self.state_cell(token, token.state(self.now).as_str().to_string())),
                    ("Impersonation", Cell::new(if token.impersonation { "yes" } else { "no" })),
                    ("Created", Cell::new(format!("{} UTC", token.created_at.format("%Y-%m-%d %H:%M:%S")))),
                    ("Updated", Cell::new(format!("{} UTC", token.updated_at.format("%Y-%m-%d %H:%M:%S")))),
                    ("Last used", Cell::new(self.last_used_text(token))),
                    ("Expires", Cell::new(self.expires_text(token))),
                    (
                        "Previous token",
                        Cell::new(token.previous_token_id.map(|id| id.to_string()).unwrap_or_else(|| "none".into())),
                    ),
                ];
                for (label, value) in rows {
                    let label = Cell::new(format!("{label}:"));
                    table.add_row(vec![if self.color { label.add_attribute(Attribute::Bold) } else { label }, value]);
                }
                self.print_table(&table)
            }
        }
    }

    pub fn users(&mut self, users: &[User]) -> Result<()> {
        match self.format {
            Format::Json => self.json(&users.iter().map(UserView::new).collect::<Vec<_>>()),
            Format::Csv => {
                self.write_str(&csv_line(UserView::CSV_HEADER))?;
                for user in users {
                    self.write_str(&csv_line(&UserView::new(user).csv_record()))?;
                }
                Ok(())
            }
            Format::Table => {
                let mut table = self.table(&["ID", "USERNAME", "NAME", "EMAIL", "TYPE", "ADMIN", "STATE", "CREATED"]);
                for user in users {
                    let state = Cell::new(user.state());
                    table.add_row(vec![
                        Cell::new(user.id),
                        Cell::new(escape(&user.username)),
                        Cell::new(escape(&user.name)),
                        Cell::new(user.email.as_deref().map(escape).unwrap_or_default()),
                        Cell::new(user.user_type.as_str()),
                        Cell::new(if user.admin { "yes" } else { "no" }),
                        if self.color && user.blocked { state.fg(Color::Red) } else { state },
                        Cell::new(user.created_at.format("%Y-%m-%d")),
                    ]);
                }
                self.print_table(&table)
            }
        }
    }

    pub fn user_detail(&mut self, user: &User, active_tokens: usize) -> Result<()> {
        match self.format {
            Format::Table => {
                let mut table = Table::new();
                table.load_style(presets::NOTHING);
                for (label, value) in [
                    ("ID:", user.id.to_string()),
                    ("Username:", escape(&user.username)),
                    ("Name:", escape(&user.name)),
                    ("Email:", user.email.as_deref().map(escape).unwrap_or_else(|| "none".into())),
                    ("Type:", user.user_type.as_str().to_string()),
                    ("Admin:", if user.admin { "yes" } else { "no" }.to_string()),
                    ("State:", user.state().to_string()),
                    ("Created:", format!("{} UTC", user.created_at.format("%Y-%m-%d %H:%M:%S"))),
                    ("Active tokens:", active_tokens.to_string()),
                ] {
                    table.add_row(vec![label.to_string(), value]);
                }
                self.print_table(&table)
            }
            Format::Json => self.json(&UserView::new(user)),
            Format::Csv => self.users(std::slice::from_ref(user)),
        }
    }
}

/// A list of tokens being printed; see [`Printer::token_list`].
pub struct TokenList<'p> {
    printer: &'p mut Printer,
    table: Option<Table>,
    count: usize,
}

impl TokenList<'_> {
    pub fn push(&mut self, token: &Token) -> Result<()> {
        let now = self.printer.now;
        match self.printer.format {
            Format::Json => {
                self.printer.write_str(if self.count == 0 { "[\n" } else { ",\n" })?;
                serde_json::to_writer(&mut self.printer.out, &TokenView::new(token, now))
                    .map_err(|e| output_error(e.into()))?;
            }
            Format::Csv => self.printer.write_str(&csv_line(&TokenView::new(token, now).csv_record()))?,
            Format::Table => {
                let row = vec![
                    Cell::new(token.id),
                    Cell::new(escape(&token.username)),
                    Cell::new(escape(&token.name)),
                    Cell::new(token.scopes.joined().replace(',', ", ")),
                    Cell::new(token.created_at.format("%Y-%m-%d")),
                    Cell::new(self.printer.last_used_text(token)),
                    Cell::new(self.printer.expires_text(token)),
                    self.printer.state_cell(token, token.state(now).as_str().to_string()),
                ];
                self.table.as_mut().expect("table format has a table").add_row(row);
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Closes the list. An empty table prints nothing on stdout; JSON prints `[]`.
    pub fn finish(self) -> Result<usize> {
        match self.printer.format {
            Format::Json => self.printer.write_str(if self.count == 0 { "[]\n" } else { "\n]\n" })?,
            Format::Csv => {}
            Format::Table if self.count == 0 => self.printer.note("no tokens match"),
            Format::Table => {
                let table = self.table.expect("table format has a table");
                self.printer.print_table(&table)?;
            }
        }
        Ok(self.count)
    }
}
