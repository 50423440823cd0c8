//! Numbers: Arabic (with thousands separators and decimals, `.5`), Chinese (一千二百三十,
//! 两万, 大写 壹佰, digit strings 二〇二〇, colloquial 三万五 and 百二万, 两个亿), mixed (1.5万,
//! 33亿7109.6万), Chinese decimals (三点五, 零点77), fractions (四分之一, 百分之三十, 千分之五,
//! 万分之三, 16/5, 三百五十又三分之一) and the approximations written inside a number (1300余,
//! 550多亿, 十几, 几十, 数十, 五六, 三五).
//!
//! Spaces inside a number, as PDF extraction leaves them (`7 万5 千4 百`, `五 分之 一`), are
//! read through.
//! The scanner reads normalized chars (see `document::normalize`): full-width digits are
//! already ASCII and Traditional numerals Simplified. Values are exact decimals; nothing
//! here can panic or overflow: every step on a value is checked, and a number whose value
//! would overflow is skipped (`Scan::Skip`), never read as a guess.

use rust_decimal::Decimal;

use crate::lexicon::CharBits;
use crate::quantity::Approx;

/// A number found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Num {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The value (for fractions, already in percent when `percent` is set).
    pub value: Decimal,
    /// The upper bound for 五六 (5–6) and similar.
    pub upper: Option<Decimal>,
    /// 余, 多, 几 inside the number.
    pub approx: Approx,
    /// Written with any Chinese numeral char.
    pub chinese: bool,
    /// Written with any Arabic digit.
    pub arabic: bool,
    /// Has a multiplier (十 百 千 万 亿 … after digits, or k).
    pub scaled: bool,
    /// A bare string of digits with no unit chars (2020, 二〇二〇).
    pub digit_string: bool,
    /// How many integer digits an Arabic number has (2020 → 4).
    pub int_digits: usize,
    /// Has a decimal point.
    pub decimal: bool,
    /// A fraction (四分之一); `value` is then a percentage.
    pub percent: bool,
    /// The last multiplier char the number ends with, if any (for giving it back to a
    /// unit such as 千克 or 百分点).
    pub trailing_multiplier: Option<usize>,
}

/// What the scanner found at a position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scan {
    /// A number.
    Number(Num),
    /// Something number-like that is not a number (a version or dotted date such as
    /// `2021.5.12`, or a number too large to hold): skip `start..end`.
    Skip(usize, usize),
}

fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '两' | '貮' | '倆' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<Decimal> {
    Some(match c {
        '万' => Decimal::from(10_000u32),
        '亿' => Decimal::from(100_000_000u32),
        '兆' => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

/// The value of a multiplier char (十 百 千 万 亿 兆, their 大写 forms, and k).
pub(crate) fn multiplier_value(c: char) -> Option<Decimal> {
    match c {
        'k' | 'K' => Some(Decimal::from(1000)),
        _ => small_unit(c).map(Decimal::from).or_else(|| big_unit(c)),
    }
}

/// Whether `c` is a 大写 numeral (壹 贰 … 拾 佰 仟), the formal forms that are also
/// ordinary chars in words (陆地, 收拾, 队伍).
pub(crate) fn is_daxie(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰' | '叁' | '肆' | '伍' | '陆' | '柒' | '捌' | '玖' | '拾' | '佰' | '仟'
    )
}

/// The value of a single Chinese digit char (not 两).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    if c == '两' || c.is_ascii_digit() {
        return None;
    }
    digit_value(c)
}

/// The chars of [`is_chinese_numeral`]: the digits of `digit_value`, the units of
/// `small_unit`, and 廿 卅 卌 几 半 (a unit test checks the sets against those functions).
static NUMERAL: CharBits =
    CharBits::of("零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟廿卅卌几半");

/// The chars of [`can_start`].
static CAN_START: CharBits = CharBits::of(
    "0123456789零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟廿卅卌几半负負-.数万亿",
);

/// The chars of [`is_multiplier`].
static MULTIPLIER: CharBits = CharBits::of("十拾百佰千仟万亿兆");

/// Every char the lexer reads as (part of) a token: a char outside the set ends a number.
static LEXED: CharBits = CharBits::of(
    "0123456789.零〇一壹幺二贰两貮倆三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿兆廿卅卌余多几数个半打kK ",
);

/// The chars that may continue a number after an Arabic number (5万, 1300余, 10k, 7 万):
/// after any other char an Arabic number stands alone.
static AFTER_ARABIC: CharBits = CharBits::of("零〇十拾百佰千仟万亿兆廿卅卌余多几个打kK ");

/// Whether `c` can start a Chinese numeral.
#[inline]
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    NUMERAL.contains(c)
}

/// Whether a number may start at `c`.
#[inline]
pub(crate) fn can_start(c: char) -> bool {
    CAN_START.contains(c)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A Chinese digit.
    Digit(u32),
    /// 廿 卅 卌: a digit with its ten.
    Tens(u32),
    /// An Arabic number: value, integer digits, has a point.
    Arabic(Decimal, usize, bool),
    Small(u32),
    Big(Decimal),
    Zero,
    /// 余 or 多.
    More,
    /// 几.
    Some_,
    /// 半 before a unit (半百).
    Half,
    /// 打 (a dozen) or k (a thousand) after a number.
    Times(u32),
}

/// A token with its first char and one past its last.
type Lexeme = (Tok, usize, usize);

/// How many tokens a number keeps without allocating; longer ones spill to the heap.
const INLINE_TOKS: usize = 8;

/// The tokens of one number: a fixed array for the usual short number, a vector past it.
struct Toks {
    inline: [Lexeme; INLINE_TOKS],
    len: usize,
    spill: Vec<Lexeme>,
}

impl Toks {
    fn new() -> Toks {
        Toks {
            inline: [(Tok::Zero, 0, 0); INLINE_TOKS],
            len: 0,
            spill: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, t: Lexeme) {
        if self.spill.is_empty() && self.len < INLINE_TOKS {
            self.inline[self.len] = t;
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.inline);
            }
            self.spill.push(t);
        }
        self.len += 1;
    }

    #[inline]
    fn as_slice(&self) -> &[Lexeme] {
        if self.spill.is_empty() {
            &self.inline[..self.len.min(INLINE_TOKS)]
        } else {
            &self.spill
        }
    }

    #[inline]
    fn last(&self) -> Option<&Lexeme> {
        self.as_slice().last()
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn pop(&mut self) {
        if self.len == 0 {
            return;
        }
        if !self.spill.is_empty() {
            self.spill.pop();
        }
        self.len -= 1;
    }
}

/// The digits of an Arabic number as an integer; more than 28 significant digits is not a
/// number (`overflow`).
#[derive(Default)]
struct Mantissa {
    /// The value while it is below 10^18 (and `wide` unused).
    small: u64,
    /// The value once it has reached 10^18.
    wide: Option<u128>,
    overflow: bool,
}

impl Mantissa {
    /// Appends the ASCII digit `c`.
    #[inline]
    fn push(&mut self, c: char) {
        let d = u32::from(c).wrapping_sub(u32::from('0'));
        match self.wide {
            // Below 10^18 one more digit stays below 10^19, inside a u64.
            None if self.small < 1_000_000_000_000_000_000 => {
                self.small = self.small * 10 + u64::from(d);
            }
            _ => {
                // A mantissa below 10^27 takes one more digit and stays below 10^28; one
                // at or above 10^27 would reach 10^28.
                let w = self.wide.unwrap_or(u128::from(self.small));
                if w < 10u128.pow(27) {
                    self.wide = Some(w * 10 + u128::from(d));
                } else {
                    self.wide = Some(w);
                    self.overflow = true;
                }
            }
        }
    }

    fn value(&self) -> u128 {
        self.wide.unwrap_or(u128::from(self.small))
    }
}

/// Reads an Arabic number at `i`: `(value, end, int_digits, has_point)`, or `Err(end)` for
/// a dotted sequence that is a code or date (`2021.5.12`, `1.2.3`). A number may begin
/// with its decimal point (`.5`).
fn arabic(chars: &[char], i: usize) -> Option<Result<(Decimal, usize, usize, bool), usize>> {
    // The usual number, up to 18 digits with no separator, point or further digit after
    // them, in a u64 (the general reading below makes the same decimal).
    let mut v = 0u64;
    let mut j = i;
    while let Some(d) = chars.get(j).and_then(|c| c.to_digit(10)) {
        if j - i == 18 {
            break;
        }
        v = v * 10 + u64::from(d);
        j += 1;
    }
    if j > i && !matches!(chars.get(j), Some(',' | '.' | '0'..='9')) {
        let (lo, mid) = (v as u32, (v >> 32) as u32);
        return Some(Ok((
            Decimal::from_parts(lo, mid, 0, false, 0),
            j,
            j - i,
            false,
        )));
    }
    let mut mantissa = Mantissa::default();
    let mut digits = 0usize;
    let mut push = |c: char| mantissa.push(c);
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        push(chars[j]);
        digits += 1;
        j += 1;
    }
    let leading_point = digits == 0
        && chars.get(j) == Some(&'.')
        && chars.get(j + 1).is_some_and(char::is_ascii_digit);
    if digits == 0 && !leading_point {
        return None;
    }
    // Thousands separators: 1-3 leading digits, then groups of exactly three.
    if (1..=3).contains(&digits) {
        while chars.get(j) == Some(&',')
            && chars.len() >= j + 4
            && chars[j + 1..j + 4].iter().all(char::is_ascii_digit)
            && !chars.get(j + 4).is_some_and(char::is_ascii_digit)
        {
            for &c in &chars[j + 1..j + 4] {
                push(c);
            }
            digits += 3;
            j += 4;
        }
    }
    let int_digits = digits;
    let mut scale = 0u32;
    let point = chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit);
    if point {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            push(chars[j]);
            scale += 1;
            j += 1;
        }
        // 2021.5.12, 1.2.3: a dotted date or a version, not a number.
        if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            return Some(Err(j));
        }
    }
    if mantissa.overflow || scale > 28 {
        return Some(Err(j));
    }
    // Below 10^28, the mantissa fits the 96 bits of a decimal.
    let mantissa = mantissa.value();
    let lo = mantissa as u32;
    let mid = (mantissa >> 32) as u32;
    let hi = (mantissa >> 64) as u32;
    Some(Ok((
        Decimal::from_parts(lo, mid, hi, false, scale),
        j,
        int_digits,
        point,
    )))
}

/// Whether `c` is a multiplier char (十 百 千 万 亿 and their 大写 forms).
#[inline]
pub(crate) fn is_multiplier(c: char) -> bool {
    MULTIPLIER.contains(c)
}

/// Lexes the numeral tokens starting at `i`. Spaces between tokens are allowed when a
/// Chinese numeral char stands on either side (`7 万5 千4 百`, `一百 五 十 二`, `十 余 万`).
/// `toks` holds the tokens lexed before `i` (none, or a first Arabic number).
fn lex(chars: &[char], i: usize, toks: &mut Toks) -> Result<(), usize> {
    let mut j = i;
    // The last small unit of the current section: small units must fall (五十千 is 五十).
    let mut last_small: Option<u32> = None;
    while let Some(&c) = chars.get(j) {
        if !LEXED.contains(c) {
            break;
        }
        let prev = toks.last().map(|t| t.0);
        let tok = if c.is_ascii_digit() || c == '.' && toks.is_empty() {
            if matches!(prev, Some(Tok::Arabic(..) | Tok::Digit(_))) {
                break;
            }
            match arabic(chars, j) {
                Some(Ok((v, end, d, p))) => {
                    toks.push((Tok::Arabic(v, d, p), j, end));
                    j = end;
                    continue;
                }
                Some(Err(end)) => {
                    if toks.is_empty() {
                        return Err(end);
                    }
                    break;
                }
                None => break,
            }
        } else if c == '两' {
            // 两 is a digit first (两千, 两个) or before a multiplier after a unit (一万两千);
            // elsewhere after a number it is the weight 两 (三两, 三十两, 两万两). 两两 is a
            // word (in pairs).
            match prev {
                None if chars.get(j + 1) == Some(&'两') => return Ok(()),
                None => Tok::Digit(2),
                Some(Tok::Small(_) | Tok::Big(_))
                    if chars.get(j + 1).is_some_and(|&n| is_multiplier(n)) =>
                {
                    Tok::Digit(2)
                }
                _ => break,
            }
        } else if c == '零' || c == '〇' {
            Tok::Zero
        } else if let Some(d) = digit_value(c) {
            if matches!(prev, Some(Tok::Arabic(..))) {
                break;
            }
            Tok::Digit(d)
        } else if let Some(u) = small_unit(c) {
            if last_small.is_some_and(|v| u >= v) {
                break;
            }
            last_small = Some(u);
            Tok::Small(u)
        } else if let Some(u) = big_unit(c) {
            if toks.is_empty() {
                break;
            }
            last_small = None;
            Tok::Big(u)
        } else if c == '廿' || c == '卅' || c == '卌' {
            if last_small.is_some_and(|v| v <= 10) {
                break;
            }
            last_small = Some(10);
            Tok::Tens(match c {
                '廿' => 20,
                '卅' => 30,
                _ => 40,
            })
        } else if c == '余' || c == '多' {
            // Only between a number and a multiplier or at the end (1300余, 十余万, 550多亿).
            if toks.is_empty() || matches!(prev, Some(Tok::More)) {
                break;
            }
            Tok::More
        } else if c == '几' && !matches!(prev, Some(Tok::Some_)) || c == '数' && toks.is_empty() {
            // 数 only before a multiplier (数十, 数百万): 数据, 数量 are words.
            if c == '数' && !chars.get(j + 1).is_some_and(|&n| is_multiplier(n)) {
                break;
            }
            Tok::Some_
        } else if c == '个'
            && matches!(
                prev,
                Some(Tok::Digit(_) | Tok::Arabic(..) | Tok::Small(_) | Tok::Tens(_) | Tok::Some_)
            )
            && chars.get(j + 1) == Some(&'亿')
        {
            // 两个亿, 十几个亿: the classifier before 亿 is spoken style for 亿.
            j += 1;
            continue;
        } else if c == '半' {
            if !toks.is_empty() || chars.get(j + 1).is_none_or(|&n| small_unit(n).is_none()) {
                break;
            }
            Tok::Half
        } else if c == '打' {
            // 一打 (a dozen); in 三打两建 打 is a verb between numerals.
            if toks.is_empty()
                || matches!(prev, Some(Tok::Times(_)))
                || chars.get(j + 1).is_some_and(|&n| is_chinese_numeral(n))
            {
                break;
            }
            Tok::Times(12)
        } else if (c == 'k' || c == 'K')
            && matches!(prev, Some(Tok::Arabic(..)))
            && !chars.get(j + 1).is_some_and(|n| n.is_ascii_alphabetic())
        {
            Tok::Times(1000)
        } else if c == ' ' && !toks.is_empty() {
            // A run of spaces inside a number: a Chinese numeral (or 余 after one) on the
            // left and a numeral on the right, or Arabic digits before a multiplier.
            let mut k = j;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let last = chars[j - 1];
            let joins = chars.get(k).is_some_and(|&n| {
                (is_chinese_numeral(n)
                    || big_unit(n).is_some()
                    || n.is_ascii_digit()
                    || matches!(n, '余' | '多'))
                    && (is_chinese_numeral(last) || big_unit(last).is_some() || last == '余')
                    && n != '半'
                    || last.is_ascii_digit() && is_multiplier(n)
            });
            if !joins {
                break;
            }
            j = k;
            continue;
        } else {
            break;
        };
        toks.push((tok, j, j + 1));
        j += 1;
    }
    // Trailing 余/多 belongs to the number only when it follows a number or unit, never
    // at the very start; trailing spaces are never part of the number.
    Ok(())
}

#[derive(Default)]
struct Eval {
    total: Decimal,
    section: Decimal,
    pending: Option<Decimal>,
    pending_is_digit: bool,
    /// The unit right before the pending digit (三万五: 万), if no 零 came between.
    unit_before_pending: Option<Decimal>,
    last_unit: Option<Decimal>,
    last_big: Option<Decimal>,
    approx: Approx,
    scaled: bool,
    chinese: bool,
    arabic: bool,
    decimal: bool,
    int_digits: usize,
    units_seen: bool,
    digits_in_row: usize,
    /// How many digits a digit string (二〇二〇) would have: every digit, and every 零 that
    /// follows a digit or comes before any unit.
    digit_string: usize,
    some_trailing: bool,
}

fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// Evaluates tokens `toks[..n]`. Returns the value or `None` if ill-formed or too large.
fn evaluate(toks: &[(Tok, usize, usize)]) -> Option<Eval> {
    let mut e = Eval::default();
    for (idx, &(t, _, _)) in toks.iter().enumerate() {
        match t {
            Tok::Digit(d) => {
                e.chinese = true;
                if e.pending.is_some() && e.pending_is_digit {
                    e.digits_in_row += 1;
                } else {
                    e.digits_in_row = 1;
                }
                e.digit_string += 1;
                e.unit_before_pending = e.last_unit;
                e.pending = Some(Decimal::from(d));
                e.pending_is_digit = true;
                e.last_unit = None;
            }
            Tok::Tens(v) => {
                e.chinese = true;
                e.units_seen = true;
                e.section = add(e.section, Decimal::from(v))?;
                e.last_unit = Some(Decimal::TEN);
                e.pending = None;
            }
            Tok::Arabic(v, d, p) => {
                e.arabic = true;
                e.decimal |= p;
                e.int_digits = e.int_digits.max(d);
                e.pending = Some(v);
                e.pending_is_digit = false;
                e.unit_before_pending = None;
                e.digits_in_row = 0;
                e.last_unit = None;
            }
            Tok::Small(u) => {
                e.chinese = true;
                e.units_seen = true;
                e.scaled = true;
                let u = Decimal::from(u);
                if e.digits_in_row > 1 {
                    return None;
                }
                // A leading 零 before a unit reads as one (零十 = 10).
                let n = match e.pending.take() {
                    Some(p) if !(p.is_zero() && e.pending_is_digit && e.total.is_zero()) => p,
                    _ => Decimal::ONE,
                };
                e.section = add(e.section, mul(n, u)?)?;
                e.last_unit = Some(u);
                e.digits_in_row = 0;
            }
            Tok::Half => {
                e.chinese = true;
                e.pending = Some(Decimal::new(5, 1));
                e.pending_is_digit = false;
            }
            Tok::Big(u) => {
                e.chinese = true;
                e.units_seen = true;
                e.scaled = true;
                if e.digits_in_row > 1 {
                    return None;
                }
                e.digits_in_row = 0;
                // 百二万 = 120万, 一千二万 = 1200万: a last digit right after 百 or 千 takes
                // the next lower place, as at the end of a number.
                let mut pending = e.pending.take().unwrap_or(Decimal::ZERO);
                if e.pending_is_digit {
                    if let Some(l) = e.unit_before_pending {
                        if l >= Decimal::ONE_HUNDRED && l < Decimal::from(10_000) {
                            pending = mul(pending, l / Decimal::TEN)?;
                        }
                    }
                }
                e.unit_before_pending = None;
                let sec = add(e.section, pending)?;
                if sec.is_zero() {
                    // 万亿, 四万万: the unit multiplies what came before.
                    if e.total.is_zero() {
                        return None;
                    }
                    e.total = mul(e.total, u)?;
                } else if e.last_big.is_some_and(|b| u > b) {
                    e.total = mul(add(e.total, sec)?, u)?;
                } else {
                    e.total = add(e.total, mul(sec, u)?)?;
                }
                e.section = Decimal::ZERO;
                e.last_big = Some(e.last_big.map_or(u, |b| b.max(u)));
                e.last_unit = Some(u);
            }
            Tok::Zero => {
                e.chinese = true;
                if e.pending.is_some() && e.pending_is_digit || !e.units_seen {
                    // A digit string (二〇二〇, 一七二零).
                    e.digit_string += 1;
                    e.digits_in_row += 1;
                    e.pending = Some(Decimal::ZERO);
                    e.pending_is_digit = true;
                }
                e.last_unit = None;
                e.unit_before_pending = None;
            }
            Tok::More => {
                e.approx = Approx::MoreThan;
            }
            Tok::Some_ => {
                e.chinese = true;
                e.approx = Approx::MoreThan;
                // Leading 几 (几十, 几百) counts as one; 几 after a place (十几, 二十几万,
                // 一百零几万) as nothing.
                let next_is_unit = toks
                    .get(idx + 1)
                    .is_some_and(|t| matches!(t.0, Tok::Small(_) | Tok::Big(_)));
                if next_is_unit && idx == 0 {
                    e.pending = Some(Decimal::ONE);
                    e.pending_is_digit = false;
                } else {
                    e.some_trailing = true;
                }
            }
            Tok::Times(m) => {
                e.scaled = true;
                let m = Decimal::from(m);
                let sec = add(e.section, e.pending.take().unwrap_or(Decimal::ZERO))?;
                e.total = mul(add(e.total, sec)?, m)?;
                e.section = Decimal::ZERO;
            }
        }
    }
    Some(e)
}

fn finish(mut e: Eval) -> Option<Decimal> {
    let mut tail = e.pending.take().unwrap_or(Decimal::ZERO);
    // Colloquial 三万五 = 35000, 一百二 = 120: a last digit right after a unit takes the
    // next lower place.
    if e.pending_is_digit && e.digits_in_row == 1 {
        if let Some(u) = e.unit_before_pending {
            if u >= Decimal::ONE_HUNDRED || u == Decimal::TEN && e.section.is_zero() {
                tail = mul(tail, u / Decimal::TEN)?;
            }
        }
    }
    add(add(e.total, e.section)?, tail)
}

/// The first char at or after `j` that is not a space.
pub(crate) fn skip_spaces(chars: &[char], mut j: usize) -> usize {
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    j
}

/// The first char at or after `j` that is not a digit or numeral char.
pub(crate) fn skip_numeral(chars: &[char], mut j: usize) -> usize {
    while chars
        .get(j)
        .is_some_and(|&c| c.is_ascii_digit() || is_chinese_numeral(c))
    {
        j += 1;
    }
    j
}

/// Whether a fraction (`X分之Y`) starts at `j`, spaces allowed around 分 and 之: the index
/// after 之.
fn fraction_joiner(chars: &[char], j: usize) -> Option<usize> {
    let f = skip_spaces(chars, j);
    if chars.get(f) != Some(&'分') {
        return None;
    }
    let z = skip_spaces(chars, f + 1);
    (chars.get(z) == Some(&'之')).then(|| skip_spaces(chars, z + 1))
}

/// A fraction's value in percent: `numerator / denominator × 100`, rounded once.
fn percent_of(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    Some(
        numerator
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(denominator)?
            .round_dp(10)
            .normalize(),
    )
}

fn fraction_num(
    start: usize,
    end: usize,
    value: Decimal,
    b: &Num,
    chinese: bool,
    arabic: bool,
) -> Num {
    Num {
        start,
        end,
        value,
        upper: None,
        approx: b.approx,
        chinese: chinese || b.chinese,
        arabic: arabic || b.arabic,
        scaled: false,
        digit_string: false,
        int_digits: 0,
        decimal: b.decimal,
        percent: true,
        trailing_multiplier: None,
    }
}

/// Reads the digits of a decimal part after 点 at `j` (Chinese digits, or Arabic digits
/// after a Chinese integer as in 零点77): the digits and where they end. A clock time
/// (十点三十分, 十点30分) is not a decimal.
fn decimal_digits(chars: &[char], j: usize) -> Option<(String, usize)> {
    let j = skip_spaces(chars, j);
    let mut frac = String::new();
    let mut k = j;
    if chars.get(k).is_some_and(char::is_ascii_digit) {
        while let Some(c) = chars.get(k).filter(|c| c.is_ascii_digit()) {
            frac.push(*c);
            k += 1;
        }
    } else {
        while let Some(d) = chars
            .get(k)
            .filter(|&&c| c != '两')
            .and_then(|&c| digit_value(c))
        {
            frac.push(char::from_digit(d, 10).unwrap_or('0'));
            k += 1;
        }
    }
    let clock = chars
        .get(k)
        .is_some_and(|&c| small_unit(c).is_some() || matches!(c, '分' | '刻' | '时' | '点'));
    (!frac.is_empty() && !clock).then_some((frac, k))
}

/// What the first token of a number tells.
enum First {
    /// An Arabic number or a single Chinese digit that no numeral char continues: the
    /// whole number.
    Alone(Num),
    /// A dotted code or date (2021.5.12) ending here.
    Code(usize),
    /// Lex the number, after this first Arabic token if any.
    Lex(Option<Lexeme>),
}

/// Reads an Arabic number or a Chinese digit at `body`. When no numeral char continues it
/// (2021, 99.97, .5, 一件, 三个), this is the number the lexer and `build` would make of
/// its one token, without them.
fn first_token(chars: &[char], body: usize, start: usize) -> First {
    let Some(&c) = chars.get(body) else {
        return First::Lex(None);
    };
    if !(c.is_ascii_digit() || c == '.') {
        return match digit_value(c) {
            Some(d) if d > 0 && chinese_digit_ends(chars, body + 1) => First::Alone(Num {
                start,
                end: body + 1,
                value: Decimal::from(d),
                upper: None,
                approx: Approx::Exact,
                chinese: true,
                arabic: false,
                scaled: false,
                digit_string: false,
                int_digits: 0,
                decimal: false,
                percent: false,
                trailing_multiplier: None,
            }),
            _ => First::Lex(None),
        };
    }
    match arabic(chars, body) {
        Some(Ok((value, end, int_digits, point))) if arabic_ends(chars, end) => First::Alone(Num {
            start,
            end,
            value,
            upper: None,
            approx: Approx::Exact,
            chinese: false,
            arabic: true,
            scaled: false,
            digit_string: !point,
            int_digits,
            decimal: point,
            percent: false,
            trailing_multiplier: None,
        }),
        Some(Ok((v, end, d, p))) => First::Lex(Some((Tok::Arabic(v, d, p), body, end))),
        Some(Err(end)) => First::Code(end),
        None => First::Lex(None),
    }
}

/// Whether the lexer ends a number at `end`, right after an Arabic number: no char that
/// may continue one follows (5万, 1300余, 10k), a 个 is not the spoken 个亿 (两个亿), and
/// spaces lead to no multiplier (`7 万`).
fn arabic_ends(chars: &[char], end: usize) -> bool {
    match chars.get(end) {
        None => true,
        Some('个') => chars.get(end + 1) != Some(&'亿'),
        Some(' ') => !chars
            .get(skip_spaces(chars, end))
            .is_some_and(|&n| is_multiplier(n)),
        Some(&c) => !AFTER_ARABIC.contains(c),
    }
}

/// Whether the lexer ends a number at `next`, right after a first Chinese digit (not 零):
/// no char it reads follows, or a 个 that is not the spoken 个亿, or 半 (一半).
fn chinese_digit_ends(chars: &[char], next: usize) -> bool {
    match chars.get(next) {
        None => true,
        Some('个') => chars.get(next + 1) != Some(&'亿'),
        Some('半') => true,
        Some(&c) => !LEXED.contains(c),
    }
}

/// The number the lexed tokens make from `start`: `None` if they make none, `Err(end)` if
/// they are ill-formed or too large (skip to `end`).
fn lexed_number(chars: &[char], start: usize, toks: &mut Toks) -> Option<Result<Num, usize>> {
    let i = start;
    // A number cannot end on a leading-only token; drop a dangling 半.
    while matches!(toks.last(), Some((Tok::Half, ..))) {
        toks.pop();
    }
    let toks = toks.as_slice();
    if toks.is_empty() || toks.iter().all(|t| matches!(t.0, Tok::More | Tok::Some_)) {
        return None;
    }
    let Some(mut num) = build(chars, toks, i) else {
        return Some(Err(toks.last().map_or(i + 1, |t| t.2)));
    };
    // 一二点三零: two digits before a decimal point are a digit string, not a range.
    if let [(Tok::Digit(a), ..), (Tok::Digit(b), ..)] = toks {
        if num.upper.is_some()
            && chars.get(skip_spaces(chars, num.end)) == Some(&'点')
            && decimal_digits(chars, skip_spaces(chars, num.end) + 1).is_some()
        {
            num.value = Decimal::from(a * 10 + b);
            num.upper = None;
            num.approx = Approx::Exact;
            num.digit_string = true;
            num.scaled = false;
        }
    }
    Some(Ok(num))
}

/// Scans a number starting at `chars[i]`.
pub(crate) fn scan(chars: &[char], i: usize) -> Option<Scan> {
    scan_nested(chars, i, 0)
}

/// Scans a number; `depth` counts the fractions being read around it (a numerator is
/// scanned at depth + 1), so that chains such as 一分之一分之一… stay shallow and linear.
fn scan_nested(chars: &[char], i: usize, depth: u8) -> Option<Scan> {
    let c = *chars.get(i)?;
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let starts_number = |j: usize| {
        chars
            .get(j)
            .is_some_and(|&n| n.is_ascii_digit() || is_chinese_numeral(n))
            || chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit)
    };
    let (neg, body) = match c {
        // 负三十二, 负 1,200,000.
        '负' | '負' => {
            let j = skip_spaces(chars, i + 1);
            if j > i + 3 || !starts_number(j) {
                return None;
            }
            (true, j)
        }
        // A minus sign, not a dash run (－－9) or a joiner.
        '-' if prev != Some('-') && starts_number(i + 1) && chars.get(i + 1) != Some(&' ') => {
            (true, i + 1)
        }
        '-' => return None,
        // A number that begins with its point (.5): not after digits, letters or dots.
        '.' if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') => return None,
        // 万分之三, 万万分之七: a fraction whose denominator is a bare multiplier; 近万,
        // 逾万, 万余: ten thousand, written as its multiplier alone.
        '万' | '亿' => match big_denominator(chars, i, depth) {
            Some(s) => return Some(s),
            None => return bare_myriad(chars, i).map(Scan::Number),
        },
        _ => (false, i),
    };
    let mut num = match first_token(chars, body, i) {
        First::Alone(num) => num,
        First::Code(end) => return Some(Scan::Skip(i, end)),
        First::Lex(first) => {
            let mut toks = Toks::new();
            // An Arabic number with more after it (5万, 1300余) is read once.
            let at = match first {
                Some(t) => {
                    toks.push(t);
                    t.2
                }
                None => body,
            };
            if let Err(end) = lex(chars, at, &mut toks) {
                return Some(Scan::Skip(i, end));
            }
            match lexed_number(chars, i, &mut toks)? {
                Ok(num) => num,
                Err(end) => return Some(Scan::Skip(i, end)),
            }
        }
    };
    if neg {
        num.value = -num.value;
    }
    // The usual number ends on a char that begins none of the forms read below (a decimal
    // 点, a fraction 分之 or /, a whole number and a fraction 又, spaces before them).
    if !matches!(chars.get(num.end), Some(' ' | '点' | '分' | '/' | '又')) {
        return Some(Scan::Number(num));
    }
    // Chinese decimals: 三点五, 二十六点三三, 四百 点 五, 零点77 (点两 is not a decimal:
    // 两百点两).
    let p = skip_spaces(chars, num.end);
    if num.chinese && !num.arabic && num.upper.is_none() && chars.get(p) == Some(&'点') {
        if let Some((frac, j)) = decimal_digits(chars, p + 1) {
            if let Ok(f) = format!("0.{frac}").parse::<Decimal>() {
                // Too large to take its decimal part: not a number.
                let Some(v) = (if neg {
                    num.value.checked_sub(f)
                } else {
                    num.value.checked_add(f)
                }) else {
                    return Some(Scan::Skip(i, j));
                };
                num.value = v;
                num.end = j;
                num.decimal = true;
                num.trailing_multiplier = None;
            }
        }
    }
    if depth >= 2 {
        return Some(Scan::Number(num));
    }
    // Fractions: 四分之一, 百分之三十, 千分之五, 五 分之 一.
    if let Some(z) = fraction_joiner(chars, num.end) {
        if let Some(Scan::Number(b)) = scan_nested(chars, z, depth + 1) {
            if !num.value.is_zero() && b.start == z && !b.percent {
                let ratio = percent_of(b.value, num.value)?;
                return Some(Scan::Number(fraction_num(
                    i,
                    b.end,
                    ratio,
                    &b,
                    num.chinese,
                    num.arabic,
                )));
            }
        }
    }
    // 16/5, -3/2: an Arabic fraction, not a date (2021/9/24) or a code.
    if num.arabic && !num.chinese && !num.decimal && !num.scaled && chars.get(num.end) == Some(&'/')
    {
        if let Some(Ok((den, end, _, false))) = arabic(chars, num.end + 1) {
            let after = chars.get(end).copied();
            let code = prev == Some('/')
                || after.is_some_and(|a| {
                    a.is_ascii_alphanumeric()
                        || matches!(a, '/' | '.' | '-' | '月' | '日' | '号' | '时')
                });
            if !code && !den.is_zero() {
                let b = Num {
                    start: num.end + 1,
                    end,
                    value: den,
                    ..num.clone()
                };
                let ratio = percent_of(num.value, den)?;
                return Some(Scan::Number(fraction_num(i, end, ratio, &b, false, true)));
            }
        }
    }
    // 三百五十又三分之一, 负一又二分之一: a whole number and a fraction.
    let y = skip_spaces(chars, num.end);
    // Not after a range (三五又…): the fraction would add to one bound only.
    if depth == 0
        && !num.percent
        && !num.decimal
        && num.upper.is_none()
        && chars.get(y) == Some(&'又')
    {
        let z = skip_spaces(chars, y + 1);
        if let Some(Scan::Number(f)) = scan_nested(chars, z, depth + 1) {
            if f.percent && f.start == z && f.value >= Decimal::ZERO {
                let part = f.value.checked_div(Decimal::ONE_HUNDRED);
                let whole = part.and_then(|part| {
                    if neg {
                        num.value.checked_sub(part)
                    } else {
                        num.value.checked_add(part)
                    }
                });
                // Too large to take its fraction: not a number.
                let Some(v) = whole else {
                    return Some(Scan::Skip(i, f.end));
                };
                num.value = v;
                num.end = f.end;
                num.decimal = true;
                num.chinese |= f.chinese;
                num.arabic |= f.arabic;
                num.trailing_multiplier = None;
                num.digit_string = false;
            }
        }
    }
    Some(Scan::Number(num))
}

/// 万分之三, 万万分之七, 亿分之一: the denominator is a multiplier standing alone.
/// The number a 万 (or 万亿) at `i` with no digit before it writes (10000, 10^12), with a
/// 余 or 多 after it: after an approximation word (`近万名`, `逾万人`, `上万家`, `超万亿元`)
/// or before 余/多 (`万余人`). Elsewhere it is a word (`万人空巷`, `每万人`, `万一`).
fn bare_myriad(chars: &[char], i: usize) -> Option<Num> {
    if chars.get(i) != Some(&'万') {
        return None;
    }
    let (value, mut end) = if chars.get(i + 1) == Some(&'亿') {
        (Decimal::from(1_000_000_000_000u64), i + 2)
    } else {
        (Decimal::from(10_000u32), i + 1)
    };
    let prev = i.checked_sub(1).and_then(|p| chars.get(p));
    let more = matches!(chars.get(end), Some('余' | '多'));
    if !more && !matches!(prev, Some('近' | '逾' | '超' | '过' | '上' | '约' | '数')) {
        return None;
    }
    // 上万, 过万 (over ten thousand) say more than with a word that is no approximation
    // word elsewhere (线上3场).
    let approx = if more {
        end += 1;
        Approx::MoreThan
    } else if matches!(prev, Some('上' | '过')) {
        Approx::MoreThan
    } else {
        Approx::Exact
    };
    Some(Num {
        start: i,
        end,
        value,
        upper: None,
        approx,
        chinese: true,
        arabic: false,
        scaled: true,
        digit_string: false,
        int_digits: 0,
        decimal: false,
        percent: false,
        trailing_multiplier: None,
    })
}

fn big_denominator(chars: &[char], i: usize, depth: u8) -> Option<Scan> {
    if depth >= 2 {
        return None;
    }
    let mut den = Decimal::ONE;
    let mut j = i;
    while let Some(u) = chars.get(j).and_then(|&c| big_unit(c)) {
        if j >= i + 2 {
            return None;
        }
        den = den.checked_mul(u)?;
        j += 1;
    }
    let z = fraction_joiner(chars, j)?;
    let Scan::Number(b) = scan_nested(chars, z, depth + 1)? else {
        return None;
    };
    if b.start != z || b.percent {
        return None;
    }
    let ratio = percent_of(b.value, den)?;
    Some(Scan::Number(fraction_num(i, b.end, ratio, &b, true, false)))
}

fn build(chars: &[char], toks: &[(Tok, usize, usize)], start: usize) -> Option<Num> {
    let end = toks.last()?.2;
    // 五六个, 七八百, 三四十: two consecutive digits make an approximate range.
    if let [(Tok::Digit(a), ..), (Tok::Digit(b), ..), rest @ ..] = toks {
        // 三五 (three to five) is the one non-adjacent pair in use.
        if (*b == a + 1 || (*a, *b) == (3, 5)) && *a >= 1 {
            let scale = match rest.first() {
                Some((Tok::Small(u), ..)) => Some(Decimal::from(*u)),
                Some((Tok::Big(u), ..)) => Some(*u),
                None => Some(Decimal::ONE),
                _ => None,
            };
            let further = rest.get(1).map(|t| t.0);
            if let (Some(s), None | Some(Tok::Big(_))) = (scale, further) {
                let big = match further {
                    Some(Tok::Big(u)) => u,
                    _ => Decimal::ONE,
                };
                let used = if further.is_some() {
                    4
                } else {
                    2 + rest.len().min(1)
                };
                let end = toks[used - 1].2;
                return Some(Num {
                    start,
                    end,
                    value: mul(mul(Decimal::from(*a), s)?, big)?,
                    upper: Some(mul(mul(Decimal::from(*b), s)?, big)?),
                    approx: Approx::About,
                    chinese: true,
                    arabic: false,
                    scaled: !rest.is_empty(),
                    digit_string: false,
                    int_digits: 0,
                    decimal: false,
                    percent: false,
                    trailing_multiplier: None,
                });
            }
        }
    }
    let e = evaluate(toks)?;
    let chinese = e.chinese;
    let arabic = e.arabic;
    let scaled = e.scaled;
    let decimal = e.decimal;
    let int_digits = e.int_digits;
    let approx = e.approx;
    let units_seen = e.units_seen;
    let is_digit_string = !units_seen && e.digit_string >= 2 && !arabic;
    let value = if is_digit_string {
        digit_string_value(toks)?
    } else {
        finish(e)?
    };
    let last = toks.last()?;
    let trailing_multiplier = match last.0 {
        Tok::Small(_) | Tok::Big(_) | Tok::Times(1000) if toks.len() > 1 => Some(last.1),
        _ => None,
    };
    let _ = chars;
    Some(Num {
        start,
        end,
        value,
        upper: None,
        approx,
        chinese,
        arabic,
        scaled,
        digit_string: is_digit_string || (arabic && !scaled && !decimal && toks.len() == 1),
        int_digits,
        decimal,
        percent: false,
        trailing_multiplier,
    })
}

/// The value of a digit string (二〇二〇, 一七二零): with no unit among the tokens, every
/// digit and 零 is one of its digits.
fn digit_string_value(toks: &[Lexeme]) -> Option<Decimal> {
    let digits = toks.iter().filter_map(|t| match t.0 {
        Tok::Digit(d) => Some(d),
        Tok::Zero => Some(0),
        _ => None,
    });
    // Up to 19 digits fit a u64; longer strings go through the decimal parser.
    if digits.clone().count() <= 19 {
        let v = digits.fold(0u64, |v, d| v * 10 + u64::from(d));
        return Some(Decimal::from(v));
    }
    let s: String = digits.filter_map(|d| char::from_digit(d, 10)).collect();
    s.parse::<Decimal>().ok()
}

/// Re-scans the number at `num.start` without its last multiplier char (for `5千克`).
pub(crate) fn without_trailing_multiplier(chars: &[char], num: &Num) -> Option<Num> {
    let cut = num.trailing_multiplier?;
    match scan(&chars[..cut], num.start)? {
        Scan::Number(n) if n.end == cut => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<(String, usize)> {
        let chars: Vec<char> = s.chars().collect();
        match scan(&chars, 0)? {
            Scan::Number(n) => Some((n.value.normalize().to_string(), n.end)),
            Scan::Skip(..) => None,
        }
    }

    fn v(s: &str) -> String {
        value(s).map(|x| x.0).unwrap_or_else(|| "-".into())
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(v("一千二百三十"), "1230");
        assert_eq!(v("两万"), "20000");
        assert_eq!(v("一千零一十"), "1010");
        assert_eq!(v("四亿五千六百四十二万零一十五"), "456420015");
        assert_eq!(v("五兆六十二亿四万五千二"), "5006200045200");
        assert_eq!(v("十五"), "15");
        assert_eq!(v("十"), "10");
        assert_eq!(v("四万万"), "400000000");
        assert_eq!(v("壹佰伍拾"), "150");
        assert_eq!(v("拾万零五十六"), "100056");
    }

    #[test]
    fn colloquial_forms() {
        assert_eq!(v("三万五"), "35000");
        assert_eq!(v("一百二"), "120");
        assert_eq!(v("九十二万四"), "924000");
        assert_eq!(v("五亿零六"), "500000006");
        assert_eq!(v("百三"), "130");
        assert_eq!(v("半百"), "50");
    }

    #[test]
    fn digit_strings_and_ranges() {
        assert_eq!(v("二〇二〇"), "2020");
        assert_eq!(v("一七二零"), "1720");
        let chars: Vec<char> = "五六个".chars().collect();
        let Some(Scan::Number(n)) = scan(&chars, 0) else {
            panic!()
        };
        assert_eq!(
            (n.value, n.upper),
            (Decimal::from(5), Some(Decimal::from(6)))
        );
        assert_eq!(n.end, 2);
        let chars: Vec<char> = "三四十人".chars().collect();
        let Some(Scan::Number(n)) = scan(&chars, 0) else {
            panic!()
        };
        assert_eq!(
            (n.value, n.upper),
            (Decimal::from(30), Some(Decimal::from(40)))
        );
    }

    #[test]
    fn arabic_and_mixed() {
        assert_eq!(v("1,050,000,000"), "1050000000");
        assert_eq!(v("1.1亿"), "110000000");
        assert_eq!(v("34.03万"), "340300");
        assert_eq!(v("15000万"), "150000000");
        assert_eq!(v("33亿7109.6万"), "3371096000");
        assert_eq!(v("4.78万亿"), "4780000000000");
        assert_eq!(v("5万4千6百"), "54600");
        assert_eq!(v("100万三千"), "1003000");
        assert_eq!(v("7 万5 千4 百"), "75400");
        assert_eq!(v("40k"), "40000");
        assert_eq!(v("-10000"), "-10000");
        assert_eq!(v("负三十二"), "-32");
    }

    #[test]
    fn approximations_inside() {
        let chars: Vec<char> = "550多亿元".chars().collect();
        let Some(Scan::Number(n)) = scan(&chars, 0) else {
            panic!()
        };
        assert_eq!(n.value, Decimal::from(55_000_000_000u64));
        assert_eq!(n.approx, Approx::MoreThan);
        assert_eq!(v("十余万"), "100000");
        assert_eq!(v("1300余"), "1300");
        assert_eq!(v("二十几万"), "200000");
        assert_eq!(v("几十"), "10");
    }

    #[test]
    fn fractions_are_percentages() {
        assert_eq!(v("四分之一"), "25");
        assert_eq!(v("百分之三十"), "30");
        assert_eq!(v("千分之五"), "0.5");
        assert_eq!(v("百分之五十五点五七九"), "55.579");
        assert_eq!(v("三分之二"), "66.6666666667");
    }

    #[test]
    fn decimals_and_codes() {
        assert_eq!(v("三点五"), "3.5");
        assert_eq!(value("两百点两"), Some(("200".into(), 2)));
        assert_eq!(value("2021.5.12"), None);
        assert_eq!(value("99.97%"), Some(("99.97".into(), 5)));
    }

    #[test]
    fn char_sets_follow_the_definitions() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let numeral = digit_value(c).is_some()
                || small_unit(c).is_some()
                || matches!(c, '廿' | '卅' | '卌' | '几' | '半');
            assert_eq!(is_chinese_numeral(c), numeral, "{c}");
            let start = c.is_ascii_digit()
                || numeral
                || matches!(c, '负' | '負' | '-' | '.' | '数' | '万' | '亿');
            assert_eq!(can_start(c), start, "{c}");
            let multiplier = small_unit(c).is_some() || big_unit(c).is_some();
            assert_eq!(is_multiplier(c), multiplier, "{c}");
            // Every char a branch of the lexer reads is in LEXED.
            let lexed = c.is_ascii_digit()
                || digit_value(c).is_some()
                || multiplier
                || ".廿卅卌余多几数个半打kK ".contains(c);
            assert_eq!(LEXED.contains(c), lexed, "{c}");
        }
    }

    #[test]
    fn an_arabic_number_stands_alone_before_other_chars() {
        // Where `arabic_ends` holds, the lexer reads no further token (the shortcut of
        // `first_token`).
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for tail in ["十", "亿", "万", "1", "余", " 万"] {
                let chars: Vec<char> = format!("12{c}{tail}").chars().collect();
                let Some(Ok((_, end, ..))) = arabic(&chars, 0) else {
                    panic!("12{c}{tail}");
                };
                if !arabic_ends(&chars, end) {
                    continue;
                }
                let mut toks = Toks::new();
                assert!(lex(&chars, 0, &mut toks).is_ok());
                assert!(
                    matches!(toks.as_slice(), [(Tok::Arabic(..), 0, e)] if *e == end),
                    "12{c}{tail}"
                );
            }
        }
    }

    #[test]
    fn a_chinese_digit_stands_alone_where_the_lexer_stops() {
        // Where `chinese_digit_ends` holds, the lexer and `build` make the number that
        // `first_token` makes without them.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for first in ['一', '两', '五', '玖', '幺'] {
                for tail in ["", "亿", "十", "两"] {
                    let chars: Vec<char> = format!("{first}{c}{tail}").chars().collect();
                    let First::Alone(alone) = first_token(&chars, 0, 0) else {
                        continue;
                    };
                    let mut toks = Toks::new();
                    assert!(lex(&chars, 0, &mut toks).is_ok());
                    let lexed = lexed_number(&chars, 0, &mut toks);
                    assert!(
                        matches!(&lexed, Some(Ok(n)) if *n == alone),
                        "{first}{c}{tail}: {lexed:?} {alone:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_numbers_spill_past_the_inline_tokens() {
        assert_eq!(
            v("一二三四五六七八九零一二三四五六七八九"),
            "1234567890123456789"
        );
        assert_eq!(
            v("一二三四五六七八九零一二三四五六七八九零一二三四五六七"),
            "123456789012345678901234567"
        );
        assert_eq!(v("五兆六千亿七千八百九十万零一百二十三"), "5600078900123");
        assert_eq!(v("一 二 三 四 五 六 七 八 九 零 一 二 三"), "1234567890123");
    }

    #[test]
    fn a_range_takes_no_whole_and_fraction() {
        // Found by the numeral grammar: 三五又几十分之743 was 77.3 with an upper bound of 5.
        let chars: Vec<char> = "三五又二分之一".chars().collect();
        let Some(Scan::Number(n)) = scan(&chars, 0) else {
            panic!()
        };
        assert_eq!(
            (n.value, n.upper, n.end),
            (Decimal::from(3), Some(Decimal::from(5)), 2)
        );
        assert_eq!(v("三又二分之一"), "3.5");
    }

    #[test]
    fn non_numbers() {
        assert_eq!(value("万"), None);
        assert_eq!(value("余额"), None);
        assert_eq!(value("负责"), None);
    }
}
