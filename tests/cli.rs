//! The `press-stats` binary on temporary folders: walking, ordering, formats, metadata,
//! messy inputs, exit codes and output safety.
//!
//! Claim counts are compared between runs and formats (never to a fixed number), so these
//! tests hold whatever the extractor finds.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::cli::*;

#[test]
fn folders_are_walked_recursively_and_ext_selects_files() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path().join("in");
    write(&d.join("a.txt"), "甲");
    write(&d.join("sub/b.txt"), "乙");
    write(&d.join("sub/deeper/d.TXT"), "丁");
    write(&d.join("c.md"), "丙");
    write(&d.join("notes.json"), "{}");
    let r = run(tmp.path(), &["in", "--docs", "docs.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = docs_of(&read_jsonl(&tmp.path().join("docs.jsonl")));
    // .md is taken by default (with .txt, pages and .docx); .json is not.
    assert_eq!(docs, ["a.txt", "c.md", "sub/b.txt", "sub/deeper/d.TXT"]);
    assert!(r.summary().contains("4 files read"), "{}", r.summary());
    assert!(
        r.summary().contains("1 other files ignored"),
        "{}",
        r.summary()
    );

    let r = run(tmp.path(), &["in", "--ext", "md", "--docs", "docs.jsonl"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("docs.jsonl"))),
        ["c.md"]
    );

    let r = run(
        tmp.path(),
        &[
            "in",
            "--ext",
            ".md,txt",
            "--ext",
            "json",
            "--docs",
            "docs.jsonl",
        ],
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("docs.jsonl"))),
        [
            "a.txt",
            "c.md",
            "notes.json",
            "sub/b.txt",
            "sub/deeper/d.TXT"
        ]
    );

    // A file named directly is read whatever its extension, under its file name.
    let r = run(tmp.path(), &["in/c.md", "in/sub", "--docs", "docs.jsonl"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("docs.jsonl"))),
        ["c.md", "b.txt", "deeper/d.TXT"]
    );
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let tmp = corpus();
    let mut outs = Vec::new();
    for threads in ["1", "2", "8"] {
        let docs = format!("docs{threads}.jsonl");
        let r = run(
            tmp.path(),
            &["corpus", "--threads", threads, "--docs", &docs],
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let docs = fs::read(tmp.path().join(docs)).unwrap();
        outs.push((r.stdout, docs));
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);

    // Sorted by path (component by component), then by offset.
    let records = read_jsonl(&tmp.path().join("docs1.jsonl"));
    let docs = docs_of(&records);
    assert_eq!(docs.len(), 10);
    let mut sorted = docs.clone();
    sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    assert_eq!(docs, sorted);
    let claims: Vec<Value> = outs[0]
        .0
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<(usize, u64)> = claims
        .iter()
        .map(|c| {
            let doc = c["doc"].as_str().unwrap();
            (
                docs.iter().position(|d| d == doc).unwrap(),
                c["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "claims out of order");
    // Each document record counts the claims written for it.
    for rec in &records {
        let n = claims.iter().filter(|c| c["doc"] == rec["doc"]).count();
        assert_eq!(rec["claims"].as_u64(), Some(n as u64), "{}", rec["doc"]);
    }
}

#[test]
fn csv_has_the_flattened_fields_and_one_row_per_claim() {
    let tmp = corpus();
    let json = run(tmp.path(), &["corpus", "--docs", "docs.jsonl"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let csv = run(
        tmp.path(),
        &["corpus", "--format", "csv", "--docs", "docs.csv"],
    );
    assert_eq!(csv.code, Some(0), "{}", csv.stderr);

    let mut rdr = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header.join(","),
        "doc,start,end,text,kind,value,upper,approx,unit,subject,change_direction,\
         change_basis,modality,department_name,department_mention,department_source,\
         date_text,date_start,date_end,date_year,date_source,sentence,part_of,change_of"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let lines = json.lines();
    assert_eq!(rows.len(), lines.len());
    for (row, line) in rows.iter().zip(&lines) {
        assert_eq!(row.get(0), line["doc"].as_str());
        assert_eq!(row.get(1), Some(line["start"].to_string().as_str()));
        assert_eq!(row.get(3), line["text"].as_str());
        assert_eq!(row.get(21), line["sentence"].as_str());
        let num = |v: &Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
        assert_eq!(row.get(19), Some(num(&line["date"]["year"]).as_str()));
        assert_eq!(row.get(22), Some(num(&line["part_of"]).as_str()));
        assert_eq!(row.get(23), Some(num(&line["change_of"]).as_str()));
    }

    let mut rdr = csv::Reader::from_path(tmp.path().join("docs.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header.join(","),
        "doc,title,date,date_source,genre,region,speakers,claims,encoding,\
         encoding_guessed,malformed_bytes"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let docs = read_jsonl(&tmp.path().join("docs.jsonl"));
    assert_eq!(rows.len(), docs.len());
    for (row, doc) in rows.iter().zip(&docs) {
        assert_eq!(row.get(0), doc["doc"].as_str());
        assert_eq!(row.get(7), Some(doc["claims"].to_string().as_str()));
        assert_eq!(row.get(8), Some("UTF-8"));
        assert_eq!(row.get(9), Some("false"));
        let speakers: Value = serde_json::from_str(row.get(6).unwrap()).unwrap();
        assert_eq!(speakers, doc["speakers"]);
    }
}

/// Checks that a JSON line has exactly `keys` at top level, in that order.
fn assert_keys(line: &str, keys: &[&str]) {
    let v: Value = serde_json::from_str(line).unwrap();
    let mut have: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = keys.to_vec();
    have.sort_unstable();
    want.sort_unstable();
    assert_eq!(have, want, "{line}");
    // Top-level keys come before any nested key of the same name, so first positions
    // give the order.
    let pos: Vec<usize> = keys
        .iter()
        .map(|k| line.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "key order: {line}");
}

#[test]
fn document_records_have_the_spec_fields() {
    let tmp = corpus();
    let r = run(tmp.path(), &["corpus", "--docs", "docs.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = fs::read_to_string(tmp.path().join("docs.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 10);
    for line in text.lines() {
        assert_keys(
            line,
            &[
                "doc",
                "title",
                "date",
                "date_source",
                "genre",
                "region",
                "speakers",
                "claims",
                "encoding",
                "encoding_guessed",
                "malformed_bytes",
            ],
        );
        let d: Value = serde_json::from_str(line).unwrap();
        assert_eq!(d["encoding"], "UTF-8");
        assert_eq!(d["malformed_bytes"], 0);
        assert!(["news", "transcript", "report"].contains(&d["genre"].as_str().unwrap()));
    }
    // Claim records carry exactly the spec's fields, doc first.
    for line in r.stdout.lines() {
        assert_keys(
            line,
            &[
                "doc",
                "start",
                "end",
                "text",
                "kind",
                "value",
                "upper",
                "approx",
                "unit",
                "subject",
                "change",
                "modality",
                "department",
                "date",
                "sentence",
                "part_of",
                "change_of",
            ],
        );
    }
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let tmp = corpus();
    let out = tmp.path().join("out.jsonl");
    fs::write(&out, "old\n").unwrap();
    let r = run(tmp.path(), &["corpus", "-o", "out.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let stdout_run = run(tmp.path(), &["corpus"]);
    assert_eq!(fs::read_to_string(&out).unwrap(), stdout_run.stdout);
    assert!(leftovers(tmp.path()).is_empty());

    // A run that fails before completing leaves the old file as it was, and no temporary.
    fs::write(&out, "old\n").unwrap();
    let r = run(
        tmp.path(),
        &[
            "corpus",
            "-o",
            "out.jsonl",
            "--docs",
            "missing/dir/docs.jsonl",
        ],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("missing/dir/docs.jsonl"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&out).unwrap(), "old\n");
    assert!(leftovers(tmp.path()).is_empty());

    let r = run(
        tmp.path(),
        &["corpus", "-o", "x.jsonl", "--docs", "x.jsonl"],
    );
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("same file"), "{}", r.stderr);

    let r = run(tmp.path(), &["corpus", "-o", "corpus"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

/// Ctrl-C in the middle of a run: status 130, the old output untouched, no temporary left.
#[cfg(unix)]
#[test]
fn an_interrupted_run_keeps_the_old_output_and_leaves_no_temporary() {
    let tmp = TempDir::new().unwrap();
    // Long enough (about 20 MB) that the run is still going when the signal comes.
    let text: String = seeds().iter().map(|(_, t)| t.as_str()).collect();
    let big = text.repeat((20 << 20) / text.len() + 1);
    write(&tmp.path().join("in/big.txt"), &big);
    let out = tmp.path().join("out.jsonl");
    fs::write(&out, "old\n").unwrap();
    let mut child = Command::new(BIN)
        .args(["in", "-o", "out.jsonl", "-j", "1"])
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Until its rows spill too (to a private folder next to the output), so that the
    // handler has both kinds of temporary to remove.
    let deadline = Instant::now() + Duration::from_secs(60);
    let spilling = |dir: &Path| leftovers(dir).iter().any(|n| n.starts_with("press-stats-"));
    while leftovers(tmp.path()).len() < 2 || !spilling(tmp.path()) {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        assert!(child.try_wait().unwrap().is_none(), "the run ended early");
        thread::sleep(Duration::from_millis(2));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (status, err) = finish(child);
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "old\n");
    assert!(
        leftovers(tmp.path()).is_empty(),
        "{:?}",
        leftovers(tmp.path())
    );
}

#[test]
fn supplied_date_and_meta_reach_the_document_records() {
    let tmp = TempDir::new().unwrap();
    let (name, text) = &seeds()[0];
    write(&tmp.path().join("in/a.txt"), text);
    write(&tmp.path().join("in/sub/b.txt"), text);
    write(&tmp.path().join(format!("in/{name}")), text);

    let r = run(
        tmp.path(),
        &["in", "--date", "2021-05-12", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for d in read_jsonl(&tmp.path().join("d.jsonl")) {
        assert_eq!(d["date"], "2021-05-12", "{d}");
        assert_eq!(d["date_source"], "supplied");
    }

    let meta = "doc,url,date,title,region\n\
                a.txt,http://example.org/1,2020-01-31,标题甲,东莞市\n\
                sub/b.txt,,2019-12-01 08:00:00,,\n\
                unknown.txt,,2018-01-01,,\n";
    write(&tmp.path().join("meta.csv"), meta);
    let r = run(
        tmp.path(),
        &[
            "in",
            "--meta",
            "meta.csv",
            "--date",
            "2021-05-12",
            "--docs",
            "d.jsonl",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("1 doc(s) listed match no file read (first: unknown.txt)"),
        "{}",
        r.stderr
    );
    let docs = read_jsonl(&tmp.path().join("d.jsonl"));
    let by = |doc: &str| docs.iter().find(|d| d["doc"] == doc).unwrap().clone();
    let a = by("a.txt");
    assert_eq!(a["date"], "2020-01-31");
    assert_eq!(a["date_source"], "supplied");
    assert_eq!(a["title"], "标题甲");
    assert_eq!(a["region"], "东莞市");
    assert_eq!(by("sub/b.txt")["date"], "2019-12-01");
    // Not in the metadata: --date applies.
    assert_eq!(by(name)["date"], "2021-05-12");

    let meta = "{\"doc\":\"a.txt\",\"date\":\"2022-02-02\",\"region\":\"宁德市\"}\n\
                {\"doc\":\"sub/b.txt\",\"date\":null,\"title\":\"乙\"}\n";
    write(&tmp.path().join("meta.jsonl"), meta);
    let r = run(
        tmp.path(),
        &["in", "--meta", "meta.jsonl", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = read_jsonl(&tmp.path().join("d.jsonl"));
    let by = |doc: &str| docs.iter().find(|d| d["doc"] == doc).unwrap().clone();
    assert_eq!(by("a.txt")["date"], "2022-02-02");
    assert_eq!(by("a.txt")["region"], "宁德市");
    assert_eq!(by("sub/b.txt")["title"], "乙");
    assert_ne!(by("sub/b.txt")["date_source"], "supplied");
}

#[test]
fn bad_meta_lines_and_bad_options_are_reported_with_status_2() {
    let tmp = corpus();
    write(
        &tmp.path().join("meta.csv"),
        "doc,date\na.txt,2021-05-12\nb.txt,2021-02-30\n",
    );
    let r = run(tmp.path(), &["corpus", "--meta", "meta.csv"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("meta.csv: line 3: date is not a valid"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    write(
        &tmp.path().join("meta.jsonl"),
        "{\"doc\":\"a.txt\",\"date\":\"2021-05-12\"}\n{\"doc\":\"b.txt\",\n",
    );
    let r = run(tmp.path(), &["corpus", "--meta", "meta.jsonl"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("meta.jsonl: line 2: not valid JSON"),
        "{}",
        r.stderr
    );

    let r = run(tmp.path(), &["corpus", "--meta", "nothing-here.csv"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("nothing-here.csv"), "{}", r.stderr);

    for args in [
        &["corpus", "--date", "2021-13-01"][..],
        &["corpus", "--encoding", "klingon"],
        &["corpus", "--format", "xml"],
        &["corpus", "--max-size", "lots"],
        &[],
    ] {
        let r = run(tmp.path(), args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    let r = run(tmp.path(), &["corpus", "--encoding", "klingon"]);
    assert!(r.stderr.contains("unknown encoding"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_files_fail_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    let d = with_good(&tmp);
    let locked = d.join("locked.txt");
    write(&locked, "内容");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("running with the power to read any file (root): nothing to test");
        return;
    }
    let closed = d.join("closed");
    write(&closed.join("inside.txt"), "内容");
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();
    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for p in ["in/locked.txt", "in/closed"] {
        assert!(
            r.stderr.contains(&format!("{p}: permission denied")),
            "{}",
            r.stderr
        );
    }
    assert!(
        r.summary().contains("2 failed (2 permission denied)"),
        "{}",
        r.summary()
    );
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["good.txt"]
    );
}

#[test]
fn binary_files_are_skipped_not_failed() {
    let tmp = TempDir::new().unwrap();
    let d = with_good(&tmp);
    write(&d.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("in/image.txt: binary file"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary().contains("1 skipped (1 binary)"),
        "{}",
        r.summary()
    );
    assert!(r.summary().contains("1 files read"), "{}", r.summary());
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["good.txt"]
    );
    let r = run(tmp.path(), &["in", "--strict"]);
    assert_eq!(r.code, Some(1));
}

#[test]
fn oversized_files_are_skipped() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path().join("in");
    write(&d.join("small.txt"), "一二三");
    write(&d.join("big.txt"), "大".repeat(100));
    let r = run(
        tmp.path(),
        &["in", "--max-size", "100", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("in/big.txt: file too large (300 bytes, limit 100)"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary().contains("1 skipped (1 too large)"),
        "{}",
        r.summary()
    );
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["small.txt"]
    );
    let r = run(tmp.path(), &["in", "--max-size", "1K", "--docs", "d.jsonl"]);
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["big.txt", "small.txt"]
    );
    assert!(r.summary().contains("0 skipped"), "{}", r.summary());
}

#[test]
fn empty_files_are_documents_without_claims() {
    let tmp = TempDir::new().unwrap();
    let d = with_good(&tmp);
    write(&d.join("empty.txt"), "");
    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("in/empty.txt: empty file"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary().contains("2 files read (1 empty)"),
        "{}",
        r.summary()
    );
    let docs = read_jsonl(&tmp.path().join("d.jsonl"));
    assert_eq!(docs_of(&docs), ["empty.txt", "good.txt"]);
    assert_eq!(docs[0]["claims"], 0);
    assert!(r.lines().iter().all(|c| c["doc"] != "empty.txt"));
}

#[cfg(unix)]
#[test]
fn broken_symlinks_fail_and_loops_do_not_hang() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    let d = with_good(&tmp);
    symlink("nowhere.txt", d.join("broken.txt")).unwrap();
    let r = run(tmp.path(), &["in"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("in/broken.txt: broken symbolic link"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary().contains("1 failed (1 broken symlink)"),
        "{}",
        r.summary()
    );
    fs::remove_file(d.join("broken.txt")).unwrap();

    // Links back to an ancestor and to themselves.
    fs::create_dir_all(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up")).unwrap();
    symlink("self.txt", d.join("self.txt")).unwrap();
    symlink("b", d.join("a")).unwrap();
    symlink("a", d.join("b")).unwrap();
    // A link to a folder elsewhere is followed.
    write(&tmp.path().join("elsewhere/linked.txt"), "内容");
    symlink(tmp.path().join("elsewhere"), d.join("sub/other")).unwrap();
    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for p in ["in/sub/up", "in/self.txt", "in/a", "in/b"] {
        assert!(
            r.stderr.contains(&format!("{p}: symbolic link loop")),
            "{p}: {}",
            r.stderr
        );
    }
    assert!(
        r.summary().contains("4 skipped (4 symlink loop)"),
        "{}",
        r.summary()
    );
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["good.txt", "sub/other/linked.txt"]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names_are_processed() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = TempDir::new().unwrap();
    let d = with_good(&tmp);
    let name = std::ffi::OsStr::from_bytes(b"\xff\xfe-\xd6\xd0.txt");
    if fs::write(d.join(name), "内容").is_err() {
        eprintln!("the file system refuses non-UTF-8 names: nothing to test");
        return;
    }
    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["good.txt", "\u{FFFD}\u{FFFD}-\u{FFFD}\u{FFFD}.txt"]
    );
    // And given directly.
    let path = std::ffi::OsString::from_vec([b"in/".as_slice(), name.as_bytes()].concat());
    let r = run_os(tmp.path(), &[path, "--docs".into(), "d.jsonl".into()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        docs_of(&read_jsonl(&tmp.path().join("d.jsonl"))),
        ["\u{FFFD}\u{FFFD}-\u{FFFD}\u{FFFD}.txt"]
    );
}

#[cfg(target_os = "linux")]
use std::os::unix::ffi::OsStringExt;

#[test]
fn missing_inputs_fail_with_status_1() {
    let tmp = TempDir::new().unwrap();
    with_good(&tmp);
    let r = run(tmp.path(), &["in", "no-such-folder"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("no-such-folder: no such file or directory"),
        "{}",
        r.stderr
    );
    let r = run(tmp.path(), &["in"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn encodings_are_detected_and_give_the_same_claims() {
    let tmp = TempDir::new().unwrap();
    let (_, text) = &seeds()[1];
    let d = tmp.path().join("in");
    write(&d.join("a-utf8.txt"), text);
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    write(&d.join("b-gb18030.txt"), &gb);
    let mut u16 = vec![0xFF, 0xFE];
    for u in text.replace('\n', "\r\n").encode_utf16() {
        u16.extend_from_slice(&u.to_le_bytes());
    }
    write(&d.join("c-utf16.txt"), &u16);
    let mut damaged = text.as_bytes().to_vec();
    damaged.insert(0, 0xFF);
    write(&d.join("d-damaged.txt"), &damaged);

    let r = run(tmp.path(), &["in", "--docs", "d.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = read_jsonl(&tmp.path().join("d.jsonl"));
    let enc: Vec<(&str, bool, u64)> = docs
        .iter()
        .map(|d| {
            (
                d["encoding"].as_str().unwrap(),
                d["encoding_guessed"].as_bool().unwrap(),
                d["malformed_bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        enc,
        [
            ("UTF-8", false, 0),
            ("GB18030", true, 0),
            ("UTF-16LE", false, 0),
            ("UTF-8", true, 1)
        ]
    );
    assert!(
        r.stderr.contains("in/d-damaged.txt: 1 malformed byte(s)"),
        "{}",
        r.stderr
    );
    assert!(
        r.summary().contains("(1 with malformed bytes)"),
        "{}",
        r.summary()
    );

    // The same claims, offsets included, from every encoding.
    let claims = r.lines();
    let of = |doc: &str| -> Vec<Value> {
        claims
            .iter()
            .filter(|c| c["doc"] == doc)
            .map(|c| {
                let mut c = c.clone();
                c["doc"] = Value::Null;
                c
            })
            .collect()
    };
    assert_eq!(of("a-utf8.txt"), of("b-gb18030.txt"));
    assert_eq!(of("a-utf8.txt"), of("c-utf16.txt"));
    for d in &docs {
        assert_eq!(d["claims"], docs[0]["claims"]);
    }

    // Forcing GB18030 on everything reads the GB18030 copy and still honours BOMs.
    let r = run(
        tmp.path(),
        &["in", "--encoding", "gb18030", "--docs", "d.jsonl"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docs = read_jsonl(&tmp.path().join("d.jsonl"));
    assert_eq!(docs[1]["encoding"], "GB18030");
    assert_eq!(docs[1]["encoding_guessed"], false);
    assert_eq!(docs[2]["encoding"], "UTF-16LE");
}

/// `press-stats DIR | head`: no message, and status 141 (what a shell reports for a
/// program ended by SIGPIPE), not success: the output was cut short.
#[test]
fn closed_stdout_pipe_ends_quietly_with_status_141() {
    let tmp = corpus();
    for copy in 0..20 {
        for (name, text) in seeds() {
            write(&tmp.path().join(format!("corpus/copy{copy}/{name}")), &text);
        }
    }
    for (format, read_first) in [("csv", false), ("csv", true), ("jsonl", true)] {
        let mut child = Command::new(BIN)
            .args(["corpus", "--format", format])
            .current_dir(tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        if read_first {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
        } else {
            drop(stdout);
        }
        let (status, err) = finish(child);
        assert_eq!(status.code(), Some(141), "{format}: {err}");
        assert!(!err.contains("files read"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
    }
}
