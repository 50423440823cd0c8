//! Output and temporary files: where an output path leads, a file that replaces its
//! destination only when complete, and the spill files of rows that do not fit in memory.
//!
//! Nothing here ever replaces what a path is. A character device, a FIFO, a socket or an
//! open file named through `/proc` (`/dev/stdout`, `/dev/fd/3`) is written into directly;
//! a symbolic link is followed and its target replaced, the link kept; an existing regular
//! file is replaced by a file of the same mode and (where the process may) owner.
//! Temporary files are made by the `tempfile` crate: unpredictable names, created with
//! `O_EXCL`, never through a symbolic link.

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// Temporary files and folders this module has made, for [`remove_temporary_files`].
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temporary() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A writer that panicked while holding the lock left the list whole: keep using it.
    TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner)
}

fn register(path: &Path) {
    temporary().push(path.to_path_buf());
}

fn unregister(path: &Path) {
    temporary().retain(|p| p != path);
}

/// Removes every temporary file and folder that an [`OutputFile`] or a [`SpillDir`] of
/// this process has made. For an interrupt handler that then ends the process:
/// destinations keep what they held before the run, and no stray temporary stays behind.
pub fn remove_temporary_files() {
    for path in temporary().drain(..) {
        if fs::remove_file(&path).is_err() {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// How many symbolic links a destination may go through.
const MAX_LINKS: usize = 40;

/// Where an output path leads, found before anything is read or written.
#[derive(Debug, Clone)]
pub struct Destination {
    given: PathBuf,
    /// The file written into ([`Destination::is_direct`]) or replaced.
    target: PathBuf,
    direct: bool,
    existing: Option<Metadata>,
}

impl Destination {
    /// Follows `path` to what writing it means: the regular file (existing or not) it
    /// names or links to, which is then replaced whole; or anything else (a character or
    /// block device, a FIFO, an open file named through `/proc`), which is written into.
    ///
    /// # Errors
    ///
    /// When the folder does not exist, the path is a folder, or its links loop.
    pub fn resolve(path: &Path) -> io::Result<Destination> {
        let mut cur = path.to_path_buf();
        for _ in 0..MAX_LINKS {
            let parent = match cur.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let folder = fs::canonicalize(&parent)?;
            let meta = match fs::symlink_metadata(&cur) {
                Ok(m) => Some(m),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            // `/dev/stdout` leads to `/proc/self/fd/1`: an open file, not a place in a
            // folder where a file could be swapped in. Write into it.
            if folder.starts_with("/proc") {
                return Ok(Destination {
                    given: path.to_path_buf(),
                    target: cur,
                    direct: true,
                    existing: fs::metadata(path).ok(),
                });
            }
            match meta {
                Some(m) if m.file_type().is_symlink() => {
                    cur = parent.join(fs::read_link(&cur)?);
                    continue;
                }
                Some(m) if m.is_dir() => {
                    return Err(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        "is a directory",
                    ));
                }
                _ => {}
            }
            let name = cur
                .file_name()
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
            let direct = meta.as_ref().is_some_and(|m| !m.is_file());
            return Ok(Destination {
                given: path.to_path_buf(),
                target: if direct {
                    cur.clone()
                } else {
                    folder.join(name)
                },
                direct,
                existing: meta,
            });
        }
        Err(io::Error::other("too many levels of symbolic links"))
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Whether the destination is written into (a device, a FIFO, `/dev/stdout`) rather
    /// than replaced.
    #[cfg(test)]
    pub fn is_direct(&self) -> bool {
        self.direct
    }

    /// The folder of the regular file to be replaced (`None` when written into).
    pub fn folder(&self) -> Option<&Path> {
        if self.direct {
            return None;
        }
        self.target.parent()
    }

    /// Whether `other` leads to the same file (`out.jsonl` and `./out.jsonl`, a link and
    /// its target).
    pub fn same_as(&self, other: &Destination) -> bool {
        match (&self.existing, &other.existing) {
            (Some(a), Some(b)) => same_file(a, b),
            (None, None) => self.target == other.target,
            _ => false,
        }
    }

    /// Whether the path leads to a file that exists already.
    pub fn exists(&self) -> bool {
        self.existing.is_some()
    }

    /// Whether writing the destination would write over the file `meta` describes (an
    /// input).
    pub fn is(&self, meta: &Metadata) -> bool {
        self.existing.as_ref().is_some_and(|m| same_file(m, meta))
    }
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len()
        && a.modified().ok() == b.modified().ok()
        && a.created().ok() == b.created().ok()
}

/// An output: a regular file written under a temporary name in its folder and renamed
/// over its destination by [`OutputFile::commit`], so that an interrupted run never leaves
/// a truncated file where a good one was; or a device, FIFO or open file written into
/// directly. Dropped without a commit (an error, a panic), it removes the temporary file,
/// and so does [`remove_temporary_files`] (the binary calls it on Ctrl-C and SIGTERM);
/// only a process killed outright leaves it behind as `.NAME.XXXXXX.tmp`.
pub struct OutputFile {
    given: PathBuf,
    inner: Inner,
}

enum Inner {
    Replace {
        file: Option<BufWriter<tempfile::NamedTempFile>>,
        tmp: PathBuf,
        target: PathBuf,
    },
    Direct(BufWriter<File>),
}

impl OutputFile {
    /// Opens `dest` for writing: a temporary file next to a regular file (with the mode
    /// and owner of the file it will replace), or the device, FIFO or open file itself.
    ///
    /// # Errors
    ///
    /// When the folder cannot be written, or the file cannot be opened.
    pub fn create(dest: &Destination) -> io::Result<OutputFile> {
        const CAPACITY: usize = 1 << 16;
        let given = dest.given.clone();
        if dest.direct {
            // Appending: a file behind /dev/stdout opened by `>>` keeps what it held.
            let f = fs::OpenOptions::new().append(true).open(&dest.target)?;
            return Ok(OutputFile {
                given,
                inner: Inner::Direct(BufWriter::with_capacity(CAPACITY, f)),
            });
        }
        let (folder, name) = match (dest.target.parent(), dest.target.file_name()) {
            (Some(d), Some(n)) => (d, n),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a file name",
                ));
            }
        };
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(name);
        prefix.push(".");
        let mut b = tempfile::Builder::new();
        b.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A new file gets the mode `File::create` would give (umask applies); a
            // replacement starts private and gets the old file's mode once owned alike.
            let mode = if dest.existing.is_some() {
                0o600
            } else {
                0o666
            };
            b.permissions(fs::Permissions::from_mode(mode));
        }
        let tmp = b.tempfile_in(folder)?;
        register(tmp.path());
        let tmp_path = tmp.path().to_path_buf();
        let keep = keep_mode(tmp.as_file(), dest.existing.as_ref());
        if let Err(e) = keep {
            unregister(&tmp_path);
            return Err(e);
        }
        Ok(OutputFile {
            given,
            inner: Inner::Replace {
                file: Some(BufWriter::with_capacity(CAPACITY, tmp)),
                tmp: tmp_path,
                target: dest.target.clone(),
            },
        })
    }

    /// The destination path as given.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Flushes; a regular file is then synced to disk and renamed to its destination.
    ///
    /// # Errors
    ///
    /// When flushing, syncing or renaming fails (the temporary file is then removed).
    pub fn commit(mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Direct(w) => w.flush(),
            Inner::Replace { file, tmp, target } => {
                let Some(w) = file.take() else {
                    return Ok(());
                };
                let result = w
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .and_then(|f| f.as_file().sync_all().map(|()| f))
                    .and_then(|f| f.persist(&*target).map(drop).map_err(|e| e.error));
                unregister(tmp);
                result
            }
        }
    }

    fn writer(&mut self) -> io::Result<&mut dyn Write> {
        match &mut self.inner {
            Inner::Direct(w) => Ok(w),
            Inner::Replace { file: Some(w), .. } => Ok(w),
            Inner::Replace { file: None, .. } => Err(io::Error::other("file already committed")),
        }
    }
}

/// Gives a replacement the owner (where the process may) and mode of the file it replaces.
#[cfg(unix)]
fn keep_mode(file: &File, old: Option<&Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(old) = old else {
        return Ok(());
    };
    // Only root may give a file away; a group the user is in is allowed. Owner first:
    // changing it clears set-id bits.
    if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_mode(file: &File, old: Option<&Metadata>) -> io::Result<()> {
    match old {
        Some(old) => file.set_permissions(old.permissions()),
        None => Ok(()),
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer()?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Replace { file: None, .. } => Ok(()),
            _ => self.writer()?.flush(),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Inner::Replace {
            file: Some(_), tmp, ..
        } = &self.inner
        {
            // Dropping the NamedTempFile removes it.
            unregister(tmp);
        }
    }
}

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

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn output_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        fs::write(&dest, "old").unwrap();
        let d = Destination::resolve(&dest).unwrap();
        assert!(!d.is_direct());
        let mut f = OutputFile::create(&d).unwrap();
        f.write_all(b"new").unwrap();
        f.flush().unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "old");
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        let mut f = OutputFile::create(&d).unwrap();
        f.write_all(b"abandoned").unwrap();
        drop(f);
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.jsonl"]);
        assert!(Destination::resolve(dir.path()).is_err());
        assert!(temporary().is_empty());
    }

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
    fn rows_beyond_the_cap_are_refused() {
        let base = tempfile::tempdir().unwrap();
        let mut b = SpillBuffer::new(4, 20, Arc::new(SpillDir::new(base.path())));
        b.write_all(b"0123456789").unwrap();
        b.write_all(b"0123456789").unwrap();
        let e = b.write_all(b"x").unwrap_err();
        assert_eq!(SpillBuffer::is_full(&e), Some(20));
    }
}
