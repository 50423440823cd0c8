//! The pipeline: one function, [`run`], takes a document through every stage — normalized
//! text (`document`), blocks (`structure`), then chunk by chunk numbers and quantities,
//! periods (`time`), bodies (`department`) and claims (`claim`), and last attribution.
//!
//! A document that fits in memory is one window: normalized once, collected whole, then
//! attributed with everything the text says of itself. A huge one is read window by
//! window, one chunk of a line at a time, each attributed and handed over as it is done,
//! so memory stays bounded (see [`run`] for what it does without).

mod chunks;
mod record;

use crate::attribution::{self, Body, Carry, Collected, When};
use crate::claim::build::{self, Mentions, Site};
use crate::claim::cues::Cues;
use crate::claim::{Claim, Context, table};
use crate::department::{self, DeptMention, RegionContext};
use crate::document::Meta;
use crate::document::normalize;
use crate::document::record::DocumentRecord;
use crate::document::text::{Chunk, Normalized};
use crate::error::Error;
use crate::lexicon::segment::Segmenter;
use crate::quantity::{self, ApproxWords};
use crate::structure::{self, Block, BlockKind, Blocks, Kept};
use crate::time;
use crate::unit::Units;

pub(crate) use chunks::floor_boundary;
use chunks::{MAX_CHUNK, chunk_ends};

/// The lexicons and the segmenter the stages read: built once, shared by threads.
pub(crate) struct Stages {
    pub units: Units,
    pub approx: ApproxWords,
    pub cues: Cues,
    pub segmenter: Segmenter,
}

impl Stages {
    /// Builds the stages' lexicons from the compiled-in data.
    pub fn new() -> Result<Stages, Error> {
        Ok(Stages {
            units: Units::new()?,
            approx: ApproxWords::new()?,
            cues: Cues::new()?,
            segmenter: Segmenter::new(),
        })
    }
}

/// Documents up to this size are normalized whole, once; larger ones chunk by chunk, with
/// document-level inference (date, region) read from their first `PREFIX` bytes.
const WHOLE: usize = 4 << 20;
const PREFIX: usize = 1 << 20;

/// What pass 1 collects over a window of a document.
#[derive(Default)]
struct Pass {
    claims: Vec<(Claim, Site)>,
    collected: Collected,
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

/// What attribution reads of the document as a whole, once it is known.
struct Known {
    facts: record::Facts,
    tctx: time::Context,
    /// The block of the last period resolved (a new block starts a new paragraph).
    last_block: usize,
    speakers: Vec<attribution::SpeakerLine>,
    publisher: Option<crate::claim::Department>,
}

impl Known {
    /// The document-wide facts, with the periods resolved against its date and year.
    fn new(
        facts: record::Facts,
        speakers: Vec<attribution::SpeakerLine>,
        publisher: Option<crate::claim::Department>,
    ) -> Known {
        let mut tctx = time::Context::new(facts.date);
        tctx.document_year = facts.year;
        Known {
            facts,
            tctx,
            last_block: usize::MAX,
            speakers,
            publisher,
        }
    }
}

/// Whether `text` is read as one window (its claims come in one batch), not chunk by chunk.
pub(crate) fn is_whole(text: &str) -> bool {
    text.len() <= WHOLE
}

/// Runs the pipeline over document `text`, handing its claims (with where they stand) to
/// `emit` in text order, and returns its record.
///
/// A document of up to a few MiB is one window: its claims come in one batch, attributed
/// with everything the text says of itself. A larger one is a window per chunk of a line,
/// each batch handed over as it is done; its date and region are read from its first MiB
/// and attribution looks back within the chunk, the section heading and the leads before
/// it. A huge document's signature, the spokespeople its report introduces and the host of
/// its conference are not looked for.
pub(crate) fn run(
    stages: &Stages,
    text: &str,
    meta: &Meta,
    emit: &mut dyn FnMut(Vec<(Claim, Site)>),
) -> DocumentRecord {
    if !is_whole(text) {
        return run_stream(stages, text, meta, emit);
    }
    let mut doc = Normalized::default();
    doc.load(text, 0);
    let blocks = structure::blocks_at(text, &doc.breaks, &doc.bytes, doc.folded);
    let mut pass = Pass::default();
    // Press texts hold a claim every 150 to 500 bytes: room for them at once, where
    // doublings would copy the (large) claims again and again.
    pass.claims.reserve(text.len() / 128);
    // The normalized text of a heading, for the rule that a heading naming a body's field
    // (建设品质水务) makes the section that body's.
    let heading_text = |block: usize| {
        let b = &blocks[block];
        normalize::normalize_words(&text[b.byte_start..b.byte_end])
    };
    let h: &dyn Fn(usize) -> String = &heading_text;
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
            let chunk = doc.chunk(text, (block.start, block.end), block.start, &doc.removed);
            pass_chunk(stages, &chunk, bi, block, &mut pass);
            continue;
        }
        let mut char_base = block.start;
        for to in chunk_ends(line, &stages.units, &stages.approx) {
            // The chars before the chunk's end, invisible ones (not among them) aside.
            let chunk_end = block.byte_start + to;
            let n = doc.bytes[char_base..].partition_point(|&o| (o as usize) < chunk_end);
            let chunk = doc.chunk(text, (char_base, char_base + n), char_base, &doc.removed);
            pass_chunk(stages, &chunk, bi, block, &mut pass);
            char_base += n;
        }
    }
    let mut w = whole_window(text, meta, &blocks, &doc, &mut pass);
    let c = &pass.collected;
    attribute(
        text,
        &blocks,
        &mut w,
        &c.bodies,
        &c.whens,
        Some(h),
        &mut pass.claims,
    );
    let count = pass.claims.len();
    emit(std::mem::take(&mut pass.claims));
    record::record(
        &stages.cues,
        text,
        &blocks,
        meta,
        &w.facts,
        &pass.regions,
        &w.speakers,
        count,
    )
}

/// [`run`] over a huge document: its blocks are read as a stream, each chunk attributed and
/// handed over as it is done, and only the blocks attribution may still ask for are kept.
fn run_stream(
    stages: &Stages,
    text: &str,
    meta: &Meta,
    emit: &mut dyn FnMut(Vec<(Claim, Site)>),
) -> DocumentRecord {
    let inline = structure::inline_turns(text);
    let titles = structure::titles(text);
    let mut pass = Pass::default();
    // The document is attributed as it is read: what it says of itself comes first.
    let prefix: Vec<char> = text[..floor_boundary(text, PREFIX)]
        .chars()
        .map(normalize::fold)
        .collect();
    let facts = record::facts(&prefix, &titles, &time::find_periods(&prefix), meta);
    drop(prefix);
    pass.regions = RegionContext::new(facts.region.clone());
    let speakers = attribution::speakers(text, || structure::stream(text, inline), &pass.regions);
    let publisher = attribution::publisher(meta.publisher.as_deref(), None, text, &pass.regions);
    let mut w = Known::new(facts, speakers, publisher);
    // What later chunks may look back to: the bodies and periods of the section's heading,
    // of its lead paragraph and of the last paragraph that may lead a list, a few of each.
    let mut carry = Carry::default();
    let mut kept = Kept::default();
    let mut piece = Normalized::default();
    let mut count = 0usize;
    for (bi, block) in structure::stream(text, inline) {
        kept.push(bi, block.clone(), |k| carry.holds(k));
        // Page chrome holds no claims; the date lines in it are read from the prefix.
        if block.kind == BlockKind::Chrome {
            continue;
        }
        if matches!(block.kind, BlockKind::Heading | BlockKind::Speaker) {
            carry = Carry::default();
        }
        let line = &text[block.byte_start..block.byte_end];
        let (mut from, mut char_base) = (0usize, block.start);
        for (ci, to) in chunk_ends(line, &stages.units, &stages.approx)
            .into_iter()
            .enumerate()
        {
            piece.load(&line[from..to], block.byte_start + from);
            let removed = piece.removed_from(char_base);
            let chunk = piece.chunk(text, (0, piece.chars.len()), char_base, &removed);
            pass_chunk(stages, &chunk, bi, &block, &mut pass);
            // The next chunk starts a pass of its own, with the bodies learned so far.
            let regions = std::mem::take(&mut pass.regions);
            let mut window = std::mem::replace(
                &mut pass,
                Pass {
                    regions,
                    ..Pass::default()
                },
            );
            let c = &mut window.collected;
            attribution::resolve_names(&mut c.bodies, &pass.regions, text, &piece.chars, char_base);
            attribution::resolve_periods(&mut c.whens, &c.periods, &mut w.tctx, &mut w.last_block);
            let (bodies, whens) = carry.with(&c.bodies, &c.whens);
            // The section's heading is among the blocks kept.
            let heading_text = |at: usize| {
                kept.block(at).map_or_else(String::new, |b| {
                    normalize::normalize_words(&text[b.byte_start..b.byte_end])
                })
            };
            attribute(
                text,
                &kept,
                &mut w,
                &bodies,
                &whens,
                Some(&heading_text),
                &mut window.claims,
            );
            count += window.claims.len();
            emit(window.claims);
            if ci == 0 {
                carry.keep(&block, bi, &c.bodies, &c.whens);
            }
            // Blocks count the chars of the text as written: invisible ones too.
            char_base += piece.original_len();
            from = to;
        }
    }
    record::record(
        &stages.cues,
        text,
        &titles,
        meta,
        &w.facts,
        &pass.regions,
        &w.speakers,
        count,
    )
}

/// The document-wide facts of a document read whole, once pass 1 is done: its date and
/// region from its text (chrome too), its bodies named in full and its periods resolved,
/// the spokespeople its report introduces, its speakers and its publisher.
fn whole_window(
    text: &str,
    meta: &Meta,
    blocks: &[Block],
    doc: &Normalized,
    pass: &mut Pass,
) -> Known {
    let c = &mut pass.collected;
    let mut periods: Vec<time::PeriodMention> = c
        .periods
        .iter()
        .chain(&pass.chrome_periods)
        .copied()
        .collect();
    periods.sort_by_key(|m| m.start);
    let facts = record::facts(&doc.chars, blocks, &periods, meta);
    pass.regions = std::mem::take(&mut pass.regions).with_region(facts.region.clone());
    let regions = &pass.regions;
    attribution::resolve_names(&mut c.bodies, regions, text, &doc.chars, 0);
    let mut w = Known::new(facts, Vec::new(), None);
    attribution::resolve_periods(&mut c.whens, &c.periods, &mut w.tctx, &mut w.last_block);
    attribution::spokespeople(&doc.chars, &doc.bytes, blocks, &mut c.bodies);
    w.speakers = attribution::speakers(text, || blocks.iter().cloned().enumerate(), regions);
    attribution::host_body(&mut w.speakers, blocks, &c.bodies, text);
    let signed = attribution::signer(blocks, &c.bodies, &c.periods, &doc.chars);
    w.publisher = attribution::publisher(meta.publisher.as_deref(), signed, text, regions);
    w
}

/// Attributes the `claims` of a window (`bodies` and `whens` in document order).
fn attribute(
    text: &str,
    blocks: &dyn Blocks,
    w: &mut Known,
    bodies: &[Body],
    whens: &[When],
    heading_text: Option<&dyn Fn(usize) -> String>,
    claims: &mut [(Claim, Site)],
) {
    attribution::attribute_all(
        text,
        blocks,
        bodies,
        whens,
        &w.speakers,
        w.facts.date,
        heading_text,
        w.publisher.as_ref(),
        claims,
    );
}

/// Pass 1 over one chunk of block `block` (`info`): periods, bodies and claims (not yet
/// attributed).
fn pass_chunk(stages: &Stages, chunk: &Chunk, block: usize, info: &Block, pass: &mut Pass) {
    let chars = chunk.chars;
    time::find_periods_into(chars, &mut pass.period_buf);
    department::find_departments_into(chars, &mut pass.dept_buf);
    pass.regions.learn_mentions(chars, &pass.dept_buf);
    let mentions = &mut pass.mentions;
    structure::sentences_into(chars, 0, chars.len(), &mut mentions.sentences);
    attribution::collect(
        &stages.cues,
        chunk,
        block,
        (&pass.period_buf, &pass.dept_buf),
        mentions,
        &mut pass.collected,
    );
    if structure::has_claims(info.kind) {
        quantity::recognize_into(chars, &stages.units, &stages.approx, &mut pass.found);
        let ctx = Context {
            cues: &stages.cues,
            segmenter: &stages.segmenter,
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
            &stages.units,
            &stages.approx,
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
