//! The effective contract as JSON: every key with its default filled in, and what follows
//! from them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::app::contract::Terms;
use crate::contract::{Contract, Level};
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
    /// When to choose each level, by level, in the output language.
    level_definitions: BTreeMap<String, &'static str>,
    service_items: Vec<ServiceItemJson>,
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
