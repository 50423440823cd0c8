//! Claims: a quantity with what it measures, its change, modality and attribution.

pub(crate) mod build;
mod change;
pub(crate) mod cues;
mod filter;
mod modality;
mod subject;
pub(crate) mod table;

use std::cell::RefCell;
use std::str::FromStr;
use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::document::record::optional_date;
use crate::lexicon::segment::Segmenter;
use crate::quantity::Approx;
use crate::span::Span;
use crate::unit::{Kind, Unit};
use cues::Cues;

/// One quantitative claim found in a document. It serializes as the spec's record (without
/// `doc`, which the output stage writes first): the span as its char offsets `start` and
/// `end`, exact decimals, dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Claim {
    /// Where the claim's text is in the decoded document.
    #[serde(flatten, serialize_with = "char_offsets")]
    pub span: Span,
    /// The span's text as written: number, multiplier, unit and adjacent approximation words.
    pub text: String,
    /// What sort of quantity it is.
    pub kind: Kind,
    /// The value with every multiplier applied (percentages in percent).
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
    /// The upper bound of a range (`2至6个月` → 6).
    #[serde(serialize_with = "optional_decimal")]
    pub upper: Option<Decimal>,
    /// How exact the figure is.
    pub approx: Approx,
    /// The canonical unit.
    #[serde(serialize_with = "serialize_display")]
    pub unit: Unit,
    /// What is quantified, in the text's own words.
    pub subject: Option<String>,
    /// Direction and basis of a change or comparison.
    pub change: Option<Change>,
    /// Whether the figure is achieved, planned or forecast.
    pub modality: Modality,
    /// The government body the claim reports on.
    pub department: Option<Department>,
    /// The period the claim refers to.
    pub date: Option<Period>,
    /// The sentence that holds the claim (the claims of one sentence share its text).
    pub sentence: Arc<str>,
    /// The `start` of the total this claim is stated as a part of (`其中…`), if any.
    pub part_of: Option<usize>,
    /// The `start` of the value this claim is the stated change of (`比上年增加…`), if any.
    pub change_of: Option<usize>,
}

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// An increase, or higher than the basis.
    Up,
    /// A decrease, or lower than the basis.
    Down,
}

impl Direction {
    /// The name used in the output (`up`, `down`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// A change or comparison: which way, and against what.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Change {
    /// Up or down.
    pub direction: Direction,
    /// The text of the reference (`同比`, `较上年`, `全省平均`), if the text gives one.
    pub basis: Option<String>,
}

/// Whether a figure is achieved, planned or forecast.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Modality {
    /// Done or measured.
    #[default]
    Actual,
    /// A plan, goal or commitment.
    Target,
    /// A forecast (`预计`).
    Forecast,
}

impl Modality {
    /// The name used in the output.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Modality::Actual => "actual",
            Modality::Target => "target",
            Modality::Forecast => "forecast",
        }
    }
}

/// Where an attribution (department or date) was found, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The claim's own sentence or clause.
    Sentence,
    /// The speaker of a transcript turn.
    Speaker,
    /// The section heading, or the lead paragraph of a list.
    Heading,
    /// Earlier in the paragraph.
    Paragraph,
    /// The document as a whole (its date).
    Document,
}

impl Source {
    /// The name used in the output.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Source::Sentence => "sentence",
            Source::Speaker => "speaker",
            Source::Heading => "heading",
            Source::Paragraph => "paragraph",
            Source::Document => "document",
        }
    }
}

/// The government body a claim belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Department {
    /// The resolved full name (`东莞市烟草专卖局`).
    pub name: Arc<str>,
    /// The text that named it (`市烟草专卖局`).
    pub mention: Arc<str>,
    /// Where it was found.
    pub source: Source,
}

/// The date or period a claim refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Period {
    /// The mention (`截至9月底`), or `None` for the document date.
    pub text: Option<Arc<str>>,
    /// First day, or `None` for an open start.
    pub start: Option<Date>,
    /// Last day, or `None` for an open end.
    pub end: Option<Date>,
    /// Where it was found.
    pub source: Source,
}

impl Period {
    /// The year the period falls in, for grouping by year: the year of its end, or of its
    /// start when the end is open; `None` when both are. A period whose start is open
    /// (`年末`, `截至9月底`) still has its year.
    ///
    /// ```
    /// let claims = press_stats::extract("截至2021年9月底，贷款余额1.1亿元。");
    /// let period = claims[0].date.as_ref().unwrap();
    /// assert_eq!(period.start, None);
    /// assert_eq!(period.year(), Some(2021));
    /// ```
    pub fn year(&self) -> Option<i16> {
        self.end.or(self.start).map(|d| d.year())
    }
}

/// The record's `date`: the period's fields with its `year` between `end` and `source`.
impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Record<'a> {
            text: Option<&'a str>,
            #[serde(serialize_with = "optional_date::serialize")]
            start: Option<Date>,
            #[serde(serialize_with = "optional_date::serialize")]
            end: Option<Date>,
            year: Option<i16>,
            source: Source,
        }
        Record {
            text: self.text.as_deref(),
            start: self.start,
            end: self.end,
            year: self.year(),
            source: self.source,
        }
        .serialize(s)
    }
}

/// Writes a decimal as a JSON number with exactly its digits: an integer when it is whole
/// and fits 64 bits, the float when the shortest float text is the decimal itself (`99.97`,
/// `0.5`), and otherwise the decimal's own text as a JSON number (`12345678901234.567`,
/// `0.0000000000000000000000000001`, `100000000000000000000`) through serde_json's
/// arbitrary-precision number. Never a rounded float.
pub(crate) fn serialize_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    match JsonDecimal::of(d) {
        JsonDecimal::Int(i) => s.serialize_i64(i),
        JsonDecimal::Float(f, _) => s.serialize_f64(f),
        JsonDecimal::Exact(text) => match serde_json::Number::from_str(text.as_str()) {
            Ok(exact) => exact.serialize(s),
            // A decimal's text is always a JSON number; kept total all the same.
            Err(_) => s.serialize_str(text.as_str()),
        },
    }
}

/// How [`serialize_decimal`] writes a decimal, decided once for the serde path and the
/// output stage's own JSON writer alike.
pub(crate) enum JsonDecimal {
    /// A whole number within 64 bits.
    Int(i64),
    /// A float whose JSON text (the second field, as serde_json writes it) is the decimal.
    Float(f64, NumText),
    /// Neither: the decimal's own text, written as a JSON number.
    Exact(NumText),
}

impl JsonDecimal {
    pub(crate) fn of(d: &Decimal) -> JsonDecimal {
        // A whole number needs no normalizing: its mantissa is its value.
        if d.scale() == 0
            && let Ok(i) = i64::try_from(d.mantissa())
        {
            return JsonDecimal::Int(i);
        }
        let n = d.normalize();
        if n.scale() == 0
            && let Ok(i) = i64::try_from(n.mantissa())
        {
            return JsonDecimal::Int(i);
        }
        let text = NumText::decimal(&n);
        if let Ok(f) = f64::try_from(n) {
            // The float only if the text JSON writes for it is this very decimal (a float's
            // shortest text may round: 1573939813275928.3 is written 1573939813275928.2).
            let json = NumText::float(f);
            let exact = json.as_str() == text.as_str()
                || plain(json.as_str()).as_deref() == Some(text.as_str());
            if exact {
                return JsonDecimal::Float(f, json);
            }
        }
        JsonDecimal::Exact(text)
    }
}

/// A number's text, short enough for the stack: a decimal's (at most 31 bytes: a sign, 29
/// digits and a point, or `-0.` and 28 decimals) or a float's JSON text.
#[derive(Clone, Copy)]
pub(crate) struct NumText {
    buf: [u8; 40],
    len: usize,
}

impl NumText {
    /// The text of a normalized decimal, as its `Display` writes it.
    pub(crate) fn decimal(n: &Decimal) -> NumText {
        let mut t = NumText {
            buf: [0; 40],
            len: 0,
        };
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(n.mantissa().unsigned_abs()).as_bytes();
        let scale = n.scale() as usize;
        if n.is_sign_negative() && n.mantissa() != 0 {
            t.push(b"-");
        }
        if scale >= digits.len() {
            t.push(b"0.");
            for _ in digits.len()..scale {
                t.push(b"0");
            }
            t.push(digits);
        } else {
            let point = digits.len() - scale;
            t.push(&digits[..point]);
            if scale > 0 {
                t.push(b".");
                t.push(&digits[point..]);
            }
        }
        t
    }

    /// A float's text as serde_json writes it (empty if it did not fit, which no finite
    /// float's does).
    fn float(f: f64) -> NumText {
        let mut buf = [0; 40];
        let mut rest: &mut [u8] = &mut buf;
        let len = match serde_json::to_writer(&mut rest, &f) {
            Ok(()) => 40 - rest.len(),
            Err(_) => 0,
        };
        NumText { buf, len }
    }

    fn push(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, signs, points and exponents are ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// A JSON number's text (`1.5e-7`, `-0.25`, `1e+20`) as a plain decimal without exponent,
/// leading or trailing zeros (`0.00000015`, `-0.25`, `100000000000000000000`): exactly the
/// number it writes, unrounded, as `Decimal::normalize` writes it.
fn plain(json: &str) -> Option<String> {
    let (negative, body) = match json.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, json),
    };
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = [int, frac].concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Where the point falls in `digits` once the exponent is applied.
    let point = i64::try_from(int.len()).ok()?.checked_add(exponent)?;
    let len = i64::try_from(digits.len()).ok()?;
    if !(-400..=400).contains(&point) {
        return None;
    }
    let mut out = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(usize::try_from(-point).ok()?))
    } else if point >= len {
        format!("{digits}{}", "0".repeat(usize::try_from(point - len).ok()?))
    } else {
        let p = usize::try_from(point).ok()?;
        format!("{}.{}", &digits[..p], &digits[p..])
    };
    if out.contains('.') {
        out.truncate(out.trim_end_matches('0').trim_end_matches('.').len());
    }
    let int_start = out.len() - out.trim_start_matches('0').len();
    let out = match &out[int_start..] {
        "" => "0".to_string(),
        rest if rest.starts_with('.') => format!("0{rest}"),
        rest => rest.to_string(),
    };
    Some(match negative && out != "0" {
        true => format!("-{out}"),
        false => out,
    })
}

/// An optional decimal as [`serialize_decimal`] writes it, or null.
fn optional_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&Dec(d)),
        None => s.serialize_none(),
    }
}

/// A decimal serialized by [`serialize_decimal`].
struct Dec<'a>(&'a Decimal);
impl Serialize for Dec<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_decimal(self.0, s)
    }
}

/// A value by its `Display` text (the unit's canonical name).
fn serialize_display<S: Serializer, T: std::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A span as the record writes it: its char offsets, `start` and `end`.
fn char_offsets<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Span", 2)?;
    st.serialize_field("start", &span.start)?;
    st.serialize_field("end", &span.end)?;
    st.end()
}

/// How many recent texts [`shared`] remembers on each thread.
const SHARED_SLOTS: usize = 8;

thread_local! {
    /// The texts [`shared`] handed out last on this thread, and the slot to fill next.
    static RECENT: RefCell<([Option<Arc<str>>; SHARED_SLOTS], usize)> =
        const { RefCell::new(([const { None }; SHARED_SLOTS], 0)) };
}

/// `text` as a shared string: the same allocation as a recent call's on this thread when
/// the text is equal (the claims of a passage mostly carry one department and period).
pub(crate) fn shared(text: &str) -> Arc<str> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let (slots, next) = &mut *recent;
        if let Some(hit) = slots.iter().flatten().find(|s| &***s == text) {
            return Arc::clone(hit);
        }
        let new: Arc<str> = Arc::from(text);
        slots[*next] = Some(Arc::clone(&new));
        *next = (*next + 1) % SHARED_SLOTS;
        new
    })
}

/// The shared read-only parts the claim stage needs.
pub(crate) struct Context<'a> {
    pub cues: &'a Cues,
    pub segmenter: &'a Segmenter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_texts_are_the_texts_and_recent_ones_one_allocation() {
        let a = shared("国家统计局");
        let b = shared("国家统计局");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*shared(""), "");
        // More distinct texts than slots: each is still its own text, and an evicted one
        // comes back equal (in a new allocation).
        let texts: Vec<String> = (0..3 * SHARED_SLOTS).map(|i| format!("局{i}")).collect();
        for t in texts.iter().chain(&texts) {
            assert_eq!(&*shared(t), t.as_str());
        }
        assert_eq!(&*shared("国家统计局"), "国家统计局");
    }

    #[test]
    fn json_number_texts_read_as_plain_decimals() {
        for (json, plain_text) in [
            ("99.97", "99.97"),
            ("1e-7", "0.0000001"),
            ("1.5e-7", "0.00000015"),
            ("1e+20", "100000000000000000000"),
            ("-0.25", "-0.25"),
            (
                "1.0000000000000001e-28",
                "0.00000000000000000000000000010000000000000001",
            ),
            ("1573939813275928.2", "1573939813275928.2"),
            ("120.50", "120.5"),
            ("0.0", "0"),
        ] {
            assert_eq!(plain(json).as_deref(), Some(plain_text), "{json}");
        }
        assert_eq!(plain("x"), None);
    }

    #[test]
    fn decimals_are_written_exactly() {
        let json = |v: &str| {
            let d = Decimal::from_str(v).unwrap();
            serde_json::to_string(&Dec(&d)).unwrap()
        };
        assert_eq!(json("1300"), "1300");
        assert_eq!(json("99.970"), "99.97");
        assert_eq!(json("12345678901234.567"), "12345678901234.567");
        assert_eq!(json("1573939813275928.3"), "1573939813275928.3");
        assert_eq!(
            json("0.0000000000000000000000000001"),
            "0.0000000000000000000000000001"
        );
        assert_eq!(json("0.0000001"), "1e-7");
    }

    /// The decision as first written, on the texts `Display` and serde_json give.
    fn reference(d: &Decimal) -> String {
        let n = d.normalize();
        if n.is_integer()
            && let Ok(i) = i64::try_from(n)
        {
            return i.to_string();
        }
        let text = n.to_string();
        if let Ok(f) = f64::try_from(n) {
            let j = serde_json::to_string(&f).unwrap();
            if plain(&j).as_deref() == Some(&text) {
                return j;
            }
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn decimal_texts_are_display_texts_and_decisions_unchanged(
            m in proptest::prelude::any::<i128>(),
            small in -100_000i64..100_000,
            scale in 0u32..29,
        ) {
            for m in [m % 79_228_162_514_264_337_593_543_950_335, i128::from(small)] {
                let d = Decimal::from_i128_with_scale(m, scale);
                let n = d.normalize();
                let text = NumText::decimal(&n);
                proptest::prop_assert_eq!(text.as_str(), n.to_string());
                let json = serde_json::to_string(&Dec(&d)).unwrap();
                proptest::prop_assert_eq!(json, reference(&d));
            }
        }
    }
}
