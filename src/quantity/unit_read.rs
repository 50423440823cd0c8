//! Reading the unit after a number: multipliers given back to units (5千克), 半 after a
//! unit (三年半), and the checked arithmetic of applying a unit's factor.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::arith::{HALF, plus, times};
use super::money::{discount, jiao, money_parts, number_ends, one_digit};
use crate::lexicon::chars::is_han;
use crate::number;
use crate::number::{Approx, Num, Scanned};
use crate::unit::{Kind, Reading, Unit, UnitMatch, Units};

/// What follows a number: its unit and what the unit adds.
pub(super) struct UnitRead {
    /// The value in the unit: the number times the unit's factor plus the parts written
    /// after the unit (五元六角, 三斤半, 七成六).
    pub(super) value: Decimal,
    pub(super) upper: Option<Decimal>,
    /// The unit's factor (成 = 10).
    pub(super) factor: Decimal,
    pub(super) unit: Option<Unit>,
    pub(super) count: bool,
    pub(super) noun: bool,
    /// An approximation the reading implies (一两天 is 1-2 days, about).
    pub(super) approx: Option<Approx>,
    /// A date, clock time or code marker follows: not a quantity.
    pub(super) not_quantity: bool,
    /// One past the unit and its parts.
    pub(super) end: usize,
}

/// Reads the unit after a number: %, ‰, a discount (八折), a fraction of a unit
/// (四分之一公升), a unit of the lexicon with what spoken style writes after it (一块二,
/// 五元六角, 三斤半, 三米九, 七成六, 一个半小时), and 角/毛 amounts. A value that overflows
/// on the way (`7922816251426433759354395033成`) makes no quantity: the reading is marked
/// `not_quantity` up to where the unit ends.
pub(super) fn read_unit(chars: &[char], num: &mut Num, units: &Units) -> UnitRead {
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
        && let Some(UnitMatch {
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
                && *c != "元"
            {
                u = Cow::Owned(Unit::Currency(c));
                end += len;
            }
        }
        // 两美元又三美分: a smaller coin of the same currency after the amount.
        Unit::Currency(c) if upper.is_none() && fac == Decimal::ONE => {
            let k = end + usize::from(matches!(chars.get(end), Some('又' | '零')));
            if let Some(Scanned::Number(n2)) = number::scan(chars, k).filter(|_| k < chars.len())
                && n2.start == k
                && n2.upper.is_none()
                && !n2.percent
                && let Some(UnitMatch {
                    len,
                    reading: Reading::Unit(Unit::Currency(c2), f2),
                    ..
                }) = units.match_at(chars, n2.end)
                && c2 == c
                && *f2 < Decimal::ONE
            {
                end = n2.end + len;
                value = times(n2.value, *f2)
                    .and_then(|coins| plus(value, coins))
                    .ok_or(end)?;
            }
        }
        // 七成六 (76%), 三成半 (35%).
        Unit::Percent if chars.get(end - 1) == Some(&'成') && upper.is_none() => {
            let k = number::skip_spaces(chars, end);
            if chars.get(k) == Some(&'半') {
                end = k + 1;
                value = plus(value, Decimal::from(5)).ok_or(end)?;
            } else if let Some((d, e)) = one_digit(chars, k).filter(|_| !chars[k].is_ascii_digit())
                && number_ends(chars, e, units)
            {
                end = e;
                value = plus(value, d).ok_or(end)?;
            }
        }
        // 3斤5两, 六斤八两: 斤 and 两 (ten 两 to the 斤).
        Unit::Physical("斤") if upper.is_none() => {
            if let Some((d, e)) = one_digit(chars, end)
                && chars.get(e) == Some(&'两')
            {
                end = e + 1;
                value = times(d, Decimal::new(1, 1))
                    .and_then(|tenth| plus(value, tenth))
                    .ok_or(end)?;
            }
        }
        // 三米九, 一米八: a digit after 米 is the tenth.
        Unit::Physical("米") if single_chinese && upper.is_none() => {
            if let Some((d, e)) = one_digit(chars, end).filter(|_| !chars[end].is_ascii_digit())
                && number_ends(chars, e, units)
                && chars.get(e) != Some(&'半')
            {
                end = e;
                value = times(d, Decimal::new(1, 1))
                    .and_then(|tenth| plus(value, tenth))
                    .ok_or(end)?;
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
        && let Some(shorter) = number::without_trailing_multiplier(chars, num)
    {
        *num = shorter;
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
