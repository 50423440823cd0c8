//! The extractor: built once, shared by threads, runs the pipeline stage by stage.

use std::sync::LazyLock;

use jiff::civil::Date;

use jieba_rs::Jieba;

use crate::claim::Claim;
use crate::claim::attribute::{self, Body, Scope, When};
use crate::claim::build::{self, Chunk, Context, Mentions, Site};
use crate::claim::cues::Cues;
use crate::department::{self, DeptMention, MentionForm, Region, RegionContext};
use crate::document::normalize;
use crate::document::record::{DateSource, DocumentRecord, Genre, Speaker};
use crate::error::Error;
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

/// Whether a speaker line gives the post in brackets.
fn inner_is_bracket(line: &str) -> bool {
    line.contains(['(', '（'])
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
                .rfind(['，', ',', '。', ':', '：', ';', '；'])
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
}

/// The claims of one document and its document record.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The document record.
    pub document: DocumentRecord,
    /// The claims, in text order.
    pub claims: Vec<Claim>,
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

/// Normalized chars and their byte offsets in the document (one past the end last).
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    bytes: Vec<usize>,
}

impl Scratch {
    /// Loads `text`, which starts at byte `base` of the document.
    fn load(&mut self, text: &str, base: usize) {
        self.chars.clear();
        self.bytes.clear();
        self.chars.reserve(text.len() / 2);
        self.bytes.reserve(text.len() / 2);
        for (b, c) in text.char_indices() {
            self.chars.push(normalize::fold(c));
            self.bytes.push(base + b);
        }
        self.bytes.push(base + text.len());
    }
}

/// Documents up to this size are normalized whole, once; larger ones chunk by chunk, with
/// document-level inference (date, region) read from their first `PREFIX` bytes.
const WHOLE: usize = 4 << 20;
const PREFIX: usize = 1 << 20;

/// Splits a line into chunks of at most `MAX_CHUNK` chars, preferring to cut after a
/// sentence end: the byte offset of each chunk's end.
fn chunk_ends(text: &str) -> Vec<usize> {
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
            let cut = match last_stop {
                Some(s) if s > start_byte => s,
                _ => b + c.len_utf8(),
            };
            ends.push(cut);
            count = text[cut..b + c.len_utf8()].chars().count();
            start_byte = cut;
            last_stop = None;
        }
    }
    ends.push(text.len());
    ends
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
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
        let blocks = structure::blocks(text);
        let whole = text.len() <= WHOLE;
        let mut doc = Scratch::default();
        if whole {
            doc.load(text, 0);
        }
        let mut piece = Scratch::default();
        let mut pass = Pass::default();
        for (bi, block) in blocks.iter().enumerate() {
            let line = &text[block.byte_start..block.byte_end];
            if block.kind == BlockKind::Chrome {
                // Page chrome holds no claims, but its date lines date the document.
                if whole {
                    let chars = &doc.chars[block.start..block.end];
                    time::find_periods_into(chars, &mut pass.period_buf);
                    pass.chrome_periods.extend(pass.period_buf.iter().map(|m| {
                        let mut m = *m;
                        m.start += block.start;
                        m.end += block.start;
                        m
                    }));
                }
                continue;
            }
            let mut from = 0usize;
            let mut char_base = block.start;
            for to in chunk_ends(line) {
                let (chars, bytes): (&[char], &[usize]) = if whole {
                    let n = line[from..to].chars().count();
                    (
                        &doc.chars[char_base..char_base + n],
                        &doc.bytes[char_base..=char_base + n],
                    )
                } else {
                    piece.load(&line[from..to], block.byte_start + from);
                    (&piece.chars, &piece.bytes)
                };
                let chunk = Chunk {
                    doc: text,
                    chars,
                    bytes,
                    char_base,
                };
                self.pass_chunk(&chunk, bi, block.kind, &mut pass);
                char_base += chars.len();
                from = to;
            }
        }
        self.finish(
            text,
            &blocks,
            if whole { Some(&doc.chars[..]) } else { None },
            meta,
            pass,
        )
    }

    /// Pass 1 over one chunk: periods, bodies and claims (not yet attributed).
    fn pass_chunk(&self, chunk: &Chunk, block: usize, kind: BlockKind, pass: &mut Pass) {
        let chars = chunk.chars;
        let base = chunk.char_base;
        time::find_periods_into(chars, &mut pass.period_buf);
        department::find_departments_into(chars, &mut pass.dept_buf);
        pass.regions.learn_mentions(chars, &pass.dept_buf);
        let mut mentions = Mentions::default();
        let sentences = structure::sentences(chars, 0, chars.len());
        let sentence_of = |at: usize| {
            sentences
                .iter()
                .find(|s| s.0 <= at && at < s.1)
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
            pass.whens.push(When {
                block,
                start: abs.start,
                end: abs.end,
                text: chunk.text(m.start, m.end).to_string(),
                range: (None, None),
                usable: m.role == time::Role::Period && !time::only_dates_a_noun(chars, m),
            });
        }
        for m in &pass.dept_buf {
            mentions.bodies.push((m.start, m.extent_end));
            pass.bodies.push(Body {
                block,
                start: base + m.start,
                end: base + m.end,
                sentence: base + sentence_of(m.start),
                mention: chunk.text(m.start, m.end).to_string(),
                name: String::new(),
                form: m.form,
                actor: self.is_actor(chars, m, sentence_of(m.start)),
            });
        }
        if attribute::has_claims(kind) {
            let found = quantity::recognize(chars, &self.units, &self.approx);
            let ctx = Context {
                cues: &self.cues,
                jieba: &self.jieba,
            };
            build::claims(&ctx, chunk, &found, &mentions, block, &mut pass.claims);
        }
    }

    /// Whether a body acts in its sentence: not one item of a list, not the object of a
    /// preposition or verb (联合东莞广播电视台, 向市政府), not inside a book title.
    fn is_actor(&self, chars: &[char], m: &DeptMention, sentence: usize) -> bool {
        let before = m.start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(m.extent_end).copied();
        if before == Some('、') || after == Some('、') || after == Some('等') {
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

    /// Pass 2: the document record, name resolution and attribution.
    fn finish(
        &self,
        text: &str,
        blocks: &[Block],
        chars: Option<&[char]>,
        meta: &Meta,
        mut pass: Pass,
    ) -> Analysis {
        // Document-level inference reads the whole text, or the first part of a huge one.
        let prefix: Vec<char>;
        let mut prefix_periods: Vec<time::PeriodMention>;
        let (doc_chars, doc_periods): (&[char], &[time::PeriodMention]) = match chars {
            Some(c) => {
                prefix_periods = pass
                    .periods
                    .iter()
                    .chain(&pass.chrome_periods)
                    .copied()
                    .collect();
                prefix_periods.sort_by_key(|m| m.start);
                (c, &prefix_periods)
            }
            None => {
                prefix = text[..floor_boundary(text, PREFIX)]
                    .chars()
                    .map(normalize::fold)
                    .collect();
                prefix_periods = time::find_periods(&prefix);
                (&prefix, &prefix_periods)
            }
        };
        let (date, date_source) = match meta.date {
            Some(d) => (Some(d), Some(DateSource::Supplied)),
            None => match time::document_date_with(doc_chars, doc_periods) {
                Some((d, s)) => (Some(d), Some(s)),
                None => (None, None),
            },
        };
        let region = match meta.region.as_deref() {
            Some(r) => Region::from_name(r),
            None => department::detect_region_chars(doc_chars),
        };
        let regions = std::mem::take(&mut pass.regions).with_region(region);
        for b in &mut pass.bodies {
            b.name = match b.form {
                MentionForm::Pronoun => b.mention.clone(),
                _ => department::resolve_name(&b.mention, &regions),
            };
        }
        // Periods resolve in document order, each against what the text before it put in force.
        let mut tctx = time::Context::new(date);
        let mut last_block = usize::MAX;
        let mut ordered = std::mem::take(&mut pass.whens);
        for (w, m) in ordered.iter_mut().zip(&pass.periods) {
            if w.block != last_block {
                tctx.new_paragraph();
                last_block = w.block;
            }
            w.range = tctx.resolve_and_observe(m);
        }
        let speakers = self.speakers(text, blocks, &regions);
        let speaker_dept = |block: usize| {
            speakers
                .iter()
                .find(|s| s.0 == block)
                .and_then(|s| s.1.department.clone().map(|d| (d, s.2.clone())))
        };
        let heading_text = |block: usize| {
            let b = &blocks[block];
            normalize::normalize(&text[b.byte_start..b.byte_end])
        };
        let scope = Scope {
            blocks,
            body_ranges: attribute::ranges(blocks.len(), pass.bodies.iter().map(|b| b.block)),
            when_ranges: attribute::ranges(blocks.len(), ordered.iter().map(|w| w.block)),
            bodies: &pass.bodies,
            whens: &ordered,
            speaker_dept: &speaker_dept,
            heading_text: &heading_text,
            document_date: date,
        };
        scope.attribute(&mut pass.claims);
        let claims: Vec<Claim> = pass.claims.into_iter().map(|(c, _)| c).collect();
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
        let document = DocumentRecord {
            title,
            date,
            date_source,
            genre,
            region: regions.region().and_then(|r| r.name()).map(str::to_string),
            speakers,
            claims: claims.len(),
            decoding: None,
        };
        Analysis { document, claims }
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
            if b.kind != BlockKind::Speaker {
                continue;
            }
            let line = &text[b.byte_start..b.byte_end];
            let Some((name, host, inner)) = structure::speaker_parts(line) else {
                continue;
            };
            // The post in brackets, or the one the text gives where it introduces the name.
            let post = inner.or_else(|| introduced_post(text, blocks, &name));
            let (department, mention, role) = match &post {
                Some(p) => {
                    let chars: Vec<char> = p.chars().map(normalize::fold).collect();
                    let found = department::find_departments(&chars);
                    match pick_post_body(&chars, &found) {
                        Some(m) => {
                            let mention: String =
                                p.chars().skip(m.start).take(m.end - m.start).collect();
                            let role: String = if m.start == 0 && inner_is_bracket(line) {
                                p.chars().skip(m.extent_end).collect()
                            } else {
                                p.clone()
                            };
                            let name = match m.form {
                                MentionForm::Pronoun => mention.clone(),
                                _ => department::resolve_name(&mention, regions),
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
        let mut scratch = Scratch::default();
        scratch.load(text, 0);
        let found = quantity::recognize(&scratch.chars, &self.units, &self.approx);
        let chunk = Chunk {
            doc: text,
            chars: &scratch.chars,
            bytes: &scratch.bytes,
            char_base: 0,
        };
        found
            .into_iter()
            .filter(|f| f.role != Role::NotQuantity)
            .map(|f| {
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
            .collect()
    }

    /// Every number in `text` that [`Extractor::quantities`] reads, without its unit: the
    /// numeral's own span and value (`153人` → 153, `1.5万元` → 15000, `四分之一` → 0.25).
    /// Numbers of dates, clock times and codes are left out.
    pub fn numbers(&self, text: &str) -> Vec<NumberMatch> {
        let mut scratch = Scratch::default();
        scratch.load(text, 0);
        let found = quantity::recognize(&scratch.chars, &self.units, &self.approx);
        let chunk = Chunk {
            doc: text,
            chars: &scratch.chars,
            bytes: &scratch.bytes,
            char_base: 0,
        };
        found
            .into_iter()
            .filter(|f| f.role != Role::NotQuantity)
            .map(|f| NumberMatch {
                span: chunk.span(f.num_start, f.num_end),
                text: chunk.text(f.num_start, f.num_end).to_string(),
                value: f.num_value,
                upper: f.num_upper,
                approx: f.num_approx,
            })
            .collect()
    }
}

static SHARED: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("the compiled-in lexicons parse (tested)"));

/// The claims of `text`, using an extractor built on first use.
pub fn extract(text: &str) -> Vec<Claim> {
    SHARED.extract(text)
}
