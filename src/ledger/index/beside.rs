//! Work on the records of incidents, done on a second thread while the one that hands them
//! over reads on. The thread starts with the first full batch: a few incidents are worked
//! where they are handed over, and all of them when the system gives no thread.

use std::mem;
use std::panic;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::{self, Scope, ScopedJoinHandle};

use crate::record::Record;

/// How many incidents' records go to the thread together (or fewer, of this many bytes of
/// lines), and how many such batches may wait for it. Tests send a batch every few incidents,
/// so that both threads work.
const BATCH: usize = if cfg!(test) { 2 } else { 64 };
const BATCH_BYTES: u64 = if cfg!(test) { 600 } else { 1 << 20 };
const QUEUE: usize = 4;

/// What `work` makes of the records of each incident handed over, by its place `n`.
pub struct Beside<'scope, 'env, R, W> {
    scope: &'scope Scope<'scope, 'env>,
    work: &'scope W,
    batch: Vec<(usize, Vec<Record>)>,
    bytes: u64,
    worker: Option<Worker<'scope, R>>,
    made_here: Vec<R>,
}

/// The thread that works the batches sent, with what it made of them once it ends.
struct Worker<'scope, R> {
    send: SyncSender<Vec<(usize, Vec<Record>)>>,
    thread: ScopedJoinHandle<'scope, Vec<R>>,
}

impl<'scope, 'env, R, W> Beside<'scope, 'env, R, W>
where
    R: Send + 'scope,
    W: Fn(usize, Vec<Record>) -> R + Sync,
{
    pub fn new(scope: &'scope Scope<'scope, 'env>, work: &'scope W) -> Self {
        Beside {
            scope,
            work,
            batch: Vec::with_capacity(BATCH),
            bytes: 0,
            worker: None,
            made_here: Vec::new(),
        }
    }

    /// The records of the incident at `n`, read from `bytes` bytes of lines.
    pub fn hand_over(&mut self, n: usize, records: Vec<Record>, bytes: u64) {
        self.batch.push((n, records));
        self.bytes += bytes;
        if self.batch.len() >= BATCH || self.bytes >= BATCH_BYTES {
            if self.worker.is_none() {
                self.worker = self.start();
            }
            self.send();
        }
    }

    /// The thread, if the system gives one.
    fn start(&self) -> Option<Worker<'scope, R>> {
        let (send, batches) = sync_channel::<Vec<(usize, Vec<Record>)>>(QUEUE);
        let work = self.work;
        let each = move || {
            let each = batches.into_iter().flatten();
            each.map(|(n, records)| work(n, records)).collect()
        };
        let thread = thread::Builder::new().spawn_scoped(self.scope, each).ok()?;
        Some(Worker { send, thread })
    }

    /// Sends the batch to the thread if it runs, else works it here.
    fn send(&mut self) {
        let batch = mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.bytes = 0;
        match &self.worker {
            Some(worker) => _ = worker.send.send(batch),
            None => (self.made_here).extend(batch.into_iter().map(|(n, r)| (self.work)(n, r))),
        }
    }

    /// What was made of every incident handed over, in no particular order.
    pub fn made(mut self) -> Vec<R> {
        self.send();
        let mut made = mem::take(&mut self.made_here);
        if let Some(Worker { send, thread }) = self.worker.take() {
            drop(send);
            made.extend(thread.join().unwrap_or_else(|p| panic::resume_unwind(p)));
        }
        made
    }
}

#[cfg(test)]
mod tests {
    use std::thread::ThreadId;

    use super::*;

    /// Where each of `count` incidents handed over was worked, by its place.
    fn worked_on(count: usize) -> Vec<(usize, ThreadId)> {
        let work = |n, _: Vec<Record>| (n, thread::current().id());
        let mut made = thread::scope(|scope| {
            let mut beside = Beside::new(scope, &work);
            (0..count).for_each(|n| beside.hand_over(n, Vec::new(), 10));
            beside.made()
        });
        made.sort_by_key(|(n, _)| *n);
        made
    }

    #[test]
    fn fewer_incidents_than_a_batch_are_worked_here_and_more_on_the_thread_too() {
        let here = thread::current().id();
        let few = worked_on(BATCH - 1);
        assert_eq!(few.len(), BATCH - 1);
        assert!(few.iter().all(|(_, on)| *on == here), "no thread for a few");
        let many = worked_on(BATCH * 5 + 1);
        assert_eq!(
            many.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            (0..BATCH * 5 + 1).collect::<Vec<_>>(),
            "every incident worked once"
        );
        assert!(many.iter().any(|(_, on)| *on != here), "a thread for many");
    }
}
