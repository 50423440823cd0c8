//! The time stage's word lists (`data/time_words.tsv`, `data/periods.tsv`,
//! `data/eras.tsv`, `data/anniversaries.tsv`), parsed once into tables keyed by first char,
//! and the bitmap of chars at which the scanner does any work.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::numeral;
use super::{DayRef, Edge, MonthRef, Part, YearRef};
use crate::lexicon::{self, CharBits, CharSet};

const TIME_WORDS: &str = include_str!("../../data/time_words.tsv");
const PERIODS: &str = include_str!("../../data/periods.tsv");
const ERAS: &str = include_str!("../../data/eras.tsv");
const ANNIVERSARIES: &str = include_str!("../../data/anniversaries.tsv");
const EVENT_VERBS: &str = include_str!("../../data/event_verbs.txt");
const PLAN_NOUNS: &str = include_str!("../../data/plan_nouns.txt");

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
    Nth {
        month: u8,
        k: u8,
        weekday: u8,
    },
    /// A lunar month and day; months 11 and 12 are those before the Spring Festival.
    Lunar {
        month: u8,
        day: u8,
    },
    /// The eve of the Spring Festival (除夕).
    Eve,
    /// A solar term at this longitude of the Sun.
    Term(u16),
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
    /// A holiday as days before and after the named day (春节: 除夕 to 初六).
    pub lunar_holiday: Option<(i8, i8)>,
    /// Also a common word (solar terms): only a date when marked as one.
    pub guarded: bool,
    /// All numerals (`五一`, `十一`): only a name in quotes or before 节 or a holiday word.
    pub numeric: bool,
}

/// A dense index from chars in `lo..lo + slots.len()` to a slot number (0 = none): one
/// bounds check and one load per lookup on the scanner's hot path.
struct Dense {
    lo: u32,
    slots: Vec<u16>,
}

impl Dense {
    fn new(chars: impl Iterator<Item = char> + Clone) -> Dense {
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
    fn get(&self, c: char) -> Option<usize> {
        let k = (c as u32).checked_sub(self.lo)? as usize;
        match self.slots.get(k) {
            Some(&s) if s > 0 => Some(usize::from(s) - 1),
            _ => None,
        }
    }

    fn len(&self) -> usize {
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

    fn entries(&self) -> impl Iterator<Item = (&[char], &T)> + '_ {
        self.lists
            .iter()
            .flat_map(|list| list.iter().map(|(w, v)| (&w[..], v)))
    }
}

/// The first chars of the date forms built in code rather than read from the word lists:
/// numbers, quotes, the spaces before a day, and the first chars of the forms' literals.
/// `Scan::core` and `Scan::anchor` skip those forms at every other char, so a new form
/// built in code must add its first chars here.
const FORM_STARTS: &str =
    "0123456789〇零一二两俩三仨四五六七八九十百千廿卅O “\"半今前首Qq第后闰正腊冬大上本星礼禮周下最";

/// [`FORM_STARTS`] as a bitset.
static FORM_START: CharBits = CharBits::of(FORM_STARTS);

/// Whether a date form built in code can start at `c`: where it cannot (`国庆`, `当月`),
/// only the word lists are looked up.
#[inline]
pub(crate) fn may_start_form(c: char) -> bool {
    FORM_START.contains(c)
}

/// Every table of the stage.
pub(crate) struct Lexicon {
    pub words: Table<Word>,
    pub named: Table<u16>,
    pub named_list: Vec<Named>,
    pub eras: Table<i16>,
    pub anniversaries: Table<i16>,
    pub event_verbs: Table<()>,
    /// Nouns of plans and targets (`data/plan_nouns.txt`).
    pub plan_nouns: Table<()>,
    /// Per BMP char: [`TRIGGER`], [`ANY`], [`SINGLE`] bits (0 for chars that start nothing).
    class: Box<[u8; 0x10000]>,
    /// A Bloom filter of the (first, second) pairs of [`Follow::seconds`].
    pairs: Box<[u64; 1024]>,
    /// The chars at which a date or period without prefix can start (see
    /// [`Lexicon::may_start_date`]).
    date_start: CharSet,
    follow_index: Dense,
    follow: Vec<Follow>,
}

/// What may come after a trigger char for a mention to start there.
#[derive(Default)]
struct Follow {
    /// Second chars of the words it starts.
    seconds: Vec<char>,
    /// A one-char word (`至`, `比`, `近`): worth a look when a date can start after it.
    single: bool,
    /// Any second char will do (digits, quotes, title brackets).
    any: bool,
}

/// A char at which the scanner looks.
const TRIGGER: u8 = 1;
/// A trigger after which any char will do.
const ANY: u8 = 2;
/// A trigger that is also a one-char word.
const SINGLE: u8 = 4;
/// A title bracket (`《`, `》`).
const TITLE: u8 = 8;

/// The bit of the pair filter for `a` followed by `b`.
#[inline]
fn pair_bit(a: char, b: char) -> (usize, u64) {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA6B);
    let h = h ^ (h >> 15);
    (((h >> 6) & 1023) as usize, 1 << (h & 63))
}

impl Lexicon {
    /// The class bits of `c`.
    #[inline]
    fn class_of(&self, c: char) -> u8 {
        // U+FFFF starts nothing, so every char above the BMP maps to a 0.
        self.class[(c as u32).min(0xFFFF) as usize]
    }

    /// Whether the scanner should look at `c` at all.
    #[inline]
    pub(crate) fn is_trigger(&self, c: char) -> bool {
        self.class_of(c) != 0
    }

    /// Whether a date or period without prefix (`Scan::core`, `Scan::anchor`) can start at
    /// `c`: false for most chars the scanner looks at after a prefix or in a list.
    #[inline]
    pub(crate) fn may_start_date(&self, c: char) -> bool {
        self.date_start.contains(c)
    }

    #[inline]
    fn follow_of(&self, c: char) -> Option<&Follow> {
        self.follow.get(self.follow_index.get(c)?)
    }

    /// Whether `b` can follow the trigger `a` as the second char of something it starts.
    #[inline]
    fn second_fits(&self, a: char, b: char) -> bool {
        let (k, bit) = pair_bit(a, b);
        self.pairs[k] & bit != 0
            && self
                .follow_of(a)
                .is_some_and(|f| f.seconds.binary_search(&b).is_ok())
    }

    /// The first index at or after `from` where a mention may start or a title bracket is
    /// (or `c.len()`): [`Lexicon::worth`] is false at every index before it. One table load
    /// per char, two chars per branch, and a pair filter at triggers that need a fitting
    /// next char.
    #[inline]
    pub(crate) fn next_candidate(&self, c: &[char], from: usize) -> usize {
        // The low 16 bits index the table: a char outside the BMP may alias a trigger and
        // stop the search, which the caller's exact test then passes over.
        let class = |ch: char| self.class[ch as usize & 0xFFFF];
        let stops = |i: usize, ch: char| {
            let k = class(ch);
            k != 0
                && (k & (ANY | SINGLE | TITLE) != 0
                    || c.get(i + 1).is_some_and(|&next| {
                        let (w, bit) = pair_bit(ch, next);
                        self.pairs[w] & bit != 0
                    }))
        };
        let mut i = from;
        while let Some(&[a, b]) = c.get(i..i + 2).and_then(|p| p.first_chunk::<2>()) {
            if class(a) | class(b) != 0 {
                if stops(i, a) {
                    return i;
                }
                if stops(i + 1, b) {
                    return i + 1;
                }
            }
            i += 2;
        }
        match c.get(i) {
            Some(&a) if stops(i, a) => i,
            _ => c.len(),
        }
    }

    /// Whether a mention can start at `i` (`c[i]` a trigger): its next char fits a word it
    /// starts, or, after a one-char word, a mention can start at the next char.
    #[inline]
    pub(crate) fn worth(&self, c: &[char], i: usize) -> bool {
        let Some(&ch) = c.get(i) else {
            return false;
        };
        let class = self.class_of(ch);
        if class & ANY != 0 {
            return true;
        }
        let Some(&next) = c.get(i + 1) else {
            return false;
        };
        if self.second_fits(ch, next) {
            return true;
        }
        if class & SINGLE != 0 {
            let j = if next == ' ' { i + 2 } else { i + 1 };
            return c.get(j).is_some_and(|&n| {
                let g = self.class_of(n);
                g & ANY != 0 || g != 0 && c.get(j + 1).is_some_and(|&x| self.second_fits(n, x))
            });
        }
        false
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
        lexicon::rows(TIME_WORDS).filter_map(|(_, f)| Some((f.first()?.to_string(), word_of(&f)?))),
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
                    lunar_holiday: None,
                    guarded: false,
                    numeric: name.chars().all(numeral::is_cn_numeral),
                });
                names.len() - 1
            }
        };
        let Some(entry) = named_list.get_mut(idx) else {
            continue;
        };
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
            Some("lunar") => {
                if let (Some(month), Some(day)) = (int(f.get(2)), int(f.get(3))) {
                    entry.day = Some(DayRule::Lunar { month, day });
                }
            }
            Some("eve") => entry.day = Some(DayRule::Eve),
            Some("term") => {
                if let Some(deg) = int(f.get(2)) {
                    entry.day = Some(DayRule::Term(deg));
                    entry.guarded = true;
                }
            }
            Some("span") => {
                if let (Some(a), Some(b)) = (int(f.get(2)), int(f.get(3))) {
                    entry.lunar_holiday = Some((a, b));
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
    let event_verbs = Table::new(lexicon::words(EVENT_VERBS).map(|w| (w.to_string(), ())));
    let plan_nouns = Table::new(lexicon::words(PLAN_NOUNS).map(|w| (w.to_string(), ())));

    // Where a mention can start: the first two chars of every word that starts one (suffixes
    // and closing words are only looked at after a date), and the forms built in code.
    let mut follow: HashMap<char, Follow> = HashMap::new();
    let mut add = |w: &[char]| {
        let Some(&first) = w.first() else { return };
        let f = follow.entry(first).or_default();
        match w.get(1) {
            Some(&second) if !f.seconds.contains(&second) => f.seconds.push(second),
            Some(_) => {}
            None => f.single = true,
        }
    };
    let standalone = words
        .entries()
        .filter(|(_, w)| !matches!(w, Word::Suffix(_) | Word::Compare))
        .map(|(w, _)| w);
    for w in standalone
        .chain(named.entries().map(|(w, _)| w))
        .chain(eras.entries().map(|(w, _)| w))
    {
        add(w);
    }
    for w in [
        "以来",
        "期间",
        "周末",
        "上世纪",
        "上个世纪",
        "本世纪",
        "上半周",
        "下半周",
        "今明两年",
        "正月",
        "腊月",
        "冬月",
        "大年",
    ] {
        add(&w.chars().collect::<Vec<_>>());
    }
    // Numerals: dates, counts with a time unit, plans (`十三五`), clock times.
    let numeral_next: Vec<char> = "〇零一二两俩三仨四五六七八九十廿卅百千0123456789年月日号季个周天世点时分、至到-~—－～多余半钟星礼刻秒小 "
        .chars()
        .collect();
    for c in "〇零一二两俩三仨四五六七八九十廿卅百千".chars() {
        follow
            .entry(c)
            .or_default()
            .seconds
            .extend(numeral_next.iter().copied());
    }
    for c in "0123456789《》".chars() {
        follow.entry(c).or_default().any = true;
    }
    // After a quote: a plan (`“十三五”`) or a named day (`“五一”`, `“双十一”`).
    let quoted_next: Vec<char> = "〇零一二两俩三仨四五六七八九十百千廿卅"
        .chars()
        .chain(named.entries().filter_map(|(w, _)| w.first().copied()))
        .collect();
    for c in "“\"".chars() {
        follow
            .entry(c)
            .or_default()
            .seconds
            .extend(quoted_next.iter().copied());
    }
    for (first, next) in [
        ('第', "〇零一二两三四五六七八九十0123456789"),
        ('首', "季月"),
        ('Q', "1234"),
        ('q', "1234"),
        ('周', "一二三四五六日天1234567末"),
        ('星', "期"),
        ('礼', "拜"),
        ('禮', "拜"),
        ('每', "年月周天日季星个工"),
        ('半', "年月个"),
        ('闰', "〇零一二两三四五六七八九十正腊冬0123456789"),
        ('前', "〇零一二两三四五六七八九十0123456789"),
    ] {
        let f = follow.entry(first).or_default();
        f.seconds.extend(next.chars());
    }
    for f in follow.values_mut() {
        f.seconds.sort_unstable();
        f.seconds.dedup();
    }
    let mut class: Box<[u8; 0x10000]> = vec![0u8; 0x10000]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| Box::new([0u8; 0x10000]));
    let mut pairs = Box::new([0u64; 1024]);
    for (&c, f) in &follow {
        let u = c as usize;
        if u < 0xFFFF {
            class[u] = TRIGGER | if f.any { ANY } else { 0 } | if f.single { SINGLE } else { 0 };
        }
        for &b in &f.seconds {
            let (k, bit) = pair_bit(c, b);
            pairs[k] |= bit;
        }
    }
    // Where a date or period can start: the words and names the anchor forms look up at
    // their first char, and the first chars of the forms built in code.
    let date_words = words
        .entries()
        .filter(|(_, w)| {
            !matches!(
                w,
                Word::Prefix(_)
                    | Word::Suffix(_)
                    | Word::Daypart
                    | Word::Compare
                    | Word::Every
                    | Word::Name
            )
        })
        .map(|(w, _)| w);
    let date_start: CharSet = date_words
        .chain(named.entries().map(|(w, _)| w))
        .chain(eras.entries().map(|(w, _)| w))
        .filter_map(|w| w.first().copied())
        .chain(FORM_STARTS.chars())
        .collect();
    let follow_index = Dense::new(follow.keys().copied().collect::<Vec<_>>().into_iter());
    let mut follow_list: Vec<Follow> = (0..follow_index.len()).map(|_| Follow::default()).collect();
    for (c, f) in follow {
        if let Some(slot) = follow_index.get(c).and_then(|k| follow_list.get_mut(k)) {
            *slot = f;
        }
    }
    Lexicon {
        words,
        named,
        named_list,
        eras,
        anniversaries,
        event_verbs,
        plan_nouns,
        class,
        pairs,
        date_start,
        follow_index,
        follow: follow_list,
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
            assert!(
                word_of(&f).is_some(),
                "data/time_words.tsv line {line}: {f:?}"
            );
        }
        for (line, f) in lexicon::rows(PERIODS) {
            let ok = match f.get(1).copied() {
                Some("day") => month_day(f.get(2)).is_some(),
                Some("nth") => f.len() == 5,
                Some("holiday") => month_day(f.get(2)).is_some() && month_day(f.get(3)).is_some(),
                Some("lunar" | "span") => {
                    int::<i16>(f.get(2)).is_some() && int::<i16>(f.get(3)).is_some()
                }
                Some("term") => int::<u16>(f.get(2)).is_some(),
                Some("eve") => true,
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
