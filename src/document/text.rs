//! Normalized text: a document's chars folded for the recognizers, with the byte offset of
//! each, and the view of a stretch of them that the stages read ([`Chunk`]).

use crate::document::normalize;
use crate::span::Span;

/// Normalized chars and their byte offsets (one past the end last), counted from the
/// start of the text loaded: [`Normalized::base`] in the document. Invisible format chars
/// (`normalize::is_invisible`) are not among the chars: `removed` says where they stood.
#[derive(Default)]
pub(crate) struct Normalized {
    pub chars: Vec<char>,
    pub bytes: Vec<u32>,
    /// For each invisible char removed, the index in `chars` of the char after it
    /// (`chars.len()` at the end): the char at index `i` is char `i + (removed ≤ i)` of the
    /// text loaded.
    pub removed: Vec<u32>,
    /// Where the loaded text starts in the document.
    pub base: usize,
    /// The byte offsets in the document of the line breaks (`\n`).
    pub breaks: Vec<usize>,
    /// Whether normalization changed some char (most texts come normalized already).
    pub folded: bool,
}

impl Normalized {
    /// Loads `text`, which starts at byte `base` of the document.
    pub fn load(&mut self, text: &str, base: usize) {
        let n = text.chars().count();
        // Whole documents are a few MiB at most, and pieces of streamed ones and of the
        // recognizer's texts at most a GiB: the offsets fit in 32 bits.
        debug_assert!(u32::try_from(text.len()).is_ok());
        let end = text.len() as u32;
        self.base = base;
        // Sized first, then filled through iterators: no capacity test per char. (The
        // placeholder is not NUL, which would make the fill a `memset` call.)
        self.chars.clear();
        self.chars.resize(n, ' ');
        self.bytes.clear();
        self.bytes.resize(n + 1, end);
        let fold = normalize::folder();
        let mut seen = Seen::default();
        self.breaks.clear();
        let mut rest = text.as_bytes();
        for (slot, at) in self.chars.iter_mut().zip(self.bytes.iter_mut()) {
            *at = end - rest.len() as u32;
            // Decoded by hand for the two common widths (ASCII, and three bytes for CJK
            // and full-width forms); anything else through the general decoder.
            let c = match *rest {
                [b0, b1, b2, ref tail @ ..] if b0 & 0xF0 == 0xE0 => {
                    rest = tail;
                    // The payload bits of a valid three-byte sequence: the marker bits
                    // (0xE0, 0x80, 0x80) subtract out.
                    let u = ((u32::from(b0) << 12) + (u32::from(b1) << 6) + u32::from(b2)
                        - 0xE2080)
                        & 0xFFFF;
                    char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
                [b0, ref tail @ ..] if b0 < 0x80 => {
                    rest = tail;
                    if b0 == b'\n' {
                        self.breaks.push(base + *at as usize);
                    }
                    // ASCII never folds (tested).
                    *slot = char::from(b0);
                    continue;
                }
                _ => {
                    let c = first_char(rest);
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                    seen.reading |= normalize::is_tone_letter(c);
                    c
                }
            };
            // One bit test in the loop; the rare chars that may fold are folded out of it.
            *slot = match fold.may_change(c) {
                false => c,
                true => seen.fold(&fold, c),
            };
        }
        let Seen {
            context,
            folded,
            mut invisible,
            reading,
        } = seen;
        self.folded = folded;
        self.removed.clear();
        if reading {
            invisible |= self.hide_readings();
        }
        if invisible {
            self.remove_invisible();
        }
        // 參 and 倆 fold to words (参, 俩) but also write numerals: their neighbours decide.
        if !context {
            return;
        }
        for i in 0..self.chars.len() {
            if !normalize::may_be_numeral_in_context(self.chars[i]) {
                continue;
            }
            let original = self
                .bytes
                .get(i)
                .and_then(|&o| text.get(o as usize..))
                .and_then(|t| t.chars().next());
            let prev = i.checked_sub(1).and_then(|k| self.chars.get(k)).copied();
            let next = self.chars.get(i + 1).copied();
            if let Some(c) = original.and_then(|o| normalize::numeral_in_context(o, prev, next)) {
                self.chars[i] = c;
            }
        }
    }
}

/// What the chars that may fold have shown while a text is loaded: whether one is read by
/// `numeral_in_context`, whether one folded, whether one is invisible, whether one is a
/// letter with a tone mark (of a pinyin reading glued into the text, perhaps).
#[derive(Default)]
struct Seen {
    context: bool,
    folded: bool,
    invisible: bool,
    reading: bool,
}

impl Seen {
    /// The folded form of `c`, a char that [`normalize::Folder::may_change`].
    #[inline(never)]
    fn fold(&mut self, fold: &normalize::Folder, c: char) -> char {
        self.context |= normalize::CONTEXT_NUMERALS.contains(&c);
        let f = fold.fold_flagged(c);
        self.folded |= f != c;
        self.invisible |= normalize::is_invisible(f);
        f
    }
}

impl Normalized {
    /// Makes the pinyin readings glued into the text (`增長(zhǎng)`: see
    /// [`normalize::glued_reading`]) invisible chars, to be taken out with them: the
    /// recognizers read `增长`, and offsets still point into the text as written. Returns
    /// whether there was one.
    #[cold]
    fn hide_readings(&mut self) -> bool {
        let mut i = 0;
        let mut any = false;
        while i < self.chars.len() {
            match normalize::glued_reading(&self.chars, i) {
                Some(n) => {
                    self.chars[i..i + n].fill('\u{200B}');
                    any = true;
                    i += n;
                }
                None => i += 1,
            }
        }
        any
    }

    /// Takes the invisible chars out of `chars` (and their offsets out of `bytes`),
    /// noting in `removed` where they stood.
    #[cold]
    fn remove_invisible(&mut self) {
        let n = self.chars.len();
        let mut kept = 0usize;
        for i in 0..n {
            let c = self.chars[i];
            if normalize::is_invisible(c) {
                self.removed.push(kept as u32);
                continue;
            }
            self.chars[kept] = c;
            self.bytes[kept] = self.bytes[i];
            kept += 1;
        }
        self.bytes[kept] = self.bytes[n];
        self.chars.truncate(kept);
        self.bytes.truncate(kept + 1);
        self.folded = true;
    }

    /// `removed` as indices counted from char `char_base` (for a chunk of the scratch
    /// that starts at its first char).
    pub fn removed_from(&self, char_base: usize) -> Vec<u32> {
        self.removed
            .iter()
            .map(|&r| (r as usize + char_base) as u32)
            .collect()
    }

    /// The chunk of document `doc` that chars `[a, b)` of the loaded text are, the first
    /// of them at document char `char_base`; `removed` is counted like `char_base` (see
    /// [`Chunk::removed`]).
    pub fn chunk<'a>(
        &'a self,
        doc: &'a str,
        (a, b): (usize, usize),
        char_base: usize,
        removed: &'a [u32],
    ) -> Chunk<'a> {
        Chunk {
            doc,
            chars: &self.chars[a..b],
            bytes: &self.bytes[a..=b],
            byte_base: self.base,
            char_base,
            removed,
        }
    }

    /// How many chars the text loaded has, invisible ones included.
    pub fn original_len(&self) -> usize {
        self.chars.len() + self.removed.len()
    }
}

/// The char that `bytes` (the tail of a `str` at a char boundary) starts with.
#[cold]
fn first_char(bytes: &[u8]) -> char {
    let head = bytes.get(..bytes.len().min(4)).unwrap_or_default();
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        // A char boundary followed by a cut sequence: the valid part is the whole chars.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.chars().next().unwrap_or('\0')
}

/// A stretch of a document processed at once: a paragraph, heading or title line (or a
/// piece of a very long one).
pub(crate) struct Chunk<'a> {
    /// The document text.
    pub doc: &'a str,
    /// The normalized chars of the chunk, one for each char of the original but the
    /// invisible format chars, which are removed (see `removed`).
    pub chars: &'a [char],
    /// Byte offset of each char of the chunk, plus one past the end, from `byte_base`
    /// (four bytes each where `usize` would take eight: the arrays of a long document are
    /// read again and again).
    pub bytes: &'a [u32],
    /// Where in `doc` the offsets of `bytes` count from.
    pub byte_base: usize,
    /// Char offset of the chunk in the document.
    pub char_base: usize,
    /// For each invisible char removed from the chars, the offset (counted like
    /// `char_base + i`) of the char after it, in order: the char at `char_base + i` is
    /// char `char_base + i + (removed ≤ char_base + i)` of the document. Empty for almost
    /// every text.
    pub removed: &'a [u32],
}

impl Chunk<'_> {
    /// The original text of chars `[a, b)` of the chunk.
    pub fn text(&self, a: usize, b: usize) -> &str {
        let (a, b) = self.byte_range(a, b);
        self.doc.get(a..b).unwrap_or("")
    }

    /// The byte range in `doc` of chars `[a, b)` of the chunk (see [`text_at`]): from the
    /// first char to the end of the last, without the invisible chars around them.
    pub fn byte_range(&self, a: usize, b: usize) -> (usize, usize) {
        let (a, b) = (a.min(self.chars.len()), b.min(self.chars.len()));
        (self.byte(a), self.byte_end(a, b))
    }

    /// The byte offset in `doc` of char `i` of the chunk.
    fn byte(&self, i: usize) -> usize {
        self.byte_base + self.bytes[i] as usize
    }

    /// The byte offset in `doc` of the end of chars `[a, b)`: where char `b` starts, or,
    /// with invisible chars removed, where char `b - 1` ends.
    fn byte_end(&self, a: usize, b: usize) -> usize {
        if self.removed.is_empty() || b <= a {
            return self.byte(b.max(a));
        }
        let last = self.byte(b - 1);
        let len = self.doc.as_bytes().get(last).map_or(0, |&b0| match b0 {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        });
        last + len
    }

    /// The document char offset of the chunk's char `i`.
    fn original(&self, i: usize) -> usize {
        let at = self.char_base + i;
        at + self.removed.partition_point(|&r| r as usize <= at)
    }

    /// The document span of chars `[a, b)` of the chunk.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let (a, b) = (a.min(self.chars.len()), b.min(self.chars.len()));
        let (start, end) = match self.removed.is_empty() {
            true => (self.char_base + a, self.char_base + b),
            false if b <= a => (self.original(a), self.original(a)),
            false => (self.original(a), self.original(b - 1) + 1),
        };
        Span {
            start,
            end,
            byte_start: self.byte(a),
            byte_end: self.byte_end(a, b),
        }
    }
}

/// The text of `doc` at a byte range from [`Chunk::byte_range`].
pub(crate) fn text_at(doc: &str, (a, b): (usize, usize)) -> &str {
    doc.get(a..b).unwrap_or("")
}

/// Appends `chars` to `buf` as UTF-8 (reserving once: `extend` over `&char` goes through
/// a generic fold, slower).
pub(crate) fn push_chars(buf: &mut String, chars: &[char]) {
    buf.reserve(chars.len() * 3);
    for &c in chars {
        buf.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn loading_folds_each_char_as_fold_does(
            // ASCII, CJK, full-width and Traditional forms, invisible chars, two- and
            // four-byte chars (參 and 倆, read in context, are tested apart).
            text in "[a-z0-9 \\n,，。：１２萬億元年增長\u{3000}\u{200B}\u{FEFF}\u{AD}é𠀀]{0,80}",
            base in 0usize..100,
        ) {
            let mut s = Normalized::default();
            s.load(&text, base);
            let kept: Vec<(usize, char)> = text
                .char_indices()
                .map(|(i, c)| (i, normalize::fold(c)))
                .filter(|&(_, c)| !normalize::is_invisible(c))
                .collect();
            let chars: Vec<char> = kept.iter().map(|&(_, c)| c).collect();
            let mut bytes: Vec<u32> = kept.iter().map(|&(i, _)| i as u32).collect();
            bytes.push(text.len() as u32);
            let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| base + i).collect();
            let folded = text
                .chars()
                .any(|c| normalize::fold(c) != c || normalize::is_invisible(c));
            proptest::prop_assert_eq!(&s.chars, &chars);
            proptest::prop_assert_eq!(&s.bytes, &bytes);
            proptest::prop_assert_eq!(&s.breaks, &breaks);
            proptest::prop_assert_eq!(s.folded, folded);
            proptest::prop_assert_eq!(s.original_len(), text.chars().count());
        }
    }

    #[test]
    fn scratch_holds_folded_chars_and_their_offsets() {
        let text = "a１２，萬元\u{00e9}𠀀x\n語";
        let mut s = Normalized::default();
        s.load(text, 7);
        let chars: Vec<char> = text.chars().map(normalize::fold).collect();
        // Offsets count from the text's start, which is at byte 7 of the document.
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        assert_eq!(s.chars, chars);
        assert_eq!(s.bytes, bytes);
        assert_eq!(s.base, 7);
        assert!(s.folded);
        assert_eq!(s.breaks, vec![7 + text.find('\n').unwrap_or(0)]);
        s.load("", 3);
        assert!(s.chars.is_empty());
        assert!(s.breaks.is_empty());
        assert!(!s.folded);
        assert_eq!((s.base, s.bytes.as_slice()), (3, &[0][..]));
        s.load("参加会议,东莞市\n𠀀", 0);
        assert!(!s.folded);
    }
}
