//! The time words' tables: word lists of the lexicon layer, and a dense index over the
//! chars that start a mention.

/// A dense index from chars in `lo..lo + slots.len()` to a slot number (0 = none): one
/// bounds check and one load per lookup on the scanner's hot path.
pub(super) struct Dense {
    lo: u32,
    slots: Vec<u16>,
}

impl Dense {
    pub(super) fn new(chars: impl Iterator<Item = char> + Clone) -> Dense {
        let lo = chars.clone().map(|c| c as u32).min().unwrap_or(0);
        let hi = chars.clone().map(|c| c as u32).max().unwrap_or(0);
        let mut slots = vec![0u16; (hi - lo + 1) as usize];
        let mut n = 0u16;
        for c in chars {
            let k = (c as u32 - lo) as usize;
            if slots[k] == 0 {
                n += 1;
                slots[k] = n;
            }
        }
        Dense { lo, slots }
    }

    #[inline]
    pub(super) fn get(&self, c: char) -> Option<usize> {
        let k = (c as u32).checked_sub(self.lo)? as usize;
        match self.slots.get(k) {
            Some(&s) if s > 0 => Some(usize::from(s) - 1),
            _ => None,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.slots.iter().copied().max().map_or(0, usize::from)
    }
}

/// A keyword table: the lexicon layer's word list, with the time words' values.
pub(crate) type Table<T> = crate::lexicon::WordList<T>;
