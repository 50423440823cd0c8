//! Ratios that must add up to 100: `三次产业结构为9.4：41.2：49.4`, the three industries'
//! shares of growth `分别为8.3%、53.9%和37.9%`, and the shares of parts that cover a whole.

use rust_decimal::Decimal;

use super::{CheckKind, Doc, Found, Iv, Role};
use crate::unit::Kind;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    ratio_lists(doc, found);
    shares_of_wholes(doc, found);
}

/// Runs of percentages joined by colons after `结构` or `比例`, or listed after `分别为`
/// where the three industries are named.
fn ratio_lists(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    let mut i = 0;
    while i < n {
        let pct = |k: usize| doc.claims[k].kind == Kind::Percent && doc.claims[k].change.is_none();
        if !pct(i) {
            i += 1;
            continue;
        }
        let lead = doc.lead(i);
        let gap = doc.gap(i);
        let colons = lead.contains("结构") || lead.contains("比例");
        let listed = lead.contains("分别为") && gap.contains("三次产业");
        if !colons && !listed {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        while let Some(&last) = run.last() {
            let k = last + 1;
            if k >= n || !pct(k) {
                break;
            }
            let sep = doc.gap(k).trim();
            let joins = if colons {
                matches!(sep, ":" | "：" | "∶")
            } else {
                matches!(sep, "、" | "和" | "," | "，")
            };
            if !joins {
                break;
            }
            run.push(k);
        }
        if run.len() >= 2
            && (colons || run.len() == 3)
            && let Some(f) = hundred(doc, &run)
        {
            found.push(f);
        }
        i = run.last().map_or(i + 1, |l| l + 1);
    }
}

/// The stated shares of the parts of a complete list (`男性…占51.81%；女性…占48.19%`).
fn shares_of_wholes(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut runs = Vec::new();
    for f in found.iter() {
        if f.kind != CheckKind::Parts || f.complete != Some(true) {
            continue;
        }
        let shares: Vec<usize> = f
            .figures
            .iter()
            .filter(|(r, _)| *r == Role::Part)
            .filter_map(|&(_, p)| super::share::share_after(doc, p))
            .collect();
        if shares.len() + 1 == f.figures.len() {
            runs.push(shares);
        }
    }
    for run in runs {
        if let Some(f) = hundred(doc, &run) {
            found.push(f);
        }
    }
}

fn hundred(doc: &Doc<'_>, run: &[usize]) -> Option<Found> {
    let mut sum = Iv::point(Decimal::ZERO);
    for &k in run {
        sum = sum.add(doc.iv(k)?)?;
    }
    let stated = Iv::point(Decimal::ONE_HUNDRED);
    Some(Found {
        kind: CheckKind::Structure,
        complete: None,
        figures: run.iter().map(|&k| (Role::Part, k)).collect(),
        strong: true,
        holds: stated.meets(&sum),
        stated,
        computed: sum,
        inferred: false,
    })
}
