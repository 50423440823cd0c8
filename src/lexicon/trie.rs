//! Char tries: the word lists the department scans read forward and backward.
//!
//! Why a second word-list type beside [`WordList`](super::word_list::WordList): a word list
//! finds a word by its first or last char and then compares each word of that char's group,
//! which is fast for the short lists of units and approximation words; the department
//! lists are long and their words share last chars (thousands of place names end in 市, 县
//! or 区), so the trie, which reads only the chars on one path, is the one that stays fast
//! there.
//!
//! A trie is read forward (words starting at a position) or backward (words ending at a
//! position; the words are stored reversed). Edges are found in one hash table keyed by
//! (node, char), so a lookup costs a multiply and a load per char and allocates nothing.

use super::CharSet;

/// Bits of a char in an edge key (every char is below 0x110000).
const CHAR_BITS: u32 = 21;
/// Bits of an edge's key (parent node and char, plus one) in a slot; the child is above,
/// and the top bit says whether the child ends a word.
const KEY_BITS: u32 = 42;
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;
const NODE_BITS: u32 = 20;
const NODE_MASK: u64 = (1 << NODE_BITS) - 1;
const TERMINAL: u64 = 1 << 63;
/// Nodes a trie may have: a parent and a child must fit their fields of a slot.
const MAX_NODES: usize = 1 << NODE_BITS;

/// A trie of words over chars, each word carrying a value.
///
/// The edges of every node live in one open-addressing hash table keyed by (parent, char),
/// so a step costs one multiply and usually one load, whatever the node's fan-out.
#[derive(Debug, Clone)]
pub(crate) struct CharTrie<V> {
    /// Edge slots: `(parent << CHAR_BITS | char) + 1` in the low [`KEY_BITS`] bits, the
    /// child node above, [`TERMINAL`] when the child ends a word; 0 is an empty slot. The
    /// length is a power of two, at most a quarter full, so that a probe seldom goes on.
    slots: Vec<u64>,
    /// `slots.len() - 1`.
    mask: usize,
    /// `64 - log2(slots.len())`: the hash keeps the top bits of the product.
    shift: u32,
    edges: usize,
    /// The value of each node's word, if it ends a word (node 0 is the root).
    values: Vec<Option<V>>,
    reversed: bool,
    /// The chars the root has children for: most lookups stop at this one bit test.
    root: CharSet,
}

impl<V: Copy> CharTrie<V> {
    /// An empty trie read forward (`reversed` false) or backward (`reversed` true).
    pub(crate) fn new(reversed: bool) -> CharTrie<V> {
        CharTrie {
            slots: vec![0; 16],
            mask: 15,
            shift: 64 - 4,
            edges: 0,
            values: vec![None],
            reversed,
            root: CharSet::new(),
        }
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Adds `word` with `value`; a word added twice keeps the first value.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        if self.reversed {
            self.insert_chars(word.chars().rev(), value);
        } else {
            self.insert_chars(word.chars(), value);
        }
    }

    /// Makes room for `chars` more edges (the chars of the words to come, at most) at once,
    /// rather than doubling the table again and again.
    pub(crate) fn reserve(&mut self, chars: usize) {
        let wanted = ((self.edges + chars) * 4).next_power_of_two();
        if wanted > self.slots.len() {
            self.rehash(wanted);
        }
        self.values.reserve(chars);
    }

    fn insert_chars(&mut self, chars: impl Iterator<Item = char> + Clone, value: V) {
        let Some(first) = chars.clone().next() else {
            return;
        };
        // A trie as large as a slot can index holds every lexicon many times over; a word
        // that would not fit is left out rather than corrupting the table.
        if self.values.len() + chars.clone().count() > MAX_NODES {
            return;
        }
        self.root.insert(first);
        let mut node = 0u32;
        let mut last = 0usize;
        for c in chars {
            node = match self.find(node, c) {
                Some(i) => {
                    last = i;
                    (self.slots[i] >> KEY_BITS & NODE_MASK) as u32
                }
                None => {
                    let id = self.values.len() as u32;
                    self.values.push(None);
                    last = self.add_edge(node, c, id);
                    id
                }
            };
        }
        if let Some(slot) = self.values.get_mut(node as usize)
            && slot.is_none()
        {
            *slot = Some(value);
            self.slots[last] |= TERMINAL;
        }
    }

    /// Moves the edges to a table of `len` slots (a power of two).
    fn rehash(&mut self, len: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; len]);
        self.mask = len - 1;
        self.shift = 64 - len.trailing_zeros();
        for s in old.into_iter().filter(|&s| s != 0) {
            self.place(s);
        }
    }

    /// Adds the edge from `parent` by `c` to `child`: the index of its slot.
    fn add_edge(&mut self, parent: u32, c: char, child: u32) -> usize {
        if (self.edges + 1) * 4 > self.slots.len() {
            self.rehash(self.slots.len() * 2);
        }
        let key = ((parent as u64) << CHAR_BITS | c as u64) + 1;
        self.edges += 1;
        self.place(key | (child as u64) << KEY_BITS)
    }

    fn place(&mut self, slot: u64) -> usize {
        let mut i = self.slot_of(slot & KEY_MASK);
        while self.slots[i] != 0 {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = slot;
        i
    }

    /// The slot of the edge from `node` by `c`.
    fn find(&self, node: u32, c: char) -> Option<usize> {
        let key = ((node as u64) << CHAR_BITS | c as u64) + 1;
        let mut i = self.slot_of(key);
        loop {
            let s = *self.slots.get(i)?;
            if s & KEY_MASK == key {
                return Some(i);
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The child of `node` by `c`, and whether it ends a word.
    #[inline]
    fn child_of(&self, node: u32, c: char) -> Option<(u32, bool)> {
        let key = ((node as u64) << CHAR_BITS | c as u64) + 1;
        let mut i = self.slot_of(key);
        loop {
            let s = *self.slots.get(i)?;
            if s & KEY_MASK == key {
                return Some(((s >> KEY_BITS & NODE_MASK) as u32, s & TERMINAL != 0));
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn child(&self, node: u32, c: char) -> Option<(u32, bool)> {
        if node == 0 && !self.root.contains(c) {
            return None;
        }
        self.child_of(node, c)
    }

    #[inline]
    fn value(&self, node: u32) -> Option<V> {
        self.values.get(node as usize).copied().flatten()
    }

    /// Whether some word ends with `c` (backward trie) or starts with it (forward trie).
    #[inline]
    pub(crate) fn has_root(&self, c: char) -> bool {
        self.root.contains(c)
    }

    /// Every word that ends at `end` (exclusive) and starts at or after `min`, shortest
    /// first, as (length, value). Only for a backward trie.
    pub(crate) fn ending_at<'a>(
        &'a self,
        chars: &'a [char],
        end: usize,
        min: usize,
    ) -> Backward<'a, V> {
        debug_assert!(self.reversed);
        let end = end.min(chars.len());
        Backward {
            trie: self,
            chars,
            node: 0,
            pos: end,
            origin: end,
            limit: min,
        }
    }

    /// [`CharTrie::ending_at`] into `out`, shortest first, as many as fit: how many.
    #[inline]
    pub(crate) fn ending_into(
        &self,
        chars: &[char],
        end: usize,
        min: usize,
        out: &mut [(usize, V)],
    ) -> usize {
        debug_assert!(self.reversed);
        let end = end.min(chars.len());
        let mut pos = end;
        if pos <= min || !self.root.contains(chars[pos - 1]) {
            return 0;
        }
        let mut node = 0;
        let mut n = 0;
        while pos > min {
            pos -= 1;
            match self.child_of(node, chars[pos]) {
                Some((next, terminal)) => {
                    node = next;
                    if terminal && let (Some(v), Some(slot)) = (self.value(next), out.get_mut(n)) {
                        *slot = (end - pos, v);
                        n += 1;
                    }
                }
                None => break,
            }
        }
        n
    }

    /// The longest word ending at `end` and starting at or after `min`.
    #[inline(always)]
    pub(crate) fn longest_ending_at(
        &self,
        chars: &[char],
        end: usize,
        min: usize,
    ) -> Option<(usize, V)> {
        debug_assert!(self.reversed);
        let end = end.min(chars.len());
        // Most lookups stop at the root: that test is made where the lookup is.
        if end <= min || !self.root.contains(chars[end - 1]) {
            return None;
        }
        self.longest_ending_below_root(chars, end, min)
    }

    /// [`CharTrie::longest_ending_at`] where the root has a child for the last char.
    #[inline(never)]
    fn longest_ending_below_root(
        &self,
        chars: &[char],
        end: usize,
        min: usize,
    ) -> Option<(usize, V)> {
        let mut pos = end;
        let mut node = 0;
        let mut best = None;
        while pos > min {
            pos -= 1;
            match self.child_of(node, chars[pos]) {
                Some((n, terminal)) => {
                    node = n;
                    if terminal {
                        best = self.value(n).map(|v| (end - pos, v)).or(best);
                    }
                }
                None => break,
            }
        }
        best
    }

    /// The longest word starting at `start` and ending at or before `max`.
    #[inline(always)]
    pub(crate) fn longest_starting_at(
        &self,
        chars: &[char],
        start: usize,
        max: usize,
    ) -> Option<(usize, V)> {
        debug_assert!(!self.reversed);
        let limit = max.min(chars.len());
        // Most lookups stop at the root: that test is made where the lookup is.
        if start >= limit || !self.root.contains(chars[start]) {
            return None;
        }
        self.longest_starting_below_root(chars, start, limit)
    }

    /// [`CharTrie::longest_starting_at`] where the root has a child for the first char.
    #[inline(never)]
    fn longest_starting_below_root(
        &self,
        chars: &[char],
        start: usize,
        limit: usize,
    ) -> Option<(usize, V)> {
        let mut pos = start;
        let mut node = 0;
        let mut best = None;
        while pos < limit {
            match self.child_of(node, chars[pos]) {
                Some((n, terminal)) => {
                    pos += 1;
                    node = n;
                    if terminal {
                        best = self.value(n).map(|v| (pos - start, v)).or(best);
                    }
                }
                None => break,
            }
        }
        best
    }

    /// The value of exactly `word`, if it is in the trie.
    pub(crate) fn get(&self, word: &[char]) -> Option<V> {
        let mut node = 0;
        if self.reversed {
            for &c in word.iter().rev() {
                node = self.child(node, c)?.0;
            }
        } else {
            for &c in word {
                node = self.child(node, c)?.0;
            }
        }
        self.value(node)
    }
}

/// The words matched backward from one position, shortest first.
pub(crate) struct Backward<'a, V> {
    trie: &'a CharTrie<V>,
    chars: &'a [char],
    node: u32,
    pos: usize,
    origin: usize,
    limit: usize,
}

impl<V: Copy> Iterator for Backward<'_, V> {
    type Item = (usize, V);

    #[inline]
    fn next(&mut self) -> Option<(usize, V)> {
        while self.pos > self.limit {
            self.pos -= 1;
            let c = *self.chars.get(self.pos)?;
            match self.trie.child(self.node, c) {
                Some((n, terminal)) => {
                    self.node = n;
                    if terminal && let Some(v) = self.trie.value(n) {
                        return Some((self.origin - self.pos, v));
                    }
                }
                None => {
                    self.limit = self.pos;
                    return None;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn backward_matches_end_at_the_position() {
        let mut t = CharTrie::new(true);
        t.insert("局", 1);
        t.insert("分局", 2);
        t.insert("管理局", 3);
        let c = chars("市应急管理局");
        let all: Vec<_> = t.ending_at(&c, 6, 0).collect();
        assert_eq!(all, vec![(1, 1), (3, 3)]);
        assert_eq!(t.longest_ending_at(&c, 6, 4), Some((1, 1)));
        assert_eq!(t.longest_ending_at(&c, 5, 0), None);
        assert_eq!(t.get(&chars("分局")), Some(2));
    }

    #[test]
    fn forward_matches_start_at_the_position() {
        let mut t = CharTrie::new(false);
        t.insert("党组", 1);
        t.insert("党组织", 2);
        let c = chars("局党组织建设");
        assert_eq!(t.longest_starting_at(&c, 1, 6), Some((3, 2)));
        assert_eq!(t.longest_starting_at(&c, 1, 3), Some((2, 1)));
        assert_eq!(t.longest_starting_at(&c, 9, 20), None);
    }

    #[test]
    fn a_large_trie_keeps_every_word() {
        let mut t = CharTrie::new(false);
        let words: Vec<String> = (0..5000u32)
            .map(|i| {
                let a = char::from_u32(0x4E00 + i % 97).unwrap();
                let b = char::from_u32(0x4E00 + i / 97).unwrap();
                format!("{a}{b}{}", if i % 3 == 0 { "局" } else { "" })
            })
            .collect();
        for (i, w) in words.iter().enumerate() {
            t.insert(w, i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(&chars(w)), Some(i), "{w}");
            let c = chars(w);
            assert_eq!(t.longest_starting_at(&c, 0, c.len()), Some((c.len(), i)));
        }
        assert_eq!(t.get(&chars("局")), None);
        assert_eq!(t.get(&chars("一")), None);
    }

    #[test]
    fn char_set_holds_bmp_and_astral_chars() {
        let mut s = CharSet::new();
        s.insert('局');
        s.insert('𠀀');
        assert!(s.contains('局') && s.contains('𠀀'));
        assert!(!s.contains('委') && !s.contains('𠀁'));
    }
}
