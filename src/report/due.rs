//! The reports of the term: which were issued, when each is due, and which are late.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::{ReportKind, Scope};
use crate::contract::Contract;
use crate::period::Period;
use crate::record::{Event, Record};

/// Notes a `report.issued` record in `issued` (report month → when it was first issued);
/// other records leave it as it is.
pub fn note_issued(issued: &mut BTreeMap<String, DateTime<Utc>>, record: &Record) {
    if let Event::ReportIssued(report) = &record.event {
        let first = issued
            .entry(report.period.clone())
            .or_insert(record.instant());
        *first = (*first).min(record.instant());
    }
}

/// The month a report of `scope` is kept under: its own, or for the term's annual summary the
/// term's last month. A year that does not end the term is no report of the term.
pub fn report_month(contract: &Contract, scope: &Scope) -> Option<String> {
    match scope.period {
        Period::Month(_) => Some(scope.period.label()),
        _ if scope.last == contract.end => Some(Period::month_of(contract.end).label()),
        _ => None,
    }
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    Issued,
    /// Not issued, past its due date.
    Late,
    /// Not issued; its month has ended or it is due within a week.
    Due,
    /// Its month is not over and it is not due within a week.
    Upcoming,
}

/// A report of the term: its month, when it is due, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReport {
    pub month: NaiveDate,
    pub kind: ReportKind,
    pub due: NaiveDate,
    pub issued: Option<DateTime<Utc>>,
    pub state: DueState,
}

impl DueReport {
    /// Late, or due within a week: what the start-of-shift view shows (docs/rules.md §7).
    pub fn pressing(&self, today: NaiveDate) -> bool {
        match self.state {
            DueState::Late => true,
            DueState::Due => self.due - today <= DUE_SOON,
            DueState::Issued | DueState::Upcoming => false,
        }
    }
}

/// How long before its due date a report counts as due.
const DUE_SOON: TimeDelta = TimeDelta::days(7);
/// Every report is due this long before the term ends at the latest (docs/rules.md §7).
pub const BEFORE_TERM_END: TimeDelta = TimeDelta::days(14);

/// Every report of the term: when it is due, and whether it was issued (docs/rules.md §7). A
/// monthly report is due on the contract's due day of the following month, and every report no
/// later than two weeks before the term ends.
pub fn reports_due(
    contract: &Contract,
    issued: &BTreeMap<String, DateTime<Utc>>,
    today: NaiveDate,
) -> Vec<DueReport> {
    let latest = contract.end - BEFORE_TERM_END;
    Period::months_between(contract.start, contract.end)
        .into_iter()
        .map(|month| {
            let kind = if month.contains(contract.end) {
                ReportKind::Annual
            } else {
                ReportKind::Monthly
            };
            let next_month = month.last().succ_opt().unwrap_or(month.last());
            let on_due_day = next_month
                .with_day(contract.report_due_day)
                .unwrap_or(next_month);
            let due = on_due_day.min(latest);
            let issued = issued.get(&month.label()).copied();
            let state = match issued {
                Some(_) => DueState::Issued,
                None if today > due => DueState::Late,
                None if today > month.last() || due - today <= DUE_SOON => DueState::Due,
                None => DueState::Upcoming,
            };
            DueReport {
                month: month.first(),
                kind,
                due,
                issued,
                state,
            }
        })
        .collect()
}
