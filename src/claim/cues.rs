//! The context words of the claim stage (`data/cues.tsv`), by category, with longest-match
//! lookups before or after a position.

use rustc_hash::FxHashMap;

use crate::error::{Error, ErrorKind};
use crate::lexicon::{self, CharSet};

const CUES: &str = include_str!("../../data/cues.tsv");
const NUMERAL_WORDS: &str = include_str!("../../data/numeral_words.txt");

/// One category's words, indexed by first and by last char, longest first within each.
#[derive(Debug, Default)]
pub(crate) struct WordList {
    words: Vec<(Box<[char]>, &'static str)>,
    by_first: FxHashMap<char, Vec<usize>>,
    by_last: FxHashMap<char, Vec<usize>>,
    last: CharSet,
    first: CharSet,
}

impl WordList {
    pub(crate) fn push(&mut self, word: &str, value: &'static str) {
        let w: Box<[char]> = word.chars().collect();
        if !w.is_empty() {
            self.words.push((w, value));
        }
    }

    /// Sorts longest first and builds the char indexes.
    pub(crate) fn index(&mut self) {
        self.words.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
        for (i, (w, _)) in self.words.iter().enumerate() {
            self.by_first.entry(w[0]).or_default().push(i);
            self.by_last.entry(w[w.len() - 1]).or_default().push(i);
            self.last.insert(w[w.len() - 1]);
            self.first.insert(w[0]);
        }
    }

    /// The longest word ending at `at` and starting at or after `floor`: (length, value).
    pub fn ending_at(
        &self,
        chars: &[char],
        floor: usize,
        at: usize,
    ) -> Option<(usize, &'static str)> {
        if at == 0 || at > chars.len() || !self.last.contains(chars[at - 1]) {
            return None;
        }
        self.by_last.get(&chars[at - 1])?.iter().find_map(|&i| {
            let (w, v) = &self.words[i];
            let s = at.checked_sub(w.len())?;
            (s >= floor && chars[s..at] == **w).then_some((w.len(), *v))
        })
    }

    /// The longest word starting at `at` and ending at or before `ceil`: (length, value).
    pub fn starting_at(
        &self,
        chars: &[char],
        at: usize,
        ceil: usize,
    ) -> Option<(usize, &'static str)> {
        let ceil = ceil.min(chars.len());
        if at >= ceil || !self.first.contains(chars[at]) {
            return None;
        }
        self.by_first.get(&chars[at])?.iter().find_map(|&i| {
            let (w, v) = &self.words[i];
            let e = at + w.len();
            (e <= ceil && chars[at..e] == **w).then_some((w.len(), *v))
        })
    }
}

/// All categories of `data/cues.tsv`, one field each (see the file for what each holds).
#[derive(Debug, Default)]
pub(crate) struct Cues {
    pub change: WordList,
    pub comparison: WordList,
    pub rate: WordList,
    pub basis: WordList,
    pub modality: WordList,
    pub after: WordList,
    pub rank_scope: WordList,
    pub rank_verb: WordList,
    pub ordinal_label: WordList,
    pub quantity: WordList,
    pub article: WordList,
    pub party: WordList,
    pub base_after: WordList,
    pub habitual: WordList,
    pub area: WordList,
    pub report: WordList,
    pub object: WordList,
    /// Words of `data/numeral_words.txt`: they start with a numeral but are not numbers.
    pub numeral_word: WordList,
    pub anniversary: WordList,
    pub lead: WordList,
    pub trail: WordList,
    pub prep: WordList,
    pub rel: WordList,
    pub stop: WordList,
}

impl Cues {
    /// Parses the compiled-in cue lexicon.
    pub fn new() -> Result<Cues, Error> {
        let mut cues = Cues::default();
        for (line, f) in lexicon::rows(CUES) {
            let err = |reason| {
                Error::new(ErrorKind::Lexicon {
                    lexicon: "cues.tsv",
                    line,
                    reason,
                })
            };
            if f.len() < 2 || f[1].is_empty() {
                return Err(err("expected category and word"));
            }
            let list = match f[0] {
                "change" => &mut cues.change,
                "comparison" => &mut cues.comparison,
                "rate" => &mut cues.rate,
                "basis" => &mut cues.basis,
                "modality" => &mut cues.modality,
                "after" => &mut cues.after,
                "rank_scope" => &mut cues.rank_scope,
                "rank_verb" => &mut cues.rank_verb,
                "ordinal_label" => &mut cues.ordinal_label,
                "quantity" => &mut cues.quantity,
                "article" => &mut cues.article,
                "party" => &mut cues.party,
                "base_after" => &mut cues.base_after,
                "habitual" => &mut cues.habitual,
                "area" => &mut cues.area,
                "report" => &mut cues.report,
                "object" => &mut cues.object,
                "anniversary" => &mut cues.anniversary,
                "lead" => &mut cues.lead,
                "trail" => &mut cues.trail,
                "prep" => &mut cues.prep,
                "rel" => &mut cues.rel,
                "stop" => &mut cues.stop,
                _ => return Err(err("unknown category")),
            };
            let value = f.get(2).copied().unwrap_or("");
            list.push(f[1], value);
        }
        for w in lexicon::words(NUMERAL_WORDS) {
            cues.numeral_word.push(w, "");
        }
        for list in [
            &mut cues.numeral_word,
            &mut cues.change,
            &mut cues.comparison,
            &mut cues.rate,
            &mut cues.basis,
            &mut cues.modality,
            &mut cues.after,
            &mut cues.rank_scope,
            &mut cues.rank_verb,
            &mut cues.ordinal_label,
            &mut cues.quantity,
            &mut cues.article,
            &mut cues.party,
            &mut cues.base_after,
            &mut cues.habitual,
            &mut cues.area,
            &mut cues.report,
            &mut cues.object,
            &mut cues.anniversary,
            &mut cues.lead,
            &mut cues.trail,
            &mut cues.prep,
            &mut cues.rel,
            &mut cues.stop,
        ] {
            list.index();
        }
        Ok(cues)
    }
}
