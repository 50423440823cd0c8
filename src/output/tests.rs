//! The writers' rows, checked field by field.

use std::str::FromStr;

use super::*;
use crate::claim::{Change, Department, Direction, Modality, Source};
use crate::document::record::{DateSource, Decoding, Genre, Speaker};
use crate::quantity::Approx;
use crate::span::Span;
use crate::unit::{Kind, Unit};

fn full() -> Claim {
    Claim {
        span: Span {
            start: 3,
            end: 10,
            byte_start: 9,
            byte_end: 23,
        },
        text: "1.1亿元".to_owned(),
        kind: Kind::Money,
        value: Decimal::from_str("110000000.000").unwrap(),
        upper: Some(Decimal::from_str("2.50").unwrap()),
        approx: Approx::MoreThan,
        unit: Unit::Per(
            Box::new(Unit::Currency("元")),
            Box::new(Unit::Physical("吨")),
        ),
        subject: Some("贷款".to_owned()),
        change: Some(Change {
            direction: Direction::Up,
            basis: Some("同比".to_owned()),
        }),
        modality: Modality::Target,
        department: Some(Department {
            name: "东莞市烟草专卖局".into(),
            mention: "市烟草专卖局".into(),
            source: Source::Heading,
        }),
        date: Some(Period {
            text: Some("截至9月底".into()),
            start: None,
            end: Date::new(2021, 9, 30).ok(),
            source: Source::Sentence,
        }),
        sentence: "截至9月底,贷款\"达\"1.1亿元\n(续)".into(),
        part_of: Some(1),
        change_of: None,
    }
}

fn bare() -> Claim {
    Claim {
        span: Span::default(),
        text: "3人".to_owned(),
        kind: Kind::Count,
        value: Decimal::from(3),
        upper: None,
        approx: Approx::Exact,
        unit: Unit::Count("人".into()),
        subject: None,
        change: None,
        modality: Modality::Actual,
        department: None,
        date: None,
        sentence: "3人。".into(),
        part_of: None,
        change_of: None,
    }
}

fn csv_of(claims: &[Claim]) -> String {
    let mut w = ClaimWriter::new(Vec::new(), Format::Csv).unwrap();
    for c in claims {
        w.write("a/b.txt", c).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn csv_rows_flatten_every_field_exactly() {
    let out = csv_of(&[full(), bare()]);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        CLAIM_FIELDS
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "a/b.txt",
            "3",
            "10",
            "1.1亿元",
            "money",
            "110000000",
            "2.5",
            "more_than",
            "元/吨",
            "贷款",
            "up",
            "同比",
            "target",
            "东莞市烟草专卖局",
            "市烟草专卖局",
            "heading",
            "截至9月底",
            "",
            "2021-09-30",
            "2021",
            "sentence",
            "截至9月底,贷款\"达\"1.1亿元\n(续)",
            "1",
            "",
        ]
    );
    assert_eq!(
        rows[1].iter().collect::<Vec<_>>(),
        [
            "a/b.txt", "0", "0", "3人", "count", "3", "", "exact", "人", "", "", "", "actual", "",
            "", "", "", "", "", "", "", "3人。", "", "",
        ]
    );
}

#[test]
fn rows_without_header_continue_an_output() {
    let mut head = ClaimWriter::new(Vec::new(), Format::Csv)
        .unwrap()
        .into_inner()
        .unwrap();
    let mut part = ClaimWriter::without_header(Vec::new(), Format::Csv);
    part.write("a/b.txt", &full()).unwrap();
    part.write("a/b.txt", &bare()).unwrap();
    head.extend(part.into_inner().unwrap());
    assert_eq!(String::from_utf8(head).unwrap(), csv_of(&[full(), bare()]));
    // JSON Lines has no header.
    let empty = ClaimWriter::new(Vec::new(), Format::JsonLines).unwrap();
    assert!(empty.into_inner().unwrap().is_empty());
}

#[test]
fn json_lines_are_the_spec_records() {
    let mut w = ClaimWriter::new(Vec::new(), Format::JsonLines).unwrap();
    w.write("a/b.txt", &bare()).unwrap();
    w.write("a/b.txt", &full()).unwrap();
    let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#"{"doc":"a/b.txt","start":0,"end":0,"text":"3人","kind":"count","value":3,"upper":null,"approx":"exact","unit":"人","subject":null,"change":null,"modality":"actual","department":null,"date":null,"sentence":"3人。","part_of":null,"change_of":null}"#
    );
    let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(v["value"], 110000000);
    assert_eq!(v["upper"], 2.5);
    assert_eq!(v["date"]["end"], "2021-09-30");
    // The year of a period whose start is open is its end's.
    assert_eq!(v["date"]["year"], 2021);
    assert_eq!(v["department"]["source"], "heading");
    assert_eq!(v["part_of"], 1);
}

#[test]
fn document_rows_hold_speakers_as_json() {
    let rec = DocumentRecord {
        title: Some("标题, 含逗号".to_owned()),
        date: Date::new(2021, 10, 26).ok(),
        date_source: Some(DateSource::Text),
        genre: Genre::Transcript,
        region: Some("宁德市".to_owned()),
        speakers: vec![Speaker {
            name: "林碧英".to_owned(),
            role: Some("党组成员、副局长".to_owned()),
            department: None,
        }],
        claims: 7,
        decoding: Some(Decoding {
            encoding: "GB18030",
            guessed: true,
            malformed: 2,
            segments: None,
        }),
    };
    let mut w = DocumentWriter::new(Vec::new(), Format::Csv).unwrap();
    w.write("x.txt", &rec).unwrap();
    w.write("empty.txt", &DocumentRecord::default()).unwrap();
    let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        DOCUMENT_FIELDS
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "x.txt",
            "标题, 含逗号",
            "2021-10-26",
            "text",
            "transcript",
            "宁德市",
            r#"[{"name":"林碧英","role":"党组成员、副局长","department":null}]"#,
            "7",
            "GB18030",
            "true",
            "2",
        ]
    );
    assert_eq!(
        rows[1].iter().collect::<Vec<_>>(),
        ["empty.txt", "", "", "", "news", "", "[]", "0", "", "", ""]
    );

    let mut w = DocumentWriter::new(Vec::new(), Format::JsonLines).unwrap();
    w.write("x.txt", &rec).unwrap();
    let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(out.starts_with(r#"{"doc":"x.txt","title":"标题, 含逗号","date":"2021-10-26""#));
    assert!(out.ends_with("\"malformed_bytes\":2}\n"), "{out}");
}

/// A claim's full record through serde, as the library's users get it.
fn serde_record(doc: &str, c: &Claim, extra: &[(&str, &str)]) -> String {
    let mut line = serde_json::to_string(&WithDoc { doc, record: c }).unwrap();
    line.pop();
    for (name, value) in extra {
        line.push(',');
        line.push_str(&serde_json::to_string(name).unwrap());
        line.push(':');
        line.push_str(&serde_json::to_string(value).unwrap());
    }
    line.push('}');
    line
}

/// The chosen columns of a claim as flat JSON, read off its full serde record: each value
/// typed as there, null under an absent object.
fn serde_flat(doc: &str, c: &Claim, cols: &[Col], extra: &[(&str, &str)]) -> String {
    let full: serde_json::Value = serde_json::from_str(&serde_record(doc, c, &[])).unwrap();
    let mut parts = Vec::new();
    for col in cols {
        let name = CLAIM_FIELDS[*col as usize];
        let path: Vec<&str> = match name.split_once('_') {
            Some((obj @ ("change" | "department" | "date"), key)) if full.get(name).is_none() => {
                vec![obj, key]
            }
            _ => vec![name],
        };
        let mut v = &full;
        for key in path {
            v = v.get(key).unwrap_or(&serde_json::Value::Null);
        }
        parts.push(format!("\"{name}\":{}", serde_json::to_string(v).unwrap()));
    }
    for (name, value) in extra {
        parts.push(format!(
            "{}:{}",
            serde_json::to_string(name).unwrap(),
            serde_json::to_string(value).unwrap()
        ));
    }
    format!("{{{}}}", parts.join(","))
}

fn fast_record(doc: &str, c: &Claim, extra: &[(&str, &str)]) -> String {
    let mut out = Vec::new();
    json::claim(&mut out, doc, c, extra);
    String::from_utf8(out).unwrap()
}

fn fast_flat(doc: &str, c: &Claim, cols: &[Col], extra: &[(&str, &str)]) -> String {
    let mut out = Vec::new();
    json::flat(&mut out, doc, c, cols, extra);
    String::from_utf8(out).unwrap()
}

/// Every claim of the bundled fixtures and the development set, with its file's name.
fn fixture_claims() -> Vec<(String, Claim)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut claims = Vec::new();
    for dir in ["seeds", "dev/texts"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = path.file_name().unwrap().to_string_lossy().into_owned();
            for c in crate::extract(&text) {
                claims.push((doc.clone(), c));
            }
        }
    }
    claims
}

/// A claim's CSV cell as the writer first wrote it: each value's own string.
fn plain_cell(col: Col, doc: &str, c: &Claim) -> String {
    let guard = |s: &str| match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.to_owned(),
    };
    let dep = c.department.as_ref();
    let per = c.date.as_ref();
    let dec = |d: &Decimal| d.normalize().to_string();
    let date = |d: Date| DateStr(d).to_string();
    let s = |v: Option<String>| v.unwrap_or_default();
    match col {
        Col::Doc => guard(doc),
        Col::Start => c.span.start.to_string(),
        Col::End => c.span.end.to_string(),
        Col::Text => guard(&c.text),
        Col::Kind => c.kind.to_string(),
        Col::Value => dec(&c.value),
        Col::Upper => s(c.upper.as_ref().map(dec)),
        Col::Approx => c.approx.to_string(),
        Col::Unit => guard(&c.unit.to_string()),
        Col::Subject => s(c.subject.as_deref().map(guard)),
        Col::ChangeDirection => s(c.change.as_ref().map(|ch| ch.direction.to_string())),
        Col::ChangeBasis => s(c
            .change
            .as_ref()
            .and_then(|ch| ch.basis.as_deref())
            .map(guard)),
        Col::Modality => c.modality.to_string(),
        Col::DepartmentName => s(dep.map(|d| guard(&d.name))),
        Col::DepartmentMention => s(dep.map(|d| guard(&d.mention))),
        Col::DepartmentSource => s(dep.map(|d| d.source.to_string())),
        Col::DateText => s(per.and_then(|p| p.text.as_deref()).map(guard)),
        Col::DateStart => s(per.and_then(|p| p.start).map(date)),
        Col::DateEnd => s(per.and_then(|p| p.end).map(date)),
        Col::DateYear => s(per.and_then(Period::year).map(|y| y.to_string())),
        Col::DateSource => s(per.map(|p| p.source.to_string())),
        Col::Sentence => guard(&c.sentence),
        Col::PartOf => s(c.part_of.map(|n| n.to_string())),
        Col::ChangeOf => s(c.change_of.map(|n| n.to_string())),
    }
}

/// The CSV row the writer writes for a claim, against one of the plain cells written by
/// the csv crate.
fn csv_rows_match(doc: &str, c: &Claim, cols: &[Col], extra: &[(&str, &str)]) -> (String, String) {
    let fields = Fields(cols.to_vec());
    let mut w = ClaimWriter::without_header(Vec::new(), Format::Csv).selecting(Some(fields));
    w.write_with(doc, c, extra).unwrap();
    let fast = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let mut plain = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut row: Vec<String> = cols.iter().map(|col| plain_cell(*col, doc, c)).collect();
    row.extend(extra.iter().map(|(_, v)| plain_cell(Col::Doc, v, c)));
    plain.write_record(&row).unwrap();
    (
        fast,
        String::from_utf8(plain.into_inner().unwrap()).unwrap(),
    )
}

#[test]
fn json_records_are_serde_records_on_every_fixture_claim() {
    let claims = fixture_claims();
    assert!(claims.len() > 1000, "{}", claims.len());
    let extra = [("id", "7"), ("note", "a \"b\"\n")];
    let mut w = ClaimWriter::without_header(Vec::new(), Format::JsonLines);
    let mut want = String::new();
    for (doc, c) in &claims {
        assert_eq!(fast_record(doc, c, &[]), serde_record(doc, c, &[]));
        assert_eq!(fast_record(doc, c, &extra), serde_record(doc, c, &extra));
        assert_eq!(
            fast_flat(doc, c, &COLS, &[]),
            serde_flat(doc, c, &COLS, &[])
        );
        w.write(doc, c).unwrap();
        want.push_str(&serde_record(doc, c, &[]));
        want.push('\n');
    }
    assert_eq!(String::from_utf8(w.into_inner().unwrap()).unwrap(), want);
}

#[test]
fn json_escapes_are_serde_json_escapes() {
    let mut s = String::new();
    for b in 0u8..0x80 {
        s.push(char::from(b));
    }
    s.push_str("\u{2028}\u{2029}\u{7f}é中文😀\"\\");
    // Every position of an escape within and across the eight-byte words, in strings of
    // every length up to forty bytes, and to the end.
    for start in 0..s.len() {
        for end in start..=s.len() {
            if !s.is_char_boundary(start)
                || !s.is_char_boundary(end)
                || (end - start > 40 && end < s.len())
            {
                continue;
            }
            let t = &s[start..end];
            let mut out = Vec::new();
            json::string(&mut out, t);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(t).unwrap()
            );
        }
    }
}

mod random {
    use proptest::prelude::*;

    use super::*;

    /// Text with the chars that need care in JSON and CSV, among ordinary ones.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '"', '\\', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}',
            '\u{2028}', '\u{2029}', '😀', '中', '，', ',', '=', '-', '+', '@', ' ', 'a', '9', '/',
            '\'', '\u{feff}', '\u{fffd}',
        ]);
        prop::collection::vec(prop_oneof![special, any::<char>()], 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (any::<i64>(), 0u32..6).prop_map(|(m, s)| Decimal::new(m, s)),
            (-100_000i64..100_000, 0u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
            (any::<i128>(), 0u32..29).prop_map(|(m, s)| {
                Decimal::from_i128_with_scale(m % 79_228_162_514_264_337_593_543_950_335, s)
            }),
        ]
    }

    fn date() -> impl Strategy<Value = Date> {
        (-9999i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
    }

    fn source() -> impl Strategy<Value = Source> {
        prop::sample::select(vec![
            Source::Sentence,
            Source::Speaker,
            Source::Heading,
            Source::Paragraph,
            Source::Document,
        ])
    }

    fn unit() -> impl Strategy<Value = Unit> {
        let leaf = prop_oneof![
            Just(Unit::Percent),
            Just(Unit::PercentagePoint),
            Just(Unit::Multiple),
            Just(Unit::Rank),
            Just(Unit::Point),
            Just(Unit::Currency("元")),
            Just(Unit::Physical("公里")),
            Just(Unit::Time("小时")),
            text().prop_map(|s| Unit::Count(s.into())),
        ];
        leaf.prop_recursive(2, 4, 2, |inner| {
            (inner.clone(), inner).prop_map(|(a, b)| Unit::Per(Box::new(a), Box::new(b)))
        })
    }

    prop_compose! {
        fn claim()(
            (start, end, text, kind, value, upper, approx) in (
                any::<usize>(),
                any::<usize>(),
                text(),
                prop::sample::select(vec![
                    Kind::Count, Kind::Money, Kind::Percent, Kind::PercentagePoint,
                    Kind::Measure, Kind::Duration, Kind::Multiple, Kind::Rank, Kind::Index,
                ]),
                decimal(),
                prop::option::of(decimal()),
                prop::sample::select(vec![
                    Approx::Exact, Approx::About, Approx::MoreThan, Approx::AtLeast,
                    Approx::Nearly, Approx::LessThan, Approx::AtMost,
                ]),
            ),
            (unit, subject, change, modality, department) in (
                unit(),
                prop::option::of(text()),
                prop::option::of((any::<bool>(), prop::option::of(text()))),
                prop::sample::select(vec![Modality::Actual, Modality::Target, Modality::Forecast]),
                prop::option::of((text(), text(), source())),
            ),
            (date, sentence, part_of, change_of) in (
                prop::option::of((
                    prop::option::of(text()),
                    prop::option::of(date()),
                    prop::option::of(date()),
                    source(),
                )),
                text(),
                prop::option::of(any::<usize>()),
                prop::option::of(any::<usize>()),
            ),
        ) -> Claim {
            Claim {
                span: Span { start, end, byte_start: 0, byte_end: 0 },
                text,
                kind,
                value,
                upper,
                approx,
                unit,
                subject,
                change: change.map(|(up, basis)| Change {
                    direction: if up { Direction::Up } else { Direction::Down },
                    basis,
                }),
                modality,
                department: department.map(|(name, mention, source)| Department {
                    name: name.into(),
                    mention: mention.into(),
                    source,
                }),
                date: date.map(|(text, start, end, source)| Period {
                    text: text.map(Into::into),
                    start,
                    end,
                    source,
                }),
                sentence: sentence.into(),
                part_of,
                change_of,
            }
        }
    }

    proptest! {
        #[test]
        fn json_records_are_serde_records(
            doc in text(),
            c in claim(),
            extra in prop::collection::vec((text(), text()), 0..3),
            cols in prop::sample::subsequence(COLS.to_vec(), 0..=24).prop_shuffle(),
        ) {
            let extra: Vec<(&str, &str)> =
                extra.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            prop_assert_eq!(fast_record(&doc, &c, &extra), serde_record(&doc, &c, &extra));
            prop_assert_eq!(
                fast_flat(&doc, &c, &cols, &extra),
                serde_flat(&doc, &c, &cols, &extra)
            );
            if !cols.is_empty() {
                let (fast, plain) = csv_rows_match(&doc, &c, &cols, &extra);
                prop_assert_eq!(fast, plain);
            }
        }

        #[test]
        fn json_strings_are_serde_json_strings(s in text()) {
            let mut out = Vec::new();
            json::string(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
