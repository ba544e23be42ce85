//! The one printer: data to stdout as a table, JSON or CSV; messages to stderr.

pub mod audit;
pub mod expiry;
pub mod humanize;
pub mod projects;
pub mod prometheus;
pub mod views;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use unicode_width::UnicodeWidthStr;

use chrono::{DateTime, Utc};
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::domain::expiry::TokenState;
use crate::domain::model::{Token, User};
use crate::domain::text::escape;
use crate::error::{Error, Result};
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
    /// Whether stdout is a terminal, whose width tables must fit.
    terminal: bool,
    out: BufWriter<Stdout>,
}

/// A failed write to stdout. A closed pipe (`patctl list | head -1`) is a quiet success.
pub fn output_error(err: io::Error) -> Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Error::broken_pipe()
    } else {
        Error::from(err).context("cannot write output")
    }
}

impl Printer {
    pub fn new(format: Format, color: bool, quiet: bool, now: DateTime<Utc>, warn_days: u32) -> Self {
        let terminal = io::stdout().is_terminal();
        Printer { format, color, quiet, now, warn_days: warn_days.into(), terminal, out: BufWriter::new(io::stdout()) }
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
        if !self.terminal {
            return self.write_str(&plain_table(table));
        }
        let text = table.to_string();
        // The borderless style pads every line with one leading space; drop it.
        for line in text.lines() {
            self.write_str(&tidy_line(line))?;
            self.write_str("\n")?;
        }
        Ok(())
    }

    /// Rows of text, each cell with the attention it needs, under `table`'s header. Only a
    /// terminal gets comfy-table's layout and colour; elsewhere the text is aligned directly,
    /// which keeps lists of many thousand rows cheap.
    fn print_rows(&mut self, mut table: Table, rows: Vec<TextRow>) -> Result<()> {
        if !self.terminal {
            let body: Vec<Vec<&str>> =
                rows.iter().map(|row| row.iter().map(|(text, _)| text.as_str()).collect()).collect();
            return self.write_str(&plain_layout(&table, &body));
        }
        for row in rows {
            table.add_row(row.into_iter().map(|(text, attention)| paint(Cell::new(text), attention)));
        }
        self.print_table(&table)
    }

    /// Plain rows of text under a header: a table, or CSV (JSON callers build their own value).
    pub fn rows<S: AsRef<str>>(&mut self, header: &[&str], rows: &[Vec<S>]) -> Result<()> {
        match self.format {
            Format::Csv => {
                self.write_str(&csv_line(header))?;
                for row in rows {
                    self.write_str(&csv_line(row))?;
                }
                Ok(())
            }
            _ => {
                let mut table = self.table(header);
                for row in rows {
                    table.add_row(row.iter().map(|cell| Cell::new(cell.as_ref())));
                }
                self.print_table(&table)
            }
        }
    }

    /// Starts a streamed list of tokens: JSON and CSV rows are written as they come.
    pub fn token_list(&mut self) -> Result<TokenList<'_>> {
        if self.format == Format::Csv {
            self.write_str(&csv_line(TokenView::CSV_HEADER))?;
        }
        Ok(TokenList { printer: self, rows: Vec::new(), any_project: false, count: 0 })
    }

    /// The token table, sized for the terminal: long columns wrap; ids, dates and states stay whole.
    fn token_table(&self, with_project: bool) -> Table {
        let mut header = vec!["ID", "USER", "NAME", "SCOPES", "CREATED", "LAST USED", "EXPIRES", "STATE"];
        if with_project {
            header.push("PROJECT");
        }
        let mut table = self.table(&header);
        let keep_dates = ColumnConstraint::LowerBoundary(Width::Fixed(12)); // with padding
        for (column, constraint) in [
            (0, ColumnConstraint::ContentWidth),
            (4, ColumnConstraint::ContentWidth),
            (5, keep_dates),
            (6, keep_dates),
            (7, ColumnConstraint::ContentWidth),
        ] {
            if let Some(column) = table.column_mut(column) {
                column.set_constraint(constraint);
            }
        }
        table
    }

    /// How a token needs attention, for colour: expired, expiring within `expiry.within_days`,
    /// or revoked (`None`: nothing to flag, or no colour wanted).
    fn attention(&self, token: &Token) -> Option<Attention> {
        if !self.color {
            return None;
        }
        let today = self.now.date_naive();
        match token.state(self.now) {
            TokenState::Revoked => Some(Attention::Revoked),
            TokenState::Expired => Some(Attention::Expired),
            TokenState::Active | TokenState::Rotating
                if token.expires_at.is_some_and(|d| (d - today).num_days() <= self.warn_days) =>
            {
                Some(Attention::Expiring)
            }
            _ => None,
        }
    }

    fn state_cell(&self, token: &Token, text: String) -> Cell {
        paint(Cell::new(text), self.attention(token))
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
                    ("Project", Cell::new(project_text(token))),
                    ("Access level", Cell::new(token.access_level.map(|l| l.as_str()).unwrap_or("none"))),
                    ("Created", Cell::new(format!("{} UTC", token.created_at.format("%Y-%m-%d %H:%M:%S")))),
                    ("Updated", Cell::new(format!("{} UTC", token.updated_at.format("%Y-%m-%d %H:%M:%S")))),
                    ("Last used", Cell::new(self.last_used_text(token))),
                    ("Expires", Cell::new(self.expires_text(token))),
                    (
                        "Grace until",
                        Cell::new(
                            token
                                .grace_until
                                .map(|at| format!("{} UTC", at.format("%Y-%m-%d %H:%M:%S")))
                                .unwrap_or_else(|| "none".into()),
                        ),
                    ),
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

/// The text comfy-table lays out for a table when there is no terminal (no width to fit, no
/// colour): columns two spaces apart, no trailing blanks. Written directly, because comfy-table's
/// per-cell layout work dominates large reports, such as check-expiry over ten thousand tokens.
fn plain_table(table: &Table) -> String {
    let body: Vec<Vec<String>> = table.row_iter().map(|row| row.cell_iter().map(Cell::content).collect()).collect();
    plain_layout(table, &body)
}

/// `body` laid out under `table`'s header as [`plain_table`] does, without building cells.
fn plain_layout<S: AsRef<str>>(table: &Table, body: &[Vec<S>]) -> String {
    let header: Vec<String> =
        table.header().map(|row| row.cell_iter().map(Cell::content).collect()).unwrap_or_default();
    let rows = std::iter::once(header.iter().map(String::as_str).collect::<Vec<_>>())
        .chain(body.iter().map(|row| row.iter().map(AsRef::as_ref).collect()));
    let rows: Vec<Vec<&str>> = rows.collect();
    let mut widths: Vec<usize> = Vec::new();
    for row in &rows {
        widths.resize(widths.len().max(row.len()), 0);
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    // A lower bound set for a narrow terminal holds without one too.
    for (i, width) in widths.iter_mut().enumerate() {
        if let Some(column) = table.column(i)
            && let Some(ColumnConstraint::LowerBoundary(Width::Fixed(bound))) = column.constraint()
        {
            *width = (*width).max(usize::from(bound.saturating_sub(column.padding_width())));
        }
    }
    let mut text = String::new();
    for row in &rows {
        let start = text.len();
        for (i, width) in widths.iter().enumerate() {
            let cell = row.get(i).copied().unwrap_or("");
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width())));
        }
        text.truncate(start + text[start..].trim_end().len());
        text.push('\n');
    }
    text
}

/// A table line without comfy-table's one-space left margin and trailing padding, also when
/// colour escape sequences (`ESC [ ... m`) come before or after them.
fn tidy_line(line: &str) -> String {
    if !line.contains('\x1b') {
        return line.strip_prefix(' ').unwrap_or(line).trim_end().to_string();
    }
    // Split into escape sequences and visible characters.
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let len = if c == '\x1b' {
            rest.find(|ch: char| ch.is_ascii_alphabetic()).map_or(rest.len(), |end| end + 1)
        } else {
            c.len_utf8()
        };
        parts.push((c == '\x1b', &rest[..len]));
        rest = &rest[len..];
    }
    if let Some(first) = parts.iter().position(|(escape, _)| !escape)
        && parts[first].1 == " "
    {
        parts.remove(first);
    }
    // Trailing spaces go; escape sequences after them (colour resets) stay.
    let mut end = parts.len();
    let mut kept_escapes = Vec::new();
    while end > 0 && (parts[end - 1].0 || parts[end - 1].1 == " ") {
        end -= 1;
        if parts[end].0 {
            kept_escapes.push(parts[end].1);
        }
    }
    let mut out: String = parts[..end].iter().map(|(_, text)| *text).collect();
    out.extend(kept_escapes.into_iter().rev());
    out
}

/// A table row as text: each cell with the attention it needs.
pub(crate) type TextRow = Vec<(String, Option<Attention>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attention {
    Expired,
    Expiring,
    Revoked,
}

fn paint(cell: Cell, attention: Option<Attention>) -> Cell {
    match attention {
        None => cell,
        Some(Attention::Expired) => cell.fg(Color::Red),
        Some(Attention::Expiring) => cell.fg(Color::Yellow),
        Some(Attention::Revoked) => cell.add_attribute(Attribute::Dim),
    }
}

/// A list of tokens being printed; see [`Printer::token_list`].
/// "group/project (role)" for a project token, "none" for a personal one.
fn project_text(token: &Token) -> String {
    match (&token.project, token.access_level) {
        (Some(path), Some(level)) => format!("{} ({})", escape(path), level.as_str()),
        (Some(path), None) => escape(path),
        _ => "none".to_string(),
    }
}

pub struct TokenList<'p> {
    printer: &'p mut Printer,
    /// Table rows, printed at the end (a table needs every row to size its columns).
    rows: Vec<TextRow>,
    /// Whether any project token is listed: only then does the table get a PROJECT column.
    any_project: bool,
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
                // Expired and expiring tokens get their EXPIRES and STATE in red or yellow; a
                // revoked token's whole row is dimmed.
                let attention = self.printer.attention(token);
                let whole_row = if attention == Some(Attention::Revoked) { attention } else { None };
                let owner = if token.impersonation {
                    format!("{} (impersonation)", escape(&token.username))
                } else {
                    escape(&token.username)
                };
                let mut row = vec![
                    (token.id.to_string(), whole_row),
                    (owner, whole_row),
                    (escape(&token.name), whole_row),
                    (token.scopes.joined().replace(',', ", "), whole_row),
                    (token.created_at.format("%Y-%m-%d").to_string(), whole_row),
                    (self.printer.last_used_text(token), whole_row),
                    (self.printer.expires_text(token), attention),
                    (token.state(now).as_str().to_string(), attention),
                ];
                if token.project.is_some() {
                    self.any_project = true;
                    row.push((project_text(token), whole_row));
                }
                self.rows.push(row);
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
                let table = self.printer.token_table(self.any_project);
                self.printer.print_rows(table, self.rows)?;
            }
        }
        Ok(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, Printer, tidy_line};

    #[test]
    fn plain_tables_match_comfy_tables_without_a_terminal() {
        let printer = Printer::new(Format::Table, false, false, chrono::Utc::now(), 7);
        for with_project in [false, true] {
            let mut table = printer.token_table(with_project);
            table.force_no_tty();
            table.add_row(vec!["1", "automation-bot", "Automation token", "read_user, read_repository"]);
            table.add_row(vec!["22", "ünïcødé 名前", "x", "api", "2026-11-23", "never", "never", "active", "g/p"]);
            table.add_row(vec!["333"]);
            let comfy: String = table.to_string().lines().map(|l| format!("{}\n", tidy_line(l))).collect();
            assert_eq!(super::plain_table(&table), comfy);
        }
    }

    #[test]
    fn table_lines_lose_their_margin_and_padding_around_colours() {
        assert_eq!(tidy_line(" ID  NAME   "), "ID  NAME");
        assert_eq!(tidy_line("\x1b[1m ID\x1b[0m  NAME  \x1b[0m"), "\x1b[1mID\x1b[0m  NAME\x1b[0m");
        assert_eq!(tidy_line("\x1b[2m 3  gone \x1b[0m"), "\x1b[2m3  gone\x1b[0m");
        assert_eq!(tidy_line("x"), "x");
        assert_eq!(tidy_line(""), "");
    }
}
