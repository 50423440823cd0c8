//! Runs the extractor over the fixtures many times (for profilers): `cargo run --release
//! --example profile_loop -- 200`.

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).expect("fixtures exist").flatten() {
        if let Ok(t) = std::fs::read_to_string(e.path()) {
            docs.push(t);
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum::<usize>() * n;
    let t = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        for d in &docs {
            claims += extractor.extract(d).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{claims} claims, {:.1} MiB/s", bytes as f64 / s / 1048576.0);
}
