//! Saved web pages to text: the article body found in its container (or as the densest block
//! of text), rendered as lines the structure stage reads like a text file's.
//!
//! The page is parsed by html5ever (through `scraper`), which follows a browser's parsing
//! rules, so broken markup, unclosed tags and stray end tags come out as a browser shows
//! them. Then:
//!
//! 1. Everything in `data/page_chrome.txt` is dropped with all it holds: scripts, styles,
//!    navigation, the site's header and footer, share and QR-code blocks.
//! 2. The body is the first container of `data/page_containers.txt` that holds text
//!    (`#zoomcon`, `.TRS_Editor`, `#UCAP-CONTENT`, …, `article`); without one, the block
//!    whose paragraphs score highest (readability's scoring: length and commas of each
//!    paragraph to its parent, half to the grandparent, less the share of link text); without
//!    any, the whole page.
//! 3. Text is rendered as a browser lays it out: runs of spaces, tabs and line breaks are
//!    one space; each block (`p`, `div`, `h1`, `li`, …) and each `<br>` ends a line; a table
//!    row is one line with its cells joined by a tab; empty lines are dropped.
//!
//! A page that holds no element at all (a `.html` file that is plain text) is its text.

mod body;
mod layout;
mod select;

use scraper::Html;

use body::{container, densest};
use layout::Renderer;

/// How many lines of the page before the body (its info bar) are kept for the metadata.
const HEAD_BEFORE: usize = 40;
/// How many of the body's first lines are looked at for the metadata.
const HEAD_INSIDE: usize = 8;

/// How the body of a page was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodySource {
    /// A known container (`data/page_containers.txt`).
    Container,
    /// The densest block of text.
    Densest,
    /// Not found: the whole page's text.
    Page,
    /// The file holds no markup: its text as it is.
    PlainText,
}

/// A page read to text.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The article's text, one paragraph or table row a line.
    pub text: String,
    /// Lines of the page just before the body and the body's first lines, where info bars
    /// show the date and source.
    pub head: Vec<String>,
    /// How the body was found.
    pub body: BodySource,
}

/// Parses `html` and renders its article body (see the module docs).
pub fn render(html: &str) -> (Html, Rendered) {
    let doc = Html::parse_document(html);
    let rendered = render_parsed(&doc, html);
    (doc, rendered)
}

fn render_parsed(doc: &Html, source: &str) -> Rendered {
    let has_markup = doc.tree.root().descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| !matches!(e.name(), "html" | "head" | "body"))
    });
    if !has_markup {
        return Rendered {
            text: source.to_owned(),
            head: source
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(HEAD_INSIDE)
                .map(str::to_owned)
                .collect(),
            body: BodySource::PlainText,
        };
    }
    let (target, body) = match container(doc) {
        Some(c) => (Some(c), BodySource::Container),
        None => match densest(doc) {
            Some(c) => (Some(c), BodySource::Densest),
            None => (None, BodySource::Page),
        },
    };
    let start = doc
        .tree
        .root()
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "html"))
        .unwrap_or_else(|| doc.tree.root());
    let mut r = Renderer::new(target.map(|t| t.id()));
    r.walk(start);
    r.flush();
    let lines = r.lines;
    let (from, to) = match (r.body_start, r.body_end) {
        (Some(a), Some(b)) if target.is_some() => (a, b.max(a)),
        _ => (0, lines.len()),
    };
    let head: Vec<String> = lines[from.saturating_sub(HEAD_BEFORE)..from]
        .iter()
        .chain(lines[from..to].iter().take(HEAD_INSIDE))
        .cloned()
        .collect();
    let mut text = String::new();
    for l in &lines[from..to] {
        text.push_str(l);
        text.push('\n');
    }
    Rendered { text, head, body }
}

#[cfg(test)]
mod tests {
    use super::select::{
        CHROME, CHROME_SELECTORS, CONTAINER_SELECTORS, CONTAINERS, Sel, selectors,
    };
    use super::*;

    fn text(html: &str) -> String {
        render(html).1.text
    }

    #[test]
    fn every_listed_selector_parses() {
        let listed = |t| selectors(t).count();
        assert_eq!(CONTAINER_SELECTORS.len(), listed(CONTAINERS));
        assert!(listed(CONTAINERS) > 20);
        assert!(selectors(CONTAINERS).any(|s| s == "#zoomcon"));
        assert_eq!(CHROME_SELECTORS.len(), listed(CHROME));
        let kinds = |list: &[Sel]| list.iter().filter(|s| matches!(s, Sel::Other(_))).count();
        // Only `[aria-hidden="true"]` needs the general engine.
        assert_eq!(kinds(&CONTAINER_SELECTORS) + kinds(&CHROME_SELECTORS), 1);
    }

    #[test]
    fn paragraphs_breaks_and_white_space() {
        assert_eq!(
            text("<body><div id=zoomcon><p>第一段\n  文字</p><p>a<br>b</p><p> </p></div></body>"),
            "第一段 文字\na\nb\n"
        );
    }

    #[test]
    fn table_rows_are_lines_of_tab_separated_cells() {
        let t = text(
            "<div class=TRS_Editor><p>表1</p><table><tr><th>指标</th><th>数值</th></tr>\
             <tr><td><p>GDP</p></td><td>3473.12亿元</td></tr><tr><td></td><td></td></tr></table></div>",
        );
        assert_eq!(t, "表1\n指标\t数值\nGDP\t3473.12亿元\n");
    }

    #[test]
    fn chrome_is_dropped_and_plain_text_kept() {
        let t = text(
            "<html><head><style>p{left:50%}</style></head><body><nav>首页</nav>\
             <script>var top=-4;</script><p>全年增长5.3%。</p><footer>版权所有</footer></body></html>",
        );
        assert_eq!(t, "全年增长5.3%。\n");
        let (_, r) = render("第一行 1<2\n第二行\n");
        assert_eq!(r.body, BodySource::PlainText);
        assert_eq!(r.text, "第一行 1<2\n第二行\n");
    }
}
