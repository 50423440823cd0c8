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
            name: "东莞市烟草专卖局".to_owned(),
            mention: "市烟草专卖局".to_owned(),
            source: Source::Heading,
        }),
        date: Some(Period {
            text: Some("截至9月底".to_owned()),
            start: None,
            end: Date::new(2021, 9, 30).ok(),
            source: Source::Sentence,
        }),
        sentence: "截至9月底,贷款\"达\"1.1亿元\n(续)".to_owned(),
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
        sentence: "3人。".to_owned(),
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
