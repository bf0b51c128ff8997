//! The annual summary's month-by-month figures.

use chrono::NaiveDate;

use super::{Report, Verdicts};
use crate::inspect::Due;

/// The figures of one month, for the annual summary's month-by-month table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    pub month: NaiveDate,
    pub incidents: u32,
    pub response: Verdicts,
    pub inspections_required: u32,
    pub inspections_done: u32,
    pub backups_required: u32,
    pub backups_done: u32,
    pub support: u32,
    pub requests: u32,
    pub out_of_scope: u32,
    pub comp_days_earned: u64,
}

impl MonthFigures {
    /// The figures of a month's report.
    pub(super) fn of(month: &Report) -> MonthFigures {
        let sum = |pick: fn(&Due) -> u32| month.inspections.iter().map(pick).sum();
        MonthFigures {
            month: month.scope.period.first(),
            incidents: month.incidents.total(),
            response: month.incidents.response(),
            inspections_required: sum(|d| d.required),
            inspections_done: sum(|d| d.done),
            backups_required: month.backups.required,
            backups_done: month.backups.done,
            support: month.support.count,
            requests: month.requests.len() as u32,
            out_of_scope: month.out_of_scope() as u32,
            comp_days_earned: month.comp_days_earned,
        }
    }
}
