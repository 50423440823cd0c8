//! The word segmenter the claim stage reads short windows of text with: jieba-rs, with its
//! own dictionary (`data/jieba_dict.txt`), which `build.rs` compiles into a map from each
//! word to its frequency and tag.
//!
//! jieba-rs can only build its dictionary by inserting every word, which costs far more
//! than a run over a few files. So the segmenter starts with an empty jieba-rs and, before
//! each window, adds the dictionary words found in it that it does not know yet. Within a
//! window jieba-rs reads only the words that occur in it and the dictionary's total
//! frequency; that total is kept equal to the whole dictionary's by one more entry, a word
//! no text can hold, that carries the frequency of the words not yet added. So every answer
//! is the one jieba-rs gives with its whole dictionary (tested against it).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use fst::raw::{Fst, Node, Output};
use jieba_rs::{Jieba, Tag, Token};

include!(concat!(env!("OUT_DIR"), "/jieba_dict.rs"));

/// The entry that holds the frequency of the words not yet added. jieba-rs looks up only
/// runs of Han chars and of `[A-Za-z0-9+#&._%-]`, and each other char (or `\r\n`) alone:
/// a word of two NULs is never one of those.
const REST: &str = "\0\0";

/// A jieba-rs segmenter whose dictionary is loaded word by word, as texts need them.
///
/// Built once and shared by threads: windows whose words are all known segment under a
/// read lock; one that brings new words adds them under the write lock first.
pub(crate) struct Segmenter {
    words: Fst<&'static [u8]>,
    known: RwLock<Known>,
    /// For each char of the Basic Multilingual Plane, the state of `words` after its
    /// bytes, once looked up: 0 not yet, 1 none (no word starts with it), else the
    /// state's address + 2. Every thread that fills a slot writes the same value.
    after_char: Box<[AtomicU32]>,
}

/// The dictionary words jieba-rs holds so far.
struct Known {
    jieba: Jieba,
    /// The frequency of the dictionary's words not yet added, carried by [`REST`].
    rest: usize,
}

impl Segmenter {
    /// A segmenter that knows no word yet (but for the dictionary's total frequency).
    pub fn new() -> Segmenter {
        let words = Fst::new(WORDS).expect("build.rs writes a well-formed map (tested)");
        let mut jieba = Jieba::empty();
        jieba.add_word(REST, Some(TOTAL), Some("x"));
        Segmenter {
            words,
            known: RwLock::new(Known { jieba, rest: TOTAL }),
            after_char: (0..0x10000).map(|_| AtomicU32::new(0)).collect(),
        }
    }

    /// The words of `text` as jieba-rs cuts them (without its HMM for unknown words).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.learn(text).jieba.cut(text, false)
    }

    /// Hands `read` the words of `text` with their part-of-speech tags, as jieba-rs tags
    /// them (without its HMM for unknown words), and returns what it returns.
    pub fn tag_with<R>(&self, text: &str, read: impl FnOnce(&[Tag<'_>]) -> R) -> R {
        let known = self.learn(text);
        read(&known.jieba.tag(text, false))
    }

    /// The end of the longest dictionary word that starts at `chars[start]` and ends by
    /// `limit` (a char offset), or `start` when there is none.
    pub fn longest_word(&self, chars: &[char], start: usize, limit: usize) -> usize {
        let mut best = start;
        let Some(mut node) = chars.get(start).and_then(|&c| self.after(c)) else {
            return best;
        };
        let mut at = start + 1;
        loop {
            if node.is_final() && at <= limit {
                best = at;
            }
            let Some(&c) = chars.get(at).filter(|_| at < limit) else {
                return best;
            };
            for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                let Some(i) = node.find_input(b) else {
                    return best;
                };
                node = self.words.node(node.transition_addr(i));
            }
            at += 1;
        }
    }

    /// Makes sure jieba-rs holds every dictionary word that occurs in `text`, and returns
    /// it, read-locked.
    fn learn(&self, text: &str) -> RwLockReadGuard<'_, Known> {
        let known = self.known.read().unwrap_or_else(PoisonError::into_inner);
        if self.knows_every_word(text, &known.jieba) {
            return known;
        }
        drop(known);
        {
            let mut known = self.known.write().unwrap_or_else(PoisonError::into_inner);
            let Known { jieba, rest } = &mut *known;
            self.each_word(text, |word, packed| {
                if !jieba.has_word(word) {
                    let freq = (packed >> TAG_BITS) as usize;
                    let tag = TAGS[(packed & ((1 << TAG_BITS) - 1)) as usize];
                    jieba.add_word(word, Some(freq), Some(tag));
                    *rest -= freq;
                }
                true
            });
            jieba.add_word(REST, Some(*rest), Some("x"));
        }
        self.known.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether `jieba` holds every dictionary word that occurs in `text`: as
    /// [`Segmenter::each_word`] with `has_word`, but starting each walk of the map from
    /// the state after its first char.
    fn knows_every_word(&self, text: &str, jieba: &Jieba) -> bool {
        let fst = &self.words;
        let bytes = text.as_bytes();
        for (start, c) in text.char_indices() {
            let Some(mut node) = self.after(c) else {
                continue;
            };
            let from = start + c.len_utf8();
            if node.is_final() && !jieba.has_word(&text[start..from]) {
                return false;
            }
            for (end, &b) in bytes.iter().enumerate().skip(from) {
                let Some(i) = node.find_input(b) else { break };
                node = fst.node(node.transition_addr(i));
                if node.is_final() && !jieba.has_word(&text[start..=end]) {
                    return false;
                }
            }
        }
        true
    }

    /// The state of the map after the bytes of `c`, if some word starts with `c`.
    fn after(&self, c: char) -> Option<Node<'_>> {
        let walk = || {
            let mut node = self.words.root();
            for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                node = self.words.node(node.transition_addr(node.find_input(b)?));
            }
            Some(node)
        };
        let Some(slot) = self.after_char.get(c as usize) else {
            return walk();
        };
        let addr = match slot.load(Ordering::Relaxed) {
            0 => {
                let node = walk();
                let packed = node.map_or(Some(1), |n| u32::try_from(n.addr()).ok()?.checked_add(2));
                // (A map too large for the slot is walked each time.)
                if let Some(packed) = packed {
                    slot.store(packed, Ordering::Relaxed);
                }
                return node;
            }
            1 => return None,
            packed => packed as usize - 2,
        };
        Some(self.words.node(addr))
    }

    /// Calls `visit(word, packed frequency and tag)` for every dictionary word that occurs
    /// in `text`, until it returns `false`; returns whether it never did.
    fn each_word(&self, text: &str, mut visit: impl FnMut(&str, u64) -> bool) -> bool {
        let fst = &self.words;
        let bytes = text.as_bytes();
        for (start, _) in text.char_indices() {
            let mut node = fst.root();
            let mut out = Output::zero();
            for (end, &b) in bytes.iter().enumerate().skip(start) {
                let Some(i) = node.find_input(b) else { break };
                let t = node.transition(i);
                out = out.cat(t.out);
                node = fst.node(t.addr);
                // The keys are UTF-8, so a word ends only at a char boundary.
                if node.is_final()
                    && !visit(&text[start..=end], out.cat(node.final_output()).value())
                {
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The words of a text as cut, `(word, start, end)`, and as tagged, `(word, tag)`.
    type Answers = (Vec<(String, usize, usize)>, Vec<(String, String)>);

    /// The words of `text` as the segmenter cuts and tags them.
    fn answers(seg: &Segmenter, text: &str) -> Answers {
        let cut = seg
            .cut(text)
            .iter()
            .map(|t| (t.word.to_string(), t.start, t.end))
            .collect();
        let tags = seg.tag_with(text, |tags| {
            tags.iter()
                .map(|t| (t.word.to_string(), t.tag.to_string()))
                .collect()
        });
        (cut, tags)
    }

    /// The same, from jieba-rs with its whole dictionary.
    fn full_answers(jieba: &Jieba, text: &str) -> Answers {
        let cut = jieba
            .cut(text, false)
            .iter()
            .map(|t| (t.word.to_string(), t.start, t.end))
            .collect();
        let tags = jieba
            .tag(text, false)
            .iter()
            .map(|t| (t.word.to_string(), t.tag.to_string()))
            .collect();
        (cut, tags)
    }

    /// The fixture texts, as chars.
    pub(crate) fn fixture_texts() -> Vec<Vec<char>> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut texts = Vec::new();
        for dir in ["seeds", "dev/texts"] {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
                .expect("the fixture folders exist")
                .map(|e| e.expect("a readable entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).expect("fixture texts are UTF-8");
                texts.push(text.chars().collect());
            }
        }
        assert!(texts.len() > 20, "found the fixture texts");
        texts
    }

    /// Texts where the splitting into blocks, ASCII words, `\r\n`, chars outside the
    /// main Han block and the word that carries the rest of the total are at play.
    const TRICKY: &[&str] = &[
        "",
        "\0\0",
        "a\0\0b",
        "\0\0中国",
        "C++语言和C#",
        "4S店AT&T公司",
        "1号店3.5%增长",
        "增长12.3%，同比",
        "第一\r\n第二\r\n",
        "\r\n\r",
        "𠀀𠀁中国人",
        "㐀人民群众",
        "ＡＢＣ全市",
        "  全市  新增 ",
        "千家万户一体化进一步",
        "将其纳入管理",
        "将3万元用于",
        "近三成的企业",
        "大型企业数量",
        "不存在的词语组合",
        "E化B超CALL机",
        "abc_def-ghi.jkl",
    ];

    #[test]
    fn every_window_of_the_fixtures_segments_as_with_the_whole_dictionary() {
        let full = Jieba::new();
        let seg = Segmenter::new();
        let mut windows = 0usize;
        let mut buf = String::new();
        for text in fixture_texts() {
            for start in 0..text.len() {
                for len in 1..=16.min(text.len() - start) {
                    buf.clear();
                    buf.extend(&text[start..start + len]);
                    let want = jieba_cut(&full, &buf);
                    let got: Vec<_> = seg.cut(&buf).iter().map(|t| (t.word, t.start)).collect();
                    assert_eq!(got, want, "cut of {buf:?}");
                    // Tagging runs the (slower) tag HMM for words not in the dictionary:
                    // every third start is plenty.
                    if start % 3 == 0 {
                        let want: Vec<_> = full
                            .tag(&buf, false)
                            .iter()
                            .map(|t| (t.word, t.tag))
                            .collect();
                        seg.tag_with(&buf, |got| {
                            let got: Vec<_> = got.iter().map(|t| (t.word, t.tag)).collect();
                            assert_eq!(got, want, "tags of {buf:?}");
                        });
                    }
                    windows += 1;
                }
            }
        }
        assert!(windows > 500_000, "{windows} windows");
        for text in TRICKY {
            assert_eq!(answers(&seg, text), full_answers(&full, text), "{text:?}");
        }
    }

    fn jieba_cut<'a>(jieba: &Jieba, text: &'a str) -> Vec<(&'a str, usize)> {
        jieba
            .cut(text, false)
            .iter()
            .map(|t| (t.word, t.start))
            .collect()
    }

    #[test]
    fn a_fresh_segmenter_answers_as_a_warmed_one() {
        let full = Jieba::new();
        let warmed = Segmenter::new();
        let texts = fixture_texts();
        // Warm it with every line of two fixtures whole.
        for text in &texts[..2] {
            let s: String = text.iter().collect();
            for line in s.lines() {
                warmed.cut(line);
            }
        }
        let s: String = texts[0].iter().collect();
        let samples: Vec<String> = s
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(40)
            .map(|l| l.chars().take(16).collect())
            .chain(TRICKY.iter().map(|t| t.to_string()))
            .collect();
        for text in &samples {
            let fresh = Segmenter::new();
            let got = answers(&fresh, text);
            assert_eq!(got, answers(&warmed, text), "{text:?}");
            assert_eq!(got, full_answers(&full, text), "{text:?}");
        }
        // A word the warmed one learned is not learned again: the rest stays as it was.
        let rest = warmed.known.read().unwrap().rest;
        warmed.cut(&samples[0]);
        assert_eq!(warmed.known.read().unwrap().rest, rest);
        assert!(rest < TOTAL);
    }

    #[test]
    fn the_compiled_dictionary_is_jiebas() {
        let full = Jieba::new();
        let seg = Segmenter::new();
        let mut words = 0;
        let mut stream = seg.words.stream();
        use fst::Streamer;
        while let Some((word, out)) = stream.next() {
            let packed = out.value();
            let word = std::str::from_utf8(word).expect("words are UTF-8");
            assert!(full.has_word(word), "{word}");
            let tag = TAGS[(packed & ((1 << TAG_BITS) - 1)) as usize];
            assert!(!tag.is_empty() && (packed >> TAG_BITS) > 0, "{word}");
            words += 1;
        }
        assert_eq!(words, 349_045);
    }
}
