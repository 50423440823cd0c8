//! The extractor: the library's entry point. Built once and shared by threads, it runs
//! the pipeline (`crate::pipeline`) over each document.

use std::sync::LazyLock;

use crate::audit::{self, Check};
use crate::claim::Claim;
pub use crate::document::Meta;
use crate::document::record::DocumentRecord;
use crate::document::text::{Chunk, Normalized};
use crate::error::Error;
use crate::pipeline::{self, Stages, floor_boundary};
use crate::quantity::{self, NumberMatch, Quantity, QuantityClass};

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
    stages: Stages,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").finish_non_exhaustive()
    }
}

impl Extractor {
    /// Builds an extractor from the compiled-in lexicons.
    ///
    /// ```
    /// let extractor = press_stats::Extractor::new()?;
    /// assert!(extractor.extract("今天天气很好。").is_empty());
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn new() -> Result<Extractor, Error> {
        Ok(Extractor {
            stages: Stages::new()?,
        })
    }

    /// Every claim of `text`, in text order. Never fails and never panics.
    ///
    /// ```
    /// use press_stats::{Approx, Extractor};
    /// let claims = Extractor::new()?.extract("全年共查处各类涉烟违法案件1300余宗。");
    /// assert_eq!(claims[0].text, "1300余宗");
    /// assert_eq!(claims[0].approx, Approx::MoreThan);
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        self.analyze(text, &Meta::default()).claims
    }

    /// The claims of `text` and its document record, using what the caller knows.
    ///
    /// ```
    /// use press_stats::{Date, DateSource, Extractor, Meta};
    /// let meta = Meta {
    ///     date: Date::new(2021, 5, 12).ok(),
    ///     ..Meta::default()
    /// };
    /// let a = Extractor::new()?.analyze("今年全市新增就业1.2万人。", &meta);
    /// assert_eq!(a.claims.len(), 1);
    /// assert_eq!(a.document.date, Date::new(2021, 5, 12).ok());
    /// assert_eq!(a.document.date_source, Some(DateSource::Supplied));
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn analyze(&self, text: &str, meta: &Meta) -> Analysis {
        let mut claims = Vec::new();
        // A document's claims come in one batch (a huge one's, in one a chunk): collected
        // at their final count, not pushed through doublings that copy the (large) claims
        // of a long document again and again.
        let document = pipeline::run(&self.stages, text, meta, &mut |batch| {
            claims.extend(batch.into_iter().map(|(c, _)| c));
        });
        let checks = match pipeline::is_whole(text) {
            true => audit::audit(text, &mut claims),
            false => Vec::new(),
        };
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
    ///
    /// ```
    /// use press_stats::{Extractor, Meta};
    /// let mut texts = Vec::new();
    /// let record = Extractor::new()?.analyze_into(
    ///     "全市新增就业1.2万人,城镇登记失业率3.5%。",
    ///     &Meta::default(),
    ///     &mut |claim| texts.push(claim.text),
    /// );
    /// assert_eq!(texts, ["1.2万人", "3.5%"]);
    /// assert_eq!(record.claims, 2);
    /// # Ok::<(), press_stats::Error>(())
    /// ```
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
        let whole = pipeline::is_whole(text);
        pipeline::run(&self.stages, text, meta, &mut |batch| {
            let mut claims: Vec<Claim> = batch.into_iter().map(|(c, _)| c).collect();
            if whole {
                for c in audit::audit(text, &mut claims) {
                    checks(c);
                }
            }
            for c in claims {
                sink(c);
            }
        })
    }

    /// Every number and quantity in `text`, claims or not (the recognizer under
    /// [`Extractor::extract`]; dates and codes are left out).
    ///
    /// ```
    /// let q = press_stats::Extractor::new()?.quantities("约2.3万个");
    /// assert_eq!(q[0].value.to_string(), "23000");
    /// assert_eq!(q[0].unit.as_ref().map(ToString::to_string).as_deref(), Some("个"));
    /// # Ok::<(), press_stats::Error>(())
    /// ```
    pub fn quantities(&self, text: &str) -> Vec<Quantity> {
        self.recognized(text, |chunk, f| {
            let unit = match f.role {
                QuantityClass::Ordinal => Some(crate::unit::Unit::Rank),
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
    ///
    /// ```
    /// let n = press_stats::Extractor::new()?.numbers("四分之一的企业");
    /// assert_eq!(n[0].text, "四分之一");
    /// assert_eq!(n[0].value.to_string(), "0.25");
    /// # Ok::<(), press_stats::Error>(())
    /// ```
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
        let mut scratch = Normalized::default();
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
            quantity::recognize_into(
                &scratch.chars,
                &self.stages.units,
                &self.stages.approx,
                &mut found,
            );
            let removed = scratch.removed_from(char_base);
            let chunk = scratch.chunk(text, (0, scratch.chars.len()), char_base, &removed);
            out.extend(
                found
                    .iter()
                    .filter(|f| f.role != QuantityClass::NotQuantity)
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
