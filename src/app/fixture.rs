//! An environment and a site for the application layer's tests: a 5x8 contract in Shenzhen
//! with two engineers on the national calendar, its ledger where the test says.

use std::path::Path;

use chrono::NaiveDate;

use super::{Environment, Site};
use crate::calendar::Calendar;
use crate::contract::Contract;

/// The contract of the worked examples (docs/rules.md).
pub const CONTRACT: &str = "customer = \"Example Securities Co.\"\nmode = \"5x8\"\n\
    start = 2024-01-02\nend = 2026-12-31\ncity = \"Shenzhen\"\nstaff = 2\n";

/// A site whose contract reads `text`, with its ledger at `ledger`.
pub fn site(text: &str, ledger: &Path) -> Site {
    Site {
        path: "otss.toml".into(),
        contract: Contract::parse(text, "otss.toml").unwrap(),
        calendar: Calendar::national(),
        ledger: ledger.to_path_buf(),
    }
}

/// An environment at 10:00 on Tuesday 4 March 2025 in China, working in `dir`, with no
/// contract or ledger named and no user directories.
pub fn environment(dir: &Path) -> Environment {
    Environment {
        now: "2025-03-04T02:00:00Z".parse().unwrap(),
        contract_flag: None,
        contract_env: None,
        ledger: None,
        engineer: None,
        working_dir: dir.to_path_buf(),
        config_dir: None,
        data_dir: None,
        cache_dir: None,
    }
}

/// A date written `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}
