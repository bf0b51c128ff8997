//! The chain over each ledger file (docs/rules.md §10.6): every record names, in `prev`, the
//! BLAKE3 hash of the line it was appended after; the first line of a file names the hash of
//! the file's path in the ledger (`2025-03/li.lei.jsonl`). A record may name any earlier line
//! of its file, not only the one right before it, so that the lines two laptops of one engineer
//! appended to the same file, interleaved by git's union merge, are both whole branches.
//!
//! And the head of a file at a length (§10.7): one hash over its path and every byte up to
//! there, of which the fingerprint of an issued report is made.

use std::collections::HashMap;
use std::io::{self, Read};

use serde::Serialize;

use super::lines::{Lines, Text};
use crate::record::report::FileHead;

/// The hash of a line's bytes (without its newline), as `prev` spells it: 64 hex digits.
pub fn line_hash(line: &[u8]) -> String {
    blake3::hash(line).to_hex().to_string()
}

/// What the first line of the file named `name` (`YYYY-MM/STEM.jsonl`) chains to.
pub fn genesis(name: &str) -> String {
    line_hash(name.as_bytes())
}

/// The `prev` for a record appended to the file named `name` that `reader` reads from its
/// start: the hash of its last whole record, passing over a torn write at the end, or the
/// file's genesis when it holds none.
pub fn parent(name: &str, reader: impl Read) -> io::Result<String> {
    let mut lines = Lines::new(reader, 0, 1);
    let mut last = None;
    while let Some(raw) = lines.next_line()? {
        if let Text::Bytes(bytes) = raw.text
            && (raw.terminated || is_json(bytes))
        {
            last = Some(line_hash(bytes));
        }
    }
    Ok(last.unwrap_or_else(|| genesis(name)))
}

fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// Why a line breaks its file's chain, as far as can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The chain passes over the line: it was put in afterwards (or written by hand, or by an
    /// otss too old to chain, after the chain had begun).
    Inserted,
    /// The line it names is no longer in the file: the line before it was changed, or lines
    /// before it were removed.
    EditedOrRemoved,
}

/// A line whose `prev` names no earlier line of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// 1-based.
    pub line: usize,
    pub cause: Cause,
}

/// What a line holds, as far as the chain is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link<'a> {
    /// Not a record: damaged, torn or too long. It can be named, but names nothing.
    NotARecord,
    /// A record without `prev`.
    Unchained,
    /// A record naming the line it follows.
    Prev(&'a str),
}

/// A file's chain, walked line by line.
pub struct Walk {
    /// The line each hash seen so far is of (0 for the genesis), the first if several.
    seen: HashMap<blake3::Hash, usize>,
    /// Whether a record with `prev` has been seen: lines before it are older than the chain.
    started: bool,
    breaks: Vec<Break>,
    /// The breaks (by index) whose cause the next chained record decides.
    undecided: Vec<usize>,
}

impl Walk {
    pub fn new(name: &str) -> Walk {
        Walk {
            seen: HashMap::from([(blake3::hash(name.as_bytes()), 0)]),
            started: false,
            breaks: Vec::new(),
            undecided: Vec::new(),
        }
    }

    /// The next line, numbered `number`, of bytes `bytes` (`None` for one too long to read).
    pub fn line(&mut self, number: usize, bytes: Option<&[u8]>, link: Link) {
        match link {
            Link::NotARecord => {}
            Link::Unchained if self.started => self.broken(number, Cause::Inserted),
            Link::Unchained => {}
            Link::Prev(prev) => {
                self.started = true;
                match self.named(prev) {
                    Some(parent) => self.decide(parent),
                    None => {
                        self.broken(number, Cause::EditedOrRemoved);
                        self.undecided.push(self.breaks.len() - 1);
                    }
                }
            }
        }
        if let Some(bytes) = bytes {
            self.seen.entry(blake3::hash(bytes)).or_insert(number);
        }
    }

    /// Every line that breaks the chain, in order.
    pub fn finish(self) -> Vec<Break> {
        self.breaks
    }

    fn named(&self, prev: &str) -> Option<usize> {
        let hash = blake3::Hash::from_hex(prev).ok()?;
        self.seen.get(&hash).copied()
    }

    fn broken(&mut self, line: usize, cause: Cause) {
        self.breaks.push(Break { line, cause });
    }

    /// A record chained to line `parent` passes over every undecided break after that line:
    /// those lines were put in.
    fn decide(&mut self, parent: usize) {
        for index in self.undecided.drain(..) {
            let found = &mut self.breaks[index];
            if found.line > parent {
                found.cause = Cause::Inserted;
            }
        }
    }
}

/// The head of the file named `name` at `len` bytes (docs/rules.md §10.7): a hash over its
/// path and its first `len` bytes, as `reader` reads them from its start, or `None` when the
/// file is shorter than that.
pub fn head(name: &str, reader: impl Read, len: u64) -> io::Result<Option<String>> {
    let mut hasher = blake3::Hasher::new_derive_key(HEAD_CONTEXT);
    hasher.update(name.as_bytes());
    hasher.update(&[0]);
    let copied = io::copy(&mut reader.take(len), &mut hasher)?;
    Ok((copied == len).then(|| hasher.finalize().to_hex().to_string()))
}

const HEAD_CONTEXT: &str = "otss 2026 ledger file head";

/// The fingerprint of a ledger whose files stand as `files` say (docs/rules.md §10.7), in the
/// form read out to a customer: 32 hex digits in 8 groups of 4.
pub fn fingerprint(files: &[FileHead]) -> String {
    let mut sorted: Vec<&FileHead> = files.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    let mut hasher = blake3::Hasher::new_derive_key(FINGERPRINT_CONTEXT);
    for file in sorted {
        let entry = format!("{}\0{}\0{}\n", file.file, file.len, file.head);
        hasher.update(entry.as_bytes());
    }
    let hex = hasher.finalize().to_hex();
    speakable(&hex[..FINGERPRINT_DIGITS])
}

const FINGERPRINT_CONTEXT: &str = "otss 2026 ledger fingerprint";
const FINGERPRINT_DIGITS: usize = 32;

fn speakable(hex: &str) -> String {
    let groups: Vec<&str> = (0..hex.len())
        .step_by(4)
        .map(|at| &hex[at..(at + 4).min(hex.len())])
        .collect();
    groups.join("-")
}

/// A fingerprint as someone typed it (any case, groups apart or together), in the form otss
/// prints it; `None` when it is not one.
pub fn read_fingerprint(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let valid = digits.len() == FINGERPRINT_DIGITS && digits.chars().all(|c| c.is_ascii_hexdigit());
    valid.then(|| speakable(&digits))
}

#[cfg(test)]
mod tests;
