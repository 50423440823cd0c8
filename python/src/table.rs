//! Claims as an Arrow record batch: the CSV's flat columns (`press_stats::output::CLAIM_FIELDS`),
//! typed, plus the exact decimal texts of `value` and `upper`.

use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use press_stats as ps;

/// Precision and scale of the `value` and `upper` columns.
const PRECISION: u8 = 38;
const SCALE: i8 = 10;

/// The columns: the CSV's, in its order, then `value_text` and `upper_text`.
pub fn schema() -> SchemaRef {
    use DataType::{Date32, Int64, Utf8};
    let dec = DataType::Decimal128(PRECISION, SCALE);
    let mut fields: Vec<Field> = ps::output::CLAIM_FIELDS
        .iter()
        .map(|&name| {
            let (ty, nullable) = match name {
                "doc" | "text" | "kind" | "approx" | "unit" | "modality" | "sentence" => {
                    (Utf8, false)
                }
                "start" | "end" => (Int64, false),
                "part_of" | "change_of" => (Int64, true),
                "value" | "upper" => (dec.clone(), true),
                "date_start" | "date_end" => (Date32, true),
                _ => (Utf8, true),
            };
            Field::new(name, ty, nullable)
        })
        .collect();
    fields.push(Field::new("value_text", Utf8, false));
    fields.push(Field::new("upper_text", Utf8, true));
    Arc::new(Schema::new(fields))
}

/// A decimal as Decimal128(38, 10), or None when it has more than 10 decimals or is too
/// large (its exact text is in `value_text` all the same).
fn decimal128(d: &ps::Decimal) -> Option<i128> {
    let d = d.normalize();
    let scale = i8::try_from(d.scale()).ok()?;
    if scale > SCALE {
        return None;
    }
    let factor = 10i128.checked_pow(u32::try_from(SCALE - scale).ok()?)?;
    let v = d.mantissa().checked_mul(factor)?;
    (v.unsigned_abs() < 10u128.pow(u32::from(PRECISION))).then_some(v)
}

/// Days since 1970-01-01.
fn date32(d: ps::Date) -> Option<i32> {
    let days = d.since(ps::Date::constant(1970, 1, 1)).ok()?.get_days();
    Some(days)
}

/// Builds the table's columns one claim at a time.
pub struct Columns {
    strings: Vec<StringBuilder>,
    ints: Vec<Int64Builder>,
    decimals: Vec<Decimal128Builder>,
    dates: Vec<Date32Builder>,
}

/// Where each column lives: (builder family, index in it), in schema order.
#[derive(Clone, Copy)]
enum Col {
    S(usize),
    I(usize),
    D(usize),
    T(usize),
}

const LAYOUT: [Col; 25] = {
    use Col::{D, I, S, T};
    [
        S(0),  // doc
        I(0),  // start
        I(1),  // end
        S(1),  // text
        S(2),  // kind
        D(0),  // value
        D(1),  // upper
        S(3),  // approx
        S(4),  // unit
        S(5),  // subject
        S(6),  // change_direction
        S(7),  // change_basis
        S(8),  // modality
        S(9),  // department_name
        S(10), // department_mention
        S(11), // department_source
        S(12), // date_text
        T(0),  // date_start
        T(1),  // date_end
        S(13), // date_source
        S(14), // sentence
        I(2),  // part_of
        I(3),  // change_of
        S(15), // value_text
        S(16), // upper_text
    ]
};

impl Columns {
    pub fn new() -> Columns {
        Columns {
            strings: (0..17).map(|_| StringBuilder::new()).collect(),
            ints: (0..4).map(|_| Int64Builder::new()).collect(),
            decimals: (0..2)
                .map(|_| {
                    Decimal128Builder::new()
                        .with_precision_and_scale(PRECISION, SCALE)
                        .expect("38, 10 is a valid decimal128 type")
                })
                .collect(),
            dates: (0..2).map(|_| Date32Builder::new()).collect(),
        }
    }

    /// Appends one claim of document `doc`.
    pub fn push(&mut self, doc: &str, c: &ps::Claim) {
        let int = |n: usize| i64::try_from(n).ok();
        let dep = c.department.as_ref();
        let per = c.date.as_ref();
        let chg = c.change.as_ref();
        let s = &mut self.strings;
        s[0].append_value(doc);
        s[1].append_value(&c.text);
        s[2].append_value(c.kind.as_str());
        s[3].append_value(c.approx.to_string());
        s[4].append_value(c.unit.to_string());
        s[5].append_option(c.subject.as_deref());
        s[6].append_option(chg.map(|ch| ch.direction.as_str()));
        s[7].append_option(chg.and_then(|ch| ch.basis.as_deref()));
        s[8].append_value(c.modality.as_str());
        s[9].append_option(dep.map(|d| d.name.as_str()));
        s[10].append_option(dep.map(|d| d.mention.as_str()));
        s[11].append_option(dep.map(|d| d.source.as_str()));
        s[12].append_option(per.and_then(|p| p.text.as_deref()));
        s[13].append_option(per.map(|p| p.source.as_str()));
        s[14].append_value(&c.sentence);
        s[15].append_value(c.value.normalize().to_string());
        s[16].append_option(c.upper.map(|u| u.normalize().to_string()));
        let i = &mut self.ints;
        i[0].append_option(int(c.span.start));
        i[1].append_option(int(c.span.end));
        i[2].append_option(c.part_of.and_then(int));
        i[3].append_option(c.change_of.and_then(int));
        self.decimals[0].append_option(decimal128(&c.value));
        self.decimals[1].append_option(c.upper.as_ref().and_then(decimal128));
        self.dates[0].append_option(per.and_then(|p| p.start).and_then(date32));
        self.dates[1].append_option(per.and_then(|p| p.end).and_then(date32));
    }

    /// The record batch of the rows pushed.
    pub fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = LAYOUT
            .iter()
            .map(|&col| -> ArrayRef {
                match col {
                    Col::S(k) => Arc::new(self.strings[k].finish()),
                    Col::I(k) => Arc::new(self.ints[k].finish()),
                    Col::D(k) => Arc::new(self.decimals[k].finish()),
                    Col::T(k) => Arc::new(self.dates[k].finish()),
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
