//! The period table (`tests/data/periods.tsv`): each text is scanned with `find_periods`
//! and its mention resolved against the row's reference date and context.

mod common;

use press_stats::Date;
use press_stats::time::{Context, MentionRole, find_periods};

const TABLE: &str = include_str!("data/periods.tsv");

fn date(s: &str) -> Option<Date> {
    if s == "-" {
        None
    } else {
        Some(s.parse().unwrap_or_else(|e| panic!("bad date {s:?}: {e}")))
    }
}

fn range(s: &str) -> (Option<Date>, Option<Date>) {
    let (a, b) = s.split_once("..").expect("a..b");
    (date(a), date(b))
}

struct Row<'a> {
    line: usize,
    text: &'a str,
    reference: Option<Date>,
    start: Option<Date>,
    end: Option<Date>,
    role: &'a str,
    context: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    common::table::rows(TABLE)
        .into_iter()
        .map(|r| {
            assert!(r.fields.len() >= 4, "line {}: {:?}", r.line, r.fields);
            Row {
                line: r.line,
                text: r.get(0),
                reference: date(r.get(1)),
                start: date(r.get(2)),
                end: date(r.get(3)),
                role: r.fields.get(4).copied().unwrap_or("period"),
                context: r.get(5),
            }
        })
        .collect()
}

/// Runs one row; `Err` says what went wrong.
fn check(row: &Row) -> Result<(), String> {
    // The mention is the bracketed part, or the whole text.
    let (before, mention, after) = match (row.text.find('['), row.text.find(']')) {
        (Some(a), Some(b)) if a < b => (&row.text[..a], &row.text[a + 1..b], &row.text[b + 1..]),
        _ => ("", row.text, ""),
    };
    let text = format!("{before}{mention}{after}");
    let chars: Vec<char> = text.chars().map(press_stats::fold).collect();
    let start = before.chars().count();
    let end = start + mention.chars().count();
    let found = find_periods(&chars);

    let mut ctx = Context::new(row.reference);
    for kv in row.context.split_whitespace() {
        let (k, v) = kv.split_once('=').ok_or(format!("bad context {kv:?}"))?;
        match k {
            "year" => ctx.year = v.parse().ok(),
            "document_year" => ctx.document_year = v.parse().ok(),
            "month" => ctx.month = v.parse().ok(),
            "day" => ctx.day = date(v),
            "holiday" => {
                let (a, b) = range(v);
                ctx.holiday = a.zip(b);
            }
            "period" => ctx.period = Some(range(v)),
            _ => return Err(format!("unknown context key {k}")),
        }
    }

    if row.role == "none" {
        let periods: Vec<String> = found
            .iter()
            .filter(|m| m.role != MentionRole::Clock)
            .map(|m| m.text(&chars))
            .collect();
        return if periods.is_empty() {
            Ok(())
        } else {
            Err(format!("expected no period, found {periods:?}"))
        };
    }
    let role = match row.role {
        "period" => MentionRole::Period,
        "base" => MentionRole::Base,
        "clock" => MentionRole::Clock,
        r => return Err(format!("unknown role {r}")),
    };
    let Some(m) = found.iter().find(|m| m.start == start && m.end == end) else {
        let all: Vec<String> = found.iter().map(|m| m.text(&chars)).collect();
        return Err(format!("no mention {mention:?}; found {all:?}"));
    };
    if m.role != role {
        return Err(format!("role {:?}, expected {role:?}", m.role));
    }
    let got = m.resolve(&ctx);
    if got != (row.start, row.end) {
        return Err(format!(
            "resolved to {:?}..{:?}, expected {:?}..{:?} ({:?})",
            got.0, got.1, row.start, row.end, m.expr
        ));
    }
    Ok(())
}

#[test]
fn period_table() {
    let rows = rows();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            check(r)
                .err()
                .map(|e| format!("line {} {:?}: {e}", r.line, r.text))
        })
        .collect();
    assert!(rows.len() > 200, "the table has {} rows", rows.len());
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// `document_date` gives each fixture's gold date (`fixtures/gold/*.meta.json`), stated in
/// the text where the notes say so (a date line, a dated title), else inferred.
#[test]
fn document_dates_of_the_fixtures() {
    use press_stats::DateSource;
    use press_stats::time::document_date;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut metas: Vec<_> = std::fs::read_dir(root.join("gold"))
        .expect("fixtures/gold")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".meta.json"))
        .collect();
    metas.sort();
    assert_eq!(metas.len(), 5);
    for meta in metas {
        let record: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&meta).expect("meta")).expect("json");
        let doc = record["doc"].as_str().expect("doc");
        let text = std::fs::read_to_string(root.join("seeds").join(doc)).expect("seed");
        let want: Date = record["date"]
            .as_str()
            .expect("date")
            .parse()
            .expect("a date");
        let notes = record["notes"].as_str().unwrap_or("");
        let stated = notes.contains("title date") || notes.contains("时间:");
        let source = if stated {
            DateSource::Text
        } else {
            DateSource::Inferred
        };
        assert_eq!(document_date(&text), Some((want, source)), "{doc}");
    }
}

mod properties {
    use press_stats::time::{Context, document_date, find_periods};
    use proptest::prelude::*;

    /// Strings over the chars date expressions are made of, plus some noise.
    fn text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "0123456789〇零一二两三四五六七八九十廿百千年月日号季度旬初底末上中下半前后至到-~—《》“”,。、以来期间截止自从比较同和与今去明本当次近最过未每周星期第首个多余全内时分点:号春节国庆五一目前十三五农历闰 "
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_in_bounds(s in text(), y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let chars: Vec<char> = s.chars().collect();
            let found = find_periods(&chars);
            let mut last_end = 0;
            for m in &found {
                prop_assert!(m.start < m.end && m.end <= chars.len());
                prop_assert!(m.start >= last_end, "overlapping mentions in {:?}", s);
                last_end = m.end;
            }
            let reference = press_stats::Date::new(y, m, d).ok();
            let mut ctx = Context::new(reference);
            for m in &found {
                let (a, b) = m.resolve(&ctx);
                if let (Some(a), Some(b)) = (a, b) {
                    prop_assert!(a <= b, "{:?} resolves backwards in {:?}", m.text(&chars), s);
                }
                ctx.observe(m);
            }
            // A document date is one the text states: no numeral, no date.
            if let Some((date, _)) = document_date(&s) {
                prop_assert!(s.chars().any(|c| "0123456789〇零一二两三四五六七八九十廿".contains(c)), "{:?} gives {}", s, date);
            }
        }
    }
}

/// Every dated gold claim's `date` (text, start, end) is a mention `find_periods` finds in
/// the fixture, resolved as the gold says when the paragraphs are walked with a `Context`
/// on the document date (year in force, holiday in force).
#[test]
fn gold_date_mentions_are_found_and_resolved() {
    use press_stats::time::{document_date, find_periods};
    use std::collections::HashSet;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut missing = Vec::new();
    let mut total = 0;
    for entry in std::fs::read_dir(root.join("gold")).expect("fixtures/gold") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(stem) = name.strip_suffix(".jsonl") else {
            continue;
        };
        let text =
            std::fs::read_to_string(root.join("seeds").join(format!("{stem}.txt"))).expect("seed");
        let (doc_date, _) = document_date(&text).expect("a document date");
        let chars: Vec<char> = text.chars().map(press_stats::fold).collect();
        let mut ctx = Context::new(Some(doc_date));
        let mut found: HashSet<(String, Option<Date>, Option<Date>)> = HashSet::new();
        for paragraph in chars.split(|&c| c == '\n') {
            ctx.new_paragraph();
            for m in find_periods(paragraph) {
                let (a, b) = m.resolve(&ctx);
                found.insert((m.text(paragraph), a, b));
                ctx.observe(&m);
            }
        }
        for line in std::fs::read_to_string(&path).expect("gold").lines() {
            let claim: serde_json::Value = serde_json::from_str(line).expect("json");
            let d = &claim["date"];
            let Some(t) = d["text"].as_str() else {
                continue;
            };
            total += 1;
            let key = (
                t.to_string(),
                d["start"].as_str().and_then(date),
                d["end"].as_str().and_then(date),
            );
            if !found.contains(&key) {
                missing.push(format!("{stem}: {key:?}"));
            }
        }
    }
    assert!(total > 200, "{total} dated gold claims");
    assert!(
        missing.is_empty(),
        "{} of {total} not found:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// A review of a year (a statistical communiqué, published the next year): its `全年` and
/// `年末` figures are of the year its title names, its relative years count from its own
/// date, and without a date line it is dated no earlier than 1 January of the next year.
#[test]
fn a_year_review_reports_the_year_its_title_names() {
    use press_stats::{DateSource, Extractor, Meta};

    let text = "某市2022年国民经济和社会发展统计公报\n\
                一、综合\n\
                初步核算，全年全市地区生产总值1234.5亿元，比上年增长3.5%。\n\
                年末全市常住人口88.9万人。\n\
                今年以来，全市新增市场主体1.2万户。\n";
    let x = Extractor::new().expect("lexicons");
    let period_of = |a: &press_stats::Analysis, claim: &str| {
        let c = a.claims.iter().find(|c| c.text == claim).expect(claim);
        let p = c.date.as_ref().expect("a period");
        (p.text.clone(), p.start, p.end)
    };
    let d = |y, m, d| Some(Date::constant(y, m, d));

    let a = x.analyze(text, &Meta::default());
    assert_eq!(a.document.date, d(2023, 1, 1));
    assert_eq!(a.document.date_source, Some(DateSource::Inferred));
    assert_eq!(
        period_of(&a, "1234.5亿元"),
        (Some("全年".into()), d(2022, 1, 1), d(2022, 12, 31))
    );
    assert_eq!(
        period_of(&a, "88.9万人"),
        (Some("年末".into()), None, d(2022, 12, 31))
    );

    let meta = Meta {
        date: d(2023, 3, 20),
        ..Meta::default()
    };
    let a = x.analyze(text, &meta);
    assert_eq!(
        period_of(&a, "3.5%"),
        (Some("全年".into()), d(2022, 1, 1), d(2022, 12, 31))
    );
    assert_eq!(
        period_of(&a, "1.2万户"),
        (Some("今年以来".into()), d(2023, 1, 1), d(2023, 3, 20))
    );

    // A dated title names an event's day, not a year under review.
    let dated = "2021年10月26日某市政府新闻办举行新闻发布会\n全年共受理1.5万件。\n";
    let a = x.analyze(dated, &Meta::default());
    assert_eq!(
        period_of(&a, "1.5万件"),
        (Some("全年".into()), d(2021, 1, 1), d(2021, 12, 31))
    );
}

/// The period of the claim whose text is `claim`: its text, start and end.
fn period_of(
    a: &press_stats::Analysis,
    claim: &str,
) -> (Option<String>, Option<Date>, Option<Date>) {
    let c = a.claims.iter().find(|c| c.text == claim).expect(claim);
    let p = c.date.as_ref().expect("a period");
    (p.text.as_deref().map(String::from), p.start, p.end)
}

fn d(y: i16, m: i8, day: i8) -> Option<Date> {
    Some(Date::constant(y, m, day))
}

#[test]
fn a_period_told_as_history_dates_nothing_after_it() {
    let x = press_stats::Extractor::new().expect("lexicons");
    let text = "上半年全市地区生产总值增长4.5%,居全省第5位,该位次为2015年以来同期最好位次。从三次产业看,第一产业增加值128.32亿元。\n";
    let meta = press_stats::Meta {
        date: d(2022, 7, 27),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &meta);
    assert_eq!(
        period_of(&a, "128.32亿元"),
        (Some("上半年".into()), d(2022, 1, 1), d(2022, 6, 30))
    );
    // A figure after `以来最高` keeps the period in force too.
    let text = "今年一季度,降水量180毫米,为1961年以来最多;平均气温12.1℃。\n";
    let a = x.analyze(text, &meta);
    assert_eq!(
        period_of(&a, "12.1℃"),
        (Some("今年一季度".into()), d(2022, 1, 1), d(2022, 3, 31))
    );
}

#[test]
fn the_last_year_told_early_in_the_next_is_the_year_of_its_whole_year_figures() {
    let x = press_stats::Extractor::new().expect("lexicons");
    let text = "过去一年,全市住建系统取得显著成效。全年商品房销售面积1423.2万平方米。\n";
    let early = press_stats::Meta {
        date: d(2025, 3, 12),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &early);
    assert_eq!(
        period_of(&a, "1423.2万平方米"),
        (Some("全年".into()), d(2024, 1, 1), d(2024, 12, 31))
    );
    // Told in December, the year is the one ending.
    let late = press_stats::Meta {
        date: d(2025, 12, 20),
        ..press_stats::Meta::default()
    };
    let a = x.analyze(text, &late);
    assert_eq!(
        period_of(&a, "1423.2万平方米"),
        (Some("全年".into()), d(2025, 1, 1), d(2025, 12, 31))
    );
}
