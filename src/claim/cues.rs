//! The context words of the claim stage (`data/cues.tsv`), by category, with longest-match
//! lookups before or after a position.

use crate::error::{Error, ErrorKind};
use crate::lexicon::chars::is_han;
use crate::lexicon::{self, WordList};

const CUES: &str = include_str!("../../data/cues.tsv");
const NUMERAL_WORDS: &str = include_str!("../../data/numeral_words.txt");

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
    pub source: WordList,
    pub history: WordList,
    /// Words of `data/numeral_words.txt`: they start with a numeral but are not numbers.
    pub numeral_word: WordList,
    pub anniversary: WordList,
    pub lead: WordList,
    pub trail: WordList,
    pub prep: WordList,
    pub rel: WordList,
    pub stop: WordList,
    /// The chars a forward scan of a sentence must look at (see `build::Before`): the
    /// last chars of modality cues and every char that is neither Han nor an ASCII letter
    /// or digit (clause breaks and brackets are among these).
    pub scan_stop: lexicon::CharSet,
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
                "source" => &mut cues.source,
                "history" => &mut cues.history,
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
            &mut cues.source,
            &mut cues.history,
            &mut cues.anniversary,
            &mut cues.lead,
            &mut cues.trail,
            &mut cues.prep,
            &mut cues.rel,
            &mut cues.stop,
        ] {
            list.index();
        }
        cues.scan_stop = (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| !is_han(c) && !c.is_ascii_alphanumeric())
            .chain(cues.modality.last_chars())
            .collect();
        Ok(cues)
    }
}
