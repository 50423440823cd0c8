//! Writers: claims and document records as JSON Lines or CSV, and an output file that
//! appears only when complete.
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

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::claim::Claim;
use crate::document::record::DocumentRecord;

/// The columns of a claim in CSV, in order.
pub const CLAIM_FIELDS: [&str; 21] = [
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
    "date_source",
    "sentence",
];

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

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// One JSON object per line.
    #[default]
    JsonLines,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
}

enum Sink<W: Write> {
    Json(W),
    Csv(csv::Writer<W>),
}

impl<W: Write> Sink<W> {
    fn new(out: W, format: Format) -> Sink<W> {
        match format {
            Format::JsonLines => Sink::Json(out),
            Format::Csv => Sink::Csv(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(out),
            ),
        }
    }

    fn header(&mut self, fields: &[&str]) -> io::Result<()> {
        match self {
            Sink::Json(_) => Ok(()),
            Sink::Csv(w) => Ok(w.write_record(fields)?),
        }
    }

    fn into_inner(self) -> io::Result<W> {
        match self {
            Sink::Json(mut w) => {
                w.flush()?;
                Ok(w)
            }
            Sink::Csv(w) => w
                .into_inner()
                .map_err(|e| io::Error::new(e.error().kind(), e.to_string())),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Json(w) => w.flush(),
            Sink::Csv(w) => w.flush(),
        }
    }
}

/// Writes claims, one record each.
pub struct ClaimWriter<W: Write> {
    sink: Sink<W>,
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
        }
    }

    /// Writes one claim of document `doc`.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, doc: &str, claim: &Claim) -> io::Result<()> {
        match &mut self.sink {
            Sink::Json(w) => {
                claim.serialize_record(Some(doc), &mut serde_json::Serializer::new(&mut *w))?;
                w.write_all(b"\n")
            }
            Sink::Csv(w) => Ok(w.write_record(claim_row(doc, claim))?),
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
                record.serialize_record(Some(doc), &mut serde_json::Serializer::new(&mut *w))?;
                w.write_all(b"\n")
            }
            Sink::Csv(w) => Ok(w.write_record(document_row(doc, record)?)?),
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

fn dec(d: &Decimal) -> String {
    d.normalize().to_string()
}

fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> String {
    v.map(f).unwrap_or_default()
}

fn claim_row(doc: &str, c: &Claim) -> [String; 21] {
    let dep = c.department.as_ref();
    let per = c.date.as_ref();
    [
        doc.to_owned(),
        c.span.start.to_string(),
        c.span.end.to_string(),
        c.text.clone(),
        c.kind.as_str().to_owned(),
        dec(&c.value),
        opt(c.upper.as_ref(), dec),
        c.approx.as_str().to_owned(),
        c.unit.to_string(),
        c.subject.clone().unwrap_or_default(),
        opt(c.change.as_ref(), |ch| ch.direction.as_str().to_owned()),
        opt(c.change.as_ref().and_then(|ch| ch.basis.clone()), |b| b),
        c.modality.as_str().to_owned(),
        opt(dep, |d| d.name.clone()),
        opt(dep, |d| d.mention.clone()),
        opt(dep, |d| d.source.as_str().to_owned()),
        opt(per.and_then(|p| p.text.clone()), |t| t),
        opt(per.and_then(|p| p.start), date),
        opt(per.and_then(|p| p.end), date),
        opt(per, |p| p.source.as_str().to_owned()),
        c.sentence.clone(),
    ]
}

fn document_row(doc: &str, r: &DocumentRecord) -> io::Result<[String; 11]> {
    let d = r.decoding.as_ref();
    Ok([
        doc.to_owned(),
        r.title.clone().unwrap_or_default(),
        opt(r.date, date),
        opt(r.date_source, |s| s.as_str().to_owned()),
        r.genre.as_str().to_owned(),
        r.region.clone().unwrap_or_default(),
        serde_json::to_string(&r.speakers)?,
        r.claims.to_string(),
        opt(d, |d| d.encoding.to_owned()),
        opt(d, |d| d.guessed.to_string()),
        opt(d, |d| d.malformed.to_string()),
    ])
}

/// A file written under a temporary name in the same folder and renamed over its
/// destination by [`AtomicFile::commit`], so that an interrupted run never leaves a
/// truncated file where a good one was. Dropped without a commit (an error, a panic), it
/// removes the temporary file; a killed process leaves it behind as
/// `.NAME.press-stats-PID-N.tmp`.
pub struct AtomicFile {
    file: Option<BufWriter<File>>,
    tmp: PathBuf,
    dest: PathBuf,
}

impl AtomicFile {
    /// Creates the temporary file next to `dest`.
    ///
    /// # Errors
    ///
    /// When the folder does not exist or cannot be written, or `dest` is a folder.
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        if dest.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        }
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut tmp_name = std::ffi::OsString::from(".");
            tmp_name.push(name);
            tmp_name.push(format!(".press-stats-{}-{n}.tmp", std::process::id()));
            let tmp = dir.join(tmp_name);
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => {
                    return Ok(AtomicFile {
                        file: Some(BufWriter::with_capacity(1 << 16, f)),
                        tmp,
                        dest: dest.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.dest
    }

    /// Flushes, syncs to disk and renames the file to its destination.
    ///
    /// # Errors
    ///
    /// When flushing, syncing or renaming fails (the temporary file is then removed).
    pub fn commit(mut self) -> io::Result<()> {
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let result = w
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.dest));
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            drop(f);
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
