//! Audit: the arithmetic a document states between its claims (totals and parts, structure
//! ratios, growth, shares), checked within the rounding of the figures as written.
//!
//! Only relations the text states are checked: a list after `其中`, a ratio list after
//! `结构为`, an amount after `比上年增加` next to its rate, a share after `占`. A relation
//! found by a weaker cue (a subject that names the whole) is reported only when its
//! arithmetic holds, so that an `inconsistent` verdict always rests on a stated relation.

mod bounds;
mod growth;
mod parts;
mod share;
mod structure;

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::claim::{Claim, serialize_decimal};
use crate::span::Span;
use crate::unit::Kind;

pub(crate) use bounds::Iv;

const CUES: &str = include_str!("../../data/audit_cues.tsv");

/// What a check relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// A total and its parts: Σparts = total, or ≤ total when the list may be partial.
    Parts,
    /// Ratios or shares that must add up to 100.
    Structure,
    /// A value, its growth rate and its increase or previous value.
    Growth,
    /// A part, its whole and the part's stated share.
    Share,
}

impl CheckKind {
    /// The name used in the output (`parts`, `structure`, `growth`, `share`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CheckKind::Parts => "parts",
            CheckKind::Structure => "structure",
            CheckKind::Growth => "growth",
            CheckKind::Share => "share",
        }
    }
}

/// Whether the figures agree within their rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Some values within the rounding of every figure satisfy the relation.
    Consistent,
    /// No values within the rounding of the figures satisfy it.
    Inconsistent,
}

impl Verdict {
    /// The name used in the output.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Inconsistent => "inconsistent",
        }
    }
}

/// The part a figure plays in a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The total of a list of parts.
    Total,
    /// A part of a total, or a ratio of a structure.
    Part,
    /// The whole a share is of.
    Whole,
    /// The stated share, in percent.
    Share,
    /// The current value of a growth.
    Value,
    /// The absolute change (negative for a fall).
    Increase,
    /// The previous value (or, for points, the basis rate).
    Base,
    /// The growth rate in percent.
    Rate,
    /// A change in percentage points.
    Points,
}

impl Role {
    /// The name used in the output.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Total => "total",
            Role::Part => "part",
            Role::Whole => "whole",
            Role::Share => "share",
            Role::Value => "value",
            Role::Increase => "increase",
            Role::Base => "base",
            Role::Rate => "rate",
            Role::Points => "points",
        }
    }
}

/// A claim taking part in a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Its part in the check.
    pub role: Role,
    /// The claim's span.
    pub span: Span,
    /// The claim's text.
    pub text: String,
}

/// One relation between claims that the text states, and whether its arithmetic holds.
///
/// ```
/// use press_stats::{CheckKind, Extractor, Verdict};
///
/// let extractor = Extractor::new()?;
/// let text = "全年肉类产量56.38万吨。其中，猪肉产量44.31万吨，牛肉产量3.91万吨。";
/// let analysis = extractor.analyze(text, &Default::default());
/// let check = &analysis.checks[0];
/// assert_eq!(check.kind, CheckKind::Parts);
/// assert_eq!(check.verdict, Verdict::Consistent);
/// assert_eq!(check.figures.len(), 3);
/// # Ok::<(), press_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What is related.
    pub kind: CheckKind,
    /// Whether it holds.
    pub verdict: Verdict,
    /// For parts: whether the parts cover the whole (Σ = total) or may leave some out (Σ ≤ total).
    pub complete: Option<bool>,
    /// The claims related, with their roles.
    pub figures: Vec<Figure>,
    /// The figure the others are checked against (the total, 100, the share, the rate or the points).
    pub stated: Decimal,
    /// What the other figures give for it.
    pub computed: Decimal,
    /// How far apart the two may be within the rounding of the figures as written.
    pub tolerance: Decimal,
    /// The sentence of the first figure.
    pub sentence: String,
}

impl Check {
    /// Serializes the check as the `--audit` record, with `doc` first when given.
    ///
    /// ```
    /// let extractor = press_stats::Extractor::new()?;
    /// let text = "全县有企业32家，其中国有企业19家，其余13家为民营企业。";
    /// let check = &extractor.analyze(text, &Default::default()).checks[0];
    /// let mut json = Vec::new();
    /// check.serialize_record(Some("a.txt"), &mut serde_json::Serializer::new(&mut json))?;
    /// let json = String::from_utf8(json).unwrap();
    /// assert!(json.starts_with(r#"{"doc":"a.txt","check":"parts","verdict":"consistent""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn serialize_record<S: Serializer>(
        &self,
        doc: Option<&str>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        struct Dec<'a>(&'a Decimal);
        impl Serialize for Dec<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_decimal(self.0, s)
            }
        }
        struct Fig<'a>(&'a Figure);
        impl Serialize for Fig<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Figure", 4)?;
                st.serialize_field("role", self.0.role.as_str())?;
                st.serialize_field("start", &self.0.span.start)?;
                st.serialize_field("end", &self.0.span.end)?;
                st.serialize_field("text", &self.0.text)?;
                st.end()
            }
        }
        let mut st = s.serialize_struct("Check", 9)?;
        if let Some(doc) = doc {
            st.serialize_field("doc", doc)?;
        }
        st.serialize_field("check", self.kind.as_str())?;
        st.serialize_field("verdict", self.verdict.as_str())?;
        st.serialize_field("complete", &self.complete)?;
        let figs: Vec<Fig<'_>> = self.figures.iter().map(Fig).collect();
        st.serialize_field("claims", &figs)?;
        st.serialize_field("stated", &Dec(&self.stated))?;
        st.serialize_field("computed", &Dec(&self.computed))?;
        st.serialize_field("tolerance", &Dec(&self.tolerance))?;
        st.serialize_field("sentence", &self.sentence)?;
        st.end()
    }
}

/// The `--audit` record without `doc`.
impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize_record(None, s)
    }
}

/// Words that tell a total as such (`共收集企业诉求128件`).
const TOTAL_WORDS: [&str; 3] = ["共", "合计", "总计"];

/// The categories of words looked for in a lead, as bits: a figure per head or on average
/// (`ratio`), a total told as such, a share (`share`).
const RATIO: u8 = 1;
const TOTAL: u8 = 2;
const SHARE: u8 = 4;

/// The cue words of `data/audit_cues.tsv`, by category.
pub(crate) struct Cues {
    /// Searchers for the opener words.
    opener: Vec<memchr::memmem::Finder<'static>>,
    rest: Vec<&'static str>,
    whole: Vec<Vec<&'static str>>,
    change: Vec<&'static str>,
    lower: Vec<&'static str>,
    gdp: Vec<&'static str>,
    /// The ratio, total and share words, looked for in each lead in one pass (built once
    /// the cue file is read), and each word with the bit of its category, by pattern.
    lead_words: Option<aho_corasick::AhoCorasick>,
    lead_list: Vec<(&'static str, u8)>,
    tally: Vec<&'static str>,
}

impl Cues {
    /// The categories of the lead words in `lead`, as bits.
    fn lead_categories(&self, lead: &str) -> u8 {
        self.lead_words.as_ref().map_or(0, |words| {
            words
                .find_overlapping_iter(lead)
                .fold(0, |bits, m| bits | self.lead_list[m.pattern()].1)
        })
    }
}

fn cues() -> &'static Cues {
    static CELL: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut c = Cues {
            opener: Vec::new(),
            rest: Vec::new(),
            whole: Vec::new(),
            change: Vec::new(),
            lower: Vec::new(),
            gdp: Vec::new(),
            lead_words: None,
            lead_list: Vec::new(),
            tally: Vec::new(),
        };
        let mut lead_words: Vec<(&'static str, u8)> =
            TOTAL_WORDS.iter().map(|&w| (w, TOTAL)).collect();
        for line in CUES.lines() {
            let Some((cat, words)) = line.split_once('\t') else {
                continue;
            };
            let words = words.trim();
            match cat {
                "opener" => c.opener.push(memchr::memmem::Finder::new(words)),
                "rest" => c.rest.push(words),
                "whole" => c.whole.push(words.split(' ').collect()),
                "change" => c.change.push(words),
                "lower" => c.lower.push(words),
                "share" => lead_words.push((words, SHARE)),
                "gdp" => c.gdp.push(words),
                "ratio" => lead_words.push((words, RATIO)),
                "tally" => c.tally.push(words),
                _ => {}
            }
        }
        c.lead_words = Some(
            aho_corasick::AhoCorasick::new(lead_words.iter().map(|&(w, _)| w))
                .expect("the audit cues are a few short words"),
        );
        c.lead_list = lead_words;
        c
    })
}

/// The claims of a document with where each stands: its sentence, its line, whether it is
/// inside brackets, and the text between it and its neighbours.
pub(crate) struct Doc<'a> {
    text: &'a str,
    claims: &'a [Claim],
    sentence: Vec<u32>,
    line: Vec<u32>,
    bracket: Vec<bool>,
    cues: &'static Cues,
    /// Per claim, worked out once: its lead, whether it is a change amount, a rate, a level.
    leads: Vec<&'a str>,
    /// Per claim, where the last opener word of its gap starts, and whether its gap's last
    /// clause opens a breakdown (see `parts`).
    opener: Vec<Option<usize>>,
    group: Vec<bool>,
    /// Per claim, the categories of words its lead holds ([`RATIO`], [`TOTAL`], [`SHARE`]).
    lead_has: Vec<u8>,
    change: Vec<bool>,
    rate: Vec<bool>,
    level: Vec<bool>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, claims: &'a [Claim]) -> Doc<'a> {
        let cues = cues();
        let n = claims.len();
        let (mut s, mut l, mut depth) = (0u32, 0u32, 0i32);
        let mut sentence = Vec::with_capacity(n);
        let mut line = Vec::with_capacity(n);
        let mut bracket = Vec::with_capacity(n);
        let mut leads = Vec::with_capacity(n);
        let mut opener = Vec::with_capacity(n);
        let mut group = Vec::with_capacity(n);
        let mut lead_has = Vec::with_capacity(n);
        for i in 0..n {
            let gap = gap_of(text, claims, i);
            let marks = scan_gap(gap, &mut s, &mut l, &mut depth);
            sentence.push(s);
            line.push(l);
            bracket.push(depth > 0);
            let lead = &gap[marks.lead..];
            leads.push(lead);
            lead_has.push(cues.lead_categories(lead));
            opener.push(cues.opener.iter().filter_map(|w| rfind(gap, w)).max());
            group.push(opens_group(&gap[marks.clause..]));
        }
        let mut doc = Doc {
            text,
            claims,
            sentence,
            line,
            bracket,
            cues,
            leads,
            opener,
            group,
            lead_has,
            change: Vec::new(),
            rate: Vec::new(),
            level: Vec::new(),
        };
        doc.change = (0..n).map(|i| doc.change_amount(i)).collect();
        doc.rate = (0..n).map(|i| doc.rate_at(i)).collect();
        doc.level = (0..n).map(|i| doc.level_at(i)).collect();
        doc
    }

    /// The text between claim `i - 1` (or the start) and claim `i`.
    fn gap(&self, i: usize) -> &'a str {
        gap_of(self.text, self.claims, i)
    }

    /// The last clause of the gap before claim `i` (after the last comma, semicolon or
    /// sentence end): the words that bear on the figure.
    fn lead(&self, i: usize) -> &'a str {
        self.leads[i]
    }

    /// Whether claim `i` is a change amount (`比上年增加38.1亿元`) rather than a level.
    fn is_change_amount(&self, i: usize) -> bool {
        self.change[i]
    }

    fn change_amount(&self, i: usize) -> bool {
        let c = &self.claims[i];
        if c.kind == Kind::Percent || c.kind == Kind::PercentagePoint {
            return false;
        }
        c.change.is_some() || self.changed(i)
    }

    /// Whether a verb of change stands right before claim `i` (`比上年增加`, `增收`).
    fn changed(&self, i: usize) -> bool {
        let lead = self.lead(i).trim_end_matches(['了', '到', '至', ' ']);
        // (The last byte first: most words end otherwise.)
        let last = lead.as_bytes().last();
        self.cues
            .change
            .iter()
            .any(|w| w.as_bytes().last() == last && lead.ends_with(w))
    }

    /// Whether claim `i` is a growth rate in percent.
    fn is_rate(&self, i: usize) -> bool {
        self.rate[i]
    }

    fn rate_at(&self, mut i: usize) -> bool {
        // A percentage after a rate in a list is one too (`分别增长31.9%和30.1%`).
        loop {
            let c = &self.claims[i];
            if c.kind != Kind::Percent {
                return false;
            }
            if c.change.is_some() || self.changed(i) {
                return true;
            }
            if i == 0 || !matches!(self.gap(i).trim(), "和" | "、" | "及") {
                return false;
            }
            i -= 1;
        }
    }

    /// Whether claim `i` is a level: a figure that can be a total, a part or a whole.
    fn is_level(&self, i: usize) -> bool {
        self.level[i]
    }

    fn level_at(&self, i: usize) -> bool {
        let c = &self.claims[i];
        !matches!(
            c.kind,
            Kind::Percent | Kind::PercentagePoint | Kind::Rank | Kind::Multiple | Kind::Index
        ) && c.upper.is_none()
            && !self.is_change_amount(i)
            && self.lead_has[i] & RATIO == 0
    }

    fn same_unit(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.claims[i], &self.claims[j]);
        a.kind == b.kind && a.unit == b.unit
    }

    fn subject(&self, i: usize) -> &'a str {
        self.claims[i].subject.as_deref().unwrap_or("")
    }

    fn iv(&self, i: usize) -> Option<Iv> {
        Iv::of(&self.claims[i])
    }

    fn exact(&self, i: usize) -> bool {
        self.claims[i].approx == crate::quantity::Approx::Exact
    }
}

/// Where the last clause of a gap and its lead start (see [`scan_gap`]).
struct Marks {
    /// After the last comma, semicolon, colon, enumeration comma or sentence end.
    lead: usize,
    /// After the last semicolon or sentence end (a line break included).
    clause: usize,
}

/// The bytes that may start a char [`scan_gap`] reads: the ASCII ones it reads, and the
/// lead bytes of the CJK punctuation (`U+30xx`) and fullwidth forms (`U+FFxx`).
const MARK: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = b"\n()!?,;:\xE3\xEF";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first byte at or after `i` that is a [`MARK`], passing eight bytes at a time over
/// runs with no ASCII byte and no such lead byte (most of a Chinese text).
fn next_mark(b: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if (!w & HIGH != 0 || has_zero(w ^ (0xE3 * ONES)) || has_zero(w ^ (0xEF * ONES)))
            && let Some(k) = word.iter().position(|&x| MARK[usize::from(x)])
        {
            return Some(i + k);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&x| MARK[usize::from(x)])
        .map(|k| i + k)
}

/// Reads a gap once: counts its sentence ends and line breaks into `s` and `l`, follows
/// the bracket depth (reset at each sentence end), and finds where its lead and its last
/// clause start.
fn scan_gap(g: &str, s: &mut u32, l: &mut u32, depth: &mut i32) -> Marks {
    let b = g.as_bytes();
    let mut marks = Marks { lead: 0, clause: 0 };
    let mut i = 0;
    while let Some(at) = next_mark(b, i) {
        let x = b[at];
        // A mark byte is ASCII or leads a three-byte char.
        let (ch, len) = if x < 0x80 {
            (char::from(x), 1)
        } else {
            let u = (u32::from(x & 0x0F) << 12)
                | (u32::from(b[at + 1] & 0x3F) << 6)
                | u32::from(b[at + 2] & 0x3F);
            (char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), 3)
        };
        i = at + len;
        count(ch, s, l, depth);
        if matches!(
            ch,
            '，' | ',' | '；' | ';' | '。' | '、' | '：' | ':' | '\n'
        ) {
            marks.lead = i;
        }
        if matches!(ch, '。' | '；' | ';' | '\n') {
            marks.clause = i;
        }
    }
    marks
}

/// Counts a sentence end or line break into `s` and `l` and follows the bracket depth
/// (reset at each sentence end).
fn count(ch: char, s: &mut u32, l: &mut u32, depth: &mut i32) {
    match ch {
        '。' | '！' | '？' | '!' | '?' => {
            *s += 1;
            *depth = 0;
        }
        '\n' => {
            *s += 1;
            *l += 1;
            *depth = 0;
        }
        '（' | '(' => *depth += 1,
        '）' | ')' => *depth = (*depth - 1).max(0),
        _ => {}
    }
}

/// Where the last occurrence of the word `finder` looks for starts in `hay`.
fn rfind(hay: &str, finder: &memchr::memmem::Finder<'_>) -> Option<usize> {
    let mut last = None;
    let mut from = 0;
    while let Some(k) = hay.as_bytes().get(from..).and_then(|h| finder.find(h)) {
        last = Some(from + k);
        from += k + 1;
    }
    last
}

/// Whether a clause opens a breakdown (`按经营地分，`, `从主要行业看，`, `分级次看：`).
fn opens_group(clause: &str) -> bool {
    let head = clause.split(['，', ',', ':', '：']).next().unwrap_or("");
    head.len() < clause.len()
        && (head.starts_with('按') || head.starts_with('从') || head.starts_with('分'))
        && (head.ends_with('分') || head.ends_with('看') || head.ends_with("统计"))
}

fn gap_of<'a>(text: &'a str, claims: &[Claim], i: usize) -> &'a str {
    let from = if i == 0 {
        0
    } else {
        claims[i - 1].span.byte_end
    };
    let to = claims[i].span.byte_start;
    text.get(from.min(to)..to).unwrap_or("")
}

/// A check found, before its verdict is known to be reportable.
pub(crate) struct Found {
    kind: CheckKind,
    complete: Option<bool>,
    /// Claim indices with their roles; the first is the one the check is stated against.
    figures: Vec<(Role, usize)>,
    /// Whether a failing verdict may be reported (the relation is stated, and every figure
    /// exact); else a failing check is dropped.
    strong: bool,
    stated: Iv,
    computed: Iv,
    /// Whether the relation holds: the intervals meet (or, for a partial list, Σ ≤ total).
    holds: bool,
    /// Whether the relation was read off the arithmetic (a total the parts add up to)
    /// rather than a cue: it then states no whole for a share.
    inferred: bool,
}

/// Every check of a document's claims, in order of their first figure; sets each claim's
/// `part_of` and `change_of`.
pub(crate) fn audit(text: &str, claims: &mut [Claim]) -> Vec<Check> {
    let found = {
        let doc = Doc::new(text, claims);
        let mut found = Vec::new();
        parts::find(&doc, &mut found);
        structure::find(&doc, &mut found);
        share::find(&doc, &mut found);
        growth::find(&doc, &mut found);
        found.retain(|f| f.holds || (f.strong && f.figures.iter().all(|&(_, i)| doc.exact(i))));
        dedupe(&mut found);
        found
    };
    for f in &found {
        let anchor = |role: Role| {
            f.figures
                .iter()
                .find(|(r, _)| *r == role)
                .map(|&(_, i)| claims[i].span.start)
        };
        match f.kind {
            CheckKind::Parts => {
                if let Some(total) = anchor(Role::Total) {
                    for &(r, i) in &f.figures {
                        if r == Role::Part && claims[i].part_of.is_none() {
                            claims[i].part_of = Some(total);
                        }
                    }
                }
            }
            CheckKind::Growth => {
                if let Some(value) = anchor(Role::Value) {
                    for &(r, i) in &f.figures {
                        if r == Role::Increase && claims[i].change_of.is_none() {
                            claims[i].change_of = Some(value);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut checks: Vec<Check> = found
        .into_iter()
        .map(|f| {
            let first = f.figures.iter().map(|&(_, i)| i).min().unwrap_or(0);
            Check {
                kind: f.kind,
                verdict: if f.holds {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                complete: f.complete,
                figures: f
                    .figures
                    .iter()
                    .map(|&(role, i)| {
                        let c = &claims[i];
                        Figure {
                            role,
                            span: c.span,
                            text: c.text.clone(),
                        }
                    })
                    .collect(),
                stated: f.stated.mid().round_dp(6).normalize(),
                computed: f.computed.mid().round_dp(6).normalize(),
                tolerance: f
                    .stated
                    .half()
                    .saturating_add(f.computed.half())
                    .round_dp(6)
                    .normalize(),
                sentence: claims[first].sentence.to_string(),
            }
        })
        .collect();
    checks.sort_by_key(|c| c.figures.iter().map(|f| f.span.start).min());
    checks
}

/// Drops a check whose figures are those of an earlier one of the same kind.
fn dedupe(found: &mut Vec<Found>) {
    let mut seen: Vec<(CheckKind, Vec<usize>)> = Vec::new();
    found.retain(|f| {
        let mut key: Vec<usize> = f.figures.iter().map(|&(_, i)| i).collect();
        key.sort_unstable();
        if seen.iter().any(|(k, s)| *k == f.kind && *s == key) {
            return false;
        }
        seen.push((f.kind, key));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain reading of a gap, char by char, that `scan_gap` must agree with.
    fn plain(g: &str, s: &mut u32, l: &mut u32, depth: &mut i32) -> (usize, usize) {
        for ch in g.chars() {
            count(ch, s, l, depth);
        }
        let after = |p: usize| p + g[p..].chars().next().map_or(1, char::len_utf8);
        let lead = g
            .rfind(['，', ',', '；', ';', '。', '、', '：', ':', '\n'])
            .map_or(0, after);
        let clause = g.rfind(['。', '；', ';', '\n']).map_or(0, after);
        (lead, clause)
    }

    /// Text made of the chars the scan reads, their neighbours in the same blocks, Han
    /// chars, ASCII and astral chars.
    fn gap() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            '。', '！', '？', '!', '?', '\n', '（', '(', '）', ')', '，', ',', '；', ';', '、',
            '：', ':', '其', '中', '按', '分', '看', '　', '〇', '｀', 'ｚ', '\u{3001}',
            '\u{30FF}', '\u{FF01}', '\u{FFEE}', '中', '国', 'a', '1', ' ', '%', '𠀀', 'é',
        ]);
        prop::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_lead_categories_are_those_of_the_words_it_contains(
            lead in "[每人均平共合计总占比重率面其中a1，]{0,12}"
        ) {
            let c = cues();
            let plain = c
                .lead_list
                .iter()
                .filter(|(w, _)| lead.contains(w))
                .fold(0, |bits, &(_, bit)| bits | bit);
            prop_assert_eq!(c.lead_categories(&lead), plain);
        }

        #[test]
        fn the_scan_of_a_gap_reads_as_char_by_char(gaps in prop::collection::vec(gap(), 1..6)) {
            let (mut a, mut b) = ((0, 0, 0), (0, 0, 0));
            for g in &gaps {
                let m = scan_gap(g, &mut a.0, &mut a.1, &mut a.2);
                let (lead, clause) = plain(g, &mut b.0, &mut b.1, &mut b.2);
                prop_assert_eq!((m.lead, m.clause), (lead, clause));
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn the_last_opener_is_rfinds(g in gap(), w in "[其中a]{1,3}") {
            let finder = memchr::memmem::Finder::new(w.as_bytes());
            prop_assert_eq!(rfind(&g, &finder), g.rfind(w.as_str()));
        }
    }
}
