//! The ledger's records (docs/rules.md §8): one JSON object per line, append-only.
//!
//! Every record starts with the envelope keys `v`, `id`, `at`, `by` and `type`, then carries
//! the fields of its type. A correction is a new record; nothing is rewritten.
//!
//! # Files
//!
//! The ledger is a directory of JSON-lines files, `YYYY-MM/ENGINEER.jsonl`: one file per
//! engineer per month of the records' `at` in the contract's zone. Each engineer appends only
//! to their own files, so copies synced by git or a shared drive never conflict; readers merge
//! every file by time. Partitioning by month keeps the daily commands and the month reports
//! reading only the months they need, however many years the ledger holds.
use crate::record::{Record, SCHEMA_VERSION};

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub mod chain;
pub mod index;
pub mod lines;
pub mod progress;

use lines::{Lines, RawLine, Text};

/// The month partition a record at `at` belongs to: `YYYY-MM` in the contract's zone.
pub fn partition(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m").to_string()
}

/// The first day of a partition named `YYYY-MM`, if the name is exactly one.
pub fn partition_month(name: &str) -> Option<NaiveDate> {
    let first = NaiveDate::parse_from_str(&format!("{name}-01"), "%Y-%m-%d").ok()?;
    (first.format("%Y-%m").to_string() == name).then_some(first)
}

/// The longest file name part an engineer's name may make: with `.jsonl`, within the 255 bytes
/// a file name may have on common file systems.
const MAX_STEM: usize = 240;

/// A name that cannot be the writer of records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineerError {
    /// A name holding a character that cannot be seen.
    Hidden(String),
    /// A name too long for a file name, of this many characters.
    TooLong { chars: usize },
}

/// Checks that `engineer` can write records: a name that shows as it is, short enough for the
/// name of its files.
pub fn check_engineer(engineer: &str) -> Result<(), EngineerError> {
    if engineer.contains(crate::text::is_invisible) {
        return Err(EngineerError::Hidden(engineer.to_string()));
    }
    if file_stem(engineer).len() > MAX_STEM {
        return Err(EngineerError::TooLong {
            chars: engineer.chars().count(),
        });
    }
    Ok(())
}

/// The file name part for an engineer: lowercase ASCII letters, digits, `.`, `_` and `-`
/// kept; every other byte written as `%XX`, so that no name can leave the directory. Names
/// that differ only in case share a file: a case-insensitive file system could not keep them
/// apart.
pub fn file_stem(engineer: &str) -> String {
    let mut stem = String::with_capacity(engineer.len());
    for (i, byte) in engineer.trim().to_lowercase().bytes().enumerate() {
        let plain =
            byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-') || (byte == b'.' && i > 0);
        if plain {
            stem.push(char::from(byte));
        } else {
            let _ = write!(stem, "%{byte:02X}");
        }
    }
    stem
}

/// How far into a line otss writes the `type` key: after `v`, `id`, `at` and `by`.
const TYPE_WITHIN: usize = 200;

/// The type of the record on a line, as otss writes it (`"type":"…"` among the first keys),
/// without parsing the line; `None` where it is not found so (a line written by hand is then
/// to be read in full).
pub fn written_type(line: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\"type\":\"";
    let head = &line[..line.len().min(TYPE_WITHIN)];
    let start = head.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let end = start + head[start..].iter().position(|b| *b == b'"')?;
    std::str::from_utf8(&head[start..end]).ok()
}

/// Why an entry of the ledger directory is neither read nor written: otss never follows a
/// symbolic link inside the ledger, and reads only regular files (a FIFO would hang a read, a
/// device is no ledger file). The ledger directory itself may be a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryFault {
    Symlink,
    NotAFile,
    /// Something other than a directory where a month's directory belongs.
    NotADirectory,
    /// A name that is not UTF-8 text or holds a hidden character: otss never writes one, and
    /// could neither show it as it is nor open it again by it.
    BadName,
}

/// An entry of the ledger directory passed over, by its name relative to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub name: String,
    pub fault: EntryFault,
}

/// What is wrong with a line that is not a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineFault {
    /// A last line that is not a whole record: a write was interrupted (or is under way). It
    /// may still be completed, so it is not read yet.
    Torn,
    /// A whole record on the last line, still without its newline.
    NoNewline,
    NotUtf8,
    /// Longer than any record may be (`lines::MAX_LINE`): passed over unread.
    TooLong {
        len: u64,
    },
    /// Text, but not a record: why, as the JSON reader says.
    NotARecord {
        reason: String,
    },
    /// A record about an incident under an id no one could type (`ids::is_typable_id`).
    BadIncidentId {
        id: String,
    },
}

/// A line that is not a record, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// The file, relative to the ledger directory.
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub fault: LineFault,
}

/// How many lines that are not records are told one by one for each file; the rest are
/// counted. A file of a million damaged lines must not cost a million warnings, nor the memory
/// to keep them.
pub const TOLD_PER_FILE: usize = 20;

/// The lines that are not records, as far as they are told one by one: the first
/// `TOLD_PER_FILE` of each file, and how many each file has in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problems {
    told: Vec<LineProblem>,
    counts: BTreeMap<String, usize>,
}

impl Problems {
    /// Notes a problem: told when its file has had fewer than `TOLD_PER_FILE`, else counted.
    pub fn note(&mut self, problem: LineProblem) {
        let count = self.counts.entry(problem.file.clone()).or_default();
        *count += 1;
        if *count <= TOLD_PER_FILE {
            self.told.push(problem);
        }
    }

    /// Notes each of `problems`.
    pub fn extend(&mut self, problems: impl IntoIterator<Item = LineProblem>) {
        for problem in problems {
            self.note(problem);
        }
    }

    /// The problems told one by one.
    pub fn told(&self) -> &[LineProblem] {
        &self.told
    }

    /// The files with more problems than are told, and how many more.
    pub fn untold(&self) -> impl Iterator<Item = (&str, usize)> {
        self.counts
            .iter()
            .filter(|(_, count)| **count > TOLD_PER_FILE)
            .map(|(file, count)| (file.as_str(), count - TOLD_PER_FILE))
    }
}

/// A ledger this binary cannot read safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// A record of a schema newer than `SCHEMA_VERSION`, at a line of a file.
    NewerVersion {
        file: String,
        line: usize,
        found: u32,
    },
    /// The ledger kept changing while it was read.
    Unsettled,
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

/// One line of a ledger file, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based.
    pub number: usize,
    /// Where the line starts in the bytes read, and its length without the newline.
    pub start: usize,
    pub len: usize,
    pub record: Option<Record>,
    /// What to report about the line, if anything.
    pub fault: Option<LineFault>,
    /// Whether a newline ends it.
    pub terminated: bool,
}

impl Line {
    /// False only for a torn last line: it may still be completed, so it is not read yet.
    pub fn complete(&self) -> bool {
        self.terminated || self.record.is_some()
    }

    /// What to report about it, and where.
    pub fn problem(&self, file: &str) -> Option<LineProblem> {
        self.fault.clone().map(|fault| LineProblem {
            file: file.to_string(),
            line: self.number,
            fault,
        })
    }
}

/// Reads the lines of `bytes` (a file, or what follows a point already read in it), numbering
/// them from `first_number`. Blank lines hold nothing. A last line without a newline is either
/// a whole record (kept, and reported as missing its newline) or a torn write (reported, and
/// not complete). A record of a newer schema is an error: this binary cannot read it safely.
pub fn read_lines(file: &str, bytes: &[u8], first_number: usize) -> Result<Vec<Line>, LedgerError> {
    let mut lines = Vec::new();
    let mut stream = Lines::with_buffer(bytes, 0, first_number, bytes.len() + 1);
    // Reading from memory cannot fail.
    while let Ok(Some(raw)) = stream.next_line() {
        lines.push(read_line(file, &raw)?);
    }
    Ok(lines)
}

/// The record of the line at the start of `bytes`, read from where the index located one in
/// `file`: `None` when no record is there.
pub fn read_located(file: &str, bytes: &[u8]) -> Result<Option<Record>, LedgerError> {
    Ok(read_line(file, &lines::first_line(bytes))?.record)
}

/// Reads one line as it streamed by: a record, nothing (a blank line), or what is wrong
/// with it.
pub fn read_line(file: &str, raw: &RawLine) -> Result<Line, LedgerError> {
    let (record, fault) = match raw.text {
        Text::TooLong(len) => (None, Some(LineFault::TooLong { len })),
        Text::Bytes(bytes) => match parse_line(bytes) {
            Ok(record) => (record, None),
            Err(LineError::Newer(found)) => {
                return Err(LedgerError::NewerVersion {
                    file: file.to_string(),
                    line: raw.number,
                    found,
                });
            }
            Err(LineError::Invalid(fault)) => (None, Some(fault)),
        },
    };
    let fault = match (raw.terminated, &record) {
        (true, _) => fault,
        (false, Some(_)) => Some(LineFault::NoNewline),
        (false, None) => Some(LineFault::Torn),
    };
    Ok(Line {
        number: raw.number,
        start: raw.start as usize,
        len: raw.length() as usize,
        record,
        fault,
        terminated: raw.terminated,
    })
}

/// Every record of a file, and what is reported about its lines: a whole read, the
/// reference the index is tested against.
#[cfg(test)]
pub fn read_file(file: &str, bytes: &[u8]) -> Result<(Vec<Record>, Vec<LineProblem>), LedgerError> {
    let lines = read_lines(file, bytes, 1)?;
    let problems = lines.iter().filter_map(|line| line.problem(file)).collect();
    Ok((
        lines.into_iter().filter_map(|l| l.record).collect(),
        problems,
    ))
}

/// Reads one line's bytes: a record, or nothing for a blank line.
fn parse_line(raw: &[u8]) -> Result<Option<Record>, LineError> {
    let text = std::str::from_utf8(raw).map_err(|_| LineError::Invalid(LineFault::NotUtf8))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let newer = |v: u32| (v > SCHEMA_VERSION).then_some(LineError::Newer(v));
    match Record::from_line(text) {
        Ok(record) => match newer(record.v) {
            Some(error) => Err(error),
            None => usable(record).map(Some),
        },
        Err(error) => {
            let version = serde_json::from_str::<VersionOnly>(text).ok();
            match version.and_then(|only| newer(only.v)) {
                Some(newer) => Err(newer),
                None => Err(LineError::Invalid(LineFault::NotARecord {
                    reason: error.to_string(),
                })),
            }
        }
    }
}

/// A record parsed, if otss can use it: a record about an incident must name it by an id of
/// the form otss makes.
fn usable(record: Record) -> Result<Record, LineError> {
    match crate::incident::subject(&record.event) {
        Some(id) if !crate::ids::is_typable_id(id) => {
            Err(LineError::Invalid(LineFault::BadIncidentId {
                id: id.to_string(),
            }))
        }
        _ => Ok(record),
    }
}

/// Why a line is not a record this binary can use.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LineError {
    Invalid(LineFault),
    Newer(u32),
}

#[cfg(test)]
mod tests;
