//! Conformance of the period resolver with two peers' Chinese date test cases
//! (`tests/conformance/`, with their notices in `tests/conformance/THIRD_PARTY_NOTICES.md`).
//!
//! Only dates and periods apply: clock times, durations and recurrences are other
//! stages' business (or not periods at all). Each applicable case is run through
//! `find_periods` and `resolve` with the case's reference date; a case the library
//! deliberately answers differently is listed with its reason in
//! `tests/conformance/exclusions/<file>.tsv`. The test prints the pass rates and fails
//! unless the cases that fail are exactly those of `tests/conformance/known_failures/
//! <file>.txt`, on an exclusion that no longer applies, and on an excluded case that passes.

mod common;

use std::collections::{BTreeSet, HashMap};

use press_stats::Date;
use press_stats::time::{Context, MentionRole, PeriodMention, find_periods};
use serde_json::Value;

const RECOGNIZERS: &str = include_str!("conformance/recognizers-text-DateTimeModel.jsonl");
const JIONLP: &str = include_str!("conformance/jionlp-time_parser.jsonl");
const RECOGNIZERS_EXCLUDED: &str =
    include_str!("conformance/exclusions/recognizers-text-DateTimeModel.tsv");
const JIONLP_EXCLUDED: &str = include_str!("conformance/exclusions/jionlp-time_parser.tsv");

type Bounds = (Option<Date>, Option<Date>);

fn day(s: &str) -> Option<Date> {
    s.get(..10)?.parse().ok()
}

fn chars(s: &str) -> Vec<char> {
    s.chars().map(press_stats::fold).collect()
}

fn periods(chars: &[char]) -> Vec<PeriodMention> {
    find_periods(chars)
        .into_iter()
        .filter(|m| m.role != MentionRole::Clock)
        .collect()
}

/// The exclusion list: source id to reason.
fn exclusions(text: &str) -> HashMap<String, String> {
    common::table::rows(text)
        .into_iter()
        .map(|r| {
            assert!(
                r.fields.len() >= 3 && !r.get(2).trim().is_empty(),
                "exclusion without a reason: line {}",
                r.line
            );
            (r.get(0).to_string(), r.get(2).to_string())
        })
        .collect()
}

/// What one file's run found.
#[derive(Default)]
struct Tally {
    applicable: usize,
    excluded: usize,
    passed: usize,
    /// Passed among the cases every peer platform runs (Recognizers-Text only).
    core_applicable: usize,
    core_passed: usize,
    failures: Vec<String>,
    /// The ids of the failures.
    failing: BTreeSet<String>,
    stale: Vec<String>,
}

impl Tally {
    fn rate(&self) -> f64 {
        let n = self.applicable - self.excluded;
        if n == 0 {
            1.0
        } else {
            self.passed as f64 / n as f64
        }
    }

    fn report(&self, name: &str) {
        let n = self.applicable - self.excluded;
        println!(
            "{name}: {}/{} passed ({:.1}%) of applicable cases not excluded; \
             {} applicable, {} excluded; {}/{} ({:.1}%) of all applicable",
            self.passed,
            n,
            100.0 * self.rate(),
            self.applicable,
            self.excluded,
            self.passed,
            self.applicable,
            100.0 * self.passed as f64 / self.applicable.max(1) as f64,
        );
        if self.core_applicable > 0 {
            println!(
                "{name}: {}/{} ({:.1}%) of applicable cases without a platform skip",
                self.core_passed,
                self.core_applicable,
                100.0 * self.core_passed as f64 / self.core_applicable as f64
            );
        }
        for f in &self.failures {
            println!("  FAIL {f}");
        }
    }
}

// ------------------------------------------------------------------- Recognizers-Text

/// The candidate resolutions of one Recognizers-Text entity, as first and last days.
fn recognizers_candidates(entity: &Value) -> Vec<Bounds> {
    let mut out = Vec::new();
    for v in entity["values"].as_array().into_iter().flatten() {
        let timex = v["timex"].as_str().unwrap_or("");
        let m = v["Mod"].as_str();
        if v["value"].as_str() == Some("not resolved") {
            out.push((None, None));
            continue;
        }
        match v["type"].as_str() {
            Some("date") => {
                if let Some(d) = v["value"].as_str().and_then(day) {
                    out.push((Some(d), Some(d)));
                }
            }
            Some("daterange") => {
                let start = v["start"].as_str().and_then(day);
                let end = v["end"].as_str().and_then(day);
                // The peer's ends are exclusive, except `until` (或之前, inclusive).
                let before = |d: Date| d.yesterday().ok();
                let full_date = timex.len() == 10 && timex.as_bytes().get(4) == Some(&b'-');
                out.push(match m {
                    None => (start, end.and_then(before)),
                    Some("before") => (None, end.and_then(before)),
                    // `2013年及以前`: the peer's year `until` ends at the next 1 January.
                    Some("until") if full_date => (None, end),
                    Some("until") => (None, end.and_then(before)),
                    Some("since") => (start, None),
                    Some("after") if full_date => (start.and_then(|d| d.tomorrow().ok()), None),
                    Some("after") => (start, None),
                    Some(_) => continue,
                });
            }
            _ => {}
        }
    }
    out
}

fn recognizers_reference(case: &Value) -> Option<Date> {
    case["context"]["ReferenceDateTime"].as_str().and_then(day)
}

/// Runs one case: `None` when it does not apply, else whether it passed and why not.
fn run_recognizers(case: &Value) -> Option<Result<(), String>> {
    let entities = case["expected"].as_array()?;
    let is_date = |e: &Value| {
        matches!(
            e["type"].as_str(),
            Some("datetimeV2.date" | "datetimeV2.daterange")
        )
    };
    if !entities.is_empty() && !entities.iter().any(is_date) {
        return None;
    }
    let input = case["input"].as_str()?;
    let c = chars(input);
    let found = periods(&c);
    let ctx = Context::new(recognizers_reference(case));
    let span = |e: &Value| {
        (
            e["start"].as_u64().unwrap_or(0) as usize,
            e["end"].as_u64().unwrap_or(0) as usize,
        )
    };
    let overlaps = |m: &PeriodMention, (s, e): (usize, usize)| m.start < e && s < m.end;
    // Every expected date is found with one of the peer's resolutions.
    for e in entities.iter().filter(|e| is_date(e)) {
        let want = recognizers_candidates(e);
        let got: Vec<(String, Bounds)> = found
            .iter()
            .filter(|m| overlaps(m, span(e)))
            .map(|m| (m.text(&c), m.resolve(&ctx)))
            .collect();
        if !got.iter().any(|(_, b)| want.contains(b)) {
            return Some(Err(format!(
                "{:?}: want {} in {want:?}, got {got:?}",
                input,
                e["text"].as_str().unwrap_or("")
            )));
        }
    }
    // Nothing found where the peer finds no date.
    for m in &found {
        if !entities.iter().any(|e| overlaps(m, span(e))) {
            return Some(Err(format!(
                "{input:?}: unexpected {:?} {:?}",
                m.text(&c),
                m.resolve(&ctx)
            )));
        }
    }
    Some(Ok(()))
}

// ------------------------------------------------------------------- JioNLP

/// The case's reference time as `YYYY-MM-DD HH:MM:SS`, or `None` for `now`/no base.
fn jionlp_reference(case: &Value) -> Option<String> {
    if let Some(s) = case["time_base_local"].as_str() {
        return Some(s.to_string());
    }
    let base = &case["time_base"];
    let parts: Vec<i64> = if let Some(list) = base.as_array() {
        list.iter().filter_map(Value::as_i64).collect()
    } else if base.is_object() {
        ["year", "month", "day", "hour", "minute", "second"]
            .iter()
            .map_while(|k| base[*k].as_i64())
            .collect()
    } else {
        return None;
    };
    let get = |i: usize, default: i64| parts.get(i).copied().unwrap_or(default);
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        get(0, 1970),
        get(1, 1),
        get(2, 1),
        get(3, 0),
        get(4, 0),
        get(5, 0)
    ))
}

/// The expected first and last days, when both bounds are whole days (or open, or the
/// reference time itself).
fn jionlp_expected(case: &Value, reference: Option<&str>) -> Option<Bounds> {
    let v = case["expected_value"].as_array()?;
    let (s, e) = (v.first()?.as_str()?, v.get(1)?.as_str()?);
    let start = match s {
        "-inf" => None,
        s if Some(s) == reference => Some(day(s)?),
        s if s.ends_with("00:00:00") => Some(day(s)?),
        _ => return None,
    };
    let end = match e {
        "inf" => None,
        e if Some(e) == reference => Some(day(e)?),
        e if e.ends_with("23:59:59") => Some(day(e)?),
        _ => return None,
    };
    Some((start, end))
}

fn run_jionlp(case: &Value) -> Option<Result<(), String>> {
    if !matches!(
        case["expected_type"].as_str(),
        Some("time_point" | "time_span")
    ) {
        return None;
    }
    let reference = jionlp_reference(case);
    let want = jionlp_expected(case, reference.as_deref())?;
    let input = case["input"].as_str()?;
    let c = chars(input);
    let found = periods(&c);
    let ctx = Context::new(reference.as_deref().and_then(day));
    // The input is one expression: its longest mention must resolve as expected.
    let best = found
        .iter()
        .max_by_key(|m| (m.end - m.start, usize::MAX - m.start));
    match best {
        Some(m) if m.resolve(&ctx) == want => Some(Ok(())),
        Some(m) => Some(Err(format!(
            "{input:?}: want {want:?}, got {:?} {:?}",
            m.text(&c),
            m.resolve(&ctx)
        ))),
        None => Some(Err(format!("{input:?}: want {want:?}, found nothing"))),
    }
}

// ------------------------------------------------------------------- harness

fn run(
    data: &str,
    excluded: &str,
    run_case: impl Fn(&Value) -> Option<Result<(), String>>,
    core: impl Fn(&Value) -> bool,
) -> Tally {
    let mut excluded = exclusions(excluded);
    let mut t = Tally::default();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("a JSON line");
        let source = case["source"].as_str().unwrap_or("").to_string();
        let Some(result) = run_case(&case) else {
            if excluded.remove(&source).is_some() {
                t.stale
                    .push(format!("{source}: excluded but does not apply"));
            }
            continue;
        };
        t.applicable += 1;
        let is_core = core(&case);
        if is_core {
            t.core_applicable += 1;
            if result.is_ok() {
                t.core_passed += 1;
            }
        }
        match (excluded.remove(&source), result) {
            (Some(_), Ok(())) => {
                t.excluded += 1;
                t.stale.push(format!("{source}: excluded but passes"));
            }
            (Some(_), Err(_)) => t.excluded += 1,
            (None, Ok(())) => t.passed += 1,
            (None, Err(e)) => {
                t.failures.push(format!("{source} {e}"));
                t.failing.insert(source.clone());
            }
        }
    }
    t.stale.extend(
        excluded
            .into_keys()
            .map(|s| format!("{s}: excluded but not in the data")),
    );
    t
}

fn check(name: &str, t: &Tally) {
    t.report(name);
    assert!(
        t.stale.is_empty(),
        "{name}: stale exclusions:\n{}",
        t.stale.join("\n")
    );
    common::table::expect_failures(
        &format!("tests/conformance/known_failures/{name}.txt"),
        &t.failing,
    );
}

#[test]
fn recognizers_text_datetime() {
    let t = run(RECOGNIZERS, RECOGNIZERS_EXCLUDED, run_recognizers, |c| {
        c["not_supported"].as_array().is_some_and(Vec::is_empty)
    });
    check("recognizers-text-DateTimeModel", &t);
}

#[test]
fn jionlp_time_parser() {
    let t = run(JIONLP, JIONLP_EXCLUDED, run_jionlp, |_| false);
    check("jionlp-time_parser", &t);
}
