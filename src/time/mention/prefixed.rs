//! Forms led by a word (截至, 自, 近): their periods, and the core a period is built on.

use crate::time::lexicon::{Prefix, Word, may_start_form};
use crate::time::mention::{Scan, is_clause_break, is_punct_or_space, offset_anchor};
use crate::time::{Anchor, MentionRole, PeriodExpr, PeriodMention, TimeUnit, YearRef};

impl Scan<'_> {
    // ---------------------------------------------------------------- prefixes

    pub(crate) fn prefixed(&self, i: usize) -> Option<PeriodMention> {
        let (w, j) = self.word(i, |w| matches!(w, Word::Prefix(_)))?;
        let Word::Prefix(pre) = w else { return None };
        let mention = |end, expr, role| PeriodMention {
            start: i,
            end,
            expr,
            role,
        };
        match pre {
            Prefix::Recent => {
                // `这一年`, `这个月` are this year and this month (word list), not stretches.
                if self.is(i, '这') && self.is(j, '一') {
                    return None;
                }
                let (n, unit, end) = self.recent(j)?;
                Some(mention(
                    end,
                    PeriodExpr::Recent(u16::try_from(n).ok()?, unit),
                    MentionRole::Period,
                ))
            }
            Prefix::Next => {
                let (n, unit, end) = self.recent(j)?;
                Some(mention(
                    end,
                    PeriodExpr::Next(u16::try_from(n).ok()?, unit),
                    MentionRole::Period,
                ))
            }
            Prefix::Later => {
                // `过两天`, `再过三个月`: only at the start of a clause (`超过3天` is a
                // duration).
                let prev = i.checked_sub(1).and_then(|k| self.ch(k));
                if self.is(i, '过') && prev.is_some_and(|c| !is_punct_or_space(c)) {
                    return None;
                }
                let (n, unit, end, approx) = self.relative_count(self.sp(j))?;
                if approx {
                    return None;
                }
                let offset = offset_anchor(unit, i32::try_from(n).ok()?)?;
                Some(mention(end, PeriodExpr::From(offset), MentionRole::Period))
            }
            Prefix::Lunar => {
                let (a, end) = self.lunar_tail(self.sp(j), None)?;
                Some(mention(end, PeriodExpr::At(a), MentionRole::Period))
            }
            Prefix::Until => {
                // A bare `到`/`至` after a verb is its complement (`了解到1999年…`,
                // `压缩至1个工作日`), not `up to`.
                if j == i + 1 {
                    let prev = i.checked_sub(1).and_then(|k| self.ch(k));
                    if prev.is_some_and(|c| {
                        !is_punct_or_space(c) && !w!("截直延迟续长前日月").contains(&c)
                    }) {
                        return None;
                    }
                }
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                let expr = match expr {
                    PeriodExpr::At(a) => PeriodExpr::Until(a),
                    PeriodExpr::Before(a) => PeriodExpr::Until(a),
                    other => other,
                };
                Some(mention(end, expr, MentionRole::Period))
            }
            Prefix::Since => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                // `从清明节消费市场来看`, `从1-9月看`: the period looked at, not a start;
                // the mention without `从` is read on its own.
                if self.viewed_ahead(end) {
                    return None;
                }
                match expr {
                    PeriodExpr::At(a) => {
                        // `自4月15日“急难愁盼”服务咨询窗口设立以来`: the event between the
                        // date and 以来 belongs to the mention.
                        match self.since_ahead(end) {
                            Some(e) => Some(mention(e, PeriodExpr::Since(a), MentionRole::Period)),
                            None => Some(mention(end, PeriodExpr::Since(a), MentionRole::Period)),
                        }
                    }
                    other => Some(mention(end, other, MentionRole::Period)),
                }
            }
            Prefix::Base => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                Some(mention(end, expr, MentionRole::Base))
            }
            Prefix::Base2 => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                let e = if self.is(end, '的') { end + 1 } else { end };
                let (_, e) = self.word(e, |w| matches!(w, Word::Compare))?;
                Some(mention(e, expr, MentionRole::Base))
            }
        }
    }

    /// `来看` or `看,` later in the clause: `从…来看` names what is looked at.
    pub(crate) fn viewed_ahead(&self, i: usize) -> bool {
        let mut j = i;
        while j < i + 30 {
            let Some(c) = self.ch(j) else {
                return false;
            };
            if is_clause_break(c) {
                return false;
            }
            if self.lits(j, &[w!("来看"), w!("看来")]).is_some()
                || c == '看' && self.ch(j + 1).is_none_or(is_clause_break)
            {
                return true;
            }
            j += 1;
        }
        false
    }

    /// `以来`, `起` or `开始` later in the clause, after an event: the end of that word.
    pub(crate) fn since_ahead(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j < i + 40 {
            let c = self.ch(j)?;
            if is_clause_break(c) {
                return None;
            }
            if let Some(e) = self.lits(j, &[w!("以来"), w!("开始")]) {
                return Some(e);
            }
            j += 1;
        }
        None
    }

    /// After `近`, `最近`, `过去`: a count and a unit (`近五年`, `最近两个月`).
    pub(crate) fn recent(&self, i: usize) -> Option<(u32, TimeUnit, usize)> {
        let i = self.sp(i);
        let (n, unit, e, approx) = self.relative_count(i)?;
        if approx {
            return None;
        }
        let e = self
            .lits(e, &[w!("以来"), w!("来"), w!("内"), w!("里"), w!("中")])
            .unwrap_or(e);
        Some((n, unit, e))
    }

    /// A unit after a count: `年`, `个月`, `周`, `个星期`, `天`, `日`.
    pub(crate) fn unit_after_count(&self, i: usize) -> Option<(TimeUnit, usize)> {
        if let Some(e) = self.lit(i, w!("年")) {
            return (!self.is(e, '代') && !self.is(e, '级')).then_some((TimeUnit::Year, e));
        }
        if let Some(e) = self.lits(i, &[w!("个月"), w!("月")]) {
            return Some((TimeUnit::Month, e));
        }
        if let Some(e) = self.lits(i, &self.lx.week.unit) {
            return (!self.is(e, '年')).then_some((TimeUnit::Week, e));
        }
        if let Some(e) = self.lits(i, &[w!("天"), w!("日")]) {
            return Some((TimeUnit::Day, e));
        }
        None
    }

    // ---------------------------------------------------------------- core

    /// A date or period at `i` without prefix: the expression, its end and its role.
    pub(crate) fn core(&self, i: usize) -> Option<(PeriodExpr, usize, MentionRole)> {
        let ch = self.ch(i)?;
        // Most chars after a prefix or a list separator start no date: one bit test.
        if !self.lx.may_start_date(ch) {
            return None;
        }
        // Words that are whole expressions.
        if let Some((w, e)) = self.word(i, |w| {
            matches!(
                w,
                Word::Now
                    | Word::Event
                    | Word::BaseLastYear
                    | Word::BasePrevious
                    | Word::Holiday
                    | Word::InForce
            )
        }) {
            // `当前` inside a phrase is an adjective (`平均当前运营`).
            if self.lit(i, w!("当前")) == Some(e) {
                let prev = i.checked_sub(1).and_then(|k| self.ch(k));
                if prev.is_some_and(|c| {
                    ('\u{4E00}'..='\u{9FFF}').contains(&c) && !w!("在是于").contains(&c)
                }) {
                    return None;
                }
            }
            let expr = match w {
                Word::Now => PeriodExpr::Now,
                Word::Event => PeriodExpr::SinceEvent,
                Word::BaseLastYear => return Some((PeriodExpr::LastYear, e, MentionRole::Base)),
                Word::BasePrevious => return Some((PeriodExpr::Previous, e, MentionRole::Base)),
                Word::Holiday => PeriodExpr::Holiday,
                _ => PeriodExpr::InForce,
            };
            return Some((expr, e, MentionRole::Period));
        }
        // The forms built in code; elsewhere only the word lists can start a date.
        if may_start_form(ch) {
            if ch == '“' || ch == '"' {
                return self.quoted(i).map(|(x, e)| (x, e, MentionRole::Period));
            }
            if let Some((x, e)) = self.plan(i, None) {
                return Some((x, e, MentionRole::Period));
            }
            if let Some((x, e)) = self.count_relative(i) {
                return Some((x, e, MentionRole::Period));
            }
            if let Some(e) = self.lit(i, w!("今明两年")) {
                let year = |k| Anchor {
                    year: Some(YearRef::Rel(k)),
                    ..Anchor::EMPTY
                };
                return Some((PeriodExpr::Range(year(0), year(1)), e, MentionRole::Period));
            }
            // `前两周`: the last two weeks.
            if let Some(j) = self.lit(i, w!("前"))
                && let Some((n, e)) = self.count(j)
                && let Some(e) = self.lits(self.sp(e), &self.lx.week.weeks)
                && !self.is(e, '年')
            {
                let n = u16::try_from(n).ok()?;
                return Some((
                    PeriodExpr::Recent(n, TimeUnit::Week),
                    e,
                    MentionRole::Period,
                ));
            }
        }
        let (expr, end) = self.period(i)?;
        Some((expr, end, MentionRole::Period))
    }
}
