//! Modality: a figure is a target (将, 计划, 力争, 确保, 拟…), a forecast (预计) or, by
//! default, actual. The cue nearest before the number in its sentence decides; 已, 目前,
//! 累计 mark an actual figure and stop the search.

use jieba_rs::Jieba;

use super::cues::Cues;
use crate::claim::Modality;

/// How far back a modality cue is looked for.
const LOOKBACK: usize = 160;

fn modality(v: &str) -> Modality {
    match v {
        "target" => Modality::Target,
        "forecast" => Modality::Forecast,
        _ => Modality::Actual,
    }
}

/// The modality of the quantity at `[start, end)` in the sentence starting at `floor`,
/// whose clause ends at `clause_end`.
pub(crate) fn find(
    chars: &[char],
    floor: usize,
    start: usize,
    end: usize,
    clause_end: usize,
    cues: &Cues,
    jieba: &Jieba,
) -> Modality {
    for s in end..clause_end {
        if let Some((_, v)) = cues.after.starting_at(chars, s, clause_end) {
            return modality(v);
        }
    }
    // Cues further back than this belong to another statement (and long run-on sentences
    // must not make the search quadratic).
    let floor = floor.max(start.saturating_sub(LOOKBACK));
    let mut k = start;
    while k > floor {
        if let Some((len, v)) = cues.modality.ending_at(chars, floor, k) {
            let s = k - len;
            // 公共, 总共 are not 共; 将 that takes an object (将企业公告期由…) is 把, not will.
            let shadowed = len == 1
                && s > floor
                && matches!((chars[s - 1], chars[s]), ('公' | '总' | '一', '共'));
            if !(shadowed
                || len == 1 && chars[s] == '将' && is_ba(chars, s + 1, start.max(s + 1), jieba))
            {
                let found = modality(v);
                // 预计全年将达: a forecast that says what will be.
                if found == Modality::Target {
                    let lo = s.saturating_sub(8).max(floor);
                    for t in (lo..s).rev() {
                        if cues
                            .modality
                            .ending_at(chars, lo, t + 1)
                            .is_some_and(|(_, v)| v == "forecast")
                        {
                            return Modality::Forecast;
                        }
                    }
                }
                return found;
            }
        }
        k -= 1;
    }
    Modality::Actual
}

/// Whether 将 before `at` is the object marker 把: the next word is a noun, pronoun or
/// number, not a verb, adverb or preposition.
fn is_ba(chars: &[char], at: usize, limit: usize, jieba: &Jieba) -> bool {
    let Some(&first) = chars.get(at) else {
        return false;
    };
    if first.is_ascii_digit() || crate::number::is_chinese_numeral(first) && first != '十' {
        return true;
    }
    let end = (at + 6).min(chars.len()).max(limit.min(at + 6));
    let window: String = chars[at..end.min(chars.len())].iter().collect();
    match jieba.tag(&window, false).first() {
        Some(t) => matches!(t.tag.chars().next(), Some('n' | 'r' | 'm' | 'q' | 's')),
        None => false,
    }
}
