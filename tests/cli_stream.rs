//! Documents from stdin: `--stdin-jsonl` (one JSON object a line, as Spark's `RDD.pipe`
//! or Hadoop Streaming hand them over) and `-` (one document).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

mod common;
use common::cli::*;

fn line(doc: &str, text: &str) -> String {
    format!("{}\n", json!({"doc": doc, "text": text}))
}

#[test]
fn stdin_jsonl_gives_the_claims_of_the_files_in_input_order() {
    let tmp = TempDir::new().unwrap();
    let seeds = seeds();
    for (name, text) in &seeds {
        write(&tmp.path().join("in").join(name), text);
    }
    let folder = run(tmp.path(), &["in"]);
    assert_eq!(folder.code, Some(0), "{}", folder.stderr);
    assert!(!folder.stdout.is_empty());

    // A malformed line between the documents is named with its number and skipped.
    let mut input = String::new();
    for (i, (name, text)) in seeds.iter().enumerate() {
        input.push_str(&line(name, text));
        if i == 1 {
            input.push_str("{\"doc\": \"broken\", \"text\": \n\n");
        }
    }
    for threads in ["1", "3"] {
        let r = run_with_stdin(tmp.path(), &["--stdin-jsonl", "-j", threads], &input);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(r.stdout, folder.stdout, "-j {threads}");
        r.says("<stdin>: line 3: not valid JSON");
        assert!(
            r.summary().contains("1 skipped (1 malformed line)"),
            "{}",
            r.summary()
        );
    }

    // Output follows the input's order, not the names'.
    let reversed: String = seeds.iter().rev().map(|(n, t)| line(n, t)).collect();
    let r = run_with_stdin(tmp.path(), &["--stdin-jsonl", "-j", "3"], &reversed);
    let mut docs = docs_of(&r.lines());
    docs.dedup();
    let mut want: Vec<String> = seeds.iter().rev().map(|(n, _)| n.clone()).collect();
    want.retain(|n| docs.contains(n));
    assert_eq!(docs, want);
}

#[test]
fn stdin_jsonl_takes_each_lines_metadata_and_names_bad_fields() {
    let tmp = TempDir::new().unwrap();
    let input = [
        json!({"doc": "a", "text": "全年增长5%。年末存款1亿元。", "date": "2021-05-02"})
            .to_string(),
        json!({"doc": "b", "text": "全年增长5%。", "date": "2021-02-30"}).to_string(),
        json!({"doc": "c"}).to_string(),
        json!({"text": "年末存款2亿元。", "date": "2019-03-01 10:00:00"}).to_string(),
        "[1, 2]".to_owned(),
    ]
    .join("\n");
    let r = run_with_stdin(tmp.path(), &["--stdin-jsonl", "--format", "csv"], &input);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.says("<stdin>: line 2: date is not a valid YYYY-MM-DD date");
    r.says("<stdin>: line 3: no text");
    r.says("<stdin>: line 5: not a JSON object");
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let year = rdr.headers().unwrap().iter().position(|h| h == "date_year");
    let rows: Vec<(String, String, String)> = rdr
        .records()
        .map(Result::unwrap)
        .map(|row| {
            let cell = |i: usize| row.get(i).unwrap().to_owned();
            (cell(0), cell(3), cell(year.unwrap()))
        })
        .collect();
    // A line without `doc` is named by its number; `年末` has an open start but a year.
    let want = [
        ("a", "5%", "2021"),
        ("a", "1亿元", "2021"),
        ("4", "2亿元", "2019"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(rows, want);
    assert!(
        r.summary().contains("3 skipped (3 malformed line)"),
        "{}",
        r.summary()
    );
}

/// Each document's claims are written as soon as they are done, while the stream is still
/// open: a reader that waits for them before sending more is never stuck.
#[test]
fn stdin_jsonl_streams_without_waiting_for_the_end() {
    let tmp = TempDir::new().unwrap();
    let mut child = Command::new(BIN)
        .args(["--stdin-jsonl", "-j", "2"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    for i in 0..3 {
        let doc = format!("d{i}");
        stdin
            .write_all(line(&doc, &format!("全年增长{}%。", i + 1)).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
        let mut got = String::new();
        out.read_line(&mut got).unwrap();
        let v: Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["doc"], doc.as_str());
        assert_eq!(v["value"], i + 1);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn dash_reads_one_document_from_stdin() {
    let tmp = TempDir::new().unwrap();
    let (name, text) = &seeds()[0];
    write(&tmp.path().join(name), text);
    let file = run(tmp.path(), &[name.as_str(), "--date", "2021-01-05"]);
    let r = run_with_stdin(tmp.path(), &["-", "--date", "2021-01-05"], text);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let strip_doc = |lines: Vec<Value>| -> Vec<Value> {
        lines
            .into_iter()
            .map(|mut v| {
                v.as_object_mut().unwrap().remove("doc");
                v
            })
            .collect()
    };
    assert!(r.lines().iter().all(|v| v["doc"] == "-"));
    assert_eq!(strip_doc(r.lines()), strip_doc(file.lines()));
    assert!(!file.lines().is_empty());
}

#[test]
fn stdin_jsonl_takes_no_paths() {
    let tmp = TempDir::new().unwrap();
    let r = run(tmp.path(), &["--stdin-jsonl", "x.txt"]);
    assert_eq!(r.code, Some(2));
}

#[test]
fn a_csv_table_gives_the_claims_of_the_files_row_by_row() {
    let tmp = TempDir::new().unwrap();
    let seeds = seeds();
    for (name, text) in &seeds {
        write(&tmp.path().join("in").join(name), text);
    }
    let folder = run(tmp.path(), &["in"]);
    let mut w = csv::Writer::from_path(tmp.path().join("corpus.csv")).unwrap();
    w.write_record(["extra", "id", "body", "pub"]).unwrap();
    for (i, (name, text)) in seeds.iter().enumerate() {
        w.write_record(["x", name, text, ""]).unwrap();
        if i == 0 {
            w.write_record(["x", "bad", "全年增长5%。", "2021-99-01"])
                .unwrap();
        }
    }
    w.flush().unwrap();
    drop(w);
    let args = [
        "--table",
        "corpus.csv",
        "--text-column",
        "body",
        "--doc-column",
        "id",
        "--date-column",
        "pub",
    ];
    let r = run(tmp.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, folder.stdout);
    r.says("corpus.csv: line");
    r.says("date is not a valid YYYY-MM-DD date");
    assert!(r.summary().contains("1 skipped"), "{}", r.summary());

    let r = run(
        tmp.path(),
        &[
            "--table",
            "corpus.csv",
            "--text-column",
            "nope",
            "--doc-column",
            "id",
        ],
    );
    assert_eq!(r.code, Some(2));
    r.says("no column `nope`");
}

#[test]
fn kept_columns_pass_through_to_every_claim_row() {
    let tmp = TempDir::new().unwrap();
    write(
        &tmp.path().join("t.csv"),
        "id,body,region_code\na,全年增长5%。年末存款1亿元。,=360900\nb,收入下降3%。,\n",
    );
    let base = [
        "--table",
        "t.csv",
        "--text-column",
        "body",
        "--doc-column",
        "id",
    ];
    let keep = ["--keep-column", "region_code", "--keep-column", "body"];
    let args: Vec<&str> = base.iter().chain(&keep).copied().collect();
    let r = run(tmp.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines = r.lines();
    assert_eq!(lines.len(), 3);
    for v in &lines {
        let want = if v["doc"] == "a" { "=360900" } else { "" };
        assert_eq!(v["region_code"], want);
        assert!(
            v["body"]
                .as_str()
                .unwrap()
                .contains(v["text"].as_str().unwrap())
        );
    }

    let mut args = args.clone();
    args.extend(["--format", "csv"]);
    let r = run(tmp.path(), &args);
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[header.len() - 2..], ["region_code", "body"]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    // A kept text cell is guarded against formula injection as every text cell is.
    assert_eq!(rows[0].get(header.len() - 2), Some("'=360900"));

    // A name the claim rows have already is refused.
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--keep-column", "doc"]);
    assert_eq!(run(tmp.path(), &args).code, Some(2));
}
