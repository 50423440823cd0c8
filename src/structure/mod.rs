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
pub(crate) use speakers::{inline_person, is_questioner, speaker_parts, spokesperson};

use classify::classify;

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
}
