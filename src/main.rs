//! The `press-stats` command: see `press-stats --help`.

fn main() {
    let _ = press_stats::Extractor::new();
}
