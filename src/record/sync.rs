//! The record of a rewrite of the shared history let through by `otss sync --accept-rewrite`.

use serde::{Deserialize, Serialize};

/// Lines already in the ledger that a received commit changed or removed, let into the
/// ledger by the engineer who wrote this record (`sync.rewrite_accepted`, docs/rules.md §10.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewriteAccepted {
    /// The commit's full hash.
    pub commit: String,
    /// Its author, `name <email>`.
    pub author: String,
    /// The first line it changed or removed in each file.
    pub lines: Vec<RewrittenLine>,
}

/// A line of a ledger file, by its number in the file as it was before the rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewrittenLine {
    /// The file, relative to the repository.
    pub file: String,
    pub line: usize,
}
