//! Word documents (`.docx`) to text: the paragraphs and tables of `word/document.xml`, one
//! paragraph a line, a table row a line with its cells joined by a tab (as pages are read).
//!
//! Only the text runs (`w:t`) count: deleted text (`w:delText`), field codes
//! (`w:instrText`) and drawings' XML do not. `w:tab` is a space; `w:br` and `w:cr` end a
//! line (in a table cell, a space).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Why a `.docx` file could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive (a renamed file, a `.doc` saved as `.docx`, a damaged download).
    NotZip,
    /// A zip archive without `word/document.xml`.
    NoDocument,
    /// `word/document.xml` cannot be unpacked or is not XML.
    BadXml,
    /// `word/document.xml` unpacks to more than the size limit.
    TooLarge,
}

impl DocxError {
    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            DocxError::NotZip => "not a .docx file (not a zip archive)",
            DocxError::NoDocument => "not a .docx file (no word/document.xml in the archive)",
            DocxError::BadXml => "damaged .docx file (word/document.xml is not readable XML)",
            DocxError::TooLarge => "word/document.xml unpacks to more than the size limit",
        }
    }
}

/// The text of a `.docx` file's bytes; `word/document.xml` may unpack to at most `limit`
/// bytes (a zip bomb stops there).
pub fn text(bytes: &[u8], limit: u64) -> Result<String, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotZip)?;
    let file = zip
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    let mut xml = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|_| DocxError::BadXml)?;
    if u64::try_from(xml.len()).unwrap_or(u64::MAX) > limit {
        return Err(DocxError::TooLarge);
    }
    let xml = String::from_utf8(xml).map_err(|_| DocxError::BadXml)?;
    from_xml(&xml)
}

/// The text of `word/document.xml`.
fn from_xml(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut line = String::new();
    // Open tables: the cells of each one's current row.
    let mut tables: Vec<Vec<String>> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|_| DocxError::BadXml)?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => tables.push(Vec::new()),
                b"tr" => {
                    if let Some(row) = tables.last_mut() {
                        row.clear();
                    }
                }
                b"tc" => {
                    if let Some(row) = tables.last_mut() {
                        row.push(String::new());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => push(&mut tables, &mut line, " "),
                b"br" | b"cr" => end_line(&mut tables, &mut line, &mut out),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => end_line(&mut tables, &mut line, &mut out),
                b"tr" => {
                    if let Some(row) = tables.last_mut() {
                        let cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
                        let joined = cells.join("\t");
                        let any = cells.iter().any(|c| !c.is_empty());
                        row.clear();
                        if any {
                            if tables.len() > 1 {
                                // A table inside a cell: its rows are the cell's text.
                                let n = tables.len() - 2;
                                push_cell(&mut tables[n], &joined.replace('\t', " "));
                            } else {
                                out.push_str(&joined);
                                out.push('\n');
                            }
                        }
                    }
                }
                b"tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.xml10_content().map_err(|_| DocxError::BadXml)?;
                push(&mut tables, &mut line, &s);
            }
            Event::CData(t) if in_text => {
                let s = t.decode().map_err(|_| DocxError::BadXml)?;
                push(&mut tables, &mut line, &s);
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r.decode().ok().and_then(|name| {
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                    }),
                };
                if let Some(c) = c {
                    push(&mut tables, &mut line, &c);
                }
            }
            _ => {}
        }
    }
    end_line(&mut tables, &mut line, &mut out);
    Ok(out)
}

fn push_cell(row: &mut [String], s: &str) {
    if let Some(c) = row.last_mut() {
        if !c.is_empty() && !c.ends_with(' ') {
            c.push(' ');
        }
        c.push_str(s);
    }
}

fn push(tables: &mut [Vec<String>], line: &mut String, s: &str) {
    match tables.last_mut() {
        Some(row) if !row.is_empty() => {
            if let Some(c) = row.last_mut() {
                c.push_str(s);
            }
        }
        _ => line.push_str(s),
    }
}

/// Ends a paragraph: a line of its own, or (in a cell) a space.
fn end_line(tables: &mut [Vec<String>], line: &mut String, out: &mut String) {
    if let Some(row) = tables.last_mut()
        && let Some(c) = row.last_mut()
    {
        if !c.is_empty() && !c.ends_with(' ') {
            c.push(' ');
        }
        return;
    }
    let t = line.trim();
    if !t.is_empty() {
        out.push_str(t);
        out.push('\n');
    }
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

    #[test]
    fn paragraphs_and_tables() {
        let xml = format!(
            "{W}<w:p><w:r><w:t>全年增长</w:t></w:r><w:r><w:t xml:space=\"preserve\">5.3%&amp;</w:t></w:r></w:p>\
             <w:p><w:r><w:delText>删去</w:delText><w:t>二</w:t><w:br/><w:t>三</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数值</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>GDP</w:t></w:r></w:p><w:p><w:r><w:t>总量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3473亿元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:p><w:r><w:t>完</w:t></w:r></w:p></w:body></w:document>"
        );
        assert_eq!(
            from_xml(&xml).unwrap(),
            "全年增长5.3%&\n二\n三\n指标\t数值\nGDP 总量\t3473亿元\n完\n"
        );
    }

    #[test]
    fn not_a_zip() {
        assert_eq!(text(b"plain text", 1 << 20), Err(DocxError::NotZip));
        assert_eq!(from_xml("<w:p><w:t>a</w:p>"), Err(DocxError::BadXml));
    }
}
