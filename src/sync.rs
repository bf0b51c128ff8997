//! Sharing a ledger through git (`otss sync`): which changed files are this engineer's to
//! commit, which are someone else's and left alone, and what the team's history brought.
//! Each engineer only appends to their own files, so histories merge without conflict; the
//! ledger's `.gitattributes` asks git to merge ledger files line by line (`merge=union`) so that
//! even one engineer writing on two machines never conflicts.

use std::path::PathBuf;

use crate::git::Said;
use crate::ledger::file_stem;

/// The line of the ledger's `.gitattributes` that merges ledger files line by line.
const UNION: &str = "*.jsonl merge=union";

/// The ledger's `.gitattributes` with the union merge added, if `existing` lacks it.
pub fn with_union_merge(existing: Option<&str>) -> Option<String> {
    let existing = existing.unwrap_or_default();
    if existing.lines().any(|line| line.trim() == UNION) {
        return None;
    }
    let mut text = existing.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# Ledger files only grow: merge both sides' new lines, never conflict.\n");
    text.push_str(UNION);
    text.push('\n');
    Some(text)
}

/// The ledger files changed in the work tree, as `git status --porcelain=v1 -z` lists them
/// (paths relative to the repository).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// This engineer's files: to commit.
    pub ours: Vec<String>,
    /// Other engineers' files changed here: never committed by otss.
    pub others: Vec<String>,
}

/// Sorts the ledger files of a status listing into this engineer's and the others'. `ledger`
/// is the ledger directory relative to the repository (`""` when it is the repository).
pub fn ledger_changes(status: &str, ledger: &str, engineer: &str) -> Changes {
    let own = format!("{}.jsonl", file_stem(engineer));
    let prefix = if ledger.is_empty() {
        String::new()
    } else {
        format!("{}/", ledger.trim_end_matches('/'))
    };
    let mut changes = Changes::default();
    let mut entries = status.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(entry.len().min(3));
        if code.starts_with('R') || code.starts_with('C') {
            // A rename or copy names its source next.
            entries.next();
        }
        let Some(in_ledger) = path.strip_prefix(&prefix) else {
            continue;
        };
        let Some((month, name)) = in_ledger.split_once('/') else {
            continue;
        };
        if crate::ledger::partition_month(month).is_none() || !name.ends_with(".jsonl") {
            continue;
        }
        if name == own {
            changes.ours.push(path.to_string());
        } else {
            changes.others.push(path.to_string());
        }
    }
    changes
}

/// From `git diff --numstat`: lines added in all, and the files where lines were removed or
/// changed (a ledger file only grows, so those were edited by hand).
pub fn numstat(text: &str) -> (u64, Vec<String>) {
    let mut added = 0;
    let mut edited = Vec::new();
    for line in text.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(plus), Some(minus), Some(path)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        added += plus.parse::<u64>().unwrap_or(0);
        if minus.parse::<u64>().unwrap_or(0) > 0 {
            edited.push(path.to_string());
        }
    }
    (added, edited)
}

/// Whether git refused a push because the remote moved on (fetch, merge and push again).
pub fn push_rejected(message: &str) -> bool {
    [
        "[rejected]",
        "fetch first",
        "non-fast-forward",
        "cannot lock ref",
    ]
    .iter()
    .any(|sign| message.contains(sign))
}

/// The engineer whose file a ledger path is.
pub fn owner(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".jsonl").unwrap_or(name)
}

/// Why a sync stopped; the records committed here stay committed.
#[derive(Debug)]
pub enum SyncFailure {
    /// The ledger is in no git repository.
    NoRepository { ledger: String },
    /// The ledger is in another repository than the contract.
    LedgerElsewhere {
        ledger: PathBuf,
        repository: PathBuf,
        contract: PathBuf,
    },
    /// The lock that keeps one sync at a time on a clone cannot be held.
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The repository is on no branch.
    Detached,
    /// The remote cannot be fetched from, and what git said.
    Unreachable { remote: String, said: Said },
    /// The team's history cannot be merged, and what git said.
    Merge { said: Said },
    /// The remote refused the push, and what git said.
    Push { remote: String, said: Said },
    /// The remote moved on at every try to push.
    KeptMoving { remote: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_files_are_committed_and_others_left_alone() {
        let status = " M site/ledger/2025-03/li.lei.jsonl\0?? site/ledger/2025-04/li.lei.jsonl\0 M site/ledger/2025-03/wang.jsonl\0 M README.md\0?? site/ledger/notes.txt\0R  site/ledger/2025-03/x.jsonl\0site/ledger/2025-03/y.jsonl\0";
        let changes = ledger_changes(status, "site/ledger", "Li.Lei");
        assert_eq!(
            changes.ours,
            [
                "site/ledger/2025-03/li.lei.jsonl",
                "site/ledger/2025-04/li.lei.jsonl"
            ]
        );
        assert_eq!(
            changes.others,
            [
                "site/ledger/2025-03/wang.jsonl",
                "site/ledger/2025-03/x.jsonl"
            ]
        );
        let at_top = ledger_changes("?? 2025-03/li.lei.jsonl\0", "", "li.lei");
        assert_eq!(at_top.ours, ["2025-03/li.lei.jsonl"]);
    }

    #[test]
    fn lines_removed_mean_a_hand_edit() {
        let text =
            "3\t0\tledger/2025-03/li.lei.jsonl\n1\t1\tledger/2025-03/wang.jsonl\n-\t-\tblob\n";
        assert_eq!(
            numstat(text),
            (4, vec!["ledger/2025-03/wang.jsonl".to_string()])
        );
    }

    #[test]
    fn a_push_behind_the_remote_is_tried_again() {
        assert!(push_rejected(
            " ! [rejected]        main -> main (fetch first)"
        ));
        assert!(!push_rejected(
            "fatal: could not read from remote repository"
        ));
    }

    #[test]
    fn the_union_merge_is_added_once_and_nothing_else_is_touched() {
        let fresh = with_union_merge(None).unwrap();
        assert!(fresh.ends_with("*.jsonl merge=union\n"));
        assert_eq!(with_union_merge(Some(&fresh)), None);
        let kept = with_union_merge(Some("*.png binary")).unwrap();
        assert!(kept.starts_with("*.png binary\n#"), "{kept}");
    }

    #[test]
    fn a_files_owner_is_its_name() {
        assert_eq!(owner("ledger/2025-03/wang.fang.jsonl"), "wang.fang");
    }
}
