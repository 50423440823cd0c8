//! Where an output path leads: a regular file to replace, or a device, FIFO or open file
//! to write into, found before anything is read or written.

use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};

/// How many symbolic links a destination may go through.
const MAX_LINKS: usize = 40;

/// Where an output path leads, found before anything is read or written.
#[derive(Debug, Clone)]
pub struct Destination {
    pub(super) given: PathBuf,
    /// The file written into ([`Destination::is_direct`]) or replaced.
    pub(super) target: PathBuf,
    pub(super) direct: bool,
    pub(super) existing: Option<Metadata>,
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
