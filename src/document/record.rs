//! The document record: one per input document (spec §2).

use jiff::civil::Date;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// What kind of text a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Genre {
    /// A news release or feature.
    #[default]
    News,
    /// A press-conference transcript.
    Transcript,
    /// A statistical communiqué, analysis or work report.
    Report,
}

impl Genre {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Transcript => "transcript",
            Genre::Report => "report",
        }
    }
}

/// Where the document date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// Stated in the text (a date line, a dated title or first sentence).
    Text,
    /// Inferred from what the text says (years mentioned, latest period reported).
    Inferred,
    /// Supplied by the caller (`--date`, `--meta`).
    Supplied,
    /// Given by a saved page's metadata (`PubDate`, a `发布时间：` line).
    Page,
    /// Held by the file's path (`t20230516_1234567.html`, `20190614/n123.txt`), where
    /// neither the text nor a page states a date.
    Path,
}

impl DateSource {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Inferred => "inferred",
            DateSource::Supplied => "supplied",
            DateSource::Page => "page",
            DateSource::Path => "path",
        }
    }
}

/// A speaker of a transcript.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Speaker {
    /// The speaker's name (`林碧英`).
    pub name: String,
    /// The post as written (`党组成员、副局长`).
    pub role: Option<String>,
    /// The body the speaker represents, resolved to its full name.
    pub department: Option<String>,
}

/// How the bytes of a file were decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Decoding {
    /// The encoding's name (`UTF-8`, `GB18030`, `UTF-16LE`, `Big5`).
    pub encoding: &'static str,
    /// Whether the encoding was guessed: false when a BOM or the caller named it, or when the
    /// bytes are valid UTF-8 throughout.
    pub guessed: bool,
    /// How many bytes were malformed (each malformed sequence is replaced with one U+FFFD).
    pub malformed: usize,
}

impl Decoding {
    /// Whether the encoding is a guess of low confidence: guessed, and the text does not
    /// decode cleanly in it (some bytes were malformed). Such a file may be in another
    /// encoding than the one used, or in several; `--encoding` forces one.
    pub fn low_confidence(&self) -> bool {
        self.guessed && self.malformed > 0
    }
}

/// What the extractor found out about a document as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentRecord {
    /// The title: the first line, or the headline after page boilerplate.
    pub title: Option<String>,
    /// The publication or event date, as precise as the text allows.
    pub date: Option<Date>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// News, transcript or report.
    pub genre: Genre,
    /// The city or province the document is about (`东莞市`).
    pub region: Option<String>,
    /// The speakers of a transcript, in order of first appearance.
    pub speakers: Vec<Speaker>,
    /// How many claims were found.
    pub claims: usize,
    /// How the file was decoded, when it came from bytes.
    pub decoding: Option<Decoding>,
}

/// Writes a date as `YYYY-MM-DD`, the year always of four digits (`0000-01-01`; a year
/// before it with a sign, `-0001-01-01`), in JSON and CSV alike.
pub(crate) struct DateStr(pub Date);

impl std::fmt::Display for DateStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        let sign = if y < 0 { "-" } else { "" };
        write!(f, "{sign}{:04}-{m:02}-{d:02}", y.unsigned_abs())
    }
}

impl Serialize for DateStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Speaker {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Speaker", 3)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("role", &self.role)?;
        st.serialize_field("department", &self.department)?;
        st.end()
    }
}

impl DocumentRecord {
    /// Serializes the record with its `doc` field first.
    pub(crate) fn serialize_record<S: Serializer>(
        &self,
        doc: Option<&str>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Document", 11)?;
        if let Some(doc) = doc {
            st.serialize_field("doc", doc)?;
        }
        st.serialize_field("title", &self.title)?;
        st.serialize_field("date", &self.date.map(DateStr))?;
        st.serialize_field("date_source", &self.date_source.map(|d| d.as_str()))?;
        st.serialize_field("genre", self.genre.as_str())?;
        st.serialize_field("region", &self.region)?;
        st.serialize_field("speakers", &self.speakers)?;
        st.serialize_field("claims", &self.claims)?;
        let d = self.decoding.as_ref();
        st.serialize_field("encoding", &d.map(|d| d.encoding))?;
        st.serialize_field("encoding_guessed", &d.map(|d| d.guessed))?;
        st.serialize_field("malformed_bytes", &d.map(|d| d.malformed))?;
        st.end()
    }
}

impl Serialize for DocumentRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_record(None, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_four_digit_years_whatever_the_year() {
        let show = |y, m, d| DateStr(Date::new(y, m, d).unwrap()).to_string();
        assert_eq!(show(2021, 5, 12), "2021-05-12");
        assert_eq!(show(0, 6, 1), "0000-06-01");
        assert_eq!(show(7, 1, 31), "0007-01-31");
        assert_eq!(show(-1, 1, 1), "-0001-01-01");
        assert_eq!(show(-9999, 12, 31), "-9999-12-31");
    }
}
