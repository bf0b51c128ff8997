//! The record of a report delivered to the customer.

use serde::{Deserialize, Serialize};

/// A report delivered to the customer (`report.issued`): the month it reports on, `YYYY-MM`
/// (the annual summary is the term's last month), and the fingerprint of the ledger as it
/// stood (docs/rules.md §10.7) with the files it was made of; reports issued before
/// fingerprints have neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileHead>,
}

/// One ledger file as a fingerprint saw it: its path in the ledger, its length in bytes, and
/// its head at that length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHead {
    pub file: String,
    pub len: u64,
    pub head: String,
}
