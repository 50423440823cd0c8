//! Scores the extractor on the bundled fixture articles against their gold claims, with
//! the matching rules of `eval/score.py`, and fails below the floors of the claims issue.

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

fn score_fixtures() -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    let mut score = Score::default();
    let mut names: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .expect("fixtures/seeds exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "five fixture articles");
    for path in names {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name")
            .to_string();
        let text = std::fs::read_to_string(&path).expect("fixture reads");
        let doc = press_stats::Document::from_text(&text);
        let preds: Vec<Value> = extractor
            .extract(doc.text())
            .iter()
            .map(|c| serde_json::to_value(c).expect("claims serialize"))
            .collect();
        let golds = gold(&root.join("gold").join(format!("{stem}.jsonl")));
        score_doc(&stem, &preds, &golds, &mut score);
    }
    score
}

#[test]
fn fixture_scores_meet_the_floors() {
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
    let floors = [
        ("kind", 0.97),
        ("unit", 0.95),
        ("approx", 0.97),
        ("upper", 0.99),
        ("change", 0.85),
        ("modality", 0.90),
        ("subject", 0.70),
    ];
    assert!(score.f1() >= 0.93, "claim F1 {:.3} below 0.93", score.f1());
    for (a, floor) in floors {
        assert!(
            score.attr(a) >= floor,
            "{a} accuracy {:.3} below {floor}",
            score.attr(a)
        );
    }
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
