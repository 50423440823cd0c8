//! The command line names a file whose encoding is a guess of low confidence (issue 9,
//! defect 5): one bad byte in a GB18030 article is decoded as GB18030, every claim kept,
//! the malformed byte counted, and stderr says the encoding was guessed.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_press-stats");

#[test]
fn a_damaged_gb18030_file_is_read_as_gb18030_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/seeds/000_5a25de44587b9c28.txt"),
    )
    .unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let at = gb.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut damaged = gb[..at].to_vec();
    damaged.push(0xFF);
    damaged.extend_from_slice(&gb[at..]);
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/clean.txt"), &gb).unwrap();
    std::fs::write(dir.join("in/damaged.txt"), &damaged).unwrap();
    let out = Command::new(BIN)
        .args(["in", "-o", "out.jsonl", "--docs", "docs.jsonl"])
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("damaged.txt: 1 malformed byte(s) replaced with U+FFFD (decoded as GB18030, a guess of low confidence"),
        "{stderr}"
    );
    assert!(!stderr.contains("clean.txt:"), "{stderr}");
    let docs = std::fs::read_to_string(dir.join("docs.jsonl")).unwrap();
    let docs: Vec<serde_json::Value> = docs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0]["encoding"], "GB18030");
    assert_eq!(docs[1]["encoding"], "GB18030");
    assert_eq!(docs[1]["encoding_guessed"], true);
    assert_eq!(docs[1]["malformed_bytes"], 1);
    // Every claim of the clean file, and the same ones from the damaged file.
    assert_eq!(docs[0]["claims"], docs[1]["claims"]);
    assert!(docs[0]["claims"].as_u64().unwrap() > 60);
}
