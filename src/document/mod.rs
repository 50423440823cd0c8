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
pub mod path_date;
pub mod record;
pub(crate) mod text;

use jiff::civil::Date;

use record::DateSource;

/// A decoded document, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
}

impl Document {
    /// Makes a document of already decoded text: strips a byte-order mark and writes
    /// CRLF and lone CR line endings as LF.
    pub fn from_text(text: &str) -> Document {
        Document::from_string(text.to_owned())
    }

    /// Like [`Document::from_text`], cleaning the string in place (a large text is not
    /// copied).
    pub fn from_string(text: String) -> Document {
        Document {
            text: clean_string(text),
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

/// Strips a byte-order mark and writes every line ending as `\n`, in place: the text
/// only shrinks, so the bytes move down within the same buffer and no second copy of a
/// large document is made.
pub(crate) fn clean_string(text: String) -> String {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if bom == 0 && memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut bytes = text.into_bytes();
    let len = bytes.len();
    let (mut read, mut write) = (bom, 0);
    loop {
        let next = memchr::memchr(b'\r', &bytes[read..]).map_or(len, |i| read + i);
        bytes.copy_within(read..next, write);
        write += next - read;
        if next == len {
            break;
        }
        bytes[write] = b'\n';
        write += 1;
        read = next + 1;
        if bytes.get(read) == Some(&b'\n') {
            read += 1;
        }
    }
    bytes.truncate(write);
    // Only ASCII bytes were replaced or removed, at char boundaries: still UTF-8.
    decode::utf8_string(bytes).unwrap_or_else(|b| String::from_utf8_lossy(&b).into_owned())
}

/// What a caller knows about a document beyond its text (from a crawl's metadata).
/// A supplied field always wins over what the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The publication date; relative dates in the text resolve against it.
    pub date: Option<Date>,
    /// The title.
    pub title: Option<String>,
    /// The city or province the document is about (`东莞市`).
    pub region: Option<String>,
    /// The body that publishes the document (`宜春市统计局`, a page's `ContentSource`):
    /// the department of claims no nearer body is named for (spec §4, rule 4).
    pub publisher: Option<String>,
    /// Where `date` came from, for the document record: `None` is the caller
    /// ([`DateSource::Supplied`]); a saved page's date is [`DateSource::Page`].
    pub date_source: Option<DateSource>,
    /// A date the file's path holds (`t20230516_1234567.html`): the document's date when
    /// `date` is not given and the text states none (a date inferred from the periods the
    /// text reports gives way to it), with source [`DateSource::Path`].
    pub path_date: Option<Date>,
}

impl Meta {
    /// Fills the fields `self` leaves open with `other`'s: what a document's own record
    /// says wins over a table of metadata about it.
    ///
    /// ```
    /// use press_stats::{Date, Meta};
    ///
    /// let mut line = Meta { title: Some("一季度经济运行情况".into()), ..Meta::default() };
    /// let listed = Meta {
    ///     date: Date::new(2023, 4, 20).ok(),
    ///     title: Some("另一个标题".into()),
    ///     ..Meta::default()
    /// };
    /// line.fill_from(&listed);
    /// assert_eq!(line.title.as_deref(), Some("一季度经济运行情况"));
    /// assert_eq!(line.date, Date::new(2023, 4, 20).ok());
    /// ```
    pub fn fill_from(&mut self, other: &Meta) {
        if self.date.is_none() && other.date.is_some() {
            self.date = other.date;
            self.date_source = other.date_source;
        }
        if self.title.is_none() {
            self.title.clone_from(&other.title);
        }
        if self.region.is_none() {
            self.region.clone_from(&other.region);
        }
        if self.publisher.is_none() {
            self.publisher.clone_from(&other.publisher);
        }
        if self.path_date.is_none() {
            self.path_date = other.path_date;
        }
    }
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
        let cases = [
            ("", ""),
            ("\u{FEFF}", ""),
            ("\r", "\n"),
            ("\r\r\n\n", "\n\n\n"),
            ("\u{FEFF}\u{FEFF}x", "\u{FEFF}x"),
            ("一\r\n二\r三\n\r", "一\n二\n三\n\n"),
            ("plain\n", "plain\n"),
        ];
        for (text, want) in cases {
            assert_eq!(clean_string(text.to_owned()), want, "{text:?}");
        }
    }
}
