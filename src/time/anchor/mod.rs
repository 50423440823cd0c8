//! Calendar anchors: years, months, days and their parts, named days and holidays,
//! five-year plans, decades, lunar dates. Each parser starts at a char and returns what it
//! read with its end, or `None` when the form does not start there.

mod month_day;
mod named;
mod year;

use super::lexicon::{Word, may_start_form};
use super::mention::Scan;
use super::numeral::{digits, is_cn_numeral};
use super::{Anchor, DayRef, Edge, MonthRef, Part, YearRef};

impl Scan<'_> {
    // ---------------------------------------------------------------- anchors

    /// One calendar anchor: `2021年9月24日`, `今年第一、第二季度`, `去年全年`, `9月底`,
    /// `24日`, `上周三`, `国庆假期`.
    pub(crate) fn anchor(&self, i: usize) -> Option<(Anchor, usize)> {
        let ch = self.ch(i).filter(|&c| self.lx.may_start_date(c))?;
        // Where no form built in code can start, only the word lists are looked up.
        let form = may_start_form(ch);
        if let Some(r) = self.numeric_date(i) {
            return Some(r);
        }
        let mut a = Anchor::EMPTY;
        let (year, mut j) = match self.year(i) {
            Some((y, e)) => (Some(y), e),
            None => (None, i),
        };
        a.year = year;
        if let Some(y) = year {
            // `2020年度`, `2020年末`, `2021年初`, `2024年内`, `去年底`, `明年初`.
            let explicit = !matches!(y, YearRef::Rel(_) | YearRef::InForce(_));
            if self.c.get(j.wrapping_sub(1)) == Some(&'年') {
                match self.ch(j) {
                    Some('度') if explicit => return Some((a, j + 1)),
                    Some('初') if !self.ch(j + 1).is_some_and(is_cn_numeral) => {
                        a.edge = Some(Edge::Start);
                        return Some((a, j + 1));
                    }
                    Some('底' | '末' | '终') => {
                        a.edge = Some(Edge::End);
                        return Some((a, j + 1));
                    }
                    Some('内') if explicit && !self.is(j + 1, '蒙') => return Some((a, j + 1)),
                    _ => {}
                }
            }
            if let Some(k) = self.lits(j, &[w!("农历"), w!("阴历")]) {
                return self.lunar_tail(k, year);
            }
            let k = if self.is(j, '的') { j + 1 } else { j };
            if let Some(e) = self.year_part(&mut a, k) {
                return Some((a, e));
            }
            if let Some(e) = self.month(&mut a, self.sp(j)) {
                return Some((a, e));
            }
            if let Some(e) = self.named(&mut a, j) {
                return Some((a, e));
            }
            // `今年` alone is not followed by a decade (`今年代`): the year itself.
            return Some((a, j));
        }
        if let Some(e) = self.year_part(&mut a, j) {
            return Some((a, e));
        }
        if let Some(e) = self.month(&mut a, j) {
            return Some((a, e));
        }
        if form && let Some(e) = self.decade(&mut a, j) {
            return Some((a, e));
        }
        if let Some((w, e)) = self.word(j, |w| {
            matches!(
                w,
                Word::Day(_) | Word::Week(_) | Word::Quarter(_) | Word::MonthPart(..)
            )
        }) {
            match w {
                Word::Day(d) => {
                    a.day = Some(d);
                    j = self.daypart(e);
                    return Some((a, j));
                }
                Word::Week(k) => {
                    a.part = Part::WeekRel(k);
                    if let Some((wd, e2)) = self.weekday(e).or_else(|| self.weekday_digit(e)) {
                        a.part = Part::Weekday {
                            week: k,
                            weekday: wd,
                        };
                        return Some((a, self.daypart(e2)));
                    }
                    if self.is(e, '末') {
                        a.part = Part::Weekend(k);
                        return Some((a, e + 1));
                    }
                    return Some((a, e));
                }
                Word::Quarter(k) => {
                    a.part = Part::QuarterRel(k);
                    let end = self.edge_char(&mut a, e);
                    return Some((a, end));
                }
                Word::MonthPart(p, edge) => {
                    a.month = Some(MonthRef::InForce(0));
                    a.part = p;
                    a.edge = edge;
                    return Some((a, e));
                }
                _ => {}
            }
        }
        if !form {
            return self.named(&mut a, j).map(|e| (a, e));
        }
        if let Some((wd, e)) = self.weekday(j) {
            a.part = Part::Weekday {
                week: 0,
                weekday: wd,
            };
            return Some((a, self.daypart(e)));
        }
        if let Some(e) = self.lit(j, w!("周末")) {
            a.part = Part::Weekend(0);
            return Some((a, e));
        }
        if let Some(e) = self.lit(j, w!("上半周")) {
            a.part = Part::HalfWeek(1);
            return Some((a, e));
        }
        if let Some(e) = self.lit(j, w!("下半周")) {
            a.part = Part::HalfWeek(2);
            return Some((a, e));
        }
        if let Some(e) = self.lits(j, &[w!("上个半年"), w!("上一个半年")]) {
            a.part = Part::HalfRel(-1);
            return Some((a, e));
        }
        if let Some(e) = self.lits(j, &[w!("下个半年"), w!("下一个半年")]) {
            a.part = Part::HalfRel(1);
            return Some((a, e));
        }
        if let Some(e) = self.day(&mut a, j, false) {
            return Some((a, e));
        }
        if let Some(e) = self.named(&mut a, j) {
            return Some((a, e));
        }
        None
    }

    /// A year-first numeric date: `2021-05-12`, `2010/01/29`, `2021.5.12`.
    pub(crate) fn numeric_date(&self, i: usize) -> Option<(Anchor, usize)> {
        if !self.ch(i)?.is_ascii_digit()
            || i.checked_sub(1)
                .and_then(|k| self.ch(k))
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            return None;
        }
        let (y, e, 4) = digits(self.c, i)? else {
            return None;
        };
        let sep = self.ch(e).filter(|c| matches!(c, '-' | '/' | '.'))?;
        let (m, e2, lm) = digits(self.c, e + 1)?;
        let sep2 = self.ch(e2)?;
        if !(sep2 == sep || sep == '.' && sep2 == '-') || lm > 2 {
            return None;
        }
        let (d, e3, ld) = digits(self.c, e2 + 1)?;
        if ld > 2 || !(1000..=2999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d)
        {
            return None;
        }
        match self.ch(e3) {
            Some('%' | '.' | '/') => return None,
            Some(c) if c.is_ascii_alphanumeric() => return None,
            _ => {}
        }
        let a = Anchor {
            year: Some(YearRef::Abs(y as i16)),
            month: Some(MonthRef::Abs(m as u8)),
            day: Some(DayRef::Abs(d as u8)),
            ..Anchor::EMPTY
        };
        Some((a, self.daypart(e3)))
    }
}
