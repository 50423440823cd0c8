//! `--stdin-jsonl`: documents read one a line from a stream, as Spark's `RDD.pipe`,
//! Hadoop Streaming or `xargs` hand them over. Each line is read when the run is ready
//! for it, so memory holds only the documents in flight, however long the stream.

use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use press_stats::{Error, ErrorKind, Meta};

use crate::cli::meta::JsonRecord;

/// One document of the stream.
pub struct StdinDoc {
    /// Its name in the output: the line's `doc`, else its line number.
    pub doc: String,
    /// The name its messages give: `<stdin>:LINE`.
    pub path: PathBuf,
    /// The text, as given (offsets count its chars).
    pub text: String,
    /// Its `date`, `title`, `region` and `publisher`.
    pub meta: Meta,
    /// The cells of the table's kept columns (`--keep-column`), for every claim row.
    pub keep: Vec<String>,
}

/// A line of the stream: a document, or why the line is skipped.
pub enum Item {
    Doc(StdinDoc),
    Bad(Error),
}

impl Item {
    /// The bytes of text it brings into memory.
    pub fn size(&self) -> u64 {
        match self {
            Item::Doc(d) => u64::try_from(d.text.len()).unwrap_or(u64::MAX),
            Item::Bad(_) => 0,
        }
    }
}

/// The documents of a stream of JSON Lines, `{"doc": …, "text": …, "date": …, "title":
/// …, "region": …, "publisher": …}`; blank lines are passed over. Lines longer than
/// `limit` bytes are skipped whole (read through, never held).
pub struct Lines<R> {
    reader: R,
    line: usize,
    limit: u64,
    buf: Vec<u8>,
    /// A read error ends the stream; it is handed over once.
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, limit: u64) -> Lines<R> {
        Lines {
            reader,
            line: 0,
            limit,
            buf: Vec::new(),
            failed: false,
        }
    }

    fn bad(&self, reason: &'static str) -> Item {
        Item::Bad(
            Error::new(ErrorKind::Meta {
                line: self.line,
                reason,
            })
            .with_path("<stdin>"),
        )
    }

    /// Reads through what is left of a line too long to keep.
    fn skip_rest(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
                self.reader.consume(i + 1);
                return Ok(());
            }
            let n = chunk.len();
            self.reader.consume(n);
        }
    }

    fn document(&self, raw: &str) -> Result<StdinDoc, Error> {
        let with = |e: Error| e.with_path("<stdin>");
        let mut record = JsonRecord::parse(self.line, raw).map_err(with)?;
        let text = record
            .take_text("text", "text is not a string")
            .map_err(with)?
            .ok_or_else(|| {
                with(Error::new(ErrorKind::Meta {
                    line: self.line,
                    reason: "no text",
                }))
            })?;
        let doc = record
            .text_field("doc", "doc is not a string")
            .map_err(with)?
            .map_or_else(|| self.line.to_string(), str::to_owned);
        let meta = record.meta().map_err(with)?;
        Ok(StdinDoc {
            path: PathBuf::from(format!("<stdin>:{}", self.line)),
            doc,
            text,
            meta,
            keep: Vec::new(),
        })
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.failed {
                return None;
            }
            self.buf.clear();
            self.line += 1;
            let read = (&mut self.reader)
                .take(self.limit.saturating_add(1))
                .read_until(b'\n', &mut self.buf);
            match read {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    return Some(Item::Bad(Error::from(e).with_path("<stdin>")));
                }
            }
            let ended = self.buf.last() == Some(&b'\n');
            if !ended && u64::try_from(self.buf.len()).unwrap_or(u64::MAX) > self.limit {
                if let Err(e) = self.skip_rest() {
                    self.failed = true;
                    return Some(Item::Bad(Error::from(e).with_path("<stdin>")));
                }
                return Some(self.bad("line longer than --max-size, skipped"));
            }
            let Ok(raw) = std::str::from_utf8(&self.buf) else {
                return Some(self.bad("not valid UTF-8"));
            };
            if raw.trim().is_empty() {
                continue;
            }
            return Some(match self.document(raw) {
                Ok(d) => Item::Doc(d),
                Err(e) => Item::Bad(e),
            });
        }
    }
}

/// The documents of a CSV table (`--table`), one a row: the text in column `text`, the
/// name in `doc`, and the date in `date` when given. Rows are read one at a time.
pub struct TableRows<R> {
    records: csv::StringRecordsIntoIter<R>,
    path: PathBuf,
    text: usize,
    doc: usize,
    date: Option<usize>,
    keep: Vec<usize>,
    row: usize,
}

impl<R: Read> TableRows<R> {
    /// Reads the header of `reader` (a CSV table at `path`) and finds the columns named.
    ///
    /// # Errors
    ///
    /// A message naming a column the header lacks, or why the header cannot be read.
    pub fn new(
        reader: R,
        path: &std::path::Path,
        text: &str,
        doc: &str,
        date: Option<&str>,
        keep: &[String],
    ) -> Result<TableRows<R>, String> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let header = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| format!("no column `{name}` in its header"))
        };
        Ok(TableRows {
            text: col(text)?,
            doc: col(doc)?,
            date: date.map(col).transpose()?,
            keep: keep.iter().map(|k| col(k)).collect::<Result<_, _>>()?,
            records: rdr.into_records(),
            path: path.to_path_buf(),
            row: 1,
        })
    }
}

impl<R: Read> Iterator for TableRows<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let rec = self.records.next()?;
        self.row += 1;
        let pos = match &rec {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let line = pos
            .and_then(|p| usize::try_from(p.line()).ok())
            .unwrap_or(self.row);
        let bad = |reason| {
            Item::Bad(Error::new(ErrorKind::Meta { line, reason }).with_path(self.path.clone()))
        };
        let rec = match rec {
            Ok(r) => r,
            Err(e) if e.is_io_error() => {
                return Some(Item::Bad(
                    Error::from(io::Error::other(e)).with_path(self.path.clone()),
                ));
            }
            Err(_) => return Some(bad("not valid UTF-8 or unreadable CSV")),
        };
        let (Some(text), Some(doc)) = (rec.get(self.text), rec.get(self.doc)) else {
            return Some(bad("fewer cells than the text and doc columns need"));
        };
        let mut meta = Meta::default();
        if let Some(d) = self.date.and_then(|c| rec.get(c))
            && !d.trim().is_empty()
        {
            match crate::cli::meta::parse_date(d) {
                Some(d) => meta.date = Some(d),
                None => return Some(bad("date is not a valid YYYY-MM-DD date")),
            }
        }
        Some(Item::Doc(StdinDoc {
            doc: doc.to_owned(),
            path: PathBuf::from(format!("{}:{}", self.path.display(), line)),
            text: text.to_owned(),
            meta,
            keep: self
                .keep
                .iter()
                .map(|&c| rec.get(c).unwrap_or("").to_owned())
                .collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_documents_and_name_the_bad_ones() {
        let input = "{\"doc\":\"a\",\"text\":\"全年增长5%。\",\"date\":\"2021-05-12\"}\n\
                     \n\
                     not json\n\
                     {\"text\":\"收入1亿元。\",\"region\":\"宜春市\"}\n\
                     {\"doc\":\"c\"}\n\
                     {\"doc\":\"d\",\"text\":\"x\",\"date\":\"2021-13-01\"}\n";
        let items: Vec<Item> = Lines::new(input.as_bytes(), 1 << 20).collect();
        assert_eq!(items.len(), 5);
        let Item::Doc(a) = &items[0] else {
            panic!("line 1 is a document")
        };
        assert_eq!((a.path.to_str(), a.doc.as_str()), (Some("<stdin>:1"), "a"));
        assert_eq!(
            a.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2021-05-12")
        );
        let Item::Bad(e) = &items[1] else {
            panic!("line 3 is bad")
        };
        assert_eq!(e.to_string(), "<stdin>: line 3: not valid JSON");
        let Item::Doc(b) = &items[2] else {
            panic!("line 4 is a document")
        };
        assert_eq!(
            (b.doc.as_str(), b.meta.region.as_deref()),
            ("4", Some("宜春市"))
        );
        let reasons: Vec<String> = items[3..]
            .iter()
            .map(|i| match i {
                Item::Bad(e) => e.to_string(),
                Item::Doc(_) => String::new(),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "<stdin>: line 5: no text",
                "<stdin>: line 6: date is not a valid YYYY-MM-DD date"
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_read() {
        let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(100));
        let input = format!("{long}{{\"text\":\"y\"}}\n");
        let items: Vec<Item> = Lines::new(input.as_bytes(), 50).collect();
        assert!(matches!(&items[0], Item::Bad(e) if e.to_string().contains("line 1: line longer")));
        assert!(matches!(&items[1], Item::Doc(d) if d.text == "y" && d.doc == "2"));
    }
}
