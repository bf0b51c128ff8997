//! Where otss looks for the contract and keeps its files.

use std::path::PathBuf;

use super::{Environment, Site};

/// Every place otss uses, `None` where there is none (no contract yet, or no home directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub contract: Option<PathBuf>,
    pub ledger: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub schedules: Option<PathBuf>,
    pub cache: Option<PathBuf>,
    /// Where `otss init` writes a new contract.
    pub new_contract: PathBuf,
}

/// The places of the environment, and those of the site when its contract could be read.
pub fn paths(env: &Environment, site: Option<Site>) -> Paths {
    Paths {
        contract: site
            .as_ref()
            .map(|site| site.path.clone())
            .or_else(|| env.contract_path().ok().flatten()),
        ledger: site.map(|site| site.ledger).or_else(|| env.ledger.clone()),
        config: env.config_dir.clone(),
        schedules: env.schedules_dir(),
        cache: env.cache_dir().map(PathBuf::from),
        new_contract: env.new_contract_path(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::app::testing::{CONTRACT, environment, site};

    fn env(ledger: Option<&str>) -> Environment {
        Environment {
            ledger: ledger.map(PathBuf::from),
            data_dir: Some(PathBuf::from("/data")),
            ..environment(Path::new("/work"))
        }
    }

    #[test]
    fn the_sites_places_come_first_then_the_environments() {
        let site = site(CONTRACT, Path::new("/site/ledger"));
        let paths = paths(&env(Some("/elsewhere")), Some(site));
        assert_eq!(paths.contract, Some(PathBuf::from("otss.toml")));
        assert_eq!(paths.ledger, Some(PathBuf::from("/site/ledger")));
        assert_eq!(paths.schedules, Some(PathBuf::from("/data/calendar")));
        assert_eq!(paths.cache, None);
    }

    #[test]
    fn without_a_site_the_ledger_is_only_what_was_named() {
        let paths = paths(&env(Some("/elsewhere")), None);
        assert_eq!(paths.ledger, Some(PathBuf::from("/elsewhere")));
        assert_eq!(paths.new_contract, PathBuf::from("/work/otss.toml"));
    }
}
