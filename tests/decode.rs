//! Bytes to text: every supported encoding round-trips Chinese text, binary input is
//! rejected, damage is counted, a forced encoding is obeyed.

use std::path::PathBuf;

use encoding_rs::{BIG5, GB18030, GBK};
use press_stats::{DecodeOptions, ErrorKind, decode, decode_vec};
use proptest::prelude::*;

/// A Traditional-script passage (Hong Kong and Taiwan press style) that Big5 can encode.
const TRADITIONAL: &str = "香港特別行政區政府統計處今日公布，本港第三季本地生產總值按年實質上升4.1%。\
全年訪港旅客約三千四百萬人次，較去年同期增加近兩倍。\n\
政府將於明年投入約一百億元，興建三萬個公營房屋單位，並計劃在五年內完成。\n\
行政院主計總處表示，今年前三季經濟成長率為1.9%，失業率降至3.4%，創二十三年來新低。\n";

const SIMPLIFIED: &str = "全年共查处各类涉烟违法案件1300余宗，同比增长12.5%。\n\
截至9月底，全市累计发放普惠型小微企业贷款34.03万元，较年初增加近1.5万户。\n";

fn seeds() -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut v: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "the five seed articles");
    v
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

const BOM: char = '\u{FEFF}';

fn auto() -> DecodeOptions {
    DecodeOptions::new()
}

#[test]
fn utf8_with_bom_and_crlf() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SIMPLIFIED.replace('\n', "\r\n").as_bytes());
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.document.text(), SIMPLIFIED);
    assert_eq!(d.decoding.encoding, "UTF-8");
    assert!(!d.decoding.guessed);
    assert_eq!(d.decoding.malformed, 0);
}

#[test]
fn utf8_without_bom_is_not_a_guess() {
    let d = decode(SIMPLIFIED.as_bytes(), &auto()).unwrap();
    assert_eq!(d.document.text(), SIMPLIFIED);
    assert_eq!(d.decoding.encoding, "UTF-8");
    assert!(!d.decoding.guessed);
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        for (path, text) in seeds() {
            let d = decode(&utf16(&text.replace('\n', "\r\n"), le), &auto()).unwrap();
            assert_eq!(d.document.text(), text, "{name} {}", path.display());
            assert_eq!(d.decoding.encoding, name);
            assert!(!d.decoding.guessed);
            assert_eq!(d.decoding.malformed, 0);
        }
    }
}

#[test]
fn utf16_without_bom_is_guessed_for_chinese_text() {
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        for (path, text) in seeds() {
            let bytes = utf16(&text, le);
            let d = decode(bytes.get(2..).unwrap(), &auto()).unwrap();
            assert_eq!(d.document.text(), text, "{name} {}", path.display());
            assert_eq!(d.decoding.encoding, name);
            assert!(d.decoding.guessed);
        }
    }
}

#[test]
fn gb18030_articles_are_guessed_and_round_trip() {
    for (path, text) in seeds() {
        let (bytes, _, unmappable) = GB18030.encode(&text);
        assert!(!unmappable);
        let d = decode(&bytes, &auto()).unwrap();
        assert_eq!(d.decoding.encoding, "GB18030", "{}", path.display());
        assert!(d.decoding.guessed);
        assert_eq!(d.decoding.malformed, 0);
        assert_eq!(d.document.text(), text, "{}", path.display());
    }
}

#[test]
fn gbk_sentences_are_guessed_as_gb18030() {
    let (bytes, _, unmappable) = GBK.encode(SIMPLIFIED);
    assert!(!unmappable);
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.decoding.encoding, "GB18030");
    assert!(d.decoding.guessed);
    assert_eq!(d.document.text(), SIMPLIFIED);
}

#[test]
fn big5_traditional_text_round_trips() {
    let (bytes, _, unmappable) = BIG5.encode(TRADITIONAL);
    assert!(!unmappable);
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.decoding.encoding, "Big5");
    assert!(d.decoding.guessed);
    assert_eq!(d.decoding.malformed, 0);
    assert_eq!(d.document.text(), TRADITIONAL);
}

#[test]
fn forced_encoding_is_used_and_not_a_guess() {
    let (bytes, _, _) = BIG5.encode(TRADITIONAL);
    let opts = DecodeOptions::new().with_encoding("BIG5").unwrap();
    assert_eq!(opts.forced(), Some("Big5"));
    let d = decode(&bytes, &opts).unwrap();
    assert_eq!(d.document.text(), TRADITIONAL);
    assert_eq!(d.decoding.encoding, "Big5");
    assert!(!d.decoding.guessed);

    // Forcing the wrong encoding is obeyed: the text differs, and nothing is guessed.
    let (gb, _, _) = GB18030.encode(SIMPLIFIED);
    let d = decode(&gb, &opts).unwrap();
    assert_ne!(d.document.text(), SIMPLIFIED);
    assert_eq!(d.decoding.encoding, "Big5");
}

#[test]
fn a_byte_order_mark_wins_over_a_forced_encoding() {
    let opts = DecodeOptions::new().with_encoding("gbk").unwrap();
    let d = decode(&utf16(SIMPLIFIED, true), &opts).unwrap();
    assert_eq!(d.document.text(), SIMPLIFIED);
    assert_eq!(d.decoding.encoding, "UTF-16LE");
}

#[test]
fn unknown_encoding_names_are_an_error() {
    for name in ["no-such-encoding", "", "iso-2022-kr"] {
        let e = DecodeOptions::new().with_encoding(name).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::UnknownEncoding, "{name:?}");
        assert!(e.to_string().contains("unknown encoding"));
    }
    for name in ["utf8", "UTF-16", "gb2312", "GB18030", " big5 "] {
        assert!(DecodeOptions::new().with_encoding(name).is_ok(), "{name}");
    }
}

#[test]
fn damaged_utf8_is_decoded_with_replacements_counted() {
    let mut bytes = Vec::new();
    for (i, line) in SIMPLIFIED.lines().enumerate() {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(0xFF);
        if i == 0 {
            bytes.extend_from_slice(b"\xE4\xB8"); // a character cut short
        }
        bytes.push(b'\n');
    }
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.decoding.encoding, "UTF-8");
    assert!(d.decoding.guessed);
    // Two lines: 0xFF, 0xFF and a cut-short char of two bytes; each sequence one U+FFFD.
    assert_eq!(d.decoding.malformed, 4);
    assert_eq!(d.document.text().matches('\u{FFFD}').count(), 3);
    assert!(d.document.text().starts_with("全年共查处"));
}

#[test]
fn damaged_gb18030_counts_its_malformed_sequences() {
    let (bytes, _, _) = GB18030.encode(SIMPLIFIED);
    let mut bytes = bytes.into_owned();
    bytes.push(0x81); // a lead byte with nothing after it
    let opts = DecodeOptions::new().with_encoding("gb18030").unwrap();
    let d = decode(&bytes, &opts).unwrap();
    assert_eq!(d.decoding.malformed, 1);
    assert_eq!(d.document.text(), format!("{SIMPLIFIED}\u{FFFD}"));
}

#[test]
fn nul_bytes_and_control_noise_are_binary() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    let mut with_nul = SIMPLIFIED.as_bytes().to_vec();
    with_nul.insert(10, 0);
    // Deterministic noise without a single NUL byte.
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((x >> 16) as u8).max(1)
        })
        .collect();
    assert!(!noise.contains(&0));
    for (name, bytes) in [
        ("png", &png[..]),
        ("nul", &with_nul[..]),
        ("noise", &noise[..]),
    ] {
        let e = decode(bytes, &auto()).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Binary, "{name}");
    }
    // Forcing an ASCII-compatible encoding does not make NULs text.
    let gbk = DecodeOptions::new().with_encoding("gbk").unwrap();
    assert_eq!(
        decode(&with_nul, &gbk).unwrap_err().kind(),
        &ErrorKind::Binary
    );
    // UTF-16 is full of NUL bytes and is text.
    assert!(decode(&utf16("abc 123\n", true), &auto()).is_ok());
}

#[test]
fn empty_input_is_an_empty_document() {
    let d = decode(b"", &auto()).unwrap();
    assert_eq!(d.document.text(), "");
    assert_eq!(d.decoding.encoding, "UTF-8");
    assert_eq!(d.decoding.malformed, 0);
    let d = decode(b"\xEF\xBB\xBF", &auto()).unwrap();
    assert_eq!(d.document.text(), "");
}

#[test]
fn decode_vec_agrees_with_decode() {
    let (gb, _, _) = GB18030.encode(SIMPLIFIED);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SIMPLIFIED.as_bytes());
    for bytes in [SIMPLIFIED.as_bytes().to_vec(), gb.into_owned(), bom] {
        assert_eq!(
            decode(&bytes, &auto()).unwrap(),
            decode_vec(bytes.clone(), &auto()).unwrap()
        );
    }
}

proptest! {
    #[test]
    fn any_bytes_decode_or_are_rejected_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        match decode(&bytes, &auto()) {
            Ok(d) => {
                prop_assert!(!d.document.text().contains('\r'));
                prop_assert!(!d.document.text().starts_with(BOM));
                prop_assert!(!d.decoding.encoding.is_empty());
            }
            Err(e) => prop_assert_eq!(e.kind(), &ErrorKind::Binary),
        }
    }

    #[test]
    fn any_text_round_trips_as_utf8(text in "\\PC{0,200}") {
        let d = decode(text.as_bytes(), &auto()).unwrap_or_else(|e| panic!("{e}: {text:?}"));
        let expected = press_stats::Document::from_text(&text);
        prop_assert_eq!(d.document.text(), expected.text());
    }
}

/// `bytes` with `bad` inserted after the first line.
fn with_bad_byte(bytes: &[u8], bad: &[u8]) -> Vec<u8> {
    let at = bytes.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(bad);
    out.extend_from_slice(&bytes[at..]);
    out
}

#[test]
fn one_bad_byte_in_gb18030_is_still_gb18030_with_low_confidence() {
    // Issue 9: one bad byte made the whole article windows-1252, silently.
    for (path, text) in seeds() {
        let (bytes, _, _) = GB18030.encode(&text);
        // 0xFF is never a byte of GB18030; 0x81 is a lead byte that a line feed cannot follow.
        for bad in [&[0xFF][..], &[0x81, b'\n']] {
            let d = decode(&with_bad_byte(&bytes, bad), &auto()).unwrap();
            assert_eq!(d.decoding.encoding, "GB18030", "{} {bad:?}", path.display());
            assert!(d.decoding.guessed);
            assert!(d.decoding.malformed >= 1, "{}", path.display());
            assert!(d.decoding.low_confidence(), "{}", path.display());
            assert_eq!(d.document.text().matches('\u{FFFD}').count(), 1);
            assert_eq!(
                d.document.text().replace('\u{FFFD}', ""),
                text.replacen('\n', if bad.ends_with(b"\n") { "\n\n" } else { "\n" }, 1)
            );
        }
    }
}

#[test]
fn one_bad_byte_in_big5_is_still_big5_with_low_confidence() {
    let text = TRADITIONAL.repeat(3);
    let (bytes, _, _) = BIG5.encode(&text);
    for bad in [&[0xFF][..], &[0x80]] {
        let d = decode(&with_bad_byte(&bytes, bad), &auto()).unwrap();
        assert_eq!(d.decoding.encoding, "Big5", "{bad:?}");
        assert_eq!(d.decoding.malformed, 1);
        assert!(d.decoding.low_confidence());
        assert_eq!(d.document.text().replace('\u{FFFD}', ""), text);
    }
}

/// The first half of `text` (cut at a char boundary, mid-line) in UTF-8, the rest in GBK
/// (GB18030: some seeds hold chars GBK lacks, such as U+00A0).
fn half_utf8_half_gbk(text: &str) -> Vec<u8> {
    let half = (text.len() / 2..)
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let mut bytes = text.as_bytes()[..half].to_vec();
    let (gbk, _, unmappable) = GB18030.encode(&text[half..]);
    assert!(!unmappable);
    bytes.extend_from_slice(&gbk);
    bytes
}

#[test]
fn half_utf8_half_gbk_is_decoded_in_segments_and_flagged() {
    // Issue 9: one encoding for the whole file garbled the half in the other.
    for (path, text) in seeds() {
        let d = decode(&half_utf8_half_gbk(&text), &auto()).unwrap();
        assert_eq!(d.decoding.encoding, "UTF-8+GB18030", "{}", path.display());
        assert!(d.decoding.guessed);
        assert!(d.decoding.is_mixed());
        assert!(d.decoding.low_confidence());
        assert_eq!(
            d.decoding.malformed > 0,
            d.document.text().contains('\u{FFFD}'),
            "{}",
            path.display()
        );
        if path.ends_with("000_5a25de44587b9c28.txt") {
            assert_eq!(d.decoding.malformed, 0);
            assert_eq!(d.document.text(), text);
        }
        let lines = d.decoding.segments.unwrap();
        assert!(lines.utf8_lines > 0 && lines.other_lines > 0, "{lines:?}");
    }
}

#[test]
fn half_utf8_half_big5_is_decoded_in_segments() {
    let text = TRADITIONAL.repeat(4);
    let half = (text.len() / 2..)
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let mut bytes = text.as_bytes()[..half].to_vec();
    bytes.extend_from_slice(&BIG5.encode(&text[half..]).0);
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.decoding.encoding, "UTF-8+Big5");
    assert_eq!(d.document.text(), text);
}

#[test]
fn a_gbk_file_with_a_utf8_footer_and_the_reverse() {
    let footer = "本文来源：东莞市人民政府门户网站\n版权所有：东莞市人民政府办公室 \
                  粤ICP备05017173号\n联系电话：0769-22831234\n地址：东莞市鸿福路99号 邮编：523888\n";
    for (path, text) in seeds() {
        let mut gbk_first = GB18030.encode(&text).0.into_owned();
        gbk_first.extend_from_slice(footer.as_bytes());
        let mut utf8_first = text.as_bytes().to_vec();
        utf8_first.extend_from_slice(&GB18030.encode(footer).0);
        for (what, bytes) in [
            ("GBK, UTF-8 footer", gbk_first),
            ("UTF-8, GBK footer", utf8_first),
        ] {
            let d = decode(&bytes, &auto()).unwrap();
            let p = path.display();
            assert_eq!(d.decoding.encoding, "UTF-8+GB18030", "{what} {p}");
            assert_eq!(d.decoding.malformed, 0, "{what} {p}");
            assert_eq!(d.document.text(), format!("{text}{footer}"), "{what} {p}");
        }
    }
}

#[test]
fn damage_in_a_mixed_file_is_counted_honestly() {
    let (_, text) = &seeds()[0];
    let mut bytes = half_utf8_half_gbk(text);
    // A bad byte in the UTF-8 half (at a line start) and one at the end of the GBK half.
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(at, 0xFF);
    bytes.push(0x81);
    let d = decode(&bytes, &auto()).unwrap();
    assert_eq!(d.decoding.encoding, "UTF-8+GB18030");
    assert_eq!(d.decoding.malformed, 2);
    assert_eq!(d.document.text().matches('\u{FFFD}').count(), 2);
    assert_eq!(d.document.text().replace('\u{FFFD}', ""), *text);
}

#[test]
fn gbk_files_with_lines_valid_as_utf8_by_chance_decode_as_before() {
    // 陆路卢炉 and 一 in GBK are valid UTF-8 (a line of four Cyrillic-range chars, and one);
    // with a bad byte the file is damaged GBK still, not mixed.
    let tail = "一\n陆路卢炉\n";
    assert!(std::str::from_utf8(&GBK.encode(tail).0).is_ok());
    for (path, text) in seeds() {
        let full = format!("{text}{tail}");
        let (bytes, _, _) = GB18030.encode(&full);
        let clean = decode(&bytes, &auto()).unwrap();
        assert_eq!(clean.decoding.encoding, "GB18030", "{}", path.display());
        assert_eq!(clean.document.text(), full);
        let damaged = with_bad_byte(&bytes, &[0xFF]);
        let d = decode(&damaged, &auto()).unwrap();
        assert_eq!(d.decoding.encoding, "GB18030", "{}", path.display());
        assert_eq!(d.decoding.segments, None);
        assert_eq!(d.decoding.malformed, 1);
        assert_eq!(d.document.text().replace('\u{FFFD}', ""), full);
    }
}

#[test]
fn western_text_is_not_taken_for_mixed() {
    let latin = "Le taux de croissance a été de 4,5 % en 2020. À Paris, l'Île-de-France \
                 compte 12,2 millions d'habitants; coût moyen: 3 500 € par mois.\n";
    let utf8 = "Données publiées à l'été 2020, qualité très élevée.\n";
    for n in [1, 5, 40] {
        let text = latin.repeat(n);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let mut with_utf8 = cp1252.to_vec();
        with_utf8.extend_from_slice(utf8.repeat(n).as_bytes());
        for bytes in [cp1252.to_vec(), with_utf8] {
            let d = decode(&bytes, &auto()).unwrap();
            assert!(!d.decoding.is_mixed(), "{n}: {}", d.decoding.encoding);
            assert_ne!(d.decoding.encoding, "GB18030");
            assert_ne!(d.decoding.encoding, "Big5");
        }
    }
}

#[test]
fn tiny_files_of_two_encodings() {
    let gbk = |s: &str| GBK.encode(s).0.into_owned();
    let cases: Vec<Vec<u8>> = vec![
        [gbk("中"), "中".as_bytes().to_vec()].concat(),
        [b"\xFF".to_vec(), "中文".as_bytes().to_vec()].concat(),
        ["增长12.5%\n".as_bytes().to_vec(), gbk("增长")].concat(),
        [gbk("增长12.5%\n"), "增长12.5%\n".as_bytes().to_vec()].concat(),
        vec![0xE4, 0xB8, b'\n', 0xD6],
    ];
    for bytes in cases {
        let d = decode(&bytes, &auto()).unwrap();
        assert_eq!(
            d.decoding.malformed > 0,
            d.document.text().contains('\u{FFFD}'),
            "{bytes:?}"
        );
    }
}

proptest! {
    #[test]
    fn lines_in_either_encoding_decode_without_panic_and_count_honestly(
        picks in proptest::collection::vec((0usize..64, any::<bool>()), 1..40),
    ) {
        let (_, text) = &seeds()[0];
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut bytes = Vec::new();
        let mut expected = String::new();
        for (i, as_gbk) in picks {
            let line = lines[i % lines.len()];
            expected.push_str(line);
            if as_gbk {
                bytes.extend_from_slice(&GB18030.encode(line).0);
            } else {
                bytes.extend_from_slice(line.as_bytes());
            }
        }
        let d = decode(&bytes, &auto()).unwrap();
        prop_assert_eq!(
            d.decoding.malformed > 0,
            d.document.text().contains('\u{FFFD}')
        );
        if d.decoding.is_mixed() {
            prop_assert_eq!(d.decoding.malformed, 0);
            prop_assert_eq!(d.document.text(), expected.as_str());
        }
    }
}

#[test]
fn clean_guesses_are_not_low_confidence() {
    let (bytes, _, _) = GB18030.encode(SIMPLIFIED);
    assert!(!decode(&bytes, &auto()).unwrap().decoding.low_confidence());
    let (bytes, _, _) = BIG5.encode(TRADITIONAL);
    assert!(!decode(&bytes, &auto()).unwrap().decoding.low_confidence());
    assert!(
        !decode(SIMPLIFIED.as_bytes(), &auto())
            .unwrap()
            .decoding
            .low_confidence()
    );
}
