//! The small numbers inside date expressions: Arabic digit runs, Chinese numerals
//! (`二十九`, `十二`), and digit-by-digit Chinese years (`二〇二〇`).

use crate::lexicon::CharBits;
use crate::lexicon::numerals::{Form, digit_of};

/// The value of an Arabic digit.
#[inline]
pub(crate) fn digit(c: char) -> Option<u32> {
    c.to_digit(10).filter(|_| c.is_ascii_digit())
}

/// The value of a Chinese digit char as dates write it: the standard forms of the numeral
/// table, the colloquial `俩` 2 and `仨` 3, and the letter `O` typed for `〇` (no 大写).
#[inline]
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    match digit_of(c)? {
        (v, Form::Standard | Form::Colloquial | Form::Letter) => Some(v),
        _ => None,
    }
}

/// The chars of Chinese numerals: the digits of [`cn_digit`] but `O`, and the units.
static CN_NUMERAL: CharBits = CharBits::of("〇零一二两俩三仨四五六七八九十百千廿卅");

/// Whether `c` can be part of a Chinese numeral.
#[inline]
pub(crate) fn is_cn_numeral(c: char) -> bool {
    CN_NUMERAL.contains(c)
}

/// A run of ASCII digits at `i`: its value (saturating), end, and length.
pub(crate) fn digits(c: &[char], i: usize) -> Option<(u32, usize, usize)> {
    let mut v: u32 = 0;
    let mut j = i;
    while let Some(d) = c.get(j).copied().and_then(digit) {
        v = v.saturating_mul(10).saturating_add(d);
        j += 1;
    }
    (j > i).then_some((v, j, j - i))
}

/// A Chinese numeral at `i` below 10000 (`十二`, `二十九`, `一百零五`, `两千零八`, `廿一`):
/// its value and end. Digit-by-digit runs (`二〇二〇`) are not numerals here.
pub(crate) fn cn_number(c: &[char], i: usize) -> Option<(u32, usize)> {
    let mut total: u32 = 0;
    let mut pending: Option<u32> = None;
    let mut j = i;
    let mut last_unit = 10_000;
    while let Some(&ch) = c.get(j) {
        if let Some(d) = cn_digit(ch).filter(|_| ch != 'O') {
            if d == 0 && total > 0 && pending.is_none() {
                // `零` after a unit (`一百零五`, `两千零八`).
                j += 1;
                continue;
            }
            if pending.is_some() {
                // Two digits in a row: not a standard numeral (`二〇`, `三四`).
                break;
            }
            pending = Some(d);
            j += 1;
            continue;
        }
        let unit = match ch {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '廿' if pending.is_none() && j == i => {
                pending = Some(2);
                10
            }
            '卅' if pending.is_none() && j == i => {
                pending = Some(3);
                10
            }
            _ => break,
        };
        if unit >= last_unit {
            break;
        }
        let m = match pending.take() {
            Some(d) => d,
            None if unit == 10 && j == i => 1,
            None => break,
        };
        total += m * unit;
        last_unit = unit;
        j += 1;
    }
    if let Some(d) = pending {
        total += d;
    }
    (j > i).then_some((total, j))
}

/// A digit-by-digit Chinese run at `i` of exactly `len` chars (`二〇二〇`, `零八`).
pub(crate) fn cn_digit_run(c: &[char], i: usize, len: usize) -> Option<u32> {
    let mut v = 0;
    for k in 0..len {
        let d = cn_digit(*c.get(i + k)?)?;
        v = v * 10 + d;
    }
    Some(v)
}

/// The length of the digit-by-digit Chinese run at `i` (chars that are Chinese digits).
pub(crate) fn cn_digit_run_len(c: &[char], i: usize) -> usize {
    let mut j = i;
    while c
        .get(j)
        .is_some_and(|&ch| cn_digit(ch).is_some() && ch != 'O' && ch != '两')
    {
        j += 1;
    }
    j - i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(s: &str) -> Option<u32> {
        let c: Vec<char> = s.chars().collect();
        cn_number(&c, 0)
            .filter(|&(_, e)| e == c.len())
            .map(|(v, _)| v)
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn("十"), Some(10));
        assert_eq!(cn("十二"), Some(12));
        assert_eq!(cn("二十九"), Some(29));
        assert_eq!(cn("三十一"), Some(31));
        assert_eq!(cn("一百零五"), Some(105));
        assert_eq!(cn("两千零八"), Some(2008));
        assert_eq!(cn("廿一"), Some(21));
        assert_eq!(cn("七"), Some(7));
        assert_eq!(cn("二〇"), None);
    }

    #[test]
    fn dates_read_the_standard_and_colloquial_digits_and_letter_o() {
        let digits: Vec<(char, u32)> = "〇零O一二两俩三仨四五六七八九"
            .chars()
            .zip([0, 0, 0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9])
            .collect();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = digits.iter().find(|d| d.0 == c).map(|d| d.1);
            assert_eq!(cn_digit(c), expected, "{c}");
        }
    }

    #[test]
    fn numeral_chars_are_the_digits_and_units() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected =
                cn_digit(c).is_some() && c != 'O' || matches!(c, '十' | '百' | '千' | '廿' | '卅');
            assert_eq!(is_cn_numeral(c), expected, "{c}");
        }
    }

    #[test]
    fn digit_runs() {
        let c: Vec<char> = "二〇二〇年".chars().collect();
        assert_eq!(cn_digit_run_len(&c, 0), 4);
        assert_eq!(cn_digit_run(&c, 0, 4), Some(2020));
        let c: Vec<char> = "2021年".chars().collect();
        assert_eq!(digits(&c, 0), Some((2021, 4, 4)));
    }
}
