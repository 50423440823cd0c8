//! Turning the quantities of one chunk of text into claims.

use std::sync::Arc;

use crate::lexicon::segment::Segmenter;

use super::cues::Cues;
use super::{Change, Claim, Context, Direction, change, filter, modality, subject};
use crate::document::text::{Chunk, push_chars};
use crate::quantity::{Approx, Found, QuantityClass};
use crate::structure;
use crate::unit::{Kind, Unit};

/// Where a claim stands, for attribution: its sentence and start in document chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    /// Index of the claim's block (line) in the document structure.
    pub block: usize,
    /// The claim's sentence.
    pub sentence: (usize, usize),
    /// The claim's clause.
    pub clause: (usize, usize),
    /// Where the claim's statement starts (after the last semicolon before it).
    pub statement: usize,
    /// When the statement, sentence or clause has a whole area as its subject (全市…,
    /// 佛山全市上下…), the normalized chars of the sentence up to the claim (as chars: a
    /// copy, where a `String` would need encoding char by char).
    pub area: Option<Box<[char]>>,
    /// A later clause of the statement opens with its own whole-area subject
    /// (`…确定31个类型,市级层面105个单位确定…`): a body acting in an earlier clause is
    /// not this one's.
    pub clause_area: bool,
    /// The claim's first char.
    pub start: usize,
    /// For a table cell, its column's header cell (document chars): a period there
    /// (`年末人数(人)`) dates the column.
    pub column: Option<(usize, usize)>,
}

/// What other stages found in a chunk, in chunk offsets: spans that are dates or clock
/// times (never claims, and not part of a subject) and spans that name bodies.
#[derive(Debug, Default)]
pub(crate) struct Mentions {
    pub periods: Vec<(usize, usize)>,
    pub bodies: Vec<(usize, usize)>,
    /// The chunk's sentences.
    pub sentences: Vec<(usize, usize)>,
}

/// Buffers the claim stage reuses from chunk to chunk.
#[derive(Default)]
pub(crate) struct Buffers {
    /// The spans a subject skips over, sorted.
    skips: Vec<(usize, usize)>,
    before: Before,
    /// Text for the segmenter.
    buf: String,
}

/// Whether the text from `from` opens with a whole area as subject, after a leading date
/// and punctuation: `截至9月15日,全市…`, `今年,佛山全市上下…`. `skips` are sorted.
fn area_subject(
    chars: &[char],
    from: usize,
    until: usize,
    skips: &[(usize, usize)],
    cues: &Cues,
) -> bool {
    let mut a = from;
    loop {
        while a < until && matches!(chars[a], ',' | '，' | ' ' | '、' | ':' | '：') {
            a += 1;
        }
        // Skips are sorted by start: stop at the first that starts past `a`.
        match skips
            .iter()
            .take_while(|&&(s, _)| s <= a)
            .find(|&&(s, e)| s == a && e > a)
        {
            Some(&(_, e)) => a = e,
            None => break,
        }
    }
    // The area word may follow a place name (佛山全市): look a few chars in.
    cues.area
        .first_start_in(chars, a, (a + 4).min(until), until)
        .is_some()
}

/// Whether char `i` ends a clause ([`structure::is_clause_break`]), with a quick no for
/// Han chars, ASCII letters and digits, which never do (most of what a scan reads).
#[inline]
fn clause_break(chars: &[char], i: usize) -> bool {
    chars
        .get(i)
        .is_some_and(|&c| !subject::is_han(c) && !c.is_ascii_alphanumeric())
        && structure::is_clause_break(chars, i)
}

/// The longest stretch of a sentence read around a claim.
const MAX_SENTENCE: usize = 400;

/// The sentence `full` if it is short enough, else a window of it around `[start, end)`
/// that begins and ends at clause breaks where it can.
fn window(chars: &[char], full: (usize, usize), start: usize, end: usize) -> (usize, usize) {
    if full.1 - full.0 <= MAX_SENTENCE {
        return full;
    }
    let half = MAX_SENTENCE / 2;
    let lo = start.saturating_sub(half).max(full.0);
    let hi = (end + half).min(full.1);
    let a = (lo..start)
        .find(|&i| clause_break(chars, i))
        .map_or(lo, |i| i + 1);
    let b = (end..hi)
        .rev()
        .find(|&i| clause_break(chars, i))
        .map_or(hi, |i| i + 1);
    (a.min(start), b.max(end))
}

/// The end of the clause that starts before `end`: the first clause break at or after
/// `end` in the sentence, or the sentence end.
fn clause_end(chars: &[char], sent: (usize, usize), end: usize) -> usize {
    (end..sent.1)
        .find(|&i| clause_break(chars, i))
        .unwrap_or(sent.1)
}

/// What a forward scan of one sentence has seen before a position: the last clause
/// break, semicolon and bracket, and every modality cue. Quantities come in text order,
/// so each sentence is read once, however many quantities it holds.
#[derive(Default)]
struct Before {
    /// The sentence: `(start, end)`.
    sentence: (usize, usize),
    /// Chars `[sentence.0, at)` have been read.
    at: usize,
    /// The last clause break (list commas included).
    brk: Option<usize>,
    /// The last clause break other than a list comma.
    hard: Option<usize>,
    /// The last semicolon.
    semi: Option<usize>,
    brackets: filter::Brackets,
    /// Modality cues as (end, length, value), by end, longest first at one end.
    modal: Vec<modality::Cue>,
}

impl Before {
    /// Forgets what was read (for another chunk), keeping the buffer.
    fn clear(&mut self) {
        let mut modal = std::mem::take(&mut self.modal);
        modal.clear();
        *self = Before {
            modal,
            ..Before::default()
        };
    }

    /// Reads on to `to` in the sentence `sentence` (starting it again when the position is
    /// in another sentence or behind what has been read).
    fn read_to(&mut self, chars: &[char], sentence: (usize, usize), to: usize, cues: &Cues) {
        if sentence != self.sentence || to < self.at || self.at < sentence.0 {
            self.sentence = sentence;
            self.at = sentence.0;
            self.brk = None;
            self.hard = None;
            self.semi = None;
            self.brackets = filter::Brackets::default();
            self.modal.clear();
        }
        let to = to.min(chars.len());
        let mut from = self.at.min(to);
        // Most chars are Han chars that end no cue: a tight loop of one bit test each
        // passes them over, and only the others are looked at.
        let stops = cues.scan_stop.bits();
        let is_stop = |c: char| {
            let u = c as usize;
            u < 65536 && stops[u >> 6] >> (u & 63) & 1 != 0
        };
        while let Some(k) = chars[from..to].iter().position(|&c| is_stop(c)) {
            self.read_stop(chars, sentence.0, from + k, cues);
            from += k + 1;
        }
        self.at = self.at.max(to);
    }

    /// Notes what char `i` of the sentence starting at `floor` is: the end of modality
    /// cues, a bracket or a clause break.
    /// (Out of line: inlined, it bloats the loop that skips the other chars.)
    #[inline(never)]
    fn read_stop(&mut self, chars: &[char], floor: usize, i: usize, cues: &Cues) {
        let c = chars[i];
        if cues.modality.ends_with(c) {
            for (len, v) in cues.modality.all_ending_at(chars, floor, i + 1) {
                if self.modal.capacity() == 0 {
                    // One allocation for a chunk's cues, not a series of doublings.
                    self.modal.reserve(16);
                }
                self.modal.push((i + 1, len, v));
            }
            // Clause breaks and brackets are all outside the main block of Han chars,
            // where the other stops are.
            if subject::is_han(c) {
                return;
            }
        }
        match c {
            '《' | '》' => self.brackets.title = Some(i),
            '“' | '「' | '【' | '"' | '”' | '」' | '】' => self.brackets.quote = Some(i),
            _ => {
                if structure::is_clause_break(chars, i) {
                    self.brk = Some(i);
                    if c != '、' {
                        self.hard = Some(i);
                    }
                    if matches!(c, ';' | '；') {
                        self.semi = Some(i);
                    }
                }
            }
        }
    }
}

/// Where a stretch starts that runs from `floor` or from just after `last`, whichever is
/// later.
fn after_last(last: Option<usize>, floor: usize) -> usize {
    last.filter(|&i| i >= floor).map_or(floor, |i| i + 1)
}

/// Appends the claims of `chunk` to `out`. `found` is what the recognizer found in it.
/// `area_matters` says whether attribution may ask of the claims' [`Site::area`] (only in
/// a section with a lead paragraph before the block): else it is left out.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
pub(crate) fn claims(
    ctx: &Context,
    chunk: &Chunk,
    found: &[Found],
    mentions: &Mentions,
    block: usize,
    area_matters: bool,
    buffers: &mut Buffers,
    out: &mut Vec<(Claim, Site)>,
) {
    if found
        .iter()
        .all(|f| matches!(f.role, QuantityClass::NotQuantity | QuantityClass::Bare))
    {
        return;
    }
    let chars = chunk.chars;
    let sentences = &mentions.sentences;
    if out.capacity() == 0 {
        // A document's claims are many: start with room for a few dozen rather than
        // copying the (large) claims through a series of doublings.
        out.reserve(32);
    }
    let Buffers { skips, before, buf } = buffers;
    skips.clear();
    skips.extend(
        found
            .iter()
            .filter(|f| f.role == QuantityClass::NotQuantity)
            .map(|f| (f.start, f.end))
            .chain(mentions.periods.iter().copied())
            .chain(mentions.bodies.iter().copied()),
    );
    skips.sort_unstable();
    let skips = &skips[..];
    before.clear();
    // The sentence start of the previous claim (the last one pushed to `out`), whose
    // subject a claim with none of its own inherits.
    let mut prev_sentence: Option<usize> = None;
    let mut prev_end_approx: Option<(usize, Approx)> = None;
    // Where the previous claim's text (with its counted noun) ends: a later subject starts
    // after it (对近1.5万户…企业发放贷款550多亿元 → 发放贷款).
    let mut prev_subject_end = 0usize;
    // The sentence window of the last claim pushed by this call.
    let mut prev_window: Option<(usize, usize)> = None;
    let mut ba: modality::BaMemo = None;
    let mut nouns: NounMemo = None;
    for (idx, f) in found.iter().enumerate() {
        let at = sentences.partition_point(|s| s.1 <= f.start);
        let Some(&full) = sentences.get(at).filter(|s| s.0 <= f.start) else {
            continue;
        };
        // Everything below reads within the sentence; a run-on "sentence" (a dump with no
        // punctuation) is read within a window around the claim, so work stays linear.
        let sent = window(chars, full, f.start, f.end);
        // A quantity inside a date or period mention is part of it (近五年, 最近两个月).
        if mentions
            .periods
            .iter()
            .any(|&(s, e)| s < f.end && f.start < e)
        {
            continue;
        }
        if matches!(f.role, QuantityClass::Bare | QuantityClass::NotQuantity) {
            continue;
        }
        before.read_to(chars, full, f.start, ctx.cues);
        if !filter::accept(
            f,
            chars,
            sent,
            before.brackets,
            ctx.cues,
            ctx.segmenter,
            buf,
        ) {
            continue;
        }
        let Some((unit, kind)) = unit_and_kind(f, chars, sent, ctx, &mut nouns, buf) else {
            continue;
        };
        let cs = after_last(before.brk, sent.0);
        let ce = clause_end(chars, sent, f.end);
        let ws = after_last(before.hard, sent.0);
        // The statement: the part of the sentence between semicolons that holds the claim.
        let seg = after_last(before.semi, sent.0);
        let next_number = found[idx + 1..]
            .iter()
            .find(|n| n.role != QuantityClass::NotQuantity)
            .map_or(chars.len(), |n| n.start);
        let count_word = f.count_word || kind == Kind::Rank || f.da_noun.is_some();
        let end_for_after = f.da_noun.map_or(f.end, |d| {
            d + noun_len(chars, d, ce, ctx.segmenter, &mut nouns, buf)
        });
        let site = subject::Site {
            clause_start: cs.max(prev_subject_end.min(f.start)),
            clause_end: ce,
            start: f.start,
            end: end_for_after,
            next_number,
            count_word,
            kind,
        };
        let parts = subject::find(chars, &site, ctx.cues, skips);
        let subject_text = parts.map(|p| {
            let before = p.before.map_or("", |(a, b)| chunk.text(a, b));
            let after = p.after.map_or("", |(a, b)| chunk.text(a, b));
            let mut s = String::with_capacity(before.len() + after.len());
            s.push_str(before);
            s.push_str(after);
            s
        });
        let subject_text = match subject_text {
            Some(s) if !s.is_empty() => Some(s),
            _ => match (prev_sentence, out.last()) {
                (Some(p), Some((c, _))) if p == sent.0 => c.subject.clone(),
                _ => None,
            },
        };
        let subject_range = parts.and_then(|p| p.before.or(p.after));
        let change = if kind == Kind::Rank {
            None
        } else {
            change::find(
                chars,
                ws,
                f.start,
                kind == Kind::Percent,
                subject_range,
                ctx.cues,
            )
            .map(|c| Change {
                // A signed rate says its own direction: 增长-1.7% is a fall.
                direction: match c.direction {
                    Direction::Up if f.value.is_sign_negative() => Direction::Down,
                    d => d,
                },
                basis: c.basis.map(|(a, b)| chunk.text(a, b).to_string()),
            })
        };
        let modality = modality::find(
            chars,
            seg,
            (f.start, f.end),
            ce,
            &before.modal,
            ctx,
            &mut ba,
            buf,
        );
        let mut approx = f.approx;
        if approx == Approx::Exact {
            approx = distant_approx(chars, cs, f.start);
        }
        // 约26.61万立方米(1.41万吨): the equivalent in brackets is as approximate.
        if approx == Approx::Exact
            && f.start > 0
            && matches!(chars[f.start - 1], '(' | '（')
            && let Some((e, a)) = prev_end_approx
            && e + 1 == f.start
        {
            approx = a;
        }
        prev_end_approx = Some((f.end, approx));
        prev_subject_end = parts
            .and_then(|p| p.after)
            .map_or(f.end, |(_, e)| e.max(f.end));
        prev_sentence = Some(sent.0);
        // The area test depends only on where it starts: each start is tried once.
        let area_at = |from| area_subject(chars, from, f.start, skips, ctx.cues);
        let area = area_matters
            && (area_at(seg)
                || full.0 != seg && area_at(full.0)
                || cs != seg && cs != full.0 && area_at(cs));
        let at = Site {
            block,
            sentence: (chunk.char_base + full.0, chunk.char_base + full.1),
            clause: (chunk.char_base + cs, chunk.char_base + ce),
            statement: chunk.char_base + seg,
            area: area.then(|| {
                chars
                    .get(full.0.min(f.start)..f.start)
                    .unwrap_or(&[])
                    .into()
            }),
            // (The area word right at the clause's start: 全国 in 全国第40家 is a rank's
            // scope, 仅市级层面集结 still the actor's.)
            clause_area: cs > seg && kind != Kind::Rank && {
                let a = chars[cs..f.start]
                    .iter()
                    .position(|&c| !matches!(c, ',' | '，' | ' ' | '、'))
                    .map_or(f.start, |p| cs + p);
                ctx.cues.area.starting_at(chars, a, f.start).is_some()
            },
            start: chunk.char_base + f.start,
            column: None,
        };
        let claim = Claim {
            span: chunk.span(f.start, f.end),
            text: chunk.text(f.start, f.end).to_string(),
            kind,
            value: f.value.normalize(),
            upper: f.upper.map(|u| u.normalize()),
            approx,
            unit,
            subject: subject_text,
            change,
            modality,
            department: None,
            date: None,
            sentence: match out.last() {
                // Claims of one sentence share its text.
                Some((c, _)) if prev_window == Some(sent) => Arc::clone(&c.sentence),
                _ => chunk.text(sent.0, sent.1).trim().into(),
            },
            part_of: None,
            change_of: None,
        };
        prev_window = Some(sent);
        out.push((claim, at));
    }
}

/// 约占总任务的53%: 约 before a linking verb earlier in the clause.
fn distant_approx(chars: &[char], floor: usize, start: usize) -> Approx {
    let Some(clause) = chars.get(floor..start) else {
        return Approx::Exact;
    };
    let about = clause.iter().enumerate().rev().any(|(k, &c)| {
        c == '约'
            && chars
                .get(floor + k + 1)
                .is_some_and(|c| matches!(c, '占' | '为' | '有' | '合' | '达' | '是'))
    });
    if about { Approx::About } else { Approx::Exact }
}

/// The length of the first word of the segmentation at `at` (of at most 8 chars read, not
/// past `end`). `buf` is scratch space.
fn noun_len(
    chars: &[char],
    at: usize,
    end: usize,
    segmenter: &Segmenter,
    memo: &mut NounMemo,
    buf: &mut String,
) -> usize {
    let end = end.min(at + 8).max(at);
    // A claim reads the noun after 大 twice, to the sentence end and to the clause end:
    // both windows are the same unless one of them ends within 8 chars.
    if let Some((window, len)) = *memo
        && window == (at, end)
    {
        return len;
    }
    buf.clear();
    push_chars(buf, chars.get(at..end).unwrap_or(&[]));
    let len = segmenter
        .cut(buf)
        .first()
        .map_or(0, |t| t.word.chars().count());
    *memo = Some(((at, end), len));
    len
}

/// The last answer of `noun_len`: the window it segmented and the length it found.
type NounMemo = Option<((usize, usize), usize)>;

fn unit_and_kind(
    f: &Found,
    chars: &[char],
    sent: (usize, usize),
    ctx: &Context,
    nouns: &mut NounMemo,
    buf: &mut String,
) -> Option<(Unit, Kind)> {
    Some(match f.role {
        QuantityClass::Ordinal => (Unit::Rank, Kind::Rank),
        QuantityClass::Index => (Unit::Point, Kind::Index),
        QuantityClass::RatioPart => (Unit::Percent, Kind::Percent),
        _ => match (&f.unit, f.da_noun) {
            (Some(u), _) => (u.clone(), u.kind()),
            (None, Some(d)) => {
                let len = noun_len(chars, d, sent.1, ctx.segmenter, nouns, buf);
                if len < 1 || !chars[d..d + len].iter().all(|&c| subject::is_han(c)) {
                    return None;
                }
                let noun: String = chars[d..d + len].iter().collect();
                (Unit::Count(noun.into()), Kind::Count)
            }
            (None, None) => return None,
        },
    })
}
