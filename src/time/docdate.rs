//! A document's own date: stated in a date line, a dated title or lead sentence, or
//! inferred from what the text reports.
//!
//! Inference takes the document's year from the latest year the text states as current or
//! past (years written out, anniversaries such as `成立72周年`), and within that year the
//! earliest day consistent with everything it reports as done: an event on a day means the
//! text is from that day or later, a period reported as complete (`10月1日至7日…共受理`,
//! `截至9月15日`) means the day after its end or later, an event in a month means that
//! month's first day or later. Plans and forecasts (`预计6月底完成`, `年底前`) say nothing
//! about when the text was written and are left out.

use std::sync::LazyLock;

use jiff::civil::Date;

use super::lexicon::{LEXICON, Table};
use super::mention::find_periods;
use super::numeral::{cn_number, digits};
use super::{
    Anchor, Context, DayRef, MentionRole, MonthRef, Part, PeriodExpr, PeriodMention, YearRef,
};
use crate::document::normalize::fold;
use crate::document::record::DateSource;

/// The document's date and where it came from, or `None` when the text gives no year.
///
/// ```
/// use press_stats::time::document_date;
/// use press_stats::{DateSource, Date};
///
/// let text = "尽心竭力把实事办到人民群众的心坎上\n来源:发布者:时间:2021-05-12\n正文";
/// assert_eq!(document_date(text), Some((Date::constant(2021, 5, 12), DateSource::Text)));
/// ```
pub fn document_date(text: &str) -> Option<(Date, DateSource)> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    document_date_chars(&chars)
}

/// Like [`document_date`], on normalized chars; the first line that is not blank is taken
/// as the title.
pub fn document_date_chars(chars: &[char]) -> Option<(Date, DateSource)> {
    let mentions = find_periods(chars);
    let title = lines(chars).find(|&(s, e)| chars[s..e].iter().any(|c| !c.is_whitespace()));
    let year = title.and_then(|t| title_year(&mentions, &[t]));
    document_date_with(chars, &mentions, year)
}

/// Like [`document_date_chars`], reusing the mentions [`find_periods`] found in `chars`,
/// with the year the title names ([`title_year`]).
pub fn document_date_with(
    chars: &[char],
    mentions: &[PeriodMention],
    title_year: Option<i16>,
) -> Option<(Date, DateSource)> {
    if let Some(d) = stated(chars, mentions) {
        return Some((d, DateSource::Text));
    }
    inferred(chars, mentions, title_year).map(|d| (d, DateSource::Inferred))
}

/// The one year that the title (char ranges `title` of the text that `mentions` were found
/// in) names as its subject: `泉州市2022年国民经济和社会发展统计公报` and
/// `2023年一季度全市经济运行情况` name 2022 and 2023. `None` when the title names no year,
/// more than one, a day (a dated title gives the date of an event: `2021年10月26日…`,
/// `2022年元旦`), a run of years (`“十三五”`, `80年代`) or a target (`到2035年`).
///
/// ```
/// use press_stats::time::{find_periods, title_year};
///
/// let title: Vec<char> = "泉州市2022年国民经济和社会发展统计公报".chars().collect();
/// assert_eq!(title_year(&find_periods(&title), &[(0, title.len())]), Some(2022));
/// let dated: Vec<char> = "2021年10月26日宁德市政府新闻办举行新闻发布会".chars().collect();
/// assert_eq!(title_year(&find_periods(&dated), &[(0, dated.len())]), None);
/// ```
pub fn title_year(mentions: &[PeriodMention], title: &[(usize, usize)]) -> Option<i16> {
    let mut year = None;
    for m in mentions {
        if !title.iter().any(|&(s, e)| s <= m.start && m.end <= e) || m.role != MentionRole::Period
        {
            continue;
        }
        let (PeriodExpr::At(_) | PeriodExpr::Range(..)) = m.expr else {
            return None;
        };
        for a in anchors(&m.expr) {
            let Some(YearRef::Abs(y)) = a.year else {
                return None;
            };
            // A day dates an event; a run of years (`18世纪`, `“十三五”`) is no one year.
            let stretch = matches!(
                a.part,
                Part::Whole | Part::Half(_) | Part::Quarters(..) | Part::Months(..)
            );
            if a.day.is_some() || !stretch || year.is_some_and(|x| x != y) {
                return None;
            }
            year = Some(y);
        }
    }
    year
}

/// Whether `m` names a reporting period, as the title of a statistical text does (`2022年`,
/// `前三季度`, `1-5月`, `今年以来`): whole years, halves, quarters or months, with no day, no
/// holiday and no named event.
///
/// ```
/// use press_stats::time::{find_periods, is_reporting_period};
///
/// let reporting = |s: &str| find_periods(&s.chars().collect::<Vec<_>>()).iter().any(is_reporting_period);
/// assert!(reporting("前三季度全县经济运行情况分析"));
/// assert!(!reporting("春节期间系列工作督导检查"));
/// assert!(!reporting("10月27日举行新闻发布会"));
/// ```
pub fn is_reporting_period(m: &PeriodMention) -> bool {
    m.role == MentionRole::Period
        && matches!(
            m.expr,
            PeriodExpr::At(_) | PeriodExpr::Range(..) | PeriodExpr::Until(_) | PeriodExpr::Since(_)
        )
        && anchors(&m.expr).all(|a| {
            a.day.is_none()
                && matches!(
                    a.part,
                    Part::Whole | Part::Half(_) | Part::Quarters(..) | Part::Months(..)
                )
        })
}

/// A line's char range.
fn lines(chars: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = chars
            .get(start..)?
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| start + p);
        let line = (start, end);
        if end >= chars.len() {
            done = true;
        } else {
            start = end + 1;
        }
        Some(line)
    })
}

/// The line holding a mention that starts at `start`, if it has at most `max` chars:
/// from after the last line break before `start` to the next one at or after it.
fn short_line_at(chars: &[char], start: usize, max: usize) -> Option<(usize, usize)> {
    let before = chars.get(..start)?;
    let s = match before.iter().rev().take(max + 1).position(|&c| c == '\n') {
        Some(p) => start - p,
        None if start <= max => 0,
        None => return None,
    };
    let room = (s + max + 1).saturating_sub(start);
    let e = match chars[start..].iter().take(room).position(|&c| c == '\n') {
        Some(p) => start + p,
        None if chars.len() - s <= max => chars.len(),
        None => return None,
    };
    (e - s <= max).then_some((s, e))
}

/// A full date mention (year, month and day stated) and its resolution.
fn full_date(m: &PeriodMention) -> Option<Date> {
    let PeriodExpr::At(a) = m.expr else {
        return None;
    };
    let explicit = matches!(a.year, Some(YearRef::Abs(_) | YearRef::TwoDigit(_)))
        && matches!(a.month, Some(MonthRef::Abs(_)))
        && matches!(a.day, Some(DayRef::Abs(_)));
    if !explicit || m.role != MentionRole::Period {
        return None;
    }
    m.resolve(&Context::default()).1
}

/// Whether `hay` has `w` at `p`.
fn has_at(hay: &[char], p: usize, w: &[char]) -> bool {
    hay.get(p..p.saturating_add(w.len()))
        .is_some_and(|got| got.iter().zip(w).all(|(a, b)| a == b))
}

/// Whether `hay` holds `w` anywhere.
fn contains(hay: &[char], w: &[char]) -> bool {
    match w.first() {
        Some(first) => (0..hay.len()).any(|p| hay[p] == *first && has_at(hay, p, w)),
        None => false,
    }
}

/// Page chrome rather than content: navigation bars, breadcrumbs.
fn is_chrome(line: &[char]) -> bool {
    line.iter().any(|&c| c == '|' || c == '>')
        || contains(line, w!("您的位置"))
        || contains(line, w!("当前位置"))
}

const DATE_LABELS: [&[char]; 12] = [
    w!("发布时间"),
    w!("发布日期"),
    w!("发表时间"),
    w!("发表日期"),
    w!("更新时间"),
    w!("发文日期"),
    w!("成文日期"),
    w!("印发日期"),
    w!("时间"),
    w!("日期"),
    w!("发布"),
    w!("发表"),
];

/// Page fields that may follow the date on a date line.
const PAGE_FIELDS: [&[char]; 7] = [
    w!("来源"),
    w!("作者"),
    w!("浏览"),
    w!("字号"),
    w!("编辑"),
    w!("点击"),
    w!("阅读"),
];

/// Whether the full date `m` in the line `s..e` dates the page: after a label
/// (`时间:2021-05-12`), or alone on its line or before page fields.
fn is_date_line(chars: &[char], s: usize, e: usize, m: &PeriodMention) -> bool {
    let mut k = m.start;
    while k > s && matches!(chars[k - 1], ' ' | ':' | '】' | ']' | '\t') {
        k -= 1;
    }
    let labelled = DATE_LABELS.iter().any(|label| {
        let n = label.len();
        k >= s + n
            && has_at(chars, k - n, label)
            && (k - n == s
                || matches!(
                    chars[k - n - 1],
                    ' ' | ':' | '|' | '丨' | '/' | '】' | ']' | '\t' | '【' | '['
                ))
    });
    // A line that is only a date, or a date followed by page fields.
    let alone = k == s && {
        let rest = chars.get(m.end..e).unwrap_or(&[]);
        rest.iter().all(|c| c.is_whitespace()) || PAGE_FIELDS.iter().any(|w| contains(rest, w))
    };
    labelled || alone
}

/// A date stated as the document's: a labelled date line (`时间:2021-05-12`), a dated
/// title, or a lead sentence that opens with a full date.
fn stated(chars: &[char], mentions: &[PeriodMention]) -> Option<Date> {
    let in_line = |s: usize, e: usize| mentions.iter().filter(move |m| m.start >= s && m.end <= e);
    // Date lines: the first line (of at most 120 chars) with a full date that dates the
    // page, and its first such date. Only full dates are looked at, so the lines of the
    // text need not all be walked.
    let mut best: Option<(usize, Date)> = None;
    for m in mentions {
        let Some(d) = full_date(m) else { continue };
        let Some((s, e)) = short_line_at(chars, m.start, 120) else {
            continue;
        };
        if m.end > e || best.is_some_and(|(b, _)| b <= s) {
            continue;
        }
        if is_date_line(chars, s, e, m) {
            best = Some((s, d));
        }
    }
    if let Some((_, d)) = best {
        return Some(d);
    }
    // The title and the lead sentence.
    let mut seen = 0;
    for (s, e) in lines(chars) {
        let line = &chars[s..e];
        let cjk = line
            .iter()
            .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .count();
        if cjk < 6 || is_chrome(line) {
            continue;
        }
        let clause_end = line
            .iter()
            .position(|&c| matches!(c, ',' | '。' | ';' | '!' | '?'))
            .map_or(e, |p| s + p);
        if let Some(d) = in_line(s, clause_end).find_map(full_date) {
            return Some(d);
        }
        seen += 1;
        if seen == 2 {
            break;
        }
    }
    None
}

/// Words that mark a clause as a plan or forecast.
const FUTURE: [&[char]; 16] = [
    w!("将"),
    w!("拟"),
    w!("计划"),
    w!("预计"),
    w!("力争"),
    w!("争取"),
    w!("确保"),
    w!("准备"),
    w!("打算"),
    w!("定于"),
    w!("预定"),
    w!("目标"),
    w!("要在"),
    w!("有望"),
    w!("届时"),
    w!("规划"),
];

/// Words after a year that make it a target (`2035年远景目标`).
const TARGETS: [&[char]; 4] = [w!("远景"), w!("愿景"), w!("目标"), w!("规划")];

/// [`FUTURE`] by first char.
static FUTURE_WORDS: LazyLock<Table<()>> =
    LazyLock::new(|| Table::new(FUTURE.iter().map(|w| (w.iter().collect(), ()))));

fn clause_of(chars: &[char], m: &PeriodMention) -> (usize, usize) {
    let brk = |c: &char| matches!(c, ',' | '。' | ';' | '!' | '?' | '\n');
    let start = m.start.min(chars.len());
    let end = m.end.clamp(start, chars.len());
    let s = chars[..start].iter().rposition(brk).map_or(0, |p| p + 1);
    let e = chars[end..]
        .iter()
        .position(brk)
        .map_or(chars.len(), |p| end + p);
    (s, e)
}

/// Whether the few chars after a mention make it a target (`2035年远景目标`), or it
/// opens with `到` (`到2025年`).
fn is_target(chars: &[char], m: &PeriodMention) -> bool {
    let after = chars
        .get(m.end..(m.end + 4).min(chars.len()))
        .unwrap_or(&[]);
    // 到2025年, 力争到2025年底: a year reached, not a year reported.
    chars.get(m.start).filter(|_| m.start < m.end) == Some(&'到')
        || m.start > 0 && chars.get(m.start - 1) == Some(&'到')
        || TARGETS.iter().any(|w| contains(after, w))
}

fn is_future(chars: &[char], m: &PeriodMention) -> bool {
    let (s, e) = clause_of(chars, m);
    let clause = &chars[s..e];
    let table = &*FUTURE_WORDS;
    if (0..clause.len()).any(|p| table.longest_at(clause, p, |_| true).is_some()) {
        return true;
    }
    is_target(chars, m)
}

/// The anchors of an expression (none, one, or the two ends of a range).
fn anchors(expr: &PeriodExpr) -> impl Iterator<Item = &Anchor> {
    let (a, b) = match expr {
        PeriodExpr::At(a) | PeriodExpr::Until(a) | PeriodExpr::Since(a) => (Some(a), None),
        PeriodExpr::Range(a, b) => (Some(a), Some(b)),
        _ => (None, None),
    };
    a.into_iter().chain(b)
}

/// The latest year the text states as current or past.
fn latest_stated_year(chars: &[char], mentions: &[PeriodMention]) -> Option<i16> {
    let mut latest: Option<i16> = None;
    for m in mentions {
        if m.role != MentionRole::Period || matches!(m.expr, PeriodExpr::Before(_)) {
            continue;
        }
        let mut year = None;
        for a in anchors(&m.expr).filter(|a| !matches!(a.part, Part::Years(_))) {
            let y = match a.year {
                Some(YearRef::Abs(y)) => y,
                Some(YearRef::TwoDigit(yy)) => (if yy < 50 { 2000 } else { 1900 }) + i16::from(yy),
                _ => continue,
            };
            year = year.max(Some(y));
        }
        if year.is_some() && !is_target(chars, m) {
            latest = latest.max(year);
        }
    }
    latest.max(latest_anniversary(chars))
}

/// The next position at or after `from` of the char `c`.
fn find_char(hay: &[char], from: usize, c: char) -> Option<usize> {
    let mut i = from;
    // Sixteen chars at a time, compared without an early exit so that they are compared
    // together.
    while let Some(block) = hay.get(i..).and_then(|r| r.first_chunk::<16>()) {
        if block.iter().fold(false, |acc, &x| acc | (x == c)) {
            break;
        }
        i += 16;
    }
    hay.get(i..)?.iter().position(|&x| x == c).map(|p| i + p)
}

/// The latest year dated by an anniversary: `中华人民共和国成立72周年` → 2021,
/// `建党百年` → 2021.
fn latest_anniversary(chars: &[char]) -> Option<i16> {
    let lx = &*LEXICON;
    let mut latest = None;
    let mut from = 1;
    while let Some(at) = find_char(chars, from, '年') {
        from = at + 1;
        let i = at - 1;
        let (n, num_start, ok) = if chars[i] == '周' {
            // The count before 周年.
            let mut s = i;
            while s > 0
                && (chars[s - 1].is_ascii_digit() || super::numeral::is_cn_numeral(chars[s - 1]))
            {
                s -= 1;
            }
            let n = if s < i && chars[s].is_ascii_digit() {
                digits(chars, s)
                    .filter(|&(_, e, _)| e == i)
                    .map(|(v, _, _)| v)
            } else {
                cn_number(chars, s).filter(|&(_, e)| e == i).map(|(v, _)| v)
            };
            (n, s, s < i)
        } else if chars[i] == '百' {
            (Some(100), i, true)
        } else {
            continue;
        };
        let (Some(n), true) = (n, ok) else { continue };
        // The founding event just before the count, `的` allowed between.
        let end = if num_start > 0 && chars[num_start - 1] == '的' {
            num_start - 1
        } else {
            num_start
        };
        let from = end.saturating_sub(12);
        for s in from..end {
            if let Some((base, e)) = lx.anniversaries.longest_at(chars, s, |_| true)
                && e == end
            {
                if let Some(y) = i16::try_from(n).ok().and_then(|n| base.checked_add(n)) {
                    latest = latest.max(Some(y));
                }
                break;
            }
        }
    }
    latest
}

/// The earliest day consistent with what the text reports as done. A document about the
/// year its title names (`title_year`) that reports that whole year as done (`全年`) is
/// from the next year.
fn inferred(chars: &[char], mentions: &[PeriodMention], title_year: Option<i16>) -> Option<Date> {
    let year = latest_stated_year(chars, mentions)?;
    let ctx = Context {
        reference: Date::new(year, 12, 31).ok(),
        year: Some(year),
        ..Context::default()
    };
    let mut best = Date::new(year, 1, 1).ok()?;
    for m in mentions {
        if m.role != MentionRole::Period {
            continue;
        }
        // Only calendar dates with a stated month: relative days and weeks need the very
        // date being inferred.
        let mut anchors = anchors(&m.expr).peekable();
        if anchors.peek().is_none() {
            continue;
        }
        let calendar = anchors.all(|a| {
            matches!(a.month, Some(MonthRef::Abs(_)))
                && matches!(a.day, None | Some(DayRef::Abs(_)))
                && matches!(
                    a.year,
                    None | Some(
                        YearRef::Abs(_)
                            | YearRef::TwoDigit(_)
                            | YearRef::Rel(0)
                            | YearRef::InForce(0)
                    )
                )
        });
        if !calendar || is_future(chars, m) {
            continue;
        }
        let (start, end) = m.resolve(&ctx);
        let candidate = match m.expr {
            PeriodExpr::At(a) if a.edge.is_some() => end,
            PeriodExpr::At(_) | PeriodExpr::Since(_) => start,
            PeriodExpr::Range(..) | PeriodExpr::Until(_) => end.and_then(|e| e.tomorrow().ok()),
            _ => None,
        };
        if let Some(d) = candidate.filter(|d| d.year() <= year) {
            best = best.max(d);
        }
    }
    if let Some(y) = title_year {
        let whole_year_done = mentions.iter().any(|m| {
            m.role == MentionRole::Period
                && m.expr == PeriodExpr::At(Anchor::EMPTY)
                && !is_future(chars, m)
        });
        if whole_year_done
            && let Some(next) = y.checked_add(1).and_then(|n| Date::new(n, 1, 1).ok())
        {
            best = best.max(next);
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<(Date, DateSource)> {
        document_date(s)
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date("标题在这里很长的标题\n发布时间：2021年5月12日 10:00\n正文"),
            Some((Date::constant(2021, 5, 12), DateSource::Text))
        );
        assert_eq!(
            date("一个没有日期的标题行\n正文第一句没有日期,活动时间:2021年10月1日至3日,全市参加。"),
            Some((Date::constant(2021, 10, 4), DateSource::Inferred))
        );
    }

    #[test]
    fn dated_title() {
        assert_eq!(
            date(
                "2021年10月26日宁德市政府新闻办举行新闻发布会\n2021年9月24日,宁德市政府新闻办举行"
            ),
            Some((Date::constant(2021, 10, 26), DateSource::Text))
        );
    }

    #[test]
    fn inference_from_reported_periods() {
        let text = "某市开展活动的新闻标题\n据统计,10月1日至7日,全市共受理案件约2600宗。庆祝中华人民共和国成立72周年。";
        assert_eq!(
            date(text),
            Some((Date::constant(2021, 10, 8), DateSource::Inferred))
        );
        let text = "标题标题标题标题\n预计2025年底前完成。2022年全市完成投资。";
        assert_eq!(
            date(text),
            Some((Date::constant(2022, 1, 1), DateSource::Inferred))
        );
    }

    #[test]
    fn no_year_no_date() {
        assert_eq!(date("9月,全市开展了一些工作,没有年份。"), None);
        assert_eq!(date(""), None);
    }
}
