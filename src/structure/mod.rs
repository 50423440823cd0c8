//! Document structure: lines classified as title, heading, speaker turn, paragraph or page
//! chrome (`classify`), sections and list leads (`headings`), transcript speakers
//! (`speakers`), and sentences and clauses within lines (`sentences`).
//!
//! Offsets are chars of the document text; each block also knows its byte range so that
//! later stages can slice the text without recounting.

mod classify;
mod headings;
mod sentences;
mod speakers;

pub(crate) use sentences::{is_clause_break, sentences_into};
pub(crate) use speakers::{
    inline_person, is_name, is_questioner, speaker_parts, speaks_at, spokesperson,
};

use std::collections::VecDeque;

use classify::{Classifier, classify};
use headings::{Linker, inline_names};

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

/// A line of the text: its first char, its length in chars and its byte range.
struct Line {
    start: usize,
    n: usize,
    byte_start: usize,
    byte_end: usize,
}

/// The lines of `text`, split at `\n` (and where a flattened page joined its sections:
/// [`unflatten`]).
fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let (mut start, mut byte_start) = (0, 0);
    text.split('\n')
        .map(move |line| {
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
        })
        .flat_map(move |l| unflatten(text, l))
}

/// A line, or the pieces of one: see [`unflatten`].
enum Pieces {
    One(std::iter::Once<Line>),
    Many(std::vec::IntoIter<Line>),
}

impl Iterator for Pieces {
    type Item = Line;
    fn next(&mut self) -> Option<Line> {
        match self {
            Pieces::One(l) => l.next(),
            Pieces::Many(v) => v.next(),
        }
    }
}

/// Shortest line (in bytes) that may be a flattened page: a page holds several sections.
const FLATTENED: usize = 900;

/// A line that holds a whole page's sections, flattened with spaces for its line breaks
/// (`…回升向好。 一、綜合 初步核算,…。 二、農業 2023年,…`), is read as the lines it was: a
/// numbered heading after a sentence's end and a space starts a line, and so does the text
/// after the heading's own space. Two such headings are needed: one could be a list inside
/// a paragraph.
fn unflatten(text: &str, l: Line) -> Pieces {
    let line = &text[l.byte_start..l.byte_end];
    // One pass over the line's full stops for one followed by a space.
    let spaced = || {
        memchr::memmem::find_iter(line.as_bytes(), "。".as_bytes()).any(|i| {
            let rest = &line.as_bytes()[i + 3..];
            rest.first() == Some(&b' ') || rest.starts_with("\u{3000}".as_bytes())
        })
    };
    if line.len() < FLATTENED || !spaced() {
        return Pieces::One(std::iter::once(l));
    }
    let space = |c: char| c == ' ' || c == '\u{3000}';
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    // The byte offsets in `line` where a piece starts.
    let mut cuts: Vec<usize> = Vec::new();
    let mut heads = 0;
    for (i, _) in line.match_indices('。') {
        let after = &line[i + '。'.len_utf8()..];
        let rest = after.trim_start_matches(space);
        if rest.len() == after.len() {
            continue;
        }
        let mut chars = rest.chars();
        let head = match (chars.next(), chars.next(), chars.next()) {
            (Some(a), Some('、'), _) if numeral(a) => true,
            (Some(a), Some(b), Some('、')) if numeral(a) && numeral(b) => true,
            (Some('(' | '（'), Some(a), Some(')' | '）')) if numeral(a) => true,
            _ => false,
        };
        if !head {
            continue;
        }
        heads += 1;
        let at = line.len() - rest.len();
        cuts.push(at);
        // The heading ends at its own space, within a heading's length and before any
        // punctuation of a sentence.
        if let Some((k, c)) = rest
            .char_indices()
            .take(20)
            .find(|&(_, c)| space(c) || "，,。：:；;".contains(c))
            && space(c)
        {
            let body = rest[k..].trim_start_matches(space);
            if !body.is_empty() {
                cuts.push(line.len() - body.len());
            }
        }
    }
    if heads < 2 {
        return Pieces::One(std::iter::once(l));
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let (mut from, mut start) = (0, l.start);
    for cut in cuts.into_iter().chain([line.len()]) {
        let n = line[from..cut].chars().count();
        out.push(Line {
            start,
            n,
            byte_start: l.byte_start + from,
            byte_end: l.byte_start + cut,
        });
        start += n;
        from = cut;
    }
    Pieces::Many(out.into_iter())
}

/// Splits the document into classified lines (as [`stream`] does, all at once).
#[cfg(test)]
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    classify(text, lines(text), true)
}

/// The classified lines of `text`, one at a time and not yet linked.
fn unlinked(text: &str) -> impl Iterator<Item = Block> + '_ {
    let mut kinds = Classifier::new(true);
    lines(text).filter_map(move |l| kinds.next(text, l))
}

/// Whether `text` gives the turns of a transcript inline (`傅立文:各位新闻界的朋友…`), as
/// [`stream`] needs to know before its first block.
pub(crate) fn inline_turns(text: &str) -> bool {
    inline_names(unlinked(text), text)
}

/// The blocks of [`blocks`], one at a time with their index, for a document too large to
/// hold a record of each of its lines (`inline`: [`inline_turns`] of `text`).
///
/// Each block is built when asked for, so the text is read again at each call.
pub(crate) fn stream(text: &str, inline: bool) -> impl Iterator<Item = (usize, Block)> + '_ {
    let mut linker = Linker::new(inline);
    unlinked(text).enumerate().map(move |(i, mut b)| {
        linker.link(i, &mut b, text);
        (i, b)
    })
}

/// The title lines of `text` (the headline and a subtitle under it), as [`blocks`] has
/// them but not linked: they come before any other line with content.
pub(crate) fn titles(text: &str) -> Vec<Block> {
    unlinked(text)
        .take_while(|b| matches!(b.kind, BlockKind::Title | BlockKind::Chrome))
        .filter(|b| b.kind == BlockKind::Title)
        .collect()
}

/// Blocks by index: all of a document's, or the few a document read as a [`stream`] keeps.
pub(crate) trait Blocks {
    /// Block `i`, if it is known.
    fn block(&self, i: usize) -> Option<&Block>;
    /// How many title and page-chrome lines open the document, of the blocks read so far.
    fn leading(&self) -> usize;
}

impl Blocks for Vec<Block> {
    fn block(&self, i: usize) -> Option<&Block> {
        self.get(i)
    }

    fn leading(&self) -> usize {
        self.iter()
            .take_while(|b| matches!(b.kind, BlockKind::Title | BlockKind::Chrome))
            .count()
    }
}

/// The blocks of a [`stream`] that attribution may still ask for once the stream has
/// reached a block: the last [`Kept::RECENT`], the title lines, and those later blocks
/// point back to (the section in force, the headings above it, its lead, the turn, the
/// list lead) or that [`Kept::push`] is told to keep.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    recent: VecDeque<(usize, Block)>,
    /// Older blocks still pointed to, by index.
    older: Vec<(usize, Block)>,
    leading: usize,
    /// Whether a line other than a title or chrome has been read.
    past_leading: bool,
}

impl Kept {
    /// How many of the last blocks are kept: a section's frame is looked for this far
    /// back (40 lines) and a list's continuation one line back.
    pub const RECENT: usize = 48;

    /// Adds block `i`, the next of the stream, and lets go of the older blocks that neither
    /// it points to nor `also` holds (those whose bodies the caller still reads).
    pub fn push(&mut self, i: usize, block: Block, also: impl Fn(usize) -> bool) {
        if !self.past_leading {
            if matches!(block.kind, BlockKind::Title | BlockKind::Chrome) {
                self.leading += 1;
            } else {
                self.past_leading = true;
            }
        }
        self.recent.push_back((i, block));
        if self.recent.len() > Self::RECENT
            && let Some(old) = self.recent.pop_front()
        {
            self.older.push(old);
        }
        let current = &self.recent[self.recent.len() - 1].1;
        let mut wanted: Vec<usize> = [
            current.section,
            current.turn,
            current.lead,
            current.lead_of_section,
        ]
        .into_iter()
        .flatten()
        .collect();
        // The headings a numbered section falls under.
        let mut h = current.section;
        while let Some(at) = h {
            h = self.block(at).and_then(|b| b.parent);
            wanted.extend(h);
        }
        self.older
            .retain(|(k, b)| b.kind == BlockKind::Title || wanted.contains(k) || also(*k));
    }
}

#[cfg(test)]
impl Kept {
    /// How many blocks are held.
    fn len(&self) -> usize {
        self.recent.len() + self.older.len()
    }
}

impl Blocks for Kept {
    fn block(&self, i: usize) -> Option<&Block> {
        let (first, _) = self.recent.front()?;
        let found = match i.checked_sub(*first) {
            Some(k) => self.recent.get(k),
            None => self
                .older
                .binary_search_by_key(&i, |(k, _)| *k)
                .ok()
                .map(|k| &self.older[k]),
        };
        found.map(|(_, b)| b)
    }

    fn leading(&self) -> usize {
        self.leading
    }
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
    classify(text, lines.flat_map(|l| unflatten(text, l)), folds)
}

/// Whether a block can hold claims.
pub(crate) fn has_claims(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::Heading | BlockKind::Title
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize::normalize;

    #[test]
    fn block_offsets_slice_the_text() {
        let text = "第一行\r\n第二行很长,有标点。\n";
        for b in blocks(text) {
            let by_bytes = &text[b.byte_start..b.byte_end];
            let by_chars: String = text.chars().skip(b.start).take(b.end - b.start).collect();
            assert_eq!(by_bytes, by_chars);
        }
    }

    /// A page flattened to one line: its sections joined with spaces.
    const FLAT: &str = "2023年某县国民经济和社会发展统计公报 2023年,全县经济社会发展稳中有进、回升向好,\
        交出了一份成色好、分量足的成绩单。 一、综合 初步核算,2023年全县实现地区生产总值276.29亿元,\
        比上年增长5.1%。其中,第一产业增加值33.26亿元,增长4.0%。 二、农业 2023年,全县农林牧渔业\
        总产值55.2亿元,比上年增长4.1%。其中,农业总产值30.6亿元,增长4.8%;林业总产值1.56亿元。 \
        三、工业和建筑业 全年全部工业增加值比上年增长7.9%。规模以上工业企业123家,比上年增加8家。\
        规模以上工业增加值增长8.5%,其中,制造业增长9.1%。全县建筑业总产值35.6亿元,比上年增长6.2%。\
        四、固定资产投资 全年固定资产投资比上年增长6.0%。其中,工业投资增长12.3%,民间投资增长4.5%。\
        房地产开发投资12.8亿元,下降9.7%。商品房销售面积45.6万平方米,下降5.1%。\n";

    #[test]
    fn a_flattened_page_is_read_as_its_lines() {
        let b = blocks(FLAT);
        let texts: Vec<&str> = b
            .iter()
            .map(|b| FLAT[b.byte_start..b.byte_end].trim())
            .collect();
        assert!(texts.contains(&"一、综合"), "{texts:?}");
        assert!(texts.contains(&"二、农业"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("初步核算")), "{texts:?}");
        let heading = b
            .iter()
            .position(|b| FLAT[b.byte_start..b.byte_end].trim() == "一、综合");
        assert_eq!(heading.map(|i| b[i].kind), Some(BlockKind::Heading));
        for b in &b {
            let by_chars: String = FLAT.chars().skip(b.start).take(b.end - b.start).collect();
            assert_eq!(&FLAT[b.byte_start..b.byte_end], by_chars);
        }
        // One numbered item after a sentence is a list inside a paragraph: no cut.
        let one = format!(
            "全县经济稳中有进。 一、加强监管,{}全年查处案件120起。\n",
            "有力维护了市场秩序,群众满意度进一步提高,".repeat(20)
        );
        assert!(one.len() > FLATTENED);
        assert_eq!(blocks(&one).len(), 1);
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
            FLAT,
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

    #[test]
    fn a_stream_is_the_blocks() {
        for text in [
            "设为首页|加入收藏\n标题在这里\n一、让群众喝好“放心水”\n正文,有数字3个。\n——持续推进。\n版权声明:未经许可\n",
            "发布会\n傅立文:各位新闻界的朋友,上午好。\n记者:请问今年的情况?\n王明:今年增长了5%。\n",
            "标题\n主持人(市政府新闻办 陈明):请王局长介绍。\n王局长(市统计局局长):增长5%。\n记者:请问?\n王局长:是的。\n",
            "",
            "\r\n\r\n标题\r\n正文。\r\n",
            FLAT,
        ] {
            let streamed: Vec<(usize, Block)> = stream(text, inline_turns(text)).collect();
            let all: Vec<(usize, Block)> = blocks(text).into_iter().enumerate().collect();
            assert_eq!(streamed, all, "{text:?}");
        }
    }

    #[test]
    fn a_stream_keeps_few_blocks_and_those_asked_for() {
        // Many numbered sections, each with a lead paragraph, list items and page chrome.
        let mut text = String::from("标题\n一、总体情况\n");
        for i in 0..2000 {
            text.push_str(&format!("（{}）分项情况\n", ["一", "二", "三"][i % 3]));
            text.push_str("全市经济运行总体平稳,增长5%。\n");
            for _ in 0..4 {
                text.push_str("——持续推进项目建设,完成投资3亿元。\n返回顶部\n");
            }
        }
        let all = blocks(&text);
        let mut kept = Kept::default();
        let mut most = 0;
        for (i, b) in stream(&text, inline_turns(&text)) {
            kept.push(i, b.clone(), |_| false);
            most = most.max(kept.len());
            let mut asked: Vec<usize> = [b.section, b.lead_of_section, b.turn]
                .into_iter()
                .flatten()
                .chain(i.saturating_sub(40)..=i)
                .collect();
            let mut h = b.section;
            while let Some(at) = h {
                h = all[at].parent;
                asked.extend(h);
            }
            for at in asked {
                assert_eq!(kept.block(at), Some(&all[at]), "block {at} at {i}");
            }
        }
        assert!(all.len() > 10 * Kept::RECENT);
        assert!(most <= Kept::RECENT + 4, "{most} blocks kept");
        assert_eq!(kept.leading(), all.leading());
    }
}
