//! Documents: decoded text with line endings normalized, and the char normalization the
//! recognizers read.
//!
//! Offsets in the output count chars of [`Document::text`]: the decoded text without a
//! byte-order mark and with every line ending written as `\n`, which is what Python's
//! `open(path, encoding=...).read()` returns.

pub mod decode;
pub mod docx;
pub mod html;
pub mod load;
pub mod normalize;
pub mod page;
pub mod record;
pub(crate) mod text;

use std::borrow::Cow;

/// A decoded document, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
}

impl Document {
    /// Makes a document of already decoded text: strips a byte-order mark and writes
    /// CRLF and lone CR line endings as LF.
    pub fn from_text(text: &str) -> Document {
        Document {
            text: clean_text(text).into_owned(),
        }
    }

    /// The text that every offset points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes the document, returning its text.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// Strips a byte-order mark and normalizes line endings, borrowing when nothing changes.
pub(crate) fn clean_text(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_cleaned() {
        assert_eq!(
            Document::from_text("\u{FEFF}a\r\nb\rc\n").text(),
            "a\nb\nc\n"
        );
        assert!(matches!(clean_text("plain\n"), Cow::Borrowed(_)));
    }
}
