//! Units: the lexicon of what may follow a number, and the canonical units of the spec.
//!
//! The lexicon lives in `data/` (units with their canonical names and kinds, measure
//! words, nouns counted without a measure word, and words that make a number a date or a
//! code). It is parsed once into a table keyed by first char; lookups are longest-match.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind};
use crate::lexicon::{self, CharSet, WordList};

/// What sort of quantity a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Things counted with a measure word (`153人`, `七个单位`).
    Count,
    /// An amount of money (`1.1亿元`).
    Money,
    /// A percentage or share (`99.97%`, `五成`).
    Percent,
    /// A difference of percentages (`1.23个百分点`).
    PercentagePoint,
    /// A physical measure (`3278公里`).
    Measure,
    /// A duration (`5小时`).
    Duration,
    /// A multiple (`增长2倍`, `翻一番`).
    Multiple,
    /// A rank (`居全省第一`).
    Rank,
    /// An index value (`价格指数为102.1`).
    Index,
}

impl Kind {
    /// The name used in the output (its `Display`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::PercentagePoint => "percentage_point",
            Kind::Measure => "measure",
            Kind::Duration => "duration",
            Kind::Multiple => "multiple",
            Kind::Rank => "rank",
            Kind::Index => "index",
        }
    }
}

/// A canonical unit (spec §3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// `%`.
    Percent,
    /// `个百分点`.
    PercentagePoint,
    /// `倍`.
    Multiple,
    /// `位`, the unit of ranks.
    Rank,
    /// `点`, the unit of index values.
    Point,
    /// A currency by its Chinese name (`元`, `美元`).
    Currency(&'static str),
    /// A physical unit by its canonical name (`公里`, `平方米`, `千瓦时`).
    Physical(&'static str),
    /// A unit of time (`年`, `月`, `天`, `工作日`, `小时`, `分钟`, `秒`).
    Time(&'static str),
    /// A measure word as written (`宗`, `人次`), or a noun counted without one (`部门`).
    /// The words of the lexicon are borrowed, so copying such a unit allocates nothing.
    Count(Cow<'static, str>),
    /// A compound unit such as `元/吨`.
    Per(Box<Unit>, Box<Unit>),
}

impl Unit {
    /// The kind of quantity this unit measures. A compound follows its numerator:
    /// money for `元/…`, a measure otherwise.
    pub fn kind(&self) -> Kind {
        match self {
            Unit::Percent => Kind::Percent,
            Unit::PercentagePoint => Kind::PercentagePoint,
            Unit::Multiple => Kind::Multiple,
            Unit::Rank => Kind::Rank,
            Unit::Point => Kind::Index,
            Unit::Currency(_) => Kind::Money,
            Unit::Physical(_) => Kind::Measure,
            Unit::Time(_) => Kind::Duration,
            Unit::Count(_) => Kind::Count,
            Unit::Per(num, _) => match num.kind() {
                Kind::Money => Kind::Money,
                _ => Kind::Measure,
            },
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Percent => f.write_str("%"),
            Unit::PercentagePoint => f.write_str("个百分点"),
            Unit::Multiple => f.write_str("倍"),
            Unit::Rank => f.write_str("位"),
            Unit::Point => f.write_str("点"),
            Unit::Currency(s) | Unit::Physical(s) | Unit::Time(s) => f.write_str(s),
            Unit::Count(s) => f.write_str(s),
            Unit::Per(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

/// What a lexicon entry makes of the number before it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reading {
    /// A unit, with the factor it applies to the value (成 = 10).
    Unit(Unit, Decimal),
    /// A date, clock time, code or label marker: the number is not a quantity.
    NotQuantity,
}

#[derive(Debug)]
struct Entry {
    /// Chars of the surface.
    len: usize,
    reading: Reading,
    /// ASCII-letter units (km, t) must not run on into further letters (5th, 3Mbps).
    ascii: bool,
    /// Measure words and counted nouns, as opposed to units proper.
    count: bool,
    /// Counted nouns (部门) as opposed to measure words (个).
    noun: bool,
}

/// A unit found after a number, borrowing its reading from the lexicon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UnitMatch<'a> {
    /// Chars consumed.
    pub len: usize,
    /// What it makes of the number.
    pub reading: &'a Reading,
    /// Whether the unit is a measure word or counted noun.
    pub count: bool,
    /// Whether the unit is a counted noun (部门) rather than a measure word.
    pub noun: bool,
}

/// The unit lexicon, built once.
#[derive(Debug)]
pub(crate) struct Units {
    /// All entries, in list order (units, measure words, counted nouns, markers).
    entries: Vec<Entry>,
    /// The surfaces, each with its index in `entries`: longest first, and among equals the
    /// first listed (units before measure words).
    surfaces: WordList<u32>,
    /// Chars that may follow a Chinese numeral in a quantity: numerals and multipliers,
    /// first chars of units, and the joiners of fractions, decimals, ranges and 大.
    follow: CharSet,
    /// Currency names that may stand before a number (人民币3.14, 港币2960元).
    prefix_money: WordList,
}

const UNITS: &str = include_str!("../data/units.tsv");
const MEASURE_WORDS: &str = include_str!("../data/measure_words.txt");
const COUNT_NOUNS: &str = include_str!("../data/count_nouns.txt");
const NON_UNITS: &str = include_str!("../data/non_units.txt");

impl Units {
    /// Parses the compiled-in lexicons.
    pub fn new() -> Result<Units, Error> {
        let mut entries = Vec::new();
        let mut surfaces = WordList::default();
        let mut prefix_money = WordList::default();
        let mut follow = CharSet::new();
        let mut add = |surface: &str, reading: Reading, count: bool, noun: bool| {
            let len = surface.chars().count();
            if let Reading::Unit(Unit::Currency(c), _) = &reading
                && len >= 2
                && !surface.starts_with(['元', '块', '圆'])
            {
                prefix_money.push(surface, *c);
            }
            if let Some(c) = surface.chars().next() {
                follow.insert(c);
            }
            surfaces.push(surface, entries.len() as u32);
            entries.push(Entry {
                len,
                reading,
                ascii: surface.chars().all(|c| c.is_ascii_alphabetic()),
                count,
                noun,
            });
        };
        for (line, fields) in lexicon::rows(UNITS) {
            let err = |reason| {
                Error::new(ErrorKind::Lexicon {
                    lexicon: "units.tsv",
                    line,
                    reason,
                })
            };
            if fields.len() < 3 {
                return Err(err("expected surface, canonical and kind"));
            }
            let (surface, canonical, kind) = (fields[0], fields[1], fields[2]);
            let factor = match fields.get(3) {
                Some(f) => f.parse::<Decimal>().map_err(|_| err("bad factor"))?,
                None => Decimal::ONE,
            };
            let unit = match kind {
                "money" => Unit::Currency(canonical),
                "measure" => Unit::Physical(canonical),
                "duration" => Unit::Time(canonical),
                "percent" => Unit::Percent,
                "percentage_point" => Unit::PercentagePoint,
                "multiple" => Unit::Multiple,
                "count" => Unit::Count(Cow::Borrowed(canonical)),
                _ => return Err(err("unknown kind")),
            };
            add(surface, Reading::Unit(unit, factor), false, false);
        }
        for (text, noun) in [(MEASURE_WORDS, false), (COUNT_NOUNS, true)] {
            for w in lexicon::words(text) {
                add(
                    w,
                    Reading::Unit(Unit::Count(Cow::Borrowed(w)), Decimal::ONE),
                    true,
                    noun,
                );
            }
        }
        for w in lexicon::words(NON_UNITS) {
            add(w, Reading::NotQuantity, false, false);
        }
        surfaces.index();
        prefix_money.index();
        for c in "零〇一二三四五六七八九两壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿兆廿卅卌几半余多大分点之%‰:至到-~—～ 打折角毛又/".chars() {
            follow.insert(c);
        }
        Ok(Units {
            entries,
            surfaces,
            follow,
            prefix_money,
        })
    }

    /// Whether `c` may follow a numeral within a quantity (a cheap pre-check).
    #[inline]
    pub fn may_follow(&self, c: char) -> bool {
        self.follow.contains(c)
    }

    /// The longest lexicon entry that starts at `chars[at]`.
    #[inline]
    pub fn match_at(&self, chars: &[char], at: usize) -> Option<UnitMatch<'_>> {
        let (i, _) = self.surfaces.longest_at(chars, at, |&i| {
            self.entries.get(i as usize).is_some_and(|e| {
                !(e.ascii
                    && chars
                        .get(at + e.len)
                        .is_some_and(|c| c.is_ascii_alphabetic()))
            })
        })?;
        let e = self.entries.get(i as usize)?;
        Some(UnitMatch {
            len: e.len,
            reading: &e.reading,
            count: e.count,
            noun: e.noun,
        })
    }

    /// A currency name ending right before `at` (up to two spaces between): where it
    /// starts and the currency (`人民币 50元` → 元, `港币3.14` → 港元).
    #[inline]
    pub fn currency_before(&self, chars: &[char], at: usize) -> Option<(usize, &'static str)> {
        // The usual case, a char before the number that ends no currency name, inline.
        match at.checked_sub(1).and_then(|p| chars.get(p)) {
            Some(&c) if c != ' ' && !self.prefix_money.ends_with(c) => None,
            None => None,
            _ => self.currency_ending(chars, at),
        }
    }

    /// [`Units::currency_before`] past its pre-check.
    fn currency_ending(&self, chars: &[char], at: usize) -> Option<(usize, &'static str)> {
        let mut k = at;
        while k > 0 && at - k < 2 && chars[k - 1] == ' ' {
            k -= 1;
        }
        let (len, c) = self.prefix_money.ending_at(chars, 0, k)?;
        Some((k - len, c))
    }

    /// Whether some unit (not a marker) starts at `chars[at]` and is longer than one char.
    /// Used to give back a multiplier char that belongs to a unit (`5千克`, `13百分点`).
    pub fn long_unit_at(&self, chars: &[char], at: usize) -> bool {
        matches!(self.match_at(chars, at), Some(UnitMatch { len, reading: Reading::Unit(..), .. }) if len > 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Units {
        Units::new().expect("lexicon parses")
    }

    fn read(s: &str) -> Option<(usize, String)> {
        let chars: Vec<char> = s.chars().collect();
        units().match_at(&chars, 0).map(|m| {
            let name = match m.reading {
                Reading::Unit(u, _) => u.to_string(),
                Reading::NotQuantity => "-".into(),
            };
            (m.len, name)
        })
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(read("个百分点,"), Some((4, "个百分点".into())));
        assert_eq!(read("个工作日"), Some((4, "工作日".into())));
        assert_eq!(read("个单位"), Some((1, "个".into())));
        assert_eq!(read("人次"), Some((2, "人次".into())));
        assert_eq!(read("平方公里"), Some((4, "平方公里".into())));
        assert_eq!(read("号楼"), Some((2, "-".into())));
    }

    #[test]
    fn ascii_units_end_at_a_letter_boundary() {
        assert_eq!(read("kg,"), Some((2, "千克".into())));
        assert_eq!(read("km/h"), Some((2, "公里".into())));
        assert_eq!(read("th"), None);
    }
}
