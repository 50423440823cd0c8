//! The lexicon layer every stage reads its words and chars through: compiled-in data files
//! (one entry a line, tab-separated fields, `#` comments and blank lines skipped), char
//! classes and sets ([`chars`]), word lists with longest-match lookups ([`word_list`]), and
//! the word segmenter ([`segment`]).

pub(crate) mod chars;
pub(crate) mod numerals;
pub(crate) mod questioners;
pub(crate) mod segment;
pub(crate) mod trie;
pub(crate) mod word_list;

pub(crate) use chars::{CharBits, CharSet, CharTable};
pub(crate) use word_list::WordList;

/// The entries of a lexicon text, each with its 1-based line number and its fields.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').map(str::trim).collect()))
    })
}

/// The first field of every entry, as a list of words.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    rows(text).map(|(_, f)| f[0])
}
