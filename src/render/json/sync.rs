//! A sync of the ledger as JSON: what was committed, received and pushed, and what was left
//! alone or edited elsewhere.

use serde::Serialize;

use crate::app::sync::Synced;
use crate::record::sync::RewriteAccepted;
use crate::sync::{ContractChange, ContractReceived};

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
    /// The rewrite let in by `--accept-rewrite`, as recorded.
    accepted_rewrite: Option<&'a RewriteAccepted>,
    /// The ledger's `.gitattributes` was not otss's and was written back.
    attributes_restored: bool,
    /// The contract's keys changed by the history merged, by commit.
    contract_changes: Vec<ContractJson<'a>>,
}

/// The contract's keys changed in the history merged.
#[derive(Serialize)]
struct ContractJson<'a> {
    commit: &'a str,
    author: &'a str,
    changes: Vec<KeyJson<'a>>,
}

/// One key of the contract changed.
#[derive(Serialize)]
struct KeyJson<'a> {
    #[serde(flatten)]
    change: &'a ContractChange,
    /// It moves the calendar or the SLA: shown until acknowledged (`otss contract ack`).
    needs_acknowledging: bool,
}

impl<'a> ContractJson<'a> {
    fn new(received: &'a ContractReceived) -> ContractJson<'a> {
        ContractJson {
            commit: &received.commit,
            author: &received.author,
            changes: received
                .changes
                .iter()
                .map(|change| KeyJson {
                    change,
                    needs_acknowledging: change.needs_acknowledging(),
                })
                .collect(),
        }
    }
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
            accepted_rewrite: synced.accepted.as_ref(),
            attributes_restored: synced.attributes_restored,
            contract_changes: synced.contract.iter().map(ContractJson::new).collect(),
        }
    }
}
