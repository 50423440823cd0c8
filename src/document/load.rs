//! A file's bytes to a document, by its format: text (`.txt`, `.md` and any other name),
//! saved web pages (`.html`, `.htm`, `.shtml`, `.xhtml`), Word documents (`.docx`). A
//! `.pdf` or `.doc` is reported as unsupported rather than read as bytes.
//!
//! Offsets of claims count chars of the extracted text ([`Loaded::document`]), which
//! `--text-dir` writes out.

use std::path::Path;

use encoding_rs::Encoding;

use super::Meta;
use super::decode::{DecodeOptions, Decoded, decode_declared, decode_vec};
use super::page::PageMeta;
use super::path_date::date_in_path;
use super::record::Decoding;
use super::{Document, docx, html, page};
use crate::error::{Error, ErrorKind};
use jiff::civil::Date;

/// The formats read, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text (any extension not listed below: `.txt`, `.md`, …).
    Text,
    /// A saved web page: `.html`, `.htm`, `.shtml`, `.xhtml`.
    Html,
    /// A Word document: `.docx`.
    Docx,
}

/// The extensions a folder's files are taken by when no `--ext` is given.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "shtml", "xhtml", "docx"];

impl InputFormat {
    /// The format of a file by its extension (any letter case).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`] for `.pdf` and `.doc`.
    pub fn of(path: &Path) -> Result<InputFormat, Error> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "shtml" | "xhtml" => Ok(InputFormat::Html),
            "docx" => Ok(InputFormat::Docx),
            "pdf" => Err(Error::new(ErrorKind::Unsupported { format: "PDF" })),
            "doc" => Err(Error::new(ErrorKind::Unsupported {
                format: "Word 97-2003 (.doc)",
            })),
            _ => Ok(InputFormat::Text),
        }
    }

    /// The name used in the output (`text`, `html`, `docx`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
        }
    }
}

/// A file read to a document.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The extracted text that every offset points into.
    pub document: Document,
    /// How the bytes were decoded (a `.docx` is UTF-8 XML).
    pub decoding: Decoding,
    /// What a saved page says about its document (`None` for other formats, and for a
    /// `.html` file that holds no markup).
    pub page: Option<PageMeta>,
    /// The format it was read as.
    pub format: InputFormat,
    /// A date the file's path holds ([`date_in_path`]): the document's date when no other
    /// is given and the text states none.
    pub path_date: Option<Date>,
}

impl Loaded {
    /// Fills what `meta` leaves open with what the file says: a saved page's title, date,
    /// publisher and region ([`PageMeta::fill`]), then the date in its path. What the caller
    /// gave always wins; this is how the command line dates a file it reads.
    ///
    /// ```
    /// use std::path::Path;
    /// use press_stats::{Date, DecodeOptions, Meta, load};
    ///
    /// let text = "今年前4个月，全市收入增长5%。".as_bytes().to_vec();
    /// let loaded = load(Path::new("news/t20230516_1.txt"), text, &DecodeOptions::new())?;
    /// let mut meta = Meta::default();
    /// loaded.fill(&mut meta);
    /// assert_eq!(meta.path_date, Date::new(2023, 5, 16).ok());
    /// assert_eq!(meta.date, None);
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn fill(&self, meta: &mut Meta) {
        if let Some(page) = &self.page {
            page.fill(meta);
        }
        if meta.path_date.is_none() {
            meta.path_date = self.path_date;
        }
    }
}

/// Reads a file's bytes as the format its name says ([`InputFormat::of`]), and the date its
/// path holds ([`Loaded::path_date`]).
///
/// # Errors
///
/// [`ErrorKind::Unsupported`] for `.pdf` and `.doc`, [`ErrorKind::Binary`] for bytes that
/// are not text, [`ErrorKind::Damaged`] for a `.docx` that is not one; without the path
/// (the caller adds it).
pub fn load(path: &Path, bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Loaded, Error> {
    let mut loaded = load_format(path, bytes, opts)?;
    loaded.path_date = date_in_path(path);
    Ok(loaded)
}

fn load_format(path: &Path, bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Loaded, Error> {
    match InputFormat::of(path)? {
        InputFormat::Text => {
            let Decoded { document, decoding } = decode_vec(bytes, opts)?;
            Ok(Loaded {
                document,
                decoding,
                page: None,
                format: InputFormat::Text,
                path_date: None,
            })
        }
        InputFormat::Html => load_html(bytes, opts),
        InputFormat::Docx => {
            let limit = u64::try_from(bytes.len())
                .unwrap_or(u64::MAX)
                .saturating_mul(100)
                .max(64 << 20);
            let text = docx::text(&bytes, limit)
                .map_err(|e| Error::new(ErrorKind::Damaged { reason: e.reason() }))?;
            Ok(Loaded {
                document: Document::from_string(text),
                decoding: Decoding {
                    encoding: "UTF-8",
                    guessed: false,
                    malformed: 0,
                    segments: None,
                },
                page: None,
                format: InputFormat::Docx,
                path_date: None,
            })
        }
    }
}

/// Reads a saved page: decoded by its bytes (a BOM, valid UTF-8), else by the charset it
/// declares, else by detection; then rendered ([`html::render`]) and its metadata read.
pub fn load_html(bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Loaded, Error> {
    let declared = declared_charset(&bytes);
    let Decoded { document, decoding } = decode_declared(bytes, opts, declared)?;
    let (doc, rendered) = html::render(document.text());
    let page =
        (rendered.body != html::BodySource::PlainText).then(|| page::read(&doc, &rendered.head));
    drop(doc);
    Ok(Loaded {
        document: Document::from_string(rendered.text),
        decoding,
        page,
        format: InputFormat::Html,
        path_date: None,
    })
}

/// How far into a page its `<meta charset>` is looked for (saved pages carry scripts a
/// browser extension put before their head).
const PRESCAN: usize = 64 << 10;

/// The encoding a page's `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">` declares, looked for in its first 64 KiB.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0usize;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut k = c + 7;
            while tag.get(k).is_some_and(|b| b.is_ascii_whitespace()) {
                k += 1;
            }
            if tag.get(k) == Some(&b'=') {
                k += 1;
                while tag
                    .get(k)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
                {
                    k += 1;
                }
                let label: Vec<u8> = tag[k..]
                    .iter()
                    .copied()
                    .take_while(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b))
                    .collect();
                if let Some(e) = Encoding::for_label(&label) {
                    return Some(e);
                }
            }
        }
        at = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_declared_either_way() {
        let gbk = encoding_rs::GBK;
        assert_eq!(
            declared_charset(b"<html><head><META charset=\"GB2312\"></head>"),
            Some(gbk)
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\" />"
            ),
            Some(gbk)
        );
        assert_eq!(declared_charset(b"<meta name=\"x\" content=\"y\">"), None);
        assert_eq!(declared_charset(b"<meta charset=nonsense>"), None);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            InputFormat::of(Path::new("a/B.SHTML")).unwrap(),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::of(Path::new("x.docx")).unwrap(),
            InputFormat::Docx
        );
        assert_eq!(
            InputFormat::of(Path::new("x.md")).unwrap(),
            InputFormat::Text
        );
        assert_eq!(
            InputFormat::of(Path::new("noext")).unwrap(),
            InputFormat::Text
        );
        let e = InputFormat::of(Path::new("r.PDF")).unwrap_err();
        assert!(e.to_string().contains("PDF"), "{e}");
        assert!(e.is_skip());
    }
}
