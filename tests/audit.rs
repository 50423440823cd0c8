//! The audit against its gold (`fixtures/audit`): the checks of the bundled articles and the
//! development set, annotated blind. A predicted check matches a gold one of the same kind
//! whose figures pair with its own one to one by overlapping spans (as `eval/audit.py`).

use std::path::Path;

use press_stats::{Check, Extractor, Meta, Verdict};
use serde_json::Value;

/// The floors this test holds the audit to: relation precision and recall over all kinds,
/// and the precision of `inconsistent` verdicts. The six documents annotated after the audit
/// was written (d32–d37) first looked: precision 0.800, recall 0.333.
const PRECISION: f64 = 0.95;
const RECALL: f64 = 0.80;
const INCONSISTENT_PRECISION: f64 = 1.0;

fn pairs(gold: &[Value], pred: &Check) -> bool {
    fn go(gold: &[Value], pred: &Check, used: &mut Vec<bool>, i: usize) -> bool {
        if i == gold.len() {
            return true;
        }
        let (gs, ge) = (
            gold[i]["start"].as_u64().unwrap_or(0) as usize,
            gold[i]["end"].as_u64().unwrap_or(0) as usize,
        );
        for (j, f) in pred.figures.iter().enumerate() {
            if !used[j] && f.span.start < ge && gs < f.span.end {
                used[j] = true;
                if go(gold, pred, used, i + 1) {
                    return true;
                }
                used[j] = false;
            }
        }
        false
    }
    gold.len() == pred.figures.len() && go(gold, pred, &mut vec![false; gold.len()], 0)
}

#[test]
fn audit_meets_its_floors_on_the_annotated_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extractor = Extractor::new().expect("extractor builds");
    let mut names: Vec<String> = std::fs::read_dir(root.join("audit"))
        .expect("fixtures/audit exists")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".jsonl").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 41, "{} annotated documents", names.len());
    let (mut matched, mut predicted, mut golds) = (0usize, 0usize, 0usize);
    let (mut inc_true, mut inc_pred) = (0usize, 0usize);
    let mut false_alarms = Vec::new();
    for name in &names {
        let text_path = [root.join("seeds"), root.join("dev/texts")]
            .into_iter()
            .map(|d| d.join(format!("{name}.txt")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no text for {name}"));
        let text = std::fs::read_to_string(&text_path).expect("text reads");
        let checks = extractor.analyze(&text, &Meta::default()).checks;
        let gold: Vec<Value> =
            std::fs::read_to_string(root.join("audit").join(format!("{name}.jsonl")))
                .expect("gold reads")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).expect("gold is JSON"))
                .collect();
        golds += gold.len();
        predicted += checks.len();
        let mut taken = vec![false; checks.len()];
        for g in &gold {
            let figs = g["figures"].as_array().cloned().unwrap_or_default();
            let hit = checks.iter().enumerate().position(|(j, c)| {
                !taken[j] && c.kind.to_string() == g["check"] && pairs(&figs, c)
            });
            if let Some(j) = hit {
                taken[j] = true;
                matched += 1;
                if checks[j].verdict == Verdict::Inconsistent && g["verdict"] == "inconsistent" {
                    inc_true += 1;
                }
            }
        }
        for c in checks.iter().filter(|c| c.verdict == Verdict::Inconsistent) {
            inc_pred += 1;
            false_alarms.push(format!("{name}: {}", c.sentence));
        }
    }
    let precision = matched as f64 / predicted.max(1) as f64;
    let recall = matched as f64 / golds.max(1) as f64;
    let inc_precision = inc_true as f64 / inc_pred.max(1) as f64;
    println!(
        "audit: {golds} gold, {predicted} predicted, {matched} matched: precision {precision:.3}, \
         recall {recall:.3}; inconsistent {inc_true} of {inc_pred} true"
    );
    assert!(precision >= PRECISION, "relation precision {precision:.3}");
    assert!(recall >= RECALL, "relation recall {recall:.3}");
    assert!(
        inc_precision >= INCONSISTENT_PRECISION,
        "inconsistent verdicts {inc_true} of {inc_pred} true: {false_alarms:#?}"
    );
    assert!(
        inc_true >= 3,
        "the three known inconsistencies are found: {inc_true}"
    );
}

/// `--audit FILE` writes one JSON record per check, with the spec's fields.
#[test]
fn the_cli_writes_one_record_per_check() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let input = tmp.path().join("a.txt");
    std::fs::write(
        &input,
        "全年服务业增加值1612.87亿元。其中，金融业增加值190.61亿元；房地产业增加值211.14亿元；\
         其他服务业增加值639.69亿元。全年粮食播种面积921.58万亩，比上年增加0.99万亩，增长0.1%。",
    )
    .expect("input writes");
    let audit = tmp.path().join("audit.jsonl");
    let claims = tmp.path().join("claims.jsonl");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_press-stats"))
        .arg(&input)
        .arg("-o")
        .arg(&claims)
        .arg("--audit")
        .arg(&audit)
        .status()
        .expect("press-stats runs");
    assert!(status.success());
    let records: Vec<Value> = std::fs::read_to_string(&audit)
        .expect("audit written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(records.len(), 2, "{records:#?}");
    let keys: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "doc",
        "check",
        "verdict",
        "claims",
        "stated",
        "computed",
        "tolerance",
        "sentence",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    assert_eq!(records[0]["check"], "parts");
    assert_eq!(records[0]["verdict"], "inconsistent");
    assert_eq!(records[0]["stated"], 161287000000i64);
    assert_eq!(records[0]["computed"], 104144000000i64);
    assert_eq!(records[1]["check"], "growth");
    assert_eq!(records[1]["verdict"], "consistent");
    // Each claim says which total it is a part of, or which value it is the change of.
    let claims: Vec<Value> = std::fs::read_to_string(&claims)
        .expect("claims written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let total = claims[0]["start"].clone();
    assert_eq!(claims[0]["part_of"], Value::Null);
    assert_eq!(claims[1]["part_of"], total);
    let increase = claims
        .iter()
        .find(|c| c["text"] == "0.99万亩")
        .expect("increase");
    let value = claims
        .iter()
        .find(|c| c["text"] == "921.58万亩")
        .expect("value");
    assert_eq!(increase["change_of"], value["start"]);
}

/// A count and its members by how they moved add up, or are not reported at all.
#[test]
fn members_by_direction_make_up_their_count() {
    let extractor = Extractor::new().expect("extractor builds");
    let text = "1-10月，统计监测的23种工业产品，12种增长，11种下降。";
    let a = extractor.analyze(text, &Meta::default());
    assert_eq!(a.checks.len(), 1, "{:#?}", a.checks);
    assert_eq!(a.checks[0].verdict, Verdict::Consistent);
    assert_eq!(a.checks[0].figures.len(), 3);
    // Members that do not add up are no relation the text states: nothing is reported.
    let a = extractor.analyze(
        "统计监测的23种工业产品，12种增长，9种下降。",
        &Meta::default(),
    );
    assert!(a.checks.is_empty(), "{:#?}", a.checks);
}
