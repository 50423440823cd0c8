//! The `press-stats` command: see `press-stats --help`.
//!
//! Argument parsing, threads, progress and writing; everything else is in the library
//! (`press_stats::input`, `press_stats::output`, `press_stats::decode`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use press_stats::input::{InputFile, MetaTable, WalkOptions, parse_date, read_file, walk};
use press_stats::output::{AtomicFile, ClaimWriter, DocumentWriter, Format, SpillBuffer};

/// Bytes of serialized claims a file may hold in memory before they go to a temporary file.
const SPILL: usize = 8 << 20;
use press_stats::{Date, DateSource, DecodeOptions, Error, ErrorKind, Extractor, Meta, decode_vec};

const AFTER_HELP: &str = "\
Output: one record per claim (spec §2), sorted by path, then offset; identical for any
--threads. `doc` is the path relative to the folder given, or the file name of a file given.

Messages: every input that cannot be used gets one line on stderr (path and reason); empty
files and files with malformed bytes get a note. A one-line summary ends the run.

Exit status: 0 when every input was read (files skipped by policy — binary, too large,
symlink loop, not a regular file — do not count, unless --strict); 1 when any input failed
(permission denied, broken symlink, missing, read error) or, with --strict, was skipped;
2 for a usage error, a bad --meta file, or an output that cannot be written. A closed stdout
pipe (`press-stats DIR | head`) ends the run quietly with status 0.";

/// Extract typed quantitative claims from Chinese government press texts.
#[derive(Parser, Debug)]
#[command(name = "press-stats", version, after_long_help = AFTER_HELP)]
struct Args {
    /// Files and folders to read; folders recursively (symlinks followed, loops detected).
    /// A file named directly is read whatever its extension.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Write claims to FILE instead of stdout (via a temporary file in the same folder,
    /// renamed when the run completes).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Output format of claims and document records.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    format: FormatArg,

    /// Also write one record per document (title, date, genre, region, speakers, claim
    /// count, encoding) to FILE, in --format.
    #[arg(long, value_name = "FILE")]
    docs: Option<PathBuf>,

    /// Extension of the files to take in folders (repeatable or comma-separated; any case).
    #[arg(long, value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    ext: Vec<String>,

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

    /// Worker threads (0: one per core).
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

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a valid YYYY-MM-DD date"))
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
    cancel: AtomicBool,
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
}

fn process(ctx: &Ctx<'_>, f: &InputFile) -> Result<Done, Error> {
    if ctx.cancel.load(Ordering::Relaxed) {
        return Err(Error::from(io::Error::from(io::ErrorKind::Interrupted)));
    }
    let bytes = read_file(&f.path, ctx.max_size)?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let decoded = decode_vec(bytes, &ctx.decode).map_err(|e| e.with_path(&f.path))?;
    let mut meta = ctx
        .meta
        .and_then(|t| t.get(&f.doc))
        .cloned()
        .unwrap_or_default();
    if meta.date.is_none() {
        meta.date = ctx.date;
    }
    let empty = decoded.document.text().trim().is_empty();
    // Claims are serialized as the extractor hands them over; past a limit the rows go to
    // a temporary file, so a huge document does not have to fit in memory.
    let mut cw = ClaimWriter::without_header(SpillBuffer::new(SPILL), ctx.format);
    let mut failed: Option<io::Error> = None;
    let mut record = ctx
        .extractor
        .analyze_into(decoded.document.text(), &meta, &mut |c| {
            if failed.is_none() {
                if let Err(e) = cw.write(&f.doc, &c) {
                    failed = Some(e);
                }
            }
        });
    apply_meta(&mut record, &meta);
    let (malformed, encoding) = (decoded.decoding.malformed, decoded.decoding.encoding);
    let low_confidence = decoded.decoding.low_confidence();
    record.decoding = Some(decoded.decoding);
    let serialize = || -> io::Result<(SpillBuffer, Vec<u8>)> {
        if let Some(e) = failed {
            return Err(e);
        }
        let mut docs = Vec::new();
        if ctx.docs {
            let mut dw = DocumentWriter::without_header(Vec::new(), ctx.format);
            dw.write(&f.doc, &record)?;
            docs = dw.into_inner()?;
        }
        Ok((cw.into_inner()?, docs))
    };
    let (claim_rows, doc_rows) = serialize().map_err(|e| Error::from(e).with_path(&f.path))?;
    Ok(Done {
        bytes: size,
        empty,
        claims: record.claims,
        malformed,
        encoding,
        low_confidence,
        claim_rows,
        doc_rows,
    })
}

/// Supplied fields win over what the text says (the extractor does the same; doing it
/// here too keeps the record right whatever the extractor's stage of development).
fn apply_meta(record: &mut press_stats::DocumentRecord, meta: &Meta) {
    if let Some(d) = meta.date {
        record.date = Some(d);
        record.date_source = Some(DateSource::Supplied);
    }
    if let Some(t) = &meta.title {
        record.title = Some(t.clone());
    }
    if let Some(r) = &meta.region {
        record.region = Some(r.clone());
    }
}

/// Where claims go.
enum Out {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(w) => w.write(buf),
            Out::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File(f) => f.flush(),
        }
    }
}

impl Out {
    fn finish(self) -> io::Result<()> {
        match self {
            Out::Stdout(mut w) => w.flush(),
            Out::File(f) => f.commit(),
        }
    }
}

/// Counts for the summary, and the stderr lines.
struct Report {
    bar: ProgressBar,
    read: usize,
    empty: usize,
    damaged: usize,
    claims: usize,
    bytes: u64,
    skipped: BTreeMap<&'static str, usize>,
    failed: BTreeMap<&'static str, usize>,
}

impl Report {
    fn line(&self, msg: &str) {
        self.bar.suspend(|| {
            let _ = writeln!(io::stderr(), "press-stats: {msg}");
        });
    }

    fn problem(&mut self, e: &Error) {
        self.line(&e.to_string());
        let counts = if e.is_skip() {
            &mut self.skipped
        } else {
            &mut self.failed
        };
        *counts.entry(e.label()).or_default() += 1;
    }

    fn done(&mut self, f: &InputFile, d: &Done) {
        self.read += 1;
        self.claims += d.claims;
        self.bytes = self.bytes.saturating_add(d.bytes);
        if d.empty {
            self.empty += 1;
            self.line(&format!(
                "{}: empty file (no text), no claims",
                f.path.display()
            ));
        }
        if d.malformed > 0 {
            self.damaged += 1;
            self.line(&format!(
                "{}: {} malformed byte(s) replaced with U+FFFD (decoded as {}{})",
                f.path.display(),
                d.malformed,
                d.encoding,
                match d.low_confidence {
                    true => ", a guess of low confidence: --encoding forces one",
                    false => "",
                }
            ));
        }
        self.bar.inc(1);
    }

    fn summary(&self, ignored: usize, seconds: f64) -> String {
        fn counts(m: &BTreeMap<&'static str, usize>, what: &str) -> String {
            let total: usize = m.values().sum();
            if total == 0 {
                return format!("0 {what}");
            }
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{v} {k}")).collect();
            format!("{total} {what} ({})", parts.join(", "))
        }
        let mut read = format!("{} files read", self.read);
        let mut notes = Vec::new();
        if self.empty > 0 {
            notes.push(format!("{} empty", self.empty));
        }
        if self.damaged > 0 {
            notes.push(format!("{} with malformed bytes", self.damaged));
        }
        if !notes.is_empty() {
            read = format!("{read} ({})", notes.join(", "));
        }
        let ignored = if ignored > 0 {
            format!(", {ignored} other files ignored")
        } else {
            String::new()
        };
        let mb = self.bytes as f64 / 1e6;
        let rate = if seconds > 0.0 { mb / seconds } else { 0.0 };
        format!(
            "{read}, {}, {}{ignored}, {} claims, {seconds:.2} s, {mb:.2} MB, {rate:.2} MB/s",
            counts(&self.skipped, "skipped"),
            counts(&self.failed, "failed"),
            self.claims,
        )
    }
}

/// Processes `files` on `pool` and hands each outcome to `write` in file order, as soon as
/// it and all before it are done. At most a window of files is in flight (by count and by
/// size), so memory stays bounded for any number of files; `Break` stops the run.
fn in_order<'f, W>(pool: &rayon::ThreadPool, files: &'f [InputFile], ctx: &Ctx<'_>, mut write: W)
where
    W: FnMut(&'f InputFile, Result<Done, Error>) -> ControlFlow<()>,
{
    const BYTE_BUDGET: u64 = 512 << 20;
    let window = pool.current_num_threads().saturating_mul(8).max(16);
    let (tx, rx) = mpsc::channel::<(usize, Result<Done, Error>)>();
    pool.in_place_scope(|scope| {
        let mut next_submit = 0usize;
        let mut next_write = 0usize;
        let mut in_flight_bytes = 0u64;
        let mut pending: BTreeMap<usize, Result<Done, Error>> = BTreeMap::new();
        while next_write < files.len() {
            while let Some(f) = files.get(next_submit) {
                let busy = next_submit.saturating_sub(next_write);
                if busy >= window || (busy > 0 && in_flight_bytes >= BYTE_BUDGET) {
                    break;
                }
                in_flight_bytes = in_flight_bytes.saturating_add(f.size);
                let (tx, i) = (tx.clone(), next_submit);
                scope.spawn(move |_| {
                    // A panic would leave the writer waiting for this file forever: report
                    // it as this file's failure instead.
                    let r = std::panic::catch_unwind(AssertUnwindSafe(|| process(ctx, f)))
                        .unwrap_or_else(
                            |_| Err(Error::new(ErrorKind::Internal).with_path(&f.path)),
                        );
                    let _ = tx.send((i, r));
                });
                next_submit += 1;
            }
            let Ok((i, r)) = rx.recv() else { break };
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next_write) {
                let Some(f) = files.get(next_write) else {
                    break;
                };
                in_flight_bytes = in_flight_bytes.saturating_sub(f.size);
                next_write += 1;
                if write(f, r).is_break() {
                    ctx.cancel.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(msg) => {
            let _ = writeln!(io::stderr(), "press-stats: {msg}");
            ExitCode::from(2)
        }
    }
}

fn is_pipe_closed(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    // Ctrl-C, SIGTERM, SIGHUP: remove the temporary files so that the outputs stay as they
    // were and nothing half-written is left. Without a handler (it cannot be installed
    // twice, or the platform refuses) a killed run still never truncates an output.
    let _ = ctrlc::set_handler(|| {
        press_stats::output::remove_temporary_files();
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
    if let (Some(o), Some(d)) = (&args.output, &args.docs) {
        if o == d {
            return Err("-o and --docs name the same file".to_owned());
        }
    }
    let meta = match &args.meta {
        Some(p) => Some(MetaTable::read(p).map_err(|e| format!("--meta {e}"))?),
        None => None,
    };
    let extractor = Extractor::new().map_err(|e| e.to_string())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .map_err(|e| format!("cannot start threads: {e}"))?;

    let open = |p: &PathBuf, what: &str| {
        AtomicFile::create(p).map_err(|e| format!("{what} {}: cannot write: {e}", p.display()))
    };
    let mut out = match &args.output {
        Some(p) => Out::File(open(p, "-o")?),
        None => Out::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let mut docs = match &args.docs {
        Some(p) => Some(open(p, "--docs")?),
        None => None,
    };
    let found = walk(&args.paths, &WalkOptions::new().with_extensions(&args.ext));
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

    let header = ClaimWriter::new(Vec::new(), format)
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
            out_error = Some(format!("--docs {}: {e}", d.path().display()));
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
        cancel: AtomicBool::new(false),
    };
    let mut seen_docs: BTreeSet<&str> = BTreeSet::new();
    if !pipe_closed && out_error.is_none() {
        in_order(&pool, &found.files, &ctx, |f, r| {
            match r {
                Err(e) => {
                    report.problem(&e);
                    report.bar.inc(1);
                }
                Ok(d) => {
                    report.done(f, &d);
                    seen_docs.insert(f.doc.as_str());
                    if let Err(e) = d.claim_rows.copy_into(&mut out) {
                        if is_pipe_closed(&e) && args.output.is_none() {
                            pipe_closed = true;
                        } else {
                            out_error = Some(format!("writing claims: {e}"));
                        }
                    }
                    if let Some(w) = &mut docs {
                        if let Err(e) = w.write_all(&d.doc_rows) {
                            out_error = Some(format!("--docs {}: {e}", w.path().display()));
                        }
                    }
                }
            }
            if pipe_closed || out_error.is_some() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
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
        // The reader has all it wanted: stop quietly (the --docs file is not completed).
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(msg) = out_error {
        return Err(msg);
    }
    if let Some(d) = docs {
        let path = d.path().to_path_buf();
        d.commit()
            .map_err(|e| format!("--docs {}: {e}", path.display()))?;
    }
    if let (Some(table), Some(p)) = (&meta, &args.meta) {
        let unmatched: BTreeSet<&str> = table.docs().filter(|d| !seen_docs.contains(d)).collect();
        if let Some(first) = unmatched.first() {
            report.line(&format!(
                "--meta {}: {} doc(s) listed match no file read (first: {first})",
                p.display(),
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
