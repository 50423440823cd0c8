//! Table tests of the recognizer, one data file per stage:
//!
//! - `tests/data/numbers.tsv`: a numeral → its value (and upper bound), read by
//!   [`Extractor::numbers`] as one number over the whole input; `-` for text that holds no
//!   number (words with numeral chars, dates).
//! - `tests/data/quantities.tsv`: a sentence → every quantity [`Extractor::quantities`]
//!   finds in it, one row each (rows with the same input follow one another), with its
//!   text, value, upper bound, approximation, unit and kind; a row whose text is `-` says
//!   the sentence yields nothing (dates, clock times, codes, phone numbers).
//!
//! `-` stands for an empty field (no upper bound, no unit, a bare number's kind).

mod common;

use press_stats::{Decimal, Extractor, Quantity};

fn rows(name: &str) -> Vec<(usize, Vec<String>)> {
    let text = common::table::read(&format!("tests/data/{name}"));
    common::table::rows(&text)
        .into_iter()
        .map(|r| (r.line, r.fields.iter().map(|f| f.to_string()).collect()))
        .collect()
}

fn opt(field: &str) -> Option<&str> {
    (field != "-" && !field.is_empty()).then_some(field)
}

fn dec(field: &str, line: usize) -> Option<Decimal> {
    opt(field).map(|f| {
        f.parse()
            .unwrap_or_else(|_| panic!("line {line}: {f:?} is not a number"))
    })
}

#[test]
fn numbers_table() {
    let ex = Extractor::new().expect("lexicons load");
    let mut failures = Vec::new();
    let all = rows("numbers.tsv");
    for (line, f) in &all {
        assert!(f.len() >= 2, "numbers.tsv:{line}: expected input and value");
        let input = &f[0];
        let got = ex.numbers(input);
        let shown: Vec<String> = got
            .iter()
            .map(|n| {
                format!(
                    "{}@{}..{}={}{}",
                    n.text,
                    n.span.start,
                    n.span.end,
                    n.value.normalize(),
                    n.upper
                        .map(|u| format!("~{}", u.normalize()))
                        .unwrap_or_default()
                )
            })
            .collect();
        let ok = match dec(&f[1], *line) {
            None => got.is_empty(),
            Some(v) => {
                let upper = f.get(2).and_then(|u| dec(u, *line));
                got.len() == 1
                    && got[0].span.start == 0
                    && got[0].span.end == input.chars().count()
                    && got[0].value == v
                    && got[0].upper == upper
            }
        };
        if !ok {
            failures.push(format!(
                "numbers.tsv:{line}: {input:?} expected {} got {shown:?}",
                f[1..].join(" ")
            ));
        }
    }
    println!(
        "numbers.tsv: {} rows, {} failures",
        all.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn describe(q: &Quantity) -> String {
    [
        q.text.clone(),
        q.value.normalize().to_string(),
        q.upper.map_or("-".into(), |u| u.normalize().to_string()),
        q.approx.to_string(),
        q.unit.as_ref().map_or("-".into(), |u| u.to_string()),
        q.kind.map_or("-".to_owned(), |k| k.to_string()),
    ]
    .join("\t")
}

#[test]
fn quantities_table() {
    let ex = Extractor::new().expect("lexicons load");
    let all = rows("quantities.tsv");
    // Group consecutive rows by input.
    let mut groups: Vec<(usize, String, Vec<Vec<String>>)> = Vec::new();
    for (line, f) in all {
        match groups.last_mut() {
            Some(g) if g.1 == f[0] => g.2.push(f),
            _ => groups.push((line, f[0].clone(), vec![f])),
        }
    }
    let mut failures = Vec::new();
    for (line, input, expected) in &groups {
        let got: Vec<String> = ex.quantities(input).iter().map(describe).collect();
        let want: Vec<String> = expected
            .iter()
            .filter(|f| f.get(1).is_some_and(|t| t != "-"))
            .map(|f| {
                assert!(
                    f.len() == 7,
                    "quantities.tsv:{line}: expected input, text, value, upper, approx, unit, kind"
                );
                let norm = |s: &str| -> String {
                    opt(s)
                        .map(|v| {
                            v.parse::<Decimal>()
                                .map(|d| d.normalize().to_string())
                                .unwrap_or_else(|_| v.to_string())
                        })
                        .unwrap_or_else(|| "-".into())
                };
                [
                    f[1].clone(),
                    norm(&f[2]),
                    norm(&f[3]),
                    f[4].clone(),
                    f[5].clone(),
                    f[6].clone(),
                ]
                .join("\t")
            })
            .collect();
        if got != want {
            failures.push(format!(
                "quantities.tsv:{line}: {input:?}\n    want {want:?}\n    got  {got:?}"
            ));
        }
    }
    println!(
        "quantities.tsv: {} inputs, {} failures",
        groups.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every span the recognizer reports slices the input and holds its text, on every
/// table input and on mangled versions of them (cut at every char).
#[test]
fn spans_slice_the_input() {
    let ex = Extractor::new().expect("lexicons load");
    let mut inputs: Vec<String> = rows("quantities.tsv")
        .into_iter()
        .map(|r| r.1[0].clone())
        .collect();
    inputs.extend(rows("numbers.tsv").into_iter().map(|r| r.1[0].clone()));
    for input in inputs {
        let chars: Vec<char> = input.chars().collect();
        for cut in 0..=chars.len() {
            for text in [
                chars[..cut].iter().collect::<String>(),
                chars[cut..].iter().collect::<String>(),
            ] {
                for q in ex.quantities(&text) {
                    assert_eq!(
                        text.get(q.span.byte_start..q.span.byte_end),
                        Some(q.text.as_str())
                    );
                }
                for n in ex.numbers(&text) {
                    assert_eq!(
                        text.get(n.span.byte_start..n.span.byte_end),
                        Some(n.text.as_str())
                    );
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 3000,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// The recognizer never panics, and the spans of its numbers, quantities and claims
    /// slice the input, on any mix of the chars it reads (numerals, multipliers, units,
    /// joiners, signs, codes) and others.
    #[test]
    fn recognizer_never_panics(s in "[0-9.,:/%~k\\- 〇零一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟廿卅几数余多半分之点又成折元块角毛钱整个亿人年月日号米斤两公里平方立升克吨度倍第翻约近超以上下内含()（）·电话热线人民币美港台—～aAmMGk的是和]{0,24}") {
        let ex = &*SHARED;
        for q in ex.quantities(&s) {
            proptest::prop_assert_eq!(s.get(q.span.byte_start..q.span.byte_end), Some(q.text.as_str()));
            proptest::prop_assert!(q.span.start <= q.span.end);
        }
        for n in ex.numbers(&s) {
            proptest::prop_assert_eq!(s.get(n.span.byte_start..n.span.byte_end), Some(n.text.as_str()));
        }
        for c in ex.extract(&s) {
            proptest::prop_assert_eq!(s.get(c.span.byte_start..c.span.byte_end), Some(c.text.as_str()));
            proptest::prop_assert!(c.sentence.contains(c.text.as_str()));
        }
    }
}

static SHARED: std::sync::LazyLock<Extractor> =
    std::sync::LazyLock::new(|| Extractor::new().expect("lexicons load"));

/// The claim whose text is `text`, or a failure of table `table`'s `line` that names the
/// claims found instead.
fn claim_named<'c>(
    claims: &'c [press_stats::Claim],
    text: &str,
    table: &str,
    line: usize,
    failures: &mut Vec<String>,
) -> Option<&'c press_stats::Claim> {
    let found = claims.iter().find(|c| c.text == text);
    if found.is_none() {
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        failures.push(format!(
            "{table}:{line}: no claim {text:?}; found {texts:?}"
        ));
    }
    found
}

/// `tests/data/claims.tsv`: a sentence → the modality, change direction and subject of one
/// of its claims.
#[test]
fn claims_table() {
    let x = Extractor::new().expect("lexicons");
    let mut failures = Vec::new();
    let all = rows("claims.tsv");
    for (line, f) in &all {
        assert_eq!(f.len(), 5, "claims.tsv:{line}: expected 5 fields");
        let text = format!("标题\n{}\n", f[0]);
        let claims = x.extract(&text);
        // `!text`: the sentence holds no claim of that text.
        if let Some(not) = f[1].strip_prefix('!') {
            if claims.iter().any(|c| c.text == not) {
                failures.push(format!("claims.tsv:{line}: {:?}: {not:?} is a claim", f[0]));
            }
            continue;
        }
        let Some(c) = claim_named(&claims, &f[1], "claims.tsv", *line, &mut failures) else {
            continue;
        };
        let modality = format!("{:?}", c.modality).to_lowercase();
        let change = c.change.as_ref().map_or("-".to_string(), |ch| {
            format!("{:?}", ch.direction).to_lowercase()
        });
        let subject = c.subject.as_deref().unwrap_or("-");
        let got = [modality.as_str(), change.as_str(), subject];
        let want = [f[2].as_str(), f[3].as_str(), f[4].as_str()];
        if got != want {
            failures.push(format!(
                "claims.tsv:{line}: {:?} {:?}: want {want:?}, got {got:?}",
                f[0], f[1]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("claims.tsv: {} rows, 0 failures", all.len());
}

/// `tests/data/attribution.tsv`: a whole document, its date and publisher → the department
/// and period of one of its claims.
#[test]
fn attribution_table() {
    let x = &*SHARED;
    let mut failures = Vec::new();
    let all = rows("attribution.tsv");
    for (line, f) in &all {
        assert_eq!(f.len(), 6, "attribution.tsv:{line}: expected 6 fields");
        let text = f[0].replace(" | ", "\n");
        let meta = press_stats::Meta {
            date: Some(f[1].parse().expect("a date")),
            publisher: opt(&f[2]).map(str::to_string),
            ..Default::default()
        };
        let claims = x.analyze(&text, &meta).claims;
        let Some(c) = claim_named(&claims, &f[3], "attribution.tsv", *line, &mut failures) else {
            continue;
        };
        let dept = c.department.as_ref().map_or("-", |d| &*d.name);
        let day = |d: Option<press_stats::Date>| d.map_or("-".to_string(), |d| d.to_string());
        let period = c.date.as_ref().map_or("-".to_string(), |p| {
            format!("{}..{}", day(p.start), day(p.end))
        });
        if (dept, period.as_str()) != (f[4].as_str(), f[5].as_str()) {
            failures.push(format!(
                "attribution.tsv:{line}: {:?}: want {} {}, got {dept} {period}",
                f[3], f[4], f[5]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("attribution.tsv: {} rows, 0 failures", all.len());
}

/// A table flattened into text (spec §3): each bare number in a row is a claim, its unit
/// from the column header or the row's unit cell, its subject the row label, a growth
/// column signed.
#[test]
fn table_rows_are_claims() {
    let text = "2022年主要工业产品产量\n产品名称  单位  产量  比上年增长(%)\n原煤  万吨  125.3  -4.1\n发电量  亿千瓦时  85.6  3.2\n\n人口构成\n指 标 | 年末人数(人) | 比重(%) |\n全县人口 | 98509 | -- |\n其中:城镇 | 48443 | 49.18 |\n乡村 | 50066 |  |\n";
    let got: Vec<String> = SHARED
        .extract(text)
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {} {}",
                c.text,
                c.kind,
                c.value,
                c.unit,
                c.subject.as_deref().unwrap_or("-"),
                c.change
                    .as_ref()
                    .map_or("-".to_owned(), |ch| ch.direction.to_string())
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "125.3 measure 1253000 吨 原煤 -",
            "-4.1 percent -4.1 % 原煤 down",
            "85.6 measure 8560000000 千瓦时 发电量 -",
            "3.2 percent 3.2 % 发电量 up",
            "98509 count 98509 人 全县人口 -",
            "48443 count 48443 人 城镇 -",
            "49.18 percent 49.18 % 城镇 -",
            "50066 count 50066 人 乡村 -",
        ]
    );
    // The column header's period dates its cells.
    let c = SHARED
        .analyze(text, &press_stats::Meta::default())
        .claims
        .into_iter()
        .find(|c| c.text == "98509")
        .expect("a claim");
    assert_eq!(c.date.and_then(|d| d.text).as_deref(), Some("年末"));
}

/// A title the caller supplies names the document's year as a title line does: `全年` and
/// `年末` are that year, and a year told relative to the date (`上年`) dates only its own
/// figures.
#[test]
fn a_supplied_title_names_the_documents_year() {
    let text = "2023年宜章县国民经济和社会发展统计公报 2023年,宜章县全面贯彻落实。 一、综合 \
                三次产业结构比重由上年的12.3:35.4:52.3调整为12.1:34.8:53.1。\
                全年城镇新增就业人员5688人;年末城镇登记失业率0.7%。\n";
    let titled = press_stats::Meta {
        date: Some("2023-12-31".parse().expect("a date")),
        title: Some("2023年宜章县国民经济和社会发展统计公报".to_string()),
        ..Default::default()
    };
    let year_of = |meta: &press_stats::Meta, claim: &str| {
        let claims = SHARED.analyze(text, meta).claims;
        let c = claims.iter().find(|c| c.text == claim).expect(claim);
        c.date.as_ref().and_then(|d| d.end).map(|d| d.year())
    };
    assert_eq!(year_of(&titled, "12.3"), Some(2022));
    assert_eq!(year_of(&titled, "5688人"), Some(2023));
    assert_eq!(year_of(&titled, "0.7%"), Some(2023));
}
