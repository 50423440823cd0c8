//! Finding government bodies in normalized text.
//!
//! The scan stops only at chars that can end a body's name (局, 委, 办, 心, 区 …, from the
//! suffix lexicon), matches the suffix backward, and extends the name to the left:
//! a core word from the lexicon (民政, 市场监督管理), a parent body (市委 in 市委宣传部),
//! and the place that heads the name (宁德市, 区, 中国(宁德), 国家), or, for suffixes
//! that allow it, free name text back to the nearest place. What stands after the
//! suffix can cancel it (局长, 部门, 中心城区).

use super::gazetteer::{GAZETTEER, is_county_last};
use super::lexicon::{LEXICON, Lexicon, PRONOUN, SuffixRule, is_level};
use super::{DeptMention, MentionForm};
use crate::lexicon::chars::is_name_han;

/// The longest name a body may have before its suffix, in chars.
const MAX_NAME: usize = 24;
/// The longest free text between a place and a suffix (市委党史学习教育领导小组办公室).
const MAX_FREE: usize = 14;
/// How far a book title (《…》) may run before the scan stops treating it as one.
const MAX_TITLE: usize = 60;

/// How a name begins: what decides the place it is resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Head {
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
pub(super) struct Left {
    pub(super) start: usize,
    pub(super) head: Head,
    /// The end of the leading place chain (`start` when there is none).
    pub(super) place_end: usize,
}

/// A name read whole: its left part and its final suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parsed {
    pub(super) left: Left,
    /// Where the final suffix starts (the end of the name for a district).
    pub(super) suffix_start: usize,
    /// The final suffix's rule, or `None` for a district or county acting as a government.
    pub(super) rule: Option<u16>,
}

/// Every body mentioned in `chars`, in text order, into `out` (cleared first).
pub(super) fn find_into(chars: &[char], out: &mut Vec<DeptMention>) {
    out.clear();
    let lex = &*LEXICON;
    let mut title_start: Option<usize> = None;
    let mut blocked: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(i) = lex.triggers.position_from(chars, from) {
        from = i + 1;
        let c = chars[i];
        match c {
            '《' => {
                title_start = Some(i);
                continue;
            }
            '》' => {
                title_start = None;
                continue;
            }
            _ => {}
        }
        if let Some(t) = title_start {
            if i.saturating_sub(t) <= MAX_TITLE {
                continue;
            }
            title_start = None;
        }
        let end = i + 1;
        if let Some(m) = pronoun_at(lex, chars, end) {
            out.push(m);
            continue;
        }
        // Only a suffix's last two chars end a body.
        if lex.may_end_suffix(chars, end) {
            match body_ending_at(lex, chars, end) {
                // A place that serves the public is no body (卫生院178个).
                Found::Body(m)
                    if lex
                        .public
                        .longest_ending_at(chars, m.end, m.start)
                        .is_some() => {}
                Found::Body(m) => out.push(m),
                Found::Place(start) => blocked.push((start, end)),
                Found::Nothing => {}
            }
        }
        if let Some(m) = area_ending_at(lex, chars, end) {
            out.push(m);
        }
    }
    // Nothing inside a facility's name is a body of its own (市政府 in 市政府应急指挥中心).
    out.retain(|m| !blocked.iter().any(|&(s, e)| s <= m.start && m.end <= e));
    select(out);
    merge_party_and_government(chars, out);
    for m in out.iter_mut() {
        if let Some((len, ())) =
            lex.organs
                .longest_starting_at(chars, m.end, m.end.saturating_add(4))
        {
            m.extent_end = m.end + len;
        }
    }
}

/// Keeps the longest of overlapping mentions, earliest first.
fn select(out: &mut Vec<DeptMention>) {
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut last_end = 0;
    out.retain(|m| {
        if m.start >= last_end {
            last_end = m.end;
            true
        } else {
            false
        }
    });
}

/// Joins `市委` and a following `市政府` into one mention `市委市政府` (the party committee
/// and government acting together), for every level char.
fn merge_party_and_government(chars: &[char], out: &mut Vec<DeptMention>) {
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (out[i], out[i + 1]);
        let joined = a.end == b.start
            && a.form == MentionForm::Body
            && b.form == MentionForm::Body
            && a.end >= 2
            && chars.get(a.end - 1) == Some(&'委')
            && chars.get(a.end - 2) == chars.get(b.start)
            && chars.get(b.start).copied().is_some_and(is_level)
            && matches!(
                chars.get(b.start + 1..b.end),
                Some(['政', '府']) | Some(['人', '民', '政', '府'])
            );
        if joined {
            out[i].end = b.end;
            out[i].extent_end = b.end;
            out.remove(i + 1);
        }
        i += 1;
    }
}

/// `我局`, `本局`, `该局`, `我区`, `我委`, `我办`, `我中心` …: the body in scope.
#[inline(always)]
fn pronoun_at(lex: &Lexicon, chars: &[char], end: usize) -> Option<DeptMention> {
    let hints = |back: usize| {
        end.checked_sub(back)
            .and_then(|k| chars.get(k))
            .map_or(0, |&c| lex.triggers.hints(c))
    };
    if (hints(2) | hints(3)) & PRONOUN == 0 {
        return None;
    }
    pronoun_body(lex, chars, end)
}

/// [`pronoun_at`] where a pronoun char may stand two or three chars before `end`.
fn pronoun_body(lex: &Lexicon, chars: &[char], end: usize) -> Option<DeptMention> {
    let before = |back: usize| {
        end.checked_sub(back)
            .and_then(|k| chars.get(k))
            .is_some_and(|&c| lex.pronoun.contains(c))
    };
    if !before(2) && !before(3) {
        return None;
    }
    for (len, ()) in lex
        .pronoun_bodies
        .ending_at(chars, end, end.saturating_sub(2))
    {
        let k = end - len;
        if k == 0 || !lex.pronoun.contains(chars[k - 1]) {
            continue;
        }
        if let Some(rule) = rule_of(lex, &chars[k..end]) {
            if rule.cancelled(chars, end) {
                continue;
            }
        }
        if chars
            .get(end - 1..end + 1)
            .is_some_and(|w| lex.levelwords.get(w).is_some())
        {
            continue;
        }
        return Some(mention(k - 1, end, MentionForm::Pronoun));
    }
    None
}

/// The suffix rule of exactly `word`.
fn rule_of<'a>(lex: &'a Lexicon, word: &[char]) -> Option<&'a SuffixRule> {
    lex.suffixes
        .get(word)
        .and_then(|id| lex.rules.get(id as usize))
}

fn mention(start: usize, end: usize, form: MentionForm) -> DeptMention {
    DeptMention {
        start,
        end,
        extent_end: end,
        form,
    }
}

/// What a suffix found: a body, a facility's name (a place), or nothing.
enum Found {
    Body(DeptMention),
    Place(usize),
    Nothing,
}

/// A body whose suffix ends at `end`.
fn body_ending_at(lex: &Lexicon, chars: &[char], end: usize) -> Found {
    let min = end.saturating_sub(MAX_NAME + 8);
    let mut matches = [(0usize, 0u16); 8];
    let n = lex.suffixes_ending_at(chars, end, min, &mut matches);
    let mut scope = false;
    for &(len, id) in matches[..n].iter().rev() {
        let Some(rule) = lex.rules.get(id as usize) else {
            continue;
        };
        if rule.cancelled(chars, end) {
            continue;
        }
        let s = end - len;
        let Some(left) = extend_left(lex, chars, s, rule, 0) else {
            scope |= len == 1 && rule.free;
            continue;
        };
        if left.head == Head::Generic || (rule.venue && !venue_is_body(lex, chars, left, s, end)) {
            return Found::Place(left.start);
        }
        let form = if left.head == Head::Scope {
            MentionForm::Pronoun
        } else {
            MentionForm::Body
        };
        return Found::Body(mention(left.start, end, form));
    }
    // `局党委`, `局党组`: the party organ of the body in scope.
    if scope
        && lex
            .organs
            .longest_starting_at(chars, end, end.saturating_add(4))
            .is_some()
    {
        return Found::Body(mention(end - 1, end, MentionForm::Pronoun));
    }
    Found::Nothing
}

/// Whether a 中心 is a body rather than a place: its core is not a facility
/// (指挥中心), and it is not the object of a locative (在市政务服务中心).
fn venue_is_body(lex: &Lexicon, chars: &[char], left: Left, s: usize, end: usize) -> bool {
    if let Some((_, tags)) = lex.cores.longest_ending_at(chars, s, left.place_end) {
        if tags.facility {
            return false;
        }
    }
    if lex
        .locative
        .longest_ending_at(chars, left.start, left.start.saturating_sub(3))
        .is_some()
    {
        return false;
    }
    s > left.place_end && end > s
}

/// The left part of a name whose suffix (with `rule`) starts at `s`.
pub(super) fn extend_left(
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
    if depth < 2 {
        if let Some(parent) = parent_ending_at(lex, chars, p, depth) {
            // A body of the body in scope (开发区管委会) is in scope too, but only right
            // after it.
            let scoped = parent.head == Head::Scope && (core.is_some() || !rule.parent0);
            if (core.is_some() || rule.parent0) && !scoped {
                return Some(parent);
            }
        }
    }
    if let Some(left) = place_chain(lex, chars, p, min, true) {
        if core.is_some() || rule.anchor0 || rule.zone {
            return Some(national_parent(lex, chars, left, depth));
        }
    }
    if rule.free {
        if let Some(left) = nearest_place(lex, chars, p, min) {
            return Some(national_parent(lex, chars, left, depth));
        }
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

/// The place names that end at `p`, read leftward: gazetteer names (宁德市, 广州市增城区),
/// a place in brackets (中国(宁德)), national prefixes (国家), or one bare level char
/// (市, 区). `adjacent` allows short forms of counties (南海 in 南海城管), which are only
/// trusted right before the core.
#[inline(always)]
pub(super) fn place_chain(
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
        if chars[q - 1] == ')' {
            if let Some((open, nid)) = bracketed_place(chars, q, min) {
                q = open;
                head = Some(Head::Place(nid));
                continue;
            }
        }
        if let Some((len, ())) = lex.national.longest_ending_at(chars, q, min) {
            q -= len;
            head = Some(Head::National);
            continue;
        }
        if head.is_none() {
            if let Some((start, h)) = level_anchor(lex, chars, q, min) {
                return Some(Left {
                    start,
                    head: h,
                    place_end: p,
                });
            }
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
    if matches!(c, '县' | '镇' | '乡') {
        if let Some(start) = proper_name(lex, chars, k, min) {
            return Some((start, Head::Proper));
        }
    }
    Some((k, Head::Level(c)))
}

/// A two-char proper name ending at `p` (东侨 in 东侨开发区): Chinese chars that are not
/// function words, level chars or a known non-name.
fn proper_name(lex: &Lexicon, chars: &[char], p: usize, min: usize) -> Option<usize> {
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
fn nearest_place(lex: &Lexicon, chars: &[char], p: usize, min: usize) -> Option<Left> {
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

/// A district or county named alone, acting as a government (禅城区开展…), ending at `end`.
fn area_ending_at(lex: &Lexicon, chars: &[char], end: usize) -> Option<DeptMention> {
    if !chars.get(end - 1).copied().is_some_and(is_county_last) {
        return None;
    }
    let gaz = &*GAZETTEER;
    if !end
        .checked_sub(2)
        .and_then(|k| chars.get(k))
        .is_some_and(|&c| gaz.county_penultimate.contains(c))
    {
        return None;
    }
    let min = end.saturating_sub(12);
    let (len, _) = gaz.county_rev.longest_ending_at(chars, end, min)?;
    let mut start = end - len;
    if let Some(left) = place_chain(lex, chars, start, min, false) {
        if matches!(left.head, Head::Place(_)) {
            start = left.start;
        } else if left.head != Head::National {
            // `市增城区` is not how a district is named: the char before belongs to
            // another word.
            return None;
        }
    }
    if lex
        .locative
        .longest_ending_at(chars, start, start.saturating_sub(3))
        .is_some()
    {
        return None;
    }
    if chars.get(end) == Some(&'的') {
        return None;
    }
    if chars
        .get(end - 1..end + 1)
        .is_some_and(|w| lex.levelwords.get(w).is_some())
    {
        return None;
    }
    // A district acting as a government opens its clause (,增城区聚焦…): one run on from
    // the word before is an address or part of a word (革命老区闻喜县, 适宜城市), and one
    // in a list of districts is an area (余杭区、萧山区).
    if start > 0 {
        let before = chars[start - 1];
        if (is_name_han(before) && !lex.stop.contains(before)) || before == '、' {
            return None;
        }
    }
    let stop = (end..chars.len().min(end + 5))
        .find(|&k| !is_name_han(chars[k]))
        .map_or(chars.len().min(end + 5), |k| k + 1);
    if (end..stop.min(chars.len())).any(|k| {
        lex.placenoun
            .longest_starting_at(chars, k, chars.len())
            .is_some()
    }) {
        return None;
    }
    Some(mention(start, end, MentionForm::Area))
}

/// Reads a whole name (a mention's text, normalized): its head and final suffix, or
/// `None` when the text is not a body's name from start to end.
pub(super) fn parse(chars: &[char]) -> Option<Parsed> {
    let lex = &*LEXICON;
    let end = chars.len();
    if end == 0 {
        return None;
    }
    if let Some(m) = pronoun_at(lex, chars, end) {
        if m.start == 0 {
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
    }
    let mut matches = [(0usize, 0u16); 8];
    let n = lex.suffixes_ending_at(chars, end, 0, &mut matches);
    for &(len, id) in matches[..n].iter().rev() {
        let Some(rule) = lex.rules.get(id as usize) else {
            continue;
        };
        if let Some(left) = extend_left(lex, chars, end - len, rule, 0) {
            if left.start == 0 {
                return Some(Parsed {
                    left,
                    suffix_start: end - len,
                    rule: Some(id),
                });
            }
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
