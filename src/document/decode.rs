//! Bytes to text: encoding detection, decoding with replacement, binary rejection.
//!
//! The order of decisions, for a file's bytes:
//!
//! 1. A byte-order mark names the encoding (UTF-8, UTF-16LE, UTF-16BE), even when the caller
//!    forces another one: a BOM is unambiguous.
//! 2. A forced encoding ([`DecodeOptions::with_encoding`]) is used as given.
//! 3. Bytes with NULs that decode cleanly as UTF-16LE (or BE) into chars that are nearly
//!    all (19 in 20) those of Chinese text (ASCII, punctuation, CJK ideographs, full-width
//!    forms) are UTF-16 without a BOM, guessed; other bytes with NULs are binary.
//! 4. Valid UTF-8 is UTF-8 (not counted as a guess: non-UTF-8 Chinese text is practically
//!    never valid UTF-8).
//! 5. Text that is UTF-8 except for a few damaged sequences (at least eight well-formed
//!    multi-byte characters per malformed sequence) is UTF-8 with replacements, guessed.
//! 6. Otherwise chardetng guesses (GBK, Big5, …). A GBK guess is decoded and reported as
//!    GB18030, its superset (encoding_rs decodes both the same way).
//! 7. chardetng rules out every encoding the bytes do not decode in cleanly, so one bad
//!    byte in a GB18030 or Big5 file, or a file half UTF-8 and half GBK, leaves it a
//!    Western single-byte encoding (windows-1252), which decodes anything into mojibake.
//!    When its guess is such a fallback, GB18030 and Big5 are tried: of those that decode
//!    the text with at most one malformed sequence per eight multi-byte chars, the one
//!    chardetng guesses once the malformed sequences of both are blanked out, or else the
//!    one with fewer malformed sequences.
//!    The text is then decoded with replacements, every malformed byte counted, and the
//!    guess is of low confidence ([`Decoding::low_confidence`]).
//! 8. A guess of steps 5 to 7 that leaves malformed sequences, or that is Western, may be
//!    a file of two encodings (pages joined, a footer in another encoding): it is decoded
//!    in segments, UTF-8 where lines or long runs are UTF-8 and GB18030 or Big5 elsewhere,
//!    when that leaves clearly fewer malformed sequences (at most a quarter, and two
//!    fewer) than the single encoding. Its encoding is then `UTF-8+GB18030` or
//!    `UTF-8+Big5`, with the lines read in each ([`Decoding::segments`]).
//!
//! A file is rejected as binary ([`ErrorKind::Binary`]) when it holds a NUL byte (outside
//! UTF-16) or when more than one char in twenty is a control character other than tab,
//! line feed, vertical tab, form feed and carriage return.
//!
//! Each malformed sequence becomes one U+FFFD; its bytes are counted in [`Decoding::malformed`]. The text is
//! then cleaned like [`Document::from_text`]: no BOM, every line ending `\n`.

use std::borrow::Cow;
use std::ops::Range;

use encoding_rs::{
    BIG5, DecoderResult, Encoding, GB18030, GBK, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE,
};

use super::{Document, clean_string};
use crate::document::record::{Decoding, Segments, encoding_name, mixed_name};
use crate::error::{Error, ErrorKind};

/// How many bytes chardetng sees at most: enough for any real article's signal, and a
/// bound on the work for a huge file.
const DETECT_PREFIX: usize = 4 << 20;

/// How much of a file the control-character count looks at (NUL bytes are looked for
/// everywhere).
const BINARY_SAMPLE: usize = 1 << 20;

/// How to decode: automatic detection, or a forced encoding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    forced: Option<&'static Encoding>,
}

impl DecodeOptions {
    /// Automatic detection (BOM, UTF-8, then a guess).
    pub fn new() -> DecodeOptions {
        DecodeOptions::default()
    }

    /// Forces the encoding named `name`: any WHATWG label, case-insensitive (`gbk`,
    /// `gb18030`, `big5`, `utf-8`, `utf-16le`, `utf-16be`, `shift_jis`, …). A byte-order
    /// mark still wins.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEncoding`] when no encoding has that label (or the label maps to
    /// the "replacement" encoding, which decodes nothing).
    pub fn with_encoding(self, name: &str) -> Result<DecodeOptions, Error> {
        match Encoding::for_label(name.trim().as_bytes()) {
            Some(e) if e != REPLACEMENT => Ok(DecodeOptions { forced: Some(e) }),
            _ => Err(Error::new(ErrorKind::UnknownEncoding)),
        }
    }

    /// The name of the forced encoding, if any (`GBK`, `GB18030`, `UTF-16LE`, `Big5`).
    pub fn forced(&self) -> Option<&'static str> {
        self.forced.map(encoding_name)
    }
}

/// A decoded file: its document and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The cleaned text, ready for extraction.
    pub document: Document,
    /// The encoding used, whether it was guessed, how many bytes were malformed.
    pub decoding: Decoding,
}

/// Decodes a file's bytes (see the module docs for the rules).
///
/// An empty input is a valid, empty document.
///
/// # Errors
///
/// [`ErrorKind::Binary`] when the bytes are not text.
pub fn decode(bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, Error> {
    decode_cow(Cow::Borrowed(bytes), opts)
}

/// Like [`decode`], reusing the buffer when the bytes are UTF-8 (no copy of a large file).
///
/// # Errors
///
/// [`ErrorKind::Binary`] when the bytes are not text.
pub fn decode_vec(bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Decoded, Error> {
    decode_cow(Cow::Owned(bytes), opts)
}

/// Like [`decode_vec`], for a page that declares its encoding (`<meta charset>`): when the
/// bytes do not say otherwise (no BOM, no forced encoding, not valid UTF-8) and the declared
/// encoding is a multi-byte one (GBK, GB18030, Big5, …) that decodes them cleanly (fewer
/// than one malformed byte in 200), it is used and not counted as a guess. A page whose
/// declaration lies is detected as any file is.
pub(crate) fn decode_declared(
    bytes: Vec<u8>,
    opts: &DecodeOptions,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, Error> {
    let multibyte = |e: &&'static Encoding| {
        [
            GBK,
            GB18030,
            encoding_rs::BIG5,
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
            encoding_rs::EUC_KR,
        ]
        .contains(e)
    };
    if let Some(enc) = declared.filter(multibyte)
        && opts.forced.is_none()
        && Encoding::for_bom(&bytes).is_none()
        && !has_nul(&bytes)
        && !is_utf8(&bytes)
        && !looks_binary(&bytes)
    {
        let enc = if enc == GBK { GB18030 } else { enc };
        let (text, malformed) = decode_with(enc, &bytes);
        if malformed.saturating_mul(200) <= bytes.len() {
            return Ok(finish(text, enc, false, malformed));
        }
    }
    decode_vec(bytes, opts)
}

fn decode_cow(bytes: Cow<'_, [u8]>, opts: &DecodeOptions) -> Result<Decoded, Error> {
    // The common case first: UTF-8 (by BOM, by force or unforced) that is valid, in one
    // validation pass and without copying an owned buffer.
    let bom = Encoding::for_bom(&bytes);
    let utf8_first = match bom {
        Some((e, _)) => e == UTF_8,
        None => opts.forced.is_none_or(|e| e == UTF_8),
    };
    let body = bom.map_or(0, |(_, len)| len);
    let mut bytes = bytes;
    if utf8_first && !has_nul(bytes.get(body..).unwrap_or_default()) {
        if too_many_controls(bytes.get(body..).unwrap_or_default()) {
            return Err(Error::new(ErrorKind::Binary));
        }
        let known = body > 0 || opts.forced.is_some();
        let attempt = match bytes {
            Cow::Owned(mut v) => {
                v.drain(..body.min(v.len()));
                utf8_string(v).map_err(Cow::Owned)
            }
            Cow::Borrowed(b) => {
                let rest = b.get(body..).unwrap_or_default();
                utf8_str(rest).map(str::to_owned).ok_or(Cow::Borrowed(rest))
            }
        };
        match attempt {
            Ok(text) => return Ok(finish(text, UTF_8, false, 0)),
            Err(rest) if known => {
                let (text, malformed) = utf8_lossy(&rest);
                return Ok(finish(text, UTF_8, false, malformed));
            }
            // No BOM was removed: `rest` is the whole input again.
            Err(rest) => bytes = rest,
        }
    }
    let (encoding, guessed, body) = choose(&bytes, opts);
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !utf16 && looks_binary(bytes.get(body..).unwrap_or_default()) {
        return Err(Error::new(ErrorKind::Binary));
    }
    let src = bytes.get(body..).unwrap_or_default();
    let single = if encoding == UTF_8 {
        utf8_lossy_counted(src)
    } else {
        decode_counted(encoding, src)
    };
    if utf16 && text_looks_binary(&single.text) {
        return Err(Error::new(ErrorKind::Binary));
    }
    // A guess that is damaged, or Western (which decodes anything, so says nothing by
    // its count), may be a file of two encodings.
    let western = encoding != UTF_8 && !is_chinese(encoding);
    if guessed
        && !utf16
        && (single.sequences > 0 || western)
        && let Some(m) = mixed(src, (!western).then_some((encoding, &single)))
    {
        let name = mixed_name(m.other).unwrap_or("UTF-8");
        let mut d = finish(m.lossy.text, UTF_8, true, m.lossy.bytes);
        d.decoding.encoding = name;
        d.decoding.segments = Some(m.segments);
        return Ok(d);
    }
    drop(bytes);
    Ok(finish(single.text, encoding, guessed, single.bytes))
}

fn finish(text: String, encoding: &'static Encoding, guessed: bool, malformed: usize) -> Decoded {
    Decoded {
        document: Document {
            text: clean_string(text),
        },
        decoding: Decoding {
            encoding: encoding_name(encoding),
            guessed,
            malformed,
            segments: None,
        },
    }
}

/// The encoding, whether it was guessed, and where the text starts (after a BOM).
fn choose(bytes: &[u8], opts: &DecodeOptions) -> (&'static Encoding, bool, usize) {
    if let Some((e, len)) = Encoding::for_bom(bytes) {
        return (e, false, len);
    }
    if let Some(e) = opts.forced {
        return (e, false, 0);
    }
    // Text in an ASCII-compatible encoding holds no NUL: this is UTF-16 or binary.
    if has_nul(bytes) {
        if let Some(e) = bomless_utf16(bytes) {
            return (e, true, 0);
        }
        return (UTF_8, false, 0);
    }
    // Not valid UTF-8 (the caller tried): mostly UTF-8 with some damage, or another encoding.
    let prefix = bytes.get(..DETECT_PREFIX).unwrap_or(bytes);
    let scan = scan_utf8(prefix);
    if scan.multibyte >= scan.malformed.saturating_mul(8) {
        return (UTF_8, true, 0);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(prefix, prefix.len() == bytes.len());
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    let guess = if guess == GBK { GB18030 } else { guess };
    if !is_chinese(guess)
        && let Some(e) = least_damaged(prefix, prefix.len() == bytes.len())
    {
        return (e, true, 0);
    }
    (guess, true, 0)
}

/// Whether `e` is an encoding of Chinese text chardetng may guess.
fn is_chinese(e: &'static Encoding) -> bool {
    e == GB18030 || e == GBK || e == BIG5
}

/// A Chinese encoding (GB18030 or Big5) for bytes that none decodes cleanly: those that
/// decode them with at most one malformed sequence per eight multi-byte chars; if both do,
/// the one chardetng guesses for the bytes with the malformed sequences of both blanked
/// out, else the one with fewer malformed sequences. `whole`: the bytes are the whole text
/// (not a prefix).
fn least_damaged(bytes: &[u8], whole: bool) -> Option<&'static Encoding> {
    let gb = damage(GB18030, bytes, whole);
    let big5 = damage(BIG5, bytes, whole);
    let plausible = |d: &Damage| d.multibyte > 0 && d.multibyte >= d.malformed.saturating_mul(8);
    match (plausible(&gb), plausible(&big5)) {
        (false, false) => None,
        (true, false) => Some(GB18030),
        (false, true) => Some(BIG5),
        (true, true) => {
            let blanked: Vec<u8> = gb
                .blanked
                .iter()
                .zip(&big5.blanked)
                .map(|(&a, &b)| if a == b' ' || b == b' ' { b' ' } else { a })
                .collect();
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&blanked, whole);
            let guess = det.guess(None, chardetng::Utf8Detection::Deny);
            Some(if guess == GBK {
                GB18030
            } else if guess == BIG5 || big5.malformed < gb.malformed {
                BIG5
            } else {
                GB18030
            })
        }
    }
}

/// GB18030 or Big5, whichever decodes `bytes` with fewer malformed sequences; on a tie,
/// the one chardetng guesses for them, else `guess` (the whole file's). `whole`: the bytes
/// are the whole text (not a prefix).
fn better_fit(bytes: &[u8], whole: bool, guess: &'static Encoding) -> &'static Encoding {
    let gb = damage(GB18030, bytes, whole).malformed;
    let big5 = damage(BIG5, bytes, whole).malformed;
    if gb != big5 {
        return if gb < big5 { GB18030 } else { BIG5 };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, whole);
    match det.guess(None, chardetng::Utf8Detection::Deny) {
        e if e == GBK || e == GB18030 => GB18030,
        e if e == BIG5 => BIG5,
        _ => guess,
    }
}

/// How bytes decode in an encoding: malformed sequences, well-formed non-ASCII chars, and
/// the bytes with each malformed sequence blanked (a space for each byte).
struct Damage {
    malformed: usize,
    multibyte: usize,
    blanked: Vec<u8>,
}

fn damage(encoding: &'static Encoding, src: &[u8], whole: bool) -> Damage {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(4096);
    let mut blanked = src.to_vec();
    let (mut malformed, mut multibyte) = (0usize, 0usize);
    let mut at = 0usize;
    loop {
        out.clear();
        let rest = src.get(at..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, whole);
        multibyte += out.chars().filter(|c| !c.is_ascii()).count();
        at += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                malformed += 1;
                // The bad bytes end `extra` bytes before where the decoder stopped.
                let end = at.saturating_sub(usize::from(extra));
                let start = end.saturating_sub(usize::from(bad));
                for b in blanked.get_mut(start..end).unwrap_or_default() {
                    *b = b' ';
                }
            }
        }
    }
    Damage {
        malformed,
        multibyte,
        blanked,
    }
}

/// Multi-byte chars in a line of valid UTF-8 (chars of three bytes or more in a run inside
/// a line) that make it UTF-8 rather than bytes of another encoding that happen to be
/// valid UTF-8 (rare past a char or two).
const UTF8_RUN: usize = 4;

/// How a piece of a file is to be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// ASCII only: the same in every encoding tried.
    Ascii,
    /// Valid UTF-8, but too few multi-byte chars to tell: goes with its neighbours.
    Weak,
    Utf8,
    Other,
}

/// A file decoded in segments of UTF-8 and `other`.
struct Mixed {
    lossy: Lossy,
    other: &'static Encoding,
    segments: Segments,
}

/// Decodes `src` in segments, UTF-8 where it is UTF-8 and GB18030 or Big5 elsewhere, if
/// that gives clearly fewer malformed sequences than decoding it whole as `single` (the
/// encoding chosen for the whole file and its decoding; `None` when that was a Western
/// encoding, which decodes anything: the fewest of UTF-8, GB18030 and Big5 then).
///
/// Lines that are valid UTF-8 with at least [`UTF8_RUN`] multi-byte chars, or UTF-8 with a
/// few damaged sequences, are UTF-8; shorter valid lines go with the line before (or
/// after); in other lines, runs of valid UTF-8 with [`UTF8_RUN`] chars of three bytes or
/// more are UTF-8. The rest is decoded in GB18030 or Big5: when the whole file's guess was one of
/// them, the one that fits the rest better ([`better_fit`]; the whole file's guess was
/// swayed by its UTF-8 lines), else the one [`least_damaged`] picks for the rest. A
/// line feed is never part of a multi-byte sequence in any of these, so decoding piece by
/// piece gives what decoding each run whole would.
fn mixed(src: &[u8], single: Option<(&'static Encoding, &Lossy)>) -> Option<Mixed> {
    let (pieces, segments) = segment(src);
    if segments.utf8_lines == 0 {
        return None;
    }
    let mut others = Vec::new();
    for (r, p) in &pieces {
        if *p == Part::Other {
            others.extend_from_slice(src.get(r.clone()).unwrap_or_default());
        }
    }
    if others.is_ascii() {
        return None;
    }
    // The whole file's guess was swayed by its UTF-8 lines: judge the other lines alone.
    let sample = others.get(..DETECT_PREFIX).unwrap_or(&others);
    let whole = sample.len() == others.len();
    let other = match single {
        Some((e, _)) if is_chinese(e) => better_fit(sample, whole, e),
        _ => least_damaged(sample, whole)?,
    };
    drop(others);

    let mut lossy = Lossy {
        text: String::with_capacity(src.len().saturating_add(src.len() / 4)),
        bytes: 0,
        sequences: 0,
    };
    for (r, p) in pieces {
        let piece = src.get(r).unwrap_or_default();
        let part = match p {
            Part::Other => decode_counted(other, piece),
            Part::Utf8 | Part::Ascii | Part::Weak => utf8_lossy_counted(piece),
        };
        lossy.text.push_str(&part.text);
        lossy.bytes += part.bytes;
        lossy.sequences += part.sequences;
    }
    let single = match single {
        Some((_, s)) => s.sequences,
        None => scan_utf8(src)
            .malformed
            .min(decode_counted(GB18030, src).sequences)
            .min(decode_counted(BIG5, src).sequences),
    };
    // Clearly fewer: a stray UTF-8-valid line in a damaged GBK file changes nothing.
    let clearly =
        single >= lossy.sequences.saturating_add(2) && lossy.sequences.saturating_mul(4) < single;
    clearly.then_some(Mixed {
        lossy,
        other,
        segments,
    })
}

/// The pieces of `src` in order, each UTF-8, ASCII or of the other encoding (weak lines
/// resolved to their neighbours'; adjacent pieces of a kind merged), and how many lines
/// hold non-ASCII pieces of each.
fn segment(src: &[u8]) -> (Vec<(Range<usize>, Part)>, Segments) {
    // Each piece with the number of its line.
    let mut pieces: Vec<(Range<usize>, Part, usize)> = Vec::new();
    let mut at = 0usize;
    for (n, line) in src.split_inclusive(|&b| b == b'\n').enumerate() {
        let start = at;
        at += line.len();
        if line.is_ascii() {
            pieces.push((start..at, Part::Ascii, n));
            continue;
        }
        let scan = scan_utf8(line);
        if scan.malformed == 0 {
            let p = if scan.multibyte >= UTF8_RUN {
                Part::Utf8
            } else {
                Part::Weak
            };
            pieces.push((start..at, p, n));
            continue;
        }
        if scan.multibyte >= scan.malformed.saturating_mul(8) {
            pieces.push((start..at, Part::Utf8, n));
            continue;
        }
        // Runs of UTF-8 inside a line of the other encoding (two files joined mid-line).
        // Only chars of three bytes or more count: a GBK or Big5 pair with a lead byte
        // C2-DF and a trail byte 80-BF is a two-byte UTF-8 char, so a long GBK article
        // holds runs of four such by chance; Chinese in UTF-8 is three-byte chars.
        let mut pos = start;
        let mut other_from = start;
        for chunk in line.utf8_chunks() {
            let valid = chunk.valid();
            if valid.bytes().filter(|&b| b >= 0xE0).count() >= UTF8_RUN {
                if other_from < pos {
                    pieces.push((other_from..pos, Part::Other, n));
                }
                pieces.push((pos..pos + valid.len(), Part::Utf8, n));
                other_from = pos + valid.len();
            }
            pos += valid.len() + chunk.invalid().len();
        }
        if other_from < at {
            pieces.push((other_from..at, Part::Other, n));
        }
    }
    // A weak line goes with the nearest line before it that says something, or else the
    // nearest after; with none, it is of the other encoding (the file is not mixed).
    let mut near = None;
    for piece in pieces.iter_mut() {
        match piece.1 {
            Part::Utf8 | Part::Other => near = Some(piece.1),
            Part::Weak => piece.1 = near.unwrap_or(Part::Weak),
            Part::Ascii => {}
        }
    }
    near = None;
    for piece in pieces.iter_mut().rev() {
        match piece.1 {
            Part::Utf8 | Part::Other => near = Some(piece.1),
            Part::Weak => piece.1 = near.unwrap_or(Part::Other),
            Part::Ascii => {}
        }
    }
    let mut segments = Segments::default();
    let (mut utf8_line, mut other_line) = (None, None);
    let mut merged: Vec<(Range<usize>, Part)> = Vec::with_capacity(pieces.len());
    for (r, p, n) in pieces {
        let ascii = src.get(r.clone()).is_none_or(<[u8]>::is_ascii);
        if p == Part::Utf8 && !ascii && utf8_line != Some(n) {
            utf8_line = Some(n);
            segments.utf8_lines += 1;
        }
        if p == Part::Other && !ascii && other_line != Some(n) {
            other_line = Some(n);
            segments.other_lines += 1;
        }
        match merged.last_mut() {
            Some((last, q)) if *q == p && last.end == r.start => last.end = r.end,
            _ => merged.push((r, p)),
        }
    }
    (merged, segments)
}

struct Utf8Scan {
    /// Malformed sequences.
    malformed: usize,
    /// Well-formed chars of two bytes or more.
    multibyte: usize,
}

fn scan_utf8(bytes: &[u8]) -> Utf8Scan {
    let mut scan = Utf8Scan {
        malformed: 0,
        multibyte: 0,
    };
    for chunk in bytes.utf8_chunks() {
        scan.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        if !chunk.invalid().is_empty() {
            scan.malformed += 1;
        }
    }
    scan
}

/// UTF-16 without a BOM: the byte order in which the bytes decode cleanly into text whose
/// chars are nearly all those of Chinese text (any even-length bytes decode as UTF-16 of
/// some sort, so that is what tells text from noise).
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    // Judged on a prefix (a surrogate pair cut at its end may count as one malformed).
    let sample = bytes.get(..BINARY_SAMPLE).unwrap_or(bytes);
    let cut = usize::from(sample.len() < bytes.len());
    let score = |e: &'static Encoding| -> Option<usize> {
        let (text, malformed) = decode_with(e, sample);
        if malformed > cut || text.contains('\0') || text_looks_binary(&text) {
            return None;
        }
        let (mut total, mut plausible) = (0usize, 0usize);
        for c in text.chars() {
            total += 1;
            if is_chinese_text_char(c) {
                plausible += 1;
            }
        }
        (plausible.saturating_mul(20) >= total.saturating_mul(19)).then_some(plausible)
    };
    match (score(UTF_16LE), score(UTF_16BE)) {
        (Some(le), Some(be)) if be > le => Some(UTF_16BE),
        (Some(_), _) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
        (None, None) => None,
    }
}

/// ASCII, Latin-1, punctuation and symbols, CJK punctuation, units and ideographs,
/// full-width forms.
fn is_chinese_text_char(c: char) -> bool {
    matches!(c,
        '\u{9}'..='\u{D}' | ' '..='~' | '\u{A0}'..='\u{FF}'
        | '\u{2000}'..='\u{206F}' | '\u{2100}'..='\u{21FF}' | '\u{2460}'..='\u{27BF}'
        | '\u{3000}'..='\u{303F}' | '\u{3300}'..='\u{33FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0E..=0x1F | 0x7F)
}

/// NUL, or more than one control byte in twenty (in the first [`BINARY_SAMPLE`] bytes).
/// Holds for every ASCII-compatible encoding: their multi-byte sequences never contain
/// bytes below 0x30.
fn looks_binary(bytes: &[u8]) -> bool {
    has_nul(bytes) || too_many_controls(bytes)
}

fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// More than one control byte in twenty in the first [`BINARY_SAMPLE`] bytes.
fn too_many_controls(bytes: &[u8]) -> bool {
    let sample = bytes.get(..BINARY_SAMPLE).unwrap_or(bytes);
    count_controls(sample) > sample.len() / 20
}

/// The control bytes of `bytes`, counted in blocks of 128 so that each block's count
/// fits a byte (which lets the compiler count many bytes at once).
fn count_controls(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(128);
    let mut n = 0usize;
    for block in &mut blocks {
        let k = block
            .iter()
            .fold(0u8, |k, &b| k + u8::from(is_control_byte(b)));
        n += usize::from(k);
    }
    n + blocks
        .remainder()
        .iter()
        .filter(|&&b| is_control_byte(b))
        .count()
}

/// `bytes` as a string, if they are valid UTF-8.
fn utf8_str(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn is_utf8(bytes: &[u8]) -> bool {
    utf8_str(bytes).is_some()
}

/// `bytes` as a string when they are valid UTF-8 (validated once, the buffer kept), else
/// the bytes back.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if !is_utf8(&bytes) {
        return Err(bytes);
    }
    // SAFETY: `is_utf8` has just validated the bytes as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

fn text_looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(BINARY_SAMPLE) {
        chars += 1;
        if c == '\0' {
            return true;
        }
        if u8::try_from(c).is_ok_and(is_control_byte) {
            controls += 1;
        }
    }
    controls > chars / 20
}

/// Text decoded with replacements: the text, its malformed bytes and sequences (each
/// sequence one U+FFFD).
struct Lossy {
    text: String,
    bytes: usize,
    sequences: usize,
}

/// UTF-8 with replacement, counting malformed bytes.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let l = utf8_lossy_counted(bytes);
    (l.text, l.bytes)
}

fn utf8_lossy_counted(bytes: &[u8]) -> Lossy {
    let mut out = Lossy {
        text: String::with_capacity(bytes.len()),
        bytes: 0,
        sequences: 0,
    };
    for chunk in bytes.utf8_chunks() {
        out.text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.text.push('\u{FFFD}');
            out.bytes += chunk.invalid().len();
            out.sequences += 1;
        }
    }
    out
}

/// Decodes without BOM handling (the caller removed it), counting malformed bytes.
fn decode_with(encoding: &'static Encoding, src: &[u8]) -> (String, usize) {
    let l = decode_counted(encoding, src);
    (l.text, l.bytes)
}

fn decode_counted(encoding: &'static Encoding, src: &[u8]) -> Lossy {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // Two bytes of GB18030, Big5 or UTF-16 make at most three of UTF-8: start there and
    // grow if needed, rather than reserving the worst case (three times the input).
    let mut out = String::with_capacity(src.len().saturating_add(src.len() / 2).saturating_add(16));
    let (mut bytes, mut sequences) = (0usize, 0usize);
    let mut rest = src;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                out.reserve(rest.len().saturating_add(rest.len() / 2).max(64));
            }
            DecoderResult::Malformed(bad, _) => {
                bytes += usize::from(bad);
                sequences += 1;
                out.push('\u{FFFD}');
            }
        }
    }
    Lossy {
        text: out,
        bytes,
        sequences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_utf8_not_guessed() {
        let d = decode(b"abc\r\n", &DecodeOptions::new()).unwrap();
        assert_eq!(d.document.text(), "abc\n");
        assert_eq!(d.decoding.encoding, "UTF-8");
        assert!(!d.decoding.guessed);
    }

    #[test]
    fn control_bytes_make_binary() {
        let e = decode(b"\x01\x02\x03abc", &DecodeOptions::new()).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Binary);
        assert!(decode(b"a\tb\x0cc\n", &DecodeOptions::new()).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn controls_are_counted_as_one_by_one(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0u8..0x21, proptest::num::u8::ANY], 0..1000,
            ),
        ) {
            let plain = bytes.iter().filter(|&&b| is_control_byte(b)).count();
            proptest::prop_assert_eq!(count_controls(&bytes), plain);
        }

        #[test]
        fn strings_are_made_of_exactly_the_valid_utf8(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
            text in "\\PC{0,64}",
        ) {
            let want = String::from_utf8(bytes.clone()).map_err(|e| e.into_bytes());
            proptest::prop_assert_eq!(utf8_string(bytes), want);
            proptest::prop_assert_eq!(utf8_string(text.clone().into_bytes()), Ok(text));
        }

        #[test]
        fn owned_and_borrowed_bytes_decode_alike(
            text in "[a-z\\r\\n\\t\\x01\\x7f年月增长，。１]{0,40}",
            bom in proptest::bool::ANY,
            cut in 0usize..3,
        ) {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            // Cut a char short, for the paths of bytes that are not UTF-8.
            if cut > 0 && bytes.len() >= cut {
                bytes.truncate(bytes.len() - cut);
            }
            let borrowed = decode(&bytes, &DecodeOptions::new()).map_err(|e| e.to_string());
            let owned = decode_vec(bytes, &DecodeOptions::new()).map_err(|e| e.to_string());
            proptest::prop_assert_eq!(borrowed, owned);
        }
    }

    #[test]
    fn bomless_utf16le_is_recognized() {
        let bytes: Vec<u8> = "年12月\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&bytes, &DecodeOptions::new()).unwrap();
        assert_eq!(d.decoding.encoding, "UTF-16LE");
        assert!(d.decoding.guessed);
        assert_eq!(d.document.text(), "年12月\n");
    }
}
