//! Sharing a ledger through git (`otss sync`): which changed files are this engineer's to
//! commit, which are someone else's and left alone, and what the team's history brought.
//! Each engineer only appends to their own files, so histories merge without conflict; the
//! ledger's `.gitattributes` asks git to merge ledger files line by line (`merge=union`) so that
//! even one engineer writing on two machines never conflicts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::git::{Commit, Said};
use crate::ledger::file_stem;

/// The ledger's `.gitattributes`, exactly: otss owns this file and refuses any other version
/// received (docs/rules.md §10.9). Ledger files merge line by line (`merge=union`), and are
/// stored and checked out byte for byte whatever attributes a directory above sets.
pub const GITATTRIBUTES: &str = "\
# Written by otss: otss sync refuses any other version of this file.
# Ledger files only grow: merge both sides' new lines, never conflict.
*.jsonl merge=union
# Stored and checked out byte for byte, whatever other attributes say.
*.jsonl -text -filter -ident -working-tree-encoding diff
";

/// The ledger's `.gitattributes` as earlier versions of otss wrote it: taken over without a
/// word.
const EARLIER_GITATTRIBUTES: &str = "\
# Ledger files only grow: merge both sides' new lines, never conflict.
*.jsonl merge=union
";

/// Whether the ledger's `.gitattributes` must be (re)written: it is missing or not otss's.
pub fn attributes_to_restore(existing: Option<&str>) -> bool {
    existing != Some(GITATTRIBUTES)
}

/// Whether a ledger's `.gitattributes` was written by someone else than otss.
pub fn attributes_foreign(existing: &str) -> bool {
    ![GITATTRIBUTES, EARLIER_GITATTRIBUTES].contains(&existing)
}

/// Where a version of a ledger file received first differs from the version already here:
/// `None` when every line already here is still there, in order (the received version
/// only appended, or a union merge interleaved new lines among them); else the number of the
/// first line here that the received version changed or removed. Bytes are compared as they
/// are stored, whatever any attributes say.
pub fn first_line_lost(here: &[u8], received: &[u8]) -> Option<usize> {
    if received.starts_with(here) {
        return None;
    }
    let mut theirs = lines(received);
    lines(here)
        .position(|line| !theirs.any(|candidate| candidate == line))
        .map(|index| index + 1)
}

/// The lines of a file's bytes, each with its newline if it has one.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|&b| b == b'\n')
}

/// How many lines `received` holds beyond those of `here`.
pub fn lines_added(here: &[u8], received: &[u8]) -> u64 {
    let count = |bytes: &[u8]| lines(bytes).count() as u64;
    count(received).saturating_sub(count(here))
}

/// A commit's hash as people quote it: its first 12 digits.
pub fn short_hash(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// A line already in the ledger that a received commit changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// The ledger file, relative to the repository.
    pub file: String,
    /// The line's number in the file as it is here.
    pub line: usize,
    pub commit: Commit,
}

/// A key of the contract changed by the history received, with its values as TOML (`None`
/// where the key is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractChange {
    /// The key's dotted path: `sla.response_minutes`, `calendar.extra_holidays`.
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl ContractChange {
    /// Whether the change moves the calendar or the SLA, so that deadlines and required work
    /// change with it: the engineer must see it and acknowledge it.
    pub fn needs_acknowledging(&self) -> bool {
        ["calendar", "sla"].iter().any(|table| {
            self.key == *table
                || self
                    .key
                    .strip_prefix(table)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

/// The keys of a contract that differ between two versions of its text, in key order. A
/// version that is not TOML counts as having no keys.
pub fn contract_changes(before: &str, after: &str) -> Vec<ContractChange> {
    let (before, after) = (flat_keys(before), flat_keys(after));
    let keys: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| ContractChange {
            key: key.clone(),
            before: before.get(key).cloned(),
            after: after.get(key).cloned(),
        })
        .collect()
}

/// Every key of a TOML text that holds a value other than a table, by its dotted path, with
/// the value as TOML.
fn flat_keys(text: &str) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        flatten("", &table, &mut keys);
    }
    keys
}

fn flatten(prefix: &str, table: &toml::Table, keys: &mut BTreeMap<String, String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner) => flatten(&path, inner, keys),
            value => {
                keys.insert(path, value.to_string());
            }
        }
    }
}

/// Changes to the contract received in the history merged, with the latest commit that made
/// them. Those of the calendar or the SLA are kept until the engineer acknowledges them
/// (`otss contract ack`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractReceived {
    pub commit: String,
    pub author: String,
    pub changes: Vec<ContractChange>,
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
    /// The history received changes a `.gitattributes` of the ledger (docs/rules.md §10.9).
    Attributes { file: String, commit: Commit },
    /// The history received changes or removes lines already in the ledger.
    Rewritten { rewrites: Vec<Rewrite> },
    /// `--accept-rewrite` names no commit of this repository.
    UnknownCommit { named: String },
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
    fn a_push_behind_the_remote_is_tried_again() {
        assert!(push_rejected(
            " ! [rejected]        main -> main (fetch first)"
        ));
        assert!(!push_rejected(
            "fatal: could not read from remote repository"
        ));
    }

    #[test]
    fn the_attributes_are_restored_unless_they_are_exactly_otss_s() {
        assert!(attributes_to_restore(None));
        assert!(attributes_to_restore(Some(
            "*.jsonl merge=union\n*.jsonl -diff\n"
        )));
        assert!(!attributes_to_restore(Some(GITATTRIBUTES)));
        assert!(!attributes_foreign(EARLIER_GITATTRIBUTES));
        assert!(attributes_foreign("*.jsonl merge=union\n"));
    }

    #[test]
    fn appends_and_interleaved_lines_keep_every_line_already_here() {
        let here = b"a\nb\n";
        assert_eq!(first_line_lost(here, b"a\nb\nc\n"), None);
        assert_eq!(
            first_line_lost(here, b"a\nx\nb\nc\n"),
            None,
            "a union merge"
        );
        assert_eq!(
            first_line_lost(b"a\nb", b"a\nb\nc\n"),
            None,
            "a torn tail mended"
        );
        assert_eq!(lines_added(here, b"a\nx\nb\nc\n"), 2);
    }

    #[test]
    fn a_line_changed_or_removed_is_named_by_its_number_here() {
        let here = b"a\nb\nc\n";
        assert_eq!(first_line_lost(here, b"a\nB\nc\n"), Some(2));
        assert_eq!(first_line_lost(here, b"a\nc\n"), Some(2));
        assert_eq!(first_line_lost(here, b"a\nb\n"), Some(3));
        assert_eq!(first_line_lost(here, b""), Some(1));
        assert_eq!(first_line_lost(here, b"b\na\nc\n"), Some(2), "reordered");
    }

    #[test]
    fn a_contract_change_is_listed_key_by_key() {
        let before = "customer = \"A\"\n[sla]\nresponse_minutes = 30\n";
        let after = "customer = \"A\"\nstaff = 2\n[sla]\nresponse_minutes = 60\n\
                     [calendar]\nextra_holidays = [2025-03-03]\n";
        let changes = contract_changes(before, after);
        let keys: Vec<(&str, bool)> = changes
            .iter()
            .map(|c| (c.key.as_str(), c.needs_acknowledging()))
            .collect();
        assert_eq!(
            keys,
            [
                ("calendar.extra_holidays", true),
                ("sla.response_minutes", true),
                ("staff", false)
            ]
        );
        assert_eq!(changes[1].before.as_deref(), Some("30"));
        assert_eq!(changes[1].after.as_deref(), Some("60"));
        assert_eq!(changes[2].before, None);
        let named_alike = ContractChange {
            key: "slack".to_string(),
            before: None,
            after: None,
        };
        assert!(!named_alike.needs_acknowledging());
    }

    #[test]
    fn a_files_owner_is_its_name() {
        assert_eq!(owner("ledger/2025-03/wang.fang.jsonl"), "wang.fang");
    }
}
