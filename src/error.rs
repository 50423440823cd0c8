//! Errors of the fallible parts: loading lexicons, reading and decoding files.
//!
//! Extraction itself never fails: any text yields a (possibly empty) list of claims.

use std::fmt;
use std::path::PathBuf;

/// An error from loading a lexicon or reading an input.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon line could not be parsed.
    Lexicon {
        /// The lexicon's name (its file name under `data/`).
        lexicon: &'static str,
        /// The 1-based line number.
        line: usize,
        /// Why the line was rejected.
        reason: &'static str,
    },
    /// The file could not be read.
    Io(std::io::ErrorKind),
    /// The file looks like binary data, not text.
    Binary,
    /// The file is larger than the configured limit.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The encoding name given by the caller is not known.
    UnknownEncoding,
    /// A metadata file line could not be used.
    Meta {
        /// The 1-based line number.
        line: usize,
        /// Why the line was rejected.
        reason: &'static str,
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
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e.kind()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}: ", p.display())?;
        }
        match &self.kind {
            ErrorKind::Lexicon {
                lexicon,
                line,
                reason,
            } => write!(f, "lexicon {lexicon}, line {line}: {reason}"),
            ErrorKind::Io(k) => write!(f, "{}", io_reason(*k)),
            ErrorKind::Binary => write!(f, "binary file (not text), skipped"),
            ErrorKind::TooLarge { size, limit } => {
                write!(f, "file too large ({size} bytes, limit {limit}), skipped")
            }
            ErrorKind::UnknownEncoding => write!(f, "unknown encoding name"),
            ErrorKind::Meta { line, reason } => write!(f, "line {line}: {reason}"),
        }
    }
}

fn io_reason(k: std::io::ErrorKind) -> String {
    use std::io::ErrorKind as K;
    match k {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        other => other.to_string(),
    }
}

impl std::error::Error for Error {}
