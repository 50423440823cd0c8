//! A document too large to be read whole (over 4 MiB) is read chunk by chunk: it gives the
//! same quantities as its parts, and its claims stream out in text order.

use press_stats::{Extractor, Meta};

#[test]
fn a_huge_document_gives_the_claims_of_its_parts() {
    let part = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seeds/001_789bf941bfabd45c.txt"
    ))
    .expect("fixture reads");
    let part = format!("{}\n", part.trim_end());
    let copies = (5 << 20) / part.len() + 1;
    let big = part.repeat(copies);
    assert!(big.len() > 4 << 20);
    let extractor = Extractor::new().expect("lexicons load");
    let one = extractor.extract(&part);
    let mut streamed = Vec::new();
    let record = extractor.analyze_into(&big, &Meta::default(), &mut |c| streamed.push(c));
    assert_eq!(record.claims, streamed.len());
    assert_eq!(streamed.len(), one.len() * copies);
    let chars = part.chars().count();
    for (i, c) in streamed.iter().enumerate() {
        let (copy, j) = (i / one.len(), i % one.len());
        let o = &one[j];
        assert_eq!(c.span.start, o.span.start + copy * chars, "claim {i}");
        assert_eq!(
            (&c.text, c.value, &c.unit, c.approx),
            (&o.text, o.value, &o.unit, o.approx),
            "claim {i}"
        );
        assert_eq!(&big[c.span.byte_start..c.span.byte_end], c.text);
    }
}
