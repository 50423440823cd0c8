//! Traditional-script copies of the fixture articles (made char for char with OpenCC's
//! Simplified-to-Traditional table, see data/THIRD_PARTY_NOTICES.md) give the same records
//! as the Simplified originals: text, subject and mentions stay as written, everything else
//! (values, units, kinds, approximations, changes, modality, resolved department names,
//! periods, document dates, regions and genres) is the same.

use std::path::Path;

use press_stats::{Claim, Extractor, Meta, normalize};

fn same(a: &Claim, b: &Claim) -> Result<(), String> {
    let key = |c: &Claim| {
        (
            c.span,
            c.kind,
            c.value,
            c.upper,
            c.approx,
            c.unit.clone(),
            c.change
                .as_ref()
                .map(|x| (x.direction, x.basis.as_deref().map(normalize))),
            c.modality,
            c.department.as_ref().map(|d| (d.name.clone(), d.source)),
            c.date.as_ref().map(|d| (d.start, d.end, d.source)),
        )
    };
    if key(a) != key(b) {
        return Err(format!("{:?}\n  vs\n{:?}", key(a), key(b)));
    }
    if normalize(&a.text) != normalize(&b.text)
        || a.subject.as_deref().map(normalize) != b.subject.as_deref().map(normalize)
    {
        return Err(format!(
            "{} / {:?} vs {} / {:?}",
            a.text, a.subject, b.text, b.subject
        ));
    }
    Ok(())
}

#[test]
fn traditional_copies_give_the_same_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let extractor = Extractor::new().expect("lexicons load");
    let mut names: Vec<_> = std::fs::read_dir(root.join("tests/data/traditional"))
        .expect("traditional copies exist")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
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
    for d in &differences {
        println!("{d}");
    }
    assert!(
        differences.is_empty(),
        "{} of {total} claims differ",
        differences.len()
    );
}
