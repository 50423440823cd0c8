//! Calendar anchors: years, months, days and their parts, named days and holidays,
//! five-year plans, decades, lunar dates. Each parser starts at a char and returns what it
//! read with its end, or `None` when the form does not start there.

use super::lexicon::{Word, may_start_form};
use super::mention::{HOLIDAY_WORDS, RANGE_SEPS, Scan};
use super::numeral::{cn_digit, cn_digit_run, cn_digit_run_len, cn_number, digits, is_cn_numeral};
use super::{Anchor, DayRef, Edge, MonthRef, Part, PeriodExpr, YearRef};

impl Scan<'_> {
    // ---------------------------------------------------------------- anchors

    /// One calendar anchor: `2021年9月24日`, `今年第一、第二季度`, `去年全年`, `9月底`,
    /// `24日`, `上周三`, `国庆假期`.
    pub(super) fn anchor(&self, i: usize) -> Option<(Anchor, usize)> {
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
        if form {
            if let Some(e) = self.decade(&mut a, j) {
                return Some((a, e));
            }
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
    pub(super) fn numeric_date(&self, i: usize) -> Option<(Anchor, usize)> {
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

    /// A year: `2021年`, `二〇二〇年`, `08年`, `98年4月`, `康熙三年`, `今年`, `次年`.
    pub(super) fn year(&self, i: usize) -> Option<(YearRef, usize)> {
        let (at, memo) = self.year_memo.get();
        if at == i {
            return memo;
        }
        let r = self.read_year(i);
        self.year_memo.set((i, r));
        r
    }

    fn read_year(&self, i: usize) -> Option<(YearRef, usize)> {
        let ch = self.ch(i)?;
        if ch.is_ascii_digit() {
            if i.checked_sub(1)
                .and_then(|k| self.ch(k))
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                return None;
            }
            let (v, e, len) = digits(self.c, i)?;
            let k = self.sp(e);
            let after = self.lit(k, w!("年"))?;
            if self.is(after, '代') || self.is(after, '级') {
                return None;
            }
            return match len {
                4 if (1000..=2999).contains(&v) => Some((YearRef::Abs(v as i16), after)),
                2 if ch == '0' || self.month_follows(after) || self.year_part_follows(after) => {
                    Some((YearRef::TwoDigit(v as u8), after))
                }
                _ => None,
            };
        }
        if cn_digit(ch).is_some() && ch != '两' {
            let len = cn_digit_run_len(self.c, i);
            if len == 4 || len == 2 {
                let v = cn_digit_run(self.c, i, len)?;
                let after = self.lit(self.sp(i + len), w!("年"))?;
                if self.is(after, '代') {
                    return None;
                }
                if len == 4 {
                    return (1000..=2999)
                        .contains(&v)
                        .then_some((YearRef::Abs(v as i16), after));
                }
                let (d1, d2) = (v / 10, v % 10);
                // `三四年`, `五六年`: an approximate count, not a year.
                if d2 == d1 + 1 {
                    return None;
                }
                return Some((YearRef::TwoDigit(v as u8), after));
            }
            return None;
        }
        if let Some((base, e)) = self.lx.eras.longest(self.c, i, |_| true) {
            let (n, e2) = if let Some(e2) = self.lit(e, w!("元")) {
                (1, e2)
            } else {
                self.number(e)?
            };
            let after = self.lit(e2, w!("年"))?;
            let y = base.checked_add(i16::try_from(n).ok()?)?.checked_sub(1)?;
            return Some((YearRef::Abs(y), after));
        }
        if let Some((Word::Year(y), e)) = self.word(i, |w| matches!(w, Word::Year(_))) {
            return Some((y, e));
        }
        None
    }

    /// Whether a part of a year follows (`19年底`, `70年第8个月`, `07年一季度`): what
    /// makes a two-digit `N年` a year rather than a count of years.
    pub(super) fn year_part_follows(&self, i: usize) -> bool {
        if self.ch(i).is_some_and(|c| w!("底末初第首").contains(&c)) {
            return true;
        }
        if self
            .lits(i, &[w!("上半年"), w!("下半年"), w!("前半年"), w!("后半年")])
            .is_some()
        {
            return true;
        }
        let mut a = Anchor::EMPTY;
        self.quarters(&mut a, i).is_some()
    }

    pub(super) fn month_follows(&self, i: usize) -> bool {
        let i = self.sp(i);
        match self.number(i) {
            Some((m, e)) => (1..=12).contains(&m) && self.is(self.sp(e), '月'),
            None => false,
        }
    }

    /// Parts of a year: quarters, halves, runs of months, weeks, edges, `全年`, `同期`.
    pub(super) fn year_part(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let form = self.ch(i).is_some_and(may_start_form);
        if form {
            if let Some(e) = self.quarters(a, i) {
                return Some(e);
            }
        }
        let bare_ok = a.year.is_some() || !self.prev_is_numberish(i);
        if let Some((Word::YearPart(p, edge), e)) = self
            .word(i, |w| matches!(w, Word::YearPart(..)))
            .filter(|_| bare_ok)
        {
            // `大年初十` is a lunar day, not `年初`; a bare `年度` before a noun is an
            // adjective (`年度财务`), not a period.
            if edge == Some(Edge::Start) && self.ch(e).is_some_and(is_cn_numeral) {
                return None;
            }
            if a.year.is_none()
                && self.lit(i, w!("年度")).is_some_and(|k| k == e)
                && self.ch(e).is_some_and(|c| {
                    ('\u{4E00}'..='\u{9FFF}').contains(&c)
                        && !is_cn_numeral(c)
                        && !w!("内中里以期起至末底初前后").contains(&c)
                })
            {
                return None;
            }
            a.part = p;
            a.edge = edge;
            return Some(e);
        }
        if !form {
            return None;
        }
        // With a year: `2021年的前2周`, `去年的前10天`, `今年的最后3周`, `2021年的最后4个月`.
        if a.year.is_some() {
            if let Some(j) = self.lit(i, w!("前")) {
                if let Some((n, e)) = self.count(self.sp(j)) {
                    let e = self.sp(e);
                    if let Some(e) = self.lits(e, &[w!("个星期"), w!("个礼拜"), w!("周")]) {
                        if (1..=53).contains(&n) {
                            a.part = Part::Weeks(1, n as u8);
                            return Some(e);
                        }
                    }
                    if let Some(e) = self.lits(e, &[w!("天"), w!("日")]) {
                        if (1..=366).contains(&n) {
                            a.part = Part::FirstDays(n as u16);
                            return Some(e);
                        }
                    }
                }
            }
            if let Some(j) = self.lit(i, w!("最后")) {
                if let Some((n, e)) = self.count(self.sp(j)) {
                    let e = self.sp(e);
                    if let Some(e) = self.lits(e, &[w!("个星期"), w!("个礼拜"), w!("周")]) {
                        if (1..=53).contains(&n) {
                            a.part = Part::LastWeeks(n as u8);
                            return Some(e);
                        }
                    }
                    if let Some(e) = self.lits(e, &[w!("个月"), w!("月")]) {
                        if (1..=12).contains(&n) {
                            a.part = Part::Months(13 - n as u8, 12);
                            return Some(e);
                        }
                    }
                    if let Some(e) = self.lits(e, &[w!("天"), w!("日")]) {
                        if (1..=366).contains(&n) {
                            a.part = Part::LastDays(n as u16);
                            return Some(e);
                        }
                    }
                }
            }
        }
        // `前五个月`, `前两月`, `后三个月`, `首月`, `第8个月`.
        if let Some(j) = self.lit(i, w!("前")) {
            if let Some((n, e)) = self.count(j) {
                if let Some(e) = self.lits(e, &[w!("个月"), w!("月")]) {
                    if (1..=12).contains(&n) && !self.is(e, '份') {
                        a.part = Part::Months(1, n as u8);
                        return Some(e);
                    }
                }
            }
        }
        if let Some(j) = self.lit(i, w!("后")) {
            if let Some((n, e)) = self.count(j) {
                if let Some(e) = self.lits(e, &[w!("个月"), w!("月")]) {
                    if (1..=12).contains(&n) && a.year.is_some() {
                        a.part = Part::Months(13 - n as u8, 12);
                        return Some(e);
                    }
                }
            }
        }
        if let Some(e) = self.lit(i, w!("首月")) {
            a.part = Part::Months(1, 1);
            return Some(e);
        }
        if let Some(j) = self.lit(i, w!("第")) {
            if let Some((n, e)) = self.count(j) {
                if let Some(e) = self.lit(e, w!("个月")) {
                    if (1..=12).contains(&n) {
                        a.part = Part::Months(n as u8, n as u8);
                        return Some(e);
                    }
                }
                if a.year.is_some() {
                    if let Some(e) =
                        self.lits(e, &[w!("周"), w!("个星期"), w!("个礼拜"), w!("个周")])
                    {
                        if (1..=53).contains(&n) {
                            a.part = Part::Weeks(n as u8, n as u8);
                            return Some(e);
                        }
                    }
                    if let Some(e) = self.lit(e, w!("天")) {
                        if (1..=366).contains(&n) {
                            a.part = Part::DayOfYear(n as u16);
                            return Some(e);
                        }
                    }
                }
            }
        }
        None
    }

    /// Quarters: `一季度`, `第三季度`, `Q1`, `首季度`, `前三季度`, `前两个季度`,
    /// `第一、第二季度`, `一季度末`.
    pub(super) fn quarters(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let quarter_word = |j: usize| self.lits(j, &[w!("季度"), w!("季")]);
        if let Some(j) = self.lit(i, w!("前")) {
            let (n, e) = self.count(j)?;
            let e = self.lit(e, w!("个")).unwrap_or(e);
            let e = self.lit(e, w!("季度"))?;
            if !(1..=4).contains(&n) {
                return None;
            }
            a.part = Part::Quarters(1, n as u8);
            return Some(self.edge_char(a, e));
        }
        if let Some(e) = self.lits(i, &[w!("首季度"), w!("首季")]) {
            a.part = Part::Quarters(1, 1);
            return Some(self.edge_char(a, e));
        }
        // One item: `第一`, `一`, `1`, `Q1`; followed by `季度` unless more items follow.
        let item = |j: usize| -> Option<(u32, usize, bool)> {
            if let Some(k) = self.lits(j, &[w!("Q"), w!("q")]) {
                let (n, e, _) = digits(self.c, k)?;
                let e2 = self.lit(e, w!("季度")).unwrap_or(e);
                if self.ch(e2).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    return None;
                }
                return Some((n, e2, true));
            }
            let (ordinal, k) = match self.lit(j, w!("第")) {
                Some(k) => (true, k),
                None => (false, j),
            };
            let (n, e) = self.number(k)?;
            match quarter_word(e) {
                Some(_) if self.lit(e, w!("季度")).is_none() && !ordinal => None,
                Some(e2) => Some((n, e2, true)),
                None => Some((n, e, false)),
            }
        };
        let (first, mut e, mut closed) = item(i)?;
        let (mut lo, mut hi) = (first, first);
        let mut count = 1;
        while !closed {
            let k = self.lits(
                e,
                &[w!("、"), w!("和"), w!("及"), w!("至"), w!("到"), w!("-")],
            )?;
            let (n, e2, c2) = item(k)?;
            lo = lo.min(n);
            hi = hi.max(n);
            e = e2;
            closed = c2;
            count += 1;
            if count > 4 {
                return None;
            }
        }
        // `第一季度、第二季度`: more complete items.
        while let Some(k) = self.lits(e, &[w!("、"), w!("和"), w!("及")]) {
            match item(k) {
                Some((n, e2, true)) => {
                    lo = lo.min(n);
                    hi = hi.max(n);
                    e = e2;
                }
                _ => break,
            }
        }
        if !(1..=4).contains(&lo) || !(1..=4).contains(&hi) {
            return None;
        }
        a.part = Part::Quarters(lo as u8, hi as u8);
        Some(self.edge_char(a, e))
    }

    /// `末`/`底` (end) or `初` (start) right after a part.
    pub(super) fn edge_char(&self, a: &mut Anchor, e: usize) -> usize {
        match self.ch(e) {
            Some('末' | '底') => {
                a.edge = Some(Edge::End);
                e + 1
            }
            Some('初') if !self.ch(e + 1).is_some_and(is_cn_numeral) => {
                a.edge = Some(Edge::Start);
                e + 1
            }
            _ => e,
        }
    }

    /// A month and what follows it: `9月`, `7月份`, `9月底`, `10月中旬`, `9月24日`,
    /// `上个月15号`, `3月第三周`.
    pub(super) fn month(&self, a: &mut Anchor, i: usize) -> Option<usize> {
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

    pub(super) fn month_tail(&self, a: &mut Anchor, e: usize) -> usize {
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
                    {
                        if (1..=30).contains(&d) {
                            a.month = None;
                            a.part = Part::Lunar {
                                month: m,
                                leap: false,
                                day: d as u8,
                            };
                            return e2;
                        }
                    }
                    return e;
                }
                a.edge = Some(Edge::Start);
                return e + 1;
            }
            _ => {}
        }
        let k = if self.is(e, '的') { e + 1 } else { e };
        if let Some(j) = self.lit(k, w!("第")) {
            if let Some((n, e2)) = self.count(j) {
                if let Some(e3) = self.lits(e2, &[w!("个星期"), w!("个礼拜"), w!("个周")]) {
                    if let Some((wd, e4)) = self.weekday_digit(e3) {
                        a.part = Part::NthWeekday(n.min(6) as u8, wd);
                        return e4;
                    }
                }
                if let Some(e3) = self.lits(e2, &[w!("周"), w!("个星期"), w!("个礼拜")]) {
                    if (1..=6).contains(&n) {
                        a.part = Part::Weeks(n as u8, n as u8);
                        return e3;
                    }
                }
            }
        }
        if let Some(j) = self.lits(
            k,
            &[
                w!("最后一个星期"),
                w!("最后一个礼拜"),
                w!("最后一个周"),
                w!("最后一周"),
            ],
        ) {
            if let Some((wd, e2)) = self.weekday_digit(j) {
                a.part = Part::NthWeekday(0, wd);
                return e2;
            }
        }
        if let Some(j) = self.lit(k, w!("前")) {
            if let Some((n, e2)) = self.count(j) {
                if let Some(e3) = self.lits(e2, &[w!("天"), w!("日")]) {
                    if (1..=31).contains(&n) {
                        a.part = Part::FirstDays(n as u16);
                        return e3;
                    }
                }
            }
        }
        if let Some(j) = self.lits(k, &[w!("最后"), w!("后")]) {
            if let Some((n, e2)) = self.count(j) {
                if let Some(e3) = self.lits(e2, &[w!("天"), w!("日")]) {
                    if (1..=31).contains(&n) {
                        a.part = Part::LastDays(n as u16);
                        return e3;
                    }
                }
            }
        }
        e
    }

    /// A day: `24日`, `12号` (after a month), a bare `3` after a month before a separator
    /// or the end (`1月3至2月10`), and a daypart after it (`1月19日下午`).
    pub(super) fn day(&self, a: &mut Anchor, i: usize, after_month: bool) -> Option<usize> {
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
    pub(super) fn daypart(&self, e: usize) -> usize {
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
    pub(super) fn weekday(&self, i: usize) -> Option<(u8, usize)> {
        let j = self.lits(i, &[w!("星期"), w!("礼拜"), w!("禮拜"), w!("周")])?;
        let (wd, e) = self.weekday_digit(j)?;
        if self.is(e, '年') || self.is(e, '岁') {
            return None;
        }
        Some((wd, e))
    }

    pub(super) fn weekday_digit(&self, j: usize) -> Option<(u8, usize)> {
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
    pub(super) fn decade(&self, a: &mut Anchor, i: usize) -> Option<usize> {
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
        if let Some((n, e)) = self.number(j) {
            if let Some(e2) = self.lit(e, w!("年代")) {
                if n % 10 == 0 && n < 100 {
                    let c = century.unwrap_or(19);
                    a.year = Some(YearRef::Abs(i16::try_from(c * 100 + n).ok()?));
                    a.part = Part::Years(10);
                    return Some(e2);
                }
                return None;
            }
        }
        let c = century?;
        a.year = Some(YearRef::Abs(i16::try_from(c * 100).ok()?));
        a.part = Part::Years(100);
        Some(j)
    }

    /// A named day or holiday: `国庆假期`, `元旦`, `今年“五一”`, `中高考期间`.
    pub(super) fn named(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let quoted = self.is(i, '“') || self.is(i, '"');
        let j = if quoted { i + 1 } else { i };
        let (idx, mut e) = self.lx.named.longest(self.c, j, |_| true)?;
        let entry = self.lx.named_list.get(usize::from(idx))?;
        if quoted {
            e = self.lits(e, &[w!("”"), w!("\"")])?;
        }
        let ends_in_jie = self.c.get(e.wrapping_sub(1)) == Some(&'节');
        let (jie, holiday_word) = match self.lits(e, &HOLIDAY_WORDS) {
            Some(h) => (None, Some(h)),
            None => {
                let jie = self.lit(e, w!("节")).filter(|_| !ends_in_jie);
                (jie, jie.and_then(|k| self.lits(k, &HOLIDAY_WORDS)))
            }
        };
        let after_jie = jie.unwrap_or(e);
        let marked = quoted || jie.is_some() || holiday_word.is_some();
        if entry.numeric && !marked {
            return None;
        }
        // A solar term (`雨水`, `大雪`, `霜降`) is also a common word: only a term when
        // marked, named after a year, or followed by 节气.
        let term_word = self
            .lits(after_jie, &[w!("节气")])
            .filter(|_| entry.guarded);
        if entry.guarded && !(marked || ends_in_jie || a.year.is_some() || term_word.is_some()) {
            return None;
        }
        let after_jie = term_word.unwrap_or(after_jie);
        let unresolved = entry.day.is_none() && entry.holidays.is_empty();
        if unresolved {
            // A bare occasion (`高考`, `夏天`) inside a sentence is no period unless it is
            // marked as one, named after a year, a festival (`端午节`) or a lunar month.
            let name_end = self.c.get(e.wrapping_sub(1)).copied();
            if !(marked || ends_in_jie || a.year.is_some() || name_end == Some('月')) {
                return None;
            }
            a.part = Part::Named(idx);
            let mut end = holiday_word.unwrap_or(after_jie);
            if holiday_word.is_none() {
                // `正月初一`, `腊月十八`: the lunar day goes with the lunar month.
                let k = self.lit(end, w!("初")).unwrap_or(end);
                if let Some((_, e2)) = self.number(k) {
                    end = e2;
                }
            }
            return Some(end);
        }
        match holiday_word {
            Some(end) => {
                // A holiday word names the holiday period; without a rule for it
                // (`元旦假期`) it resolves to null.
                a.part = Part::Holiday(idx);
                Some(end)
            }
            None if entry.day.is_some() => {
                a.part = Part::Named(idx);
                Some(after_jie)
            }
            None => {
                a.part = Part::Holiday(idx);
                Some(after_jie)
            }
        }
    }

    /// A quoted name: `“十三五”期间`, `“五一”`.
    pub(super) fn quoted(&self, i: usize) -> Option<(PeriodExpr, usize)> {
        if let Some(r) = self.plan(i, None) {
            return Some(r);
        }
        let mut a = Anchor::EMPTY;
        let e = self.named(&mut a, i)?;
        let e2 = self.lits(e, &[w!("期间")]).unwrap_or(e);
        Some((PeriodExpr::At(a), e2))
    }

    /// A five-year plan period: `“十三五”期间`, `十三五时期`, `“十四五”开局之年`,
    /// `“十三五”以来`. A bare plan name (`“十四五”规划`) is not a period.
    pub(super) fn plan(&self, i: usize, _year: Option<YearRef>) -> Option<(PeriodExpr, usize)> {
        let quoted = self.is(i, '“') || self.is(i, '"');
        let j = if quoted { i + 1 } else { i };
        let ch = self.ch(j)?;
        if !is_cn_numeral(ch) {
            return None;
        }
        let (n, e) = cn_number(self.c, j)?;
        let (k, e) = if self.is(e, '五') {
            (n, e + 1)
        } else if n == 15 && e == j + 2 {
            (10, e)
        } else {
            return None;
        };
        if !(3..=19).contains(&k) {
            return None;
        }
        let e = if quoted {
            self.lits(e, &[w!("”"), w!("\"")])?
        } else {
            e
        };
        let first = i16::try_from(1966 + 5 * (k - 3)).ok()?;
        let span = Anchor {
            year: Some(YearRef::Abs(first)),
            part: Part::Years(5),
            ..Anchor::EMPTY
        };
        let year_of = |y: i16| Anchor {
            year: Some(YearRef::Abs(y)),
            ..Anchor::EMPTY
        };
        let k2 = if self.is(e, '的') { e + 1 } else { e };
        if let Some(e2) = self.lits(e, &[w!("期间"), w!("时期"), w!("规划期"), w!("规划期间")])
        {
            return Some((PeriodExpr::At(span), e2));
        }
        if let Some(e2) = self.lit(e, w!("以来")) {
            return Some((PeriodExpr::Since(span), e2));
        }
        if let Some(e2) = self.lits(
            k2,
            &[w!("开局之年"), w!("开局年"), w!("首年"), w!("第一年")],
        ) {
            return Some((PeriodExpr::At(year_of(first)), e2));
        }
        if let Some(e2) = self.lits(k2, &[w!("收官之年"), w!("收官年"), w!("最后一年")])
        {
            return Some((PeriodExpr::At(year_of(first + 4)), e2));
        }
        if let Some(e2) = self.lits(e, &[w!("末期"), w!("末"), w!("期末")]) {
            let mut a = span;
            a.edge = Some(Edge::End);
            return Some((PeriodExpr::At(a), e2));
        }
        None
    }

    /// A lunar date after `农历` or at a lunar month name: `农历2015年十月初一`,
    /// `农历闰四月`, `正月十五`, `腊月18`.
    pub(super) fn lunar_tail(&self, i: usize, year: Option<YearRef>) -> Option<(Anchor, usize)> {
        let mut a = Anchor {
            year,
            ..Anchor::EMPTY
        };
        let mut j = i;
        if let Some((y, e)) = self.year(j) {
            a.year = Some(y);
            j = e;
        }
        let leap = self.lit(j, w!("闰"));
        if let Some(e) = leap {
            j = e;
        }
        let (month, e) = if let Some(e) = self.lit(j, w!("正")) {
            (1, e)
        } else if let Some(e) = self.lit(j, w!("冬")) {
            (11, e)
        } else if let Some(e) = self.lit(j, w!("腊")) {
            (12, e)
        } else {
            self.number(j)?
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        let mut e = self.lit(e, w!("月"))?;
        let mut day = 0;
        let k = self.lit(e, w!("初")).unwrap_or(e);
        if let Some((d, e2)) = self.number(k) {
            if (1..=30).contains(&d) {
                day = d as u8;
                e = self.lits(e2, &[w!("日"), w!("号")]).unwrap_or(e2);
            }
        }
        a.part = Part::Lunar {
            month: month as u8,
            leap: leap.is_some(),
            day,
        };
        Some((a, e))
    }
}
