//! The range a figure stands for: exact only to the last digit written (`1.5万` is 14950..15050
//! in 万's units, `12.3%` is 12.25..12.35), and interval arithmetic over such ranges.

use rust_decimal::Decimal;

use crate::claim::Claim;

/// A closed interval of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Iv {
    pub(crate) lo: Decimal,
    pub(crate) hi: Decimal,
}

impl Iv {
    /// A single value.
    pub(crate) fn point(v: Decimal) -> Iv {
        Iv { lo: v, hi: v }
    }

    /// The values a claim's figure rounds from: its value ± half a unit of the last digit
    /// written, with the multiplier applied (`3473.12亿元` ± 0.005亿).
    pub(crate) fn of(c: &Claim) -> Option<Iv> {
        let half = half_unit(c)?;
        Some(Iv {
            lo: c.value.checked_sub(half)?,
            hi: c.value.checked_add(half)?,
        })
    }

    pub(crate) fn mid(&self) -> Decimal {
        self.lo
            .checked_add(self.hi)
            .and_then(|s| s.checked_div(Decimal::TWO))
            .unwrap_or(self.lo)
    }

    pub(crate) fn half(&self) -> Decimal {
        self.hi
            .checked_sub(self.lo)
            .and_then(|s| s.checked_div(Decimal::TWO))
            .unwrap_or_default()
    }

    pub(crate) fn add(self, o: Iv) -> Option<Iv> {
        Some(Iv {
            lo: self.lo.checked_add(o.lo)?,
            hi: self.hi.checked_add(o.hi)?,
        })
    }

    pub(crate) fn sub(self, o: Iv) -> Option<Iv> {
        Some(Iv {
            lo: self.lo.checked_sub(o.hi)?,
            hi: self.hi.checked_sub(o.lo)?,
        })
    }

    pub(crate) fn neg(self) -> Iv {
        Iv {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    /// `self / o × 100`, for a divisor that stays positive.
    pub(crate) fn percent_of(self, o: Iv) -> Option<Iv> {
        if o.lo <= Decimal::ZERO {
            return None;
        }
        let h = Decimal::ONE_HUNDRED;
        let corners = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        let lo = corners.iter().copied().min()?;
        let hi = corners.iter().copied().max()?;
        Some(Iv {
            lo: lo.checked_mul(h)?,
            hi: hi.checked_mul(h)?,
        })
    }

    pub(crate) fn meets(&self, o: &Iv) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
}

/// Half a unit of the last digit the figure writes, in the claim's value's scale.
fn half_unit(c: &Claim) -> Option<Decimal> {
    let digits: String = c
        .text
        .chars()
        .skip_while(|ch| !ch.is_ascii_digit())
        .take_while(|ch| ch.is_ascii_digit() || *ch == '.' || *ch == ',')
        .filter(|ch| *ch != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let half = Decimal::new(5, 1);
    let Ok(written) = digits.parse::<Decimal>() else {
        // A Chinese numeral (`五成`) is as exact as its value's last digit.
        let scale = c.value.normalize().scale();
        return half.checked_mul(Decimal::new(1, scale));
    };
    if written.is_zero() {
        return Some(Decimal::ZERO);
    }
    // The multiplier the value carries (万, 亿, ‰ → %), applied to the last digit's unit.
    let multiplier = c.value.checked_div(written)?;
    // A whole number of things counted as written (`13个`, `4943人`) is exact.
    if written.scale() == 0 && multiplier == Decimal::ONE && c.kind == crate::unit::Kind::Count {
        return Some(Decimal::ZERO);
    }
    half.checked_mul(Decimal::new(1, written.scale()))?
        .checked_mul(multiplier.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    fn iv(text: &str) -> (String, String) {
        let c = Extractor::new().unwrap().extract(text).remove(0);
        let iv = Iv::of(&c).unwrap();
        (iv.lo.normalize().to_string(), iv.hi.normalize().to_string())
    }

    #[test]
    fn a_figure_stands_for_the_values_that_round_to_it() {
        assert_eq!(iv("全年销售1.5万台。"), ("14500".into(), "15500".into()));
        assert_eq!(iv("占比12.3%。"), ("12.25".into(), "12.35".into()));
        assert_eq!(
            iv("收入3473.12亿元。"),
            ("347311500000".into(), "347312500000".into())
        );
        assert_eq!(iv("共1300宗。"), ("1300".into(), "1300".into()));
        assert_eq!(
            iv("收入31亿元。"),
            ("3050000000".into(), "3150000000".into())
        );
    }
}
