//! A site for the application layer's tests: a 5x8 contract in Shenzhen with two engineers
//! on the national calendar, its ledger where the test says.

use std::path::Path;

use chrono::NaiveDate;

use super::Site;
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

/// A date written `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}
