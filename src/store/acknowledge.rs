//! Changes to the contract's calendar or SLA received by `otss sync` and not yet acknowledged
//! (docs/rules.md §10.9): kept in the clone's git directory, beside the repository they came
//! through and never shared, so that each engineer sees them until they acknowledge them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::files::{read_text, write_whole};
use crate::sync::ContractReceived;

/// The file of unacknowledged changes, in the git directory.
const FILE: &str = "otss-unacknowledged-contract.json";

/// More than any list of changes to a contract (itself at most 1 MiB) could take.
const LIMIT: u64 = 4 << 20;

/// The changes received into the repository holding `place` and not yet acknowledged; none
/// outside a repository.
pub fn unacknowledged(place: &Path) -> Result<Vec<ContractReceived>, StoreError> {
    let Some(path) = marker(place) else {
        return Ok(Vec::new());
    };
    let text = match read_text(&path, LIMIT) {
        Ok(text) => text,
        Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Ok(Vec::new());
        }
        Err(error) => return Err(error),
    };
    // A file that no longer parses still says something was received: keep warning.
    Ok(serde_json::from_str(&text).unwrap_or_else(|_| {
        vec![ContractReceived {
            commit: String::new(),
            author: String::new(),
            changes: Vec::new(),
        }]
    }))
}

/// Adds changes received in a commit to those the engineer has to acknowledge.
pub fn add_unacknowledged(place: &Path, received: ContractReceived) -> Result<(), StoreError> {
    let Some(path) = marker(place) else {
        return Ok(());
    };
    let mut pending = unacknowledged(place)?;
    pending.push(received);
    let text = serde_json::to_string_pretty(&pending).unwrap_or_default();
    write_whole(&path, text.as_bytes())
}

/// Acknowledges every change received: what was acknowledged.
pub fn acknowledge_contract(place: &Path) -> Result<Vec<ContractReceived>, StoreError> {
    let pending = unacknowledged(place)?;
    if let Some(path) = marker(place).filter(|_| !pending.is_empty()) {
        fs::remove_file(&path).map_err(|source| StoreError::Write { path, source })?;
    }
    Ok(pending)
}

/// Where the unacknowledged changes of the repository holding `place` are kept: its git
/// directory (`.git`, or the one a `.git` file names), found without running git.
fn marker(place: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(place).ok()?;
    absolute.ancestors().find_map(|dir| {
        let dot_git = dir.join(".git");
        let meta = fs::symlink_metadata(&dot_git).ok()?;
        if meta.is_dir() {
            return Some(dot_git.join(FILE));
        }
        let named = fs::read_to_string(&dot_git).ok()?;
        let git_dir = named.trim().strip_prefix("gitdir:")?.trim();
        Some(dir.join(git_dir).join(FILE))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::ContractChange;

    #[test]
    fn changes_are_kept_in_the_git_directory_until_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join(".git")).unwrap();
        let received = ContractReceived {
            commit: "abc".to_string(),
            author: "wang <wang@x>".to_string(),
            changes: vec![ContractChange {
                key: "sla.response_minutes".to_string(),
                before: Some("30".to_string()),
                after: Some("60".to_string()),
            }],
        };
        add_unacknowledged(&site, received.clone()).unwrap();
        assert_eq!(
            unacknowledged(&site.join("ledger")).unwrap(),
            std::slice::from_ref(&received)
        );
        assert_eq!(acknowledge_contract(&site).unwrap(), [received]);
        assert_eq!(unacknowledged(&site).unwrap(), []);
        assert_eq!(acknowledge_contract(&site).unwrap(), []);
    }
}
