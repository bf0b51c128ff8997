//! Sites and environments for the tests of the application layer: a 5x8 contract in Shenzhen
//! with two engineers on the national calendar, its ledger where the test says or in a
//! temporary directory.

use std::path::Path;

use chrono::NaiveDate;
use tempfile::TempDir;

use super::{Environment, Ledger, Result, Site};
use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::time::parse_instant;

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

/// A Shenzhen 5x8 site whose term runs from 2024-01-02 to 2026-12-31, with li.lei writing.
pub struct TestSite {
    pub site: Site,
    pub env: Environment,
    _dir: TempDir,
}

impl TestSite {
    /// The site, with "now" at `local` (`YYYY-MM-DD HH:MM` in Shenzhen).
    pub fn at(local: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let mut site = site(CONTRACT, &dir.path().join("ledger"));
        site.path = dir.path().join("otss.toml");
        let env = Environment {
            now: parse_instant(local, site.contract.timezone).unwrap(),
            engineer: Some("li.lei".to_string()),
            ..environment(dir.path())
        };
        TestSite {
            site,
            env,
            _dir: dir,
        }
    }

    /// "Now" moved to `local`.
    pub fn later(&mut self, local: &str) {
        self.env.now = parse_instant(local, self.site.contract.timezone).unwrap();
    }

    /// What `query` makes of the ledger, which must pass nothing over.
    pub fn read<T>(&self, query: impl FnOnce(&mut Ledger) -> Result<T>) -> Result<T> {
        let mut ledger = Ledger::new(&self.site, None, self.env.now);
        let read = query(&mut ledger);
        assert_eq!(ledger.warnings(), []);
        read
    }
}
