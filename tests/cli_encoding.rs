//! The command line names a file whose encoding is a guess of low confidence (issue 9,
//! defect 5): one bad byte in a GB18030 article is decoded as GB18030, every claim kept,
//! the malformed byte counted, and stderr says the encoding was guessed; a file half UTF-8
//! and half GBK is decoded in segments, with the claims of the clean file and a warning.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_press-stats");

/// A seed article of 68 claims.
fn seed_article() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seeds/000_5a25de44587b9c28.txt");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_damaged_gb18030_file_is_read_as_gb18030_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = seed_article();
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

#[test]
fn a_file_half_utf8_half_gbk_gives_the_claims_of_the_clean_file_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = seed_article();
    // Cut mid-line, as when a page is joined to one in another encoding.
    let half = (text.len() / 2..)
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let mut mixed = text.as_bytes()[..half].to_vec();
    mixed.extend_from_slice(&encoding_rs::GBK.encode(&text[half..]).0);
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a_clean.txt"), &text).unwrap();
    std::fs::write(dir.join("in/b_mixed.txt"), &mixed).unwrap();
    let out = Command::new(BIN)
        .args(["in", "-o", "out.jsonl", "--docs", "docs.jsonl"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = stderr
        .lines()
        .find(|l| l.contains("b_mixed.txt:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        warning.contains("decoded as mixed UTF-8 and GB18030 (")
            && warning.contains("0 malformed byte(s)")
            && warning.contains("a guess of low confidence"),
        "{warning}"
    );
    assert!(!stderr.contains("a_clean.txt:"), "{stderr}");
    let docs: Vec<serde_json::Value> = std::fs::read_to_string(dir.join("docs.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[1]["encoding"], "UTF-8+GB18030");
    assert_eq!(docs[1]["encoding_guessed"], true);
    assert_eq!(docs[1]["malformed_bytes"], 0);
    assert_eq!(docs[0]["claims"], 68);
    assert_eq!(docs[1]["claims"], 68);
    // The same claims, field for field (offsets too: the decoded texts are the same).
    let mut claims: [Vec<serde_json::Value>; 2] = Default::default();
    for line in std::fs::read_to_string(dir.join("out.jsonl"))
        .unwrap()
        .lines()
    {
        let mut row: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = row["doc"].take();
        claims[usize::from(doc == "b_mixed.txt")].push(row);
    }
    assert_eq!(claims[0].len(), 68);
    assert_eq!(claims[0], claims[1]);
}
