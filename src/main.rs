//! The `press-stats` command: see `press-stats --help`.
//!
//! Argument parsing, threads, progress and writing ([`cli`]: walking the inputs, reading
//! them, writing output files safely); extraction and serialization are in the library.

mod cli;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use cli::files::{Destination, OutputFile, SpillBuffer, SpillDir, remove_temporary_files};
use cli::input::{InputFile, WalkOptions, date_in_path, read_file, walk};
use cli::meta::{MetaTable, parse_date};
use cli::outputs::{Out, Outputs, PIPE_CLOSED, is_pipe_closed, stdout};
use cli::report::Report;
use cli::stdin::{Item, Lines, TableRows};
use cli::text::{text_path, write_text};
use indicatif::{ProgressBar, ProgressStyle};
use press_stats::output::{ClaimWriter, DocumentWriter, Format};

use press_stats::{Date, DecodeOptions, Decoding, Error, ErrorKind, Extractor, Meta, load};

fn shown(path: &std::path::Path) -> String {
    Error::shown(path)
}

/// Bytes of serialized claims a file may hold in memory before they go to a temporary file.
const SPILL: usize = 8 << 20;

/// How many times --max-size the claims of one document may take written: rows run 4 to
/// 12 times their text, but a text of numbers without sentence ends (every row repeats
/// its sentence) could fill a disk.
const ROWS_PER_BYTE: u64 = 16;

const AFTER_HELP: &str = "\
Output: one record per claim (spec §2), sorted by path, then offset; identical for any
--threads. `doc` is the path relative to the folder given, or the file name of a file given.

Messages: every input that cannot be used gets one line on stderr (path and reason); empty
files and files with malformed bytes get a note. A one-line summary ends the run.

Exit status: 0 when every input was read (files skipped by policy — binary, too large,
symlink loop, not a regular file, too many claims, .pdf or .doc — do not count, unless
--strict); 1 when any input failed (permission denied, broken symlink, missing, read error,
a damaged .docx) or, with --strict, was skipped; 2 for a usage error (-o or --docs naming an
input, the --meta file or each other), a bad --meta file, an output that cannot be written,
or a temporary file that cannot be made; 141 (as a shell reports a program ended by
SIGPIPE) when the reader of stdout went away (`press-stats DIR | head`): the run then ends
quietly, without a message.

Outputs: a regular file (or the target of a symbolic link to one) is written under a
temporary name in its folder and renamed over the old file when the run completes, with
the old file's mode and, where allowed, owner. A device, FIFO or /dev/stdout is written
into directly. Rows of a document that do not fit in 8 MB of memory go to a private
temporary folder next to the -o file, or in $TMPDIR when claims go to stdout.";

/// Extract typed quantitative claims from Chinese government press texts.
#[derive(Parser, Debug)]
#[command(name = "press-stats", version, after_long_help = AFTER_HELP)]
struct Args {
    /// Files and folders to read; folders recursively (symlinks followed, loops detected).
    /// A file named directly is read whatever its extension; `-` reads one document from
    /// stdin.
    #[arg(required_unless_present_any = ["stdin_jsonl", "table"], value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Read documents from stdin, one JSON object a line (`doc`, `text`, and any of
    /// `date`, `title`, `region`, `publisher`), and write their claims in input order as
    /// the stream goes; a malformed line is named on stderr and skipped.
    #[arg(long, conflicts_with_all = ["paths", "meta"])]
    stdin_jsonl: bool,

    /// Read documents from a CSV table, one a row (--text-column, --doc-column,
    /// --date-column), and write their claims in the table's order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "meta", "stdin_jsonl"],
          requires_all = ["text_column", "doc_column"])]
    table: Option<PathBuf>,

    /// The --table column that holds each document's text.
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,

    /// The --table column that names each document (its `doc` in the output).
    #[arg(long, value_name = "NAME")]
    doc_column: Option<String>,

    /// The --table column that holds each document's date (YYYY-MM-DD).
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,

    /// A --table column to pass through to every claim row (a CSV column after the
    /// claim's, a JSON field), so that results join back; repeatable.
    #[arg(long, value_name = "NAME", requires = "table", value_parser = keep_arg)]
    keep_column: Vec<String>,

    /// Write claims to FILE instead of stdout (a regular file via a temporary file in the
    /// same folder, renamed when the run completes; a device or FIFO directly).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Output format of claims and document records.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    format: FormatArg,

    /// Also write one record per document (title, date, genre, region, speakers, claim
    /// count, encoding) to FILE, in --format.
    #[arg(long, value_name = "FILE")]
    docs: Option<PathBuf>,

    /// Also check the arithmetic each document states (totals and parts, structure ratios,
    /// growth, shares) and write one JSON record per check to FILE.
    #[arg(long, value_name = "FILE")]
    audit: Option<PathBuf>,

    /// Extension of the files to take in folders (repeatable or comma-separated; any case)
    /// [default: txt,md,html,htm,shtml,xhtml,docx]. Pages (.html, .htm, .shtml, .xhtml)
    /// are read for their article, .docx for its paragraphs and tables, others as text.
    #[arg(long, value_name = "EXT", value_delimiter = ',', value_parser = ext_arg)]
    ext: Vec<String>,

    /// Write each document's extracted text (what offsets count into) to DIR/<doc>.txt.
    #[arg(long, value_name = "DIR")]
    text_dir: Option<PathBuf>,

    /// Publication date of every document (relative dates resolve against it; the text
    /// never overrides it). A --meta date wins for the documents it lists.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    date: Option<Date>,

    /// Per-document metadata: CSV with a header naming `doc` and any of `date`, `title`,
    /// `region`, or JSON Lines with those keys; `doc` as the output writes it.
    #[arg(long, value_name = "FILE")]
    meta: Option<PathBuf>,

    /// Decode every file with this encoding (gbk, gb18030, big5, utf-8, utf-16le, …)
    /// instead of detecting it; a byte-order mark still wins.
    #[arg(long, value_name = "NAME", value_parser = encoding_arg)]
    encoding: Option<DecodeOptions>,

    /// Skip files larger than this (suffixes K, M, G: powers of 1024).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = size_arg)]
    max_size: u64,

    /// Worker threads (0: one per core; at most 4 per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    threads: usize,

    /// Exit with status 1 when any file was skipped (binary, too large, symlink loop).
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// JSON Lines.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

fn keep_arg(s: &str) -> Result<String, String> {
    if press_stats::output::CLAIM_FIELDS.contains(&s) {
        return Err(format!("`{s}` is a field of the claim rows already"));
    }
    Ok(s.to_owned())
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a valid YYYY-MM-DD date"))
}

fn ext_arg(s: &str) -> Result<String, String> {
    if s.trim_start_matches('.').is_empty() {
        return Err(
            "an extension cannot be empty (a file in a folder is taken by its extension)"
                .to_owned(),
        );
    }
    Ok(s.to_owned())
}

fn encoding_arg(s: &str) -> Result<DecodeOptions, String> {
    DecodeOptions::new().with_encoding(s).map_err(|_| {
        format!("unknown encoding `{s}` (try gbk, gb18030, big5, utf-8, utf-16le, utf-16be)")
    })
}

fn size_arg(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult: u64 = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("`{s}`: unknown size suffix")),
            };
            (t.get(..i).unwrap_or(""), mult)
        }
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("`{s}` is not a size in bytes"))
}

/// Everything a worker needs, shared by reference.
struct Ctx<'a> {
    extractor: &'a Extractor,
    meta: Option<&'a MetaTable>,
    date: Option<Date>,
    decode: DecodeOptions,
    max_size: u64,
    format: Format,
    docs: bool,
    audit: bool,
    spill: Arc<SpillDir>,
    cancel: AtomicBool,
    text_dir: Option<PathBuf>,
    /// The names of the --keep-column columns.
    keep: Vec<String>,
}

/// Why a file gave no output.
enum Failed {
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
struct Done {
    bytes: u64,
    empty: bool,
    claims: usize,
    malformed: usize,
    encoding: &'static str,
    low_confidence: bool,
    claim_rows: SpillBuffer,
    doc_rows: Vec<u8>,
    audit_rows: Vec<u8>,
}

fn process(ctx: &Ctx<'_>, f: &InputFile) -> Result<Done, Failed> {
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
    if let Some(page) = &decoded.page {
        page.fill(&mut meta);
    }
    meta.path_date = date_in_path(&f.path);
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
fn process_line(ctx: &Ctx<'_>, item: &Item) -> Result<Done, Failed> {
    match item {
        Item::Bad(e) => Err(Failed::Input(
            Error::new(e.kind().clone()).with_path(item.path()),
        )),
        Item::Doc(d) => {
            let mut meta = d.meta.clone();
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
fn read_stdin(limit: u64) -> Result<Vec<u8>, Error> {
    let path = std::path::Path::new("<stdin>");
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map_err(|e| Error::from(e).with_path(path))?;
        cli::input::read_at_most(std::fs::File::from(fd), 0, path, limit)
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
struct Doc<'a> {
    name: &'a str,
    path: &'a std::path::Path,
    text: &'a str,
    size: u64,
    /// The cells of the kept columns, in `Ctx::keep`'s order.
    keep: &'a [String],
}

fn extract(
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
    let spill = SpillBuffer::new(SPILL, cap, Arc::clone(&ctx.spill));
    let mut cw = ClaimWriter::without_header(spill, ctx.format);
    let mut failed: Option<io::Error> = None;
    let mut audit_rows = Vec::new();
    let mut record = ctx.extractor.analyze_checked_into(
        text,
        meta,
        &mut |c| {
            if failed.is_none() {
                if let Err(e) = cw.write_with(doc, &c, &extra) {
                    failed = Some(e);
                }
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
    let encoding = decoding.as_ref().map_or("UTF-8", |d| d.encoding);
    let low_confidence = decoding.as_ref().is_some_and(Decoding::low_confidence);
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
        encoding,
        low_confidence,
        claim_rows,
        doc_rows,
        audit_rows,
    })
}

/// An input of the run: a file, or a line of stdin.
trait Job: Send {
    /// The bytes it brings into memory, for the window's budget.
    fn size(&self) -> u64;
    /// The name its messages give.
    fn path(&self) -> PathBuf;
}

impl Job for &InputFile {
    fn size(&self) -> u64 {
        self.size
    }
    fn path(&self) -> PathBuf {
        self.path.clone()
    }
}

impl Job for Item {
    fn size(&self) -> u64 {
        Item::size(self)
    }
    fn path(&self) -> PathBuf {
        match self {
            Item::Doc(d) => d.path.clone(),
            Item::Bad(e) => e
                .path()
                .map_or_else(|| PathBuf::from("<stdin>"), std::path::Path::to_path_buf),
        }
    }
}

/// What the writer of [`in_order`] waits for: the next input, or an input done.
enum Event<T> {
    Next(Option<T>),
    Done(usize, T, Result<Done, Failed>),
}

/// Processes `items` on `pool` with `work` and hands each outcome to `write` in input
/// order, as soon as it and all before it are done. At most a window of items is in flight
/// (by count and by size). Items are taken from `items` on a thread of their own, one when
/// there is room, so a stream that waits for the claims of what it sent before it sends
/// more is answered, and memory stays bounded for any number of files or any length of
/// stream; `Break` stops the run.
fn in_order<T, I, P, W>(pool: &rayon::ThreadPool, items: I, ctx: &Ctx<'_>, work: P, mut write: W)
where
    T: Job,
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
    P: Fn(&T) -> Result<Done, Failed> + Sync,
    W: FnMut(T, Result<Done, Failed>) -> ControlFlow<()>,
{
    const BYTE_BUDGET: u64 = 512 << 20;
    let window = pool.current_num_threads().saturating_mul(8).max(16);
    let (tx, rx) = mpsc::channel::<Event<T>>();
    let (permit, permits) = mpsc::channel::<()>();
    let items = items.into_iter();
    let work = &work;
    std::thread::scope(|threads| {
        let feed = tx.clone();
        threads.spawn(move || {
            let mut items = items;
            while permits.recv().is_ok() {
                let item = items.next();
                let end = item.is_none();
                if feed.send(Event::Next(item)).is_err() || end {
                    break;
                }
            }
        });
        pool.in_place_scope(|scope| {
            let mut next_submit = 0usize;
            let mut next_write = 0usize;
            let mut in_flight_bytes = 0u64;
            let mut sizes: BTreeMap<usize, u64> = BTreeMap::new();
            let mut pending: BTreeMap<usize, (T, Result<Done, Failed>)> = BTreeMap::new();
            let (mut asked, mut exhausted) = (false, false);
            loop {
                let busy = next_submit.saturating_sub(next_write);
                let room = busy < window && (busy == 0 || in_flight_bytes < BYTE_BUDGET);
                if !exhausted && !asked && room {
                    asked = permit.send(()).is_ok();
                    exhausted = !asked;
                }
                if exhausted && next_write >= next_submit {
                    break;
                }
                let Ok(event) = rx.recv() else { break };
                match event {
                    Event::Next(None) => (asked, exhausted) = (false, true),
                    Event::Next(Some(item)) => {
                        asked = false;
                        let n = item.size();
                        in_flight_bytes = in_flight_bytes.saturating_add(n);
                        sizes.insert(next_submit, n);
                        let (tx, i) = (tx.clone(), next_submit);
                        scope.spawn(move |_| {
                            // A panic would leave the writer waiting for this item forever:
                            // report it as this item's failure instead.
                            let r = std::panic::catch_unwind(AssertUnwindSafe(|| work(&item)))
                                .unwrap_or_else(|_| {
                                    Err(Error::new(ErrorKind::Internal)
                                        .with_path(item.path())
                                        .into())
                                });
                            let _ = tx.send(Event::Done(i, item, r));
                        });
                        next_submit += 1;
                    }
                    Event::Done(i, item, r) => {
                        pending.insert(i, (item, r));
                        while let Some((item, r)) = pending.remove(&next_write) {
                            let n = sizes.remove(&next_write).unwrap_or(0);
                            in_flight_bytes = in_flight_bytes.saturating_sub(n);
                            next_write += 1;
                            if write(item, r).is_break() {
                                ctx.cancel.store(true, Ordering::Relaxed);
                                return;
                            }
                        }
                    }
                }
            }
        });
        // The reader thread ends when it is asked for no more items.
        drop(permit);
    });
}

fn main() -> ExitCode {
    let args = Args::parse();
    let code = match run(args) {
        Ok(code) => code,
        Err(msg) => {
            let _ = writeln!(io::stderr(), "press-stats: {msg}");
            ExitCode::from(2)
        }
    };
    // Whatever ended the run, no temporary file or folder stays behind.
    remove_temporary_files();
    code
}

/// At most four threads a core: more only cost memory and start-up time.
fn threads(asked: usize, report: impl FnOnce(&str)) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let cap = cores.saturating_mul(4);
    if asked > cap {
        report(&format!(
            "-j {asked} is more than 4 threads for each of {cores} core(s): using {cap}"
        ));
        return cap;
    }
    asked
}

fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    // Ctrl-C, SIGTERM, SIGHUP: remove the temporary files so that the outputs stay as they
    // were and nothing half-written is left. Without a handler (it cannot be installed
    // twice, or the platform refuses) a killed run still never truncates an output.
    let _ = ctrlc::set_handler(|| {
        remove_temporary_files();
        let _ = writeln!(
            io::stderr(),
            "press-stats: interrupted; output files left as they were"
        );
        std::process::exit(130);
    });
    let format = match args.format {
        FormatArg::Jsonl => Format::JsonLines,
        FormatArg::Csv => Format::Csv,
    };
    let outputs = Outputs::resolve(&args)?;
    // `-` is one document read from stdin, after the files.
    let (dash, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| p.as_os_str() == "-");
    let mut found = walk(&paths, &WalkOptions::new().with_extensions(&args.ext));
    if !dash.is_empty() {
        found.files.push(InputFile {
            path: PathBuf::from("-"),
            doc: "-".to_owned(),
            size: 0,
        });
    }
    for f in &found.files {
        outputs.check(&f.path, "the input")?;
    }
    if let Some(p) = &args.meta {
        outputs.check(p, "the --meta file")?;
    }
    if let Some(p) = &args.table {
        outputs.check(p, "the --table file")?;
    }
    let meta = match &args.meta {
        Some(p) => Some(MetaTable::read(p, args.max_size).map_err(|e| format!("--meta {e}"))?),
        None => None,
    };
    let extractor = Extractor::new().map_err(|e| e.to_string())?;
    let threads = threads(args.threads, |msg| {
        let _ = writeln!(io::stderr(), "press-stats: {msg}");
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start threads: {e}"))?;

    let open = |d: &Destination, what: &str| {
        OutputFile::create(d).map_err(|e| format!("{what} {}: cannot write: {e}", shown(d.path())))
    };
    let mut out = match &outputs.claims {
        Some(d) => Out::File(open(d, "-o")?),
        None => Out::Stdout(io::BufWriter::with_capacity(1 << 16, stdout()?)),
    };
    let mut docs = match &outputs.docs {
        Some(d) => Some(open(d, "--docs")?),
        None => None,
    };
    let mut audit = match &outputs.audit {
        Some(d) => Some(open(d, "--audit")?),
        None => None,
    };
    // Rows too many to keep in memory go next to the output file they are bound for (its
    // disk has room for them), else to the temporary folder.
    let spill_base = outputs
        .claims
        .as_ref()
        .and_then(Destination::folder)
        .map_or_else(std::env::temp_dir, std::path::Path::to_path_buf);
    let spill = Arc::new(SpillDir::new(spill_base));
    let bar = if io::stderr().is_terminal() {
        let total = u64::try_from(found.files.len()).unwrap_or(u64::MAX);
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template(
            "{elapsed_precise} {wide_bar} {human_pos}/{human_len} files, ETA {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut report = Report {
        bar,
        read: 0,
        empty: 0,
        damaged: 0,
        claims: 0,
        bytes: 0,
        skipped: BTreeMap::new(),
        failed: BTreeMap::new(),
    };
    for p in &found.problems {
        report.problem(p);
    }

    let kept: Vec<&str> = args.keep_column.iter().map(String::as_str).collect();
    let header = ClaimWriter::with_columns(Vec::new(), format, &kept)
        .and_then(ClaimWriter::into_inner)
        .map_err(|e| e.to_string())?;
    let doc_header = DocumentWriter::new(Vec::new(), format)
        .and_then(DocumentWriter::into_inner)
        .map_err(|e| e.to_string())?;
    let mut pipe_closed = false;
    let mut out_error: Option<String> = None;
    match out.write_all(&header) {
        Err(e) if is_pipe_closed(&e) && args.output.is_none() => pipe_closed = true,
        Err(e) => out_error = Some(format!("writing claims: {e}")),
        Ok(()) => {}
    }
    if let Some(d) = &mut docs {
        if let Err(e) = d.write_all(&doc_header) {
            out_error = Some(format!("--docs {}: {e}", shown(d.path())));
        }
    }

    let ctx = Ctx {
        extractor: &extractor,
        meta: meta.as_ref(),
        date: args.date,
        decode: args.encoding.unwrap_or_default(),
        max_size: args.max_size,
        format,
        docs: docs.is_some(),
        audit: audit.is_some(),
        spill,
        cancel: AtomicBool::new(false),
        text_dir: args.text_dir.clone(),
        keep: args.keep_column.clone(),
    };
    let mut seen_docs: BTreeSet<&str> = BTreeSet::new();
    if !pipe_closed && out_error.is_none() {
        // `stream`: a document of --stdin-jsonl, whose rows are flushed at once (the
        // reader may wait for them before it sends more), and whose bad line is skipped
        // rather than failed (it must not fail a Spark or Hadoop task).
        let mut emit = |path: &std::path::Path, r: Result<Done, Failed>, stream: bool| {
            match r {
                Err(Failed::Input(e)) if stream => {
                    report.skip(&e, "malformed line");
                    report.bar.inc(1);
                }
                Err(Failed::Input(e)) => {
                    report.problem(&e);
                    report.bar.inc(1);
                }
                Err(Failed::Temporary(e)) => out_error = Some(e.to_string()),
                Ok(d) => {
                    report.done(path, &d);
                    let copied = d.claim_rows.copy_into(&mut out);
                    if let Err(e) = copied.and_then(|()| if stream { out.flush() } else { Ok(()) })
                    {
                        if is_pipe_closed(&e) && args.output.is_none() {
                            pipe_closed = true;
                        } else {
                            out_error = Some(format!("writing claims: {e}"));
                        }
                    }
                    if let Some(w) = &mut docs {
                        if let Err(e) = w.write_all(&d.doc_rows) {
                            out_error = Some(format!("--docs {}: {e}", shown(w.path())));
                        }
                    }
                    if let Some(w) = &mut audit {
                        if let Err(e) = w.write_all(&d.audit_rows) {
                            out_error = Some(format!("--audit {}: {e}", shown(w.path())));
                        }
                    }
                }
            }
            if pipe_closed || out_error.is_some() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        if let Some(path) = &args.table {
            let file =
                std::fs::File::open(path).map_err(|e| format!("--table {}: {e}", shown(path)))?;
            let rows = TableRows::new(
                io::BufReader::new(file),
                path,
                args.text_column.as_deref().unwrap_or_default(),
                args.doc_column.as_deref().unwrap_or_default(),
                args.date_column.as_deref(),
                &args.keep_column,
            )
            .map_err(|e| format!("--table {}: {e}", shown(path)))?;
            in_order(
                &pool,
                rows,
                &ctx,
                |item| process_line(&ctx, item),
                |item, r| emit(&item.path(), r, true),
            );
        } else if args.stdin_jsonl {
            let lines = Lines::new(io::BufReader::new(io::stdin()), args.max_size);
            in_order(
                &pool,
                lines,
                &ctx,
                |item| process_line(&ctx, item),
                |item, r| emit(&item.path(), r, true),
            );
        } else {
            in_order(
                &pool,
                &found.files,
                &ctx,
                |f| process(&ctx, f),
                |f, r| {
                    if r.is_ok() {
                        seen_docs.insert(f.doc.as_str());
                    }
                    emit(&f.path, r, false)
                },
            );
        }
    }
    report.bar.finish_and_clear();

    if !pipe_closed && out_error.is_none() {
        match out.finish() {
            Err(e) if is_pipe_closed(&e) && args.output.is_none() => pipe_closed = true,
            Err(e) => out_error = Some(format!("writing claims: {e}")),
            Ok(()) => {}
        }
    }
    if pipe_closed {
        // The reader has all it wanted: stop quietly (the --docs file is not completed),
        // but not as a success, so that a pipeline can tell the output was cut short.
        return Ok(ExitCode::from(PIPE_CLOSED));
    }
    if let Some(msg) = out_error {
        return Err(msg);
    }
    if let Some(d) = docs {
        let path = shown(d.path());
        d.commit().map_err(|e| format!("--docs {path}: {e}"))?;
    }
    if let Some(d) = audit {
        let path = shown(d.path());
        d.commit().map_err(|e| format!("--audit {path}: {e}"))?;
    }
    if let (Some(table), Some(p)) = (&meta, &args.meta) {
        let unmatched: BTreeSet<&str> = table.docs().filter(|d| !seen_docs.contains(d)).collect();
        if let Some(first) = unmatched.first() {
            report.line(&format!(
                "--meta {}: {} doc(s) listed match no file read (first: {first})",
                shown(p),
                unmatched.len()
            ));
        }
    }
    report.line(&report.summary(found.ignored, started.elapsed().as_secs_f64()));
    let failed = report.failed.values().sum::<usize>() > 0;
    let skipped = report.skipped.values().sum::<usize>() > 0;
    Ok(if failed || (args.strict && skipped) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
