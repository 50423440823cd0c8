//! Numbers read from untrusted text come out exact or not at all (issue 9, defects 3 and
//! 6): no arithmetic on a number read from the text may overflow into a panic or a
//! guessed value.

use std::sync::LazyLock;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

/// `(text, value, unit)` of every quantity of `text`.
fn quantities(text: &str) -> Vec<(String, String, Option<String>)> {
    EXTRACTOR
        .quantities(text)
        .into_iter()
        .map(|q| {
            (
                q.text,
                q.value.normalize().to_string(),
                q.unit.map(|u| u.to_string()),
            )
        })
        .collect()
}

#[test]
fn an_overflowing_cheng_reading_is_dropped_not_a_panic() {
    // 7922816251426433759354395033 × 10 (成) overflows a decimal: no quantity, no panic.
    let text = "增长7922816251426433759354395033成九";
    assert!(EXTRACTOR.extract(text).is_empty());
    assert!(
        quantities(text)
            .iter()
            .all(|q| q.0.contains('九') && !q.0.contains('成')),
        "{:?}",
        quantities(text)
    );
    // The unscaled number is not kept in place of the overflowing one (×10 passes the
    // largest decimal, 79228162514264337593543950335).
    assert!(quantities("7922816251426433759354395034成").is_empty());
    assert!(quantities("7922816251426433759354395034成的").is_empty());
    assert_eq!(
        quantities("7922816251426433759354395033成"),
        vec![(
            "7922816251426433759354395033成".into(),
            "79228162514264337593543950330".into(),
            Some("%".into())
        )]
    );
    // Below the limit the reading stays: 七成六 is 76%.
    assert_eq!(
        quantities("七成六"),
        vec![("七成六".into(), "76".into(), Some("%".into()))]
    );
}

#[test]
fn a_ratio_too_large_to_sum_is_no_panic() {
    // a:b:c… parts are summed to tell a structure ratio (summing to 100) from a clock
    // time: parts whose sum overflows are no ratio.
    let part = "999999999999999999999999999";
    let text = vec![part; 100].join(":");
    assert!(EXTRACTOR.extract(&text).is_empty());
    assert!(EXTRACTOR.quantities(&text).is_empty());
}

/// The JSON record of the only claim of `text`.
fn record(text: &str) -> String {
    let claims = EXTRACTOR.extract(text);
    assert_eq!(claims.len(), 1, "{text}: {claims:?}");
    serde_json::to_string(&claims[0]).expect("serializes")
}

#[test]
fn json_values_are_the_exact_decimals() {
    // Through a float these were 12345678901234.566 and 1.0000000000000001e-28.
    assert!(
        record("全年完成投资12345678901234.567元。").contains(r#""value":12345678901234.567,"#)
    );
    assert!(
        record("占比为0.0000000000000000000000000001%。")
            .contains(r#""value":0.0000000000000000000000000001,"#)
    );
    // Integers past 64 bits: as a float when its text is exact (1e+20), else digit for digit.
    assert!(record("全年完成投资100000000000000000000元。").contains(r#""value":1e+20,"#));
    assert!(
        record("全年完成投资100000000000000000001元。")
            .contains(r#""value":100000000000000000001,"#)
    );
    // What a float wrote exactly stays as it was, byte for byte.
    assert!(record("增长99.97%。").contains(r#""value":99.97,"#));
    assert!(record("共1300余宗。").contains(r#""value":1300,"#));
    let range = record("期限为2.5至6.25个月。");
    assert!(range.contains(r#""value":2.5,"upper":6.25,"#), "{range}");
    // Still JSON numbers, which a reader takes exactly when asked.
    let v: serde_json::Value =
        serde_json::from_str(&record("全年完成投资12345678901234.567元。")).unwrap();
    assert!(v["value"].is_number());
    assert_eq!(v["value"].to_string(), "12345678901234.567");
}

#[test]
fn negative_growth_is_a_change_down_of_the_written_value() {
    // 负增长 is the direction; the value stays as written (only a minus sign signs it).
    let json = record("全市工业产值同比负增长12.5%。");
    assert!(json.contains(r#""value":12.5,"#), "{json}");
    assert!(
        json.contains(r#""change":{"direction":"down","basis":"同比"}"#),
        "{json}"
    );
    let json = record("社会消费品零售总额较上年负增长了3.2%。");
    assert!(
        json.contains(r#""change":{"direction":"down","basis":"较上年"}"#),
        "{json}"
    );
    // A written minus sign is a signed value.
    let json = record("全市工业产值同比增长-12.5%。");
    assert!(json.contains(r#""value":-12.5,"#), "{json}");
}

/// A line far longer than a chunk (16 Ki chars) with no sentence end, `pad` chars of
/// padding first so that a cut may fall anywhere in the repeated clause.
fn long_line(pad: usize, clause: &str, n: usize) -> String {
    let mut line = "新".repeat(pad);
    for _ in 0..n {
        line.push_str(clause);
    }
    line
}

#[test]
fn chunk_cuts_in_long_lines_split_no_number() {
    for clause in [
        "新增约2.3万个就业岗位",
        "利润增长12.5%",
        "完成投资约2.3万个,",
    ] {
        for pad in 0..12 {
            let line = long_line(pad, clause, 20_000 / clause.chars().count());
            for q in EXTRACTOR.quantities(&line) {
                assert!(
                    q.text == "约2.3万个" || q.text == "12.5%",
                    "pad {pad}: {q:?}"
                );
            }
            for c in EXTRACTOR.extract(&line) {
                assert!(
                    c.text == "约2.3万个" || c.text == "12.5%",
                    "pad {pad}: {c:?}"
                );
            }
        }
    }
}

#[test]
fn a_float_text_that_rounds_is_not_written() {
    // Found by the numeral grammar: the shortest float text of 1573939813275928.3 that
    // JSON writers use is 1573939813275928.2.
    let json = record("增长1573939813275928.3%。");
    assert!(json.contains(r#""value":1573939813275928.3,"#), "{json}");
}

#[test]
fn invisible_marks_inside_numbers_are_read_through() {
    // A zero-width joiner inside 12.5% made the fragments 1 and 2.5%.
    let text = "利润同比增长1\u{200d}2.5%。";
    let claims = EXTRACTOR.extract(text);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let c = &claims[0];
    assert_eq!(c.value.to_string(), "12.5");
    assert_eq!(c.text, "1\u{200d}2.5%");
    // Offsets point into the text as written, marks counted.
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[c.span.start..c.span.end].iter().collect::<String>(),
        c.text
    );
    assert_eq!(&text[c.span.byte_start..c.span.byte_end], c.text);
    for mark in [
        '\u{200b}', '\u{200c}', '\u{200e}', '\u{200f}', '\u{2060}', '\u{feff}', '\u{00ad}',
        '\u{202a}',
    ] {
        // Marks before, inside and after the number, and in the words around it.
        let text = format!(
            "{mark}全市{mark}新增约2{mark}.3万{mark}个就{mark}业岗位{mark}，同比增{mark}长12.{mark}5%{mark}。"
        );
        let chars: Vec<char> = text.chars().collect();
        let claims = EXTRACTOR.extract(&text);
        let values: Vec<String> = claims
            .iter()
            .map(|c| c.value.normalize().to_string())
            .collect();
        assert_eq!(values, ["23000", "12.5"], "{mark:?}");
        for c in &claims {
            assert_eq!(
                chars[c.span.start..c.span.end].iter().collect::<String>(),
                c.text
            );
            assert_eq!(&text[c.span.byte_start..c.span.byte_end], c.text);
            assert!(
                !c.text.starts_with(mark) && !c.text.ends_with(mark),
                "{:?}",
                c.text
            );
        }
        assert_eq!(
            claims[1].change.as_ref().map(|ch| ch.direction.to_string()),
            Some("up".to_owned())
        );
        for q in EXTRACTOR.quantities(&text) {
            assert_eq!(
                chars[q.span.start..q.span.end].iter().collect::<String>(),
                q.text
            );
        }
    }
}

#[test]
fn invisible_marks_keep_offsets_in_long_lines_and_huge_documents() {
    let clause = "新增约2\u{200b}.3万个就业岗位，利润增长1\u{200d}2.5%，\u{feff}";
    // One long line cut into chunks (read whole), and a document past 4 MiB (read chunk
    // by chunk).
    let long_line = clause.repeat(20_000 / clause.chars().count());
    let mut huge = String::new();
    while huge.len() <= 4 << 20 {
        huge.push_str(&clause.repeat(30));
        huge.push_str("。\n");
    }
    for text in [long_line, huge] {
        let chars: Vec<char> = text.chars().collect();
        let claims = EXTRACTOR.extract(&text);
        assert!(claims.len() > 100);
        for c in &claims {
            assert!(
                c.text == "约2\u{200b}.3万个" || c.text == "1\u{200d}2.5%",
                "{:?}",
                c.text
            );
            assert_eq!(
                chars[c.span.start..c.span.end].iter().collect::<String>(),
                c.text
            );
            assert_eq!(&text[c.span.byte_start..c.span.byte_end], c.text);
        }
    }
}
