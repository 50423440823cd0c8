//! The scope rules (spec §4): the department and the period of each claim, most specific
//! first — the claim's sentence, the speaker of its transcript turn, its paragraph, the
//! lead of its list or section, the section heading, and (for the period) the document.

use std::cell::{Cell, OnceCell, RefCell};
use std::sync::LazyLock;

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use super::{Body, When};
use crate::claim::build::Site;
use crate::claim::{Claim, Department, Period, Source, shared};
use crate::department::MentionForm;
use crate::document::text::text_at;
use crate::structure::{Block, BlockKind, Blocks};

/// The document-level facts attribution reads.
pub(crate) struct Scope<'a> {
    /// The document text.
    pub text: &'a str,
    /// The blocks attribution may ask for (a document read as a stream keeps only those).
    pub blocks: &'a dyn Blocks,
    /// Bodies in document order.
    pub bodies: &'a [Body],
    /// Periods in document order.
    pub whens: &'a [When],
    /// The department of each speaker block, by block index: (name, mention).
    pub speaker_dept: &'a dyn Fn(usize) -> Option<(&'a str, &'a str)>,
    /// What is worked out on first use: for each heading block, the body named in its
    /// section whose field the heading names (建设品质水务 … 市水务局), and each block's
    /// range of `bodies` and `whens`. (Named for its first use; `memo` would say more.)
    pub heading_body: Memo,
    /// The normalized text of a heading block, when the heading-field rule applies.
    pub heading_text: Option<&'a dyn Fn(usize) -> String>,
    pub document_date: Option<Date>,
}

/// Lookups cached over one run of attribution (claims of one block ask for the same
/// block ranges again and again).
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// The body a heading's section names by field, by heading block.
    heading: RefCell<FxHashMap<usize, Option<usize>>>,
    /// The range of `Scope::bodies` in recently asked blocks.
    bodies: RangeCache,
    /// The range of `Scope::whens` in recently asked blocks.
    whens: RangeCache,
    /// The document-wide periods of claims with no nearer one, found once: the day a rule
    /// takes effect and the title's period (indices into `Scope::whens`).
    fallbacks: OnceCell<(Option<usize>, Option<usize>)>,
}

/// The ranges of a few blocks, by block number modulo their count: (block + 1, start,
/// end), 0 when empty. A claim asks for its own block, its lead's, its section's and its
/// turn's, again and again for the claims of a block.
#[derive(Debug, Default)]
struct RangeCache([Cell<(usize, usize, usize)>; 8]);

impl RangeCache {
    /// The range of `block`, cached or worked out by `range`.
    fn get(&self, block: usize, range: impl FnOnce() -> (usize, usize)) -> (usize, usize) {
        let slot = &self.0[block % 8];
        let (key, s, e) = slot.get();
        if key == block.wrapping_add(1) {
            return (s, e);
        }
        let (s, e) = range();
        slot.set((block.wrapping_add(1), s, e));
        (s, e)
    }
}

/// The body named in heading `h`'s section whose field the heading names.
fn heading_body(blocks: &dyn Blocks, bodies: &[Body], h: usize, heading: &str) -> Option<usize> {
    // A section is a run of lines: the bodies after its heading, up to the first outside it.
    let s = bodies.partition_point(|b| b.block <= h);
    let e = s + bodies[s..]
        .iter()
        .take_while(|b| blocks.block(b.block).is_some_and(|x| x.section == Some(h)))
        .count();
    (s..e)
        .filter(|&i| bodies[i].actor && bodies[i].form == MentionForm::Body)
        .find(|&i| field(&bodies[i].name).is_some_and(|f| heading.contains(f)))
}

/// How many paragraphs back a reported turn is looked for.
const REPORTED_TURN: usize = 8;

/// Words that open a paragraph in the reporter's own voice (`data/narration.txt`).
static NARRATION: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    crate::lexicon::words(include_str!("../../data/narration.txt"))
        .map(|w| w.chars().collect())
        .collect()
});

/// Whether `paragraph` opens in the reporter's own voice (`记者注意到，…`, `數據顯示，…`).
fn narrated(paragraph: &str) -> bool {
    let head: Vec<char> = paragraph
        .trim_start()
        .chars()
        .take(8)
        .map(crate::document::normalize::fold)
        .collect();
    NARRATION.iter().any(|w| head.starts_with(w))
}

impl<'a> Scope<'a> {
    /// The output record: the names are copied here, once a claim's department is decided.
    fn dept(&self, b: &Body, name: &str, source: Source) -> Department {
        Department {
            name: shared(name),
            mention: shared(text_at(self.text, b.mention)),
            source,
        }
    }

    fn bodies_in(&self, block: usize) -> &'a [Body] {
        // Bodies are in block order.
        let (s, e) = self.heading_body.bodies.get(block, || {
            let s = self.bodies.partition_point(|b| b.block < block);
            let e = self.bodies.partition_point(|b| b.block <= block);
            (s, e)
        });
        self.bodies.get(s..e).unwrap_or(&[])
    }

    fn whens_in(&self, block: usize) -> &'a [When] {
        let (s, e) = self.heading_body.whens.get(block, || {
            let s = self.whens.partition_point(|w| w.block < block);
            let e = self.whens.partition_point(|w| w.block <= block);
            (s, e)
        });
        self.whens.get(s..e).unwrap_or(&[])
    }

    /// The body a pronoun (我局, 本局, 该局, 我区) stands for at `block`: the speaker's, or
    /// the last body of its kind (a 局 for 我局) acting before it in the document, such as
    /// the author a news release's title or lead names; a zone's body named without its
    /// place (高新区管委会) with none of its kind before it is itself.
    fn pronoun(&self, p: &Body, block: usize) -> Option<&'a str> {
        if let Some(turn) = self.blocks.block(block).and_then(|b| b.turn)
            && let Some((name, _)) = (self.speaker_dept)(turn)
        {
            return Some(name);
        }
        let written = text_at(self.text, p.mention);
        // Of its kind: 我局 is a 局, 该中心 a 中心, 高新区管委会 a 管委会.
        let kind = crate::document::normalize::fold(written.chars().last()?);
        let acting_before = |i: usize| {
            let bodies = self.bodies_in(i);
            let upto = bodies.partition_point(|b| b.start < p.start);
            bodies[..upto].iter().rev().filter(move |b| {
                b.end <= p.start
                    && b.form != MentionForm::Pronoun
                    && b.actor
                    && b.name.ends_with(kind)
            })
        };
        if let Some(b) = (0..=block).rev().find_map(|i| acting_before(i).next()) {
            return Some(b.name.as_str());
        }
        // A zone's body named without its place (高新区管委会) and none in scope: as written.
        let pronoun = written.starts_with(['我', '本', '该']);
        (!pronoun && written.chars().count() >= 3).then_some(written)
    }

    /// The body a mention names, resolving pronouns in scope.
    fn named(&self, b: &'a Body) -> Option<&'a str> {
        match b.form {
            MentionForm::Pronoun => self.pronoun(b, b.block),
            _ => Some(&b.name),
        }
    }

    /// The actor of the claim's sentence: the nearest body acting in the claim's own clause,
    /// else the first acting in its statement (between semicolons), else the nearest acting
    /// in an earlier statement of the sentence.
    fn actor_of_sentence(&self, site: &Site) -> Option<(&'a Body, &'a str)> {
        let bodies = self.bodies_in(site.block);
        let from = bodies.partition_point(|b| b.start < site.sentence.0);
        let upto = bodies.partition_point(|b| b.start < site.start);
        let before = &bodies[from.min(upto)..upto];
        let named = |b: &'a Body| b.actor.then(|| self.named(b)).flatten();
        if let Some(found) = before
            .iter()
            .rev()
            .take_while(|b| b.start >= site.clause.0)
            .find_map(|b| named(b).map(|n| (b, n)))
        {
            return Some(found);
        }
        // A source named earlier in the sentence speaks for all of it, whole-area clauses
        // included (`据市农业农村局统计，全市春播面积…`), unless a body acts after it (`记者从
        // 市场监管总局获悉：全国市场监管部门共查办…`): the sentence's figures are that body's.
        if let Some(found) = before
            .iter()
            .filter(|b| b.source)
            .find_map(|b| named(b).map(|n| (b, n)))
        {
            let acting_after = before
                .iter()
                .rev()
                .filter(|b| b.start > found.0.end && !b.source)
                .find_map(|b| named(b).map(|n| (b, n)));
            return match acting_after {
                None => Some(found),
                Some(_) if site.clause_area => None,
                after => after,
            };
        }
        if site.clause_area {
            return None;
        }
        if let Some(found) = before
            .iter()
            .filter(|b| b.start >= site.statement)
            .find_map(|b| named(b).map(|n| (b, n)))
        {
            return Some(found);
        }
        before
            .iter()
            .rev()
            .filter(|b| b.start < site.statement)
            .find_map(|b| named(b).map(|n| (b, n)))
    }

    /// The first actor of the last sentence of `block` before `before` that has one.
    fn actor_of_paragraph(&self, block: usize, before: usize) -> Option<(&'a Body, &'a str)> {
        let bodies = self.bodies_in(block);
        let upto = bodies.partition_point(|b| b.start < before);
        let mut best: Option<(&'a Body, &'a str)> = None;
        for b in bodies[..upto].iter().rev() {
            if best.as_ref().is_some_and(|(x, _)| x.sentence != b.sentence) {
                break;
            }
            if b.actor
                && let Some(n) = self.named(b)
            {
                best = Some((b, n));
            }
        }
        best
    }

    /// The paragraph right before `block` when `block` opens with 其中 (`其中，第一产业增加值…`):
    /// it breaks down the total the paragraph before stated, in that paragraph's scope.
    fn continued(&self, block: usize) -> Option<usize> {
        let b = self.blocks.block(block)?;
        let opens = self.text[b.byte_start..b.byte_end]
            .trim_start()
            .starts_with("其中");
        let prev = block.checked_sub(1)?;
        (opens && self.blocks.block(prev)?.kind == BlockKind::Paragraph).then_some(prev)
    }

    /// The body whose spokesperson's report `block` goes on with, in a news text: the
    /// paragraphs after `…副司长李慧表示，…` (or `李慧表示，…`) that name no body of their own
    /// report what that person said (spec §4 rule 2, a turn not set as a transcript). A
    /// paragraph with another acting body, a heading or a speaker line ends the report.
    fn reported_turn(&self, block: usize) -> Option<(&'a Body, &'a str)> {
        let here = self.blocks.block(block)?;
        let narrator = |b: &Block| narrated(&self.text[b.byte_start..b.byte_end]);
        if here.turn.is_some() || here.kind != BlockKind::Paragraph || narrator(here) {
            return None;
        }
        for prev in (block.saturating_sub(REPORTED_TURN)..block).rev() {
            let b = self.blocks.block(prev)?;
            if b.kind != BlockKind::Paragraph || b.section != here.section {
                return None;
            }
            let actors = || self.bodies_in(prev).iter().filter(|b| b.actor && !b.listed);
            if let Some(found) = actors()
                .rev()
                .find_map(|b| b.speaks.then(|| self.named(b)).flatten().map(|n| (b, n)))
            {
                return Some(found);
            }
            if actors().next().is_some() || narrator(b) {
                return None;
            }
        }
        None
    }

    /// The first actor of a whole block that is not one of a list: a list names no one
    /// body for the paragraphs that follow.
    fn first_actor(&self, block: usize) -> Option<(&'a Body, &'a str)> {
        self.bodies_in(block)
            .iter()
            .filter(|b| b.actor && !b.listed)
            .find_map(|b| self.named(b).map(|n| (b, n)))
    }

    /// The department of the claim at `site`.
    pub fn department(&self, site: &Site) -> Option<Department> {
        let block = self.blocks.block(site.block)?;
        if let Some((b, name)) = self.actor_of_sentence(site) {
            return Some(self.dept(b, name, Source::Sentence));
        }
        if let Some(turn) = block.turn
            && let Some((name, mention)) = (self.speaker_dept)(turn)
        {
            return Some(Department {
                name: shared(name),
                mention: shared(mention),
                source: Source::Speaker,
            });
        }
        // A quotation's figures are those of the body of the one who says it, named after
        // it (`“…”国家统计局新闻发言人盛来运表示`).
        if let Some((b, name)) = self.bodies_in(site.block).iter().rev().find_map(|b| {
            b.quote
                .filter(|&(o, c)| o < site.start && site.start < c)
                .and_then(|_| self.named(b))
                .map(|n| (b, n))
        }) {
            return Some(self.dept(b, name, Source::Paragraph));
        }
        if let Some((b, name)) = self.actor_of_paragraph(site.block, site.sentence.0) {
            return Some(self.dept(b, name, Source::Paragraph));
        }
        if let Some(prev) = self.continued(site.block)
            && let Some((b, name)) = self.actor_of_paragraph(prev, usize::MAX)
        {
            return Some(self.dept(b, name, Source::Paragraph));
        }
        if let Some((b, name)) = self.reported_turn(site.block) {
            return Some(self.dept(b, name, Source::Speaker));
        }
        if let Some(lead) = block.lead
            && let Some((b, name)) = self.first_actor(lead)
        {
            return Some(self.dept(b, name, Source::Paragraph));
        }
        block.section?;
        // The section's lead paragraph names the body the section is about.
        let lead = block.lead_of_section;
        if let Some(lead) = lead
            && lead < site.block
            && let Some((b, name)) = self.first_actor(lead)
        {
            // A statement about a whole area (全市村级工业园累计完成…) is not the
            // section body's unless it names the body's field (全市应急管理系统).
            let about_area = site.area.as_ref().is_some_and(|text| {
                field(name).is_none_or(|f| {
                    let f: Vec<char> = f.chars().collect();
                    !(f.is_empty() || text.windows(f.len()).any(|w| w == f.as_slice()))
                })
            });
            if about_area {
                return self.heading_dept(block);
            }
            return Some(self.dept(b, name, Source::Paragraph));
        }
        self.heading_dept(block).or_else(|| self.parent_dept(block))
    }

    /// The body of the section a numbered sub-section falls under (`（一）预算收支情况`
    /// under `一、…`, whose lead names 财政部门): its heading's, else its lead paragraph's.
    fn parent_dept(&self, block: &Block) -> Option<Department> {
        let mut h = block.section?;
        for _ in 0..4 {
            h = self.blocks.block(h)?.parent?;
            if let Some((b, name)) = self.first_actor(h) {
                return Some(self.dept(b, name, Source::Heading));
            }
            // (A stream keeps no line of an earlier section, nor the bodies of one.)
            let lead = (h + 1..)
                .map_while(|i| self.blocks.block(i))
                .take_while(|b| b.section == Some(h))
                .position(|b| b.section_lead)
                .map(|k| h + 1 + k);
            if let Some((b, name)) = lead.and_then(|l| self.first_actor(l)) {
                return Some(self.dept(b, name, Source::Paragraph));
            }
        }
        None
    }

    /// The body the claim's section heading names, or whose field it names (建设品质水务 …
    /// 市水务局).
    fn heading_dept(&self, block: &Block) -> Option<Department> {
        let section = block.section?;
        if let Some((b, name)) = self.first_actor(section) {
            return Some(self.dept(b, name, Source::Heading));
        }
        let text = self.heading_text?;
        let memo = &self.heading_body.heading;
        let cached = memo.borrow().get(&section).copied();
        let found = match cached {
            Some(f) => f,
            None => {
                let f = heading_body(self.blocks, self.bodies, section, &text(section));
                memo.borrow_mut().insert(section, f);
                f
            }
        };
        let b = &self.bodies[found?];
        Some(self.dept(b, &b.name, Source::Heading))
    }

    /// The period of the claim at `site`.
    pub fn period(&self, site: &Site) -> Option<Period> {
        let mk = |w: &When, source| Period {
            text: Some(shared(text_at(self.text, w.text))),
            start: w.range.0,
            end: w.range.1,
            source,
        };
        let usable = |block: usize| self.whens_in(block).iter().filter(|w| w.usable);
        // A table cell's column header dates it (`年末人数(人)`).
        if let Some((s, e)) = site.column {
            let head = self.whens.partition_point(|w| w.start < s);
            if let Some(w) = self.whens[head..]
                .iter()
                .take_while(|w| w.end <= e)
                .find(|w| w.usable)
            {
                return Some(mk(w, Source::Heading));
            }
        }
        // The nearest usable mention before the claim in its sentence, else the first after
        // it in its clause, else the nearest before it in the paragraph.
        let sentence = site.sentence;
        let whens = self.whens_in(site.block);
        let at = whens.partition_point(|w| w.end <= site.start);
        // The value a comparison's reference gives in brackets is of the reference's period
        // (`较上年同期(3.2%)`).
        if let Some(w) = at
            .checked_sub(1)
            .and_then(|k| whens.get(k))
            .filter(|w| w.bracketed_base && w.end + 1 == site.start && w.range != (None, None))
        {
            return Some(mk(w, Source::Sentence));
        }
        // The amount right after a period that names a plan (`全年1100万人目标任务`) is the
        // plan's, for that period.
        if let Some(w) = at
            .checked_sub(1)
            .and_then(|k| whens.get(k))
            .filter(|w| w.modifies && w.end == site.start)
        {
            return Some(mk(w, Source::Sentence));
        }
        let before = whens[..at].iter().rev().find(|w| w.usable);
        if let Some(w) = before.filter(|w| w.start >= sentence.0) {
            return Some(mk(w, Source::Sentence));
        }
        let after = whens[at..]
            .iter()
            .take_while(|w| w.start < site.clause.1)
            .find(|w| w.usable && w.start > site.start && w.end <= site.clause.1);
        if let Some(w) = after {
            return Some(mk(w, Source::Sentence));
        }
        if let Some(w) = before.and_then(|w| self.past_breakdown(whens, w)) {
            return Some(mk(w, Source::Paragraph));
        }
        if let Some(prev) = self.continued(site.block)
            && let Some(w) = usable(prev).next_back()
        {
            return Some(mk(w, Source::Paragraph));
        }
        let block = self.blocks.block(site.block)?;
        if let Some(section) = block.section {
            // The section's heading, else those of the sections it falls under.
            let mut h = Some(section);
            while let Some(at) = h {
                if let Some(w) = usable(at).next_back() {
                    return Some(mk(w, Source::Heading));
                }
                h = self.blocks.block(at).and_then(|b| b.parent);
            }
        }
        if let Some(w) = self.section_frame(site.block) {
            return Some(mk(w, Source::Paragraph));
        }
        if let Some(turn) = block.turn
            && let Some(w) = usable(turn).next_back()
        {
            return Some(mk(w, Source::Speaker));
        }
        // A rule that takes effect after the document's date (`自2025年1月1日起施行`) dates
        // the amounts it sets, wherever they stand.
        let (effective, title) = *self
            .heading_body
            .fallbacks
            .get_or_init(|| (self.takes_effect(), self.title_period()));
        if let Some(w) = effective.map(|i| &self.whens[i]) {
            return Some(mk(w, Source::Document));
        }
        // The title heads the whole document (`前三季度全县经济运行情况分析`); a day in it
        // dates an event (`10月27日…举行新闻发布会`), not the figures.
        if let Some(w) = title.map(|i| &self.whens[i]) {
            return Some(mk(w, Source::Heading));
        }
        self.document_date.map(|d| Period {
            text: None,
            start: None,
            end: Some(d),
            source: Source::Document,
        })
    }

    /// The period that carries past `w` (of `whens`, a paragraph's) to a later sentence: `w`
    /// itself, unless it is one of the periods a breakdown lists (`分季度看，一季度…，二季度…，
    /// 三季度…。`): those are each figure's own, and the sentences after the breakdown return
    /// to the period before it (`前三季度`), if the paragraph has one; else (`None`) to what
    /// dates a paragraph with no period of its own.
    fn past_breakdown(&self, whens: &'a [When], w: &'a When) -> Option<&'a When> {
        let stop = |c: char| matches!(c, '。' | '！' | '？' | '；' | '\n');
        let from = self.text[..w.text.0].rfind(stop).map_or(0, |i| {
            i + self.text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let to = self.text[w.text.1..]
            .find(stop)
            .map_or(self.text.len(), |i| w.text.1 + i);
        let listed: Vec<&When> = whens
            .iter()
            .filter(|x| x.usable && from <= x.text.0 && x.text.1 <= to)
            .collect();
        let disjoint = listed
            .windows(2)
            .all(|p| p[0].range.1.zip(p[1].range.0).is_some_and(|(e, s)| e < s));
        // The clause right before the first listed period says it is a breakdown, also
        // after the words that report it (`盛来运介绍说，分季度看，一季度…`), or a sentence
        // opens with 其中 to list the parts of the period before it (`上半年…增长11.5%。其中，
        // 一季度增长11.1%，二季度增长11.9%。`).
        let head = &self.text[from..listed.first().map_or(from, |x| x.text.0)];
        let breakdown = head
            .split(['，', ','])
            .map(str::trim)
            .rfind(|h| !h.is_empty())
            .is_some_and(|h| {
                h == "其中"
                    || ["分", "从", "按"].iter().any(|c| h.starts_with(c))
                        && h.chars().count() <= 8
                        && (h.ends_with('看') || h.ends_with('分'))
            });
        if listed.len() < 2 || !disjoint || !breakdown {
            return Some(w);
        }
        whens.iter().rev().find(|x| x.usable && x.text.1 <= from)
    }

    /// The period an earlier paragraph of the same numbered section opens with (`1-10月，…`):
    /// in a monthly or quarterly report a year-to-date period told first frames what follows
    /// it in the section, so a later paragraph with no period of its own (`分消费类别看，…`)
    /// is about it too. Only a year-to-date period frames: a point (`年末`) dates stocks, not
    /// the flows after it, and a whole year opening a paragraph is history or an award's year
    /// more often than a frame. The nearest such paragraph counts, back to the heading (or
    /// [`FRAME_REACH`] lines).
    fn section_frame(&self, block: usize) -> Option<&'a When> {
        let section = self.blocks.block(block)?.section?;
        (section + 1..block)
            .rev()
            .take(FRAME_REACH)
            .map_while(|i| self.blocks.block(i).map(|b| (i, b)))
            .take_while(|(_, b)| b.section == Some(section))
            .filter(|(_, b)| b.kind == BlockKind::Paragraph)
            .find_map(|(i, b)| {
                let lead = self.text[b.byte_start..b.byte_end]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .count();
                self.whens_in(i)
                    .iter()
                    .find(|w| w.usable)
                    .filter(|w| w.start == b.start + lead && year_to_date(w.range))
            })
    }

    /// The first period that opens after the document's date with no end
    /// (`从2016年4月1日起`): the day a rule the document sets takes effect.
    fn takes_effect(&self) -> Option<usize> {
        let date = self.document_date?;
        self.whens
            .iter()
            .position(|w| w.usable && w.range.1.is_none() && w.range.0.is_some_and(|s| s > date))
    }

    /// The period the title names, for claims with no nearer one: the last reporting
    /// period in the title lines.
    fn title_period(&self) -> Option<usize> {
        // Whens are in block order: those of the leading title and chrome lines come first.
        let lead = self.blocks.leading();
        let end = self.whens.partition_point(|w| w.block < lead);
        self.whens[..end].iter().rposition(|w| {
            w.usable
                && w.reporting
                && self
                    .blocks
                    .block(w.block)
                    .is_some_and(|b| b.kind == BlockKind::Title)
        })
    }

    /// Fills in the department and period of every claim.
    pub fn attribute(&self, claims: &mut [(Claim, Site)]) {
        for (claim, site) in claims {
            claim.department = self.department(site);
            claim.date = self.period(site);
        }
    }
}

/// The level words `field` strips (`data/field_suffixes.tsv`), in file order, with their
/// lengths in chars.
static FIELD_SUFFIXES: LazyLock<Vec<(&str, usize)>> = LazyLock::new(|| {
    crate::lexicon::words(include_str!("../../data/field_suffixes.tsv"))
        .map(|w| (w, w.chars().count()))
        .collect()
});

/// The field a body's name names (`东莞市水务局` → `水务`): the name without its place and
/// its level suffix, when at least two chars remain. A slice of `name`, found without
/// allocating (it is asked of every body of a section).
fn field(name: &str) -> Option<&str> {
    let start = name
        .char_indices()
        .take(8)
        .find(|&(_, c)| matches!(c, '市' | '省' | '区' | '县'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut rest = name.get(start..)?;
    let mut len = rest.chars().count();
    for &(suffix, n) in FIELD_SUFFIXES.iter() {
        if len >= n + 2
            && let Some(r) = rest.strip_suffix(suffix)
        {
            rest = r;
            len -= n;
            break;
        }
    }
    (len >= 2).then_some(rest)
}

/// How many lines back a section's frame is looked for: a frame is told near what it frames,
/// and a section of thousands of lines must not be read back for every claim.
const FRAME_REACH: usize = 40;

/// Whether `range` runs from 1 January to before the year's end (`1-10月`, `前三季度`,
/// `上半年`): the cumulative period of a monthly or quarterly report.
fn year_to_date(range: (Option<Date>, Option<Date>)) -> bool {
    match range {
        (Some(s), Some(e)) => {
            s.month() == 1
                && s.day() == 1
                && e.year() == s.year()
                && (e.month(), e.day()) != (12, 31)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_of_bodies() {
        assert_eq!(field("东莞市水务局"), Some("水务"));
        assert_eq!(field("东莞市应急管理局"), Some("应急"));
        assert_eq!(field("运城市城市管理局"), Some("城市"));
        assert_eq!(field("市局"), None);
        assert_eq!(field("市水务局"), Some("水务"));
        assert_eq!(field("广东省人民政府办公厅"), Some("人民政府办公"));
        assert_eq!(field("水务"), Some("水务"));
    }
}
