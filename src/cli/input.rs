//! Inputs: finding the files under the paths given, and reading them within a size limit.
//!
//! The walk follows symbolic links. It visits each folder's entries in byte order of their
//! names, so the files come out sorted by path (component by component) and the order does
//! not depend on the file system. A link to a folder that is already being walked (an
//! ancestor) is a [`ErrorKind::SymlinkLoop`] and is not followed; a link chain that comes
//! back to itself is one too; a link whose target is missing is
//! [`ErrorKind::BrokenSymlink`].

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use press_stats::{Error, ErrorKind};

/// A file to process.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its name in the output: the path relative to the folder given, with `/` between
    /// components (non-UTF-8 bytes written as U+FFFD), or the file name for a file given
    /// directly; the path as given instead where several inputs would share it ([`walk`]).
    pub doc: String,
    /// Its size when the walk saw it.
    pub size: u64,
    /// What the walk saw of it (links followed), to tell it from the outputs.
    pub meta: Option<fs::Metadata>,
}

/// Which files of a folder to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkOptions {
    extensions: Vec<String>,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            extensions: press_stats::DEFAULT_EXTENSIONS
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
        }
    }
}

impl WalkOptions {
    /// Files of the formats read ([`press_stats::DEFAULT_EXTENSIONS`]: `.txt`, `.md`, `.html`,
    /// `.htm`, `.shtml`, `.xhtml`, `.docx`; any letter case).
    pub fn new() -> WalkOptions {
        WalkOptions::default()
    }

    /// Files ending in any of `extensions` instead (with or without the dot, any letter
    /// case). An empty list keeps the default.
    pub fn with_extensions<S: AsRef<str>>(mut self, extensions: &[S]) -> WalkOptions {
        let exts: Vec<String> = extensions
            .iter()
            .map(|e| e.as_ref().trim_start_matches('.').to_lowercase())
            .collect();
        if !exts.is_empty() {
            self.extensions = exts;
        }
        self
    }

    /// Whether a file found in a folder is taken.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(ext) = path.extension() else {
            return false;
        };
        let ext = ext.to_string_lossy().to_lowercase();
        self.extensions.contains(&ext)
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files to process, in output order.
    pub files: Vec<InputFile>,
    /// The paths that could not be used, each with its path and reason, in walk order.
    pub problems: Vec<Error>,
    /// How many files in the folders did not match the extensions.
    pub ignored: usize,
}

/// Finds the files under `paths`: a folder is walked recursively for files matching
/// `opts`, a file given directly is taken whatever its extension. Inputs keep the order
/// given; each folder's files are sorted by path.
///
/// A file's `doc` is its path relative to the folder given (or its name, for a file
/// given directly); where several inputs would share a `doc` (`a/x.txt` and `b/x.txt`,
/// or two folders that both hold `x.txt`), each of those is named by the path given
/// instead (`a/x.txt`, `b/x.txt`; a folder's path joined to the relative one).
pub fn walk<P: AsRef<Path>>(paths: &[P], opts: &WalkOptions) -> Walk {
    let mut w = Walk::default();
    // For each file, the root it came from and whether that root is a folder.
    let mut origins: Vec<(usize, bool)> = Vec::new();
    for (ri, root) in paths.iter().enumerate() {
        let root = root.as_ref();
        let mut is_dir = false;
        match fs::metadata(root) {
            Err(e) => w.problems.push(link_error(root, e)),
            Ok(m) if m.is_dir() => {
                is_dir = true;
                walk_dir(root, opts, &mut w);
            }
            Ok(m) => {
                let doc = root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| root.to_string_lossy().into_owned());
                w.files.push(InputFile {
                    path: root.to_path_buf(),
                    doc,
                    size: m.len(),
                    meta: Some(m),
                });
            }
        }
        origins.resize(w.files.len(), (ri, is_dir));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &w.files {
        *seen.entry(f.doc.as_str()).or_default() += 1;
    }
    let shared: std::collections::HashSet<String> = seen
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(d, _)| d.to_owned())
        .collect();
    if !shared.is_empty() {
        for (f, &(ri, is_dir)) in w.files.iter_mut().zip(&origins) {
            if !shared.contains(&f.doc) {
                continue;
            }
            let Some(root) = paths.get(ri) else { continue };
            let root = root.as_ref().to_string_lossy();
            f.doc = if is_dir {
                format!("{}/{}", root.trim_end_matches('/'), f.doc)
            } else {
                root.into_owned()
            };
        }
    }
    w
}

/// Walks folder `root` depth first, each folder's entries in byte order of their names,
/// following links; a link back to a folder being walked is reported, not followed.
fn walk_dir(root: &Path, opts: &WalkOptions, w: &mut Walk) {
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1);
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                if e.loop_ancestor().is_some() {
                    w.problems
                        .push(Error::new(ErrorKind::SymlinkLoop).with_path(path));
                    continue;
                }
                let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                let e = io::Error::from(e);
                if is_link && !opts.matches(&path) && e.kind() == io::ErrorKind::NotFound {
                    // A dangling link with another extension: not ours to report.
                    w.ignored += 1;
                } else {
                    w.problems.push(link_error(&path, e));
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !opts.matches(entry.path()) {
            w.ignored += 1;
            continue;
        }
        if !kind.is_file() {
            w.problems
                .push(Error::new(ErrorKind::NotAFile).with_path(entry.path()));
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                w.problems
                    .push(link_error(entry.path(), io::Error::from(e)));
                continue;
            }
        };
        let doc = relative_doc(root, entry.path());
        w.files.push(InputFile {
            path: entry.into_path(),
            doc,
            size: meta.len(),
            meta: Some(meta),
        });
    }
}

/// `path` relative to `root`, its components joined by `/` (non-UTF-8 bytes as U+FFFD).
fn relative_doc(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Names why `fs::metadata(path)` failed: a broken link, a link loop, or the I/O error.
fn link_error(path: &Path, e: io::Error) -> Error {
    let kind = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match follow_links(path) {
            Some(kind) => kind,
            None => ErrorKind::Io(e.kind()),
        },
        _ => ErrorKind::Io(e.kind()),
    };
    Error::new(kind).with_path(path)
}

/// Follows a chain of links by hand: `Some(BrokenSymlink)` when it ends at a missing
/// target, `Some(SymlinkLoop)` when it comes back on itself, `None` when it cannot tell.
fn follow_links(start: &Path) -> Option<ErrorKind> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut cur = start.to_path_buf();
    for _ in 0..64 {
        if seen.contains(&cur) {
            return Some(ErrorKind::SymlinkLoop);
        }
        let target = match fs::read_link(&cur) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Some(ErrorKind::BrokenSymlink);
            }
            Err(_) => return None,
        };
        let next = match cur.parent() {
            Some(parent) => parent.join(&target),
            None => target,
        };
        seen.push(cur);
        match fs::symlink_metadata(&next) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Some(ErrorKind::BrokenSymlink);
            }
            Err(_) => return Some(ErrorKind::SymlinkLoop),
            Ok(m) if m.file_type().is_symlink() => cur = next,
            Ok(_) => return None,
        }
    }
    Some(ErrorKind::SymlinkLoop)
}

/// Reads a whole regular file of at most `limit` bytes.
///
/// The file is opened without blocking (a FIFO put where the walk saw a file does not
/// wait for a writer) and its type is checked on the open handle, so what is read is what
/// was checked.
///
/// # Errors
///
/// [`ErrorKind::NotAFile`] for a FIFO, socket or device, [`ErrorKind::TooLarge`] when it
/// is larger (by its size, or by what reading it gives), [`ErrorKind::BrokenSymlink`],
/// [`ErrorKind::SymlinkLoop`], or the I/O error; each with the path.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let mut open = fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path).map_err(|e| link_error(path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::from(e).with_path(path))?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::NotAFile).with_path(path));
    }
    read_at_most(file, meta.len(), path, limit)
}

/// Reads `file` (of `size` bytes by its metadata, 0 when unknown) whole, failing with
/// [`ErrorKind::TooLarge`] as soon as it gives more than `limit` bytes.
pub fn read_at_most(file: fs::File, size: u64, path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let too_large = |size| Error::new(ErrorKind::TooLarge { size, limit }).with_path(path);
    if size > limit {
        return Err(too_large(size));
    }
    let cap = usize::try_from(size).unwrap_or(0).saturating_add(1);
    let mut buf = Vec::with_capacity(cap);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::from(e).with_path(path))?;
    let got = u64::try_from(buf.len()).unwrap_or(u64::MAX);
    if got > limit {
        return Err(too_large(got));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_any_case() {
        let o = WalkOptions::new().with_extensions(&[".TXT", "md"]);
        assert!(o.matches(Path::new("a/B.Txt")));
        assert!(o.matches(Path::new("x.md")));
        assert!(!o.matches(Path::new("x.json")));
        assert!(!o.matches(Path::new("txt")));
    }

    /// A FIFO put where the walk saw a file: reading it does not wait for a writer.
    #[cfg(unix)]
    #[test]
    fn fifo_swapped_in_after_the_walk_does_not_block_the_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.txt");
        fs::write(&path, "全市收入增长5%。").unwrap();
        let found = walk(&[tmp.path()], &WalkOptions::new());
        assert_eq!(found.files.len(), 1);
        fs::remove_file(&path).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(ok.success());
        let (tx, rx) = std::sync::mpsc::channel();
        let file = found.files[0].path.clone();
        std::thread::spawn(move || tx.send(read_file(&file, 1 << 20)));
        let r = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("reading a FIFO blocked");
        let e = r.expect_err("a FIFO is not read");
        assert_eq!(e.kind(), &ErrorKind::NotAFile);
    }
}
