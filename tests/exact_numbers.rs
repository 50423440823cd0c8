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
