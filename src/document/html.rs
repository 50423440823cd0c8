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

use std::sync::LazyLock;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

const CONTAINERS: &str = include_str!("../../data/page_containers.txt");
const CHROME: &str = include_str!("../../data/page_chrome.txt");

/// How many lines of the page before the body (its info bar) are kept for the metadata.
const HEAD_BEFORE: usize = 40;
/// How many of the body's first lines are looked at for the metadata.
const HEAD_INSIDE: usize = 8;
/// A table cell holding more than this (in chars), a table, or several paragraphs lays
/// out the page rather than holding data: its row's cells are read as blocks.
const LAYOUT_CELL: usize = 300;
/// How many nodes of a table row are looked at to tell a data row from a layout row.
const ROW_SCAN: usize = 4000;

/// The selectors of a list file: one a line; a comment starts with `# ` (a `#` and a
/// space), since `#zoomcon` is a selector.
fn selectors(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "#" && !l.starts_with("# "))
}

/// A selector of a list file. The simple forms the lists use (`tag`, `#id`, `.class`,
/// `[attr*="text"]`) are tested directly, which is several times as fast as the general
/// selector engine that tests the others.
enum Sel {
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

    fn matches(&self, e: &ElementRef<'_>) -> bool {
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
static CONTAINER_SELECTORS: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(CONTAINERS).filter_map(Sel::parse).collect());

/// The elements dropped as page chrome.
static CHROME_SELECTORS: LazyLock<Vec<Sel>> =
    LazyLock::new(|| selectors(CHROME).filter_map(Sel::parse).collect());

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

/// The text length of an element (chars that are not white space), looking at most at
/// `budget` nodes (then it is at least what was counted).
fn text_len(node: NodeRef<'_, Node>, budget: usize) -> usize {
    node.descendants()
        .take(budget)
        .filter_map(|n| n.value().as_text())
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

fn is_chrome(e: &ElementRef<'_>) -> bool {
    CHROME_SELECTORS.iter().any(|s| s.matches(e))
}

/// The first known container holding text; of several matches of one selector, the one
/// with the most text.
fn container(doc: &Html) -> Option<NodeRef<'_, Node>> {
    // One pass over the page: for each element, the first selector it matches.
    let mut found: Vec<(usize, ElementRef<'_>)> = Vec::new();
    for n in doc.tree.root().descendants() {
        let Some(e) = ElementRef::wrap(n) else {
            continue;
        };
        if let Some(i) = CONTAINER_SELECTORS.iter().position(|s| s.matches(&e)) {
            found.push((i, e));
        }
    }
    found.sort_by_key(|f| f.0);
    let mut best: Option<(usize, usize, ElementRef<'_>)> = None;
    for (i, e) in found {
        if best.is_some_and(|b| b.0 < i) {
            break;
        }
        if is_chrome(&e) {
            continue;
        }
        let len = text_len(*e, usize::MAX);
        if len > 0 && best.is_none_or(|b| len > b.1) {
            best = Some((i, len, e));
        }
    }
    best.map(|b| *b.2)
}

fn is_inline(name: &str) -> bool {
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

/// Readability's scoring: each paragraph of text scores by its length and commas, to its
/// block's parent in full and to the grandparent by half; a block's score shrinks by its
/// share of link text. The best block, if it scores at all.
fn densest(doc: &Html) -> Option<NodeRef<'_, Node>> {
    use std::collections::HashMap;
    let mut scores: HashMap<ego_tree::NodeId, f64> = HashMap::new();
    let mut chrome_until: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                if chrome_until.is_some() {
                    continue;
                }
                if let Some(e) = ElementRef::wrap(n) {
                    if is_chrome(&e) {
                        chrome_until = Some(n.id());
                    }
                    continue;
                }
                let Some(t) = n.value().as_text() else {
                    continue;
                };
                let len = t.chars().filter(|c| !c.is_whitespace()).count();
                if len < 20 {
                    continue;
                }
                let commas = t
                    .chars()
                    .filter(|c| matches!(c, '，' | ',' | '、' | '；'))
                    .count();
                let s = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
                // The block the text stands in, then the block that holds that one.
                let Some(mut block) = n.parent() else {
                    continue;
                };
                // (At most a few dozen inline levels: deeper nesting is no paragraph.)
                let mut climbed = 0;
                while let Some(name) = block.value().as_element().map(|e| e.name()) {
                    climbed += 1;
                    if !is_inline(name) || climbed > 32 {
                        break;
                    }
                    match block.parent() {
                        Some(p) => block = p,
                        None => break,
                    }
                }
                let is_para = block.value().as_element().is_some_and(|e| {
                    matches!(
                        e.name(),
                        "p" | "li" | "h1" | "h2" | "h3" | "h4" | "pre" | "blockquote"
                    )
                });
                let holder = if is_para {
                    block.parent().unwrap_or(block)
                } else {
                    block
                };
                *scores.entry(holder.id()).or_default() += s;
                if let Some(g) = holder.parent() {
                    *scores.entry(g.id()).or_default() += s / 2.0;
                }
            }
            Edge::Close(n) => {
                if chrome_until == Some(n.id()) {
                    chrome_until = None;
                }
            }
        }
    }
    let links = link_lengths(doc, &scores);
    let mut best: Option<(f64, ego_tree::NodeId)> = None;
    for (&id, &s) in &scores {
        let Some(&(all, linked)) = links.get(&id) else {
            continue;
        };
        let density = if all == 0 {
            1.0
        } else {
            linked as f64 / all as f64
        };
        let s = s * (1.0 - density);
        if best.is_none_or(|(b, bid)| s > b || (s == b && id < bid)) {
            best = Some((s, id));
        }
    }
    let (score, id) = best?;
    (score >= 5.0).then(|| doc.tree.get(id)).flatten()
}

/// For each element of `wanted`: how many chars of text it holds, and how many of those
/// are inside links; in one pass over the page.
fn link_lengths(
    doc: &Html,
    wanted: &std::collections::HashMap<ego_tree::NodeId, f64>,
) -> std::collections::HashMap<ego_tree::NodeId, (usize, usize)> {
    let mut out = std::collections::HashMap::new();
    // Per open node: text chars, text chars in links, whether it is a link.
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                let is_link = n.value().as_element().is_some_and(|e| e.name() == "a");
                let len = n
                    .value()
                    .as_text()
                    .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
                stack.push((len, 0, is_link));
            }
            Edge::Close(n) => {
                let Some((all, mut linked, is_link)) = stack.pop() else {
                    continue;
                };
                if is_link {
                    linked = all;
                }
                if wanted.contains_key(&n.id()) && n.value().is_element() {
                    out.insert(n.id(), (all, linked));
                }
                if let Some(top) = stack.last_mut() {
                    top.0 += all;
                    top.1 += linked;
                }
            }
        }
    }
    out
}

/// Whether a table row lays out the page instead of holding data: a cell holds a table,
/// several paragraphs or long text.
fn is_layout_row(tr: NodeRef<'_, Node>) -> bool {
    let mut seen = 0usize;
    for cell in tr.children() {
        let mut blocks = 0usize;
        let mut chars = 0usize;
        for n in cell.descendants().skip(1) {
            seen += 1;
            if seen > ROW_SCAN {
                return true;
            }
            match n.value() {
                Node::Element(e) => match e.name() {
                    "table" => return true,
                    "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        blocks += 1;
                    }
                    _ => {}
                },
                Node::Text(t) => chars += t.chars().filter(|c| !c.is_whitespace()).count(),
                _ => {}
            }
        }
        if blocks > 3 || chars > LAYOUT_CELL {
            return true;
        }
    }
    false
}

/// The state of the text being laid out.
struct Renderer {
    lines: Vec<String>,
    line: String,
    space: bool,
    /// Inside a data row: its cells so far.
    row: Option<(ego_tree::NodeId, Vec<String>)>,
    /// Inside `pre`: white space kept.
    pre: usize,
    target: Option<ego_tree::NodeId>,
    body_start: Option<usize>,
    body_end: Option<usize>,
}

impl Renderer {
    fn new(target: Option<ego_tree::NodeId>) -> Renderer {
        Renderer {
            lines: Vec::new(),
            line: String::new(),
            space: false,
            row: None,
            pre: 0,
            target,
            body_start: None,
            body_end: None,
        }
    }

    /// Ends the current line (a block's edge, `<br>`).
    fn flush(&mut self) {
        self.space = false;
        if let Some((_, cells)) = &mut self.row {
            if let Some(c) = cells.last_mut() {
                if !c.is_empty() {
                    c.push(' ');
                }
            }
            return;
        }
        let line = std::mem::take(&mut self.line);
        let t = line.trim_matches(|c: char| c.is_ascii_whitespace());
        // A line of nothing but white space (`&nbsp;`, `　`) is an empty line.
        if !t.trim().is_empty() {
            self.lines.push(t.to_owned());
        }
    }

    /// Where text goes: the row's last cell, or the line.
    fn out(&mut self) -> Option<&mut String> {
        match &mut self.row {
            // Text of a row outside its cells is white space (html5ever moves the rest
            // before the table).
            Some((_, cells)) => cells.last_mut(),
            None => Some(&mut self.line),
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            for l in t.split_inclusive('\n') {
                if let Some(out) = self.out() {
                    out.push_str(l.trim_end_matches(['\n', '\r']));
                }
                if l.ends_with('\n') && self.row.is_none() {
                    self.flush();
                }
            }
            return;
        }
        let mut space = self.space;
        let Some(out) = self.out() else {
            return;
        };
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        self.space = space;
    }

    fn end_row(&mut self) {
        if let Some((_, cells)) = self.row.take() {
            let cells: Vec<&str> = cells
                .iter()
                .map(|c| c.trim_matches(|c: char| c.is_ascii_whitespace()))
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                self.flush();
                self.lines.push(cells.join("\t"));
            }
        }
        self.space = false;
    }

    fn walk(&mut self, start: NodeRef<'_, Node>) {
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in start.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => self.text(t),
                        Node::Element(e) => {
                            let Some(er) = ElementRef::wrap(n) else {
                                continue;
                            };
                            if is_chrome(&er) && Some(n.id()) != self.target {
                                skip = Some(n.id());
                                continue;
                            }
                            if Some(n.id()) == self.target {
                                self.end_row();
                                self.flush();
                                self.body_start = Some(self.lines.len());
                            }
                            self.open(n, e.name());
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(s) = skip {
                        if s == n.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if let Some(e) = n.value().as_element() {
                        self.close(n, e.name());
                        if Some(n.id()) == self.target {
                            self.end_row();
                            self.flush();
                            self.body_end = Some(self.lines.len());
                        }
                    }
                }
            }
        }
    }

    fn open(&mut self, n: NodeRef<'_, Node>, name: &str) {
        match name {
            "tr" => {
                if self.row.is_none() && !is_layout_row(n) {
                    self.flush();
                    self.row = Some((n.id(), Vec::new()));
                } else {
                    self.flush();
                }
            }
            "td" | "th" => match (self.row_is_parent(n), &mut self.row) {
                (true, Some((_, cells))) => {
                    cells.push(String::new());
                    self.space = false;
                }
                (_, Some(_)) => self.text(" "),
                (_, None) => self.flush(),
            },
            "br" => self.flush(),
            "pre" | "textarea" | "listing" => {
                self.flush();
                self.pre += 1;
            }
            _ if !is_inline(name) => self.flush(),
            _ => {}
        }
    }

    fn row_is_parent(&self, cell: NodeRef<'_, Node>) -> bool {
        matches!((&self.row, cell.parent()), (Some((id, _)), Some(p)) if p.id() == *id)
    }

    fn close(&mut self, n: NodeRef<'_, Node>, name: &str) {
        match name {
            "tr" => {
                if matches!(&self.row, Some((id, _)) if *id == n.id()) {
                    self.end_row();
                } else {
                    self.flush();
                }
            }
            "td" | "th" => {
                if self.row.is_some() {
                    self.space = false;
                } else {
                    self.flush();
                }
            }
            "pre" | "textarea" | "listing" => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            "br" => {}
            _ if !is_inline(name) => self.flush(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
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
