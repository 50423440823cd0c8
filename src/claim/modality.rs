//! Modality: a figure is a target (将, 计划, 力争, 确保, 拟…), a forecast (预计) or, by
//! default, actual. The cue nearest before the number in its sentence decides; 已, 目前,
//! 累计 mark an actual figure and stop the search.

use crate::lexicon::segment::Segmenter;

use super::Context;
use crate::claim::Modality;

/// How far back a modality cue is looked for.
const LOOKBACK: usize = 160;

fn modality(v: &str) -> Modality {
    match v {
        "target" | "plan" | "amount" => Modality::Target,
        "forecast" => Modality::Forecast,
        _ => Modality::Actual,
    }
}

/// A modality cue found before a quantity: (end, length, value).
pub(crate) type Cue = (usize, usize, &'static str);

/// The modality of the quantity at `span` in the statement starting at `floor`, whose
/// clause ends at `clause_end`. `before` holds the modality cues of the sentence that end
/// at or before the quantity, in text order. `ba` remembers the last 将 tested (claims
/// after one 将 ask of it again); `buf` is scratch space.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    chars: &[char],
    floor: usize,
    span: (usize, usize),
    clause_end: usize,
    before: &[Cue],
    ctx: &Context,
    ba: &mut BaMemo,
    buf: &mut String,
) -> Modality {
    let (start, end) = span;
    let cues = ctx.cues;
    if let Some((_, _, v)) = cues
        .after
        .first_start_in(chars, end, clause_end, clause_end)
    {
        return modality(v);
    }
    // Cues further back than this belong to another statement (and long run-on sentences
    // must not make the search quadratic).
    let floor = floor.max(start.saturating_sub(LOOKBACK));
    // The cues by end, nearest first; at each end the longest that starts after `floor`.
    let mut i = before.partition_point(|c| c.0 <= start);
    while i > 0 {
        let k = before[i - 1].0;
        if k <= floor {
            break;
        }
        let mut g = i - 1;
        while g > 0 && before[g - 1].0 == k {
            g -= 1;
        }
        let cue = before[g..i].iter().find(|c| c.1 <= k - floor);
        i = g;
        let Some(&(_, len, v)) = cue else {
            continue;
        };
        let s = k - len;
        // 公共, 总共 are not 共; 将 that takes an object (将企业公告期由…) is 把, not will.
        let shadowed =
            len == 1 && s > floor && matches!((chars[s - 1], chars[s]), ('公' | '总' | '一', '共'));
        // A verb of the claim lexicon after 将 (将新建, 将完成) makes it will, whatever the
        // segmenter tags it (新建 is also a place name).
        let verb_after = || {
            cues.prep
                .starting_at(chars, s + 1, start)
                .is_some_and(|(n, _)| n >= 2)
        };
        if shadowed
            || len == 1
                && chars[s] == '将'
                && !verb_after()
                && is_ba(chars, s + 1, start.max(s + 1), ctx.segmenter, ba, buf)
        {
            continue;
        }
        // 年目标任务12500人: the target's amount is the number right after the noun; a
        // number further on (the 98.5% of 12500人的98.5%) is not told by it, nor is a gap
        // from the target (高于目标2.1个百分点, 超目标5亿元).
        if v == "amount"
            && (chars[k..start].iter().any(|c| !c.is_whitespace())
                || chars[start..end].ends_with(&['百', '分', '点'])
                || s > 0 && matches!(chars[s - 1], '超' | '于' | '塌'))
        {
            continue;
        }
        let found = modality(v);
        // 完成年度计划的85%, 占目标的61%: a plan named as a noun, what a figure is a share
        // of, says nothing of the figure.
        if found == Modality::Target && chars.get(k) == Some(&'的') {
            continue;
        }
        // 编制完成村庄规划131个: a plan that is done is what is counted, not a plan.
        if v == "plan"
            && chars[s.saturating_sub(8).max(floor)..s]
                .windows(2)
                .any(|w| w == ['完', '成'])
        {
            continue;
        }
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
    Modality::Actual
}

/// The last answer of `is_ba`: the window it tagged and what it found.
pub(crate) type BaMemo = Option<((usize, usize), bool)>;

/// Whether 将 before `at` is the object marker 把: the next word is a noun, pronoun or
/// number, not a verb, adverb or preposition. `buf` is scratch space.
fn is_ba(
    chars: &[char],
    at: usize,
    limit: usize,
    segmenter: &Segmenter,
    memo: &mut BaMemo,
    buf: &mut String,
) -> bool {
    let Some(&first) = chars.get(at) else {
        return false;
    };
    if first.is_ascii_digit() || crate::number::is_chinese_numeral(first) && first != '十' {
        return true;
    }
    let end = (at + 6)
        .min(chars.len())
        .max(limit.min(at + 6))
        .min(chars.len());
    // The answer depends only on the window: the claims after one 将 share it.
    if let Some((window, found)) = *memo
        && window == (at, end)
    {
        return found;
    }
    buf.clear();
    crate::document::text::push_chars(buf, chars.get(at..end).unwrap_or(&[]));
    let found = segmenter.tag_with(buf, |tags| match tags.first() {
        Some(t) => matches!(t.tag.chars().next(), Some('n' | 'r' | 'm' | 'q' | 's')),
        None => false,
    });
    *memo = Some(((at, end), found));
    found
}
