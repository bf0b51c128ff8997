//! A new contract: what it says, each default filled in, checked, and written where otss will
//! find it, never over a file already there.

use std::path::Path;

use chrono::{DateTime, Months, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{Environment, Result};
use crate::contract::{Contract, ContractWarning, DEFAULT_ZONE, MAX_STAFF};
use crate::lang::Lang;
use crate::service::Mode;
use crate::store;
use crate::time::local_date;

/// Engineers on a contract that does not say.
pub const DEFAULT_STAFF: u32 = 1;

/// What a new contract says; everything else takes its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub customer: String,
    pub provider: Option<String>,
    pub mode: Mode,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub timezone: Tz,
    pub city: Option<String>,
    pub staff: u32,
    /// Who may write, when listed (docs/rules.md §10.4).
    pub engineers: Vec<String>,
    pub language: Lang,
}

/// What a new contract is given when nothing is asked: the four things every contract needs,
/// and what else was said.
#[derive(Debug, Clone)]
pub struct Given {
    pub customer: String,
    pub mode: Mode,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub provider: Option<String>,
    pub city: Option<String>,
    pub timezone: Option<Tz>,
    pub staff: Option<u32>,
    pub engineers: Vec<String>,
    pub language: Option<Lang>,
}

/// A term whose last day comes before its first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermReversed {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A contract written, and what it allows but a person should look at.
#[derive(Debug)]
pub struct Written {
    pub contract: Contract,
    pub warnings: Vec<ContractWarning>,
}

impl NewContract {
    /// The new contract `given` asks for, each default filled in.
    pub fn new(given: Given) -> NewContract {
        NewContract {
            customer: given.customer,
            provider: given.provider,
            mode: given.mode,
            start: given.start,
            end: given.end,
            timezone: given.timezone.unwrap_or(DEFAULT_ZONE),
            city: given.city,
            staff: given.staff.unwrap_or(DEFAULT_STAFF),
            engineers: given.engineers,
            // The contract's language is the customer's reports' language: never taken from
            // the language a person reads otss in.
            language: given.language.unwrap_or(Lang::Zh),
        }
    }
}

/// Checks that a term ends no earlier than it starts.
pub fn check_term(start: NaiveDate, end: NaiveDate) -> Result<(), TermReversed> {
    match end < start {
        true => Err(TermReversed { start, end }),
        false => Ok(()),
    }
}

/// The first day proposed for a term: today, where the site is.
pub fn proposed_start(now: DateTime<Utc>, timezone: Option<Tz>) -> NaiveDate {
    local_date(now, timezone.unwrap_or(DEFAULT_ZONE))
}

/// The last day proposed for a term: a year after its first.
pub fn proposed_end(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

/// Engineers on a contract, as typed: a whole number from 1 to `MAX_STAFF`.
pub fn read_staff(text: &str) -> Option<u32> {
    text.parse().ok().filter(|n| (1..=MAX_STAFF).contains(n))
}

/// The engineers' names typed at once, separated by commas (`,` or `，`): `None` when one
/// holds a character that cannot be seen or comes twice, in any case.
pub fn read_engineers(text: &str) -> Option<Vec<String>> {
    let names: Vec<String> = text
        .split([',', '，'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect();
    let mut seen = std::collections::HashSet::new();
    names
        .iter()
        .all(|name| {
            !name.chars().any(crate::text::is_invisible) && seen.insert(name.to_lowercase())
        })
        .then_some(names)
}

/// Whether something is already where a new contract would be written.
pub fn taken(path: &Path) -> bool {
    path.exists()
}

/// Writes a new contract's `text` to `path` once it reads back as a contract whose calendar
/// can be built; `None` when something is already there.
pub fn write(env: &Environment, path: &Path, text: &str) -> Result<Option<Written>> {
    let contract = Contract::parse(text, &path.display().to_string())?;
    let calendar = super::calendar(env, Some((&contract, path)))?;
    if !store::create_new(path, text)? {
        return Ok(None);
    }
    let warnings = contract.warnings(&calendar);
    Ok(Some(Written { contract, warnings }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{date, environment};

    #[test]
    fn a_term_is_proposed_for_a_year() {
        assert_eq!(proposed_end(date("2025-01-02")), date("2026-01-01"));
        let now = "2025-03-03T17:00:00Z".parse().unwrap();
        assert_eq!(proposed_start(now, None), date("2025-03-04"));
        assert_eq!(proposed_start(now, Some(Tz::UTC)), date("2025-03-03"));
    }

    #[test]
    fn a_term_may_be_one_day_but_not_end_before_it_starts() {
        let day = date("2025-03-04");
        assert_eq!(check_term(day, day), Ok(()));
        let reversed = check_term(day, date("2025-03-03")).unwrap_err();
        assert_eq!(reversed.start, day);
    }

    #[test]
    fn engineers_are_one_or_more() {
        assert_eq!(read_staff("2"), Some(2));
        assert_eq!(read_staff("0"), None);
        assert_eq!(read_staff("two"), None);
        assert_eq!(read_staff(&(MAX_STAFF + 1).to_string()), None);
    }

    #[test]
    fn a_contract_is_written_once_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let env = environment(dir.path());
        let path = dir.path().join("site/otss.toml");
        let text = "customer = \"X\"\nmode = \"5x8\"\nstart = 2025-01-01\nend = 2025-12-31\n";
        assert!(!taken(&path));
        let written = write(&env, &path, text).unwrap().unwrap();
        assert_eq!(written.contract.customer, "X");
        assert_eq!(
            written.warnings.len(),
            1,
            "New Year's Day is not a working day"
        );
        assert!(taken(&path));
        assert!(write(&env, &path, "customer = \"Y\"").is_err());
        assert!(write(&env, &path, text).unwrap().is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn engineers_typed_at_once_are_each_named_once() {
        assert_eq!(
            read_engineers(" li.lei，Wang.Fang, ,"),
            Some(vec!["li.lei".to_string(), "Wang.Fang".to_string()])
        );
        assert_eq!(read_engineers(""), Some(Vec::new()));
        assert_eq!(read_engineers("li.lei, LI.LEI"), None);
        assert_eq!(read_engineers("li\u{200b}lei"), None);
    }

    #[test]
    fn what_is_not_given_takes_its_default() {
        let new = NewContract::new(Given {
            customer: "Example".into(),
            mode: Mode::FiveByEight,
            start: date("2025-01-02"),
            end: date("2025-12-31"),
            provider: None,
            city: None,
            timezone: None,
            staff: None,
            engineers: Vec::new(),
            language: None,
        });
        assert_eq!(
            (new.timezone, new.staff, new.language),
            (DEFAULT_ZONE, DEFAULT_STAFF, Lang::Zh)
        );
    }
}
