//! Traditional-script copies of the fixture articles (made char for char with OpenCC's
//! Simplified-to-Traditional table, see data/THIRD_PARTY_NOTICES.md) give the same records
//! as the Simplified originals: text, subject and mentions stay as written, everything else
//! (values, units, kinds, approximations, changes, modality, resolved department names,
//! periods, document dates, regions and genres) is the same.

use std::path::Path;

use press_stats::{Claim, Extractor, Meta, normalize};

/// What two readings of one text must agree on: the span given (offsets may differ), and
/// the claim, its words compared as `words` reads them.
fn key(
    c: &Claim,
    span: (usize, usize),
    words: fn(&str) -> String,
) -> impl PartialEq + std::fmt::Debug {
    (
        span,
        c.kind,
        c.value,
        c.upper,
        c.approx,
        c.unit.clone(),
        c.change
            .as_ref()
            .map(|x| (x.direction, x.basis.as_deref().map(words))),
        c.modality,
        c.department.as_ref().map(|d| (d.name.clone(), d.source)),
        c.date.as_ref().map(|d| (d.start, d.end, d.source)),
        words(&c.text),
        c.subject.as_deref().map(words),
    )
}

fn same(a: &Claim, b: &Claim) -> Result<(), String> {
    let span = |c: &Claim| (c.span.start, c.span.end);
    let (ka, kb) = (key(a, span(a), normalize), key(b, span(b), normalize));
    if ka != kb {
        return Err(format!("{ka:?}\n  vs\n{kb:?}"));
    }
    Ok(())
}

/// Prints the claims that differ and fails when there is one.
fn assert_none_differ(differences: &[String], total: usize) {
    for d in differences {
        println!("{d}");
    }
    assert!(
        differences.is_empty(),
        "{} of {total} claims differ",
        differences.len()
    );
}

/// The file names of the Traditional copies, in order.
fn copies(root: &Path) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = std::fs::read_dir(root.join("tests/data/traditional"))
        .expect("traditional copies exist")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    names
}

#[test]
fn traditional_copies_give_the_same_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let extractor = Extractor::new().expect("lexicons load");
    let names = copies(root);
    assert_eq!(names.len(), 5);
    let mut differences = Vec::new();
    let mut total = 0;
    for name in names {
        let simplified =
            std::fs::read_to_string(root.join("fixtures/seeds").join(&name)).expect("reads");
        let traditional = std::fs::read_to_string(root.join("tests/data/traditional").join(&name))
            .expect("reads");
        let a = extractor.analyze(&simplified, &Meta::default());
        let b = extractor.analyze(&traditional, &Meta::default());
        assert_eq!(a.claims.len(), b.claims.len(), "{name:?}: claim counts");
        for (x, y) in a.claims.iter().zip(&b.claims) {
            total += 1;
            if let Err(e) = same(x, y) {
                differences.push(format!("{name:?}: {e}"));
            }
        }
        let (da, db) = (&a.document, &b.document);
        assert_eq!(
            (da.date, da.genre, &da.region),
            (db.date, db.genre, &db.region),
            "{name:?}: document"
        );
        let names_of = |d: &press_stats::DocumentRecord| {
            d.speakers
                .iter()
                .map(|s| s.department.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names_of(da),
            names_of(db),
            "{name:?}: speakers' departments"
        );
    }
    assert_none_differ(&differences, total);
}

/// Pinyin glued after polyphones, as some sites that convert pages to Traditional script
/// write them (`增長(zhǎng)`, `3萬(wàn)元`).
const READINGS: [(char, &str); 20] = [
    ('長', "zhǎng"),
    ('發', "fā"),
    ('會', "huì"),
    ('個', "gè"),
    ('點', "diǎn"),
    ('務', "wù"),
    ('關', "guān"),
    ('國', "guó"),
    ('經', "jīng"),
    ('濟', "jì"),
    ('業', "yè"),
    ('產', "chǎn"),
    ('數', "shù"),
    ('為', "wèi"),
    ('行', "xíng"),
    ('重', "zhòng"),
    ('還', "hái"),
    ('區', "qū"),
    ('萬', "wàn"),
    ('億', "yì"),
];

/// `text` with [`READINGS`] glued in, and for each char of `text` its char offset in the
/// result.
fn glue(text: &str) -> (String, Vec<usize>) {
    let (mut out, mut at) = (String::new(), Vec::new());
    let mut n = 0;
    for c in text.chars() {
        at.push(n);
        out.push(c);
        n += 1;
        if let Some((_, r)) = READINGS.iter().find(|(k, _)| *k == c) {
            out.push('(');
            out.push_str(r);
            out.push(')');
            n += r.chars().count() + 2;
        }
    }
    at.push(n);
    (out, at)
}

/// `text` without the readings [`glue`] put in.
fn unglue(text: &str) -> String {
    let mut out = text.to_string();
    for (c, r) in READINGS {
        out = out.replace(&format!("{c}({r})"), &c.to_string());
    }
    out
}

#[test]
fn pinyin_glued_into_traditional_text_is_read_through() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let extractor = Extractor::new().expect("lexicons load");
    let names = copies(root);
    let mut differences = Vec::new();
    let mut total = 0;
    for name in names {
        let traditional = std::fs::read_to_string(root.join("tests/data/traditional").join(&name))
            .expect("reads");
        let (glued, at) = glue(&traditional);
        assert!(
            glued.len() > traditional.len() + 100,
            "{name:?}: readings glued"
        );
        let a = extractor.analyze(&traditional, &Meta::default());
        let b = extractor.analyze(&glued, &Meta::default());
        assert_eq!(a.claims.len(), b.claims.len(), "{name:?}: claim counts");
        for (x, y) in a.claims.iter().zip(&b.claims) {
            total += 1;
            // The span covers the same chars as written: from the first to the last, the
            // readings between them included.
            let span = (at[x.span.start], at[x.span.end - 1] + 1);
            let (kx, ky) = (
                key(x, span, unglue),
                key(y, (y.span.start, y.span.end), unglue),
            );
            if kx != ky {
                differences.push(format!("{name:?}: {kx:?}\n  vs\n{ky:?}"));
            }
        }
        assert_eq!(
            (a.document.date, a.document.genre, &a.document.region),
            (b.document.date, b.document.genre, &b.document.region),
            "{name:?}: document"
        );
    }
    assert_none_differ(&differences, total);
}
