//! The `press-stats` command: see `press-stats --help`.
//!
//! Argument parsing, threads, progress and writing ([`cli`]: walking the inputs, reading
//! them, writing output files safely); extraction and serialization are in the library.

mod cli;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use cli::files::{Destination, OutputFile, SpillDir, remove_temporary_files};
use cli::input::{InputFile, WalkOptions, walk};
use cli::meta::{MetaTable, parse_date};
use cli::order::{Job, in_order};
use cli::outputs::{Out, Outputs, PIPE_CLOSED, is_pipe_closed, stdout};
use cli::parquet::ParquetOut;
use cli::process::{Done, Failed, process, process_line};
use cli::report::Report;
use cli::stdin::{Item, Lines, TableRows};
use cli::table::{ParquetRows, is_parquet};
use indicatif::{ProgressBar, ProgressStyle};
use press_stats::output::{ClaimWriter, DocumentWriter, Fields, Format};

use press_stats::{Date, DecodeOptions, Error, Extractor};

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
    /// the stream goes; a malformed line is named on stderr and skipped. A line's own
    /// fields win over --meta, which fills those it lacks.
    #[arg(long, conflicts_with_all = ["paths"])]
    stdin_jsonl: bool,

    /// Read documents from a table, one a row (--text-column, --doc-column,
    /// --date-column), and write their claims in the table's order: CSV with a header, or
    /// Parquet (told by its content). A row's own date wins over --meta, which fills the
    /// rest.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "stdin_jsonl"],
          requires_all = ["text_column", "doc_column"])]
    table: Option<PathBuf>,

    /// The --table column that holds each document's text (in Parquet a string, or bytes
    /// decoded as a file's are).
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,

    /// The --table column that names each document (its `doc` in the output; in Parquet
    /// a string or an integer).
    #[arg(long, value_name = "NAME")]
    doc_column: Option<String>,

    /// The --table column that holds each document's date (YYYY-MM-DD; in Parquet also a
    /// date or a timestamp).
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

    /// Write only these claim columns, in this order, named as in the CSV header
    /// (comma-separated: `doc,start,end,text,value,unit,date_start`): CSV columns, keys of a
    /// flat JSON object, or Parquet columns (also `value_text`, `upper_text`). The --docs
    /// and --audit records stay whole.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    fields: Vec<String>,

    /// Also write one record per document (title, date, genre, region, speakers, claim
    /// count, encoding) to FILE, in --format (JSON Lines with --format parquet).
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
    /// `region`, `publisher`, or JSON Lines with those keys; `doc` as the output writes
    /// it. With --stdin-jsonl and --table it fills what a line or row does not give.
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
    /// Parquet (claims only, to an -o file; --docs records are then JSON Lines).
    Parquet,
}

fn keep_arg(s: &str) -> Result<String, String> {
    use press_stats::output::{CLAIM_FIELDS, EXACT_FIELDS};
    // The exact-value columns too: Parquet has them after the claim's.
    if CLAIM_FIELDS.contains(&s) || EXACT_FIELDS.contains(&s) {
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
    /// The --fields columns of the claim rows, `None` for the full record.
    fields: Option<Fields>,
    docs: bool,
    audit: bool,
    spill: Arc<SpillDir>,
    cancel: AtomicBool,
    text_dir: Option<PathBuf>,
    /// The names of the --keep-column columns.
    keep: Vec<String>,
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

/// Notes a document of a stream or table that --meta lists, once read (only those: a
/// stream's names are not all kept).
fn seen(
    seen: &mut BTreeSet<String>,
    meta: Option<&MetaTable>,
    item: &Item,
    r: &Result<Done, Failed>,
) {
    if let (Some(table), Item::Doc(d), Ok(_)) = (meta, item, r)
        && table.get(&d.doc).is_some()
    {
        seen.insert(d.doc.clone());
    }
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
    // The lexicons load while the arguments, the inputs and the outputs are looked at.
    let extractor = std::thread::spawn(Extractor::new);
    let format = match args.format {
        FormatArg::Jsonl => Format::JsonLines,
        FormatArg::Csv => Format::Csv,
        // Workers serialize JSON Lines rows; the Parquet writer parses them into columns.
        FormatArg::Parquet => Format::JsonLines,
    };
    let parquet = matches!(args.format, FormatArg::Parquet);
    if parquet && args.output.is_none() {
        return Err(
            "--format parquet needs -o FILE: Parquet is a binary file, not for stdout".to_owned(),
        );
    }
    // Parquet picks its columns from the full rows the workers write.
    let (fields, parquet_columns) = match (args.fields.is_empty(), parquet) {
        (true, _) => (None, None),
        (false, true) => (None, Some(ParquetOut::columns(&args.fields)?)),
        (false, false) => (
            Some(Fields::parse(&args.fields).map_err(|e| format!("--fields: {e}"))?),
            None,
        ),
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
            meta: None,
        });
    }
    for f in &found.files {
        outputs.check(&f.path, f.meta.as_ref(), "the input")?;
    }
    if let Some(p) = &args.meta {
        outputs.check(p, None, "the --meta file")?;
    }
    if let Some(p) = &args.table {
        outputs.check(p, None, "the --table file")?;
    }
    let meta = match &args.meta {
        Some(p) => Some(MetaTable::read(p, args.max_size).map_err(|e| format!("--meta {e}"))?),
        None => None,
    };
    let extractor = extractor
        .join()
        .map_err(|_| "cannot load the lexicons".to_owned())?
        .map_err(|e| e.to_string())?;
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
        Some(d) if parquet => Out::Parquet(Box::new(
            ParquetOut::new(
                open(d, "-o")?,
                parquet_columns.as_deref(),
                &args.keep_column,
            )
            .map_err(|e| format!("-o {}: cannot write: {e}", shown(d.path())))?,
        )),
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
    let header = match &fields {
        Some(f) => ClaimWriter::with_fields(Vec::new(), format, f.clone(), &kept),
        None => ClaimWriter::with_columns(Vec::new(), format, &kept),
    }
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
    if let Some(d) = &mut docs
        && let Err(e) = d.write_all(&doc_header)
    {
        out_error = Some(format!("--docs {}: {e}", shown(d.path())));
    }

    let ctx = Ctx {
        extractor: &extractor,
        meta: meta.as_ref(),
        date: args.date,
        decode: args.encoding.unwrap_or_default(),
        max_size: args.max_size,
        format,
        fields,
        docs: docs.is_some(),
        audit: audit.is_some(),
        spill,
        cancel: AtomicBool::new(false),
        text_dir: args.text_dir.clone(),
        keep: args.keep_column.clone(),
    };
    let mut seen_docs: BTreeSet<String> = BTreeSet::new();
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
                    if let Some(w) = &mut docs
                        && let Err(e) = w.write_all(&d.doc_rows)
                    {
                        out_error = Some(format!("--docs {}: {e}", shown(w.path())));
                    }
                    if let Some(w) = &mut audit
                        && let Err(e) = w.write_all(&d.audit_rows)
                    {
                        out_error = Some(format!("--audit {}: {e}", shown(w.path())));
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
            let text = args.text_column.as_deref().unwrap_or_default();
            let doc = args.doc_column.as_deref().unwrap_or_default();
            let date = args.date_column.as_deref();
            let rows: Box<dyn Iterator<Item = Item> + Send> = if is_parquet(path) {
                Box::new(
                    ParquetRows::open(path, text, doc, date, &args.keep_column, ctx.decode)
                        .map_err(|e| format!("--table {}: {e}", shown(path)))?,
                )
            } else {
                let file = std::fs::File::open(path)
                    .map_err(|e| format!("--table {}: {e}", shown(path)))?;
                Box::new(
                    TableRows::new(
                        io::BufReader::new(file),
                        path,
                        text,
                        doc,
                        date,
                        &args.keep_column,
                    )
                    .map_err(|e| format!("--table {}: {e}", shown(path)))?,
                )
            };
            in_order(
                &pool,
                rows,
                &ctx,
                |item| process_line(&ctx, item),
                |item, r| {
                    seen(&mut seen_docs, meta.as_ref(), &item, &r);
                    emit(&item.path(), r, true)
                },
            );
        } else if args.stdin_jsonl {
            let lines = Lines::new(io::BufReader::new(io::stdin()), args.max_size);
            in_order(
                &pool,
                lines,
                &ctx,
                |item| process_line(&ctx, item),
                |item, r| {
                    seen(&mut seen_docs, meta.as_ref(), &item, &r);
                    emit(&item.path(), r, true)
                },
            );
        } else {
            in_order(
                &pool,
                &found.files,
                &ctx,
                |f| process(&ctx, f),
                |f, r| {
                    if r.is_ok() {
                        seen_docs.insert(f.doc.clone());
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
        let unmatched: BTreeSet<&str> = table.docs().filter(|d| !seen_docs.contains(*d)).collect();
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
