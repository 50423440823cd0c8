//! Dates and periods: finding their mentions in normalized text, resolving them against a
//! reference date, and inferring a document's own date.
//!
//! The stage works on the chars of [`normalize`](crate::normalize)d text (full-width digits
//! and colons already half-width, Traditional numerals Simplified). [`find_periods`] is one
//! linear scan that only does work at digits, Chinese numerals and a few trigger chars.
//! Each [`PeriodMention`] carries a [`PeriodExpr`], an unresolved description such as "the
//! end of September of the year in force", and a [`MentionRole`]. [`PeriodMention::resolve`] turns
//! it into first and last days (either may be open) against a [`Context`] that holds the
//! reference date and what is in force at that point of the text (spec §4). The library
//! never reads the clock: without a reference date, relative expressions resolve to
//! `(None, None)`.
//!
//! ```
//! use press_stats::time::{find_periods, Context};
//! use press_stats::Date;
//!
//! let text: Vec<char> = "截至9月底,全市累计完成11.31万亩。".chars().collect();
//! let found = find_periods(&text);
//! let ctx = Context::new(Some(Date::constant(2021, 10, 26)));
//! assert_eq!(found[0].resolve(&ctx), (None, Some(Date::constant(2021, 9, 30))));
//! ```

/// The chars of a string literal as a `&'static [char]`, decoded at compile time, so that
/// the scanner compares chars without decoding UTF-8 at run time.
macro_rules! w {
    ($s:literal) => {{
        const W: &[char] = &$crate::time::literal_chars::<{ $crate::time::literal_len($s) }>($s);
        W
    }};
}

mod anchor;
mod clock;
mod docdate;
mod lexicon;
mod lunar;
mod mention;
mod numeral;
mod resolve;

use jiff::civil::Date;

pub use docdate::{
    document_date, document_date_chars, document_date_with, is_reporting_period, title_year,
};
pub use mention::{find_periods, find_periods_into, only_dates_a_noun};

/// The number of chars of `s` (for [`w!`]).
pub(crate) const fn literal_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        // Count every byte that does not continue a UTF-8 sequence.
        if b[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The chars of `s`, `N` of them (for [`w!`]; evaluated at compile time only).
pub(crate) const fn literal_chars<const N: usize>(s: &str) -> [char; N] {
    let b = s.as_bytes();
    let mut out = ['\0'; N];
    let mut i = 0;
    let mut k = 0;
    while i < b.len() && k < N {
        let x = b[i] as u32;
        let (len, first) = if x < 0x80 {
            (1, x)
        } else if x < 0xE0 {
            (2, x & 0x1F)
        } else if x < 0xF0 {
            (3, x & 0x0F)
        } else {
            (4, x & 0x07)
        };
        let mut cp = first;
        let mut j = 1;
        while j < len && i + j < b.len() {
            cp = (cp << 6) | (b[i + j] as u32 & 0x3F);
            j += 1;
        }
        out[k] = match char::from_u32(cp) {
            Some(c) => c,
            None => '\u{FFFD}',
        };
        k += 1;
        i += len;
    }
    out
}

/// What a mention does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionRole {
    /// A date or period a claim can refer to.
    Period,
    /// The reference of a comparison (`比去年同期`, `较上年`, `同比`, `较年初`): never the
    /// claim's own period.
    Base,
    /// A clock time or time range (`10:30至12:00`, `8时许`): not a period.
    Clock,
}

/// Which year an [`Anchor`] lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YearRef {
    /// A year written in full (`2021年`, `二〇二〇年`).
    Abs(i16),
    /// A two-digit year (`08年`, `98年4月`), put in the century that brings it nearest the
    /// reference year (no later than ten years after it).
    TwoDigit(u8),
    /// Relative to the reference year: `今年` 0, `去年`/`上年` -1, `明年` 1, `三年前` -3.
    Rel(i16),
    /// Relative to the year in force: `当年`/`同年` 0, `次年` 1.
    InForce(i16),
}

/// Which month an [`Anchor`] lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthRef {
    /// A month of the anchor's year (1 to 12).
    Abs(u8),
    /// Relative to the reference month: `本月` 0, `上月` -1, `下个月` 1.
    Rel(i16),
    /// Relative to the month in force: `当月`/`同月` 0, `次月` 1.
    InForce(i16),
}

/// Which day an [`Anchor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayRef {
    /// A day of the anchor's month (1 to 31).
    Abs(u8),
    /// Relative to the reference date: `今天` 0, `昨天` -1, `5天前` -5.
    Rel(i32),
    /// Relative to the day in force: `当天`/`当日` 0, `次日` 1.
    InForce(i32),
}

/// The part of a year or month an [`Anchor`] selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The whole year, month or day.
    Whole,
    /// Half 1 (`上半年`) or 2 (`下半年`) of the year, or of the month (`上半月`).
    Half(u8),
    /// Quarters `first..=last` of the year (`一季度` 1..=1, `前三季度` 1..=3).
    Quarters(u8, u8),
    /// Quarters relative to the reference quarter (`上季度` -1, `本季度` 0).
    QuarterRel(i16),
    /// Months `first..=last` of the year (`前五个月` 1..=5, `后三个月` 10..=12).
    Months(u8, u8),
    /// The first (`上旬`, days 1-10), second (`中旬`, 11-20) or last (`下旬`, 21-end)
    /// ten days of the month.
    Tenth(u8),
    /// Weeks `first..=last` (Monday to Sunday), counted from the first Monday of the month
    /// or year (`3月第三周` 3..=3, `2021年的前2周` 1..=2).
    Weeks(u8, u8),
    /// The last n full weeks of the year or month (`今年的最后3周`).
    LastWeeks(u8),
    /// The weekend (Saturday and Sunday) of the week relative to the reference week
    /// (`周末` 0, `下下周末` 2).
    Weekend(i16),
    /// The first (Monday to Wednesday) or second (Thursday to Sunday) half of the
    /// reference week (`上半周`, `下半周`).
    HalfWeek(u8),
    /// The half-year relative to the reference half (`上个半年` -1).
    HalfRel(i16),
    /// The week relative to the reference week (`上周` -1, `本周` 0, `下周` 1).
    WeekRel(i16),
    /// A weekday (1 = Monday .. 7 = Sunday) of the week relative to the reference week.
    Weekday {
        /// Week offset (`上周三` -1).
        week: i16,
        /// 1 = Monday .. 7 = Sunday.
        weekday: u8,
    },
    /// The k-th given weekday (1 = Monday .. 7 = Sunday) of the month, k = 0 for the last
    /// (`6月第3个星期日`, `四月的最后一个星期一`).
    NthWeekday(u8, u8),
    /// The first n days of the month or year (`4月前4天`, `去年的前10天`).
    FirstDays(u16),
    /// The last n days of the month or year (`上月最后五天`).
    LastDays(u16),
    /// The n-th day of the year (`2025年第一天`).
    DayOfYear(u16),
    /// A run of years starting at the anchor's year (`80年代` 10, `18世纪` 100,
    /// `“十三五”` 5).
    Years(u16),
    /// A named day of the period table (`元旦`, `国庆节`, `今年“五一”`), by index.
    Named(u16),
    /// The holiday period of a named period (`国庆假期`, `国庆期间`), by index.
    Holiday(u16),
    /// A date or month of the lunar calendar (`农历八月十五`, `正月初一`, `闰四月`) in the
    /// lunar year of the anchor's year; day 0 is the whole month.
    Lunar {
        /// The lunar month, 1 to 12.
        month: u8,
        /// Whether it is the leap month of that number.
        leap: bool,
        /// The day of the month, 1 to 30, or 0 for the whole month.
        day: u8,
    },
    /// The same stretch as the period in force, moved to the anchor's year (`去年同期`).
    SamePeriod,
}

/// An edge of an anchor's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Its first day (`年初`, `月初`, `伊始`).
    Start,
    /// Its last day, with an open start (`年底`, `9月底`, `2020年末`).
    End,
}

/// A calendar period described by its parts, each possibly relative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Anchor {
    /// The year; `None` takes the year in force (or the reference year).
    pub year: Option<YearRef>,
    /// The month, if the anchor is within one.
    pub month: Option<MonthRef>,
    /// The day, if the anchor is one day.
    pub day: Option<DayRef>,
    /// The part of the year or month.
    pub part: Part,
    /// An edge of the period, if only its start or end is meant.
    pub edge: Option<Edge>,
}

impl Anchor {
    /// An anchor with no field set: the year in force.
    pub const EMPTY: Anchor = Anchor {
        year: None,
        month: None,
        day: None,
        part: Part::Whole,
        edge: None,
    };
}

/// A time unit of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Years.
    Year,
    /// Months.
    Month,
    /// Weeks.
    Week,
    /// Days.
    Day,
}

/// What a mention says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodExpr {
    /// The anchor's period (`2021年9月24日`, `上半年`, `去年`); an [`Edge::End`] anchor
    /// has an open start (`2020年末` → `(None, 2020-12-31)`).
    At(Anchor),
    /// From the first day of one anchor to the last day of another (`3月至4月`,
    /// `从2021年1月至4月23日`, `第一、第二季度`).
    Range(Anchor, Anchor),
    /// Up to the anchor's last day, open start (`截至9月底`, `至9月15日`).
    Until(Anchor),
    /// A deadline: up to the anchor's last day, open start (`年底前`, `2025年前`).
    Before(Anchor),
    /// From the anchor's first day to the reference date, or open when the start is after
    /// the reference or there is none (`今年以来`, `自4月15日…以来`, `从去年9月起`).
    Since(Anchor),
    /// From the anchor's first day, open end (`2019年8月6日或之后`, `20天以后`).
    From(Anchor),
    /// From the day after the anchor, open end (`2018年之后`).
    After(Anchor),
    /// The next n units from the reference date (`未来两个月`, `今后五年`).
    Next(u16, TimeUnit),
    /// The last n units up to the reference date: years from 1 January of the year n
    /// years before (`十年来`, `近五年`), months, weeks and days exactly (`最近两个月`).
    Recent(u16, TimeUnit),
    /// Up to the reference date, open start (`目前`, `截至目前`, `近日`, `眼下`, `近年来`).
    Now,
    /// Since an event the text names without a date, up to the reference date
    /// (`党史学习教育开展以来`).
    SinceEvent,
    /// The period in force (`此期间`, `同期` as a comparison base).
    InForce,
    /// The holiday in force (`节日期间`, `假期期间`).
    Holiday,
    /// A named period without calendar dates (`中高考期间`, `春节期间`): resolves to
    /// `(None, None)`, the text is kept.
    Named,
    /// A comparison with the same period of the previous year (`同比`).
    LastYear,
    /// A comparison with the previous period (`环比`).
    Previous,
    /// A clock time or time range: not a period.
    Clock,
}

/// One date, period or clock-time mention in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodMention {
    /// First char of the mention (offset into the scanned chars).
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// What it says.
    pub expr: PeriodExpr,
    /// What it does in the sentence.
    pub role: MentionRole,
}

impl PeriodMention {
    /// The mention's text.
    pub fn text(&self, chars: &[char]) -> String {
        chars
            .get(self.start..self.end)
            .unwrap_or(&[])
            .iter()
            .collect()
    }

    /// The first and last days of the mention against `ctx`; `None` is an open or unknown
    /// end (spec §4).
    pub fn resolve(&self, ctx: &Context) -> (Option<Date>, Option<Date>) {
        self.expr.resolve(ctx)
    }
}

/// What a mention is resolved against: the reference (document) date and what the text
/// before it has put in force.
///
/// A caller walking a document creates one `Context` with the document date, calls
/// [`Context::observe`] with each mention after resolving it (or
/// [`Context::resolve_and_observe`] for both), and
/// [`Context::new_paragraph`] at each paragraph break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Context {
    /// The reference date: the document date, or a date the caller supplies.
    pub reference: Option<Date>,
    /// The year in force: the last year named earlier in the paragraph
    /// (`2020年末…7月底` → 2020).
    pub year: Option<i16>,
    /// The year the whole document is about, in force where a paragraph names none: the
    /// year its title names (`泉州市2022年国民经济和社会发展统计公报`, published in 2023,
    /// reports `全年` and `年末` figures of 2022). [`time::title_year`](title_year) finds it.
    pub document_year: Option<i16>,
    /// The month in force (`10月1日至7日…2日` → 10).
    pub month: Option<i8>,
    /// The day in force (`当天`, `次日`).
    pub day: Option<Date>,
    /// The holiday in force (`国庆假期` → 1 to 7 October), kept across paragraphs.
    pub holiday: Option<(Date, Date)>,
    /// The period in force, for `同期` and `此期间`.
    pub period: Option<(Option<Date>, Option<Date>)>,
}

impl Context {
    /// A context with a reference date and nothing in force.
    pub fn new(reference: Option<Date>) -> Context {
        Context {
            reference,
            ..Context::default()
        }
    }

    /// Puts in force what `m` names: its year, month and day when it states them, the
    /// holiday it names, and its period.
    pub fn observe(&mut self, m: &PeriodMention) {
        if m.role == MentionRole::Period {
            let resolved = m.resolve(self);
            resolve::observe(self, m, resolved);
        }
    }

    /// [`PeriodMention::resolve`] and then [`Context::observe`], resolving `m` once: the
    /// first and last days of `m` against the context as it was before.
    pub fn resolve_and_observe(&mut self, m: &PeriodMention) -> (Option<Date>, Option<Date>) {
        let resolved = m.resolve(self);
        resolve::observe(self, m, resolved);
        resolved
    }

    /// Clears what is in force within a paragraph (year, month, day, period); the
    /// reference date, the document's year and the holiday stay.
    pub fn new_paragraph(&mut self) {
        self.year = None;
        self.month = None;
        self.day = None;
        self.period = None;
    }
}
