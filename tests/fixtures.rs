//! Scores the extractor on the bundled fixture articles and the development set against
//! their gold claims, with the matching rules of `eval/score.py` (`tests/common/score.rs`),
//! and fails unless the errors are exactly the known ones (`tests/known_failures/`).

mod common;

use std::path::Path;

use common::score::{ATTRS, Score, score_doc};
use serde_json::Value;

fn gold(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("gold file reads");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold line is JSON"))
        .collect()
}

/// Runs the binary over `fixtures/seeds` and returns its claims and document records.
fn run_binary() -> (Vec<Value>, Vec<Value>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    run_on(&root.join("seeds"), None)
}

/// Runs the binary over `dir` (with a `--meta` file, if given) and returns its claims and
/// document records.
fn run_on(dir: &Path, meta: Option<&Path>) -> (Vec<Value>, Vec<Value>) {
    let out = tempfile::tempdir().expect("temp dir");
    let claims = out.path().join("claims.jsonl");
    let docs = out.path().join("docs.jsonl");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_press-stats"));
    cmd.arg(dir).arg("-o").arg(&claims).arg("--docs").arg(&docs);
    if let Some(m) = meta {
        cmd.arg("--meta").arg(m);
    }
    let status = cmd.status().expect("the binary runs");
    assert!(status.success(), "press-stats failed: {status}");
    (gold(&claims), gold(&docs))
}

fn stem(doc: &Value) -> String {
    let name = doc.as_str().expect("doc is a string");
    Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 name")
        .to_string()
}

fn score_fixtures() -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (claims, _) = run_binary();
    let mut score = Score::default();
    let mut names: Vec<_> = std::fs::read_dir(root.join("gold"))
        .expect("fixtures/gold exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".jsonl")))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "five gold files");
    for path in names {
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name");
        let key = name.trim_end_matches(".jsonl").to_string();
        let preds: Vec<Value> = claims
            .iter()
            .filter(|c| stem(&c["doc"]) == key)
            .cloned()
            .collect();
        assert!(!preds.is_empty(), "no claims for {key}");
        score_doc(&key, &preds, &gold(&path), &mut score);
    }
    score
}

#[test]
fn fixture_errors_are_the_known_ones() {
    let score = score_fixtures();
    println!(
        "claims: P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})",
        score.precision(),
        score.recall(),
        score.f1(),
        score.tp,
        score.fp,
        score.fn_
    );
    for a in ATTRS {
        println!("  {a:12} {:.3}", score.attr(a));
    }
    for e in &score.errors {
        println!("  {e}");
    }
    common::table::expect_failures("tests/known_failures/fixtures.txt", &score.failing());
}

/// Each gold document record (`*.meta.json`) is compared with the binary's: date, genre,
/// region and speakers (name, role and department).
#[test]
fn document_records_match_the_gold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold");
    let (_, docs) = run_binary();
    let mut checked = 0;
    for e in std::fs::read_dir(&root).expect("gold exists").flatten() {
        let path = e.path();
        if !path.to_str().is_some_and(|s| s.ends_with(".meta.json")) {
            continue;
        }
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("reads")).expect("JSON");
        let doc = docs
            .iter()
            .find(|d| d["doc"] == gold["doc"])
            .unwrap_or_else(|| panic!("no record for {}", gold["doc"]));
        for field in ["title", "date", "genre", "region"] {
            assert_eq!(doc[field], gold[field], "{} {field}", gold["doc"]);
        }
        let speakers = |v: &Value| -> Vec<(Value, Value, Value)> {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s["name"].clone(),
                        s["role"].clone(),
                        s["department"].clone(),
                    )
                })
                .collect()
        };
        assert_eq!(
            speakers(&doc["speakers"]),
            speakers(&gold["speakers"]),
            "{} speakers",
            gold["doc"]
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn every_span_slices_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    for e in std::fs::read_dir(root).expect("fixtures exist").flatten() {
        let text = std::fs::read_to_string(e.path()).expect("fixture reads");
        let chars: Vec<char> = text.chars().collect();
        for c in extractor.extract(&text) {
            let by_chars: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(by_chars, c.text);
            assert_eq!(&text[c.span.byte_start..c.span.byte_end], c.text);
            assert!(
                c.sentence.contains(&c.text),
                "{} not in {}",
                c.text,
                c.sentence
            );
        }
    }
}

/// The fixture articles re-encoded as GB18030 and as UTF-16 (with a BOM and CRLF line ends),
/// and their Traditional copies as Big5, give exactly the claims of the UTF-8 originals.
#[test]
fn other_encodings_give_the_same_claims() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut expected = Vec::new();
    for e in std::fs::read_dir(root.join("fixtures/seeds"))
        .expect("seeds")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".txt").to_string();
        let text = std::fs::read_to_string(e.path()).expect("reads");
        let (gb, _, gb_errors) = encoding_rs::GB18030.encode(&text);
        assert!(!gb_errors, "{name} encodes as GB18030");
        std::fs::write(dir.path().join(format!("{stem}.gb18030.txt")), &gb).expect("writes");
        let mut u16 = vec![0xFF, 0xFE];
        for u in text.replace('\n', "\r\n").encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        std::fs::write(dir.path().join(format!("{stem}.utf16.txt")), &u16).expect("writes");
        std::fs::write(dir.path().join(format!("{stem}.utf8.txt")), &text).expect("writes");
        // Big5 lacks a few chars of the Traditional copies (啓, 爲, 羣…): those become □ in
        // both the UTF-8 and the Big5 file, so that the two hold the same text.
        let traditional = std::fs::read_to_string(root.join("tests/data/traditional").join(&name))
            .expect("reads");
        let traditional: String = traditional
            .chars()
            .map(|c| {
                let mut b = [0u8; 4];
                if encoding_rs::BIG5.encode(c.encode_utf8(&mut b)).2 {
                    '□'
                } else {
                    c
                }
            })
            .collect();
        let (big5, _, big5_errors) = encoding_rs::BIG5.encode(&traditional);
        assert!(!big5_errors, "{name} encodes as Big5");
        std::fs::write(dir.path().join(format!("{stem}.big5.txt")), &big5).expect("writes");
        std::fs::write(dir.path().join(format!("{stem}.trad.txt")), &traditional).expect("writes");
        expected.push((format!("{stem}.trad.txt"), format!("{stem}.big5.txt")));
        expected.push((format!("{stem}.utf8.txt"), format!("{stem}.gb18030.txt")));
        expected.push((format!("{stem}.utf8.txt"), format!("{stem}.utf16.txt")));
    }
    let out = dir.path().join("out.jsonl");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_press-stats"))
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let claims = gold(&out);
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
    assert_eq!(expected.len(), 15);
    for (original, copy) in expected {
        let a = of(&original);
        assert!(!a.is_empty(), "{original} has claims");
        assert_eq!(a, of(&copy), "{copy} differs from {original}");
    }
}

/// The example record in the README is one the binary writes, field for field.
#[test]
fn the_readme_example_is_real_output() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README reads");
    let example: Value = readme
        .lines()
        .find(|l| l.starts_with("{\"doc\":"))
        .map(|l| serde_json::from_str(l).expect("the README example is JSON"))
        .expect("the README shows an example record");
    let (claims, _) = run_binary();
    assert!(
        claims.contains(&example),
        "the README example is not in the output: {example}"
    );
}

/// The development set (`fixtures/dev`): real documents annotated by people who did not see
/// the extractor's output, run with the dates, titles, regions and publishers their pages
/// give (`--meta`). Prints the figures per genre and fails unless the errors are the known
/// ones.
#[test]
fn development_set_errors_are_the_known_ones() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dev");
    let out = tempfile::tempdir().expect("temp dir");
    let mut metas: Vec<(String, Value)> = std::fs::read_dir(dev.join("gold"))
        .expect("fixtures/dev/gold exists")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".meta.json")?.to_string();
            let text = std::fs::read_to_string(e.path()).expect("meta reads");
            Some((stem, serde_json::from_str(&text).expect("meta is JSON")))
        })
        .collect();
    metas.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(metas.len() >= 100, "{} documents", metas.len());
    let meta_path = out.path().join("meta.jsonl");
    let lines: Vec<String> = metas
        .iter()
        .map(|(stem, m)| {
            serde_json::json!({
                "doc": format!("{stem}.txt"),
                "date": m["date"], "title": m["title"],
                "region": m["region"], "publisher": m["publisher"],
            })
            .to_string()
        })
        .collect();
    std::fs::write(&meta_path, lines.join("\n")).expect("meta writes");
    let (claims, _) = run_on(&dev.join("texts"), Some(&meta_path));
    let mut by_genre: std::collections::BTreeMap<String, Score> = Default::default();
    let mut all = Score::default();
    for (name, m) in &metas {
        let preds: Vec<Value> = claims
            .iter()
            .filter(|c| stem(&c["doc"]) == *name)
            .cloned()
            .collect();
        let golds = gold(&dev.join("gold").join(format!("{name}.jsonl")));
        let genre = m["genre"].as_str().unwrap_or("?").to_string();
        score_doc(name, &preds, &golds, by_genre.entry(genre).or_default());
        score_doc(name, &preds, &golds, &mut all);
    }
    for (genre, s) in by_genre.iter().chain([(&"all".to_string(), &all)]) {
        println!(
            "{genre:10} F1 {:.3}  department {:.3}  date {:.3}  (tp {} fp {} fn {})",
            s.f1(),
            s.attr("department"),
            s.attr("date"),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    for e in &all.errors {
        println!("  {e}");
    }
    common::table::expect_failures("tests/known_failures/dev.txt", &all.failing());
}
