//! Inspection rounds (docs/rules.md §4): the monitoring, resource and alert checklists, how many
//! rounds a day requires, how many count as done, and the abnormal findings, which are risks.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::capacity::{Gauge, Quantity, UnitError};
use crate::contract::Contract;
use crate::ids::short_id;
use crate::record::inspect::{ItemResult, Outcome, Reading, Round};
use crate::record::{Event, Record, select};
use crate::routine::{Uncounted, spaced};
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
    /// An item typed as the start of the names of several items: these.
    AmbiguousItem {
        item: String,
        candidates: Vec<String>,
    },
    /// An item given two results.
    Twice(String),
    /// The items given no result.
    Missing(Vec<String>),
    /// An abnormal item with no note of what was found.
    NoNote(String),
    /// A reading of an item in a unit no reading is written in, or of another family than the
    /// unit the contract measures the item in.
    Unit { item: String, error: UnitError },
}

/// Reads `NAME=ok`, `NAME=abnormal:NOTE` or a reading, `NAME=VALUE[UNIT][:NOTE]`, which is ok
/// until judged against the contract's thresholds (`judge_readings`).
pub fn parse_result(text: &str) -> Result<ItemResult, InspectError> {
    let bad = || InspectError::BadResult(text.to_string());
    // Items cannot hold `=` (the contract refuses it); a note may.
    let (item, result) = text.split_once('=').ok_or_else(bad)?;
    let item = item.trim().to_string();
    let (result, note) = match result.trim().split_once(':') {
        Some((word, note)) => (word.trim(), Some(note.trim().to_string())),
        None => (result.trim(), None),
    };
    if item.is_empty() {
        return Err(bad());
    }
    let (result, reading) = match result.to_lowercase().as_str() {
        "ok" => (Outcome::Ok, None),
        "abnormal" => (Outcome::Abnormal, None),
        _ => {
            let quantity = Quantity::parse(result).ok_or_else(bad)?;
            let quantity = quantity.map_err(|error| InspectError::Unit {
                item: item.clone(),
                error,
            })?;
            let passed = None;
            (Outcome::Ok, Some(Reading { quantity, passed }))
        }
    };
    if result == Outcome::Abnormal && note.as_deref().is_none_or(str::is_empty) {
        return Err(InspectError::NoNote(item));
    }
    Ok(ItemResult {
        item,
        result,
        note,
        reading,
    })
}

/// A reading typed on the checklist for an item the contract measures: nothing for none, and
/// a bare number in the gauge's unit. `Err(None)` when it is not a number; a unit that is not
/// known or not of the gauge's family is refused.
pub fn typed_reading(text: &str, gauge: &Gauge) -> Result<Option<Quantity>, Option<UnitError>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut quantity = Quantity::parse(text).ok_or(None)?.map_err(Some)?;
    let bare = !text
        .trim()
        .ends_with(|c: char| c.is_alphabetic() || c == '%');
    if bare {
        quantity.unit = gauge.unit;
    }
    gauge.judge(quantity).map_err(Some)?;
    Ok(Some(quantity))
}

/// The round with each reading judged against its item's gauge (docs/rules.md §4.9): a reading
/// at or past a threshold makes the item abnormal, the threshold kept with the reading and,
/// unless a note was given, `describe`d as the note; a reading in another family of units than
/// the gauge's is refused.
pub fn judge_readings(
    mut round: Round,
    gauges: &BTreeMap<String, Gauge>,
    describe: impl Fn(&Reading) -> String,
) -> Result<Round, InspectError> {
    for result in &mut round.items {
        let (Some(reading), Some(gauge)) = (&mut result.reading, gauges.get(&result.item)) else {
            continue;
        };
        reading.passed = gauge
            .judge(reading.quantity)
            .map_err(|error| InspectError::Unit {
                item: result.item.clone(),
                error,
            })?;
        if reading.passed.is_some() {
            result.result = Outcome::Abnormal;
            if result.note.is_none() {
                result.note = Some(describe(reading));
            }
        }
    }
    Ok(round)
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
        let item = find_item(&result.item, kind, checklist, &named)?;
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
                reading: None,
            })
        })
        .collect();
    Ok(Round { kind, items })
}

/// The item `typed` names: by its name in any case, by its number on the checklist (from 1), or
/// by the start of its name in any case when only one item starts so (docs/rules.md §9.6).
fn find_item<'c>(
    typed: &str,
    kind: InspectionKind,
    checklist: &'c [String],
    named: &HashMap<String, &'c String>,
) -> Result<&'c String, InspectError> {
    if let Some(item) = named.get(&typed.to_ascii_lowercase()) {
        return Ok(item);
    }
    let numbered = typed.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
    if let Some(item) = numbered.and_then(|index| checklist.get(index)) {
        return Ok(item);
    }
    let start = typed.to_lowercase();
    let starting: Vec<&String> = checklist
        .iter()
        .filter(|item| !start.is_empty() && item.to_lowercase().starts_with(&start))
        .collect();
    match starting.as_slice() {
        [item] => Ok(item),
        [] => Err(InspectError::UnknownItem {
            item: typed.to_string(),
            kind,
            near: closest(typed, checklist.iter().map(String::as_str)).map(str::to_string),
            valid: checklist.to_vec(),
        }),
        several => Err(InspectError::AmbiguousItem {
            item: typed.to_string(),
            candidates: several.iter().map(|item| item.to_string()).collect(),
        }),
    }
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
    /// Rounds that count: spread out and capped at the day's requirement (docs/rules.md §4.3,
    /// §4.8), so that extra rounds one day never make up for a missed day.
    pub done: u32,
    /// Every round recorded that day.
    pub rounds: u32,
}

/// A round recorded: its record, when it was done and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundDone {
    pub id: String,
    pub at: DateTime<Utc>,
    pub by: String,
}

impl RoundDone {
    pub fn of(record: &Record) -> RoundDone {
        RoundDone {
            id: record.id.clone(),
            at: record.instant(),
            by: record.by.clone(),
        }
    }
}

/// The rounds of each kind recorded on each local date, in the order they were done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rounds(BTreeMap<(NaiveDate, InspectionKind), Vec<RoundDone>>);

impl Rounds {
    /// The rounds among `records`, each on its local date in `zone`. The first alert
    /// analysed on a day is that day's alert round too, under either mode (docs/rules.md
    /// §4.10).
    pub fn of(records: &[Record], zone: Tz) -> Rounds {
        let mut rounds = Rounds::default();
        let picked = select(records, |event| match event {
            Event::InspectionRound(round) => Some(&round.kind),
            Event::AlertLogged(_) => Some(&InspectionKind::Alert),
            _ => None,
        });
        let mut alert_days = std::collections::HashSet::new();
        for (record, kind) in picked {
            let date = local_date(record.instant(), zone);
            let is_round = matches!(record.event, Event::InspectionRound(_));
            if is_round || alert_days.insert(date) {
                rounds.add(date, *kind, RoundDone::of(record));
            }
        }
        rounds
    }

    /// Adds a round of `kind` done on `date`, in its place by time.
    pub fn add(&mut self, date: NaiveDate, kind: InspectionKind, round: RoundDone) {
        let day = self.0.entry((date, kind)).or_default();
        let place = day.partition_point(|r| r.at <= round.at);
        day.insert(place, round);
    }

    fn on(&self, date: NaiveDate, kind: InspectionKind) -> &[RoundDone] {
        self.0.get(&(date, kind)).map_or(&[], Vec::as_slice)
    }
}

/// A round recorded that does not count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCounted {
    pub kind: InspectionKind,
    pub round: RoundDone,
    pub why: Uncounted,
}

/// How a day stands on every kind: required, done and recorded, and the rounds that do not
/// count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayStanding {
    pub due: Vec<Due>,
    pub not_counted: Vec<NotCounted>,
}

/// Every kind's standing on `date` (docs/rules.md §4.3, §4.8): of the day's rounds of a kind,
/// those count that are at least `[inspections] min_gap` after the last that counted, up to the
/// day's requirement.
pub fn standing_on(
    contract: &Contract,
    calendar: &Calendar,
    date: NaiveDate,
    rounds: &Rounds,
) -> DayStanding {
    let mut standing = DayStanding {
        due: Vec::with_capacity(InspectionKind::ALL.len()),
        not_counted: Vec::new(),
    };
    for kind in InspectionKind::ALL {
        let required = required(contract, calendar, kind, date);
        let done = rounds.on(date, kind);
        let times: Vec<DateTime<Utc>> = done.iter().map(|r| r.at).collect();
        let judged = spaced(&times, required, contract.inspection_min_gap);
        let counted = judged.iter().filter(|j| j.is_none()).count() as u32;
        standing.due.push(Due {
            kind,
            required,
            done: counted,
            rounds: done.len() as u32,
        });
        let uncounted = done.iter().zip(judged).filter_map(|(round, why)| {
            Some(NotCounted {
                kind,
                round: round.clone(),
                why: why?,
            })
        });
        standing.not_counted.extend(uncounted);
    }
    standing
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
/// round of its kind finds the item ok again. Found again while open, it is the same risk
/// seen once more (docs/rules.md §4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// The first round's short id and the item's number: `Q2MX7K-2`.
    pub id: String,
    /// When it was first found (shown with the contract zone's offset by the caller).
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: InspectionKind,
    pub item: String,
    /// What was found the first time.
    pub note: String,
    pub open: bool,
    /// The incident opened from it.
    pub incident: Option<String>,
    /// How many rounds found it abnormal.
    pub seen: u32,
    /// When a round last found it abnormal.
    pub last_seen: DateTime<Utc>,
    /// What was found the last time.
    pub last_note: String,
}

/// Every risk the records tell of, oldest first.
pub fn risks(records: &[Record]) -> Vec<Risk> {
    let rounds = select(records, |event| match event {
        Event::InspectionRound(round) => Some(round),
        _ => None,
    });
    risks_of_rounds(rounds.into_iter().map(|(record, _)| record), records)
}

/// Every risk the rounds tell of, oldest first, given every round in the order records are
/// folded (each a record of an `inspection.round`) and the incidents opened among `openings`.
/// Rounds are read in time order: a round that finds an item ok clears its open risk; one that
/// finds it abnormal again adds to its open risk, unless an incident was opened from that risk
/// before, which takes it up whenever it was recorded.
pub fn risks_of_rounds<R: Borrow<Record>>(
    rounds: impl IntoIterator<Item = R>,
    openings: &[Record],
) -> Vec<Risk> {
    let taken_up = taken_up(openings);
    let mut risks: Vec<Risk> = Vec::new();
    // The open risk of each item of each kind, as its place in `risks`.
    let mut open: HashMap<(InspectionKind, String), usize> = HashMap::new();
    for record in rounds {
        let record = record.borrow();
        let Event::InspectionRound(round) = &record.event else {
            continue;
        };
        for (n, result) in round.items.iter().enumerate() {
            let item = (round.kind, result.item.clone());
            let open_risk = open.get(&item).copied().filter(|place| {
                let taken = taken_up.get(risks[*place].id.as_str());
                taken.is_none_or(|(_, opened)| *opened > record.instant())
            });
            match (result.result, open_risk) {
                (Outcome::Ok, _) => {
                    if let Some(place) = open.remove(&item) {
                        risks[place].open = false;
                    }
                }
                // An incident opened from this very finding (as ledgers written before repeated
                // findings were attached have it) keeps it a risk of its own.
                (Outcome::Abnormal, Some(place))
                    if !taken_up.contains_key(finding_id(record, n).as_str()) =>
                {
                    risks[place].seen_again(record, result)
                }
                (Outcome::Abnormal, _) => {
                    open.insert(item, risks.len());
                    risks.push(found_risk(record, round.kind, n, result));
                }
            }
        }
    }
    for risk in &mut risks {
        if let Some((incident, _)) = taken_up.get(risk.id.as_str()) {
            risk.open = false;
            risk.incident = Some(incident.to_string());
        }
    }
    risks
}

/// The risks incidents were opened from: each with the incident and when it was opened.
fn taken_up(records: &[Record]) -> HashMap<&str, (&str, DateTime<Utc>)> {
    records
        .iter()
        .filter_map(|record| match &record.event {
            Event::IncidentOpened(opened) => Some((
                opened.from_risk.as_deref()?,
                (opened.incident.as_str(), record.instant()),
            )),
            _ => None,
        })
        .collect()
}

/// The id of the finding on item `n` of a round: the round's short id and the item's number.
fn finding_id(record: &Record, n: usize) -> String {
    format!("{}-{}", short_id(&record.id), n + 1)
}

/// The risk of item `n` of a round, found abnormal.
fn found_risk(record: &Record, kind: InspectionKind, n: usize, result: &ItemResult) -> Risk {
    let note = result.note.clone().unwrap_or_default();
    Risk {
        id: finding_id(record, n),
        at: record.instant(),
        by: record.by.clone(),
        kind,
        item: result.item.clone(),
        note: note.clone(),
        open: true,
        incident: None,
        seen: 1,
        last_seen: record.instant(),
        last_note: note,
    }
}

impl Risk {
    /// The risk found abnormal once more, by the round of `record`.
    fn seen_again(&mut self, record: &Record, result: &ItemResult) {
        self.seen += 1;
        self.last_seen = record.instant();
        self.last_note = result.note.clone().unwrap_or_default();
    }
}

/// The title an incident opened from a risk gets when none is given.
pub fn incident_title(risk: &Risk) -> String {
    format!("{}: {}", risk.item, risk.note)
}

pub mod trend;

#[cfg(test)]
mod tests;
