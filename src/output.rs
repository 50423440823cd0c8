//! Writers: claims and document records as JSON Lines or CSV.
//!
//! JSON Lines holds exactly the spec's records (§2), `doc` first. CSV holds the same fields
//! flattened ([`CLAIM_FIELDS`], [`DOCUMENT_FIELDS`]): a null is an empty cell, a decimal
//! is written exactly (`110000000`, `99.97`), a boolean as `true`/`false`, a date as
//! `YYYY-MM-DD`, and a document's speakers as a JSON array in one cell
//! (`[{"name":"林碧英","role":"党组成员、副局长","department":"宁德市民政局"}]`), which keeps
//! every name, role and department exact whatever characters they hold.
//!
//! ```
//! use press_stats::output::{ClaimWriter, Format};
//! let mut w = ClaimWriter::new(Vec::new(), Format::Csv).unwrap();
//! for claim in press_stats::extract("全年共查处各类涉烟违法案件1300余宗。") {
//!     w.write("a.txt", &claim).unwrap();
//! }
//! let csv = String::from_utf8(w.into_inner().unwrap()).unwrap();
//! assert!(csv.starts_with("doc,start,end,text,kind,value,"));
//! ```

use std::io::{self, Write};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::claim::{Claim, NumText, Period};
use crate::document::record::{DateStr, DocumentRecord};

/// The columns of a claim in CSV, in order.
pub const CLAIM_FIELDS: [&str; 24] = [
    "doc",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "upper",
    "approx",
    "unit",
    "subject",
    "change_direction",
    "change_basis",
    "modality",
    "department_name",
    "department_mention",
    "department_source",
    "date_text",
    "date_start",
    "date_end",
    "date_year",
    "date_source",
    "sentence",
    "part_of",
    "change_of",
];

/// The claim columns, in [`CLAIM_FIELDS`]'s order: what a cell is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Doc,
    Start,
    End,
    Text,
    Kind,
    Value,
    Upper,
    Approx,
    Unit,
    Subject,
    ChangeDirection,
    ChangeBasis,
    Modality,
    DepartmentName,
    DepartmentMention,
    DepartmentSource,
    DateText,
    DateStart,
    DateEnd,
    DateYear,
    DateSource,
    Sentence,
    PartOf,
    ChangeOf,
}

/// [`CLAIM_FIELDS`] as columns, index for index.
const COLS: [Col; 24] = [
    Col::Doc,
    Col::Start,
    Col::End,
    Col::Text,
    Col::Kind,
    Col::Value,
    Col::Upper,
    Col::Approx,
    Col::Unit,
    Col::Subject,
    Col::ChangeDirection,
    Col::ChangeBasis,
    Col::Modality,
    Col::DepartmentName,
    Col::DepartmentMention,
    Col::DepartmentSource,
    Col::DateText,
    Col::DateStart,
    Col::DateEnd,
    Col::DateYear,
    Col::DateSource,
    Col::Sentence,
    Col::PartOf,
    Col::ChangeOf,
];

/// A choice of claim columns by their [`CLAIM_FIELDS`] names, in the order given, for a
/// narrow table ([`ClaimWriter::with_fields`]): CSV cells as the full row writes them, or a
/// flat JSON object with those keys whose values are typed as in the full record.
///
/// ```
/// use press_stats::output::Fields;
/// let f = Fields::parse(["doc", "value", "date_start"]).unwrap();
/// assert_eq!(f.names().collect::<Vec<_>>(), ["doc", "value", "date_start"]);
/// let e = Fields::parse(["doc", "price"]).unwrap_err();
/// assert!(e.to_string().contains("`price`"));
/// assert!(e.to_string().contains("date_start"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields(Vec<Col>);

/// Why a list of fields was refused by [`Fields::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldsError {
    /// A name that is not one of [`CLAIM_FIELDS`].
    Unknown(String),
    /// A name given twice.
    Repeated(String),
    /// No name at all.
    Empty,
}

impl std::fmt::Display for FieldsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldsError::Unknown(name) => write!(
                f,
                "unknown field `{name}` (valid: {})",
                CLAIM_FIELDS.join(", ")
            ),
            FieldsError::Repeated(name) => write!(f, "field `{name}` is named twice"),
            FieldsError::Empty => write!(f, "no field named (valid: {})", CLAIM_FIELDS.join(", ")),
        }
    }
}

impl std::error::Error for FieldsError {}

impl Fields {
    /// The columns named by `names`, each one of [`CLAIM_FIELDS`], once.
    ///
    /// # Errors
    ///
    /// An unknown or repeated name, or none at all.
    pub fn parse<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<Fields, FieldsError> {
        let mut cols = Vec::new();
        for name in names {
            let name = name.as_ref();
            let Some(i) = CLAIM_FIELDS.iter().position(|f| *f == name) else {
                return Err(FieldsError::Unknown(name.to_owned()));
            };
            if cols.contains(&COLS[i]) {
                return Err(FieldsError::Repeated(name.to_owned()));
            }
            cols.push(COLS[i]);
        }
        if cols.is_empty() {
            return Err(FieldsError::Empty);
        }
        Ok(Fields(cols))
    }

    /// The names of the columns, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|c| CLAIM_FIELDS[*c as usize])
    }
}

/// The columns of a document record in CSV, in order.
pub const DOCUMENT_FIELDS: [&str; 11] = [
    "doc",
    "title",
    "date",
    "date_source",
    "genre",
    "region",
    "speakers",
    "claims",
    "encoding",
    "encoding_guessed",
    "malformed_bytes",
];

/// The columns a columnar table of claims (Arrow, Parquet) has after [`CLAIM_FIELDS`]: the
/// exact texts of `value` and `upper`, whatever their decimal column can hold.
pub const EXACT_FIELDS: [&str; 2] = ["value_text", "upper_text"];

/// The type of a claim column in a columnar table (Arrow, Parquet).
///
/// ```
/// use press_stats::output::ColumnType;
/// assert_eq!(ColumnType::of("value"), Some((ColumnType::Decimal, true)));
/// assert_eq!(ColumnType::of("start"), Some((ColumnType::Integer, false)));
/// assert_eq!(ColumnType::of("title"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnType {
    /// A UTF-8 string.
    Text,
    /// A 64-bit integer.
    Integer,
    /// A decimal of [`ColumnType::PRECISION`] digits, [`ColumnType::SCALE`] of them
    /// decimals ([`decimal_at_scale`]).
    Decimal,
    /// A calendar date.
    Date,
}

impl ColumnType {
    /// Digits of a decimal column.
    pub const PRECISION: u8 = 38;
    /// Decimals of a decimal column.
    pub const SCALE: i8 = 10;

    /// The type of the column `name` ([`CLAIM_FIELDS`], [`EXACT_FIELDS`]) and whether it
    /// may be null; `None` for another name.
    pub fn of(name: &str) -> Option<(ColumnType, bool)> {
        use ColumnType::{Date, Decimal, Integer, Text};
        Some(match name {
            "doc" | "text" | "kind" | "approx" | "unit" | "modality" | "sentence"
            | "value_text" => (Text, false),
            "start" | "end" => (Integer, false),
            "part_of" | "change_of" | "date_year" => (Integer, true),
            "value" | "upper" => (Decimal, true),
            "date_start" | "date_end" => (Date, true),
            "subject" | "change_direction" | "change_basis" | "department_name"
            | "department_mention" | "department_source" | "date_text" | "date_source"
            | "upper_text" => (Text, true),
            _ => return None,
        })
    }
}

/// A decimal as a count of 10^-[`ColumnType::SCALE`] within [`ColumnType::PRECISION`]
/// digits (a decimal column's cell), or `None` when it has more decimals or is too large.
///
/// ```
/// use press_stats::Decimal;
/// use press_stats::output::decimal_at_scale;
/// assert_eq!(decimal_at_scale(&"-1.70".parse::<Decimal>().unwrap()), Some(-17_000_000_000));
/// assert_eq!(decimal_at_scale(&"0.00000000001".parse::<Decimal>().unwrap()), None);
/// ```
pub fn decimal_at_scale(d: &Decimal) -> Option<i128> {
    let d = d.normalize();
    let scale = i8::try_from(d.scale()).ok()?;
    if scale > ColumnType::SCALE {
        return None;
    }
    let factor = 10i128.checked_pow(u32::try_from(ColumnType::SCALE - scale).ok()?)?;
    let v = d.mantissa().checked_mul(factor)?;
    (v.unsigned_abs() < 10u128.pow(u32::from(ColumnType::PRECISION))).then_some(v)
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// One JSON object per line.
    #[default]
    JsonLines,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
}

enum Sink<W: Write> {
    Json(W),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Sink<W> {
    fn new(out: W, format: Format) -> Sink<W> {
        match format {
            Format::JsonLines => Sink::Json(out),
            Format::Csv => Sink::Csv(Box::new(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(out),
            )),
        }
    }

    fn header(&mut self, fields: &[&str]) -> io::Result<()> {
        match self {
            Sink::Json(_) => Ok(()),
            Sink::Csv(w) => w.write_record(fields).map_err(csv_io),
        }
    }

    fn into_inner(self) -> io::Result<W> {
        match self {
            Sink::Json(mut w) => {
                w.flush()?;
                Ok(w)
            }
            Sink::Csv(w) => w.into_inner().map_err(csv::IntoInnerError::into_error),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Json(w) => w.flush(),
            Sink::Csv(w) => w.flush(),
        }
    }
}

/// The I/O error inside a CSV writer's error, as the underlying writer gave it (so that
/// its cause can still be told: a spill buffer's cap, say).
fn csv_io(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other("CSV write error"),
    }
}

/// The bytes a claim writer's record buffer starts with.
const LINE: usize = 2048;

/// Writes claims, one record each.
pub struct ClaimWriter<W: Write> {
    sink: Sink<W>,
    /// The columns chosen, or `None` for the full record.
    fields: Option<Fields>,
    /// A JSON record being written, handed to the sink whole; or a CSV row's cells.
    line: Vec<u8>,
    /// Where each cell of a CSV row ends in `line`.
    ends: Vec<usize>,
}

impl<W: Write> ClaimWriter<W> {
    /// A writer that starts with the CSV header row (nothing for JSON Lines).
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(out: W, format: Format) -> io::Result<ClaimWriter<W>> {
        let mut w = ClaimWriter::without_header(out, format);
        w.sink.header(&CLAIM_FIELDS)?;
        Ok(w)
    }

    /// A writer of rows only, to build a part of an output that has its header already.
    pub fn without_header(out: W, format: Format) -> ClaimWriter<W> {
        ClaimWriter {
            sink: Sink::new(out, format),
            fields: None,
            // Room for a record with a long sentence, so the first few do not grow it
            // step by step (a writer is made for each document).
            line: Vec::with_capacity(LINE),
            ends: Vec::new(),
        }
    }

    /// A writer of the columns `fields` only, in their order, then the columns `extra`
    /// ([`ClaimWriter::write_with`]): a CSV header of those names, or flat JSON objects
    /// with those keys.
    ///
    /// ```
    /// use press_stats::output::{ClaimWriter, Fields, Format};
    /// let fields = Fields::parse(["doc", "value", "unit"]).unwrap();
    /// let mut w = ClaimWriter::with_fields(Vec::new(), Format::JsonLines, fields, &[]).unwrap();
    /// w.write("a", &press_stats::extract("全年增长5%。")[0]).unwrap();
    /// let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
    /// assert_eq!(out, "{\"doc\":\"a\",\"value\":5,\"unit\":\"%\"}\n");
    /// ```
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn with_fields(
        out: W,
        format: Format,
        fields: Fields,
        extra: &[&str],
    ) -> io::Result<ClaimWriter<W>> {
        let mut names: Vec<&str> = Vec::with_capacity(fields.0.len() + extra.len());
        for name in fields.names() {
            names.push(name);
        }
        names.extend(extra);
        let mut w = ClaimWriter::without_header(out, format).selecting(Some(fields));
        w.sink.header(&names)?;
        Ok(w)
    }

    /// The same writer, writing the columns `fields` only from now on (`None`: the full
    /// record), without a header: a part of an output whose header
    /// [`ClaimWriter::with_fields`] wrote.
    #[must_use]
    pub fn selecting(self, fields: Option<Fields>) -> ClaimWriter<W> {
        ClaimWriter { fields, ..self }
    }

    /// A writer whose CSV header has the columns `extra` after the claim's, for
    /// [`ClaimWriter::write_with`] (nothing for JSON Lines).
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn with_columns(out: W, format: Format, extra: &[&str]) -> io::Result<ClaimWriter<W>> {
        let mut w = ClaimWriter::without_header(out, format);
        let names: Vec<&str> = CLAIM_FIELDS.iter().chain(extra).copied().collect();
        w.sink.header(&names)?;
        Ok(w)
    }

    /// Writes one claim of document `doc` followed by the fields `extra` (name, text):
    /// more CSV cells, or more keys of the JSON object, so that rows join back to a table.
    ///
    /// ```
    /// use press_stats::output::{ClaimWriter, Format};
    /// let mut w = ClaimWriter::without_header(Vec::new(), Format::JsonLines);
    /// let claim = &press_stats::extract("全年增长5%。")[0];
    /// w.write_with("a", claim, &[("id", "7")]).unwrap();
    /// let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
    /// assert!(out.ends_with(",\"change_of\":null,\"id\":\"7\"}\n"), "{out}");
    /// ```
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write_with(
        &mut self,
        doc: &str,
        claim: &Claim,
        extra: &[(&str, &str)],
    ) -> io::Result<()> {
        match &mut self.sink {
            Sink::Json(w) => {
                let line = &mut self.line;
                line.clear();
                match &self.fields {
                    Some(fields) => json::flat(line, doc, claim, &fields.0, extra),
                    None => json::claim(line, doc, claim, extra),
                }
                line.push(b'\n');
                w.write_all(line)
            }
            Sink::Csv(w) => {
                // The cells one after another in one buffer, each ending where `ends` says.
                let (cells, ends) = (&mut self.line, &mut self.ends);
                cells.clear();
                ends.clear();
                let cols = self.fields.as_ref().map_or(&COLS[..], |f| &f.0[..]);
                for col in cols {
                    cell(cells, *col, doc, claim);
                    ends.push(cells.len());
                }
                for (_, v) in extra {
                    text(cells, v);
                    ends.push(cells.len());
                }
                let mut start = 0;
                let row = ends.iter().map(|&end| {
                    let cell = &cells[start..end];
                    start = end;
                    cell
                });
                w.write_record(row).map_err(csv_io)
            }
        }
    }

    /// Writes one claim of document `doc`.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, doc: &str, claim: &Claim) -> io::Result<()> {
        self.write_with(doc, claim, &[])
    }

    /// Flushes buffered rows to the underlying writer.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn into_inner(self) -> io::Result<W> {
        self.sink.into_inner()
    }
}

/// Writes document records, one each.
pub struct DocumentWriter<W: Write> {
    sink: Sink<W>,
}

impl<W: Write> DocumentWriter<W> {
    /// A writer that starts with the CSV header row (nothing for JSON Lines).
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(out: W, format: Format) -> io::Result<DocumentWriter<W>> {
        let mut w = DocumentWriter::without_header(out, format);
        w.sink.header(&DOCUMENT_FIELDS)?;
        Ok(w)
    }

    /// A writer of rows only, to build a part of an output that has its header already.
    pub fn without_header(out: W, format: Format) -> DocumentWriter<W> {
        DocumentWriter {
            sink: Sink::new(out, format),
        }
    }

    /// Writes the record of document `doc`.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, doc: &str, record: &DocumentRecord) -> io::Result<()> {
        match &mut self.sink {
            Sink::Json(w) => {
                serde_json::to_writer(&mut *w, &WithDoc { doc, record })?;
                w.write_all(b"\n")
            }
            Sink::Csv(w) => w.write_record(document_row(doc, record)?).map_err(csv_io),
        }
    }

    /// Flushes buffered rows to the underlying writer.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn into_inner(self) -> io::Result<W> {
        self.sink.into_inner()
    }
}

/// A record with its document's name as the first field.
#[derive(serde::Serialize)]
struct WithDoc<'a, T> {
    doc: &'a str,
    #[serde(flatten)]
    record: &'a T,
}

/// A free-text cell, safe to open in a spreadsheet: one that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be run as a formula (CSV injection), so it gets a
/// leading `'`, which spreadsheets read as "text" (OWASP's advice). Only text columns are
/// guarded: numbers (`-1.7` in `value`) stay numbers.
fn text(out: &mut Vec<u8>, s: &str) {
    if let Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') = s.as_bytes().first() {
        out.push(b'\'');
    }
    out.extend_from_slice(s.as_bytes());
}

/// A cell written by `write`, as a string.
fn owned(write: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut out = Vec::new();
    write(&mut out);
    // Every cell is written from strings, whole.
    String::from_utf8(out).unwrap_or_default()
}

fn dec(out: &mut Vec<u8>, d: &Decimal) {
    out.extend_from_slice(NumText::decimal(&d.normalize()).as_str().as_bytes());
}

fn date(out: &mut Vec<u8>, d: Date) {
    let (buf, len) = DateStr(d).bytes();
    out.extend_from_slice(&buf[..len]);
}

fn int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn name(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(name.as_bytes());
}

/// A claim's CSV cell in column `col`, after the others in `out` (nothing for null).
fn cell(out: &mut Vec<u8>, col: Col, doc: &str, c: &Claim) {
    let dep = c.department.as_ref();
    let per = c.date.as_ref();
    match col {
        Col::Doc => text(out, doc),
        Col::Start => int(out, c.span.start),
        Col::End => int(out, c.span.end),
        Col::Text => text(out, &c.text),
        Col::Kind => name(out, c.kind.as_str()),
        Col::Value => dec(out, &c.value),
        Col::Upper => c.upper.iter().for_each(|d| dec(out, d)),
        Col::Approx => name(out, c.approx.as_str()),
        Col::Unit => text(out, &c.unit.to_string()),
        Col::Subject => c.subject.iter().for_each(|s| text(out, s)),
        Col::ChangeDirection => c
            .change
            .iter()
            .for_each(|ch| name(out, ch.direction.as_str())),
        Col::ChangeBasis => c
            .change
            .iter()
            .filter_map(|ch| ch.basis.as_deref())
            .for_each(|s| text(out, s)),
        Col::Modality => name(out, c.modality.as_str()),
        Col::DepartmentName => dep.iter().for_each(|d| text(out, &d.name)),
        Col::DepartmentMention => dep.iter().for_each(|d| text(out, &d.mention)),
        Col::DepartmentSource => dep.iter().for_each(|d| name(out, d.source.as_str())),
        Col::DateText => per
            .iter()
            .filter_map(|p| p.text.as_deref())
            .for_each(|s| text(out, s)),
        Col::DateStart => per.and_then(|p| p.start).iter().for_each(|d| date(out, *d)),
        Col::DateEnd => per.and_then(|p| p.end).iter().for_each(|d| date(out, *d)),
        Col::DateYear => per.and_then(Period::year).iter().for_each(|y| int(out, *y)),
        Col::DateSource => per.iter().for_each(|p| name(out, p.source.as_str())),
        Col::Sentence => text(out, &c.sentence),
        Col::PartOf => c.part_of.iter().for_each(|n| int(out, *n)),
        Col::ChangeOf => c.change_of.iter().for_each(|n| int(out, *n)),
    }
}

fn document_row(doc: &str, r: &DocumentRecord) -> io::Result<[String; 11]> {
    let d = r.decoding.as_ref();
    let opt_text = |s: Option<&str>| owned(|out| s.iter().for_each(|s| text(out, s)));
    Ok([
        owned(|out| text(out, doc)),
        opt_text(r.title.as_deref()),
        owned(|out| r.date.iter().for_each(|d| date(out, *d))),
        r.date_source.map(|s| s.to_string()).unwrap_or_default(),
        r.genre.to_string(),
        opt_text(r.region.as_deref()),
        serde_json::to_string(&r.speakers)?,
        r.claims.to_string(),
        d.map(|d| d.encoding.to_owned()).unwrap_or_default(),
        d.map(|d| d.guessed.to_string()).unwrap_or_default(),
        d.map(|d| d.malformed.to_string()).unwrap_or_default(),
    ])
}

mod json;
#[cfg(test)]
mod tests;
