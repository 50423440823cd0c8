//! Finding government bodies in normalized text.
//!
//! The scan stops only at chars that can end a body's name (局, 委, 办, 心, 区 …, from the
//! suffix lexicon), matches the suffix backward, and extends the name to the left:
//! a core word from the lexicon (民政, 市场监督管理), a parent body (市委 in 市委宣传部),
//! and the place that heads the name (宁德市, 区, 中国(宁德), 国家), or, for suffixes
//! that allow it, free name text back to the nearest place. What stands after the
//! suffix can cancel it (局长, 部门, 中心城区).

use scan::pronoun_at;

use crate::department::lexicon::{LEXICON, is_level};

mod left;
mod place;
mod scan;

pub(crate) use left::extend_left;
pub(crate) use place::place_chain;
pub(crate) use scan::find_into;

/// The longest name a body may have before its suffix, in chars.
const MAX_NAME: usize = 24;
/// The longest free text between a place and a suffix (市委党史学习教育领导小组办公室).
const MAX_FREE: usize = 14;
/// How far a book title (《…》) may run before the scan stops treating it as one.
const MAX_TITLE: usize = 60;

/// How a name begins: what decides the place it is resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Head {
    /// A bare level char: 市, 区, 县, 省, 镇, 乡 (市烟草专卖局).
    Level(char),
    /// A gazetteer name, full or short (东莞市, 增城区, 南海): its entry.
    Place(u32),
    /// A national prefix (国家, 中央, 中国) or a national body (公安部, 国务院).
    National,
    /// A proper name not in the gazetteer (东侨 in 东侨开发区, 某某县, 石楼镇).
    Proper,
    /// Nothing: the name starts with its core (民政局, 教育部门).
    Bare,
    /// The body in scope (我局, 该局, 开发区 alone, 局党委).
    Scope,
    /// Levels enumerated (各区(市)县经信部门): bodies in general, not one.
    Generic,
}

/// The left part of a name: where it starts, how, and where its leading place ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Left {
    pub(crate) start: usize,
    pub(crate) head: Head,
    /// The end of the leading place chain (`start` when there is none).
    pub(crate) place_end: usize,
}

/// A name read whole: its left part and its final suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) left: Left,
    /// Where the final suffix starts (the end of the name for a district).
    pub(crate) suffix_start: usize,
    /// The final suffix's rule, or `None` for a district or county acting as a government.
    pub(crate) rule: Option<u16>,
}

/// Reads a whole name (a mention's text, normalized): its head and final suffix, or
/// `None` when the text is not a body's name from start to end.
pub(crate) fn parse(chars: &[char]) -> Option<Parsed> {
    let lex = &*LEXICON;
    let end = chars.len();
    if end == 0 {
        return None;
    }
    if let Some(m) = pronoun_at(lex, chars, end)
        && m.start == 0
    {
        return Some(Parsed {
            left: Left {
                start: 0,
                head: Head::Scope,
                place_end: 0,
            },
            suffix_start: 1,
            rule: None,
        });
    }
    let mut matches = [(0usize, 0u16); 8];
    let n = lex.suffixes_ending_at(chars, end, 0, &mut matches);
    for &(len, id) in matches[..n].iter().rev() {
        let Some(rule) = lex.rules.get(id as usize) else {
            continue;
        };
        if let Some(left) = extend_left(lex, chars, end - len, rule, 0)
            && left.start == 0
        {
            return Some(Parsed {
                left,
                suffix_start: end - len,
                rule: Some(id),
            });
        }
    }
    // 市委市政府: the party committee's head stands for the pair.
    for split in 2..end.saturating_sub(2) {
        if chars[split - 1] == '委' && chars[split - 2] == chars[split] && is_level(chars[split]) {
            let rest = &chars[split + 1..];
            if rest == ['政', '府'] || rest == ['人', '民', '政', '府'] {
                let first = parse(&chars[..split])?;
                let rule = lex.suffixes.get(rest);
                return Some(Parsed {
                    left: first.left,
                    suffix_start: split + 1,
                    rule,
                });
            }
        }
    }
    let left = place_chain(lex, chars, end, 0, false)?;
    (left.start == 0 && matches!(left.head, Head::Place(_))).then_some(Parsed {
        left: Left {
            place_end: end,
            ..left
        },
        suffix_start: end,
        rule: None,
    })
}
