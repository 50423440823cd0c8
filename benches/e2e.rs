//! End to end, as a user runs it: the CLI over a generated folder of articles, JSON Lines
//! written to a file, on one thread and on two; and a run over one short file, which is
//! mostly the cost of starting.
//!
//! The folder is the bundled articles repeated 250 times (1,250 files, about 19 MB), the
//! densest text there is. Throughput is reported in MiB of input a second.

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

/// How many times the folder repeats the bundled articles.
const COPIES: usize = 250;

/// Writes the folder and returns its size in bytes.
fn make_folder(dir: &Path) -> u64 {
    let docs = common::seeds();
    let mut total = 0;
    for copy in 0..COPIES {
        for (name, bytes) in &docs {
            std::fs::write(dir.join(format!("{copy:03}_{name}")), bytes).expect("writes");
            total += bytes.len() as u64;
        }
    }
    total
}

fn run(args: &[&std::ffi::OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_press-stats"))
        .args(args)
        .output()
        .expect("the CLI runs");
    assert!(
        out.status.success(),
        "press-stats failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let input = tmp.path().join("articles");
    std::fs::create_dir(&input).expect("creates the folder");
    let bytes = make_folder(&input);
    let output = tmp.path().join("claims.jsonl");

    let mut group = c.benchmark_group("cli");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    for threads in ["1", "2"] {
        group.bench_function(format!("folder_j{threads}"), |b| {
            b.iter(|| {
                run(&[
                    "-j".as_ref(),
                    threads.as_ref(),
                    input.as_os_str(),
                    "-o".as_ref(),
                    output.as_os_str(),
                ])
            })
        });
    }
    group.finish();

    // One short article: what a user waits for when checking a single file.
    let one = tmp.path().join("one.txt");
    let (_, first) = &common::seeds()[0];
    std::fs::write(&one, first).expect("writes");
    let one_out = tmp.path().join("one.jsonl");
    let mut start = c.benchmark_group("cli_start");
    start.sample_size(20);
    start.bench_function("one_file", |b| {
        b.iter(|| run(&[one.as_os_str(), "-o".as_ref(), one_out.as_os_str()]))
    });
    start.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
