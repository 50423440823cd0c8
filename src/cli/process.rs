//! One input's work: read, decode, extract, and serialize its rows, on a worker thread.

use std::io;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::cli::files::SpillBuffer;
use crate::cli::input::{InputFile, read_file};
use crate::cli::stdin::Item;
use crate::cli::text::{text_path, write_text};
use press_stats::output::{ClaimWriter, DocumentWriter};
use press_stats::{Decoding, Error, ErrorKind, Meta, load};

use crate::cli::order::Job;
use crate::{Ctx, ROWS_PER_BYTE, SPILL};

/// Bytes of rows a byte of text gives at most in most documents, to size a document's row
/// buffer: growing it past that copies the rows written so far (statistical reports, whose
/// claims each repeat a long sentence, give up to about 5).
const ROWS_EXPECTED: u64 = 6;

/// Why a file gave no output.
pub(crate) enum Failed {
    /// The input could not be used: a line on stderr, and the run goes on.
    Input(Error),
    /// A temporary file could not be made or written: the run cannot go on.
    Temporary(io::Error),
}

impl From<Error> for Failed {
    fn from(e: Error) -> Failed {
        Failed::Input(e)
    }
}

/// One file's outcome, with its output already serialized.
pub(crate) struct Done {
    pub(crate) bytes: u64,
    pub(crate) empty: bool,
    pub(crate) claims: usize,
    pub(crate) malformed: usize,
    /// What stderr says of the decoding ([`Decoding::warning`]).
    pub(crate) decoding_warning: Option<String>,
    pub(crate) claim_rows: SpillBuffer,
    pub(crate) doc_rows: Vec<u8>,
    pub(crate) audit_rows: Vec<u8>,
}

pub(crate) fn process(ctx: &Ctx<'_>, f: &InputFile) -> Result<Done, Failed> {
    if ctx.cancel.load(Ordering::Relaxed) {
        return Err(Error::from(io::Error::from(io::ErrorKind::Interrupted)).into());
    }
    let bytes = if f.path.as_os_str() == "-" {
        read_stdin(ctx.max_size)?
    } else {
        read_file(&f.path, ctx.max_size)?
    };
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let decoded = load(&f.path, bytes, &ctx.decode).map_err(|e| e.with_path(&f.path))?;
    let mut meta = ctx
        .meta
        .and_then(|t| t.get(&f.doc))
        .cloned()
        .unwrap_or_default();
    if meta.date.is_none() {
        meta.date = ctx.date;
    }
    // What a page says, then a date in the path, fill what --meta and --date leave open.
    decoded.fill(&mut meta);
    let doc = Doc {
        name: &f.doc,
        path: &f.path,
        text: decoded.document.text(),
        size,
        keep: &[],
    };
    extract(ctx, &doc, &meta, Some(decoded.decoding))
}

/// One stdin line's document.
pub(crate) fn process_line(ctx: &Ctx<'_>, item: &Item) -> Result<Done, Failed> {
    match item {
        Item::Bad(e) => Err(Failed::Input(
            Error::new(e.kind().clone()).with_path(item.path()),
        )),
        Item::Doc(d) => {
            let mut meta = d.meta.clone();
            // The line's own fields win; --meta, then --date, fill what it leaves open.
            if let Some(listed) = ctx.meta.and_then(|t| t.get(&d.doc)) {
                meta.fill_from(listed);
            }
            if meta.date.is_none() {
                meta.date = ctx.date;
            }
            let doc = Doc {
                name: &d.doc,
                path: &d.path,
                text: &d.text,
                size: item.size(),
                keep: &d.keep,
            };
            extract(ctx, &doc, &meta, None)
        }
    }
}

/// Stdin as one document (`-`), read within `limit` bytes.
pub(crate) fn read_stdin(limit: u64) -> Result<Vec<u8>, Error> {
    let path = std::path::Path::new("<stdin>");
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map_err(|e| Error::from(e).with_path(path))?;
        crate::cli::input::read_at_most(std::fs::File::from(fd), 0, path, limit)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        let mut buf = Vec::new();
        io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::from(e).with_path(path))?;
        if u64::try_from(buf.len()).unwrap_or(u64::MAX) > limit {
            return Err(Error::new(ErrorKind::TooLarge {
                size: limit + 1,
                limit,
            })
            .with_path(path));
        }
        Ok(buf)
    }
}

/// A document's text, ready to extract, with the names its output and messages give.
pub(crate) struct Doc<'a> {
    name: &'a str,
    path: &'a std::path::Path,
    text: &'a str,
    size: u64,
    /// The cells of the kept columns, in `Ctx::keep`'s order.
    keep: &'a [String],
}

pub(crate) fn extract(
    ctx: &Ctx<'_>,
    d: &Doc<'_>,
    meta: &Meta,
    decoding: Option<Decoding>,
) -> Result<Done, Failed> {
    let Doc {
        name: doc,
        path,
        text,
        size,
        keep,
    } = *d;
    let extra: Vec<(&str, &str)> = ctx
        .keep
        .iter()
        .map(String::as_str)
        .zip(keep.iter().map(String::as_str))
        .collect();
    if let Some(dir) = &ctx.text_dir {
        write_text(dir, doc, text).map_err(|e| Error::from(e).with_path(text_path(dir, doc)))?;
    }
    let empty = text.trim().is_empty();
    // Claims are serialized as the extractor hands them over; past a limit the rows go to
    // a temporary file, so a huge document does not have to fit in memory.
    let cap = ctx.max_size.saturating_mul(ROWS_PER_BYTE).max(SPILL as u64);
    let mut spill = SpillBuffer::new(SPILL, cap, Arc::clone(&ctx.spill));
    spill.reserve(size.saturating_mul(ROWS_EXPECTED));
    let mut cw = ClaimWriter::without_header(spill, ctx.format).selecting(ctx.fields.clone());
    let mut failed: Option<io::Error> = None;
    let mut audit_rows = Vec::new();
    let mut record = ctx.extractor.analyze_checked_into(
        text,
        meta,
        &mut |c| {
            if failed.is_none()
                && let Err(e) = cw.write_with(doc, &c, &extra)
            {
                failed = Some(e);
            }
        },
        &mut |check| {
            if ctx.audit {
                // Serializing to memory fails only on a bug; the record is then left out.
                let mut ser = serde_json::Serializer::new(&mut audit_rows);
                if check.serialize_record(Some(doc), &mut ser).is_ok() {
                    audit_rows.push(b'\n');
                }
            }
        },
    );
    let malformed = decoding.as_ref().map_or(0, |d| d.malformed);
    let decoding_warning = decoding.as_ref().and_then(Decoding::warning);
    record.decoding = decoding;
    // Claim rows fail only where they spill to a temporary file, or beyond their cap.
    let claim_rows = match failed {
        Some(e) => Err(e),
        None => cw.into_inner(),
    }
    .map_err(|e| match SpillBuffer::is_full(&e) {
        Some(limit) => Failed::Input(Error::new(ErrorKind::RowsTooLarge { limit }).with_path(path)),
        None => Failed::Temporary(e),
    })?;
    let mut doc_rows = Vec::new();
    if ctx.docs {
        let mut dw = DocumentWriter::without_header(Vec::new(), ctx.format);
        doc_rows = dw
            .write(doc, &record)
            .and_then(|()| dw.into_inner())
            .map_err(|e| Error::from(e).with_path(path))?;
    }
    Ok(Done {
        bytes: size,
        empty,
        claims: record.claims,
        malformed,
        decoding_warning,
        claim_rows,
        doc_rows,
        audit_rows,
    })
}
