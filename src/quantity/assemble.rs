//! Assembling a quantity from a number: its unit, approximation words around it, halves
//! (半个小时), and the output buffer.

use rust_decimal::Decimal;

use super::arith::{HALF, times};
use super::marks::{is_index_context, is_year, not_quantity};
use super::range::{RangeEnd, included_mark, joiner_end, range_end};
use super::unit_read::read_unit;
use super::words::ApproxWords;
use super::{Found, QuantityClass};
use crate::number;
use crate::number::{Approx, Num, Scanned};
use crate::unit::{Kind, Reading, Unit, UnitMatch, Units};

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
        role: QuantityClass::Bare,
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
pub(super) fn quantity_after(
    chars: &[char],
    start: usize,
    num: Num,
    currency: Option<&'static str>,
    units: &Units,
    approx: &ApproxWords,
    out: &mut Vec<Found>,
) -> (QuantityClass, usize, usize) {
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
pub(super) fn push(out: &mut Vec<Found>, f: Found, text_len: usize) {
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
        f.role = QuantityClass::NotQuantity;
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
    if f.upper.is_none()
        && f.da_noun.is_none()
        && let Some(k) = joiner_end(chars, j)
        && chars
            .get(k)
            .is_some_and(|&c| number::can_start(c) && c != '-')
        && let Some(Scanned::Number(second)) = number::scan(chars, k)
        && second.start == k
    {
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
    // A currency sign or name before the number: ¥300, 人民币3.14, 港币两千九百六十元.
    if let Some(c) = currency {
        match &f.unit {
            None | Some(Unit::Currency("元")) => f.unit = Some(Unit::Currency(c)),
            Some(Unit::Currency(_)) => {}
            Some(_) => f.start = f.num_start,
        }
    }
    // Compound units: 元/吨, 人/平方公里, 微克/立方米, 元每吨.
    if f.unit.is_some()
        && matches!(chars.get(j), Some('/') | Some('每'))
        && let Some(u) = f.unit.clone()
        && let Some(m) = units.match_at(chars, j + 1)
        && let Reading::Unit(den, _) = m.reading
        && !matches!(den, Unit::Percent)
    {
        f.unit = Some(Unit::Per(Box::new(u), Box::new(den.clone())));
        f.count_word = false;
        j = j + 1 + m.len;
    }
    f.end = j;
    if f.unit.is_some() || f.da_noun.is_some() {
        f.role = QuantityClass::Unit;
    }
    attach_approx(chars, f, approx);
    if f.role == QuantityClass::Bare && is_index_context(chars, f.start) {
        f.role = QuantityClass::Index;
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
pub(super) fn half(chars: &[char], i: usize, units: &Units, approx: &ApproxWords) -> Option<Found> {
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
    f.role = QuantityClass::Unit;
    f.num_end = j;
    f.value = value;
    f.num_value = half;
    f.unit = Some(unit);
    f.count_word = count;
    f.chinese_only = true;
    attach_approx(chars, &mut f, approx);
    Some(f)
}
