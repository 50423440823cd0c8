//! Running the inputs on the thread pool and handing their outcomes over in input order,
//! within a bounded window.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

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

/// What the writer of [`in_order`] waits for: an input done, or the count of all inputs
/// once the last has been handed to the pool.
enum Event<T> {
    Done(usize, T, Result<Done, Failed>),
    End(usize),
}

/// The inputs in flight (handed to the pool and not yet written), shared by the thread
/// that hands them out and the writer.
struct Window {
    state: Mutex<InFlight>,
    room: Condvar,
}

struct InFlight {
    count: usize,
    bytes: u64,
    /// The writer has stopped: hand out nothing more.
    stopped: bool,
}

impl Window {
    /// Waits until one more input of `size` bytes may be handed out: fewer than `most`
    /// in flight and under the byte budget (an input alone is always let through, however
    /// large). False once the writer has stopped.
    fn enter(&self, size: u64, most: usize, budget: u64) -> bool {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !s.stopped && s.count > 0 && (s.count >= most || s.bytes >= budget) {
            s = self.room.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        if s.stopped {
            return false;
        }
        s.count += 1;
        s.bytes = s.bytes.saturating_add(size);
        true
    }

    /// An input written: its room is free.
    fn leave(&self, size: u64) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.count = s.count.saturating_sub(1);
        s.bytes = s.bytes.saturating_sub(size);
        drop(s);
        self.room.notify_one();
    }

    fn stop(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        self.room.notify_one();
    }
}

/// Processes `items` on `pool` with `work` and hands each outcome to `write` in input
/// order, as soon as it and all before it are done. At most a window of items is in flight
/// (by count and by size). Items are taken from `items` and handed to the pool by a thread
/// of their own, one when there is room, so a stream that waits for the claims of what it
/// sent before it sends more is answered, memory stays bounded for any number of files or
/// any length of stream, and the workers never wait for the writer to hand them work;
/// `Break` stops the run.
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
    // Enough queued that the workers find the next input at hand while the writer waits
    // for a slow one or for a core, few enough that the rows held for writing stay small.
    let most = pool.current_num_threads().saturating_mul(128).max(256);
    let (tx, rx) = mpsc::channel::<Event<T>>();
    let window = Window {
        state: Mutex::new(InFlight {
            count: 0,
            bytes: 0,
            stopped: false,
        }),
        room: Condvar::new(),
    };
    let items = items.into_iter();
    let (work, window) = (&work, &window);
    pool.in_place_scope(|scope| {
        std::thread::scope(|threads| {
            threads.spawn(move || {
                let mut n = 0usize;
                for item in items {
                    if !window.enter(item.size(), most, BYTE_BUDGET) {
                        return;
                    }
                    let (tx, i) = (tx.clone(), n);
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
                    n += 1;
                }
                let _ = tx.send(Event::End(n));
            });
            let mut next_write = 0usize;
            let mut total: Option<usize> = None;
            let mut pending: BTreeMap<usize, (T, Result<Done, Failed>)> = BTreeMap::new();
            while total.is_none_or(|n| next_write < n) {
                let Ok(event) = rx.recv() else { break };
                match event {
                    Event::End(n) => total = Some(n),
                    Event::Done(i, item, r) => {
                        pending.insert(i, (item, r));
                        while let Some((item, r)) = pending.remove(&next_write) {
                            next_write += 1;
                            let size = item.size();
                            let flow = write(item, r);
                            window.leave(size);
                            if flow.is_break() {
                                ctx.cancel.store(true, Ordering::Relaxed);
                                window.stop();
                                return;
                            }
                        }
                    }
                }
            }
        });
    });
}
