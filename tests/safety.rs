//! Issue 9: output paths, temporary files, hangs, memory bounds and the smaller defects an
//! attack on the command found. Each test is named after what broke; every device-like
//! path (FIFO, symbolic link) is made inside a temporary folder.

#![cfg(unix)]

use std::ffi::OsString;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod common;
use common::cli::*;

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success(), "mkfifo {}", path.display());
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A document of about 1 MB whose claims serialize to far more than the 8 MB a file may
/// hold in memory before its rows spill to a temporary file.
fn many_claims(dir: &Path) {
    write(&dir.join("many.txt"), "全市收入增长5%。\n".repeat(40_000));
}

// Defect 1: output paths.

#[test]
fn output_fifo_is_written_into_not_replaced() {
    let tmp = with_good_tmp();
    let fifo = tmp.path().join("claims.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        thread::spawn(move || {
            let mut s = String::new();
            fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let r = run(tmp.path(), &["in", "-o", "claims.fifo"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    let got = reader.join().unwrap();
    assert_eq!(got, run(tmp.path(), &["in"]).stdout);
    assert!(leftovers(tmp.path()).is_empty());
}

fn with_good_tmp() -> TempDir {
    let tmp = TempDir::new().unwrap();
    with_good(&tmp);
    tmp
}

#[test]
fn output_symlink_keeps_the_link_and_its_target_keeps_its_mode() {
    let tmp = with_good_tmp();
    let real = tmp.path().join("data/real.jsonl");
    write(&real, "old\n");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    symlink("data/real.jsonl", tmp.path().join("link.jsonl")).unwrap();
    let plain = tmp.path().join("plain.jsonl");
    write(&plain, "old\n");
    fs::set_permissions(&plain, fs::Permissions::from_mode(0o604)).unwrap();

    // Running as root, the replacement also keeps another user's ownership.
    let other = 4321;
    let owned = std::os::unix::fs::chown(&plain, Some(other), Some(other)).is_ok();
    let r = run(
        tmp.path(),
        &["in", "-o", "link.jsonl", "--docs", "plain.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    if owned {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(&plain).unwrap();
        assert_eq!((m.uid(), m.gid()), (other, other));
    }
    let link = fs::symlink_metadata(tmp.path().join("link.jsonl")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        run(tmp.path(), &["in"]).stdout
    );
    assert_eq!(mode(&real), 0o640);
    assert_eq!(mode(&plain), 0o604);
    assert_eq!(docs_of(&read_jsonl(&plain)), ["good.txt"]);
    assert!(leftovers(tmp.path()).is_empty());
    assert!(leftovers(&tmp.path().join("data")).is_empty());
}

/// `-o /dev/stdout` writes into the process's stdout (here a file) instead of renaming a
/// file over `/dev/stdout`.
#[test]
fn dev_stdout_is_written_into() {
    let tmp = with_good_tmp();
    let captured = tmp.path().join("captured.jsonl");
    let child = Command::new(BIN)
        .args(["in", "-o", "/dev/stdout"])
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(fs::File::create(&captured).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (status, err) = finish(child);
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(
        fs::read_to_string(&captured).unwrap(),
        run(tmp.path(), &["in"]).stdout
    );
}

#[test]
fn output_naming_an_input_or_docs_is_refused_before_reading() {
    let tmp = with_good_tmp();
    let good = tmp.path().join("in/good.txt");
    let before = fs::read(&good).unwrap();
    for args in [
        &["in", "-o", "in/good.txt"][..],
        &["in", "--docs", "./in/good.txt"],
        &["in/good.txt", "-o", "in/../in/good.txt"],
    ] {
        let r = run(tmp.path(), args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        r.says("refusing to write over it");
        r.never_says("files read");
        assert_eq!(fs::read(&good).unwrap(), before);
    }
    // The same new file by two spellings.
    let r = run(
        tmp.path(),
        &["in", "-o", "out.jsonl", "--docs", "./out.jsonl"],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    r.says("name the same file");
    assert!(!tmp.path().join("out.jsonl").exists());
    // An existing one through a link.
    write(&tmp.path().join("out.jsonl"), "old\n");
    symlink("out.jsonl", tmp.path().join("alias.jsonl")).unwrap();
    let r = run(
        tmp.path(),
        &["in", "-o", "alias.jsonl", "--docs", "out.jsonl"],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(tmp.path().join("out.jsonl")).unwrap(),
        "old\n"
    );
    // And the --meta file.
    write(
        &tmp.path().join("meta.csv"),
        "doc,date\ngood.txt,2021-05-12\n",
    );
    let r = run(tmp.path(), &["in", "--meta", "meta.csv", "-o", "meta.csv"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        fs::read_to_string(tmp.path().join("meta.csv"))
            .unwrap()
            .starts_with("doc,date")
    );
}

/// A stdout that cannot be written (here opened read-only) fails the run with a message.
#[test]
fn failing_stdout_is_an_error() {
    let tmp = with_good_tmp();
    let ro = tmp.path().join("ro.txt");
    write(&ro, "");
    let child = Command::new(BIN)
        .arg("in")
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(fs::File::open(&ro).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (status, err) = finish(child);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("writing claims"), "{err}");
}

/// A closed stdout (`press-stats in >&-`) fails the run before anything is read, where
/// the claims would otherwise go nowhere and the run say it succeeded.
#[cfg(target_os = "linux")]
#[test]
fn closed_stdout_is_an_error() {
    let tmp = with_good_tmp();
    let child = Command::new("sh")
        .args(["-c", "exec \"$0\" in >&-", BIN])
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (status, err) = finish(child);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("stdout is closed"), "{err}");
    assert!(!err.contains("files read"), "{err}");
    // A stdout sent to /dev/null on purpose is no error.
    let r = Command::new("sh")
        .args(["-c", "exec \"$0\" in >/dev/null", BIN])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
}

// Defect 2: temporary files.

/// Spill files were `$TMPDIR/press-stats-PID-N.rows`, made by a call that follows links
/// and truncates. Now nothing with a name appears: only a private folder, which goes.
#[test]
fn spill_files_are_private_and_go_with_the_run() {
    let tmp = TempDir::new().unwrap();
    many_claims(&tmp.path().join("in"));
    let tmpdir = tmp.path().join("tmpdir");
    fs::create_dir(&tmpdir).unwrap();
    let mut child = Command::new(BIN)
        .args(["in", "-j", "1"])
        .env("TMPDIR", &tmpdir)
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let drain = thread::spawn(move || {
        let mut n = 0u64;
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(k) = out.read(&mut buf) {
            if k == 0 {
                break;
            }
            n += k as u64;
        }
        n
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut private_seen = false;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the run did not end");
        for e in fs::read_dir(&tmpdir).unwrap() {
            let e = e.unwrap();
            let path = e.path();
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue; // removed meanwhile
            };
            assert!(
                meta.is_dir(),
                "a spill file with a name: {}",
                path.display()
            );
            assert_eq!(meta.permissions().mode() & 0o777, 0o700);
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(name.starts_with("press-stats-"), "{name}");
            assert!(name.len() > "press-stats-".len() + 4, "{name}");
            if let Ok(inside) = fs::read_dir(&path) {
                assert_eq!(inside.count(), 0, "a named file in {}", path.display());
            }
            private_seen = true;
        }
        thread::sleep(Duration::from_millis(5));
    }
    let (status, err) = finish(child);
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(drain.join().unwrap() > 8 << 20, "the rows did not spill");
    assert!(private_seen, "no private spill folder was made");
    assert_eq!(fs::read_dir(&tmpdir).unwrap().count(), 0, "left behind");
}

/// A temporary folder that cannot be used stops the run with a message that says so; it
/// was reported as the input file being missing.
#[test]
fn failing_temporary_folder_is_reported_as_such() {
    let tmp = TempDir::new().unwrap();
    many_claims(&tmp.path().join("in"));
    let missing = tmp.path().join("no-such-tmpdir");
    let r = run_env(tmp.path(), &os(&["in"]), &[("TMPDIR", &missing)]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    r.says("temporary folder");
    r.says("no-such-tmpdir");
    r.never_says("in/many.txt");
}

// Defect 7: memory and disk bounds.

/// The rows of a huge document spill next to the -o file, not into `$TMPDIR` (often in
/// memory): with no usable `$TMPDIR` the run still completes.
#[test]
fn spill_goes_next_to_the_output_file() {
    let tmp = TempDir::new().unwrap();
    many_claims(&tmp.path().join("in"));
    fs::create_dir(tmp.path().join("out")).unwrap();
    let missing = tmp.path().join("no-such-tmpdir");
    let r = run_env(
        tmp.path(),
        &os(&["in", "-o", "out/claims.jsonl"]),
        &[("TMPDIR", &missing)],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let written = fs::metadata(tmp.path().join("out/claims.jsonl")).unwrap();
    assert!(written.len() > 8 << 20);
    assert_eq!(fs::read_dir(tmp.path().join("out")).unwrap().count(), 1);
}

/// A text of numbers without sentence ends: every claim's row repeats its long sentence,
/// so 140 KB would take over 20 MB written. The rows of one document are capped at 16
/// times `--max-size` (here 1M): the document is skipped with a message, nothing written.
#[test]
fn rows_of_one_document_are_capped() {
    let tmp = with_good_tmp();
    write(&tmp.path().join("in/numbers.txt"), "1人，".repeat(20_000));
    for format in ["jsonl", "csv"] {
        let r = run(tmp.path(), &["in", "--max-size", "1M", "--format", format]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        r.says("in/numbers.txt: its claims would take more than 16777216 bytes");
        assert!(
            r.summary().contains("1 skipped (1 too many claims)"),
            "{}",
            r.summary()
        );
        assert!(!r.stdout.contains("numbers.txt"));
        assert!(r.stdout.contains("good.txt"));
    }
}

/// `--meta` is read within `--max-size` (an endless `--meta /dev/zero` exhausted memory):
/// here a FIFO that would give 32 MB.
#[test]
fn meta_is_read_within_the_size_limit() {
    let tmp = with_good_tmp();
    let fifo = tmp.path().join("meta.fifo");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        thread::spawn(move || {
            let mut f = fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let block = vec![b'x'; 1 << 16];
            for _ in 0..512 {
                if f.write_all(&block).is_err() {
                    return; // the reader stopped
                }
            }
        })
    };
    let r = run(
        tmp.path(),
        &["in", "--meta", "meta.fifo", "--max-size", "1M"],
    );
    writer.join().unwrap();
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    r.says("--meta");
    r.says("too large");
}

// Defect 4: hangs.

#[test]
fn fifo_named_on_the_command_line_is_skipped_not_waited_for() {
    let tmp = with_good_tmp();
    mkfifo(&tmp.path().join("in/named.fifo"));
    let r = run(tmp.path(), &["in/named.fifo", "in/good.txt"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.says("in/named.fifo: not a regular file, skipped");
    assert!(r.summary().contains("1 files read"), "{}", r.summary());
    assert!(!r.lines().is_empty());
}

#[test]
fn threads_are_capped_at_four_per_core() {
    let tmp = with_good_tmp();
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let asked = (cores * 4 + 1).to_string();
    let r = run(tmp.path(), &["in", "-j", &asked]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.says(&format!("-j {asked} is more than 4 threads"));
    r.says(&format!("using {}", cores * 4));
}

// Defect 8: smaller.

#[cfg(target_os = "linux")]
#[test]
fn control_characters_in_file_names_are_escaped_in_messages() {
    let tmp = with_good_tmp();
    let name = "red\u{1b}[31m\nforged: ok\u{202e}.txt";
    if fs::write(tmp.path().join("in").join(name), "").is_err() {
        eprintln!("the file system refuses such names: nothing to test");
        return;
    }
    let r = run(tmp.path(), &["in"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.says("in/red\\u{1b}[31m\\nforged: ok\\u{202e}.txt: empty file");
    r.never_says("\u{1b}");
    r.never_says("\u{202e}");
    assert!(!r.stderr.lines().any(|l| l.starts_with("forged")));
}

#[test]
fn csv_text_cells_cannot_run_as_formulas_and_numbers_stay_numbers() {
    let tmp = TempDir::new().unwrap();
    write(
        &tmp.path().join("in/=cmd.txt"),
        "=HYPERLINK(\"http://x\")全年增长-1.7%。\n@SUM(1)收入下降5%。\n",
    );
    let r = run(tmp.path(), &["in", "--format", "csv", "--docs", "d.csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    for row in &rows {
        assert_eq!(row.get(0), Some("'=cmd.txt"));
        assert!(row.get(21).unwrap().starts_with('\''), "{row:?}");
    }
    assert_eq!(rows[0].get(3), Some("'-1.7%"));
    assert_eq!(rows[0].get(5), Some("-1.7"));
    assert_eq!(rows[1].get(9), Some("'@SUM(1)收入"));
    let mut rdr = csv::Reader::from_path(tmp.path().join("d.csv")).unwrap();
    let doc = rdr.records().next().unwrap().unwrap();
    assert_eq!(doc.get(0), Some("'=cmd.txt"));
    assert!(doc.get(1).unwrap().starts_with("'=HYPERLINK"), "{doc:?}");
    // JSON Lines hold the text as written.
    let r = run(tmp.path(), &["in"]);
    assert_eq!(r.lines()[0]["doc"], "=cmd.txt");
    assert_eq!(r.lines()[0]["text"], "-1.7%");
}

#[test]
fn doc_is_unique_when_inputs_share_a_relative_path() {
    let tmp = TempDir::new().unwrap();
    let text = &seeds()[0].1;
    for p in [
        "a/corpus/x.txt",
        "b/corpus/x.txt",
        "b/corpus/y.txt",
        "c/x.txt",
    ] {
        write(&tmp.path().join(p), text);
    }
    let r = run(
        tmp.path(),
        &["a/corpus", "b/corpus/", "c/x.txt", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["a/corpus/x.txt", "b/corpus/x.txt", "y.txt", "c/x.txt"]
    );
}

#[test]
fn empty_extension_is_a_usage_error() {
    let tmp = with_good_tmp();
    for ext in ["", ".", "txt,"] {
        let r = run(tmp.path(), &["in", "--ext", ext]);
        assert_eq!(r.code, Some(2), "--ext {ext:?}: {}", r.stderr);
        r.says("cannot be empty");
    }
}

#[test]
fn year_zero_prints_as_four_digits() {
    let tmp = with_good_tmp();
    let r = run(
        tmp.path(),
        &["in", "--date", "0000-06-01", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        read_jsonl(&tmp.path().join("d.jsonl"))[0]["date"],
        "0000-06-01"
    );
    let r = run(
        tmp.path(),
        &[
            "in",
            "--date",
            "0000-06-01",
            "--format",
            "csv",
            "--docs",
            "d.csv",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = fs::read_to_string(tmp.path().join("d.csv")).unwrap();
    assert!(docs.contains(",0000-06-01,supplied,"), "{docs}");
}
