//! Quantities: a number with its unit, approximation and range.
//!
//! This stage joins what `number` and `unit` found into [`Quantity`] values, with what
//! official and spoken writing put around a number: currency signs and names before it
//! (¥300, 人民币5万元), the parts of an amount (五元六角, 一块二), halves (三年半, 半个小时),
//! discounts (八折), ranges (2至6个月, 两到三万), approximation words, and the marks that make
//! a number a date, code or phone number. It does not decide which quantities are claims
//! (that is the `claim` stage).

mod arith;
mod assemble;
mod marks;
mod money;
mod range;
mod recognize;
mod unit_read;
mod words;

pub use crate::number::Approx;
pub(crate) use recognize::recognize_into;
pub(crate) use words::ApproxWords;

use rust_decimal::Decimal;

use crate::span::Span;
use crate::unit::{Kind, Unit};

/// A number with its unit as found in the text, before any claim filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Where it is in the text.
    pub span: Span,
    /// The span's text as written.
    pub text: String,
    /// What sort of quantity it is, or `None` for a bare number.
    pub kind: Option<Kind>,
    /// The value with multipliers applied.
    pub value: Decimal,
    /// The upper bound of a range.
    pub upper: Option<Decimal>,
    /// How exact it is.
    pub approx: Approx,
    /// The canonical unit, or `None` for a bare number.
    pub unit: Option<Unit>,
}

/// A number found in the text, without its unit: the number-level view of the recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Where the number is: the numeral itself, without unit or approximation words outside
    /// it (`约1300余宗` → `1300余`).
    pub span: Span,
    /// The span's text as written.
    pub text: String,
    /// The value as written, before any unit factor: `3万` → 30000, `五成` → 5, and
    /// fractions as ratios (`四分之一` → 0.25, `百分之三十` → 0.3).
    pub value: Decimal,
    /// The upper bound of a range written as numbers (`五六` → 6, `2至6` → 6).
    pub upper: Option<Decimal>,
    /// The approximation written inside the number (`1300余`, `十几`, `五六`).
    pub approx: Approx,
}

/// What a found quantity is, before claim filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuantityClass {
    /// A quantity with a unit (or a percentage).
    Unit,
    /// A bare number with no unit.
    Bare,
    /// A date, clock time, code or label: never a claim.
    NotQuantity,
    /// An ordinal 第N (a rank if the context gives a scope).
    Ordinal,
    /// A part of a structure ratio (4.2:38.5:57.3).
    RatioPart,
    /// An index value (指数为102.1).
    Index,
}

/// A number with what the text puts around it, in char offsets of the scanned slice.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// First char, including an approximation word before the number.
    pub start: usize,
    /// One past the last char, including unit and approximation after.
    pub end: usize,
    /// The number's own first char.
    pub num_start: usize,
    /// One past the number's (or range's) last char, before the unit.
    pub num_end: usize,
    pub value: Decimal,
    pub upper: Option<Decimal>,
    pub approx: Approx,
    pub unit: Option<Unit>,
    pub role: QuantityClass,
    /// The number uses Chinese numerals only.
    pub chinese_only: bool,
    /// The unit is a measure word or counted noun (not a unit proper).
    pub count_word: bool,
    /// The unit is a noun counted without a measure word (7部门).
    pub count_noun: bool,
    /// Chinese numeral + 大 + noun (四大公园): the noun starts here.
    pub da_noun: Option<usize>,
    /// The number's own value as written, before any unit factor (`五成` → 5, `四分之一`
    /// → 0.25), and the upper bound of a range.
    pub num_value: Decimal,
    /// The upper bound of the number (`五六`, `2至6`) before any unit factor.
    pub num_upper: Option<Decimal>,
    /// The approximation written inside the number (`1300余`, `十几`, `五六`).
    pub num_approx: Approx,
}
