//! The lines of the changed files, parsed on a second thread while the thread that read them
//! places the ones parsed before: a whole ledger indexed on both cores. Lines go in batches, in
//! the order read, and come back parsed in that order.

use std::mem;
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::thread::{self, Scope};

use super::FileStat;
use crate::ledger::lines::{RawLine, Text};
use crate::ledger::{LedgerError, Line, read_line};

/// A batch is sent once it holds this many lines or bytes of them. Tests send one every few
/// lines, so that lines are placed while their file is still read.
const BATCH_LINES: usize = if cfg!(test) { 3 } else { 512 };
const BATCH_BYTES: usize = if cfg!(test) { 600 } else { 1 << 20 };
/// How many batches may wait for the thread. What comes back waits in a channel without a
/// bound, which the reading thread empties after each batch it sends: a bound there could
/// leave both threads waiting on each other. So at most this many batches and a few parsed
/// ones are held at once.
const QUEUE: usize = 2;

/// What comes back parsed, in the order read: a line of the file at `file` among those
/// listed, with where it is in the file (its newline included); or, without one, the end of
/// that file's lines read.
pub struct Parsed {
    pub file: usize,
    pub line: Option<(Line, Range<u64>)>,
}

/// A line read, its bytes in its batch's.
enum Item {
    Line {
        file: usize,
        number: usize,
        start: u64,
        text: LineBytes,
        terminated: bool,
    },
    End {
        file: usize,
    },
}

/// A line's bytes in its batch, or only its length when it is longer than any record.
enum LineBytes {
    Held(Range<usize>),
    TooLong(u64),
}

#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    items: Vec<Item>,
    lines: usize,
}

impl Batch {
    fn full(&self) -> bool {
        self.lines >= BATCH_LINES || self.bytes.len() >= BATCH_BYTES
    }

    fn parse(self, files: &[FileStat]) -> Result<Vec<Parsed>, LedgerError> {
        let parse = |item: Item| match item {
            Item::End { file } => Ok(Parsed { file, line: None }),
            Item::Line {
                file,
                number,
                start,
                text,
                terminated,
            } => {
                let text = match text {
                    LineBytes::Held(range) => Text::Bytes(&self.bytes[range]),
                    LineBytes::TooLong(len) => Text::TooLong(len),
                };
                let raw = RawLine {
                    number,
                    start,
                    text,
                    terminated,
                };
                let line = read_line(&files[file].name, &raw)?;
                Ok(Parsed {
                    file,
                    line: Some((line, raw.start..raw.end())),
                })
            }
        };
        self.items.into_iter().map(parse).collect()
    }
}

/// The end that reads: what it sends to be parsed, and what comes back.
pub struct Parser<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    files: &'scope [FileStat],
    /// The parsing thread, started with the first full batch: a few lines are parsed here.
    thread: Option<Thread>,
    /// Batches parsed here, when no thread could be started.
    here: Vec<Result<Vec<Parsed>, LedgerError>>,
    batch: Batch,
    /// Batches sent and not yet taken back.
    out: usize,
}

struct Thread {
    send: SyncSender<Batch>,
    receive: Receiver<Result<Vec<Parsed>, LedgerError>>,
}

impl Thread {
    /// The parsing thread, if the system gives one.
    fn start<'scope>(
        scope: &'scope Scope<'scope, '_>,
        files: &'scope [FileStat],
    ) -> Option<Thread> {
        let (send, batches) = sync_channel::<Batch>(QUEUE);
        let (send_parsed, receive) = channel();
        let parse = move || {
            for batch in batches {
                let parsed = batch.parse(files);
                let failed = parsed.is_err();
                if send_parsed.send(parsed).is_err() || failed {
                    break;
                }
            }
        };
        thread::Builder::new().spawn_scoped(scope, parse).ok()?;
        Some(Thread { send, receive })
    }
}

impl<'scope, 'env> Parser<'scope, 'env> {
    /// Parses lines of `files`, on a thread of `scope` once there are many.
    pub fn new(scope: &'scope Scope<'scope, 'env>, files: &'scope [FileStat]) -> Self {
        Parser {
            scope,
            files,
            thread: None,
            here: Vec::new(),
            batch: Batch::default(),
            out: 0,
        }
    }

    /// A line read from the file at `file`; `true` when a batch was sent with it, and some
    /// may have come back.
    pub fn line(&mut self, file: usize, raw: &RawLine) -> bool {
        let text = match raw.text {
            Text::Bytes(bytes) => {
                let at = self.batch.bytes.len();
                self.batch.bytes.extend_from_slice(bytes);
                LineBytes::Held(at..at + bytes.len())
            }
            Text::TooLong(len) => LineBytes::TooLong(len),
        };
        self.batch.items.push(Item::Line {
            file,
            number: raw.number,
            start: raw.start,
            text,
            terminated: raw.terminated,
        });
        self.batch.lines += 1;
        let full = self.batch.full();
        if full {
            self.send();
        }
        full
    }

    /// Every line of the file at `file` to be read was given.
    pub fn end(&mut self, file: usize) {
        self.batch.items.push(Item::End { file });
    }

    fn send(&mut self) {
        let batch = mem::take(&mut self.batch);
        if self.thread.is_none() && self.here.is_empty() {
            self.thread = Thread::start(self.scope, self.files);
        }
        match &self.thread {
            // The thread stops only after a batch it could not parse, which is then taken
            // back.
            Some(thread) => {
                if thread.send.send(batch).is_ok() {
                    self.out += 1;
                }
            }
            None => self.here.push(batch.parse(self.files)),
        }
    }

    /// The lines parsed so far, in order; with `all`, after sending what is left, every line
    /// given.
    pub fn parsed(&mut self, all: bool) -> Result<Vec<Parsed>, LedgerError> {
        let Some(thread) = &self.thread else {
            if all {
                let rest = mem::take(&mut self.batch);
                self.here.push(rest.parse(self.files));
            }
            let mut parsed = Vec::new();
            for batch in mem::take(&mut self.here) {
                parsed.extend(batch?);
            }
            return Ok(parsed);
        };
        if all && !self.batch.items.is_empty() {
            let rest = mem::take(&mut self.batch);
            if thread.send.send(rest).is_ok() {
                self.out += 1;
            }
        }
        let mut parsed = Vec::new();
        while self.out > 0 {
            let batch = if all {
                thread.receive.recv().ok()
            } else {
                thread.receive.try_recv().ok()
            };
            let Some(batch) = batch else { break };
            self.out -= 1;
            parsed.extend(batch?);
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether parsing `count` lines started the thread, with the lines parsed, in order.
    fn parse(count: usize) -> (bool, Vec<usize>) {
        let files = [FileStat {
            name: "2025-03/li.lei.jsonl".to_string(),
            len: 0,
            modified: None,
            changed: None,
            inode: None,
        }];
        std::thread::scope(|scope| {
            let mut parser = Parser::new(scope, &files);
            let mut parsed = Vec::new();
            for number in 1..=count {
                let raw = RawLine {
                    number,
                    start: number as u64,
                    text: Text::Bytes(b"not a record"),
                    terminated: true,
                };
                if parser.line(0, &raw) {
                    parsed.extend(parser.parsed(false).unwrap());
                }
            }
            parser.end(0);
            parsed.extend(parser.parsed(true).unwrap());
            let numbers = parsed.iter().filter_map(|p| p.line.as_ref());
            let numbers = numbers.map(|(line, _)| line.number).collect();
            (parser.thread.is_some(), numbers)
        })
    }

    #[test]
    fn a_few_lines_are_parsed_here_and_many_on_the_thread_in_order() {
        assert_eq!(parse(BATCH_LINES - 1), (false, (1..BATCH_LINES).collect()));
        let many = BATCH_LINES * 7 + 1;
        assert_eq!(parse(many), (true, (1..=many).collect()));
    }
}
