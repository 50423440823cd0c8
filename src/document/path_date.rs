//! Dates in file and folder names, as crawls write them: `20230516`, `2023-05-16`,
//! `2023_05_16`, `t20230516_1234567.html`, `…/202305/t20230516_…`,
//! `…/20190614/n123456789.txt`.
//!
//! A date counts only as a whole: its digits neither follow nor precede another letter or
//! digit (one letter before it may mark it, as `t20230516`), it is a valid calendar date,
//! and its year is between 1980 and 2099 (a longer number or an identifier is no date).
//! The name nearest the file wins: the file's own name, then its folder, and so on up.
//!
//! [`load`](crate::load) reads it into [`Loaded::path_date`](crate::Loaded::path_date), so
//! that the command line and the library date a file alike.

use std::path::Path;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9A-Za-z])[A-Za-z]?((?:19[89]|20[0-9])[0-9])([-_.]?)([01][0-9])([-_.]?)([0-3][0-9])(?:$|[^0-9A-Za-z])",
    )
    .expect("the path date pattern compiles")
});

/// The date a file's path holds, if any: in the file's name, else in the nearest folder's
/// name that holds one. Only a whole date counts (a valid one, 1980 to 2099, not part of a
/// longer number or of an identifier).
///
/// ```
/// use std::path::Path;
/// use press_stats::{Date, date_in_path};
///
/// let d = date_in_path(Path::new("www/202305/t20230516_1234567.html"));
/// assert_eq!(d, Date::new(2023, 5, 16).ok());
/// assert_eq!(date_in_path(Path::new("crawl/2019-06-14/notes.txt")), Date::new(2019, 6, 14).ok());
/// // An identifier is no date.
/// assert_eq!(date_in_path(Path::new("a/n123456789.txt")), None);
/// ```
pub fn date_in_path(path: &Path) -> Option<Date> {
    path.components()
        .rev()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .find_map(|name| date_in_name(&name))
}

fn date_in_name(name: &str) -> Option<Date> {
    // Matches may share a separator: look again from each match's first digit on.
    let mut from = 0usize;
    while let Some(c) = PATH_DATE.captures_at(name, from) {
        let (Some(y), Some(s1), Some(m), Some(s2), Some(d)) =
            (c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            break;
        };
        from = y.start() + 1;
        // One separator throughout, or none.
        if s1.as_str() != s2.as_str() {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (
            y.as_str().parse::<i16>(),
            m.as_str().parse::<i8>(),
            d.as_str().parse::<i8>(),
        ) else {
            continue;
        };
        if let Ok(date) = Date::new(y, m, d) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_paths() {
        let d = |y, m, dd| Date::new(y, m, dd).ok();
        for (path, want) in [
            ("crawl/20230516.txt", d(2023, 5, 16)),
            ("crawl/2023-05-16/a.txt", d(2023, 5, 16)),
            ("crawl/2023_05_16_news.html", d(2023, 5, 16)),
            ("www/202305/t20230516_1234567.html", d(2023, 5, 16)),
            ("site/20190614/n123456789.txt", d(2019, 6, 14)),
            ("2019-06-14/sub/t20230516_1.html", d(2023, 5, 16)),
            ("x/2019-06-14/notes.txt", d(2019, 6, 14)),
            // Not dates: invalid, inside a longer number or an identifier, mixed separators.
            ("a/20230230.txt", None),
            ("a/120230516.txt", None),
            ("a/n123456789.txt", None),
            ("000_5a25de44587b9c28.txt", None),
            ("ab20230516.txt", None),
            ("a/2023-05_16.txt", None),
            ("a/202305/x.txt", None),
            ("a/10000101.txt", None),
        ] {
            assert_eq!(date_in_path(Path::new(path)), want, "{path}");
        }
    }
}
