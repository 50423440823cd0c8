//! The scan: the chars that may end a body's name, the suffix matched backward there, and
//! pronouns (我局, 本委) and areas acting as bodies.

use super::left::extend_left;
use super::place::place_chain;
use super::{Head, Left, MAX_NAME, MAX_TITLE};
use crate::department::gazetteer::{GAZETTEER, is_county_last};
use crate::department::lexicon::{LEXICON, Lexicon, PRONOUN, SuffixRule, is_level};
use crate::department::{DeptMention, MentionForm};
use crate::lexicon::chars::is_name_han;

/// Every body mentioned in `chars`, in text order, into `out` (cleared first).
pub(crate) fn find_into(chars: &[char], out: &mut Vec<DeptMention>) {
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
pub(super) fn select(out: &mut Vec<DeptMention>) {
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
pub(super) fn pronoun_at(lex: &Lexicon, chars: &[char], end: usize) -> Option<DeptMention> {
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
        if let Some(rule) = rule_of(lex, &chars[k..end])
            && rule.cancelled(chars, end)
        {
            continue;
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

pub(super) fn mention(start: usize, end: usize, form: MentionForm) -> DeptMention {
    DeptMention {
        start,
        end,
        extent_end: end,
        form,
    }
}

/// What a suffix found: a body, a facility's name (a place), or nothing.
pub(super) enum Found {
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
    if let Some((_, tags)) = lex.cores.longest_ending_at(chars, s, left.place_end)
        && tags.facility
    {
        return false;
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
