//! How far a copy derived from the ledger (the search index, docs/rules.md §12.3) has read
//! each file, so that the next use reads only what was appended. As with the incident index
//! (§8.9): a file that looks the same is not opened; a changed one is read on from where the
//! copy stopped once the bytes read before are found unchanged; a file that vanished or
//! shrank, or whose earlier bytes changed, makes the copy stale, to be rebuilt from nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::index::{FileStat, Source};
use super::lines::Lines;
use super::read_line;
use crate::record::Record;

/// How far each file was read, under a version that names how the copy was made: a copy
/// made otherwise is stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    version: String,
    files: BTreeMap<String, Mark>,
}

/// How far one file was read, and how it looked then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Mark {
    stat: FileStat,
    /// Bytes read: whole lines, each with its newline.
    read: u64,
    lines: usize,
    /// The checksum of those bytes.
    checksum: u64,
}

/// The copy no longer matches the files and must be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale;

impl Progress {
    /// Nothing read yet, for a copy made as `version` says.
    pub fn new(version: &str) -> Progress {
        Progress {
            version: version.to_string(),
            files: BTreeMap::new(),
        }
    }

    /// Whether the copy was made as `version` says.
    pub fn made_as(&self, version: &str) -> bool {
        self.version == version
    }

    /// How many bytes the files hold beyond those read, or `None` when every file looks as
    /// it did when last read and no file came or went: then there is nothing to catch up
    /// with, and nothing need be opened.
    pub fn unread<S: Source>(&self, source: &S) -> Result<Option<u64>, S::Error> {
        let stats = source.files()?;
        let unchanged = stats.len() == self.files.len()
            && stats.iter().all(|stat| {
                stat.modified.is_some()
                    && self
                        .files
                        .get(&stat.name)
                        .is_some_and(|mark| mark.stat == *stat)
            });
        if unchanged {
            return Ok(None);
        }
        let read = |name: &str| self.files.get(name).map_or(0, |mark| mark.read);
        let beyond = stats
            .iter()
            .map(|stat| stat.len.saturating_sub(read(&stat.name)));
        Ok(Some(beyond.sum()))
    }

    /// Hands `take` every record appended since the last call, file by file; a last line
    /// without its newline (being written, or torn) is left for a later call. `Ok(true)` when
    /// something was read.
    pub fn catch_up<S: Source>(
        &mut self,
        source: &S,
        mut take: impl FnMut(Record),
    ) -> Result<Result<bool, Stale>, S::Error> {
        let stats = source.files()?;
        let vanished = self
            .files
            .keys()
            .any(|name| !stats.iter().any(|stat| &stat.name == name));
        if vanished {
            return Ok(Err(Stale));
        }
        let mut read = false;
        for stat in stats {
            match self.read_file(&stat, source, &mut take)? {
                Ok(was_read) => read |= was_read,
                Err(stale) => return Ok(Err(stale)),
            }
        }
        Ok(Ok(read))
    }

    fn read_file<S: Source>(
        &mut self,
        stat: &FileStat,
        source: &S,
        take: &mut impl FnMut(Record),
    ) -> Result<Result<bool, Stale>, S::Error> {
        let mark = self.files.get(&stat.name).cloned().unwrap_or_default();
        if stat.modified.is_some() && mark.stat == *stat {
            return Ok(Ok(false));
        }
        let failed = |error| source.read_failed(&stat.name, error);
        let mut lines = Lines::new(source.open(&stat.name)?, 0, mark.lines + 1);
        let kept = lines.skip(mark.read).map_err(failed)? == mark.read
            && (mark.read == 0 || lines.checksum().value() == mark.checksum);
        if !kept {
            return Ok(Err(Stale));
        }
        let mut next = Mark {
            stat: stat.clone(),
            ..mark
        };
        while let Some(raw) = lines.next_line().map_err(failed)? {
            if !raw.terminated {
                break;
            }
            let (end, number) = (raw.end(), raw.number);
            let line = read_line(&stat.name, &raw)?;
            take_record(line.record, take);
            next.read = end;
            next.lines = number;
            next.checksum = lines.checksum().value();
        }
        self.files.insert(stat.name.clone(), next);
        Ok(Ok(true))
    }
}

fn take_record(record: Option<Record>, take: &mut impl FnMut(Record)) {
    if let Some(record) = record {
        take(record);
    }
}

#[cfg(test)]
mod tests;
