//! Government bodies: finding them in text, naming them in full, and the region a document
//! is about.
//!
//! ```
//! use press_stats::department::{find_departments, resolve_name, MentionForm, Region, RegionContext};
//! use press_stats::fold;
//!
//! let text: Vec<char> = "市烟草专卖局持续深化改革,我局已全面完成14项。".chars().map(fold).collect();
//! let found = find_departments(&text);
//! let names: Vec<String> = found.iter().map(|m| m.text(&text)).collect();
//! assert_eq!(names, ["市烟草专卖局", "我局"]);
//! assert_eq!(found[1].form, MentionForm::Pronoun);
//!
//! let ctx = RegionContext::new(Region::from_name("东莞市"));
//! assert_eq!(resolve_name("市烟草专卖局", &ctx), "东莞市烟草专卖局");
//! ```
//!
//! Bodies are recognised by their forms (…局, …委员会, …办公室, …中心, …部门, 政府,
//! 法院, 开发区, state-run companies, and districts acting as governments), from the
//! lexicons in `data/department_*.tsv` and the gazetteer in `data/regions.tsv`.
//!
//! In a pipeline: normalize the document once; [`detect_region_chars`] for its region;
//! [`find_departments_into`] on each paragraph, [`RegionContext::learn_mentions`] with
//! what it finds; then [`resolve_name`] for the mentions that claims are attributed to.
//! [`RegionContext::for_document`] does the first three in one call (a second scan).

mod gazetteer;
mod lexicon;
mod publisher;
mod recognize;
mod region;
mod resolve;

pub use lexicon::suffixes;
pub use region::{Region, detect_region, detect_region_chars};
pub use resolve::{RegionContext, resolve_name};

/// What kind of mention a [`DeptMention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// A body named by its name (`宁德市生态环境局`, `市委市政府`, `教育部门`).
    Body,
    /// A district or county named alone, acting as a government (`禅城区开展…`).
    Area,
    /// A pronoun or a bare form that means the body in scope (`我局`, `本局`, `该局`,
    /// `我区`, `我委`, `我办`, `局党委`): the caller resolves it to the speaker's or the
    /// section's body.
    Pronoun,
}

/// A government body mentioned in text: char offsets into the chars searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeptMention {
    /// Where the mention starts.
    pub start: usize,
    /// Where the body's name ends (exclusive): a party organ after it is not part of the
    /// name (`宁德市生态环境局` of `宁德市生态环境局党组`), nor is a title (`局长`).
    pub end: usize,
    /// Where the mention ends with its party organ (`…党组`), `end` when there is none.
    pub extent_end: usize,
    /// Body, district or pronoun.
    pub form: MentionForm,
}

impl DeptMention {
    /// The mention's text in `chars` (the chars it was found in).
    pub fn text(&self, chars: &[char]) -> String {
        chars
            .get(self.start..self.end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// Whether the mention is a party organ of the body (`市民政局党组`).
    pub fn is_party_organ(&self) -> bool {
        self.extent_end > self.end
    }
}

/// Every government body mentioned in `chars`, in text order, without overlaps.
///
/// `chars` is normalized text ([`crate::fold`] applied to each char); offsets count chars
/// of it. Lists give one mention each (`市农业农村局、市烟草专卖局`); generic words are
/// not bodies (`部门`, `各部门`, `全部`, `干部`, `中心城区`); a 中心 that is a facility
/// (`指挥中心`, `在市政务服务中心`) is not one either.
pub fn find_departments(chars: &[char]) -> Vec<DeptMention> {
    let mut out = Vec::new();
    recognize::find_into(chars, &mut out);
    out
}

/// [`find_departments`] into a buffer the caller keeps (cleared first), so that a scan
/// over many paragraphs allocates once.
pub fn find_departments_into(chars: &[char], out: &mut Vec<DeptMention>) {
    recognize::find_into(chars, out);
}
