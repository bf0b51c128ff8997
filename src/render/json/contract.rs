//! The effective contract as JSON: every key with its default filled in, and what follows
//! from them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::app::contract::Terms;
use crate::contract::{Contract, Level, Priority};
use crate::i18n::Messages;
use crate::service::{Frequency, ServiceItem};

/// The contract's keys, where it is, whether the priority arrival applies, when to choose each
/// level, and each service item with its name and frequency.
#[derive(Serialize)]
pub struct ContractJson<'a> {
    path: &'a Path,
    #[serde(flatten)]
    contract: &'a Contract,
    priority_site: bool,
    /// Why the priority arrival applies or not.
    priority: PriorityJson,
    /// When to choose each level, by level, in the output language.
    level_definitions: BTreeMap<String, &'static str>,
    service_items: Vec<ServiceItemJson>,
}

/// Why the priority arrival applies or not (docs/rules.md §2.4): `reason` is `applies`,
/// `no_city`, `city_not_listed` or `too_few_staff`; `did_you_mean` is the priority city the
/// contract's city is a likely typo of.
#[derive(Serialize)]
struct PriorityJson {
    reason: &'static str,
    did_you_mean: Option<String>,
}

impl PriorityJson {
    fn new(priority: &Priority) -> PriorityJson {
        let (reason, did_you_mean) = match priority {
            Priority::Applies { .. } => ("applies", None),
            Priority::NoCity => ("no_city", None),
            Priority::CityNotListed { did_you_mean, .. } => {
                ("city_not_listed", did_you_mean.clone())
            }
            Priority::TooFewStaff { .. } => ("too_few_staff", None),
        };
        PriorityJson {
            reason,
            did_you_mean,
        }
    }
}

#[derive(Serialize)]
struct ServiceItemJson {
    item: ServiceItem,
    name: &'static str,
    frequency: Frequency,
}

impl<'a> ContractJson<'a> {
    pub fn new(terms: &Terms<'a>, m: &Messages) -> ContractJson<'a> {
        ContractJson {
            path: terms.path,
            contract: terms.contract,
            priority_site: terms.priority_site,
            priority: PriorityJson::new(&terms.priority),
            level_definitions: Level::ALL
                .iter()
                .map(|level| (level.number().to_string(), m.level_definition(*level)))
                .collect(),
            service_items: terms
                .service_items
                .iter()
                .map(|&(item, frequency)| ServiceItemJson {
                    item,
                    name: m.service_item(item),
                    frequency,
                })
                .collect(),
        }
    }
}
