//! Claim records as JSON text written straight into a byte buffer: the very text that
//! serde_json writes for them through their `Serialize` impls (compact, its escapes, the
//! same numbers), without going through a serializer.

use std::fmt;

use rust_decimal::Decimal;

use super::Col;
use crate::claim::{Claim, JsonDecimal, Period};
use crate::document::record::DateStr;
use crate::unit::Unit;

/// A claim's full record with `doc` first, then the `extra` (name, text) pairs, as one
/// JSON object (no newline).
pub(super) fn claim(out: &mut Vec<u8>, doc: &str, c: &Claim, extra: &[(&str, &str)]) {
    // Each call names its column: inlined, it writes just that column's value.
    #[inline(always)]
    fn field(out: &mut Vec<u8>, key: &[u8], col: Col, doc: &str, c: &Claim) {
        out.extend_from_slice(key);
        value(out, col, doc, c);
    }
    field(out, b"{\"doc\":", Col::Doc, doc, c);
    field(out, b",\"start\":", Col::Start, doc, c);
    field(out, b",\"end\":", Col::End, doc, c);
    field(out, b",\"text\":", Col::Text, doc, c);
    field(out, b",\"kind\":", Col::Kind, doc, c);
    field(out, b",\"value\":", Col::Value, doc, c);
    field(out, b",\"upper\":", Col::Upper, doc, c);
    field(out, b",\"approx\":", Col::Approx, doc, c);
    field(out, b",\"unit\":", Col::Unit, doc, c);
    field(out, b",\"subject\":", Col::Subject, doc, c);
    // An object of the columns given, or null when the claim has none; each member's
    // column is known where it is written.
    macro_rules! object {
        ($key:literal, $some:expr, [$(($member:literal, $col:expr)),+]) => {
            out.extend_from_slice($key);
            if $some {
                $(field(out, $member, $col, doc, c);)+
                out.push(b'}');
            } else {
                out.extend_from_slice(b"null");
            }
        };
    }
    object!(
        b",\"change\":",
        c.change.is_some(),
        [
            (b"{\"direction\":", Col::ChangeDirection),
            (b",\"basis\":", Col::ChangeBasis)
        ]
    );
    field(out, b",\"modality\":", Col::Modality, doc, c);
    object!(
        b",\"department\":",
        c.department.is_some(),
        [
            (b"{\"name\":", Col::DepartmentName),
            (b",\"mention\":", Col::DepartmentMention),
            (b",\"source\":", Col::DepartmentSource)
        ]
    );
    object!(
        b",\"date\":",
        c.date.is_some(),
        [
            (b"{\"text\":", Col::DateText),
            (b",\"start\":", Col::DateStart),
            (b",\"end\":", Col::DateEnd),
            (b",\"year\":", Col::DateYear),
            (b",\"source\":", Col::DateSource)
        ]
    );
    field(out, b",\"sentence\":", Col::Sentence, doc, c);
    field(out, b",\"part_of\":", Col::PartOf, doc, c);
    field(out, b",\"change_of\":", Col::ChangeOf, doc, c);
    extras(out, extra, false);
    out.push(b'}');
}

/// A claim's columns `cols` as one flat JSON object, then the `extra` (name, text) pairs
/// (no newline).
pub(super) fn flat(out: &mut Vec<u8>, doc: &str, c: &Claim, cols: &[Col], extra: &[(&str, &str)]) {
    out.push(b'{');
    for (i, col) in cols.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        // The column names are plain ASCII words: nothing to escape.
        out.extend_from_slice(super::CLAIM_FIELDS[*col as usize].as_bytes());
        out.extend_from_slice(b"\":");
        value(out, *col, doc, c);
    }
    extras(out, extra, cols.is_empty());
    out.push(b'}');
}

/// The `extra` (name, text) pairs as members of an object, after others unless `first`.
fn extras(out: &mut Vec<u8>, extra: &[(&str, &str)], first: bool) {
    for (i, (name, text)) in extra.iter().enumerate() {
        if i > 0 || !first {
            out.push(b',');
        }
        string(out, name);
        out.push(b':');
        string(out, text);
    }
}

/// A claim's value in column `col`, typed as the full record writes it.
#[inline(always)]
fn value(out: &mut Vec<u8>, col: Col, doc: &str, c: &Claim) {
    let dep = c.department.as_ref();
    let per = c.date.as_ref();
    match col {
        Col::Doc => string(out, doc),
        Col::Start => uint(out, c.span.start),
        Col::End => uint(out, c.span.end),
        Col::Text => string(out, &c.text),
        Col::Kind => name(out, c.kind.as_str()),
        Col::Value => decimal(out, &c.value),
        Col::Upper => opt(out, c.upper.as_ref(), decimal),
        Col::Approx => name(out, c.approx.as_str()),
        Col::Unit => unit(out, &c.unit),
        Col::Subject => opt(out, c.subject.as_deref(), string),
        Col::ChangeDirection => opt(out, c.change.as_ref(), |o, ch| {
            name(o, ch.direction.as_str());
        }),
        Col::ChangeBasis => opt(
            out,
            c.change.as_ref().and_then(|ch| ch.basis.as_deref()),
            string,
        ),
        Col::Modality => name(out, c.modality.as_str()),
        Col::DepartmentName => opt(out, dep.map(|d| &*d.name), string),
        Col::DepartmentMention => opt(out, dep.map(|d| &*d.mention), string),
        Col::DepartmentSource => opt(out, dep, |o, d| name(o, d.source.as_str())),
        Col::DateText => opt(out, per.and_then(|p| p.text.as_deref()), string),
        Col::DateStart => opt(out, per.and_then(|p| p.start), date),
        Col::DateEnd => opt(out, per.and_then(|p| p.end), date),
        Col::DateYear => opt(out, per.and_then(Period::year), |o, y| {
            o.extend_from_slice(itoa::Buffer::new().format(y).as_bytes());
        }),
        Col::DateSource => opt(out, per, |o, p| name(o, p.source.as_str())),
        Col::Sentence => string(out, &c.sentence),
        Col::PartOf => opt(out, c.part_of, uint),
        Col::ChangeOf => opt(out, c.change_of, uint),
    }
}

#[inline(always)]
fn opt<T>(out: &mut Vec<u8>, v: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// An enum's output name: ASCII letters and underscores, nothing to escape.
fn name(out: &mut Vec<u8>, name: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

fn decimal(out: &mut Vec<u8>, d: &Decimal) {
    match JsonDecimal::of(d) {
        JsonDecimal::Int(i) => out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes()),
        JsonDecimal::Float(_, text) | JsonDecimal::Exact(text) => {
            out.extend_from_slice(text.as_str().as_bytes());
        }
    }
}

fn date(out: &mut Vec<u8>, d: jiff::civil::Date) {
    let (buf, len) = DateStr(d).bytes();
    out.push(b'"');
    out.extend_from_slice(&buf[..len]);
    out.push(b'"');
}

/// A unit as a JSON string of its `Display` text.
fn unit(out: &mut Vec<u8>, u: &Unit) {
    match u {
        Unit::Currency(s) | Unit::Physical(s) | Unit::Time(s) => string(out, s),
        Unit::Count(s) => string(out, s),
        _ => {
            out.push(b'"');
            // Writing to a buffer cannot fail.
            let _ = fmt::write(&mut Contents(out), format_args!("{u}"));
            out.push(b'"');
        }
    }
}

/// Text written through `fmt` as the contents of a JSON string.
struct Contents<'a>(&'a mut Vec<u8>);

impl fmt::Write for Contents<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        contents(self.0, s);
        Ok(())
    }
}

/// A string as a JSON string: quoted, with `"`, `\` and the control characters escaped as
/// serde_json escapes them; everything else, non-ASCII included, as it is.
pub(super) fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    contents(out, s);
    out.push(b'"');
}

/// The escaped text of a JSON string, without its quotes.
fn contents(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut rest = bytes;
    // Runs of blocks of sixteen that need no escape, copied at once; a block that holds
    // an escape, byte by byte.
    while rest.len() >= 16 {
        let mut at = 0;
        while at + 16 <= rest.len() && block_flags(&rest[at..at + 16]) == 0 {
            at += 16;
        }
        let (run, more) = rest.split_at(at);
        out.extend_from_slice(run);
        rest = more;
        if rest.len() >= 16 {
            let (block, more) = rest.split_at(16);
            escaped(out, block);
            rest = more;
        }
    }
    tail(out, bytes, rest.len());
}

/// The last `n` bytes of `bytes`, fewer than sixteen, after `out` got the ones before
/// them, in copies of a fixed size: the last sixteen over the ones just written, or halves
/// of eight or four that overlap. Bytes that need no escape are written as they are, so
/// the last ones written can be taken back and written again.
fn tail(out: &mut Vec<u8>, bytes: &[u8], n: usize) {
    let len = bytes.len();
    let rest = &bytes[len - n..];
    if n == 0 {
        return;
    }
    if len >= 16 {
        let last = &bytes[len - 16..];
        if block_flags(last) == 0 {
            let mut block = [0; 16];
            block.copy_from_slice(last);
            out.truncate(out.len() - (16 - n));
            out.extend_from_slice(&block);
            return;
        }
    } else if n >= 8 {
        let (lo, hi) = (word(&rest[..8]), word(&rest[n - 8..]));
        if flags(lo) | flags(hi) == 0 {
            out.extend_from_slice(&lo.to_le_bytes());
            out.truncate(out.len() - (16 - n));
            out.extend_from_slice(&hi.to_le_bytes());
            return;
        }
    } else if n >= 4 {
        let (lo, hi) = (half(&rest[..4]), half(&rest[n - 4..]));
        if flags(u64::from(lo) | (u64::from(hi) << 32)) == 0 {
            out.extend_from_slice(&lo.to_le_bytes());
            out.truncate(out.len() - (8 - n));
            out.extend_from_slice(&hi.to_le_bytes());
            return;
        }
    }
    escaped(out, rest);
}

/// Bytes written one at a time, each escaped if it needs to be.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        if needs_escape(b) {
            escape(out, b);
        } else {
            out.push(b);
        }
    }
}

/// Sixteen bytes, whether any of them needs an escape (a bit set for each that does).
fn block_flags(block: &[u8]) -> u64 {
    let (lo, hi) = (word(&block[..8]), word(&block[8..16]));
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of x86_64 itself: every CPU that runs this code has it.
        u64::from(unsafe { flags16(lo, hi) })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        flags(lo) | flags(hi)
    }
}

/// One bit for each of sixteen bytes (the eight of `lo`, then of `hi`, each word's first
/// byte lowest), set where the byte is below 0x20, a quote or a backslash.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn flags16(lo: u64, hi: u64) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    // The bits of each word as they are, whatever the sign.
    let v = _mm_set_epi64x(hi as i64, lo as i64);
    let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
    let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
    _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes as a word, the first lowest.
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

/// Four bytes as a word, the first lowest.
fn half(bytes: &[u8]) -> u32 {
    let mut w = [0; 4];
    w.copy_from_slice(bytes);
    u32::from_le_bytes(w)
}

/// A word whose bytes have their high bit set where the byte of `w` is below 0x20, a quote
/// or a backslash, if any is. (A subtraction's borrow can set it only in a byte above one
/// that is; the xors keep each byte's high bit, hence the one `!w`.)
fn flags(w: u64) -> u64 {
    (w.wrapping_sub(ONES * 0x20)
        | (w ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES)
        | (w ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES))
        & !w
        & HIGH
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A byte that needs escaping, as serde_json escapes it: a short form where JSON has one,
/// else `\u00XX` in lowercase hex.
fn escape(out: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (hi, lo) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}
