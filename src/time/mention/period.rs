//! Periods: an anchor with its range, edge and relative counts (三年来, 前两个月), and the
//! look-back for `…以来` and `…期间`.

use super::START_VERBS;
use crate::time::lexicon::{Suffix, Word};
use crate::time::mention::{
    NOT_BEFORE_AFTER, RANGE_SEPS, Scan, consecutive, inherit, is_punct_or_space, offset_anchor,
    same_level,
};
use crate::time::numeral::is_cn_numeral;
use crate::time::{
    Anchor, DayRef, Edge, MentionRole, MonthRef, Part, PeriodExpr, PeriodMention, TimeUnit, YearRef,
};

impl Scan<'_> {
    /// A calendar period with its range, list and suffix: `3月至4月期间`, `今年以来`,
    /// `5月、6月`, `1-9月`, `2025年前`.
    pub(crate) fn period(&self, i: usize) -> Option<(PeriodExpr, usize)> {
        let (left, right, mut end) = match self.bare_range(i) {
            Some(r) => r,
            None => {
                let (a, e) = self.anchor(i)?;
                (a, None, e)
            }
        };
        let mut expr = match right {
            Some(r) => PeriodExpr::Range(left, r),
            None => PeriodExpr::At(left),
        };
        // A list: `5月、6月`, `第一季度、第二季度`, `9月10号,11号`.
        if let PeriodExpr::At(a) = expr {
            let mut last = a;
            let mut e = end;
            let mut items = 1;
            let mut between = None;
            while let Some(k) = self.lits(
                e,
                &[w!("、"), w!("和"), w!("与"), w!("及"), w!(","), w!("，")],
            ) {
                let comma = matches!(self.ch(e), Some(',' | '，'));
                let Some((b, be)) = self.anchor(k) else { break };
                if !same_level(&a, &b) || comma && !(b.day.is_some() && b.month.is_none()) {
                    break;
                }
                let b = inherit(&last, b);
                // `2015年和2018年之间`, `三月和九月之间`: a range.
                if items == 1
                    && !comma
                    && let Some(e2) = self.lits(be, &[w!("之间"), w!("间")])
                {
                    between = Some((b, e2));
                    break;
                }
                if !consecutive(&last, &b) {
                    break;
                }
                last = b;
                e = be;
                items += 1;
            }
            if let Some((b, e2)) = between {
                expr = PeriodExpr::Range(a, b);
                end = e2;
            } else if e > end {
                expr = PeriodExpr::Range(a, last);
                end = e;
            }
        }
        // A range: `3月至4月`, `从2021年1月至4月23日`, `10月1日至7日`.
        if let PeriodExpr::At(a) = expr {
            let k = self.sp(end);
            if let Some(s) = self.lits(k, &RANGE_SEPS) {
                let s = self.sp(s);
                if let Some((w, e)) = self.word(s, |w| matches!(w, Word::Now)) {
                    let _ = w;
                    expr = PeriodExpr::Since(a);
                    end = e;
                } else if let Some(e) = self.lit(s, w!("今")) {
                    expr = PeriodExpr::Since(a);
                    end = e;
                } else if let Some((b, e)) = self.anchor(s) {
                    expr = PeriodExpr::Range(a, inherit(&a, b));
                    end = e;
                }
            }
        }
        // `今明两年`.
        // Suffixes: `以来`, `起`, `前`, `之后`, `期间`, `左右`.
        for _ in 0..2 {
            let Some((w, e)) = self.word(end, |w| matches!(w, Word::Suffix(_))) else {
                break;
            };
            let Word::Suffix(s) = w else { break };
            let next = self.ch(e);
            let blocked = |list: &[char]| {
                next.is_some_and(|c| list.contains(&c) || is_cn_numeral(c) || c.is_ascii_digit())
            };
            let new = match (s, expr) {
                (Suffix::Plain, x) => x,
                (Suffix::Since, PeriodExpr::At(a)) => {
                    if self.is(end, '起') && blocked(w!("草来步诉点飞火义身航")) {
                        break;
                    }
                    PeriodExpr::Since(a)
                }
                (Suffix::Now, PeriodExpr::At(a)) => PeriodExpr::Since(a),
                (Suffix::Start, PeriodExpr::At(mut a)) => {
                    a.edge = Some(Edge::Start);
                    PeriodExpr::At(a)
                }
                (Suffix::Before, PeriodExpr::At(a)) => {
                    if self.is(end, '前') && blocked(NOT_BEFORE_AFTER) {
                        break;
                    }
                    PeriodExpr::Before(a)
                }
                (Suffix::Before, PeriodExpr::Range(a, b)) => {
                    if self.is(end, '前') && blocked(NOT_BEFORE_AFTER) {
                        break;
                    }
                    PeriodExpr::Range(a, b)
                }
                (Suffix::Until, PeriodExpr::At(a)) => PeriodExpr::Until(a),
                (Suffix::After, PeriodExpr::At(a)) => {
                    if self.is(end, '后') && blocked(NOT_BEFORE_AFTER) {
                        break;
                    }
                    PeriodExpr::After(a)
                }
                (Suffix::From, PeriodExpr::At(a)) => PeriodExpr::From(a),
                _ => break,
            };
            expr = new;
            end = e;
        }
        // `4月14日启动,目前…`: started then and running to now.
        if let PeriodExpr::At(a) = expr
            && let Some(k) = self.lits(end, &START_VERBS)
            && let Some(k) = self.lits(k, &[w!(","), w!("，")])
            && let Some((Word::Now, e)) = self.word(self.sp(k), |w| matches!(w, Word::Now))
        {
            expr = PeriodExpr::Since(a);
            end = e;
        }
        // `自2020-05-26起至2020-05-29止`.
        if let PeriodExpr::Since(a) = expr {
            let k = self.sp(end);
            if let Some(s) = self.lits(k, &[w!("至"), w!("到")])
                && let Some((b, e)) = self.anchor(self.sp(s))
            {
                expr = PeriodExpr::Range(a, inherit(&a, b));
                end = self.lit(e, w!("止")).unwrap_or(e);
            }
        }
        Some((expr, end))
    }

    /// `1-9月`, `2020至2025年`, `12-19日` after a month: a bare number, a separator, and a
    /// date whose first field the number shares.
    pub(crate) fn bare_range(&self, i: usize) -> Option<(Anchor, Option<Anchor>, usize)> {
        let (year, j) = match self.year(i) {
            Some((y, e)) => (Some(y), e),
            None => (None, i),
        };
        let (n, e) = self.number(j)?;
        if self.unit_follows(e) {
            return None;
        }
        let k = self.sp(e);
        let s = self.lits(k, &RANGE_SEPS)?;
        let s = self.sp(s);
        let (mut b, be) = self.anchor(s)?;
        if b.year.is_none() {
            b.year = year;
        }
        let mut a = b;
        a.edge = None;
        match (b.year, b.month, b.day) {
            (_, Some(MonthRef::Abs(_)), None) if (1..=12).contains(&n) => {
                a.month = Some(MonthRef::Abs(n as u8));
            }
            (_, None, Some(DayRef::Abs(_))) if (1..=31).contains(&n) => {
                a.day = Some(DayRef::Abs(n as u8));
            }
            (Some(YearRef::Abs(_)), None, None) if year.is_none() && (1000..=2999).contains(&n) => {
                a.year = Some(YearRef::Abs(n as i16));
                a.part = Part::Whole;
            }
            (Some(YearRef::TwoDigit(_)), None, None)
                if year.is_none() && (1000..=2999).contains(&n) =>
            {
                a.year = Some(YearRef::Abs(n as i16));
                a.part = Part::Whole;
            }
            // `1985到89年9月`.
            (Some(YearRef::Abs(_) | YearRef::TwoDigit(_)), Some(MonthRef::Abs(_)), _)
                if year.is_none() && (1000..=2999).contains(&n) =>
            {
                a = Anchor {
                    year: Some(YearRef::Abs(n as i16)),
                    ..Anchor::EMPTY
                };
            }
            _ => return None,
        }
        if year.is_none() && i != j {
            return None;
        }
        Some((a, Some(b), be))
    }

    /// Whether a unit or a word that makes a bare number a quantity follows.
    pub(crate) fn unit_follows(&self, e: usize) -> bool {
        let e = self.sp(e);
        match self.ch(e) {
            None => false,
            Some(c) => {
                !(is_punct_or_space(c)
                    || RANGE_SEPS.iter().any(|s| s.first() == Some(&c))
                    || c == '日'
                    || c == '号'
                    || self
                        .word(e, |w| matches!(w, Word::Daypart | Word::Suffix(_)))
                        .is_some())
            }
        }
    }

    /// Relative expressions on a count: `十年来`, `三年前`, `5天前`, `3年以前`,
    /// `20天以后`, `4周后`. A bare count with a unit (`三年`, `8个月`) is a duration claim,
    /// not a period.
    pub(crate) fn count_relative(&self, i: usize) -> Option<(PeriodExpr, usize)> {
        if self.prev_is_numberish(i) {
            return None;
        }
        if self.year(i).is_some() {
            return None;
        }
        let (n, unit, e, approx) = self.relative_count(i)?;
        let n = i32::try_from(n).ok()?;
        if let Some(e2) = self.lits(e, &[w!("以来"), w!("来")]) {
            if approx {
                return Some((PeriodExpr::Now, e2));
            }
            return Some((PeriodExpr::Recent(u16::try_from(n).ok()?, unit), e2));
        }
        let offset = |k: i32| offset_anchor(unit, k);
        if approx {
            return None;
        }
        if let Some(e2) = self.lits(e, &[w!("以前"), w!("之前")]) {
            return Some((PeriodExpr::Before(offset(-n)?), e2));
        }
        if let Some(e2) = self.lits(e, &[w!("以后"), w!("之后")]) {
            return Some((PeriodExpr::From(offset(n)?), e2));
        }
        let next_blocked = |e2: usize| {
            self.ch(e2).is_some_and(|c| {
                NOT_BEFORE_AFTER.contains(&c) || c.is_ascii_digit() || is_cn_numeral(c)
            })
        };
        if let Some(e2) = self.lit(e, w!("前")).filter(|&e2| !next_blocked(e2)) {
            return Some((PeriodExpr::At(offset(-n)?), e2));
        }
        if let Some(e2) = self.lit(e, w!("后")).filter(|&e2| !next_blocked(e2)) {
            return Some((PeriodExpr::At(offset(n)?), e2));
        }
        None
    }

    /// A count with its unit for a relative expression: `三年`, `8个月`, `3年半` (42
    /// months), `半年` (6 months), `半个月` (15 days); `三个多月` and `3年多` are
    /// approximate.
    pub(crate) fn relative_count(&self, i: usize) -> Option<(u32, TimeUnit, usize, bool)> {
        if let Some(e) = self.lit(i, w!("半年")) {
            return Some((6, TimeUnit::Month, e, false));
        }
        if let Some(e) = self.lits(i, &[w!("半个月"), w!("半月")]) {
            return Some((15, TimeUnit::Day, e, false));
        }
        let (n, e) = self.count(i)?;
        let e = self.sp(e);
        if let Some(e2) = self.lit(e, w!("个多月")) {
            return Some((n, TimeUnit::Month, e2, true));
        }
        if let Some(e2) = self.lit(e, w!("个季度")) {
            return Some((n.checked_mul(3)?, TimeUnit::Month, e2, false));
        }
        if let Some(e2) = self.lit(e, w!("年半")) {
            return Some((
                n.checked_mul(12)?.checked_add(6)?,
                TimeUnit::Month,
                e2,
                false,
            ));
        }
        let (unit, e2) = self.unit_after_count(e)?;
        match self.lit(e2, w!("多")) {
            Some(e3) => Some((n, unit, e3, true)),
            None => Some((n, unit, e2, false)),
        }
    }

    // ---------------------------------------------------------------- look-backs

    /// `…以来` after an event without a date (`党史学习教育开展以来`), and `…期间` after a
    /// named occasion (`中高考期间`): the mention runs back to the start of the clause.
    pub(crate) fn look_back(&self, i: usize, out: &[PeriodMention]) -> Option<PeriodMention> {
        let (end, max, since) = if let Some(e) = self.lit(i, w!("以来")) {
            (e, 24, true)
        } else if let Some(e) = self.lit(i, w!("期间")) {
            (e, 8, false)
        } else {
            return None;
        };
        if out.last().is_some_and(|m| m.end == i) {
            return None;
        }
        let floor = out.last().map_or(0, |m| m.end);
        let mut s = i;
        while s > floor && i - s < max {
            let c = self.ch(s - 1)?;
            if is_punct_or_space(c) || !since && w!("在于是为的等和与及了此").contains(&c)
            {
                break;
            }
            s -= 1;
        }
        if i - s < 2 {
            return None;
        }
        let expr = if since {
            PeriodExpr::SinceEvent
        } else {
            PeriodExpr::Named
        };
        Some(PeriodMention {
            start: s,
            end,
            expr,
            role: MentionRole::Period,
        })
    }
}
