//! The matching and scoring rules of `eval/score.py`, for tests: a predicted claim matches
//! a gold claim of the same document when their spans overlap and their values agree
//! (within 1e-9 relative), one to one, largest overlap first; optional gold claims neither
//! count nor penalise; attributes are compared over matched required claims.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde_json::Value;

/// Precision, recall, F1 and attribute accuracies.
#[derive(Debug, Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub matched: usize,
    pub hits: BTreeMap<&'static str, usize>,
    /// One line for each error (a spurious or missed claim, an attribute that differs),
    /// naming the document, the error and the claim: the ids of the known failures.
    pub errors: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn attr(&self, name: &str) -> f64 {
        ratio(*self.hits.get(name).unwrap_or(&0), self.matched)
    }
    /// The errors, as a set of ids for [`super::table::expect_failures`].
    pub fn failing(&self) -> std::collections::BTreeSet<String> {
        self.errors.iter().cloned().collect()
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

pub fn same_value(a: &Value, b: &Value) -> bool {
    match (num(a), num(b)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}

fn int(c: &Value, k: &str) -> i64 {
    c.get(k).and_then(Value::as_i64).unwrap_or(0)
}

fn overlap(p: &Value, g: &Value) -> i64 {
    int(p, "end").min(int(g, "end")) - int(p, "start").max(int(g, "start"))
}

fn dept_name(c: &Value) -> Option<String> {
    match c.get("department") {
        Some(Value::Object(d)) => d.get("name").and_then(Value::as_str).map(String::from),
        _ => None,
    }
}

/// Drops leading place names: 宁德市民政局 → 民政局.
fn dept_core(name: &str) -> String {
    let mut s: Vec<char> = name.chars().collect();
    'outer: loop {
        for i in 0..s.len().min(8) {
            if "省市区县".contains(s[i]) && i + 1 < s.len() {
                s.drain(..=i);
                continue 'outer;
            }
        }
        return s.into_iter().collect();
    }
}

fn same_dept(p: Option<String>, g: Option<String>) -> bool {
    match (p, g) {
        (None, None) => true,
        (Some(p), Some(g)) => {
            if p == g {
                return true;
            }
            let (short, long) = if p.chars().count() <= g.chars().count() {
                (&p, &g)
            } else {
                (&g, &p)
            };
            if short.chars().count() >= 3 && long.ends_with(short.as_str()) {
                return true;
            }
            dept_core(&p) == dept_core(&g)
        }
        _ => false,
    }
}

fn date_pair(c: &Value) -> (Value, Value) {
    match c.get("date") {
        Some(Value::Object(d)) => (
            d.get("start").cloned().unwrap_or(Value::Null),
            d.get("end").cloned().unwrap_or(Value::Null),
        ),
        _ => (Value::Null, Value::Null),
    }
}

fn change_dir(c: &Value) -> Option<String> {
    match c.get("change") {
        Some(Value::Object(d)) => d.get("direction").and_then(Value::as_str).map(String::from),
        _ => None,
    }
}

fn bigrams(s: &str) -> std::collections::HashSet<String> {
    let c: Vec<char> = s.chars().collect();
    let mut out: std::collections::HashSet<String> =
        c.windows(2).map(|w| w.iter().collect()).collect();
    if out.is_empty() && !s.is_empty() {
        out.insert(s.to_string());
    }
    out
}

fn dice(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

fn s<'a>(c: &'a Value, k: &str) -> Option<&'a str> {
    c.get(k).and_then(Value::as_str)
}

/// The attributes compared over matched claims.
pub const ATTRS: [&str; 9] = [
    "kind",
    "unit",
    "approx",
    "upper",
    "change",
    "modality",
    "department",
    "date",
    "subject",
];

fn attr_ok(name: &str, p: &Value, g: &Value) -> bool {
    match name {
        "kind" => s(p, "kind") == s(g, "kind"),
        "unit" => s(p, "unit") == s(g, "unit"),
        "approx" => s(p, "approx").unwrap_or("exact") == s(g, "approx").unwrap_or("exact"),
        "upper" => same_value(
            p.get("upper").unwrap_or(&Value::Null),
            g.get("upper").unwrap_or(&Value::Null),
        ),
        "change" => change_dir(p) == change_dir(g),
        "modality" => s(p, "modality").unwrap_or("actual") == s(g, "modality").unwrap_or("actual"),
        "department" => same_dept(dept_name(p), dept_name(g)),
        "date" => date_pair(p) == date_pair(g),
        "subject" => dice(s(p, "subject").unwrap_or(""), s(g, "subject").unwrap_or("")) >= 0.5,
        _ => false,
    }
}

/// Scores the predictions of one document against its gold claims, adding to `score`.
pub fn score_doc(doc: &str, preds: &[Value], golds: &[Value], score: &mut Score) {
    let mut cands = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in golds.iter().enumerate() {
            let ov = overlap(p, g);
            if ov > 0
                && same_value(
                    p.get("value").unwrap_or(&Value::Null),
                    g.get("value").unwrap_or(&Value::Null),
                )
            {
                cands.push((ov, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; preds.len()], vec![false; golds.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in cands {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            pairs.push((i, j));
        }
    }
    let optional = |g: &Value| g.get("optional").and_then(Value::as_bool).unwrap_or(false);
    let tp = pairs.iter().filter(|&&(_, j)| !optional(&golds[j])).count();
    let matched_opt = pairs.len() - tp;
    score.tp += tp;
    score.fp += preds.len() - tp - matched_opt;
    score.fn_ += golds.iter().filter(|g| !optional(g)).count() - tp;
    for (i, p) in preds.iter().enumerate() {
        if !used_p[i] {
            score.errors.push(format!(
                "{doc} spurious: {} {}",
                s(p, "text").unwrap_or(""),
                int(p, "start")
            ));
        }
    }
    for (j, g) in golds.iter().enumerate() {
        if !used_g[j] && !optional(g) {
            score.errors.push(format!(
                "{doc} missed: {} {}",
                s(g, "text").unwrap_or(""),
                int(g, "start")
            ));
        }
    }
    for (i, j) in pairs {
        let (p, g) = (&preds[i], &golds[j]);
        if optional(g) {
            continue;
        }
        score.matched += 1;
        for a in ATTRS {
            if attr_ok(a, p, g) {
                *score.hits.entry(a).or_default() += 1;
            } else {
                score.errors.push(format!(
                    "{doc} {a} differs: {} {}",
                    s(g, "text").unwrap_or(""),
                    int(g, "start")
                ));
            }
        }
    }
}
