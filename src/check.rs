//! `otss check`: whether every ledger file is intact (docs/rules.md §8, §9, §10). Reads every line
//! of every file, as the files are the only source of truth, and names each problem with where it
//! is and what to do about it.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{self, Read};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::contract::Contract;
use crate::ledger::chain::{Break, Cause, Link, Walk};
use crate::ledger::lines::{Lines, Text};
use crate::ledger::{EntryFault, LedgerError, LineFault, Refused, file_stem, read_line};
use crate::record::entry::Doubt;
use crate::record::{Event, Record};
use crate::time::rfc3339;

/// What is wrong at a place in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The last line is part of a record: a write was interrupted.
    TornTail,
    /// Part of a record from an interrupted write, with later records after it.
    TornWrite,
    /// The last line is a whole record still waiting for its newline.
    NoNewline,
    /// A line that is not a record (changed by hand, or damaged on disk).
    NotARecord { reason: String },
    /// Bytes that are not UTF-8 text.
    NotUtf8,
    /// A record about an incident under an id otss never makes.
    BadIncidentId { id: String },
    /// A line longer than any record may be, passed over unread.
    LineTooLong { len: u64 },
    /// A record of a newer schema than this otss reads; the rest of the file is not read.
    NewerVersion { found: u32 },
    /// The same record again, as a copied file leaves it.
    DuplicateId { id: String, first: String },
    /// A record kept under another month than its own.
    WrongMonth { month: String },
    /// A record by another engineer than the one whose file it is in.
    WrongWriter { by: String },
    /// A symbolic link where a ledger file or month belongs: never followed.
    Symlink,
    /// Something other than a regular file (a FIFO, a device, a directory) where a ledger
    /// file belongs, or other than a directory where a month belongs: never read.
    NotAFile,
    /// Something other than a directory where a month's directory belongs: never read.
    NotADirectory,
    /// A file name that is not UTF-8 text or holds a hidden character: never read.
    BadName,
    /// A record whose `prev` names no earlier line of its file, or a record without `prev`
    /// after its file's chain began (docs/rules.md §10.6), with the likely cause.
    ChainBroken { cause: Cause },
    /// A record that claims to have been entered before it happened, or more than a day
    /// before its file's month began: it counts nowhere (docs/rules.md §10.5).
    EntryTime { at: String, entered_at: String },
    /// A record that happened after now: it counts nowhere.
    Future { at: String },
    /// A record of a kind the contract term bounds, dated outside the term: it counts nowhere.
    OutOfTerm { date: NaiveDate },
    /// A second opening of an incident already opened at `first`; the one entered first is the
    /// incident.
    DuplicateIncident { incident: String, first: String },
    /// More problems in the file than are listed one by one.
    MoreProblems { count: usize },
}

/// What the records are judged against: the contract (its term and zone) and now.
pub struct Judge {
    pub contract: Contract,
    pub now: DateTime<Utc>,
}

/// How many problems of one file are listed one by one; the rest are counted, so that a file
/// of millions of damaged lines is checked in little memory.
const LISTED_PER_FILE: usize = 1000;

/// A problem and where it is: the file or directory (relative to the ledger) and, for a
/// problem of one line, its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub file: String,
    pub line: Option<usize>,
    #[serde(flatten)]
    pub problem: Problem,
}

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub files: usize,
    pub records: usize,
    pub problems: Vec<Found>,
}

impl Checked {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// Where chains break, in the order found.
    pub fn chain_breaks(&self) -> impl Iterator<Item = Break> + '_ {
        self.problems
            .iter()
            .filter_map(|found| match found.problem {
                Problem::ChainBroken { cause } => Some(Break {
                    line: found.line?,
                    cause,
                }),
                _ => None,
            })
    }
}

/// What an id is the id of, where one id may be seen twice.
#[derive(Clone, Copy)]
enum Named {
    Record,
    Opening,
}

/// An id of `named` as 64 bits: two equal ids always have the same, two different ones
/// almost never.
fn hashed(named: Named, id: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    (named as u8, id).hash(&mut hasher);
    hasher.finish()
}

/// The ids of a ledger's records and of the incidents they open, as gathered by a first
/// reading of every file, so that the check after it keeps where an id was first seen only
/// for the ids that may be seen twice: a ledger of millions of records is checked in a few
/// bytes a record. Ids of different hashes are surely different; those of one hash are told
/// apart by the check, so a crafted id can cost memory, never hide a repeat.
#[derive(Default)]
pub struct Census {
    hashes: Vec<u64>,
}

impl Census {
    /// Reads the ids of a ledger file as `Checker::file` reads its records.
    pub fn file(&mut self, name: &str, reader: impl Read) -> io::Result<()> {
        let mut lines = Lines::new(reader, 0, 1);
        while let Some(raw) = lines.next_line()? {
            let Ok(line) = read_line(name, &raw) else {
                break;
            };
            let Some(record) = line.record else {
                continue;
            };
            self.hashes.push(hashed(Named::Record, &record.id));
            if let Event::IncidentOpened(opened) = &record.event {
                self.hashes.push(hashed(Named::Opening, &opened.incident));
            }
        }
        Ok(())
    }

    /// The hashes seen more than once.
    pub fn repeated(mut self) -> Repeated {
        self.hashes.sort_unstable();
        let twice = self.hashes.windows(2).filter(|pair| pair[0] == pair[1]);
        Repeated(twice.map(|pair| pair[0]).collect())
    }
}

/// The hashes of the ids a census saw more than once.
pub struct Repeated(HashSet<u64>);

/// A check under way, fed the ledger's entries one by one.
#[derive(Default)]
pub struct Checker {
    checked: Checked,
    /// Where each record id that may be seen twice was first seen.
    seen: BTreeMap<String, String>,
    /// How many problems each file has.
    counts: BTreeMap<String, usize>,
    /// Where each incident that may be opened twice was first opened.
    openings: BTreeMap<String, String>,
    judge: Option<Judge>,
    /// The ids that may be seen twice, when a census found them; else every id may be.
    repeated: Option<Repeated>,
}

impl Checker {
    /// A check that also judges each record's times against the contract and now.
    pub fn judging(judge: Judge) -> Checker {
        Checker {
            judge: Some(judge),
            ..Checker::default()
        }
    }

    /// The same check, keeping where an id was first seen only for the ids a census of the
    /// same files saw more than once.
    pub fn knowing(self, repeated: Repeated) -> Checker {
        Checker {
            repeated: Some(repeated),
            ..self
        }
    }

    /// Whether an id may be seen twice.
    fn may_repeat(&self, named: Named, id: &str) -> bool {
        (self.repeated.as_ref()).is_none_or(|repeated| repeated.0.contains(&hashed(named, id)))
    }

    /// An entry of the ledger that was not read.
    pub fn refused(&mut self, refused: &Refused) {
        let problem = match refused.fault {
            EntryFault::Symlink => Problem::Symlink,
            EntryFault::NotAFile => Problem::NotAFile,
            EntryFault::NotADirectory => Problem::NotADirectory,
            EntryFault::BadName => Problem::BadName,
        };
        self.checked.problems.push(Found {
            file: refused.name.clone(),
            line: None,
            problem,
        });
    }

    /// Checks a ledger file named `name` (`YYYY-MM/STEM.jsonl`) line by line as `reader`
    /// yields it.
    pub fn file(&mut self, name: &str, reader: impl Read) -> io::Result<()> {
        self.checked.files += 1;
        let mut lines = Lines::new(reader, 0, 1);
        let mut chain = Walk::new(name);
        while let Some(raw) = lines.next_line()? {
            let line = match read_line(name, &raw) {
                Ok(line) => line,
                Err(LedgerError::NewerVersion { line, found, .. }) => {
                    self.found(name, line, Problem::NewerVersion { found });
                    break;
                }
                Err(LedgerError::Unsettled) => break,
            };
            if let Some(fault) = line.fault.clone() {
                let raw_bytes = match raw.text {
                    Text::Bytes(bytes) => bytes,
                    Text::TooLong(_) => &[],
                };
                self.found(name, line.number, problem_of(fault, raw_bytes));
            }
            let bytes = match raw.text {
                Text::Bytes(bytes) => Some(bytes),
                Text::TooLong(_) => None,
            };
            let link = line.record.as_ref().map_or(Link::NotARecord, |record| {
                record.prev.as_deref().map_or(Link::Unchained, Link::Prev)
            });
            chain.line(line.number, bytes, link);
            if let Some(record) = line.record {
                self.record(name, line.number, record);
            }
        }
        for Break { line, cause } in chain.finish() {
            self.found(name, line, Problem::ChainBroken { cause });
        }
        Ok(())
    }

    pub fn finish(mut self) -> Checked {
        for (file, count) in self.counts {
            if count > LISTED_PER_FILE {
                let count = count - LISTED_PER_FILE;
                self.checked.problems.push(Found {
                    file,
                    line: None,
                    problem: Problem::MoreProblems { count },
                });
            }
        }
        self.checked
    }

    /// Where a record belongs, and whether it was seen before.
    fn record(&mut self, name: &str, number: usize, record: Record) {
        self.checked.records += 1;
        let (month, stem) = name
            .strip_suffix(".jsonl")
            .and_then(|n| n.split_once('/'))
            .unwrap_or_default();
        self.identified(Named::Record, name, number, &record.id);
        let own_month = record.at.format("%Y-%m").to_string();
        if own_month != month {
            self.found(name, number, Problem::WrongMonth { month: own_month });
        }
        if let Some(problem) = self.doubt(&record, month) {
            self.found(name, number, problem);
        }
        if let Event::IncidentOpened(opened) = &record.event {
            self.identified(Named::Opening, name, number, &opened.incident);
        }
        if file_stem(&record.by) != stem {
            self.found(name, number, Problem::WrongWriter { by: record.by });
        }
    }

    /// What is doubtful about a record's times, in a file of `month` (docs/rules.md §10.5).
    fn doubt(&self, record: &Record, month: &str) -> Option<Problem> {
        let zone = self.judge.as_ref().map_or(Tz::UTC, |j| j.contract.timezone);
        let entry_time = || Problem::EntryTime {
            at: rfc3339(record.instant(), zone),
            entered_at: record
                .entered_at()
                .map(|t| rfc3339(t, zone))
                .unwrap_or_default(),
        };
        if let Some(judge) = &self.judge {
            match record.doubt(&judge.contract, judge.now) {
                Some(Doubt::Future { at }) => {
                    let at = rfc3339(at.with_timezone(&Utc), zone);
                    return Some(Problem::Future { at });
                }
                Some(Doubt::OutOfTerm { date }) => return Some(Problem::OutOfTerm { date }),
                Some(Doubt::EnteredBefore { .. }) => return Some(entry_time()),
                None => {}
            }
        }
        let began = month_began(month, zone)?;
        let early =
            record.entered_before_it_happened().is_some() || record.entered_before_month(began);
        early.then(entry_time)
    }

    /// An id of `named` seen at this place: a second record of one id, or a second opening
    /// of one incident, is named with where the first is.
    fn identified(&mut self, named: Named, name: &str, number: usize, id: &str) {
        if !self.may_repeat(named, id) {
            return;
        }
        let firsts = match named {
            Named::Record => &mut self.seen,
            Named::Opening => &mut self.openings,
        };
        let Some(first) = firsts.get(id).cloned() else {
            firsts.insert(id.to_string(), format!("{name}:{number}"));
            return;
        };
        let (id, first) = (id.to_string(), first);
        let problem = match named {
            Named::Record => Problem::DuplicateId { id, first },
            Named::Opening => Problem::DuplicateIncident {
                incident: id,
                first,
            },
        };
        self.found(name, number, problem);
    }

    fn found(&mut self, file: &str, line: usize, problem: Problem) {
        let count = self.counts.entry(file.to_string()).or_default();
        *count += 1;
        if *count > LISTED_PER_FILE {
            return;
        }
        self.checked.problems.push(Found {
            file: file.to_string(),
            line: Some(line),
            problem,
        });
    }
}

/// What `check` calls a line's fault; `raw` is the line's bytes (none for a line too long).
fn problem_of(fault: LineFault, raw: &[u8]) -> Problem {
    match fault {
        LineFault::Torn => Problem::TornTail,
        LineFault::NoNewline => Problem::NoNewline,
        LineFault::NotUtf8 => Problem::NotUtf8,
        LineFault::TooLong { len } => Problem::LineTooLong { len },
        LineFault::NotARecord { .. } if cut_short(raw) => Problem::TornWrite,
        LineFault::NotARecord { reason } => Problem::NotARecord { reason },
        LineFault::BadIncidentId { id } => Problem::BadIncidentId { id },
    }
}

/// Checks ledger files in memory, each given by its name (`YYYY-MM/STEM.jsonl`) and its bytes.
pub fn check<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])> + Clone) -> Checked {
    let mut census = Census::default();
    // Reading from memory cannot fail.
    for (name, bytes) in files.clone() {
        let _ = census.file(name, bytes);
    }
    let mut checker = Checker::default().knowing(census.repeated());
    for (name, bytes) in files {
        let _ = checker.file(name, bytes);
    }
    checker.finish()
}

/// When a month (`YYYY-MM`) began in `zone`.
fn month_began(month: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let midnight = first.and_hms_opt(0, 0, 0)?;
    Some(
        midnight
            .and_local_timezone(zone)
            .earliest()?
            .with_timezone(&Utc),
    )
}

/// Whether a line is the start of a record cut short: JSON that ends before the object does,
/// as an interrupted write leaves it.
fn cut_short(raw: &[u8]) -> bool {
    raw.starts_with(b"{\"v\":")
        && serde_json::from_slice::<serde_json::Value>(raw).is_err_and(|e| e.is_eof())
}

#[cfg(test)]
mod tests;
