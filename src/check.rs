//! `otss check`: whether every ledger file is intact (SPEC §8, §9). Reads every file whole,
//! as the files are the only source of truth, and names each problem with where it is and what
//! to do about it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ledger::{LedgerError, NO_NEWLINE, TORN, file_stem, read_lines};

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
    /// A record of a newer schema than this otss reads; the rest of the file is not read.
    NewerVersion { found: u32 },
    /// The same record again, as a copied file leaves it.
    DuplicateId { id: String, first: String },
    /// A record kept under another month than its own.
    WrongMonth { month: String },
    /// A record by another engineer than the one whose file it is in.
    WrongWriter { by: String },
}

/// A problem and where it is: the file (relative to the ledger) and its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub file: String,
    pub line: usize,
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
}

/// Checks ledger files, each given by its name (`YYYY-MM/STEM.jsonl`) and its bytes.
pub fn check<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Checked {
    let mut checked = Checked::default();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (name, bytes) in files {
        checked.files += 1;
        let (month, stem) = name
            .strip_suffix(".jsonl")
            .and_then(|n| n.split_once('/'))
            .unwrap_or_default();
        let found = |line: usize, problem: Problem| Found {
            file: name.to_string(),
            line,
            problem,
        };
        let lines = match read_lines(name, bytes, 1) {
            Ok(lines) => lines,
            Err(LedgerError::NewerVersion { line, found: v, .. }) => {
                checked
                    .problems
                    .push(found(line, Problem::NewerVersion { found: v }));
                continue;
            }
            Err(LedgerError::Unsettled) => continue,
        };
        for line in lines {
            if let Some(reason) = line.problem {
                let raw = &bytes[line.start..line.start + line.len];
                let problem = match reason.as_str() {
                    TORN => Problem::TornTail,
                    NO_NEWLINE => Problem::NoNewline,
                    _ if cut_short(raw) => Problem::TornWrite,
                    _ => Problem::NotARecord { reason },
                };
                checked.problems.push(found(line.number, problem));
            }
            let Some(record) = line.record else { continue };
            checked.records += 1;
            let place = format!("{name}:{}", line.number);
            if let Some(first) = seen.get(&record.id) {
                let problem = Problem::DuplicateId {
                    id: record.id.clone(),
                    first: first.clone(),
                };
                checked.problems.push(found(line.number, problem));
            } else {
                seen.insert(record.id.clone(), place);
            }
            let own_month = record.at.format("%Y-%m").to_string();
            if own_month != month {
                let problem = Problem::WrongMonth { month: own_month };
                checked.problems.push(found(line.number, problem));
            }
            if file_stem(&record.by) != stem {
                let problem = Problem::WrongWriter { by: record.by };
                checked.problems.push(found(line.number, problem));
            }
        }
    }
    checked
}

/// Whether a line is the start of a record cut short: JSON that ends before the object does,
/// as an interrupted write leaves it.
fn cut_short(raw: &[u8]) -> bool {
    raw.starts_with(b"{\"v\":")
        && serde_json::from_slice::<serde_json::Value>(raw).is_err_and(|e| e.is_eof())
}

#[cfg(test)]
mod tests;
