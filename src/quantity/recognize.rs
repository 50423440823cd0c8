//! The recognizer: every number and quantity in a slice of normalized chars, in order.

use rust_decimal::Decimal;

use super::arith::HALF;
use super::assemble::{half, push, quantity_after};
use super::marks::{
    colon_chain, doubling, is_idiom, not_quantity, ordinal, share_units, skip_alnum, skip_url,
};
use super::words::ApproxWords;
use super::{Found, QuantityClass};
use crate::lexicon::CharTable;
use crate::lexicon::chars::is_han;
use crate::number;
use crate::number::Scanned;
use crate::unit::{Reading, Unit, UnitMatch, Units};

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
        if c == '翻'
            && let Some(f) = doubling(chars, i)
        {
            i = f.end;
            push(out, f, chars.len());
            continue;
        }
        if c == '第'
            && chars
                .get(i + 1)
                .is_some_and(|&d| number::can_start(d) && d != '-')
            && let Some(f) = ordinal(chars, i, units)
        {
            i = f.end;
            push(out, f, chars.len());
            continue;
        }
        // 半个, 半公升, 半成 (5%), 半折 (50%).
        if c == '半'
            && let Some(f) = half(chars, i, units, approx)
        {
            i = f.end;
            push(out, f, chars.len());
            continue;
        }
        // 打对折: half price.
        if c == '对' || c == '對' {
            if i > 0 && chars[i - 1] == '打' && chars.get(i + 1) == Some(&'折') {
                let mut f = not_quantity(i, i + 2);
                f.role = QuantityClass::Unit;
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
            Some(Scanned::Number(num)) => num,
            Some(Scanned::Skip(_, end)) => {
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
        if role == QuantityClass::Bare
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
