//! Checked decimal arithmetic shared by the unit and money readers.

use rust_decimal::Decimal;

/// `a × b`, or `None` when the product overflows (the quantity is then dropped: a value
/// read from the text is never replaced by a guess).
#[inline]
pub(super) fn times(a: Decimal, b: Decimal) -> Option<Decimal> {
    // Times a factor of exactly 1 (bit for bit: scale 0), a non-zero product is `a` itself, scale and
    // all (a zero product loses its sign and scale).
    if b.serialize() == Decimal::ONE.serialize() && !a.is_zero() {
        return Some(a);
    }
    times_checked(a, b)
}

/// [`times`] past its factor-1 test, out of line.
#[inline(never)]
fn times_checked(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// `a + b`, or `None` when the sum overflows.
#[inline]
pub(super) fn plus(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// One half, as `Decimal::new(5, 1)`.
pub(super) const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
