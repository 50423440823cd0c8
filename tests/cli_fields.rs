//! `--fields`: narrow tables of the columns chosen, in the order given, whose cells are
//! those of the full output.

use serde_json::Value;

mod common;
use common::cli::*;

const CHOSEN: [&str; 7] = ["date_start", "doc", "start", "end", "text", "value", "unit"];

/// A full record's value for a CSV column name: nested objects flattened as the CSV does.
fn full_value<'a>(row: &'a Value, name: &str) -> &'a Value {
    let nested = [
        ("change_", "change"),
        ("department_", "department"),
        ("date_", "date"),
    ];
    for (prefix, object) in nested {
        if let Some(key) = name.strip_prefix(prefix) {
            return row[object].get(key).unwrap_or(&Value::Null);
        }
    }
    &row[name]
}

#[test]
fn json_lines_hold_the_chosen_keys_in_order_with_the_full_values() {
    let tmp = corpus();
    let full = run(tmp.path(), &["corpus"]);
    assert_eq!(full.code, Some(0), "{}", full.stderr);
    let fields = CHOSEN.join(",") + ",department_name,date_year,change_direction,upper";
    let narrow = run(tmp.path(), &["corpus", "--fields", &fields, "-j", "2"]);
    assert_eq!(narrow.code, Some(0), "{}", narrow.stderr);
    let names: Vec<&str> = fields.split(',').collect();
    // The keys in the order given, as written (a parsed object sorts its keys).
    for line in narrow.stdout.lines() {
        let at: Vec<usize> = names
            .iter()
            .map(|n| line.find(&format!("\"{n}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
    }
    let (full, narrow) = (full.lines(), narrow.lines());
    assert!(!full.is_empty());
    assert_eq!(full.len(), narrow.len());
    let mut dated = 0;
    for (f, n) in full.iter().zip(&narrow) {
        assert_eq!(n.as_object().unwrap().len(), names.len());
        for name in &names {
            assert_eq!(&n[name], full_value(f, name), "{name} in {n}");
        }
        dated += usize::from(n["date_start"].is_string());
    }
    assert!(dated > 0);
}

#[test]
fn json_keys_keep_their_order_as_text() {
    let tmp = corpus();
    let r = run(tmp.path(), &["corpus", "--fields", "value,doc"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let line = r.stdout.lines().next().unwrap();
    assert!(line.starts_with("{\"value\":"), "{line}");
    assert!(line.contains(",\"doc\":\""), "{line}");
    assert!(line.ends_with("\"}"), "{line}");
}

#[test]
fn csv_has_the_chosen_columns_with_the_full_cells() {
    let tmp = corpus();
    let full = run(tmp.path(), &["corpus", "--format", "csv"]);
    assert_eq!(full.code, Some(0), "{}", full.stderr);
    let narrow = run(
        tmp.path(),
        &["corpus", "--format", "csv", "--fields", &CHOSEN.join(",")],
    );
    assert_eq!(narrow.code, Some(0), "{}", narrow.stderr);
    let mut all = csv::Reader::from_reader(full.stdout.as_bytes());
    let mut few = csv::Reader::from_reader(narrow.stdout.as_bytes());
    let header: Vec<String> = few.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, CHOSEN);
    let full_header = all.headers().unwrap().clone();
    let at: Vec<usize> = CHOSEN
        .iter()
        .map(|n| full_header.iter().position(|h| h == *n).unwrap())
        .collect();
    let all: Vec<csv::StringRecord> = all.records().map(Result::unwrap).collect();
    let few: Vec<csv::StringRecord> = few.records().map(Result::unwrap).collect();
    assert!(!all.is_empty());
    assert_eq!(all.len(), few.len());
    for (a, f) in all.iter().zip(&few) {
        let expected: Vec<&str> = at.iter().map(|i| &a[*i]).collect();
        assert_eq!(f.iter().collect::<Vec<_>>(), expected);
    }
}

#[test]
fn an_unknown_or_repeated_field_is_a_usage_error_naming_the_valid_ones() {
    let tmp = corpus();
    for format in ["jsonl", "csv"] {
        let r = run(
            tmp.path(),
            &["corpus", "--format", format, "--fields", "doc,price"],
        );
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        r.says("unknown field `price`");
        r.says("doc, start, end, text, kind, value");
        assert!(r.stdout.is_empty());
        let r = run(
            tmp.path(),
            &["corpus", "--format", format, "--fields", "doc,value,doc"],
        );
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        r.says("field `doc` is named twice");
    }
    let r = run(
        tmp.path(),
        &[
            "corpus",
            "--format",
            "parquet",
            "-o",
            "c.parquet",
            "--fields",
            "doc,price",
        ],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    r.says("unknown field `price`");
    r.says("value_text");
    assert!(!tmp.path().join("c.parquet").exists());
}

#[test]
fn parquet_has_the_chosen_columns_only() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let tmp = corpus();
    let r = run(
        tmp.path(),
        &[
            "corpus",
            "--format",
            "parquet",
            "-o",
            "c.parquet",
            "--fields",
            "value_text,doc,date_start",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let file = std::fs::File::open(tmp.path().join("c.parquet")).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let names: Vec<String> = reader
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, ["value_text", "doc", "date_start"]);
    let rows: usize = reader.build().unwrap().map(|b| b.unwrap().num_rows()).sum();
    assert_eq!(rows, run(tmp.path(), &["corpus"]).lines().len());
}
