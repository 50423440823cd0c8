//! A file that replaces its destination only when complete.

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{Destination, register, unregister};

/// An output: a regular file written under a temporary name in its folder and renamed
/// over its destination by [`OutputFile::commit`], so that an interrupted run never leaves
/// a truncated file where a good one was; or a device, FIFO or open file written into
/// directly. Dropped without a commit (an error, a panic), it removes the temporary file,
/// and so does [`remove_temporary_files`] (the binary calls it on Ctrl-C and SIGTERM);
/// only a process killed outright leaves it behind as `.NAME.XXXXXX.tmp`.
pub struct OutputFile {
    given: PathBuf,
    inner: Inner,
    /// Bytes written since the disk was last asked to start writing the file.
    unsynced: usize,
}

/// Bytes of a replacement file written between requests that the disk start writing it,
/// so that the sync before the rename has little left to wait for.
const WRITE_BEHIND: usize = 8 << 20;

/// Writes at least this long bypass the buffer.
const DIRECT: usize = 16 << 10;

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
                unsynced: 0,
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
            unsynced: 0,
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

    /// Asks the system to start writing what the replacement file holds so far to disk,
    /// without waiting for it: the run goes on meanwhile. Only a hint: the sync of
    /// [`OutputFile::commit`] is what makes the file durable.
    fn write_behind(&mut self) {
        #[cfg(target_os = "linux")]
        if let Inner::Replace { file: Some(w), .. } = &self.inner {
            use std::os::fd::AsRawFd;
            let fd = w.get_ref().as_file().as_raw_fd();
            // SAFETY: the descriptor is open (owned by `w`); a range of 0, 0 is the whole
            // file, and SYNC_FILE_RANGE_WRITE starts writing without waiting for it.
            unsafe {
                libc::sync_file_range(fd, 0, 0, libc::SYNC_FILE_RANGE_WRITE);
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
        // A document's rows are written as they are, not copied through the buffer first.
        if buf.len() >= DIRECT {
            match &mut self.inner {
                Inner::Direct(w) => {
                    w.flush()?;
                    w.get_mut().write_all(buf)?;
                }
                Inner::Replace { file: Some(w), .. } => {
                    w.flush()?;
                    w.get_mut().write_all(buf)?;
                }
                Inner::Replace { file: None, .. } => {
                    return Err(io::Error::other("file already committed"));
                }
            }
        } else {
            self.writer()?.write_all(buf)?;
        }
        self.unsynced = self.unsynced.saturating_add(buf.len());
        if self.unsynced >= WRITE_BEHIND {
            self.unsynced = 0;
            self.write_behind();
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::super::temporary;
    use super::*;

    /// Rows long enough to bypass the buffer and short ones in between come out in
    /// order, whole, in a replaced file and in one written into directly.
    #[test]
    fn long_and_short_writes_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let pieces: Vec<Vec<u8>> = (0..60usize)
            .map(|i| {
                let len = [3, DIRECT - 1, DIRECT, DIRECT + 7, 70_000, 1][i % 6];
                (0..len).map(|k| b'a' + ((i + k) % 26) as u8).collect()
            })
            .collect();
        let want: Vec<u8> = pieces.concat();
        let replaced = dir.path().join("out.jsonl");
        let direct = dir.path().join("direct.jsonl");
        fs::write(&direct, "").unwrap();
        let mut d = Destination::resolve(&replaced).unwrap();
        for path in [&replaced, &direct] {
            if path == &direct {
                d = Destination::resolve(path).unwrap();
                d.direct = true;
            }
            let mut f = OutputFile::create(&d).unwrap();
            for p in &pieces {
                f.write_all(p).unwrap();
            }
            f.commit().unwrap();
            assert_eq!(fs::read(path).unwrap(), want, "{}", path.display());
        }
    }

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
        // Other tests register their own files at the same time: only this folder's count.
        assert!(!temporary().iter().any(|p| p.starts_with(dir.path())));
    }
}
