//! A site: its contract, the calendar the contract runs on, and where its ledger is.

use std::path::{Path, PathBuf};

use super::{Environment, Error, Result};
use crate::calendar::{Calendar, Schedule};
use crate::contract::{Contract, ContractError, DEFAULT_LANGUAGE, MAX_CONTRACT_BYTES};
use crate::lang::Lang;
use crate::store::{self, StoreError};

/// A contract with the calendar it runs on and its ledger.
pub struct Site {
    pub path: PathBuf,
    pub contract: Contract,
    pub calendar: Calendar,
    /// The ledger directory: `--ledger`, `OTSS_LEDGER`, else the contract's `ledger` key
    /// relative to the contract file.
    pub ledger: PathBuf,
}

/// A contract that cannot be used, with the language its text asks for (when it says), so
/// that what is wrong can be said in it.
#[derive(Debug)]
pub struct SiteError {
    pub error: Error,
    pub language: Option<Lang>,
}

/// An error of a site whose contract's language is not known.
fn unsaid(error: impl Into<Error>) -> SiteError {
    SiteError {
        error: error.into(),
        language: None,
    }
}

impl Site {
    /// The site whose contract the environment names or finds, if there is one; a named
    /// contract that is missing or broken is an error.
    pub fn load(env: &Environment) -> Result<Option<Site>, SiteError> {
        let Some(path) = store::find_contract(&env.contract_search()).map_err(unsaid)? else {
            return Ok(None);
        };
        let origin = path.display().to_string();
        let text = store::read_text(&path, MAX_CONTRACT_BYTES).map_err(|error| match error {
            StoreError::TooLarge { size, .. } => Error::Contract(ContractError::TooLarge {
                origin: origin.clone(),
                size,
            }),
            error => Error::Store(error),
        });
        let text = text.map_err(unsaid)?;
        let contract = Contract::parse(&text, &origin).map_err(|error| SiteError {
            error: error.into(),
            language: language_key(&text),
        })?;
        let calendar = calendar(env, Some((&contract, &path))).map_err(|error| SiteError {
            error,
            language: Some(contract.language),
        })?;
        let ledger = match &env.ledger {
            Some(dir) => dir.clone(),
            None => contract_dir(&path).join(&contract.ledger),
        };
        Ok(Some(Site {
            path,
            contract,
            calendar,
            ledger,
        }))
    }

    /// The site, which the command needs: no contract found is an error listing where it was
    /// looked for.
    pub fn required(env: &Environment) -> Result<Site, SiteError> {
        Site::load(env)?.ok_or_else(|| {
            unsaid(StoreError::NoContract {
                looked: store::default_contract_paths(&env.contract_search()),
                ledger: store::ledger_around(&env.working_dir),
            })
        })
    }
}

/// The calendar: built in, plus the user's imported schedules, plus a contract's schedules and
/// corrections.
pub fn calendar(env: &Environment, contract: Option<(&Contract, &Path)>) -> Result<Calendar> {
    let mut schedules: Vec<Schedule> = match env.schedules_dir() {
        Some(dir) => store::imported_schedules(&dir)?,
        None => Vec::new(),
    };
    let Some((contract, path)) = contract else {
        return Ok(Calendar::new(&schedules, &Default::default()));
    };
    for file in &contract.calendar.schedules {
        schedules.push(store::read_schedule(&contract_dir(path).join(file))?);
    }
    Ok(Calendar::new(&schedules, &contract.calendar.overrides))
}

/// The directory a contract's relative paths start from.
fn contract_dir(contract: &Path) -> &Path {
    contract.parent().unwrap_or(Path::new("."))
}

/// The language of the contract the environment names or finds, read on its own (the rest of
/// the contract may be broken): `None` without one, or when it cannot be read.
pub fn contract_language(env: &Environment) -> Option<Lang> {
    let path = store::find_contract(&env.contract_search()).ok()??;
    let text = store::read_text(&path, MAX_CONTRACT_BYTES).ok()?;
    Some(language_key(&text).unwrap_or(DEFAULT_LANGUAGE))
}

/// The `language` a contract's text asks for, read on its own.
fn language_key(text: &str) -> Option<Lang> {
    let table: toml::Table = toml::from_str(text).ok()?;
    Lang::from_key(table.get("language")?.as_str()?)
}
