//! Claims as a Parquet file: the JSON Lines rows the workers serialize, parsed back (numbers
//! exact) into typed Arrow columns, a row group written every [`ROW_GROUP`] rows.
//!
//! The columns are the CSV's ([`CLAIM_FIELDS`]), then `value_text` and `upper_text` (the
//! exact decimals), then any `--keep-column`s: `value`/`upper` are decimal128(38, 10) (null
//! when the number does not fit; its text is exact all the same), dates are date32, offsets
//! and `part_of`/`change_of`/`date_year` int64, the rest UTF-8.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use press_stats::output::{CLAIM_FIELDS, ColumnType, EXACT_FIELDS, decimal_at_scale};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::cli::files::OutputFile;

/// Rows per row group: what the Parquet writer holds, encoded, before it writes them out.
const ROW_GROUP: usize = 1 << 16;

/// Rows parsed into columns before they go to the Parquet writer.
const BATCH: usize = 1 << 13;

/// Precision and scale of the `value` and `upper` columns.
const PRECISION: u8 = ColumnType::PRECISION;
const SCALE: i8 = ColumnType::SCALE;

/// A column's Arrow type and nullability, by its name; a kept column is a nullable string.
fn column_type(name: &str) -> (DataType, bool) {
    match ColumnType::of(name) {
        Some((ColumnType::Integer, nullable)) => (DataType::Int64, nullable),
        Some((ColumnType::Decimal, nullable)) => (DataType::Decimal128(PRECISION, SCALE), nullable),
        Some((ColumnType::Date, nullable)) => (DataType::Date32, nullable),
        Some((_, nullable)) => (DataType::Utf8, nullable),
        None => (DataType::Utf8, true),
    }
}

/// Where a flat column's cell is in a JSON Lines row: the nested objects of the record.
fn cell<'a>(row: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let (object, key) = match name {
        "value_text" => (None, "value"),
        "upper_text" => (None, "upper"),
        "change_direction" => (Some("change"), "direction"),
        "change_basis" => (Some("change"), "basis"),
        "date_text" | "date_start" | "date_end" | "date_year" | "date_source" => {
            (Some("date"), &name[5..])
        }
        n if n.starts_with("department_") => (Some("department"), &n[11..]),
        n => (None, n),
    };
    let v = match object {
        Some(o) => row.get(o)?.get(key)?,
        None => row.get(key)?,
    };
    (!v.is_null()).then_some(v)
}

/// A decimal's text as Decimal128(38, 10), or None when it does not fit.
fn decimal128(text: &str) -> Option<i128> {
    decimal_at_scale(&text.parse::<Decimal>().ok()?)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn date32(text: &str) -> Option<i32> {
    let d = text.parse::<jiff::civil::Date>().ok()?;
    let days = d.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days();
    Some(days)
}

/// The text of a cell: a string as it is, a number as written.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Dec(Decimal128Builder),
    Day(Date32Builder),
}

/// A Parquet file of claims being written: [`Write`] takes JSON Lines rows.
pub struct ParquetOut {
    file: ArrowWriter<OutputFile>,
    schema: SchemaRef,
    columns: Vec<(String, Builder)>,
    rows: usize,
    /// A row not yet ended by its newline.
    partial: Vec<u8>,
}

fn new_builder(ty: &DataType) -> Builder {
    match ty {
        DataType::Int64 => Builder::Int(Int64Builder::new()),
        DataType::Date32 => Builder::Day(Date32Builder::new()),
        DataType::Decimal128(..) => Builder::Dec(
            Decimal128Builder::new()
                .with_precision_and_scale(PRECISION, SCALE)
                .expect("38, 10 is a valid decimal128 type"),
        ),
        _ => Builder::Str(StringBuilder::new()),
    }
}

impl ParquetOut {
    /// Starts a Parquet file of claims in `file`, with the kept columns `kept` last.
    ///
    /// # Errors
    ///
    /// When the file's header cannot be written.
    pub fn new(
        file: OutputFile,
        chosen: Option<&[String]>,
        kept: &[String],
    ) -> io::Result<ParquetOut> {
        let names: Vec<String> = match chosen {
            Some(chosen) => chosen.to_vec(),
            None => CLAIM_FIELDS
                .into_iter()
                .chain(EXACT_FIELDS)
                .map(str::to_owned)
                .collect(),
        }
        .into_iter()
        .chain(kept.iter().cloned())
        .collect();
        let fields: Vec<Field> = names
            .iter()
            .map(|n| {
                let (ty, nullable) = column_type(n);
                Field::new(n, ty, nullable)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let columns = names
            .into_iter()
            .map(|n| {
                let b = new_builder(&column_type(&n).0);
                (n, b)
            })
            .collect();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .build();
        let file = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))
            .map_err(io::Error::other)?;
        Ok(ParquetOut {
            file,
            schema,
            columns,
            rows: 0,
            partial: Vec::new(),
        })
    }

    /// The --fields columns, checked: each a claim column or an exact-value one, once.
    ///
    /// # Errors
    ///
    /// An unknown or repeated name, with the valid ones.
    pub fn columns(names: &[String]) -> Result<Vec<String>, String> {
        let valid: Vec<&str> = CLAIM_FIELDS.into_iter().chain(EXACT_FIELDS).collect();
        for (i, name) in names.iter().enumerate() {
            if !valid.contains(&name.as_str()) {
                return Err(format!(
                    "--fields: unknown field `{name}` (valid: {})",
                    valid.join(", ")
                ));
            }
            if names[..i].contains(name) {
                return Err(format!("--fields: field `{name}` is named twice"));
            }
        }
        Ok(names.to_vec())
    }

    fn push(&mut self, line: &[u8]) -> io::Result<()> {
        let row: Map<String, Value> = serde_json::from_slice(line).map_err(io::Error::other)?;
        for (name, b) in &mut self.columns {
            let v = cell(&row, name);
            match b {
                Builder::Str(b) => b.append_option(v.map(text)),
                Builder::Int(b) => b.append_option(v.and_then(Value::as_i64)),
                Builder::Dec(b) => b.append_option(v.and_then(|v| decimal128(&text(v)))),
                Builder::Day(b) => b.append_option(v.and_then(Value::as_str).and_then(date32)),
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Hands the rows parsed so far to the Parquet writer, which writes a row group when it
    /// has [`ROW_GROUP`] rows.
    fn flush_rows(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|(_, b)| -> ArrayRef {
                match b {
                    Builder::Str(b) => Arc::new(b.finish()),
                    Builder::Int(b) => Arc::new(b.finish()),
                    Builder::Dec(b) => Arc::new(b.finish()),
                    Builder::Day(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        self.rows = 0;
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), columns).map_err(io::Error::other)?;
        self.file.write(&batch).map_err(io::Error::other)
    }

    /// Writes the last row group and the footer, and commits the file.
    ///
    /// # Errors
    ///
    /// When a row is not a claim, or writing, syncing or renaming fails.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.push(&line)?;
        }
        self.flush_rows()?;
        let file = self.file.into_inner().map_err(io::Error::other)?;
        file.commit()
    }
}

impl Write for ParquetOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            if self.partial.is_empty() {
                self.push(&rest[..i])?;
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.partial);
                self.push(&line)?;
            }
            rest = &rest[i + 1..];
        }
        self.partial.extend_from_slice(rest);
        if self.rows >= BATCH {
            self.flush_rows()?;
        }
        Ok(buf.len())
    }

    /// Ends a document's rows: they go to the Parquet writer (a row group is written once
    /// there are enough).
    fn flush(&mut self) -> io::Result<()> {
        self.flush_rows()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_fit_at_scale_ten_or_are_null() {
        assert_eq!(decimal128("110000000"), Some(110000000 * 10i128.pow(10)));
        assert_eq!(decimal128("-1.70"), Some(-17 * 10i128.pow(9)));
        assert_eq!(decimal128("0.0000000001"), Some(1));
        assert_eq!(decimal128("0.00000000001"), None);
        assert_eq!(decimal128("79228162514264337593543950335"), None);
    }

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(date32("1970-01-02"), Some(1));
        assert_eq!(date32("1969-12-31"), Some(-1));
        assert_eq!(date32("2020-12-31"), Some(18627));
    }
}
