//! Prints the claims of the UTF-8 files named on the command line as JSON Lines, using
//! only the library API: `cargo run --example extract_files -- fixtures/seeds/*.txt`.

use std::path::Path;

fn main() {
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        let doc = press_stats::Document::from_text(&text);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for claim in extractor.extract(doc.text()) {
            let mut v = serde_json::to_value(&claim).expect("claims serialize");
            if let Some(map) = v.as_object_mut() {
                map.insert("doc".into(), serde_json::Value::String(name.clone()));
            }
            println!("{v}");
        }
    }
}
