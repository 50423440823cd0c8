//! Tables of texts: `--table` over Parquet (the same claims as the same table in CSV), and
//! `--meta` with `--table` and `--stdin-jsonl` (what a row or line gives wins, the meta
//! table fills the rest).

use std::fs::File;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BinaryArray, Date32Array, Date64Array, Int32Array, Int64Array, LargeStringArray,
    RecordBatch, StringArray, TimestampSecondArray,
};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use serde_json::{Value, json};
use tempfile::TempDir;

mod common;
use common::cli::*;

fn write_parquet(path: &std::path::Path, columns: Vec<(&str, ArrayRef)>, rows_per_group: usize) {
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(rows_per_group))
        .build();
    let mut w =
        ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// Days since 1970-01-01 of a date.
fn days(y: i16, m: i8, d: i8) -> i32 {
    let date = jiff::civil::Date::new(y, m, d).unwrap();
    let epoch = jiff::civil::Date::new(1970, 1, 1).unwrap();
    (date - epoch).get_days()
}

fn table_args<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "--table",
        file,
        "--text-column",
        "body",
        "--doc-column",
        "id",
    ];
    a.extend_from_slice(extra);
    a
}

#[test]
fn a_parquet_table_gives_the_claims_of_the_same_table_in_csv() {
    let tmp = TempDir::new().unwrap();
    let seeds = seeds();
    // The seeds, a row with a relative period dated by its date cell, a null text.
    let mut ids: Vec<String> = seeds.iter().map(|(n, _)| n.clone()).collect();
    let mut bodies: Vec<Option<String>> = seeds.iter().map(|(_, t)| Some(t.clone())).collect();
    let mut dates: Vec<Option<i32>> = vec![None; seeds.len()];
    let mut codes: Vec<Option<i32>> = (0..seeds.len()).map(|i| Some(360_900 + i as i32)).collect();
    ids.insert(1, "dated".to_owned());
    bodies.insert(
        1,
        Some("今年前4个月，全市一般公共预算收入增长5%。".to_owned()),
    );
    dates.insert(1, Some(days(2023, 5, 16)));
    codes.insert(1, None);
    ids.push("nothing".to_owned());
    bodies.push(None);
    dates.push(None);
    codes.push(Some(1));

    let mut w = csv::Writer::from_path(tmp.path().join("corpus.csv")).unwrap();
    w.write_record(["id", "body", "pub", "code"]).unwrap();
    for i in 0..ids.len() {
        let date = dates[i].map_or(String::new(), |_| "2023-05-16".to_owned());
        let code = codes[i].map_or(String::new(), |c| c.to_string());
        let body = bodies[i].clone().unwrap_or_default();
        w.write_record([ids[i].as_str(), &body, &date, &code])
            .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    write_parquet(
        &tmp.path().join("corpus.parquet"),
        vec![
            ("id", Arc::new(StringArray::from(ids.clone())) as ArrayRef),
            ("body", Arc::new(LargeStringArray::from(bodies.clone()))),
            ("pub", Arc::new(Date32Array::from(dates.clone()))),
            ("code", Arc::new(Int32Array::from(codes.clone()))),
        ],
        // Several row groups, so that the reader goes from one to the next.
        2,
    );

    for format in ["jsonl", "csv"] {
        let extra = [
            "--date-column",
            "pub",
            "--keep-column",
            "code",
            "--format",
            format,
        ];
        let from_csv = run(tmp.path(), &table_args("corpus.csv", &extra));
        assert_eq!(from_csv.code, Some(0), "{}", from_csv.stderr);
        let from_parquet = run(tmp.path(), &table_args("corpus.parquet", &extra));
        assert_eq!(from_parquet.code, Some(0), "{}", from_parquet.stderr);
        assert_eq!(from_parquet.stdout, from_csv.stdout, "--format {format}");
        assert!(from_parquet.stdout.lines().count() > 100);
        // The null text is named and counted, not dropped silently.
        from_parquet.says("corpus.parquet: row 7: the text is null, skipped");
        assert!(
            from_parquet.summary().contains("1 skipped"),
            "{}",
            from_parquet.summary()
        );
    }
    let r = run(
        tmp.path(),
        &table_args("corpus.parquet", &["--date-column", "pub"]),
    );
    let dated: Vec<Value> = r
        .lines()
        .into_iter()
        .filter(|v| v["doc"] == "dated")
        .collect();
    assert_eq!(dated.len(), 1);
    assert_eq!(dated[0]["date"]["year"], 2023);
}

#[test]
fn parquet_doc_and_date_columns_of_other_types() {
    let tmp = TempDir::new().unwrap();
    let text = "今年前4个月，全市一般公共预算收入增长5%。";
    // 2023-05-16T17:00:00Z: 2023-05-17 in Beijing.
    let instant = 1_684_256_400i64;
    write_parquet(
        &tmp.path().join("t.parquet"),
        vec![
            (
                "id",
                Arc::new(Int64Array::from(vec![7, 8, 9, 10])) as ArrayRef,
            ),
            (
                "body",
                Arc::new(BinaryArray::from(vec![
                    text.as_bytes(),
                    text.as_bytes(),
                    text.as_bytes(),
                    &[0u8, 1, 2, 3, 0, 0, 0, 0][..],
                ])),
            ),
            (
                "at",
                Arc::new(
                    TimestampSecondArray::from(vec![instant, instant - 86_400 * 400, 0, 0])
                        .with_timezone("+08:00"),
                ),
            ),
            (
                "day",
                Arc::new(Date64Array::from(vec![
                    Some(i64::from(days(2019, 1, 2)) * 86_400_000),
                    None,
                    None,
                    None,
                ])),
            ),
            (
                "label",
                Arc::new(StringArray::from(vec!["x", "y", "2021-13-45", "z"])),
            ),
        ],
        100,
    );
    let year_of = |date_column: &str| -> Vec<(String, Value)> {
        let r = run(
            tmp.path(),
            &table_args("t.parquet", &["--date-column", date_column]),
        );
        r.says("t.parquet: row 4: the text's bytes are not text (binary), skipped");
        r.lines()
            .into_iter()
            .map(|v| {
                (
                    v["doc"].as_str().unwrap().to_owned(),
                    v["date"]["year"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        year_of("at"),
        [
            ("7".to_owned(), json!(2023)),
            ("8".to_owned(), json!(2022)),
            ("9".to_owned(), json!(1970))
        ]
    );
    // A null date is no date: the period then has no year.
    assert_eq!(
        year_of("day"),
        [
            ("7".to_owned(), json!(2019)),
            ("8".to_owned(), Value::Null),
            ("9".to_owned(), Value::Null)
        ]
    );
    let r = run(
        tmp.path(),
        &table_args("t.parquet", &["--date-column", "label"]),
    );
    r.says("t.parquet: row 1: date is not a valid YYYY-MM-DD date");
    r.says("t.parquet: row 3: date is not a valid YYYY-MM-DD date");

    // Errors name the file and the column.
    let r = run(
        tmp.path(),
        &table_args("t.parquet", &["--date-column", "nope"]),
    );
    assert_eq!(r.code, Some(2));
    r.says("--table t.parquet: no column `nope`");
    let r = run(
        tmp.path(),
        &[
            "--table",
            "t.parquet",
            "--text-column",
            "id",
            "--doc-column",
            "body",
        ],
    );
    assert_eq!(r.code, Some(2));
    r.says("--table t.parquet: column `id` is of type Int64, which --text-column");
    // A damaged file is named, not a panic.
    let bytes = std::fs::read(tmp.path().join("t.parquet")).unwrap();
    let mut cut = bytes[..bytes.len() / 2].to_vec();
    cut.extend_from_slice(b"PAR1");
    write(&tmp.path().join("cut.parquet"), &cut);
    let r = run(tmp.path(), &table_args("cut.parquet", &[]));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    r.says("--table cut.parquet: not a Parquet file that can be read");
}

/// The --docs records by doc: (date, date source, title, region).
fn doc_records(path: &std::path::Path) -> Vec<(String, Value, Value, Value, Value)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["doc"].as_str().unwrap().to_owned(),
                v["date"].clone(),
                v["date_source"].clone(),
                v["title"].clone(),
                v["region"].clone(),
            )
        })
        .collect()
}

const META: &str = "doc,date,title,region\n\
                    a,2021-05-12,表中的标题,东莞市\n\
                    b,2020-01-02,,宜春市\n\
                    unread,2020-01-01,,\n";

#[test]
fn meta_fills_what_a_stdin_line_leaves_open() {
    let tmp = TempDir::new().unwrap();
    write(&tmp.path().join("meta.csv"), META);
    let text = "今年前4个月，全市一般公共预算收入增长5%。";
    let input = [
        // Gives its own date and title: they win; the region comes from --meta.
        json!({"doc": "a", "text": text, "date": "2019-03-01", "title": "行上的标题"}),
        // Gives nothing: --meta's date dates it.
        json!({"doc": "b", "text": text}),
        // Listed nowhere.
        json!({"doc": "c", "text": text}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let args = [
        "--stdin-jsonl",
        "--meta",
        "meta.csv",
        "--docs",
        "docs.jsonl",
    ];
    let r = run_with_stdin(tmp.path(), &args, &input);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let years: Vec<Value> = r
        .lines()
        .iter()
        .map(|v| v["date"]["year"].clone())
        .collect();
    assert_eq!(years, [json!(2019), json!(2020), Value::Null]);
    let docs = doc_records(&tmp.path().join("docs.jsonl"));
    assert_eq!(
        docs[0],
        (
            "a".to_owned(),
            json!("2019-03-01"),
            json!("supplied"),
            json!("行上的标题"),
            json!("东莞市")
        )
    );
    assert_eq!(docs[1].1, json!("2020-01-02"));
    assert_eq!(docs[1].4, json!("宜春市"));
    assert_eq!(docs[2].1, Value::Null);
    // A listed doc no line names is reported as for files.
    r.says("meta.csv: 1 doc(s) listed match no file read (first: unread)");
}

#[test]
fn meta_fills_what_a_table_row_leaves_open() {
    let tmp = TempDir::new().unwrap();
    write(&tmp.path().join("meta.csv"), META);
    let text = "今年前4个月，全市一般公共预算收入增长5%。";
    let mut w = csv::Writer::from_path(tmp.path().join("t.csv")).unwrap();
    w.write_record(["id", "body", "pub"]).unwrap();
    w.write_record(["a", text, "2019-03-01"]).unwrap();
    w.write_record(["b", text, ""]).unwrap();
    w.write_record(["c", text, ""]).unwrap();
    w.flush().unwrap();
    drop(w);
    write_parquet(
        &tmp.path().join("t.parquet"),
        vec![
            (
                "id",
                Arc::new(StringArray::from(vec!["a", "b", "c"])) as ArrayRef,
            ),
            ("body", Arc::new(StringArray::from(vec![text; 3]))),
            (
                "pub",
                Arc::new(Date32Array::from(vec![Some(days(2019, 3, 1)), None, None])),
            ),
        ],
        100,
    );
    for file in ["t.csv", "t.parquet"] {
        let extra = [
            "--date-column",
            "pub",
            "--meta",
            "meta.csv",
            "--docs",
            "docs.jsonl",
        ];
        let r = run(tmp.path(), &table_args(file, &extra));
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let years: Vec<Value> = r
            .lines()
            .iter()
            .map(|v| v["date"]["year"].clone())
            .collect();
        assert_eq!(years, [json!(2019), json!(2020), Value::Null], "{file}");
        let docs = doc_records(&tmp.path().join("docs.jsonl"));
        // The row's date wins over --meta's; --meta gives the title and region.
        assert_eq!(
            docs[0],
            (
                "a".to_owned(),
                json!("2019-03-01"),
                json!("supplied"),
                json!("表中的标题"),
                json!("东莞市")
            ),
            "{file}"
        );
        assert_eq!(docs[1].1, json!("2020-01-02"), "{file}");
        assert_eq!(docs[2].1, Value::Null, "{file}");
    }
}
