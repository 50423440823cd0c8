//! Where the article body is: the first known container holding text, else the densest
//! block by readability's scoring.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::select::{CONTAINER_SELECTORS, is_chrome, is_inline};

/// The text length of an element (chars that are not white space), looking at most at
/// `budget` nodes (then it is at least what was counted).
fn text_len(node: NodeRef<'_, Node>, budget: usize) -> usize {
    node.descendants()
        .take(budget)
        .filter_map(|n| n.value().as_text())
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// The first known container holding text; of several matches of one selector, the one
/// with the most text.
pub(super) fn container(doc: &Html) -> Option<NodeRef<'_, Node>> {
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

/// Readability's scoring: each paragraph of text scores by its length and commas, to its
/// block's parent in full and to the grandparent by half; a block's score shrinks by its
/// share of link text. The best block, if it scores at all.
pub(super) fn densest(doc: &Html) -> Option<NodeRef<'_, Node>> {
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
