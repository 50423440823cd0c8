//! The selector lists of `data/` (the body's containers, the page chrome) and the inline
//! elements: which element is which kind.

use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

pub(super) const CONTAINERS: &str = include_str!("../../../data/page_containers.txt");
pub(super) const CHROME: &str = include_str!("../../../data/page_chrome.txt");

/// The selectors of a list file: one a line; a comment starts with `# ` (a `#` and a
/// space), since `#zoomcon` is a selector.
pub(super) fn selectors(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "#" && !l.starts_with("# "))
}

/// A selector of a list file. The simple forms the lists use (`tag`, `#id`, `.class`,
/// `[attr*="text"]`) are tested directly, which is several times as fast as the general
/// selector engine that tests the others.
pub(super) enum Sel {
    Tag(String),
    Id(String),
    Class(String),
    AttrHas(String, String),
    Other(Box<Selector>),
}

impl Sel {
    fn parse(s: &str) -> Option<Sel> {
        let ident = |t: &str| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if ident(s) && s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some(Sel::Tag(s.to_ascii_lowercase()));
        }
        if let Some(id) = s.strip_prefix('#').filter(|t| ident(t)) {
            return Some(Sel::Id(id.to_owned()));
        }
        if let Some(class) = s.strip_prefix('.').filter(|t| ident(t)) {
            return Some(Sel::Class(class.to_owned()));
        }
        let attr = s
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .and_then(|t| t.split_once("*="))
            .map(|(a, v)| (a.trim(), v.trim().trim_matches(['"', '\''])));
        if let Some((a, v)) = attr.filter(|(a, v)| ident(a) && !v.is_empty()) {
            return Some(Sel::AttrHas(a.to_ascii_lowercase(), v.to_owned()));
        }
        Selector::parse(s).ok().map(|s| Sel::Other(Box::new(s)))
    }

    pub(super) fn matches(&self, e: &ElementRef<'_>) -> bool {
        let v = e.value();
        match self {
            Sel::Tag(t) => v.name() == t,
            Sel::Id(id) => v.id() == Some(id.as_str()),
            Sel::Class(c) => v.has_class(c, scraper::CaseSensitivity::CaseSensitive),
            Sel::AttrHas(a, text) => v.attr(a).is_some_and(|x| x.contains(text.as_str())),
            Sel::Other(s) => s.matches(e),
        }
    }
}

/// The selectors of the body's containers, in order of preference.
pub(super) static CONTAINER_SELECTORS: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(CONTAINERS).filter_map(Sel::parse).collect());

/// The elements dropped as page chrome.
pub(super) static CHROME_SELECTORS: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(CHROME).filter_map(Sel::parse).collect());

pub(super) fn is_chrome(e: &ElementRef<'_>) -> bool {
    CHROME_SELECTORS.iter().any(|s| s.matches(e))
}

pub(super) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "o:p"
            | "img"
            | "wbr"
            | "nobr"
    )
}
