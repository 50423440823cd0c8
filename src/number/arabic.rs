//! Arabic numbers: digits with thousands separators and a decimal point (`1,300.5`, `.5`),
//! and dotted codes and dates that are not numbers (`2021.5.12`).

use rust_decimal::Decimal;

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
pub(super) fn arabic(
    chars: &[char],
    i: usize,
) -> Option<Result<(Decimal, usize, usize, bool), usize>> {
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
