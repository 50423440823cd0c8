//! Char classes and char sets: Han chars, and the set types the scans test chars against
//! (built at run time from data, or fixed at compile time).

/// Whether `c` is a CJK ideograph (the Unified Ideographs and Extension A).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Whether `c` is a CJK Unified Ideograph of the basic block (U+4E00..U+9FFF): the
/// narrower test of speaker names.
#[inline]
pub(crate) fn is_unified_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether `c` may stand in a body's name: a CJK ideograph ([`is_han`]), a compatibility
/// ideograph, or 〇 (the names of bodies and places are made of these only).
#[inline]
pub(crate) fn is_name_han(c: char) -> bool {
    is_han(c) || matches!(c, '\u{F900}'..='\u{FAFF}' | '〇')
}

/// A set of chars built at run time: a bitset over the Basic Multilingual Plane for
/// one-load membership tests on the hot path, a sorted list for the chars above it.
#[derive(Clone)]
pub(crate) struct CharSet {
    bits: Box<[u64; 1024]>,
    astral: Vec<char>,
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
            astral: Vec::new(),
        }
    }
}

impl CharSet {
    /// An empty set.
    pub fn new() -> CharSet {
        CharSet::default()
    }

    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        let u = c as usize;
        if let Some(w) = self.bits.get_mut(u >> 6) {
            *w |= 1 << (u & 63);
        } else if let Err(i) = self.astral.binary_search(&c) {
            self.astral.insert(i, c);
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as usize;
        match self.bits.get(u >> 6) {
            Some(w) => w & (1 << (u & 63)) != 0,
            None => self.astral.binary_search(&c).is_ok(),
        }
    }

    /// The bitset of the plane: bit `c % 64` of word `c / 64` is set for each member `c`.
    pub fn bits(&self) -> &[u64; 1024] {
        &self.bits
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

/// The code point of the UTF-8 sequence at byte `i` of valid UTF-8 `b`, and its length:
/// for the compile-time sets below, which hold Basic Multilingual Plane chars only.
const fn bmp_at(b: &[u8], i: usize) -> (u32, usize) {
    if b[i] < 0x80 {
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
        panic!("compile-time char sets hold Basic Multilingual Plane chars only")
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
            let (u, len) = bmp_at(b, i);
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

/// A set of Basic Multilingual Plane chars fixed at compile time as one byte per char, for
/// scans that test every char of a text: [`CharTable::find`] tests eight chars with eight
/// loads and one branch.
pub(crate) struct CharTable([u8; 65536]);

impl CharTable {
    /// The set of the chars of `members` (all must be in the BMP: checked at compile time).
    pub const fn of(members: &str) -> CharTable {
        let b = members.as_bytes();
        let mut table = [0u8; 65536];
        let mut i = 0;
        while i < b.len() {
            let (u, len) = bmp_at(b, i);
            table[u as usize] = 1;
            i += len;
        }
        CharTable(table)
    }

    /// Whether `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 65536 && self.0[u] != 0
    }

    /// The first index at or after `from` whose char is in the set, or `chars.len()`.
    #[inline]
    pub fn find(&self, chars: &[char], from: usize) -> usize {
        find_in_table(&self.0, u8::MAX, false, chars, from, |c| self.contains(c))
            .unwrap_or(chars.len())
    }
}

/// A set of chars a scan looks for in whole texts: one byte a char of the Basic
/// Multilingual Plane, so that a scan reads eight chars a step with one branch. The other
/// bits of a char's byte are hints its caller defines ([`ScanSet::hints`]).
#[derive(Debug, Clone)]
pub(crate) struct ScanSet {
    table: Box<[u8; 0x10000]>,
    astral: Vec<char>,
}

/// The bit of a member in a [`ScanSet`]'s bytes.
const MEMBER: u8 = 1;

impl ScanSet {
    /// An empty set.
    pub(crate) fn new() -> ScanSet {
        ScanSet {
            table: Box::new([0; 0x10000]),
            astral: Vec::new(),
        }
    }

    /// Adds `c`.
    pub(crate) fn insert(&mut self, c: char) {
        if let Some(b) = self.table.get_mut(c as usize) {
            *b |= MEMBER;
        } else if let Err(i) = self.astral.binary_search(&c) {
            self.astral.insert(i, c);
        }
    }

    /// Sets `hint` (a bit other than the lowest) for `c`.
    pub(crate) fn hint(&mut self, c: char, hint: u8) {
        if let Some(b) = self.table.get_mut(c as usize) {
            *b |= hint & !MEMBER;
        }
    }

    /// The hints of `c`: every hint for a char above the plane, so that a test of a hint
    /// only ever rules a char out.
    #[inline]
    pub(crate) fn hints(&self, c: char) -> u8 {
        match self.table.get(c as usize) {
            Some(&b) => b,
            None => u8::MAX,
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        match self.table.get(c as usize) {
            Some(&b) => b & MEMBER != 0,
            None => self.astral.binary_search(&c).is_ok(),
        }
    }

    /// The first position at or after `from` whose char is in the set.
    #[inline]
    pub(crate) fn position_from(&self, chars: &[char], from: usize) -> Option<usize> {
        let astral = !self.astral.is_empty();
        find_in_table(&self.table, MEMBER, astral, chars, from, |c| {
            self.contains(c)
        })
    }
}

/// The first index at or after `from` whose char `member` accepts, where `table` holds a
/// byte for each char of the Basic Multilingual Plane with a `mask` bit set for members.
/// Eight chars a step with one branch, as most blocks hold no member: a char above the
/// plane reads the byte of its low 16 bits, so a hit is checked exactly with `member`,
/// and a block with such a char is checked whole when `astral` members may exist.
#[inline(always)]
fn find_in_table(
    table: &[u8; 0x10000],
    mask: u8,
    astral: bool,
    chars: &[char],
    from: usize,
    member: impl Fn(char) -> bool,
) -> Option<usize> {
    let rest = chars.get(from..)?;
    let mut blocks = rest.chunks_exact(8);
    let mut base = from;
    for block in &mut blocks {
        let any = block
            .iter()
            .fold(0u8, |a, &c| a | table[c as usize & 0xFFFF]);
        if (any & mask != 0 || (astral && block.iter().any(|&c| c as u32 > 0xFFFF)))
            && let Some(k) = block.iter().position(|&c| member(c))
        {
            return Some(base + k);
        }
        base += 8;
    }
    blocks
        .remainder()
        .iter()
        .position(|&c| member(c))
        .map(|k| base + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_sets_hold_their_members() {
        static BITS: CharBits = CharBits::of("a一€ ");
        static TABLE: CharTable = CharTable::of("a一€ ");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let member = matches!(c, 'a' | '一' | '€' | ' ');
            assert_eq!(BITS.contains(c), member, "{c}");
            assert_eq!(TABLE.contains(c), member, "{c}");
        }
    }

    #[test]
    fn find_stops_at_the_first_member_only() {
        static TABLE: CharTable = CharTable::of("一");
        // U+14E00 has the low 16 bits of 一 (U+4E00): it aliases in the table, not in the set.
        let alias = char::from_u32(0x14E00).unwrap_or('x');
        for len in 0..20 {
            for at in 0..=len {
                let mut chars = vec![alias; len];
                if at < len {
                    chars[at] = '一';
                }
                for from in 0..=len + 1 {
                    let expected = if at < len && from <= at { at } else { len };
                    assert_eq!(TABLE.find(&chars, from), expected, "{len} {at} {from}");
                }
            }
        }
    }
}
