//! Runs the extractor over the fixtures many times (for profilers): `cargo run --release
//! --example profile_loop -- 200`, or over one long text made of them repeated 20 times
//! (the benchmark's `repeated_20x`): `… -- 20 long`.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let long = args.next().is_some_and(|a| a == "long");
    let extractor = press_stats::Extractor::new().expect("lexicons load");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures exist")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut docs: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if long {
        docs = vec![docs.join("\n").repeat(20)];
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
