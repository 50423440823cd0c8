//! Which quantities are claims (spec §1): not dates, codes, slogans, titles, set phrases
//! or anniversaries; ordinals only as ranks with a scope; Chinese numerals only where the
//! segmentation shows a number, not a word that contains a numeral char.

use crate::lexicon::segment::Segmenter;
use rust_decimal::Decimal;

use super::cues::Cues;
use crate::document::text::push_chars;
use crate::number;
use crate::quantity::{Found, QuantityClass};
use crate::unit::{Kind, Unit};

/// Longest quotation whose numbers are read as names (“十四五”, “3+X”, “五个一”).
const SLOGAN_LEN: usize = 12;

/// The nearest brackets before a quantity: of a book title (《 or 》) and of a quotation
/// (“”「」【】 or `"`), as char offsets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Brackets {
    pub title: Option<usize>,
    pub quote: Option<usize>,
}

/// Whether `f` is a claim, given its sentence `sent` (char range of `chars`) and the
/// nearest brackets before it. `buf` is scratch space.
pub(crate) fn accept(
    f: &Found,
    chars: &[char],
    sent: (usize, usize),
    brackets: Brackets,
    cues: &Cues,
    segmenter: &Segmenter,
    buf: &mut String,
) -> bool {
    match f.role {
        QuantityClass::Unit | QuantityClass::RatioPart | QuantityClass::Index => {}
        QuantityClass::Ordinal => {
            if !is_rank(f, chars, sent.0, cues) {
                return false;
            }
        }
        QuantityClass::Bare | QuantityClass::NotQuantity => return false,
    }
    if f.unit.is_none() && f.da_noun.is_none() {
        return false;
    }
    if in_name(chars, f.end, sent, brackets) {
        return false;
    }
    if is_anniversary(f, chars, sent.0, cues) {
        return false;
    }
    // 党的二十大: a congress by its number.
    if f.da_noun.is_some() && cues.party.ending_at(chars, sent.0, f.start).is_some() {
        return false;
    }
    if f.chinese_only
        && f.role != QuantityClass::Ordinal
        && !chinese_is_number(f, chars, sent, cues, segmenter, buf)
    {
        return false;
    }
    // A counted noun with no measure word (7部门) is a count only for small numbers; a
    // long number before a noun is a hotline or code (12319城市管理服务热线).
    if f.count_noun && (f.value >= Decimal::from(1000) || f.value.fract() != Decimal::ZERO) {
        return false;
    }
    // Measure words and nouns must end a word: 千万市民, 第四人民医院, 零成本 are words.
    if (f.chinese_only || f.count_noun || f.role == QuantityClass::Ordinal && f.count_word)
        && f.da_noun.is_none()
        && !ends_word(chars, f.num_end, f.end, sent, segmenter, buf)
    {
        return false;
    }
    true
}

/// A number inside a book title 《…》 or a short quotation “…” is part of a name: the
/// nearest bracket before it in the sentence (of either kind) opens, and closes after it.
fn in_name(chars: &[char], end: usize, sent: (usize, usize), brackets: Brackets) -> bool {
    let open = |at: Option<usize>| at.filter(|&i| i >= sent.0 && i < end);
    // The first closing bracket after the quantity, no further than `max` chars after the
    // opening one.
    let closes = |open: usize, max: usize| {
        let close = match chars[open] {
            '《' => '》',
            '「' => '」',
            '【' => '】',
            '"' => '"',
            _ => '”',
        };
        let limit = open.saturating_add(max).saturating_add(2).min(sent.1);
        (end..limit).any(|i| chars[i] == close)
    };
    open(brackets.title).is_some_and(|o| chars[o] == '《' && closes(o, usize::MAX))
        || open(brackets.quote)
            .is_some_and(|o| matches!(chars[o], '“' | '「' | '【' | '"') && closes(o, SLOGAN_LEN))
}

/// 第N is a rank when a scope or ranking verb stands right before it (居全省第一,
/// 全国第40家, 福建省第2家), it is not counted with a label word (第二次, 第五届), and it is
/// not the first of a list of ordinal labels (第二、四水厂).
fn is_rank(f: &Found, chars: &[char], floor: usize, cues: &Cues) -> bool {
    let mw_start = f.num_end;
    if mw_start < f.end
        && cues
            .ordinal_label
            .starting_at(chars, mw_start, f.end)
            .is_some()
    {
        return false;
    }
    if cues
        .ordinal_label
        .starting_at(chars, f.end, chars.len())
        .is_some()
    {
        return false;
    }
    if chars.get(f.end) == Some(&'、')
        && chars
            .get(f.end + 1)
            .is_some_and(|&c| number::is_chinese_numeral(c) || c.is_ascii_digit())
    {
        return false;
    }
    let mut k = f.start;
    let mut scoped = false;
    if let Some((len, _)) = cues.rank_scope.ending_at(chars, floor, k) {
        k -= len;
        scoped = true;
    }
    scoped || cues.rank_verb.ending_at(chars, floor, k).is_some()
}

/// 建党百年, 成立72周年 (周年 is already not a quantity).
fn is_anniversary(f: &Found, chars: &[char], floor: usize, cues: &Cues) -> bool {
    f.unit == Some(Unit::Time("年")) && cues.anniversary.ending_at(chars, floor, f.start).is_some()
}

/// Whether a quantity written in Chinese numerals is a number and not part of a word or a
/// set phrase.
fn chinese_is_number(
    f: &Found,
    chars: &[char],
    sent: (usize, usize),
    cues: &Cues,
    segmenter: &Segmenter,
    buf: &mut String,
) -> bool {
    let n = f.num_start;
    // Idioms with a repeated numeral: 千村千面, 一河一策一图, 一老一小, 一户一档.
    let c = chars[n];
    if chars.get(n + 2) == Some(&c) && f.num_end == n + 1 {
        return false;
    }
    if n >= 2 && chars[n - 2] == c && f.num_end == n + 1 && f.start == n {
        return false;
    }
    // A lone 一 with a measure word is an article (一名市民, 一批, 一件事), not a count,
    // unless a quantity word stands before it (仅一天, 压缩至一个); durations are kept
    // (一天办结).
    if cues
        .numeral_word
        .starting_at(chars, n, chars.len())
        .is_some_and(|(len, _)| n + len >= f.end.min(f.num_end + 1))
    {
        return false;
    }
    let is_duration = f.unit.as_ref().is_some_and(|u| u.kind() == Kind::Duration);
    if f.value == Decimal::ONE && f.upper.is_none() && f.num_end == n + 1 {
        if is_duration {
            if cues.article.ending_at(chars, sent.0, f.start).is_some() {
                return false;
            }
        } else if cues.quantity.ending_at(chars, sent.0, f.start).is_none() {
            return false;
        }
    }
    // 百年, 千年: a century or an age, not a duration; nor is a bare 百天 (a campaign's
    // name). With a word of approximation it is one (历时近千天).
    if is_duration
        && f.num_end == n + 1
        && matches!(c, '百' | '千' | '万')
        && (f.unit == Some(Unit::Time("年")) || f.approx == number::Approx::Exact)
    {
        return false;
    }
    // 两年平均增长6.6%: the years a growth rate is averaged over qualify the rate; they are
    // no figure of their own.
    if is_duration && chars.get(f.end..f.end + 2) == Some(&['平', '均']) {
        return false;
    }
    // The numeral must begin a word of the segmentation, and that word must not run past
    // the quantity (千家万户, 一体化, 进一步 are words).
    let from = n.saturating_sub(3).max(sent.0);
    let to = (f.end + 3).min(sent.1).max(f.end).min(chars.len());
    // Where the window must cut at the numeral and no dictionary word from it runs past
    // the quantity, the word it begins ends in time, whatever the segmentation.
    if !chars[n].is_ascii_alphanumeric()
        && chars[n] != '\r'
        && cuts_at(chars, from, to, n, segmenter)
        && segmenter.longest_word(chars, n, to) <= f.end.max(f.num_end + 1)
    {
        return true;
    }
    buf.clear();
    push_chars(buf, chars.get(from..to).unwrap_or(&[]));
    let mut pos = from;
    for tok in segmenter.cut(buf) {
        let len = tok.word.chars().count();
        let (s, e) = (pos, pos + len);
        pos = e;
        if s <= n && n < e {
            // The whole quantity may be a word of the dictionary (近三成).
            if f.start <= s && e <= f.end {
                return true;
            }
            if s != n {
                return false;
            }
            return e <= f.end.max(f.num_end + 1) || f.da_noun.is_some();
        }
    }
    true
}

/// Whether the word of the segmentation that holds the unit's last char ends with it
/// (not so in 千万市民, 第四人民医院, 零成本: 市民, 人民, 成本 are words).
fn ends_word(
    chars: &[char],
    from: usize,
    end: usize,
    sent: (usize, usize),
    segmenter: &Segmenter,
    buf: &mut String,
) -> bool {
    let lo = from.saturating_sub(2).max(sent.0);
    let hi = (end + 4).min(sent.1).max(end).min(chars.len());
    if hi <= end || end == 0 {
        return true;
    }
    // The segmenter cuts words only within runs of Han chars and ASCII letters and digits
    // (each other char is a token of its own, `\r\n` one of two): a word never runs on
    // into punctuation.
    let crlf = chars[end - 1] == '\r' && chars[end] == '\n';
    if !in_word_run(chars[end]) && !crlf || cuts_at(chars, lo, hi, end, segmenter) {
        return true;
    }
    buf.clear();
    push_chars(buf, chars.get(lo..hi).unwrap_or(&[]));
    let mut pos = lo;
    for tok in segmenter.cut(buf) {
        let e = pos + tok.word.chars().count();
        if pos < end && end - 1 < e {
            return e == end;
        }
        pos = e;
    }
    true
}

/// Whether the segmentation of the window `chars[lo..hi]` surely cuts a word at `p`: no
/// dictionary word in the window runs across it, and it splits no `\r\n` and no run of
/// ASCII letters and digits (which the segmenter joins into one word).
fn cuts_at(chars: &[char], lo: usize, hi: usize, p: usize, segmenter: &Segmenter) -> bool {
    if p <= lo || p >= hi {
        return true;
    }
    let (a, b) = (chars[p - 1], chars[p]);
    if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() || a == '\r' && b == '\n' {
        return false;
    }
    (lo..p).all(|s| segmenter.longest_word(chars, s, hi) <= p)
}

/// Whether the segmenter may put `c` in a word with the chars around it: a Han char, an
/// ASCII letter or digit or one of `+#&._%-` (and, to be safe, anything it might count as
/// Han). Punctuation, spaces and symbols are not.
fn in_word_run(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    // General punctuation, CJK symbols and punctuation, and the fullwidth forms are the
    // only non-ASCII chars known to stand alone.
    !matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token boundaries (char offsets) of `chars[lo..hi]` as the segmenter cuts it,
    /// with the end of the token that starts at each.
    fn token_ends(seg: &Segmenter, chars: &[char], lo: usize, hi: usize) -> Vec<(usize, usize)> {
        let text: String = chars[lo..hi].iter().collect();
        let mut pos = lo;
        seg.cut(&text)
            .iter()
            .map(|t| {
                let start = pos;
                pos += t.word.chars().count();
                (start, pos)
            })
            .collect()
    }

    /// Texts with words across numerals, ASCII runs, `\r\n` and punctuation, and every
    /// fixture text.
    fn texts() -> Vec<Vec<char>> {
        let mut texts: Vec<Vec<char>> = [
            "千家万户一体化进一步推进，近三成的企业",
            "12319城市管理服务热线ab12和C++语言\r\n第二\r\n",
            "千万市民在第四人民医院零成本办理一件事",
            "建党百年成立72周年一河一策一图，全国第40家",
        ]
        .iter()
        .map(|t| t.chars().collect())
        .collect();
        texts.extend(crate::lexicon::segment::tests::fixture_texts());
        texts
    }

    #[test]
    fn a_sure_cut_is_a_cut_of_the_segmentation() {
        let seg = Segmenter::new();
        let (mut windows, mut sure) = (0usize, 0usize);
        for (t, chars) in texts().iter().enumerate() {
            // The short texts whole; of the fixtures, every fifth start.
            let step = if t < 4 { 1 } else { 5 };
            for lo in (0..chars.len()).step_by(step) {
                for hi in lo + 1..=(lo + 12).min(chars.len()) {
                    let tokens = token_ends(&seg, chars, lo, hi);
                    windows += 1;
                    for p in lo..=hi {
                        if !cuts_at(chars, lo, hi, p, &seg) {
                            continue;
                        }
                        sure += 1;
                        let crossed = tokens.iter().any(|&(s, e)| s < p && p < e);
                        assert!(!crossed, "{:?} at {}", &chars[lo..hi], p - lo);
                        // The word that starts at a sure cut is no longer than the longest
                        // dictionary word there (or one char, or an ASCII run or `\r\n`).
                        if p < hi && !chars[p].is_ascii_alphanumeric() && chars[p] != '\r' {
                            let longest = seg.longest_word(chars, p, hi).max(p + 1);
                            let end = tokens.iter().find(|&&(s, _)| s == p).map(|&(_, e)| e);
                            assert!(end.is_some_and(|e| e <= longest), "{:?}", &chars[lo..hi]);
                        }
                    }
                }
            }
        }
        assert!(
            windows > 10_000 && sure > windows,
            "{windows} windows, {sure} sure cuts"
        );
    }
}
