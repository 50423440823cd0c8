//! Errors of the fallible parts: loading lexicons, reading and decoding files.
//!
//! Extraction itself never fails: any text yields a (possibly empty) list of claims.

use std::path::{Path, PathBuf};

/// An error from loading a lexicon or reading an input; its message starts with the path
/// ([`Error::shown`]) when it has one.
#[derive(Debug, thiserror::Error)]
#[error("{}{kind}", path_prefix(path.as_deref()))]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon line could not be parsed.
    #[error("lexicon {lexicon}, line {line}: {reason}")]
    Lexicon {
        /// The lexicon's name (its file name under `data/`).
        lexicon: &'static str,
        /// The 1-based line number.
        line: usize,
        /// Why the line was rejected.
        reason: &'static str,
    },
    /// The file could not be read.
    #[error("{}", io_reason(*.0))]
    Io(std::io::ErrorKind),
    /// The file looks like binary data, not text.
    #[error("binary file (not text), skipped")]
    Binary,
    /// The file is larger than the configured limit.
    #[error("file too large ({size} bytes, limit {limit}), skipped")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The encoding name given by the caller is not known.
    #[error("unknown encoding name")]
    UnknownEncoding,
    /// A symbolic link whose target does not exist.
    #[error("broken symbolic link (target missing)")]
    BrokenSymlink,
    /// A symbolic link that leads back to itself or to a folder being walked.
    #[error("symbolic link loop, not followed, skipped")]
    SymlinkLoop,
    /// Not a regular file (a FIFO, socket or device found while walking a folder).
    #[error("not a regular file, skipped")]
    NotAFile,
    /// Processing the input hit a bug (a panic, caught so that the run goes on).
    #[error("internal error (a bug in press-stats), skipped")]
    Internal,
    /// A format that is not read (PDF, Word 97-2003 `.doc`).
    #[error("{format} files are not supported (not read), skipped")]
    Unsupported {
        /// The format's name.
        format: &'static str,
    },
    /// A file of a known format that is not one or is damaged (a `.docx` that is not a zip
    /// archive).
    #[error("{reason}")]
    Damaged {
        /// Why it cannot be read.
        reason: &'static str,
    },
    /// A metadata file line could not be used.
    #[error("line {line}: {reason}")]
    Meta {
        /// The 1-based line number.
        line: usize,
        /// Why the line was rejected.
        reason: &'static str,
    },
    /// A row of a table of texts (`--table`) could not be used.
    #[error("row {row}: {reason}")]
    Row {
        /// The 1-based row number, header not counted.
        row: usize,
        /// Why the row was skipped.
        reason: &'static str,
    },
    /// The claims of a document would take more than a limit once written (every row
    /// repeats its sentence, so a text of numbers without sentence ends multiplies).
    #[error("its claims would take more than {limit} bytes written, skipped")]
    RowsTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

impl Error {
    /// Creates an error of the given kind, not tied to a file.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind, path: None }
    }

    /// Attaches the path of the file the error is about.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A path as messages show it: lossy UTF-8, with control characters and marks that
    /// reorder text (which a file name may hold, and which would forge or hide lines on a
    /// terminal) written as escapes (`\n`, `\u{1b}`, `\u{202e}`).
    pub fn shown(path: &Path) -> String {
        fn hidden(c: char) -> bool {
            c.is_control()
                || matches!(
                    c,
                    '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                )
        }
        let s = path.to_string_lossy();
        if !s.chars().any(hidden) {
            return s.into_owned();
        }
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if hidden(c) {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Whether the input was left out on purpose rather than lost: not text, too large,
    /// a symbolic link loop (its target is walked anyway), not a regular file, a format
    /// not read (PDF, `.doc`). Every other
    /// input error (unreadable, broken link, missing) means content that could not be read.
    pub fn is_skip(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Binary
                | ErrorKind::TooLarge { .. }
                | ErrorKind::SymlinkLoop
                | ErrorKind::NotAFile
                | ErrorKind::RowsTooLarge { .. }
                | ErrorKind::Unsupported { .. }
        )
    }

    /// A short name of the reason, for counts in a summary (`binary`, `too large`,
    /// `permission denied`).
    pub fn label(&self) -> &'static str {
        use std::io::ErrorKind as K;
        match &self.kind {
            ErrorKind::Lexicon { .. } => "lexicon",
            ErrorKind::Io(K::NotFound) => "not found",
            ErrorKind::Io(K::PermissionDenied) => "permission denied",
            ErrorKind::Io(_) => "read error",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge { .. } => "too large",
            ErrorKind::UnknownEncoding => "unknown encoding",
            ErrorKind::BrokenSymlink => "broken symlink",
            ErrorKind::SymlinkLoop => "symlink loop",
            ErrorKind::NotAFile => "not a regular file",
            ErrorKind::Internal => "internal error",
            ErrorKind::Unsupported { .. } => "unsupported format",
            ErrorKind::Damaged { .. } => "damaged",
            ErrorKind::Meta { .. } => "metadata",
            ErrorKind::Row { .. } => "table row",
            ErrorKind::RowsTooLarge { .. } => "too many claims",
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e.kind()))
    }
}

fn path_prefix(path: Option<&Path>) -> String {
    path.map(|p| format!("{}: ", Error::shown(p)))
        .unwrap_or_default()
}

fn io_reason(k: std::io::ErrorKind) -> String {
    use std::io::ErrorKind as K;
    match k {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        other => other.to_string(),
    }
}
