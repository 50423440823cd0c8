//! Cutting a long line into chunks processed one at a time, where no number is cut.

use unicode_segmentation::GraphemeCursor;

use crate::document::normalize;
use crate::number;
use crate::quantity::{self, ApproxWords};
use crate::unit::Units;

/// Longest stretch of text processed at once: a longer line is cut at a sentence end (or,
/// with none in reach, anywhere), so memory stays bounded on single-line dumps.
pub(super) const MAX_CHUNK: usize = 16 * 1024;

/// Whether `c` may stand inside a number, a range or a fraction, or next to one as its
/// sign or percent sign: a cut between two such chars may split a number.
fn numberish(c: char) -> bool {
    c.is_ascii_digit()
        || number::is_chinese_numeral(c)
        || number::is_multiplier(c)
        || matches!(
            c,
            '.' | ','
                | '%'
                | '‰'
                | '点'
                | '分'
                | '之'
                | '又'
                | '至'
                | '到'
                | '-'
                | '~'
                | '/'
                | '余'
                | '多'
                | ' '
        )
}

/// How far back from a forced cut [`safe_cut`] looks for a better one, and how
/// far past it it reads (so that a number running over the cut is read whole), in bytes.
const CUT_LOOKBACK: usize = 1024;
const CUT_LOOKAHEAD: usize = 256;

/// Splits a line into chunks of at most `MAX_CHUNK` chars, preferring to cut after a
/// sentence end: the byte offset of each chunk's end. Without a sentence end in reach
/// the cut goes where no number, unit or approximation word spans it (see
/// [`safe_cut`]). No cut splits a grapheme cluster shorter than a chunk (see
/// [`grapheme_floor`]).
pub(super) fn chunk_ends(text: &str, units: &Units, approx: &ApproxWords) -> Vec<usize> {
    // A line of at most MAX_CHUNK bytes has at most MAX_CHUNK chars: one chunk.
    if text.len() <= MAX_CHUNK {
        return vec![text.len()];
    }
    let mut ends = Vec::new();
    let mut count = 0usize;
    let mut last_stop: Option<usize> = None;
    let mut start_byte = 0usize;
    for (b, c) in text.char_indices() {
        count += 1;
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
            last_stop = Some(b + c.len_utf8());
        }
        if count >= MAX_CHUNK {
            let hard = b + c.len_utf8();
            let cut = match last_stop {
                Some(s) if s > start_byte => s,
                _ => safe_cut(text, start_byte, hard, units, approx),
            };
            let cut = grapheme_floor(text, cut, start_byte);
            ends.push(cut);
            count = text[cut..hard].chars().count();
            start_byte = cut;
            last_stop = None;
        }
    }
    ends.push(text.len());
    ends
}

/// Where to cut `text` at or before byte `hard` and after byte `start` when no sentence
/// ends in reach: the quantities around the cut are recognized, and the cut goes after
/// the last clause mark (，、：) that no quantity spans, else after the last quantity,
/// else between two chars that stand in no quantity and in no number, else at `hard`.
fn safe_cut(text: &str, start: usize, hard: usize, units: &Units, approx: &ApproxWords) -> usize {
    let lo = ceil_boundary(text, hard.saturating_sub(CUT_LOOKBACK).max(start));
    let hi = floor_boundary(text, hard.saturating_add(CUT_LOOKAHEAD));
    let Some(window) = text.get(lo..hi) else {
        return hard;
    };
    let mut offsets = Vec::with_capacity(window.len() / 2 + 1);
    let mut chars = Vec::with_capacity(window.len() / 2);
    for (b, c) in window.char_indices() {
        offsets.push(lo + b);
        chars.push(normalize::fold(c));
    }
    offsets.push(hi);
    let mut found = Vec::new();
    quantity::recognize_into(&chars, units, approx, &mut found);
    let spanned = |k: usize| found.iter().any(|f| f.start < k && k < f.end);
    // The cuts to choose from: char positions after `start`, at or before `hard`.
    let top = offsets.partition_point(|&o| o <= hard);
    let cuts = || {
        (1..top)
            .rev()
            .filter(|&k| offsets[k] > start && !spanned(k))
    };
    let clause = cuts().find(|&k| matches!(chars[k - 1], '，' | ',' | '、' | ':' | '：'));
    let after_quantity = || cuts().find(|&k| found.iter().any(|f| f.end == k));
    let clear = || {
        cuts().find(|&k| !numberish(chars[k - 1]) && chars.get(k).is_none_or(|&c| !numberish(c)))
    };
    clause
        .or_else(after_quantity)
        .or_else(clear)
        .map_or(hard, |k| offsets[k])
}

/// `cut` moved back to the start of the grapheme cluster it falls in (a base char and its
/// combining marks, an emoji and its modifiers or ZWJ sequence, a flag), unless that start
/// is at or before `start`: a cluster longer than a chunk is cut, as memory must stay
/// bounded.
fn grapheme_floor(text: &str, cut: usize, start: usize) -> usize {
    let mut cursor = GraphemeCursor::new(cut, text.len(), true);
    // Given the whole text from its start, the cursor needs no more context.
    if cursor.is_boundary(text, 0).unwrap_or(true) {
        return cut;
    }
    match cursor.prev_boundary(text, 0) {
        Ok(Some(b)) if b > start => b,
        _ => cut,
    }
}

/// The largest char boundary of `text` at or below `at`.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn no_cut_splits_a_grapheme_cluster() {
        let stages = super::super::Stages::new().unwrap();
        // Clusters of several chars with no sentence end, so that a forced cut falls
        // inside one unless moved: combining accents, a ZWJ family, a skin-tone wave, a
        // keycap, a flag; offset by one char and by two.
        for cluster in [
            "e\u{301}\u{323}",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "\u{1F44B}\u{1F3FD}",
            "1\u{FE0F}\u{20E3}",
            "\u{1F1E8}\u{1F1F3}",
            "\u{0E01}\u{0E31}\u{0E49}",
        ] {
            for lead in ["x", "xy", ""] {
                let line = format!("{lead}{}", cluster.repeat(2 * MAX_CHUNK / 3));
                let ends = chunk_ends(&line, &stages.units, &stages.approx);
                assert!(ends.len() > 1, "{cluster:?}");
                let bounds: Vec<usize> = line
                    .grapheme_indices(true)
                    .map(|(b, _)| b)
                    .chain([line.len()])
                    .collect();
                for e in &ends {
                    assert!(bounds.binary_search(e).is_ok(), "{cluster:?} cut at {e}");
                }
                assert!(ends.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }

    #[test]
    fn a_cluster_longer_than_a_chunk_is_cut() {
        let stages = super::super::Stages::new().unwrap();
        let line = format!("a{}", "\u{301}".repeat(3 * MAX_CHUNK));
        let ends = chunk_ends(&line, &stages.units, &stages.approx);
        assert!(ends.len() >= 3);
        assert_eq!(ends.last(), Some(&line.len()));
    }

    #[test]
    fn chunk_ends_cover_the_line_and_cut_no_number() {
        let stages = super::super::Stages::new().unwrap();
        // Lines whose last char is the one a forced cut falls on, all numerals or none.
        for line in [
            "一".repeat(MAX_CHUNK),
            "新".repeat(MAX_CHUNK),
            format!("{}1", "新".repeat(MAX_CHUNK - 1)),
            format!("{}12.5%", "新".repeat(MAX_CHUNK - 3)),
            "增长12.5%".repeat(MAX_CHUNK / 3),
        ] {
            let ends = chunk_ends(&line, &stages.units, &stages.approx);
            assert_eq!(ends.last(), Some(&line.len()));
            assert!(ends.windows(2).all(|w| w[0] <= w[1]));
            for &e in &ends[..ends.len() - 1] {
                assert!(line.is_char_boundary(e));
                let (before, after) = (line[..e].chars().last(), line[e..].chars().next());
                assert!(
                    !(before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                        && after.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '%')),
                    "{before:?}|{after:?}"
                );
            }
        }
    }
}
