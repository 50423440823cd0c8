//! Half-open spans into the decoded text, in both chars and bytes.

/// A half-open range of the decoded document text.
///
/// `start..end` count Unicode scalar values (chars), as Python's `text[start:end]` does;
/// `byte_start..byte_end` count UTF-8 bytes, so that `&text[byte_start..byte_end]` is the
/// span's text in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// First byte of the span.
    pub byte_start: usize,
    /// One past the last byte of the span.
    pub byte_end: usize,
}

impl Span {
    /// The span's length in chars.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether two spans share at least one char.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
