//! How blocks hang together: the section each falls under, its numbered heading's parent,
//! the paragraph that leads a list, and the transcript turn it belongs to.

use super::speakers::{inline_person, inline_speaker, is_questioner, speaker_fields};
use std::borrow::Borrow;

use super::{Block, BlockKind};

/// The rank of a numbered heading: 1 for `一、`, 2 for `（一）`, 3 for `1.` or `1、`, 4 for
/// `（1）`; `None` for a heading with no number.
fn heading_rank(line: &str) -> Option<u8> {
    let t: Vec<char> = line.trim_start().chars().take(6).collect();
    let cn = |c: &char| crate::lexicon::numerals::is_chinese_numeral(*c);
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
pub(super) fn link(blocks: &mut [Block], text: &str) {
    let mut linker = Linker::new(inline_names(blocks.iter(), text));
    for (i, b) in blocks.iter_mut().enumerate() {
        linker.link(i, b, text);
    }
}

/// Whether a transcript gives every turn inline (`傅立文:各位新闻界的朋友…`): two paragraphs
/// or more that open with a person's name and a colon make each such paragraph a turn.
pub(super) fn inline_names<B: Borrow<Block>>(blocks: impl Iterator<Item = B>, text: &str) -> bool {
    blocks
        .filter(|b| {
            let b = b.borrow();
            b.kind == BlockKind::Paragraph
                && inline_person(&text[b.byte_start..b.byte_end]).is_some()
        })
        .take(2)
        .count()
        >= 2
}

/// What linking a block reads of the blocks before it: blocks are linked one at a time,
/// in order, so that a huge document need not hold them all.
pub(super) struct Linker<'t> {
    inline_names: bool,
    section: Option<usize>,
    turn: Option<usize>,
    /// The speaker of the turn in force, when a speaker line opened it.
    turn_name: Option<&'t str>,
    lead: Option<usize>,
    first_in_section: bool,
    section_lead: Option<usize>,
    /// The speakers seen so far, once each by name: the block of the line that last gave it.
    names: Vec<(&'t str, usize)>,
    /// The numbered headings in force, by rank: (rank, block).
    ranks: Vec<(u8, usize)>,
}

impl<'t> Linker<'t> {
    /// A linker at the start of a text ([`inline_names`]: whether its turns are inline).
    pub(super) fn new(inline_names: bool) -> Linker<'t> {
        Linker {
            inline_names,
            section: None,
            turn: None,
            turn_name: None,
            lead: None,
            first_in_section: true,
            section_lead: None,
            names: Vec::new(),
            ranks: Vec::new(),
        }
    }

    /// Fills in the section, turn, list lead and section-lead flag of block `i`, `b`.
    pub(super) fn link(&mut self, i: usize, b: &mut Block, text: &'t str) {
        let line = &text[b.byte_start..b.byte_end];
        // A paragraph that opens with a known speaker's name or a reporter's (`张华：截至6月底…`,
        // `记者：请问…`) is a new turn: the speaker's, or one of no department; an answer
        // (`答：`) ends a question's turn.
        // (Only transcripts, which have speaker lines, are looked at.)
        let names = &mut self.names;
        let inline_turn = match b.kind {
            BlockKind::Paragraph
                if self.inline_names
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
        // The same speaker's next line goes on with their turn: an online interview gives
        // one answer in several timestamped posts (`杨薇: 上半年,…; 2021-07-28 14:34:11 |`).
        let mut continues = false;
        if b.kind == BlockKind::Speaker
            && let Some((name, host, _)) = speaker_fields(line)
        {
            continues = self.turn_name == Some(name) && self.turn.is_some();
            self.turn_name = Some(name);
            let mut note = |name| match names.iter_mut().find(|(n, _)| *n == name) {
                Some(seen) => seen.1 = i,
                None => names.push((name, i)),
            };
            note(name);
            if host {
                note("主持人");
            }
        }
        let person = match inline_turn {
            Some(Some(at)) if at == i => inline_person(line).or_else(|| inline_speaker(line)),
            _ => None,
        };
        let inline_turn = match inline_turn {
            Some(_) if person.is_some() && person == self.turn_name && self.turn.is_some() => None,
            other => other,
        };
        if let Some(at) = inline_turn {
            self.turn = at;
            self.turn_name = person;
            self.section = None;
            self.lead = None;
            self.first_in_section = true;
            self.section_lead = None;
        }
        match b.kind {
            BlockKind::Heading => {
                self.section = Some(i);
                self.lead = None;
                self.first_in_section = true;
                self.section_lead = None;
                // A numbered heading falls under the nearest one of higher rank.
                let rank = heading_rank(line);
                let ranks = &mut self.ranks;
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
            BlockKind::Speaker if continues => {}
            BlockKind::Speaker => {
                self.turn = Some(i);
                self.section = None;
                self.lead = None;
                self.first_in_section = true;
                self.section_lead = None;
            }
            BlockKind::Paragraph => {
                if is_list_item(line) {
                    b.lead = self.lead;
                } else {
                    self.lead = Some(i);
                    b.section_lead = self.first_in_section;
                    if self.first_in_section && self.section.is_some() {
                        self.section_lead = Some(i);
                    }
                    self.first_in_section = false;
                }
            }
            BlockKind::Title | BlockKind::Chrome => {}
        }
        b.section = self.section;
        b.turn = self.turn;
        b.lead_of_section = self.section_lead;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::blocks;

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
    fn a_speaker_s_next_post_goes_on_with_their_turn() {
        let text = "在线访谈\n\
                    主持人: 请您对今年上半年全市国民经济发展情况做一个总体介绍。 2021-07-28 14:33:24 |\n\
                    杨薇: 上半年,全市实现地区生产总值4089.6亿元,同比增长13.8%; 2021-07-28 14:34:11 |\n\
                    杨薇: 两年平均增长7.4%,位列全省第三,增速较一季度提升0.6个百分点。 2021-07-28 14:34:50 |\n\
                    李孟存: 我市的工业生产上半年增势良好,规上工业增加值同比增长25%。 2021-07-28 14:37:34 |\n\
                    杨薇: 全市固定资产投资同比增长5%,两年平均增长4.2%,增速回升。 2021-07-28 14:38:00 |\n";
        let turns: Vec<Option<usize>> = blocks(text).iter().map(|b| b.turn).collect();
        assert_eq!(turns, [None, Some(1), Some(2), Some(2), Some(4), Some(5)]);
    }
}
