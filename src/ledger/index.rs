//! A derived index of the ledger's incidents, so that the daily commands read only what is new.
//!
//! The ledger files are the only source of truth. The index remembers, for every file, its size
//! and modification time, how far it has been read and a checksum of the bytes read; and for
//! every incident, where its records are and whether it is open. On each use it is checked
//! against the files: a file whose size and modification time are unchanged is not read at
//! all; a changed file is read, and if the bytes read before are still the same, only what
//! was appended is folded in. A file that vanished or shrank, or whose earlier bytes changed
//! (a hand edit, a rewritten history), makes the index rebuild from scratch. A lost or damaged
//! index costs one full read, never a record.
//!
//! `otss incident list --open` and `otss status` then read only the records of the open
//! incidents, however many years the ledger holds.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hasher};

use serde::{Deserialize, Serialize};

use super::{LedgerError, LineError, LineProblem, Record, parse_line};
use crate::incident::{self, Status};

/// Bumped whenever the index's shape or meaning changes; an index of another version is
/// rebuilt.
const INDEX_VERSION: u32 = 1;

/// A ledger file as the file system reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    pub name: String,
    pub len: u64,
    /// Modification time in nanoseconds, where the file system keeps one.
    pub modified: Option<u128>,
}

/// Read access to the ledger files; the store implements it on disk.
pub trait Source {
    type Error: From<LedgerError>;
    fn files(&self) -> Result<Vec<FileStat>, Self::Error>;
    /// The bytes `from..to` of a file.
    fn read(&self, name: &str, from: u64, to: u64) -> Result<Vec<u8>, Self::Error>;
}

/// How far a file has been read, and how it looked then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FileMark {
    len: u64,
    modified: Option<u128>,
    /// Bytes read and indexed.
    read: u64,
    /// Lines begun in those bytes.
    lines: usize,
    /// The last line read had no newline yet (a record written without its end).
    open_line: bool,
    /// Checksum of the bytes read.
    checksum: u64,
}

impl FileMark {
    fn unchanged(&self, stat: &FileStat) -> bool {
        stat.modified.is_some() && self.len == stat.len && self.modified == stat.modified
    }
}

/// What a refresh found.
enum Update {
    Read {
        changed: bool,
    },
    /// Bytes already indexed are gone or changed: the index must be rebuilt.
    Stale,
}

/// Where a record is: a file (by its number in `files`), a byte offset and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    file: u32,
    offset: u64,
    len: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct IncidentMark {
    open: bool,
    records: Vec<Location>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    version: u32,
    files: Vec<String>,
    marks: BTreeMap<String, FileMark>,
    incidents: BTreeMap<String, IncidentMark>,
    /// Lines that are not records, reported on every read as a full read would.
    problems: Vec<LineProblem>,
    /// Last lines without a newline, found on this read.
    #[serde(skip)]
    unfinished: Vec<LineProblem>,
}

pub(super) const TORN: &str = "torn last line from an interrupted write; safe to leave";
pub(super) const NO_NEWLINE: &str = "no newline at the end of the file";

fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

impl Index {
    /// Brings `previous` (if any) up to date with the files; returns the index and whether
    /// it changed.
    pub fn refresh<S: Source>(
        previous: Option<Index>,
        source: &S,
    ) -> Result<(Index, bool), S::Error> {
        let stats = source.files()?;
        if let Some(mut index) = previous.filter(|i| i.version == INDEX_VERSION)
            && let Update::Read { changed } = index.update(&stats, source)?
        {
            return Ok((index, changed));
        }
        let mut index = Index {
            version: INDEX_VERSION,
            ..Index::default()
        };
        index.update(&stats, source)?;
        Ok((index, true))
    }

    /// Reads what was appended to every changed file.
    fn update<S: Source>(&mut self, stats: &[FileStat], source: &S) -> Result<Update, S::Error> {
        if self
            .marks
            .keys()
            .any(|name| !stats.iter().any(|s| &s.name == name))
        {
            return Ok(Update::Stale);
        }
        let mut fresh: BTreeMap<Location, Record> = BTreeMap::new();
        let mut changed = false;
        self.unfinished.clear();
        for stat in stats {
            let mark = self.marks.get(&stat.name).cloned().unwrap_or_default();
            if !mark.unchanged(stat) {
                changed = true;
                let bytes = source.read(&stat.name, 0, stat.len)?;
                let read = mark.read as usize;
                let same_before =
                    read == 0 || (bytes.len() >= read && checksum(&bytes[..read]) == mark.checksum);
                // A line read whole without its newline may only be followed by that newline.
                let line_kept = !mark.open_line || bytes.get(read).is_none_or(|b| *b == b'\n');
                if !same_before || !line_kept {
                    return Ok(Update::Stale);
                }
                let file = self.file_number(&stat.name);
                let mut next =
                    self.read_lines(file, &stat.name, &mark, &bytes[read..], &mut fresh)?;
                next.checksum = checksum(&bytes[..next.read as usize]);
                next.len = stat.len;
                next.modified = stat.modified;
                self.marks.insert(stat.name.clone(), next);
            }
            self.note_unfinished(stat);
        }
        let mut touched = BTreeSet::new();
        for (location, record) in &fresh {
            if let Some(id) = incident::subject(&record.event) {
                let mark = self.incidents.entry(id.to_string()).or_default();
                mark.records.push(*location);
                touched.insert(id.to_string());
            }
        }
        for id in &touched {
            let records = self.records_of(id, source, &fresh)?;
            let open = incident::fold(&records)
                .first()
                .is_some_and(|i| i.status == Status::Open);
            if let Some(mark) = self.incidents.get_mut(id) {
                mark.open = open;
            }
        }
        Ok(Update::Read { changed })
    }

    /// A file's last line without a newline is reported as a full read reports it: a torn
    /// write when it was left unread, a missing newline when it is a whole record.
    fn note_unfinished(&mut self, stat: &FileStat) {
        let Some(mark) = self.marks.get(&stat.name) else {
            return;
        };
        let (line, reason) = if stat.len > mark.read {
            (mark.lines + 1, TORN)
        } else if mark.open_line {
            (mark.lines, NO_NEWLINE)
        } else {
            return;
        };
        self.unfinished.push(LineProblem {
            file: stat.name.clone(),
            line,
            reason: reason.to_string(),
        });
    }

    fn file_number(&mut self, name: &str) -> u32 {
        match self.files.iter().position(|f| f == name) {
            Some(n) => n as u32,
            None => {
                self.files.push(name.to_string());
                (self.files.len() - 1) as u32
            }
        }
    }

    /// Parses the complete lines of `bytes` (read from `mark.read` on), and a last line
    /// without newline when it is a whole record; returns the new mark.
    fn read_lines(
        &mut self,
        file: u32,
        name: &str,
        mark: &FileMark,
        bytes: &[u8],
        fresh: &mut BTreeMap<Location, Record>,
    ) -> Result<FileMark, LedgerError> {
        let mut next = mark.clone();
        // After a line read without its newline, the first byte is that newline.
        let mut start = usize::from(mark.open_line);
        next.read = mark.read + start as u64;
        next.open_line = false;
        while start < bytes.len() {
            let line = next.lines + 1;
            let end = bytes[start..]
                .iter()
                .position(|b| *b == b'\n')
                .map(|p| start + p);
            let raw = &bytes[start..end.unwrap_or(bytes.len())];
            let parsed = std::str::from_utf8(raw)
                .map_err(|_| LineError::Invalid("not UTF-8 text".to_string()))
                .and_then(parse_line);
            let location = Location {
                file,
                offset: mark.read + start as u64,
                len: raw.len() as u32,
            };
            match (parsed, end) {
                (Err(LineError::Newer(found)), _) => {
                    return Err(LedgerError::NewerVersion {
                        file: name.to_string(),
                        line,
                        found,
                    });
                }
                // A torn line is left unread, and reported, until more is written after it.
                (Err(LineError::Invalid(_)), None) => break,
                (Err(LineError::Invalid(reason)), Some(_)) => self.problems.push(LineProblem {
                    file: name.to_string(),
                    line,
                    reason,
                }),
                (Ok(record), end) => {
                    fresh.extend(record.map(|r| (location, r)));
                    next.open_line = end.is_none();
                }
            }
            next.lines = line;
            start = end.map_or(bytes.len(), |e| e + 1);
            next.read = mark.read + start as u64;
        }
        Ok(next)
    }

    /// The records of one incident, read from the ledger by their locations.
    fn records_of<S: Source>(
        &self,
        id: &str,
        source: &S,
        fresh: &BTreeMap<Location, Record>,
    ) -> Result<Vec<Record>, S::Error> {
        let Some(mark) = self.incidents.get(id) else {
            return Ok(Vec::new());
        };
        let mut records = Vec::with_capacity(mark.records.len());
        for location in &mark.records {
            if let Some(record) = fresh.get(location) {
                records.push(record.clone());
                continue;
            }
            let name = &self.files[location.file as usize];
            let end = location.offset + u64::from(location.len);
            let bytes = source.read(name, location.offset, end)?;
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(Some(record)) = parse_line(&text) {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// The lines that are not records, as a full read reports them.
    pub fn problems(&self) -> Vec<&LineProblem> {
        let mut problems: Vec<&LineProblem> =
            self.problems.iter().chain(&self.unfinished).collect();
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems
    }

    /// Ids of the incidents that are open.
    pub fn open_ids(&self) -> Vec<&str> {
        self.incidents
            .iter()
            .filter(|(_, mark)| mark.open)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Ids of every incident.
    pub fn ids(&self) -> Vec<&str> {
        self.incidents.keys().map(String::as_str).collect()
    }

    /// The records of the incidents `ids`.
    pub fn records<S: Source>(&self, ids: &[&str], source: &S) -> Result<Vec<Record>, S::Error> {
        let mut records = Vec::new();
        for id in ids {
            records.extend(self.records_of(id, source, &BTreeMap::new())?);
        }
        Ok(records)
    }
}

impl PartialOrd for Location {
    fn partial_cmp(&self, other: &Location) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Location {
    fn cmp(&self, other: &Location) -> std::cmp::Ordering {
        (self.file, self.offset).cmp(&(other.file, other.offset))
    }
}

#[cfg(test)]
mod tests;
