//! Runs the extractor over one long text made of the fixtures repeated 20 times (for
//! profilers): `cargo run --release --example profile_long -- 20`.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures exist")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let docs: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let long = docs.join("\n").repeat(20);
    let t = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        claims += extractor.extract(&long).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{claims} claims, {:.1} MiB/s",
        (long.len() * n) as f64 / s / 1048576.0
    );
}
