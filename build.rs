//! Compiles the segmentation dictionary (`data/jieba_dict.txt`) into the lookup the
//! segmenter reads at run time (`src/lexicon/segment.rs`): an `fst::Map` from each word to
//! its frequency and tag id, the table of tags, and the dictionary's total frequency. Built
//! here once, so that nothing of the dictionary is parsed or inserted when the program
//! starts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

const DICT: &str = "data/jieba_dict.txt";

/// Bits of a packed value that hold the tag id; the frequency is above them.
const TAG_BITS: u32 = 8;

fn main() {
    println!("cargo::rerun-if-changed={DICT}");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(DICT).unwrap_or_else(|e| panic!("{DICT}: {e}"));
    let mut tags: Vec<&str> = Vec::new();
    let mut words: BTreeMap<&str, u64> = BTreeMap::new();
    let mut total: u64 = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        // Read as jieba-rs reads its own copy: fields split on ASCII whitespace, a missing
        // frequency 0, a missing tag empty.
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u64 = fields.next().map_or(0, |f| {
            f.parse()
                .unwrap_or_else(|e| panic!("{DICT}:{}: frequency {f:?}: {e}", i + 1))
        });
        let tag = fields.next().unwrap_or("");
        let id = match tags.iter().position(|&t| t == tag) {
            Some(id) => id,
            None => {
                tags.push(tag);
                tags.len() - 1
            }
        };
        assert!(id < 1 << TAG_BITS, "{DICT}: more than 256 tags");
        assert!(
            freq < 1 << (64 - TAG_BITS),
            "{DICT}:{}: frequency too large",
            i + 1
        );
        // jieba-rs sums every line into its total but looks a repeated word up as its last
        // line says.
        total += freq;
        words.insert(word, (freq << TAG_BITS) | id as u64);
    }
    let map = fst::Map::from_iter(words).unwrap_or_else(|e| panic!("{DICT}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fst_path = out.join("jieba_dict.fst");
    std::fs::write(&fst_path, map.as_fst().as_bytes()).expect("OUT_DIR is writable");

    let mut rs = String::new();
    writeln!(rs, "/// Bits of a packed value that hold the tag id.").unwrap();
    writeln!(rs, "const TAG_BITS: u32 = {TAG_BITS};").unwrap();
    writeln!(
        rs,
        "/// The sum of the frequencies of every line of the dictionary."
    )
    .unwrap();
    writeln!(rs, "const TOTAL: usize = {total};").unwrap();
    writeln!(rs, "/// The tags, by id.").unwrap();
    writeln!(rs, "static TAGS: [&str; {}] = {:?};", tags.len(), tags).unwrap();
    writeln!(rs, "/// Each word's packed frequency and tag id.").unwrap();
    writeln!(
        rs,
        "static WORDS: &[u8] = include_bytes!({:?});",
        fst_path.display().to_string()
    )
    .unwrap();
    std::fs::write(out.join("jieba_dict.rs"), rs).expect("OUT_DIR is writable");
}
