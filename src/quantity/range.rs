//! Ranges: two numbers joined by 至, 到, - or ~ (2至6个月, 两到三万), and where a range is a
//! date or code instead.

use rust_decimal::Decimal;

use super::Found;
use super::arith::times;
use super::marks::is_year;
use super::unit_read::{UnitRead, read_unit};
use crate::number;
use crate::number::Num;
use crate::unit::{Unit, Units};

fn is_range_joiner(c: char) -> bool {
    matches!(c, '至' | '到' | '-' | '~' | '—' | '～' | '－')
}

/// `(含)` (inclusive) at `j`, as in `50万元(含)以上`: the index after it.
pub(super) fn included_mark(chars: &[char], j: usize) -> Option<usize> {
    (chars.get(j) == Some(&'(')
        && chars.get(j + 1) == Some(&'含')
        && chars.get(j + 2) == Some(&')'))
    .then_some(j + 3)
}

/// A range joiner at `j` (至, 到, -, ~, —, and the doubled -- and ——), after an optional
/// `(含)`: the index after it.
pub(super) fn joiner_end(chars: &[char], j: usize) -> Option<usize> {
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

pub(super) enum RangeEnd {
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
pub(super) fn range_end(
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
