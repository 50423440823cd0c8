//! Totals and their parts: a list after `其中` or a colon, a list in brackets after (or
//! before) its total, the three industries after GDP.

use super::{CheckKind, Doc, Found, Iv, Role, TOTAL};

/// Measure words of counts that count the same things (`21个项目，其中…1项`, `1453名…1322人`).
const GENERIC_COUNTS: [[&str; 2]; 2] = [["个", "项"], ["人", "名"]];

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut used = vec![false; doc.claims.len()];
    listed(doc, &mut used, found);
    grouped(doc, found);
    counted(doc, found);
    tallied(doc, found);
    bracketed(doc, found);
    industries(doc, found);
}

/// Whether two levels can be a total and its part: the same kind and unit, or counts in
/// generic measure words.
pub(super) fn comparable(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if doc.same_unit(a, b) {
        return true;
    }
    let (x, y) = (&doc.claims[a], &doc.claims[b]);
    let (ux, uy) = (x.unit.to_string(), y.unit.to_string());
    x.kind == crate::Kind::Count
        && y.kind == crate::Kind::Count
        && GENERIC_COUNTS
            .iter()
            .any(|g| g.contains(&ux.as_str()) && g.contains(&uy.as_str()))
}

/// `总额X，其中A a、B b`, `X：A a，B b`, `32个…中的19个，其余13个`, and table rows
/// `其中:A | a` under a total row.
fn listed(doc: &Doc<'_>, used: &mut [bool], found: &mut Vec<Found>) {
    let n = doc.claims.len();
    for j in 0..n {
        let gap = doc.gap(j);
        let opener = doc.opener[j];
        let direct = j > 0
            && (matches!(gap.trim_start().chars().next(), Some(':' | '：'))
                || gap.trim_end_matches(['，', ',']).ends_with("中的"));
        if (opener.is_none() && !direct) || !doc.is_level(j) || doc.bracket[j] {
            continue;
        }
        // A row `其中:城镇 | 48443` of a table: its total is rows above.
        let row = opener.is_some_and(|p| {
            gap[..p].contains('\n')
                && gap[..p]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|s| s.trim().is_empty())
        });
        // `总额X，…，其中A a；B b`: a list opened mid-sentence without a comma names one
        // part, and what follows a semicolon stands beside the total, not under it.
        let single = !row
            && !direct
            && opener.is_some_and(|p| {
                let before = &gap[..p];
                let after = &gap[p..];
                !before.contains(['。', '！', '？', '\n'])
                    && doc.sentence[j] == doc.sentence[j.saturating_sub(1)]
                    && !after.contains(['，', ',', '：', ':'])
            });
        // The levels of the list, by unit (`其中停产3家6台，在建1家2台`).
        let mut groups: Vec<Vec<usize>> = Vec::new();
        // Where a single-part list ends: the parts after it count only if they complete
        // the whole (`其中出口a；进口b`).
        let mut beyond = usize::MAX;
        for k in j..n {
            let same_block = if row {
                doc.line[k] - doc.line[j] <= 12
            } else {
                doc.sentence[k] == doc.sentence[j]
            };
            if !same_block {
                break;
            }
            if doc.bracket[k] {
                continue;
            }
            if k > j && doc.opener[k].is_some() {
                break;
            }
            if single && k > j && beyond == usize::MAX && doc.gap(k).contains(['；', ';']) {
                beyond = k;
            }
            // A table ends at a line of prose (a title, the next table's caption).
            let prose = |l: &str| {
                let l = l.trim();
                l.chars().count() > 10 && !l.contains(['|', '\t'])
            };
            if row && k > j && doc.gap(k).split('\n').skip(1).any(prose) {
                break;
            }
            if doc.bracket[k] || !doc.is_level(k) {
                continue;
            }
            match groups.iter_mut().find(|g| comparable(doc, g[0], k)) {
                Some(g) => g.push(k),
                None => groups.push(vec![k]),
            }
        }
        for mut parts in groups {
            let first = parts[0];
            if beyond != usize::MAX {
                let whole = names_whole(doc, &parts);
                if !whole {
                    parts.retain(|&p| p < beyond);
                }
            }
            let total = if direct {
                Some(j - 1).filter(|&t| doc.is_level(t) && comparable(doc, t, first))
            } else {
                let reach = if row { 8 } else { 1 };
                let before_opener = opener.map_or(gap, |p| &gap[..p]);
                let ends = before_opener.contains(['。', '！', '？', '\n']);
                let limit = if ends { reach } else { 0 };
                (0..j)
                    .rev()
                    .take_while(|&t| doc.sentence[j] - doc.sentence[t] <= limit)
                    .find(|&t| {
                        doc.is_level(t) && !doc.bracket[t] && !used[t] && comparable(doc, t, first)
                    })
            };
            let Some(total) = total else { continue };
            // A list runs on past its parts at times (`…潜在瞪羚企业2家，培育…企业2家`): the
            // longest run from the start that adds up stands for it.
            let mut best = check(doc, total, &parts);
            // A list that covers its whole is checked as it stands.
            if !best
                .as_ref()
                .is_some_and(|f| f.holds || f.complete == Some(true))
            {
                for len in (2..parts.len()).rev() {
                    if let Some(f) = check(doc, total, &parts[..len]).filter(|f| f.holds) {
                        best = Some(f);
                        break;
                    }
                }
            }
            if let Some(f) = best {
                for &(r, p) in &f.figures {
                    if r == Role::Part {
                        used[p] = true;
                    }
                }
                found.push(f);
            }
        }
    }
}

/// The parts of a level from `k` on within `sentences` more sentences: levels of its unit,
/// brackets aside, up to the next list.
fn run_from(doc: &Doc<'_>, k: usize, like: usize, sentences: u32) -> Vec<usize> {
    let mut parts = Vec::new();
    for m in k..doc.claims.len() {
        if doc.sentence[m] - doc.sentence[k] > sentences {
            break;
        }
        if m > k && (doc.opener[m].is_some() || doc.group[m]) {
            break;
        }
        if !doc.bracket[m] && doc.is_level(m) && comparable(doc, like, m) {
            parts.push(m);
        }
    }
    parts
}

/// A breakdown after its total (`总额X。按经营地分，城镇a；乡村b`): the total is the nearest
/// earlier level the parts add up to (or, the nearest one, that they stay under), reported
/// only when the arithmetic bears the reading out.
fn grouped(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for j in 0..doc.claims.len() {
        if !doc.group[j] || !doc.is_level(j) || doc.bracket[j] {
            continue;
        }
        let parts = run_from(doc, j, j, 0);
        let totals = (0..j)
            .rev()
            .take_while(|&t| doc.sentence[j] - doc.sentence[t] <= 2)
            .filter(|&t| doc.is_level(t) && !doc.bracket[t] && comparable(doc, t, j))
            .take(4);
        for (n, t) in totals.enumerate() {
            let Some(mut f) = check(doc, t, &parts) else {
                continue;
            };
            if f.stated.meets(&f.computed) {
                f.complete = Some(true);
            } else if n > 0 || !f.holds {
                continue;
            }
            f.strong = false;
            f.holds = true;
            f.inferred = true;
            found.push(f);
            break;
        }
    }
}

/// A total told as such (`共收集企业诉求128件，已解决98件，…改善26件，办理中4件`) and the
/// levels after it that add up to it exactly, reported only then.
fn counted(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for t in 0..doc.claims.len() {
        if doc.lead_has[t] & TOTAL == 0
            || !doc.is_level(t)
            || doc.bracket[t]
            || t + 1 >= doc.claims.len()
        {
            continue;
        }
        let parts = run_from(doc, t + 1, t, 1);
        let parts: Vec<usize> = parts
            .into_iter()
            .filter(|&p| comparable(doc, t, p))
            .collect();
        for len in (2..=parts.len()).rev() {
            if let Some(f) = adds_up(doc, t, &parts[..len]) {
                found.push(f);
                break;
            }
        }
    }
}

/// A count and its members by how they moved (`统计监测的23种工业产品，12种增长，11种下降`):
/// counts of the same measure word right after it in its sentence, each followed by a
/// direction (`data/audit_cues.tsv`, `tally`), that add up to it exactly, reported only then.
fn tallied(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    for t in 0..n {
        if doc.claims[t].kind != crate::Kind::Count || !doc.is_level(t) || doc.bracket[t] {
            continue;
        }
        let moved = |k: usize| {
            let after = doc.text.get(doc.claims[k].span.byte_end..).unwrap_or("");
            let after = after.trim_start();
            doc.cues.tally.iter().any(|w| after.starts_with(w))
        };
        let parts: Vec<usize> = (t + 1..n)
            .take_while(|&k| {
                doc.sentence[k] == doc.sentence[t]
                    && doc.same_unit(t, k)
                    && !doc.bracket[k]
                    && moved(k)
            })
            .collect();
        if parts.len() < 2 || moved(t) {
            continue;
        }
        found.extend(adds_up(doc, t, &parts));
    }
}

/// The check of total `t` and `parts` when the parts add up to it exactly: a complete list
/// read off the arithmetic, never reported as inconsistent.
fn adds_up(doc: &Doc<'_>, t: usize, parts: &[usize]) -> Option<Found> {
    let mut f = check(doc, t, parts)?;
    if !f.stated.meets(&f.computed) {
        return None;
    }
    f.complete = Some(true);
    f.strong = false;
    f.holds = true;
    f.inferred = true;
    Some(f)
}

/// `26件(人才需求16件,用地用房8件,融资服务2件)`, `54所（含完全中学26所，…8所）`, and
/// `学生（含…2603人和…575人）4943人`.
fn bracketed(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    let mut j = 0;
    while j < n {
        if !doc.bracket[j] || (j > 0 && doc.bracket[j - 1]) {
            j += 1;
            continue;
        }
        let end = (j..n).find(|&k| !doc.bracket[k]).unwrap_or(n);
        let parts: Vec<usize> = (j..end).filter(|&k| doc.is_level(k)).collect();
        let gap = doc.gap(j);
        let open = gap.rfind(['（', '(']).unwrap_or(0);
        let before = j
            .checked_sub(1)
            .filter(|_| gap[..open].trim().is_empty() && open < gap.len());
        let after = Some(end).filter(|&e| e < n && matches!(doc.gap(e).trim(), "）" | ")"));
        let total = before.or(after);
        if let (Some(t), Some(&first)) = (total, parts.first())
            && doc.is_level(t)
            && parts
                .iter()
                .all(|&p| comparable(doc, t, p) && comparable(doc, first, p))
            && let Some(f) = check(doc, t, &parts)
        {
            found.push(f);
        }
        j = end.max(j + 1);
    }
}

/// GDP and the value added of the first, second and third industries.
fn industries(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let n = doc.claims.len();
    let has = |i: usize, w: &str| doc.subject(i).contains(w);
    for a in 0..n {
        if !has(a, "第一产业") || !doc.is_level(a) || doc.bracket[a] {
            continue;
        }
        let pick = |w: &str, from: usize| {
            (from + 1..n.min(from + 8))
                .find(|&k| has(k, w) && doc.is_level(k) && doc.same_unit(a, k))
        };
        let Some(b) = pick("第二产业", a) else {
            continue;
        };
        let Some(c) = pick("第三产业", b) else {
            continue;
        };
        let start = doc.claims[a].span.start;
        let total = (0..a).rev().take(12).find(|&t| {
            doc.is_level(t)
                && doc.same_unit(a, t)
                && start.saturating_sub(doc.claims[t].span.end) < 400
                && doc.cues.gdp.iter().any(|w| has(t, w))
        });
        if let Some(t) = total
            && let Some(mut f) = check(doc, t, &[a, b, c])
        {
            f.complete = Some(true);
            f.strong = true;
            f.holds = f.stated.meets(&f.computed);
            found.push(f);
        }
    }
}

/// Whether the parts cover their whole: one names the rest (`其他服务业`), or together they
/// name a whole (`城镇`, `乡村`).
fn names_whole(doc: &Doc<'_>, parts: &[usize]) -> bool {
    let names: String = parts
        .iter()
        .map(|&p| format!("{}|{}", doc.subject(p), doc.lead(p)))
        .collect();
    doc.cues.rest.iter().any(|w| names.contains(w))
        || doc
            .cues
            .whole
            .iter()
            .any(|ws| ws.iter().all(|w| names.contains(w)))
}

/// The check of `total` against `parts`: complete when a part names the rest or the parts
/// name a whole together, else a partial list (Σ ≤ total) whose failure is not reported.
fn check(doc: &Doc<'_>, total: usize, parts: &[usize]) -> Option<Found> {
    if parts.len() < 2 || parts.contains(&total) {
        return None;
    }
    let t = doc.iv(total)?;
    let mut sum = Iv::point(rust_decimal::Decimal::ZERO);
    for &p in parts {
        let v = doc.iv(p)?;
        // A part larger than its total is no part of it: the list is something else.
        if v.lo > t.hi {
            return None;
        }
        sum = sum.add(v)?;
    }
    let complete = names_whole(doc, parts);
    // An approximate total (`近千亿元`) bounds no partial list.
    if !complete && !doc.exact(total) {
        return None;
    }
    let holds = if complete {
        t.meets(&sum)
    } else {
        sum.lo <= t.hi
    };
    let mut figures = vec![(Role::Total, total)];
    figures.extend(parts.iter().map(|&p| (Role::Part, p)));
    Some(Found {
        kind: CheckKind::Parts,
        complete: Some(complete),
        figures,
        strong: complete,
        stated: t,
        computed: sum,
        holds,
        inferred: false,
    })
}
