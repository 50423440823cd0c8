//! Named days and holidays, quoted periods, five-year plans and lunar dates.

use crate::time::mention::{HOLIDAY_WORDS, Scan};
use crate::time::numeral::{cn_number, is_cn_numeral};
use crate::time::{Anchor, Edge, Part, PeriodExpr, YearRef};

impl Scan<'_> {
    /// A named day or holiday: `国庆假期`, `元旦`, `今年“五一”`, `中高考期间`.
    pub(crate) fn named(&self, a: &mut Anchor, i: usize) -> Option<usize> {
        let quoted = self.is(i, '“') || self.is(i, '"');
        let j = if quoted { i + 1 } else { i };
        let (idx, mut e) = self.lx.named.longest_at(self.c, j, |_| true)?;
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
    pub(crate) fn quoted(&self, i: usize) -> Option<(PeriodExpr, usize)> {
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
    pub(crate) fn plan(&self, i: usize, _year: Option<YearRef>) -> Option<(PeriodExpr, usize)> {
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
    pub(crate) fn lunar_tail(&self, i: usize, year: Option<YearRef>) -> Option<(Anchor, usize)> {
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
        if let Some((d, e2)) = self.number(k)
            && (1..=30).contains(&d)
        {
            day = d as u8;
            e = self.lits(e2, &[w!("日"), w!("号")]).unwrap_or(e2);
        }
        a.part = Part::Lunar {
            month: month as u8,
            leap: leap.is_some(),
            day,
        };
        Some((a, e))
    }
}
