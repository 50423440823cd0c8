//! Structured fuzzing of numbers: the fuzzer's bytes choose a text from the grammar of
//! numerals, multipliers, units and the words around them (`tests/grammar/numerals.rs`,
//! shared with the property test `tests/numerals.rs`), and the text must pass the same
//! checks: no panic, spans that slice the text, exact JSON numbers, and the amounts the
//! grammar wrote with a known value read back exactly.
#![no_main]

#[path = "../../tests/grammar/numerals.rs"]
mod numerals;

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

fuzz_target!(|data: &[u8]| {
    numerals::check(&EXTRACTOR, &numerals::text(data));
});
