//! Char-for-char normalization: full-width forms to half-width, Traditional numerals and
//! units to Simplified. Every char maps to exactly one char, so a char offset into the
//! normalized text is the same offset into the original.
//!
//! The chars the recognizers read are normalized once more: invisible format chars
//! ([`is_invisible`]: zero-width spaces and joiners, direction marks, soft hyphens), which
//! copy-paste and web pages leave inside numbers (`1\u{200D}2.5%`), are removed; the
//! extractor keeps where each char stood, so offsets point into the original text.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::lexicon::{self, CharSet};

const TRADITIONAL: &str = include_str!("../../data/traditional.tsv");

static TO_SIMPLIFIED: LazyLock<(CharSet, FxHashMap<char, char>)> = LazyLock::new(|| {
    let map: FxHashMap<char, char> = lexicon::rows(TRADITIONAL)
        .filter_map(|(_, f)| {
            let mut t = f.first()?.chars();
            let mut s = f.get(1)?.chars();
            match (t.next(), t.next(), s.next(), s.next()) {
                (Some(t), None, Some(s), None) => Some((t, s)),
                _ => None,
            }
        })
        .collect();
    // The set holds every char fold changes, so that one bitset test passes the rest.
    // Chars above the Basic Multilingual Plane are left as they are (never folded).
    let mut set: CharSet = map.keys().copied().filter(|&c| c <= '\u{FFFF}').collect();
    // Invisible chars fold to themselves but are flagged too, so that one test finds
    // them (see `is_invisible`).
    for u in (0xFF01..=0xFF5E)
        .chain([
            0x3000, 0x2236, 0xFE52, 0x2024, 0x2010, 0x2011, 0x2012, 0x2013, 0xFE63, 0x301C, 0x2015,
        ])
        .chain(INVISIBLE.iter().flat_map(|r| r.clone()))
    {
        if let Some(c) = char::from_u32(u) {
            set.insert(c);
        }
    }
    (set, map)
});

/// The invisible format chars the recognizers read through: soft hyphen, Arabic letter
/// mark, Mongolian vowel separator, zero-width space, non-joiner and joiner, the
/// left-to-right and right-to-left marks, embeddings, overrides and isolates, word joiner
/// and invisible operators, and the zero-width no-break space (a BOM inside the text).
const INVISIBLE: [std::ops::RangeInclusive<u32>; 8] = [
    0x00AD..=0x00AD,
    0x061C..=0x061C,
    0x180E..=0x180E,
    0x200B..=0x200F,
    0x202A..=0x202E,
    0x2060..=0x2064,
    0x2066..=0x2069,
    0xFEFF..=0xFEFF,
];

/// Whether `c` is an invisible format char (see [`INVISIBLE`]), removed from the chars the
/// recognizers read.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The normalization table, fetched once for a loop over many chars.
pub(crate) struct Folder {
    set: &'static CharSet,
    /// The bits of `set`, held directly so that a loop need not reload them.
    bits: &'static [u64; 1024],
    map: &'static FxHashMap<char, char>,
}

/// The table [`fold`] reads.
pub(crate) fn folder() -> Folder {
    let (set, map) = &*TO_SIMPLIFIED;
    Folder {
        set,
        bits: set.bits(),
        map,
    }
}

impl Folder {
    /// Whether folding may change `c`.
    #[inline]
    pub fn changes(&self, c: char) -> bool {
        self.set.contains(c)
    }

    /// Whether folding may change some char of `s` (ASCII never changes; three-byte
    /// sequences are decoded by hand, the rare others by the general decoder).
    pub fn changes_any(&self, s: &str) -> bool {
        let mut rest = s.as_bytes();
        loop {
            match *rest {
                [] => return false,
                [b0, ref tail @ ..] if b0 < 0x80 => rest = tail,
                [b0, b1, b2, ref tail @ ..] if b0 & 0xF0 == 0xE0 => {
                    let u = (u32::from(b0 & 0x0F) << 12)
                        | (u32::from(b1 & 0x3F) << 6)
                        | u32::from(b2 & 0x3F);
                    if self.bits[(u >> 6) as usize] & (1 << (u & 63)) != 0 {
                        return true;
                    }
                    rest = tail;
                }
                _ => {
                    let at = s.len() - rest.len();
                    return s
                        .get(at..)
                        .is_some_and(|t| t.chars().any(|c| self.changes(c)));
                }
            }
        }
    }

    /// Whether folding may change `c`, for loops over every char of a text: one bit test,
    /// no range test. (A char beyond the BMP tests the bit of its low 16 bits, which may
    /// be set, but only sends it to [`Folder::fold_listed`], which keeps it: nothing beyond
    /// the BMP folds.)
    #[inline]
    pub fn may_change(&self, c: char) -> bool {
        let u = c as u32;
        self.bits[(u >> 6) as usize & 1023] & (1 << (u & 63)) != 0
    }

    /// [`Folder::fold`] of a char that [`Folder::may_change`].
    #[inline]
    pub fn fold_flagged(&self, c: char) -> char {
        // Full-width ASCII is common (，：（）) and no Traditional entry (tested): no lookup.
        match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => self.fold_listed(c),
        }
    }

    /// [`Folder::fold`] of a char of the set (or, from [`Folder::may_change`], beyond the
    /// BMP).
    #[inline(never)]
    fn fold_listed(&self, c: char) -> char {
        // A char beyond the BMP folds to itself (the set holds none, the map some).
        if !self.set.contains(c) {
            return c;
        }
        match self.map.get(&c) {
            Some(&s) => s,
            None => fold_symbol(c),
        }
    }

    /// [`fold`] without fetching the table.
    #[inline]
    pub fn fold(&self, c: char) -> char {
        match self.may_change(c) {
            true => self.fold_flagged(c),
            false => c,
        }
    }
}

/// Capital numerals and the units written with them (folded forms), the company that makes
/// a Traditional 參 the numeral 3 (叁) rather than 参 ("take part").
const CAPITAL_NUMERALS: &str = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆";

/// Traditional chars whose folded form is a word, not the numeral they also write, are the
/// numeral where numerals surround them. 參 folds to 参 (參加 → 参加), but next to capital
/// numerals it is the capital 3 (參拾參萬 = 330,000): 叁. 倆 folds to 俩 (他們倆), but before a
/// numeral unit it is 2 (倆千 = 2000): 两. `original` is the char as written, `prev` and
/// `next` its folded neighbours; `None` keeps the folded form.
pub(crate) fn numeral_in_context(
    original: char,
    prev: Option<char>,
    next: Option<char>,
) -> Option<char> {
    let capital = |c: Option<char>| c.is_some_and(|c| CAPITAL_NUMERALS.contains(c));
    match original {
        '參' if capital(prev) || capital(next) => Some('叁'),
        '倆' if next.is_some_and(|c| "十拾百佰千仟万亿".contains(c)) => Some('两'),
        _ => None,
    }
}

/// The chars [`numeral_in_context`] reads, as written.
pub(crate) const CONTEXT_NUMERALS: [char; 2] = ['參', '倆'];

/// Whether `c` is the folded form of a char that [`numeral_in_context`] may change.
#[inline]
pub(crate) fn may_be_numeral_in_context(c: char) -> bool {
    matches!(c, '参' | '俩')
}

/// The normalized form of one char.
#[inline]
pub fn fold(c: char) -> char {
    // ASCII never folds (tested): no table fetched.
    if c.is_ascii() {
        return c;
    }
    folder().fold(c)
}

/// The folds that are not Traditional to Simplified: full-width ASCII, the ideographic
/// space, and the colon, dots, dashes and tilde that times and ranges are written with.
fn fold_symbol(c: char) -> char {
    match c {
        // Full-width ASCII (！ to ～) to half-width.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // Ratio colon (8∶00), small and other dots, and dashes that join ranges.
        '\u{2236}' => ':',
        '\u{FE52}' | '\u{2024}' => '.',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
        '\u{301C}' => '~',
        // The horizontal bar, written for the em dash (`1―5月份`).
        '\u{2015}' => '—',
        c => c,
    }
}

/// Normalizes `text` into a new string, one char for each char of `text`.
pub fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// `text` normalized as words are read: folded, and without the pinyin readings some
/// sites glue after a char (`海關(guān)總署` reads `海关总署`; see [`glued_reading`]). Not
/// char for char: for names and headings, whose offsets are not kept.
pub(crate) fn normalize_words(text: &str) -> String {
    match drop_readings(text) {
        Some((plain, _)) => normalize(&plain),
        None => normalize(text),
    }
}

/// Whether `c` is a Latin letter with a pinyin tone mark (or `ü`).
#[inline]
pub(crate) fn is_tone_letter(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'è'
            | 'é'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ù'
            | 'ú'
            | 'ü'
            | 'ā'
            | 'ē'
            | 'ě'
            | 'ī'
            | 'ō'
            | 'ū'
            | 'ń'
            | 'ň'
            | 'ǎ'
            | 'ǐ'
            | 'ǒ'
            | 'ǔ'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ǹ'
    )
}

/// How many chars the pinyin reading at `chars[i]` takes, when one is glued there after a
/// char: sites that convert pages to Traditional script gloss polyphones in brackets
/// (`增長(zhǎng)`, `發(fā)布`, `3.09萬億元`, `1.5個(gè)百分點(diǎn)`). A reading is a bracket right after a
/// Han char, one to seven lowercase letters with at least one tone mark, and the closing
/// bracket: `(星期一)`, `(GDP)` and `(2020)` are none.
pub(crate) fn glued_reading(chars: &[char], i: usize) -> Option<usize> {
    let prev = *chars.get(i.checked_sub(1)?)?;
    if !matches!(chars.get(i), Some('(' | '（')) || !crate::lexicon::chars::is_han(prev) {
        return None;
    }
    let mut toned = false;
    // (Some converters leave a space before the closing bracket: `會(huì )`.)
    for (k, &c) in chars.iter().enumerate().skip(i + 1).take(9) {
        match c {
            'a'..='z' => {}
            ' ' if toned && matches!(chars.get(k + 1), Some(')' | '）')) => {}
            ')' | '）' if toned => return Some(k + 1 - i),
            c if is_tone_letter(c) => toned = true,
            _ => return None,
        }
    }
    None
}

/// `text` without its glued pinyin readings ([`glued_reading`]), and for each byte of the
/// result the offset of that byte in `text`; `None` when `text` has no reading.
pub(crate) fn drop_readings(text: &str) -> Option<(String, Vec<usize>)> {
    if !text.chars().any(is_tone_letter) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let plain: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let (mut out, mut map) = (
        String::with_capacity(text.len()),
        Vec::with_capacity(text.len()),
    );
    let mut i = 0;
    let mut dropped = false;
    while let Some(&(at, c)) = chars.get(i) {
        if let Some(n) = glued_reading(&plain, i) {
            i += n;
            dropped = true;
            continue;
        }
        out.push(c);
        map.extend(at..at + c.len_utf8());
        i += 1;
    }
    dropped.then_some((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_pinyin_readings() {
        let chars: Vec<char> = "增長(zhǎng)1.5個（gè）點(diǎn)".chars().collect();
        assert_eq!(glued_reading(&chars, 2), Some(7));
        assert_eq!(glued_reading(&chars, 13), Some(4));
        assert_eq!(glued_reading(&chars, 18), Some(6));
        let spaced: Vec<char> = "會(huì )".chars().collect();
        assert_eq!(glued_reading(&spaced, 1), Some(6));
        // Brackets that are no reading: no tone mark, not letters, not after a Han char.
        for text in [
            "周一(星期一)",
            "总值(GDP)",
            "公报(2020)",
            "的(de)",
            "a(zhǎng)",
            "长(zhǎngg1)",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let at = chars.iter().position(|&c| c == '(');
            assert_eq!(at.and_then(|i| glued_reading(&chars, i)), None, "{text}");
        }
        assert_eq!(normalize_words("海關(guān)總署"), "海关总署");
        let (plain, map) = drop_readings("發(fā)布").expect("a reading");
        assert_eq!(plain, "發布");
        assert_eq!(map, [0, 1, 2, 8, 9, 10]);
        assert_eq!(drop_readings("發布"), None);
    }

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(normalize("１２０批次，９８．５％"), "120批次,98.5%");
        assert_eq!(normalize("8∶00至18∶00"), "8:00至18:00");
    }

    #[test]
    fn traditional_numerals_fold_to_simplified() {
        assert_eq!(normalize("三萬兩千個"), "三万两千个");
        assert_eq!(normalize("1.5億元"), "1.5亿元");
    }

    #[test]
    fn ascii_never_folds() {
        // Loading normalized text (`text::Normalized::load`) copies ASCII bytes as they are.
        let f = folder();
        for c in (0u8..0x80).map(char::from) {
            assert!(!f.changes(c), "{c:?}");
            assert_eq!(fold(c), c);
        }
    }

    #[test]
    fn changes_any_is_any_change() {
        let f = folder();
        for s in [
            "",
            "abc",
            "东莞市",
            "東莞",
            "a，b",
            "é萬",
            "𠀀x",
            "x𠀀萬",
            "中文é",
        ] {
            assert_eq!(f.changes_any(s), s.chars().any(|c| f.changes(c)), "{s}");
        }
    }

    #[test]
    fn full_width_ascii_is_no_traditional_entry() {
        let (_, map) = &*TO_SIMPLIFIED;
        assert!(map.keys().all(|&c| !('\u{FF01}'..='\u{FF5E}').contains(&c)));
    }

    #[test]
    fn the_free_fold_is_the_scanner_fold() {
        // Headings and names are folded with `fold`, scanned text with `Folder::fold`: the
        // two must agree on every char, or a name would not match its own text. Both are
        // what normalization means: symbols first, then the Traditional table from the CJK
        // Extension A block up.
        let meant = |c: char| {
            let (set, map) = &*TO_SIMPLIFIED;
            match fold_symbol(c) {
                s if s != c => s,
                _ if (c as u32) < 0x3400 || !set.contains(c) => c,
                _ => map.get(&c).copied().unwrap_or(c),
            }
        };
        let f = folder();
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(fold(c), meant(c), "{c:?}");
            assert_eq!(f.fold(c), meant(c), "{c:?}");
        }
    }

    #[test]
    fn traditional_numerals_that_fold_to_words_are_numerals_among_numerals() {
        let fold_all = |t: &str| {
            let folded: Vec<char> = t.chars().map(fold).collect();
            let original: Vec<char> = t.chars().collect();
            (0..folded.len())
                .map(|i| {
                    let prev = i.checked_sub(1).map(|k| folded[k]);
                    let next = folded.get(i + 1).copied();
                    match may_be_numeral_in_context(folded[i]) {
                        true => numeral_in_context(original[i], prev, next).unwrap_or(folded[i]),
                        false => folded[i],
                    }
                })
                .collect::<String>()
        };
        assert_eq!(fold_all("參拾參萬元"), "叁拾叁万元");
        assert_eq!(fold_all("伍佰參拾肆"), "伍佰叁拾肆");
        assert_eq!(fold_all("參加會議"), "参加会议");
        assert_eq!(fold_all("參"), "参");
        assert_eq!(fold_all("倆千兩百"), "两千两百");
        assert_eq!(fold_all("他們倆"), "他们俩");
    }

    #[test]
    fn invisible_chars_are_flagged_and_fold_to_themselves() {
        let f = folder();
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let listed = INVISIBLE.iter().any(|r| r.contains(&(c as u32)));
            assert_eq!(is_invisible(c), listed, "{c:?}");
            if listed {
                assert!(f.may_change(c) && f.changes(c), "{c:?}");
                assert_eq!(f.fold(c), c);
            }
            // Nothing folds into an invisible char.
            assert!(listed || !is_invisible(f.fold(c)), "{c:?}");
        }
    }

    #[test]
    fn one_char_for_one_char() {
        let s = "ＡＢ，萬１２　x";
        assert_eq!(normalize(s).chars().count(), s.chars().count());
    }
}
