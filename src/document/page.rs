//! A saved page's metadata: title, publication date, source and site, from its `<meta>`
//! tags (`data/page_meta.tsv`: `ArticleTitle`, `PubDate`, `ContentSource`, `SiteName`,
//! `ColumnName`, then Open Graph), its `<title>`, and the labelled lines of its info bar
//! (`data/page_labels.tsv`: `发布时间：2023-05-16 10:00`, `来源：宜春市统计局`).
//!
//! The date: `PubDate` (or another date tag), else the date the page shows. Where the
//! shown date (`发布日期：`, `发布时间：`) differs from `PubDate` and `PubDate` only repeats
//! the page's generation time (`<meta name="others" content="页面生成时间 …">`), the shown
//! date wins: a site migration regenerates its pages years after they were published.
//!
//! The publisher: `ContentSource` when the page has one (even when it names no body: a
//! WeChat account, a news site), else the `来源：` line, else the `发布机构：` line.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use scraper::{Html, Selector};

use crate::lexicon;

const META: &str = include_str!("../../data/page_meta.tsv");
const LABELS: &str = include_str!("../../data/page_labels.tsv");

/// What a saved page says about its document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The title (`ArticleTitle`, else `og:title`, else `<title>` less the site's name).
    pub title: Option<String>,
    /// The publication date.
    pub date: Option<Date>,
    /// The source as the page names it (`ContentSource`, `来源：`, `发布机构：`): a body,
    /// or not (`江西统计 公众号`).
    pub publisher: Option<String>,
    /// The site's name (`SiteName`: `中国宜春`).
    pub site: Option<String>,
    /// The site's column (`ColumnName`: `统计公报`).
    pub column: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Publisher,
    Site,
    Column,
    Generated,
    ShownDate,
    Source,
    Agency,
}

fn field(name: &str) -> Option<Field> {
    Some(match name {
        "title" => Field::Title,
        "date" => Field::Date,
        "publisher" => Field::Publisher,
        "site" => Field::Site,
        "column" => Field::Column,
        "generated" => Field::Generated,
        "shown_date" => Field::ShownDate,
        "source" => Field::Source,
        "agency" => Field::Agency,
        _ => return None,
    })
}

/// The meta tags' names (lower case) and fields, in order of preference.
static META_NAMES: LazyLock<Vec<(String, Field)>> = LazyLock::new(|| {
    lexicon::rows(META)
        .filter_map(|(_, f)| Some((f.get(1)?.to_lowercase(), field(f.first()?)?)))
        .collect()
});

/// The labels of info-bar lines, longest first (so that `发布时间` is tried before `时间`).
static LABEL_NAMES: LazyLock<Vec<(Vec<char>, Field)>> = LazyLock::new(|| {
    let mut v: Vec<(Vec<char>, Field)> = lexicon::rows(LABELS)
        .filter_map(|(_, f)| Some((f.get(1)?.chars().collect(), field(f.first()?)?)))
        .collect();
    v.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
    v
});

static META_SELECTOR: LazyLock<Option<Selector>> =
    LazyLock::new(|| Selector::parse("meta[content]").ok());
static TITLE_SELECTOR: LazyLock<Option<Selector>> = LazyLock::new(|| Selector::parse("title").ok());

/// A date and time as pages write them: `2023-05-16 12:34:05`, `2023/5/16`, `2023年5月16日`,
/// `2023.05.16`, `20230516`.
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))(?:\s*T?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?",
    )
    .expect("the date pattern compiles")
});

/// A timestamp: the date and, when given, the time (hours, minutes, seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    date: Date,
    time: Option<(u8, u8, u8)>,
}

/// The first valid date (with its time) in `s`.
fn stamp(s: &str) -> Option<Stamp> {
    for c in DATE_TIME.captures_iter(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
        let (Some(y), Some(m), Some(d)) =
            (num(1), num(2).or_else(|| num(4)), num(3).or_else(|| num(5)))
        else {
            continue;
        };
        let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
            continue;
        };
        if !(1949..=2100).contains(&y) {
            continue;
        }
        let Ok(date) = Date::new(y, m, d) else {
            continue;
        };
        let time = match (num(6), num(7)) {
            (Some(h), Some(mi)) => Some((
                u8::try_from(h).unwrap_or(u8::MAX),
                u8::try_from(mi).unwrap_or(u8::MAX),
                num(8).and_then(|s| u8::try_from(s).ok()).unwrap_or(0),
            )),
            _ => None,
        };
        return Some(Stamp { date, time });
    }
    None
}

fn clean(s: &str) -> Option<String> {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The labelled values of info-bar lines: (field, value) in line order.
fn labelled(lines: &[String]) -> Vec<(Field, String)> {
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut at = 0usize;
        while at < chars.len() {
            let boundary = at == 0
                || chars
                    .get(at - 1)
                    .is_some_and(|c| c.is_whitespace() || "|｜│】]）)".contains(*c));
            let hit = boundary
                .then(|| {
                    LABEL_NAMES.iter().find_map(|(label, f)| {
                        let end = at + label.len();
                        let mut j = end;
                        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                            j += 1;
                        }
                        (chars.get(at..end) == Some(label.as_slice())
                            && matches!(chars.get(j), Some('：' | ':')))
                        .then_some((*f, j + 1))
                    })
                })
                .flatten();
            let Some((f, from)) = hit else {
                at += 1;
                continue;
            };
            let mut from = from;
            while chars.get(from).is_some_and(|c| c.is_whitespace()) {
                from += 1;
            }
            // A date is looked for in the rest of the line; a name ends at a space or at
            // the next widget (`来源：宜春市统计局【字体：大 中 小】`, `|`).
            let end = if f == Field::ShownDate {
                chars.len()
            } else {
                chars[from..]
                    .iter()
                    .position(|c| c.is_whitespace() || "【[|｜".contains(*c))
                    .map_or(chars.len(), |p| from + p)
            };
            let mut value: String = chars[from..end].iter().collect();
            if value.trim().is_empty() {
                // `发布机构：` on a line of its own, the value on the next.
                value = lines.get(i + 1).cloned().unwrap_or_default();
            }
            if let Some(v) = clean(&value) {
                found.push((f, v));
            }
            at = if f == Field::ShownDate { from } else { end }.max(at + 1);
        }
    }
    found
}

/// Reads a page's metadata from its parsed document and its info-bar lines (the lines
/// just before the body and its first ones).
pub fn read(doc: &Html, head: &[String]) -> PageMeta {
    let mut tags: Vec<(Field, usize, String)> = Vec::new();
    if let Some(sel) = META_SELECTOR.as_ref() {
        for e in doc.select(sel) {
            let v = e.value();
            let Some(name) = v.attr("name").or_else(|| v.attr("property")) else {
                continue;
            };
            let name = name.trim().to_lowercase();
            let Some(rank) = META_NAMES.iter().position(|(n, _)| *n == name) else {
                continue;
            };
            if let Some(content) = v.attr("content").and_then(clean) {
                tags.push((META_NAMES[rank].1, rank, content));
            }
        }
    }
    tags.sort_by_key(|t| t.1);
    let tag = |f: Field| tags.iter().find(|t| t.0 == f).map(|t| t.2.clone());
    let labels = labelled(head);
    let label = |f: Field| labels.iter().find(|l| l.0 == f).map(|l| l.1.clone());

    let site = tag(Field::Site);
    let title = tag(Field::Title).or_else(|| {
        let sel = TITLE_SELECTOR.as_ref()?;
        let t = doc.select(sel).next()?.text().collect::<String>();
        page_title(&t, site.as_deref())
    });

    let published = tags
        .iter()
        .filter(|t| t.0 == Field::Date)
        .find_map(|t| stamp(&t.2));
    let generated = tag(Field::Generated)
        .filter(|g| g.contains("生成"))
        .and_then(|g| stamp(&g));
    let shown = labels
        .iter()
        .filter(|l| l.0 == Field::ShownDate)
        .find_map(|l| stamp(&l.1));
    let date = match (published, shown) {
        (Some(p), Some(s)) if p.date != s.date && generated == Some(p) => Some(s.date),
        (Some(p), _) => Some(p.date),
        (None, s) => s.map(|s| s.date),
    };

    let publisher = tag(Field::Publisher)
        .or_else(|| label(Field::Source))
        .or_else(|| label(Field::Agency));
    PageMeta {
        title,
        date,
        publisher,
        site,
        column: tag(Field::Column),
    }
}

/// A `<title>` without the site's name: the longest of its parts between `|`, `_`, ` - `
/// (or the part that is not the site's name).
fn page_title(t: &str, site: Option<&str>) -> Option<String> {
    let t = clean(t)?;
    let parts: Vec<&str> = t
        .split(['|', '｜', '_'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .filter(|p| !p.is_empty() && Some(*p) != site)
        .collect();
    // The longest part; of parts as long, the first (a site's name comes last).
    parts
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (p.chars().count(), std::cmp::Reverse(*i)))
        .map(|(_, p)| (*p).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| (*l).to_owned()).collect()
    }

    fn date_in(s: &str) -> Option<Date> {
        stamp(s).map(|s| s.date)
    }

    #[test]
    fn stamps_in_the_forms_pages_write() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(date_in("2023-05-16 12:34:05"), Some(d(2023, 5, 16)));
        assert_eq!(
            date_in("发布时间：2023年5月16日 10:00"),
            Some(d(2023, 5, 16))
        );
        assert_eq!(date_in("2023/05/16"), Some(d(2023, 5, 16)));
        assert_eq!(date_in("20230516"), Some(d(2023, 5, 16)));
        assert_eq!(date_in("2023-02-30"), None);
        assert_eq!(
            stamp("页面生成时间 2023-05-16 12:34:05").map(|s| s.time),
            Some(Some((12, 34, 5)))
        );
    }

    #[test]
    fn info_bar_labels() {
        let got = labelled(&lines(&[
            "发布时间：2023-05-16 10:00 来源：宜春市统计局【字体：大 中 小】 浏览次数：12",
            "发文日期：2023-04-18",
            "发布机构：",
            "宜春市统计局",
        ]));
        let got: Vec<(bool, &str)> = got
            .iter()
            .map(|(f, v)| (*f == Field::ShownDate, v.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    true,
                    "2023-05-16 10:00 来源：宜春市统计局【字体：大 中 小】 浏览次数：12"
                ),
                (false, "宜春市统计局"),
                (false, "宜春市统计局")
            ]
        );
    }

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(
            page_title(" 宜春市2022年统计公报 |\n 中国宜春 ", Some("中国宜春")).as_deref(),
            Some("宜春市2022年统计公报")
        );
        assert_eq!(
            page_title("关于印发通知的通知_江西省人民政府", None).as_deref(),
            Some("关于印发通知的通知")
        );
    }
}
