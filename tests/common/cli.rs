//! Running the `press-stats` binary on temporary folders, for the command-line tests.

#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_press-stats");

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    pub fn summary(&self) -> &str {
        self.stderr
            .lines()
            .rfind(|l| l.contains("files read"))
            .unwrap_or_else(|| panic!("no summary in {}", self.stderr))
    }

    /// Fails the test unless stderr says `text`.
    #[track_caller]
    pub fn says(&self, text: &str) {
        assert!(
            self.stderr.contains(text),
            "{text:?} not in: {}",
            self.stderr
        );
    }

    /// Fails the test if stderr says `text`.
    #[track_caller]
    pub fn never_says(&self, text: &str) {
        assert!(!self.stderr.contains(text), "{text:?} in: {}", self.stderr);
    }
}

/// Runs the binary in `cwd`, failing the test if it takes more than a minute (a hang).
pub fn run(cwd: &Path, args: &[&str]) -> Run {
    run_os(cwd, &args.iter().map(|a| a.into()).collect::<Vec<_>>())
}

pub fn run_os(cwd: &Path, args: &[std::ffi::OsString]) -> Run {
    run_env(cwd, args, &[])
}

/// [`run_os`] with environment variables set for the run.
pub fn run_env(cwd: &Path, args: &[std::ffi::OsString], env: &[(&str, &Path)]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let t_err = thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).unwrap();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("press-stats {args:?} did not finish within a minute");
        }
        thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

pub fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut v: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 5);
    v
}

pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// A folder `corpus/` with the seed articles spread over nested folders, twice over.
pub fn corpus() -> TempDir {
    let tmp = TempDir::new().unwrap();
    for (i, (name, text)) in seeds().iter().enumerate() {
        write(&tmp.path().join("corpus").join(name), text);
        write(
            &tmp.path()
                .join(format!("corpus/y{}/m{}/{name}", 2020 + i % 2, i)),
            text,
        );
    }
    tmp
}

pub fn docs_of(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_owned())
        .collect()
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Waits for a spawned run: its exit status and all it wrote on stderr.
pub fn finish(mut child: std::process::Child) -> (std::process::ExitStatus, String) {
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).unwrap();
    }
    (child.wait().unwrap(), err)
}

pub fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Output temporaries, and the private folders of spill files.
        .filter(|n| n.ends_with(".tmp") || n.starts_with("press-stats-"))
        .collect()
}

/// A folder with one good article and the given extra files.
pub fn with_good(tmp: &TempDir) -> PathBuf {
    let d = tmp.path().join("in");
    write(&d.join("good.txt"), &seeds()[0].1);
    d
}

/// Runs the binary in `cwd` with `input` on its stdin (fed from a thread, so that a large
/// input cannot block against a full stdout pipe).
pub fn run_with_stdin(cwd: &Path, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let feeder = thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}
