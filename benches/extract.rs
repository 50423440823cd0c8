//! Throughput of `Extractor::extract` over the fixture articles, one at a time and as one
//! long text made by repeating their bodies, and the cost of building the extractor; and a
//! saved page against the same article as text (MiB of HTML a second, reading the page and
//! extracting its claims, against MiB of text a second).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use press_stats::Extractor;

mod common;

fn fixtures() -> Vec<String> {
    common::seeds()
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).expect("fixture is UTF-8"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::new().expect("lexicons load");
    let docs = fixtures();
    let total: usize = docs.iter().map(String::len).sum();

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("fixtures", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(extractor.extract(black_box(d)));
            }
        })
    });
    // One long document: the fixture texts repeated, as a large report would be.
    let long: String = docs
        .iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(20);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.sample_size(10);
    group.bench_function("repeated_20x", |b| {
        b.iter(|| black_box(extractor.extract(black_box(&long))))
    });
    group.finish();

    // The saved communiqué (142 KB of HTML around 21 KB of article) and its clean text:
    // the same claims, so the times compare the whole work on one article.
    let root = env!("CARGO_MANIFEST_DIR");
    let html = std::fs::read(format!("{root}/fixtures/pages/yichun_tjgb_2022.html"))
        .expect("the saved page");
    let text = std::fs::read_to_string(format!(
        "{root}/fixtures/dev/texts/d01_yichun_tjgb_2022.txt"
    ))
    .expect("its clean text");
    let page_path = std::path::Path::new("yichun_tjgb_2022.html");
    let opts = press_stats::DecodeOptions::new();
    let mut pages = c.benchmark_group("page");
    pages.sample_size(20);
    pages.throughput(Throughput::Bytes(html.len() as u64));
    pages.bench_function("html_read", |b| {
        b.iter(|| black_box(press_stats::load(page_path, black_box(html.clone()), &opts)))
    });
    pages.bench_function("html_read_and_extract", |b| {
        b.iter(|| {
            let l = press_stats::load(page_path, black_box(html.clone()), &opts).expect("reads");
            let mut meta = press_stats::Meta::default();
            if let Some(p) = &l.page {
                p.fill(&mut meta);
            }
            black_box(extractor.analyze(l.document.text(), &meta))
        })
    });
    pages.throughput(Throughput::Bytes(text.len() as u64));
    pages.bench_function("text_extract", |b| {
        b.iter(|| black_box(extractor.extract(black_box(&text))))
    });
    pages.finish();

    let mut build = c.benchmark_group("build");
    build.sample_size(10);
    build.bench_function("Extractor::new", |b| {
        b.iter(|| black_box(Extractor::new().expect("lexicons load")))
    });
    build.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
