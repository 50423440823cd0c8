//! Shares: a part, its whole and the part's stated share (`城镇常住人口288.37万人，占总人口的
//! 比重为58.02%`, `196种产品中，有86种实现增长，增长面为45.9%`).

use super::{CheckKind, Doc, Found, Role, SHARE};
use crate::unit::Kind;

/// How many earlier levels may be tried as the whole a share names only by its words.
const TRIES: usize = 3;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    // The totals of the lists found: a part's whole is stated by its list.
    let mut whole_of: Vec<Option<usize>> = vec![None; doc.claims.len()];
    for f in found
        .iter()
        .filter(|f| f.kind == CheckKind::Parts && !f.inferred)
    {
        let total = f
            .figures
            .iter()
            .find(|(r, _)| *r == Role::Total)
            .map(|&(_, t)| t);
        for &(r, p) in &f.figures {
            if r == Role::Part && whole_of[p].is_none() {
                whole_of[p] = total;
            }
        }
    }
    // The percentage cell of a part's table row (`其中:城镇 | 48443 | 49.18`).
    for (p, w) in whole_of.iter().enumerate() {
        if let (Some(w), Some(s)) = (w, share_after(doc, p))
            && !is_share(doc, s)
            && let Some(f) = check(doc, p, *w, s, true)
        {
            found.push(f);
        }
    }
    for s in 0..doc.claims.len() {
        if !is_share(doc, s) {
            continue;
        }
        let Some(part) = (0..s)
            .rev()
            .take_while(|&k| doc.sentence[k] == doc.sentence[s])
            .find(|&k| doc.is_level(k) && !doc.bracket[k])
        else {
            continue;
        };
        if share_after(doc, part) != Some(s) {
            continue;
        }
        // Stated wholes: the total of the part's list, or `N…中，(有)M`.
        let among = part
            .checked_sub(1)
            .filter(|&w| {
                doc.is_level(w)
                    && !doc.bracket[w]
                    && super::parts::comparable(doc, w, part)
                    && doc.claims[w].value > doc.claims[part].value
            })
            .filter(|_| {
                let g = doc.gap(part);
                let t = g.trim_end_matches(['，', ',', '有']);
                t.len() < g.len() && t.ends_with('中') && !t.contains(['。', '；', ';', '\n'])
            });
        if let Some(w) = whole_of[part].or(among) {
            if let Some(f) = check(doc, part, w, s, true) {
                found.push(f);
            }
            continue;
        }
        // Else the earlier level the share names (`占GDP的比重`), or the nearest earlier
        // levels of the same unit and larger, within a few sentences: reported only when
        // the arithmetic bears the reading out.
        let larger = |k: usize| {
            doc.is_level(k)
                && !doc.bracket[k]
                && super::parts::comparable(doc, k, part)
                && doc.claims[k].value > doc.claims[part].value
        };
        let named: Vec<usize> = named_whole(doc.lead(s)).map_or_else(Vec::new, |name| {
            (0..part)
                .rev()
                .take(60)
                .filter(|&k| larger(k) && doc.subject(k).contains(&name))
                .take(TRIES)
                .collect()
        });
        let candidates = named.into_iter().chain(
            (0..part)
                .rev()
                .take_while(|&k| doc.sentence[part] - doc.sentence[k] <= 3)
                .filter(|&k| larger(k))
                .take(TRIES),
        );
        if let Some(f) = candidates
            .filter_map(|w| check(doc, part, w, s, false))
            .find(|f| f.holds)
        {
            found.push(f);
        }
    }
}

/// The whole a share names after `占` (`占全市一般公共预算收入比重` → `一般公共预算收入`).
fn named_whole(lead: &str) -> Option<String> {
    let (_, rest) = lead.split_once('占')?;
    let end = ["的", "比重", "比例", "为", "达"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let mut name = &rest[..end];
    for p in ["全市", "全省", "全县", "全区", "全国", "全部", "总"] {
        name = name.trim_start_matches(p);
    }
    (name.chars().count() >= 2).then(|| name.to_string())
}

/// Whether claim `s` is a stated share: a percentage, no growth rate, after `占`, `比重`,
/// `…率` or `…面`.
fn is_share(doc: &Doc<'_>, s: usize) -> bool {
    let c = &doc.claims[s];
    // A rate per mille (`出生率7.71‰`) is a rate of the year, not a share of a whole.
    c.kind == Kind::Percent
        && !c.text.contains('‰')
        && !doc.is_rate(s)
        && doc.lead_has[s] & SHARE != 0
}

/// The stated share that follows level `p` in its sentence, before the next level, or the
/// percentage cell of its table row.
pub(super) fn share_after(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let n = doc.claims.len();
    for k in p + 1..n {
        if doc.sentence[k] != doc.sentence[p] {
            return None;
        }
        if doc.bracket[k] && !doc.bracket[p] {
            continue;
        }
        if doc.is_level(k) {
            return None;
        }
        if is_share(doc, k) {
            return Some(k);
        }
        let c = &doc.claims[k];
        let cell = doc
            .gap(k)
            .trim()
            .chars()
            .all(|ch| matches!(ch, '|' | '\t' | ' ' | '　'));
        if cell && c.kind == Kind::Percent && c.change.is_none() && !doc.gap(k).is_empty() {
            return Some(k);
        }
    }
    None
}

fn check(doc: &Doc<'_>, part: usize, whole: usize, share: usize, strong: bool) -> Option<Found> {
    let ratio = doc.iv(part)?.percent_of(doc.iv(whole)?)?;
    let stated = doc.iv(share)?;
    Some(Found {
        kind: CheckKind::Share,
        complete: None,
        figures: vec![
            (Role::Part, part),
            (Role::Whole, whole),
            (Role::Share, share),
        ],
        strong,
        holds: stated.meets(&ratio),
        stated,
        computed: ratio,
        inferred: !strong,
    })
}
