//! Numbers: Arabic (with thousands separators and decimals, `.5`), Chinese (一千二百三十,
//! 两万, 大写 壹佰, digit strings 二〇二〇, colloquial 三万五 and 百二万, 两个亿), mixed (1.5万,
//! 33亿7109.6万), Chinese decimals (三点五, 零点77), fractions (四分之一, 百分之三十, 千分之五,
//! 万分之三, 16/5, 三百五十又三分之一) and the approximations written inside a number (1300余,
//! 550多亿, 十几, 几十, 数十, 五六, 三五).
//!
//! Spaces inside a number, as PDF extraction leaves them (`7 万5 千4 百`, `五 分之 一`), are
//! read through.
//! The scanner reads normalized chars (see `document::normalize`): full-width digits are
//! already ASCII and Traditional numerals Simplified. Values are exact decimals; nothing
//! here can panic or overflow: every step on a value is checked, and a number whose value
//! would overflow is skipped (`Scanned::Skip`), never read as a guess.

mod approx;
mod arabic;
mod eval;
mod lex;
mod scan;
#[cfg(test)]
mod tests;

pub(crate) use crate::lexicon::numerals::{
    can_start, chinese_digit, is_chinese_numeral, is_daxie, is_multiplier, multiplier_value,
    skip_numeral, skip_spaces,
};
pub use approx::Approx;
pub(crate) use scan::{scan, without_trailing_multiplier};

use rust_decimal::Decimal;

/// A number found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Num {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The value (for fractions, already in percent when `percent` is set).
    pub value: Decimal,
    /// The upper bound for 五六 (5–6) and similar.
    pub upper: Option<Decimal>,
    /// 余, 多, 几 inside the number.
    pub approx: Approx,
    /// Written with any Chinese numeral char.
    pub chinese: bool,
    /// Written with any Arabic digit.
    pub arabic: bool,
    /// Has a multiplier (十 百 千 万 亿 … after digits, or k).
    pub scaled: bool,
    /// A bare string of digits with no unit chars (2020, 二〇二〇).
    pub digit_string: bool,
    /// How many integer digits an Arabic number has (2020 → 4).
    pub int_digits: usize,
    /// Has a decimal point.
    pub decimal: bool,
    /// A fraction (四分之一); `value` is then a percentage.
    pub percent: bool,
    /// The last multiplier char the number ends with, if any (for giving it back to a
    /// unit such as 千克 or 百分点).
    pub trailing_multiplier: Option<usize>,
}

/// What the scanner found at a position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scanned {
    /// A number.
    Number(Num),
    /// Something number-like that is not a number (a version or dotted date such as
    /// `2021.5.12`, or a number too large to hold): skip `start..end`.
    Skip(usize, usize),
}
