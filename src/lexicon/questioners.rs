//! The speaker names of questions (`data/questioners.tsv`): reporters and the `问` of a
//! Q&A transcript.

use std::sync::LazyLock;

use super::chars::is_unified_han;

const QUESTIONERS: &str = include_str!("../../data/questioners.tsv");

/// The words of `data/questioners.tsv`: whole names, then name endings.
static WORDS: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let (mut names, mut suffixes) = (Vec::new(), Vec::new());
    for (_, f) in super::rows(QUESTIONERS) {
        match f.get(1).copied() {
            Some("suffix") => suffixes.push(f[0]),
            _ => names.push(f[0]),
        }
    }
    (names, suffixes)
});

/// Whether a speaker line's name is a reporter or the question of a Q&A (`新华社记者`,
/// `记者`, `问`): a turn that is no official's.
///
/// A name ending matches after at most ten Han chars (the outlet) or alone.
pub(crate) fn is_questioner(name: &str) -> bool {
    let (names, suffixes) = &*WORDS;
    names.contains(&name)
        || suffixes.iter().any(|s| {
            name.strip_suffix(s)
                .is_some_and(|m| m.chars().count() <= 10 && m.chars().all(is_unified_han))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporters_and_questions_ask() {
        for name in [
            "问",
            "提问",
            "记者提问",
            "记者",
            "新华社记者",
            "人民日报记者",
        ] {
            assert!(is_questioner(name), "{name}");
        }
        for name in [
            "张华",
            "记者站",
            "答",
            "某某某某某某某某某某某记者",
            "Reuters记者",
        ] {
            assert!(!is_questioner(name), "{name}");
        }
    }

    #[test]
    fn every_row_has_a_known_match() {
        for (line, f) in crate::lexicon::rows(QUESTIONERS) {
            assert!(
                matches!(f.get(1).copied(), Some("name" | "suffix")),
                "data/questioners.tsv line {line}: {f:?}"
            );
        }
    }
}
