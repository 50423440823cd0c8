//! Department recognition, name resolution and region detection: a table of cases, and
//! every department of the gold fixtures.

use std::fs;
use std::path::Path;

use press_stats::{
    MentionForm, Region, RegionContext, detect_region, find_departments, fold, resolve_name,
};

fn chars(s: &str) -> Vec<char> {
    s.chars().map(fold).collect()
}

/// The mentions of `text` as (text, form), paragraph by paragraph.
fn mentions(text: &str) -> Vec<(String, MentionForm)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let c = chars(line);
        let orig: Vec<char> = line.chars().collect();
        for m in find_departments(&c) {
            out.push((orig[m.start..m.end].iter().collect(), m.form));
        }
    }
    out
}

#[test]
#[ignore = "prints every mention of the fixtures, for inspection"]
fn dump_fixture_mentions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        let ctx = RegionContext::for_document(&text);
        println!("== {} region {:?}", f.display(), ctx.region());
        for (m, form) in mentions(&text) {
            println!("  {form:?}\t{m}\t=> {}", resolve_name(&m, &ctx));
        }
    }
}
