//! Finding date, period and clock-time mentions: one left-to-right scan that skips every
//! char outside the trigger set (digits, Chinese numerals, the first chars of the time
//! words) with one bitmap test, and at a trigger tries the forms that can start there.
//!
//! Every form is a bounded look-ahead from its first char (a few look-backs, for `…以来`
//! and `…期间`, are bounded too), so the scan is linear in the text.

use std::cell::Cell;

use super::lexicon::{LEXICON, Lexicon, Prefix, Suffix, Word, may_start_form};
use super::numeral::{cn_number, digits, is_cn_numeral};
use super::{
    Anchor, DayRef, Edge, MonthRef, Part, PeriodExpr, PeriodMention, Role, TimeUnit, YearRef,
};
use crate::lexicon::CharBits;

/// Every date, period and clock-time mention of `chars`, in text order.
pub fn find_periods(chars: &[char]) -> Vec<PeriodMention> {
    let mut out = Vec::new();
    find_periods_into(chars, &mut out);
    out
}

/// Like [`find_periods`], appending to `out` (cleared first) so a caller can reuse it.
pub fn find_periods_into(chars: &[char], out: &mut Vec<PeriodMention>) {
    out.clear();
    let lx: &Lexicon = &LEXICON;
    let p = Scan::new(chars, lx);
    let n = chars.len();
    let mut title_depth = 0u32;
    let mut title_start = 0usize;
    let mut i = 0;
    while i < n {
        if title_depth == 0 {
            // Past every char that cannot start a mention.
            i = lx.next_candidate(chars, i);
            if i >= n {
                return;
            }
        }
        let ch = chars[i];
        if !lx.is_trigger(ch) {
            if title_depth > 0 && (ch == '\n' || ch == '。' || i - title_start > 80) {
                title_depth = 0;
            }
            i += 1;
            continue;
        }
        match ch {
            '《' => {
                title_depth += 1;
                title_start = i;
                i += 1;
                continue;
            }
            '》' => {
                title_depth = title_depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        if title_depth > 0 || !lx.worth(chars, i) {
            // Dates inside book and document titles name the document, not a period.
            i += 1;
            continue;
        }
        match p.at(i, out.as_slice()) {
            Step::Found(m) => {
                i = m.end.max(i + 1);
                // 提前两个月 is ahead of time by two months, not the first two months.
                let ahead = chars.get(m.start) == Some(&'前')
                    && m.start > 0
                    && chars.get(m.start - 1) == Some(&'提');
                if !ahead {
                    out.push(m);
                }
            }
            Step::Skip(j) => i = j.max(i + 1),
        }
    }
}

/// Whether `m` only dates a noun: a date, an event verb and `的` before a noun
/// (`6月投入运营的人力资源服务产业园`). Such a date is not the period of the claims about
/// the noun (spec §4).
pub fn only_dates_a_noun(chars: &[char], m: &PeriodMention) -> bool {
    if m.role != Role::Period || !matches!(m.expr, PeriodExpr::At(_)) {
        return false;
    }
    let lx: &Lexicon = &LEXICON;
    // A year with 的 before a noun (`2025年的重点项目`), or a plan named inside a clause
    // (`与2024年计划目标持平`, `完成年度计划的48%`): which plan or which noun, not when.
    // (At a clause's start it is the clause's period: `今年的园林绿化品质也将大大提升`.)
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) && !is_cn_numeral(c);
    let inside = m
        .start
        .checked_sub(1)
        .and_then(|k| chars.get(k))
        .is_some_and(|&c| han(c) && !matches!(c, '在' | '于' | '至' | '到'));
    let of_noun = chars.get(m.end) == Some(&'的') && chars.get(m.end + 1).is_some_and(|&c| han(c));
    // The plan noun may follow the plan's field (`2021年造林计划任务`).
    let plan = (m.end..m.end + 5)
        .take_while(|&j| chars.get(j).is_some_and(|&c| han(c)))
        .any(|j| lx.plan_nouns.longest(chars, j, |_| true).is_some());
    if inside && (of_noun || plan) {
        return true;
    }
    let mut j = m.end;
    let mut verb = false;
    while j < m.end + 10 {
        let Some(&c) = chars.get(j) else { return false };
        if is_clause_break(c) || c.is_ascii_digit() || is_cn_numeral(c) {
            return false;
        }
        if c == '的' {
            return verb
                && chars
                    .get(j + 1)
                    .is_some_and(|&n| ('\u{4E00}'..='\u{9FFF}').contains(&n) && !is_cn_numeral(n));
        }
        if let Some((_, e)) = lx.event_verbs.longest(chars, j, |_| true) {
            verb = true;
            j = e;
        } else {
            j += 1;
        }
    }
    false
}

pub(super) enum Step {
    Found(PeriodMention),
    Skip(usize),
}

/// Chars that end a clause: a look-back or look-ahead never crosses them.
pub(super) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '。' | ';' | '；' | ':' | '：' | '!' | '！' | '?' | '？' | '\n' | '\r' | '、'
    )
}

pub(super) fn is_punct_or_space(c: char) -> bool {
    is_clause_break(c)
        || c.is_whitespace()
        || matches!(
            c,
            '.' | '“'
                | '”'
                | '"'
                | '\''
                | '‘'
                | '’'
                | '('
                | ')'
                | '（'
                | '）'
                | '《'
                | '》'
                | '【'
                | '】'
                | '['
                | ']'
                | '…'
                | '—'
                | '·'
        )
}

/// Range separators between two dates.
pub(super) const RANGE_SEPS: [&[char]; 8] = [
    w!("——"),
    w!("至"),
    w!("到"),
    w!("-"),
    w!("~"),
    w!("—"),
    w!("－"),
    w!("～"),
];

/// Words after a holiday name that make it the holiday period rather than the day.
pub(super) const HOLIDAY_WORDS: [&[char]; 15] = [
    w!("小长假期间"),
    w!("黄金周期间"),
    w!("节假日期间"),
    w!("节日期间"),
    w!("假期期间"),
    w!("长假期间"),
    w!("节期间"),
    w!("小长假"),
    w!("黄金周"),
    w!("节假日"),
    w!("节日"),
    w!("假期"),
    w!("长假"),
    w!("假日"),
    w!("期间"),
];

/// Verbs that start an activity: `4月14日启动,目前…` runs from that day to now.
const START_VERBS: [&[char]; 10] = [
    w!("启动"),
    w!("开始"),
    w!("开工"),
    w!("实施"),
    w!("开展"),
    w!("上线"),
    w!("运行"),
    w!("开通"),
    w!("施行"),
    w!("推行"),
];

/// Dayparts are not in force after these (`前往`, `后续` are words, not suffixes).
pub(super) const NOT_BEFORE_AFTER: &[char] =
    w!("往进来去夕列沿线行期景提面身台续勤备方盾劲者遗排头端");

/// The chars [`Scan::prev_is_numberish`] looks for, as one bitset.
static NUMBERISH: CharBits = CharBits::of(concat!(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.",
    "〇零一二两俩三仨四五六七八九十百千廿卅",
    "个多余几半第每"
));

pub(super) struct Scan<'a> {
    pub(super) c: &'a [char],
    pub(super) lx: &'a Lexicon,
    /// The last [`Scan::number`] read: the forms tried at one position read the same
    /// number again and again.
    pub(super) number_memo: Cell<(usize, Option<(u32, usize)>)>,
    /// The last [`Scan::year`] read.
    pub(super) year_memo: Cell<(usize, Option<(YearRef, usize)>)>,
    /// The words at `word_at`, longest first: the forms tried at one position look up
    /// the same words again and again.
    word_at: Cell<usize>,
    words: [Cell<(Word, usize)>; WORD_MEMO],
    word_count: Cell<usize>,
}

/// How many words at one position [`Scan::word`] keeps.
const WORD_MEMO: usize = 6;

impl<'a> Scan<'a> {
    pub(super) fn new(c: &'a [char], lx: &'a Lexicon) -> Scan<'a> {
        Scan {
            c,
            lx,
            number_memo: Cell::new((usize::MAX, None)),
            year_memo: Cell::new((usize::MAX, None)),
            word_at: Cell::new(usize::MAX),
            words: std::array::from_fn(|_| Cell::new((Word::Now, 0))),
            word_count: Cell::new(0),
        }
    }
}

impl Scan<'_> {
    #[inline]
    pub(super) fn ch(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    #[inline]
    pub(super) fn is(&self, i: usize, ch: char) -> bool {
        self.ch(i) == Some(ch)
    }

    /// The end of `s` when the text has it at `i`.
    #[inline]
    pub(super) fn lit(&self, i: usize, s: &[char]) -> Option<usize> {
        // Most tries fail at the first char: one compare before the slice bounds.
        let (first, rest) = s.split_first()?;
        if self.c.get(i) != Some(first) {
            return None;
        }
        let end = i + s.len();
        let got = self.c.get(i + 1..end)?;
        (got == rest).then_some(end)
    }

    /// The end of the first of `list` the text has at `i`.
    #[inline]
    pub(super) fn lits(&self, i: usize, list: &[&[char]]) -> Option<usize> {
        let c = *self.c.get(i)?;
        list.iter()
            .filter(|s| s.first() == Some(&c))
            .find_map(|s| self.lit(i, s))
    }

    /// Skips up to two ASCII spaces.
    pub(super) fn sp(&self, i: usize) -> usize {
        let mut j = i;
        while j < i + 2 && self.is(j, ' ') {
            j += 1;
        }
        j
    }

    /// The longest word at `i` accepted by `keep`, with its end.
    pub(super) fn word(&self, i: usize, keep: impl Fn(&Word) -> bool) -> Option<(Word, usize)> {
        if self.word_at.get() != i {
            let mut found = [(Word::Now, 0); WORD_MEMO];
            let n = self.lx.words.all_at(self.c, i, &mut found);
            if n > WORD_MEMO {
                return self.lx.words.longest(self.c, i, keep);
            }
            for (slot, w) in self.words.iter().zip(found) {
                slot.set(w);
            }
            self.word_count.set(n);
            self.word_at.set(i);
        }
        self.words
            .iter()
            .take(self.word_count.get())
            .map(Cell::get)
            .find(|(w, _)| keep(w))
    }

    /// Whether the char before `i` is part of a number or a count (ASCII letters and
    /// digits, `.`, Chinese numerals, `个多余几半第每`).
    pub(super) fn prev_is_numberish(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|k| self.ch(k))
            .is_some_and(|c| NUMBERISH.contains(c))
    }

    /// A number at `i`, Arabic or Chinese, not part of a longer Arabic token.
    pub(super) fn number(&self, i: usize) -> Option<(u32, usize)> {
        let (at, memo) = self.number_memo.get();
        if at == i {
            return memo;
        }
        let r = self.read_number(i);
        self.number_memo.set((i, r));
        r
    }

    fn read_number(&self, i: usize) -> Option<(u32, usize)> {
        let ch = self.ch(i)?;
        if ch.is_ascii_digit() {
            if i.checked_sub(1)
                .and_then(|k| self.ch(k))
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                return None;
            }
            let (v, e, len) = digits(self.c, i)?;
            // A decimal is a quantity, not a date field.
            if self.is(e, '.') && self.ch(e + 1).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            if len > 4 {
                return None;
            }
            Some((v, e))
        } else if is_cn_numeral(ch) {
            cn_number(self.c, i)
        } else {
            None
        }
    }

    /// A count for a relative expression: a number, `几`/`半` excluded.
    pub(super) fn count(&self, i: usize) -> Option<(u32, usize)> {
        let (v, e) = self.number(i)?;
        (v > 0).then_some((v, e))
    }

    // ---------------------------------------------------------------- dispatch

    pub(super) fn at(&self, i: usize, out: &[PeriodMention]) -> Step {
        let ch = self.c[i];
        // Most numbers are quantities (`1300余宗`, `4.2亿元`): past them at once unless
        // what follows can make a date, a count of time or a clock time.
        if (ch.is_ascii_digit() || is_cn_numeral(ch)) && !self.prev_is_numberish(i) {
            if let Some(skip) = self.quantity_number(i) {
                return Step::Skip(skip);
            }
        }
        if ch.is_ascii_digit()
            && i.checked_sub(1)
                .and_then(|k| self.ch(k))
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            return Step::Skip(self.skip_number(i));
        }
        if let Some((w, e)) = self.word(i, |w| matches!(w, Word::Every | Word::Name)) {
            return Step::Skip(if w == Word::Every {
                self.skip_recurrence(e)
            } else {
                e
            });
        }
        if let Some(m) = self.prefixed(i) {
            return Step::Found(m);
        }
        if let Some((expr, end, role)) = self.core(i) {
            return Step::Found(PeriodMention {
                start: i,
                end,
                expr,
                role,
            });
        }
        if let Some(m) = self.clock(i) {
            return Step::Found(m);
        }
        if let Some(m) = self.look_back(i, out) {
            return Step::Found(m);
        }
        if ch.is_ascii_digit() || is_cn_numeral(ch) {
            return Step::Skip(self.skip_number(i));
        }
        Step::Skip(i + 1)
    }

    /// The end of the number at `i` when nothing after it can make a date or time.
    pub(super) fn quantity_number(&self, i: usize) -> Option<usize> {
        let arabic = self.ch(i).is_some_and(|c| c.is_ascii_digit());
        let mut j = i;
        while self.ch(j).is_some_and(|c| {
            if arabic {
                c.is_ascii_digit()
            } else {
                is_cn_numeral(c)
            }
        }) {
            j += 1;
        }
        let k = self.sp(j);
        let Some(next) = self.ch(k) else {
            return Some(j.max(i + 1));
        };
        let after = self.ch(k + 1);
        let date_like = match next {
            '年' | '月' | '日' | '号' | '季' | '周' | '天' | '世' | '点' | '时' | '分' | ':'
            | '-' | '/' | '至' | '到' | '~' | '—' | '－' | '～' | '半' | '星' | '礼' | '、'
            | '和' | '及' | '与' | '五' | '”' | '"' | '初' | '钟' | '刻' | '秒' | '以' | '来'
            | '前' | '后' | '节' | '假' | '期' | '黄' | '长' | '小' => true,
            '.' => {
                after.is_some_and(|c| c.is_ascii_digit()) && {
                    // `2021.5.12` is a date; `4.2亿` is not.
                    let mut m = k + 1;
                    while self.ch(m).is_some_and(|c| c.is_ascii_digit()) {
                        m += 1;
                    }
                    self.is(m, '.') || self.is(m, '-')
                }
            }
            '个' => matches!(
                after,
                Some('月' | '季' | '星' | '礼' | '周' | '工' | '小' | '多' | '半')
            ),
            '多' | '余' => matches!(after, Some('年' | '个' | '月' | '天' | '周')),
            ',' | '，' => {
                !arabic || matches!(after, Some(c) if c.is_ascii_digit() || is_cn_numeral(c))
            }
            c => is_cn_numeral(c) || c.is_ascii_digit(),
        };
        (!date_like).then_some(j.max(i + 1))
    }

    /// Past a number and the unit char after it, so that `三年内` is not read as `年内`.
    pub(super) fn skip_number(&self, i: usize) -> usize {
        let arabic = self.ch(i).is_some_and(|c| c.is_ascii_digit());
        let mut j = i;
        while self.ch(j).is_some_and(|c| {
            if arabic {
                c.is_ascii_digit() || c == '.'
            } else {
                is_cn_numeral(c)
            }
        }) {
            j += 1;
        }
        while self
            .ch(j)
            .is_some_and(|c| matches!(c, '个' | '多' | '余' | '几' | '半'))
        {
            j += 1;
        }
        if self
            .ch(j)
            .is_some_and(|c| matches!(c, '年' | '月' | '日' | '天' | '周' | '季' | '时'))
        {
            j += 1;
        }
        j
    }

    /// After `每年`, `每月`, `每周`…: the date that follows is a recurrence
    /// (`每月15日`, `每周一至周五`), not a period.
    pub(super) fn skip_recurrence(&self, i: usize) -> usize {
        let Some(j) = self.lits(
            i,
            &[
                w!("个工作日"),
                w!("个月"),
                w!("季度"),
                w!("星期"),
                w!("年"),
                w!("月"),
                w!("周"),
                w!("天"),
                w!("日"),
            ],
        ) else {
            return i;
        };
        let weekly = self
            .c
            .get(j.wrapping_sub(1))
            .is_some_and(|&c| c == '周' || c == '期');
        if weekly {
            if let Some((_, e)) = self.weekday_digit(j) {
                let k = self.sp(e);
                if let Some(s) = self.lits(k, &RANGE_SEPS) {
                    let s = self.sp(s);
                    if let Some((_, e2)) = self.weekday(s).or_else(|| self.weekday_digit(s)) {
                        return e2;
                    }
                }
                return e;
            }
        }
        match self.core(j) {
            Some((_, e, _)) => e,
            None => j,
        }
    }

    // ---------------------------------------------------------------- prefixes

    pub(super) fn prefixed(&self, i: usize) -> Option<PeriodMention> {
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
                    Role::Period,
                ))
            }
            Prefix::Next => {
                let (n, unit, end) = self.recent(j)?;
                Some(mention(
                    end,
                    PeriodExpr::Next(u16::try_from(n).ok()?, unit),
                    Role::Period,
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
                Some(mention(end, PeriodExpr::From(offset), Role::Period))
            }
            Prefix::Lunar => {
                let (a, end) = self.lunar_tail(self.sp(j), None)?;
                Some(mention(end, PeriodExpr::At(a), Role::Period))
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
                Some(mention(end, expr, Role::Period))
            }
            Prefix::Since => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                match expr {
                    PeriodExpr::At(a) => {
                        // `自4月15日“急难愁盼”服务咨询窗口设立以来`: the event between the
                        // date and 以来 belongs to the mention.
                        match self.since_ahead(end) {
                            Some(e) => Some(mention(e, PeriodExpr::Since(a), Role::Period)),
                            None => Some(mention(end, PeriodExpr::Since(a), Role::Period)),
                        }
                    }
                    other => Some(mention(end, other, Role::Period)),
                }
            }
            Prefix::Base => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                Some(mention(end, expr, Role::Base))
            }
            Prefix::Base2 => {
                let k = self.sp(j);
                let (expr, end, _) = self.core(k)?;
                let e = if self.is(end, '的') { end + 1 } else { end };
                let (_, e) = self.word(e, |w| matches!(w, Word::Compare))?;
                Some(mention(e, expr, Role::Base))
            }
        }
    }

    /// `以来`, `起` or `开始` later in the clause, after an event: the end of that word.
    pub(super) fn since_ahead(&self, i: usize) -> Option<usize> {
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
    pub(super) fn recent(&self, i: usize) -> Option<(u32, TimeUnit, usize)> {
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
    pub(super) fn unit_after_count(&self, i: usize) -> Option<(TimeUnit, usize)> {
        if let Some(e) = self.lit(i, w!("年")) {
            return (!self.is(e, '代') && !self.is(e, '级')).then_some((TimeUnit::Year, e));
        }
        if let Some(e) = self.lits(i, &[w!("个月"), w!("月")]) {
            return Some((TimeUnit::Month, e));
        }
        if let Some(e) = self.lits(i, &[w!("个星期"), w!("个礼拜"), w!("星期"), w!("周")])
        {
            return (!self.is(e, '年')).then_some((TimeUnit::Week, e));
        }
        if let Some(e) = self.lits(i, &[w!("天"), w!("日")]) {
            return Some((TimeUnit::Day, e));
        }
        None
    }

    // ---------------------------------------------------------------- core

    /// A date or period at `i` without prefix: the expression, its end and its role.
    pub(super) fn core(&self, i: usize) -> Option<(PeriodExpr, usize, Role)> {
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
                Word::BaseLastYear => return Some((PeriodExpr::LastYear, e, Role::Base)),
                Word::BasePrevious => return Some((PeriodExpr::Previous, e, Role::Base)),
                Word::Holiday => PeriodExpr::Holiday,
                _ => PeriodExpr::InForce,
            };
            return Some((expr, e, Role::Period));
        }
        // The forms built in code; elsewhere only the word lists can start a date.
        if may_start_form(ch) {
            if ch == '“' || ch == '"' {
                return self.quoted(i).map(|(x, e)| (x, e, Role::Period));
            }
            if let Some((x, e)) = self.plan(i, None) {
                return Some((x, e, Role::Period));
            }
            if let Some((x, e)) = self.count_relative(i) {
                return Some((x, e, Role::Period));
            }
            if let Some(e) = self.lit(i, w!("今明两年")) {
                let year = |k| Anchor {
                    year: Some(YearRef::Rel(k)),
                    ..Anchor::EMPTY
                };
                return Some((PeriodExpr::Range(year(0), year(1)), e, Role::Period));
            }
            // `前两周`: the last two weeks.
            if let Some(j) = self.lit(i, w!("前")) {
                if let Some((n, e)) = self.count(j) {
                    if let Some(e) = self.lits(self.sp(e), &[w!("个星期"), w!("个礼拜"), w!("周")])
                    {
                        if !self.is(e, '年') {
                            let n = u16::try_from(n).ok()?;
                            return Some((PeriodExpr::Recent(n, TimeUnit::Week), e, Role::Period));
                        }
                    }
                }
            }
        }
        let (expr, end) = self.period(i)?;
        Some((expr, end, Role::Period))
    }

    /// A calendar period with its range, list and suffix: `3月至4月期间`, `今年以来`,
    /// `5月、6月`, `1-9月`, `2025年前`.
    pub(super) fn period(&self, i: usize) -> Option<(PeriodExpr, usize)> {
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
                if items == 1 && !comma {
                    if let Some(e2) = self.lits(be, &[w!("之间"), w!("间")]) {
                        between = Some((b, e2));
                        break;
                    }
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
        if let PeriodExpr::At(a) = expr {
            if let Some(k) = self.lits(end, &START_VERBS) {
                if let Some(k) = self.lits(k, &[w!(","), w!("，")]) {
                    if let Some((Word::Now, e)) = self.word(self.sp(k), |w| matches!(w, Word::Now))
                    {
                        expr = PeriodExpr::Since(a);
                        end = e;
                    }
                }
            }
        }
        // `自2020-05-26起至2020-05-29止`.
        if let PeriodExpr::Since(a) = expr {
            let k = self.sp(end);
            if let Some(s) = self.lits(k, &[w!("至"), w!("到")]) {
                if let Some((b, e)) = self.anchor(self.sp(s)) {
                    expr = PeriodExpr::Range(a, inherit(&a, b));
                    end = self.lit(e, w!("止")).unwrap_or(e);
                }
            }
        }
        Some((expr, end))
    }

    /// `1-9月`, `2020至2025年`, `12-19日` after a month: a bare number, a separator, and a
    /// date whose first field the number shares.
    pub(super) fn bare_range(&self, i: usize) -> Option<(Anchor, Option<Anchor>, usize)> {
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
    pub(super) fn unit_follows(&self, e: usize) -> bool {
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
    pub(super) fn count_relative(&self, i: usize) -> Option<(PeriodExpr, usize)> {
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
    pub(super) fn relative_count(&self, i: usize) -> Option<(u32, TimeUnit, usize, bool)> {
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
    pub(super) fn look_back(&self, i: usize, out: &[PeriodMention]) -> Option<PeriodMention> {
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
            role: Role::Period,
        })
    }
}

/// The unit `k` units from the reference (`三年前` → the year 3 before).
pub(super) fn offset_anchor(unit: TimeUnit, k: i32) -> Option<Anchor> {
    let mut a = Anchor::EMPTY;
    match unit {
        TimeUnit::Year => a.year = Some(YearRef::Rel(i16::try_from(k).ok()?)),
        TimeUnit::Month => a.month = Some(MonthRef::Rel(i16::try_from(k).ok()?)),
        TimeUnit::Week => a.part = Part::WeekRel(i16::try_from(k).ok()?),
        TimeUnit::Day => a.day = Some(DayRef::Rel(k)),
    }
    Some(a)
}

/// Whether `b` comes right after `a` (`5月、6月`, `10号,11号`, `2020年和2021年`): a list
/// of consecutive units is one period, others are separate mentions.
pub(super) fn consecutive(a: &Anchor, b: &Anchor) -> bool {
    match (a.day, b.day, a.month, b.month, a.year, b.year) {
        (Some(DayRef::Abs(x)), Some(DayRef::Abs(y)), ..) => y == x + 1,
        (None, None, Some(MonthRef::Abs(x)), Some(MonthRef::Abs(y)), ..) => y == x + 1,
        (None, None, None, None, Some(YearRef::Abs(x)), Some(YearRef::Abs(y))) => {
            y == x + 1 && a.part == Part::Whole && b.part == Part::Whole
        }
        _ => false,
    }
}

/// Whether two anchors of a list name the same kind of unit (months with months).
pub(super) fn same_level(a: &Anchor, b: &Anchor) -> bool {
    let level = |x: &Anchor| {
        (
            x.day.is_some(),
            x.month.is_some(),
            std::mem::discriminant(&x.part),
        )
    };
    if b.year.is_some() && a.year.is_some() {
        return level(a) == level(b);
    }
    if b.year.is_some() {
        return false;
    }
    let (ad, am, _) = level(a);
    let (bd, bm, _) = level(b);
    if bd {
        return ad && (!bm || am);
    }
    if bm {
        return am && !ad;
    }
    matches!(
        (a.part, b.part),
        (Part::Quarters(..), Part::Quarters(..)) | (Part::Months(..), Part::Months(..))
    )
}

/// The right side of a range or list takes the fields it leaves out from the left
/// (`2021年1月至4月23日` → 2021-04-23, `10月1日至7日` → 10月7日).
pub(super) fn inherit(left: &Anchor, mut right: Anchor) -> Anchor {
    let relative_day = matches!(right.day, Some(DayRef::Rel(_) | DayRef::InForce(_)));
    let relative_month = matches!(right.month, Some(MonthRef::Rel(_) | MonthRef::InForce(_)));
    if relative_day
        || relative_month
        || matches!(
            right.part,
            Part::WeekRel(_) | Part::Weekday { .. } | Part::QuarterRel(_)
        )
    {
        return right;
    }
    if right.day.is_some() && right.month.is_none() {
        right.month = left.month;
    }
    if right.year.is_none() {
        right.year = left.year;
    }
    right
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &str) -> Vec<(String, Role)> {
        let c: Vec<char> = s.chars().collect();
        find_periods(&c)
            .iter()
            .map(|m| (m.text(&c), m.role))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        spans(s).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(
            texts("2021年9月24日,宁德市政府新闻办举行"),
            ["2021年9月24日"]
        );
        assert_eq!(texts("时间:2021-05-12"), ["2021-05-12"]);
        assert_eq!(texts("1月19日下午,詹少卿副局长带队"), ["1月19日下午"]);
        assert_eq!(texts("二〇二〇年全市"), ["二〇二〇年"]);
        assert_eq!(texts("24日上午"), ["24日上午"]);
    }

    #[test]
    fn ranges_and_lists() {
        assert_eq!(texts("从2021年1月至4月23日,共"), ["从2021年1月至4月23日"]);
        assert_eq!(texts("据统计,3月至4月期间,节目"), ["3月至4月期间"]);
        assert_eq!(texts("今年第一、第二季度海漂垃圾"), ["今年第一、第二季度"]);
        assert_eq!(texts("今年5月、6月,市委"), ["今年5月、6月"]);
        assert_eq!(texts("1-9月全市"), ["1-9月"]);
        assert_eq!(texts("10月1日至7日,全市"), ["10月1日至7日"]);
    }

    #[test]
    fn prefixes_and_suffixes() {
        assert_eq!(texts("截至9月底,共收集"), ["截至9月底"]);
        assert_eq!(texts("截至2020年底,办理"), ["截至2020年底"]);
        assert_eq!(texts("截止目前,我市"), ["截止目前"]);
        assert_eq!(texts("今年以来,共出动"), ["今年以来"]);
        assert_eq!(texts("今年年底前实现"), ["今年年底前"]);
        assert_eq!(
            texts("自4月15日“急难愁盼”服务咨询窗口设立以来,市行政"),
            ["自4月15日“急难愁盼”服务咨询窗口设立以来"]
        );
    }

    #[test]
    fn comparison_bases() {
        assert_eq!(
            spans("较去年同期增长五成"),
            [("较去年同期".to_string(), Role::Base)]
        );
        assert_eq!(spans("同比上升412%"), [("同比".to_string(), Role::Base)]);
        assert_eq!(
            spans("较上年下降1.23个百分点"),
            [("较上年".to_string(), Role::Base)]
        );
        assert_eq!(
            spans("较年初增加近2万户"),
            [("较年初".to_string(), Role::Base)]
        );
        assert_eq!(
            spans("与去年同期相比,"),
            [("与去年同期相比".to_string(), Role::Base)]
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            spans("每周六10:30至12:00播出"),
            [("10:30至12:00".to_string(), Role::Clock)]
        );
        assert_eq!(
            spans("上午8时许,"),
            [("上午8时许".to_string(), Role::Clock)]
        );
    }

    #[test]
    fn durations_and_quantities_are_not_periods() {
        for s in [
            "压缩项目审批时长普遍达2至6个月",
            "将用三年时间实现",
            "上岗仅8个月",
            "为期两天",
            "24小时不打烊",
            "压缩至1个工作日",
            "查处各类涉烟违法案件1300余宗",
            "12319城市管理服务热线",
            "软件园10号楼",
            "“7·18”仓储假烟、“8.07”跨省市",
            "三年内完成",
            "一是要认清形势,第一时间",
            "三次产业结构比为4.2:38.5:57.3",
            "《佛山市加快打造一流营商环境的行动方案(2021-2022)》",
            "改革开放40多年",
            "成立72周年",
        ] {
            assert_eq!(texts(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn named_and_event_periods() {
        assert_eq!(texts("在中高考期间,采取"), ["中高考期间"]);
        assert_eq!(
            texts("党史学习教育开展以来,市民政局"),
            ["党史学习教育开展以来"]
        );
        assert_eq!(texts("“十三五”期间,全市完成"), ["“十三五”期间"]);
        assert_eq!(texts("国庆假期期间,佛山"), ["国庆假期期间"]);
        assert_eq!(texts("节日期间,佛山"), ["节日期间"]);
        assert_eq!(texts("今年“五一”,"), ["今年“五一”"]);
        assert_eq!(texts("“十四五”规划"), Vec::<String>::new());
    }

    #[test]
    fn relative_spans() {
        assert_eq!(texts("十年来,全市"), ["十年来"]);
        assert_eq!(texts("近五年,全市"), ["近五年"]);
        assert_eq!(texts("最近两个月,南海区"), ["最近两个月"]);
        assert_eq!(texts("过去三年,"), ["过去三年"]);
        assert_eq!(texts("近年来,市直机关工委"), ["近年来"]);
    }

    #[test]
    fn context_follows_the_paragraph() {
        use crate::time::Context;
        let c: Vec<char> = "2020年末,贷款余额较2019年增长,全年新增1万户,7月底完成"
            .chars()
            .collect();
        let found = find_periods(&c);
        let mut ctx = Context::new(Some(jiff::civil::date(2021, 5, 1)));
        let mut resolved = Vec::new();
        for m in &found {
            resolved.push((m.text(&c), m.resolve(&ctx)));
            ctx.observe(m);
        }
        let d = |y, m, d| Some(jiff::civil::date(y, m, d));
        assert_eq!(
            resolved,
            [
                ("2020年末".to_string(), (None, d(2020, 12, 31))),
                ("较2019年".to_string(), (d(2019, 1, 1), d(2019, 12, 31))),
                ("全年".to_string(), (d(2020, 1, 1), d(2020, 12, 31))),
                ("7月底".to_string(), (None, d(2020, 7, 31))),
            ]
        );
    }

    #[test]
    fn dates_of_nouns() {
        let c: Vec<char> = "其中6月投入运营的人力资源服务产业园,引进23家"
            .chars()
            .collect();
        let m = find_periods(&c);
        assert!(only_dates_a_noun(&c, &m[0]));
        let c: Vec<char> = "2020年全市的生产总值为100亿元".chars().collect();
        let m = find_periods(&c);
        assert!(!only_dates_a_noun(&c, &m[0]));
        let c: Vec<char> = "6月,全市投入运营的项目12个".chars().collect();
        let m = find_periods(&c);
        assert!(!only_dates_a_noun(&c, &m[0]));
    }

    #[test]
    fn traditional_date_words_read_as_simplified() {
        let folded = |s: &str| -> Vec<(String, PeriodExpr, Role)> {
            let c: Vec<char> = s.chars().map(crate::fold).collect();
            find_periods(&c)
                .iter()
                .map(|m| (m.text(&c), m.expr, m.role))
                .collect()
        };
        for (traditional, simplified) in [
            ("這個月,全市", "这个月,全市"),
            ("當天下午", "当天下午"),
            ("下個禮拜三開會", "下个礼拜三开会"),
            ("從去年9月起,", "从去年9月起,"),
            ("農曆八月十五", "农历八月十五"),
            ("國慶節期間,", "国庆节期间,"),
            ("過兩天再說", "过两天再说"),
            ("與去年同期相比,", "与去年同期相比,"),
            ("今年以來,", "今年以来,"),
        ] {
            let t = folded(traditional);
            assert!(!t.is_empty(), "{traditional}");
            assert_eq!(t, folded(simplified), "{traditional}");
        }
    }

    #[test]
    fn numberish_chars() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = c.is_ascii_alphanumeric()
                || c == '.'
                || is_cn_numeral(c)
                || matches!(c, '个' | '多' | '余' | '几' | '半' | '第' | '每');
            assert_eq!(NUMBERISH.contains(c), expected, "{c}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "年",
            "月底",
            "至",
            "截至",
            "《",
            "》》",
            "2021年13月45日",
            "9999年",
            "第",
            "Q",
            "“",
            "比",
            "每",
            "周",
            "以来",
            "期间",
            "12:",
            "十",
            "十五",
            "初",
        ] {
            let _ = texts(s);
        }
    }
}
