//! Withdrawing a record without touching the line it is on (docs/rules.md §10.2): a
//! `record.voided` record names the record it withdraws. A voided record counts nowhere; it
//! stays in the ledger and is shown struck out. A void can itself be voided, which restores
//! the record.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Event, Record};

/// A record withdrawn (`record.voided`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// The id of the record withdrawn.
    pub target: String,
    pub reason: String,
    /// The incident the withdrawn record is about, so that the void is read with the
    /// incident's records. A void of an incident's record counts only there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// When the withdrawn record says it happened, so that the reports a void changes are
    /// known without reading the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_at: Option<DateTime<FixedOffset>>,
    /// The withdrawn record's type, for the corrections a report lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<String>,
    /// Written by `otss incident merge`: the incident the withdrawn opening's incident was
    /// merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Written by `otss undo`, which walks back past its own voids.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undo: bool,
}

/// A void as far as deciding what stands needs it: its own id and the id it withdraws.
pub struct VoidLink<'a> {
    pub id: &'a str,
    pub target: &'a str,
}

impl<'a> VoidLink<'a> {
    pub fn of(record: &'a Record) -> Option<VoidLink<'a>> {
        match &record.event {
            Event::RecordVoided(void) => Some(VoidLink {
                id: &record.id,
                target: &void.target,
            }),
            _ => None,
        }
    }
}

/// The ids of the records withdrawn by the voids `links`, each of which stands unless a void
/// entered after it withdraws it. A void acts only on a record entered before it (ids sort by
/// entry time), so no chain of voids can go round in a circle.
pub fn withdrawn<'a>(links: impl IntoIterator<Item = VoidLink<'a>>) -> HashSet<&'a str> {
    let mut by_id: BTreeMap<&str, &str> = BTreeMap::new();
    for link in links {
        if link.target < link.id {
            by_id.insert(link.id, link.target);
        }
    }
    let mut withdrawn: HashSet<&str> = HashSet::new();
    // Latest first: whether a void stands is known once every later void is decided.
    for (id, target) in by_id.into_iter().rev() {
        if !withdrawn.contains(id) {
            withdrawn.insert(target);
        }
    }
    withdrawn
}

/// The records that stand among `records` (voids read with them decide), and those voided,
/// each with the void in effect that withdrew it. Voids themselves are neither: they say what
/// they do.
pub struct Standing<'a> {
    pub kept: Vec<&'a Record>,
    pub voided: Vec<(&'a Record, &'a Record)>,
}

pub fn standing<'a>(records: impl IntoIterator<Item = &'a Record>) -> Standing<'a> {
    let records: Vec<&Record> = records.into_iter().collect();
    let withdrawn = withdrawn(records.iter().filter_map(|r| VoidLink::of(r)));
    // The void in effect for each record withdrawn: the latest that stands.
    let mut in_effect: BTreeMap<&str, &Record> = BTreeMap::new();
    for record in &records {
        if let Some(link) = VoidLink::of(record)
            && !withdrawn.contains(link.id)
            && link.target < link.id
        {
            let void = in_effect.entry(link.target).or_insert(record);
            if record.id > void.id {
                *void = record;
            }
        }
    }
    let mut standing = Standing {
        kept: Vec::new(),
        voided: Vec::new(),
    };
    for record in records {
        if matches!(record.event, Event::RecordVoided(_)) {
            continue;
        }
        match in_effect.get(record.id.as_str()) {
            Some(void) if withdrawn.contains(record.id.as_str()) => {
                standing.voided.push((record, void));
            }
            _ => standing.kept.push(record),
        }
    }
    standing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link<'a>(id: &'a str, target: &'a str) -> VoidLink<'a> {
        VoidLink { id, target }
    }

    #[test]
    fn a_void_withdraws_and_a_void_of_it_restores() {
        let voided = withdrawn([link("B", "A")]);
        assert!(voided.contains("A"));
        let restored = withdrawn([link("B", "A"), link("C", "B")]);
        assert!(!restored.contains("A"));
        assert!(restored.contains("B"));
        let again = withdrawn([link("B", "A"), link("C", "B"), link("D", "C")]);
        assert!(again.contains("A") && again.contains("C") && !again.contains("B"));
    }

    #[test]
    fn a_void_cannot_reach_a_record_entered_after_it() {
        assert!(withdrawn([link("A", "B")]).is_empty());
        // Two voids naming each other: only the later one acts.
        let voided = withdrawn([link("A", "B"), link("B", "A")]);
        assert_eq!(voided, HashSet::from(["A"]));
    }
}
