//! Transcript speakers: speaker lines (`林碧英(宁德市民政局党组成员、副局长):`), turns given
//! inline (`张华：…`), reporters' questions, and spokespeople named after a body.

use std::sync::LazyLock;

use crate::document::normalize;
use crate::lexicon::CharSet;

/// The name before a colon that opens a paragraph (`张华：截至6月底…` → `张华`), if it is
/// short enough to be one (at most ten chars).
pub(super) fn inline_speaker(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let at = colon_within(line, 11)?;
    let name = line[..at].trim();
    (!name.is_empty()).then_some(name)
}

/// Where the first `:` or `：` of `s` starts, if it is one of the first `n` chars.
fn colon_within(s: &str, n: usize) -> Option<usize> {
    // `n` chars take at most `4 * n` bytes. The first colon is found by its last byte
    // (`：` is EF BC 9A), then counted.
    let head = s.as_bytes().get(..s.len().min(4 * n)).unwrap_or_default();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b':', 0x9A, head.get(from..).unwrap_or_default()) {
        let i = from + i;
        let start = match head[i] {
            b':' => Some(i),
            _ => i
                .checked_sub(2)
                .filter(|&k| head.get(k..i) == Some(&[0xEF, 0xBC][..])),
        };
        if let Some(start) = start {
            return (s.get(..start)?.chars().count() < n).then_some(start);
        }
        from = i + 1;
    }
    None
}

/// The person whose turn a paragraph opens inline (`傅立文:各位…` → `傅立文`): a name of two
/// or three chars (four are a phrase more often than a name: `初步统计：`), not a note's
/// label, before a colon at the paragraph's start.
pub(crate) fn inline_person(line: &str) -> Option<&str> {
    let t = &*TITLES;
    inline_speaker(line).filter(|n| {
        is_name(n)
            && n.chars().count() <= 3
            && !t.labels.contains(n)
            && !t.not_names.iter().any(|w| n.ends_with(w))
            && !is_questioner(n)
    })
}

/// A speaker line's parts: the name, whether the speaker is the host (`主持人`), and the
/// text in brackets (`宁德市民政局党组成员、副局长`), if any.
pub(crate) fn speaker_parts(line: &str) -> Option<(String, bool, Option<String>)> {
    // The parts as words, without the pinyin glued into them (`商務(wù)部副部長(zhǎng)`).
    let word = |s: &str| match normalize::drop_readings(s) {
        Some((plain, _)) => plain,
        None => s.to_string(),
    };
    speaker_fields(line).map(|(name, host, inner)| (word(name), host, inner.map(word)))
}

/// `主持人 廖南福:`, `林碧英(宁德市民政局党组成员、副局长):`, `李志嵩(…副局长)`.
pub(crate) fn is_speaker_line(line: &str) -> bool {
    speaker_fields(line).is_some()
}

/// [`speaker_parts`], borrowed from the line.
pub(super) fn speaker_fields(line: &str) -> Option<(&str, bool, Option<&str>)> {
    // At most 80 chars of at most 4 bytes; checked before counting anything.
    if line.len() > 320 || !(line.ends_with([':', '：', ')', '）'])) {
        return None;
    }
    if line.chars().count() > 80 {
        return None;
    }
    // A line with pinyin glued into it (`商務(wù)部副部長(zhǎng) 盛秋平:`) is read without it; its
    // parts are the stretches of the line as written.
    if let Some((plain, map)) = normalize::drop_readings(line) {
        let base = plain.as_ptr() as usize;
        let at = |s: &str| {
            let o = s.as_ptr() as usize - base;
            let end = match s.len() {
                0 => map.get(o).copied().unwrap_or(line.len()),
                n => map[o + n - 1] + 1,
            };
            &line[map.get(o).copied().unwrap_or(line.len())..end]
        };
        let (name, host, inner) = speaker_fields(&plain)?;
        return Some((at(name), host, inner.map(at)));
    }
    // A line in Traditional characters (`省政府新聞發言人徐聞：`) is read in Simplified ones,
    // folded char for char where the fold keeps its length, so that its parts are found
    // at the same bytes of the line as written.
    let fold = normalize::folder();
    if fold.changes_any(line) {
        let folded: String = line
            .chars()
            .map(|c| match fold.fold(c) {
                f if f.len_utf8() == c.len_utf8() => f,
                _ => c,
            })
            .collect();
        if folded != line {
            let base = folded.as_ptr() as usize;
            let at = |s: &str| {
                let o = s.as_ptr() as usize - base;
                &line[o..o + s.len()]
            };
            let (name, host, inner) = fields_of(&folded)?;
            return Some((at(name), host, inner.map(at)));
        }
    }
    fields_of(line)
}

/// [`speaker_fields`] of a line in Simplified characters.
fn fields_of(line: &str) -> Option<(&str, bool, Option<&str>)> {
    // The line less one final colon.
    let (body, ends_colon) = match line.strip_suffix([':', '：']) {
        Some(b) => (b, true),
        None => (line, false),
    };
    let body = body.trim();
    let (head, inner) = match body.find(['(', '（']) {
        Some(i) => {
            let rest = &body[i..];
            if !(rest.ends_with(')') || rest.ends_with('）')) {
                return None;
            }
            let inner = rest
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）']);
            (&body[..i], Some(inner.trim()))
        }
        None => (body, None),
    };
    if !ends_colon && inner.is_none() {
        return None;
    }
    // `【何亚东】:` brackets the name.
    let head = head.trim();
    let head = head
        .strip_prefix('【')
        .and_then(|h| h.strip_suffix('】'))
        .unwrap_or(head)
        .trim();
    // A note's label (`注释：`, `资料来源：`) is no one's turn.
    if TITLES.labels.contains(&head) {
        return None;
    }
    match head.strip_prefix("主持人").map(str::trim) {
        // 主持人（市政府新闻办副主任 陈明）: the name closes the brackets.
        Some("") if ends_colon => {
            let (post, name) = inner.and_then(host_in_brackets)?;
            Some((name, true, Some(post)))
        }
        Some("") => None,
        Some(name) => is_name(name).then_some((name, true, inner)),
        None if is_name(head) || (ends_colon && inner.is_none() && is_questioner(head)) => {
            Some((head, false, inner))
        }
        // 市统计局局长 刘洋： the post first, the name last, no brackets.
        None if ends_colon && inner.is_none() => {
            let (post, name) = post_then_name(head)?;
            match is_questioner(post) {
                true => Some((post, false, None)),
                false => Some((name, false, Some(post))),
            }
        }
        None => None,
    }
}

/// The posts and the verbs of speech of `data/titles.txt`.
struct Titles {
    titles: Vec<&'static str>,
    not_names: Vec<&'static str>,
    labels: Vec<&'static str>,
    /// `titles` and `not_names` as chars, for scans over chars; the titles in the order
    /// of their last chars, so that those ending in a char are a run of them.
    title_chars: Vec<Vec<char>>,
    speech_chars: Vec<Vec<char>>,
    /// The last chars of `titles`.
    title_ends: CharSet,
}

static TITLES: LazyLock<Titles> = LazyLock::new(|| {
    let mut t = Titles {
        titles: Vec::new(),
        not_names: Vec::new(),
        labels: Vec::new(),
        title_chars: Vec::new(),
        speech_chars: Vec::new(),
        title_ends: CharSet::new(),
    };
    for (_, f) in crate::lexicon::rows(include_str!("../../data/titles.txt")) {
        match f.get(1).copied() {
            Some("notname") => t.not_names.push(f[0]),
            Some("label") => t.labels.push(f[0]),
            _ => t.titles.push(f[0]),
        }
    }
    t.title_chars = t.titles.iter().map(|w| w.chars().collect()).collect();
    t.title_chars.sort_by_key(|w| w.last().copied());
    t.speech_chars = t.not_names.iter().map(|w| w.chars().collect()).collect();
    t.title_ends = t
        .title_chars
        .iter()
        .filter_map(|w| w.last().copied())
        .collect();
    t
});

/// A head written post first and name last (`市统计局局长 刘洋`, `市发展改革局副局长陈静`,
/// `新华社记者 王晓`): the post and the name. The post must end with a title
/// (`data/titles.txt`) or name a reporter, so that a heading ending in a colon is none.
fn post_then_name(head: &str) -> Option<(&str, &str)> {
    let t = &*TITLES;
    let titled = |post: &str| t.titles.iter().any(|w| post.ends_with(w)) || is_questioner(post);
    let is_name = |name: &str| is_name(name) && !t.not_names.iter().any(|w| name.ends_with(w));
    if let Some((post, name)) = head.rsplit_once([' ', '\u{3000}']) {
        let post = post.trim();
        return (is_name(name) && titled(post)).then_some((post, name));
    }
    // Without a space the name is the last two chars, or else the last three, after a
    // title (a four-char name would too often swallow a title's tail).
    [2, 3].into_iter().find_map(|n| {
        let (at, _) = head.char_indices().rev().nth(n - 1)?;
        let (post, name) = head.split_at(at);
        (post.chars().nth(1).is_some() && is_name(name) && titled(post)).then_some((post, name))
    })
}

/// After a body's name, its post and the name of a person who speaks for it
/// (`党组成员、副局长、新闻发言人黎雁南介绍`): the name's char range in `chars`. The post
/// must end with a title of `data/titles.txt` and the name be followed by a verb of speech.
pub(crate) fn spokesperson(chars: &[char]) -> Option<(usize, usize)> {
    let t = &*TITLES;
    spokesperson_by(chars, |p| {
        // Most chars end no title: one test of the last char before the words, and then
        // only the titles that end in it (one run of them).
        let c = chars[p - 1];
        if !t.title_ends.contains(c) {
            return false;
        }
        let from = t.title_chars.partition_point(|w| w.last() < Some(&c));
        t.title_chars[from..]
            .iter()
            .take_while(|w| w.last() == Some(&c))
            .any(|w| p >= w.len() && chars[p - w.len()..p] == w[..])
    })
}

/// Whether a verb of speech of `data/titles.txt` (`表示`, `介绍`, `说`) starts at `at`.
pub(crate) fn speaks_at(chars: &[char], at: usize) -> bool {
    TITLES
        .speech_chars
        .iter()
        .any(|w| chars.get(at..at + w.len()) == Some(w.as_slice()))
}

/// Whether a verb of speech follows at `at`, perhaps after the day and the occasion
/// (`22日在一场发布会上介绍`, `今天在新闻发布会上表示`, `19日表示`).
fn speaks_after(chars: &[char], at: usize) -> bool {
    const WHEN: [[char; 2]; 10] = [
        ['今', '天'],
        ['昨', '天'],
        ['今', '日'],
        ['昨', '日'],
        ['日', '前'],
        ['近', '日'],
        ['当', '天'],
        ['当', '日'],
        ['上', '午'],
        ['下', '午'],
    ];
    let mut j = at;
    // The day: `22日`, `今天`, then perhaps `上午`.
    let digits = chars[j..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(chars.get(j + digits), Some('日' | '号')) {
        j += digits + 1;
    }
    while WHEN
        .iter()
        .any(|w| chars.get(j..j + 2) == Some(w.as_slice()))
    {
        j += 2;
    }
    // The occasion: `在…上`, `在…时`, `在…中`, within a clause.
    if chars.get(j) == Some(&'在') {
        let end = (j + 20).min(chars.len());
        if (j + 2..end)
            .take_while(|&k| is_han(chars[k]) || chars[k].is_ascii_alphanumeric())
            .any(|k| matches!(chars[k], '上' | '时' | '中') && speaks_at(chars, k + 1))
        {
            return true;
        }
    }
    speaks_at(chars, j)
}

/// [`spokesperson`], told by `post_end(p)` whether `chars[..p]` ends with a title.
fn spokesperson_by(chars: &[char], post_end: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
    let speaks = |at: usize| speaks_after(chars, at);
    for p in 1..chars.len().min(32) {
        let c = chars[p - 1];
        if !(is_han(c) || c == '、') {
            return None;
        }
        if !post_end(p) {
            continue;
        }
        for n in [2, 3] {
            let name = chars.get(p..p + n)?;
            if name.iter().all(|&c| is_han(c)) && speaks(p + n) {
                return Some((p, p + n));
            }
        }
    }
    None
}

/// The post and name of a host given in brackets after `主持人`, the name last
/// (`市政府新闻办副主任 陈明`).
fn host_in_brackets(inner: &str) -> Option<(&str, &str)> {
    let (post, name) = inner.trim().rsplit_once([' ', '\u{3000}'])?;
    is_name(name).then_some((post.trim(), name))
}

/// A char of the CJK Unified Ideographs block, as names are written.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A personal name as speaker lines give it: two to four Han chars, `·` allowed.
pub(crate) fn is_name(s: &str) -> bool {
    (2..=4).contains(&s.chars().count()) && s.chars().all(|c| is_han(c) || c == '·')
}

/// Whether a speaker line's name is a reporter or the question of a Q&A (`新华社记者`,
/// `记者`, `问`): a turn that is no official's, so its figures are nobody's statement.
pub(crate) fn is_questioner(name: &str) -> bool {
    crate::lexicon::questioners::is_questioner(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::blocks;

    #[test]
    fn speaker_lines() {
        assert!(is_speaker_line("主持人 廖南福:"));
        assert!(is_speaker_line("林碧英(宁德市民政局党组成员、副局长):"));
        assert!(is_speaker_line("李志嵩(宁德市生态环境局党组成员、副局长)"));
        assert!(!is_speaker_line("各位来宾、新闻界的朋友们:"));
        assert!(!is_speaker_line("大家下午好!"));
        assert!(is_speaker_line("主持人（市政府新闻办副主任 陈明）："));
        assert!(!is_speaker_line("主持人（市政府新闻办副主任）："));
        assert!(is_speaker_line("新华社记者："));
        assert!(is_speaker_line("问："));
    }

    #[test]
    fn speaker_lines_in_traditional_characters() {
        assert_eq!(
            speaker_parts("山東省統計局副局長、新聞發言人陸萬明:"),
            Some((
                "陸萬明".to_string(),
                false,
                Some("山東省統計局副局長、新聞發言人".to_string())
            ))
        );
        assert_eq!(
            speaker_parts("主持人 孫應琢："),
            Some(("孫應琢".to_string(), true, None))
        );
        assert!(is_speaker_line("林碧英(寧德市民政局黨組成員、副局長):"));
        // Pinyin glued after polyphones is read through; the parts are as written.
        assert_eq!(
            speaker_fields("商務(wù)部副部長(zhǎng) 盛秋平:"),
            Some(("盛秋平", false, Some("商務(wù)部副部長")))
        );
        assert_eq!(
            speaker_parts("商務(wù)部副部長(zhǎng) 盛秋平:"),
            Some((
                "盛秋平".to_string(),
                false,
                Some("商務部副部長".to_string())
            ))
        );
        assert!(!is_speaker_line("各位來賓、新聞界的朋友們:"));
    }

    #[test]
    fn speaker_lines_post_first() {
        let parts = speaker_parts;
        assert_eq!(
            parts("市统计局局长 刘洋："),
            Some(("刘洋".into(), false, Some("市统计局局长".into())))
        );
        assert_eq!(
            parts("市发展改革局副局长陈静:"),
            Some(("陈静".into(), false, Some("市发展改革局副局长".into())))
        );
        assert_eq!(
            parts("区人社局党组书记、局长　欧阳明华："),
            Some((
                "欧阳明华".into(),
                false,
                Some("区人社局党组书记、局长".into())
            ))
        );
        // A reporter named after the outlet is a questioner's turn.
        assert_eq!(
            parts("人民日报记者 王晓："),
            Some(("人民日报记者".into(), false, None))
        );
        // A post without a title, or text that is no name, is no speaker line.
        assert!(!is_speaker_line("工作成效 明显："));
        assert!(!is_speaker_line("主要做法如下："));
        assert!(!is_speaker_line("全市重点项目进展情况："));
        assert!(!is_speaker_line("市统计局局长介绍："));
    }

    #[test]
    fn inline_turns() {
        let text = "标题\n张华（市统计局局长）：\n第一段。\n记者：请问有何举措？\n张华：第二段。\n会议指出：第三段。\n";
        let b = blocks(text);
        let turns: Vec<Option<usize>> = b.iter().map(|b| b.turn).collect();
        // The question is a turn of its own; 张华 speaks again in the turn of his line;
        // 会议指出 is no speaker.
        assert_eq!(turns, [None, Some(1), Some(1), Some(3), Some(1), Some(1)]);
        let qa = blocks(
            "标题\n张华（市统计局局长）：\n第一段。\n问：有何举措？\n答：一是加强监管。\n二是优化服务。\n",
        );
        let turns: Vec<Option<usize>> = qa.iter().map(|b| b.turn).collect();
        assert_eq!(turns, [None, Some(1), Some(1), Some(3), None, None]);
        // A text with no speaker line has no turns.
        let plain = blocks("标题\n记者：请问有何举措？\n第二段。\n");
        assert!(plain.iter().all(|b| b.turn.is_none()));
        // A transcript that gives every turn inline: each name's paragraph opens a turn.
        let inline =
            blocks("标题\n傅立文:各位记者,下午好。\n第二段。\n王美福:今年以来,运行平稳。\n");
        let turns: Vec<Option<usize>> = inline.iter().map(|b| b.turn).collect();
        assert_eq!(turns, [None, Some(1), Some(1), Some(3)]);
        // One such paragraph, or a note's label, makes no transcript.
        let one = blocks(
            "标题\n张华:截至6月底完成。\n第二段。\n注释:数据为初步统计数。\n初步核算:全年增长。\n",
        );
        assert!(one.iter().all(|b| b.turn.is_none()));
    }

    /// Whether `chars[..p]` ends with a title, by a test of every title.
    fn ends_with_title(chars: &[char], p: usize) -> bool {
        TITLES.titles.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            p >= w.len() && chars[p - w.len()..p] == w[..]
        })
    }

    proptest::proptest! {
        #[test]
        fn colons_are_found_as_among_the_first_chars(
            s in "[a-z ：:年月黎雁南介绍\u{FF1A}\u{9A}\u{309A}\u{FF9A}𠀀]{0,30}",
            n in 0usize..14,
        ) {
            let plain = s
                .char_indices()
                .take(n)
                .find(|&(_, c)| c == ':' || c == '：')
                .map(|(i, _)| i);
            proptest::prop_assert_eq!(colon_within(&s, n), plain);
        }

        #[test]
        fn spokespeople_are_found_as_by_every_title(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "局长", "副局长", "主任", "新闻发言人", "书记", "、", "党组成员", "介绍",
                    "表示", "说", "黎雁南", "张明", "王", "长", "人", "员", "，", "市", "a",
                ]),
                0..12,
            ),
        ) {
            let chars: Vec<char> = words.concat().chars().collect();
            let plain = spokesperson_by(&chars, |p| ends_with_title(&chars, p));
            proptest::prop_assert_eq!(spokesperson(&chars), plain);
        }
    }

    #[test]
    fn spokespeople_after_a_body() {
        let sp = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            spokesperson(&c).map(|(a, b)| c[a..b].iter().collect::<String>())
        };
        assert_eq!(
            sp("党组成员、副局长、新闻发言人黎雁南介绍，").as_deref(),
            Some("黎雁南")
        );
        assert_eq!(
            sp("党组成员、副局长、新闻发言人张明介绍，").as_deref(),
            Some("张明")
        );
        assert_eq!(sp("副局长王小明表示，").as_deref(), Some("王小明"));
        assert_eq!(sp("召开新闻发布会").as_deref(), None);
        // The day and the occasion may stand between the name and the verb.
        assert_eq!(
            sp("投资处处长王丹丽22日在一场发布会上介绍，").as_deref(),
            Some("王丹丽")
        );
        assert_eq!(sp("副局长王小明今天上午表示，").as_deref(), Some("王小明"));
        assert_eq!(sp("副局长王小明在会上表示，").as_deref(), Some("王小明"));
        assert_eq!(sp("副局长王小明在会上，").as_deref(), None);
    }
}
