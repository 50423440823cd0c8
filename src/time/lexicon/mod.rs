//! The time stage's word lists (`data/time_words.tsv`, `data/periods.tsv`,
//! `data/eras.tsv`, `data/anniversaries.tsv`), parsed once into tables keyed by first char,
//! and the bitmap of chars at which the scanner does any work.

use build::build;
use table::Dense;

mod build;
mod table;
#[cfg(test)]
mod tests;

pub(crate) use table::Table;

use std::sync::LazyLock;

use super::{DayRef, Edge, MonthRef, Part, YearRef};
use crate::lexicon::{CharBits, CharSet};

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
    /// The week words by form (`data/week_words.tsv`).
    pub week: WeekWords,
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

/// The words that write "week", one list for each form they serve (`data/week_words.tsv`
/// says which).
#[derive(Debug, Default)]
pub(crate) struct WeekWords {
    /// A count of weeks: `前2周`, `第2个星期`.
    pub weeks: Vec<Box<[char]>>,
    /// Before the weekday of an nth weekday: `第3个星期日`.
    pub nth: Vec<Box<[char]>>,
    /// After 最后一, before the weekday of a month's last weekday: `最后一个星期一`.
    pub last: Vec<Box<[char]>>,
    /// A week of a year by number: `2021年第10周`.
    pub week_no: Vec<Box<[char]>>,
    /// The unit after a count in a period: `三个星期以来`.
    pub unit: Vec<Box<[char]>>,
    /// Before a weekday digit: `星期一`, `周五`.
    pub weekday: Vec<Box<[char]>>,
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

/// The stage's tables, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);
