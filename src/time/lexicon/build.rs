//! Building the time lexicon from its data files.

use std::collections::HashMap;

use super::table::Dense;
use super::{ANY, FORM_STARTS, Follow, SINGLE, TRIGGER, pair_bit};
use crate::lexicon;
use crate::lexicon::CharSet;
use crate::time::lexicon::{
    DayRule, HolidayRule, Lexicon, Named, Prefix, Suffix, Table, WeekWords, Word,
};
use crate::time::{DayRef, Edge, MonthRef, Part, YearRef, numeral};

pub(super) const TIME_WORDS: &str = include_str!("../../../data/time_words.tsv");
pub(super) const PERIODS: &str = include_str!("../../../data/periods.tsv");
pub(super) const ERAS: &str = include_str!("../../../data/eras.tsv");
pub(super) const ANNIVERSARIES: &str = include_str!("../../../data/anniversaries.tsv");
const EVENT_VERBS: &str = include_str!("../../../data/event_verbs.txt");
const PLAN_NOUNS: &str = include_str!("../../../data/plan_nouns.txt");
pub(super) const WEEK_WORDS: &str = include_str!("../../../data/week_words.tsv");

pub(super) fn int<T: std::str::FromStr>(s: Option<&&str>) -> Option<T> {
    s?.parse().ok()
}

pub(super) fn month_day(s: Option<&&str>) -> Option<(u8, u8)> {
    let (m, d) = s?.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

fn part_of(f: &[&str]) -> Option<(Part, Option<Edge>)> {
    Some(match *f.get(2)? {
        "whole" => (Part::Whole, None),
        "same" => (Part::SamePeriod, None),
        "half" => (Part::Half(int(f.get(3))?), None),
        "tenth" => (Part::Tenth(int(f.get(3))?), None),
        "edge" => match *f.get(3)? {
            "start" => (Part::Whole, Some(Edge::Start)),
            "end" => (Part::Whole, Some(Edge::End)),
            _ => return None,
        },
        _ => return None,
    })
}

pub(super) fn word_of(f: &[&str]) -> Option<Word> {
    let n = || int::<i16>(f.get(3));
    Some(match *f.get(1)? {
        "year" => match *f.get(2)? {
            "rel" => Word::Year(YearRef::Rel(n()?)),
            "force" => Word::Year(YearRef::InForce(n()?)),
            _ => return None,
        },
        "month" => match *f.get(2)? {
            "rel" => Word::Month(MonthRef::Rel(n()?)),
            "force" => Word::Month(MonthRef::InForce(n()?)),
            _ => return None,
        },
        "day" => match *f.get(2)? {
            "rel" => Word::Day(DayRef::Rel(n()?.into())),
            "force" => Word::Day(DayRef::InForce(n()?.into())),
            _ => return None,
        },
        "quarter" => Word::Quarter(n()?),
        "week" => Word::Week(n()?),
        "yearpart" => {
            let (p, e) = part_of(f)?;
            Word::YearPart(p, e)
        }
        "monthpart" => {
            let (p, e) = part_of(f)?;
            Word::MonthPart(p, e)
        }
        "now" => Word::Now,
        "event" => Word::Event,
        "base" => match *f.get(2)? {
            "lastyear" => Word::BaseLastYear,
            "previous" => Word::BasePrevious,
            _ => return None,
        },
        "holiday" => Word::Holiday,
        "inforce" => Word::InForce,
        "unresolved" => Word::Unresolved,
        "prefix" => Word::Prefix(match *f.get(2)? {
            "until" => Prefix::Until,
            "since" => Prefix::Since,
            "base" => Prefix::Base,
            "base2" => Prefix::Base2,
            "lunar" => Prefix::Lunar,
            "recent" => Prefix::Recent,
            "next" => Prefix::Next,
            "later" => Prefix::Later,
            _ => return None,
        }),
        "suffix" => Word::Suffix(match *f.get(2)? {
            "since" => Suffix::Since,
            "start" => Suffix::Start,
            "now" => Suffix::Now,
            "before" => Suffix::Before,
            "until" => Suffix::Until,
            "after" => Suffix::After,
            "from" => Suffix::From,
            "plain" => Suffix::Plain,
            _ => return None,
        }),
        "daypart" => Word::Daypart,
        "compare" => Word::Compare,
        "every" => Word::Every,
        "name" => Word::Name,
        _ => return None,
    })
}

pub(super) fn build() -> Lexicon {
    // The files are compiled in and checked by the tests below: a malformed row is a
    // build defect, skipped here rather than panicking at run time.
    let words = Table::new(
        lexicon::rows(TIME_WORDS).filter_map(|(_, f)| Some((f.first()?.to_string(), word_of(&f)?))),
    );

    let mut names: Vec<String> = Vec::new();
    let mut named_list: Vec<Named> = Vec::new();
    for (_, f) in lexicon::rows(PERIODS) {
        let Some(name) = f.first() else { continue };
        let idx = match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                named_list.push(Named {
                    day: None,
                    holidays: Vec::new(),
                    lunar_holiday: None,
                    guarded: false,
                    numeric: name.chars().all(numeral::is_cn_numeral),
                });
                names.len() - 1
            }
        };
        let Some(entry) = named_list.get_mut(idx) else {
            continue;
        };
        match f.get(1).copied() {
            Some("day") => {
                if let Some((m, d)) = month_day(f.get(2)) {
                    entry.day = Some(DayRule::Fixed(m, d));
                }
            }
            Some("nth") => {
                if let (Some(month), Some(k), Some(weekday)) =
                    (int(f.get(2)), int(f.get(3)), int(f.get(4)))
                {
                    entry.day = Some(DayRule::Nth { month, k, weekday });
                }
            }
            Some("lunar") => {
                if let (Some(month), Some(day)) = (int(f.get(2)), int(f.get(3))) {
                    entry.day = Some(DayRule::Lunar { month, day });
                }
            }
            Some("eve") => entry.day = Some(DayRule::Eve),
            Some("term") => {
                if let Some(deg) = int(f.get(2)) {
                    entry.day = Some(DayRule::Term(deg));
                    entry.guarded = true;
                }
            }
            Some("span") => {
                if let (Some(a), Some(b)) = (int(f.get(2)), int(f.get(3))) {
                    entry.lunar_holiday = Some((a, b));
                }
            }
            Some("holiday") => {
                if let (Some(from), Some(to)) = (month_day(f.get(2)), month_day(f.get(3))) {
                    let years = f.get(4).and_then(|y| {
                        let (a, b) = y.split_once('-')?;
                        Some((a.parse().ok()?, b.parse().ok()?))
                    });
                    entry.holidays.push(HolidayRule { from, to, years });
                }
            }
            _ => {}
        }
    }
    let named = Table::new(
        names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((n.clone(), u16::try_from(i).ok()?))),
    );

    let year_table = |text: &str| {
        Table::new(
            lexicon::rows(text)
                .filter_map(|(_, f)| Some((f.first()?.to_string(), int::<i16>(f.get(1))?))),
        )
    };
    let eras = year_table(ERAS);
    let anniversaries = year_table(ANNIVERSARIES);
    let event_verbs = Table::new(lexicon::words(EVENT_VERBS).map(|w| (w.to_string(), ())));
    let plan_nouns = Table::new(lexicon::words(PLAN_NOUNS).map(|w| (w.to_string(), ())));

    // Where a mention can start: the first two chars of every word that starts one (suffixes
    // and closing words are only looked at after a date), and the forms built in code.
    let mut follow: HashMap<char, Follow> = HashMap::new();
    let mut add = |w: &[char]| {
        let Some(&first) = w.first() else { return };
        let f = follow.entry(first).or_default();
        match w.get(1) {
            Some(&second) if !f.seconds.contains(&second) => f.seconds.push(second),
            Some(_) => {}
            None => f.single = true,
        }
    };
    let standalone = words
        .entries()
        .filter(|(_, w)| !matches!(w, Word::Suffix(_) | Word::Compare))
        .map(|(w, _)| w);
    for w in standalone
        .chain(named.entries().map(|(w, _)| w))
        .chain(eras.entries().map(|(w, _)| w))
    {
        add(w);
    }
    for w in [
        "以来",
        "期间",
        "周末",
        "上世纪",
        "上个世纪",
        "本世纪",
        "上半周",
        "下半周",
        "今明两年",
        "正月",
        "腊月",
        "冬月",
        "大年",
    ] {
        add(&w.chars().collect::<Vec<_>>());
    }
    // Numerals: dates, counts with a time unit, plans (`十三五`), clock times.
    let numeral_next: Vec<char> = "〇零一二两俩三仨四五六七八九十廿卅百千0123456789年月日号季个周天世点时分、至到-~—－～多余半钟星礼刻秒小 "
        .chars()
        .collect();
    for c in "〇零一二两俩三仨四五六七八九十廿卅百千".chars() {
        follow
            .entry(c)
            .or_default()
            .seconds
            .extend(numeral_next.iter().copied());
    }
    for c in "0123456789《》".chars() {
        follow.entry(c).or_default().any = true;
    }
    // After a quote: a plan (`“十三五”`) or a named day (`“五一”`, `“双十一”`).
    let quoted_next: Vec<char> = "〇零一二两俩三仨四五六七八九十百千廿卅"
        .chars()
        .chain(named.entries().filter_map(|(w, _)| w.first().copied()))
        .collect();
    for c in "“\"".chars() {
        follow
            .entry(c)
            .or_default()
            .seconds
            .extend(quoted_next.iter().copied());
    }
    for (first, next) in [
        ('第', "〇零一二两三四五六七八九十0123456789"),
        ('首', "季月"),
        ('Q', "1234"),
        ('q', "1234"),
        ('周', "一二三四五六日天1234567末"),
        ('星', "期"),
        ('礼', "拜"),
        ('禮', "拜"),
        ('每', "年月周天日季星个工"),
        ('半', "年月个"),
        ('闰', "〇零一二两三四五六七八九十正腊冬0123456789"),
        ('前', "〇零一二两三四五六七八九十0123456789"),
    ] {
        let f = follow.entry(first).or_default();
        f.seconds.extend(next.chars());
    }
    for f in follow.values_mut() {
        f.seconds.sort_unstable();
        f.seconds.dedup();
    }
    let mut class: Box<[u8; 0x10000]> = vec![0u8; 0x10000]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| Box::new([0u8; 0x10000]));
    let mut pairs = Box::new([0u64; 1024]);
    for (&c, f) in &follow {
        let u = c as usize;
        if u < 0xFFFF {
            class[u] = TRIGGER | if f.any { ANY } else { 0 } | if f.single { SINGLE } else { 0 };
        }
        for &b in &f.seconds {
            let (k, bit) = pair_bit(c, b);
            pairs[k] |= bit;
        }
    }
    // Where a date or period can start: the words and names the anchor forms look up at
    // their first char, and the first chars of the forms built in code.
    let date_words = words
        .entries()
        .filter(|(_, w)| {
            !matches!(
                w,
                Word::Prefix(_)
                    | Word::Suffix(_)
                    | Word::Daypart
                    | Word::Compare
                    | Word::Every
                    | Word::Name
            )
        })
        .map(|(w, _)| w);
    let date_start: CharSet = date_words
        .chain(named.entries().map(|(w, _)| w))
        .chain(eras.entries().map(|(w, _)| w))
        .filter_map(|w| w.first().copied())
        .chain(FORM_STARTS.chars())
        .collect();
    let follow_index = Dense::new(follow.keys().copied().collect::<Vec<_>>().into_iter());
    let mut follow_list: Vec<Follow> = (0..follow_index.len()).map(|_| Follow::default()).collect();
    for (c, f) in follow {
        if let Some(slot) = follow_index.get(c).and_then(|k| follow_list.get_mut(k)) {
            *slot = f;
        }
    }
    Lexicon {
        week: week_words(),
        words,
        named,
        named_list,
        eras,
        anniversaries,
        event_verbs,
        plan_nouns,
        class,
        pairs,
        date_start,
        follow_index,
        follow: follow_list,
    }
}

/// The week words of `data/week_words.tsv`, by form (an unknown form is a build defect the
/// tests catch).
pub(super) fn week_words() -> WeekWords {
    let mut week = WeekWords::default();
    for (_, f) in lexicon::rows(WEEK_WORDS) {
        let word: Box<[char]> = f[0].chars().collect();
        for form in f.get(1).copied().unwrap_or("").split(',') {
            let list = match form.trim() {
                "weeks" => &mut week.weeks,
                "nth" => &mut week.nth,
                "last" => &mut week.last,
                "week_no" => &mut week.week_no,
                "unit" => &mut week.unit,
                "weekday" => &mut week.weekday,
                _ => continue,
            };
            list.push(word.clone());
        }
    }
    week
}
