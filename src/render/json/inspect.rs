//! The JSON views of inspections: how a day stands, and coverage over a period.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use super::routine::UncountedJson;
use crate::app::inspect::{Coverage, DayInspections};
use crate::ids::short_id;
use crate::inspect::{Due, NotCounted};
use crate::service::InspectionKind;
use crate::time::rfc3339;

/// How a day stands on each kind of inspection, and the rounds that do not count.
#[derive(Serialize)]
pub struct InspectionDayJson<'a> {
    date: NaiveDate,
    working: bool,
    due: &'a [Due],
    not_counted: Vec<NotCountedJson>,
}

impl InspectionDayJson<'_> {
    pub fn new(day: &DayInspections, zone: Tz) -> InspectionDayJson<'_> {
        InspectionDayJson {
            date: day.date,
            working: day.kind.is_working(),
            due: &day.due,
            not_counted: day
                .not_counted
                .iter()
                .map(|n| NotCountedJson::new(n, zone))
                .collect(),
        }
    }
}

/// A round recorded that does not count, and why (docs/rules.md §4.8).
#[derive(Serialize)]
pub struct NotCountedJson {
    id: String,
    kind: InspectionKind,
    at: String,
    by: String,
    #[serde(flatten)]
    why: UncountedJson,
}

impl NotCountedJson {
    pub fn new(not_counted: &NotCounted, zone: Tz) -> NotCountedJson {
        let round = &not_counted.round;
        NotCountedJson {
            id: short_id(&round.id),
            kind: not_counted.kind,
            at: rfc3339(round.at, zone),
            by: round.by.clone(),
            why: UncountedJson::new(&not_counted.why, zone),
        }
    }
}

/// Coverage over a period: each kind's totals, then every day counted.
#[derive(Serialize)]
pub struct CoverageJson<'a> {
    period: String,
    kinds: &'a [Due],
    days: Vec<InspectionDayJson<'a>>,
}

impl CoverageJson<'_> {
    pub fn new(coverage: &Coverage, zone: Tz) -> CoverageJson<'_> {
        CoverageJson {
            period: coverage.period.label(),
            kinds: &coverage.kinds,
            days: coverage
                .days
                .iter()
                .map(|day| InspectionDayJson::new(day, zone))
                .collect(),
        }
    }
}
