//! A saved page's publisher as a body: whether the name it gives is a government body's,
//! and the region that name gives. This reads the page's metadata with the department
//! lexicon, so it lives here rather than in `document`, which comes before this stage.

use crate::document::Meta;
use crate::document::normalize;
use crate::document::page::PageMeta;

use super::{MentionForm, detect_region, find_departments};

/// Whether `name` is, as a whole, a government body's name (a news site or a WeChat
/// account is not).
fn names_body(name: &str) -> bool {
    let folded = normalize::normalize(name.trim());
    let chars: Vec<char> = folded.chars().collect();
    find_departments(&chars)
        .iter()
        .any(|m| m.form == MentionForm::Body && m.start == 0 && m.end == chars.len())
}

impl PageMeta {
    /// Fills what `meta` does not know yet (a `--meta` entry wins): the title, the date
    /// (source [`DateSource::Page`](crate::DateSource::Page)), the publisher when it names
    /// a body, and the region that body's name gives (`宜春市统计局` → 宜春市).
    pub fn fill(&self, meta: &mut Meta) {
        if meta.title.is_none() {
            meta.title.clone_from(&self.title);
        }
        if meta.date.is_none()
            && let Some(d) = self.date
        {
            meta.date = Some(d);
            meta.date_source = Some(crate::DateSource::Page);
        }
        let body = self.publisher.as_deref().filter(|p| names_body(p));
        if meta.publisher.is_none() {
            meta.publisher = body.map(str::to_owned);
        }
        if meta.region.is_none() {
            meta.region = body
                .and_then(detect_region)
                .and_then(|r| r.name().map(str::to_owned));
        }
    }
}
