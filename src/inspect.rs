//! Inspection rounds (docs/rules.md §4): the monitoring, resource and alert checklists, how many
//! rounds a day requires, how many count as done, and the abnormal findings, which are risks.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::ids::short_id;
use crate::record::inspect::{ItemResult, Outcome, Round};
use crate::record::{Event, Record, select};
use crate::service::InspectionKind;
use crate::suggest::closest;
use crate::time::local_date;

/// Why the results given are not a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InspectError {
    /// Neither `NAME=ok` nor `NAME=abnormal:NOTE`, as typed.
    BadResult(String),
    /// An item not on the checklist of `kind`: the closest that is, and every one that is.
    UnknownItem {
        item: String,
        kind: InspectionKind,
        near: Option<String>,
        valid: Vec<String>,
    },
    /// An item given two results.
    Twice(String),
    /// The items given no result.
    Missing(Vec<String>),
    /// An abnormal item with no note of what was found.
    NoNote(String),
}

/// Reads `NAME=ok` or `NAME=abnormal:NOTE`.
pub fn parse_result(text: &str) -> Result<ItemResult, InspectError> {
    let bad = || InspectError::BadResult(text.to_string());
    // Items cannot hold `=` (the contract refuses it); a note may.
    let (item, result) = text.split_once('=').ok_or_else(bad)?;
    let item = item.trim().to_string();
    let (result, note) = match result.trim().split_once(':') {
        Some((word, note)) => (word.trim(), Some(note.trim().to_string())),
        None => (result.trim(), None),
    };
    let result = match result.to_lowercase().as_str() {
        "ok" => Outcome::Ok,
        "abnormal" => Outcome::Abnormal,
        _ => return Err(bad()),
    };
    if item.is_empty() {
        return Err(bad());
    }
    if result == Outcome::Abnormal && note.as_deref().is_none_or(str::is_empty) {
        return Err(InspectError::NoNote(item));
    }
    Ok(ItemResult { item, result, note })
}

/// A complete round of `kind` from the results given; with `all_ok` every item not given is
/// ok. Every checklist item needs exactly one result.
pub fn round(
    kind: InspectionKind,
    checklist: &[String],
    all_ok: bool,
    given: Vec<ItemResult>,
) -> Result<Round, InspectError> {
    let named = names_ignoring_ascii_case(checklist);
    let mut by_item: BTreeMap<&str, ItemResult> = BTreeMap::new();
    for result in given {
        let Some(item) = named.get(&result.item.to_ascii_lowercase()).copied() else {
            let near = closest(&result.item, checklist.iter().map(String::as_str));
            return Err(InspectError::UnknownItem {
                item: result.item,
                kind,
                near: near.map(str::to_string),
                valid: checklist.to_vec(),
            });
        };
        let named = ItemResult {
            item: item.clone(),
            ..result
        };
        if by_item.insert(item, named).is_some() {
            return Err(InspectError::Twice(item.clone()));
        }
    }
    let missing: Vec<String> = checklist
        .iter()
        .filter(|item| !by_item.contains_key(item.as_str()))
        .cloned()
        .collect();
    if !missing.is_empty() && !all_ok {
        return Err(InspectError::Missing(missing));
    }
    let items = checklist
        .iter()
        .map(|item| {
            by_item.remove(item.as_str()).unwrap_or(ItemResult {
                item: item.clone(),
                result: Outcome::Ok,
                note: None,
            })
        })
        .collect();
    Ok(Round { kind, items })
}

/// The checklist's items by their names in ASCII lower case; of two items that differ only in
/// case, the first.
fn names_ignoring_ascii_case(checklist: &[String]) -> HashMap<String, &String> {
    let mut named = HashMap::with_capacity(checklist.len());
    for item in checklist {
        named.entry(item.to_ascii_lowercase()).or_insert(item);
    }
    named
}

/// Rounds of `kind` the contract requires on `date` (docs/rules.md §4): under 5x8 on working days
/// of the calendar, under 7x24 every day; none outside the term.
pub fn required(
    contract: &Contract,
    calendar: &Calendar,
    kind: InspectionKind,
    date: NaiveDate,
) -> u32 {
    if contract.serves_on(calendar, date) {
        contract.inspections[&kind].rounds
    } else {
        0
    }
}

/// How one kind stands on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    pub kind: InspectionKind,
    pub required: u32,
    /// Rounds that count: a day's rounds capped at its requirement (docs/rules.md §4), so extra
    /// rounds one day never make up for a missed day.
    pub done: u32,
    /// Every round recorded that day.
    pub rounds: u32,
}

/// The rounds of each kind done on each local date.
pub fn rounds_by_day(records: &[Record], zone: Tz) -> BTreeMap<(NaiveDate, InspectionKind), u32> {
    let mut rounds = BTreeMap::new();
    for record in records {
        if let Event::InspectionRound(round) = &record.event {
            *rounds
                .entry((local_date(record.instant(), zone), round.kind))
                .or_default() += 1;
        }
    }
    rounds
}

/// Every kind's standing on `date`.
pub fn due_on(
    contract: &Contract,
    calendar: &Calendar,
    date: NaiveDate,
    rounds: &BTreeMap<(NaiveDate, InspectionKind), u32>,
) -> Vec<Due> {
    InspectionKind::ALL
        .into_iter()
        .map(|kind| {
            let required = required(contract, calendar, kind, date);
            let recorded = rounds.get(&(date, kind)).copied().unwrap_or_default();
            Due {
                kind,
                required,
                done: recorded.min(required),
                rounds: recorded,
            }
        })
        .collect()
}

/// Required, done and recorded rounds of each kind over many days.
pub fn totals<'a>(days: impl IntoIterator<Item = &'a [Due]> + Clone) -> Vec<Due> {
    InspectionKind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = days
                .clone()
                .into_iter()
                .flatten()
                .filter(|d| d.kind == kind);
            of_kind.fold(
                Due {
                    kind,
                    required: 0,
                    done: 0,
                    rounds: 0,
                },
                |sum, d| Due {
                    kind,
                    required: sum.required + d.required,
                    done: sum.done + d.done,
                    rounds: sum.rounds + d.rounds,
                },
            )
        })
        .collect()
}

/// An abnormal finding of a round: a risk until an incident is opened from it or a later
/// round of its kind finds the item ok again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    /// The round's short id and the item's number: `Q2MX7K-2`.
    pub id: String,
    /// When it was found (shown with the contract zone's offset by the caller).
    #[serde(skip)]
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: InspectionKind,
    pub item: String,
    pub note: String,
    pub open: bool,
    /// The incident opened from it.
    pub incident: Option<String>,
}

/// Every risk the records tell of, oldest first. Rounds are read in time order (a later round
/// that finds an item ok clears it); an incident opened from a risk takes it up, whenever it
/// was recorded.
pub fn risks(records: &[Record]) -> Vec<Risk> {
    let mut risks = findings(records);
    take_up(&mut risks, records);
    risks
}

/// Every abnormal finding of the rounds, open until a later round finds its item ok.
fn findings(records: &[Record]) -> Vec<Risk> {
    let rounds = select(records, |event| match event {
        Event::InspectionRound(round) => Some(round),
        _ => None,
    });
    let mut risks: Vec<Risk> = Vec::new();
    // The open risks of each item of each kind, as places in `risks`.
    let mut open: HashMap<(InspectionKind, &str), Vec<usize>> = HashMap::new();
    for (record, round) in rounds {
        let results = || round.items.iter().enumerate();
        for (_, ok) in results().filter(|(_, r)| r.result == Outcome::Ok) {
            let cleared = open.remove(&(round.kind, ok.item.as_str()));
            for place in cleared.unwrap_or_default() {
                risks[place].open = false;
            }
        }
        for (n, abnormal) in results().filter(|(_, r)| r.result == Outcome::Abnormal) {
            let item = (round.kind, abnormal.item.as_str());
            open.entry(item).or_default().push(risks.len());
            risks.push(found_risk(record, round.kind, n, abnormal));
        }
    }
    risks
}

/// Risks an incident was opened from are its to follow, no longer open.
fn take_up(risks: &mut [Risk], records: &[Record]) {
    let taken_up: HashMap<&str, &str> = records
        .iter()
        .filter_map(|record| match &record.event {
            Event::IncidentOpened(opened) => {
                Some((opened.from_risk.as_deref()?, opened.incident.as_str()))
            }
            _ => None,
        })
        .collect();
    for risk in risks {
        if let Some(incident) = taken_up.get(risk.id.as_str()) {
            risk.open = false;
            risk.incident = Some(incident.to_string());
        }
    }
}

/// The risk of item `n` of a round, found abnormal.
fn found_risk(record: &Record, kind: InspectionKind, n: usize, result: &ItemResult) -> Risk {
    Risk {
        id: format!("{}-{}", short_id(&record.id), n + 1),
        at: record.instant(),
        by: record.by.clone(),
        kind,
        item: result.item.clone(),
        note: result.note.clone().unwrap_or_default(),
        open: true,
        incident: None,
    }
}

/// The title an incident opened from a risk gets when none is given.
pub fn incident_title(risk: &Risk) -> String {
    format!("{}: {}", risk.item, risk.note)
}

#[cfg(test)]
mod tests;
