//! The extractor: built once, shared by threads, runs the pipeline stage by stage.

use std::sync::LazyLock;

use jiff::civil::Date;

use crate::claim::Claim;
use crate::document::record::DocumentRecord;
use crate::error::Error;
use crate::quantity::Quantity;
use crate::unit::Units;

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
#[derive(Debug)]
pub struct Extractor {
    pub(crate) units: Units,
}

impl Extractor {
    /// Builds an extractor from the compiled-in lexicons.
    pub fn new() -> Result<Extractor, Error> {
        Ok(Extractor {
            units: Units::new()?,
        })
    }

    /// Every claim of `text`, in text order. Never fails and never panics.
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        self.analyze(text, &Meta::default()).claims
    }

    /// The claims of `text` and its document record, using what the caller knows.
    pub fn analyze(&self, text: &str, meta: &Meta) -> Analysis {
        let _ = (text, meta, &self.units);
        Analysis {
            document: DocumentRecord::default(),
            claims: Vec::new(),
        }
    }

    /// Every number and quantity in `text`, claims or not (the recognizer under
    /// [`Extractor::extract`]; dates and codes are left out).
    pub fn quantities(&self, text: &str) -> Vec<Quantity> {
        let _ = text;
        Vec::new()
    }
}

static SHARED: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("the compiled-in lexicons parse (tested)"));

/// The claims of `text`, using an extractor built on first use.
pub fn extract(text: &str) -> Vec<Claim> {
    SHARED.extract(text)
}
