//! Amounts in parts and discounts: 五元六角, 一块二, 三米九, and 八折.

use rust_decimal::Decimal;

use super::arith::{plus, times};
use crate::lexicon::chars::is_han;
use crate::number;
use crate::number::Num;
use crate::unit::{Reading, UnitMatch, Units};

/// Whether nothing that continues a number stands at `k`: no digit, numeral, multiplier,
/// point or unit (the end of a spoken amount such as 一块二 or 三米九).
pub(super) fn number_ends(chars: &[char], k: usize, units: &Units) -> bool {
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
pub(super) fn one_digit(chars: &[char], k: usize) -> Option<(Decimal, usize)> {
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
pub(super) fn money_parts(
    chars: &[char],
    j: usize,
    first: &Num,
    units: &Units,
) -> Option<(Decimal, usize)> {
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
pub(super) fn jiao(
    chars: &[char],
    num: &Num,
    units: &Units,
) -> Option<Result<(Decimal, usize), usize>> {
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
pub(super) fn discount(chars: &[char], num: &Num) -> Option<(Decimal, Option<Decimal>, usize)> {
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
