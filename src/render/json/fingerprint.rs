//! Fingerprints as JSON (docs/rules.md §10.7): a report issued, and what `otss verify` found.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::app::fingerprint::{Departure, Verified};
use crate::i18n::Messages;

/// A report recorded as issued, with the fingerprint of the ledger it kept.
#[derive(Serialize)]
pub struct IssuedJson<'a> {
    pub period: &'a str,
    pub issued_at: DateTime<FixedOffset>,
    pub fingerprint: Option<&'a str>,
}

/// Whether the ledger still begins with a fingerprint's history, and if not where it departs.
#[derive(Serialize)]
pub struct VerifiedJson<'a> {
    ok: bool,
    fingerprint: &'a str,
    period: Option<&'a str>,
    issued_at: Option<DateTime<FixedOffset>>,
    issued_by: Option<&'a str>,
    departure: Option<DepartureJson<'a>>,
}

/// Where the ledger departs: `kind` (`not_issued`, `issue_changed`, `missing`, `shorter`,
/// `changed`), the `file` and `line` when known, and what it means in the output's language.
#[derive(Serialize)]
struct DepartureJson<'a> {
    kind: &'static str,
    file: Option<&'a str>,
    line: Option<usize>,
    what: String,
}

impl<'a> VerifiedJson<'a> {
    pub fn new(verified: &'a Verified, m: &Messages) -> VerifiedJson<'a> {
        let issued = verified.issued.as_ref();
        VerifiedJson {
            ok: verified.holds(),
            fingerprint: &verified.fingerprint,
            period: issued.map(|i| i.period.as_str()),
            issued_at: issued.map(|i| i.issued_at),
            issued_by: issued.map(|i| i.by.as_str()),
            departure: verified.departure.as_ref().map(|d| departure(d, m)),
        }
    }
}

fn departure<'a>(departure: &'a Departure, m: &Messages) -> DepartureJson<'a> {
    let (kind, file, line) = match departure {
        Departure::NotIssued => ("not_issued", None, None),
        Departure::IssueChanged => ("issue_changed", None, None),
        Departure::Missing { file } => ("missing", Some(file.as_str()), None),
        Departure::Shorter { file, line } => ("shorter", Some(file.as_str()), Some(*line)),
        Departure::Changed { file, line } => ("changed", Some(file.as_str()), *line),
    };
    DepartureJson {
        kind,
        file,
        line,
        what: m.departure(departure),
    }
}
