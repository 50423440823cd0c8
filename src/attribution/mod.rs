//! Attribution: who states each claim and for when. Collects the bodies and periods a
//! document names (`collect`), gives the bodies their full names and finds the document's
//! publisher (`names`), reads the speakers of a transcript (`speakers`), and applies the
//! scope rules of spec §4 to each claim (`scope`).

mod collect;
mod names;
mod scope;
mod speakers;

pub(crate) use collect::{Carry, collect};
pub(crate) use names::{publisher, resolve_names, signer};
pub(crate) use speakers::{SpeakerLine, host_body, speakers, spokespeople};

use jiff::civil::Date;

use crate::claim::build::Site;
use crate::claim::{Claim, Department};
use crate::department::MentionForm;
use crate::structure::Blocks;
use crate::time;
use scope::Scope;

/// A body mentioned in the document, with what attribution needs to know of it.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub block: usize,
    /// Document char offsets.
    pub start: usize,
    pub end: usize,
    /// Start of the sentence it is in.
    pub sentence: usize,
    /// Where the text as written is in the document: a byte range (the text is copied
    /// only into the claims attributed to the body).
    pub mention: (usize, usize),
    /// The resolved full name (a pronoun keeps its text until resolved in scope).
    pub name: String,
    pub form: MentionForm,
    /// Whether it acts in its sentence (not an object, not one item of a list).
    pub actor: bool,
    /// Whether it is one item of a list of bodies (`市卫健委、市发改委…相关负责人出席`):
    /// such a list may act in its sentence, but names no one body for what follows.
    pub listed: bool,
    /// Whether the sentence gives it as the source of its figures (`据市农业农村局统计`,
    /// `市统计局数据显示`): the sentence's body for every clause of it.
    pub source: bool,
    /// The quotation it says, when it stands between a quotation and a verb of speech
    /// (`“…同比增长6.7%。”国家统计局新闻发言人盛来运表示`): the document chars from the
    /// opening mark to the closing one.
    pub quote: Option<(usize, usize)>,
    /// Whether a person speaks for it here (`国家发改委国民经济综合司副司长李慧表示`, and
    /// `李慧表示` later): what that person goes on to report, in the paragraphs after, is
    /// the body's (a reported turn).
    pub speaks: bool,
}

/// The bodies and periods collected over a stretch of a document, in document order.
#[derive(Default)]
pub(crate) struct Collected {
    pub bodies: Vec<Body>,
    pub whens: Vec<When>,
    /// The period mentions, in document offsets, parallel to `whens`.
    pub periods: Vec<time::PeriodMention>,
}

/// A date or period mention with its resolution.
#[derive(Debug, Clone)]
pub(crate) struct When {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// Where the mention is in the document: a byte range.
    pub text: (usize, usize),
    pub range: (Option<Date>, Option<Date>),
    /// Whether it can be a claim's period (not a comparison base, a clock time, or a date
    /// that only modifies a noun).
    pub usable: bool,
    /// Whether it names a reporting period ([`crate::time::is_reporting_period`]), as a
    /// title's period that dates the whole document must.
    pub reporting: bool,
    /// Whether it only dates the noun after it (`完成全年1100万人目标任务`): no claim's
    /// period, except for the amount that stands right after it, which it dates.
    pub modifies: bool,
    /// Whether the text tells it as history (`早在2008年`, `2016年以来连续五年`): it puts
    /// no year in force for the periods after it.
    pub history: bool,
    /// Whether it is a comparison's reference with its value in brackets right after it
    /// (`较上年同期(3.2%)`, `较一季度（-10.8%）`): that value is of this period.
    pub bracketed_base: bool,
}

/// Resolves periods in document order, each against what the text before it put in force.
pub(crate) fn resolve_periods(
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
pub(crate) fn attribute_all(
    text: &str,
    blocks: &dyn Blocks,
    bodies: &[Body],
    whens: &[When],
    speakers: &[SpeakerLine],
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
