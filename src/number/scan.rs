//! The scanner: the number at a position, with its fractions (四分之一, 百分之三十), Chinese
//! decimals (三点五) and bare myriads (近万名).

use rust_decimal::Decimal;

use super::approx::Approx;
use super::arabic::arabic;
use super::eval::build;
use super::lex::{Lexeme, Tok, Toks, lex};
use super::{Num, Scanned};
use crate::lexicon::numerals::{
    AFTER_ARABIC, LEXED, big_unit, digit_value, is_chinese_numeral, is_multiplier, skip_spaces,
    small_unit,
};

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
pub(super) enum First {
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
pub(super) fn first_token(chars: &[char], body: usize, start: usize) -> First {
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
pub(super) fn arabic_ends(chars: &[char], end: usize) -> bool {
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
pub(super) fn chinese_digit_ends(chars: &[char], next: usize) -> bool {
    match chars.get(next) {
        None => true,
        Some('个') => chars.get(next + 1) != Some(&'亿'),
        Some('半') => true,
        Some(&c) => !LEXED.contains(c),
    }
}

/// The number the lexed tokens make from `start`: `None` if they make none, `Err(end)` if
/// they are ill-formed or too large (skip to `end`).
pub(super) fn lexed_number(
    chars: &[char],
    start: usize,
    toks: &mut Toks,
) -> Option<Result<Num, usize>> {
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
    if let [(Tok::Digit(a), ..), (Tok::Digit(b), ..)] = toks
        && num.upper.is_some()
        && chars.get(skip_spaces(chars, num.end)) == Some(&'点')
        && decimal_digits(chars, skip_spaces(chars, num.end) + 1).is_some()
    {
        num.value = Decimal::from(a * 10 + b);
        num.upper = None;
        num.approx = Approx::Exact;
        num.digit_string = true;
        num.scaled = false;
    }
    Some(Ok(num))
}

/// Scans a number starting at `chars[i]`.
pub(crate) fn scan(chars: &[char], i: usize) -> Option<Scanned> {
    scan_nested(chars, i, 0)
}

/// Scans a number; `depth` counts the fractions being read around it (a numerator is
/// scanned at depth + 1), so that chains such as 一分之一分之一… stay shallow and linear.
fn scan_nested(chars: &[char], i: usize, depth: u8) -> Option<Scanned> {
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
            None => return bare_myriad(chars, i).map(Scanned::Number),
        },
        _ => (false, i),
    };
    let mut num = match first_token(chars, body, i) {
        First::Alone(num) => num,
        First::Code(end) => return Some(Scanned::Skip(i, end)),
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
                return Some(Scanned::Skip(i, end));
            }
            match lexed_number(chars, i, &mut toks)? {
                Ok(num) => num,
                Err(end) => return Some(Scanned::Skip(i, end)),
            }
        }
    };
    if neg {
        num.value = -num.value;
    }
    // The usual number ends on a char that begins none of the forms read below (a decimal
    // 点, a fraction 分之 or /, a whole number and a fraction 又, spaces before them).
    if !matches!(chars.get(num.end), Some(' ' | '点' | '分' | '/' | '又')) {
        return Some(Scanned::Number(num));
    }
    // Chinese decimals: 三点五, 二十六点三三, 四百 点 五, 零点77 (点两 is not a decimal:
    // 两百点两).
    let p = skip_spaces(chars, num.end);
    if num.chinese
        && !num.arabic
        && num.upper.is_none()
        && chars.get(p) == Some(&'点')
        && let Some((frac, j)) = decimal_digits(chars, p + 1)
        && let Ok(f) = format!("0.{frac}").parse::<Decimal>()
    {
        // Too large to take its decimal part: not a number.
        let Some(v) = (if neg {
            num.value.checked_sub(f)
        } else {
            num.value.checked_add(f)
        }) else {
            return Some(Scanned::Skip(i, j));
        };
        num.value = v;
        num.end = j;
        num.decimal = true;
        num.trailing_multiplier = None;
    }
    if depth >= 2 {
        return Some(Scanned::Number(num));
    }
    // Fractions: 四分之一, 百分之三十, 千分之五, 五 分之 一.
    if let Some(z) = fraction_joiner(chars, num.end)
        && let Some(Scanned::Number(b)) = scan_nested(chars, z, depth + 1)
        && !num.value.is_zero()
        && b.start == z
        && !b.percent
    {
        let ratio = percent_of(b.value, num.value)?;
        return Some(Scanned::Number(fraction_num(
            i,
            b.end,
            ratio,
            &b,
            num.chinese,
            num.arabic,
        )));
    }
    // 16/5, -3/2: an Arabic fraction, not a date (2021/9/24) or a code.
    if num.arabic
        && !num.chinese
        && !num.decimal
        && !num.scaled
        && chars.get(num.end) == Some(&'/')
        && let Some(Ok((den, end, _, false))) = arabic(chars, num.end + 1)
    {
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
            return Some(Scanned::Number(fraction_num(
                i, end, ratio, &b, false, true,
            )));
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
        if let Some(Scanned::Number(f)) = scan_nested(chars, z, depth + 1)
            && f.percent
            && f.start == z
            && f.value >= Decimal::ZERO
        {
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
                return Some(Scanned::Skip(i, f.end));
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
    Some(Scanned::Number(num))
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

fn big_denominator(chars: &[char], i: usize, depth: u8) -> Option<Scanned> {
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
    let Scanned::Number(b) = scan_nested(chars, z, depth + 1)? else {
        return None;
    };
    if b.start != z || b.percent {
        return None;
    }
    let ratio = percent_of(b.value, den)?;
    Some(Scanned::Number(fraction_num(
        i, b.end, ratio, &b, true, false,
    )))
}

/// Re-scans the number at `num.start` without its last multiplier char (for `5千克`).
pub(crate) fn without_trailing_multiplier(chars: &[char], num: &Num) -> Option<Num> {
    let cut = num.trailing_multiplier?;
    match scan(&chars[..cut], num.start)? {
        Scanned::Number(n) if n.end == cut => Some(n),
        _ => None,
    }
}
