//! The one reader of the tab-separated tables the tests run (`tests/data/*.tsv`, the
//! conformance exclusions, the lexicons in `data/`), and the check of a list of known
//! failures.
//!
//! A table has one case a line, fields separated by tabs; blank lines and lines starting
//! with `#` are skipped.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One line of a table: its 1-based line number and its fields.
#[derive(Debug, Clone)]
pub struct Row<'t> {
    pub line: usize,
    pub fields: Vec<&'t str>,
}

impl<'t> Row<'t> {
    /// Field `i`, or `""` when the line is shorter.
    pub fn get(&self, i: usize) -> &'t str {
        self.fields.get(i).copied().unwrap_or("")
    }
}

/// The rows of a table's text.
pub fn rows(text: &str) -> Vec<Row<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| Row {
            line: i + 1,
            fields: l.split('\t').collect(),
        })
        .collect()
}

/// A file of the repository, by its path from the crate's root.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The text of a file of the repository.
pub fn read(rel: &str) -> String {
    let path = repo_path(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fails unless `failing` (ids of the cases that fail now) is exactly the list of known
/// failures in `list` (a file of the repository, one id a line, `#` comments; a missing
/// file is an empty list). The message names each new failure and each case that passes
/// now, and says to update the list.
pub fn expect_failures(list: &str, failing: &BTreeSet<String>) {
    let path = repo_path(list);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let known: BTreeSet<String> = rows(&text)
        .iter()
        .map(|r| r.get(0).trim().to_string())
        .collect();
    let new: Vec<&String> = failing.difference(&known).collect();
    let fixed: Vec<&String> = known.difference(failing).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "the failures differ from the known ones in {list}:\n  failing now, not listed: {new:?}\n  \
         listed, passing now: {fixed:?}\nA regression is fixed in the code; an improvement \
         (or a deliberate change) is recorded by updating {list} (one id a line)."
    );
}
