//! Where the contract is: named, in the working directory or one above it, or in the user's
//! configuration.

use std::path::{Path, PathBuf};

use super::StoreError;
use crate::ledger::partition_month;

/// Where a contract was asked for or may be found (docs/rules.md §9): the first that applies wins.
pub struct ContractSearch<'a> {
    /// `--contract PATH`.
    pub flag: Option<&'a Path>,
    /// `OTSS_CONTRACT`.
    pub env: Option<&'a Path>,
    /// `./otss.toml`, then `otss.toml` in each directory above (docs/rules.md §9.1).
    pub working_dir: &'a Path,
    /// The user configuration directory, if the platform has one.
    pub config_dir: Option<&'a Path>,
}

pub const CONTRACT_FILE: &str = "otss.toml";

/// What named a contract: `--contract`, or `OTSS_CONTRACT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedBy {
    Flag,
    Environment,
}

/// The contract file to use: the one named by `--contract` or `OTSS_CONTRACT`, which must
/// exist, else the first default location that holds one. `None` when no default does.
pub fn find_contract(search: &ContractSearch) -> Result<Option<PathBuf>, StoreError> {
    let named = [
        (search.flag, NamedBy::Flag),
        (search.env, NamedBy::Environment),
    ];
    if let Some((path, named_by)) = named
        .into_iter()
        .find_map(|(path, named_by)| path.map(|p| (p, named_by)))
    {
        return if path.is_file() {
            Ok(Some(path.to_path_buf()))
        } else {
            Err(StoreError::ContractMissing {
                path: path.to_path_buf(),
                named_by,
            })
        };
    }
    Ok(default_contract_paths(search)
        .into_iter()
        .find(|p| p.is_file()))
}

/// The default places a contract is looked for, in order: the working directory and each
/// directory above it, then the user configuration directory (docs/rules.md §9.1).
pub fn default_contract_paths(search: &ContractSearch) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = directories_up(search.working_dir)
        .map(|dir| dir.join(CONTRACT_FILE))
        .collect();
    paths.extend(search.config_dir.map(|dir| dir.join(CONTRACT_FILE)));
    paths
}

/// `dir` and the directories above it, up to and including the first that holds `.git` (the
/// top of a repository, where a shared site keeps its contract), else up to the root.
fn directories_up(dir: &Path) -> impl Iterator<Item = &Path> {
    let mut done = false;
    dir.ancestors().take_while(move |dir| {
        let this = !done;
        done = dir.join(".git").symlink_metadata().is_ok();
        this
    })
}

/// The contract in `dir` or a directory above it, as the search up finds it.
pub fn contract_above(dir: &Path) -> Option<PathBuf> {
    directories_up(dir)
        .map(|dir| dir.join(CONTRACT_FILE))
        .find(|path| path.is_file())
}

/// Of the directories a contract was looked for in, the first that is a site's ledger (it holds
/// a `YYYY-MM` month directory of `.jsonl` files): a place where no new contract belongs.
pub fn ledger_around(working_dir: &Path) -> Option<PathBuf> {
    directories_up(working_dir)
        .find(|dir| holds_months(dir))
        .map(Path::to_path_buf)
}

fn holds_months(dir: &Path) -> bool {
    let Ok(entries) = dir.read_dir() else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let is_month = name.to_str().and_then(partition_month).is_some();
        is_month && holds_records(&entry.path())
    })
}

fn holds_records(month: &Path) -> bool {
    month.read_dir().is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|ext| ext == "jsonl"))
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn search<'a>(dir: &'a Path, config: &'a Path) -> ContractSearch<'a> {
        ContractSearch {
            flag: None,
            env: None,
            working_dir: dir,
            config_dir: Some(config),
        }
    }

    #[test]
    fn the_flag_wins_and_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let s = ContractSearch {
            flag: Some(&missing),
            ..search(dir.path(), dir.path())
        };
        let err = find_contract(&s).unwrap_err();
        assert!(
            matches!(&err, StoreError::ContractMissing { path, named_by: NamedBy::Flag }
                if *path == missing),
            "{err:?}"
        );
    }

    #[test]
    fn the_contract_is_found_from_a_directory_below_it() {
        let dir = tempfile::tempdir().unwrap();
        let below = dir.path().join("ledger/2025-03");
        fs::create_dir_all(&below).unwrap();
        fs::write(dir.path().join(CONTRACT_FILE), "").unwrap();
        let config = dir.path().join("config");
        assert_eq!(
            find_contract(&search(&below, &config)).unwrap(),
            Some(dir.path().join(CONTRACT_FILE))
        );
    }

    #[test]
    fn the_search_up_stops_at_the_top_of_a_repository() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONTRACT_FILE), "").unwrap();
        let repository = dir.path().join("repo");
        let below = repository.join("docs");
        fs::create_dir_all(repository.join(".git")).unwrap();
        fs::create_dir_all(&below).unwrap();
        let config = dir.path().join("config");
        let s = search(&below, &config);
        assert_eq!(find_contract(&s).unwrap(), None);
        assert_eq!(
            default_contract_paths(&s),
            [
                below.join(CONTRACT_FILE),
                repository.join(CONTRACT_FILE),
                config.join(CONTRACT_FILE)
            ]
        );
    }

    #[test]
    fn a_ledger_is_recognised_by_its_months_of_records() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("ledger");
        let month = ledger.join("2025-03");
        fs::create_dir_all(&month).unwrap();
        assert_eq!(ledger_around(&month), None);
        fs::write(month.join("li.lei.jsonl"), "").unwrap();
        assert_eq!(ledger_around(&month), Some(ledger.clone()));
        assert_eq!(ledger_around(&ledger), Some(ledger));
        assert_eq!(ledger_around(dir.path()), None);
    }

    #[test]
    fn the_working_directory_comes_before_the_config_directory() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        fs::create_dir(&config).unwrap();
        fs::write(config.join(CONTRACT_FILE), "").unwrap();
        let s = search(dir.path(), &config);
        assert_eq!(find_contract(&s).unwrap(), Some(config.join(CONTRACT_FILE)));
        fs::write(dir.path().join(CONTRACT_FILE), "").unwrap();
        assert_eq!(
            find_contract(&s).unwrap(),
            Some(dir.path().join(CONTRACT_FILE))
        );
    }
}
