//! What a report covers: a month of the term, or the term (or a year's part of it) for the
//! annual summary.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::contract::Contract;
use crate::period::Period;
use crate::time::local_instant;

/// Which report: a month's, or the annual summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Monthly,
    /// The annual summary (年度总结报告).
    Annual,
}

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// As asked for: `2025-03` or `2025`.
    pub period: Period,
    pub kind: ReportKind,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Why a period has no report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    /// Text that names neither a month nor a year, as typed.
    NotAPeriod(String),
    /// A period outside the term from `start` to `end`.
    OutsideTerm {
        period: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A period whose report can be made from `begins` on.
    NotBegun { period: String, begins: NaiveDate },
}

impl Scope {
    /// A month's report, which for the term's last month is the annual summary of the whole
    /// term (docs/rules.md §7); or a year's annual summary: the whole term for the year it ends in,
    /// else the year's part of the term. A scope covers only days of the term.
    pub fn new(contract: &Contract, period: Period) -> Result<Scope, ReportError> {
        if matches!(period, Period::Day(_)) {
            return Err(ReportError::NotAPeriod(period.label()));
        }
        if period.last() < contract.start || contract.end < period.first() {
            return Err(ReportError::OutsideTerm {
                period: period.label(),
                start: contract.start,
                end: contract.end,
            });
        }
        let (kind, first, last) = if period.contains(contract.end) {
            (ReportKind::Annual, contract.start, contract.end)
        } else {
            let kind = match period {
                Period::Month(_) => ReportKind::Monthly,
                _ => ReportKind::Annual,
            };
            (kind, period.first().max(contract.start), period.last())
        };
        Ok(Scope {
            period,
            kind,
            first,
            last,
        })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// The first and the last second of the scope, in the contract's zone.
    pub fn span(&self, contract: &Contract) -> (DateTime<Utc>, DateTime<Utc>) {
        days_span(contract, self.first, self.last)
    }

    /// The last day of the scope counted `today`: its last day, or today while it runs.
    pub fn counted_to(&self, today: NaiveDate) -> NaiveDate {
        self.last.min(today)
    }

    /// A report of days still to come says nothing: its first day must have come.
    pub fn check_begun(&self, today: NaiveDate) -> Result<(), ReportError> {
        if today < self.first {
            return Err(ReportError::NotBegun {
                period: self.period.label(),
                begins: self.first,
            });
        }
        Ok(())
    }

    /// The scope month by month: each month's part of it, as a monthly scope.
    pub fn parts(&self) -> Vec<Scope> {
        self.months()
            .into_iter()
            .map(|month| Scope {
                period: month,
                kind: ReportKind::Monthly,
                first: month.first().max(self.first),
                last: month.last().min(self.last),
            })
            .collect()
    }

    /// The months the scope touches, as periods.
    pub fn months(&self) -> Vec<Period> {
        Period::months_between(self.first, self.last)
    }
}

/// From the first instant of `first` to the last of `last`, in the contract's zone.
pub fn days_span(
    contract: &Contract,
    first: NaiveDate,
    last: NaiveDate,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = local_instant(contract.timezone, first.and_time(NaiveTime::MIN));
    (start, end_of_day(contract, last))
}

/// The last instant of a day in the contract's zone.
pub(super) fn end_of_day(contract: &Contract, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN);
    local_instant(contract.timezone, midnight) - TimeDelta::seconds(1)
}
