//! The extractor: built once, shared by threads, runs the pipeline stage by stage.

use std::sync::LazyLock;

use jiff::civil::Date;

use jieba_rs::Jieba;

use crate::claim::Claim;
use crate::claim::build::{self, Chunk, Context};
use crate::claim::cues::Cues;
use crate::document::normalize;
use crate::document::record::DocumentRecord;
use crate::error::Error;
use crate::quantity::{self, ApproxWords, NumberMatch, Quantity, Role};
use crate::structure::{self, BlockKind};
use crate::unit::Units;

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

/// Reusable per-call buffers.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    bytes: Vec<usize>,
}

impl Scratch {
    fn load(&mut self, text: &str) {
        self.chars.clear();
        self.bytes.clear();
        self.chars.reserve(text.len() / 2);
        self.bytes.reserve(text.len() / 2);
        for (b, c) in text.char_indices() {
            self.chars.push(normalize::fold(c));
            self.bytes.push(b);
        }
        self.bytes.push(text.len());
    }
}

/// Splits `[0, n)` chars of a line into chunks of at most `MAX_CHUNK`, preferring to cut
/// after a sentence end.
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
        let _ = meta;
        let ctx = Context {
            cues: &self.cues,
            jieba: &self.jieba,
        };
        let mut scratch = Scratch::default();
        let mut claims = Vec::new();
        for block in structure::blocks(text) {
            if matches!(block.kind, BlockKind::Chrome | BlockKind::Speaker) {
                continue;
            }
            let line = &text[block.byte_start..block.byte_end];
            let mut from = 0usize;
            let mut char_base = block.start;
            for to in chunk_ends(line) {
                let piece = &line[from..to];
                scratch.load(piece);
                let found = quantity::recognize(&scratch.chars, &self.units, &self.approx);
                let chunk = Chunk {
                    orig: piece,
                    chars: &scratch.chars,
                    bytes: &scratch.bytes,
                    char_base,
                    byte_base: block.byte_start + from,
                };
                build::claims(&ctx, &chunk, &found, &mut claims);
                char_base += scratch.chars.len();
                from = to;
            }
        }
        let document = DocumentRecord {
            claims: claims.len(),
            ..DocumentRecord::default()
        };
        Analysis { document, claims }
    }

    /// Every number and quantity in `text`, claims or not (the recognizer under
    /// [`Extractor::extract`]; dates and codes are left out).
    pub fn quantities(&self, text: &str) -> Vec<Quantity> {
        let mut scratch = Scratch::default();
        scratch.load(text);
        let found = quantity::recognize(&scratch.chars, &self.units, &self.approx);
        let chunk = Chunk {
            orig: text,
            chars: &scratch.chars,
            bytes: &scratch.bytes,
            char_base: 0,
            byte_base: 0,
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
                    value: f.value,
                    upper: f.upper,
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
        scratch.load(text);
        let found = quantity::recognize(&scratch.chars, &self.units, &self.approx);
        let chunk = Chunk {
            orig: text,
            chars: &scratch.chars,
            bytes: &scratch.bytes,
            char_base: 0,
            byte_base: 0,
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
