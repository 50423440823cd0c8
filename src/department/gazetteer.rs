//! The gazetteer: Chinese provinces, prefecture-level divisions and county-level divisions
//! (districts, counties, county-level cities), with their short forms.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon;
use crate::lexicon::CharSet;
use crate::lexicon::trie::CharTrie;

const REGIONS: &str = include_str!("../../data/regions.tsv");
const EXCLUSIONS: &str = include_str!("../../data/region_exclusions.txt");

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    /// A province, autonomous region, municipality or special administrative region.
    Province,
    /// A prefecture-level division (地级市, 自治州, 地区, 盟), or a municipality's city level.
    City,
    /// A county-level division: district, county, county-level city, banner.
    County,
}

/// One division.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) code: u32,
    pub(super) name: &'static str,
    pub(super) level: Level,
}

/// The divisions a name can stand for.
#[derive(Debug, Clone, Default)]
pub(super) struct NameEntry {
    /// Divisions whose official name this is.
    pub(super) full: Vec<u32>,
    /// Divisions whose short form this is.
    pub(super) short: Vec<u32>,
    /// Whether the name is the full or short name of a province or prefecture-level
    /// division (the names that may name a document's region).
    pub(super) major: bool,
}

/// The gazetteer.
#[derive(Debug)]
pub(super) struct Gazetteer {
    places: Vec<Place>,
    by_code: FxHashMap<u32, u32>,
    /// Each division's prefecture-level division and province, by index (as
    /// [`Gazetteer::city_of`] and [`Gazetteer::province_of`] give them).
    parents: Vec<(Option<u32>, Option<u32>)>,
    names: Vec<NameEntry>,
    /// Every name, read backward; the value indexes `names`.
    pub(super) rev: CharTrie<u32>,
    /// Every name, read forward.
    pub(super) fwd: CharTrie<u32>,
    /// Names of provinces and prefecture-level divisions, full and short, read forward.
    pub(super) major_fwd: CharTrie<u32>,
    /// Their first chars: where a region scan looks.
    pub(super) major_first: CharSet,
    /// Their second chars.
    major_second: CharSet,
    /// The last chars of every name.
    name_last: CharSet,
    /// The next-to-last chars of every name.
    name_penultimate: CharSet,
    /// Full names of county-level divisions, read backward.
    pub(super) county_rev: CharTrie<u32>,
    /// The next-to-last chars of county names (城 of 增城区): a district is only looked
    /// up where one stands before 区, 县, 旗 or 市.
    pub(super) county_penultimate: CharSet,
    /// [`Gazetteer::classes`].
    classes: Box<[u8; 0x10000]>,
    /// Whether a char above the Basic Multilingual Plane has a class.
    astral_classes: bool,
}

// Char classes: each char that may open a pair is one bit below the char that may close it,
// so that `prev << 1 & class & PAIR_ENDS` finds the pairs.
/// A char that starts the name of a province or prefecture ([`Gazetteer::major_first`]).
pub(super) const MAJOR_FIRST: u8 = 1;
/// A char that is the second of the name of a province or prefecture.
pub(super) const MAJOR_SECOND: u8 = 2;
/// A char that stands before the last char of a county name ([`Gazetteer::county_penultimate`]).
pub(super) const COUNTY_PENULTIMATE: u8 = 4;
/// A char that ends a county-level name: 区, 县, 旗, 市.
pub(super) const COUNTY_LAST: u8 = 8;
/// The closing bits of the pairs.
pub(super) const PAIR_ENDS: u8 = MAJOR_SECOND | COUNTY_LAST;
/// A char that ends some name, full or short.
pub(super) const NAME_LAST: u8 = 16;
/// A char that stands before the last char of some name, full or short.
pub(super) const NAME_PENULTIMATE: u8 = 32;

/// Whether `c` is the last char of a county-level name as the scans look for it.
#[inline]
pub(super) fn is_county_last(c: char) -> bool {
    matches!(c, '区' | '县' | '旗' | '市')
}

/// The gazetteer, parsed on first use.
pub(super) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

impl Gazetteer {
    fn load() -> Gazetteer {
        let excluded: FxHashSet<&str> = lexicon::words(EXCLUSIONS).collect();
        let mut gaz = Gazetteer {
            places: Vec::new(),
            by_code: FxHashMap::default(),
            parents: Vec::new(),
            names: Vec::new(),
            rev: CharTrie::new(true),
            fwd: CharTrie::new(false),
            major_fwd: CharTrie::new(false),
            major_first: CharSet::new(),
            major_second: CharSet::new(),
            name_last: CharSet::new(),
            name_penultimate: CharSet::new(),
            county_rev: CharTrie::new(true),
            county_penultimate: CharSet::new(),
            classes: Box::new([0; 0x10000]),
            astral_classes: false,
        };
        for c in ['区', '县', '旗', '市'] {
            gaz.mark(c, COUNTY_LAST);
        }
        let mut name_ids: FxHashMap<&'static str, u32> = FxHashMap::default();
        for (_, f) in lexicon::rows(REGIONS) {
            let (Some(code), Some(&name)) =
                (f.first().and_then(|c| c.parse::<u32>().ok()), f.get(1))
            else {
                continue;
            };
            let short = f.get(2).copied().unwrap_or("");
            let level = if code % 10000 == 0 {
                Level::Province
            } else if code % 100 == 0 {
                Level::City
            } else {
                Level::County
            };
            let Ok(id) = u32::try_from(gaz.places.len()) else {
                continue;
            };
            if level == Level::County
                && let Some(c) = name.chars().rev().nth(1)
            {
                gaz.county_penultimate.insert(c);
                gaz.mark(c, COUNTY_PENULTIMATE);
            }
            gaz.places.push(Place { code, name, level });
            gaz.by_code.insert(code, id);
            for (word, is_short) in [(name, false), (short, true)] {
                if word.chars().count() < 2 || excluded.contains(&word) {
                    continue;
                }
                let next = gaz.names.len() as u32;
                let nid = *name_ids.entry(word).or_insert(next);
                if nid == next {
                    gaz.names.push(NameEntry::default());
                }
                let entry = &mut gaz.names[nid as usize];
                if is_short {
                    entry.short.push(id);
                } else {
                    entry.full.push(id);
                }
            }
        }
        gaz.parents = (0..gaz.places.len() as u32)
            .map(|id| (gaz.city_by_code(id), gaz.province_by_code(id)))
            .collect();
        let level = |p: u32| gaz.places.get(p as usize).map(|p| p.level);
        let kinds: Vec<(&str, u32, bool, bool)> = name_ids
            .iter()
            .map(|(&word, &nid)| {
                let entry = &gaz.names[nid as usize];
                let county_full = entry.full.iter().any(|&p| level(p) == Some(Level::County));
                let major = entry
                    .full
                    .iter()
                    .chain(&entry.short)
                    .any(|&p| level(p).is_some_and(|l| l != Level::County));
                (word, nid, major, county_full)
            })
            .collect();
        for &(_, nid, major, _) in &kinds {
            gaz.names[nid as usize].major = major;
        }
        // Room for the edges at once: the tables would otherwise double a dozen times.
        let (mut all, mut majors, mut counties) = (0, 0, 0);
        for &(word, _, major, county_full) in &kinds {
            let n = word.chars().count();
            all += n;
            majors += if major { n } else { 0 };
            counties += if county_full { n } else { 0 };
        }
        gaz.rev.reserve(all);
        gaz.fwd.reserve(all);
        gaz.major_fwd.reserve(majors);
        gaz.county_rev.reserve(counties);
        for (word, nid, major, county_full) in kinds {
            gaz.rev.insert(word, nid);
            let mut cs = word.chars().rev();
            if let Some(c) = cs.next() {
                gaz.name_last.insert(c);
                gaz.mark(c, NAME_LAST);
            }
            if let Some(c) = cs.next() {
                gaz.name_penultimate.insert(c);
                gaz.mark(c, NAME_PENULTIMATE);
            }
            gaz.fwd.insert(word, nid);
            if major {
                gaz.major_fwd.insert(word, nid);
                let mut cs = word.chars();
                if let Some(c) = cs.next() {
                    gaz.major_first.insert(c);
                    gaz.mark(c, MAJOR_FIRST);
                }
                if let Some(c) = cs.next() {
                    gaz.major_second.insert(c);
                    gaz.mark(c, MAJOR_SECOND);
                }
            }
            if county_full {
                gaz.county_rev.insert(word, nid);
            }
        }
        gaz
    }

    fn mark(&mut self, c: char, class: u8) {
        match self.classes.get_mut(c as usize) {
            Some(slot) => *slot |= class,
            None => self.astral_classes = true,
        }
    }

    /// What each char may be in a place name, as [`MAJOR_FIRST`], [`MAJOR_SECOND`],
    /// [`COUNTY_LAST`] and [`COUNTY_PENULTIMATE`] bits, for the chars of the Basic
    /// Multilingual Plane: one load a char for a scan over a whole text.
    #[inline]
    pub(super) fn classes(&self) -> &[u8; 0x10000] {
        &self.classes
    }

    /// Whether some char above the Basic Multilingual Plane has a class (else the class
    /// of every such char is 0).
    #[inline]
    pub(super) fn has_astral_classes(&self) -> bool {
        self.astral_classes
    }

    /// The class of a char above the Basic Multilingual Plane.
    #[cold]
    pub(super) fn astral_class(&self, c: char) -> u8 {
        [
            (&self.major_first, MAJOR_FIRST),
            (&self.major_second, MAJOR_SECOND),
            (&self.county_penultimate, COUNTY_PENULTIMATE),
            (&self.name_last, NAME_LAST),
            (&self.name_penultimate, NAME_PENULTIMATE),
        ]
        .iter()
        .filter(|(set, _)| set.contains(c))
        .fold(0, |class, (_, bit)| class | bit)
    }

    /// The class of `c` (see [`Gazetteer::classes`]).
    #[inline]
    pub(super) fn class(&self, c: char) -> u8 {
        match self.classes.get(c as usize) {
            Some(&k) => k,
            None => self.astral_class(c),
        }
    }

    /// Whether a name of the gazetteer may end at `end` in `chars`: its last two chars
    /// are the last and next-to-last chars of some name (every name has two at least).
    #[inline]
    pub(super) fn may_end_name(&self, chars: &[char], end: usize) -> bool {
        let at = |back: usize| {
            end.checked_sub(back)
                .and_then(|k| chars.get(k))
                .map_or(0, |&c| self.class(c))
        };
        at(1) & NAME_LAST != 0 && at(2) & NAME_PENULTIMATE != 0
    }

    /// The division with index `id`.
    pub(super) fn place(&self, id: u32) -> Option<&Place> {
        self.places.get(id as usize)
    }

    /// The divisions a name stands for.
    pub(super) fn entry(&self, id: u32) -> Option<&NameEntry> {
        self.names.get(id as usize)
    }

    /// The divisions named exactly `name`.
    pub(super) fn lookup(&self, name: &str) -> Option<&NameEntry> {
        let chars: Vec<char> = name.chars().collect();
        self.fwd.get(&chars).and_then(|id| self.entry(id))
    }

    /// The prefecture-level division a county belongs to (itself for a prefecture).
    pub(super) fn city_of(&self, id: u32) -> Option<u32> {
        self.parents.get(id as usize)?.0
    }

    /// [`Gazetteer::city_of`] from the codes.
    fn city_by_code(&self, id: u32) -> Option<u32> {
        let p = self.place(id)?;
        match p.level {
            Level::Province => None,
            Level::City => Some(id),
            Level::County => self.by_code.get(&(p.code / 100 * 100)).copied(),
        }
    }

    /// The province a division belongs to (itself for a province).
    pub(super) fn province_of(&self, id: u32) -> Option<u32> {
        self.parents.get(id as usize)?.1
    }

    /// [`Gazetteer::province_of`] from the codes.
    fn province_by_code(&self, id: u32) -> Option<u32> {
        let p = self.place(id)?;
        self.by_code.get(&(p.code / 10000 * 10000)).copied()
    }

    /// The division with this code.
    pub(super) fn by_code(&self, code: u32) -> Option<u32> {
        self.by_code.get(&code).copied()
    }

    /// Whether county `county` lies in prefecture `city`.
    pub(super) fn contains(&self, city: u32, county: u32) -> bool {
        self.city_of(county) == Some(city) && city != county
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_belong_to_their_city_and_province() {
        let g = &*GAZETTEER;
        let zc = g.lookup("增城区").unwrap().full[0];
        let gz = g.city_of(zc).unwrap();
        assert_eq!(g.place(gz).unwrap().name, "广州市");
        assert_eq!(g.place(g.province_of(zc).unwrap()).unwrap().name, "广东省");
        assert!(g.contains(gz, zc));
        let dg = g.lookup("东莞").unwrap().short[0];
        assert_eq!(g.place(dg).unwrap().name, "东莞市");
        assert_eq!(g.place(dg).unwrap().level, Level::City);
    }

    #[test]
    fn short_forms_drop_level_words_and_ethnic_names() {
        let g = &*GAZETTEER;
        for (short, full) in [
            ("广西", "广西壮族自治区"),
            ("延边", "延边朝鲜族自治州"),
            ("宁德", "宁德市"),
        ] {
            let id = g.lookup(short).unwrap().short[0];
            assert_eq!(g.place(id).unwrap().name, full);
        }
        assert!(g.lookup("城区").is_none(), "generic names are excluded");
    }

    #[test]
    fn every_line_is_a_division() {
        assert_eq!(lexicon::rows(REGIONS).count(), GAZETTEER.places.len());
        assert!(GAZETTEER.places.len() > 3000);
    }
}
