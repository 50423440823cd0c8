//! Inputs: finding the files under the paths given, reading them within a size limit, and
//! the metadata a crawl recorded for them.
//!
//! The walk follows symbolic links. It visits each folder's entries in byte order of their
//! names, so the files come out sorted by path (component by component) and the order does
//! not depend on the file system. A link to a folder that is already being walked (an
//! ancestor) is a [`ErrorKind::SymlinkLoop`] and is not followed; a link chain that comes
//! back to itself is one too; a link whose target is missing is
//! [`ErrorKind::BrokenSymlink`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use press_stats::{Date, DecodeOptions, Error, ErrorKind, Meta, decode};

mod paths;
pub use paths::date_in_path;

/// A file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its name in the output: the path relative to the folder given, with `/` between
    /// components (non-UTF-8 bytes written as U+FFFD), or the file name for a file given
    /// directly; the path as given instead where several inputs would share it ([`walk`]).
    pub doc: String,
    /// Its size when the walk saw it.
    pub size: u64,
}

/// Which files of a folder to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkOptions {
    extensions: Vec<String>,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            extensions: press_stats::DEFAULT_EXTENSIONS
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
        }
    }
}

impl WalkOptions {
    /// Files of the formats read ([`press_stats::DEFAULT_EXTENSIONS`]: `.txt`, `.md`, `.html`,
    /// `.htm`, `.shtml`, `.xhtml`, `.docx`; any letter case).
    pub fn new() -> WalkOptions {
        WalkOptions::default()
    }

    /// Files ending in any of `extensions` instead (with or without the dot, any letter
    /// case). An empty list keeps the default.
    pub fn with_extensions<S: AsRef<str>>(mut self, extensions: &[S]) -> WalkOptions {
        let exts: Vec<String> = extensions
            .iter()
            .map(|e| e.as_ref().trim_start_matches('.').to_lowercase())
            .collect();
        if !exts.is_empty() {
            self.extensions = exts;
        }
        self
    }

    /// Whether a file found in a folder is taken.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(ext) = path.extension() else {
            return false;
        };
        let ext = ext.to_string_lossy().to_lowercase();
        self.extensions.contains(&ext)
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files to process, in output order.
    pub files: Vec<InputFile>,
    /// The paths that could not be used, each with its path and reason, in walk order.
    pub problems: Vec<Error>,
    /// How many files in the folders did not match the extensions.
    pub ignored: usize,
}

/// Finds the files under `paths`: a folder is walked recursively for files matching
/// `opts`, a file given directly is taken whatever its extension. Inputs keep the order
/// given; each folder's files are sorted by path.
///
/// A file's `doc` is its path relative to the folder given (or its name, for a file
/// given directly); where several inputs would share a `doc` (`a/x.txt` and `b/x.txt`,
/// or two folders that both hold `x.txt`), each of those is named by the path given
/// instead (`a/x.txt`, `b/x.txt`; a folder's path joined to the relative one).
pub fn walk<P: AsRef<Path>>(paths: &[P], opts: &WalkOptions) -> Walk {
    let mut w = Walk::default();
    // For each file, the root it came from and whether that root is a folder.
    let mut origins: Vec<(usize, bool)> = Vec::new();
    for (ri, root) in paths.iter().enumerate() {
        let root = root.as_ref();
        let mut is_dir = false;
        match fs::metadata(root) {
            Err(e) => w.problems.push(link_error(root, e)),
            Ok(m) if m.is_dir() => {
                is_dir = true;
                walk_dir(root, opts, &mut w);
            }
            Ok(m) => {
                let doc = root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| root.to_string_lossy().into_owned());
                w.files.push(InputFile {
                    path: root.to_path_buf(),
                    doc,
                    size: m.len(),
                });
            }
        }
        origins.resize(w.files.len(), (ri, is_dir));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &w.files {
        *seen.entry(f.doc.as_str()).or_default() += 1;
    }
    let shared: std::collections::HashSet<String> = seen
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(d, _)| d.to_owned())
        .collect();
    if !shared.is_empty() {
        for (f, &(ri, is_dir)) in w.files.iter_mut().zip(&origins) {
            if !shared.contains(&f.doc) {
                continue;
            }
            let Some(root) = paths.get(ri) else { continue };
            let root = root.as_ref().to_string_lossy();
            f.doc = if is_dir {
                format!("{}/{}", root.trim_end_matches('/'), f.doc)
            } else {
                root.into_owned()
            };
        }
    }
    w
}

/// Walks folder `root` depth first, each folder's entries in byte order of their names,
/// following links; a link back to a folder being walked is reported, not followed.
fn walk_dir(root: &Path, opts: &WalkOptions, w: &mut Walk) {
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1);
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                if e.loop_ancestor().is_some() {
                    w.problems
                        .push(Error::new(ErrorKind::SymlinkLoop).with_path(path));
                    continue;
                }
                let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                let e = io::Error::from(e);
                if is_link && !opts.matches(&path) && e.kind() == io::ErrorKind::NotFound {
                    // A dangling link with another extension: not ours to report.
                    w.ignored += 1;
                } else {
                    w.problems.push(link_error(&path, e));
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !opts.matches(entry.path()) {
            w.ignored += 1;
            continue;
        }
        if !kind.is_file() {
            w.problems
                .push(Error::new(ErrorKind::NotAFile).with_path(entry.path()));
            continue;
        }
        let size = match entry.metadata() {
            Ok(m) => m.len(),
            Err(e) => {
                w.problems
                    .push(link_error(entry.path(), io::Error::from(e)));
                continue;
            }
        };
        let doc = relative_doc(root, entry.path());
        w.files.push(InputFile {
            path: entry.into_path(),
            doc,
            size,
        });
    }
}

/// `path` relative to `root`, its components joined by `/` (non-UTF-8 bytes as U+FFFD).
fn relative_doc(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Names why `fs::metadata(path)` failed: a broken link, a link loop, or the I/O error.
fn link_error(path: &Path, e: io::Error) -> Error {
    let kind = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match follow_links(path) {
            Some(kind) => kind,
            None => ErrorKind::Io(e.kind()),
        },
        _ => ErrorKind::Io(e.kind()),
    };
    Error::new(kind).with_path(path)
}

/// Follows a chain of links by hand: `Some(BrokenSymlink)` when it ends at a missing
/// target, `Some(SymlinkLoop)` when it comes back on itself, `None` when it cannot tell.
fn follow_links(start: &Path) -> Option<ErrorKind> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut cur = start.to_path_buf();
    for _ in 0..64 {
        if seen.contains(&cur) {
            return Some(ErrorKind::SymlinkLoop);
        }
        let target = match fs::read_link(&cur) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Some(ErrorKind::BrokenSymlink);
            }
            Err(_) => return None,
        };
        let next = match cur.parent() {
            Some(parent) => parent.join(&target),
            None => target,
        };
        seen.push(cur);
        match fs::symlink_metadata(&next) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Some(ErrorKind::BrokenSymlink);
            }
            Err(_) => return Some(ErrorKind::SymlinkLoop),
            Ok(m) if m.file_type().is_symlink() => cur = next,
            Ok(_) => return None,
        }
    }
    Some(ErrorKind::SymlinkLoop)
}

/// Reads a whole regular file of at most `limit` bytes.
///
/// The file is opened without blocking (a FIFO put where the walk saw a file does not
/// wait for a writer) and its type is checked on the open handle, so what is read is what
/// was checked.
///
/// # Errors
///
/// [`ErrorKind::NotAFile`] for a FIFO, socket or device, [`ErrorKind::TooLarge`] when it
/// is larger (by its size, or by what reading it gives), [`ErrorKind::BrokenSymlink`],
/// [`ErrorKind::SymlinkLoop`], or the I/O error; each with the path.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let mut open = fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path).map_err(|e| link_error(path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::from(e).with_path(path))?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::NotAFile).with_path(path));
    }
    read_at_most(file, meta.len(), path, limit)
}

/// Reads `file` (of `size` bytes by its metadata, 0 when unknown) whole, failing with
/// [`ErrorKind::TooLarge`] as soon as it gives more than `limit` bytes.
fn read_at_most(file: fs::File, size: u64, path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let too_large = |size| Error::new(ErrorKind::TooLarge { size, limit }).with_path(path);
    if size > limit {
        return Err(too_large(size));
    }
    let cap = usize::try_from(size).unwrap_or(0).saturating_add(1);
    let mut buf = Vec::with_capacity(cap);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::from(e).with_path(path))?;
    let got = u64::try_from(buf.len()).unwrap_or(u64::MAX);
    if got > limit {
        return Err(too_large(got));
    }
    Ok(buf)
}

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
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|_| meta_err(line, "not valid JSON"))?;
        let Some(obj) = value.as_object() else {
            return Err(meta_err(line, "not a JSON object"));
        };
        let text_field = |key: &str, reason: &'static str| -> Result<Option<&str>, Error> {
            match obj.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(meta_err(line, reason)),
            }
        };
        let Some(doc) = text_field("doc", "doc is not a string")? else {
            return Err(meta_err(line, "no doc"));
        };
        let meta = Meta {
            date: meta_date(
                line,
                text_field("date", "date is not a string")?.unwrap_or(""),
            )?,
            title: text_field("title", "title is not a string")?.and_then(non_empty),
            region: text_field("region", "region is not a string")?.and_then(non_empty),
            publisher: text_field("publisher", "publisher is not a string")?.and_then(non_empty),
            ..Meta::default()
        };
        table.insert(line, doc.trim(), meta)?;
    }
    Ok(table)
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

    #[test]
    fn extensions_match_any_case() {
        let o = WalkOptions::new().with_extensions(&[".TXT", "md"]);
        assert!(o.matches(Path::new("a/B.Txt")));
        assert!(o.matches(Path::new("x.md")));
        assert!(!o.matches(Path::new("x.json")));
        assert!(!o.matches(Path::new("txt")));
    }

    /// A FIFO put where the walk saw a file: reading it does not wait for a writer.
    #[cfg(unix)]
    #[test]
    fn fifo_swapped_in_after_the_walk_does_not_block_the_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.txt");
        fs::write(&path, "全市收入增长5%。").unwrap();
        let found = walk(&[tmp.path()], &WalkOptions::new());
        assert_eq!(found.files.len(), 1);
        fs::remove_file(&path).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(ok.success());
        let (tx, rx) = std::sync::mpsc::channel();
        let file = found.files[0].path.clone();
        std::thread::spawn(move || tx.send(read_file(&file, 1 << 20)));
        let r = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("reading a FIFO blocked");
        let e = r.expect_err("a FIFO is not read");
        assert_eq!(e.kind(), &ErrorKind::NotAFile);
    }
}
