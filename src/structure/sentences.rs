//! Sentences and clauses within a line of normalized chars.

use crate::lexicon::{CharBits, CharTable};

/// Whether `c` ends a sentence or a clause that may end a line (。！？；…).
pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；' | '…')
}

/// Marks that end a sentence: 。！？ (a semicolon joins clauses of one sentence).
fn is_sentence_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | '…')
}

/// The sentence stops of [`is_sentence_stop`], for scanning eight chars at a time.
static STOPS: CharTable = CharTable::of("。!?！？…");

/// Sentence ranges of `chars[from..to]` into `out` (cleared first, to reuse its buffer),
/// cut after 。！？ and at line ends. A closing quote or bracket right after the end mark
/// stays with its sentence.
pub(crate) fn sentences_into(
    chars: &[char],
    from: usize,
    to: usize,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let to = to.min(chars.len());
    let span = &chars[..to];
    let mut s = from;
    loop {
        let i = STOPS.find(span, s);
        if i >= to {
            break;
        }
        let mut e = i + 1;
        while e < to
            && (is_sentence_stop(chars[e])
                || matches!(chars[e], '”' | '’' | '」' | '）' | ')' | '"'))
        {
            e += 1;
        }
        out.push((s, e));
        s = e;
    }
    if s < to {
        out.push((s, to));
    }
}

/// Whether `c` ends a clause (for subjects and change words): commas, colons, list
/// commas, semicolons and sentence ends. A colon between digits (8:00) is not one.
#[inline]
pub(crate) fn is_clause_break(chars: &[char], i: usize) -> bool {
    // Most chars are none of these: one bit test passes them.
    static BREAKS: CharBits = CharBits::of(",，、;；。!?！？\n:：");
    if !BREAKS.contains(chars[i]) {
        return false;
    }
    match chars[i] {
        ',' | '，' | '、' | ';' | '；' | '。' | '!' | '?' | '！' | '？' | '\n' => true,
        ':' | '：' => {
            !(i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(chars: &[char], from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = vec![(0, 0)];
        sentences_into(chars, from, to, &mut out);
        out
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let chars: Vec<char> = "他说“好。”然后走了!还有".chars().collect();
        let s = sentences(&chars, 0, chars.len());
        assert_eq!(s, vec![(0, 6), (6, 11), (11, 13)]);
        // Within bounds only, and every stop mark cuts.
        assert_eq!(sentences(&chars, 7, 99), vec![(7, 11), (11, 13)]);
        let chars: Vec<char> = "一。二!三?四！五？六…七".chars().collect();
        let ends: Vec<usize> = sentences(&chars, 0, chars.len())
            .iter()
            .map(|s| s.1)
            .collect();
        assert_eq!(ends, vec![2, 4, 6, 8, 10, 12, 13]);
    }
}
