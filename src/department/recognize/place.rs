//! The places that may head a name: gazetteer places, bracketed places (中国(宁德)),
//! level words (区, 县), proper names and the nearest place.

use super::{Head, Left, MAX_FREE};
use crate::department::gazetteer::GAZETTEER;
use crate::department::lexicon::{Lexicon, is_level};
use crate::lexicon::chars::is_name_han;

/// The place names that end at `p`, read leftward: gazetteer names (宁德市, 广州市增城区),
/// a place in brackets (中国(宁德)), national prefixes (国家), or one bare level char
/// (市, 区). `adjacent` allows short forms of counties (南海 in 南海城管), which are only
/// trusted right before the core.
#[inline(always)]
pub(crate) fn place_chain(
    lex: &Lexicon,
    chars: &[char],
    p: usize,
    min: usize,
    adjacent: bool,
) -> Option<Left> {
    // The chain's last place ends at `p`: a name, a bracket, a national prefix or a level.
    let last = *p.checked_sub(1).and_then(|k| chars.get(k))?;
    let may_end = last == ')'
        || last == '道'
        || is_level(last)
        || lex.national.has_root(last)
        || GAZETTEER.may_end_name(chars, p);
    if !may_end {
        return None;
    }
    places_ending_at(lex, chars, p, min, adjacent)
}

/// [`place_chain`] where a place may end at `p` (most calls stop before this).
#[inline(never)]
fn places_ending_at(
    lex: &Lexicon,
    chars: &[char],
    p: usize,
    min: usize,
    adjacent: bool,
) -> Option<Left> {
    let gaz = &*GAZETTEER;
    let mut q = p;
    let mut head = None;
    while q > min {
        let mut best = None;
        for (len, nid) in gaz.rev.ending_at(chars, q, min) {
            let Some(entry) = gaz.entry(nid) else {
                continue;
            };
            if !entry.full.is_empty() || entry.major || (adjacent && head.is_none()) {
                best = Some((len, nid));
            }
        }
        if let Some((len, nid)) = best {
            q -= len;
            head = Some(Head::Place(nid));
            continue;
        }
        if chars[q - 1] == ')'
            && let Some((open, nid)) = bracketed_place(chars, q, min)
        {
            q = open;
            head = Some(Head::Place(nid));
            continue;
        }
        if let Some((len, ())) = lex.national.longest_ending_at(chars, q, min) {
            q -= len;
            head = Some(Head::National);
            continue;
        }
        if head.is_none()
            && let Some((start, h)) = level_anchor(lex, chars, q, min)
        {
            return Some(Left {
                start,
                head: h,
                place_end: p,
            });
        }
        break;
    }
    head.map(|head| Left {
        start: q,
        head,
        place_end: p,
    })
}

/// `(宁德)` ending at `q`: a gazetteer name in brackets.
fn bracketed_place(chars: &[char], q: usize, min: usize) -> Option<(usize, u32)> {
    let close = q - 1;
    let open = (close.saturating_sub(8).max(min)..close)
        .rev()
        .find(|&k| chars[k] == '(')?;
    let inner = chars.get(open + 1..close)?;
    let nid = GAZETTEER.fwd.get(inner)?;
    Some((open, nid))
}

/// A bare level char ending at `q` (区 in 区政务服务数据管理局), with the proper name
/// before a 县, 镇 or 乡 that the gazetteer does not know (某某县, 石楼镇).
fn level_anchor(lex: &Lexicon, chars: &[char], q: usize, min: usize) -> Option<(usize, Head)> {
    let k = q.checked_sub(1)?;
    let c = chars[k];
    // 街道 (桂城街道办事处): a town-level division, with its proper name if any.
    if k >= 1 && chars[k - 1] == '街' && c == '道' {
        return Some(match proper_name(lex, chars, k - 1, min) {
            Some(start) => (start, Head::Proper),
            None => (k - 1, Head::Level('街')),
        });
    }
    if !is_level(c) {
        return None;
    }
    if k >= 1 && lex.levelwords.get(&chars[k - 1..=k]).is_some() {
        return None;
    }
    // 各区(市)县, 县市区, 市、县: levels enumerated, not one place.
    let enumerated = k >= 1
        && (chars[k - 1] == ')'
            || is_level(chars[k - 1])
            || (chars[k - 1] == '、' && k >= 2 && is_level(chars[k - 2])));
    if enumerated {
        return Some((k, Head::Generic));
    }
    if chars
        .get(k..k + 2)
        .is_some_and(|w| lex.levelwords.get(w).is_some())
    {
        return None;
    }
    if matches!(c, '县' | '镇' | '乡')
        && let Some(start) = proper_name(lex, chars, k, min)
    {
        return Some((start, Head::Proper));
    }
    Some((k, Head::Level(c)))
}

/// A two-char proper name ending at `p` (东侨 in 东侨开发区): Chinese chars that are not
/// function words, level chars or a known non-name.
pub(super) fn proper_name(lex: &Lexicon, chars: &[char], p: usize, min: usize) -> Option<usize> {
    let start = p.checked_sub(2)?;
    if start < min {
        return None;
    }
    let name = chars.get(start..p)?;
    let ok = name
        .iter()
        .all(|&c| is_name_han(c) && !lex.stop.contains(c) && !is_level(c))
        && lex.notname.get(name).is_none()
        && lex.suffixes.longest_ending_at(chars, p, start).is_none();
    ok.then_some(start)
}

/// The nearest place before `p` with only name text between (市 in
/// 市退役军人事务管理局), within [`MAX_FREE`] chars.
pub(super) fn nearest_place(lex: &Lexicon, chars: &[char], p: usize, min: usize) -> Option<Left> {
    let mut q = p;
    while q > min + 1 && p - q < MAX_FREE {
        let c = chars[q - 1];
        if !is_name_han(c) || lex.stop.contains(c) {
            return None;
        }
        q -= 1;
        if let Some(left) = place_chain(lex, chars, q, min, false) {
            return Some(Left {
                place_end: q,
                ..left
            });
        }
    }
    None
}
