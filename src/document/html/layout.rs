//! Laying the page out as text, as a browser does: blocks end lines, table rows are lines
//! of tab-separated cells, white space runs are one space.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::select::{is_chrome, is_inline};

/// A table cell holding more than this (in chars), a table, or several paragraphs lays
/// out the page rather than holding data: its row's cells are read as blocks.
const LAYOUT_CELL: usize = 300;
/// How many nodes of a table row are looked at to tell a data row from a layout row.
const ROW_SCAN: usize = 4000;

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
pub(super) struct Renderer {
    pub(super) lines: Vec<String>,
    line: String,
    space: bool,
    /// Inside a data row: its cells so far.
    row: Option<(ego_tree::NodeId, Vec<String>)>,
    /// Inside `pre`: white space kept.
    pre: usize,
    target: Option<ego_tree::NodeId>,
    pub(super) body_start: Option<usize>,
    pub(super) body_end: Option<usize>,
}

impl Renderer {
    pub(super) fn new(target: Option<ego_tree::NodeId>) -> Renderer {
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
    pub(super) fn flush(&mut self) {
        self.space = false;
        if let Some((_, cells)) = &mut self.row {
            if let Some(c) = cells.last_mut()
                && !c.is_empty()
            {
                c.push(' ');
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

    pub(super) fn walk(&mut self, start: NodeRef<'_, Node>) {
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
