//! Which kind of block each line is: title, heading, speaker line, paragraph or page
//! chrome (the site's menus, bylines, date lines and footer).

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::headings::link;
use super::sentences::is_sentence_end;
use super::speakers::is_speaker_line;
use super::{Block, BlockKind, Line};

const BOILERPLATE: &str = include_str!("../../data/boilerplate.txt");

struct Chrome {
    /// `line` markers then `tail` markers, in one automaton; `tail_from` is where the
    /// tail markers begin.
    markers: AhoCorasick,
    tail_from: usize,
    tail: Vec<&'static str>,
    exact: Vec<&'static str>,
    /// Bylines: a short line ending with one of these (`南方+ 记者`).
    ends: Vec<&'static str>,
}

static CHROME: LazyLock<Chrome> = LazyLock::new(|| {
    let (mut line, mut tail, mut exact, mut ends) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Parsed by hand, not with lexicon::rows, because a marker may end in a space (`记者 `).
    for l in BOILERPLATE.lines() {
        if l.starts_with('#') {
            continue;
        }
        let Some((kind, text)) = l.split_once('\t') else {
            continue;
        };
        match kind {
            "line" => line.push(text),
            "tail" => tail.push(text),
            "exact" => exact.push(text),
            "end" => ends.push(text),
            _ => {}
        }
    }
    let tail_from = line.len();
    let all: Vec<&str> = line.iter().chain(tail.iter()).copied().collect();
    Chrome {
        markers: AhoCorasick::new(all).expect("the chrome markers are plain strings"),
        tail_from,
        tail,
        exact,
        ends,
    }
});

/// A first line longer than this is running text, not a headline.
const MAX_TITLE: usize = 120;

/// Lines longer than this are never chrome by a `line` marker: markers are for short lines.
const SHORT_LINE: usize = 60;

/// A footer line ending in 。 is a short notice (未经许可不得转载。); a longer one is prose.
const PROSE_LINE: usize = 30;

/// The first `n` chars of `s`.
fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// Classifies the lines of `text` (`folds`: whether normalization may change some char).
pub(super) fn classify(text: &str, lines: impl Iterator<Item = Line>, folds: bool) -> Vec<Block> {
    // Press lines run to a few hundred bytes: room for most documents' lines at once.
    let mut out = Vec::with_capacity((text.len() / 128).clamp(8, 1024));
    let mut kinds = Classifier::new(folds);
    out.extend(lines.filter_map(|l| kinds.next(text, l)));
    link(&mut out, text);
    out
}

/// What classifying a line reads of the lines before it: lines are classified one at a
/// time, in order, so that a huge document need not hold them all.
pub(super) struct Classifier {
    folds: bool,
    in_tail: bool,
    seen_title: bool,
    /// The kind of the last block that is not chrome.
    last_content: Option<BlockKind>,
}

impl Classifier {
    /// A classifier at the start of a text (`folds`: whether normalization may change
    /// some char of it).
    pub(super) fn new(folds: bool) -> Classifier {
        Classifier {
            folds,
            in_tail: false,
            seen_title: false,
            last_content: None,
        }
    }

    /// The block of the next line of `text`, not yet linked; `None` for a blank line.
    pub(super) fn next(&mut self, text: &str, l: Line) -> Option<Block> {
        let chrome = &*CHROME;
        let fold = crate::document::normalize::folder();
        let folds = self.folds;
        let Line {
            start,
            n,
            byte_start,
            byte_end,
        } = l;
        let line = &text[byte_start..byte_end];
        let block = |kind| Block {
            kind,
            section: None,
            turn: None,
            lead: None,
            section_lead: false,
            lead_of_section: None,
            parent: None,
            start,
            end: start + n,
            byte_start,
            byte_end,
        };
        let head_trimmed = line.trim_start();
        let trimmed = head_trimmed.trim_end();
        if trimmed.is_empty() {
            return None;
        }
        if self.in_tail {
            // A footer is short lines. A paragraph after one is the next article of a file
            // that holds several (a crawl's daily dump): reading resumes there.
            if n <= PROSE_LINE || !trimmed.contains('。') {
                return Some(block(BlockKind::Chrome));
            }
            self.in_tail = false;
        }
        // The chars of the trimmed line: the line's, less the few trimmed off.
        let tn = n
            - count_chars(&line[..line.len() - head_trimmed.len()])
            - count_chars(&head_trimmed[trimmed.len()..]);
        let short = tn <= SHORT_LINE;
        // Markers are matched on the normalized line (Traditional and full-width forms too):
        // the whole of a short line, the first chars of a long one.
        let window = if short {
            trimmed
        } else {
            prefix_chars(trimmed, 12)
        };
        let folded: Cow<str> = if folds && fold.changes_any(window) {
            Cow::Owned(window.chars().map(|c| fold.fold(c)).collect())
        } else {
            Cow::Borrowed(window)
        };
        let (raw, trimmed) = (trimmed, &*folded);
        // One scan of a short line for markers: whether it holds any, and a tail one.
        let (mut marker, mut tail_marker) = (false, false);
        if short {
            for m in chrome.markers.find_iter(trimmed) {
                marker = true;
                if m.pattern().as_usize() >= chrome.tail_from {
                    tail_marker = true;
                    break;
                }
            }
        }
        let kind = if chrome.tail.iter().any(|m| trimmed.starts_with(m)) || tail_marker {
            self.in_tail = true;
            BlockKind::Chrome
        } else if short
            && (chrome.exact.contains(&trimmed)
            || marker
            || chrome.ends.iter().any(|e| trimmed.ends_with(e))
            // (A menu after the headline is no title and holds no claims.)
            || !self.seen_title && is_menu(trimmed)
            || is_date_line(trimmed)
            || is_page_marker(trimmed))
            || tn <= 2 && !trimmed.chars().any(|c| c.is_alphanumeric())
        {
            BlockKind::Chrome
        } else if !self.seen_title && tn <= MAX_TITLE && !is_prose(raw) {
            self.seen_title = true;
            BlockKind::Title
        } else if !self.seen_title {
            // The first content line is the headline only when it is short enough to be one.
            self.seen_title = true;
            BlockKind::Paragraph
        } else if is_speaker_line(raw) {
            BlockKind::Speaker
        } else if tn <= 40
            && !raw
                .chars()
                .last()
                .is_some_and(|c| is_sentence_end(c) || c == ':' || c == '：')
        {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        // A subtitle right under the title (`—市直机关开展…综述`) is part of it.
        let kind = if kind != BlockKind::Chrome
            && self.last_content == Some(BlockKind::Title)
            && trimmed.starts_with('—')
        {
            BlockKind::Title
        } else {
            kind
        };
        if kind != BlockKind::Chrome {
            self.last_content = Some(kind);
        }
        Some(block(kind))
    }
}

/// Whether a line only dates the page (`2025年11月16日 10:14`, `2023-05-16 12:34:05`): page
/// chrome, not a heading whose day would date a section.
fn is_date_line(line: &str) -> bool {
    // (A row of numbers, `3473.12  -5.3`, starts with no date.)
    starts_with_date(line)
        && line.chars().count() <= 24
        && line.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_whitespace()
                || matches!(
                    c,
                    '年' | '月' | '日' | '号' | '时' | '分' | '秒' | ':' | '：' | '-' | '/' | '.'
                )
        })
}

/// Whether a first line is prose, not a headline: it holds a full stop before its
/// last char (`记者26日从太原海关获悉,…下降5.8%。第三季度进出口明显好转,…`).
fn is_prose(line: &str) -> bool {
    line.trim_end_matches(['。', '！', '？', '!', '?'])
        .contains(['。', '！', '？'])
}

/// Whether `line` names a newspaper page, as an e-paper's article opens (`第A03版:`,
/// `第03版：要闻`, `A5版`): the page, with at most a few chars of its section's name.
fn is_page_marker(line: &str) -> bool {
    let rest = line.strip_prefix('第').unwrap_or(line);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_uppercase());
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(rest) = rest[digits..].strip_prefix('版') else {
        return false;
    };
    let rest = rest.trim_start_matches([':', '：', ' ', '　']);
    (1..=3).contains(&digits) && rest.chars().count() <= 8 && !rest.contains(['。', '，', ','])
}

/// Whether `line` starts with a date of ASCII digits: four digits, then `年`, one or two
/// digits, `月`, one or two digits and `日`; or four digits, one of `-/.`, one or two
/// digits, one of `-/.` and a digit (a date line holds no other digits).
fn starts_with_date(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = |at: usize| {
        b.get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    // One or two digits at `at` and then `word`: where the word ends.
    let number_then = |at: usize, word: &str| {
        let n = digits(at);
        let w = word.as_bytes();
        ((1..=2).contains(&n) && b.get(at + n..)?.starts_with(w)).then_some(at + n + w.len())
    };
    let sep = |at: usize| matches!(b.get(at), Some(b'-' | b'/' | b'.'));
    if digits(0) != 4 {
        return false;
    }
    if b[4..].starts_with("年".as_bytes()) {
        return number_then(4 + "年".len(), "月")
            .and_then(|at| number_then(at, "日"))
            .is_some();
    }
    let n = digits(5);
    sep(4) && (1..=2).contains(&n) && sep(5 + n) && digits(5 + n + 1) > 0
}

/// Whether a line is a site's menu or breadcrumb trail: three or more short items split by
/// `|` or `>` (`首页 | 政务公开 | 办事服务`, `首页 > 新闻中心 > 部门动态`), or four or more
/// words split by spaces, with no sentence punctuation.
fn is_menu(line: &str) -> bool {
    if line.contains(['。', ',', '，', ';', '；', '!', '！', '?', '？']) {
        return false;
    }
    let items = |sep: &[char]| {
        let mut n = 0usize;
        for item in line.split(sep) {
            let len = item.trim().chars().count();
            if !(1..=8).contains(&len) {
                return 0;
            }
            n += 1;
        }
        n
    };
    items(&['|', '｜', '>', '＞', '»', '/', '／']) >= 3 || {
        let words: Vec<&str> = line.split_whitespace().collect();
        // Spaced-out numbers (`一 百 五 十`) are no menu: its items are words of two chars or
        // more, without numerals.
        words.len() >= 4
            && words.iter().all(|w| {
                (2..=6).contains(&w.chars().count())
                    && !w.chars().any(|c| {
                        c.is_ascii_digit() || crate::lexicon::numerals::is_chinese_numeral(c)
                    })
            })
    }
}

/// The number of chars of `s`, short-cut for the empty string.
fn count_chars(s: &str) -> usize {
    if s.is_empty() { 0 } else { s.chars().count() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::blocks;
    use crate::structure::speakers::speaker_parts;

    fn kinds(text: &str) -> Vec<BlockKind> {
        blocks(text).into_iter().map(|b| b.kind).collect()
    }

    #[test]
    fn lines_are_classified() {
        let text = "设为首页|加入收藏\n标题在这里\n\n一、让群众喝好“放心水”\n正文第一句,有数字3个。\n版权声明:未经许可\n+1\n";
        assert_eq!(
            kinds(text),
            vec![
                BlockKind::Chrome,
                BlockKind::Title,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Chrome,
                BlockKind::Chrome
            ]
        );
    }

    #[test]
    fn a_newspaper_page_line_is_chrome_before_the_title() {
        for page in ["第A03版:", "第03版：要闻", "A5版", "第12版 "] {
            let text = format!("{page}\n我市召开上半年经济运行新闻发布会\n正文,增长3%。\n");
            assert_eq!(
                kinds(&text),
                [BlockKind::Chrome, BlockKind::Title, BlockKind::Paragraph],
                "{page}"
            );
        }
        // A first line of two sentences is the lead paragraph, not a headline.
        let lead = "记者26日从太原海关获悉,前三季度进出口总值983.1亿元。第三季度进出口明显好转。\n正文。\n";
        assert_eq!(kinds(lead)[0], BlockKind::Paragraph);
        assert_eq!(
            kinds("一季度全市经济运行稳中向好\n正文。\n")[0],
            BlockKind::Title
        );
        // A sentence about a page, or a page range, is not the marker.
        assert!(!is_page_marker("第3版刊登了全文。"));
        assert!(!is_page_marker("版权所有"));
        assert!(!is_page_marker("第1234版"));
    }

    #[test]
    fn a_paragraph_after_a_footer_is_read_again() {
        // Two articles in one file: the first one's footer does not swallow the second.
        let para =
            "据统计,全市今年新建公园12个,改造提升绿地面积达到35万平方米,市民满意度进一步提高。";
        let text = format!("标题一\n{para}\n版权所有:某某网站\n备案号\n标题二\n{para}\n");
        assert_eq!(
            kinds(&text),
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Chrome,
                BlockKind::Chrome,
                BlockKind::Chrome,
                BlockKind::Paragraph
            ]
        );
    }

    /// [`is_date_line`] by a regular expression of Unicode digits.
    fn is_date_line_by_pattern(line: &str) -> bool {
        let pattern = regex::Regex::new(r"^\d{4}(年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})")
            .expect("a valid pattern");
        pattern.is_match(line)
            && line.chars().count() <= 24
            && line.chars().all(|c| {
                c.is_ascii_digit()
                    || c.is_whitespace()
                    || matches!(
                        c,
                        '年' | '月'
                            | '日'
                            | '号'
                            | '时'
                            | '分'
                            | '秒'
                            | ':'
                            | '：'
                            | '-'
                            | '/'
                            | '.'
                    )
            })
    }

    proptest::proptest! {
        #[test]
        fn date_lines_are_found_as_by_the_pattern(
            line in "[0-9１٣]{3,5}(年|-|/|\\.|:)?[0-9１]{0,3}(月|-|/|\\.)?[0-9]{0,3}(日|号| )?[0-9年月日 :a]{0,4}",
        ) {
            proptest::prop_assert_eq!(is_date_line(&line), is_date_line_by_pattern(&line), "{:?}", line);
        }
    }

    #[test]
    fn date_lines_are_chrome() {
        assert!(is_date_line("2025年11月16日 10:14"));
        assert!(is_date_line("2023-05-16 12:34:05"));
        assert!(!is_date_line("2023年全市经济运行情况"));
        assert!(!is_date_line("2023年"));
        assert!(!is_date_line("3473.12  -5.3  6.1"));
    }

    #[test]
    fn menus() {
        assert!(is_menu("首页 | 政务公开 | 办事服务 | 互动交流"));
        assert!(is_menu("首页 > 新闻中心 > 部门动态"));
        assert!(is_menu("首页  要闻  政务  民生  专题"));
        assert!(!is_menu("市人社局举办2023年春风行动招聘会"));
        assert!(!is_menu("一、综合"));
        assert!(!is_menu("收入 | 支出"));
        assert!(!is_menu("一 百 五 十 个 百 分 点"));
        assert!(!is_speaker_line("记者从市统计局获悉："));
        assert_eq!(
            speaker_parts("主持人（市政府新闻办副主任 陈明）："),
            Some(("陈明".into(), true, Some("市政府新闻办副主任".into())))
        );
    }
}
