//! Spill files: rows that do not fit in memory, kept in anonymous files of a private
//! folder.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use super::{register, unregister};

/// A private folder (mode 0700, an unpredictable name) for spill files, made on first
/// use under a base folder and removed when dropped or by [`remove_temporary_files`].
/// The spill files in it have no name at all where the system allows (`O_TMPFILE`), so
/// they go with the process however it ends; elsewhere they are unlinked once created.
#[derive(Debug)]
pub struct SpillDir {
    base: PathBuf,
    dir: OnceLock<Result<tempfile::TempDir, (io::ErrorKind, String)>>,
}

impl SpillDir {
    /// A spill folder to be made under `base` when first needed.
    pub fn new(base: impl Into<PathBuf>) -> SpillDir {
        SpillDir {
            base: base.into(),
            dir: OnceLock::new(),
        }
    }

    /// A new anonymous spill file.
    ///
    /// # Errors
    ///
    /// When the private folder or the file cannot be made; the message names the folder.
    pub fn file(&self) -> io::Result<File> {
        let dir = self.dir.get_or_init(|| {
            let mut b = tempfile::Builder::new();
            b.prefix("press-stats-");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                b.permissions(fs::Permissions::from_mode(0o700));
            }
            match b.tempdir_in(&self.base) {
                Ok(d) => {
                    register(d.path());
                    Ok(d)
                }
                Err(e) => Err((e.kind(), e.to_string())),
            }
        });
        match dir {
            Ok(d) => tempfile::tempfile_in(d.path()).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "temporary folder {}: cannot make a file: {e}",
                        d.path().display()
                    ),
                )
            }),
            Err((kind, msg)) => Err(io::Error::new(
                *kind,
                format!(
                    "temporary folder {}: cannot make a private folder: {msg}",
                    self.base.display()
                ),
            )),
        }
    }
}

impl Drop for SpillDir {
    fn drop(&mut self) {
        if let Some(Ok(d)) = self.dir.get() {
            unregister(d.path());
        }
    }
}

/// Serialized rows kept in memory up to a limit and in an anonymous file of a
/// [`SpillDir`] beyond it, so that the output of a huge document does not have to fit in
/// memory before it is written.
#[derive(Debug)]
pub struct SpillBuffer {
    mem: Vec<u8>,
    limit: usize,
    dir: std::sync::Arc<SpillDir>,
    file: Option<BufWriter<File>>,
    /// Bytes written so far, and the most it may take.
    written: u64,
    cap: u64,
}

/// The error of a write to a [`SpillBuffer`] beyond its cap (see [`SpillBuffer::is_full`]).
#[derive(Debug)]
struct Full(u64);

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes of rows", self.0)
    }
}

impl std::error::Error for Full {}

impl SpillBuffer {
    /// A buffer that moves to a file in `dir` once it holds more than `limit` bytes, and
    /// refuses to hold more than `cap` bytes in all (so that one document cannot fill the
    /// disk).
    pub fn new(limit: usize, cap: u64, dir: std::sync::Arc<SpillDir>) -> SpillBuffer {
        SpillBuffer {
            mem: Vec::new(),
            limit,
            dir,
            file: None,
            written: 0,
            cap,
        }
    }

    /// Makes room in memory for `bytes` of rows (at most the limit), so that the rows of
    /// a document expected to be that large are not copied as the buffer grows.
    pub fn reserve(&mut self, bytes: u64) {
        let bytes = usize::try_from(bytes).unwrap_or(usize::MAX).min(self.limit);
        if self.file.is_none() {
            self.mem.reserve(bytes.saturating_sub(self.mem.len()));
        }
    }

    /// The cap, when `e` is the error of a write beyond it.
    pub fn is_full(e: &io::Error) -> Option<u64> {
        // Through the writers that wrap it (csv's error holds the io::Error).
        let mut cur: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|r| r as _);
        while let Some(err) = cur {
            if let Some(full) = err.downcast_ref::<Full>() {
                return Some(full.0);
            }
            cur = match err.downcast_ref::<io::Error>() {
                Some(io) => io.get_ref().map(|r| r as _),
                None => err.source(),
            };
        }
        None
    }

    /// Whether the rows went to a file.
    #[cfg(test)]
    pub fn spilled(&self) -> bool {
        self.file.is_some()
    }

    /// Copies everything written into `out`; the spill file, if any, goes with it.
    ///
    /// # Errors
    ///
    /// When reading the spill file or writing `out` fails.
    pub fn copy_into(mut self, out: &mut impl Write) -> io::Result<()> {
        match self.file.take() {
            None => out.write_all(&self.mem),
            Some(w) => {
                let mut f = w.into_inner().map_err(io::IntoInnerError::into_error)?;
                f.rewind()?;
                io::copy(&mut f, out).map(drop)
            }
        }
    }
}

impl Write for SpillBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = u64::try_from(buf.len()).unwrap_or(u64::MAX);
        if self.written.saturating_add(len) > self.cap {
            return Err(io::Error::other(Full(self.cap)));
        }
        self.written = self.written.saturating_add(len);
        if let Some(w) = &mut self.file {
            return w.write(buf);
        }
        self.mem.extend_from_slice(buf);
        if self.mem.len() > self.limit {
            let w = self.file.insert(BufWriter::new(self.dir.file()?));
            w.write_all(&self.mem)?;
            self.mem = Vec::new();
        }
        Ok(buf.len())
    }

    /// Rows are serialized a few bytes at a time: while they stay in memory within both
    /// limits, each piece is a plain append.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let len = u64::try_from(buf.len()).unwrap_or(u64::MAX);
        let fits = self.mem.len().saturating_add(buf.len()) <= self.limit
            && self.written.saturating_add(len) <= self.cap;
        if self.file.is_none() && fits {
            self.mem.extend_from_slice(buf);
            self.written += len;
            return Ok(());
        }
        self.write_all_slow(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl SpillBuffer {
    #[cold]
    fn write_all_slow(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => buf = &buf[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    #[test]
    fn spilled_rows_come_back_whole_and_nothing_stays_behind() {
        let base = tempfile::tempdir().unwrap();
        let spill = Arc::new(SpillDir::new(base.path()));
        let mut b = SpillBuffer::new(10, 1 << 20, Arc::clone(&spill));
        for i in 0..100 {
            writeln!(b, "row {i}").unwrap();
        }
        assert!(b.spilled());
        // One private folder, and no file with a name in it.
        let dirs: Vec<_> = fs::read_dir(base.path()).unwrap().collect();
        assert_eq!(dirs.len(), 1);
        let private = dirs[0].as_ref().unwrap().path();
        assert_eq!(fs::read_dir(&private).unwrap().count(), 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&private).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let mut out = Vec::new();
        b.copy_into(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 100);
        assert!(text.ends_with("row 99\n"));
        drop(spill);
        assert_eq!(fs::read_dir(base.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_spill_folder_is_named_in_the_error() {
        let base = tempfile::tempdir().unwrap();
        let missing = base.path().join("gone");
        let mut b = SpillBuffer::new(4, 1 << 20, Arc::new(SpillDir::new(&missing)));
        let e = b.write_all(b"more than four").unwrap_err();
        assert!(e.to_string().contains("temporary folder"), "{e}");
        assert!(e.to_string().contains("gone"), "{e}");
        assert_eq!(SpillBuffer::is_full(&e), None);
    }

    #[test]
    fn rows_in_memory_are_appended_whole_up_to_the_cap() {
        let base = tempfile::tempdir().unwrap();
        let mut b = SpillBuffer::new(1 << 10, 20, Arc::new(SpillDir::new(base.path())));
        b.reserve(1 << 20);
        b.write_all(b"0123456789").unwrap();
        b.write_all(b"abcdefghij").unwrap();
        let e = b.write_all(b"x").unwrap_err();
        assert_eq!(SpillBuffer::is_full(&e), Some(20));
        assert!(!b.spilled());
        assert_eq!(fs::read_dir(base.path()).unwrap().count(), 0);
        let mut out = Vec::new();
        b.copy_into(&mut out).unwrap();
        assert_eq!(out, b"0123456789abcdefghij");
    }

    #[test]
    fn rows_beyond_the_cap_are_refused() {
        let base = tempfile::tempdir().unwrap();
        let mut b = SpillBuffer::new(4, 20, Arc::new(SpillDir::new(base.path())));
        b.write_all(b"0123456789").unwrap();
        b.write_all(b"0123456789").unwrap();
        let e = b.write_all(b"x").unwrap_err();
        assert_eq!(SpillBuffer::is_full(&e), Some(20));
    }
}
