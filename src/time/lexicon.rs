//! The time stage's word lists (`data/time_words.tsv`, `data/periods.tsv`,
//! `data/eras.tsv`, `data/anniversaries.tsv`), parsed once into tables keyed by first char,
//! and the bitmap of chars at which the scanner does any work.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::numeral;
use super::{DayRef, Edge, MonthRef, Part, YearRef};
use crate::lexicon;

const TIME_WORDS: &str = include_str!("../../data/time_words.tsv");
const PERIODS: &str = include_str!("../../data/periods.tsv");
const ERAS: &str = include_str!("../../data/eras.tsv");
const ANNIVERSARIES: &str = include_str!("../../data/anniversaries.tsv");

/// What a prefix word does to the date after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prefix {
    Until,
    Since,
    Base,
    Base2,
    Lunar,
    Recent,
    Next,
    Later,
}

/// What a suffix word does to the date before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffix {
    Since,
    Start,
    Now,
    Before,
    Until,
    After,
    From,
    Plain,
}

/// One entry of the word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Year(YearRef),
    YearPart(Part, Option<Edge>),
    Month(MonthRef),
    MonthPart(Part, Option<Edge>),
    Quarter(i16),
    Week(i16),
    Day(DayRef),
    Now,
    Event,
    BaseLastYear,
    BasePrevious,
    Holiday,
    InForce,
    Unresolved,
    Prefix(Prefix),
    Suffix(Suffix),
    Daypart,
    Compare,
    Every,
    Name,
}

/// A calendar rule for a named day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayRule {
    Fixed(u8, u8),
    Nth { month: u8, k: u8, weekday: u8 },
}

/// A holiday period of a named period, for a span of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HolidayRule {
    pub from: (u8, u8),
    pub to: (u8, u8),
    pub years: Option<(i16, i16)>,
}

/// A named day or holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub day: Option<DayRule>,
    pub holidays: Vec<HolidayRule>,
    /// All numerals (`五一`, `十一`): only a name in quotes or before 节 or a holiday word.
    pub numeric: bool,
}

/// A keyword table: entries by first char, longest first.
pub(crate) struct Table<T> {
    by_first: HashMap<char, Vec<(Vec<char>, T)>>,
}

impl<T: Copy> Table<T> {
    fn new(entries: impl Iterator<Item = (String, T)>) -> Table<T> {
        let mut by_first: HashMap<char, Vec<(Vec<char>, T)>> = HashMap::new();
        for (w, v) in entries {
            let chars: Vec<char> = w.chars().collect();
            if let Some(&f) = chars.first() {
                by_first.entry(f).or_default().push((chars, v));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        }
        Table { by_first }
    }

    /// The longest entry at `i` accepted by `keep`, with its end.
    pub(crate) fn longest(
        &self,
        c: &[char],
        i: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(T, usize)> {
        let list = self.by_first.get(c.get(i)?)?;
        list.iter().find_map(|(w, v)| {
            let end = i + w.len();
            (c.get(i..end) == Some(w.as_slice()) && keep(v)).then_some((*v, end))
        })
    }

    fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.by_first.keys().copied()
    }

    fn entries(&self) -> impl Iterator<Item = (char, &T)> + '_ {
        self.by_first
            .iter()
            .flat_map(|(&f, list)| list.iter().map(move |(_, v)| (f, v)))
    }
}

/// Every table of the stage.
pub(crate) struct Lexicon {
    pub words: Table<Word>,
    pub named: Table<u16>,
    pub named_list: Vec<Named>,
    pub eras: Table<i16>,
    pub anniversaries: Table<i16>,
    trigger: Vec<u64>,
}

impl Lexicon {
    /// Whether the scanner should look at `c` at all.
    #[inline]
    pub(crate) fn is_trigger(&self, c: char) -> bool {
        let u = c as usize;
        u < 0x10000 && self.trigger[u >> 6] & (1 << (u & 63)) != 0
    }
}

fn int<T: std::str::FromStr>(s: Option<&&str>) -> Option<T> {
    s?.parse().ok()
}

fn month_day(s: Option<&&str>) -> Option<(u8, u8)> {
    let (m, d) = s?.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

fn part_of(f: &[&str]) -> Option<(Part, Option<Edge>)> {
    Some(match *f.get(2)? {
        "whole" => (Part::Whole, None),
        "same" => (Part::SamePeriod, None),
        "half" => (Part::Half(int(f.get(3))?), None),
        "tenth" => (Part::Tenth(int(f.get(3))?), None),
        "edge" => match *f.get(3)? {
            "start" => (Part::Whole, Some(Edge::Start)),
            "end" => (Part::Whole, Some(Edge::End)),
            _ => return None,
        },
        _ => return None,
    })
}

fn word_of(f: &[&str]) -> Option<Word> {
    let n = || int::<i16>(f.get(3));
    Some(match *f.get(1)? {
        "year" => match *f.get(2)? {
            "rel" => Word::Year(YearRef::Rel(n()?)),
            "force" => Word::Year(YearRef::InForce(n()?)),
            _ => return None,
        },
        "month" => match *f.get(2)? {
            "rel" => Word::Month(MonthRef::Rel(n()?)),
            "force" => Word::Month(MonthRef::InForce(n()?)),
            _ => return None,
        },
        "day" => match *f.get(2)? {
            "rel" => Word::Day(DayRef::Rel(n()?.into())),
            "force" => Word::Day(DayRef::InForce(n()?.into())),
            _ => return None,
        },
        "quarter" => Word::Quarter(n()?),
        "week" => Word::Week(n()?),
        "yearpart" => {
            let (p, e) = part_of(f)?;
            Word::YearPart(p, e)
        }
        "monthpart" => {
            let (p, e) = part_of(f)?;
            Word::MonthPart(p, e)
        }
        "now" => Word::Now,
        "event" => Word::Event,
        "base" => match *f.get(2)? {
            "lastyear" => Word::BaseLastYear,
            "previous" => Word::BasePrevious,
            _ => return None,
        },
        "holiday" => Word::Holiday,
        "inforce" => Word::InForce,
        "unresolved" => Word::Unresolved,
        "prefix" => Word::Prefix(match *f.get(2)? {
            "until" => Prefix::Until,
            "since" => Prefix::Since,
            "base" => Prefix::Base,
            "base2" => Prefix::Base2,
            "lunar" => Prefix::Lunar,
            "recent" => Prefix::Recent,
            "next" => Prefix::Next,
            "later" => Prefix::Later,
            _ => return None,
        }),
        "suffix" => Word::Suffix(match *f.get(2)? {
            "since" => Suffix::Since,
            "start" => Suffix::Start,
            "now" => Suffix::Now,
            "before" => Suffix::Before,
            "until" => Suffix::Until,
            "after" => Suffix::After,
            "from" => Suffix::From,
            "plain" => Suffix::Plain,
            _ => return None,
        }),
        "daypart" => Word::Daypart,
        "compare" => Word::Compare,
        "every" => Word::Every,
        "name" => Word::Name,
        _ => return None,
    })
}

fn build() -> Lexicon {
    // The files are compiled in and checked by the tests below: a malformed row is a
    // build defect, skipped here rather than panicking at run time.
    let words = Table::new(
        lexicon::rows(TIME_WORDS)
            .filter_map(|(_, f)| Some((f.first()?.to_string(), word_of(&f)?))),
    );

    let mut names: Vec<String> = Vec::new();
    let mut named_list: Vec<Named> = Vec::new();
    for (_, f) in lexicon::rows(PERIODS) {
        let Some(name) = f.first() else { continue };
        let idx = match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                named_list.push(Named {
                    day: None,
                    holidays: Vec::new(),
                    numeric: name.chars().all(numeral::is_cn_numeral),
                });
                names.len() - 1
            }
        };
        let Some(entry) = named_list.get_mut(idx) else { continue };
        match f.get(1).copied() {
            Some("day") => {
                if let Some((m, d)) = month_day(f.get(2)) {
                    entry.day = Some(DayRule::Fixed(m, d));
                }
            }
            Some("nth") => {
                if let (Some(month), Some(k), Some(weekday)) =
                    (int(f.get(2)), int(f.get(3)), int(f.get(4)))
                {
                    entry.day = Some(DayRule::Nth { month, k, weekday });
                }
            }
            Some("holiday") => {
                if let (Some(from), Some(to)) = (month_day(f.get(2)), month_day(f.get(3))) {
                    let years = f.get(4).and_then(|y| {
                        let (a, b) = y.split_once('-')?;
                        Some((a.parse().ok()?, b.parse().ok()?))
                    });
                    entry.holidays.push(HolidayRule { from, to, years });
                }
            }
            _ => {}
        }
    }
    let named = Table::new(
        names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((n.clone(), u16::try_from(i).ok()?))),
    );

    let year_table = |text: &str| {
        Table::new(
            lexicon::rows(text)
                .filter_map(|(_, f)| Some((f.first()?.to_string(), int::<i16>(f.get(1))?))),
        )
    };
    let eras = year_table(ERAS);
    let anniversaries = year_table(ANNIVERSARIES);

    let mut trigger = vec![0u64; 0x10000 / 64];
    let mut set = |c: char| {
        let u = c as usize;
        if u < 0x10000 {
            trigger[u >> 6] |= 1 << (u & 63);
        }
    };
    // Suffixes and closing words are only looked at after a date; `期间` and `以来`
    // also start mentions on their own (`中高考期间`, `…开展以来`).
    let standalone = words
        .entries()
        .filter(|(_, w)| !matches!(w, Word::Suffix(_) | Word::Compare))
        .map(|(f, _)| f);
    for c in standalone.chain(named.first_chars()).chain(eras.first_chars()) {
        set(c);
    }
    for c in "0123456789〇零一二两俩三仨四五六七八九十廿卅百千第首周星礼禮每《》半闰“\"Qq期以".chars() {
        set(c);
    }
    Lexicon {
        words,
        named,
        named_list,
        eras,
        anniversaries,
        trigger,
    }
}

/// The stage's tables, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        for (line, f) in lexicon::rows(TIME_WORDS) {
            assert!(word_of(&f).is_some(), "data/time_words.tsv line {line}: {f:?}");
        }
        for (line, f) in lexicon::rows(PERIODS) {
            let ok = match f.get(1).copied() {
                Some("day") => month_day(f.get(2)).is_some(),
                Some("nth") => f.len() == 5,
                Some("holiday") => month_day(f.get(2)).is_some() && month_day(f.get(3)).is_some(),
                Some("unresolved") => true,
                _ => false,
            };
            assert!(ok, "data/periods.tsv line {line}: {f:?}");
        }
        for text in [ERAS, ANNIVERSARIES] {
            for (line, f) in lexicon::rows(text) {
                assert!(int::<i16>(f.get(1)).is_some(), "line {line}: {f:?}");
            }
        }
    }

    #[test]
    fn longest_match_wins() {
        let c: Vec<char> = "上上周三".chars().collect();
        let (w, end) = LEXICON.words.longest(&c, 0, |_| true).unwrap();
        assert_eq!((w, end), (Word::Week(-2), 3));
        assert!(LEXICON.is_trigger('年') || LEXICON.is_trigger('今'));
        assert!(!LEXICON.is_trigger('的'));
    }
}
