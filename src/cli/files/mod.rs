//! Output and temporary files: where an output path leads, a file that replaces its
//! destination only when complete, and the spill files of rows that do not fit in memory.
//!
//! Nothing here ever replaces what a path is. A character device, a FIFO, a socket or an
//! open file named through `/proc` (`/dev/stdout`, `/dev/fd/3`) is written into directly;
//! a symbolic link is followed and its target replaced, the link kept; an existing regular
//! file is replaced by a file of the same mode and (where the process may) owner.
//! Temporary files are made by the `tempfile` crate: unpredictable names, created with
//! `O_EXCL`, never through a symbolic link.

mod destination;
mod output;
mod spill;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

pub use destination::Destination;
pub use output::OutputFile;
pub use spill::{SpillBuffer, SpillDir};

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
