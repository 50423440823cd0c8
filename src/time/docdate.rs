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

use jiff::civil::Date;

use super::lexicon::LEXICON;
use super::mention::find_periods;
use super::numeral::{cn_number, digits};
use super::{Anchor, Context, DayRef, MonthRef, Part, PeriodExpr, PeriodMention, Role, YearRef};
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

/// Like [`document_date`], on normalized chars.
pub fn document_date_chars(chars: &[char]) -> Option<(Date, DateSource)> {
    let mentions = find_periods(chars);
    document_date_with(chars, &mentions)
}

/// Like [`document_date_chars`], reusing the mentions [`find_periods`] found in `chars`.
pub fn document_date_with(
    chars: &[char],
    mentions: &[PeriodMention],
) -> Option<(Date, DateSource)> {
    if let Some(d) = stated(chars, mentions) {
        return Some((d, DateSource::Text));
    }
    inferred(chars, mentions).map(|d| (d, DateSource::Inferred))
}

/// A line's char range.
fn lines(chars: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = chars[start..]
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

/// A full date mention (year, month and day stated) and its resolution.
fn full_date(m: &PeriodMention) -> Option<Date> {
    let PeriodExpr::At(a) = m.expr else {
        return None;
    };
    let explicit = matches!(a.year, Some(YearRef::Abs(_) | YearRef::TwoDigit(_)))
        && matches!(a.month, Some(MonthRef::Abs(_)))
        && matches!(a.day, Some(DayRef::Abs(_)));
    if !explicit || m.role != Role::Period {
        return None;
    }
    m.resolve(&Context::default()).1
}

/// Page chrome rather than content: navigation bars, breadcrumbs.
fn is_chrome(line: &[char]) -> bool {
    let s: String = line.iter().collect();
    s.contains('|') || s.contains('>') || s.contains("您的位置") || s.contains("当前位置")
}

const DATE_LABELS: [&str; 12] = [
    "发布时间",
    "发布日期",
    "发表时间",
    "发表日期",
    "更新时间",
    "发文日期",
    "成文日期",
    "印发日期",
    "时间",
    "日期",
    "发布",
    "发表",
];

/// A date stated as the document's: a labelled date line (`时间:2021-05-12`), a dated
/// title, or a lead sentence that opens with a full date.
fn stated(chars: &[char], mentions: &[PeriodMention]) -> Option<Date> {
    let in_line = |s: usize, e: usize| mentions.iter().filter(move |m| m.start >= s && m.end <= e);
    // Date lines.
    for (s, e) in lines(chars) {
        if e - s > 120 {
            continue;
        }
        for m in in_line(s, e) {
            let Some(d) = full_date(m) else { continue };
            let mut k = m.start;
            while k > s && matches!(chars[k - 1], ' ' | ':' | '】' | ']' | '\t') {
                k -= 1;
            }
            let labelled = DATE_LABELS.iter().any(|label| {
                let n = label.chars().count();
                k >= s + n
                    && chars[k - n..k].iter().copied().eq(label.chars())
                    && (k - n == s
                        || matches!(
                            chars[k - n - 1],
                            ' ' | ':' | '|' | '丨' | '/' | '】' | ']' | '\t' | '【' | '['
                        ))
            });
            // A line that is only a date, or a date followed by page fields.
            let alone = k == s && {
                let rest: String = chars[m.end..e].iter().collect();
                let rest = rest.trim();
                rest.is_empty()
                    || ["来源", "作者", "浏览", "字号", "编辑", "点击", "阅读"]
                        .iter()
                        .any(|w| rest.contains(w))
            };
            if labelled || alone {
                return Some(d);
            }
        }
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
const FUTURE: [&str; 16] = [
    "将", "拟", "计划", "预计", "力争", "争取", "确保", "准备", "打算", "定于", "预定", "目标",
    "要在", "有望", "届时", "规划",
];

fn clause_of(chars: &[char], m: &PeriodMention) -> (usize, usize) {
    let brk = |c: &char| matches!(c, ',' | '。' | ';' | '!' | '?' | '\n');
    let s = chars[..m.start].iter().rposition(brk).map_or(0, |p| p + 1);
    let e = chars[m.end..]
        .iter()
        .position(brk)
        .map_or(chars.len(), |p| m.end + p);
    (s, e)
}

fn contains(hay: &[char], needle: &str) -> bool {
    let n: Vec<char> = needle.chars().collect();
    !n.is_empty() && hay.windows(n.len()).any(|w| w == n.as_slice())
}

fn is_future(chars: &[char], m: &PeriodMention) -> bool {
    let (s, e) = clause_of(chars, m);
    let clause = &chars[s..e];
    if FUTURE.iter().any(|w| contains(clause, w)) {
        return true;
    }
    // `到2025年`, `2035年远景目标`.
    let text = &chars[m.start..m.end];
    text.first() == Some(&'到')
        || ["远景", "愿景", "目标", "规划"].iter().any(|w| {
            contains(
                chars
                    .get(m.end..(m.end + 4).min(chars.len()))
                    .unwrap_or(&[]),
                w,
            )
        })
}

fn anchors(expr: &PeriodExpr) -> Vec<&Anchor> {
    match expr {
        PeriodExpr::At(a) | PeriodExpr::Until(a) | PeriodExpr::Since(a) => vec![a],
        PeriodExpr::Range(a, b) => vec![a, b],
        _ => Vec::new(),
    }
}

/// Years the text states as current or past.
fn stated_years(chars: &[char], mentions: &[PeriodMention]) -> Vec<i16> {
    let mut years = Vec::new();
    for m in mentions {
        if m.role != Role::Period || matches!(m.expr, PeriodExpr::Before(_)) {
            continue;
        }
        let candidates: Vec<i16> = anchors(&m.expr)
            .into_iter()
            .filter(|a| !matches!(a.part, Part::Years(_)))
            .filter_map(|a| match a.year {
                Some(YearRef::Abs(y)) => Some(y),
                Some(YearRef::TwoDigit(yy)) => {
                    Some(if yy < 50 { 2000 } else { 1900 } + i16::from(yy))
                }
                _ => None,
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let text = &chars[m.start..m.end];
        let after = chars
            .get(m.end..(m.end + 4).min(chars.len()))
            .unwrap_or(&[]);
        let target = text.first() == Some(&'到')
            || ["远景", "愿景", "目标", "规划"]
                .iter()
                .any(|w| contains(after, w));
        if !target {
            years.extend(candidates);
        }
    }
    years.extend(anniversary_years(chars));
    years
}

/// Years dated by anniversaries: `中华人民共和国成立72周年` → 2021, `建党百年` → 2021.
fn anniversary_years(chars: &[char]) -> Vec<i16> {
    let lx = &*LEXICON;
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        let (n, num_start, ok) = if chars[i] == '周' && chars[i + 1] == '年' {
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
        } else if chars[i] == '百' && chars[i + 1] == '年' {
            (Some(100), i, true)
        } else {
            i += 1;
            continue;
        };
        i += 2;
        let (Some(n), true) = (n, ok) else { continue };
        // The founding event just before the count, `的` allowed between.
        let end = if num_start > 0 && chars[num_start - 1] == '的' {
            num_start - 1
        } else {
            num_start
        };
        let from = end.saturating_sub(12);
        for s in from..end {
            if let Some((base, e)) = lx.anniversaries.longest(chars, s, |_| true) {
                if e == end {
                    if let Some(y) = i16::try_from(n).ok().and_then(|n| base.checked_add(n)) {
                        out.push(y);
                    }
                    break;
                }
            }
        }
    }
    out
}

/// The earliest day consistent with what the text reports as done.
fn inferred(chars: &[char], mentions: &[PeriodMention]) -> Option<Date> {
    let year = stated_years(chars, mentions).into_iter().max()?;
    let ctx = Context {
        reference: Date::new(year, 12, 31).ok(),
        year: Some(year),
        ..Context::default()
    };
    let mut best = Date::new(year, 1, 1).ok()?;
    for m in mentions {
        if m.role != Role::Period || is_future(chars, m) {
            continue;
        }
        let anchors = anchors(&m.expr);
        if anchors.is_empty() {
            continue;
        }
        // Only calendar dates with a stated month: relative days and weeks need the very
        // date being inferred.
        let calendar = anchors.iter().all(|a| {
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
        if !calendar {
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
