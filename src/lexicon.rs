//! Reading the compiled-in lexicon files: one entry a line, tab-separated fields,
//! `#` comments and blank lines skipped.

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

/// A set of chars of the Basic Multilingual Plane as a bitset, for one-load membership tests
/// on the hot path (chars outside the BMP are never members).
#[derive(Clone)]
pub(crate) struct CharSet {
    bits: Box<[u64; 1024]>,
}

impl std::fmt::Debug for CharSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CharSet").finish_non_exhaustive()
    }
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            bits: Box::new([0; 1024]),
        }
    }
}

impl CharSet {
    /// Adds `c` (ignored outside the BMP).
    pub fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 65536 {
            self.bits[u >> 6] |= 1 << (u & 63);
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 65536 && self.bits[u >> 6] & (1 << (u & 63)) != 0
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut s = CharSet::default();
        for c in iter {
            s.insert(c);
        }
        s
    }
}
