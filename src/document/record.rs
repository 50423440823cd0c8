//! The document record: one per input document (spec §2).

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What kind of text a document is.
///
/// ```
/// use press_stats::Genre;
/// assert_eq!(Genre::Transcript.to_string(), "transcript");
/// assert_eq!("report".parse::<Genre>(), Ok(Genre::Report));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Genre {
    /// A news release or feature.
    #[default]
    News,
    /// A press-conference transcript.
    Transcript,
    /// A statistical communiqué, analysis or work report.
    Report,
}

/// Where the document date came from.
///
/// ```
/// use press_stats::DateSource;
/// assert_eq!(DateSource::Path.to_string(), "path");
/// assert_eq!("supplied".parse::<DateSource>(), Ok(DateSource::Supplied));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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

/// The error of parsing a name that is not one of a type's output names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name `{0}`")]
pub struct UnknownName(pub String);

/// The names the output writes (the serde names), the `as_str` behind `Display` and
/// `FromStr` in `crate::names`.
macro_rules! output_names {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The name used in the output (its `Display`).
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }
    };
}

output_names!(Genre {
    News => "news",
    Transcript => "transcript",
    Report => "report",
});

output_names!(DateSource {
    Text => "text",
    Inferred => "inferred",
    Supplied => "supplied",
    Page => "page",
    Path => "path",
});

/// A speaker of a transcript.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[non_exhaustive]
pub struct Decoding {
    /// The encoding's name (`UTF-8`, `GB18030`, `UTF-16LE`, `Big5`).
    pub encoding: &'static str,
    /// Whether the encoding was guessed: false when a BOM or the caller named it, or when the
    /// bytes are valid UTF-8 throughout.
    pub guessed: bool,
    /// How many bytes were malformed (each malformed sequence is replaced with one U+FFFD).
    pub malformed: usize,
    /// For a file decoded in segments (`encoding` is then `UTF-8+GB18030` or `UTF-8+Big5`):
    /// how many lines were read in each encoding. `None` otherwise, and when the decoding
    /// was read back from a document record (which holds no line counts).
    pub segments: Option<Segments>,
}

/// How many lines of a file decoded in segments were read in each encoding (a line that
/// holds both counts in both; lines of ASCII only, the same in either, in neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Segments {
    /// Lines read (at least in part) as UTF-8.
    pub utf8_lines: usize,
    /// Lines read (at least in part) in the other encoding.
    pub other_lines: usize,
}

impl Decoding {
    /// Whether the encoding is a guess of low confidence: guessed, and the text does not
    /// decode cleanly in it (some bytes were malformed), or was decoded in segments of two
    /// encodings. Such a file may be in another encoding than the one used, or in several;
    /// `--encoding` forces one.
    ///
    /// ```
    /// let mut bytes = "全年共查处各类涉烟违法案件".as_bytes().to_vec();
    /// bytes.push(0xFF); // UTF-8 but for one bad byte: a guess
    /// let d = press_stats::decode(&bytes, &press_stats::DecodeOptions::new()).unwrap();
    /// assert!(d.decoding.low_confidence());
    /// ```
    pub fn low_confidence(&self) -> bool {
        self.guessed && (self.malformed > 0 || self.is_mixed())
    }

    /// Whether the file was decoded in segments of UTF-8 and another encoding.
    pub fn is_mixed(&self) -> bool {
        self.segments.is_some() || self.encoding.contains('+')
    }

    /// What to tell the user about the decoding, if anything: malformed bytes, a guess of
    /// low confidence, a file decoded in segments. `None` for a clean decoding.
    ///
    /// ```
    /// let auto = press_stats::DecodeOptions::new();
    /// let d = press_stats::decode("全年共查处各类涉烟违法案件".as_bytes(), &auto).unwrap();
    /// assert_eq!(d.decoding.warning(), None);
    /// let mut bytes = "全年共查处各类涉烟违法案件".as_bytes().to_vec();
    /// bytes.push(0xFF);
    /// let d = press_stats::decode(&bytes, &auto).unwrap();
    /// assert_eq!(
    ///     d.decoding.warning().unwrap(),
    ///     "1 malformed byte(s) replaced with U+FFFD (decoded as UTF-8, a guess of low \
    ///      confidence: --encoding forces one)"
    /// );
    /// ```
    pub fn warning(&self) -> Option<String> {
        if self.is_mixed() {
            let other = self.encoding.split('+').nth(1).unwrap_or(self.encoding);
            let lines = self.segments.map_or(String::new(), |s| {
                format!(
                    " ({} line(s) as UTF-8, {} in {other})",
                    s.utf8_lines, s.other_lines
                )
            });
            return Some(format!(
                "decoded as mixed UTF-8 and {other}{lines}, {} malformed byte(s) replaced \
                 with U+FFFD, a guess of low confidence",
                self.malformed
            ));
        }
        (self.malformed > 0).then(|| {
            format!(
                "{} malformed byte(s) replaced with U+FFFD (decoded as {}{})",
                self.malformed,
                self.encoding,
                match self.low_confidence() {
                    true => ", a guess of low confidence: --encoding forces one",
                    false => "",
                }
            )
        })
    }
}

/// What the extractor found out about a document as a whole.
///
/// Serialized as the spec's document record: the fields in order, the date as
/// `YYYY-MM-DD`, and the decoding as three fields `encoding`, `encoding_guessed` and
/// `malformed_bytes` (null when the text did not come from bytes).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentRecord {
    /// The title: the first line, or the headline after page boilerplate.
    pub title: Option<String>,
    /// The publication or event date, as precise as the text allows.
    #[serde(with = "optional_date")]
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
    #[serde(flatten, with = "decoding_fields")]
    pub decoding: Option<Decoding>,
}

/// Writes a date as `YYYY-MM-DD`, the year always of four digits (`0000-01-01`; a year
/// before it with a sign, `-0001-01-01`), in JSON and CSV alike.
pub(crate) struct DateStr(pub Date);

impl DateStr {
    /// The text, in a buffer: `len` bytes of `buf`.
    pub(crate) fn bytes(&self) -> ([u8; 11], usize) {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        let mut buf = [b'-'; 11];
        let at = usize::from(y < 0);
        // A civil date's year is within -9999..=9999: four digits always suffice.
        let y = y.unsigned_abs();
        let digit = |v: u16| b'0' + (v % 10) as u8;
        buf[at..at + 4].copy_from_slice(&[
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
        ]);
        let (m, d) = (m.unsigned_abs(), d.unsigned_abs());
        buf[at + 5..at + 7].copy_from_slice(&[b'0' + m / 10, b'0' + m % 10]);
        buf[at + 8..at + 10].copy_from_slice(&[b'0' + d / 10, b'0' + d % 10]);
        (buf, at + 10)
    }
}

impl fmt::Display for DateStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (buf, len) = self.bytes();
        // Only ASCII digits and dashes.
        f.write_str(std::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for DateStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (buf, len) = self.bytes();
        s.serialize_str(std::str::from_utf8(&buf[..len]).map_err(serde::ser::Error::custom)?)
    }
}

/// An optional date as [`DateStr`] writes it.
pub(crate) mod optional_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::DateStr;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        date.map(DateStr).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| parse(&s).ok_or_else(|| serde::de::Error::custom("not a YYYY-MM-DD date")))
            .transpose()
    }

    /// The inverse of [`DateStr`]: `YYYY-MM-DD`, a negative year with a sign.
    fn parse(s: &str) -> Option<Date> {
        let (neg, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let mut parts = rest.splitn(3, '-');
        let y: i16 = parts.next()?.parse().ok()?;
        let m: i8 = parts.next()?.parse().ok()?;
        let d: i8 = parts.next()?.parse().ok()?;
        Date::new(if neg { -y } else { y }, m, d).ok()
    }
}

/// A document's [`Decoding`] as the record's three fields.
mod decoding_fields {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Decoding;

    #[derive(Serialize, Deserialize)]
    struct Fields<E> {
        encoding: Option<E>,
        encoding_guessed: Option<bool>,
        malformed_bytes: Option<usize>,
    }

    pub fn serialize<S: Serializer>(d: &Option<Decoding>, s: S) -> Result<S::Ok, S::Error> {
        let d = d.as_ref();
        Fields {
            encoding: d.map(|d| d.encoding),
            encoding_guessed: d.map(|d| d.guessed),
            malformed_bytes: d.map(|d| d.malformed),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decoding>, D::Error> {
        let f = Fields::<String>::deserialize(d)?;
        let Some(name) = f.encoding else {
            return Ok(None);
        };
        // The names are the decoder's: take the static one back from it.
        let encoding = match name.split_once('+') {
            Some(("UTF-8", other)) => encoding_rs::Encoding::for_label(other.as_bytes())
                .and_then(crate::document::record::mixed_name),
            _ => encoding_rs::Encoding::for_label(name.as_bytes())
                .map(crate::document::record::encoding_name),
        }
        .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding `{name}`")))?;
        Ok(Some(Decoding {
            encoding,
            guessed: f.encoding_guessed.unwrap_or(false),
            malformed: f.malformed_bytes.unwrap_or(0),
            segments: None,
        }))
    }
}

/// The encoding's WHATWG name, except `GB18030` in capitals like every other name.
pub(crate) fn encoding_name(e: &'static encoding_rs::Encoding) -> &'static str {
    if e == encoding_rs::GB18030 {
        "GB18030"
    } else {
        e.name()
    }
}

/// The name of a decoding in segments of UTF-8 and `other` (GB18030 or Big5).
pub(crate) fn mixed_name(other: &'static encoding_rs::Encoding) -> Option<&'static str> {
    if other == encoding_rs::GB18030 || other == encoding_rs::GBK {
        Some("UTF-8+GB18030")
    } else if other == encoding_rs::BIG5 {
        Some("UTF-8+Big5")
    } else {
        None
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
        assert_eq!(show(9999, 12, 31), "9999-12-31");
        assert_eq!(show(-45, 2, 9), "-0045-02-09");
    }

    /// Every year of a civil date, at a few days each, as the plain format writes it.
    #[test]
    fn date_text_is_the_formatted_date() {
        for y in -9999..=9999 {
            for (m, d) in [(1, 1), (2, 28), (9, 30), (10, 9), (12, 31)] {
                let date = Date::new(y, m, d).unwrap();
                let sign = if y < 0 { "-" } else { "" };
                let want = format!("{sign}{:04}-{m:02}-{d:02}", y.unsigned_abs());
                assert_eq!(DateStr(date).to_string(), want);
                assert_eq!(
                    serde_json::to_string(&DateStr(date)).unwrap(),
                    format!("\"{want}\"")
                );
            }
        }
    }

    #[test]
    fn records_read_back_what_they_write() {
        let rec = DocumentRecord {
            title: Some("标题".to_owned()),
            date: Date::new(2021, 10, 26).ok(),
            date_source: Some(DateSource::Page),
            genre: Genre::Transcript,
            region: Some("宁德市".to_owned()),
            speakers: vec![Speaker {
                name: "林碧英".to_owned(),
                role: None,
                department: Some("宁德市民政局".to_owned()),
            }],
            claims: 3,
            decoding: Some(Decoding {
                encoding: "GB18030",
                guessed: true,
                malformed: 1,
                segments: None,
            }),
        };
        // A file decoded in segments reads back as such, without its line counts.
        let mixed = DocumentRecord {
            decoding: Some(Decoding {
                encoding: "UTF-8+Big5",
                guessed: true,
                malformed: 0,
                segments: None,
            }),
            ..DocumentRecord::default()
        };
        for r in [rec, mixed, DocumentRecord::default()] {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(
                serde_json::from_str::<DocumentRecord>(&json).unwrap(),
                r,
                "{json}"
            );
        }
    }
}
