//! The readings of an item over time and where they are heading (docs/rules.md §4.9).

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::capacity::{Gauge, Outlook, Point, Unit, project};
use crate::contract::Contract;
use crate::record::inspect::Reading;
use crate::record::{Event, Record, select};
use crate::service::InspectionKind;

/// A reading taken in a round: when, by whom, in which round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub id: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: InspectionKind,
    pub reading: Reading,
}

/// An item's readings, oldest first, in the unit they are compared in, and their outlook.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The item as the rounds name it.
    pub item: String,
    /// The contract's unit for the item, else the unit of its latest reading.
    pub unit: Unit,
    pub gauge: Option<Gauge>,
    pub readings: Vec<Taken>,
    /// The values of the readings in `unit`; readings in another family of units are left out.
    pub points: Vec<Point>,
    pub outlook: Outlook,
}

// Its values are finite: readings are (see `Quantity`), and so are the values converted.
impl Eq for Trend {}

impl Trend {
    /// The item's readings, judged against the gauge the contract gives it, if any.
    pub fn of(item: String, readings: Vec<Taken>, gauge: Option<Gauge>) -> Option<Trend> {
        let unit = gauge.map(|g| g.unit).or_else(|| {
            let latest = readings.last()?;
            Some(latest.reading.quantity.unit)
        })?;
        let points: Vec<Point> = readings
            .iter()
            .filter_map(|taken| Some((taken.at, taken.reading.quantity.value_in(unit).ok()?)))
            .collect();
        let measure = gauge.unwrap_or(Gauge {
            unit,
            warn: None,
            critical: None,
        });
        let outlook = project(&points, &measure);
        Some(Trend {
            item,
            unit,
            gauge,
            readings,
            points,
            outlook,
        })
    }

    /// When the next threshold is reached, if that falls within `horizon` of `now`: a risk
    /// before anything has failed (docs/rules.md §4.9).
    pub fn crossing_within(&self, now: DateTime<Utc>, horizon: TimeDelta) -> Option<DateTime<Utc>> {
        match self.outlook {
            Outlook::Crossing { at, .. } if at <= now + horizon => Some(at),
            _ => None,
        }
    }
}

/// The gauge the contract gives an item of any kind's checklist, matched without regard to
/// ASCII case, and the item as the checklist names it.
pub fn gauge_of(contract: &Contract, item: &str) -> Option<(String, Gauge)> {
    contract.inspections.values().find_map(|terms| {
        terms
            .gauges
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(item))
            .map(|(name, gauge)| (name.clone(), *gauge))
    })
}

/// Every reading among `records`, by item, each item's oldest first.
pub fn readings(records: &[Record]) -> BTreeMap<String, Vec<Taken>> {
    let rounds = select(records, |event| match event {
        Event::InspectionRound(round) => Some(round),
        _ => None,
    });
    let mut by_item: BTreeMap<String, Vec<Taken>> = BTreeMap::new();
    for (record, round) in rounds {
        for result in &round.items {
            let Some(reading) = result.reading else {
                continue;
            };
            by_item.entry(result.item.clone()).or_default().push(Taken {
                id: record.id.clone(),
                at: record.instant(),
                by: record.by.clone(),
                kind: round.kind,
                reading,
            });
        }
    }
    for taken in by_item.values_mut() {
        taken.sort_by_key(|t| t.at);
    }
    by_item
}

/// The trend of `item` (matched without regard to ASCII case) among `records`; `None` when
/// it has no reading and the contract measures no such item.
pub fn trend(records: &[Record], contract: &Contract, item: &str) -> Option<Trend> {
    let gauge = gauge_of(contract, item);
    let mut taken: Vec<Taken> = readings(records)
        .into_iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(item))
        .flat_map(|(_, taken)| taken)
        .collect();
    taken.sort_by_key(|t| t.at);
    let name = gauge
        .as_ref()
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| item.to_string());
    Trend::of(name, taken, gauge.map(|(_, g)| g))
}

/// The trends of a period's readings, and the items whose next threshold, projected from their
/// latest reading, is reached within the contract's horizon (docs/rules.md §4.9).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Capacity {
    pub trends: Vec<Trend>,
    /// The item and when it reaches the threshold.
    pub at_risk: Vec<(String, DateTime<Utc>)>,
    pub horizon: TimeDelta,
}

impl Capacity {
    pub fn of(records: &[Record], contract: &Contract) -> Capacity {
        let trends = trends(records, contract);
        let horizon = contract.capacity_horizon;
        let at_risk = trends
            .iter()
            .filter_map(|t| {
                let latest = t.readings.last()?.at;
                Some((t.item.clone(), t.crossing_within(latest, horizon)?))
            })
            .collect();
        Capacity {
            trends,
            at_risk,
            horizon,
        }
    }

    /// When `item` reaches its threshold, if within the horizon.
    pub fn risk_of(&self, item: &str) -> Option<DateTime<Utc>> {
        self.at_risk
            .iter()
            .find(|(name, _)| name == item)
            .map(|(_, at)| *at)
    }
}

/// The trend of every item with readings among `records`, by name.
pub fn trends(records: &[Record], contract: &Contract) -> Vec<Trend> {
    readings(records)
        .into_iter()
        .filter_map(|(item, taken)| {
            let gauge = gauge_of(contract, &item).map(|(_, g)| g);
            Trend::of(item, taken, gauge)
        })
        .collect()
}
