//! Extending a name to the left of its suffix: cores and parent bodies (市委 in 市委宣传部),
//! up to the place that heads it.

use super::place::{nearest_place, place_chain, proper_name};
use super::{Head, Left, MAX_NAME};
use crate::department::lexicon::{Lexicon, SuffixRule};
use crate::lexicon::chars::is_name_han;

/// The left part of a name whose suffix (with `rule`) starts at `s`.
pub(crate) fn extend_left(
    lex: &Lexicon,
    chars: &[char],
    s: usize,
    rule: &SuffixRule,
    depth: u8,
) -> Option<Left> {
    let min = s.saturating_sub(MAX_NAME);
    if rule.anchored {
        return place_chain(lex, chars, s, min, true);
    }
    if rule.system {
        let (len, _) = lex.abbreviation_trie.longest_ending_at(chars, s, min)?;
        // The whole system of a level (全省市场监管系统, 全市人社系统): its bodies together.
        if let Some(level) = whole_level(chars, s - len) {
            return Some(Left {
                start: s - len - 2,
                head: Head::Level(level),
                place_end: s - len,
            });
        }
        let left = place_chain(lex, chars, s - len, min, true)?;
        return (left.head != Head::National).then_some(left);
    }
    let mut p = s;
    let mut core = None;
    if let Some((len, tags)) = lex.cores.longest_ending_at(chars, s, min) {
        core = Some(tags);
        p = s - len;
    }
    if rule.state && !core.is_some_and(|t| t.state) {
        return None;
    }
    if depth < 2
        && let Some(parent) = parent_ending_at(lex, chars, p, depth)
    {
        // A body of the body in scope (开发区管委会) is in scope too, but only right
        // after it.
        let scoped = parent.head == Head::Scope && (core.is_some() || !rule.parent0);
        if (core.is_some() || rule.parent0) && !scoped {
            return Some(parent);
        }
    }
    if let Some(left) = place_chain(lex, chars, p, min, true)
        && (core.is_some() || rule.anchor0 || rule.zone)
    {
        return Some(national_parent(lex, chars, left, depth));
    }
    if rule.free
        && let Some(left) = nearest_place(lex, chars, p, min)
    {
        return Some(national_parent(lex, chars, left, depth));
    }
    if rule.zone && core.is_none() {
        if let Some(start) = proper_name(lex, chars, p, min) {
            return Some(match place_chain(lex, chars, start, min, true) {
                Some(left) => left,
                None => Left {
                    start,
                    head: Head::Proper,
                    place_end: p,
                },
            });
        }
        // The zone word alone (作为开发区, 开发区两委): the zone in scope.
        let alone = s == 0 || !is_name_han(chars[s - 1]) || lex.stop.contains(chars[s - 1]);
        return alone.then_some(Left {
            start: s,
            head: Head::Scope,
            place_end: s,
        });
    }
    if let Some(tags) = core {
        // 各级市场监管部门, 两级民政部门: such bodies in general, not one.
        if lex
            .generic
            .longest_ending_at(chars, p, p.saturating_sub(3))
            .is_some()
        {
            return Some(Left {
                start: p,
                head: Head::Generic,
                place_end: p,
            });
        }
        let head = if tags.national || rule.national {
            Head::National
        } else {
            Head::Bare
        };
        return Some(Left {
            start: p,
            head,
            place_end: p,
        });
    }
    if rule.bare {
        return Some(Left {
            start: s,
            head: Head::Bare,
            place_end: s,
        });
    }
    None
}

/// The level of `全省`, `全市`, `全区`, `全县` or `全州` ending at `p`.
fn whole_level(chars: &[char], p: usize) -> Option<char> {
    let w = chars.get(p.checked_sub(2)?..p)?;
    (w[0] == '全' && matches!(w[1], '省' | '市' | '区' | '县' | '州')).then_some(w[1])
}

/// A national body standing before a local one's place (国家税务总局 in
/// 国家税务总局东莞市税务局): the mention starts there.
fn national_parent(lex: &Lexicon, chars: &[char], left: Left, depth: u8) -> Left {
    if depth >= 2 || left.head == Head::National {
        return left;
    }
    match parent_ending_at(lex, chars, left.start, depth) {
        Some(parent) if parent.head == Head::National => Left {
            start: parent.start,
            head: Head::National,
            place_end: left.place_end,
        },
        _ => left,
    }
}

/// A parent body ending at `p` (市委 in 市委宣传部, 政府 in 市政府办公室).
#[inline]
fn parent_ending_at(lex: &Lexicon, chars: &[char], p: usize, depth: u8) -> Option<Left> {
    if !lex.may_end_suffix(chars, p) {
        return None;
    }
    parent_suffixes_at(lex, chars, p, depth)
}

/// [`parent_ending_at`] where a suffix's last char stands before `p`.
fn parent_suffixes_at(lex: &Lexicon, chars: &[char], p: usize, depth: u8) -> Option<Left> {
    let min = p.saturating_sub(MAX_NAME);
    let mut found = [(0usize, 0u16); 6];
    let n = lex.suffixes_ending_at(chars, p, min, &mut found);
    for &(len, id) in found[..n].iter().rev() {
        let rule = lex.rules.get(id as usize)?;
        if rule.anchored || rule.system || rule.cancelled(chars, p) {
            continue;
        }
        if let Some(left) = extend_left(lex, chars, p - len, rule, depth + 1) {
            return Some(left);
        }
    }
    None
}
