//! A date in a file's path dates the document alike in the library ([`load`] and
//! [`Loaded::fill`]) and on the command line.

use std::path::Path;

use press_stats::{Date, DateSource, DecodeOptions, Extractor, Meta, load};
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::cli::*;

const TEXT: &str = "今年前4个月，全市一般公共预算收入增长5%。";

/// The document's date and source, and the claims' years, as the library gives them for
/// the file at `path`.
fn library(path: &Path) -> (Option<Date>, Option<DateSource>, Vec<Option<i16>>) {
    let bytes = std::fs::read(path).unwrap();
    let loaded = load(path, bytes, &DecodeOptions::new()).unwrap();
    let mut meta = Meta::default();
    loaded.fill(&mut meta);
    let analysis = Extractor::new()
        .unwrap()
        .analyze(loaded.document.text(), &meta);
    let years = analysis
        .claims
        .iter()
        .map(|c| c.date.as_ref().and_then(|p| p.year()))
        .collect();
    (analysis.document.date, analysis.document.date_source, years)
}

#[test]
fn the_library_dates_a_file_by_its_path_as_the_cli_does() {
    let tmp = TempDir::new().unwrap();
    let names = [
        "in/www/202305/t20230516_1234567.txt",
        "in/2022-11-03/notes.txt",
        "in/20210512_x.txt",
        "in/plain/000_5a25de44587b9c28.txt",
    ];
    for n in names {
        write(&tmp.path().join(n), TEXT);
    }
    let r = run(tmp.path(), &["in", "--docs", "docs.jsonl"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let cli_docs: Vec<Value> = std::fs::read_to_string(tmp.path().join("docs.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let cli_claims = r.lines();
    let mut want_years = Vec::new();
    for n in names {
        let doc = n.strip_prefix("in/").unwrap();
        let (date, source, years) = library(&tmp.path().join(n));
        let cli = cli_docs.iter().find(|d| d["doc"] == doc).unwrap();
        assert_eq!(
            date.map(|d| d.to_string()),
            cli["date"].as_str().map(str::to_owned),
            "{n}"
        );
        let source = source.map(|s| serde_json::to_value(s).unwrap());
        assert_eq!(source.unwrap_or(Value::Null), cli["date_source"], "{n}");
        let cli_years: Vec<Option<i16>> = cli_claims
            .iter()
            .filter(|c| c["doc"] == doc)
            .map(|c| {
                c["date"]["year"]
                    .as_i64()
                    .map(|y| i16::try_from(y).unwrap())
            })
            .collect();
        assert_eq!(years, cli_years, "{n}");
        want_years.push(years.first().copied().flatten());
    }
    // The dates themselves: from the file's name, its folder's, none.
    assert_eq!(want_years, [Some(2023), Some(2022), Some(2021), None]);
    let (date, source, _) = library(&tmp.path().join(names[0]));
    assert_eq!(date, Date::new(2023, 5, 16).ok());
    assert_eq!(source, Some(DateSource::Path));
}

#[test]
fn a_date_the_caller_gives_wins_over_the_path() {
    let loaded = load(
        Path::new("a/t20230516_1.txt"),
        TEXT.as_bytes().to_vec(),
        &DecodeOptions::new(),
    )
    .unwrap();
    assert_eq!(loaded.path_date, Date::new(2023, 5, 16).ok());
    let mut meta = Meta {
        date: Date::new(2019, 1, 2).ok(),
        ..Meta::default()
    };
    loaded.fill(&mut meta);
    let a = Extractor::new()
        .unwrap()
        .analyze(loaded.document.text(), &meta);
    assert_eq!(a.document.date, Date::new(2019, 1, 2).ok());
    assert_eq!(a.document.date_source, Some(DateSource::Supplied));
}
