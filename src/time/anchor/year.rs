//! Years and their parts: 2025年, 二〇二五年, 25年, 上半年, quarters, and the edge chars (初,
//! 末, 底) after them.

use crate::time::lexicon::{Word, may_start_form};
use crate::time::mention::Scan;
use crate::time::mention::scan::memo;
use crate::time::numeral::{cn_digit, cn_digit_run, cn_digit_run_len, digits, is_cn_numeral};
use crate::time::{Anchor, Edge, Part, YearRef};

impl Scan<'_> {
    /// A year: `2021年`, `二〇二〇年`, `08年`, `98年4月`, `康熙三年`, `今年`, `次年`.
    pub(crate) fn year(&self, i: usize) -> Option<(YearRef, usize)> {
        memo(&self.year_memo, i, || self.read_year(i))
    }

    fn read_year(&self, i: usize) -> Option<(YearRef, usize)> {
        let ch = self.ch(i)?;
        if ch.is_ascii_digit() {
            if self.after_ascii_token(i) {
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
        if let Some((base, e)) = self.lx.eras.longest_at(self.c, i, |_| true) {
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
    pub(crate) fn year_part_follows(&self, i: usize) -> bool {
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

    pub(crate) fn month_follows(&self, i: usize) -> bool {
        let i = self.sp(i);
        match self.number(i) {
            Some((m, e)) => (1..=12).contains(&m) && self.is(self.sp(e), '月'),
            None => false,
        }
    }

    /// Parts of a year: quarters, halves, runs of months, weeks, edges, `全年`, `同期`.
    pub(crate) fn year_part(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let form = self.ch(i).is_some_and(may_start_form);
        if form && let Some(e) = self.quarters(a, i) {
            return Some(e);
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
            if let Some(j) = self.lit(i, w!("前"))
                && let Some((n, e)) = self.count(self.sp(j))
            {
                let e = self.sp(e);
                if let Some(e) = self.lits(e, &self.lx.week.weeks)
                    && (1..=53).contains(&n)
                {
                    a.part = Part::Weeks(1, n as u8);
                    return Some(e);
                }
                if let Some(e) = self.lits(e, &[w!("天"), w!("日")])
                    && (1..=366).contains(&n)
                {
                    a.part = Part::FirstDays(n as u16);
                    return Some(e);
                }
            }
            if let Some(j) = self.lit(i, w!("最后"))
                && let Some((n, e)) = self.count(self.sp(j))
            {
                let e = self.sp(e);
                if let Some(e) = self.lits(e, &self.lx.week.weeks)
                    && (1..=53).contains(&n)
                {
                    a.part = Part::LastWeeks(n as u8);
                    return Some(e);
                }
                if let Some(e) = self.lits(e, &[w!("个月"), w!("月")])
                    && (1..=12).contains(&n)
                {
                    a.part = Part::Months(13 - n as u8, 12);
                    return Some(e);
                }
                if let Some(e) = self.lits(e, &[w!("天"), w!("日")])
                    && (1..=366).contains(&n)
                {
                    a.part = Part::LastDays(n as u16);
                    return Some(e);
                }
            }
        }
        // `前五个月`, `前两月`, `后三个月`, `首月`, `第8个月`.
        if let Some(j) = self.lit(i, w!("前"))
            && let Some((n, e)) = self.count(j)
            && let Some(e) = self.lits(e, &[w!("个月"), w!("月")])
            && (1..=12).contains(&n)
            && !self.is(e, '份')
        {
            a.part = Part::Months(1, n as u8);
            return Some(e);
        }
        if let Some(j) = self.lit(i, w!("后"))
            && let Some((n, e)) = self.count(j)
            && let Some(e) = self.lits(e, &[w!("个月"), w!("月")])
            && (1..=12).contains(&n)
            && a.year.is_some()
        {
            a.part = Part::Months(13 - n as u8, 12);
            return Some(e);
        }
        if let Some(e) = self.lit(i, w!("首月")) {
            a.part = Part::Months(1, 1);
            return Some(e);
        }
        if let Some(j) = self.lit(i, w!("第"))
            && let Some((n, e)) = self.count(j)
        {
            if let Some(e) = self.lit(e, w!("个月"))
                && (1..=12).contains(&n)
            {
                a.part = Part::Months(n as u8, n as u8);
                return Some(e);
            }
            if a.year.is_some() {
                if let Some(e) = self.lits(e, &self.lx.week.week_no)
                    && (1..=53).contains(&n)
                {
                    a.part = Part::Weeks(n as u8, n as u8);
                    return Some(e);
                }
                if let Some(e) = self.lit(e, w!("天"))
                    && (1..=366).contains(&n)
                {
                    a.part = Part::DayOfYear(n as u16);
                    return Some(e);
                }
            }
        }
        None
    }

    /// Quarters: `一季度`, `第三季度`, `Q1`, `首季度`, `前三季度`, `前两个季度`,
    /// `第一、第二季度`, `一季度末`.
    pub(crate) fn quarters(&self, a: &mut Anchor, i: usize) -> Option<usize> {
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
    pub(crate) fn edge_char(&self, a: &mut Anchor, e: usize) -> usize {
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
}
