//! How a printed value renders itself in each format: [`View`] for a value printed whole,
//! [`Row`] for the records of a list streamed as they come.

use std::cell::RefCell;
use std::io;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Columns, Format, Printer, TextRow, output_error};
use crate::error::Result;

/// What a command prints on stdout, in each format. [`Printer::print`] chooses the format, so
/// commands never do.
pub trait View {
    /// The table (or lines) a person reads.
    fn table(&self, printer: &mut Printer) -> Result<()>;
    /// The JSON document, as of `now`.
    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_;
    /// The CSV records, header first.
    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()>;
}

/// What a command that changes something did, first field of the record it prints with
/// `--format json` (README "The JSON contract").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Created,
    Unchanged,
    Updated,
    Rotated,
    Revoked,
    AlreadyRevoked,
    Blocked,
    Unblocked,
    Added,
    Removed,
}

/// A view of what a command changed, or found already as asked: its JSON is the record with
/// `"status"` added first (a field more, so scripts that read the record keep working); tables
/// and CSV are the record's own.
pub struct Changed<V> {
    pub status: Status,
    pub view: V,
}

#[derive(Serialize)]
struct WithStatus<T> {
    status: Status,
    #[serde(flatten)]
    record: T,
}

impl<V: View> View for Changed<V> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        self.view.table(printer)
    }
    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        WithStatus { status: self.status, record: self.view.json(now) }
    }
    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        self.view.csv(now, csv)
    }
}

/// A record of a streamed list: JSON and CSV rows are written as they come; a table needs
/// every row to size its columns.
pub trait Row {
    /// The table's columns.
    const COLUMNS: Columns;
    /// Said on stderr instead of an empty table.
    const NONE: &'static str;
    /// A CSV record; its default value gives the header of an empty list.
    type Record<'a>: Serialize + Default
    where
        Self: 'a;

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_;
    fn record(&self, now: DateTime<Utc>) -> Self::Record<'_>;
    fn cells(&self, printer: &Printer) -> TextRow;
}

impl Printer {
    /// Prints `view` in the chosen format.
    pub fn print(&mut self, view: &impl View) -> Result<()> {
        match self.format {
            Format::Table => view.table(self),
            Format::Json => self.json(&view.json(self.now)),
            Format::JsonLines => {
                serde_json::to_writer(&mut self.out, &view.json(self.now)).map_err(|e| output_error(e.into()))?;
                self.write_str("\n")
            }
            Format::Csv => {
                let mut csv = Csv::new();
                view.csv(self.now, &mut csv)?;
                self.write_bytes(&csv.take())
            }
        }
    }

    /// Prints `view` for scripts only: a table prints nothing, as the command's note on stderr
    /// already says what it did.
    pub fn print_for_scripts(&mut self, view: &impl View) -> Result<()> {
        if self.format == Format::Table { Ok(()) } else { self.print(view) }
    }

    /// Prints `rows` as a list.
    pub fn rows<R: Row>(&mut self, rows: &[R]) -> Result<()> {
        let mut list = self.list();
        rows.iter().try_for_each(|row| list.push(row))?;
        list.finish().map(drop)
    }

    /// Prints `rows`, each one changed as `status` says: in JSON every record has `"status"`.
    pub fn changed_rows<R: Row>(&mut self, status: Status, rows: &[R]) -> Result<()> {
        let mut list = self.list();
        list.status = Some(status);
        rows.iter().try_for_each(|row| list.push(row))?;
        list.finish().map(drop)
    }

    /// Starts a streamed list of `R`.
    pub fn list<R: Row>(&mut self) -> List<'_, R> {
        List {
            printer: self,
            rows: Vec::new(),
            csv: Csv::new(),
            count: 0,
            status: None,
            _row: std::marker::PhantomData,
        }
    }

    /// `--raw` prints the bare secret, which no document format can carry: refused with
    /// `--format json` or `csv` rather than printed as something the script did not ask for.
    pub fn allow_raw(&self) -> Result<()> {
        match self.format {
            Format::Table => Ok(()),
            _ => {
                Err(crate::error::Error::usage("--raw prints only the token; it does not go with --format json or csv")
                    .with_hint("drop --raw: the record has the token in its \"token\" field"))
            }
        }
    }
}

/// A list being printed; see [`Printer::list`].
pub struct List<'p, R: Row> {
    printer: &'p mut Printer,
    /// Table rows, printed at the end.
    rows: Vec<TextRow>,
    csv: Csv,
    count: usize,
    /// What happened to every row, for a list of changes.
    status: Option<Status>,
    _row: std::marker::PhantomData<fn(&R)>,
}

impl<R: Row> List<'_, R> {
    pub fn push(&mut self, row: &R) -> Result<()> {
        let now = self.printer.now;
        match self.printer.format {
            Format::Json => {
                self.printer.write_str(if self.count == 0 { "[\n" } else { ",\n" })?;
                self.write_json(row, now)?;
            }
            Format::JsonLines => {
                self.write_json(row, now)?;
                self.printer.write_str("\n")?;
            }
            Format::Csv => {
                self.csv.record(&row.record(now))?;
                self.printer.write_bytes(&self.csv.take())?;
            }
            Format::Table => self.rows.push(row.cells(self.printer)),
        }
        self.count += 1;
        Ok(())
    }

    fn write_json(&mut self, row: &R, now: DateTime<Utc>) -> Result<()> {
        let out = &mut self.printer.out;
        match self.status {
            Some(status) => serde_json::to_writer(out, &WithStatus { status, record: row.json(now) }),
            None => serde_json::to_writer(out, &row.json(now)),
        }
        .map_err(|e| output_error(e.into()))
    }

    /// Sends what was pushed so far to stdout (a feed's reader sees each row as it comes).
    pub fn flush(&mut self) -> Result<()> {
        self.printer.flush()
    }

    /// Closes the list and says how many rows it had. An empty table prints nothing on stdout
    /// (it says [`Row::NONE`] on stderr); JSON prints `[]`, JSON lines nothing, CSV the header.
    pub fn finish(mut self) -> Result<usize> {
        match self.printer.format {
            Format::Json => self.printer.write_str(if self.count == 0 { "[]\n" } else { "\n]\n" })?,
            Format::JsonLines => {}
            Format::Csv if self.count == 0 => {
                self.csv.header::<R::Record<'_>>()?;
                self.printer.write_bytes(&self.csv.take())?;
            }
            Format::Csv => {}
            Format::Table if self.count == 0 => self.printer.note(R::NONE),
            Format::Table => self.printer.print_rows(&R::COLUMNS, self.rows)?,
        }
        Ok(self.count)
    }
}

/// JSON only: tables and CSV print nothing (the command says what it did on stderr).
pub struct JsonOnly<T>(pub T);

impl<T: Serialize> View for JsonOnly<T> {
    fn table(&self, _printer: &mut Printer) -> Result<()> {
        Ok(())
    }
    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        &self.0
    }
    fn csv(&self, _now: DateTime<Utc>, _csv: &mut Csv) -> Result<()> {
        Ok(())
    }
}

/// Lines of text for tables and CSV alike (made as they are printed), a JSON document for
/// scripts.
pub struct Lines<I, T> {
    pub lines: I,
    pub json: T,
}

impl<I: Iterator<Item = String> + Clone, T: Serialize> View for Lines<I, T> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        self.lines.clone().try_for_each(|line| printer.line(&line))
    }
    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        &self.json
    }
    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        self.lines.clone().for_each(|line| csv.raw_line(&line));
        Ok(())
    }
}

/// CSV text (RFC 4180: fields quoted when needed, CRLF line ends) written through the `csv`
/// crate into a buffer the printer then writes out.
pub struct Csv {
    writer: csv::Writer<Buffer>,
    /// What the writer has written, shared with it.
    text: Buffer,
}

/// A byte buffer the CSV writer writes into while the printer takes what is written.
#[derive(Clone, Default)]
struct Buffer(Rc<RefCell<Vec<u8>>>);

impl io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Csv {
    fn new() -> Self {
        let text = Buffer::default();
        let writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(text.clone());
        Csv { writer, text }
    }

    /// One record; the first one also writes the header, named after its fields.
    pub fn record(&mut self, record: &impl Serialize) -> Result<()> {
        self.writer.serialize(record).map_err(csv_error)
    }

    /// Records under their header, which is written even when there are none.
    pub fn records<T: Serialize + Default>(&mut self, records: impl IntoIterator<Item = T>) -> Result<()> {
        let mut any = false;
        for record in records {
            self.record(&record)?;
            any = true;
        }
        if !any {
            self.header::<T>()?;
        }
        Ok(())
    }

    /// The header of `T` alone, for a list without records.
    fn header<T: Serialize + Default>(&mut self) -> Result<()> {
        let mut sample = Csv::new();
        sample.record(&T::default())?;
        let text = sample.take();
        let end = text.windows(2).position(|w| w == b"\r\n").map_or(text.len(), |at| at + 2);
        self.text.0.borrow_mut().extend_from_slice(&text[..end]);
        Ok(())
    }

    /// A line written as it is, not as a record.
    fn raw_line(&mut self, line: &str) {
        let _ = self.writer.flush();
        let mut out = self.text.0.borrow_mut();
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }

    /// The text written so far, leaving the buffer empty (the header is not written again).
    fn take(&mut self) -> Vec<u8> {
        // Writing into memory cannot fail.
        let _ = self.writer.flush();
        std::mem::take(&mut *self.text.0.borrow_mut())
    }
}

fn csv_error(err: csv::Error) -> crate::error::Error {
    crate::error::Error::io(format!("cannot write CSV: {err}"))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::Csv;

    #[derive(Default, Serialize)]
    struct Lead {
        finding: &'static str,
        days_left: i64,
    }

    #[derive(Default, Serialize)]
    struct Entry<'a> {
        name: &'a str,
        note: Option<&'a str>,
        active: bool,
    }

    #[test]
    fn csv_quotes_only_when_needed_and_ends_lines_with_crlf() {
        let mut csv = Csv::new();
        csv.records([
            Entry { name: "a", note: Some("b c"), active: true },
            Entry { name: "x,y", note: Some("say \"hi\""), active: false },
            Entry { name: "two\nlines", note: None, active: false },
        ])
        .unwrap();
        let text = String::from_utf8(csv.take()).unwrap();
        assert_eq!(
            text,
            "name,note,active\r\na,b c,true\r\n\"x,y\",\"say \"\"hi\"\"\",false\r\n\"two\nlines\",,false\r\n"
        );
    }

    #[test]
    fn an_empty_list_still_has_its_header_also_for_records_in_parts() {
        let mut csv = Csv::new();
        csv.records(Vec::<(Lead, Entry)>::new()).unwrap();
        assert_eq!(String::from_utf8(csv.take()).unwrap(), "finding,days_left,name,note,active\r\n");
        let mut csv = Csv::new();
        csv.records([(Lead { finding: "expired", days_left: -1 }, Entry { name: "n", note: None, active: false })])
            .unwrap();
        assert_eq!(
            String::from_utf8(csv.take()).unwrap(),
            "finding,days_left,name,note,active\r\nexpired,-1,n,,false\r\n"
        );
    }

    #[test]
    fn the_header_is_written_once_however_the_text_is_taken() {
        let mut csv = Csv::new();
        csv.record(&Entry { name: "a", ..Entry::default() }).unwrap();
        assert_eq!(String::from_utf8(csv.take()).unwrap(), "name,note,active\r\na,,false\r\n");
        csv.record(&Entry { name: "b", ..Entry::default() }).unwrap();
        assert_eq!(String::from_utf8(csv.take()).unwrap(), "b,,false\r\n");
    }
}
