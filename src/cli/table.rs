//! `--table FILE.parquet`: documents read from a Parquet table, one a row, as the CSV table
//! of [`TableRows`](crate::cli::stdin::TableRows) gives them, with the same output.
//!
//! Only the columns named are read, a batch of rows at a time, row group after row group,
//! so memory holds one batch whatever the size of the table.
//!
//! Types taken:
//! - the text: a string (`utf8`, `large_utf8`, `utf8_view`), or bytes (`binary`, …) decoded
//!   as a file's are (encoding detected, or `--encoding`);
//! - the doc: a string or an integer;
//! - the date: `date32`, `date64`, a timestamp (its date in its time zone, the wall clock's
//!   when it has none), or a string `YYYY-MM-DD` as the CSV table takes it;
//! - a kept column: a string, boolean, integer, float, decimal, date or timestamp, written
//!   as text (as the CSV table's cells are).
//!
//! A null text is a row skipped and named on stderr; a null doc, date or kept cell is an
//! empty one, as in a CSV table.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use press_stats::{DecodeOptions, Error, ErrorKind, Meta, decode};

use crate::cli::meta::parse_date;
use crate::cli::stdin::{Item, StdinDoc};

/// Rows decoded at a time: texts of a few kilobytes each, so a batch stays small.
const BATCH: usize = 64;

/// Whether the file at `path` is a Parquet file: it begins and ends with `PAR1`.
pub fn is_parquet(path: &Path) -> bool {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(_) => return false,
    };
    let mut head = [0u8; 4];
    let mut tail = [0u8; 4];
    f.read_exact(&mut head).is_ok()
        && f.seek(SeekFrom::End(-4)).is_ok()
        && f.read_exact(&mut tail).is_ok()
        && &head == b"PAR1"
        && &tail == b"PAR1"
}

/// How a column's cells become what a document needs.
#[derive(Clone)]
enum Cells {
    /// Strings, or bytes decoded as a file's are (for the text only).
    Text,
    /// Integers, written in decimal.
    Integer,
    /// Any type a kept column takes, written as text.
    Shown,
    /// Dates: a date, a timestamp in a time zone, or a `YYYY-MM-DD` string.
    Date(Option<TimeZone>),
}

/// One column named on the command line.
struct Column {
    name: String,
    cells: Cells,
}

/// The documents of a Parquet table, one a row.
pub struct ParquetRows {
    batches: ParquetRecordBatchReader,
    path: PathBuf,
    text: Column,
    doc: Column,
    date: Option<Column>,
    keep: Vec<Column>,
    decode: DecodeOptions,
    batch: Option<RecordBatch>,
    /// The next row of `batch`.
    next: usize,
    /// Rows handed over so far, all batches.
    row: usize,
    /// A read error ends the table; it is handed over once.
    failed: bool,
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_binary(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView
    )
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer()
}

/// The time zone of a timestamp column: none (wall clock), a fixed offset, or a name the
/// system knows.
fn time_zone(name: &str) -> Option<TimeZone> {
    let t = name.trim();
    if t.eq_ignore_ascii_case("utc") || t == "Z" {
        return Some(TimeZone::UTC);
    }
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return TimeZone::get(t).ok(),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60))
        .ok()
        .map(TimeZone::fixed)
}

impl ParquetRows {
    /// Opens the table at `path` and finds the columns named.
    ///
    /// # Errors
    ///
    /// A message naming a column the table lacks or whose type cannot be used, or why the
    /// file cannot be read as Parquet.
    pub fn open(
        path: &Path,
        text: &str,
        doc: &str,
        date: Option<&str>,
        keep: &[String],
        decode: DecodeOptions,
    ) -> Result<ParquetRows, String> {
        let file = File::open(path).map_err(|e| e.to_string())?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| format!("not a Parquet file that can be read: {e}"))?;
        let schema = builder.schema().clone();
        let mut wanted: Vec<usize> = Vec::new();
        let mut column = |name: &str, what: &str, ok: &dyn Fn(&DataType) -> Option<Cells>| {
            let (i, field) = schema
                .column_with_name(name)
                .ok_or_else(|| format!("no column `{name}`"))?;
            let cells = ok(field.data_type()).ok_or_else(|| {
                format!(
                    "column `{name}` is of type {}, which {what} does not take",
                    field.data_type()
                )
            })?;
            wanted.push(i);
            Ok::<Column, String>(Column {
                name: name.to_owned(),
                cells,
            })
        };
        let text = column(text, "--text-column (text or binary)", &|t| {
            (is_string(t) || is_binary(t)).then_some(Cells::Text)
        })?;
        let doc = column(doc, "--doc-column (text or an integer)", &|t| {
            if is_string(t) {
                Some(Cells::Text)
            } else {
                is_integer(t).then_some(Cells::Integer)
            }
        })?;
        let date = match date {
            Some(d) => Some(column(
                d,
                "--date-column (a date, a timestamp, or text YYYY-MM-DD)",
                &|t| match t {
                    DataType::Date32 | DataType::Date64 => Some(Cells::Date(None)),
                    DataType::Timestamp(_, None) => Some(Cells::Date(Some(TimeZone::UTC))),
                    DataType::Timestamp(_, Some(tz)) => time_zone(tz).map(|z| Cells::Date(Some(z))),
                    t if is_string(t) => Some(Cells::Date(None)),
                    _ => None,
                },
            )?),
            None => None,
        };
        let keep = keep
            .iter()
            .map(|k| {
                column(k, "--keep-column (a primitive type or text)", &|t| {
                    shown_type(t).then_some(Cells::Shown)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        wanted.sort_unstable();
        wanted.dedup();
        let mask = ProjectionMask::roots(builder.parquet_schema(), wanted);
        let batches = builder
            .with_projection(mask)
            .with_batch_size(BATCH)
            .build()
            .map_err(|e| format!("not a Parquet file that can be read: {e}"))?;
        Ok(ParquetRows {
            batches,
            path: path.to_path_buf(),
            text,
            doc,
            date,
            keep,
            decode,
            batch: None,
            next: 0,
            row: 0,
            failed: false,
        })
    }

    fn bad(&self, reason: &'static str) -> Item {
        Item::Bad(
            Error::new(ErrorKind::Row {
                row: self.row,
                reason,
            })
            .with_path(self.path.clone()),
        )
    }

    /// Row `i` of `batch` as a document, or why it is skipped.
    fn document(&self, batch: &RecordBatch, i: usize) -> Item {
        let col = |c: &Column| batch.column_by_name(&c.name).cloned();
        let Some(text_col) = col(&self.text) else {
            return self.bad("the text column is missing from a row group");
        };
        if text_col.is_null(i) {
            return self.bad("the text is null, skipped");
        }
        let text = match text_cell(&text_col, i, &self.decode) {
            Some(t) => t,
            None => return self.bad("the text's bytes are not text (binary), skipped"),
        };
        let doc = col(&self.doc)
            .and_then(|a| shown_cell(&a, i))
            .unwrap_or_default();
        let mut meta = Meta::default();
        if let Some(c) = &self.date
            && let Some(a) = col(c)
            && !a.is_null(i)
        {
            let Cells::Date(tz) = &c.cells else {
                return self.bad("the date column is not a date");
            };
            match date_cell(&a, i, tz.as_ref()) {
                Some(DateCell::Date(d)) => meta.date = Some(d),
                Some(DateCell::Empty) => {}
                None => return self.bad("date is not a valid YYYY-MM-DD date"),
            }
        }
        let keep = self
            .keep
            .iter()
            .map(|c| col(c).and_then(|a| shown_cell(&a, i)).unwrap_or_default())
            .collect();
        Item::Doc(StdinDoc {
            doc,
            path: PathBuf::from(format!("{}:row {}", self.path.display(), self.row)),
            text,
            meta,
            keep,
        })
    }
}

impl Iterator for ParquetRows {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.failed {
                return None;
            }
            // A batch read through is dropped here, and the next one read.
            if let Some(b) = self.batch.take()
                && self.next < b.num_rows()
            {
                let i = self.next;
                self.next += 1;
                self.row += 1;
                let item = self.document(&b, i);
                self.batch = Some(b);
                return Some(item);
            }
            match self.batches.next()? {
                Ok(b) => {
                    self.batch = Some(b);
                    self.next = 0;
                }
                Err(e) => {
                    self.failed = true;
                    let e = Error::from(std::io::Error::other(e)).with_path(self.path.clone());
                    return Some(Item::Bad(e));
                }
            }
        }
    }
}

/// A text cell: a string as it is, bytes decoded (`None` when they are not text).
fn text_cell(a: &ArrayRef, i: usize, opts: &DecodeOptions) -> Option<String> {
    let bytes: &[u8] = match a.data_type() {
        DataType::Binary => a.as_binary::<i32>().value(i),
        DataType::LargeBinary => a.as_binary::<i64>().value(i),
        DataType::BinaryView => a.as_binary_view().value(i),
        _ => return shown_cell(a, i),
    };
    decode(bytes, opts)
        .ok()
        .map(|d| d.document.text().to_owned())
}

/// Whether a kept column of type `t` can be written as text.
fn shown_type(t: &DataType) -> bool {
    is_string(t)
        || is_binary(t)
        || t.is_integer()
        || matches!(
            t,
            DataType::Boolean
                | DataType::Float32
                | DataType::Float64
                | DataType::Decimal128(..)
                | DataType::Decimal256(..)
                | DataType::Date32
                | DataType::Date64
                | DataType::Timestamp(..)
        )
}

/// A cell written as text, as a CSV cell would hold it; `None` for a null.
fn shown_cell(a: &ArrayRef, i: usize) -> Option<String> {
    if a.is_null(i) {
        return None;
    }
    Some(match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(i).to_owned(),
        DataType::LargeUtf8 => a.as_string::<i64>().value(i).to_owned(),
        DataType::Utf8View => a.as_string_view().value(i).to_owned(),
        DataType::Binary => String::from_utf8_lossy(a.as_binary::<i32>().value(i)).into_owned(),
        DataType::LargeBinary => {
            String::from_utf8_lossy(a.as_binary::<i64>().value(i)).into_owned()
        }
        DataType::BinaryView => String::from_utf8_lossy(a.as_binary_view().value(i)).into_owned(),
        DataType::Boolean => a.as_boolean().value(i).to_string(),
        DataType::Int8 => a.as_primitive::<Int8Type>().value(i).to_string(),
        DataType::Int16 => a.as_primitive::<Int16Type>().value(i).to_string(),
        DataType::Int32 => a.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => a.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::UInt8 => a.as_primitive::<UInt8Type>().value(i).to_string(),
        DataType::UInt16 => a.as_primitive::<UInt16Type>().value(i).to_string(),
        DataType::UInt32 => a.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => a.as_primitive::<UInt64Type>().value(i).to_string(),
        DataType::Float32 => a.as_primitive::<Float32Type>().value(i).to_string(),
        DataType::Float64 => a.as_primitive::<Float64Type>().value(i).to_string(),
        DataType::Decimal128(..) => a.as_primitive::<Decimal128Type>().value_as_string(i),
        DataType::Decimal256(..) => a.as_primitive::<Decimal256Type>().value_as_string(i),
        DataType::Date32 | DataType::Date64 => {
            epoch_date(a, i).map_or_else(String::new, |d| d.to_string())
        }
        // A naive timestamp is its wall clock; one in a zone its instant, with the zone's
        // offset (or in UTC where the zone is unknown here), so that it is never misread.
        DataType::Timestamp(_, None) => instant(a, i)
            .map(|t| TimeZone::UTC.to_datetime(t).to_string())
            .unwrap_or_default(),
        DataType::Timestamp(_, Some(tz)) => instant(a, i)
            .map(|t| match time_zone(tz) {
                Some(zone) => t.display_with_offset(zone.to_offset(t)).to_string(),
                None => t.to_string(),
            })
            .unwrap_or_default(),
        _ => String::new(),
    })
}

enum DateCell {
    Date(Date),
    /// An empty string: no date, as an empty CSV cell.
    Empty,
}

/// A date cell; `None` when it is not a date.
fn date_cell(a: &ArrayRef, i: usize, zone: Option<&TimeZone>) -> Option<DateCell> {
    match a.data_type() {
        DataType::Date32 | DataType::Date64 => epoch_date(a, i).map(DateCell::Date),
        DataType::Timestamp(..) => {
            timestamp(a, i, zone.unwrap_or(&TimeZone::UTC)).map(|t| DateCell::Date(t.date()))
        }
        _ => {
            let s = shown_cell(a, i)?;
            if s.trim().is_empty() {
                return Some(DateCell::Empty);
            }
            parse_date(&s).map(DateCell::Date)
        }
    }
}

/// A `date32` (days) or `date64` (milliseconds) cell as a date.
fn epoch_date(a: &ArrayRef, i: usize) -> Option<Date> {
    let days = match a.data_type() {
        DataType::Date32 => i64::from(a.as_primitive::<arrow_array::types::Date32Type>().value(i)),
        DataType::Date64 => a
            .as_primitive::<arrow_array::types::Date64Type>()
            .value(i)
            .div_euclid(86_400_000),
        _ => return None,
    };
    let epoch = Date::new(1970, 1, 1).ok()?;
    epoch
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// A timestamp cell as the wall clock of `zone`.
fn timestamp(a: &ArrayRef, i: usize, zone: &TimeZone) -> Option<DateTime> {
    instant(a, i).map(|t| zone.to_datetime(t))
}

/// A timestamp cell as an instant.
fn instant(a: &ArrayRef, i: usize) -> Option<jiff::Timestamp> {
    use arrow_array::types::{
        TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
        TimestampSecondType,
    };
    let DataType::Timestamp(unit, _) = a.data_type() else {
        return None;
    };
    match unit {
        TimeUnit::Second => {
            jiff::Timestamp::from_second(a.as_primitive::<TimestampSecondType>().value(i))
        }
        TimeUnit::Millisecond => {
            jiff::Timestamp::from_millisecond(a.as_primitive::<TimestampMillisecondType>().value(i))
        }
        TimeUnit::Microsecond => {
            jiff::Timestamp::from_microsecond(a.as_primitive::<TimestampMicrosecondType>().value(i))
        }
        TimeUnit::Nanosecond => jiff::Timestamp::from_nanosecond(i128::from(
            a.as_primitive::<TimestampNanosecondType>().value(i),
        )),
    }
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_of_timestamp_columns() {
        let ts = jiff::Timestamp::from_second(1_684_256_400).unwrap(); // 2023-05-16T17:00Z
        let date = |z: &str| time_zone(z).map(|z| z.to_datetime(ts).date().to_string());
        assert_eq!(date("UTC").as_deref(), Some("2023-05-16"));
        assert_eq!(date("+08:00").as_deref(), Some("2023-05-17"));
        assert_eq!(date("-0500").as_deref(), Some("2023-05-16"));
        assert_eq!(date("+8"), None);
    }
}
