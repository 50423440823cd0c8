//! Claims as an Arrow record batch: the CSV's flat columns (`press_stats::output::CLAIM_FIELDS`),
//! typed, plus the exact decimal texts of `value` and `upper`.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use press_stats as ps;

/// Precision and scale of the `value` and `upper` columns.
const PRECISION: u8 = ps::output::ColumnType::PRECISION;
const SCALE: i8 = ps::output::ColumnType::SCALE;

/// A column's Arrow type and nullability, by its name.
fn column_type(name: &str) -> Option<(DataType, bool)> {
    use ps::output::ColumnType;
    let (ty, nullable) = ColumnType::of(name)?;
    let ty = match ty {
        ColumnType::Integer => DataType::Int64,
        ColumnType::Decimal => DataType::Decimal128(PRECISION, SCALE),
        ColumnType::Date => DataType::Date32,
        _ => DataType::Utf8,
    };
    Some((ty, nullable))
}

fn names() -> impl Iterator<Item = &'static str> {
    ps::output::CLAIM_FIELDS
        .into_iter()
        .chain(ps::output::EXACT_FIELDS)
}

/// The columns: the CSV's, in its order, then `value_text` and `upper_text`. A column this
/// module does not know yet is a nullable string (and a test fails until it does).
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = names()
        .map(|name| {
            let (ty, nullable) = column_type(name).unwrap_or((DataType::Utf8, true));
            Field::new(name, ty, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// A decimal as Decimal128(38, 10), or None when it has more than 10 decimals or is too
/// large (its exact text is in `value_text` all the same).
fn decimal128(d: &ps::Decimal) -> Option<i128> {
    ps::output::decimal_at_scale(d)
}

/// Days since 1970-01-01.
fn date32(d: ps::Date) -> Option<i32> {
    let days = d.since(ps::Date::constant(1970, 1, 1)).ok()?.get_days();
    Some(days)
}

/// One column being built.
enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Dec(Decimal128Builder),
    Day(Date32Builder),
}

/// Builds the table's columns one claim at a time.
pub struct Columns {
    columns: Vec<(&'static str, Builder)>,
}

impl Columns {
    pub fn new() -> Columns {
        let columns = names()
            .map(|name| {
                let b = match column_type(name).map(|(t, _)| t) {
                    Some(DataType::Int64) => Builder::Int(Int64Builder::new()),
                    Some(DataType::Date32) => Builder::Day(Date32Builder::new()),
                    Some(DataType::Decimal128(..)) => Builder::Dec(
                        Decimal128Builder::new()
                            .with_precision_and_scale(PRECISION, SCALE)
                            .expect("38, 10 is a valid decimal128 type"),
                    ),
                    _ => Builder::Str(StringBuilder::new()),
                };
                (name, b)
            })
            .collect();
        Columns { columns }
    }

    /// Appends one claim of document `doc`.
    pub fn push(&mut self, doc: &str, c: &ps::Claim) {
        let int = |n: usize| i64::try_from(n).ok();
        let dep = c.department.as_ref();
        let per = c.date.as_ref();
        let chg = c.change.as_ref();
        for (name, b) in &mut self.columns {
            match b {
                Builder::Str(b) => {
                    let v: Option<Cow<'_, str>> = match *name {
                        "doc" => Some(doc.into()),
                        "text" => Some(c.text.as_str().into()),
                        "kind" => Some(c.kind.to_string().into()),
                        "approx" => Some(c.approx.to_string().into()),
                        "unit" => Some(c.unit.to_string().into()),
                        "subject" => c.subject.as_deref().map(Into::into),
                        "change_direction" => chg.map(|ch| ch.direction.to_string().into()),
                        "change_basis" => chg.and_then(|ch| ch.basis.as_deref()).map(Into::into),
                        "modality" => Some(c.modality.to_string().into()),
                        "department_name" => dep.map(|d| (&*d.name).into()),
                        "department_mention" => dep.map(|d| (&*d.mention).into()),
                        "department_source" => dep.map(|d| d.source.to_string().into()),
                        "date_text" => per.and_then(|p| p.text.as_deref()).map(Into::into),
                        "date_source" => per.map(|p| p.source.to_string().into()),
                        "sentence" => Some((&*c.sentence).into()),
                        "value_text" => Some(c.value.normalize().to_string().into()),
                        "upper_text" => c.upper.map(|u| u.normalize().to_string().into()),
                        _ => None,
                    };
                    b.append_option(v);
                }
                Builder::Int(b) => b.append_option(match *name {
                    "start" => int(c.span.start),
                    "end" => int(c.span.end),
                    "part_of" => c.part_of.and_then(int),
                    "change_of" => c.change_of.and_then(int),
                    "date_year" => per.and_then(|p| p.year()).map(i64::from),
                    _ => None,
                }),
                Builder::Dec(b) => b.append_option(match *name {
                    "value" => decimal128(&c.value),
                    "upper" => c.upper.as_ref().and_then(decimal128),
                    _ => None,
                }),
                Builder::Day(b) => b.append_option(match *name {
                    "date_start" => per.and_then(|p| p.start).and_then(date32),
                    "date_end" => per.and_then(|p| p.end).and_then(date32),
                    _ => None,
                }),
            }
        }
    }

    /// The record batch of the rows pushed.
    pub fn finish(self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = self
            .columns
            .into_iter()
            .map(|(_, b)| -> ArrayRef {
                match b {
                    Builder::Str(mut b) => Arc::new(b.finish()),
                    Builder::Int(mut b) => Arc::new(b.finish()),
                    Builder::Dec(mut b) => Arc::new(b.finish()),
                    Builder::Day(mut b) => Arc::new(b.finish()),
                }
            })
            .collect();
        RecordBatch::try_new(schema(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_csv_column_has_a_type() {
        for name in names() {
            assert!(
                column_type(name).is_some(),
                "column {name} has no type here"
            );
        }
    }

    #[test]
    fn decimals_fit_at_scale_ten_or_are_null() {
        let d = |s: &str| s.parse::<ps::Decimal>().unwrap();
        assert_eq!(
            decimal128(&d("110000000")),
            Some(110000000 * 10i128.pow(10))
        );
        assert_eq!(decimal128(&d("-1.70")), Some(-17 * 10i128.pow(9)));
        assert_eq!(decimal128(&d("0.0000000001")), Some(1));
        assert_eq!(decimal128(&d("0.00000000001")), None);
        assert_eq!(decimal128(&ps::Decimal::MAX), None);
    }

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(date32(ps::Date::constant(1970, 1, 2)), Some(1));
        assert_eq!(date32(ps::Date::constant(1969, 12, 31)), Some(-1));
        assert_eq!(date32(ps::Date::constant(2020, 12, 31)), Some(18627));
    }
}
