//! The one printer: data to stdout as a table, JSON or CSV; messages to stderr.

pub mod audit;
pub mod config;
mod error;
pub mod expiry;
pub mod groups;
pub mod humanize;
pub mod layout;
pub mod projects;
pub mod prometheus;
pub mod terminal;
pub mod tokens;
pub mod users;
mod view;

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use unicode_width::UnicodeWidthStr;

use chrono::{DateTime, Utc};
use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::error::{Error, Result};
pub use error::{error_json, error_json_of};
pub use layout::{Fit, Priority};
pub use view::{Changed, Csv, JsonOnly, Lines, List, Row, Status, View};

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
    /// The width tables are fitted to: the terminal's, or none (off a terminal, or `--wide`).
    width: Option<usize>,
    /// The pager a long table goes through, when stdout is a terminal and paging is wanted.
    pager: Option<String>,
    out: Out,
}

/// Where the printer writes: straight to stdout, or held to be paged when the command is done.
enum Out {
    Direct(BufWriter<Stdout>),
    Held(Vec<u8>),
}

impl Write for Out {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Out::Direct(out) => out.write(bytes),
            Out::Held(held) => held.write(bytes),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Direct(out) => out.flush(),
            // Held text waits for [`Printer::page`].
            Out::Held(_) => Ok(()),
        }
    }
}

impl Drop for Printer {
    /// Output still held (a command that failed after printing, or one that ends without
    /// [`Printer::page`]) is shown as it is, unpaged.
    fn drop(&mut self) {
        if let Out::Held(held) = &mut self.out
            && !held.is_empty()
        {
            let mut stdout = io::stdout();
            let _ = stdout.write_all(held).and_then(|()| stdout.flush());
        }
    }
}

/// How tables meet the terminal, from the global options.
#[derive(Debug, Clone, Default)]
pub struct Screen {
    /// `--wide`: every column in full, however wide the terminal.
    pub wide: bool,
    /// The pager for long tables (`None`: `--no-pager`, or `PAGER` empty).
    pub pager: Option<String>,
}

/// A style a cell of a terminal table is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Bold,
    Attention(Attention),
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Bold => "\x1b[1m",
            Style::Attention(Attention::Expired | Attention::Blocked) => "\x1b[31m",
            Style::Attention(Attention::Expiring) => "\x1b[33m",
            Style::Attention(Attention::Revoked) => "\x1b[2m",
        }
    }
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
        let width = terminal.then(|| terminal::size(libc::STDOUT_FILENO).0);
        let out = Out::Direct(BufWriter::new(io::stdout()));
        Printer { format, color, quiet, now, warn_days: warn_days.into(), terminal, width, pager: None, out }
    }

    /// Tables fitted (or not, with `--wide`) and paged as `screen` says. Only tables on a
    /// terminal are paged: JSON and CSV are for programs, and off a terminal nothing is.
    pub fn on_screen(mut self, screen: Screen) -> Self {
        if screen.wide {
            self.width = None;
        }
        if self.terminal && self.format == Format::Table && screen.pager.is_some() {
            self.pager = screen.pager;
            self.out = Out::Held(Vec::new());
        }
        self
    }

    /// Shows what was held for the pager: through it when it is taller than the terminal, else
    /// directly. Called when the command is done, so that no database lock is held meanwhile.
    pub fn page(&mut self) -> Result<()> {
        let Out::Held(held) = &mut self.out else { return Ok(()) };
        let text = std::mem::take(held);
        let rows = terminal::size(libc::STDOUT_FILENO).1;
        match &self.pager {
            Some(pager) if text.iter().filter(|b| **b == b'\n').count() >= rows => {
                terminal::page(pager, &text).map_err(output_error)
            }
            _ => {
                let mut stdout = io::stdout();
                stdout.write_all(&text).and_then(|()| stdout.flush()).map_err(output_error)
            }
        }
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

    /// The command failed: with `--format json` what it had not yet written is dropped, so that
    /// stdout holds no half of a document beside the error object on stderr. Other formats keep
    /// what they printed, as before.
    pub fn abandon(&mut self) {
        if matches!(self.format, Format::Json)
            && let Out::Direct(out) = std::mem::replace(&mut self.out, Out::Held(Vec::new()))
        {
            // Unwritten bytes are dropped, not flushed.
            drop(out.into_parts());
        }
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(output_error)
    }

    /// Rows of text, each cell with the attention it needs, under `columns`. Off a terminal
    /// (and without forced colour) the text is aligned directly as it always was, which keeps
    /// lists of many thousand rows cheap; on one it is fitted to the terminal's width.
    fn print_rows(&mut self, columns: &Columns, mut rows: Vec<TextRow>) -> Result<()> {
        let optional = shown_optional(columns, &mut rows);
        let header: Vec<&str> = columns.names.iter().chain(&optional).copied().collect();
        if !self.terminal && !self.color {
            let table = self.rows_table(columns, &header);
            let body: Vec<Vec<&str>> =
                rows.iter().map(|row| row.iter().map(|(text, _)| text.as_str()).collect()).collect();
            return self.write_str(&plain_layout(&table, &body));
        }
        let fits: Vec<Fit> = header.iter().map(|name| columns.fit_of(name)).collect();
        let text = self.fitted(Some(&header), &fits, &rows);
        self.write_str(&text)
    }

    /// A comfy-table table with `header` and each column's lower bound, as the plain layout
    /// off a terminal has always sized them.
    fn rows_table(&self, columns: &Columns, header: &[&str]) -> Table {
        let mut table = Table::new();
        table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(header.iter().map(Cell::new));
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
        if !self.terminal && !self.color {
            let mut table = Table::new();
            table.load_style(presets::NOTHING);
            for (label, value, _) in &fields {
                table.add_row(vec![Cell::new(format!("{label}:")), Cell::new(value)]);
            }
            return self.write_str(&plain_table(&table));
        }
        let rows: Vec<TextRow> = fields
            .into_iter()
            .map(|(label, value, attention)| vec![(format!("{label}:"), None), (value, attention)])
            .collect();
        let fits = [Fit::Whole(Priority::High), Fit::Shrink(Priority::High, 8)];
        let text = self.fitted(None, &fits, &rows);
        self.write_str(&text)
    }

    /// `rows` (under `header`, if any) laid out for the terminal: columns chosen and cut to its
    /// width by [`layout::layout`] (all of them, whole, without a width), in colour if wanted.
    /// A table without a header is a key/value table, whose labels are bold.
    fn fitted(&self, header: Option<&[&str]>, fits: &[Fit], rows: &[TextRow]) -> String {
        let cell = |row: &TextRow, i: usize| row.get(i).map_or("", |(text, _)| text.as_str()).width();
        let columns: Vec<layout::Column> = fits
            .iter()
            .enumerate()
            .map(|(i, &fit)| {
                let header = header.map_or(0, |h| h[i].width());
                let natural = rows.iter().map(|row| cell(row, i)).max().unwrap_or(0).max(header);
                layout::Column { natural, header, fit }
            })
            .collect();
        let widths = match self.width {
            Some(width) => layout::layout(&columns, width),
            None => columns.iter().map(|c| Some(c.natural)).collect(),
        };
        let mut text = String::new();
        if let Some(header) = header {
            let cells: Vec<(&str, Option<Style>)> = header.iter().map(|h| (*h, Some(Style::Bold))).collect();
            self.fitted_line(&mut text, &cells, &widths);
        }
        for row in rows {
            let cells: Vec<(&str, Option<Style>)> = row
                .iter()
                .enumerate()
                .map(|(i, (t, a))| {
                    let label = header.is_none() && i == 0;
                    (t.as_str(), if label { Some(Style::Bold) } else { a.map(Style::Attention) })
                })
                .collect();
            self.fitted_line(&mut text, &cells, &widths);
        }
        text
    }

    /// One line of a fitted table: each shown cell cut to its width and padded, two spaces
    /// apart, styled when colour is on; no trailing blanks.
    fn fitted_line(&self, text: &mut String, cells: &[(&str, Option<Style>)], widths: &[Option<usize>]) {
        let start = text.len();
        let shown = widths.iter().enumerate().filter_map(|(i, w)| w.map(|w| (i, w)));
        for (n, (i, width)) in shown.enumerate() {
            let (cell, style) = cells.get(i).copied().unwrap_or(("", None));
            let cut = layout::truncate(cell, width);
            if n > 0 {
                text.push_str("  ");
            }
            match style.filter(|_| self.color && !cut.is_empty()) {
                Some(style) => {
                    text.push_str(style.code());
                    text.push_str(&cut);
                    text.push_str("\x1b[0m");
                }
                None => text.push_str(&cut),
            }
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(cut.width())));
        }
        text.truncate(start + text[start..].trim_end().len());
        text.push('\n');
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
    /// Lower bounds of the plain layout off a terminal (kept so that its output never changes).
    pub keep: &'static [(&'static str, Keep)],
    /// How each column fits a narrow terminal: its priority, and whether and how far it may be
    /// cut. A column not named here gets [`Fit::DEFAULT`].
    pub fit: &'static [(&'static str, Fit)],
}

impl Columns {
    pub const fn new(names: &'static [&'static str]) -> Self {
        Columns { names, optional: &[], keep: &[], fit: &[] }
    }

    /// These columns, fitted to a narrow terminal as `fit` says.
    pub const fn fitting(self, fit: &'static [(&'static str, Fit)]) -> Self {
        Columns { fit, ..self }
    }

    /// The header: every column, and the optional ones as far as `widest` cells fill them.
    #[cfg(test)]
    fn header(&self, widest: usize) -> Vec<&'static str> {
        let optional = self.optional.len().min(widest.saturating_sub(self.names.len()));
        self.names.iter().chain(&self.optional[..optional]).copied().collect()
    }

    fn fit_of(&self, name: &str) -> Fit {
        self.fit.iter().find(|(n, _)| *n == name).map_or(Fit::DEFAULT, |(_, fit)| *fit)
    }
}

/// The width a column keeps off a terminal, as comfy-table's constraints once set it.
pub enum Keep {
    /// As wide as its content.
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

#[cfg(test)]
mod tests {
    use super::{Fit, Format, Printer, Priority, Row};
    use crate::domain::model::Token;

    /// A comfy-table line without its one-space left margin and trailing padding.
    fn tidy_line(line: &str) -> String {
        line.strip_prefix(' ').unwrap_or(line).trim_end().to_string()
    }

    #[test]
    fn plain_tables_match_comfy_tables_without_a_terminal() {
        let printer = Printer::new(Format::Table, false, false, chrono::Utc::now(), 7);
        for widest in [8, 9] {
            let mut table = printer.rows_table(&Token::COLUMNS, &Token::COLUMNS.header(widest));
            table.force_no_tty();
            table.add_row(vec!["1", "automation-bot", "Automation token", "read_user, read_repository"]);
            table.add_row(vec!["22", "ünïcødé 名前", "x", "api", "2026-11-23", "never", "never", "active", "g/p"]);
            table.add_row(vec!["333"]);
            let comfy: String = table.to_string().lines().map(|l| format!("{}\n", tidy_line(l))).collect();
            assert_eq!(super::plain_table(&table), comfy);
        }
    }

    fn printer(width: Option<usize>, color: bool) -> Printer {
        let mut printer = Printer::new(Format::Table, color, false, chrono::Utc::now(), 7);
        printer.width = width;
        printer
    }

    fn rows() -> Vec<super::TextRow> {
        vec![
            vec![("1".into(), None), ("a-very-long-username-indeed".into(), None), ("x".into(), None)],
            vec![("22".into(), None), ("bob".into(), None), ("expired".into(), Some(super::Attention::Expired))],
        ]
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
    fn fitted_tables_cut_cells_with_an_ellipsis_and_keep_colours_outside_the_padding() {
        let fits = [Fit::Whole(Priority::High), Fit::Shrink(Priority::High, 8), Fit::Whole(Priority::High)];
        let header = ["ID", "USER", "STATE"];
        let text = printer(Some(24), false).fitted(Some(&header), &fits, &rows());
        assert_eq!(text, "ID  USER         STATE\n1   a-very-lon…  x\n22  bob          expired\n");
        let text = printer(None, true).fitted(Some(&header), &fits, &rows());
        assert_eq!(
            text,
            "\x1b[1mID\x1b[0m  \x1b[1mUSER\x1b[0m                         \x1b[1mSTATE\x1b[0m\n\
             1   a-very-long-username-indeed  x\n\
             22  bob                          \x1b[31mexpired\x1b[0m\n"
        );
    }

    #[test]
    fn fitted_key_value_tables_cut_values_and_bold_their_labels() {
        let fits = [Fit::Whole(Priority::High), Fit::Shrink(Priority::High, 8)];
        let rows = vec![vec![("Username:".to_string(), None), ("a-very-long-username-indeed".to_string(), None)]];
        assert_eq!(printer(Some(20), false).fitted(None, &fits, &rows), "Username:  a-very-l…\n");
        assert_eq!(
            printer(Some(40), true).fitted(None, &fits, &rows),
            "\x1b[1mUsername:\x1b[0m  a-very-long-username-indeed\n"
        );
    }
}
