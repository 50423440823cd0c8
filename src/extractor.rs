//! The extractor: built once, shared by threads, runs the pipeline stage by stage.

use std::sync::LazyLock;

use jiff::civil::Date;

use jieba_rs::Jieba;

use crate::audit::{self, Check};
use crate::claim::attribute::{self, Body, Scope, When};
use crate::claim::build::{self, Chunk, Context, Mentions, Site};
use crate::claim::cues::Cues;
use crate::claim::table;
use crate::claim::{Claim, Department, Source};
use crate::department::{self, DeptMention, MentionForm, Region, RegionContext};
use crate::document::normalize;
use crate::document::record::{DateSource, DocumentRecord, Genre, Speaker};
use crate::error::Error;
use crate::number;
use crate::quantity::{self, ApproxWords, NumberMatch, Quantity, Role};
use crate::structure::{self, Block, BlockKind};
use crate::time;
use crate::unit::Units;

/// What pass 1 collects over a document.
#[derive(Default)]
struct Pass {
    claims: Vec<(Claim, Site)>,
    bodies: Vec<Body>,
    whens: Vec<When>,
    /// The period mentions, in document offsets, parallel to `whens`.
    periods: Vec<time::PeriodMention>,
    /// Period mentions in page chrome (date lines), for the document date only.
    chrome_periods: Vec<time::PeriodMention>,
    regions: RegionContext,
    period_buf: Vec<time::PeriodMention>,
    dept_buf: Vec<DeptMention>,
    /// The current chunk's mentions, kept to reuse their buffers.
    mentions: Mentions,
    /// The current chunk's numbers and quantities, kept to reuse the buffer.
    found: Vec<quantity::Found>,
    /// The claim stage's buffers.
    buffers: build::Buffers,
    /// The header of the table whose rows are being read, if any.
    table: Option<table::Header>,
}

/// What a document's text (or its caller) says of it as a whole.
struct Facts {
    date: Option<Date>,
    date_source: Option<DateSource>,
    region: Option<Region>,
    /// The year the title names ([`time::title_year`]).
    year: Option<i16>,
}

/// Gives each body its full name (canonical, Simplified; the mention keeps what was
/// written); a pronoun keeps its text until attribution resolves it in scope. `text` is
/// the document; `chars` are its normalized chars from char `char_base` on, covering the
/// bodies.
fn resolve_names(
    bodies: &mut [Body],
    regions: &RegionContext,
    text: &str,
    chars: &[char],
    char_base: usize,
) {
    // A document names the same bodies again and again: resolve each text once, the first
    // body with it taking the name and the others a copy, folding into one buffer.
    let mut names: Vec<String> = Vec::with_capacity(bodies.len());
    {
        // Sized once: growing it by rehashing costs more than the lookups.
        let mut first: rustc_hash::FxHashMap<&str, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(bodies.len(), Default::default());
        let mut folded = String::new();
        for b in bodies.iter() {
            let mention = build::text_at(text, b.mention);
            let name = match b.form {
                MentionForm::Pronoun => mention.to_string(),
                _ => match first.get(mention) {
                    Some(&k) => names.get(k).cloned().unwrap_or_default(),
                    None => {
                        first.insert(mention, names.len());
                        let normalized = b
                            .start
                            .checked_sub(char_base)
                            .zip(b.end.checked_sub(char_base))
                            .and_then(|(s, e)| chars.get(s..e));
                        department::resolve_name(
                            fold_into(&mut folded, mention, normalized),
                            regions,
                        )
                    }
                },
            };
            names.push(name);
        }
    }
    for (b, name) in bodies.iter_mut().zip(names) {
        b.name = name;
    }
}

/// `mention` folded char by char, written into `buf` where it is not its own folded
/// form. `normalized` are its normalized chars, when known: they are the folded form
/// unless the text holds a char whose normalized form depends on its neighbours (see
/// `Scratch::load`), and when they equal the text, the text is its own folded form (a
/// char a neighbour changed differs from its text).
fn fold_into<'a>(buf: &'a mut String, mention: &'a str, normalized: Option<&[char]>) -> &'a str {
    buf.clear();
    match normalized {
        Some(chars) if mention.chars().eq(chars.iter().copied()) => return mention,
        Some(chars)
            if !normalize::CONTEXT_NUMERALS
                .iter()
                .any(|&c| mention.contains(c)) =>
        {
            build::push_chars(buf, chars)
        }
        _ => buf.extend(mention.chars().map(normalize::fold)),
    }
    buf
}

/// Resolves periods in document order, each against what the text before it put in force.
fn resolve_periods(
    whens: &mut [When],
    periods: &[time::PeriodMention],
    tctx: &mut time::Context,
    last_block: &mut usize,
) {
    for (w, m) in whens.iter_mut().zip(periods) {
        if w.block != *last_block {
            tctx.new_paragraph();
            *last_block = w.block;
        }
        w.range = match w.history {
            true => m.resolve(tctx),
            false => tctx.resolve_and_observe(m),
        };
    }
}

/// Attributes `claims` of document `text` (bodies and whens in document order; `heading_text`,
/// when given, lets a heading that names a body's field attribute the section).
#[allow(clippy::too_many_arguments)]
fn attribute_all(
    text: &str,
    blocks: &[Block],
    bodies: &[Body],
    whens: &[When],
    speakers: &[(usize, Speaker, String)],
    date: Option<Date>,
    heading_text: Option<&dyn Fn(usize) -> String>,
    publisher: Option<&Department>,
    claims: &mut [(Claim, Site)],
) {
    // Speakers are in block order, one per speaker line.
    let speaker_dept = |block: usize| {
        let i = speakers.binary_search_by_key(&block, |s| s.0).ok()?;
        let s = &speakers[i];
        s.1.department.as_deref().map(|d| (d, s.2.as_str()))
    };
    let heading_body = Default::default();
    let scope = Scope {
        text,
        blocks,
        heading_body,
        heading_text,
        bodies,
        whens,
        speaker_dept: &speaker_dept,
        document_date: date,
    };
    scope.attribute(claims);
    // Rule 4: what no nearer body claims is the publisher's.
    if let Some(p) = publisher {
        for (c, _) in claims.iter_mut().filter(|(c, _)| c.department.is_none()) {
            c.department = Some(p.clone());
        }
    }
}

/// A news report of a press conference: a person introduced with a body and a post
/// (`省统计局党组成员、副局长、新闻发言人黎雁南介绍`) speaks for that body wherever the text
/// later has them speak (`黎雁南介绍，…`): each such mention is the body's, acting.
fn spokespeople(chars: &[char], bytes: &[u32], blocks: &[Block], bodies: &mut Vec<Body>) {
    // (name, the body, where the introduction names the person)
    let mut people: Vec<(Vec<char>, usize, usize)> = Vec::new();
    for (i, b) in bodies.iter_mut().enumerate() {
        if b.form != MentionForm::Body {
            continue;
        }
        let after = chars.get(b.end..).unwrap_or(&[]);
        if let Some((s, e)) = structure::spokesperson(after) {
            // What the spokesperson reports is the body's, whole-area clauses included.
            b.source = true;
            let name = after[s..e].to_vec();
            if !people.iter().any(|(n, _, _)| *n == name) {
                people.push((name, i, b.end + s));
            }
        }
    }
    if people.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (name, i, intro) in &people {
        let body = &bodies[*i];
        let mut at = 0;
        while let Some(p) = chars
            .get(at..)
            .and_then(|rest| rest.windows(name.len()).position(|w| w == name.as_slice()))
        {
            let start = at + p;
            let end = start + name.len();
            at = end;
            // The introduction itself is the body's already.
            if start == *intro {
                continue;
            }
            let Some(block) = blocks.iter().position(|b| b.start <= start && end <= b.end) else {
                continue;
            };
            let sentence = chars[blocks[block].start..start]
                .iter()
                .rposition(|&c| matches!(c, '。' | '！' | '？' | '!' | '?'))
                .map_or(blocks[block].start, |k| blocks[block].start + k + 1);
            let byte = |c: usize| bytes.get(c).map_or(0, |&b| b as usize);
            added.push(Body {
                block,
                start,
                end,
                sentence,
                mention: (byte(start), byte(end)),
                name: body.name.clone(),
                form: MentionForm::Body,
                actor: true,
                source: true,
            });
        }
    }
    if !added.is_empty() {
        bodies.extend(added);
        bodies.sort_by_key(|b| (b.block, b.start));
    }
}

/// A transcript's speakers whose post names no body speak for the body the title names
/// acting (`商务部召开例行新闻发布会` → 商务部), the conference's host.
fn host_body(
    speakers: &mut [(usize, Speaker, String)],
    blocks: &[Block],
    bodies: &[Body],
    text: &str,
) {
    if speakers.iter().all(|s| s.1.department.is_some()) {
        return;
    }
    let Some(b) = bodies.iter().find(|b| {
        blocks[b.block].kind == BlockKind::Title && b.actor && b.form == MentionForm::Body
    }) else {
        return;
    };
    for s in speakers.iter_mut().filter(|s| s.1.department.is_none()) {
        s.1.department = Some(b.name.clone());
        s.2 = build::text_at(text, b.mention).to_string();
    }
}

/// The document's publisher as a claim's department: the one the caller names, else the
/// body that signs the text.
fn publisher(
    meta: &Meta,
    signer: Option<&Body>,
    text: &str,
    regions: &RegionContext,
) -> Option<Department> {
    if let Some(p) = meta.publisher.as_deref() {
        // Only a body: a news site or a portal that publishes is no department.
        let folded = normalize::normalize(p.trim());
        let chars: Vec<char> = folded.chars().collect();
        let whole = department::find_departments(&chars)
            .iter()
            .any(|m| m.form == MentionForm::Body && m.start == 0 && m.end == chars.len());
        return whole.then(|| Department {
            name: department::resolve_name(&folded, regions),
            mention: p.trim().to_string(),
            source: Source::Document,
        });
    }
    signer.map(|b| Department {
        name: b.name.clone(),
        mention: build::text_at(text, b.mention).to_string(),
        source: Source::Document,
    })
}

/// For a document read chunk by chunk: the few bodies and periods of the section's
/// heading, its lead paragraph and the latest list lead that later chunks may look to.
#[derive(Default)]
struct Carry {
    bodies: Vec<Body>,
    whens: Vec<When>,
    /// Blocks kept for good: the heading and the section's lead.
    fixed: Vec<usize>,
}

impl Carry {
    /// How many bodies and periods of a block are kept.
    const KEEP: usize = 4;

    fn keep(&mut self, block: &Block, index: usize, bodies: &[Body], whens: &[When]) {
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

/// The title: the first content line and a subtitle under it (`—…`), joined.
fn title(text: &str, blocks: &[Block]) -> Option<String> {
    let parts: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .map(|b| text[b.byte_start..b.byte_end].trim())
        .collect();
    (!parts.is_empty()).then(|| parts.concat())
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

/// The post written right before `name` where the text introduces the speaker
/// (`市委宣传部四级调研员、市政府新闻办副主任廖南福主持新闻发布会`): the clause before the name.
fn introduced_post(text: &str, blocks: &[Block], name: &str) -> Option<String> {
    for b in blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Title))
    {
        let line = &text[b.byte_start..b.byte_end];
        let mut search = 0;
        while let Some(i) = line[search..].find(name) {
            let at = search + i;
            let head = &line[..at];
            let start = head
                .rfind(['，', ',', '。', ':', '：', ';', '；', '?', '？', '!', '！'])
                .map_or(0, |p| {
                    p + head[p..].chars().next().map_or(1, char::len_utf8)
                });
            let post = head[start..].trim();
            if post.chars().count() >= 2 {
                return Some(post.to_string());
            }
            search = at + name.len();
        }
    }
    None
}

/// The body of a post: the last one named with its own place or name, skipping bare
/// internal units after it (`东侨经济技术开发区党工委委员、宣传部部长` → 东侨经济技术开发区;
/// `市委宣传部四级调研员、市政府新闻办副主任` → 市政府新闻办).
fn pick_post_body(chars: &[char], found: &[DeptMention]) -> Option<DeptMention> {
    let bare = |m: &DeptMention| {
        let len = m.end - m.start;
        len <= 4
            && !matches!(
                chars[m.start],
                '市' | '省' | '区' | '县' | '州' | '国' | '中'
            )
    };
    found
        .iter()
        .rev()
        .find(|m| !bare(m) && m.form != MentionForm::Pronoun)
        .or_else(|| found.first())
        .copied()
}

/// The body that signs the document (spec §4, rule 4): a short line among the first few
/// under the title or the last few of the text that holds nothing but bodies' names, a
/// date and punctuation (`宜春市统计局  国家统计局宜春调查队`, `（宜丰县统计局）`,
/// `宜春市统计局 2023年3月`). The first body named on it.
fn signer<'b>(
    blocks: &[Block],
    bodies: &'b [Body],
    periods: &[time::PeriodMention],
    chars: &[char],
) -> Option<&'b Body> {
    let content = (0..blocks.len())
        .filter(|&i| !matches!(blocks[i].kind, BlockKind::Chrome | BlockKind::Title));
    let head = content.clone().take(3).map(|i| (i, false));
    let tail = content.rev().take(3).map(|i| (i, true));
    head.chain(tail).find_map(|(i, at_end)| {
        let b = &blocks[i];
        if b.end - b.start > 48 {
            return None;
        }
        // At the end, a body's name alone is as often the site's footer as a signature: a
        // signature there is bracketed or dated (`（宜丰县统计局）`, `宜春市统计局 2023年3月`).
        let dated = periods.iter().any(|m| b.start <= m.start && m.end <= b.end);
        let bracketed = chars
            .get(b.start..b.end)
            .is_some_and(|l| l.contains(&'（') || l.contains(&'('));
        if at_end && !dated && !bracketed {
            return None;
        }
        let on_line: Vec<&Body> = bodies
            .iter()
            .filter(|x| x.block == i && x.form != MentionForm::Pronoun)
            .collect();
        let first = *on_line.first()?;
        let covered = |at: usize| {
            on_line.iter().any(|x| x.start <= at && at < x.end)
                || periods.iter().any(|m| m.start <= at && at < m.end)
        };
        (b.start..b.end)
            .all(|at| {
                covered(at)
                    || chars.get(at).is_some_and(|&c| {
                        c.is_whitespace()
                            || c.is_ascii_digit()
                            || matches!(c, '(' | ')' | '（' | '）' | '、' | '.' | '-' | '/' | '—')
                    })
            })
            .then_some(first)
    })
}

/// Longest stretch of text processed at once: a longer line is cut at a sentence end (or,
/// with none in reach, anywhere), so memory stays bounded on single-line dumps.
const MAX_CHUNK: usize = 16 * 1024;

/// What a caller knows about a document beyond its text (from a crawl's metadata).
/// A supplied field always wins over what the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The publication date; relative dates in the text resolve against it.
    pub date: Option<Date>,
    /// The title.
    pub title: Option<String>,
    /// The city or province the document is about (`东莞市`).
    pub region: Option<String>,
    /// The body that publishes the document (`宜春市统计局`, a page's `ContentSource`):
    /// the department of claims no nearer body is named for (spec §4, rule 4).
    pub publisher: Option<String>,
    /// Where `date` came from, for the document record: `None` is the caller
    /// ([`DateSource::Supplied`]); a saved page's date is [`DateSource::Page`].
    pub date_source: Option<DateSource>,
    /// A date the file's path holds (`t20230516_1234567.html`): the document's date when
    /// `date` is not given and the text states none (a date inferred from the periods the
    /// text reports gives way to it), with source [`DateSource::Path`].
    pub path_date: Option<Date>,
}

/// The claims of one document and its document record.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The document record.
    pub document: DocumentRecord,
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// The arithmetic the text states between the claims, checked (see [`Extractor::audit`]).
    pub checks: Vec<Check>,
}

/// Finds quantitative claims in Chinese press texts.
///
/// Build it once (it loads the lexicons and the segmentation dictionary) and share it:
/// it is `Send + Sync`, and [`Extractor::extract`] takes `&self`.
pub struct Extractor {
    pub(crate) units: Units,
    pub(crate) approx: ApproxWords,
    pub(crate) cues: Cues,
    pub(crate) jieba: Jieba,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").finish_non_exhaustive()
    }
}

/// Normalized chars and their byte offsets (one past the end last), counted from the
/// start of the text loaded: [`Scratch::base`] in the document. Invisible format chars
/// (`normalize::is_invisible`) are not among the chars: `removed` says where they stood.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    bytes: Vec<u32>,
    /// For each invisible char removed, the index in `chars` of the char after it
    /// (`chars.len()` at the end): the char at index `i` is char `i + (removed ≤ i)` of the
    /// text loaded.
    removed: Vec<u32>,
    /// Where the loaded text starts in the document.
    base: usize,
    /// The byte offsets in the document of the line breaks (`\n`).
    breaks: Vec<usize>,
    /// Whether normalization changed some char (most texts come normalized already).
    folded: bool,
}

impl Scratch {
    /// Loads `text`, which starts at byte `base` of the document.
    fn load(&mut self, text: &str, base: usize) {
        let n = text.chars().count();
        // Whole documents are a few MiB at most, and pieces of streamed ones and of the
        // recognizer's texts at most a GiB: the offsets fit in 32 bits.
        debug_assert!(u32::try_from(text.len()).is_ok());
        let end = text.len() as u32;
        self.base = base;
        // Sized first, then filled through iterators: no capacity test per char. (The
        // placeholder is not NUL, which would make the fill a `memset` call.)
        self.chars.clear();
        self.chars.resize(n, ' ');
        self.bytes.clear();
        self.bytes.resize(n + 1, end);
        let fold = normalize::folder();
        // Whether the text holds a char that `numeral_in_context` reads, and whether some
        // char folds: both are known from the rare chars that may fold alone.
        let mut context = false;
        let mut folded = false;
        let mut invisible = false;
        let mut fold_one = |c: char| match fold.may_change(c) {
            false => c,
            true => {
                context |= normalize::CONTEXT_NUMERALS.contains(&c);
                let f = fold.fold_flagged(c);
                folded |= f != c;
                invisible |= normalize::is_invisible(f);
                f
            }
        };
        self.breaks.clear();
        let mut rest = text.as_bytes();
        for (slot, at) in self.chars.iter_mut().zip(self.bytes.iter_mut()) {
            *at = end - rest.len() as u32;
            // Decoded by hand for the two common widths (ASCII, and three bytes for CJK
            // and full-width forms); anything else through the general decoder.
            *slot = match *rest {
                [b0, b1, b2, ref tail @ ..] if b0 & 0xF0 == 0xE0 => {
                    rest = tail;
                    // The payload bits of a valid three-byte sequence: the marker bits
                    // (0xE0, 0x80, 0x80) subtract out.
                    let u = ((u32::from(b0) << 12) + (u32::from(b1) << 6) + u32::from(b2)
                        - 0xE2080)
                        & 0xFFFF;
                    fold_one(char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
                }
                [b0, ref tail @ ..] if b0 < 0x80 => {
                    rest = tail;
                    if b0 == b'\n' {
                        self.breaks.push(base + *at as usize);
                    }
                    // ASCII never folds (tested).
                    char::from(b0)
                }
                _ => {
                    let c = first_char(rest);
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                    fold_one(c)
                }
            };
        }
        self.folded = folded;
        self.removed.clear();
        if invisible {
            self.remove_invisible();
        }
        // 參 and 倆 fold to words (参, 俩) but also write numerals: their neighbours decide.
        if !context {
            return;
        }
        for i in 0..self.chars.len() {
            if !normalize::may_be_numeral_in_context(self.chars[i]) {
                continue;
            }
            let original = self
                .bytes
                .get(i)
                .and_then(|&o| text.get(o as usize..))
                .and_then(|t| t.chars().next());
            let prev = i.checked_sub(1).and_then(|k| self.chars.get(k)).copied();
            let next = self.chars.get(i + 1).copied();
            if let Some(c) = original.and_then(|o| normalize::numeral_in_context(o, prev, next)) {
                self.chars[i] = c;
            }
        }
    }
}

impl Scratch {
    /// Takes the invisible chars out of `chars` (and their offsets out of `bytes`),
    /// noting in `removed` where they stood.
    #[cold]
    fn remove_invisible(&mut self) {
        let n = self.chars.len();
        let mut kept = 0usize;
        for i in 0..n {
            let c = self.chars[i];
            if normalize::is_invisible(c) {
                self.removed.push(kept as u32);
                continue;
            }
            self.chars[kept] = c;
            self.bytes[kept] = self.bytes[i];
            kept += 1;
        }
        self.bytes[kept] = self.bytes[n];
        self.chars.truncate(kept);
        self.bytes.truncate(kept + 1);
        self.folded = true;
    }

    /// `removed` as indices counted from char `char_base` (for a chunk of the scratch
    /// that starts at its first char).
    fn removed_from(&self, char_base: usize) -> Vec<u32> {
        self.removed
            .iter()
            .map(|&r| (r as usize + char_base) as u32)
            .collect()
    }

    /// How many chars the text loaded has, invisible ones included.
    fn original_len(&self) -> usize {
        self.chars.len() + self.removed.len()
    }
}

/// The char that `bytes` (the tail of a `str` at a char boundary) starts with.
#[cold]
fn first_char(bytes: &[u8]) -> char {
    let head = bytes.get(..bytes.len().min(4)).unwrap_or_default();
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        // A char boundary followed by a cut sequence: the valid part is the whole chars.
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.chars().next().unwrap_or('\0')
}

/// Documents up to this size are normalized whole, once; larger ones chunk by chunk, with
/// document-level inference (date, region) read from their first `PREFIX` bytes.
const WHOLE: usize = 4 << 20;
const PREFIX: usize = 1 << 20;

/// Whether `c` may stand inside a number, a range or a fraction, or next to one as its
/// sign or percent sign: a cut between two such chars may split a number.
fn numberish(c: char) -> bool {
    c.is_ascii_digit()
        || number::is_chinese_numeral(c)
        || number::is_multiplier(c)
        || matches!(
            c,
            '.' | ','
                | '%'
                | '‰'
                | '点'
                | '分'
                | '之'
                | '又'
                | '至'
                | '到'
                | '-'
                | '~'
                | '/'
                | '余'
                | '多'
                | ' '
        )
}

/// How far back from a forced cut [`Extractor::safe_cut`] looks for a better one, and how
/// far past it it reads (so that a number running over the cut is read whole), in bytes.
const CUT_LOOKBACK: usize = 1024;
const CUT_LOOKAHEAD: usize = 256;

impl Extractor {
    /// Splits a line into chunks of at most `MAX_CHUNK` chars, preferring to cut after a
    /// sentence end: the byte offset of each chunk's end. Without a sentence end in reach
    /// the cut goes where no number, unit or approximation word spans it (see
    /// [`Extractor::safe_cut`]).
    fn chunk_ends(&self, text: &str) -> Vec<usize> {
        // A line of at most MAX_CHUNK bytes has at most MAX_CHUNK chars: one chunk.
        if text.len() <= MAX_CHUNK {
            return vec![text.len()];
        }
        let mut ends = Vec::new();
        let mut count = 0usize;
        let mut last_stop: Option<usize> = None;
        let mut start_byte = 0usize;
        for (b, c) in text.char_indices() {
            count += 1;
            if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
                last_stop = Some(b + c.len_utf8());
            }
            if count >= MAX_CHUNK {
                let hard = b + c.len_utf8();
                let cut = match last_stop {
                    Some(s) if s > start_byte => s,
                    _ => self.safe_cut(text, start_byte, hard),
                };
                ends.push(cut);
                count = text[cut..hard].chars().count();
                start_byte = cut;
                last_stop = None;
            }
        }
        ends.push(text.len());
        ends
    }

    /// Where to cut `text` at or before byte `hard` and after byte `start` when no sentence
    /// ends in reach: the quantities around the cut are recognized, and the cut goes after
    /// the last clause mark (，、：) that no quantity spans, else after the last quantity,
    /// else between two chars that stand in no quantity and in no number, else at `hard`.
    fn safe_cut(&self, text: &str, start: usize, hard: usize) -> usize {
        let lo = ceil_boundary(text, hard.saturating_sub(CUT_LOOKBACK).max(start));
        let hi = floor_boundary(text, hard.saturating_add(CUT_LOOKAHEAD));
        let Some(window) = text.get(lo..hi) else {
            return hard;
        };
        let mut offsets = Vec::with_capacity(window.len() / 2 + 1);
        let mut chars = Vec::with_capacity(window.len() / 2);
        for (b, c) in window.char_indices() {
            offsets.push(lo + b);
            chars.push(normalize::fold(c));
        }
        offsets.push(hi);
        let mut found = Vec::new();
        quantity::recognize_into(&chars, &self.units, &self.approx, &mut found);
        let spanned = |k: usize| found.iter().any(|f| f.start < k && k < f.end);
        // The cuts to choose from: char positions after `start`, at or before `hard`.
        let top = offsets.partition_point(|&o| o <= hard);
        let cuts = || {
            (1..top)
                .rev()
                .filter(|&k| offsets[k] > start && !spanned(k))
        };
        let clause = cuts().find(|&k| matches!(chars[k - 1], '，' | ',' | '、' | ':' | '：'));
        let after_quantity = || cuts().find(|&k| found.iter().any(|f| f.end == k));
        let clear = || {
            cuts()
                .find(|&k| !numberish(chars[k - 1]) && chars.get(k).is_none_or(|&c| !numberish(c)))
        };
        clause
            .or_else(after_quantity)
            .or_else(clear)
            .map_or(hard, |k| offsets[k])
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

impl Extractor {
    /// Builds an extractor from the compiled-in lexicons.
    pub fn new() -> Result<Extractor, Error> {
        Ok(Extractor {
            units: Units::new()?,
            approx: ApproxWords::new()?,
            cues: Cues::new()?,
            jieba: Jieba::new(),
        })
    }

    /// Every claim of `text`, in text order. Never fails and never panics.
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        self.analyze(text, &Meta::default()).claims
    }

    /// The claims of `text` and its document record, using what the caller knows.
    pub fn analyze(&self, text: &str, meta: &Meta) -> Analysis {
        if text.len() > WHOLE {
            let mut claims = Vec::new();
            let document = self.analyze_into(text, meta, &mut |c| claims.push(c));
            return Analysis {
                document,
                claims,
                checks: Vec::new(),
            };
        }
        // Collected at their final count, not pushed through doublings that copy the
        // (large) claims of a long document again and again.
        let (found, document) = self.whole(text, meta);
        let mut claims: Vec<Claim> = found.into_iter().map(|(c, _)| c).collect();
        let checks = audit::audit(text, &mut claims);
        Analysis {
            document,
            claims,
            checks,
        }
    }

    /// Checks the arithmetic `text` states between its `claims` (from [`Extractor::extract`]
    /// of the same text): totals and parts, structure ratios, growth, shares. Sets each
    /// claim's `part_of` and `change_of`. [`Extractor::analyze`] does this already.
    ///
    /// ```
    /// use press_stats::{CheckKind, Extractor, Verdict};
    ///
    /// let extractor = Extractor::new()?;
    /// let text = "全年服务业增加值1612.87亿元。其中，金融业增加值190.61亿元；\
    ///             房地产业增加值211.14亿元；其他服务业增加值639.69亿元。";
    /// let mut claims = extractor.extract(text);
    /// let checks = extractor.audit(text, &mut claims);
    /// assert_eq!(checks[0].kind, CheckKind::Parts);
    /// assert_eq!(checks[0].verdict, Verdict::Inconsistent); // 1041.44 ≠ 1612.87
    /// assert_eq!(claims[1].part_of, Some(claims[0].span.start));
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn audit(&self, text: &str, claims: &mut [Claim]) -> Vec<Check> {
        audit::audit(text, claims)
    }

    /// Like [`Extractor::analyze`], handing each claim to `sink` in text order instead of
    /// collecting them. A document larger than a few MiB is read chunk by chunk and its
    /// claims handed over as each chunk is done, so memory stays bounded whatever its size
    /// (its date and region are then read from its first MiB, and attribution looks back
    /// within the chunk, the section heading and the leads before it).
    pub fn analyze_into(
        &self,
        text: &str,
        meta: &Meta,
        sink: &mut dyn FnMut(Claim),
    ) -> DocumentRecord {
        self.analyze_checked_into(text, meta, sink, &mut |_| {})
    }

    /// Like [`Extractor::analyze_into`], handing the document's checks to `checks` too
    /// (before its claims). A document read chunk by chunk is not audited.
    pub fn analyze_checked_into(
        &self,
        text: &str,
        meta: &Meta,
        sink: &mut dyn FnMut(Claim),
        checks: &mut dyn FnMut(Check),
    ) -> DocumentRecord {
        if text.len() > WHOLE {
            return self.stream(text, &structure::blocks(text), meta, sink);
        }
        let (found, document) = self.whole(text, meta);
        let mut claims: Vec<Claim> = found.into_iter().map(|(c, _)| c).collect();
        for c in audit::audit(text, &mut claims) {
            checks(c);
        }
        for c in claims {
            sink(c);
        }
        document
    }

    /// The claims (with where they stand) and the record of a document read whole.
    fn whole(&self, text: &str, meta: &Meta) -> (Vec<(Claim, Site)>, DocumentRecord) {
        let mut doc = Scratch::default();
        doc.load(text, 0);
        let blocks = structure::blocks_at(text, &doc.breaks, &doc.bytes, doc.folded);
        let mut pass = Pass::default();
        // Press texts hold a claim every 150 to 500 bytes: room for them at once, where
        // doublings would copy the (large) claims again and again.
        pass.claims.reserve(text.len() / 128);
        for (bi, block) in blocks.iter().enumerate() {
            if block.kind == BlockKind::Chrome {
                // Page chrome holds no claims, but its date lines date the document.
                let chars = &doc.chars[block.start..block.end];
                time::find_periods_into(chars, &mut pass.period_buf);
                pass.chrome_periods.extend(pass.period_buf.iter().map(|m| {
                    let mut m = *m;
                    m.start += block.start;
                    m.end += block.start;
                    m
                }));
                continue;
            }
            let line = &text[block.byte_start..block.byte_end];
            if line.len() <= MAX_CHUNK {
                // The common case, one chunk: the block knows its chars already.
                let (a, b) = (block.start, block.end);
                let chunk = Chunk {
                    doc: text,
                    chars: &doc.chars[a..b],
                    bytes: &doc.bytes[a..=b],
                    byte_base: doc.base,
                    char_base: a,
                    removed: &doc.removed,
                };
                self.pass_chunk(&chunk, bi, block, &mut pass);
                continue;
            }
            let mut char_base = block.start;
            for to in self.chunk_ends(line) {
                // The chars before the chunk's end, invisible ones (not among them) aside.
                let chunk_end = block.byte_start + to;
                let n = doc.bytes[char_base..].partition_point(|&o| (o as usize) < chunk_end);
                let chunk = Chunk {
                    doc: text,
                    chars: &doc.chars[char_base..char_base + n],
                    bytes: &doc.bytes[char_base..=char_base + n],
                    byte_base: doc.base,
                    char_base,
                    removed: &doc.removed,
                };
                self.pass_chunk(&chunk, bi, block, &mut pass);
                char_base += n;
            }
        }
        let mut periods: Vec<time::PeriodMention> = pass
            .periods
            .iter()
            .chain(&pass.chrome_periods)
            .copied()
            .collect();
        periods.sort_by_key(|m| m.start);
        let facts = self.facts(&doc.chars, &blocks, &periods, meta);
        let regions = std::mem::take(&mut pass.regions).with_region(facts.region.clone());
        resolve_names(&mut pass.bodies, &regions, text, &doc.chars, 0);
        let mut tctx = time::Context::new(facts.date);
        tctx.document_year = facts.year;
        let mut last_block = usize::MAX;
        resolve_periods(&mut pass.whens, &pass.periods, &mut tctx, &mut last_block);
        spokespeople(&doc.chars, &doc.bytes, &blocks, &mut pass.bodies);
        let mut speakers = self.speakers(text, &blocks, &regions);
        host_body(&mut speakers, &blocks, &pass.bodies, text);
        let signed = signer(&blocks, &pass.bodies, &pass.periods, &doc.chars);
        let publisher = publisher(meta, signed, text, &regions);
        let heading_text = |block: usize| {
            let b = &blocks[block];
            normalize::normalize(&text[b.byte_start..b.byte_end])
        };
        attribute_all(
            text,
            &blocks,
            &pass.bodies,
            &pass.whens,
            &speakers,
            facts.date,
            Some(&heading_text),
            publisher.as_ref(),
            &mut pass.claims,
        );
        let count = pass.claims.len();
        let record = self.record(text, &blocks, meta, &facts, &regions, &speakers, count);
        (pass.claims, record)
    }

    /// [`Extractor::analyze_into`] for a huge document: chunk by chunk, in bounded memory.
    fn stream(
        &self,
        text: &str,
        blocks: &[Block],
        meta: &Meta,
        sink: &mut dyn FnMut(Claim),
    ) -> DocumentRecord {
        let prefix: Vec<char> = text[..floor_boundary(text, PREFIX)]
            .chars()
            .map(normalize::fold)
            .collect();
        let facts = self.facts(&prefix, blocks, &time::find_periods(&prefix), meta);
        drop(prefix);
        let mut regions = RegionContext::new(facts.region.clone());
        let speakers = self.speakers(text, blocks, &regions);
        // (A huge document's signature is not looked for: only a supplied publisher.)
        let publisher = publisher(meta, None, text, &regions);
        let mut tctx = time::Context::new(facts.date);
        tctx.document_year = facts.year;
        let mut last_block = usize::MAX;
        // What later chunks may look back to: the bodies and periods of the section's
        // heading, of its lead paragraph and of the last paragraph that may lead a list,
        // a few of each.
        let mut carry = Carry::default();
        let mut piece = Scratch::default();
        let mut count = 0usize;
        for (bi, block) in blocks.iter().enumerate() {
            if block.kind == BlockKind::Chrome {
                continue;
            }
            if matches!(block.kind, BlockKind::Heading | BlockKind::Speaker) {
                carry = Carry::default();
            }
            let line = &text[block.byte_start..block.byte_end];
            let mut from = 0usize;
            let mut char_base = block.start;
            for (ci, to) in self.chunk_ends(line).into_iter().enumerate() {
                piece.load(&line[from..to], block.byte_start + from);
                let removed = piece.removed_from(char_base);
                let chunk = Chunk {
                    doc: text,
                    chars: &piece.chars,
                    bytes: &piece.bytes,
                    byte_base: piece.base,
                    char_base,
                    removed: &removed,
                };
                let mut pass = Pass {
                    regions: std::mem::take(&mut regions),
                    ..Pass::default()
                };
                self.pass_chunk(&chunk, bi, block, &mut pass);
                regions = std::mem::take(&mut pass.regions);
                resolve_names(&mut pass.bodies, &regions, text, &piece.chars, char_base);
                resolve_periods(&mut pass.whens, &pass.periods, &mut tctx, &mut last_block);
                let bodies: Vec<Body> = [carry.bodies.as_slice(), &pass.bodies].concat();
                let whens: Vec<When> = [carry.whens.as_slice(), &pass.whens].concat();
                attribute_all(
                    text,
                    blocks,
                    &bodies,
                    &whens,
                    &speakers,
                    facts.date,
                    None,
                    publisher.as_ref(),
                    &mut pass.claims,
                );
                count += pass.claims.len();
                for (c, _) in pass.claims {
                    sink(c);
                }
                if ci == 0 {
                    carry.keep(block, bi, &pass.bodies, &pass.whens);
                }
                // Blocks count the chars of the text as written: invisible ones too.
                char_base += piece.original_len();
                from = to;
            }
        }
        self.record(text, blocks, meta, &facts, &regions, &speakers, count)
    }

    /// The document's date and region: supplied, or read from its text.
    fn facts(
        &self,
        chars: &[char],
        blocks: &[Block],
        periods: &[time::PeriodMention],
        meta: &Meta,
    ) -> Facts {
        let title: Vec<(usize, usize)> = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| (b.start, b.end))
            .collect();
        let year = time::title_year(periods, &title);
        let (date, date_source) = match meta.date {
            Some(d) => (
                Some(d),
                Some(meta.date_source.unwrap_or(DateSource::Supplied)),
            ),
            None => match (
                time::document_date_with(chars, periods, year),
                meta.path_date,
            ) {
                (Some((d, DateSource::Text)), _) => (Some(d), Some(DateSource::Text)),
                (_, Some(d)) => (Some(d), Some(DateSource::Path)),
                (Some((d, s)), None) => (Some(d), Some(s)),
                (None, None) => (None, None),
            },
        };
        let region = match meta.region.as_deref() {
            Some(r) => Region::from_name(r),
            None => department::detect_region_chars(chars),
        };
        Facts {
            date,
            date_source,
            region,
            year,
        }
    }

    /// The document record.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        text: &str,
        blocks: &[Block],
        meta: &Meta,
        facts: &Facts,
        regions: &RegionContext,
        speakers: &[(usize, Speaker, String)],
        claims: usize,
    ) -> DocumentRecord {
        let title = meta.title.clone().or_else(|| title(text, blocks));
        let genre = if speakers.len() >= 2 {
            Genre::Transcript
        } else if title.as_deref().is_some_and(|t| {
            let t: Vec<char> = normalize::normalize(t).chars().collect();
            (0..t.len()).any(|i| self.cues.report.starting_at(&t, i, t.len()).is_some())
        }) {
            Genre::Report
        } else {
            Genre::News
        };
        let mut seen: Vec<&str> = Vec::new();
        let speakers: Vec<Speaker> = speakers
            .iter()
            .filter(|s| {
                let new = !seen.contains(&s.1.name.as_str());
                seen.push(&s.1.name);
                new
            })
            .map(|s| s.1.clone())
            .collect();
        DocumentRecord {
            title,
            date: facts.date,
            date_source: facts.date_source,
            genre,
            region: regions.region().and_then(|r| r.name()).map(str::to_string),
            speakers,
            claims,
            decoding: None,
        }
    }

    /// Pass 1 over one chunk of block `block` (`info`): periods, bodies and claims (not yet
    /// attributed).
    fn pass_chunk(&self, chunk: &Chunk, block: usize, info: &Block, pass: &mut Pass) {
        let chars = chunk.chars;
        let base = chunk.char_base;
        time::find_periods_into(chars, &mut pass.period_buf);
        department::find_departments_into(chars, &mut pass.dept_buf);
        pass.regions.learn_mentions(chars, &pass.dept_buf);
        let mentions = &mut pass.mentions;
        mentions.periods.clear();
        mentions.bodies.clear();
        structure::sentences_into(chars, 0, chars.len(), &mut mentions.sentences);
        let sentences = &mentions.sentences;
        // Sentences are sorted and disjoint: the first ending after `at` is the only one
        // that may hold it.
        let sentence_of = |at: usize| {
            sentences
                .get(sentences.partition_point(|s| s.1 <= at))
                .filter(|s| s.0 <= at)
                .map_or(0, |s| s.0)
        };
        for m in &pass.period_buf {
            if m.role != time::Role::Base {
                mentions.periods.push((m.start, m.end));
            }
            let mut abs = *m;
            abs.start += base;
            abs.end += base;
            pass.periods.push(abs);
            let history = self.told_as_history(chars, m);
            pass.whens.push(When {
                block,
                start: abs.start,
                end: abs.end,
                text: chunk.byte_range(m.start, m.end),
                range: (None, None),
                usable: m.role == time::Role::Period
                    && !history
                    && !time::only_dates_a_noun(chars, m)
                    && !self.habitual_or_base(chars, m),
                reporting: time::is_reporting_period(m),
                history,
            });
        }
        for m in &pass.dept_buf {
            mentions.bodies.push((m.start, m.extent_end));
            pass.bodies.push(Body {
                block,
                start: base + m.start,
                end: base + m.end,
                sentence: base + sentence_of(m.start),
                mention: chunk.byte_range(m.start, m.end),
                name: String::new(),
                form: m.form,
                actor: self.is_actor(chars, m, sentence_of(m.start)),
                source: self.is_source(chars, m),
            });
        }
        if attribute::has_claims(info.kind) {
            quantity::recognize_into(chars, &self.units, &self.approx, &mut pass.found);
            let ctx = Context {
                cues: &self.cues,
                jieba: &self.jieba,
            };
            // Attribution reads a claim's area only when the block's section has a lead
            // paragraph before it (see `Scope::department`).
            let area_matters =
                info.section.is_some() && info.lead_of_section.is_some_and(|l| l < block);
            let from = pass.claims.len();
            build::claims(
                &ctx,
                chunk,
                &pass.found,
                mentions,
                block,
                area_matters,
                &mut pass.buffers,
                &mut pass.claims,
            );
            let before = pass.claims.len();
            table::claims(
                chunk,
                block,
                &self.units,
                &self.approx,
                &mut pass.table,
                &mut pass.claims,
            );
            if pass.claims.len() > before {
                pass.claims[from..].sort_by_key(|(c, _)| c.span.start);
            }
        } else {
            pass.table = None;
        }
    }

    /// Whether a period mention is a habitual day (周末共办理…) or qualifies the base of a
    /// comparison (近五年平均数): not the period of a claim.
    fn habitual_or_base(&self, chars: &[char], m: &time::PeriodMention) -> bool {
        let habitual = self
            .cues
            .habitual
            .starting_at(chars, m.start, m.end)
            .is_some_and(|(len, _)| m.start + len == m.end);
        habitual
            || self
                .cues
                .base_after
                .starting_at(chars, m.end, chars.len())
                .is_some()
            || is_multiple_base(chars, m.end)
    }

    /// Whether a period is told as history (`早在2008年`, `2016年以来连续五年`): it dates
    /// nothing after it.
    fn told_as_history(&self, chars: &[char], m: &time::PeriodMention) -> bool {
        let before = self
            .cues
            .history
            .all_ending_at(chars, m.start.saturating_sub(4), m.start)
            .any(|(_, v)| v.is_empty());
        let since = matches!(m.expr, time::PeriodExpr::Since(_))
            && self
                .cues
                .history
                .starting_at(chars, m.end, chars.len())
                .is_some_and(|(_, v)| v == "since");
        before || since
    }

    /// Whether a body acts in its sentence: not one item of a list, not the object of a
    /// preposition or verb (联合东莞广播电视台, 向市政府), not inside a book title.
    fn is_actor(&self, chars: &[char], m: &DeptMention, sentence: usize) -> bool {
        let before = m.start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(m.extent_end).copied();
        // A body right before a number is what is counted (县级融媒体中心10座).
        if after.is_some_and(|c| c.is_ascii_digit() || number::is_chinese_numeral(c)) {
            return false;
        }
        // One item of a list is not an actor, unless the list opens its clause as the
        // subject (中央网信办秘书局、国家发改委办公厅…等八部门联合印发).
        let opens_clause = m.start == sentence
            || before.is_some_and(|c| matches!(c, ',' | '，' | ':' | '：' | ';' | '；'));
        if before == Some('、') || after == Some('、') && !opens_clause {
            return false;
        }
        if self
            .cues
            .object
            .ending_at(chars, sentence, m.start)
            .is_some()
        {
            return false;
        }
        let open = chars[sentence..m.start].iter().rposition(|&c| c == '《');
        let close = chars[sentence..m.start].iter().rposition(|&c| c == '》');
        !matches!((open, close), (Some(o), c) if c.is_none_or(|c| c < o))
    }

    /// Whether the sentence gives the body as its figures' source: `据…统计`, `从…获悉`,
    /// or `…数据显示` right after it.
    fn is_source(&self, chars: &[char], m: &DeptMention) -> bool {
        let after = self
            .cues
            .source
            .starting_at(chars, m.extent_end, chars.len())
            .map(|(_, v)| v);
        match after {
            Some("shows") => true,
            Some(_) => self
                .cues
                .source
                .all_ending_at(chars, m.start.saturating_sub(4), m.start)
                .any(|(_, v)| v == "before"),
            None => false,
        }
    }

    /// The speakers of a transcript, one entry per speaker line: (block, speaker, the
    /// mention of the speaker's body as written).
    fn speakers(
        &self,
        text: &str,
        blocks: &[Block],
        regions: &RegionContext,
    ) -> Vec<(usize, Speaker, String)> {
        let mut out: Vec<(usize, Speaker, String)> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            let line = &text[b.byte_start..b.byte_end];
            let parts = match b.kind {
                BlockKind::Speaker => structure::speaker_parts(line),
                // A turn given inline, in its own paragraph.
                BlockKind::Paragraph if b.turn == Some(i) => {
                    structure::inline_person(line).map(|n| (n.to_string(), false, None))
                }
                _ => None,
            };
            let Some((name, host, inner)) = parts else {
                continue;
            };
            // A reporter's question is a turn of no department, and no speaker of record.
            if !host && structure::is_questioner(&name) {
                continue;
            }
            // The post on the line (in brackets or before the name), or the one the text
            // gives where it introduces the name.
            let post_on_line = inner.is_some();
            let post = inner.or_else(|| introduced_post(text, blocks, &name));
            let (department, mention, role) = match &post {
                Some(p) => {
                    let chars: Vec<char> = p.chars().map(normalize::fold).collect();
                    let found = department::find_departments(&chars);
                    match pick_post_body(&chars, &found) {
                        Some(m) => {
                            let mention: String =
                                p.chars().skip(m.start).take(m.end - m.start).collect();
                            // The post keeps its party organ (`党组成员、副局长`).
                            let role: String = if m.start == 0 && post_on_line {
                                p.chars().skip(m.end).collect()
                            } else {
                                p.clone()
                            };
                            let name = match m.form {
                                MentionForm::Pronoun => mention.clone(),
                                _ => department::resolve_name(
                                    &normalize::normalize(&mention),
                                    regions,
                                ),
                            };
                            (Some(name), mention, Some(role))
                        }
                        None => (None, String::new(), Some(p.clone())),
                    }
                }
                None => (None, String::new(), None),
            };
            let role = match (host, role) {
                (true, Some(r)) => Some(format!("主持人;{r}")),
                (true, None) => Some("主持人".to_string()),
                (false, r) => r.map(|r| r.trim_start_matches(['、', ',', ' ']).to_string()),
            };
            // A speaker who speaks again by name only keeps the post given first.
            if let Some(prev) = out
                .iter()
                .find(|s| s.1.name == name && s.1.department.is_some())
                .cloned()
            {
                if department.is_none() {
                    out.push((i, prev.1, prev.2));
                    continue;
                }
            }
            out.push((
                i,
                Speaker {
                    name,
                    role,
                    department,
                },
                mention,
            ));
        }
        out
    }
    /// Every number and quantity in `text`, claims or not (the recognizer under
    /// [`Extractor::extract`]; dates and codes are left out).
    pub fn quantities(&self, text: &str) -> Vec<Quantity> {
        self.recognized(text, |chunk, f| {
            let unit = match f.role {
                Role::Ordinal => Some(crate::unit::Unit::Rank),
                _ => f.unit.clone(),
            };
            Quantity {
                span: chunk.span(f.start, f.end),
                text: chunk.text(f.start, f.end).to_string(),
                kind: unit.as_ref().map(|u| u.kind()),
                value: f.value.normalize(),
                upper: f.upper.map(|u| u.normalize()),
                approx: f.approx,
                unit,
            }
        })
    }

    /// Every number in `text` that [`Extractor::quantities`] reads, without its unit: the
    /// numeral's own span and value (`153人` → 153, `1.5万元` → 15000, `四分之一` → 0.25).
    /// Numbers of dates, clock times and codes are left out.
    pub fn numbers(&self, text: &str) -> Vec<NumberMatch> {
        self.recognized(text, |chunk, f| NumberMatch {
            span: chunk.span(f.num_start, f.num_end),
            text: chunk.text(f.num_start, f.num_end).to_string(),
            value: f.num_value,
            upper: f.num_upper,
            approx: f.num_approx,
        })
    }

    /// The recognizer's finds in `text` (dates and codes left out), each made into a `T`.
    fn recognized<T>(&self, text: &str, make: impl Fn(&Chunk, &quantity::Found) -> T) -> Vec<T> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let mut found = Vec::new();
        // A text of a GiB or more (which no document is) is read in pieces cut at line
        // breaks, since a loaded text's offsets are 32-bit.
        let (mut from, mut char_base) = (0, 0);
        while from < text.len() {
            let to = if text.len() - from <= RECOGNIZED_PIECE {
                text.len()
            } else {
                let limit = floor_boundary(text, from + RECOGNIZED_PIECE);
                text[from..limit]
                    .rfind('\n')
                    .map_or(limit, |i| from + i + 1)
            };
            scratch.load(&text[from..to], from);
            quantity::recognize_into(&scratch.chars, &self.units, &self.approx, &mut found);
            let removed = scratch.removed_from(char_base);
            let chunk = Chunk {
                doc: text,
                chars: &scratch.chars,
                bytes: &scratch.bytes,
                byte_base: scratch.base,
                char_base,
                removed: &removed,
            };
            out.extend(
                found
                    .iter()
                    .filter(|f| f.role != Role::NotQuantity)
                    .map(|f| make(&chunk, f)),
            );
            char_base += scratch.original_len();
            from = to;
        }
        out
    }
}

/// The most bytes [`Extractor::quantities`] reads at once.
const RECOGNIZED_PIECE: usize = 1 << 30;

static SHARED: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("the compiled-in lexicons parse (tested)"));

/// The claims of `text`, using an extractor built on first use.
pub fn extract(text: &str) -> Vec<Claim> {
    SHARED.extract(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_fold_from_their_normalized_chars() {
        let mut buf = String::new();
        let own = ['市', '水', '务', '局'];
        assert_eq!(fold_into(&mut buf, "市水务局", Some(&own)), "市水务局");
        assert_eq!(fold_into(&mut buf, "市水務局", Some(&own)), "市水务局");
        // A numeral in context is normalized apart from its text: folded from the text.
        let folded: String = "參議會".chars().map(normalize::fold).collect();
        assert_eq!(
            fold_into(&mut buf, "參議會", Some(&['叁', '议', '会'])),
            folded
        );
        assert_eq!(fold_into(&mut buf, "市水務局", None), "市水务局");
    }

    #[test]
    fn chunk_ends_cover_the_line_and_cut_no_number() {
        let extractor = Extractor::new().unwrap();
        // Lines whose last char is the one a forced cut falls on, all numerals or none.
        for line in [
            "一".repeat(MAX_CHUNK),
            "新".repeat(MAX_CHUNK),
            format!("{}1", "新".repeat(MAX_CHUNK - 1)),
            format!("{}12.5%", "新".repeat(MAX_CHUNK - 3)),
            "增长12.5%".repeat(MAX_CHUNK / 3),
        ] {
            let ends = extractor.chunk_ends(&line);
            assert_eq!(ends.last(), Some(&line.len()));
            assert!(ends.windows(2).all(|w| w[0] <= w[1]));
            for &e in &ends[..ends.len() - 1] {
                assert!(line.is_char_boundary(e));
                let (before, after) = (line[..e].chars().last(), line[e..].chars().next());
                assert!(
                    !(before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                        && after.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '%')),
                    "{before:?}|{after:?}"
                );
            }
        }
    }

    #[test]
    fn scratch_holds_folded_chars_and_their_offsets() {
        let text = "a１２，萬元\u{00e9}𠀀x\n語";
        let mut s = Scratch::default();
        s.load(text, 7);
        let chars: Vec<char> = text.chars().map(normalize::fold).collect();
        // Offsets count from the text's start, which is at byte 7 of the document.
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        assert_eq!(s.chars, chars);
        assert_eq!(s.bytes, bytes);
        assert_eq!(s.base, 7);
        assert!(s.folded);
        assert_eq!(s.breaks, vec![7 + text.find('\n').unwrap_or(0)]);
        s.load("", 3);
        assert!(s.chars.is_empty());
        assert!(s.breaks.is_empty());
        assert!(!s.folded);
        assert_eq!((s.base, s.bytes.as_slice()), (3, &[0][..]));
        s.load("参加会议,东莞市\n𠀀", 0);
        assert!(!s.folded);
    }
}
