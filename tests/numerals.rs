//! The numeral grammar (`tests/grammar/numerals.rs`) as a property test: a bounded run of
//! the structured fuzz target `fuzz/fuzz_targets/numerals.rs`, part of `cargo test` (a few
//! seconds). Proptest draws the bytes the grammar reads its choices from, and shrinks a
//! failure to the shortest choices that still fail.

#[path = "grammar/numerals.rs"]
mod numerals;

use std::sync::LazyLock;

use proptest::prelude::*;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

/// Texts of the grammar.
fn numeral_texts() -> impl Strategy<Value = numerals::Text> {
    prop::collection::vec(any::<u8>(), 0..256).prop_map(|bytes| numerals::text(&bytes))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn numeral_grammar_texts(t in numeral_texts()) {
        numerals::check(&EXTRACTOR, &t);
    }
}

/// The texts of the grammar are what it promises: the decimal edges and the forms named in
/// its docs come out of some bytes, so that the property above searches among them.
#[test]
fn the_grammar_writes_the_hard_forms() {
    let mut seen = String::new();
    for seed in 0u32..20_000 {
        let bytes: Vec<u8> = (0..64u32)
            .map(|k| (seed.wrapping_mul(2_654_435_761).wrapping_add(k * 40_503) >> 7) as u8)
            .collect();
        seen.push_str(&numerals::text(&bytes).text);
        seen.push('\n');
    }
    for form in [
        "成",
        "分之",
        "又",
        "万亿",
        "两",
        "零",
        "余",
        "至",
        "%",
        "‰",
        "\u{200D}",
        "79228162514264337593543950335",
    ] {
        assert!(seen.contains(form), "{form}");
    }
}

/// The reproducers of issue 9 that concern numbers, through the same check.
#[test]
fn issue_9_reproducers_hold() {
    for text in [
        "增长7922816251426433759354395033成九",
        "12345678901234.567元",
        "1e-28%",
        "0.0000000000000000000000000001%",
        "同比负增长12.5%",
        "1\u{200d}2.5%",
    ] {
        numerals::check_text(&EXTRACTOR, text);
    }
}
