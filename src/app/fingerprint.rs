//! Fingerprints of the ledger (docs/rules.md §10.7): what `otss report issue` keeps of the
//! ledger as it stood, and whether today's ledger still begins with exactly that history.

use chrono::{DateTime, FixedOffset};

use super::{Ledger, Result, Site};
use crate::check::Checker;
use crate::ledger::chain::{self, Break};
use crate::ledger::index::Source as _;
use crate::record::report::FileHead;
use crate::record::{Event, types};
use crate::store::LedgerDir;

/// Every file of the site's ledger with its length and head now.
pub fn ledger_heads(site: &Site) -> Result<Vec<FileHead>> {
    let ledger = LedgerDir::new(&site.ledger);
    let mut heads = Vec::new();
    for file in ledger.files()? {
        let reader = ledger.open(&file.name)?;
        let head = chain::head(&file.name, reader, file.len)
            .map_err(|e| ledger.read_failed(&file.name, e))?;
        // A file that shrank since it was listed is left out, as a file not there yet.
        if let Some(head) = head {
            heads.push(FileHead {
                file: file.name,
                len: file.len,
                head,
            });
        }
    }
    Ok(heads)
}

/// The report issue that kept a fingerprint.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedWith {
    pub period: String,
    pub issued_at: DateTime<FixedOffset>,
    pub by: String,
}

/// Where today's ledger first departs from the history a fingerprint was made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Departure {
    /// No issued report in the ledger kept this fingerprint: it was mistyped, or the record of
    /// the issue is gone.
    NotIssued,
    /// The record of the issue no longer lists the files the fingerprint was made of: it was
    /// changed.
    IssueChanged,
    /// A file the fingerprint covers is gone.
    Missing { file: String },
    /// A file is shorter than it was: its lines from `line` on are gone.
    Shorter { file: String, line: usize },
    /// A file's first `len` bytes are not what they were; `line` is where its chain first
    /// breaks, when it does.
    Changed { file: String, line: Option<usize> },
}

/// What `otss verify` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub fingerprint: String,
    pub issued: Option<IssuedWith>,
    pub departure: Option<Departure>,
}

impl Verified {
    /// Whether today's ledger still begins with the history the fingerprint was made of.
    pub fn holds(&self) -> bool {
        self.departure.is_none()
    }
}

/// Whether today's ledger still begins with the history `fingerprint` (as printed) was made
/// of: every file it covers at least as long, with the same head at that length.
pub fn verify(site: &Site, ledger: &mut Ledger, fingerprint: &str) -> Result<Verified> {
    let issues = ledger.all_written_records_of_types(&[types::REPORT_ISSUED])?;
    let issue = issues.iter().find_map(|record| match &record.event {
        Event::ReportIssued(issued) if issued.fingerprint.as_deref() == Some(fingerprint) => {
            Some((record, issued))
        }
        _ => None,
    });
    let Some((record, issued)) = issue else {
        return Ok(Verified {
            fingerprint: fingerprint.to_string(),
            issued: None,
            departure: Some(Departure::NotIssued),
        });
    };
    let departure = if chain::fingerprint(&issued.files) == fingerprint {
        first_departure(site, &issued.files)?
    } else {
        Some(Departure::IssueChanged)
    };
    Ok(Verified {
        fingerprint: fingerprint.to_string(),
        issued: Some(IssuedWith {
            period: issued.period.clone(),
            issued_at: record.at,
            by: record.by.clone(),
        }),
        departure,
    })
}

/// The first file, in the order of their names, that is not as `files` say.
fn first_departure(site: &Site, files: &[FileHead]) -> Result<Option<Departure>> {
    let ledger = LedgerDir::new(&site.ledger);
    let now = ledger.files()?;
    let mut files: Vec<&FileHead> = files.iter().collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    for then in files {
        let Some(current) = now.iter().find(|f| f.name == then.file) else {
            return Ok(Some(Departure::Missing {
                file: then.file.clone(),
            }));
        };
        let read_error = |e| ledger.read_failed(&then.file, e);
        let head =
            chain::head(&then.file, ledger.open(&then.file)?, then.len).map_err(read_error)?;
        if head.as_deref() == Some(then.head.as_str()) {
            continue;
        }
        let file = then.file.clone();
        let first_break = first_break(&ledger, &file)?;
        return Ok(Some(match head {
            None if current.len < then.len && first_break.is_none() => {
                let line = whole_lines(&ledger, &file)? + 1;
                Departure::Shorter { file, line }
            }
            _ => Departure::Changed {
                file,
                line: first_break.map(|b| b.line),
            },
        }));
    }
    Ok(None)
}

/// Where the chain of a file first breaks, if it does.
fn first_break(ledger: &LedgerDir, name: &str) -> Result<Option<Break>> {
    let mut checker = Checker::default();
    checker
        .file(name, ledger.open(name)?)
        .map_err(|e| ledger.read_failed(name, e))?;
    Ok(checker.finish().chain_breaks().next())
}

/// How many lines of a file end with a newline.
fn whole_lines(ledger: &LedgerDir, name: &str) -> Result<usize> {
    let mut lines = crate::ledger::lines::Lines::new(ledger.open(name)?, 0, 1);
    let mut count = 0;
    while let Some(line) = lines.next_line().map_err(|e| ledger.read_failed(name, e))? {
        count += usize::from(line.terminated);
    }
    Ok(count)
}
