//! Checks of the time word lists.

use super::build::{ANNIVERSARIES, ERAS, PERIODS, TIME_WORDS, WEEK_WORDS, int, month_day, word_of};
use super::*;
use crate::lexicon;

#[test]
fn every_row_parses() {
    for (line, f) in lexicon::rows(TIME_WORDS) {
        assert!(
            word_of(&f).is_some(),
            "data/time_words.tsv line {line}: {f:?}"
        );
    }
    for (line, f) in lexicon::rows(PERIODS) {
        let ok = match f.get(1).copied() {
            Some("day") => month_day(f.get(2)).is_some(),
            Some("nth") => f.len() == 5,
            Some("holiday") => month_day(f.get(2)).is_some() && month_day(f.get(3)).is_some(),
            Some("lunar" | "span") => {
                int::<i16>(f.get(2)).is_some() && int::<i16>(f.get(3)).is_some()
            }
            Some("term") => int::<u16>(f.get(2)).is_some(),
            Some("eve") => true,
            Some("unresolved") => true,
            _ => false,
        };
        assert!(ok, "data/periods.tsv line {line}: {f:?}");
    }
    for text in [ERAS, ANNIVERSARIES] {
        for (line, f) in lexicon::rows(text) {
            assert!(int::<i16>(f.get(1)).is_some(), "line {line}: {f:?}");
        }
    }
}

#[test]
fn longest_match_wins() {
    let c: Vec<char> = "上上周三".chars().collect();
    let (w, end) = LEXICON.words.longest_at(&c, 0, |_| true).unwrap();
    assert_eq!((w, end), (Word::Week(-2), 3));
    assert!(LEXICON.is_trigger('年') || LEXICON.is_trigger('今'));
    assert!(!LEXICON.is_trigger('的'));
}

#[test]
fn every_week_word_serves_known_forms() {
    for (line, f) in lexicon::rows(WEEK_WORDS) {
        let forms = f.get(1).copied().unwrap_or("");
        assert!(
            !forms.is_empty()
                && forms.split(',').all(|form| {
                    ["weeks", "nth", "last", "week_no", "unit", "weekday"].contains(&form.trim())
                }),
            "data/week_words.tsv line {line}: {f:?}"
        );
    }
    let week = super::build::week_words();
    assert_eq!(week.weekday.len(), 4);
    assert_eq!(week.weeks.len(), 3);
}
