//! The speakers of a transcript and the bodies they speak for; spokespeople a news
//! report introduces with their body.

use std::sync::LazyLock;

use super::Body;
use crate::department::{self, DeptMention, MentionForm, RegionContext};
use crate::document::normalize;
use crate::document::record::Speaker;
use crate::document::text::text_at;
use crate::structure::{self, Block, BlockKind};

/// A speaker line of a transcript: (its block, the speaker, the mention of the speaker's
/// body as written).
pub(crate) type SpeakerLine = (usize, Speaker, String);

/// A news report of a press conference: a person introduced with a body and a post
/// (`省统计局党组成员、副局长、新闻发言人黎雁南介绍`) speaks for that body wherever the text
/// later has them speak (`黎雁南介绍，…`): each such mention is the body's, acting.
pub(crate) fn spokespeople(
    chars: &[char],
    bytes: &[u32],
    blocks: &[Block],
    bodies: &mut Vec<Body>,
) {
    // (name, the body, where the introduction names the person)
    let mut people: Vec<(Vec<char>, usize, usize)> = Vec::new();
    for (i, b) in bodies.iter_mut().enumerate() {
        if b.form != MentionForm::Body {
            continue;
        }
        let after = chars.get(b.end..).unwrap_or(&[]);
        if let Some((s, e)) = structure::spokesperson(after) {
            // What the spokesperson reports is the body's, whole-area clauses included.
            b.source = true;
            b.speaks = true;
            let name = after[s..e].to_vec();
            if !people.iter().any(|(n, _, _)| *n == name) {
                people.push((name, i, b.end + s));
            }
        }
    }
    if people.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (name, i, intro) in &people {
        let body = &bodies[*i];
        let mut at = 0;
        while let Some(p) = chars
            .get(at..)
            .and_then(|rest| rest.windows(name.len()).position(|w| w == name.as_slice()))
        {
            let start = at + p;
            let end = start + name.len();
            at = end;
            // The introduction itself is the body's already.
            if start == *intro {
                continue;
            }
            let Some(block) = blocks.iter().position(|b| b.start <= start && end <= b.end) else {
                continue;
            };
            let sentence = chars[blocks[block].start..start]
                .iter()
                .rposition(|&c| matches!(c, '。' | '！' | '？' | '!' | '?'))
                .map_or(blocks[block].start, |k| blocks[block].start + k + 1);
            let byte = |c: usize| bytes.get(c).map_or(0, |&b| b as usize);
            added.push(Body {
                block,
                start,
                end,
                sentence,
                mention: (byte(start), byte(end)),
                name: body.name.clone(),
                form: MentionForm::Body,
                actor: true,
                listed: false,
                source: true,
                quote: None,
                speaks: true,
            });
        }
    }
    if !added.is_empty() {
        bodies.extend(added);
        bodies.sort_by_key(|b| (b.block, b.start));
    }
}

/// A transcript's speakers whose post names no body speak for the body the title names
/// acting (`商务部召开例行新闻发布会` → 商务部), the conference's host.
pub(crate) fn host_body(
    speakers: &mut [SpeakerLine],
    blocks: &[Block],
    bodies: &[Body],
    text: &str,
) {
    if speakers.iter().all(|s| s.1.department.is_some()) {
        return;
    }
    let Some(b) = bodies.iter().find(|b| {
        blocks[b.block].kind == BlockKind::Title && b.actor && b.form == MentionForm::Body
    }) else {
        return;
    };
    for s in speakers.iter_mut().filter(|s| s.1.department.is_none()) {
        s.1.department = Some(b.name.clone());
        s.2 = text_at(text, b.mention).to_string();
    }
}

/// The post written right before `name` in `line` where the text introduces the speaker
/// (`市委宣传部四级调研员、市政府新闻办副主任廖南福主持新闻发布会`): the clause before the name.
fn introduced_post(line: &str, name: &str) -> Option<String> {
    let mut search = 0;
    while let Some(i) = line[search..].find(name) {
        let at = search + i;
        let head = &line[..at];
        let start = head
            .rfind(['，', ',', '。', ':', '：', ';', '；', '?', '？', '!', '！'])
            .map_or(0, |p| {
                p + head[p..].chars().next().map_or(1, char::len_utf8)
            });
        let post = head[start..].trim();
        if post.chars().count() >= 2 {
            return Some(post.to_string());
        }
        search = at + name.len();
    }
    None
}

/// The post the text gives each of `names` where it first introduces them (see
/// [`introduced_post`]), looked for in its paragraphs and title lines, in one reading.
fn introduced_posts(
    text: &str,
    blocks: impl Iterator<Item = (usize, Block)>,
    names: &[String],
) -> Vec<Option<String>> {
    let mut posts: Vec<Option<String>> = vec![None; names.len()];
    let mut open = names.len();
    for (_, b) in blocks.filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph | BlockKind::Title))
    {
        if open == 0 {
            break;
        }
        let line = &text[b.byte_start..b.byte_end];
        for (post, name) in posts.iter_mut().zip(names).filter(|(p, _)| p.is_none()) {
            *post = introduced_post(line, name);
            open -= usize::from(post.is_some());
        }
    }
    posts
}

/// The body of a post: the last one named with its own place or name, skipping bare
/// internal units after it (`东侨经济技术开发区党工委委员、宣传部部长` → 东侨经济技术开发区;
/// `市委宣传部四级调研员、市政府新闻办副主任` → 市政府新闻办).
fn pick_post_body(chars: &[char], found: &[DeptMention]) -> Option<DeptMention> {
    let bare = |m: &DeptMention| {
        let len = m.end - m.start;
        len <= 4
            && !matches!(
                chars[m.start],
                '市' | '省' | '区' | '县' | '州' | '国' | '中'
            )
    };
    found
        .iter()
        .rev()
        .find(|m| !bare(m) && m.form != MentionForm::Pronoun)
        .or_else(|| found.first())
        .copied()
}

/// The speakers of a transcript, one entry per speaker line: (block, speaker, the
/// mention of the speaker's body as written). `blocks` gives the document's blocks with
/// their index (twice, when a speaker's post is to be found elsewhere in the text).
pub(crate) fn speakers<I: Iterator<Item = (usize, Block)>>(
    text: &str,
    blocks: impl Fn() -> I,
    regions: &RegionContext,
) -> Vec<SpeakerLine> {
    // The speaker lines: (block, name, whether the host, the post on the line).
    let mut lines: Vec<(usize, String, bool, Option<String>)> = Vec::new();
    for (i, b) in blocks() {
        let line = &text[b.byte_start..b.byte_end];
        let parts = match b.kind {
            BlockKind::Speaker => structure::speaker_parts(line),
            // A turn given inline, in its own paragraph.
            BlockKind::Paragraph if b.turn == Some(i) => {
                structure::inline_person(line).map(|n| (n.to_string(), false, None))
            }
            _ => None,
        };
        let Some((name, host, inner)) = parts else {
            continue;
        };
        // A reporter's question is a turn of no department, and no speaker of record.
        if !host && structure::is_questioner(&name) {
            continue;
        }
        lines.push((i, name, host, inner));
    }
    // Speakers with no post on their line: the one the text gives where it introduces them.
    let mut unposted: Vec<String> = Vec::new();
    for (_, name, _, inner) in &lines {
        if inner.is_none() && !unposted.contains(name) {
            unposted.push(name.clone());
        }
    }
    let introduced = if unposted.is_empty() {
        Vec::new()
    } else {
        introduced_posts(text, blocks(), &unposted)
    };
    let mut out: Vec<SpeakerLine> = Vec::new();
    for (i, name, host, inner) in lines {
        // The post on the line (in brackets or before the name), or the one the text
        // gives where it introduces the name.
        let post_on_line = inner.is_some();
        let post = inner.or_else(|| {
            let k = unposted.iter().position(|n| *n == name)?;
            introduced[k].clone()
        });
        let (department, mention, role) = match &post {
            Some(p) => {
                let chars: Vec<char> = p.chars().map(normalize::fold).collect();
                let found = department::find_departments(&chars);
                match pick_post_body(&chars, &found) {
                    Some(m) => {
                        let mention: String =
                            p.chars().skip(m.start).take(m.end - m.start).collect();
                        // The post keeps its party organ (`党组成员、副局长`).
                        let role: String = if m.start == 0 && post_on_line {
                            p.chars().skip(m.end).collect()
                        } else {
                            p.clone()
                        };
                        let name = match m.form {
                            MentionForm::Pronoun => mention.clone(),
                            _ => department::resolve_name(&normalize::normalize(&mention), regions),
                        };
                        (Some(name), mention, Some(role))
                    }
                    None => (None, String::new(), Some(p.clone())),
                }
            }
            None => (None, String::new(), None),
        };
        let role = match (host, role) {
            (true, Some(r)) => Some(format!("主持人;{r}")),
            (true, None) => Some("主持人".to_string()),
            (false, r) => r.map(|r| r.trim_start_matches(['、', ',', ' ']).to_string()),
        };
        // A speaker who speaks again by name only keeps the post given first.
        if let Some(prev) = out
            .iter()
            .find(|s| s.1.name == name && s.1.department.is_some())
            .cloned()
            && department.is_none()
        {
            out.push((i, prev.1, prev.2));
            continue;
        }
        out.push((
            i,
            Speaker {
                name,
                role,
                department,
            },
            mention,
        ));
    }
    if out.iter().any(|s| s.1.department.is_none()) {
        bodies_of_posts(text, blocks(), regions, &mut out);
    }
    out
}

/// Posts a speaker is called by and the suffixes of the bodies they head
/// (`data/post_bodies.tsv`).
static POST_BODIES: LazyLock<Vec<(&str, Vec<&str>)>> = LazyLock::new(|| {
    crate::lexicon::rows(include_str!("../../data/post_bodies.tsv"))
        .filter_map(|(_, f)| Some((*f.first()?, f.get(1)?.split(',').collect())))
        .collect()
});

/// Speakers called by surname and post (`马局长`) with no body on their line speak for
/// the first body of that post's kind that their own turns name (`…工业和信息化局招商…`).
fn bodies_of_posts(
    text: &str,
    blocks: impl Iterator<Item = (usize, Block)>,
    regions: &RegionContext,
    out: &mut [SpeakerLine],
) {
    // Each unattached speaker's post suffixes, by the speaker's name.
    let wanted: Vec<(String, &[&str])> = out
        .iter()
        .filter(|s| s.1.department.is_none())
        .filter_map(|s| {
            let n = s.1.name.chars().count();
            POST_BODIES
                .iter()
                .find(|(post, _)| s.1.name.ends_with(post) && n <= post.chars().count() + 2)
                .map(|(_, suffixes)| (s.1.name.clone(), suffixes.as_slice()))
        })
        .collect();
    if wanted.is_empty() {
        return;
    }
    let speaker_of = |block: usize| out.iter().find(|s| s.0 == block).map(|s| s.1.name.clone());
    let mut found: Vec<(String, String, String)> = Vec::new();
    for (i, b) in blocks {
        let Some(name) = b
            .turn
            .or((b.kind == BlockKind::Speaker).then_some(i))
            .and_then(speaker_of)
        else {
            continue;
        };
        let Some((_, suffixes)) = wanted.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        if found.iter().any(|f| f.0 == name) {
            continue;
        }
        let line = &text[b.byte_start..b.byte_end];
        let chars: Vec<char> = line.chars().map(normalize::fold).collect();
        let hit = department::find_departments(&chars).into_iter().find(|m| {
            let t: String = chars[m.start..m.end].iter().collect();
            m.form == MentionForm::Body && suffixes.iter().any(|s| t.ends_with(s))
        });
        if let Some(m) = hit {
            let mention: String = line.chars().skip(m.start).take(m.end - m.start).collect();
            let resolved = department::resolve_name(&normalize::normalize(&mention), regions);
            found.push((name, resolved, mention));
        }
    }
    for s in out.iter_mut().filter(|s| s.1.department.is_none()) {
        if let Some((_, resolved, mention)) = found.iter().find(|f| f.0 == s.1.name) {
            s.1.department = Some(resolved.clone());
            s.2 = mention.clone();
        }
    }
}
