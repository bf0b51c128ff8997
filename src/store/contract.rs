//! Where the contract is: named, in the working directory, or in the user's configuration.

use std::path::{Path, PathBuf};

use super::StoreError;

/// Where a contract was asked for or may be found (docs/rules.md §9): the first that applies wins.
pub struct ContractSearch<'a> {
    /// `--contract PATH`.
    pub flag: Option<&'a Path>,
    /// `OTSS_CONTRACT`.
    pub env: Option<&'a Path>,
    /// `./otss.toml`.
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

/// The default places a contract is looked for, in order.
pub fn default_contract_paths(search: &ContractSearch) -> Vec<PathBuf> {
    let mut paths = vec![search.working_dir.join(CONTRACT_FILE)];
    paths.extend(search.config_dir.map(|dir| dir.join(CONTRACT_FILE)));
    paths
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
