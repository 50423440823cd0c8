//! Collecting what attribution reads from a chunk of text: its periods (whether each can
//! date a claim) and the bodies it names (whether each acts, whether it is a source).

use super::{Body, Collected, When};
use crate::claim::build::Mentions;
use crate::claim::cues::Cues;
use crate::department::DeptMention;
use crate::document::text::Chunk;
use crate::number;
use crate::structure::{self, Block, BlockKind};
use crate::time;

/// For a document read chunk by chunk: the few bodies and periods of the section's
/// heading, its lead paragraph and the latest list lead that later chunks may look to.
#[derive(Default)]
pub(crate) struct Carry {
    bodies: Vec<Body>,
    whens: Vec<When>,
    /// Blocks kept for good: the heading and the section's lead.
    fixed: Vec<usize>,
}

impl Carry {
    /// How many bodies and periods of a block are kept.
    const KEEP: usize = 4;

    /// The bodies and periods kept, then a window's.
    pub fn with(&self, bodies: &[Body], whens: &[When]) -> (Vec<Body>, Vec<When>) {
        (
            [self.bodies.as_slice(), bodies].concat(),
            [self.whens.as_slice(), whens].concat(),
        )
    }

    /// Whether some body or period kept is of block `block`.
    pub fn holds(&self, block: usize) -> bool {
        self.bodies.iter().any(|b| b.block == block) || self.whens.iter().any(|w| w.block == block)
    }

    /// Keeps a few bodies and periods of block `index` (of its first chunk) when it is a
    /// heading, a section's lead or a paragraph that may lead a list.
    pub fn keep(&mut self, block: &Block, index: usize, bodies: &[Body], whens: &[When]) {
        let fixed = block.kind == BlockKind::Heading || block.section_lead;
        let may_lead = block.kind == BlockKind::Paragraph && block.lead.is_none();
        if !fixed && !may_lead {
            return;
        }
        if !fixed {
            // A new list lead replaces the previous one.
            let keep = &self.fixed;
            self.bodies.retain(|b| keep.contains(&b.block));
            self.whens.retain(|w| keep.contains(&w.block));
        } else {
            self.fixed.push(index);
        }
        self.bodies
            .extend(bodies.iter().filter(|b| b.actor).take(Self::KEEP).cloned());
        let usable: Vec<&When> = whens.iter().filter(|w| w.usable).collect();
        self.whens.extend(
            usable[usable.len().saturating_sub(Self::KEEP)..]
                .iter()
                .map(|w| (*w).clone()),
        );
    }
}

/// Whether the period ending at `end` is what a multiple is of (`是2017年的1.6倍`,
/// `相当于去年的两倍`): 的, a number, 倍.
fn is_multiple_base(chars: &[char], end: usize) -> bool {
    if chars.get(end) != Some(&'的') {
        return false;
    }
    let rest = chars
        .get(end + 1..(end + 10).min(chars.len()))
        .unwrap_or_default();
    rest.iter().position(|&c| c == '倍').is_some_and(|p| {
        p > 0
            && rest[..p]
                .iter()
                .all(|&c| c.is_ascii_digit() || c == '.' || number::is_chinese_numeral(c))
    })
}

/// Collects the periods and the bodies of `chunk` (of block `block`) that the time and
/// department stages found (`periods`, `bodies`, in chunk offsets) into `out`, in document
/// offsets; notes their chunk spans in `mentions` (whose sentences are the chunk's) for the
/// claim stage.
pub(crate) fn collect(
    cues: &Cues,
    chunk: &Chunk,
    block: usize,
    (periods, bodies): (&[time::PeriodMention], &[DeptMention]),
    mentions: &mut Mentions,
    out: &mut Collected,
) {
    let chars = chunk.chars;
    let base = chunk.char_base;
    let spans = mentions;
    spans.periods.clear();
    spans.bodies.clear();
    let sentences = &spans.sentences;
    // Sentences are sorted and disjoint: the first ending after `at` is the only one
    // that may hold it.
    let sentence_of = |at: usize| {
        sentences
            .get(sentences.partition_point(|s| s.1 <= at))
            .filter(|s| s.0 <= at)
            .map_or(0, |s| s.0)
    };
    // A period joined to one told as history goes with it (`2015年以来同期最好位次`).
    let mut history_end = None;
    for m in periods {
        if m.role != time::MentionRole::Base {
            spans.periods.push((m.start, m.end));
        }
        let mut abs = *m;
        abs.start += base;
        abs.end += base;
        out.periods.push(abs);
        let history = history_end == Some(m.start) || told_as_history(cues, chars, m);
        if history {
            history_end = Some(m.end);
        }
        let modifies = m.role == time::MentionRole::Period && time::only_dates_a_noun(chars, m);
        out.whens.push(When {
            block,
            start: abs.start,
            end: abs.end,
            text: chunk.byte_range(m.start, m.end),
            range: (None, None),
            usable: m.role == time::MentionRole::Period
                && !history
                && !modifies
                && !habitual_or_base(cues, chars, m),
            reporting: time::is_reporting_period(m),
            modifies,
            history,
            bracketed_base: m.role == time::MentionRole::Base
                && matches!(chars.get(m.end), Some('(' | '（')),
        });
    }
    for m in bodies {
        spans.bodies.push((m.start, m.extent_end));
        out.bodies.push(Body {
            block,
            start: base + m.start,
            end: base + m.end,
            sentence: base + sentence_of(m.start),
            mention: chunk.byte_range(m.start, m.end),
            name: String::new(),
            form: m.form,
            actor: is_actor(cues, chars, m, sentence_of(m.start)),
            listed: is_listed(chars, m),
            source: is_source(cues, chars, m),
            quote: quote_said(chars, m).map(|(o, c)| (base + o, base + c)),
            speaks: false,
        });
    }
}

/// Whether a period mention is a habitual day (周末共办理…) or qualifies the base of a
/// comparison (近五年平均数): not the period of a claim.
fn habitual_or_base(cues: &Cues, chars: &[char], m: &time::PeriodMention) -> bool {
    let habitual = cues
        .habitual
        .starting_at(chars, m.start, m.end)
        .is_some_and(|(len, _)| m.start + len == m.end);
    habitual
        || cues
            .base_after
            .starting_at(chars, m.end, chars.len())
            .is_some()
        || is_multiple_base(chars, m.end)
}

/// Whether a period is told as history (`早在2008年`, `2016年以来连续五年`): it dates
/// nothing after it.
fn told_as_history(cues: &Cues, chars: &[char], m: &time::PeriodMention) -> bool {
    let before = cues
        .history
        .all_ending_at(chars, m.start.saturating_sub(4), m.start)
        .any(|(_, v)| v.is_empty());
    let since = matches!(m.expr, time::PeriodExpr::Since(_))
        && cues
            .history
            .starting_at(chars, m.end, chars.len())
            .is_some_and(|(_, v)| v == "since");
    before || since
}

/// The quotation a body says: a closing quotation mark before it with no sentence end
/// between, and a verb of speech after it in its clause (`“…增长6.7%。”国务院新闻办今天举行
/// 发布会，国家统计局新闻发言人盛来运表示`). The chars of the opening and the closing mark.
fn quote_said(chars: &[char], m: &DeptMention) -> Option<(usize, usize)> {
    let back = m.start.saturating_sub(60);
    let close = (back..m.start)
        .rev()
        .take_while(|&i| !matches!(chars[i], '。' | '！' | '？' | '“' | '\n'))
        .find(|&i| chars[i] == '”')?;
    let ahead = (m.extent_end + 30).min(chars.len());
    (m.extent_end..ahead)
        .take_while(|&j| !matches!(chars[j], '。' | '！' | '？' | '；' | '“' | '\n'))
        .find(|&j| structure::speaks_at(&chars[..ahead], j))?;
    let open = chars[..close].iter().rposition(|&c| c == '“')?;
    Some((open, close))
}

/// Whether the body is one item of a list of bodies (`市卫健委、市发改委`).
fn is_listed(chars: &[char], m: &DeptMention) -> bool {
    m.start.checked_sub(1).map(|i| chars[i]) == Some('、') || chars.get(m.extent_end) == Some(&'、')
}

/// Whether a body acts in its sentence: not one item of a list, not the object of a
/// preposition or verb (联合东莞广播电视台, 向市政府), not inside a book title.
fn is_actor(cues: &Cues, chars: &[char], m: &DeptMention, sentence: usize) -> bool {
    let before = m.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(m.extent_end).copied();
    // A body right before a number is what is counted (县级融媒体中心10座), unless the
    // number is the day it acted on (国家统计局19日发布); after 各 it is every body of a
    // level (各市商务局:, 各县区统计局), the addressees of a notice.
    if after.is_some_and(|c| c.is_ascii_digit() || number::is_chinese_numeral(c))
        && !dated_act(chars, m.extent_end)
        || after_each(chars, sentence, m.start)
    {
        return false;
    }
    // One item of a list is not an actor, unless the list opens its clause as the
    // subject (中央网信办秘书局、国家发改委办公厅…等八部门联合印发).
    let opens_clause = m.start == sentence
        || before.is_some_and(|c| matches!(c, ',' | '，' | ':' | '：' | ';' | '；'));
    if before == Some('、') || is_listed(chars, m) && !opens_clause {
        return false;
    }
    if cues.object.ending_at(chars, sentence, m.start).is_some() {
        return false;
    }
    let open = chars[sentence..m.start].iter().rposition(|&c| c == '《');
    let close = chars[sentence..m.start].iter().rposition(|&c| c == '》');
    !matches!((open, close), (Some(o), c) if c.is_none_or(|c| c < o))
}

/// Whether the number at `at` is a day, month or year (`19日`, `3月5日`, `2023年`,
/// `二十八日`), the time a body acted, not a count of it: its digits or numerals end at
/// 日, 号, 月 or 年.
fn dated_act(chars: &[char], at: usize) -> bool {
    let end = chars[at..]
        .iter()
        // Four digits of a year and the char after them.
        .take(5)
        .position(|&c| !(c.is_ascii_digit() || number::is_chinese_numeral(c)))
        .map(|n| at + n);
    end.is_some_and(|e| e > at && matches!(chars[e], '日' | '号' | '月' | '年'))
}

/// Whether `各` stands right before `at`, or before the level words a body's name leaves
/// out (`各市`, `各县区`, `各级`): every body of a level, not one body.
fn after_each(chars: &[char], sentence: usize, at: usize) -> bool {
    const LEVELS: &[char] = &[
        '省', '市', '州', '盟', '县', '区', '旗', '乡', '镇', '级', '地',
    ];
    let mut i = at;
    while i > sentence && at - i <= 3 {
        match chars[i - 1] {
            '各' => return true,
            c if LEVELS.contains(&c) => i -= 1,
            _ => return false,
        }
    }
    false
}

/// Whether the sentence gives the body as its figures' source: `据…统计`, `从…获悉`,
/// `从…的发布会上获悉` (the body's meeting between), or `…数据显示` right after it.
fn is_source(cues: &Cues, chars: &[char], m: &DeptMention) -> bool {
    let after = cues
        .source
        .starting_at(chars, m.extent_end, chars.len())
        .map(|(_, v)| v)
        .or_else(|| on_occasion(cues, chars, m.extent_end));
    match after {
        Some("shows") => true,
        Some(_) => cues
            .source
            .all_ending_at(chars, m.start.saturating_sub(4), m.start)
            .any(|(_, v)| v == "before"),
        None => false,
    }
}

/// The word after the occasion a body holds (`2011年度考核大会上获悉`, `召开的新闻发布会上了解到`):
/// within the clause, right after `上`.
fn on_occasion(cues: &Cues, chars: &[char], from: usize) -> Option<&'static str> {
    const OCCASION: usize = 24;
    let end = (from + OCCASION).min(chars.len());
    (from + 1..end)
        .take_while(|&j| !matches!(chars[j - 1], '，' | ',' | '。' | '；' | '：' | '\n'))
        .filter(|&j| chars[j - 1] == '上')
        .find_map(|j| cues.source.starting_at(chars, j, chars.len()))
        .map(|(_, v)| v)
        .filter(|&v| v == "after")
}
