//! Char tries and a char set, the two lookups every department scan is built on.
//!
//! A trie is read forward (words starting at a position) or backward (words ending at a
//! position; the words are stored reversed). Children are kept sorted and found by binary
//! search, so a lookup costs a few comparisons per char and allocates nothing.

/// A set of chars: a bitmap over the Basic Multilingual Plane, a sorted list above it.
#[derive(Debug, Clone)]
pub(crate) struct CharSet {
    bits: Vec<u64>,
    astral: Vec<char>,
}

impl CharSet {
    /// An empty set.
    pub(crate) fn new() -> CharSet {
        CharSet {
            bits: vec![0; 1024],
            astral: Vec::new(),
        }
    }

    /// Adds `c`.
    pub(crate) fn insert(&mut self, c: char) {
        let n = c as usize;
        if let Some(w) = self.bits.get_mut(n / 64) {
            *w |= 1 << (n % 64);
        } else if let Err(i) = self.astral.binary_search(&c) {
            self.astral.insert(i, c);
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let n = c as usize;
        match self.bits.get(n / 64) {
            Some(w) => w & (1 << (n % 64)) != 0,
            None => self.astral.binary_search(&c).is_ok(),
        }
    }
}

#[derive(Debug, Clone)]
struct Node<V> {
    children: Vec<(char, u32)>,
    value: Option<V>,
}

/// A trie of words over chars, each word carrying a value.
#[derive(Debug, Clone)]
pub(crate) struct CharTrie<V> {
    nodes: Vec<Node<V>>,
    reversed: bool,
    /// The chars the root has children for: most lookups stop at this one bit test.
    root: CharSet,
    /// For a root with many children, their nodes indexed by char (BMP only).
    dense: Option<Vec<u32>>,
}

impl<V: Copy> CharTrie<V> {
    /// An empty trie read forward (`reversed` false) or backward (`reversed` true).
    pub(crate) fn new(reversed: bool) -> CharTrie<V> {
        CharTrie {
            nodes: vec![Node {
                children: Vec::new(),
                value: None,
            }],
            reversed,
            root: CharSet::new(),
            dense: None,
        }
    }

    /// Indexes the root's children by char, for a large trie read at many positions.
    pub(crate) fn densify_root(&mut self) {
        let mut dense = vec![u32::MAX; 0x10000];
        for &(c, n) in &self.nodes[0].children {
            if let Some(slot) = dense.get_mut(c as usize) {
                *slot = n;
            } else {
                return;
            }
        }
        self.dense = Some(dense);
    }

    /// Adds `word` with `value`; a word added twice keeps the first value.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        let chars: Vec<char> = if self.reversed {
            word.chars().rev().collect()
        } else {
            word.chars().collect()
        };
        let Some(&first) = chars.first() else {
            return;
        };
        self.dense = None;
        self.root.insert(first);
        let mut node = 0usize;
        for c in chars {
            let next = match self.nodes[node].children.binary_search_by(|e| e.0.cmp(&c)) {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len();
                    self.nodes.push(Node {
                        children: Vec::new(),
                        value: None,
                    });
                    self.nodes[node].children.insert(i, (c, id as u32));
                    id
                }
            };
            node = next;
        }
        if self.nodes[node].value.is_none() {
            self.nodes[node].value = Some(value);
        }
    }

    #[inline]
    fn child(&self, node: usize, c: char) -> Option<usize> {
        if node == 0 {
            if let Some(dense) = &self.dense {
                return dense
                    .get(c as usize)
                    .filter(|&&n| n != u32::MAX)
                    .map(|&n| n as usize);
            }
            if !self.root.contains(c) {
                return None;
            }
        }
        let children = &self.nodes.get(node)?.children;
        children
            .binary_search_by(|e| e.0.cmp(&c))
            .ok()
            .map(|i| children[i].1 as usize)
    }

    /// Every word that ends at `end` (exclusive) and starts at or after `min`, shortest
    /// first, as (length, value). Only for a backward trie.
    pub(crate) fn ending_at<'a>(
        &'a self,
        chars: &'a [char],
        end: usize,
        min: usize,
    ) -> Matches<'a, V> {
        debug_assert!(self.reversed);
        Matches {
            trie: self,
            chars,
            node: 0,
            pos: end.min(chars.len()),
            origin: end.min(chars.len()),
            limit: min,
            forward: false,
            done: false,
        }
    }

    /// Every word that starts at `start` and ends at or before `max`, shortest first, as
    /// (length, value). Only for a forward trie.
    pub(crate) fn starting_at<'a>(
        &'a self,
        chars: &'a [char],
        start: usize,
        max: usize,
    ) -> Matches<'a, V> {
        debug_assert!(!self.reversed);
        Matches {
            trie: self,
            chars,
            node: 0,
            pos: start,
            origin: start,
            limit: max.min(chars.len()),
            forward: true,
            done: false,
        }
    }

    /// The longest word ending at `end` and starting at or after `min`.
    pub(crate) fn longest_ending_at(
        &self,
        chars: &[char],
        end: usize,
        min: usize,
    ) -> Option<(usize, V)> {
        self.ending_at(chars, end, min).last()
    }

    /// The longest word starting at `start` and ending at or before `max`.
    pub(crate) fn longest_starting_at(
        &self,
        chars: &[char],
        start: usize,
        max: usize,
    ) -> Option<(usize, V)> {
        self.starting_at(chars, start, max).last()
    }

    /// The value of exactly `word`, if it is in the trie.
    pub(crate) fn get(&self, word: &[char]) -> Option<V> {
        let mut node = 0;
        if self.reversed {
            for &c in word.iter().rev() {
                node = self.child(node, c)?;
            }
        } else {
            for &c in word {
                node = self.child(node, c)?;
            }
        }
        self.nodes.get(node)?.value
    }
}

/// The words matched from one position, shortest first.
pub(crate) struct Matches<'a, V> {
    trie: &'a CharTrie<V>,
    chars: &'a [char],
    node: usize,
    pos: usize,
    origin: usize,
    limit: usize,
    forward: bool,
    done: bool,
}

impl<V: Copy> Iterator for Matches<'_, V> {
    type Item = (usize, V);

    fn next(&mut self) -> Option<(usize, V)> {
        while !self.done {
            let c = if self.forward {
                if self.pos >= self.limit {
                    self.done = true;
                    return None;
                }
                let c = self.chars.get(self.pos).copied();
                self.pos += 1;
                c
            } else {
                if self.pos <= self.limit || self.pos == 0 {
                    self.done = true;
                    return None;
                }
                self.pos -= 1;
                self.chars.get(self.pos).copied()
            };
            let Some(c) = c else {
                self.done = true;
                return None;
            };
            match self.trie.child(self.node, c) {
                Some(n) => {
                    self.node = n;
                    if let Some(v) = self.trie.nodes[n].value {
                        let len = self.origin.abs_diff(self.pos);
                        return Some((len, v));
                    }
                }
                None => self.done = true,
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
    fn char_set_holds_bmp_and_astral_chars() {
        let mut s = CharSet::new();
        s.insert('局');
        s.insert('𠀀');
        assert!(s.contains('局') && s.contains('𠀀'));
        assert!(!s.contains('委') && !s.contains('𠀁'));
    }
}
