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
        if line.starts_with('#') || trim(line).is_empty() {
            return None;
        }
        // Tab is one byte that no multi-byte char contains: the fields split on bytes.
        let mut fields = Vec::with_capacity(4);
        let mut from = 0;
        for (tab, _) in line.bytes().enumerate().filter(|&(_, b)| b == b'\t') {
            fields.push(trim(&line[from..tab]));
            from = tab + 1;
        }
        fields.push(trim(&line[from..]));
        Some((i + 1, fields))
    })
}

/// `field` without the whitespace around it ([`str::trim`]), with no search when it has
/// none: a field of a lexicon seldom does.
#[inline]
fn trim(field: &str) -> &str {
    let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if edge(field.chars().next()) || edge(field.chars().next_back()) {
        field.trim()
    } else {
        field
    }
}

/// The first field of every entry, as a list of words.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    rows(text).map(|(_, f)| f[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`rows`] as plainly written: lines, comments and blanks skipped, fields trimmed.
    fn plain_rows(text: &str) -> Vec<(usize, Vec<&str>)> {
        text.lines()
            .enumerate()
            .filter_map(|(i, line)| {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.starts_with('#') {
                    return None;
                }
                Some((i + 1, line.split('\t').map(str::trim).collect()))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn rows_match_the_plain_reading(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "市", "局", "a", "12", " ", "\t", "\n", "\r", "\r\n", "#", "\u{3000}",
                    "\u{a0}", "\u{85}", "\u{2028}", "\u{1F600}", "",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(rows(&text).collect::<Vec<_>>(), plain_rows(&text));
        }
    }

    #[test]
    fn rows_trim_fields_and_skip_comments() {
        let text = "# header\n\n 东莞市\t东莞 \t\u{3000}x\n\t\n";
        let got: Vec<_> = rows(text).collect();
        assert_eq!(got, vec![(3, vec!["东莞市", "东莞", "x"])]);
    }
}
