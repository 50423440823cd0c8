//! The run's report: a progress bar, a line on stderr for each input that could not be
//! used, and the summary that ends the run.

use std::collections::BTreeMap;
use std::io::{self, Write};

use indicatif::ProgressBar;
use press_stats::Error;

use crate::{Done, shown};

/// Counts for the summary, and the stderr lines.
pub struct Report {
    pub bar: ProgressBar,
    pub read: usize,
    pub empty: usize,
    pub damaged: usize,
    pub claims: usize,
    pub bytes: u64,
    pub skipped: BTreeMap<&'static str, usize>,
    pub failed: BTreeMap<&'static str, usize>,
}

impl Report {
    pub fn line(&self, msg: &str) {
        self.bar.suspend(|| {
            let _ = writeln!(io::stderr(), "press-stats: {msg}");
        });
    }

    pub fn problem(&mut self, e: &Error) {
        self.line(&e.to_string());
        let counts = if e.is_skip() {
            &mut self.skipped
        } else {
            &mut self.failed
        };
        *counts.entry(e.label()).or_default() += 1;
    }

    /// An input skipped for the reason `label` counts under.
    pub fn skip(&mut self, e: &Error, label: &'static str) {
        self.line(&e.to_string());
        *self.skipped.entry(label).or_default() += 1;
    }

    pub fn done(&mut self, path: &std::path::Path, d: &Done) {
        self.read += 1;
        self.claims += d.claims;
        self.bytes = self.bytes.saturating_add(d.bytes);
        if d.empty {
            self.empty += 1;
            self.line(&format!("{}: empty file (no text), no claims", shown(path)));
        }
        if d.malformed > 0 {
            self.damaged += 1;
        }
        if let Some(w) = &d.decoding_warning {
            self.line(&format!("{}: {w}", shown(path)));
        }
        self.bar.inc(1);
    }

    pub fn summary(&self, ignored: usize, seconds: f64) -> String {
        fn counts(m: &BTreeMap<&'static str, usize>, what: &str) -> String {
            let total: usize = m.values().sum();
            if total == 0 {
                return format!("0 {what}");
            }
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{v} {k}")).collect();
            format!("{total} {what} ({})", parts.join(", "))
        }
        let mut read = format!("{} files read", self.read);
        let mut notes = Vec::new();
        if self.empty > 0 {
            notes.push(format!("{} empty", self.empty));
        }
        if self.damaged > 0 {
            notes.push(format!("{} with malformed bytes", self.damaged));
        }
        if !notes.is_empty() {
            read = format!("{read} ({})", notes.join(", "));
        }
        let ignored = if ignored > 0 {
            format!(", {ignored} other files ignored")
        } else {
            String::new()
        };
        let mb = self.bytes as f64 / 1e6;
        let rate = if seconds > 0.0 { mb / seconds } else { 0.0 };
        format!(
            "{read}, {}, {}{ignored}, {} claims, {seconds:.2} s, {mb:.2} MB, {rate:.2} MB/s",
            counts(&self.skipped, "skipped"),
            counts(&self.failed, "failed"),
            self.claims,
        )
    }
}
