//! The one printer: data to stdout as a table, JSON or CSV; messages to stderr.

pub mod audit;
pub mod config;
pub mod expiry;
pub mod groups;
pub mod humanize;
pub mod projects;
pub mod prometheus;
pub mod tokens;
pub mod users;
mod view;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use unicode_width::UnicodeWidthStr;

use chrono::{DateTime, Utc};
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::error::{Error, Result};
pub use view::{Csv, JsonOnly, Lines, List, Row, View};

pub use crate::domain::expiry::rfc3339;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    /// One JSON object per line: a list's rows, or a whole value on one line.
    JsonLines,
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

    /// Whether each row is written whole as it comes (JSON lines, CSV), as a feed needs.
    pub fn streams(&self) -> bool {
        matches!(self.format, Format::JsonLines | Format::Csv)
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
        self.write_bytes(text.as_bytes())
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(output_error)
    }

    pub fn line(&mut self, text: &str) -> Result<()> {
        self.write_str(text)?;
        self.write_str("\n")
    }

    fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| output_error(e.into()))?;
        self.write_str("\n")
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(output_error)
    }

    /// A borderless table with `header` (bold on a colour terminal), sized for the terminal.
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

    /// Rows of text, each cell with the attention it needs, under `columns`. Only a terminal
    /// gets comfy-table's layout and colour; elsewhere the text is aligned directly, which keeps
    /// lists of many thousand rows cheap.
    fn print_rows(&mut self, columns: &Columns, mut rows: Vec<TextRow>) -> Result<()> {
        let optional = shown_optional(columns, &mut rows);
        let mut table = self.header_table(columns, &optional);
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

    /// The header of `columns` (optional ones as far as `widest` cells fill them), with each
    /// column's constraint set by its name.
    #[cfg(test)]
    fn rows_table(&self, columns: &Columns, widest: usize) -> Table {
        let optional = columns.optional.len().min(widest.saturating_sub(columns.names.len()));
        self.header_table(columns, &columns.optional[..optional])
    }

    /// The header of `columns` with the `optional` ones shown, with each column's constraint
    /// set by its name.
    fn header_table(&self, columns: &Columns, optional: &[&str]) -> Table {
        let header: Vec<&str> = columns.names.iter().chain(optional).copied().collect();
        let mut table = self.table(&header);
        for (name, keep) in columns.keep {
            if let Some(column) = header.iter().position(|h| h == name).and_then(|i| table.column_mut(i)) {
                column.set_constraint(match keep {
                    Keep::Whole => ColumnConstraint::ContentWidth,
                    // With padding.
                    Keep::AtLeast(width) => ColumnConstraint::LowerBoundary(Width::Fixed(*width)),
                });
            }
        }
        table
    }

    /// A key/value table of one record's fields: labels (bold on a colour terminal) and values.
    fn detail(&mut self, fields: Vec<Field>) -> Result<()> {
        let mut table = Table::new();
        table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
        for (label, value, attention) in fields {
            let label = Cell::new(format!("{label}:"));
            let label = if self.color { label.add_attribute(Attribute::Bold) } else { label };
            table.add_row(vec![label, paint(Cell::new(value), attention)]);
        }
        self.print_table(&table)
    }
}

/// The optional columns of `columns` that some row fills (a blank cell fills none), by name;
/// the cells of the others are taken out of `rows`, so that a list of group tokens only has a
/// GROUP column and no empty PROJECT column before it.
fn shown_optional(columns: &Columns, rows: &mut [TextRow]) -> Vec<&'static str> {
    let base = columns.names.len();
    let filled = |i: usize| rows.iter().any(|row| row.get(i).is_some_and(|(text, _)| !text.is_empty()));
    let (shown, unfilled): (Vec<usize>, Vec<usize>) = (base..base + columns.optional.len()).partition(|&i| filled(i));
    for row in rows.iter_mut() {
        for &i in unfilled.iter().rev() {
            if i < row.len() {
                row.remove(i);
            }
        }
    }
    shown.into_iter().map(|i| columns.optional[i - base]).collect()
}

/// A table's columns by name, and how each one keeps its shape on a narrow terminal.
pub struct Columns {
    pub names: &'static [&'static str],
    /// Trailing columns shown only when some row fills them.
    pub optional: &'static [&'static str],
    pub keep: &'static [(&'static str, Keep)],
}

impl Columns {
    pub const fn new(names: &'static [&'static str]) -> Self {
        Columns { names, optional: &[], keep: &[] }
    }
}

/// How a column keeps its shape when the terminal is too narrow for the table.
pub enum Keep {
    /// Never wrapped.
    Whole,
    /// At least this wide, padding included.
    AtLeast(u16),
}

/// A line of a key/value table: label, value, and the attention the value needs.
pub type Field = (&'static str, String, Option<Attention>);

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
pub type TextRow = Vec<(String, Option<Attention>)>;

/// Why a cell stands out on a colour terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    Expired,
    Expiring,
    Revoked,
    Blocked,
}

fn paint(cell: Cell, attention: Option<Attention>) -> Cell {
    match attention {
        None => cell,
        Some(Attention::Expired | Attention::Blocked) => cell.fg(Color::Red),
        Some(Attention::Expiring) => cell.fg(Color::Yellow),
        Some(Attention::Revoked) => cell.add_attribute(Attribute::Dim),
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, Printer, Row, tidy_line};
    use crate::domain::model::Token;

    #[test]
    fn plain_tables_match_comfy_tables_without_a_terminal() {
        let printer = Printer::new(Format::Table, false, false, chrono::Utc::now(), 7);
        for widest in [8, 9] {
            let mut table = printer.rows_table(&Token::COLUMNS, widest);
            table.force_no_tty();
            table.add_row(vec!["1", "automation-bot", "Automation token", "read_user, read_repository"]);
            table.add_row(vec!["22", "ünïcødé 名前", "x", "api", "2026-11-23", "never", "never", "active", "g/p"]);
            table.add_row(vec!["333"]);
            let comfy: String = table.to_string().lines().map(|l| format!("{}\n", tidy_line(l))).collect();
            assert_eq!(super::plain_table(&table), comfy);
        }
    }

    #[test]
    fn optional_columns_no_row_fills_are_left_out_by_name() {
        let row = |cells: &[&str]| -> super::TextRow { cells.iter().map(|c| (c.to_string(), None)).collect() };
        let base = ["1", "a", "n", "api", "2026-11-23", "never", "never", "active"];
        let group_only = [&base[..], &["", "infra (guest)"]].concat();
        let mut rows = vec![row(&base), row(&group_only)];
        assert_eq!(super::shown_optional(&Token::COLUMNS, &mut rows), ["GROUP"]);
        assert_eq!(rows[1].last().unwrap().0, "infra (guest)");
        assert_eq!(rows[1].len(), base.len() + 1);
        let mut rows = vec![row(&[&base[..], &["g/p (guest)"]].concat()), row(&group_only)];
        assert_eq!(super::shown_optional(&Token::COLUMNS, &mut rows), ["PROJECT", "GROUP"]);
        let mut rows = vec![row(&base)];
        assert!(super::shown_optional(&Token::COLUMNS, &mut rows).is_empty());
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
