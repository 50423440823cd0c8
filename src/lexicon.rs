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

/// A set of Basic Multilingual Plane chars fixed at compile time: a bitset in a `static`,
/// with no initialization at run time and one load per test.
pub(crate) struct CharBits([u64; 1024]);

impl CharBits {
    /// The set of the chars of `members` (all must be in the BMP: checked at compile time).
    pub const fn of(members: &str) -> CharBits {
        let b = members.as_bytes();
        let mut bits = [0u64; 1024];
        let mut i = 0;
        while i < b.len() {
            // Decode one UTF-8 sequence (the text is valid UTF-8).
            let (u, len) = if b[i] < 0x80 {
                (b[i] as u32, 1)
            } else if b[i] < 0xE0 {
                (((b[i] as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
            } else if b[i] < 0xF0 {
                (
                    ((b[i] as u32 & 0x0F) << 12)
                        | ((b[i + 1] as u32 & 0x3F) << 6)
                        | (b[i + 2] as u32 & 0x3F),
                    3,
                )
            } else {
                panic!("CharBits holds Basic Multilingual Plane chars only")
            };
            bits[(u >> 6) as usize] |= 1 << (u & 63);
            i += len;
        }
        CharBits(bits)
    }

    /// Whether `c` is in the set.
    #[inline]
    pub const fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 65536 && self.0[u >> 6] & (1 << (u & 63)) != 0
    }
}
