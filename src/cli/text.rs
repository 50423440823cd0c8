//! `--text-dir`: each document's extracted text, the text every claim's offsets count
//! into, written as `DIR/<doc>.txt` (UTF-8, `\n` line ends) so that a span can be checked
//! and a page scored or annotated as text.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Where document `doc`'s text goes under `dir`: `doc` with `.txt` added, its folders kept;
/// a root, `.` or `..` in it is left out, so nothing is written outside `dir`.
pub fn text_path(dir: &Path, doc: &str) -> PathBuf {
    let mut path = dir.to_path_buf();
    let mut parts = 0usize;
    for c in Path::new(doc).components() {
        if let Component::Normal(s) = c {
            path.push(s);
            parts += 1;
        }
    }
    if parts == 0 {
        path.push("_");
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".txt");
    path.set_file_name(name);
    path
}

/// Writes `text` as document `doc`'s text under `dir` ([`text_path`]), making the folders
/// it needs; returns the path written.
///
/// # Errors
///
/// The error of making a folder or writing the file.
pub fn write_text(dir: &Path, doc: &str, text: &str) -> io::Result<PathBuf> {
    let path = text_path(dir, doc);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&path, text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_folder() {
        let d = Path::new("out");
        assert_eq!(text_path(d, "a/b.html"), Path::new("out/a/b.html.txt"));
        assert_eq!(text_path(d, "x.txt"), Path::new("out/x.txt.txt"));
        assert_eq!(
            text_path(d, "/abs/../x.htm"),
            Path::new("out/abs/x.htm.txt")
        );
        assert_eq!(text_path(d, ".."), Path::new("out/_.txt"));
    }
}
