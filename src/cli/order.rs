//! Running the inputs on the thread pool and handing their outcomes over in input order,
//! within a bounded window.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crate::cli::input::InputFile;
use crate::cli::stdin::Item;
use press_stats::{Error, ErrorKind};

use crate::Ctx;
use crate::cli::process::{Done, Failed};

/// An input of the run: a file, or a line of stdin.
pub(crate) trait Job: Send {
    /// The bytes it brings into memory, for the window's budget.
    fn size(&self) -> u64;
    /// The name its messages give.
    fn path(&self) -> PathBuf;
}

impl Job for &InputFile {
    fn size(&self) -> u64 {
        self.size
    }
    fn path(&self) -> PathBuf {
        self.path.clone()
    }
}

impl Job for Item {
    fn size(&self) -> u64 {
        Item::size(self)
    }
    fn path(&self) -> PathBuf {
        match self {
            Item::Doc(d) => d.path.clone(),
            Item::Bad(e) => e
                .path()
                .map_or_else(|| PathBuf::from("<stdin>"), std::path::Path::to_path_buf),
        }
    }
}

/// What the writer of [`in_order`] waits for: the next input, or an input done.
pub(crate) enum Event<T> {
    Next(Option<T>),
    Done(usize, T, Result<Done, Failed>),
}

/// Processes `items` on `pool` with `work` and hands each outcome to `write` in input
/// order, as soon as it and all before it are done. At most a window of items is in flight
/// (by count and by size). Items are taken from `items` on a thread of their own, one when
/// there is room, so a stream that waits for the claims of what it sent before it sends
/// more is answered, and memory stays bounded for any number of files or any length of
/// stream; `Break` stops the run.
pub(crate) fn in_order<T, I, P, W>(
    pool: &rayon::ThreadPool,
    items: I,
    ctx: &Ctx<'_>,
    work: P,
    mut write: W,
) where
    T: Job,
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
    P: Fn(&T) -> Result<Done, Failed> + Sync,
    W: FnMut(T, Result<Done, Failed>) -> ControlFlow<()>,
{
    const BYTE_BUDGET: u64 = 512 << 20;
    let window = pool.current_num_threads().saturating_mul(8).max(16);
    let (tx, rx) = mpsc::channel::<Event<T>>();
    let (permit, permits) = mpsc::channel::<()>();
    let items = items.into_iter();
    let work = &work;
    std::thread::scope(|threads| {
        let feed = tx.clone();
        threads.spawn(move || {
            let mut items = items;
            while permits.recv().is_ok() {
                let item = items.next();
                let end = item.is_none();
                if feed.send(Event::Next(item)).is_err() || end {
                    break;
                }
            }
        });
        pool.in_place_scope(|scope| {
            let mut next_submit = 0usize;
            let mut next_write = 0usize;
            let mut in_flight_bytes = 0u64;
            let mut sizes: BTreeMap<usize, u64> = BTreeMap::new();
            let mut pending: BTreeMap<usize, (T, Result<Done, Failed>)> = BTreeMap::new();
            let (mut asked, mut exhausted) = (false, false);
            loop {
                let busy = next_submit.saturating_sub(next_write);
                let room = busy < window && (busy == 0 || in_flight_bytes < BYTE_BUDGET);
                if !exhausted && !asked && room {
                    asked = permit.send(()).is_ok();
                    exhausted = !asked;
                }
                if exhausted && next_write >= next_submit {
                    break;
                }
                let Ok(event) = rx.recv() else { break };
                match event {
                    Event::Next(None) => (asked, exhausted) = (false, true),
                    Event::Next(Some(item)) => {
                        asked = false;
                        let n = item.size();
                        in_flight_bytes = in_flight_bytes.saturating_add(n);
                        sizes.insert(next_submit, n);
                        let (tx, i) = (tx.clone(), next_submit);
                        scope.spawn(move |_| {
                            // A panic would leave the writer waiting for this item forever:
                            // report it as this item's failure instead.
                            let r = std::panic::catch_unwind(AssertUnwindSafe(|| work(&item)))
                                .unwrap_or_else(|_| {
                                    Err(Error::new(ErrorKind::Internal)
                                        .with_path(item.path())
                                        .into())
                                });
                            let _ = tx.send(Event::Done(i, item, r));
                        });
                        next_submit += 1;
                    }
                    Event::Done(i, item, r) => {
                        pending.insert(i, (item, r));
                        while let Some((item, r)) = pending.remove(&next_write) {
                            let n = sizes.remove(&next_write).unwrap_or(0);
                            in_flight_bytes = in_flight_bytes.saturating_sub(n);
                            next_write += 1;
                            if write(item, r).is_break() {
                                ctx.cancel.store(true, Ordering::Relaxed);
                                return;
                            }
                        }
                    }
                }
            }
        });
        // The reader thread ends when it is asked for no more items.
        drop(permit);
    });
}
