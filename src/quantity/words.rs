//! The words around a number that make it approximate (约, 左右, 以上) or a code (编号, 电话).

use crate::lexicon;
use crate::lexicon::{CharSet, WordList};
use crate::number::Approx;

const APPROX: &str = include_str!("../../data/approx.tsv");

const CODE_CUES: &str = include_str!("../../data/code_cues.txt");

/// Approximation words, split by the side of the number they stand on, and the words that
/// make a bare number next to them a phone number or code.
#[derive(Debug)]
pub(crate) struct ApproxWords {
    pub(super) before: WordList,
    pub(super) after: WordList,
    /// The last chars of the words before and the first chars of the words after, for a
    /// one-load rejection before the lists are searched.
    pub(super) before_last: CharSet,
    pub(super) after_first: CharSet,
    pub(super) code_before: WordList,
    pub(super) code_after: WordList,
}

impl ApproxWords {
    pub fn new() -> Result<ApproxWords, crate::Error> {
        let mut before = WordList::default();
        let mut after = WordList::default();
        let mut before_last = CharSet::default();
        let mut after_first = CharSet::default();
        for (line, f) in lexicon::rows(APPROX) {
            let err = |reason| {
                crate::Error::new(crate::ErrorKind::Lexicon {
                    lexicon: "approx.tsv",
                    line,
                    reason,
                })
            };
            let (Some(word), Some(approx)) = (f.first(), f.get(1)) else {
                return Err(err("expected word, approximation and position"));
            };
            if approx.parse::<Approx>().is_err() {
                return Err(err("unknown approximation"));
            }
            match f.get(2).copied() {
                Some("before") => {
                    before.push(word, *approx);
                    if let Some(c) = word.chars().last() {
                        before_last.insert(c);
                    }
                }
                Some("after") => {
                    after.push(word, *approx);
                    if let Some(c) = word.chars().next() {
                        after_first.insert(c);
                    }
                }
                _ => return Err(err("position must be before or after")),
            }
        }
        before.index();
        after.index();
        let mut code_before = WordList::default();
        let mut code_after = WordList::default();
        for (line, f) in lexicon::rows(CODE_CUES) {
            match (f.first(), f.get(1).copied()) {
                (Some(w), Some("before")) => code_before.push(w, "code"),
                (Some(w), Some("after")) => code_after.push(w, "code"),
                _ => {
                    return Err(crate::Error::new(crate::ErrorKind::Lexicon {
                        lexicon: "code_cues.txt",
                        line,
                        reason: "expected word and position (before or after)",
                    }));
                }
            }
        }
        code_before.index();
        code_after.index();
        Ok(ApproxWords {
            before,
            after,
            before_last,
            after_first,
            code_before,
            code_after,
        })
    }

    /// Whether a phone or code cue stands right before `start` (a colon or space may come
    /// between) or right after `end`.
    pub fn code_cue(&self, chars: &[char], start: usize, end: usize) -> bool {
        let mut k = start;
        while k > 0 && matches!(chars[k - 1], ':' | ' ') && start - k < 2 {
            k -= 1;
        }
        self.code_before.ending_at(chars, 0, k).is_some()
            || self
                .code_after
                .starting_at(chars, end, chars.len())
                .is_some()
    }

    /// The longest word ending right before `at`, not reaching before `floor`.
    #[inline]
    pub fn before(&self, chars: &[char], floor: usize, at: usize) -> Option<(usize, Approx)> {
        let last = *chars.get(at.checked_sub(1)?)?;
        if !self.before_last.contains(last) {
            return None;
        }
        let (len, name) = self.before.ending_at(chars, floor, at)?;
        Some((len, name.parse().ok()?))
    }

    /// The longest word starting at `at`.
    #[inline]
    pub fn after(&self, chars: &[char], at: usize) -> Option<(usize, Approx)> {
        if !self.after_first.contains(*chars.get(at)?) {
            return None;
        }
        let (len, name) = self.after.starting_at(chars, at, chars.len())?;
        Some((len, name.parse().ok()?))
    }
}
