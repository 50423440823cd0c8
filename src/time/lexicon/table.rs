//! Tables keyed by first char, for the time words: a dense index over the chars in use.

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

/// A keyword table: entries by first char, longest first.
pub(crate) struct Table<T> {
    index: Dense,
    lists: Vec<Vec<(Box<[char]>, T)>>,
}

impl<T: Copy> Table<T> {
    /// A table of `entries` (word, value); empty words are left out.
    pub(crate) fn new(entries: impl Iterator<Item = (String, T)>) -> Table<T> {
        let entries: Vec<(Vec<char>, T)> = entries
            .map(|(w, v)| (w.chars().collect::<Vec<char>>(), v))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        let index = Dense::new(entries.iter().map(|(w, _)| w[0]));
        let mut lists: Vec<Vec<(Box<[char]>, T)>> = (0..index.len()).map(|_| Vec::new()).collect();
        for (w, v) in entries {
            if let Some(list) = index.get(w[0]).and_then(|k| lists.get_mut(k)) {
                list.push((w.into_boxed_slice(), v));
            }
        }
        for list in &mut lists {
            list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Table { index, lists }
    }

    /// The longest entry at `i` accepted by `keep`, with its end.
    #[inline]
    pub(crate) fn longest(
        &self,
        c: &[char],
        i: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(T, usize)> {
        let list = self.lists.get(self.index.get(*c.get(i)?)?)?;
        let rest = c.get(i..)?;
        list.iter().find_map(|(w, v)| {
            let hit = rest.len() >= w.len() && rest.iter().zip(w.iter()).all(|(a, b)| a == b);
            (hit && keep(v)).then_some((*v, i + w.len()))
        })
    }

    /// Every entry at `i`, longest first, into `out`: how many there are (more than
    /// `out` holds when it overflows).
    #[inline]
    pub(crate) fn all_at(&self, c: &[char], i: usize, out: &mut [(T, usize)]) -> usize {
        let Some(list) = c
            .get(i)
            .and_then(|&ch| self.index.get(ch))
            .and_then(|k| self.lists.get(k))
        else {
            return 0;
        };
        let rest = &c[i..];
        let mut n = 0;
        for (w, v) in list {
            if rest.len() >= w.len() && rest.iter().zip(w.iter()).all(|(a, b)| a == b) {
                if let Some(slot) = out.get_mut(n) {
                    *slot = (*v, i + w.len());
                }
                n += 1;
            }
        }
        n
    }

    pub(super) fn entries(&self) -> impl Iterator<Item = (&[char], &T)> + '_ {
        self.lists
            .iter()
            .flat_map(|list| list.iter().map(|(w, v)| (&w[..], v)))
    }
}
