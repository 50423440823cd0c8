//! Arbitrary bytes through the decoding path and the whole pipeline: nothing may panic,
//! every span must slice the decoded text, and every record must be valid JSON.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = press_stats::decode(data, &press_stats::DecodeOptions::new()) else {
        return;
    };
    let text = decoded.document.text();
    let analysis = EXTRACTOR.analyze(text, &press_stats::Meta::default());
    let chars: Vec<char> = text.chars().collect();
    for c in &analysis.claims {
        assert!(c.span.start < c.span.end && c.span.end <= chars.len());
        assert_eq!(text.get(c.span.byte_start..c.span.byte_end), Some(c.text.as_str()));
        let json = serde_json::to_string(c).expect("serializes");
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert!(v["value"].as_f64().is_some_and(f64::is_finite));
    }
    let _ = serde_json::to_string(&analysis.document).expect("serializes");
});
