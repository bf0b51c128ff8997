//! The ledger's records (SPEC §8): one JSON object per line, append-only.
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

use std::cmp::Ordering;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::incident::record as incident;

pub mod index;

/// The record schema this binary writes and reads. A record with a newer `v` needs a newer
/// otss.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub v: u32,
    /// A ULID: unique across machines and sortable by the time it was made.
    pub id: String,
    /// When the recorded thing happened, with the contract zone's offset.
    pub at: DateTime<FixedOffset>,
    /// The engineer who recorded it.
    pub by: String,
    #[serde(flatten)]
    pub event: Event,
}

/// What a record says, by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    #[serde(rename = "incident.opened")]
    IncidentOpened(incident::Opened),
    #[serde(rename = "incident.acknowledged")]
    IncidentAcknowledged(incident::Subject),
    #[serde(rename = "incident.onsite_requested")]
    IncidentOnsiteRequested(incident::OnsiteRequested),
    #[serde(rename = "incident.arrived")]
    IncidentArrived(incident::Subject),
    #[serde(rename = "incident.level_changed")]
    IncidentLevelChanged(incident::LevelChanged),
    #[serde(rename = "incident.noted")]
    IncidentNoted(incident::Noted),
    #[serde(rename = "incident.resolved")]
    IncidentResolved(incident::Resolved),
    #[serde(rename = "incident.closed")]
    IncidentClosed(incident::Subject),
    #[serde(rename = "incident.reopened")]
    IncidentReopened(incident::Subject),
}

impl Record {
    /// A new record of `event` at `at`, shown with the offset of `zone`.
    pub fn new(id: String, at: DateTime<Utc>, zone: Tz, by: &str, event: Event) -> Record {
        Record {
            v: SCHEMA_VERSION,
            id,
            at: at.with_timezone(&zone).fixed_offset(),
            by: by.to_string(),
            event,
        }
    }

    pub fn instant(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// The record as one line, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The order records are folded in: by time; at the same second an incident's opening
    /// comes first; then by id.
    pub fn fold_order(a: &Record, b: &Record) -> Ordering {
        let opening = |r: &Record| !matches!(r.event, Event::IncidentOpened(_));
        (a.instant(), opening(a), &a.id).cmp(&(b.instant(), opening(b), &b.id))
    }
}

/// The month partition a record at `at` belongs to: `YYYY-MM` in the contract's zone.
pub fn partition(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m").to_string()
}

/// The first day of a partition named `YYYY-MM`, if the name is one.
pub fn partition_month(name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{name}-01"), "%Y-%m-%d").ok()
}

/// The file name part for an engineer: lowercase ASCII letters, digits, `.`, `_` and `-`
/// kept; every other byte written as `%XX`, so that distinct names stay distinct files and no
/// name can leave the directory.
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

/// A line that is not a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// The file, relative to the ledger directory.
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub reason: String,
}

/// A ledger this binary cannot read safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error(
        "{file}:{line}: the record has schema version {found}; this otss reads version \
         {SCHEMA_VERSION} and older: upgrade otss"
    )]
    NewerVersion {
        file: String,
        line: usize,
        found: u32,
    },
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

/// Reads one line. `Ok(None)` for a blank line.
pub fn parse_line(text: &str) -> Result<Option<Record>, LineError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let newer = |v: u32| (v > SCHEMA_VERSION).then_some(LineError::Newer(v));
    match serde_json::from_str::<Record>(text) {
        Ok(record) => match newer(record.v) {
            Some(error) => Err(error),
            None => Ok(Some(record)),
        },
        Err(error) => {
            let version = serde_json::from_str::<VersionOnly>(text).ok();
            match version.and_then(|only| newer(only.v)) {
                Some(newer) => Err(newer),
                None => Err(LineError::Invalid(error.to_string())),
            }
        }
    }
}

/// Why a line is not a record this binary can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    Invalid(String),
    Newer(u32),
}

/// The records of one file, and the lines that are not records. A last line without a
/// newline is reported: as a torn write when it is not a record, else as a missing newline
/// (its record is kept; the next append starts on a fresh line either way).
pub fn parse_file(
    file: &str,
    bytes: &[u8],
) -> Result<(Vec<Record>, Vec<LineProblem>), LedgerError> {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let unterminated = bytes.last().is_some_and(|b| *b != b'\n');
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let lines: Vec<&[u8]> = if body.is_empty() {
        Vec::new()
    } else {
        body.split(|b| *b == b'\n').collect()
    };
    let last = lines.len();
    for (index, raw) in lines.into_iter().enumerate() {
        let line = index + 1;
        let torn = unterminated && line == last;
        let problem = |reason: String| LineProblem {
            file: file.to_string(),
            line,
            reason,
        };
        let parsed = std::str::from_utf8(raw)
            .map_err(|_| LineError::Invalid("not UTF-8 text".to_string()))
            .and_then(parse_line);
        match parsed {
            Ok(record) => {
                records.extend(record);
                if torn {
                    problems.push(problem(index::NO_NEWLINE.to_string()));
                }
            }
            Err(LineError::Newer(found)) => {
                return Err(LedgerError::NewerVersion {
                    file: file.to_string(),
                    line,
                    found,
                });
            }
            Err(LineError::Invalid(_)) if torn => problems.push(problem(index::TORN.to_string())),
            Err(LineError::Invalid(reason)) => problems.push(problem(reason)),
        }
    }
    Ok((records, problems))
}

#[cfg(test)]
mod tests;
