//! A site with its ledger in a temporary directory, for the tests of the application layer.

use std::path::PathBuf;

use tempfile::TempDir;

use super::{Environment, Ledger, Site};
use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::time::parse_instant;

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
        let text = "customer = \"T\"\nmode = \"5x8\"\nstart = 2024-01-02\nend = 2026-12-31\n\
                    city = \"Shenzhen\"\n";
        let contract = Contract::parse(text, "otss.toml").unwrap();
        let now = parse_instant(local, contract.timezone).unwrap();
        let site = Site {
            path: dir.path().join("otss.toml"),
            contract,
            calendar: Calendar::national(),
            ledger: dir.path().join("ledger"),
        };
        let env = Environment {
            now,
            contract_flag: None,
            contract_env: None,
            ledger: None,
            engineer: Some("li.lei".to_string()),
            working_dir: PathBuf::from(dir.path()),
            config_dir: None,
            data_dir: None,
            cache_dir: None,
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
    pub fn read<T>(
        &self,
        query: impl FnOnce(&mut Ledger) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let mut ledger = Ledger::new(&self.site, None);
        let read = query(&mut ledger);
        assert_eq!(ledger.warnings(), []);
        read
    }
}
