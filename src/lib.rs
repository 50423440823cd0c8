//! press-stats: every quantitative claim in Chinese government press texts, as typed records.
//!
//! ```
//! use press_stats::{Approx, Extractor, Kind};
//!
//! let extractor = Extractor::new()?;
//! let claims = extractor.extract("2020年,全市共查处各类涉烟违法案件1300余宗,涉案总价值超1.1亿元。");
//! assert_eq!(claims.len(), 2);
//! assert_eq!(claims[0].text, "1300余宗");
//! assert_eq!(claims[0].approx, Approx::MoreThan);
//! assert_eq!(claims[1].kind, Kind::Money);
//! assert_eq!(claims[1].value.to_string(), "110000000");
//! assert_eq!(claims[1].unit.to_string(), "元");
//! # Ok::<(), press_stats::Error>(())
//! ```
//!
//! The pipeline, one module a stage: `document` (decoding, char normalization) →
//! `structure` (title, headings, paragraphs, speaker turns, sentences) → `number` (Arabic,
//! Chinese and mixed numerals, fractions) → `unit` (the unit lexicon) → `quantity` (number,
//! unit, approximation, range) → `time` (dates and periods) → `department` (government
//! bodies and regions) → `claim` (which quantities are claims; subject, change, modality) →
//! `attribution` (the body, period and speaker of each claim) → `audit` (the arithmetic the
//! text states between claims: totals and parts, structure ratios, growth, shares) →
//! `output` (JSON Lines, CSV). Every stage reads its words, chars and numerals through
//! `lexicon`; `pipeline` runs the stages over a document. [`Extractor`] runs it; build it
//! once and share it.
#![warn(missing_docs)]

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod attribution;
mod audit;
mod claim;
// The department and time stages are public for tests and tools only (feature
// `internals`), not stable API.
#[cfg(feature = "internals")]
pub mod department;
// Without the feature, what only the tests and tools call is unused.
#[cfg(not(feature = "internals"))]
#[allow(dead_code, unused_imports)]
mod department;
mod document;
mod error;
mod extractor;
mod lexicon;
mod names;
mod number;
pub mod output;
mod pipeline;
mod quantity;
mod span;
mod structure;
#[cfg(feature = "internals")]
pub mod time;
#[cfg(not(feature = "internals"))]
#[allow(dead_code, unused_imports)]
mod time;
mod unit;

pub use audit::{Check, CheckKind, Figure, Role, Verdict};
pub use claim::{Change, Claim, Department, Direction, Modality, Period, Source};
pub use document::Document;
pub use document::decode::{DecodeOptions, Decoded, decode, decode_vec};
pub use document::load::{DEFAULT_EXTENSIONS, InputFormat, Loaded, load};
#[cfg(feature = "internals")]
pub use document::normalize::{fold, normalize};
pub use document::page::PageMeta;
pub use document::path_date::date_in_path;
pub use document::record::{
    DateSource, Decoding, DocumentRecord, Genre, Segments, Speaker, UnknownName,
};
pub use error::{Error, ErrorKind};
pub use extractor::{Analysis, Extractor, Meta, extract};
pub use quantity::{Approx, NumberMatch, Quantity};
pub use span::Span;
pub use unit::{Kind, Unit};

pub use jiff::civil::Date;
pub use rust_decimal::Decimal;
