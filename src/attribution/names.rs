//! Names: each body's full name, the body that signs the document, and the document's
//! publisher.

use super::Body;
use crate::claim::{Department, Source};
use crate::department::{self, MentionForm, RegionContext};
use crate::document::normalize;
use crate::document::text::{push_chars, text_at};
use crate::structure::{self, Block, BlockKind};
use crate::time;

/// Gives each body its full name (canonical, Simplified; the mention keeps what was
/// written); a pronoun keeps its text until attribution resolves it in scope. `text` is
/// the document; `chars` are its normalized chars from char `char_base` on, covering the
/// bodies.
pub(crate) fn resolve_names(
    bodies: &mut [Body],
    regions: &RegionContext,
    text: &str,
    chars: &[char],
    char_base: usize,
) {
    // A document names the same bodies again and again: resolve each text once, the first
    // body with it taking the name and the others a copy, folding into one buffer.
    let mut names: Vec<String> = Vec::with_capacity(bodies.len());
    {
        // Sized once: growing it by rehashing costs more than the lookups.
        let mut first: rustc_hash::FxHashMap<&str, usize> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(bodies.len(), Default::default());
        let mut folded = String::new();
        for b in bodies.iter() {
            let mention = text_at(text, b.mention);
            let name = match b.form {
                MentionForm::Pronoun => mention.to_string(),
                _ => match first.get(mention) {
                    Some(&k) => names.get(k).cloned().unwrap_or_default(),
                    None => {
                        first.insert(mention, names.len());
                        let normalized = b
                            .start
                            .checked_sub(char_base)
                            .zip(b.end.checked_sub(char_base))
                            .and_then(|(s, e)| chars.get(s..e));
                        department::resolve_name(
                            fold_into(&mut folded, mention, normalized),
                            regions,
                        )
                    }
                },
            };
            names.push(name);
        }
    }
    prefer_formal_government(&mut names);
    for (b, name) in bodies.iter_mut().zip(names) {
        b.name = name;
    }
}

/// A government's formal name is `…人民政府`; `区政府`, `市政府` are its short form. When
/// the document itself names the formal one (a report's title, its signature), a short
/// mention of the same government takes that name rather than a form the text never writes
/// whole (`区政府` in a report of 昆明市官渡区人民政府 → 昆明市官渡区人民政府).
fn prefer_formal_government(names: &mut [String]) {
    const SHORT: &str = "政府";
    const FORMAL: &str = "人民政府";
    if !names.iter().any(|n| n.ends_with(FORMAL)) {
        return;
    }
    let formal: rustc_hash::FxHashSet<String> = names
        .iter()
        .filter(|n| n.ends_with(FORMAL))
        .cloned()
        .collect();
    for name in names.iter_mut() {
        if name.ends_with(SHORT) && !name.ends_with(FORMAL) {
            let long = format!("{}{FORMAL}", &name[..name.len() - SHORT.len()]);
            if formal.contains(&long) {
                *name = long;
            }
        }
    }
}

/// `mention` folded char by char, written into `buf` where it is not its own folded
/// form. `normalized` are its normalized chars, when known: they are the folded form
/// unless the text holds a char whose normalized form depends on its neighbours (see
/// `Normalized::load`), and when they equal the text, the text is its own folded form (a
/// char a neighbour changed differs from its text).
fn fold_into<'a>(buf: &'a mut String, mention: &'a str, normalized: Option<&[char]>) -> &'a str {
    buf.clear();
    match normalized {
        Some(chars) if mention.chars().eq(chars.iter().copied()) => return mention,
        Some(chars)
            if !normalize::CONTEXT_NUMERALS
                .iter()
                .any(|&c| mention.contains(c)) =>
        {
            push_chars(buf, chars)
        }
        _ => buf.push_str(&normalize::normalize_words(mention)),
    }
    buf
}

/// The document's publisher as a claim's department: the body that signs the text (a
/// bureau's report on a portal, or reposted by a news site, is still the bureau's), else
/// the one the caller names (`supplied`) when it is a body.
pub(crate) fn publisher(
    supplied: Option<&str>,
    signer: Option<&Body>,
    text: &str,
    regions: &RegionContext,
) -> Option<Department> {
    let signed = signer.map(|b| Department {
        name: b.name.as_str().into(),
        mention: text_at(text, b.mention).into(),
        source: Source::Document,
    });
    // The caller's name stays when the signature names the same body in a longer or
    // shorter form (`山西省汾西县统计局` for `汾西县统计局`).
    let same = |p: &str| {
        signed.as_ref().is_none_or(|s| {
            let (a, b) = (&*s.mention, p.trim());
            a.ends_with(b) || b.ends_with(a)
        })
    };
    if let Some(p) = supplied.filter(|p| same(p)) {
        // Only a body: a news site or a portal that publishes is no department.
        let folded = normalize::normalize(p.trim());
        let chars: Vec<char> = folded.chars().collect();
        let whole = department::find_departments(&chars)
            .iter()
            .any(|m| m.form == MentionForm::Body && m.start == 0 && m.end == chars.len());
        if whole {
            return Some(Department {
                name: department::resolve_name(&folded, regions).into(),
                mention: p.trim().into(),
                source: Source::Document,
            });
        }
    }
    signed
}

/// The body that signs the document (spec §4, rule 4): a short line among the first few
/// under the title or the last few of the text that holds nothing but bodies' names, a
/// date and punctuation (`宜春市统计局  国家统计局宜春调查队`, `（宜丰县统计局）`,
/// `宜春市统计局 2023年3月`). The first body named on it.
pub(crate) fn signer<'b>(
    blocks: &[Block],
    bodies: &'b [Body],
    periods: &[time::PeriodMention],
    chars: &[char],
) -> Option<&'b Body> {
    let content = (0..blocks.len())
        .filter(|&i| !matches!(blocks[i].kind, BlockKind::Chrome | BlockKind::Title));
    let head = content.clone().take(3).map(|i| (i, false));
    let tail = content.rev().take(3).map(|i| (i, true));
    head.chain(tail).find_map(|(i, at_end)| {
        let b = &blocks[i];
        if at_end && let Some(body) = byline(i, b, bodies, chars) {
            return Some(body);
        }
        if b.end - b.start > 48 {
            return None;
        }
        // At the end, a body's name alone is as often the site's footer as a signature: a
        // signature there is bracketed or dated (`（宜丰县统计局）`, `宜春市统计局 2023年3月`).
        let dated = periods.iter().any(|m| b.start <= m.start && m.end <= b.end);
        let bracketed = chars
            .get(b.start..b.end)
            .is_some_and(|l| l.contains(&'（') || l.contains(&'('));
        if at_end && !dated && !bracketed {
            return None;
        }
        let on_line: Vec<&Body> = bodies
            .iter()
            .filter(|x| x.block == i && x.form != MentionForm::Pronoun)
            .collect();
        let first = *on_line.first()?;
        let covered = |at: usize| {
            on_line.iter().any(|x| x.start <= at && at < x.end)
                || periods.iter().any(|m| m.start <= at && at < m.end)
        };
        (b.start..b.end)
            .all(|at| {
                covered(at)
                    || chars.get(at).is_some_and(|&c| {
                        c.is_whitespace()
                            || c.is_ascii_digit()
                            || matches!(c, '(' | ')' | '（' | '）' | '、' | '.' | '-' | '/' | '—')
                    })
            })
            .then_some(first)
    })
}

/// The body of a byline in brackets that closes a block at the end of the text: the
/// body, then the writer's name or a word that says it supplied the text
/// (`…下降2.5%。（旺苍县统计局 彭军）`, `（供稿：县统计局）`, `（县统计局 供稿）`).
fn byline<'b>(i: usize, b: &Block, bodies: &'b [Body], chars: &[char]) -> Option<&'b Body> {
    let line = chars.get(b.start..b.end)?;
    let close = line.iter().rposition(|c| !c.is_whitespace())?;
    if !matches!(line[close], '）' | ')') {
        return None;
    }
    let open = line[..close]
        .iter()
        .rposition(|&c| matches!(c, '（' | '('))?;
    if close - open > 32 {
        return None;
    }
    // A label before a colon (`供稿：`, `来源:`, `作者：`) names the role, not a body.
    let inner = &line[open + 1..close];
    let from = inner
        .iter()
        .position(|&c| matches!(c, '：' | ':'))
        .filter(|&k| k <= 6)
        .map_or(0, |k| k + 1);
    let at = b.start + open + 1 + from;
    let at = at
        + chars[at..b.start + close]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
    let body = bodies
        .iter()
        .find(|x| x.block == i && x.start == at && x.form != MentionForm::Pronoun)?;
    let rest: String = chars[body.end..b.start + close]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    let supplied = matches!(rest.as_str(), "供稿" | "提供" | "撰稿" | "报送" | "整理");
    (rest.is_empty() || supplied || structure::is_name(&rest)).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_fold_from_their_normalized_chars() {
        let mut buf = String::new();
        let own = ['市', '水', '务', '局'];
        assert_eq!(fold_into(&mut buf, "市水务局", Some(&own)), "市水务局");
        assert_eq!(fold_into(&mut buf, "市水務局", Some(&own)), "市水务局");
        // A numeral in context is normalized apart from its text: folded from the text.
        let folded: String = "參議會".chars().map(normalize::fold).collect();
        assert_eq!(
            fold_into(&mut buf, "參議會", Some(&['叁', '议', '会'])),
            folded
        );
        assert_eq!(fold_into(&mut buf, "市水務局", None), "市水务局");
    }
}
