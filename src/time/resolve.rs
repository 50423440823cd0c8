//! Resolving a [`PeriodExpr`] to first and last days against a [`Context`] (spec §4).
//!
//! All calendar arithmetic goes through `jiff::civil::Date` with checked operations; an
//! impossible date (`2月30日`, `2019年2月29日`) resolves to `(None, None)`.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::lexicon::{DayRule, LEXICON};
use super::lunar;
use super::{
    Anchor, Context, DayRef, Edge, MentionRole, MonthRef, Part, PeriodExpr, PeriodMention,
    TimeUnit, YearRef,
};

/// A resolved period: first and last days, either open.
type Bounds = (Option<Date>, Option<Date>);

/// An anchor's days: first, last, and whether only the last is meant (an end edge).
#[derive(Debug, Clone, Copy)]
struct Interval {
    first: Date,
    last: Date,
    open_start: bool,
}

fn date(y: i16, m: u8, d: u8) -> Option<Date> {
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn month_start(y: i16, m: u8) -> Option<Date> {
    date(y, m, 1)
}

fn month_end(y: i16, m: u8) -> Option<Date> {
    month_start(y, m).map(|d| d.last_of_month())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.months()).ok()
}

/// (year, month) moved by `k` months.
fn shift_month(y: i16, m: u8, k: i64) -> Option<(i16, u8)> {
    let d = add_months(month_start(y, m)?, k)?;
    Some((d.year(), u8::try_from(d.month()).ok()?))
}

fn monday_of(d: Date) -> Option<Date> {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    add_days(d, -back)
}

/// The first Monday on or after `d`.
fn first_monday_from(d: Date) -> Option<Date> {
    let ahead = (7 - i64::from(d.weekday().to_monday_zero_offset())) % 7;
    add_days(d, ahead)
}

fn weekday_of(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(i8::try_from(n).ok()?).ok()
}

/// The k-th `weekday` of a month.
fn nth_weekday(y: i16, m: u8, k: u8, weekday: u8) -> Option<Date> {
    let first = month_start(y, m)?;
    let wd = weekday_of(weekday)?;
    // k = 0 is the last such weekday.
    let nth = if k == 0 { -1 } else { i8::try_from(k).ok()? };
    first.nth_weekday_of_month(nth, wd).ok()
}

fn reference_year(ctx: &Context) -> Option<i16> {
    ctx.reference.map(|r| r.year())
}

fn year_in_force(ctx: &Context) -> Option<i16> {
    ctx.year
        .or(ctx.document_year)
        .or_else(|| reference_year(ctx))
}

fn resolve_year(y: Option<YearRef>, ctx: &Context) -> Option<i16> {
    match y {
        None => year_in_force(ctx),
        Some(YearRef::Abs(y)) => Some(y),
        Some(YearRef::TwoDigit(yy)) => {
            let yy = i16::from(yy);
            match reference_year(ctx) {
                Some(r) => {
                    let century = r.div_euclid(100) * 100;
                    let y = century + yy;
                    Some(if y > r + 10 { y - 100 } else { y })
                }
                None => Some(if yy < 50 { 2000 + yy } else { 1900 + yy }),
            }
        }
        Some(YearRef::Rel(k)) => reference_year(ctx)?.checked_add(k),
        Some(YearRef::InForce(k)) => year_in_force(ctx)?.checked_add(k),
    }
}

fn whole_year(y: i16) -> Option<(Date, Date)> {
    Some((date(y, 1, 1)?, date(y, 12, 31)?))
}

fn named_day(idx: u16, y: i16) -> Option<(Date, Date)> {
    let entry = LEXICON.named_list.get(usize::from(idx))?;
    let d = match entry.day? {
        DayRule::Fixed(m, d) => date(y, m, d)?,
        DayRule::Nth { month, k, weekday } => nth_weekday(y, month, k, weekday)?,
        // 腊八 of year Y is the one before the Spring Festival of Y.
        DayRule::Lunar { month, day } if month >= 11 => {
            lunar::lunar_date(y.checked_sub(1)?, month, false, day)?
        }
        DayRule::Lunar { month, day } => lunar::lunar_date(y, month, false, day)?,
        DayRule::Eve => lunar::spring_festival(y)?.yesterday().ok()?,
        DayRule::Term(deg) => lunar::solar_term(y, deg)?,
    };
    Some((d, d))
}

fn named_holiday(idx: u16, y: i16) -> Option<(Date, Date)> {
    let entry = LEXICON.named_list.get(usize::from(idx))?;
    // A year the State Council set apart (春节 2024: 初一 to 初八) wins over the rule.
    if let Some(rule) = entry
        .holidays
        .iter()
        .rev()
        .find(|h| h.years.is_some_and(|(a, b)| (a..=b).contains(&y)))
    {
        return Some((
            date(y, rule.from.0, rule.from.1)?,
            date(y, rule.to.0, rule.to.1)?,
        ));
    }
    if let Some((before, after)) = entry.lunar_holiday {
        let (d, _) = named_day(idx, y)?;
        return Some((
            add_days(d, i64::from(before))?,
            add_days(d, i64::from(after))?,
        ));
    }
    let rule = entry.holidays.iter().rev().find(|h| h.years.is_none())?;
    Some((
        date(y, rule.from.0, rule.from.1)?,
        date(y, rule.to.0, rule.to.1)?,
    ))
}

/// Moves a date to another year, keeping month and day (29 February to the 28th).
fn with_year(d: Date, y: i16) -> Option<Date> {
    let m = u8::try_from(d.month()).ok()?;
    let day = d.day().min(month_end(y, m)?.day());
    date(y, m, u8::try_from(day).ok()?)
}

fn interval(a: &Anchor, ctx: &Context) -> Option<Interval> {
    let (first, last) = days(a, ctx)?;
    let mut iv = Interval {
        first,
        last,
        open_start: false,
    };
    match a.edge {
        Some(Edge::Start) => iv.last = iv.first,
        Some(Edge::End) => {
            iv.first = iv.last;
            iv.open_start = true;
        }
        None => {}
    }
    Some(iv)
}

/// An anchor's first and last days, before any edge.
fn days(a: &Anchor, ctx: &Context) -> Option<(Date, Date)> {
    // Days relative to the reference or to the day in force.
    match a.day {
        Some(DayRef::Rel(k)) => {
            let d = add_days(ctx.reference?, i64::from(k))?;
            return Some((d, d));
        }
        Some(DayRef::InForce(k)) => {
            let d = add_days(ctx.day.or(ctx.reference)?, i64::from(k))?;
            return Some((d, d));
        }
        _ => {}
    }
    // Weeks relative to the reference week.
    match a.part {
        Part::WeekRel(k) => {
            let mon = add_days(monday_of(ctx.reference?)?, 7 * i64::from(k))?;
            return Some((mon, add_days(mon, 6)?));
        }
        Part::Weekday { week, weekday } => {
            let mon = add_days(monday_of(ctx.reference?)?, 7 * i64::from(week))?;
            let d = add_days(mon, i64::from(weekday) - 1)?;
            return Some((d, d));
        }
        Part::Weekend(k) => {
            let mon = add_days(monday_of(ctx.reference?)?, 7 * i64::from(k))?;
            return Some((add_days(mon, 5)?, add_days(mon, 6)?));
        }
        Part::HalfWeek(h) => {
            let mon = monday_of(ctx.reference?)?;
            return Some(if h == 1 {
                (mon, add_days(mon, 2)?)
            } else {
                (add_days(mon, 3)?, add_days(mon, 6)?)
            });
        }
        Part::QuarterRel(k) => {
            let r = ctx.reference?;
            let q0 = (i64::from(r.month()) - 1) / 3;
            let start = add_months(month_start(r.year(), 1)?, 3 * (q0 + i64::from(k)))?;
            let end = add_days(add_months(start, 3)?, -1)?;
            return Some((start, end));
        }
        Part::Lunar { month, leap, day } => {
            let y = resolve_year(a.year, ctx)?;
            if day == 0 {
                return lunar::lunar_month(y, month, leap);
            }
            let d = lunar::lunar_date(y, month, leap, day)?;
            return Some((d, d));
        }
        _ => {}
    }
    // The month, which may carry its own year (`上个月`).
    let (y, m) = match a.month {
        Some(MonthRef::Abs(m)) => (resolve_year(a.year, ctx)?, Some(m)),
        Some(MonthRef::Rel(k)) => {
            let r = ctx.reference?;
            let (y, m) = shift_month(r.year(), u8::try_from(r.month()).ok()?, i64::from(k))?;
            (y, Some(m))
        }
        Some(MonthRef::InForce(k)) => {
            let (y, m) = match (ctx.month, a.year) {
                (Some(m), None) => (year_in_force(ctx)?, u8::try_from(m).ok()?),
                (Some(m), Some(_)) => (resolve_year(a.year, ctx)?, u8::try_from(m).ok()?),
                (None, _) => {
                    let r = ctx.reference?;
                    (r.year(), u8::try_from(r.month()).ok()?)
                }
            };
            let (y, m) = shift_month(y, m, i64::from(k))?;
            (y, Some(m))
        }
        None => match a.day {
            Some(DayRef::Abs(d)) => return day_without_month(d, a, ctx),
            _ => (resolve_year(a.year, ctx)?, None),
        },
    };
    if let Some(m) = m {
        if let Some(DayRef::Abs(d)) = a.day {
            let d = date(y, m, d)?;
            return Some((d, d));
        }
        let start = month_start(y, m)?;
        let end = start.last_of_month();
        return match a.part {
            Part::Whole | Part::SamePeriod => Some((start, end)),
            Part::Half(1) => Some((start, date(y, m, 15)?)),
            Part::Half(_) => Some((date(y, m, 16)?, end)),
            Part::Tenth(1) => Some((start, date(y, m, 10)?)),
            Part::Tenth(2) => Some((date(y, m, 11)?, date(y, m, 20)?)),
            Part::Tenth(_) => Some((date(y, m, 21)?, end)),
            Part::Weeks(k, l) => weeks(start, end, k, l),
            Part::LastWeeks(n) => last_weeks(start, end, n),
            Part::NthWeekday(k, wd) => {
                let d = nth_weekday(y, m, k, wd)?;
                Some((d, d))
            }
            Part::FirstDays(n) => first_days(start, end, n),
            Part::LastDays(n) => last_days(start, end, n),
            _ => None,
        };
    }
    // Year level.
    let (ys, ye) = whole_year(y)?;
    match a.part {
        Part::Whole => Some((ys, ye)),
        Part::Half(1) => Some((ys, date(y, 6, 30)?)),
        Part::Half(_) => Some((date(y, 7, 1)?, ye)),
        Part::Quarters(q1, q2) => {
            if !(1..=4).contains(&q1) || !(q1..=4).contains(&q2) {
                return None;
            }
            Some((month_start(y, 3 * q1 - 2)?, month_end(y, 3 * q2)?))
        }
        Part::Months(m1, m2) => {
            if !(1..=12).contains(&m1) || !(m1..=12).contains(&m2) {
                return None;
            }
            Some((month_start(y, m1)?, month_end(y, m2)?))
        }
        Part::Weeks(k, l) => weeks(ys, ye, k, l),
        Part::LastWeeks(n) => last_weeks(ys, ye, n),
        Part::FirstDays(n) => first_days(ys, ye, n),
        Part::LastDays(n) => last_days(ys, ye, n),
        Part::HalfRel(k) => {
            let r = ctx.reference?;
            let h0 = i64::from(r.month() > 6);
            let start = add_months(date(r.year(), 1, 1)?, 6 * (h0 + i64::from(k)))?;
            Some((start, add_days(add_months(start, 6)?, -1)?))
        }
        Part::DayOfYear(n) => {
            let d = add_days(ys, i64::from(n) - 1)?;
            (d.year() == y).then_some((d, d))
        }
        Part::Years(n) => {
            let last = y.checked_add(i16::try_from(n).ok()?)?.checked_sub(1)?;
            Some((ys, date(last, 12, 31)?))
        }
        Part::Named(idx) => named_day(idx, y),
        Part::Holiday(idx) => named_holiday(idx, y),
        Part::SamePeriod => {
            // The period in force, moved to this year; `去年同期` with nothing in force
            // is the stretch of last year up to the reference's day.
            let (s, e) = match ctx.period {
                Some((s, Some(e))) => (s.unwrap_or(date(e.year(), 1, 1)?), e),
                _ => (date(ctx.reference?.year(), 1, 1)?, ctx.reference?),
            };
            let shift = y.checked_sub(e.year())?;
            let s = with_year(s, s.year().checked_add(shift)?)?;
            Some((s, with_year(e, y)?))
        }
        _ => None,
    }
}

/// Weeks `k..=l` counted from the first Monday on or after `start`, within `start..=end`.
fn weeks(start: Date, end: Date, k: u8, l: u8) -> Option<(Date, Date)> {
    if k == 0 || l < k {
        return None;
    }
    let mon = first_monday_from(start)?;
    let first = add_days(mon, 7 * (i64::from(k) - 1))?;
    let last = add_days(mon, 7 * i64::from(l) - 1)?;
    (first <= end).then_some((first, last))
}

/// The last `n` full weeks ending on the last Sunday on or before `end`.
fn last_weeks(start: Date, end: Date, n: u8) -> Option<(Date, Date)> {
    let back = (i64::from(end.weekday().to_monday_zero_offset()) + 1) % 7;
    let sunday = add_days(end, -back)?;
    let first = add_days(sunday, 1 - 7 * i64::from(n))?;
    (n > 0 && first >= start).then_some((first, sunday))
}

fn first_days(start: Date, end: Date, n: u16) -> Option<(Date, Date)> {
    let last = add_days(start, i64::from(n) - 1)?;
    (n > 0 && last <= end).then_some((start, last))
}

fn last_days(start: Date, end: Date, n: u16) -> Option<(Date, Date)> {
    let first = add_days(end, 1 - i64::from(n))?;
    (n > 0 && first >= start).then_some((first, end))
}

/// `24日` with no month: the month in force, else the latest such day on or before the
/// reference date.
fn day_without_month(d: u8, a: &Anchor, ctx: &Context) -> Option<(Date, Date)> {
    if let Some(m) = ctx.month {
        let y = resolve_year(a.year, ctx)?;
        let day = date(y, u8::try_from(m).ok()?, d)?;
        return Some((day, day));
    }
    let r = ctx.reference?;
    let (mut y, mut m) = (r.year(), u8::try_from(r.month()).ok()?);
    for _ in 0..13 {
        if let Some(day) = date(y, m, d)
            && day <= r
        {
            return Some((day, day));
        }
        (y, m) = shift_month(y, m, -1)?;
    }
    None
}

impl PeriodExpr {
    /// The first and last days against `ctx`; `None` is an open or unknown end.
    pub fn resolve(&self, ctx: &Context) -> (Option<Date>, Option<Date>) {
        self.try_resolve(ctx).unwrap_or((None, None))
    }

    fn try_resolve(&self, ctx: &Context) -> Option<Bounds> {
        Some(match *self {
            PeriodExpr::At(a) => {
                let iv = interval(&a, ctx)?;
                if iv.open_start {
                    (None, Some(iv.last))
                } else {
                    (Some(iv.first), Some(iv.last))
                }
            }
            PeriodExpr::Range(a, b) => {
                let l = interval(&a, ctx)?;
                let mut r = interval(&b, ctx)?;
                if r.last < l.first {
                    // `8月至2月`: the end is in the next year; `28日至3日`, in the next month.
                    let shifted = match (b.year, b.month, b.day) {
                        (_, None, Some(DayRef::Abs(_))) => {
                            let next = add_months(
                                month_start(l.first.year(), u8::try_from(l.first.month()).ok()?)?,
                                1,
                            )?;
                            Anchor {
                                year: Some(YearRef::Abs(next.year())),
                                month: Some(MonthRef::Abs(u8::try_from(next.month()).ok()?)),
                                ..b
                            }
                        }
                        (None, Some(MonthRef::Abs(_)), _) => Anchor {
                            year: Some(YearRef::Abs(l.first.year().checked_add(1)?)),
                            ..b
                        },
                        _ => return None,
                    };
                    r = interval(&shifted, ctx)?;
                    if r.last < l.first {
                        return None;
                    }
                }
                let first = if l.open_start { None } else { Some(l.first) };
                (first, Some(r.last))
            }
            PeriodExpr::Until(a) | PeriodExpr::Before(a) => (None, Some(interval(&a, ctx)?.last)),
            PeriodExpr::Since(a) => {
                let iv = interval(&a, ctx)?;
                let end = ctx.reference.filter(|&r| r >= iv.first);
                (Some(iv.first), end)
            }
            PeriodExpr::From(a) => (Some(interval(&a, ctx)?.first), None),
            PeriodExpr::After(a) => (Some(add_days(interval(&a, ctx)?.last, 1)?), None),
            PeriodExpr::Recent(n, unit) => {
                let r = ctx.reference?;
                let n = i64::from(n);
                let start = match unit {
                    TimeUnit::Year => date(r.year().checked_sub(i16::try_from(n).ok()?)?, 1, 1)?,
                    TimeUnit::Month => add_months(r, -n)?,
                    TimeUnit::Week => add_days(r, -7 * n)?,
                    TimeUnit::Day => add_days(r, -n)?,
                };
                (Some(start), Some(r))
            }
            PeriodExpr::Next(n, unit) => {
                let r = ctx.reference?;
                let n = i64::from(n);
                let end = match unit {
                    TimeUnit::Year => r.checked_add(n.years()).ok()?,
                    TimeUnit::Month => add_months(r, n)?,
                    TimeUnit::Week => add_days(r, 7 * n)?,
                    TimeUnit::Day => add_days(r, n)?,
                };
                (Some(r), Some(add_days(end, -1)?))
            }
            PeriodExpr::Now | PeriodExpr::SinceEvent => (None, Some(ctx.reference?)),
            PeriodExpr::InForce => ctx.period?,
            PeriodExpr::Holiday => {
                let (s, e) = ctx.holiday?;
                (Some(s), Some(e))
            }
            PeriodExpr::LastYear => {
                let (s, e) = ctx.period?;
                let back = |d: Date| with_year(d, d.year().checked_sub(1)?);
                (s.and_then(back), e.and_then(back))
            }
            PeriodExpr::Named | PeriodExpr::Previous | PeriodExpr::Clock => return None,
        })
    }
}

/// The year a mention states outright, if any (for the year in force).
fn stated_year(expr: &PeriodExpr) -> Option<YearRef> {
    let a = match expr {
        PeriodExpr::At(a)
        | PeriodExpr::Until(a)
        | PeriodExpr::Before(a)
        | PeriodExpr::Since(a)
        | PeriodExpr::From(a)
        | PeriodExpr::After(a) => a,
        PeriodExpr::Range(_, b) => b,
        _ => return None,
    };
    match (a.year, a.part) {
        (_, Part::Years(_)) => None,
        (Some(y), _) => Some(y),
        _ => None,
    }
}

fn anchors(expr: &PeriodExpr) -> impl Iterator<Item = &Anchor> {
    let (a, b) = match expr {
        PeriodExpr::At(a)
        | PeriodExpr::Until(a)
        | PeriodExpr::Before(a)
        | PeriodExpr::Since(a)
        | PeriodExpr::From(a)
        | PeriodExpr::After(a) => (Some(a), None),
        PeriodExpr::Range(a, b) => (Some(a), Some(b)),
        _ => (None, None),
    };
    a.into_iter().chain(b)
}

/// Puts in force what `m` names; `resolved` is `m` resolved against `ctx` as it is.
pub(super) fn observe(ctx: &mut Context, m: &PeriodMention, resolved: Bounds) {
    // A clock time puts nothing in force, and neither does a comparison base (`较2019年`
    // does not make 2019 the year of what follows).
    if m.role != MentionRole::Period {
        return;
    }
    let (start, end) = resolved;
    if start.is_some() || end.is_some() {
        ctx.period = Some((start, end));
    }
    // In a document about one year (its title names it), a year told relative to the
    // date (`由上年的12.3%调整为12.1%`) dates its own figures only: `全年` and `年末` after it
    // are still the document's year.
    let relative = matches!(stated_year(&m.expr), Some(YearRef::Rel(_)));
    if let Some(y) = stated_year(&m.expr)
        && !(relative && ctx.document_year.is_some())
        && let Some(y) = resolve_year(Some(y), ctx)
    {
        ctx.year = Some(y);
        ctx.month = None;
    }
    // The last year told from a date in the first half of the next (`过去一年`, `一年来` in a
    // work review of March) is mostly the year before: `全年` after it is that year.
    if let PeriodExpr::Recent(1, TimeUnit::Year) = m.expr
        && ctx.document_year.is_none()
        && let Some(r) = ctx.reference
        && r.month() <= 6
    {
        ctx.year = Some(r.year() - 1);
        ctx.month = None;
    }
    // The month and day the mention ends in.
    if let Some(last) = anchors(&m.expr).last() {
        let explicit_month = matches!(last.month, Some(MonthRef::Abs(_)));
        if explicit_month && let Some(e) = end.or(start) {
            ctx.month = Some(e.month());
            if last.year.is_some() {
                ctx.year = Some(e.year());
            }
        }
        if matches!(last.day, Some(DayRef::Abs(_))) {
            ctx.day = end.or(start);
        }
        for a in anchors(&m.expr) {
            match a.part {
                Part::Holiday(idx) | Part::Named(idx) => {
                    let y = resolve_year(a.year, ctx);
                    ctx.holiday = y.and_then(|y| named_holiday(idx, y));
                }
                _ => {}
            }
        }
    }
}
