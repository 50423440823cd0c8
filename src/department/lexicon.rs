//! The department lexicons, parsed once from the data files into tries and char sets.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lexicon;
use crate::lexicon::CharSet;
use crate::lexicon::chars::ScanSet;
use crate::lexicon::trie::CharTrie;

const SUFFIXES: &str = include_str!("../../data/department_suffixes.tsv");
const CORES: &str = include_str!("../../data/department_cores.tsv");
const CONTEXT: &str = include_str!("../../data/department_context.tsv");
const ABBREVIATIONS: &str = include_str!("../../data/department_abbreviations.tsv");
const NATIONAL_NAMES: &str = include_str!("../../data/national_names.tsv");

/// The last words of bodies' names (`局`, `委员会`, `办公室`, …), as
/// `data/department_suffixes.tsv` lists them, in file order: the one list of body suffixes
/// for any stage that strips or tests them.
///
/// ```
/// let suffixes: Vec<&str> = press_stats::department::suffixes().collect();
/// assert!(suffixes.contains(&"局") && suffixes.contains(&"委员会"));
/// ```
pub fn suffixes() -> impl Iterator<Item = &'static str> {
    lexicon::words(SUFFIXES)
}

/// What may stand before a suffix (see the header of `data/department_suffixes.tsv`).
#[derive(Debug, Clone, Default)]
pub(super) struct SuffixRule {
    pub(super) free: bool,
    pub(super) anchor0: bool,
    pub(super) parent0: bool,
    pub(super) bare: bool,
    pub(super) zone: bool,
    pub(super) venue: bool,
    pub(super) state: bool,
    pub(super) system: bool,
    pub(super) anchored: bool,
    pub(super) national: bool,
    /// Words that, right after the suffix, cancel it (局长, 中心城区).
    pub(super) cancel: Vec<Vec<char>>,
    /// The first chars of the cancelling words, by their low 8 bits: most chars after a
    /// suffix start none of them.
    cancel_first: [u64; 4],
}

impl SuffixRule {
    /// Whether the chars from `end` on start with one of the cancelling words.
    #[inline]
    pub(super) fn cancelled(&self, chars: &[char], end: usize) -> bool {
        let Some(&next) = chars.get(end) else {
            return false;
        };
        let b = next as usize & 0xFF;
        if self.cancel_first[b / 64] & 1 << (b % 64) == 0 {
            return false;
        }
        self.cancel.iter().any(|w| {
            w.first() == Some(&next)
                && chars
                    .get(end..end.saturating_add(w.len()))
                    .is_some_and(|s| s == w.as_slice())
        })
    }
}

/// The suffixes by their last char, for the scan that tries every trigger: one table
/// load finds the few suffixes that can end there, compared char by char.
#[derive(Debug)]
pub(super) struct SuffixIndex {
    /// The group of each char of the Basic Multilingual Plane that ends a suffix (1 on),
    /// 0 for none; [`SuffixIndex::TRIE`] where the trie must be read instead.
    group: Box<[u8; 0x10000]>,
    /// Per group (from 1): each suffix without its last char, and its rule, shortest
    /// first.
    groups: Vec<Vec<(Vec<char>, u16)>>,
}

impl SuffixIndex {
    /// The group of a char the groups do not cover (above the plane, or past 254).
    const TRIE: u8 = u8::MAX;

    fn new() -> SuffixIndex {
        SuffixIndex {
            group: Box::new([0; 0x10000]),
            groups: vec![Vec::new()],
        }
    }

    /// Adds `word` with rule `id`; a word added twice keeps its first rule.
    fn insert(&mut self, word: &str, id: u16) {
        let mut chars: Vec<char> = word.chars().collect();
        let Some(last) = chars.pop() else {
            return;
        };
        let Some(slot) = self.group.get_mut(last as usize) else {
            return;
        };
        if *slot == 0 {
            *slot = match u8::try_from(self.groups.len()) {
                Ok(g) if g < Self::TRIE => {
                    self.groups.push(Vec::new());
                    g
                }
                _ => Self::TRIE,
            };
        }
        let Some(words) = self.groups.get_mut(*slot as usize) else {
            return;
        };
        if words.iter().all(|(w, _)| *w != chars) {
            let at = words.partition_point(|(w, _)| w.len() <= chars.len());
            words.insert(at, (chars, id));
        }
    }
}

/// Tags of a core word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct CoreTags {
    pub(super) state: bool,
    pub(super) facility: bool,
    pub(super) national: bool,
}

/// Every department lexicon.
#[derive(Debug)]
pub(super) struct Lexicon {
    /// Suffixes, read backward; the value indexes `rules`.
    pub(super) suffixes: CharTrie<u16>,
    /// The same suffixes by their last char.
    suffix_index: SuffixIndex,
    pub(super) rules: Vec<SuffixRule>,
    /// The last chars of suffixes, pronoun bodies and district names: where a scan stops;
    /// with the hints [`SUFFIX_END`], [`SUFFIX_ONE`], [`SUFFIX_PENULTIMATE`] and [`PRONOUN`].
    pub(super) triggers: ScanSet,
    /// Core words, read backward.
    pub(super) cores: CharTrie<CoreTags>,
    /// Chars that never stand inside a name.
    pub(super) stop: CharSet,
    /// Two-char words that are not proper names.
    pub(super) notname: CharTrie<()>,
    /// Two-char words in which a level char is not a place's level.
    pub(super) levelwords: CharTrie<()>,
    /// Words before a place, read backward.
    pub(super) locative: CharTrie<()>,
    /// Words that make a district a modifier, read forward.
    pub(super) placenoun: CharTrie<()>,
    /// Ends of places that serve the public (卫生院), read backward.
    pub(super) public: CharTrie<()>,
    /// Party organs, read forward.
    pub(super) organs: CharTrie<()>,
    /// National prefixes, read backward.
    pub(super) national: CharTrie<()>,
    /// Words before a bare body that make it bodies in general (各级), read backward.
    pub(super) generic: CharTrie<()>,
    /// Pronoun chars (我, 本, 该).
    pub(super) pronoun: CharSet,
    /// Bodies after a pronoun, read backward.
    pub(super) pronoun_bodies: CharTrie<()>,
    /// Abbreviation → full body name.
    pub(super) abbreviations: HashMap<&'static str, &'static str>,
    /// The abbreviations, read backward.
    pub(super) abbreviation_trie: CharTrie<()>,
    /// A national body's short or older form → its formal name.
    pub(super) national_names: HashMap<&'static str, &'static str>,
}

/// [`Lexicon::triggers`] hint: the char ends a suffix.
const SUFFIX_END: u8 = 2;
/// [`Lexicon::triggers`] hint: the char is a pronoun char (我, 本, 该).
pub(super) const PRONOUN: u8 = 4;
/// [`Lexicon::triggers`] hint: the char alone is a suffix (局, 委, 部).
const SUFFIX_ONE: u8 = 8;
/// [`Lexicon::triggers`] hint: the char stands before the last char of a suffix (中 of 中心).
const SUFFIX_PENULTIMATE: u8 = 16;

/// The lexicons, parsed on first use.
pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// Level chars: the last char of a bare place level (市, 区).
pub(super) fn is_level(c: char) -> bool {
    matches!(c, '省' | '市' | '区' | '县' | '镇' | '乡')
}

impl Lexicon {
    /// Whether some suffix may end at `end`, from the last two chars: most chars that end
    /// a suffix (心 of 中心, 大 of 人大) end no suffix where they stand.
    #[inline]
    pub(super) fn may_end_suffix(&self, chars: &[char], end: usize) -> bool {
        let hints = |back: usize| {
            end.checked_sub(back)
                .and_then(|k| chars.get(k))
                .map_or(0, |&c| self.triggers.hints(c))
        };
        let last = hints(1);
        last & SUFFIX_END != 0 && (last & SUFFIX_ONE != 0 || hints(2) & SUFFIX_PENULTIMATE != 0)
    }

    /// The suffixes that end at `end` and start at or after `min`, shortest first, as
    /// (length, rule), into `out` as many as fit: how many. As
    /// `suffixes.ending_at(chars, end, min)`, from the suffixes' index.
    #[inline(always)]
    pub(super) fn suffixes_ending_at(
        &self,
        chars: &[char],
        end: usize,
        min: usize,
        out: &mut [(usize, u16)],
    ) -> usize {
        let end = end.min(chars.len());
        let Some(head) = end.checked_sub(1).and_then(|k| chars.get(..k)) else {
            return 0;
        };
        let Some(&last) = chars.get(head.len()) else {
            return 0;
        };
        let group = self.suffix_index.group.get(last as usize).copied();
        let group = match group {
            Some(0) => return 0,
            Some(g) if g != SuffixIndex::TRIE => g,
            _ => return self.suffixes.ending_into(chars, end, min, out),
        };
        let Some(words) = self.suffix_index.groups.get(group as usize) else {
            return 0;
        };
        let mut n = 0;
        for (rest, id) in words {
            let len = rest.len() + 1;
            if end < min + len {
                break;
            }
            // The char before the last decides most words at once.
            let fits = match rest.last() {
                None => true,
                Some(c) => head.last() == Some(c) && head.ends_with(rest),
            };
            if fits {
                match out.get_mut(n) {
                    Some(slot) => *slot = (len, *id),
                    None => break,
                }
                n += 1;
            }
        }
        n
    }

    fn load() -> Lexicon {
        let mut lex = Lexicon {
            suffixes: CharTrie::new(true),
            suffix_index: SuffixIndex::new(),
            rules: Vec::new(),
            triggers: ScanSet::new(),
            cores: CharTrie::new(true),
            stop: CharSet::new(),
            notname: CharTrie::new(true),
            levelwords: CharTrie::new(true),
            locative: CharTrie::new(true),
            placenoun: CharTrie::new(false),
            public: CharTrie::new(true),
            organs: CharTrie::new(false),
            national: CharTrie::new(true),
            generic: CharTrie::new(true),
            pronoun: CharSet::new(),
            pronoun_bodies: CharTrie::new(true),
            abbreviations: HashMap::new(),
            national_names: HashMap::new(),
            abbreviation_trie: CharTrie::new(true),
        };
        for (_, f) in lexicon::rows(SUFFIXES) {
            let Some(&word) = f.first() else { continue };
            let mut rule = SuffixRule::default();
            for flag in f.get(1).copied().unwrap_or("").split(',') {
                match flag.trim() {
                    "free" => rule.free = true,
                    "anchor0" => rule.anchor0 = true,
                    "parent0" => rule.parent0 = true,
                    "bare" => rule.bare = true,
                    "zone" => rule.zone = true,
                    "venue" => rule.venue = true,
                    "state" => rule.state = true,
                    "system" => rule.system = true,
                    "anchored" => rule.anchored = true,
                    "national" => rule.national = true,
                    _ => {}
                }
            }
            rule.cancel = f
                .get(2)
                .copied()
                .unwrap_or("")
                .split(',')
                .map(|w| w.trim().chars().collect::<Vec<char>>())
                .filter(|w| !w.is_empty())
                .collect();
            for w in &rule.cancel {
                if let Some(&c) = w.first() {
                    let b = c as usize & 0xFF;
                    rule.cancel_first[b / 64] |= 1 << (b % 64);
                }
            }
            if let (Some(last), Ok(id)) = (word.chars().last(), u16::try_from(lex.rules.len())) {
                lex.triggers.insert(last);
                lex.triggers.hint(last, SUFFIX_END);
                let mut rest = word.chars().rev().skip(1);
                match rest.next() {
                    Some(c) => lex.triggers.hint(c, SUFFIX_PENULTIMATE),
                    None => lex.triggers.hint(last, SUFFIX_ONE),
                }
                lex.suffixes.insert(word, id);
                lex.suffix_index.insert(word, id);
                lex.rules.push(rule);
            }
        }
        let mut cores: Vec<(&str, CoreTags)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (_, f) in lexicon::rows(CORES) {
            let Some(&word) = f.first() else { continue };
            let i = *index.entry(word).or_insert_with(|| {
                cores.push((word, CoreTags::default()));
                cores.len() - 1
            });
            for tag in f.get(1).copied().unwrap_or("").split(',') {
                match tag.trim() {
                    "state" => cores[i].1.state = true,
                    "facility" => cores[i].1.facility = true,
                    "national" => cores[i].1.national = true,
                    _ => {}
                }
            }
        }
        for (word, tags) in cores {
            lex.cores.insert(word, tags);
        }
        for (_, f) in lexicon::rows(CONTEXT) {
            let (Some(&word), Some(&kind)) = (f.first(), f.get(1)) else {
                continue;
            };
            let first = word.chars().next();
            match kind {
                "stop" => first.into_iter().for_each(|c| lex.stop.insert(c)),
                "notname" => lex.notname.insert(word, ()),
                "levelword" => lex.levelwords.insert(word, ()),
                "locative" => lex.locative.insert(word, ()),
                "placenoun" => lex.placenoun.insert(word, ()),
                "public" => lex.public.insert(word, ()),
                "organ" => lex.organs.insert(word, ()),
                "national" => lex.national.insert(word, ()),
                "generic" => lex.generic.insert(word, ()),
                "pronoun" => first.into_iter().for_each(|c| {
                    lex.pronoun.insert(c);
                    lex.triggers.hint(c, PRONOUN);
                }),
                "pronounbody" => {
                    lex.pronoun_bodies.insert(word, ());
                    if let Some(c) = word.chars().last() {
                        lex.triggers.insert(c);
                    }
                }
                _ => {}
            }
        }
        for (_, f) in lexicon::rows(ABBREVIATIONS) {
            if let (Some(&a), Some(&full)) = (f.first(), f.get(1)) {
                lex.abbreviations.entry(a).or_insert(full);
                lex.abbreviation_trie.insert(a, ());
            }
        }
        for (_, f) in lexicon::rows(NATIONAL_NAMES) {
            if let (Some(&a), Some(&full)) = (f.first(), f.get(1)) {
                lex.national_names.entry(a).or_insert(full);
            }
        }
        for c in ['区', '县', '旗', '市', '《', '》'] {
            lex.triggers.insert(c);
        }
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every department data file is read: a malformed line would be
    /// dropped silently, so each file's entry count is checked against its lines.
    #[test]
    fn every_data_line_parses() {
        let lex = &*LEXICON;
        let suffix_lines = lexicon::rows(SUFFIXES).count();
        assert_eq!(lex.rules.len(), suffix_lines);
        for (line, f) in lexicon::rows(SUFFIXES) {
            for flag in f.get(1).copied().unwrap_or("").split(',') {
                assert!(
                    [
                        "free", "anchor0", "parent0", "bare", "zone", "venue", "state", "system",
                        "anchored", "national", ""
                    ]
                    .contains(&flag.trim()),
                    "department_suffixes.tsv line {line}: unknown rule {flag:?}"
                );
            }
        }
        for (line, f) in lexicon::rows(CONTEXT) {
            assert!(
                matches!(
                    f.get(1).copied(),
                    Some(
                        "stop"
                            | "notname"
                            | "levelword"
                            | "locative"
                            | "placenoun"
                            | "public"
                            | "organ"
                            | "national"
                            | "generic"
                            | "pronoun"
                            | "pronounbody"
                    )
                ),
                "department_context.tsv line {line}: unknown kind"
            );
        }
        for (line, f) in lexicon::rows(CORES) {
            assert!(
                f[0].chars().all(crate::lexicon::chars::is_name_han),
                "department_cores.tsv line {line}"
            );
            for tag in f.get(1).copied().unwrap_or("").split(',') {
                assert!(
                    ["state", "facility", "national", ""].contains(&tag.trim()),
                    "department_cores.tsv line {line}: unknown tag {tag:?}"
                );
            }
        }
        for (line, f) in lexicon::rows(ABBREVIATIONS) {
            assert_eq!(f.len(), 2, "department_abbreviations.tsv line {line}");
        }
        assert_eq!(lex.abbreviations.get("人社"), Some(&"人力资源和社会保障局"));
        for (line, f) in lexicon::rows(NATIONAL_NAMES) {
            assert_eq!(f.len(), 2, "national_names.tsv line {line}");
            assert_ne!(f[0], f[1], "national_names.tsv line {line}");
        }
    }
}
