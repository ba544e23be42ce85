//! `import gitlab --from-csv DIR`: one `TABLE.csv` per table, as the README's `psql \copy ... CSV
//! HEADER` recipe writes them (NULL is an empty field, booleans `t`/`f`).

use std::io::Read;
use std::path::Path;

use super::table::{Spec, Table};
use crate::error::{Error, Result};

/// The most one CSV file may hold: a million tokens take some 400 MiB.
const MAX_FILE_BYTES: u64 = 4 << 30;

/// Reads `DIR/{spec.name}.csv`; `None` when there is no such file.
pub fn read(dir: &Path, spec: &Spec) -> Result<Option<Table>> {
    let path = dir.join(format!("{}.csv", spec.name));
    let shown = path.display().to_string();
    let file = match crate::input::open(&path) {
        Ok((file, _)) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::from(e).context(format!("cannot read {shown}"))),
    };
    let bounded = file.take(MAX_FILE_BYTES + 1);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bounded);
    let bad = |e: csv::Error| Error::data(format!("{shown}: not CSV as psql's \\copy writes it ({})", csv_problem(&e)));
    let header: Vec<String> = reader.headers().map_err(bad)?.iter().map(|h| h.trim().to_string()).collect();
    // Only the spec's columns are kept: SELECT * of a newer GitLab brings many more.
    let wanted: Vec<(usize, &str)> =
        spec.columns.iter().filter_map(|c| header.iter().position(|h| h == c).map(|at| (at, *c))).collect();
    let mut table = Table { columns: wanted.iter().map(|(_, c)| c.to_string()).collect(), rows: Vec::new() };
    for record in reader.records() {
        let record = record.map_err(bad)?;
        table.rows.push(wanted.iter().map(|(at, _)| record.get(*at).map(str::to_string)).collect());
    }
    if reader.position().byte() > MAX_FILE_BYTES {
        return Err(Error::data(format!("{shown} is longer than 4 GiB, the limit for a GitLab CSV file")));
    }
    Ok(Some(table))
}

/// What went wrong, without the record's contents (they may hold a digest).
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => {
            let line = pos.as_ref().map_or(0, |p| p.line());
            format!("line {line} has {len} fields, the header {expected_len}")
        }
        csv::ErrorKind::Utf8 { pos, .. } => {
            format!("line {} is not UTF-8", pos.as_ref().map_or(0, |p| p.line()))
        }
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => "unreadable".into(),
    }
}
