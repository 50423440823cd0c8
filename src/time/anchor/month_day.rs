//! Months, days, parts of a day, weekdays and decades.

use crate::time::lexicon::{Word, may_start_form};
use crate::time::mention::{RANGE_SEPS, Scan};
use crate::time::numeral::{cn_number, is_cn_numeral};
use crate::time::{Anchor, DayRef, Edge, MonthRef, Part, YearRef};

impl Scan<'_> {
    /// A month and what follows it: `9月`, `7月份`, `9月底`, `10月中旬`, `9月24日`,
    /// `上个月15号`, `3月第三周`.
    pub(crate) fn month(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let form = self.ch(i).is_some_and(may_start_form);
        if form
            && (self.is(i, '闰')
                || self
                    .lits(i, &[w!("正月"), w!("腊月"), w!("冬月")])
                    .is_some())
        {
            // `闰四月`, `正月十五`, `腊月初八`: lunar months.
            let (b, e) = self.lunar_tail(i, a.year)?;
            *a = b;
            return Some(e);
        }
        if let Some(j) = self.lit(i, w!("大年初")).filter(|_| form) {
            // `大年初十`: a day of the first lunar month.
            let (d, e) = self.number(j)?;
            if !(1..=30).contains(&d) {
                return None;
            }
            a.part = Part::Lunar {
                month: 1,
                leap: false,
                day: d as u8,
            };
            return Some(e);
        }
        let e = if let Some((n, e)) = self.number(i) {
            if self.is(i, '两') || !(1..=12).contains(&n) {
                return None;
            }
            let e = self.lit(self.sp(e), w!("月"))?;
            a.month = Some(MonthRef::Abs(n as u8));
            self.lit(e, w!("份")).unwrap_or(e)
        } else if let Some((Word::Month(m), e)) = self.word(i, |w| matches!(w, Word::Month(_))) {
            a.month = Some(m);
            e
        } else {
            return None;
        };
        Some(self.month_tail(a, e))
    }

    pub(crate) fn month_tail(&self, a: &mut Anchor, e: usize) -> usize {
        if let Some(d) = self.day(a, e, true) {
            return d;
        }
        if let Some((Word::MonthPart(p, edge), e2)) =
            self.word(e, |w| matches!(w, Word::MonthPart(..)))
        {
            a.part = p;
            a.edge = edge;
            return e2;
        }
        match self.ch(e) {
            Some('底' | '末') => {
                a.edge = Some(Edge::End);
                return e + 1;
            }
            Some('初') => {
                if self.ch(e + 1).is_some_and(is_cn_numeral) {
                    // `十月初一`: a lunar day.
                    if let (Some(MonthRef::Abs(m)), Some((d, e2))) =
                        (a.month, cn_number(self.c, e + 1))
                        && (1..=30).contains(&d)
                    {
                        a.month = None;
                        a.part = Part::Lunar {
                            month: m,
                            leap: false,
                            day: d as u8,
                        };
                        return e2;
                    }
                    return e;
                }
                a.edge = Some(Edge::Start);
                return e + 1;
            }
            _ => {}
        }
        let k = if self.is(e, '的') { e + 1 } else { e };
        if let Some(j) = self.lit(k, w!("第"))
            && let Some((n, e2)) = self.count(j)
        {
            if let Some(e3) = self.lits(e2, &self.lx.week.nth)
                && let Some((wd, e4)) = self.weekday_digit(e3)
            {
                a.part = Part::NthWeekday(n.min(6) as u8, wd);
                return e4;
            }
            if let Some(e3) = self.lits(e2, &self.lx.week.weeks)
                && (1..=6).contains(&n)
            {
                a.part = Part::Weeks(n as u8, n as u8);
                return e3;
            }
        }
        let last = self.lit(k, w!("最后一"));
        if let Some(j) = last.and_then(|j| self.lits(j, &self.lx.week.last))
            && let Some((wd, e2)) = self.weekday_digit(j)
        {
            a.part = Part::NthWeekday(0, wd);
            return e2;
        }
        if let Some(j) = self.lit(k, w!("前"))
            && let Some((n, e2)) = self.count(j)
            && let Some(e3) = self.lits(e2, &[w!("天"), w!("日")])
            && (1..=31).contains(&n)
        {
            a.part = Part::FirstDays(n as u16);
            return e3;
        }
        if let Some(j) = self.lits(k, &[w!("最后"), w!("后")])
            && let Some((n, e2)) = self.count(j)
            && let Some(e3) = self.lits(e2, &[w!("天"), w!("日")])
            && (1..=31).contains(&n)
        {
            a.part = Part::LastDays(n as u16);
            return e3;
        }
        e
    }

    /// A day: `24日`, `12号` (after a month), a bare `3` after a month before a separator
    /// or the end (`1月3至2月10`), and a daypart after it (`1月19日下午`).
    pub(crate) fn day(&self, a: &mut Anchor, i: usize, after_month: bool) -> Option<usize> {
        let i = self.sp(i);
        let ch = self.ch(i)?;
        if !after_month && self.prev_is_numberish(i) {
            return None;
        }
        let (n, e) = self.number(i)?;
        if !(1..=31).contains(&n) {
            return None;
        }
        let k = self.sp(e);
        let end = if let Some(e2) = self.lit(k, w!("日")) {
            e2
        } else if let Some(e2) = self.lit(k, w!("号")) {
            // A bare `12号` is a house or line number; in a list after a date it is a day.
            let listed = i.checked_sub(1).and_then(|p| self.ch(p)).is_some_and(|c| {
                RANGE_SEPS.iter().any(|s| s.last() == Some(&c)) || c == ',' || c == '、'
            });
            if !after_month && !listed {
                return None;
            }
            e2
        } else if after_month && !self.unit_follows(e) && !self.is(e, '月') {
            e
        } else {
            return None;
        };
        if !after_month {
            // `60日内`, `7日后`: durations and offsets, read elsewhere.
            if self
                .lits(
                    end,
                    &[
                        w!("内"),
                        w!("以内"),
                        w!("之内"),
                        w!("后"),
                        w!("以后"),
                        w!("之后"),
                        w!("前"),
                        w!("以前"),
                        w!("之前"),
                        w!("来"),
                        w!("以来"),
                    ],
                )
                .is_some()
                || !ch.is_ascii_digit() && n < 10
            {
                return None;
            }
        }
        a.day = Some(DayRef::Abs(n as u8));
        let mut end = self.daypart(end);
        // `6月1日周六`, `10月12号(星期一)`.
        if let Some((_, e2)) = self.weekday(end) {
            end = e2;
        }
        Some(end)
    }

    /// A daypart after a day (`下午`, `晚上`), kept in the mention.
    pub(crate) fn daypart(&self, e: usize) -> usize {
        match self.word(e, |w| matches!(w, Word::Daypart)) {
            Some((_, e2))
                if !self
                    .ch(e2)
                    .is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(c)) =>
            {
                e2
            }
            _ => e,
        }
    }

    /// A weekday: `周三`, `星期天`, `礼拜一`, `周日`.
    pub(crate) fn weekday(&self, i: usize) -> Option<(u8, usize)> {
        let j = self.lits(i, &self.lx.week.weekday)?;
        let (wd, e) = self.weekday_digit(j)?;
        if self.is(e, '年') || self.is(e, '岁') {
            return None;
        }
        Some((wd, e))
    }

    pub(crate) fn weekday_digit(&self, j: usize) -> Option<(u8, usize)> {
        let wd = match self.ch(j)? {
            '一' | '1' => 1,
            '二' | '2' => 2,
            '三' | '3' => 3,
            '四' | '4' => 4,
            '五' | '5' => 5,
            '六' | '6' => 6,
            '日' | '天' | '7' => 7,
            _ => return None,
        };
        let arabic = self.ch(j).is_some_and(|c| c.is_ascii_digit());
        if self.ch(j + 1).is_some_and(|c| {
            if arabic {
                c.is_ascii_digit()
            } else {
                is_cn_numeral(c)
            }
        }) {
            return None;
        }
        Some((wd, j + 1))
    }

    /// Decades and centuries: `九十年代`, `上世纪80年代`, `十九世纪七十年代`, `18世纪`.
    pub(crate) fn decade(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let (century, j) = if let Some(j) = self.lits(i, &[w!("上世纪"), w!("上个世纪")]) {
            (Some(19), j)
        } else if let Some(j) = self.lit(i, w!("本世纪")) {
            (Some(20), j)
        } else {
            match self.number(i) {
                Some((n, e)) if self.lit(e, w!("世纪")).is_some() && (1..=21).contains(&n) => {
                    (Some(n - 1), e + 2)
                }
                _ => (None, i),
            }
        };
        if let Some((n, e)) = self.number(j)
            && let Some(e2) = self.lit(e, w!("年代"))
        {
            if n % 10 == 0 && n < 100 {
                let c = century.unwrap_or(19);
                a.year = Some(YearRef::Abs(i16::try_from(c * 100 + n).ok()?));
                a.part = Part::Years(10);
                return Some(e2);
            }
            return None;
        }
        let c = century?;
        a.year = Some(YearRef::Abs(i16::try_from(c * 100).ok()?));
        a.part = Part::Years(100);
        Some(j)
    }
}
