//! Evaluating lexed tokens into a value: place values, multipliers, colloquial forms
//! (三万五, 百二万), digit strings (二〇二〇) and approximate ranges (五六, 三五).

use rust_decimal::Decimal;

use super::Num;
use super::approx::Approx;
use super::lex::{Lexeme, Tok};

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
                if e.pending_is_digit
                    && let Some(l) = e.unit_before_pending
                    && l >= Decimal::ONE_HUNDRED
                    && l < Decimal::from(10_000)
                {
                    pending = mul(pending, l / Decimal::TEN)?;
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
    if e.pending_is_digit
        && e.digits_in_row == 1
        && let Some(u) = e.unit_before_pending
        && (u >= Decimal::ONE_HUNDRED || u == Decimal::TEN && e.section.is_zero())
    {
        tail = mul(tail, u / Decimal::TEN)?;
    }
    add(add(e.total, e.section)?, tail)
}

pub(super) fn build(chars: &[char], toks: &[(Tok, usize, usize)], start: usize) -> Option<Num> {
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
