//! `--format parquet`: the file read back with the parquet crate's Arrow reader holds the
//! JSON Lines run's claims, row for row, in typed columns.

use std::fs;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use tempfile::TempDir;

mod common;
use common::cli::*;

fn seeds_folder(tmp: &TempDir) {
    for (name, text) in seeds() {
        write(&tmp.path().join("in").join(name), text);
    }
}

fn read_parquet(path: &std::path::Path) -> RecordBatch {
    let file = fs::File::open(path).unwrap();
    // A small run is one row group: one batch.
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .with_batch_size(1 << 20)
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.len(), 1);
    batches.into_iter().next().unwrap()
}

#[test]
fn parquet_holds_the_json_lines_claims_in_typed_columns() {
    let tmp = TempDir::new().unwrap();
    seeds_folder(&tmp);
    let r = run(tmp.path(), &["in", "-o", "claims.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = run(
        tmp.path(),
        &["in", "--format", "parquet", "-o", "claims.parquet"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(leftovers(tmp.path()).is_empty());
    let rows = read_jsonl(&tmp.path().join("claims.jsonl"));
    let batch = read_parquet(&tmp.path().join("claims.parquet"));
    assert!(!rows.is_empty());
    assert_eq!(batch.num_rows(), rows.len());

    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let mut expected: Vec<&str> = press_stats::output::CLAIM_FIELDS.to_vec();
    expected.extend(["value_text", "upper_text"]);
    assert_eq!(names, expected);
    let ty = |n: &str| schema.field_with_name(n).unwrap().data_type().clone();
    assert_eq!(ty("value"), DataType::Decimal128(38, 10));
    assert_eq!(ty("upper"), DataType::Decimal128(38, 10));
    assert_eq!(ty("date_start"), DataType::Date32);
    assert_eq!(ty("date_end"), DataType::Date32);
    for n in ["start", "end", "part_of", "change_of", "date_year"] {
        assert_eq!(ty(n), DataType::Int64, "{n}");
    }
    for n in ["doc", "text", "kind", "unit", "sentence", "value_text"] {
        assert_eq!(ty(n), DataType::Utf8, "{n}");
    }

    let col = |n: &str| batch.column_by_name(n).unwrap();
    let doc = col("doc").as_string::<i32>();
    let text = col("text").as_string::<i32>();
    let value_text = col("value_text").as_string::<i32>();
    let start = col("start").as_primitive::<Int64Type>();
    let end = col("end").as_primitive::<Int64Type>();
    let value = col("value").as_primitive::<Decimal128Type>();
    let date_start = col("date_start").as_primitive::<Date32Type>();
    let mut dated = 0;
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(doc.value(i), row["doc"].as_str().unwrap(), "row {i}");
        assert_eq!(text.value(i), row["text"].as_str().unwrap(), "row {i}");
        assert_eq!(start.value(i), row["start"].as_i64().unwrap(), "row {i}");
        assert_eq!(end.value(i), row["end"].as_i64().unwrap(), "row {i}");
        // The JSON number as written (exact) is the value's text.
        assert_eq!(value_text.value(i), row["value"].to_string(), "row {i}");
        let exact: rust_decimal::Decimal = value_text.value(i).parse().unwrap();
        if value.is_valid(i) {
            assert_eq!(
                rust_decimal::Decimal::from_i128_with_scale(value.value(i), 10),
                exact,
                "row {i}"
            );
        }
        if let Some(s) = row["date"]["start"].as_str() {
            let d: jiff::civil::Date = s.parse().unwrap();
            let days = d.since(jiff::civil::date(1970, 1, 1)).unwrap().get_days();
            assert_eq!(date_start.value(i), days, "row {i}");
            dated += 1;
        } else {
            assert!(date_start.is_null(i), "row {i}");
        }
    }
    assert!(dated > 0);
}

#[test]
fn parquet_without_an_output_file_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    seeds_folder(&tmp);
    let r = run(tmp.path(), &["in", "--format", "parquet"]);
    assert_eq!(r.code, Some(2));
    r.says("--format parquet needs -o FILE");
    assert!(r.stdout.is_empty());
}
