//! press-stats: every quantitative claim in Chinese government press texts, as typed records.
//!
//! ```
//! let extractor = press_stats::Extractor::new().unwrap();
//! let claims = extractor.extract("全年共查处各类涉烟违法案件1300余宗。");
//! # let _ = claims;
//! ```
#![warn(missing_docs)]

mod claim;
mod document;
mod error;
mod extractor;
mod lexicon;
mod number;
mod quantity;
mod span;
mod structure;
mod unit;

pub use claim::{Change, Claim, Department, Direction, Modality, Period, Source};
pub use document::Document;
pub use document::normalize::{fold, normalize};
pub use document::record::{DateSource, Decoding, DocumentRecord, Genre, Speaker};
pub use error::{Error, ErrorKind};
pub use extractor::{Analysis, Extractor, Meta, extract};
pub use quantity::{Approx, NumberMatch, Quantity};
pub use span::Span;
pub use unit::{Kind, Unit};

pub use jiff::civil::Date;
pub use rust_decimal::Decimal;
