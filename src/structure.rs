//! Document structure: lines classified as title, heading, speaker turn, paragraph or page
//! chrome; sentences and clauses within them.
//!
//! Offsets are chars of the document text; each block also knows its byte range so that
//! later stages can slice the text without recounting.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::lexicon::{CharBits, CharTable};

/// What a line of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// The headline.
    Title,
    /// A section heading: a short line without final punctuation.
    Heading,
    /// A transcript speaker line (`林碧英(宁德市民政局党组成员、副局长):`).
    Speaker,
    /// Running text.
    Paragraph,
    /// Page chrome (navigation, share buttons, bylines, copyright): no claims.
    Chrome,
}

/// One non-empty line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// The heading of the section the line is in (index into the blocks).
    pub section: Option<usize>,
    /// The speaker line of the transcript turn the line is in.
    pub turn: Option<usize>,
    /// For a list item (`——…`), the paragraph that introduces the list.
    pub lead: Option<usize>,
    /// Whether this is the first paragraph of its section (the section's lead).
    pub section_lead: bool,
    /// The lead paragraph of the section, once it has been seen (index into the blocks).
    pub lead_of_section: Option<usize>,
    /// For a numbered heading, the heading of higher rank it falls under (`（一）预算收支`
    /// under `一、2022年预算执行情况`).
    pub parent: Option<usize>,
    /// Char range in the document.
    pub start: usize,
    pub end: usize,
    /// Byte range in the document.
    pub byte_start: usize,
    pub byte_end: usize,
}

const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

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

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；' | '…')
}

/// Marks that end a sentence: 。！？ (a semicolon joins clauses of one sentence).
fn is_sentence_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | '…')
}

/// The first `n` chars of `s`.
fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// A line of the text: its first char, its length in chars and its byte range.
struct Line {
    start: usize,
    n: usize,
    byte_start: usize,
    byte_end: usize,
}

/// Splits the document into classified lines.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let (mut start, mut byte_start) = (0, 0);
    let lines = text.split('\n').map(|line| {
        let n = line.chars().count();
        let l = Line {
            start,
            n,
            byte_start,
            byte_end: byte_start + line.len(),
        };
        start += n + 1;
        byte_start += line.len() + 1;
        l
    });
    classify(text, lines, true)
}

/// [`blocks`] of a text whose line breaks are known: `breaks` holds the byte offset of
/// each `\n`, and `bytes` the byte offset of each char and of the end (as a text loaded
/// at offset 0 has them), so that no line is searched for or counted again; `folds` says
/// whether normalization changes some char of the text (if not, no line is tested).
pub(crate) fn blocks_at(text: &str, breaks: &[usize], bytes: &[u32], folds: bool) -> Vec<Block> {
    let mut start = 0;
    let lines = breaks.iter().copied().chain([text.len()]).map(|byte_end| {
        let byte_start = bytes.get(start).map_or(text.len(), |&b| b as usize);
        // The line's chars are at most its bytes: its end is found in that window.
        let window = bytes
            .get(start..=(start + byte_end - byte_start).min(bytes.len().saturating_sub(1)))
            .unwrap_or_default();
        let n = window.partition_point(|&b| (b as usize) < byte_end);
        let l = Line {
            start,
            n,
            byte_start,
            byte_end,
        };
        start += n + 1;
        l
    });
    classify(text, lines, folds)
}

/// Classifies the lines of `text` (`folds`: whether normalization may change some char).
fn classify(text: &str, lines: impl Iterator<Item = Line>, folds: bool) -> Vec<Block> {
    let chrome = &*CHROME;
    let fold = crate::document::normalize::folder();
    // Press lines run to a few hundred bytes: room for most documents' lines at once.
    let mut out = Vec::with_capacity((text.len() / 128).clamp(8, 1024));
    let mut in_tail = false;
    let mut seen_title = false;
    // The kind of the last block that is not chrome.
    let mut last_content: Option<BlockKind> = None;
    for Line {
        start,
        n,
        byte_start,
        byte_end,
    } in lines
    {
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
            continue;
        }
        if in_tail {
            // A footer is short lines. A paragraph after one is the next article of a file
            // that holds several (a crawl's daily dump): reading resumes there.
            if n <= PROSE_LINE || !trimmed.contains('。') {
                out.push(block(BlockKind::Chrome));
                continue;
            }
            in_tail = false;
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
            in_tail = true;
            BlockKind::Chrome
        } else if short
            && (chrome.exact.contains(&trimmed)
                || marker
                || chrome.ends.iter().any(|e| trimmed.ends_with(e))
                // (A menu after the headline is no title and holds no claims.)
                || !seen_title && is_menu(trimmed)
                || is_date_line(trimmed))
            || tn <= 2 && !trimmed.chars().any(|c| c.is_alphanumeric())
        {
            BlockKind::Chrome
        } else if !seen_title && tn <= MAX_TITLE {
            seen_title = true;
            BlockKind::Title
        } else if !seen_title {
            // The first content line is the headline only when it is short enough to be one.
            seen_title = true;
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
            && last_content == Some(BlockKind::Title)
            && trimmed.starts_with('—')
        {
            BlockKind::Title
        } else {
            kind
        };
        if kind != BlockKind::Chrome {
            last_content = Some(kind);
        }
        out.push(block(kind));
    }
    link(&mut out, text);
    out
}

/// Whether a line only dates the page (`2025年11月16日 10:14`, `2023-05-16 12:34:05`): page
/// chrome, not a heading whose day would date a section.
fn is_date_line(line: &str) -> bool {
    static DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\d{4}(年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})")
            .expect("a valid pattern")
    });
    // (A row of numbers, `3473.12  -5.3`, starts with no date.)
    DATE.is_match(line)
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
                    && !w
                        .chars()
                        .any(|c| c.is_ascii_digit() || crate::number::is_chinese_numeral(c))
            })
    }
}

/// The number of chars of `s`, short-cut for the empty string.
fn count_chars(s: &str) -> usize {
    if s.is_empty() { 0 } else { s.chars().count() }
}

/// The rank of a numbered heading: 1 for `一、`, 2 for `（一）`, 3 for `1.` or `1、`, 4 for
/// `（1）`; `None` for a heading with no number.
fn heading_rank(line: &str) -> Option<u8> {
    let t: Vec<char> = line.trim_start().chars().take(6).collect();
    let cn = |c: &char| crate::number::is_chinese_numeral(*c);
    let digit = |c: &char| c.is_ascii_digit();
    let open = t.first().is_some_and(|c| matches!(c, '(' | '（'));
    let body = if open { &t[1..] } else { &t[..] };
    let n = body.iter().take_while(|c| cn(c)).count();
    let d = body.iter().take_while(|c| digit(c)).count();
    let close = |k: usize| body.get(k).is_some_and(|c| matches!(c, ')' | '）'));
    let mark = |k: usize| body.get(k).is_some_and(|c| matches!(c, '、' | '.' | '．'));
    match (open, n > 0, d > 0) {
        (false, true, _) if mark(n) => Some(1),
        (true, true, _) if close(n) => Some(2),
        (false, _, true) if mark(d) && !body.get(d + 1).is_some_and(digit) => Some(3),
        (true, _, true) if close(d) => Some(4),
        _ => None,
    }
}

/// Whether a paragraph is an item of a dashed list (`——持续推进…`).
fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("——")
        || t.starts_with('●')
        || t.starts_with('•')
        || t.starts_with('▲')
        || t.starts_with('■')
}

/// Fills in each block's section, turn, list lead and section-lead flag.
fn link(blocks: &mut [Block], text: &str) {
    let mut section = None;
    let mut turn = None;
    let mut lead = None;
    let mut first_in_section = true;
    let mut section_lead = None;
    // The speakers seen so far, once each by name: the block of the line that last gave it.
    let mut names: Vec<(&str, usize)> = Vec::new();
    // The numbered headings in force, by rank: (rank, block).
    let mut ranks: Vec<(u8, usize)> = Vec::new();
    // A transcript may give every turn inline (`傅立文:各位新闻界的朋友…`): two paragraphs or
    // more that open with a person's name and a colon make each such paragraph a turn.
    let inline_names = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .filter(|b| inline_person(&text[b.byte_start..b.byte_end]).is_some())
        .take(2)
        .count()
        >= 2;
    for (i, b) in blocks.iter_mut().enumerate() {
        let line = &text[b.byte_start..b.byte_end];
        // A paragraph that opens with a known speaker's name or a reporter's (`张华：截至6月底…`,
        // `记者：请问…`) is a new turn: the speaker's, or one of no department; an answer
        // (`答：`) ends a question's turn.
        // (Only transcripts, which have speaker lines, are looked at.)
        let inline_turn = match b.kind {
            BlockKind::Paragraph
                if inline_names
                    && inline_person(line).is_some_and(|n| !names.iter().any(|(k, _)| *k == n)) =>
            {
                Some(Some(i))
            }
            BlockKind::Paragraph if !names.is_empty() => {
                inline_speaker(line).and_then(|name| match names.iter().find(|(n, _)| *n == name) {
                    Some(&(_, at)) => Some(Some(at)),
                    None if is_questioner(name) => Some(Some(i)),
                    None if matches!(name, "答" | "回答") => Some(None),
                    None => None,
                })
            }
            _ => None,
        };
        if b.kind == BlockKind::Speaker {
            if let Some((name, host, _)) = speaker_fields(line) {
                let mut note = |name| match names.iter_mut().find(|(n, _)| *n == name) {
                    Some(seen) => seen.1 = i,
                    None => names.push((name, i)),
                };
                note(name);
                if host {
                    note("主持人");
                }
            }
        }
        if let Some(at) = inline_turn {
            turn = at;
            section = None;
            lead = None;
            first_in_section = true;
            section_lead = None;
        }
        match b.kind {
            BlockKind::Heading => {
                section = Some(i);
                lead = None;
                first_in_section = true;
                section_lead = None;
                // A numbered heading falls under the nearest one of higher rank.
                let rank = heading_rank(&text[b.byte_start..b.byte_end]);
                while ranks
                    .last()
                    .is_some_and(|&(r, _)| rank.is_none_or(|k| r >= k))
                {
                    ranks.pop();
                }
                b.parent = ranks.last().map(|&(_, at)| at);
                if let Some(k) = rank {
                    ranks.push((k, i));
                }
            }
            BlockKind::Speaker => {
                turn = Some(i);
                section = None;
                lead = None;
                first_in_section = true;
                section_lead = None;
            }
            BlockKind::Paragraph => {
                if is_list_item(&text[b.byte_start..b.byte_end]) {
                    b.lead = lead;
                } else {
                    lead = Some(i);
                    b.section_lead = first_in_section;
                    if first_in_section && section.is_some() {
                        section_lead = Some(i);
                    }
                    first_in_section = false;
                }
            }
            BlockKind::Title | BlockKind::Chrome => {}
        }
        b.section = section;
        b.turn = turn;
        b.lead_of_section = section_lead;
    }
}

/// The name before a colon that opens a paragraph (`张华：截至6月底…` → `张华`), if it is
/// short enough to be one (at most ten chars).
fn inline_speaker(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let (at, _) = line
        .char_indices()
        .take(11)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let name = line[..at].trim();
    (!name.is_empty()).then_some(name)
}

/// The person whose turn a paragraph opens inline (`傅立文:各位…` → `傅立文`): a name of two
/// or three chars (four are a phrase more often than a name: `初步统计：`), not a note's
/// label, before a colon at the paragraph's start.
pub(crate) fn inline_person(line: &str) -> Option<&str> {
    let t = &*TITLES;
    inline_speaker(line).filter(|n| {
        is_name(n)
            && n.chars().count() <= 3
            && !t.labels.contains(n)
            && !t.not_names.iter().any(|w| n.ends_with(w))
            && !is_questioner(n)
    })
}

/// A speaker line's parts: the name, whether the speaker is the host (`主持人`), and the
/// text in brackets (`宁德市民政局党组成员、副局长`), if any.
pub(crate) fn speaker_parts(line: &str) -> Option<(String, bool, Option<String>)> {
    speaker_fields(line)
        .map(|(name, host, inner)| (name.to_string(), host, inner.map(str::to_string)))
}

/// `主持人 廖南福:`, `林碧英(宁德市民政局党组成员、副局长):`, `李志嵩(…副局长)`.
pub(crate) fn is_speaker_line(line: &str) -> bool {
    speaker_fields(line).is_some()
}

/// [`speaker_parts`], borrowed from the line.
fn speaker_fields(line: &str) -> Option<(&str, bool, Option<&str>)> {
    // At most 80 chars of at most 4 bytes; checked before counting anything.
    if line.len() > 320 || !(line.ends_with([':', '：', ')', '）'])) {
        return None;
    }
    if line.chars().count() > 80 {
        return None;
    }
    // The line less one final colon.
    let (body, ends_colon) = match line.strip_suffix([':', '：']) {
        Some(b) => (b, true),
        None => (line, false),
    };
    let body = body.trim();
    let (head, inner) = match body.find(['(', '（']) {
        Some(i) => {
            let rest = &body[i..];
            if !(rest.ends_with(')') || rest.ends_with('）')) {
                return None;
            }
            let inner = rest
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）']);
            (&body[..i], Some(inner.trim()))
        }
        None => (body, None),
    };
    if !ends_colon && inner.is_none() {
        return None;
    }
    // `【何亚东】:` brackets the name.
    let head = head.trim();
    let head = head
        .strip_prefix('【')
        .and_then(|h| h.strip_suffix('】'))
        .unwrap_or(head)
        .trim();
    // A note's label (`注释：`, `资料来源：`) is no one's turn.
    if TITLES.labels.contains(&head) {
        return None;
    }
    match head.strip_prefix("主持人").map(str::trim) {
        // 主持人（市政府新闻办副主任 陈明）: the name closes the brackets.
        Some("") if ends_colon => {
            let (post, name) = inner.and_then(host_in_brackets)?;
            Some((name, true, Some(post)))
        }
        Some("") => None,
        Some(name) => is_name(name).then_some((name, true, inner)),
        None if is_name(head) || (ends_colon && inner.is_none() && is_questioner(head)) => {
            Some((head, false, inner))
        }
        // 市统计局局长 刘洋： the post first, the name last, no brackets.
        None if ends_colon && inner.is_none() => {
            let (post, name) = post_then_name(head)?;
            match is_questioner(post) {
                true => Some((post, false, None)),
                false => Some((name, false, Some(post))),
            }
        }
        None => None,
    }
}

/// The posts and the verbs of speech of `data/titles.txt`.
struct Titles {
    titles: Vec<&'static str>,
    not_names: Vec<&'static str>,
    labels: Vec<&'static str>,
    /// `titles` and `not_names` as chars, for scans over chars.
    title_chars: Vec<Vec<char>>,
    speech_chars: Vec<Vec<char>>,
}

static TITLES: LazyLock<Titles> = LazyLock::new(|| {
    let mut t = Titles {
        titles: Vec::new(),
        not_names: Vec::new(),
        labels: Vec::new(),
        title_chars: Vec::new(),
        speech_chars: Vec::new(),
    };
    for (_, f) in crate::lexicon::rows(include_str!("../data/titles.txt")) {
        match f.get(1).copied() {
            Some("notname") => t.not_names.push(f[0]),
            Some("label") => t.labels.push(f[0]),
            _ => t.titles.push(f[0]),
        }
    }
    t.title_chars = t.titles.iter().map(|w| w.chars().collect()).collect();
    t.speech_chars = t.not_names.iter().map(|w| w.chars().collect()).collect();
    t
});

/// A head written post first and name last (`市统计局局长 刘洋`, `市发展改革局副局长陈静`,
/// `新华社记者 王晓`): the post and the name. The post must end with a title
/// (`data/titles.txt`) or name a reporter, so that a heading ending in a colon is none.
fn post_then_name(head: &str) -> Option<(&str, &str)> {
    let t = &*TITLES;
    let titled = |post: &str| t.titles.iter().any(|w| post.ends_with(w)) || is_questioner(post);
    let is_name = |name: &str| is_name(name) && !t.not_names.iter().any(|w| name.ends_with(w));
    if let Some((post, name)) = head.rsplit_once([' ', '\u{3000}']) {
        let post = post.trim();
        return (is_name(name) && titled(post)).then_some((post, name));
    }
    // Without a space the name is the last two chars, or else the last three, after a
    // title (a four-char name would too often swallow a title's tail).
    [2, 3].into_iter().find_map(|n| {
        let (at, _) = head.char_indices().rev().nth(n - 1)?;
        let (post, name) = head.split_at(at);
        (post.chars().nth(1).is_some() && is_name(name) && titled(post)).then_some((post, name))
    })
}

/// After a body's name, its post and the name of a person who speaks for it
/// (`党组成员、副局长、新闻发言人黎雁南介绍`): the name's char range in `chars`. The post
/// must end with a title of `data/titles.txt` and the name be followed by a verb of speech.
pub(crate) fn spokesperson(chars: &[char]) -> Option<(usize, usize)> {
    let t = &*TITLES;
    let post_end = |p: usize| {
        t.title_chars
            .iter()
            .any(|w| p >= w.len() && chars[p - w.len()..p] == w[..])
    };
    let speaks = |at: usize| {
        t.speech_chars
            .iter()
            .any(|w| chars.get(at..at + w.len()) == Some(w.as_slice()))
    };
    for p in 1..chars.len().min(32) {
        let c = chars[p - 1];
        if !(is_han(c) || c == '、') {
            return None;
        }
        // Most chars end no title: one test of the last char before the words.
        if !t.title_chars.iter().any(|w| w.last() == Some(&c)) || !post_end(p) {
            continue;
        }
        for n in [2, 3] {
            let name = chars.get(p..p + n)?;
            if name.iter().all(|&c| is_han(c)) && speaks(p + n) {
                return Some((p, p + n));
            }
        }
    }
    None
}

/// The post and name of a host given in brackets after `主持人`, the name last
/// (`市政府新闻办副主任 陈明`).
fn host_in_brackets(inner: &str) -> Option<(&str, &str)> {
    let (post, name) = inner.trim().rsplit_once([' ', '\u{3000}'])?;
    is_name(name).then_some((post.trim(), name))
}

/// A char of the CJK Unified Ideographs block, as names are written.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A personal name as speaker lines give it: two to four Han chars, `·` allowed.
fn is_name(s: &str) -> bool {
    (2..=4).contains(&s.chars().count()) && s.chars().all(|c| is_han(c) || c == '·')
}

/// Whether a speaker line's name is a reporter or the question of a Q&A (`新华社记者`,
/// `记者`, `问`): a turn that is no official's, so its figures are nobody's statement.
pub(crate) fn is_questioner(name: &str) -> bool {
    crate::lexicon::questioners::is_questioner(name)
}

/// The sentence stops of [`is_sentence_stop`], for scanning eight chars at a time.
static STOPS: CharTable = CharTable::of("。!?！？…");

/// Sentence ranges of `chars[from..to]` into `out` (cleared first, to reuse its buffer),
/// cut after 。！？ and at line ends. A closing quote or bracket right after the end mark
/// stays with its sentence.
pub(crate) fn sentences_into(
    chars: &[char],
    from: usize,
    to: usize,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let to = to.min(chars.len());
    let span = &chars[..to];
    let mut s = from;
    loop {
        let i = STOPS.find(span, s);
        if i >= to {
            break;
        }
        let mut e = i + 1;
        while e < to
            && (is_sentence_stop(chars[e])
                || matches!(chars[e], '”' | '’' | '」' | '）' | ')' | '"'))
        {
            e += 1;
        }
        out.push((s, e));
        s = e;
    }
    if s < to {
        out.push((s, to));
    }
}

/// Whether `c` ends a clause (for subjects and change words): commas, colons, list
/// commas, semicolons and sentence ends. A colon between digits (8:00) is not one.
#[inline]
pub(crate) fn is_clause_break(chars: &[char], i: usize) -> bool {
    // Most chars are none of these: one bit test passes them.
    static BREAKS: CharBits = CharBits::of(",，、;；。!?！？\n:：");
    if !BREAKS.contains(chars[i]) {
        return false;
    }
    match chars[i] {
        ',' | '，' | '、' | ';' | '；' | '。' | '!' | '?' | '！' | '？' | '\n' => true,
        ':' | '：' => {
            !(i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize::normalize;

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

    #[test]
    fn speaker_lines() {
        assert!(is_speaker_line("主持人 廖南福:"));
        assert!(is_speaker_line("林碧英(宁德市民政局党组成员、副局长):"));
        assert!(is_speaker_line("李志嵩(宁德市生态环境局党组成员、副局长)"));
        assert!(!is_speaker_line("各位来宾、新闻界的朋友们:"));
        assert!(!is_speaker_line("大家下午好!"));
        assert!(is_speaker_line("主持人（市政府新闻办副主任 陈明）："));
        assert!(!is_speaker_line("主持人（市政府新闻办副主任）："));
        assert!(is_speaker_line("新华社记者："));
        assert!(is_speaker_line("问："));
    }

    #[test]
    fn speaker_lines_post_first() {
        let parts = speaker_parts;
        assert_eq!(
            parts("市统计局局长 刘洋："),
            Some(("刘洋".into(), false, Some("市统计局局长".into())))
        );
        assert_eq!(
            parts("市发展改革局副局长陈静:"),
            Some(("陈静".into(), false, Some("市发展改革局副局长".into())))
        );
        assert_eq!(
            parts("区人社局党组书记、局长　欧阳明华："),
            Some((
                "欧阳明华".into(),
                false,
                Some("区人社局党组书记、局长".into())
            ))
        );
        // A reporter named after the outlet is a questioner's turn.
        assert_eq!(
            parts("人民日报记者 王晓："),
            Some(("人民日报记者".into(), false, None))
        );
        // A post without a title, or text that is no name, is no speaker line.
        assert!(!is_speaker_line("工作成效 明显："));
        assert!(!is_speaker_line("主要做法如下："));
        assert!(!is_speaker_line("全市重点项目进展情况："));
        assert!(!is_speaker_line("市统计局局长介绍："));
    }

    #[test]
    fn inline_turns() {
        let text = "标题\n张华（市统计局局长）：\n第一段。\n记者：请问有何举措？\n张华：第二段。\n会议指出：第三段。\n";
        let b = blocks(text);
        let turns: Vec<Option<usize>> = b.iter().map(|b| b.turn).collect();
        // The question is a turn of its own; 张华 speaks again in the turn of his line;
        // 会议指出 is no speaker.
        assert_eq!(turns, [None, Some(1), Some(1), Some(3), Some(1), Some(1)]);
        let qa = blocks(
            "标题\n张华（市统计局局长）：\n第一段。\n问：有何举措？\n答：一是加强监管。\n二是优化服务。\n",
        );
        let turns: Vec<Option<usize>> = qa.iter().map(|b| b.turn).collect();
        assert_eq!(turns, [None, Some(1), Some(1), Some(3), None, None]);
        // A text with no speaker line has no turns.
        let plain = blocks("标题\n记者：请问有何举措？\n第二段。\n");
        assert!(plain.iter().all(|b| b.turn.is_none()));
        // A transcript that gives every turn inline: each name's paragraph opens a turn.
        let inline =
            blocks("标题\n傅立文:各位记者,下午好。\n第二段。\n王美福:今年以来,运行平稳。\n");
        let turns: Vec<Option<usize>> = inline.iter().map(|b| b.turn).collect();
        assert_eq!(turns, [None, Some(1), Some(1), Some(3)]);
        // One such paragraph, or a note's label, makes no transcript.
        let one = blocks(
            "标题\n张华:截至6月底完成。\n第二段。\n注释:数据为初步统计数。\n初步核算:全年增长。\n",
        );
        assert!(one.iter().all(|b| b.turn.is_none()));
    }

    #[test]
    fn numbered_headings_fall_under_higher_ranks() {
        assert_eq!(heading_rank("一、2022年预算执行情况"), Some(1));
        assert_eq!(heading_rank("（一）预算收支情况"), Some(2));
        assert_eq!(heading_rank("1.一般公共预算"), Some(3));
        assert_eq!(heading_rank("(1)收入"), Some(4));
        assert_eq!(heading_rank("2022年预算执行情况"), None);
        assert_eq!(heading_rank("1.5万人参加"), None);
        let b =
            blocks("标题\n一、收支情况\n财政部门加强管理。\n（一）收入\n收入88亿元。\n二、其他\n");
        let parents: Vec<Option<usize>> = b.iter().map(|b| b.parent).collect();
        assert_eq!(parents, [None, None, None, Some(1), None, None]);
    }

    #[test]
    fn spokespeople_after_a_body() {
        let sp = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            spokesperson(&c).map(|(a, b)| c[a..b].iter().collect::<String>())
        };
        assert_eq!(
            sp("党组成员、副局长、新闻发言人黎雁南介绍，").as_deref(),
            Some("黎雁南")
        );
        assert_eq!(
            sp("党组成员、副局长、新闻发言人张明介绍，").as_deref(),
            Some("张明")
        );
        assert_eq!(sp("副局长王小明表示，").as_deref(), Some("王小明"));
        assert_eq!(sp("召开新闻发布会").as_deref(), None);
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

    #[test]
    fn block_offsets_slice_the_text() {
        let text = "第一行\r\n第二行很长,有标点。\n";
        for b in blocks(text) {
            let by_bytes = &text[b.byte_start..b.byte_end];
            let by_chars: String = text.chars().skip(b.start).take(b.end - b.start).collect();
            assert_eq!(by_bytes, by_chars);
        }
    }

    #[test]
    fn blocks_at_known_breaks_are_blocks() {
        for text in [
            "",
            "\n",
            "标题\n\n正文第一句,有数字3个。\r\n  \n尾\n",
            "a\nb",
            "设为首页|加入收藏\n标题在这里\n一、让群众喝好“放心水”\n𠀀é\n版权声明:未经许可\n+1",
            "設為首頁｜加入收藏\n標題\n版權聲明：未經許可\n",
        ] {
            let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            bytes.push(text.len() as u32);
            let breaks: Vec<usize> = text.match_indices('\n').map(|(b, _)| b).collect();
            let folds = normalize(text) != text;
            assert_eq!(
                blocks_at(text, &breaks, &bytes, folds),
                blocks(text),
                "{text:?}"
            );
        }
    }

    fn sentences(chars: &[char], from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = vec![(0, 0)];
        sentences_into(chars, from, to, &mut out);
        out
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let chars: Vec<char> = "他说“好。”然后走了!还有".chars().collect();
        let s = sentences(&chars, 0, chars.len());
        assert_eq!(s, vec![(0, 6), (6, 11), (11, 13)]);
        // Within bounds only, and every stop mark cuts.
        assert_eq!(sentences(&chars, 7, 99), vec![(7, 11), (11, 13)]);
        let chars: Vec<char> = "一。二!三?四！五？六…七".chars().collect();
        let ends: Vec<usize> = sentences(&chars, 0, chars.len())
            .iter()
            .map(|s| s.1)
            .collect();
        assert_eq!(ends, vec![2, 4, 6, 8, 10, 12, 13]);
    }
}
