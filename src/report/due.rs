//! The reports of the term: which were issued, when each is due, and which are late.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{ReportKind, Scope};
use crate::contract::Contract;
use crate::period::Period;
use crate::record::{Event, Record};

/// When a report was issued: first, which decides whether it was on time, and last, since
/// which corrections change what it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issues {
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

/// Notes a `report.issued` record in `issued` (report month → when it was issued); other
/// records leave it as it is.
pub fn note_issued(issued: &mut BTreeMap<String, Issues>, record: &Record) {
    if let Event::ReportIssued(report) = &record.event {
        let at = record.instant();
        let issues = issued.entry(report.period.clone()).or_insert(Issues {
            first: at,
            last: at,
        });
        issues.first = issues.first.min(at);
        issues.last = issues.last.max(at);
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
    /// Issued, and a correction recorded since then withdrew or restored a record of the
    /// time it reports on (docs/rules.md §10.11).
    pub changed_since_issued: bool,
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
/// later than two weeks before the term ends. `corrected(first, last, issued)` says whether a
/// correction recorded after `issued` touched a record of the days from `first` to `last`; the
/// annual summary reports on the whole term.
pub fn reports_due(
    contract: &Contract,
    issued: &BTreeMap<String, Issues>,
    today: NaiveDate,
    corrected: impl Fn(NaiveDate, NaiveDate, DateTime<Utc>) -> bool,
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
            let issues = issued.get(&month.label()).copied();
            let issued = issues.map(|i| i.first);
            let state = match issued {
                Some(_) => DueState::Issued,
                None if today > due => DueState::Late,
                None if today > month.last() || due - today <= DUE_SOON => DueState::Due,
                None => DueState::Upcoming,
            };
            let reported = match kind {
                ReportKind::Annual => (contract.start, contract.end),
                ReportKind::Monthly => (month.first(), month.last()),
            };
            DueReport {
                month: month.first(),
                kind,
                due,
                issued,
                state,
                changed_since_issued: issues
                    .is_some_and(|i| corrected(reported.0, reported.1, i.last)),
            }
        })
        .collect()
}
