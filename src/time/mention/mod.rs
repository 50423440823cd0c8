//! Finding date, period and clock-time mentions: one left-to-right scan that skips every
//! char outside the trigger set (digits, Chinese numerals, the first chars of the time
//! words) with one bitmap test, and at a trigger tries the forms that can start there.
//!
//! Every form is a bounded look-ahead from its first char (a few look-backs, for `…以来`
//! and `…期间`, are bounded too), so the scan is linear in the text.

mod period;
mod prefixed;
pub(crate) mod scan;
#[cfg(test)]
mod tests;

pub(crate) use scan::Scan;

use super::lexicon::{LEXICON, Lexicon};
use super::numeral::is_cn_numeral;
use super::{
    Anchor, DayRef, MentionRole, MonthRef, Part, PeriodExpr, PeriodMention, TimeUnit, YearRef,
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
                if !ahead && !nth_month_of_a_run(chars, &m) {
                    let mut m = coordinated_base(chars, out.last(), m);
                    if is_post_timestamp(chars, m.start, m.end) {
                        m.role = MentionRole::Clock;
                    }
                    out.push(same_period_of_another_year(m));
                }
            }
            Step::Skip(j) => i = j.max(i + 1),
        }
    }
}

/// Whether a date from `start` to `end` is a post's timestamp: after the post's text on
/// its line, with a clock time after it and nothing but digits, colons, spaces and `|` to
/// the line's end (`杨薇: …增长7.4%。 2021-07-28 14:34:50 |`, an online interview's posts).
/// A date alone on its line or after a label (`发布时间：2021年5月12日 10:00`) dates the page.
fn is_post_timestamp(chars: &[char], start: usize, end: usize) -> bool {
    let before = chars[..start]
        .iter()
        .rev()
        .find(|c| **c != ' ' && **c != '\u{3000}');
    if before.is_none_or(|c| matches!(c, '\n' | ':' | '：')) {
        return false;
    }
    let rest = chars.get(end..).unwrap_or(&[]);
    // The clock right after the date first (most dates have none), then the line's end.
    let space = rest
        .iter()
        .take_while(|c| **c == ' ' || **c == '\u{3000}')
        .count();
    let digits = rest[space..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) || !matches!(rest.get(space + digits), Some(':' | '：')) {
        return false;
    }
    rest.iter()
        .take_while(|&&c| c != '\n')
        .all(|&c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, ':' | '：' | '|'))
}

/// Whether `m` is `第N个月`: the Nth month of a run (`连续第3个月保持正增长`), counted, not a
/// month of the calendar (which is `N月`, with no `个`).
fn nth_month_of_a_run(chars: &[char], m: &PeriodMention) -> bool {
    chars.get(m.start) == Some(&'第')
        && chars
            .get(m.start..m.end)
            .is_some_and(|t| t.ends_with(&['个', '月']))
}

/// `m` as a comparison's reference when it is joined to the one before by 和, 及, 与 or 、
/// (`较1—9月份和上年同期提高0.1和1.2个百分点`): both are what the figures are compared with;
/// and when it follows 同比 or 环比 right away (`同比2019年增长2.3%`).
fn coordinated_base(
    chars: &[char],
    prev: Option<&PeriodMention>,
    mut m: PeriodMention,
) -> PeriodMention {
    // `同比2019年增长`: the period right after 同比 or 环比 is what the figures are
    // compared with.
    if prev.is_some_and(|p| {
        p.end == m.start && matches!(p.expr, PeriodExpr::LastYear | PeriodExpr::Previous)
    }) {
        m.role = MentionRole::Base;
        return m;
    }
    if let Some(p) = prev.filter(|p| p.role == MentionRole::Base && p.end < m.start) {
        let mut between = chars[p.end..m.start].iter().filter(|c| !c.is_whitespace());
        let joined = matches!(
            (between.next(), between.next(), between.next()),
            (Some('和' | '及' | '与' | '、'), None, _) | (Some('以'), Some('及'), None)
        );
        if joined {
            m.role = MentionRole::Base;
        }
    }
    m
}

/// `m` as a comparison's reference when it is the same stretch of another year
/// (`2019年同期`, `上年同期`): a period the figures are set against (`恢复至2019年同期的89.8%`),
/// never their own, whatever word introduces it.
fn same_period_of_another_year(mut m: PeriodMention) -> PeriodMention {
    if let PeriodExpr::At(a) = &m.expr
        && a.part == Part::SamePeriod
        && matches!(
            a.year,
            Some(YearRef::Abs(_) | YearRef::TwoDigit(_))
                | Some(YearRef::Rel(1..) | YearRef::Rel(..=-1))
        )
    {
        m.role = MentionRole::Base;
    }
    m
}

/// Whether `m` only dates a noun: a date, an event verb and `的` before a noun
/// (`6月投入运营的人力资源服务产业园`). Such a date is not the period of the claims about
/// the noun (spec §4).
pub fn only_dates_a_noun(chars: &[char], m: &PeriodMention) -> bool {
    if m.role != MentionRole::Period || !matches!(m.expr, PeriodExpr::At(_)) {
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
        .any(|j| lx.plan_nouns.longest_at(chars, j, |_| true).is_some());
    // Or a target's amount stands between the period and the plan noun (`完成全年1100万人
    // 目标任务的27%`): the period is the plan's.
    let plan = plan || {
        let digits = (m.end..)
            .take_while(|&j| {
                chars
                    .get(j)
                    .is_some_and(|&c| c.is_ascii_digit() || c == '.' || is_cn_numeral(c))
            })
            .count();
        digits > 0
            && (m.end + digits..m.end + digits + 4)
                .take_while(|&j| chars.get(j).is_some_and(|&c| han(c) || is_cn_numeral(c)))
                .any(|j| lx.plan_nouns.longest_at(chars, j, |_| true).is_some())
    };
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
        if let Some((_, e)) = lx.event_verbs.longest_at(chars, j, |_| true) {
            verb = true;
            j = e;
        } else {
            j += 1;
        }
    }
    false
}

pub(crate) enum Step {
    Found(PeriodMention),
    Skip(usize),
}

/// Chars that end a clause: a look-back or look-ahead never crosses them.
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '。' | ';' | '；' | ':' | '：' | '!' | '！' | '?' | '？' | '\n' | '\r' | '、'
    )
}

pub(crate) fn is_punct_or_space(c: char) -> bool {
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
pub(crate) const RANGE_SEPS: [&[char]; 8] = [
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
pub(crate) const HOLIDAY_WORDS: [&[char]; 15] = [
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
pub(crate) const NOT_BEFORE_AFTER: &[char] =
    w!("往进来去夕列沿线行期景提面身台续勤备方盾劲者遗排头端");

/// The chars [`Scan::prev_is_numberish`] looks for, as one bitset.
static NUMBERISH: CharBits = CharBits::of(concat!(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.",
    "〇零一二两俩三仨四五六七八九十百千廿卅",
    "个多余几半第每"
));

/// The unit `k` units from the reference (`三年前` → the year 3 before).
pub(crate) fn offset_anchor(unit: TimeUnit, k: i32) -> Option<Anchor> {
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
pub(crate) fn consecutive(a: &Anchor, b: &Anchor) -> bool {
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
pub(crate) fn same_level(a: &Anchor, b: &Anchor) -> bool {
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
pub(crate) fn inherit(left: &Anchor, mut right: Anchor) -> Anchor {
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
