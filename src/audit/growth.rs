//! Growth: a value with its increase and rate (`实现412.6亿元，比上年增加38.1亿元，增长10.2%`),
//! and a rate against a basis rate with the difference in points (`增长13.1%，增速比规上工业快
//! 16.7个百分点`).

use rust_decimal::Decimal;

use super::{CheckKind, Doc, Found, Iv, Role};
use crate::claim::Direction;
use crate::unit::Kind;

/// How many claims back a comparison's named basis is looked for.
const REACH: usize = 40;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    increases(doc, found);
    points(doc, found);
}

/// Whether claim `i` states a fall (`减少`, `下降`, or its change says down).
fn falls(doc: &Doc<'_>, i: usize) -> bool {
    let c = &doc.claims[i];
    if let Some(ch) = &c.change {
        return ch.direction == Direction::Down;
    }
    let lead = doc.lead(i);
    ["减少", "下降", "减收", "减支", "降低", "少"]
        .iter()
        .any(|w| lead.contains(w))
}

/// A figure's range with its sign: a fall is negative.
fn signed(doc: &Doc<'_>, i: usize) -> Option<Iv> {
    let iv = doc.iv(i)?;
    Some(if falls(doc, i) && doc.claims[i].value > Decimal::ZERO {
        iv.neg()
    } else {
        iv
    })
}

fn increases(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    for i in 0..n {
        if !doc.is_change_amount(i) || doc.bracket[i] {
            continue;
        }
        let same = |k: usize| doc.sentence[k] == doc.sentence[i];
        // The value stands before in the sentence, or ends the sentence before
        // (`需求人数346096人。与上季度相比，需求人员增加110228人`).
        let value = (0..i)
            .rev()
            .take_while(|&k| doc.sentence[i] - doc.sentence[k] <= 1)
            .find(|&k| {
                !doc.is_rate(k) && !doc.is_change_amount(k) && doc.claims[k].kind != Kind::Percent
            });
        let Some(v) = value.filter(|&v| doc.is_level(v) && doc.same_unit(v, i)) else {
            continue;
        };
        let Some(r) = Some(i + 1).filter(|&r| r < n && same(r) && doc.is_rate(r)) else {
            continue;
        };
        let (Some(vi), Some(ii), Some(ri)) = (doc.iv(v), signed(doc, i), signed(doc, r)) else {
            continue;
        };
        let Some(rate) = vi.sub(ii).and_then(|base| ii.percent_of(base)) else {
            continue;
        };
        found.push(Found {
            kind: CheckKind::Growth,
            complete: None,
            figures: vec![(Role::Value, v), (Role::Increase, i), (Role::Rate, r)],
            strong: true,
            holds: ri.meets(&rate),
            stated: ri,
            computed: rate,
            inferred: false,
        });
    }
}

/// Rates compared in points: the basis in brackets right after (`低于全省12.8个百分点(全省增长
/// 9.5%)`), or named (`增速比规上工业快16.7个百分点`) and found as an earlier rate of that
/// subject, reported only when the arithmetic bears the reading out.
fn points(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    let mut i = 0;
    while i < n {
        if doc.claims[i].kind != Kind::PercentagePoint {
            i += 1;
            continue;
        }
        // `分别高于…12.9和11.1个百分点`: a run of points pairs with a run of rates.
        let mut run = vec![i];
        while let Some(k) = Some(run[run.len() - 1] + 1).filter(|&k| {
            k < n
                && doc.claims[k].kind == Kind::PercentagePoint
                && matches!(doc.gap(k).trim(), "和" | "、")
        }) {
            run.push(k);
        }
        let last = run[run.len() - 1];
        i = last + 1;
        let lead = doc.lead(run[0]);
        let lower = doc.cues.lower.iter().any(|w| lead.contains(w));
        let rates: Vec<usize> = (0..run[0])
            .rev()
            .take_while(|&k| doc.sentence[k] == doc.sentence[run[0]])
            .filter(|&k| doc.is_rate(k))
            .take(run.len())
            .collect();
        if rates.len() != run.len() {
            continue;
        }
        // A basis in brackets right after the points.
        let bracketed = Some(last + 1).filter(|&b| {
            b < n
                && doc.bracket[b]
                && doc.is_rate(b)
                && doc.gap(b).trim_start().starts_with(['(', '（'])
        });
        let named = || {
            let target = target(lead)?;
            (0..rates[rates.len() - 1])
                .rev()
                .take(REACH)
                .filter(|&k| doc.is_rate(k))
                .find(|&k| normal(doc.subject(k)).contains(&target))
        };
        let (base, strong) = match bracketed {
            Some(b) => (b, run.len() == 1),
            None => match named() {
                Some(b) => (b, false),
                None => continue,
            },
        };
        for (idx, &p) in run.iter().enumerate() {
            let v = rates[rates.len() - 1 - idx];
            if v == base {
                continue;
            }
            let (Some(vi), Some(bi), Some(pi)) = (signed(doc, v), signed(doc, base), doc.iv(p))
            else {
                continue;
            };
            let Some(diff) = vi.sub(bi) else { continue };
            let stated = if lower { pi.neg() } else { pi };
            found.push(Found {
                kind: CheckKind::Growth,
                complete: None,
                figures: vec![(Role::Base, base), (Role::Value, v), (Role::Points, p)],
                strong,
                holds: stated.meets(&diff),
                stated,
                computed: diff,
                inferred: !strong,
            });
        }
    }
}

/// The basis a comparison names (`比规上工业快` → `规上工业`), in the form of [`normal`].
fn target(lead: &str) -> Option<String> {
    let from = ["高于", "低于", "快于", "慢于", "比"]
        .iter()
        .filter_map(|w| lead.find(w).map(|p| p + w.len()))
        .min()?;
    let rest = &lead[from..];
    let to = ["快", "慢", "高", "低", "增速", "平均"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let t = normal(&rest[..to]);
    (t.chars().count() >= 2).then_some(t)
}

/// A subject without the place that scopes it, `规模以上` as `规上`.
fn normal(s: &str) -> String {
    let s = s.replace("规模以上", "规上");
    let mut t = s.as_str();
    for p in ["全市", "全省", "全县", "全区", "我省", "我市", "我县"] {
        t = t.trim_start_matches(p);
    }
    t.to_string()
}
