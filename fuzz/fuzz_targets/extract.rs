//! Arbitrary bytes through the decoding path and the whole pipeline, as a text file and as
//! a saved page (the HTML path: parsing, the body, the metadata): nothing may panic, every
//! span must slice the extracted text, and every record must be valid JSON.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<press_stats::Extractor> =
    LazyLock::new(|| press_stats::Extractor::new().expect("lexicons load"));

fuzz_target!(|data: &[u8]| {
    // The first byte picks the path: odd bytes are a page.
    let as_page = data.first().is_some_and(|b| b % 2 == 1);
    let name = if as_page { "f.html" } else { "f.txt" };
    let opts = press_stats::DecodeOptions::new();
    let Ok(loaded) = press_stats::load(std::path::Path::new(name), data.to_vec(), &opts) else {
        return;
    };
    let mut meta = press_stats::Meta::default();
    if let Some(page) = &loaded.page {
        page.fill(&mut meta);
    }
    let text = loaded.document.text();
    let analysis = EXTRACTOR.analyze(text, &meta);
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
