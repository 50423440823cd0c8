//! Tables flattened into text, one row a line (spec §3): each bare number in a cell is a
//! claim. Its unit and multiplier come from its column's header (`年末人数(人)`, `比重(%)`)
//! or from its row's unit cell (`原煤  万吨  125.3  -4.1`), its subject is the row's label,
//! and a growth column (`比上年增长(%)`) gives percent claims that go up or down with their
//! sign. A number whose unit the table does not give is left out, never guessed.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::build::Site;
use super::{Change, Claim, Direction, Modality};
use crate::document::text::Chunk;
use crate::quantity::{self, Approx, ApproxWords, Found};
use crate::unit::{Unit, Units};

/// What a header row says of each column.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header {
    columns: Vec<Column>,
}

#[derive(Debug, Clone, Default)]
struct Column {
    /// The value and unit of one of what the column counts (`万吨` → 10000 吨).
    scale: Option<(Decimal, Unit)>,
    /// A rate of change (`比上年增长(%)`).
    growth: bool,
    /// The column gives each row's unit (`单位`).
    units: bool,
    /// The header cell, in document chars.
    cell: (usize, usize),
}

/// The cells of a table row: char ranges split at tabs, bars or runs of two spaces or
/// more; `None` for a line that is no row (fewer than two cells, or sentence punctuation).
pub(crate) fn cells(chars: &[char]) -> Option<Vec<(usize, usize)>> {
    if chars
        .iter()
        .any(|c| matches!(c, '。' | '，' | ',' | '；' | ';' | '！' | '？'))
    {
        return None;
    }
    let bars = chars.iter().any(|&c| matches!(c, '|' | '｜' | '\t'));
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= chars.len() {
        let sep = match chars.get(i) {
            None => 1,
            Some('|' | '｜' | '\t') => 1,
            Some(' ') if !bars && chars.get(i + 1) == Some(&' ') => {
                chars[i..].iter().take_while(|&&c| c == ' ').count()
            }
            _ => 0,
        };
        if sep == 0 {
            i += 1;
            continue;
        }
        out.push(trim(chars, start, i));
        start = i + sep;
        i += sep.max(1);
    }
    // (A bar that closes the row leaves an empty last cell.)
    while out.last().is_some_and(|&(s, e)| s == e) {
        out.pop();
    }
    (out.iter().filter(|(s, e)| s < e).count() >= 2).then_some(out)
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// A bare number filling a cell (`125.3`, `-4.1`): its value.
fn number(cell: &[char]) -> Option<Decimal> {
    let text: String = cell.iter().collect();
    let digits = text.strip_prefix(['+', '-']).unwrap_or(&text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    text.parse().ok()
}

/// The value and unit of one of `unit` (`万吨` → 10000 吨, `%` → 1 %), read by the
/// quantity recognizer as it reads `1万吨`.
fn scale(unit: &[char], units: &Units, approx: &ApproxWords) -> Option<(Decimal, Unit)> {
    if unit.is_empty() {
        return None;
    }
    let one: Vec<char> = std::iter::once('1').chain(unit.iter().copied()).collect();
    let mut found: Vec<Found> = Vec::new();
    quantity::recognize_into(&one, units, approx, &mut found);
    let f = found
        .first()
        .filter(|f| f.start == 0 && f.end == one.len())?;
    Some((f.value, f.unit.clone()?))
}

/// The unit written in brackets at the end of a header cell (`年末人数(人)` → 人).
fn bracketed(cell: &[char]) -> Option<&[char]> {
    let (&last, rest) = cell.split_last()?;
    if !matches!(last, ')' | '）') {
        return None;
    }
    let open = rest.iter().rposition(|&c| matches!(c, '(' | '（'))?;
    Some(&rest[open + 1..])
}

fn contains(cell: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    cell.windows(w.len()).any(|x| x == w.as_slice())
}

/// Reads a header row (a row with no bare number in it).
fn header(chunk: &Chunk, cells: &[(usize, usize)], units: &Units, a: &ApproxWords) -> Header {
    let chars = chunk.chars;
    let columns = cells
        .iter()
        .map(|&(s, e)| {
            let cell = &chars[s..e];
            let growth = ["增长", "增速", "增减", "比上年", "同比", "±"]
                .iter()
                .any(|w| contains(cell, w));
            Column {
                scale: bracketed(cell).and_then(|u| scale(u, units, a)),
                growth,
                units: matches!(
                    cell.iter().collect::<String>().as_str(),
                    "单位" | "计量单位"
                ),
                cell: (chunk.char_base + s, chunk.char_base + e),
            }
        })
        .collect();
    Header { columns }
}

/// The claims of one table row, or, for a header row, the header that the rows after it
/// read. `table` holds the header in force; it is cleared by a line that is no row.
#[allow(clippy::too_many_arguments)]
pub(crate) fn claims(
    chunk: &Chunk,
    block: usize,
    units: &Units,
    approx: &ApproxWords,
    table: &mut Option<Header>,
    out: &mut Vec<(Claim, Site)>,
) {
    let chars = chunk.chars;
    let Some(cells) = cells(chars) else {
        *table = None;
        return;
    };
    let numbers: Vec<Option<Decimal>> = cells.iter().map(|&(s, e)| number(&chars[s..e])).collect();
    if numbers.iter().all(Option::is_none) {
        *table = Some(header(chunk, &cells, units, approx));
        return;
    }
    let columns = table.as_ref().map_or(&[][..], |h| h.columns.as_slice());
    // The row's own unit: a unit column's cell, else the one cell that is a unit.
    let row_unit = cells
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(j, _)| numbers[*j].is_none())
        .filter(|(j, _)| columns.get(*j).is_none_or(|c| c.units))
        .find_map(|(_, &(s, e))| scale(&chars[s..e], units, approx));
    let (ls, le) = cells[0];
    let mut label = &chars[ls..le];
    for prefix in [&['其', '中', ':'][..], &['其', '中', '：'][..]] {
        if let Some(rest) = label.strip_prefix(prefix) {
            label = rest;
        }
    }
    let label: String = label.iter().collect::<String>().trim().to_string();
    if numbers[0].is_some() || label.is_empty() {
        return;
    }
    let row = trim(chars, 0, chars.len());
    // The row's cells share its text.
    let row_text: Arc<str> = chunk.text(row.0, row.1).into();
    for (j, &(s, e)) in cells.iter().enumerate().skip(1) {
        let Some(n) = numbers[j] else { continue };
        let column = columns.get(j).cloned().unwrap_or_default();
        let (value, unit, change) = if column.growth {
            let direction = if n.is_sign_negative() {
                Direction::Down
            } else {
                Direction::Up
            };
            let change = Change {
                direction,
                basis: None,
            };
            (n, Unit::Percent, Some(change))
        } else {
            let Some((one, unit)) = column.scale.clone().or_else(|| row_unit.clone()) else {
                continue;
            };
            let Some(value) = n.checked_mul(one) else {
                continue;
            };
            (value, unit, None)
        };
        let site = Site {
            block,
            sentence: (chunk.char_base + row.0, chunk.char_base + row.1),
            clause: (chunk.char_base + row.0, chunk.char_base + row.1),
            statement: chunk.char_base + row.0,
            area: None,
            clause_area: false,
            start: chunk.char_base + s,
            column: columns.get(j).map(|c| c.cell),
        };
        let claim = Claim {
            span: chunk.span(s, e),
            text: chunk.text(s, e).to_string(),
            kind: unit.kind(),
            value: value.normalize(),
            upper: None,
            approx: Approx::Exact,
            unit,
            subject: Some(label.clone()),
            change,
            modality: Modality::Actual,
            department: None,
            date: None,
            sentence: Arc::clone(&row_text),
            part_of: None,
            change_of: None,
        };
        out.push((claim, site));
    }
}

#[cfg(test)]
mod tests {
    use super::cells;

    fn split(s: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = s.chars().collect();
        cells(&chars).map(|c| {
            c.iter()
                .map(|&(a, b)| chars[a..b].iter().collect())
                .collect()
        })
    }

    #[test]
    fn rows_split_at_bars_tabs_and_wide_spaces() {
        assert_eq!(
            split("原煤  万吨  125.3  -4.1").unwrap(),
            ["原煤", "万吨", "125.3", "-4.1"]
        );
        assert_eq!(
            split("全县人口 | 98509 | -- |").unwrap(),
            ["全县人口", "98509", "--"]
        );
        assert_eq!(
            split("谷物\t97658\t-9.7").unwrap(),
            ["谷物", "97658", "-9.7"]
        );
        assert_eq!(
            split("指 标 | 年末人数(人)").unwrap(),
            ["指 标", "年末人数(人)"]
        );
        // Prose is no row.
        assert!(split("全年粮食产量16.28万吨，增长0.5%。").is_none());
        assert!(split("一、综合").is_none());
    }
}
