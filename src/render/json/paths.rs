//! Where otss looks for the contract and keeps its files, as JSON.

use std::path::Path;

use serde::Serialize;

use crate::app::paths::Paths;

/// Every place, `null` where there is none (no contract yet, or no home directory).
#[derive(Serialize)]
pub struct PathsJson<'a> {
    contract: Option<&'a Path>,
    ledger: Option<&'a Path>,
    config: Option<&'a Path>,
    schedules: Option<&'a Path>,
    cache: Option<&'a Path>,
}

impl<'a> PathsJson<'a> {
    pub fn new(paths: &'a Paths) -> PathsJson<'a> {
        PathsJson {
            contract: paths.contract.as_deref(),
            ledger: paths.ledger.as_deref(),
            config: paths.config.as_deref(),
            schedules: paths.schedules.as_deref(),
            cache: paths.cache.as_deref(),
        }
    }
}
