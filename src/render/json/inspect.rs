//! The JSON views of inspections: how a day stands, and coverage over a period.

use chrono::NaiveDate;
use serde::Serialize;

use crate::app::inspect::{Coverage, DayInspections};
use crate::inspect::Due;

/// How a day stands on each kind of inspection.
#[derive(Serialize)]
pub struct InspectionDayJson<'a> {
    date: NaiveDate,
    working: bool,
    due: &'a [Due],
}

impl InspectionDayJson<'_> {
    pub fn new(day: &DayInspections) -> InspectionDayJson<'_> {
        InspectionDayJson {
            date: day.date,
            working: day.kind.is_working(),
            due: &day.due,
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
    pub fn new(coverage: &Coverage) -> CoverageJson<'_> {
        CoverageJson {
            period: coverage.period.label(),
            kinds: &coverage.kinds,
            days: coverage.days.iter().map(InspectionDayJson::new).collect(),
        }
    }
}
