//! A sync of the ledger as JSON: what was committed, received and pushed, and what was left
//! alone or edited elsewhere.

use serde::Serialize;

use crate::app::sync::Synced;

/// What a sync did (see `Synced`).
#[derive(Serialize)]
pub struct SyncJson<'a> {
    repository: &'a str,
    committed: u64,
    remote: Option<&'a str>,
    branch: Option<&'a str>,
    received: u64,
    pushed: bool,
    changed_here: &'a [String],
    edited_elsewhere: &'a [String],
}

impl<'a> SyncJson<'a> {
    pub fn new(synced: &'a Synced) -> SyncJson<'a> {
        SyncJson {
            repository: &synced.repository,
            committed: synced.committed,
            remote: synced.remote.as_deref(),
            branch: synced.branch.as_deref(),
            received: synced.received,
            pushed: synced.pushed,
            changed_here: &synced.changed_here,
            edited_elsewhere: &synced.edited_elsewhere,
        }
    }
}
