//! A derived index of the ledger's incidents, so that the daily commands read only what is new.
//!
//! The ledger files are the only source of truth. The index remembers, for every file, how it
//! looked (size, modification and change times, inode), how far it has been read and a
//! checksum of the bytes read; and for every incident, where its records are and whether it is
//! open. On each use it is checked against the files: a file that looks the same is not read
//! at all; a changed file is read, and if the bytes read before are still the same, only what
//! was appended is folded in. A file that vanished or shrank, earlier bytes that changed (a
//! hand edit, a rewritten history), a record that is no longer where the index says, or an
//! index written by another version of otss, make the index rebuild from the files. A lost or
//! damaged index costs one full read, never a record.
//!
//! `otss incident list --open` and `otss status` then read only the records of the open
//! incidents, however many years the ledger holds. The index also keeps which service reports
//! were issued and when, so that what is due is known without reading the term's records.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{LedgerError, LineProblem, NO_NEWLINE, Record, TORN, read_lines};
use crate::incident::{self, Status};
use crate::report;

/// Bumped whenever the index's shape changes. The binary's version is stored too, so that an
/// index folded by another otss (which may read records differently) is rebuilt.
const INDEX_FORMAT: u32 = 3;

fn index_version() -> String {
    format!("{INDEX_FORMAT}/{}", env!("CARGO_PKG_VERSION"))
}

/// FNV-1a, 64 bits: a checksum that stays the same across platforms and releases (the
/// standard library's hasher promises neither).
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A ledger file as the file system reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    pub name: String,
    pub len: u64,
    /// Modification time, change time (in nanoseconds) and inode, where the file system keeps
    /// them: any write changes one of them.
    pub modified: Option<u128>,
    pub changed: Option<u128>,
    pub inode: Option<u64>,
}

/// Read access to the ledger files; the store implements it on disk.
pub trait Source {
    type Error: From<LedgerError>;
    fn files(&self) -> Result<Vec<FileStat>, Self::Error>;
    /// The bytes of each range of a file, in order (shorter where the file ends sooner).
    fn read(&self, name: &str, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>, Self::Error>;
}

/// How far a file has been read, and how it looked then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FileMark {
    stat: FileStat,
    /// Bytes read and indexed.
    read: u64,
    /// Lines begun in those bytes.
    lines: usize,
    /// The last line read was a whole record without its newline yet.
    open_line: bool,
    checksum: u64,
}

impl FileMark {
    fn unchanged(&self, stat: &FileStat) -> bool {
        stat.modified.is_some() && self.stat == *stat
    }
}

/// Where a record is: a file (by its number in `files`), a byte offset and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    file: u32,
    offset: u64,
    len: u32,
}

impl Location {
    fn range(&self) -> Range<u64> {
        self.offset..self.offset + u64::from(self.len)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct IncidentEntry {
    open: bool,
    records: Vec<Location>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    version: String,
    files: Vec<String>,
    marks: BTreeMap<String, FileMark>,
    incidents: BTreeMap<String, IncidentEntry>,
    /// The month of every report issued, with when it was first issued.
    reports: BTreeMap<String, DateTime<Utc>>,
    /// Lines that are not records, reported on every read as a full read would.
    problems: Vec<LineProblem>,
    /// Last lines without a newline, found on this read.
    #[serde(skip)]
    unfinished: Vec<LineProblem>,
}

/// The index no longer matches the files and must be rebuilt.
struct Stale;

/// How often a rebuild is tried while the files keep changing under it.
const REBUILD_ATTEMPTS: usize = 3;

impl Index {
    /// Brings `previous` (if any) up to date with the files; returns the index and whether
    /// it changed.
    pub fn refresh<S: Source>(
        previous: Option<Index>,
        source: &S,
    ) -> Result<(Index, bool), S::Error> {
        if let Some(mut index) = previous.filter(Index::usable)
            && let Ok(changed) = index.update(&source.files()?, source)?
        {
            return Ok((index, changed));
        }
        for _ in 0..REBUILD_ATTEMPTS {
            let mut index = Index {
                version: index_version(),
                ..Index::default()
            };
            if index.update(&source.files()?, source)?.is_ok() {
                return Ok((index, true));
            }
        }
        Err(LedgerError::Unsettled.into())
    }

    /// Written by this otss, and every location names a known file.
    fn usable(&self) -> bool {
        let files = self.files.len();
        self.version == index_version()
            && self
                .incidents
                .values()
                .flat_map(|entry| &entry.records)
                .all(|location| (location.file as usize) < files)
            && self.marks.keys().all(|name| self.files.contains(name))
    }

    /// Reads what was appended to every changed file, and places its records.
    fn update<S: Source>(
        &mut self,
        stats: &[FileStat],
        source: &S,
    ) -> Result<Result<bool, Stale>, S::Error> {
        let vanished = self
            .marks
            .keys()
            .any(|name| !stats.iter().any(|s| &s.name == name));
        if vanished {
            return Ok(Err(Stale));
        }
        let mut fresh = BTreeMap::new();
        let mut changed = false;
        self.unfinished.clear();
        for stat in stats {
            match self.read_file(stat, source, &mut fresh)? {
                Ok(read) => changed |= read,
                Err(stale) => return Ok(Err(stale)),
            }
            self.note_unfinished(stat);
        }
        Ok(self.place(&fresh, source)?.map(|()| changed))
    }

    /// Reads a file if it changed: `Ok(true)` when it was read.
    fn read_file<S: Source>(
        &mut self,
        stat: &FileStat,
        source: &S,
        fresh: &mut BTreeMap<Location, Record>,
    ) -> Result<Result<bool, Stale>, S::Error> {
        let mark = self.marks.get(&stat.name).cloned().unwrap_or_default();
        if mark.unchanged(stat) {
            return Ok(Ok(false));
        }
        let whole = 0..stat.len;
        let bytes = source
            .read(&stat.name, std::slice::from_ref(&whole))?
            .concat();
        let read = mark.read as usize;
        if read > bytes.len() || (read > 0 && checksum(&bytes[..read]) != mark.checksum) {
            return Ok(Err(Stale));
        }
        // After a whole record read without its newline, only that newline may follow.
        let from = match (mark.open_line, bytes.get(read)) {
            (true, Some(b'\n')) => read + 1,
            (true, Some(_)) => return Ok(Err(Stale)),
            _ => read,
        };
        let file = self.file_number(&stat.name);
        let mut next = FileMark {
            stat: stat.clone(),
            read: from as u64,
            lines: mark.lines,
            open_line: mark.open_line && from == read,
            checksum: 0,
        };
        for line in read_lines(&stat.name, &bytes[from..], mark.lines + 1)? {
            if !line.complete() {
                break;
            }
            let location = Location {
                file,
                offset: (from + line.start) as u64,
                len: line.len as u32,
            };
            fresh.extend(line.record.map(|record| (location, record)));
            if let Some(reason) = line.problem.filter(|_| line.terminated) {
                self.problems.push(LineProblem {
                    file: stat.name.clone(),
                    line: line.number,
                    reason,
                });
            }
            next.lines = line.number;
            next.read = (from + line.start + line.len + usize::from(line.terminated)) as u64;
            next.open_line = !line.terminated;
        }
        next.checksum = checksum(&bytes[..next.read as usize]);
        self.marks.insert(stat.name.clone(), next);
        Ok(Ok(true))
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

    /// Adds the new records to their incidents, and refolds those incidents to know which
    /// are open.
    fn place<S: Source>(
        &mut self,
        fresh: &BTreeMap<Location, Record>,
        source: &S,
    ) -> Result<Result<(), Stale>, S::Error> {
        let mut touched = BTreeSet::new();
        for (location, record) in fresh {
            report::note_issued(&mut self.reports, record);
            if let Some(id) = incident::subject(&record.event) {
                let entry = self.incidents.entry(id.to_string()).or_default();
                entry.records.push(*location);
                touched.insert(id.to_string());
            }
        }
        for id in &touched {
            let Ok(records) = self.records_of(id, source, fresh)? else {
                return Ok(Err(Stale));
            };
            let open = incident::fold(&records)
                .first()
                .is_some_and(|i| i.status == Status::Open);
            if let Some(entry) = self.incidents.get_mut(id) {
                entry.open = open;
            }
        }
        Ok(Ok(()))
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

    /// The records of one incident, read from the ledger by their locations, each file opened
    /// once. Every record must still be there and be about that incident.
    fn records_of<S: Source>(
        &self,
        id: &str,
        source: &S,
        fresh: &BTreeMap<Location, Record>,
    ) -> Result<Result<Vec<Record>, Stale>, S::Error> {
        let locations = self
            .incidents
            .get(id)
            .map(|e| e.records.as_slice())
            .unwrap_or_default();
        let mut records: Vec<Record> = locations
            .iter()
            .filter_map(|l| fresh.get(l))
            .cloned()
            .collect();
        let mut by_file: BTreeMap<u32, Vec<Range<u64>>> = BTreeMap::new();
        for location in locations.iter().filter(|l| !fresh.contains_key(l)) {
            by_file
                .entry(location.file)
                .or_default()
                .push(location.range());
        }
        for (file, ranges) in by_file {
            let name = &self.files[file as usize];
            for bytes in source.read(name, &ranges)? {
                let lines = read_lines(name, &bytes, 1)?;
                let record = lines.into_iter().next().and_then(|line| line.record);
                match record {
                    Some(record) if incident::subject(&record.event) == Some(id) => {
                        records.push(record)
                    }
                    _ => return Ok(Err(Stale)),
                }
            }
        }
        Ok(Ok(records))
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
            .filter(|(_, entry)| entry.open)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// The month of every report issued, with when it was first issued.
    pub fn issued_reports(&self) -> &BTreeMap<String, DateTime<Utc>> {
        &self.reports
    }

    /// Ids of every incident.
    pub fn ids(&self) -> Vec<&str> {
        self.incidents.keys().map(String::as_str).collect()
    }

    /// The records of the incidents `ids`; `None` when the files no longer match the index
    /// (rebuild it and ask again).
    pub fn records<S: Source>(
        &self,
        ids: &[&str],
        source: &S,
    ) -> Result<Option<Vec<Record>>, S::Error> {
        let mut records = Vec::new();
        for id in ids {
            match self.records_of(id, source, &BTreeMap::new())? {
                Ok(mut found) => records.append(&mut found),
                Err(Stale) => return Ok(None),
            }
        }
        Ok(Some(records))
    }
}

#[cfg(test)]
mod tests;
