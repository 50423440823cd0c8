//! Conformance tests over the Chinese test cases of peer projects (Recognizers-Text, Duckling,
//! cn2an, JioNLP), kept as JSON Lines in `tests/conformance/` (the shared conformance README
//! describes each file's layout).
//!
//! One loop per file: a small adapter per peer maps our recognizer's output
//! ([`Extractor::quantities`], or [`Extractor::numbers`] for bare numbers) to what the peer
//! expects: our canonical units and values against Duckling's grams and metres or
//! Recognizers' `"Kilogram"` and `"Chinese yuan"`, our ranges and approximations against
//! Duckling's intervals and JioNLP's `[low, high]`. Each file prints its pass rate (cases
//! passed / cases that apply) and fails unless the cases that fail are exactly those listed
//! in `tests/conformance/known_failures/<file>.txt` (one id a line): a new failure is a
//! regression, a listed case that passes now is recorded by taking it off the list. A case
//! that does not apply is listed in `tests/conformance/exclusions/<file>.tsv` with its
//! source id, input and the reason (a deliberate difference of convention, or a case
//! outside what the recognizer is for).
//!
//! Run with `cargo test --test conformance -- --nocapture` to see the rates and failures.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use press_stats::{Approx, Decimal, Extractor, Kind, NumberMatch, Quantity, Unit};
use serde_json::Value;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("the compiled-in lexicons parse"));

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

/// One peer test case: its id (the `source` field, with cn2an's mode, and `#2`, `#3` … for
/// a repeated id), its input and the whole JSON row.
struct Case {
    id: String,
    input: String,
    row: Value,
}

fn cases(file: &str) -> Vec<Case> {
    let path = dir().join(format!("{file}.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut seen: HashMap<String, usize> = HashMap::new();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let row: Value = serde_json::from_str(l).expect("a JSON line");
            let mut id = row["source"].as_str().expect("a source").to_string();
            if let Some(mode) = row.get("mode").and_then(Value::as_str) {
                id = format!("{id}|{mode}");
            }
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                id = format!("{id}#{n}");
            }
            let input = row["input"].as_str().expect("an input").to_string();
            Case { id, input, row }
        })
        .collect()
}

/// The excluded cases of a file: id → (input, reason).
fn exclusions(file: &str) -> HashMap<String, (String, String)> {
    let rel = format!("tests/conformance/exclusions/{file}.tsv");
    let Ok(text) = std::fs::read_to_string(common::table::repo_path(&rel)) else {
        return HashMap::new();
    };
    let mut out = HashMap::new();
    for row in common::table::rows(&text) {
        let n = row.line;
        assert!(
            row.fields.len() == 3,
            "{rel}:{n}: expected id, input and reason"
        );
        let reason = row.get(2).trim();
        let lower = reason.to_lowercase();
        assert!(
            !reason.is_empty() && !lower.contains("not implemented") && lower != "hard",
            "{rel}:{n}: an exclusion needs a real reason"
        );
        let dup = out.insert(
            row.get(0).to_string(),
            (row.get(1).to_string(), reason.to_string()),
        );
        assert!(dup.is_none(), "{rel}:{n}: {} listed twice", row.get(0));
    }
    out
}

/// Runs `check` over the cases of `file` that apply, prints the pass rate and the failures,
/// and fails unless the failures are the known ones.
fn run(file: &str, check: impl Fn(&Case) -> Result<(), String>) {
    let all = cases(file);
    let excluded = exclusions(file);
    let ids: HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
    for (id, (input, _)) in &excluded {
        assert!(
            ids.contains(id.as_str()),
            "{file}: excluded id {id} is not a case"
        );
        let case = all.iter().find(|c| &c.id == id).expect("checked");
        assert_eq!(
            &case.input, input,
            "{file}: excluded {id} has another input"
        );
    }
    let mut passed = 0usize;
    let mut applicable = 0usize;
    let mut failures = Vec::new();
    let mut failing = BTreeSet::new();
    let mut now_passing = Vec::new();
    for case in &all {
        if excluded.contains_key(&case.id) {
            if check(case).is_ok() {
                now_passing.push(case.id.clone());
            }
            continue;
        }
        applicable += 1;
        match check(case) {
            Ok(()) => passed += 1,
            Err(why) => {
                failing.insert(case.id.clone());
                failures.push(format!("  FAIL {} {:?}: {why}", case.id, case.input));
            }
        }
    }
    let rate = if applicable == 0 {
        1.0
    } else {
        passed as f64 / applicable as f64
    };
    println!(
        "{file}: {passed}/{applicable} passed ({:.1}%), {} excluded",
        rate * 100.0,
        excluded.len()
    );
    for f in &failures {
        println!("{f}");
    }
    for id in &now_passing {
        println!("  note: excluded case {id} passes");
    }
    common::table::expect_failures(
        &format!("tests/conformance/known_failures/{file}.txt"),
        &failing,
    );
}

// ---- shared helpers ----

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// Equal as the scorer compares values (`eval/score.py`: within 1e-9 relative).
fn same(a: f64, b: f64) -> bool {
    // A JSON number is finite: NaN (a value that does not parse) matches nothing.
    a.is_finite() && b.is_finite() && common::score::same_value(&Value::from(a), &Value::from(b))
}

fn same_dec(a: Decimal, b: f64) -> bool {
    same(to_f64(a), b)
}

/// A peer value written as a string (`"2.4%"`, `"5E-06"`, `"10000000"`).
fn peer_number(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => s.trim_end_matches('%').parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Approximation words from our lexicon, by side: our spans include an adjacent one
/// (spec §2), the peers' spans do not.
static APPROX_WORDS: LazyLock<(HashSet<String>, HashSet<String>)> = LazyLock::new(|| {
    let mut before = HashSet::new();
    let mut after = HashSet::new();
    for row in common::table::rows(include_str!("../data/approx.tsv")) {
        if row.fields.len() < 3 {
            continue;
        }
        match row.get(2).trim() {
            "before" => before.insert(row.get(0).trim().to_string()),
            _ => after.insert(row.get(0).trim().to_string()),
        };
    }
    (before, after)
});

/// Whether our span `[qs, qe)` is the peer's `[ps, pe)`, up to an approximation word of
/// ours on either side.
fn span_matches(input: &str, qs: usize, qe: usize, ps: usize, pe: usize) -> bool {
    if qs > ps || pe > qe {
        return false;
    }
    let chars: Vec<char> = input.chars().collect();
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let (before, after) = &*APPROX_WORDS;
    let pre = part(qs, ps);
    let post = part(pe, qe);
    (pre.is_empty() || before.contains(&pre)) && (post.is_empty() || after.contains(&post))
}

fn show_q(qs: &[Quantity]) -> String {
    let v: Vec<String> = qs
        .iter()
        .map(|q| {
            format!(
                "{}@{}..{}={}{}{} {} {}",
                q.text,
                q.span.start,
                q.span.end,
                q.value,
                q.upper.map(|u| format!("~{u}")).unwrap_or_default(),
                q.unit
                    .as_ref()
                    .map(|u| format!(" [{u}]"))
                    .unwrap_or_default(),
                q.kind.map_or("bare".to_owned(), |k| k.to_string()),
                q.approx
            )
        })
        .collect();
    format!("[{}]", v.join(", "))
}

fn show_n(ns: &[NumberMatch]) -> String {
    let v: Vec<String> = ns
        .iter()
        .map(|n| {
            format!(
                "{}@{}..{}={}{}",
                n.text,
                n.span.start,
                n.span.end,
                n.value,
                n.upper.map(|u| format!("~{u}")).unwrap_or_default()
            )
        })
        .collect();
    format!("[{}]", v.join(", "))
}

fn show_expected(exp: &[Value]) -> String {
    let v: Vec<String> = exp
        .iter()
        .map(|e| {
            format!(
                "{}@{}..{}={}{}",
                e["text"].as_str().unwrap_or(""),
                e["start"],
                e["end"],
                e["value"],
                e.get("unit")
                    .and_then(Value::as_str)
                    .map(|u| format!(" [{u}]"))
                    .unwrap_or_default()
            )
        })
        .collect();
    format!("[{}]", v.join(", "))
}

fn unit_name(q: &Quantity) -> Option<String> {
    q.unit.as_ref().map(Unit::to_string)
}

// ---- Recognizers-Text ----

/// Compares a list of our items with the peer's `expected`, pairwise in order, as the
/// peer's .NET harness does.
fn recognizers_pairs<T>(
    case: &Case,
    got: &[T],
    show: impl Fn(&[T]) -> String,
    pair: impl Fn(&T, &Value) -> Result<(), String>,
) -> Result<(), String> {
    let exp = case.row["expected"].as_array().cloned().unwrap_or_default();
    let ctx = || format!("expected {}, got {}", show_expected(&exp), show(got));
    if exp.len() != got.len() {
        return Err(ctx());
    }
    for (g, e) in got.iter().zip(&exp) {
        pair(g, e).map_err(|why| format!("{why}; {}", ctx()))?;
    }
    Ok(())
}

fn offsets(e: &Value) -> (usize, usize) {
    let n = |k: &str| e[k].as_u64().unwrap_or(u64::MAX) as usize;
    (n("start"), n("end"))
}

fn check_value(case: &Case, e: &Value, got: Decimal) -> Result<(), String> {
    if case.row["ignore_resolution"].as_bool() == Some(true) {
        return Ok(());
    }
    match peer_number(&e["value"]) {
        Some(v) if same_dec(got, v) => Ok(()),
        _ => Err(format!("value {got} is not {}", e["value"])),
    }
}

#[test]
fn recognizers_number() {
    run("recognizers-text-NumberModel", |case| {
        let got = EXTRACTOR.numbers(&case.input);
        recognizers_pairs(case, &got, show_n, |n, e| {
            let (s, t) = offsets(e);
            if (n.span.start, n.span.end) != (s, t) {
                return Err(format!(
                    "span {}..{} is not {s}..{t}",
                    n.span.start, n.span.end
                ));
            }
            check_value(case, e, n.value)
        })
    });
}

/// Recognizers' percentage: our percentages and percentage points (the peer reads
/// `个百分点` as a percentage).
#[test]
fn recognizers_percent() {
    run("recognizers-text-PercentModel", |case| {
        let got: Vec<Quantity> = EXTRACTOR
            .quantities(&case.input)
            .into_iter()
            .filter(|q| matches!(q.kind, Some(Kind::Percent | Kind::PercentagePoint)))
            .collect();
        recognizers_pairs(case, &got, show_q, |q, e| {
            let (s, t) = offsets(e);
            if !span_matches(&case.input, q.span.start, q.span.end, s, t) {
                return Err("span differs".into());
            }
            check_value(case, e, q.value)
        })
    });
}

/// Recognizers' currency names → our canonical currency units. The peer's `"Dollar"` is
/// the bare `$` sign, which Chinese texts use for the US dollar.
fn recognizers_currency(name: &str) -> Option<&'static str> {
    Some(match name {
        "Chinese yuan" => "元",
        "United States dollar" | "Dollar" => "美元",
        "Euro" => "欧元",
        "Hong Kong dollar" => "港元",
        "New Taiwan dollar" => "新台币",
        "Japanese yen" => "日元",
        "Swiss franc" => "瑞士法郎",
        "Nigerian naira" => "奈拉",
        "British pound" => "英镑",
        _ => return None,
    })
}

#[test]
fn recognizers_currency_model() {
    run("recognizers-text-CurrencyModel", |case| {
        let got: Vec<Quantity> = EXTRACTOR
            .quantities(&case.input)
            .into_iter()
            .filter(|q| q.kind == Some(Kind::Money))
            .collect();
        recognizers_pairs(case, &got, show_q, |q, e| {
            let (s, t) = offsets(e);
            if !span_matches(&case.input, q.span.start, q.span.end, s, t) {
                return Err("span differs".into());
            }
            let want = e["unit"].as_str().and_then(recognizers_currency);
            if want.is_none() || unit_name(q).as_deref() != want {
                return Err(format!("unit {:?} is not {}", unit_name(q), e["unit"]));
            }
            check_value(case, e, q.value)
        })
    });
}

/// Recognizers' dimension units → our canonical units (which keep a metric prefix as
/// written: 千比特, 兆字节).
fn recognizers_dimension(name: &str) -> Option<&'static str> {
    Some(match name {
        "Mu" => "亩",
        "Kilogram" => "千克",
        "Gram" => "克",
        "Microgram" => "微克",
        "Ton" => "吨",
        "Jin" => "斤",
        "Liang" => "两",
        "Centimeter" => "厘米",
        "Meter" => "米",
        "Kilometer" => "公里",
        "Bit" => "比特",
        "Kilobit" => "千比特",
        "Kilobyte" => "千字节",
        "Megabyte" => "兆字节",
        "Hertz" => "赫兹",
        "Megahertz" => "兆赫兹",
        "Kilowatt" => "千瓦",
        "Kilocalorie" => "千卡",
        _ => return None,
    })
}

#[test]
fn recognizers_dimension_model() {
    run("recognizers-text-DimensionModel", |case| {
        let got: Vec<Quantity> = EXTRACTOR
            .quantities(&case.input)
            .into_iter()
            .filter(|q| q.kind == Some(Kind::Measure))
            .collect();
        recognizers_pairs(case, &got, show_q, |q, e| {
            let (s, t) = offsets(e);
            if !span_matches(&case.input, q.span.start, q.span.end, s, t) {
                return Err("span differs".into());
            }
            let want = e["unit"].as_str().and_then(recognizers_dimension);
            if want.is_none() || unit_name(q).as_deref() != want {
                return Err(format!("unit {:?} is not {}", unit_name(q), e["unit"]));
            }
            check_value(case, e, q.value)
        })
    });
}

// ---- Duckling ----

/// The one quantity that spans the whole input (Duckling's corpus tests are full matches).
fn whole(input: &str) -> Result<Quantity, String> {
    let got = EXTRACTOR.quantities(input);
    let n = input.chars().count();
    match got.as_slice() {
        [q] if q.span.start == 0 && q.span.end == n => Ok(q.clone()),
        _ => Err(format!("not one quantity over the input: {}", show_q(&got))),
    }
}

/// Checks a Duckling value or interval against our quantity, given our quantity's value
/// in the peer's unit (`factor` times ours) and that unit's name.
fn duckling_expect(row: &Value, q: &Quantity, unit: &str, factor: f64) -> Result<(), String> {
    let v = to_f64(q.value) * factor;
    let up = q.upper.map(|u| to_f64(u) * factor);
    let unit_ok = |e: &Value| e["unit"].as_str().is_none_or(|u| u == unit);
    let num = |e: &Value| e["value"].as_f64();
    let bad = || {
        format!(
            "got {v}{} {unit} {} for {}",
            up.map(|u| format!("~{u}")).unwrap_or_default(),
            q.approx,
            row.get("peer_expr").unwrap_or(&Value::Null)
        )
    };
    if row["expected_unit"].as_str().is_some_and(|u| u != unit) {
        return Err(bad());
    }
    let ok = match row["expected_type"].as_str() {
        Some("value") => {
            up.is_none()
                && matches!(q.approx, Approx::Exact | Approx::About)
                && row["expected_value"].as_f64().is_some_and(|e| same(e, v))
        }
        Some("interval") => {
            let from = row.get("expected_from").filter(|x| !x.is_null());
            let to = row.get("expected_to").filter(|x| !x.is_null());
            match (from, to) {
                (Some(f), Some(t)) => {
                    unit_ok(f)
                        && unit_ok(t)
                        && num(f).is_some_and(|x| same(x, v))
                        && up.zip(num(t)).is_some_and(|(a, b)| same(a, b))
                }
                (Some(f), None) => {
                    unit_ok(f)
                        && up.is_none()
                        && matches!(q.approx, Approx::AtLeast | Approx::MoreThan)
                        && num(f).is_some_and(|x| same(x, v))
                }
                (None, Some(t)) => {
                    unit_ok(t)
                        && up.is_none()
                        && matches!(q.approx, Approx::AtMost | Approx::LessThan | Approx::Nearly)
                        && num(t).is_some_and(|x| same(x, v))
                }
                (None, None) => false,
            }
        }
        _ => false,
    };
    if ok { Ok(()) } else { Err(bad()) }
}

/// Runs a Duckling dimension file: `units` maps our unit to Duckling's unit and the factor
/// that converts our value into it.
fn duckling(file: &str, units: impl Fn(&Quantity) -> Option<(&'static str, f64)>) {
    run(file, |case| {
        let q = whole(&case.input)?;
        if case.row.get("expected_any").is_some() {
            // Every reading must be among the parses; we make one.
            return Err(format!("one reading only: {}", show_q(&[q])));
        }
        let (unit, factor) = units(&q).ok_or_else(|| {
            format!(
                "unit not in this dimension: {}",
                show_q(std::slice::from_ref(&q))
            )
        })?;
        duckling_expect(&case.row, &q, unit, factor)
    });
}

/// Duckling's Numeral: the numeral may carry the classifier 个; fractions are ratios (our
/// spec writes them as percentages).
#[test]
fn duckling_numeral() {
    run("duckling-Numeral", |case| {
        let q = whole(&case.input)?;
        let v = match &q.unit {
            None => to_f64(q.value),
            Some(Unit::Count(c)) if &**c == "个" => to_f64(q.value),
            Some(Unit::Percent) => to_f64(q.value) / 100.0,
            _ => return Err(format!("not a numeral: {}", show_q(&[q]))),
        };
        match case.row["expected_value"].as_f64() {
            Some(e) if same(e, v) => Ok(()),
            _ => Err(format!("value {v} for {}", case.row["expected_value"])),
        }
    });
}

/// Duckling ZH reads 元/块 as the generic dollar `$`, 角/分 as cents, and 人民币/港币 as
/// CNY/HKD; our unit for RMB is 元 in yuan.
#[test]
fn duckling_money() {
    run("duckling-AmountOfMoney", |case| {
        let q = whole(&case.input)?;
        let want = case.row["expected_unit"].as_str().unwrap_or("");
        let (unit, factor) = match (unit_name(&q).as_deref(), want) {
            (Some("元"), "cent") => ("cent", 100.0),
            (Some("元"), "CNY") => ("CNY", 1.0),
            (Some("元"), _) => ("$", 1.0),
            (Some("港元"), _) => ("HKD", 1.0),
            _ => return Err(format!("not money: {}", show_q(&[q]))),
        };
        duckling_expect(&case.row, &q, unit, factor)
    });
}

#[test]
fn duckling_distance() {
    duckling("duckling-Distance", |q| {
        Some(match unit_name(q)?.as_str() {
            "厘米" => ("centimetre", 1.0),
            "米" => ("metre", 1.0),
            "公里" => ("kilometre", 1.0),
            "英尺" => ("foot", 1.0),
            "英寸" => ("inch", 1.0),
            "英里" => ("mile", 1.0),
            _ => return None,
        })
    });
}

/// Duckling converts spoons to millilitres; we keep the unit as written.
#[test]
fn duckling_volume() {
    duckling("duckling-Volume", |q| {
        Some(match unit_name(q)?.as_str() {
            "升" => ("litre", 1.0),
            "毫升" => ("millilitre", 1.0),
            "加仑" => ("gallon", 1.0),
            "茶匙" => ("millilitre", 5.0),
            "汤匙" => ("millilitre", 15.0),
            _ => return None,
        })
    });
}

/// Duckling resolves every mass to grams; we keep the unit (斤 = 500 g, 两 = 50 g).
#[test]
fn duckling_quantity() {
    duckling("duckling-Quantity", |q| {
        Some(match unit_name(q)?.as_str() {
            "克" => ("gram", 1.0),
            "千克" => ("gram", 1000.0),
            "毫克" => ("gram", 0.001),
            "斤" => ("gram", 500.0),
            "两" => ("gram", 50.0),
            "吨" => ("gram", 1_000_000.0),
            _ => return None,
        })
    });
}

// ---- cn2an ----

/// `Cn2An().cn2an(input, mode)`: the whole input is one number (an amount in 元 for the
/// 大写 cases such as 壹拾壹元整). `direct` mode returns a digit string (`"003"`), which we
/// compare as a number.
#[test]
fn cn2an() {
    run("cn2an-cn2an", |case| {
        if case.row["expected_error"].as_bool() == Some(true) {
            return Err("a strict-mode rejection".into());
        }
        let q = whole(&case.input)?;
        if !matches!(unit_name(&q).as_deref(), None | Some("元")) {
            return Err(format!("not a number: {}", show_q(&[q])));
        }
        let want = peer_number(&case.row["expected_value"]);
        match want {
            Some(w) if same_dec(q.value, w) => Ok(()),
            _ => Err(format!(
                "value {} for {}",
                q.value, case.row["expected_value"]
            )),
        }
    });
}

// ---- JioNLP ----

fn two_dp(s: &Value) -> Option<Decimal> {
    s.as_str()?.parse().ok()
}

/// `jio.parse_money(input)`: the amount's value (to 2 decimals), currency (a bare number is
/// 元) and definition. JioNLP writes 多/几十 as `[low, high]`; our spec keeps the base with
/// approx `more_than` (`about` when 约 stands before it), so only `low` is compared there.
#[test]
fn jionlp_money() {
    run("jionlp-money_parser", |case| {
        let got: Vec<Quantity> = EXTRACTOR
            .quantities(&case.input)
            .into_iter()
            .filter(|q| q.kind.is_none_or(|k| k == Kind::Money))
            .collect();
        let [q] = got.as_slice() else {
            return Err(format!("not one amount: {}", show_q(&got)));
        };
        let unit = unit_name(q).unwrap_or_else(|| "元".into());
        let bad = || format!("got {}", show_q(std::slice::from_ref(q)));
        if Some(unit.as_str()) != case.row["expected_unit"].as_str() {
            return Err(bad());
        }
        let value = q.value.round_dp(2);
        let upper = q.upper.map(|u| u.round_dp(2));
        let def = case.row["expected_definition"].as_str().unwrap_or("");
        let ok = match &case.row["expected_value"] {
            Value::Array(lh) if lh.len() == 2 => {
                let (lo, hi) = (two_dp(&lh[0]), two_dp(&lh[1]));
                let fuzzy = case.input.contains(['多', '余', '几', '数']);
                Some(value) == lo
                    && (upper.is_some() && upper == hi
                        || fuzzy
                            && upper.is_none()
                            && matches!(q.approx, Approx::MoreThan | Approx::About))
            }
            v => {
                Some(value) == two_dp(v)
                    && upper.is_none()
                    && match def {
                        "accurate" => q.approx == Approx::Exact,
                        "blur" => q.approx == Approx::About,
                        "blur+" => matches!(q.approx, Approx::AtLeast | Approx::MoreThan),
                        "blur-" => {
                            matches!(q.approx, Approx::Nearly | Approx::LessThan | Approx::AtMost)
                        }
                        _ => false,
                    }
            }
        };
        if ok { Ok(()) } else { Err(bad()) }
    });
}
