//! Quantities: a number with its unit, approximation and range.
//!
//! This stage joins what `number` and `unit` found into [`Quantity`] values. It does not
//! decide which quantities are claims (that is the `claim` stage).

use rust_decimal::Decimal;

use crate::span::Span;
use crate::unit::{Kind, Unit};

/// How exact a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Approx {
    /// As stated.
    #[default]
    Exact,
    /// 约, 左右, 上下, 大约.
    About,
    /// 余, 多, 超, 超过, 逾, 突破.
    MoreThan,
    /// 以上, 不少于, 不低于, 至少, 最低.
    AtLeast,
    /// 近, 将近, 接近.
    Nearly,
    /// 不足, 不到.
    LessThan,
    /// 以内, 以下, 不超过, 不高于, 最高, 最多.
    AtMost,
}

impl Approx {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::MoreThan => "more_than",
            Approx::AtLeast => "at_least",
            Approx::Nearly => "nearly",
            Approx::LessThan => "less_than",
            Approx::AtMost => "at_most",
        }
    }

    /// Parses an output name (`more_than`) back into the enum.
    pub fn from_name(s: &str) -> Option<Approx> {
        Some(match s {
            "exact" => Approx::Exact,
            "about" => Approx::About,
            "more_than" => Approx::MoreThan,
            "at_least" => Approx::AtLeast,
            "nearly" => Approx::Nearly,
            "less_than" => Approx::LessThan,
            "at_most" => Approx::AtMost,
            _ => return None,
        })
    }
}

/// A number with its unit as found in the text, before any claim filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Where it is in the text.
    pub span: Span,
    /// The span's text as written.
    pub text: String,
    /// What sort of quantity it is, or `None` for a bare number.
    pub kind: Option<Kind>,
    /// The value with multipliers applied.
    pub value: Decimal,
    /// The upper bound of a range.
    pub upper: Option<Decimal>,
    /// How exact it is.
    pub approx: Approx,
    /// The canonical unit, or `None` for a bare number.
    pub unit: Option<Unit>,
}

/// A number found in the text, without its unit: the number-level view of the recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Where the number is: the numeral itself, without unit or approximation words outside
    /// it (`约1300余宗` → `1300余`).
    pub span: Span,
    /// The span's text as written.
    pub text: String,
    /// The value as written, before any unit factor: `3万` → 30000, `五成` → 5, and
    /// fractions as ratios (`四分之一` → 0.25, `百分之三十` → 0.3).
    pub value: Decimal,
    /// The upper bound of a range written as numbers (`五六` → 6, `2至6` → 6).
    pub upper: Option<Decimal>,
    /// The approximation written inside the number (`1300余`, `十几`, `五六`).
    pub approx: Approx,
}

use crate::claim::cues::WordList;
use crate::lexicon::{self, CharSet};
use crate::number::{self, Num, Scan};
use crate::unit::{Reading, Units};

const APPROX: &str = include_str!("../data/approx.tsv");

/// Approximation words, split by the side of the number they stand on.
#[derive(Debug)]
pub(crate) struct ApproxWords {
    before: WordList,
    after: WordList,
}

impl ApproxWords {
    pub fn new() -> Result<ApproxWords, crate::Error> {
        let mut before = WordList::default();
        let mut after = WordList::default();
        for (line, f) in lexicon::rows(APPROX) {
            let err = |reason| {
                crate::Error::new(crate::ErrorKind::Lexicon {
                    lexicon: "approx.tsv",
                    line,
                    reason,
                })
            };
            let (Some(word), Some(approx)) = (f.first(), f.get(1)) else {
                return Err(err("expected word, approximation and position"));
            };
            if Approx::from_name(approx).is_none() {
                return Err(err("unknown approximation"));
            }
            match f.get(2).copied() {
                Some("before") => before.push(word, approx),
                Some("after") => after.push(word, approx),
                _ => return Err(err("position must be before or after")),
            }
        }
        before.index();
        after.index();
        Ok(ApproxWords { before, after })
    }

    /// The longest word ending right before `at`, not reaching before `floor`.
    pub fn before(&self, chars: &[char], floor: usize, at: usize) -> Option<(usize, Approx)> {
        let (len, name) = self.before.ending_at(chars, floor, at)?;
        Some((len, Approx::from_name(name)?))
    }

    /// The longest word starting at `at`.
    pub fn after(&self, chars: &[char], at: usize) -> Option<(usize, Approx)> {
        let (len, name) = self.after.starting_at(chars, at, chars.len())?;
        Some((len, Approx::from_name(name)?))
    }
}

/// What a found quantity is, before claim filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A quantity with a unit (or a percentage).
    Unit,
    /// A bare number with no unit.
    Bare,
    /// A date, clock time, code or label: never a claim.
    NotQuantity,
    /// An ordinal 第N (a rank if the context gives a scope).
    Ordinal,
    /// A part of a structure ratio (4.2:38.5:57.3).
    RatioPart,
    /// An index value (指数为102.1).
    Index,
}

/// A number with what the text puts around it, in char offsets of the scanned slice.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// First char, including an approximation word before the number.
    pub start: usize,
    /// One past the last char, including unit and approximation after.
    pub end: usize,
    /// The number's own first char.
    pub num_start: usize,
    /// One past the number's (or range's) last char, before the unit.
    pub num_end: usize,
    pub value: Decimal,
    pub upper: Option<Decimal>,
    pub approx: Approx,
    pub unit: Option<Unit>,
    pub role: Role,
    /// The number uses Chinese numerals only.
    pub chinese_only: bool,
    /// The unit is a measure word or counted noun (not a unit proper).
    pub count_word: bool,
    /// The unit is a noun counted without a measure word (7部门).
    pub count_noun: bool,
    /// Chinese numeral + 大 + noun (四大公园): the noun starts here.
    pub da_noun: Option<usize>,
    /// The number's own value as written, before any unit factor (`五成` → 5, `四分之一`
    /// → 0.25), and the upper bound of a range.
    pub num_value: Decimal,
    /// The upper bound of the number (`五六`, `2至6`) before any unit factor.
    pub num_upper: Option<Decimal>,
    /// The approximation written inside the number (`1300余`, `十几`, `五六`).
    pub num_approx: Approx,
}

/// Chars at which a quantity may begin: digits, numerals, 第, 翻, currency signs.
static START: std::sync::LazyLock<CharSet> = std::sync::LazyLock::new(|| {
    let mut s: CharSet = "0123456789-负第翻¥￥$€".chars().collect();
    for u in 0x3000u32..0xA000 {
        if let Some(c) = char::from_u32(u) {
            if number::can_start(c) {
                s.insert(c);
            }
        }
    }
    s
});

/// The recognizer: every number and quantity in a slice of normalized chars.
pub(crate) fn recognize(chars: &[char], units: &Units, approx: &ApproxWords) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let starts = &*START;
    while i < n {
        let c = chars[i];
        if !starts.contains(c) {
            i += 1;
            continue;
        }
        if c == '翻' {
            if let Some(f) = doubling(chars, i) {
                i = f.end;
                out.push(f);
                continue;
            }
        }
        if c == '第'
            && chars
                .get(i + 1)
                .is_some_and(|&d| number::can_start(d) && d != '-')
        {
            if let Some(f) = ordinal(chars, i, units) {
                i = f.end;
                out.push(f);
                continue;
            }
        }
        let symbol_currency = match c {
            '¥' | '￥' => Some("元"),
            '$' => Some("美元"),
            '€' => Some("欧元"),
            _ => None,
        };
        let at = if symbol_currency.is_some() { i + 1 } else { i };
        if !chars.get(at).is_some_and(|&c| number::can_start(c)) {
            i += 1;
            continue;
        }
        // Digits glued to letters are codes (N95, DN100, 5G is handled by the unit check).
        let prev = if at > 0 { Some(chars[at - 1]) } else { None };
        if chars[at].is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.')
        {
            i = skip_alnum(chars, at);
            continue;
        }
        // A lone Chinese numeral inside a word (进一步, 一些, 统一) cannot start a quantity:
        // skip it without scanning when nothing that could follow a number follows it.
        if number::is_chinese_numeral(chars[at])
            && !chars.get(at + 1).is_some_and(|&n| units.may_follow(n))
        {
            i = at + 1;
            continue;
        }
        let num = match number::scan(chars, at) {
            Some(Scan::Number(num)) => num,
            Some(Scan::Skip(_, end)) => {
                out.push(not_quantity(i, end.max(at + 1)));
                i = end.max(at + 1);
                continue;
            }
            None => {
                i += 1;
                continue;
            }
        };
        if chars.get(num.end) == Some(&':')
            && chars.get(num.end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            let end = colon_chain(chars, i, &num, &mut out);
            i = end.max(i + 1);
            continue;
        }
        let f = quantity_after(chars, i, num, symbol_currency, units, approx);
        i = f.end.max(i + 1);
        out.push(f);
    }
    out
}

fn skip_alnum(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '-' | '_'))
    {
        i += 1;
    }
    i
}

fn not_quantity(start: usize, end: usize) -> Found {
    Found {
        start,
        end,
        num_start: start,
        num_end: end,
        value: Decimal::ZERO,
        upper: None,
        approx: Approx::Exact,
        unit: None,
        role: Role::NotQuantity,
        chinese_only: false,
        count_word: false,
        count_noun: false,
        da_noun: None,
        num_value: Decimal::ZERO,
        num_upper: None,
        num_approx: Approx::Exact,
    }
}

/// 翻一番 (2 times), 翻两番 (4 times), 翻了一番.
fn doubling(chars: &[char], i: usize) -> Option<Found> {
    let mut j = i + 1;
    if chars.get(j) == Some(&'了') {
        j += 1;
    }
    let Scan::Number(n) = number::scan(chars, j)? else {
        return None;
    };
    if chars.get(n.end) != Some(&'番')
        || n.value > Decimal::from(10)
        || n.value.fract() != Decimal::ZERO
    {
        return None;
    }
    let exp = u32::try_from(n.value.mantissa()).ok()?;
    let value = Decimal::from(2u64.checked_pow(exp)?);
    Some(Found {
        start: i,
        end: n.end + 1,
        num_start: n.start,
        num_end: n.end,
        value,
        upper: None,
        approx: Approx::Exact,
        unit: Some(Unit::Multiple),
        role: Role::Unit,
        chinese_only: false,
        count_word: false,
        count_noun: false,
        da_noun: None,
        num_value: n.value,
        num_upper: None,
        num_approx: Approx::Exact,
    })
}

/// 第N with an optional measure word: 第一, 第40家, 第二次.
fn ordinal(chars: &[char], i: usize, units: &Units) -> Option<Found> {
    let Scan::Number(n) = number::scan(chars, i + 1)? else {
        return None;
    };
    if n.decimal || n.value <= Decimal::ZERO {
        return None;
    }
    let mut end = n.end;
    let mut role = Role::Ordinal;
    let mut count_word = false;
    if let Some(m) = units.match_at(chars, end) {
        match m.reading {
            Reading::Unit(_, _) if m.count => {
                end += m.len;
                count_word = true;
            }
            Reading::NotQuantity => role = Role::NotQuantity,
            _ => {}
        }
    }
    // 第一、第二季度 and 第三季度 are dates.
    if chars.get(end) == Some(&'季')
        || chars.get(end) == Some(&'、') && chars.get(end + 1) == Some(&'第')
    {
        role = Role::NotQuantity;
    }
    Some(Found {
        start: i,
        end,
        num_start: n.start,
        num_end: n.end,
        value: n.value,
        upper: None,
        approx: Approx::Exact,
        unit: Some(Unit::Rank),
        role,
        chinese_only: n.chinese && !n.arabic,
        count_word,
        count_noun: false,
        da_noun: None,
        num_value: n.value,
        num_upper: None,
        num_approx: Approx::Exact,
    })
}

fn is_range_joiner(c: char) -> bool {
    matches!(c, '至' | '到' | '-' | '~' | '—' | '～' | '－')
}

/// The multiplier char a number ends with, as a value (两到三万 shares 万 with 两).
fn multiplier_value(c: char) -> Option<Decimal> {
    Some(match c {
        '十' => Decimal::TEN,
        '百' => Decimal::ONE_HUNDRED,
        '千' => Decimal::from(1000),
        '万' => Decimal::from(10_000),
        '亿' => Decimal::from(100_000_000),
        _ => return None,
    })
}

/// Reads the unit after a number at `at` (one space allowed), giving back a trailing
/// multiplier char when it begins a longer unit (5千克, 13百分点).
fn unit_after(
    chars: &[char],
    num: &mut Num,
    units: &Units,
) -> Option<(usize, crate::unit::UnitMatch)> {
    if num
        .trailing_multiplier
        .is_some_and(|t| units.long_unit_at(chars, t))
    {
        if let Some(shorter) = number::without_trailing_multiplier(chars, num) {
            *num = shorter;
        }
    }
    let mut at = num.end;
    if chars.get(at) == Some(&' ') && num.arabic {
        at += 1;
    }
    units.match_at(chars, at).map(|m| (at, m))
}

fn quantity_after(
    chars: &[char],
    start: usize,
    mut num: Num,
    currency: Option<&'static str>,
    units: &Units,
    approx: &ApproxWords,
) -> Found {
    let mut f = Found {
        start,
        end: num.end,
        num_start: num.start,
        num_end: num.end,
        value: num.value,
        upper: num.upper,
        approx: num.approx,
        unit: currency.map(Unit::Currency),
        role: Role::Bare,
        chinese_only: num.chinese && !num.arabic,
        count_word: false,
        count_noun: false,
        da_noun: None,
        num_value: if num.percent {
            num.value / Decimal::ONE_HUNDRED
        } else {
            num.value
        },
        num_upper: num.upper,
        num_approx: num.approx,
    };
    if num.percent {
        f.unit = Some(Unit::Percent);
        f.role = Role::Unit;
    }
    let mut factor = Decimal::ONE;
    let mut j = num.end;
    if f.unit.is_none() {
        match chars.get(j) {
            Some('%') => {
                f.unit = Some(Unit::Percent);
                j += 1;
            }
            Some('‰') => {
                f.unit = Some(Unit::Percent);
                factor = Decimal::new(1, 1);
                j += 1;
            }
            _ => {}
        }
    }
    if f.unit.is_none() {
        // Structure ratios and clock times: 4.2:38.5:57.3, 10:30.
        if let Some((at, m)) = unit_after(chars, &mut num, units) {
            f.value = num.value;
            f.num_value = num.value;
            f.num_end = num.end;
            f.chinese_only = num.chinese && !num.arabic;
            match m.reading {
                Reading::NotQuantity => {
                    f.role = Role::NotQuantity;
                    f.end = at + m.len;
                    return f;
                }
                Reading::Unit(u, fac) => {
                    if u == Unit::Time("年") && is_year(&num) {
                        f.role = Role::NotQuantity;
                        f.end = at + m.len;
                        return f;
                    }
                    f.count_word = m.count;
                    f.count_noun = m.noun;
                    f.unit = Some(u);
                    factor = fac;
                    j = at + m.len;
                }
            }
        } else if f.chinese_only && chars.get(num.end) == Some(&'大') && !num.decimal {
            // 四大公园, 五大系统工程; 六大项 takes the measure word.
            match units.match_at(chars, num.end + 1) {
                Some(m) if m.count && !m.noun => {
                    if let Reading::Unit(u, _) = m.reading {
                        f.unit = Some(u);
                        f.count_word = true;
                    }
                    j = num.end + 1 + m.len;
                }
                _ => {
                    f.da_noun = Some(num.end + 1);
                    j = num.end + 1;
                }
            }
        } else {
            j = num.end;
        }
    }
    // Ranges: 2至6个月, 2到3年, 5.6到5.78元, 两到三万, 45天至60天.
    if num.upper.is_none()
        && chars.get(j).is_some_and(|&c| is_range_joiner(c))
        && chars
            .get(j + 1)
            .is_some_and(|&c| number::can_start(c) && c != '-')
    {
        if let Some(Scan::Number(second)) = number::scan(chars, j + 1) {
            if let Some(r) = range_end(chars, &f, &num, second, units) {
                match r {
                    RangeEnd::NotQuantity(end) => return not_quantity(start, end),
                    RangeEnd::Range {
                        low,
                        high,
                        num_end,
                        unit,
                        count,
                        fac,
                        end,
                    } => {
                        f.value = low;
                        f.upper = Some(high);
                        f.num_value = low;
                        f.num_upper = Some(high);
                        f.num_end = num_end;
                        if unit.is_some() {
                            f.unit = unit;
                            f.count_word = count;
                            factor = fac;
                        }
                        j = end;
                    }
                }
            }
        }
    }
    // Compound units: 元/吨, 人/平方公里, 微克/立方米, 元每吨.
    if let Some(u) = f.unit.clone() {
        if matches!(chars.get(j), Some('/') | Some('每')) {
            if let Some(m) = units.match_at(chars, j + 1) {
                if let Reading::Unit(den, _) = m.reading {
                    if den != Unit::Percent {
                        f.unit = Some(Unit::Per(Box::new(u), Box::new(den)));
                        f.count_word = false;
                        j = j + 1 + m.len;
                    }
                }
            }
        }
    }
    if factor != Decimal::ONE {
        f.value = f.value.checked_mul(factor).unwrap_or(f.value);
        f.upper = f.upper.map(|u| u.checked_mul(factor).unwrap_or(u));
    }
    f.end = j;
    if f.unit.is_some() || f.da_noun.is_some() {
        f.role = Role::Unit;
    }
    // Approximation words after (99%以上, 左右, 1个工作日内) and before (约, 超过, 近).
    if let Some((len, a)) = approx.after(chars, f.end) {
        let inner = matches!(a, Approx::MoreThan) && f.unit.is_none();
        if f.approx == Approx::Exact && !inner && (f.unit.is_some() || a != Approx::AtMost) {
            f.approx = a;
            f.end += len;
        }
    }
    if let Some((len, a)) = approx.before(chars, 0, start) {
        if f.approx == Approx::Exact || matches!(a, Approx::About | Approx::Nearly) {
            f.approx = a;
        }
        f.start = start - len;
    }
    if f.role == Role::Bare && is_index_context(chars, f.start) {
        f.role = Role::Index;
        f.unit = Some(Unit::Point);
    }
    f
}

enum RangeEnd {
    /// The range is a date or code (1-9月, 2020-2021年).
    NotQuantity(usize),
    Range {
        low: Decimal,
        high: Decimal,
        num_end: usize,
        unit: Option<Unit>,
        count: bool,
        fac: Decimal,
        end: usize,
    },
}

/// The second half of a range, if the two numbers make one: the first number has no
/// unit of its own, or both have the same unit.
fn range_end(
    chars: &[char],
    f: &Found,
    first: &Num,
    mut second: Num,
    units: &Units,
) -> Option<RangeEnd> {
    let (unit, count, fac, end) = if chars.get(second.end) == Some(&'%') {
        (Some(Unit::Percent), false, Decimal::ONE, second.end + 1)
    } else {
        match unit_after(chars, &mut second, units) {
            Some((at, m)) => match m.reading {
                Reading::NotQuantity => {
                    return f
                        .unit
                        .is_none()
                        .then_some(RangeEnd::NotQuantity(at + m.len));
                }
                Reading::Unit(u, fac) => {
                    if u == Unit::Time("年") && (is_year(first) || is_year(&second)) {
                        return Some(RangeEnd::NotQuantity(at + m.len));
                    }
                    (Some(u), m.count, fac, at + m.len)
                }
            },
            None => (None, false, Decimal::ONE, second.end),
        }
    };
    match (&f.unit, &unit) {
        (Some(a), Some(b)) if a != b => return None,
        (Some(_), None) => return None,
        _ => {}
    }
    let mut low = f.value;
    if !first.scaled {
        if let Some(mv) = second
            .trailing_multiplier
            .and_then(|t| chars.get(t))
            .and_then(|&c| multiplier_value(c))
        {
            low = low.checked_mul(mv).unwrap_or(low);
        }
    }
    if second.value < low {
        return None;
    }
    Some(RangeEnd::Range {
        low,
        high: second.value,
        num_end: second.end,
        unit: if f.unit.is_some() { None } else { unit },
        count,
        fac,
        end,
    })
}

fn is_year(num: &Num) -> bool {
    let v = num.value;
    num.upper.is_none()
        && !num.decimal
        && num.approx == Approx::Exact
        && (num.int_digits == 4 || num.digit_string && !num.arabic)
        && v >= Decimal::from(1000)
        && v <= Decimal::from(2199)
}

/// 指数为102.1, 景气指数118, 指数达到 95.3.
fn is_index_context(chars: &[char], at: usize) -> bool {
    let mut k = at;
    for w in ["为", "是", "达", "达到", "至", ":"] {
        let w: Vec<char> = w.chars().collect();
        if k >= w.len() && chars[k - w.len()..k] == w[..] {
            k -= w.len();
            break;
        }
    }
    k >= 2 && chars[k - 2] == '指' && chars[k - 1] == '数'
}

/// `a:b:c` after the first number: a structure ratio if there are three or more parts, or
/// decimal parts, that sum to 100 (each part a percentage), else a clock time or score
/// (not a quantity). Pushes what it found and returns where it ends.
fn colon_chain(chars: &[char], start: usize, first: &Num, out: &mut Vec<Found>) -> usize {
    let mut parts: Vec<(usize, usize, Decimal)> = vec![(first.start, first.end, first.value)];
    let mut j = first.end;
    while chars.get(j) == Some(&':') {
        match number::scan(chars, j + 1) {
            Some(Scan::Number(n)) if n.arabic && !n.scaled && n.start == j + 1 => {
                parts.push((n.start, n.end, n.value));
                j = n.end;
            }
            _ => break,
        }
    }
    let sum: Decimal = parts.iter().map(|p| p.2).sum();
    let near_100 = (sum - Decimal::ONE_HUNDRED).abs() <= Decimal::new(5, 1);
    let ratio_like = parts.len() >= 3 || parts.iter().any(|p| p.2.fract() != Decimal::ZERO);
    if near_100 && ratio_like {
        for (s, e, v) in parts {
            out.push(Found {
                start: s,
                end: e,
                num_start: s,
                num_end: e,
                value: v,
                upper: None,
                approx: Approx::Exact,
                unit: Some(Unit::Percent),
                role: Role::RatioPart,
                chinese_only: false,
                count_word: false,
                count_noun: false,
                da_noun: None,
                num_value: v,
                num_upper: None,
                num_approx: Approx::Exact,
            });
        }
    } else {
        out.push(not_quantity(start, j));
    }
    j
}
