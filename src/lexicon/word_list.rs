//! Word lists with longest-match lookups of the words starting or ending at a position.

use super::CharSet;

/// One category's words, indexed by first and by last char, longest first within each.
#[derive(Debug)]
pub(crate) struct WordList<V = &'static str> {
    words: Vec<(Box<[char]>, V)>,
    by_first: CharIndex,
    by_last: CharIndex,
}

/// The words of a list grouped by one of their chars (first or last), longest first within
/// a group (ties in list order): a bitset says whether a char has a group, and the rank of
/// the char in the bitset says which.
#[derive(Debug, Default)]
struct CharIndex {
    set: CharSet,
    /// Members of `set` before each 64-char word of its bitset.
    rank: Vec<u16>,
    /// Each group's range of `entries`, in rank order, then one past the last.
    groups: Vec<u32>,
    /// Words as (length, index in `words`, the char next to the indexed one), grouped.
    entries: Vec<Entry>,
}

/// One word of a [`CharIndex`] group: its length, its index in `WordList::words`, and
/// the char next to the indexed one (the second char of a word indexed by its first, the
/// last but one of a word indexed by its last; `'\0'` for a one-char word), which
/// rejects most candidates without reading the word.
#[derive(Debug, Clone, Copy)]
struct Entry {
    len: usize,
    word: usize,
    next: char,
}

impl CharIndex {
    /// Builds the index from `(char, length, word index, next char)` of every word, in
    /// list order.
    fn build(mut keys: Vec<(char, usize, usize, char)>) -> CharIndex {
        // Words are indexed by chars of the Basic Multilingual Plane only: a word whose
        // indexed char is above it is never found.
        let set: CharSet = keys
            .iter()
            .map(|k| k.0)
            .filter(|&c| c <= '\u{FFFF}')
            .collect();
        let mut rank = Vec::with_capacity(1024);
        let mut n = 0u16;
        for w in 0..1024u32 {
            rank.push(n);
            n += set.bits()[w as usize].count_ones() as u16;
        }
        // A stable sort: equal lengths keep list order.
        keys.sort_by_key(|&(c, len, _, _)| (c, std::cmp::Reverse(len)));
        let mut groups = Vec::new();
        let mut prev = None;
        for (i, &(c, _, _, _)) in keys.iter().enumerate() {
            if prev != Some(c) {
                groups.push(i as u32);
                prev = Some(c);
            }
        }
        groups.push(keys.len() as u32);
        let entries = keys
            .into_iter()
            .map(|(_, len, word, next)| Entry { len, word, next })
            .collect();
        CharIndex {
            set,
            rank,
            groups,
            entries,
        }
    }

    /// The words whose indexed char is `c` (the caller has checked `set`).
    #[inline]
    fn group(&self, c: char) -> &[Entry] {
        let u = c as usize;
        let (w, b) = (u >> 6, u & 63);
        let below = self.set.bits().get(w).copied().unwrap_or(0) & ((1u64 << b) - 1);
        let r = self.rank.get(w).map_or(0, |&r| r as usize) + below.count_ones() as usize;
        let (Some(&a), Some(&z)) = (self.groups.get(r), self.groups.get(r + 1)) else {
            return &[];
        };
        self.entries.get(a as usize..z as usize).unwrap_or(&[])
    }
}

/// Whether `a` and `b` hold the same chars (short words: a plain loop beats memcmp).
#[inline]
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl<V> Default for WordList<V> {
    fn default() -> Self {
        WordList {
            words: Vec::new(),
            by_first: CharIndex::default(),
            by_last: CharIndex::default(),
        }
    }
}

impl<V: Copy> WordList<V> {
    /// A list of `entries` (word, value), indexed; empty words are left out.
    pub(crate) fn new(entries: impl IntoIterator<Item = (String, V)>) -> Self {
        let mut list = WordList::default();
        for (w, v) in entries {
            list.push(&w, v);
        }
        list.index();
        list
    }

    /// Adds `word` with its value (an empty word is ignored); [`WordList::index`] must run
    /// before the first lookup.
    pub(crate) fn push(&mut self, word: &str, value: V) {
        let w: Box<[char]> = word.chars().collect();
        if !w.is_empty() {
            self.words.push((w, value));
        }
    }

    /// Builds the char indexes.
    pub(crate) fn index(&mut self) {
        let key = |pick: fn(&[char]) -> (char, char)| {
            self.words
                .iter()
                .enumerate()
                .map(|(i, (w, _))| {
                    let (c, next) = pick(w);
                    (c, w.len(), i, next)
                })
                .collect::<Vec<_>>()
        };
        let first = key(|w| (w[0], w.get(1).copied().unwrap_or('\0')));
        let last = key(|w| {
            let n = w.len();
            (w[n - 1], n.checked_sub(2).map_or('\0', |i| w[i]))
        });
        self.by_first = CharIndex::build(first);
        self.by_last = CharIndex::build(last);
    }

    /// Whether some word ends with `c`.
    #[inline]
    pub fn ends_with(&self, c: char) -> bool {
        self.by_last.set.contains(c)
    }

    /// The longest word ending at `at` and starting at or after `floor`: (length, value).
    #[inline]
    pub fn ending_at(&self, chars: &[char], floor: usize, at: usize) -> Option<(usize, V)> {
        if at == 0 || at > chars.len() || !self.by_last.set.contains(chars[at - 1]) {
            return None;
        }
        self.all_ending_at(chars, floor, at).next()
    }

    /// Every word ending at `at` and starting at or after `floor`, longest first:
    /// (length, value).
    pub fn all_ending_at<'s>(
        &'s self,
        chars: &'s [char],
        floor: usize,
        at: usize,
    ) -> impl Iterator<Item = (usize, V)> + 's {
        let group = match at.checked_sub(1).and_then(|i| chars.get(i)) {
            Some(&c) if self.by_last.set.contains(c) => self.by_last.group(c),
            _ => &[],
        };
        group.iter().filter_map(move |&Entry { len, word, next }| {
            let s = at.checked_sub(len)?;
            if s < floor || len >= 2 && chars.get(at - 2) != Some(&next) {
                return None;
            }
            let (w, v) = self.words.get(word)?;
            same(chars.get(s..at - 1)?, w.get(..len - 1)?).then_some((len, *v))
        })
    }

    /// The longest word starting at `at` and ending at or before `ceil`: (length, value).
    #[inline]
    pub fn starting_at(&self, chars: &[char], at: usize, ceil: usize) -> Option<(usize, V)> {
        let ceil = ceil.min(chars.len());
        if at >= ceil || !self.by_first.set.contains(chars[at]) {
            return None;
        }
        self.first_starting_at(chars, at, ceil)
    }

    /// The first position in `[from, to)` where a word starts that ends at or before
    /// `ceil`: (position, length, value) — [`WordList::starting_at`] at each position in
    /// turn, in one tight loop.
    pub fn first_start_in(
        &self,
        chars: &[char],
        from: usize,
        to: usize,
        ceil: usize,
    ) -> Option<(usize, usize, V)> {
        let (from, to, ceil) = clamp_window(chars.len(), from, to, ceil);
        self.start_among(chars, from, chars[from..to].iter().enumerate(), ceil)
    }

    /// [`WordList::first_start_in`], reading from `to` back: the last such position.
    pub fn last_start_in(
        &self,
        chars: &[char],
        from: usize,
        to: usize,
        ceil: usize,
    ) -> Option<(usize, usize, V)> {
        let (from, to, ceil) = clamp_window(chars.len(), from, to, ceil);
        self.start_among(chars, from, chars[from..to].iter().enumerate().rev(), ceil)
    }

    /// The first of `positions` (offsets from `from`, with their chars) where a word starts.
    fn start_among<'c>(
        &self,
        chars: &[char],
        from: usize,
        positions: impl Iterator<Item = (usize, &'c char)>,
        ceil: usize,
    ) -> Option<(usize, usize, V)> {
        let set = &self.by_first.set;
        positions
            .filter(|&(_, &c)| set.contains(c))
            .find_map(|(k, _)| {
                self.first_starting_at(chars, from + k, ceil)
                    .map(|(len, v)| (from + k, len, v))
            })
    }

    fn first_starting_at(&self, chars: &[char], at: usize, ceil: usize) -> Option<(usize, V)> {
        self.by_first
            .group(chars[at])
            .iter()
            .find_map(|&Entry { len, word, next }| {
                let e = at + len;
                if e > ceil || len >= 2 && chars.get(at + 1) != Some(&next) {
                    return None;
                }
                let (w, v) = self.words.get(word)?;
                same(chars.get(at + 1..e)?, w.get(1..)?).then_some((len, *v))
            })
    }

    /// The longest word starting at `i` whose value `keep` accepts: its value and end.
    #[inline]
    pub(crate) fn longest_at(
        &self,
        chars: &[char],
        i: usize,
        keep: impl Fn(&V) -> bool,
    ) -> Option<(V, usize)> {
        let &c = chars.get(i)?;
        if !self.by_first.set.contains(c) {
            return None;
        }
        self.words_at(chars, i)
            .find(|(_, v)| keep(v))
            .map(|(len, v)| (v, i + len))
    }

    /// Every word starting at `i`, longest first, into `out` as (value, end): how many
    /// there are (more than `out` holds when it overflows).
    #[inline]
    pub(crate) fn all_at(&self, chars: &[char], i: usize, out: &mut [(V, usize)]) -> usize {
        match chars.get(i) {
            Some(&c) if self.by_first.set.contains(c) => {}
            _ => return 0,
        }
        let mut n = 0;
        for (len, v) in self.words_at(chars, i) {
            if let Some(slot) = out.get_mut(n) {
                *slot = (v, i + len);
            }
            n += 1;
        }
        n
    }

    /// The words starting at `i` (the caller has checked the first char), longest first:
    /// (length, value).
    #[inline]
    fn words_at<'s>(
        &'s self,
        chars: &'s [char],
        i: usize,
    ) -> impl Iterator<Item = (usize, V)> + 's {
        self.by_first
            .group(chars[i])
            .iter()
            .filter_map(move |&Entry { len, word, next }| {
                if len >= 2 && chars.get(i + 1) != Some(&next) {
                    return None;
                }
                let (w, v) = self.words.get(word)?;
                same(chars.get(i + 1..i + len)?, w.get(1..)?).then_some((len, *v))
            })
    }

    /// Every word with its value, in list order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&[char], &V)> + '_ {
        self.words.iter().map(|(w, v)| (&w[..], v))
    }

    /// The last char of every word, in list order.
    pub(crate) fn last_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.words.iter().filter_map(|(w, _)| w.last().copied())
    }
}

/// `(from, to, ceil)` clamped so that `from <= to <= ceil <= len`.
fn clamp_window(len: usize, from: usize, to: usize, ceil: usize) -> (usize, usize, usize) {
    let ceil = ceil.min(len);
    let to = to.min(ceil);
    (from.min(to), to, ceil)
}
