//! Changes and comparisons: `同比上升412%` (up, 同比), `较上年下降1.23个百分点` (down, 较上年),
//! `高于全省平均13个百分点` (up, 全省平均), `压缩至1个工作日` (down), `增速达62%` (up).

use super::cues::Cues;
use super::subject::basis_start;
use crate::claim::Direction;

/// A change found before a quantity: its direction and the char range of its basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub direction: Direction,
    pub basis: Option<(usize, usize)>,
}

fn direction(v: &str) -> Option<Direction> {
    match v {
        "up" => Some(Direction::Up),
        "down" => Some(Direction::Down),
        _ => None,
    }
}

/// Link words between a change verb and its number: 缩短至, 增长了, 下降到, 提高为.
fn skip_link(chars: &[char], floor: usize, mut k: usize) -> usize {
    for _ in 0..2 {
        if k > floor && matches!(chars[k - 1], '至' | '到' | '了' | '为') {
            k -= 1;
        }
    }
    k
}

/// The change of the quantity starting at `start`, reading back to `floor` (the clause
/// start; list commas do not end it). `subject` is the subject's range, for rate words.
pub(crate) fn find(
    chars: &[char],
    floor: usize,
    start: usize,
    is_percent: bool,
    subject: Option<(usize, usize)>,
    cues: &Cues,
) -> Option<Found> {
    let k = skip_link(chars, floor, start);
    // A verb right before the number (or before 至/到/了).
    for at in [k, start] {
        if let Some((len, v)) = cues.change.ending_at(chars, floor, at) {
            let vstart = at - len;
            // 新增 is an amount added, not a change of a level.
            if len == 1 && vstart > floor && chars[vstart - 1] == '新' {
                break;
            }
            let dir = direction(v)?;
            let basis = explicit_basis(chars, floor, vstart, cues);
            // A one-char verb (增, 降) counts only with a basis or a link (比增, 降至).
            if len == 1 && basis.is_none() && at == start {
                break;
            }
            return Some(Found {
                direction: dir,
                basis,
            });
        }
    }
    // A comparison with the basis between it and the number: 高于全省平均13个百分点.
    let lo = start.saturating_sub(12).max(floor);
    if let Some((s, len, v)) = cues.comparison.last_start_in(chars, lo, start, start) {
        let b = (s + len, start);
        return Some(Found {
            direction: direction(v)?,
            basis: (b.1 > b.0).then_some(b),
        });
    }
    // A verb of reduction with its object between: 节省用电成本1.7亿元, 压缩时限、材料30%.
    let lo = start.saturating_sub(14).max(floor);
    let mut hi = start;
    while let Some((s, len, v)) = cues.change.last_start_in(chars, lo, hi, start) {
        if len >= 2 && v == "down" && !chars[s + len..start].iter().any(|c| c.is_ascii_digit()) {
            return Some(Found {
                direction: Direction::Down,
                basis: None,
            });
        }
        hi = s;
    }
    // A rate of growth as the subject: 增速达62%.
    if is_percent
        && let Some((a, b)) = subject
        && let Some((_, _, v)) = cues.rate.first_start_in(chars, a, b, b)
    {
        return Some(Found {
            direction: direction(v)?,
            basis: None,
        });
    }
    None
}

/// 同比 or 较上年 / 比去年同期 right before a change verb at `verb`.
fn explicit_basis(
    chars: &[char],
    floor: usize,
    verb: usize,
    cues: &Cues,
) -> Option<(usize, usize)> {
    basis_start(chars, floor, verb, cues).map(|s| (s, verb))
}
