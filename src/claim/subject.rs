//! What a claim measures: the shortest phrase of its clause that names the measured thing
//! or action (`查处各类涉烟违法案件1300余宗` → `查处各类涉烟违法案件`).
//!
//! The clause before the number is stripped of time phrases, bodies, adverbs and the
//! verbs that only link the figure (达, 为, 共); the noun phrase after a measure word
//! names what is counted (`七个单位` → `单位`). A clause that holds only a change
//! (`较去年同期增长五成`) inherits the subject of the claim before it.

use super::cues::Cues;
pub(crate) use crate::lexicon::chars::is_han;
use crate::unit::Kind;

/// A subject as char ranges of the chunk: the part before the number and the part after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SubjectParts {
    pub before: Option<(usize, usize)>,
    pub after: Option<(usize, usize)>,
}

fn is_space_or_mark(c: char) -> bool {
    // Most chars read are Han: answer those without the Unicode whitespace table.
    !is_han(c)
        && (c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）' | '"' | '—' | '-' | '·' | '●'))
}

/// Strips `[a, b)` of lead and trail words, spans to skip (dates, bodies) and spaces.
fn strip(
    chars: &[char],
    mut a: usize,
    mut b: usize,
    cues: &Cues,
    skips: &[(usize, usize)],
) -> (usize, usize) {
    // The trail steps (trail word, change phrase, comparison) depend only on `(a, b)`:
    // once they have left some `(a, b)` as it was, they are not run on it again.
    let mut settled_tail: Option<(usize, usize)> = None;
    loop {
        let before = (a, b);
        while a < b && is_space_or_mark(chars[a]) {
            a += 1;
        }
        while b > a && is_space_or_mark(chars[b - 1]) {
            b -= 1;
        }
        // Skips are sorted by start: none after the first that starts past `a` holds it.
        if let Some(&(_, e)) = skips
            .iter()
            .take_while(|&&(s, _)| s <= a)
            .find(|&&(_, e)| a < e && e <= b)
        {
            a = e;
        }
        if let Some((len, _)) = cues.lead.starting_at(chars, a, b) {
            a += len;
        }
        // Time words that close a skipped date (2020年末, 今年以来).
        while a < b
            && matches!(chars[a], '末' | '底' | '初' | '前' | '后')
            && a > 0
            && skips.iter().any(|&(_, e)| e == a)
        {
            a += 1;
        }
        if settled_tail != Some((a, b)) {
            let input = (a, b);
            b = strip_tail(chars, a, b, cues);
            if b == input.1 {
                settled_tail = Some(input);
            }
        }
        if (a, b) == before {
            return (a, b);
        }
    }
}

/// The end of `[a, b)` without its trail word, change phrase and comparison (each of
/// which only shortens it).
fn strip_tail(chars: &[char], a: usize, mut b: usize, cues: &Cues) -> usize {
    if let Some((len, _)) = cues.trail.ending_at(chars, a, b) {
        b -= len;
    }
    // A change phrase before the number: 较上年下降, 同比上升, 比增, 高于全省平均.
    if let Some((len, _)) = cues.change.ending_at(chars, a, b) {
        let vstart = b - len;
        if let Some(bs) = basis_start(chars, a, vstart, cues) {
            b = bs;
        } else if len >= 2 {
            b = vstart;
        }
    }
    if let Some((cmp, _, _)) =
        cues.comparison
            .last_start_in(chars, b.saturating_sub(12).max(a), b, b)
    {
        b = cmp;
    }
    b
}

/// Where the basis of a comparison opens before a change verb at `verb` (较上年下降 → 较).
pub(crate) fn basis_start(chars: &[char], floor: usize, verb: usize, cues: &Cues) -> Option<usize> {
    let lo = verb.saturating_sub(8).max(floor);
    (lo..verb).find(|&k| cues.basis.starting_at(chars, k, verb).is_some())
}

/// The noun phrase after the quantity: up to a verb, the next number, a clause break or
/// (unless it opens a relative clause such as 受疫情影响的企业) the first 的.
fn after_part(
    chars: &[char],
    from: usize,
    clause_end: usize,
    next_number: usize,
    cues: &Cues,
) -> Option<(usize, usize)> {
    let mut a = from;
    while a < clause_end && chars[a] == ' ' {
        a += 1;
    }
    // 超过八成的资金: the noun after 的.
    if chars.get(a) == Some(&'的') && a + 1 < clause_end {
        a += 1;
    }
    let end = clause_end.min(next_number).min(a + 20);
    if a >= end || cues.stop.starting_at(chars, a, end).is_some() {
        return None;
    }
    if !is_han(chars[a]) && !matches!(chars[a], '“' | '"' | '《') {
        return None;
    }
    let relative = cues.rel.starting_at(chars, a, end).is_some();
    let mut de_seen = false;
    let mut b = a;
    while b < end {
        if b > a && cues.stop.starting_at(chars, b, end).is_some() {
            break;
        }
        if chars[b] == '的' {
            if !relative || de_seen {
                break;
            }
            de_seen = true;
        }
        b += 1;
    }
    while b > a && (chars[b - 1] == '的' || is_space_or_mark(chars[b - 1])) {
        b -= 1;
    }
    (b > a).then_some((a, b))
}

/// The verb phrase after `时间` that a duration is spent on, to the end of the clause.
fn duration_action(chars: &[char], from: usize, clause_end: usize) -> Option<(usize, usize)> {
    let mut a = from;
    for w in [&['的', '时', '间'][..], &['时', '间'], &['就'], &['即']] {
        if chars.get(a..a + w.len()) == Some(w) {
            a += w.len();
        }
    }
    if a == from || a >= clause_end {
        return None;
    }
    let b = clause_end.min(a + 24);
    (b > a).then_some((a, b))
}

/// Where a quantity stands in its clause.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site {
    pub clause_start: usize,
    pub clause_end: usize,
    /// The quantity's span.
    pub start: usize,
    pub end: usize,
    /// Where the next quantity starts.
    pub next_number: usize,
    /// The unit is a measure word: the noun after it is what is counted.
    pub count_word: bool,
    /// What kind of quantity it is.
    pub kind: Kind,
}

/// Finds the subject of the quantity at `[start, end)` in the clause `[clause_start,
/// clause_end)`. `skips` are spans to drop from the start of the clause (dates, bodies),
/// sorted; `next_number` is where the next quantity starts. `None` means: inherit.
pub(crate) fn find(
    chars: &[char],
    site: &Site,
    cues: &Cues,
    skips: &[(usize, usize)],
) -> Option<SubjectParts> {
    let Site {
        clause_start,
        clause_end,
        start,
        end,
        next_number,
        count_word,
        kind,
    } = *site;
    let (a, mut b) = strip(chars, clause_start, start, cues, skips);
    // 纳入省“清四乱”范围的503宗河湖问题: a relative clause before the number modifies the
    // counted noun after it; the subject is both.
    let relative_before = b < start && start > clause_start && chars[start - 1] == '的' && b > a;
    if kind == Kind::Rank {
        // 增幅居全省第一: the scope and the ranking verb are not the subject.
        if let Some((len, _)) = cues.rank_scope.ending_at(chars, a, b) {
            b -= len;
        }
        if let Some((len, _)) = cues.rank_verb.ending_at(chars, a, b) {
            b -= len;
        }
        if b > a && chars[b - 1] == '是' {
            b -= 1;
        }
    }
    if kind == Kind::Duration {
        // 用三年时间实现…, 仅用两天时间就完成…: the action the time is for.
        if let Some(after) = duration_action(chars, end, clause_end) {
            return Some(SubjectParts {
                before: None,
                after: Some(after),
            });
        }
    }
    // A part with no Chinese in it (`:` between the parts of a ratio) names nothing.
    let before = (b > a && chars[a..b].iter().any(|&c| is_han(c))).then_some((a, b));
    let after = if count_word || before.is_none() {
        after_part(chars, end, clause_end, next_number, cues)
    } else {
        after_part(chars, end, clause_end, next_number, cues)
            .filter(|_| before.is_some_and(|(a, b)| ends_with_verb(chars, a, b, cues)))
    };
    if relative_before
        && count_word
        && let Some(after) = after
    {
        return Some(SubjectParts {
            before: Some((a, start)),
            after: Some(after),
        });
    }
    // 99%以上得到回复和解决处理: a share whose clause is only what it is a share of.
    if before.is_none() && after.is_none() && kind == Kind::Percent {
        let mut x = end;
        while x < clause_end && chars[x] == ' ' {
            x += 1;
        }
        let y = clause_end.min(next_number).min(x + 20);
        if y > x && is_han(chars[x]) {
            return Some(SubjectParts {
                before: None,
                after: Some((x, y)),
            });
        }
    }
    // 编制完成村庄规划131个村, 试点村已实施280个村: a bare one-char noun after the measure
    // word only repeats what is counted; the phrase before names it, without its verb.
    if let (true, Some((a0, b0)), Some((x, y))) = (count_word, before, after) {
        let bare = y - x == 1 && chars.get(y).is_none_or(|&c| y >= clause_end || !is_han(c));
        if bare && b0 - a0 >= 2 {
            let end = match cues.prep.ending_at(chars, a0, b0) {
                Some((len, _)) if b0 - len >= a0 + 2 => b0 - len,
                _ => b0,
            };
            let (s, e) = strip(chars, a0, end, cues, skips);
            if e >= s + 2 {
                return Some(SubjectParts {
                    before: Some((s, e)),
                    after: None,
                });
            }
        }
    }
    match (before, after) {
        (None, None) => None,
        (Some(_), None) => Some(SubjectParts {
            before,
            after: None,
        }),
        (None, Some(_)) => Some(SubjectParts {
            before: None,
            after,
        }),
        (Some((a, b)), Some(_)) => {
            // The number is the object of a preposition (对近1.5万户企业): the noun after it.
            if let Some((len, v)) = cues.prep.ending_at(chars, a, b) {
                let _ = v;
                let preposition = len == 1 || matches!(chars[b - len..b], ['帮', '助']);
                let rest = b - len;
                if preposition || rest == a {
                    return Some(SubjectParts {
                        before: (!preposition && rest < b).then_some((rest, b)),
                        after,
                    });
                }
                return Some(SubjectParts {
                    before: Some((rest, b)),
                    after,
                });
            }
            if b - a <= 3 {
                Some(SubjectParts { before, after })
            } else {
                Some(SubjectParts {
                    before: None,
                    after,
                })
            }
        }
    }
}

fn ends_with_verb(chars: &[char], a: usize, b: usize, cues: &Cues) -> bool {
    cues.prep
        .ending_at(chars, a, b)
        .is_some_and(|(len, _)| len >= 2)
}
