//! The names the output writes for the records' enums (`more_than`, `percentage_point`,
//! `heading`), as `Display` and `FromStr`. `FromStr` reads the serde names, so a name
//! parses exactly when a record with it deserializes.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::value::{Error as ValueError, StrDeserializer};

use crate::audit::{CheckKind, Role, Verdict};
use crate::claim::{Direction, Modality, Source};
use crate::document::load::InputFormat;
use crate::document::record::{DateSource, Genre, UnknownName};
use crate::quantity::Approx;
use crate::unit::Kind;

/// The variant of `T` whose serde name is `s`.
fn parse<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T, UnknownName> {
    T::deserialize(StrDeserializer::<ValueError>::new(s)).map_err(|_| UnknownName(s.to_owned()))
}

macro_rules! from_str {
    ($($ty:ty),*) => {$(
        impl FromStr for $ty {
            type Err = UnknownName;

            fn from_str(s: &str) -> Result<$ty, UnknownName> {
                parse(s)
            }
        }
    )*};
}

macro_rules! display {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

from_str!(Kind, Approx, Direction, Modality, Source, Genre, DateSource);
display!(
    Kind,
    Approx,
    Direction,
    Modality,
    Source,
    CheckKind,
    Verdict,
    Role,
    InputFormat,
    Genre,
    DateSource
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name is its serde name, and reads back.
    fn round_trip<T>(all: &[T])
    where
        T: fmt::Display + FromStr<Err = UnknownName> + serde::Serialize + PartialEq + fmt::Debug,
    {
        for v in all {
            let name = v.to_string();
            assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{name}\""));
            assert_eq!(name.parse::<T>().as_ref(), Ok(v));
        }
        assert_eq!(
            "no such name".parse::<T>(),
            Err(UnknownName("no such name".into()))
        );
    }

    #[test]
    fn names_are_the_serde_names_and_read_back() {
        round_trip(&[
            Kind::Count,
            Kind::Money,
            Kind::Percent,
            Kind::PercentagePoint,
            Kind::Measure,
            Kind::Duration,
            Kind::Multiple,
            Kind::Rank,
            Kind::Index,
        ]);
        round_trip(&[
            Approx::Exact,
            Approx::About,
            Approx::MoreThan,
            Approx::AtLeast,
            Approx::Nearly,
            Approx::LessThan,
            Approx::AtMost,
        ]);
        round_trip(&[Direction::Up, Direction::Down]);
        round_trip(&[Modality::Actual, Modality::Target, Modality::Forecast]);
        round_trip(&[
            Source::Sentence,
            Source::Speaker,
            Source::Heading,
            Source::Paragraph,
            Source::Document,
        ]);
        round_trip(&[Genre::News, Genre::Transcript, Genre::Report]);
        round_trip(&[
            DateSource::Text,
            DateSource::Inferred,
            DateSource::Supplied,
            DateSource::Page,
            DateSource::Path,
        ]);
    }
}
