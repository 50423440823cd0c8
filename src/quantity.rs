//! Quantities: a number with its unit, approximation and range.
//!
//! This stage joins what `number` and `unit` found into [`Quantity`] values, with what
//! official and spoken writing put around a number: currency signs and names before it
//! (¥300, 人民币5万元), the parts of an amount (五元六角, 一块二), halves (三年半, 半个小时),
//! discounts (八折), ranges (2至6个月, 两到三万), approximation words, and the marks that make
//! a number a date, code or phone number. It does not decide which quantities are claims
//! (that is the `claim` stage).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::span::Span;
use crate::unit::{Kind, Unit};

pub use crate::number::Approx;

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

use crate::lexicon::{self, CharSet, CharTable, WordList};
use crate::number::{self, Num, Scan};
use crate::unit::{Reading, UnitMatch, Units};

const APPROX: &str = include_str!("../data/approx.tsv");

const CODE_CUES: &str = include_str!("../data/code_cues.txt");

/// Approximation words, split by the side of the number they stand on, and the words that
/// make a bare number next to them a phone number or code.
#[derive(Debug)]
pub(crate) struct ApproxWords {
    before: WordList,
    after: WordList,
    /// The last chars of the words before and the first chars of the words after, for a
    /// one-load rejection before the lists are searched.
    before_last: CharSet,
    after_first: CharSet,
    code_before: WordList,
    code_after: WordList,
}

impl ApproxWords {
    pub fn new() -> Result<ApproxWords, crate::Error> {
        let mut before = WordList::default();
        let mut after = WordList::default();
        let mut before_last = CharSet::default();
        let mut after_first = CharSet::default();
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
                Some("before") => {
                    before.push(word, approx);
                    if let Some(c) = word.chars().last() {
                        before_last.insert(c);
                    }
                }
                Some("after") => {
                    after.push(word, approx);
                    if let Some(c) = word.chars().next() {
                        after_first.insert(c);
                    }
                }
                _ => return Err(err("position must be before or after")),
            }
        }
        before.index();
        after.index();
        let mut code_before = WordList::default();
        let mut code_after = WordList::default();
        for (line, f) in lexicon::rows(CODE_CUES) {
            match (f.first(), f.get(1).copied()) {
                (Some(w), Some("before")) => code_before.push(w, "code"),
                (Some(w), Some("after")) => code_after.push(w, "code"),
                _ => {
                    return Err(crate::Error::new(crate::ErrorKind::Lexicon {
                        lexicon: "code_cues.txt",
                        line,
                        reason: "expected word and position (before or after)",
                    }));
                }
            }
        }
        code_before.index();
        code_after.index();
        Ok(ApproxWords {
            before,
            after,
            before_last,
            after_first,
            code_before,
            code_after,
        })
    }

    /// Whether a phone or code cue stands right before `start` (a colon or space may come
    /// between) or right after `end`.
    pub fn code_cue(&self, chars: &[char], start: usize, end: usize) -> bool {
        let mut k = start;
        while k > 0 && matches!(chars[k - 1], ':' | ' ') && start - k < 2 {
            k -= 1;
        }
        self.code_before.ending_at(chars, 0, k).is_some()
            || self
                .code_after
                .starting_at(chars, end, chars.len())
                .is_some()
    }

    /// The longest word ending right before `at`, not reaching before `floor`.
    #[inline]
    pub fn before(&self, chars: &[char], floor: usize, at: usize) -> Option<(usize, Approx)> {
        let last = *chars.get(at.checked_sub(1)?)?;
        if !self.before_last.contains(last) {
            return None;
        }
        let (len, name) = self.before.ending_at(chars, floor, at)?;
        Some((len, Approx::from_name(name)?))
    }

    /// The longest word starting at `at`.
    #[inline]
    pub fn after(&self, chars: &[char], at: usize) -> Option<(usize, Approx)> {
        if !self.after_first.contains(*chars.get(at)?) {
            return None;
        }
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

/// Chars at which a quantity may begin: those that may start a number
/// ([`number::can_start`]), 第, 翻, 对 (打对折) and currency signs.
static START: CharTable = CharTable::of(
    "0123456789-.零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟廿卅卌几半负負数万亿第翻对對¥￥$€",
);

/// The recognizer: every number and quantity in a slice of normalized chars, into `out`
/// (cleared first, so that a caller can reuse its buffer).
pub(crate) fn recognize_into(
    chars: &[char],
    units: &Units,
    approx: &ApproxWords,
    out: &mut Vec<Found>,
) {
    out.clear();
    let mut i = 0;
    // Where the last quantity ends: a currency name before a number must not be the unit
    // of the quantity before it (4人民币5美元).
    let mut last_end = 0;
    loop {
        i = START.find(chars, i);
        let Some(&c) = chars.get(i) else {
            break;
        };
        // The commonest start: a Chinese numeral inside a word (进一步, 一些, 统一) with
        // nothing after it that could follow a number (the test below, made early).
        if c != '半' && (number::is_chinese_numeral(c) || c == '数') {
            let next = chars.get(i + 1).copied();
            if !next.is_some_and(|n| units.may_follow(n))
                && (i > 0 && is_han(chars[i - 1]) || next.is_some_and(is_han))
            {
                i += 1;
                continue;
            }
        }
        if c == '翻' {
            if let Some(f) = doubling(chars, i) {
                i = f.end;
                push(out, f, chars.len());
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
                push(out, f, chars.len());
                continue;
            }
        }
        // 半个, 半公升, 半成 (5%), 半折 (50%).
        if c == '半' {
            if let Some(f) = half(chars, i, units, approx) {
                i = f.end;
                push(out, f, chars.len());
                continue;
            }
        }
        // 打对折: half price.
        if c == '对' || c == '對' {
            if i > 0 && chars[i - 1] == '打' && chars.get(i + 1) == Some(&'折') {
                let mut f = not_quantity(i, i + 2);
                f.role = Role::Unit;
                f.value = Decimal::from(50);
                f.num_value = HALF;
                f.unit = Some(Unit::Percent);
                f.chinese_only = true;
                push(out, f, chars.len());
                i += 2;
            } else {
                i += 1;
            }
            continue;
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
        let prev = if at > 0 { Some(chars[at - 1]) } else { None };
        let prev2 = if at > 1 { Some(chars[at - 2]) } else { None };
        // Digits glued to letters are codes (N95, DN100; 5G is handled by the unit check),
        // and so are digits after a dot that follows a digit or letter (1.2.3, www.12345).
        let glued = prev.is_some_and(|p| p.is_ascii_alphanumeric())
            || prev == Some('.') && prev2.is_some_and(|p| p.is_ascii_alphanumeric());
        if (chars[at].is_ascii_digit() || chars[at] == '.') && glued {
            i = skip_alnum(chars, at);
            continue;
        }
        // Digits inside a URL or query string (q=30%25, /2021/9/24).
        if chars[at].is_ascii_digit()
            && prev.is_some_and(|p| matches!(p, '=' | '&' | '?' | '#' | '%' | '_' | '/'))
        {
            i = skip_url(chars, at);
            continue;
        }
        // A lone Chinese numeral inside a word (进一步, 一些, 统一) cannot start a quantity:
        // skip it without scanning when nothing that could follow a number follows it,
        // unless it stands alone between non-Chinese chars (“一”, 十。).
        let next = chars.get(at + 1).copied();
        let alone = !prev.is_some_and(is_han) && !next.is_some_and(is_han);
        if (number::is_chinese_numeral(chars[at]) || chars[at] == '数')
            && !next.is_some_and(|n| units.may_follow(n))
            && !alone
        {
            i = at + 1;
            continue;
        }
        // A currency name before the number: 人民币3.14, 港币两千九百六十元.
        let (start, currency) = match symbol_currency {
            Some(c) => (i, Some(c)),
            None => match units.currency_before(chars, at) {
                Some((s, c)) if s >= last_end => (s, Some(c)),
                _ => (i, None),
            },
        };
        let num = match number::scan(chars, at) {
            Some(Scan::Number(num)) => num,
            Some(Scan::Skip(_, end)) => {
                push(out, not_quantity(i, end.max(at + 1)), chars.len());
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
            let end = colon_chain(chars, i, &num, out);
            i = end.max(i + 1);
            continue;
        }
        // A single 大写 char is a numeral only alone or before a unit proper (伍元): 陆地,
        // 收拾, 队伍 are words.
        if num.end == at + 1 && number::is_daxie(chars[at]) && !alone {
            let unit_follows = matches!(
                units.match_at(chars, at + 1),
                Some(UnitMatch {
                    reading: Reading::Unit(..),
                    count: false,
                    ..
                })
            );
            if !unit_follows {
                i = at + 1;
                continue;
            }
        }
        // 千家万户, 千方百计, 一河一策, 千村千面: two numerals in a four-char idiom.
        if num.end == at + 1 && number::is_chinese_numeral(chars[at]) && is_idiom(chars, at) {
            push(out, not_quantity(at, at + 4), chars.len());
            i = at + 4;
            continue;
        }
        let (role, num_end, end) = quantity_after(chars, start, num, currency, units, approx, out);
        // A lone Chinese numeral with no unit inside a word (珠三角, 一波三折) is no number.
        if role == Role::Bare
            && num_end == at + 1
            && number::is_chinese_numeral(chars[at])
            && !alone
        {
            out.pop();
            i = at + 1;
            continue;
        }
        i = end.max(i + 1);
        last_end = end;
    }
    share_units(chars, out);
}

/// A bare Arabic number joined by 和, 、, 与 or 及 to a quantity right after it shares its unit
/// and multiplier (`分别拉动12.9和11.1个百分点`, `3.9、2.0个百分点`), as the list's last
/// item writes it for all.
fn share_units(chars: &[char], out: &mut [Found]) {
    let joined = |a: &Found, b: &Found| {
        a.end + 1 == b.start && matches!(chars.get(a.end), Some('和' | '、' | '与' | '及'))
    };
    // A list that opens with an ordinal (第2、3、14项) is a list of ordinals.
    let mut ordinal = vec![false; out.len()];
    for k in 0..out.len() {
        ordinal[k] =
            out[k].role == Role::Ordinal || k > 0 && ordinal[k - 1] && joined(&out[k - 1], &out[k]);
    }
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (head, tail) = out.split_at_mut(k + 1);
        let (a, b) = (&mut head[k], &tail[0]);
        let plain = [(a.num_start, a.num_end), (b.num_start, b.num_end)]
            .iter()
            .all(|&(s, e)| chars[s..e].iter().all(|c| c.is_ascii_digit() || *c == '.'));
        if a.role != Role::Bare
            || b.role != Role::Unit
            || !joined(a, b)
            || !plain
            || ordinal[k]
            || b.num_value.is_zero()
        {
            continue;
        }
        let (Some(unit), Some(value)) = (
            b.unit.clone(),
            b.value
                .checked_div(b.num_value)
                .and_then(|scale| a.num_value.checked_mul(scale)),
        ) else {
            continue;
        };
        a.role = Role::Unit;
        a.unit = Some(unit);
        a.value = value;
        a.count_word = b.count_word;
        a.count_noun = b.count_noun;
    }
}

/// A four-char idiom at `at` made of two single numerals each before one char: the same
/// numeral twice (一河一策, 千村千面) or two of 百/千/万 (千家万户, 千方百计).
fn is_idiom(chars: &[char], at: usize) -> bool {
    let (Some(&a), Some(&x), Some(&b), Some(&y)) = (
        chars.get(at),
        chars.get(at + 1),
        chars.get(at + 2),
        chars.get(at + 3),
    ) else {
        return false;
    };
    let big = |c: char| matches!(c, '百' | '千' | '万');
    (a == b || big(a) && big(b))
        && is_han(x)
        && is_han(y)
        && !number::is_chinese_numeral(x)
        && !number::is_multiplier(x)
        && !number::is_chinese_numeral(y)
        && !number::is_multiplier(y)
        && !chars
            .get(at + 4)
            .is_some_and(|&c| number::is_chinese_numeral(c))
}

fn skip_url(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && (chars[i].is_ascii_alphanumeric()
            || matches!(
                chars[i],
                '.' | '-' | '_' | '%' | '=' | '&' | '?' | '/' | '#' | ':' | '+' | '~'
            ))
    {
        i += 1;
    }
    i
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

/// `(含)` (inclusive) at `j`, as in `50万元(含)以上`: the index after it.
fn included_mark(chars: &[char], j: usize) -> Option<usize> {
    (chars.get(j) == Some(&'(')
        && chars.get(j + 1) == Some(&'含')
        && chars.get(j + 2) == Some(&')'))
    .then_some(j + 3)
}

/// A range joiner at `j` (至, 到, -, ~, —, and the doubled -- and ——), after an optional
/// `(含)`: the index after it.
fn joiner_end(chars: &[char], j: usize) -> Option<usize> {
    let j = included_mark(chars, j).unwrap_or(j);
    let c = *chars.get(j)?;
    if !is_range_joiner(c) {
        return None;
    }
    let mut k = j + 1;
    if matches!(c, '-' | '—' | '－') && chars.get(k) == Some(&c) {
        k += 1;
    }
    Some(k)
}

/// Whether `c` is a CJK ideograph.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Whether nothing that continues a number stands at `k`: no digit, numeral, multiplier,
/// point or unit (the end of a spoken amount such as 一块二 or 三米九).
fn number_ends(chars: &[char], k: usize, units: &Units) -> bool {
    let Some(&c) = chars.get(k) else {
        return true;
    };
    !(c.is_ascii_digit()
        || number::is_chinese_numeral(c)
        || number::is_multiplier(c)
        || matches!(c, '.' | '点' | '分' | '之')
        || matches!(
            units.match_at(chars, k),
            Some(UnitMatch {
                reading: Reading::Unit(..),
                ..
            })
        ))
}

/// A single digit at `k` (a Chinese digit, 两, or one Arabic digit): its value and end.
fn one_digit(chars: &[char], k: usize) -> Option<(Decimal, usize)> {
    let c = *chars.get(k)?;
    let d = if c == '两' {
        2
    } else if c.is_ascii_digit() {
        if chars.get(k + 1).is_some_and(char::is_ascii_digit) {
            return None;
        }
        c.to_digit(10)?
    } else {
        number::chinese_digit(c)?
    };
    Some((Decimal::from(d), k + 1))
}

/// The parts of an amount after 元 or 块 at `j`: 五元六角, 50元6角三分, 三块四分, and in
/// spoken style 一块二 (1.2), 三块零四 (3.04), 两毛五: the yuan they add and their end.
fn money_parts(chars: &[char], j: usize, first: &Num, units: &Units) -> Option<(Decimal, usize)> {
    let tenth = Decimal::new(1, 1);
    let cent = Decimal::new(1, 2);
    let zero = chars.get(j) == Some(&'零');
    let k = j + usize::from(zero);
    let (d, e) = one_digit(chars, k)?;
    // 一块二, 三块零四, 3块5: a bare digit after the unit is spoken style, read after a
    // Chinese numeral or after 块.
    let spoken = first.chinese && !first.arabic || j > 0 && chars[j - 1] == '块';
    // Single digits (0 to 9) in tenths and cents: checked all the same.
    let (extra, end) = match chars.get(e) {
        Some('角' | '毛') if !zero => {
            let mut extra = times(d, tenth)?;
            let mut end = e + 1;
            if let Some((d2, e2)) = one_digit(chars, end) {
                if chars.get(e2) == Some(&'分') {
                    extra = plus(extra, times(d2, cent)?)?;
                    end = e2 + 1;
                } else if number_ends(chars, e2, units) {
                    extra = plus(extra, times(d2, cent)?)?;
                    end = e2;
                }
            }
            (extra, end)
        }
        Some('分') => (times(d, cent)?, e + 1),
        _ if spoken && number_ends(chars, e, units) => {
            (times(d, if zero { cent } else { tenth })?, e)
        }
        _ => return None,
    };
    Some((extra, end + usize::from(chars.get(end) == Some(&'钱'))))
}

/// 2角, 两毛, 两角五分, 两毛五: tenths of a yuan without 元. A Chinese numeral before 角 or
/// 毛 must stand alone (珠三角, 五角大楼, 一毛不拔 are words). `Err(end)` when the amount
/// overflows.
fn jiao(chars: &[char], num: &Num, units: &Units) -> Option<Result<(Decimal, usize), usize>> {
    let j = num.end;
    if !matches!(chars.get(j), Some('角' | '毛')) || num.upper.is_some() || num.percent {
        return None;
    }
    if !num.arabic {
        let before_ok = num.start == 0 || !is_han(chars[num.start - 1]);
        let after = chars.get(j + 1).copied();
        let after_ok =
            after.is_none_or(|c| !is_han(c) || c == '钱') || one_digit(chars, j + 1).is_some();
        if !before_ok || !after_ok {
            return None;
        }
    }
    let mut end = j + 1;
    let mut cents = None;
    if let Some((d, e)) = one_digit(chars, end) {
        if chars.get(e) == Some(&'分') {
            cents = Some(d);
            end = e + 1;
        } else if number_ends(chars, e, units) {
            cents = Some(d);
            end = e;
        }
    }
    let end = end + usize::from(chars.get(end) == Some(&'钱'));
    let mut value = times(num.value, Decimal::new(1, 1));
    if let Some(d) = cents {
        value = value.and_then(|v| plus(v, times(d, Decimal::new(1, 2))?));
    }
    Some(value.map(|v| (v, end)).ok_or(end))
}

/// 八折, 75折, 9.9折, 五五折: a discount as the percentage paid (八折 = 80%, 75折 = 75%).
fn discount(chars: &[char], num: &Num) -> Option<(Decimal, Option<Decimal>, usize)> {
    let j = number::skip_spaces(chars, num.end);
    if chars.get(j) != Some(&'折') || num.percent {
        return None;
    }
    // 一波三折 is an idiom.
    if num.start > 0 && chars[num.start - 1] == '波' {
        return None;
    }
    // 折合, 折算, 折旧, 折扣, 折射 …: words, not a discount.
    if chars.get(j + 1).is_some_and(|&c| {
        matches!(
            c,
            '合' | '算'
                | '旧'
                | '扣'
                | '射'
                | '叠'
                | '腾'
                | '返'
                | '线'
                | '磨'
                | '服'
                | '现'
                | '中'
                | '纸'
                | '损'
                | '页'
                | '价'
                | '半'
        )
    }) {
        return None;
    }
    let scale = |v: Decimal| -> Option<Decimal> {
        if v >= Decimal::ONE && v < Decimal::TEN {
            v.checked_mul(Decimal::TEN)
        } else if v > Decimal::TEN
            && v < Decimal::ONE_HUNDRED
            && v.fract().is_zero()
            && (num.digit_string || num.arabic && !num.scaled)
        {
            Some(v)
        } else {
            None
        }
    };
    let value = scale(num.value)?;
    let upper = match num.upper {
        Some(u) => Some(scale(u)?),
        None => None,
    };
    Some((value, upper, j + 1))
}

/// What follows a number: its unit and what the unit adds.
struct UnitRead {
    /// The value in the unit: the number times the unit's factor plus the parts written
    /// after the unit (五元六角, 三斤半, 七成六).
    value: Decimal,
    upper: Option<Decimal>,
    /// The unit's factor (成 = 10).
    factor: Decimal,
    unit: Option<Unit>,
    count: bool,
    noun: bool,
    /// An approximation the reading implies (一两天 is 1-2 days, about).
    approx: Option<Approx>,
    /// A date, clock time or code marker follows: not a quantity.
    not_quantity: bool,
    /// One past the unit and its parts.
    end: usize,
}

/// `a × b`, or `None` when the product overflows (the quantity is then dropped: a value
/// read from the text is never replaced by a guess).
#[inline]
fn times(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Times a factor of exactly 1 (bit for bit: scale 0), a non-zero product is `a` itself, scale and
    // all (a zero product loses its sign and scale).
    if b.serialize() == Decimal::ONE.serialize() && !a.is_zero() {
        return Some(a);
    }
    times_checked(a, b)
}

/// [`times`] past its factor-1 test, out of line.
#[inline(never)]
fn times_checked(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// `a + b`, or `None` when the sum overflows.
#[inline]
fn plus(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// One half, as `Decimal::new(5, 1)`.
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Reads the unit after a number: %, ‰, a discount (八折), a fraction of a unit
/// (四分之一公升), a unit of the lexicon with what spoken style writes after it (一块二,
/// 五元六角, 三斤半, 三米九, 七成六, 一个半小时), and 角/毛 amounts. A value that overflows
/// on the way (`7922816251426433759354395033成`) makes no quantity: the reading is marked
/// `not_quantity` up to where the unit ends.
fn read_unit(chars: &[char], num: &mut Num, units: &Units) -> UnitRead {
    match read_unit_checked(chars, num, units) {
        Ok(r) => r,
        Err(end) => UnitRead {
            value: Decimal::ZERO,
            upper: None,
            factor: Decimal::ONE,
            unit: None,
            count: false,
            noun: false,
            approx: None,
            not_quantity: true,
            end: end.max(num.end),
        },
    }
}

/// [`read_unit`], or `Err(end)` when a value overflows (`end`: one past the unit read).
fn read_unit_checked(chars: &[char], num: &mut Num, units: &Units) -> Result<UnitRead, usize> {
    let j = num.end;
    let mut r = UnitRead {
        value: num.value,
        upper: num.upper,
        factor: Decimal::ONE,
        unit: None,
        count: false,
        noun: false,
        approx: None,
        not_quantity: false,
        end: j,
    };
    if num.percent {
        // 四分之一公升: a fraction of a unit proper; otherwise a percentage.
        match units.match_at(chars, j) {
            Some(UnitMatch {
                len,
                reading: Reading::Unit(u, fac),
                count: false,
                ..
            }) if matches!(u.kind(), Kind::Measure | Kind::Duration | Kind::Money) => {
                r.value = times(num.value / Decimal::ONE_HUNDRED, *fac).ok_or(j + len)?;
                r.unit = Some(u.clone());
                r.end = j + len;
            }
            _ => r.unit = Some(Unit::Percent),
        }
        return Ok(r);
    }
    match chars.get(j) {
        Some('%') => {
            r.unit = Some(Unit::Percent);
            r.end = j + 1;
            return Ok(r);
        }
        Some('‰') => {
            r.unit = Some(Unit::Percent);
            r.factor = Decimal::new(1, 1);
            r.value = times(r.value, r.factor).ok_or(j + 1)?;
            r.upper = match r.upper {
                Some(u) => Some(times(u, r.factor).ok_or(j + 1)?),
                None => None,
            };
            r.end = j + 1;
            return Ok(r);
        }
        // 一半: half, a share (一半以上).
        Some('半')
            if num.value == Decimal::ONE
                && num.end == num.start + 1
                && num.chinese
                && chars.get(j + 1) != Some(&'个') =>
        {
            r.unit = Some(Unit::Percent);
            r.value = Decimal::from(50);
            r.end = j + 1;
            return Ok(r);
        }
        _ => {}
    }
    if let Some((value, upper, end)) = discount(chars, &*num) {
        r.unit = Some(Unit::Percent);
        r.value = value;
        r.upper = upper;
        r.end = end;
        return Ok(r);
    }
    let Some((at, m)) = unit_after(chars, num, units) else {
        match jiao(chars, &*num, units) {
            Some(Ok((value, end))) => {
                r.unit = Some(Unit::Currency("元"));
                r.value = value;
                r.end = end;
            }
            Some(Err(end)) => return Err(end),
            None => {}
        }
        return Ok(r);
    };
    let (mut u, fac) = match m.reading {
        Reading::NotQuantity => {
            r.not_quantity = true;
            r.end = at + m.len;
            return Ok(r);
        }
        Reading::Unit(u, fac) => (Cow::Borrowed(u), *fac),
    };
    let n = num.value;
    let mut end = at + m.len;
    let overflow = end;
    let mut value = times(n, fac).ok_or(overflow)?;
    let mut upper = match num.upper {
        Some(x) => Some(times(x, fac).ok_or(overflow)?),
        None => None,
    };
    let mut factor = fac;
    let (mut count, mut noun) = (m.count, m.noun);
    let half = HALF;
    let single_chinese = num.end == num.start + 1 && num.chinese && !num.arabic;
    // 六个加仑, 一个半小时, 一个半月: 个 before a unit proper.
    if matches!(&*u, Unit::Count(w) if &**w == "个") && upper.is_none() {
        let has_half = chars.get(end) == Some(&'半');
        let k = end + usize::from(has_half);
        let added = if has_half { half } else { Decimal::ZERO };
        match units.match_at(chars, k) {
            Some(UnitMatch {
                len,
                reading: Reading::Unit(u2, f2),
                count: false,
                ..
            }) if matches!(u2.kind(), Kind::Measure | Kind::Duration) => {
                u = Cow::Borrowed(u2);
                factor = *f2;
                value = plus(n, added).and_then(|v| times(v, *f2)).ok_or(k + len)?;
                end = k + len;
                count = false;
            }
            Some(UnitMatch {
                reading: Reading::NotQuantity,
                ..
            }) if has_half && chars.get(k) == Some(&'月') => {
                u = Cow::Owned(Unit::Time("月"));
                value = plus(n, added).ok_or(k + 1)?;
                end = k + 1;
                count = false;
            }
            _ => {}
        }
    }
    // 一两天, 三两个: 一两 is one or two, 三两 two or three, before a unit.
    if single_chinese
        && matches!(&*u, Unit::Physical("两"))
        && (n == Decimal::ONE || n == Decimal::from(3))
    {
        if let Some(UnitMatch {
            len,
            reading: Reading::Unit(u2, f2),
            count: c2,
            noun: n2,
        }) = units.match_at(chars, end)
        {
            let (low, high) = if n == Decimal::ONE {
                (Decimal::ONE, Decimal::TWO)
            } else {
                (Decimal::TWO, Decimal::from(3))
            };
            u = Cow::Borrowed(u2);
            factor = *f2;
            end += len;
            value = times(low, *f2).ok_or(end)?;
            upper = Some(times(high, *f2).ok_or(end)?);
            count = c2;
            noun = n2;
            r.approx = Some(Approx::About);
        }
    }
    match &*u {
        Unit::Currency("元") if upper.is_none() => {
            if let Some((extra, e)) = money_parts(chars, end, &*num, units) {
                value = plus(value, extra).ok_or(e)?;
                end = e;
            }
            // 壹拾壹元整: the 整 (or 正) that closes an amount in 大写.
            let daxie = chars[num.start..num.end]
                .iter()
                .any(|&c| number::is_daxie(c));
            if matches!(chars.get(end), Some('整' | '正'))
                && (daxie || chars.get(end + 1).is_none_or(|&c| !is_han(c)))
            {
                end += 1;
            }
            // 三万元欧元, 9000元日币: 元 written before the currency's name.
            if let Some(UnitMatch {
                len,
                reading: Reading::Unit(Unit::Currency(c), _),
                ..
            }) = units.match_at(chars, end)
            {
                if *c != "元" {
                    u = Cow::Owned(Unit::Currency(c));
                    end += len;
                }
            }
        }
        // 两美元又三美分: a smaller coin of the same currency after the amount.
        Unit::Currency(c) if upper.is_none() && fac == Decimal::ONE => {
            let k = end + usize::from(matches!(chars.get(end), Some('又' | '零')));
            if let Some(Scan::Number(n2)) = number::scan(chars, k).filter(|_| k < chars.len()) {
                if n2.start == k && n2.upper.is_none() && !n2.percent {
                    if let Some(UnitMatch {
                        len,
                        reading: Reading::Unit(Unit::Currency(c2), f2),
                        ..
                    }) = units.match_at(chars, n2.end)
                    {
                        if c2 == c && *f2 < Decimal::ONE {
                            end = n2.end + len;
                            value = times(n2.value, *f2)
                                .and_then(|coins| plus(value, coins))
                                .ok_or(end)?;
                        }
                    }
                }
            }
        }
        // 七成六 (76%), 三成半 (35%).
        Unit::Percent if chars.get(end - 1) == Some(&'成') && upper.is_none() => {
            let k = number::skip_spaces(chars, end);
            if chars.get(k) == Some(&'半') {
                end = k + 1;
                value = plus(value, Decimal::from(5)).ok_or(end)?;
            } else if let Some((d, e)) = one_digit(chars, k).filter(|_| !chars[k].is_ascii_digit())
            {
                if number_ends(chars, e, units) {
                    end = e;
                    value = plus(value, d).ok_or(end)?;
                }
            }
        }
        // 3斤5两, 六斤八两: 斤 and 两 (ten 两 to the 斤).
        Unit::Physical("斤") if upper.is_none() => {
            if let Some((d, e)) = one_digit(chars, end) {
                if chars.get(e) == Some(&'两') {
                    end = e + 1;
                    value = times(d, Decimal::new(1, 1))
                        .and_then(|tenth| plus(value, tenth))
                        .ok_or(end)?;
                }
            }
        }
        // 三米九, 一米八: a digit after 米 is the tenth.
        Unit::Physical("米") if single_chinese && upper.is_none() => {
            if let Some((d, e)) = one_digit(chars, end).filter(|_| !chars[end].is_ascii_digit()) {
                if number_ends(chars, e, units) && chars.get(e) != Some(&'半') {
                    end = e;
                    value = times(d, Decimal::new(1, 1))
                        .and_then(|tenth| plus(value, tenth))
                        .ok_or(end)?;
                }
            }
        }
        _ => {}
    }
    // 三年半, 一吨半, 两米半, 一块半: and a half.
    if !count
        && upper.is_none()
        && chars.get(end) == Some(&'半')
        && !matches!(&*u, Unit::Percent | Unit::PercentagePoint | Unit::Multiple)
        && value.fract().is_zero()
        && chars
            .get(end + 1)
            .is_none_or(|&c| !is_han(c) || matches!(c, '的' | '左' | '以' | '多' | '余'))
    {
        end += 1;
        value = times(half, factor)
            .and_then(|h| plus(value, h))
            .ok_or(end)?;
    }
    r.value = value;
    r.upper = upper;
    r.factor = factor;
    r.unit = Some(u.into_owned());
    r.count = count;
    r.noun = noun;
    r.end = end;
    Ok(r)
}

/// Reads the unit after a number (spaces allowed after Arabic digits, and before a unit
/// proper after Chinese numerals: `10 成`, `一百五十 个百分点`), giving back a trailing
/// multiplier char when it begins a longer unit (5千克, 13百分点, 三千比特).
fn unit_after<'u>(
    chars: &[char],
    num: &mut Num,
    units: &'u Units,
) -> Option<(usize, UnitMatch<'u>)> {
    if num
        .trailing_multiplier
        .is_some_and(|t| units.long_unit_at(chars, t))
    {
        if let Some(shorter) = number::without_trailing_multiplier(chars, num) {
            *num = shorter;
        }
    }
    let at = num.end;
    let spaced = number::skip_spaces(chars, at);
    if spaced > at && spaced - at <= 4 {
        let m = units.match_at(chars, spaced)?;
        let proper = !m.count && matches!(m.reading, Reading::Unit(..));
        return (num.arabic || proper).then_some((spaced, m));
    }
    units.match_at(chars, at).map(|m| (at, m))
}

/// Starts a found quantity from a number.
fn found_from(start: usize, num: &Num) -> Found {
    Found {
        start,
        end: num.end,
        num_start: num.start,
        num_end: num.end,
        value: num.value,
        upper: num.upper,
        approx: num.approx,
        unit: None,
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
    }
}

/// Pushes the quantity that begins with `num` (pushed, not returned, to copy it once);
/// `start` is where its text begins (a currency sign or name before the number), and
/// `currency` the currency that sign or name gives. Gives back what the scan goes on
/// with: its role, the end of its number and its end (from registers: reading them back
/// from the record just copied out would wait for the copy).
fn quantity_after(
    chars: &[char],
    start: usize,
    num: Num,
    currency: Option<&'static str>,
    units: &Units,
    approx: &ApproxWords,
    out: &mut Vec<Found>,
) -> (Role, usize, usize) {
    // Made in place: returned from `quantity_from`, the record would be copied once more.
    let mut f = found_from(start, &num);
    quantity_from(chars, start, num, currency, units, approx, &mut f);
    let next = (f.role, f.num_end, f.end);
    push(out, f, chars.len());
    next
}

/// Pushes `f`, the first time with room for the quantities a text of `text_len` chars
/// usually holds (one in some tens of chars), to spare the first doublings.
#[inline(always)]
fn push(out: &mut Vec<Found>, f: Found, text_len: usize) {
    make_room(out, text_len);
    out.push(f);
}

/// Makes room for one more quantity (see [`push`]).
#[inline(always)]
fn make_room(out: &mut Vec<Found>, text_len: usize) {
    if out.len() == out.capacity() {
        let first = (text_len / 16).clamp(4, 256);
        out.reserve(if out.is_empty() { first } else { out.len() });
    }
}

/// Makes `f`, started from `num` by [`found_from`], the quantity that begins with `num`
/// (see [`quantity_after`]).
#[inline(always)]
fn quantity_from(
    chars: &[char],
    start: usize,
    mut num: Num,
    currency: Option<&'static str>,
    units: &Units,
    approx: &ApproxWords,
    f: &mut Found,
) {
    let da = f.chinese_only && chars.get(num.end) == Some(&'大') && !num.decimal;
    // From here on `num` is without a trailing multiplier given back to the unit (5千克).
    let mut r = read_unit(chars, &mut num, units);
    f.value = r.value;
    f.upper = r.upper;
    f.num_value = if num.percent {
        num.value / Decimal::ONE_HUNDRED
    } else {
        num.value
    };
    f.num_end = num.end;
    // 一半: the number is the half.
    if matches!(r.unit, Some(Unit::Percent))
        && chars.get(num.end) == Some(&'半')
        && r.end == num.end + 1
    {
        f.num_value = HALF;
        f.num_end = r.end;
    }
    f.chinese_only = num.chinese && !num.arabic;
    if let Some(a) = r.approx {
        f.approx = a;
        f.num_approx = a;
    }
    if r.not_quantity
        || matches!(r.unit, Some(Unit::Time("年"))) && r.value == num.value && is_year(&num)
    {
        f.role = Role::NotQuantity;
        f.start = num.start.min(start);
        f.end = r.end;
        return;
    }
    // Codes and phone numbers: 5G, 3M (letters glued to the digits), 0769-22321008,
    // 举报电话：22321008, 12345热线, “7·18”.
    if r.unit.is_none() && currency.is_none() && num.upper.is_none() {
        let plain = num.arabic && !num.chinese && !num.decimal && !num.scaled;
        let glued = chars.get(num.end).is_some_and(char::is_ascii_alphabetic);
        let area_code = plain
            && chars.get(num.start) == Some(&'0')
            && num.end - num.start >= 3
            && chars.get(num.end) == Some(&'-');
        let dotted = matches!(chars.get(num.end), Some('·' | '・'))
            && chars
                .get(num.end + 1)
                .is_some_and(|c| c.is_ascii_digit() || number::is_chinese_numeral(*c));
        if glued || area_code || dotted || plain && approx.code_cue(chars, num.start, num.end) {
            let mut end = num.end;
            while chars
                .get(end)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, '-' | '·' | '・'))
            {
                end += 1;
            }
            if dotted {
                end = number::skip_numeral(chars, end);
            }
            let end = approx
                .code_after
                .starting_at(chars, end, chars.len())
                .map_or(end, |(len, _)| end + len);
            *f = not_quantity(num.start, end);
            return;
        }
    }
    f.unit = r.unit.take();
    f.count_word = r.count;
    f.count_noun = r.noun;
    let mut j = r.end;
    if f.unit.is_none() && da {
        // 四大公园, 五大系统工程; 六大项 takes the measure word.
        match units.match_at(chars, num.end + 1) {
            Some(m) if m.count && !m.noun => {
                if let Reading::Unit(u, _) = m.reading {
                    f.unit = Some(u.clone());
                    f.count_word = true;
                }
                j = num.end + 1 + m.len;
            }
            _ => {
                f.da_noun = Some(num.end + 1);
                j = num.end + 1;
            }
        }
    }
    // Ranges: 2至6个月, 2到3年, 5.6到5.78元, 两到三万, 45天至60天, 1万(含)-5万元.
    if f.upper.is_none() && f.da_noun.is_none() {
        if let Some(k) = joiner_end(chars, j) {
            if chars
                .get(k)
                .is_some_and(|&c| number::can_start(c) && c != '-')
            {
                if let Some(Scan::Number(second)) = number::scan(chars, k) {
                    if second.start == k {
                        match range_end(chars, f, &r, &num, second, units) {
                            Some(RangeEnd::NotQuantity(end)) => {
                                *f = not_quantity(start, end);
                                return;
                            }
                            Some(RangeEnd::Range {
                                low,
                                high,
                                num_low,
                                num_high,
                                num_end,
                                read,
                            }) => {
                                f.value = low;
                                f.upper = Some(high);
                                f.num_value = num_low;
                                f.num_upper = Some(num_high);
                                f.num_end = num_end;
                                if f.unit.is_none() {
                                    f.unit = read.unit;
                                    f.count_word = read.count;
                                    f.count_noun = read.noun;
                                }
                                j = read.end;
                            }
                            None => {}
                        }
                    }
                }
            }
        }
    }
    // A currency sign or name before the number: ¥300, 人民币3.14, 港币两千九百六十元.
    if let Some(c) = currency {
        match &f.unit {
            None | Some(Unit::Currency("元")) => f.unit = Some(Unit::Currency(c)),
            Some(Unit::Currency(_)) => {}
            Some(_) => f.start = f.num_start,
        }
    }
    // Compound units: 元/吨, 人/平方公里, 微克/立方米, 元每吨.
    if f.unit.is_some() && matches!(chars.get(j), Some('/') | Some('每')) {
        if let Some(u) = f.unit.clone() {
            if let Some(m) = units.match_at(chars, j + 1) {
                if let Reading::Unit(den, _) = m.reading {
                    if !matches!(den, Unit::Percent) {
                        f.unit = Some(Unit::Per(Box::new(u), Box::new(den.clone())));
                        f.count_word = false;
                        j = j + 1 + m.len;
                    }
                }
            }
        }
    }
    f.end = j;
    if f.unit.is_some() || f.da_noun.is_some() {
        f.role = Role::Unit;
    }
    attach_approx(chars, f, approx);
    if f.role == Role::Bare && is_index_context(chars, f.start) {
        f.role = Role::Index;
        f.unit = Some(Unit::Point);
    }
}

/// Approximation words after (99%以上, 左右, 1个工作日内, 50万元(含)以上) and before (约,
/// 超过, 近) the quantity.
fn attach_approx(chars: &[char], f: &mut Found, approx: &ApproxWords) {
    let after_at = included_mark(chars, f.end).unwrap_or(f.end);
    if let Some((len, a)) = approx.after(chars, after_at) {
        let inner = matches!(a, Approx::MoreThan) && f.unit.is_none();
        if f.approx == Approx::Exact && !inner && (f.unit.is_some() || a != Approx::AtMost) {
            f.approx = a;
            f.end = after_at + len;
        }
    }
    if let Some((len, a)) = approx.before(chars, 0, f.start) {
        if f.approx == Approx::Exact || matches!(a, Approx::About | Approx::Nearly) {
            f.approx = a;
        }
        f.start -= len;
    }
}

/// 半个, 半个月, 半小时, 半公升, 半成 (5%), 半折 (50%): 半 as one half before a unit (not
/// before 年 or 天, where 半年 and 半天 are also time words).
fn half(chars: &[char], i: usize, units: &Units, approx: &ApproxWords) -> Option<Found> {
    // 上半年, 大半个, 过半, 多半, 一半 (read with its numeral): not a half of a unit here.
    if i > 0
        && matches!(
            chars[i - 1],
            '上' | '下'
                | '大'
                | '多'
                | '过'
                | '前'
                | '后'
                | '少'
                | '一'
                | '两'
                | '对'
                | '减'
                | '小'
        )
    {
        return None;
    }
    let j = i + 1;
    let half = HALF;
    let (unit, value, count, end) = match chars.get(j) {
        Some('成') => (Unit::Percent, Decimal::from(5), false, j + 1),
        Some('折') => (Unit::Percent, Decimal::from(50), false, j + 1),
        _ => match units.match_at(chars, j)? {
            UnitMatch {
                len,
                reading: Reading::Unit(u, fac),
                count,
                noun: false,
            } if chars[j] == '个'
                || !count && u.kind() == Kind::Measure
                || matches!(u, Unit::Time("小时")) =>
            {
                (u.clone(), times(half, *fac)?, count, j + len)
            }
            _ => return None,
        },
    };
    let mut f = not_quantity(i, end);
    f.role = Role::Unit;
    f.num_end = j;
    f.value = value;
    f.num_value = half;
    f.unit = Some(unit);
    f.count_word = count;
    f.chinese_only = true;
    attach_approx(chars, &mut f, approx);
    Some(f)
}

enum RangeEnd {
    /// The range is a date or code (1-9月, 2020-2021年).
    NotQuantity(usize),
    Range {
        low: Decimal,
        high: Decimal,
        /// The two numbers as written, before unit factors.
        num_low: Decimal,
        num_high: Decimal,
        num_end: usize,
        /// The second number's unit.
        read: Box<UnitRead>,
    },
}

/// The second half of a range, if the two numbers make one: the first number has no
/// unit of its own, or both have the same unit. A first number without a multiplier
/// shares the second's (两到三万 = 2万-3万, 七千到九千亿, 10~15k), unless that would put it
/// above the second (8500到3万).
fn range_end(
    chars: &[char],
    f: &Found,
    first: &UnitRead,
    first_num: &Num,
    mut second: Num,
    units: &Units,
) -> Option<RangeEnd> {
    let read = read_unit(chars, &mut second, units);
    let second = &second;
    if read.not_quantity {
        return f.unit.is_none().then_some(RangeEnd::NotQuantity(read.end));
    }
    if matches!(read.unit, Some(Unit::Time("年"))) && (is_year(first_num) || is_year(second)) {
        return Some(RangeEnd::NotQuantity(read.end));
    }
    if read.upper.is_some() {
        return None;
    }
    match (&f.unit, &read.unit) {
        (Some(a), Some(b)) if a != b => return None,
        (Some(_), None) => return None,
        _ => {}
    }
    let high = read.value;
    let (low, num_low) = if f.unit.is_some() {
        (first.value, f.num_value)
    } else {
        let v = first_num.value;
        let mv = second
            .trailing_multiplier
            .and_then(|t| chars.get(t))
            .and_then(|&c| number::multiplier_value(c));
        let first_has_big = chars[first_num.start..first_num.end]
            .iter()
            .any(|&c| matches!(c, '万' | '亿' | '兆' | 'k' | 'K'));
        let shared = mv
            .filter(|&m| !first_num.scaled || m >= Decimal::from(10_000) && !first_has_big)
            .and_then(|m| v.checked_mul(m))
            .filter(|&s| times(s, read.factor).is_some_and(|low| low <= high));
        let n = shared.unwrap_or(v);
        // A first number that overflows in the unit makes no range (not a guessed one).
        (times(n, read.factor)?, n)
    };
    if high < low {
        return None;
    }
    Some(RangeEnd::Range {
        low,
        high,
        num_low,
        num_high: second.value,
        num_end: second.end,
        read: Box::new(read),
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
    const LINKS: [&[char]; 6] = [&['为'], &['是'], &['达'], &['达', '到'], &['至'], &[':']];
    for w in LINKS {
        if k >= w.len() && chars[k - w.len()..k] == *w {
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
    // Parts too large to sum are no ratio of percentages.
    let sum = parts.iter().try_fold(Decimal::ZERO, |s, p| plus(s, p.2));
    let near_100 = sum
        .and_then(|s| s.checked_sub(Decimal::ONE_HUNDRED))
        .is_some_and(|d| d.abs() <= HALF);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_chars_are_number_starts_and_markers() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let start = number::can_start(c) || "第翻对對¥￥$€".contains(c);
            assert_eq!(START.contains(c), start, "{c}");
        }
    }
}
