//! Numbers that are not quantities, and quantities marked by what stands around them: idioms,
//! URLs and codes, doublings (翻两番), ordinals (第三), index labels and colon chains (1:2:3),
//! years, and the unit a list of numbers shares (3、4、5月).

use rust_decimal::Decimal;

use super::arith::{HALF, plus};
use super::{Found, QuantityClass};
use crate::lexicon::chars::is_han;
use crate::number;
use crate::number::{Approx, Num, Scanned};
use crate::unit::{Reading, Unit, Units};

/// A bare Arabic number joined by 和, 、, 与 or 及 to a quantity right after it shares its unit
/// and multiplier (`分别拉动12.9和11.1个百分点`, `3.9、2.0个百分点`), as the list's last
/// item writes it for all.
pub(super) fn share_units(chars: &[char], out: &mut [Found]) {
    let joined = |a: &Found, b: &Found| {
        a.end + 1 == b.start && matches!(chars.get(a.end), Some('和' | '、' | '与' | '及'))
    };
    // Most chunks join no bare number to a quantity after it: nothing to do.
    if !out
        .windows(2)
        .any(|w| w[0].role == QuantityClass::Bare && w[1].role == QuantityClass::Unit)
    {
        return;
    }
    // A list that opens with an ordinal (第2、3、14项) is a list of ordinals.
    let mut ordinal = vec![false; out.len()];
    for k in 0..out.len() {
        ordinal[k] = out[k].role == QuantityClass::Ordinal
            || k > 0 && ordinal[k - 1] && joined(&out[k - 1], &out[k]);
    }
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (head, tail) = out.split_at_mut(k + 1);
        let (a, b) = (&mut head[k], &tail[0]);
        let plain = || {
            [(a.num_start, a.num_end), (b.num_start, b.num_end)]
                .iter()
                .all(|&(s, e)| chars[s..e].iter().all(|c| c.is_ascii_digit() || *c == '.'))
        };
        if a.role != QuantityClass::Bare
            || b.role != QuantityClass::Unit
            || !joined(a, b)
            || ordinal[k]
            || b.num_value.is_zero()
            || !plain()
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
        a.role = QuantityClass::Unit;
        a.unit = Some(unit);
        a.value = value;
        a.count_word = b.count_word;
        a.count_noun = b.count_noun;
    }
}

/// A four-char idiom at `at` made of two single numerals each before one char: the same
/// numeral twice (一河一策, 千村千面) or two of 百/千/万 (千家万户, 千方百计).
pub(super) fn is_idiom(chars: &[char], at: usize) -> bool {
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

pub(super) fn skip_url(chars: &[char], mut i: usize) -> usize {
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

pub(super) fn skip_alnum(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '-' | '_'))
    {
        i += 1;
    }
    i
}

pub(super) fn not_quantity(start: usize, end: usize) -> Found {
    Found {
        start,
        end,
        num_start: start,
        num_end: end,
        value: Decimal::ZERO,
        upper: None,
        approx: Approx::Exact,
        unit: None,
        role: QuantityClass::NotQuantity,
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
pub(super) fn doubling(chars: &[char], i: usize) -> Option<Found> {
    let mut j = i + 1;
    if chars.get(j) == Some(&'了') {
        j += 1;
    }
    let Scanned::Number(n) = number::scan(chars, j)? else {
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
        role: QuantityClass::Unit,
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
pub(super) fn ordinal(chars: &[char], i: usize, units: &Units) -> Option<Found> {
    let Scanned::Number(n) = number::scan(chars, i + 1)? else {
        return None;
    };
    if n.decimal || n.value <= Decimal::ZERO {
        return None;
    }
    let mut end = n.end;
    let mut role = QuantityClass::Ordinal;
    let mut count_word = false;
    if let Some(m) = units.match_at(chars, end) {
        match m.reading {
            Reading::Unit(_, _) if m.count => {
                end += m.len;
                count_word = true;
            }
            Reading::NotQuantity => role = QuantityClass::NotQuantity,
            _ => {}
        }
    }
    // 第一、第二季度 and 第三季度 are dates.
    if chars.get(end) == Some(&'季')
        || chars.get(end) == Some(&'、') && chars.get(end + 1) == Some(&'第')
    {
        role = QuantityClass::NotQuantity;
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

pub(super) fn is_year(num: &Num) -> bool {
    let v = num.value;
    num.upper.is_none()
        && !num.decimal
        && num.approx == Approx::Exact
        && (num.int_digits == 4 || num.digit_string && !num.arabic)
        && v >= Decimal::from(1000)
        && v <= Decimal::from(2199)
}

/// 指数为102.1, 景气指数118, 指数达到 95.3.
pub(super) fn is_index_context(chars: &[char], at: usize) -> bool {
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
pub(super) fn colon_chain(
    chars: &[char],
    start: usize,
    first: &Num,
    out: &mut Vec<Found>,
) -> usize {
    let mut parts: Vec<(usize, usize, Decimal)> = vec![(first.start, first.end, first.value)];
    let mut j = first.end;
    while chars.get(j) == Some(&':') {
        match number::scan(chars, j + 1) {
            Some(Scanned::Number(n)) if n.arabic && !n.scaled && n.start == j + 1 => {
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
                role: QuantityClass::RatioPart,
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
    use crate::quantity::{ApproxWords, QuantityClass, recognize_into};
    use crate::unit::{Unit, Units};

    fn units_of(text: &str) -> Vec<(QuantityClass, Option<Unit>)> {
        let (units, approx) = (Units::new().unwrap(), ApproxWords::new().unwrap());
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        recognize_into(&chars, &units, &approx, &mut out);
        out.into_iter().map(|f| (f.role, f.unit)).collect()
    }

    /// A bare number joined to the quantity after it takes its unit; a list that opens with
    /// an ordinal, a number of Chinese numerals and text with nothing to share keep theirs.
    #[test]
    fn a_list_shares_the_unit_of_its_last_number() {
        let pp = Some(Unit::PercentagePoint);
        assert_eq!(
            units_of("分别拉动12.9和11.1个百分点"),
            [(QuantityClass::Unit, pp.clone()), (QuantityClass::Unit, pp)]
        );
        assert_eq!(units_of("增长12.9%，新增3")[1], (QuantityClass::Bare, None));
        assert_eq!(units_of("第2、3、14项")[0].0, QuantityClass::Ordinal);
    }
}
