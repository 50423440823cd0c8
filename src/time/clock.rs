//! Clock times (`10:30至12:00`, `8时许`, `下午5时30分`): found so that the claim stage can
//! set them aside; they are never periods.

use super::lexicon::Word;
use super::mention::{RANGE_SEPS, Scan};
use super::numeral::digits;
use super::{MentionRole, PeriodExpr, PeriodMention};

impl Scan<'_> {
    // ---------------------------------------------------------------- clock times

    /// A clock time or range: `10:30至12:00`, `8:00`, `10时30分`, `下午5时30分至晚上10时30分`,
    /// `8时许`, `晚上八点`.
    pub(super) fn clock(&self, i: usize) -> Option<PeriodMention> {
        let (_, mut end) = self.clock_one(i)?;
        let k = self.sp(end);
        if let Some(s) = self.lits(k, &RANGE_SEPS) {
            let s = self.sp(s);
            if let Some((_, e)) = self.clock_one(s) {
                end = e;
            } else if let Some((h, e)) = self.number(s)
                && h <= 24
                && self.lits(e, &[w!("点"), w!("时")]).is_some()
            {
                end = self
                    .lits(e, &[w!("点钟"), w!("点半"), w!("点"), w!("时")])
                    .unwrap_or(e);
            }
        }
        Some(PeriodMention {
            start: i,
            end,
            expr: PeriodExpr::Clock,
            role: MentionRole::Clock,
        })
    }

    pub(super) fn clock_one(&self, i: usize) -> Option<(u32, usize)> {
        let (has_part, j) = match self.word(i, |w| matches!(w, Word::Daypart)) {
            Some((_, e)) => (true, e),
            None => (false, i),
        };
        let j = self.sp(j);
        let (h, e) = self.number(j)?;
        if h > 24 {
            return None;
        }
        if self.is(e, ':') {
            let (m, e2, len) = digits(self.c, e + 1)?;
            if len != 2 || m > 59 {
                return None;
            }
            let mut end = e2;
            if self.is(end, ':')
                && let Some((s, e3, 2)) = digits(self.c, end + 1)
                && s <= 59
            {
                end = e3;
            }
            if self.ch(end).is_some_and(|c| c.is_ascii_digit() || c == ':') {
                return None;
            }
            return Some((h, end));
        }
        if let Some(e2) = self.lit(e, w!("时")) {
            if self.is(e2, '间') || self.is(e2, '期') {
                return None;
            }
            let mut end = e2;
            if let Some((m, e3)) = self.number(end) {
                if m < 60
                    && let Some(e4) = self.lit(e3, w!("分"))
                {
                    end = e4;
                    if let Some((_, e5)) = self.number(end)
                        && let Some(e6) = self.lit(e5, w!("秒"))
                    {
                        end = e6;
                    }
                }
            } else if let Some(e3) = self.lits(end, &[w!("许"), w!("整"), w!("左右"), w!("半")])
            {
                end = e3;
            }
            return Some((h, end));
        }
        if let Some(e2) = self.lit(e, w!("点")) {
            let mut end = e2;
            let mut suffixed = false;
            if let Some(e3) = self.lits(end, &[w!("钟"), w!("半"), w!("整"), w!("许"), w!("左右")])
            {
                end = e3;
                suffixed = true;
            } else if let Some((m, e3)) = self.number(end)
                && m < 60
            {
                end = self.lit(e3, w!("分")).unwrap_or(e3);
                suffixed = self.lit(e3, w!("分")).is_some() || has_part;
            }
            if !(has_part || suffixed) {
                return None;
            }
            return Some((h, end));
        }
        None
    }
}
