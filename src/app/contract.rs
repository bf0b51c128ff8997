//! A site's contract as it is in effect: every default filled in, what follows from it, and
//! what it allows but a person should look at.

use std::path::Path;

use chrono::NaiveDate;

use super::Site;
use crate::contract::{Contract, ContractWarning, Priority};
use crate::service::{Frequency, ServiceItem};

/// The effective contract of a site and what follows from it.
pub struct Terms<'s> {
    pub path: &'s Path,
    pub contract: &'s Contract,
    /// Whether the shorter level-1 arrival applies.
    pub priority_site: bool,
    /// Why it applies or not.
    pub priority: Priority,
    /// Every service item, with how often it is due.
    pub service_items: Vec<(ServiceItem, Frequency)>,
    /// The corrections the contract makes to the national calendar: each key of
    /// `[calendar]` it sets, with its dates.
    pub corrections: Vec<(&'static str, &'s [NaiveDate])>,
    /// What the contract allows but a person should look at.
    pub warnings: Vec<ContractWarning>,
}

/// The terms of a site's contract.
pub fn terms(site: &Site) -> Terms<'_> {
    let contract = &site.contract;
    let overrides = &contract.calendar.overrides;
    let corrections = [
        ("extra_holidays", &overrides.extra_holidays),
        ("extra_workdays", &overrides.extra_workdays),
        ("statutory", &overrides.statutory),
        ("not_statutory", &overrides.not_statutory),
    ];
    Terms {
        path: &site.path,
        contract,
        priority_site: contract.is_priority_site(),
        priority: contract.priority(),
        service_items: contract.service_items(),
        corrections: corrections
            .into_iter()
            .filter(|(_, dates)| !dates.is_empty())
            .map(|(key, dates)| (key, dates.as_slice()))
            .collect(),
        warnings: contract.warnings(&site.calendar),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::app::testing::{CONTRACT, date, site};

    #[test]
    fn only_the_corrections_made_are_listed() {
        let text = format!("{CONTRACT}[calendar]\nstatutory = [2025-03-05]\n");
        let site = site(&text, Path::new("ledger"));
        let terms = terms(&site);
        let dates = [date("2025-03-05")];
        assert_eq!(terms.corrections, [("statutory", &dates[..])]);
        assert!(terms.priority_site);
    }

    #[test]
    fn a_term_starting_on_a_holiday_is_pointed_out() {
        let text = CONTRACT.replace("start = 2024-01-02", "start = 2024-01-01");
        let site = site(&text, Path::new("ledger"));
        assert_eq!(terms(&site).warnings.len(), 1);
    }
}
