//! What a crawl recorded for each document (`--meta`, CSV or JSON Lines), and the dates
//! `--date` and `--meta` take.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use press_stats::{Date, DecodeOptions, Error, ErrorKind, Meta, decode};

use crate::cli::input::read_at_most;

/// A date as `--date` and `--meta` take it: `YYYY-MM-DD`, then nothing, or a time after
/// `T` or a space.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]|$)").expect("the date pattern compiles")
});

/// Parses a date written `YYYY-MM-DD`, optionally followed by a time after `T` or a space
/// (`2021-05-12 10:30:00`, as crawls write it; the time is ignored).
pub fn parse_date(s: &str) -> Option<Date> {
    let c = DATE.captures(s.trim())?;
    let part = |i: usize| c.get(i).map(|m| m.as_str());
    let year = part(1)?.parse().ok()?;
    let month = part(2)?.parse().ok()?;
    let day = part(3)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// What a crawl recorded for each document, keyed by the output's `doc` field.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    entries: HashMap<String, Meta>,
}

impl MetaTable {
    /// Reads a metadata file of at most `limit` bytes (any encoding [`decode`] recognizes;
    /// see [`MetaTable::parse`]). A pipe (`--meta <(…)`) is read too, up to the limit.
    ///
    /// # Errors
    ///
    /// The read error, [`ErrorKind::TooLarge`], or [`ErrorKind::Meta`] with the line; each
    /// with the path.
    pub fn read(path: &Path, limit: u64) -> Result<MetaTable, Error> {
        let file = fs::File::open(path).map_err(|e| Error::from(e).with_path(path))?;
        let size = file
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .map_or(0, |m| m.len());
        let bytes = read_at_most(file, size, path, limit)?;
        let decoded = decode(&bytes, &DecodeOptions::new())
            .map_err(|e| Error::new(e.kind().clone()).with_path(path))?;
        MetaTable::parse(decoded.document.text()).map_err(|e| e.with_path(path))
    }

    /// Parses metadata: JSON Lines when the first non-blank character is `{`, else CSV.
    ///
    /// CSV has a header row naming a `doc` column and any of `date`, `title`, `region`,
    /// `publisher` (other columns are ignored); JSON Lines has one object per line with a
    /// string `doc` and optional `date`, `title`, `region`, `publisher` (strings or null;
    /// other keys ignored).
    /// An empty cell or null means unknown. Dates are `YYYY-MM-DD` ([`parse_date`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Meta`] with the 1-based line of the first bad line: no `doc`, a `doc`
    /// given twice, a bad date, a wrong number of CSV fields, a line that is not a JSON
    /// object.
    pub fn parse(text: &str) -> Result<MetaTable, Error> {
        if text.trim_start().starts_with('{') {
            parse_jsonl(text)
        } else {
            parse_csv(text)
        }
    }

    /// The metadata of document `doc`.
    pub fn get(&self, doc: &str) -> Option<&Meta> {
        self.entries.get(doc)
    }

    /// How many documents it describes.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The documents it describes, in no particular order.
    pub fn docs(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    fn insert(&mut self, line: usize, doc: &str, meta: Meta) -> Result<(), Error> {
        if doc.is_empty() {
            return Err(meta_err(line, "empty doc"));
        }
        match self.entries.entry(doc.to_owned()) {
            Entry::Occupied(_) => Err(meta_err(line, "doc listed twice")),
            Entry::Vacant(v) => {
                v.insert(meta);
                Ok(())
            }
        }
    }
}

fn meta_err(line: usize, reason: &'static str) -> Error {
    Error::new(ErrorKind::Meta { line, reason })
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn meta_date(line: usize, s: &str) -> Result<Option<Date>, Error> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    parse_date(s)
        .map(Some)
        .ok_or_else(|| meta_err(line, "date is not a valid YYYY-MM-DD date"))
}

fn parse_csv(text: &str) -> Result<MetaTable, Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let line_of = |pos: Option<&csv::Position>, fallback: usize| {
        pos.and_then(|p| usize::try_from(p.line()).ok())
            .unwrap_or(fallback)
    };
    let header = match records.next() {
        None => return Ok(MetaTable::default()),
        Some(Ok(h)) => h,
        Some(Err(_)) => return Err(meta_err(1, "unreadable header row")),
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(doc_col) = col("doc") else {
        return Err(meta_err(
            line_of(header.position(), 1),
            "header has no doc column",
        ));
    };
    let (date_col, title_col, region_col) = (col("date"), col("title"), col("region"));
    let publisher_col = col("publisher");
    let mut table = MetaTable::default();
    let mut last_line = line_of(header.position(), 1);
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(e.position(), last_line.saturating_add(1));
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths { .. } => {
                        "wrong number of fields (not the header's)"
                    }
                    csv::ErrorKind::Utf8 { .. } => "not valid UTF-8",
                    _ => "unreadable CSV line",
                };
                return Err(meta_err(line, reason));
            }
        };
        let line = line_of(rec.position(), last_line.saturating_add(1));
        last_line = line;
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let meta = Meta {
            date: meta_date(line, cell(date_col))?,
            title: non_empty(cell(title_col)),
            region: non_empty(cell(region_col)),
            publisher: non_empty(cell(publisher_col)),
            ..Meta::default()
        };
        table.insert(line, cell(Some(doc_col)).trim(), meta)?;
    }
    Ok(table)
}

fn parse_jsonl(text: &str) -> Result<MetaTable, Error> {
    let mut table = MetaTable::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i.saturating_add(1);
        if raw.trim().is_empty() {
            continue;
        }
        let record = JsonRecord::parse(line, raw)?;
        let Some(doc) = record.text_field("doc", "doc is not a string")? else {
            return Err(meta_err(line, "no doc"));
        };
        let doc = doc.trim().to_owned();
        table.insert(line, &doc, record.meta()?)?;
    }
    Ok(table)
}

/// One JSON object of a line of JSON Lines (`--meta`, `--stdin-jsonl`), with the line's
/// number for its errors.
pub struct JsonRecord {
    line: usize,
    obj: serde_json::Map<String, serde_json::Value>,
}

impl JsonRecord {
    /// Parses line `line` (1-based), which must hold one JSON object.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Meta`] when it is not valid JSON or not an object.
    pub fn parse(line: usize, raw: &str) -> Result<JsonRecord, Error> {
        match serde_json::from_str(raw) {
            Ok(serde_json::Value::Object(obj)) => Ok(JsonRecord { line, obj }),
            Ok(_) => Err(meta_err(line, "not a JSON object")),
            Err(_) => Err(meta_err(line, "not valid JSON")),
        }
    }

    /// The string under `key`: `None` when absent or null, an error (`reason`) when not a
    /// string.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Meta`] with `reason`.
    pub fn text_field(&self, key: &str, reason: &'static str) -> Result<Option<&str>, Error> {
        match self.obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(meta_err(self.line, reason)),
        }
    }

    /// Takes the string under `key` out of the record (a long text is not copied).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Meta`] with `reason` when it is there but not a string.
    pub fn take_text(&mut self, key: &str, reason: &'static str) -> Result<Option<String>, Error> {
        match self.obj.remove(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(meta_err(self.line, reason)),
        }
    }

    /// The document's `date`, `title`, `region` and `publisher` (strings or null).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Meta`] for a field that is not a string, or a bad date.
    pub fn meta(&self) -> Result<Meta, Error> {
        let field = |key: &str, reason: &'static str| self.text_field(key, reason);
        Ok(Meta {
            date: meta_date(
                self.line,
                field("date", "date is not a string")?.unwrap_or(""),
            )?,
            title: field("title", "title is not a string")?.and_then(non_empty),
            region: field("region", "region is not a string")?.and_then(non_empty),
            publisher: field("publisher", "publisher is not a string")?.and_then(non_empty),
            ..Meta::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2021-05-12"), Date::new(2021, 5, 12).ok());
        assert_eq!(
            parse_date("2021-05-12 10:30:00"),
            Date::new(2021, 5, 12).ok()
        );
        assert_eq!(parse_date("2021-05-12T10:30"), Date::new(2021, 5, 12).ok());
        for bad in [
            "2021-5-12",
            "2021-02-30",
            "20210512",
            "2021-05-123",
            "",
            "２０２１-05-12",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn csv_meta() {
        let t =
            MetaTable::parse("doc,url,date,title\na.txt,http://x,2021-05-12,标题\nb/c.txt,,,\n")
                .unwrap();
        assert_eq!(t.len(), 2);
        let a = t.get("a.txt").unwrap();
        assert_eq!(a.date, Date::new(2021, 5, 12).ok());
        assert_eq!(a.title.as_deref(), Some("标题"));
        assert_eq!(a.region, None);
        assert_eq!(t.get("b/c.txt").unwrap(), &Meta::default());
    }

    #[test]
    fn bad_csv_lines_name_their_line() {
        let e = MetaTable::parse("doc,date\na.txt,2021-05-12\nb.txt,2021-13-01\n").unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::Meta {
                line: 3,
                reason: "date is not a valid YYYY-MM-DD date"
            }
        );
        let e = MetaTable::parse("doc,date\na.txt,2021-05-12,x\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Meta { line: 2, .. }), "{e}");
        let e = MetaTable::parse("name,date\na.txt,2021-05-12\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Meta { line: 1, .. }), "{e}");
        let e = MetaTable::parse("doc\na.txt\na.txt\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Meta { line: 3, .. }), "{e}");
    }

    #[test]
    fn jsonl_meta() {
        let t = MetaTable::parse(
            "{\"doc\":\"a.txt\",\"date\":\"2021-05-12\",\"region\":\"东莞市\"}\n\n{\"doc\":\"b.txt\",\"date\":null}\n",
        )
        .unwrap();
        assert_eq!(t.get("a.txt").unwrap().region.as_deref(), Some("东莞市"));
        assert_eq!(t.get("b.txt").unwrap().date, None);
        let e =
            MetaTable::parse("{\"doc\":\"a.txt\"}\n{\"doc\":\"b.txt\",\"date\":5}\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Meta { line: 2, .. }), "{e}");
        let e = MetaTable::parse("{\"doc\":\"a.txt\"}\nnot json\n").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Meta { line: 2, .. }), "{e}");
    }

    #[test]
    fn meta_files_from_spreadsheets_read_in_any_encoding() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Excel writes UTF-8 with a BOM and CRLF, or GBK on Chinese Windows.
        let bom = dir.join("bom.csv");
        fs::write(
            &bom,
            "\u{FEFF}doc,date,region\r\na.txt,2021-05-12,东莞市\r\n",
        )
        .unwrap();
        let t = MetaTable::read(&bom, 1 << 20).unwrap();
        assert_eq!(t.get("a.txt").unwrap().region.as_deref(), Some("东莞市"));
        let gbk = dir.join("gbk.csv");
        let (bytes, _, _) =
            encoding_rs::GBK.encode("doc,title\nb.txt,宁德市政府新闻办举行新闻发布会\n");
        fs::write(&gbk, bytes).unwrap();
        let t = MetaTable::read(&gbk, 1 << 20).unwrap();
        assert_eq!(
            t.get("b.txt").unwrap().title.as_deref(),
            Some("宁德市政府新闻办举行新闻发布会")
        );
        let e = MetaTable::read(&dir.join("missing.csv"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("missing.csv"), "{e}");
        let e = MetaTable::read(&gbk, 10).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::TooLarge { limit: 10, .. }),
            "{e}"
        );
    }
}
