//! Checking a site's ledger: every line of every file is read, as the files are the only
//! source of truth.

use std::io::{self, Read};
use std::path::PathBuf;

use super::{Result, Site};
use chrono::{DateTime, Utc};

use crate::check::{Census, Checked, Checker, Found, Judge};
use crate::ledger::index::Source as _;
use crate::store::LedgerDir;

/// What checking a ledger found, and where the ledger is.
#[derive(Debug)]
pub struct LedgerCheck {
    pub ledger: PathBuf,
    pub checked: Checked,
}

impl LedgerCheck {
    /// The path of the file or directory a problem is in.
    pub fn path(&self, found: &Found) -> PathBuf {
        self.ledger.join(&found.file)
    }
}

/// Checks every file of the site's ledger, and every entry that is not read; each record's
/// times are judged against the contract and `now` (docs/rules.md §10.5).
pub fn check_ledger(site: &Site, now: DateTime<Utc>) -> Result<LedgerCheck> {
    let ledger = LedgerDir::new(&site.ledger);
    // Both readings stop where each file ended when it was listed: a record appended between
    // them is the next check's.
    let files: Vec<(String, u64)> = (ledger.files()?.into_iter())
        .map(|file| (file.name, file.len))
        .collect();
    let mut census = Census::default();
    read_each(&ledger, &files, |name, reader| census.file(name, reader))?;
    let judge = Judge {
        contract: site.contract.clone(),
        now,
    };
    let mut checker = Checker::judging(judge).knowing(census.repeated());
    read_each(&ledger, &files, |name, reader| checker.file(name, reader))?;
    for refused in ledger.refused() {
        checker.refused(&refused);
    }
    Ok(LedgerCheck {
        ledger: site.ledger.clone(),
        checked: checker.finish(),
    })
}

/// Hands `read` each file of `files` (its name and length), opened, up to that length.
fn read_each(
    ledger: &LedgerDir,
    files: &[(String, u64)],
    mut read: impl FnMut(&str, Box<dyn Read + '_>) -> io::Result<()>,
) -> Result<()> {
    for (name, len) in files {
        let reader = ledger.open(name)?.take(*len);
        read(name, Box::new(reader)).map_err(|e| ledger.read_failed(name, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::app::testing::{CONTRACT, site};

    fn check(dir: &Path) -> LedgerCheck {
        check_ledger(&site(CONTRACT, dir), chrono::Utc::now()).unwrap()
    }

    #[test]
    fn an_empty_ledger_is_intact() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check(dir.path()).checked.intact());
    }

    #[test]
    fn a_torn_line_is_found_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("2025-03")).unwrap();
        fs::write(dir.path().join("2025-03/li.lei.jsonl"), "{\"v\":1,").unwrap();
        let check = check(dir.path());
        assert_eq!(check.checked.files, 1);
        let found = &check.checked.problems[0];
        assert_eq!(check.path(found), dir.path().join("2025-03/li.lei.jsonl"));
    }
}
