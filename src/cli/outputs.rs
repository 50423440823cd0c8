//! Where the run writes: stdout (refused when closed), the -o, --docs and --audit files, checked
//! before anything is read.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use crate::cli::files::{Destination, OutputFile};
use crate::cli::parquet::ParquetOut;
use crate::{Args, shown};

/// Where claims go.
pub enum Out {
    Stdout(io::BufWriter<Box<dyn Write>>),
    File(OutputFile),
    Parquet(Box<ParquetOut>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(w) => w.write(buf),
            Out::File(f) => f.write(buf),
            Out::Parquet(p) => p.write(buf),
        }
    }

    // Whole runs of rows go to the output file's own `write_all`.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Out::Stdout(w) => w.write_all(buf),
            Out::File(f) => f.write_all(buf),
            Out::Parquet(p) => p.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File(f) => f.flush(),
            Out::Parquet(p) => p.flush(),
        }
    }
}

impl Out {
    pub fn finish(self) -> io::Result<()> {
        match self {
            Out::Stdout(mut w) => w.flush(),
            Out::File(f) => f.commit(),
            Out::Parquet(p) => p.finish(),
        }
    }
}

/// The exit status of a run whose stdout reader went away: what a shell reports for a
/// program ended by SIGPIPE (128 + 13), as `cat` or `grep` would end.
pub const PIPE_CLOSED: u8 = 141;

pub fn is_pipe_closed(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Stdout as a file of its own: `io::stdout()` takes a write that fails with EBADF (a
/// stdout opened for reading only, say) for a success, and the claims would be lost
/// without a word.
#[cfg(unix)]
pub fn stdout() -> Result<Box<dyn Write>, String> {
    use std::os::fd::AsFd;
    if stdout_was_closed() {
        return Err(
            "stdout is closed: the claims would be lost (give -o FILE, or \
             >/dev/null to discard them)"
                .to_owned(),
        );
    }
    let fd = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| format!("stdout cannot be written: {e}"))?;
    Ok(Box::new(std::fs::File::from(fd)))
}

/// Whether fd 1 was closed when the process started. The Rust runtime puts /dev/null in
/// place of a closed standard stream before `main` runs, so the check runs earlier, as the
/// C library runs the executable's initializers.
#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    use std::sync::atomic::AtomicBool;
    static CLOSED: AtomicBool = AtomicBool::new(false);
    extern "C" fn check() {
        // SAFETY: F_GETFD on fd 1 only reads its flags; -1 (EBADF) means it is closed.
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
        CLOSED.store(closed, Ordering::Relaxed);
    }
    #[used]
    #[unsafe(link_section = ".init_array")]
    static CHECK: extern "C" fn() = check;
    CLOSED.load(Ordering::Relaxed)
}

#[cfg(all(unix, not(target_os = "linux")))]
fn stdout_was_closed() -> bool {
    false
}

#[cfg(not(unix))]
pub fn stdout() -> Result<Box<dyn Write>, String> {
    Ok(Box::new(io::stdout().lock()))
}

/// Where `-o`, `--docs` and `--audit` lead, checked before anything is read: they must not be the
/// same file, nor the --meta file, nor any input.
pub struct Outputs {
    pub claims: Option<Destination>,
    pub docs: Option<Destination>,
    pub audit: Option<Destination>,
}

impl Outputs {
    pub fn resolve(args: &Args) -> Result<Outputs, String> {
        let resolve = |p: &Option<PathBuf>, what: &str| {
            p.as_deref()
                .map(|p| {
                    Destination::resolve(p)
                        .map_err(|e| format!("{what} {}: cannot write: {e}", shown(p)))
                })
                .transpose()
        };
        let outs = Outputs {
            claims: resolve(&args.output, "-o")?,
            docs: resolve(&args.docs, "--docs")?,
            audit: resolve(&args.audit, "--audit")?,
        };
        let named = [
            ("-o", &outs.claims),
            ("--docs", &outs.docs),
            ("--audit", &outs.audit),
        ];
        for (i, (fa, a)) in named.iter().enumerate() {
            for (fb, b) in &named[i + 1..] {
                if let (Some(a), Some(b)) = (a, b)
                    && a.same_as(b)
                {
                    return Err(format!(
                        "{fa} {} and {fb} {} name the same file",
                        shown(a.path()),
                        shown(b.path())
                    ));
                }
            }
        }
        Ok(outs)
    }

    /// Refuses outputs that would write over `path`, an input (`what`) of the run;
    /// `seen` is what is known of it already (else it is looked up).
    pub fn check(
        &self,
        path: &std::path::Path,
        seen: Option<&std::fs::Metadata>,
        what: &str,
    ) -> Result<(), String> {
        // A file that does not exist yet is no input (and the inputs need no look then).
        let exists = |d: &Option<Destination>| d.as_ref().is_some_and(Destination::exists);
        if !exists(&self.claims) && !exists(&self.docs) && !exists(&self.audit) {
            return Ok(());
        }
        let looked;
        let meta = match seen {
            Some(m) => m,
            None => match std::fs::metadata(path) {
                Ok(m) => {
                    looked = m;
                    &looked
                }
                Err(_) => return Ok(()),
            },
        };
        for (flag, d) in [
            ("-o", &self.claims),
            ("--docs", &self.docs),
            ("--audit", &self.audit),
        ] {
            if let Some(d) = d.as_ref().filter(|d| d.is(meta)) {
                return Err(format!(
                    "{flag} {} is {what} {}: refusing to write over it",
                    shown(d.path()),
                    shown(path)
                ));
            }
        }
        Ok(())
    }
}
