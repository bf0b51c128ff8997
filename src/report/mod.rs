//! The service report (服务报告, docs/rules.md §7): one model of a month, or of the whole term,
//! computed from the contract, the calendar and the records; every format renders this model.
//!
//! A record belongs to the month of its time in the contract's zone. Requirements count only
//! days inside the term and not after today. The term's last month, and a year, give the
//! annual summary: the span it covers, month by month.

mod corrections;
mod due;
mod feedback;
mod incidents;
mod months;
mod recorded;
mod scope;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

pub use corrections::{Correction, CorrectionAction, corrections};
pub use due::{
    BEFORE_TERM_END, DueReport, DueState, Issues, note_issued, report_month, reports_due,
};
pub use feedback::{Feedback, Progress};
pub use incidents::{IncidentFacts, IncidentFigures, IncidentLine, LevelFigures, Verdicts};
pub use months::MonthFigures;
pub use recorded::{Backups, Dated, RequestLine, Support};
pub use scope::{ReportError, ReportKind, Scope, days_span};

use incidents::{incident_figures, level_figures};
use recorded::{backups, notes, requests, support};

use crate::alert::AlertFigures;
use crate::calendar::{Basis, Calendar};
use crate::contract::Contract;
use crate::inspect::trend::Capacity;
use crate::inspect::{self, Due, NotCounted, Risk, Rounds};
use crate::leave::{self, Balance};
use crate::record::Record;
use crate::record::routine::NoteKind;
use crate::service::Mode;
use crate::time::local_date;

/// Everything a report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub scope: Scope,
    pub customer: String,
    pub provider: Option<String>,
    pub mode: Mode,
    pub term: (NaiveDate, NaiveDate),
    /// The last day counted: the scope's last day, or today for a period in progress.
    pub counted_to: NaiveDate,
    pub working_days: u32,
    pub days_on_site: u32,
    pub incidents: IncidentFigures,
    pub inspections: Vec<Due>,
    /// Every counted day's standing, for the coverage calendar.
    pub coverage: Vec<(NaiveDate, Vec<Due>)>,
    /// The rounds recorded on the days counted that do not count, and why (docs/rules.md §4.8).
    pub rounds_not_counted: Vec<NotCounted>,
    /// Abnormal inspection findings of the period, with the incident opened from each, if any.
    pub findings: Vec<Risk>,
    pub backups: Backups,
    pub support: Support,
    pub requests: Vec<Dated<RequestLine>>,
    /// What became of the period's requests, and those still waiting at its end (docs/rules.md
    /// §4.11): filled in from every request of the ledger, not the period's records alone.
    pub feedback: Feedback,
    /// The period's alerts and alert policy changes (docs/rules.md §4.10).
    pub alerts: AlertFigures,
    pub comp_days_earned: u64,
    pub comp_days_taken: u64,
    pub risks: Vec<Dated<String>>,
    pub suggestions: Vec<Dated<String>>,
    /// Month by month, for an annual summary (empty for a monthly report).
    pub months: Vec<MonthFigures>,
    /// The corrections of the period's records, whenever made (docs/rules.md §10.11).
    pub corrections: Vec<Dated<Correction>>,
    /// The fingerprint the report's last issue kept of the ledger (docs/rules.md §10.7), once
    /// it is issued.
    pub fingerprint: Option<String>,
    /// The years of the scope whose holiday schedule is not published: their working days
    /// are provisional (docs/rules.md §3).
    pub provisional: Vec<(i32, Basis)>,
    /// The trends of the readings of the period (for an annual summary, of its last month)
    /// and the items at risk of reaching a threshold (docs/rules.md §4.9).
    pub capacity: Capacity,
}

/// What a report is computed from.
pub struct Sources<'a> {
    pub contract: &'a Contract,
    pub calendar: &'a Calendar,
    /// Every incident of the ledger (those open at the period's end may be older).
    pub incidents: &'a [IncidentFacts],
    /// The records of the months the scope touches.
    pub records: &'a [Record],
    pub now: DateTime<Utc>,
}

impl Report {
    /// The report of `scope` from sources holding the records of all its months.
    pub fn new(sources: &Sources, scope: Scope) -> Report {
        let parts = scope
            .parts()
            .into_iter()
            .map(|part| Report::part(sources, part));
        Report::combine(sources, sources.incidents.to_vec(), scope, parts)
    }

    /// The report of one part of a scope (see `Scope::parts`), from its records; of its
    /// incidents, only how many of each level were reported in it and how their clocks went
    /// (see `count_incidents`).
    pub(super) fn part(sources: &Sources, scope: Scope) -> Report {
        let mut part = Report::part_recorded(sources, scope);
        part.count_incidents(sources);
        part
    }

    /// The report of one part of a scope from its records alone, but for its incidents, which
    /// `count_incidents` adds: `sources.incidents` is not read.
    pub fn part_recorded(sources: &Sources, scope: Scope) -> Report {
        let contract = sources.contract;
        let zone = contract.timezone;
        let today = local_date(sources.now, zone);
        let counted_to = scope.counted_to(today);
        let in_scope = |r: &Record| scope.contains(local_date(r.instant(), zone));
        let records: Cow<[Record]> = if sources.records.iter().all(in_scope) {
            Cow::Borrowed(sources.records)
        } else {
            Cow::Owned(
                sources
                    .records
                    .iter()
                    .filter(|r| in_scope(r))
                    .cloned()
                    .collect(),
            )
        };
        let counted_days: Vec<NaiveDate> = scope
            .first
            .iter_days()
            .take_while(|d| *d <= counted_to)
            .collect();
        let rounds = Rounds::of(&records, zone);
        let mut coverage = Vec::with_capacity(counted_days.len());
        let mut rounds_not_counted = Vec::new();
        for date in &counted_days {
            let standing = inspect::standing_on(contract, sources.calendar, *date, &rounds);
            coverage.push((*date, standing.due));
            rounds_not_counted.extend(standing.not_counted);
        }
        let scope_days = scope.first.iter_days().take_while(|d| *d <= scope.last);
        let comp = Balance::total(leave::balances(&records).values());
        Report {
            scope,
            customer: contract.customer.clone(),
            provider: contract.provider.clone(),
            mode: contract.mode,
            term: (contract.start, contract.end),
            counted_to,
            working_days: scope_days
                .filter(|d| sources.calendar.is_working(*d))
                .count() as u32,
            days_on_site: counted_days
                .iter()
                .filter(|d| contract.serves_on(sources.calendar, **d))
                .count() as u32,
            incidents: IncidentFigures::default(),
            inspections: inspect::totals(coverage.iter().map(|(_, due)| due.as_slice())),
            coverage,
            rounds_not_counted,
            findings: inspect::risks(&records),
            backups: backups(contract, &scope, &records, today),
            support: support(&records),
            requests: requests(&records),
            feedback: Feedback::default(),
            alerts: AlertFigures::of(&records),
            comp_days_earned: comp.earned,
            comp_days_taken: comp.taken,
            risks: notes(&records, NoteKind::Risk),
            suggestions: notes(&records, NoteKind::Suggestion),
            months: Vec::new(),
            corrections: Vec::new(),
            fingerprint: None,
            provisional: provisional(sources.calendar, &scope),
            capacity: Capacity::of(&records, contract),
        }
    }

    /// Counts the incidents of `sources` of each level in the part this report is of, by the
    /// month they were reported in: all that a part says of them (`combine` counts the rest for
    /// the whole scope).
    pub fn count_incidents(&mut self, sources: &Sources) {
        self.incidents = IncidentFigures {
            levels: level_figures(sources, &self.scope),
            ..IncidentFigures::default()
        };
    }

    /// The report of `scope` from the reports of its parts, in order: what was recorded adds
    /// up, the incidents are `incidents` (those that bear on the whole scope, taken into its
    /// lines; `sources.incidents` is not read), and an annual summary lists the parts begun
    /// month by month.
    pub fn combine(
        sources: &Sources,
        incidents: Vec<IncidentFacts>,
        scope: Scope,
        parts: impl IntoIterator<Item = Report>,
    ) -> Report {
        let today = local_date(sources.now, sources.contract.timezone);
        let mut report = Report {
            scope,
            counted_to: scope.counted_to(today),
            working_days: 0,
            days_on_site: 0,
            incidents: incident_figures(sources, incidents, &scope),
            inspections: Vec::new(),
            coverage: Vec::new(),
            rounds_not_counted: Vec::new(),
            findings: Vec::new(),
            backups: Backups::default(),
            support: Support::default(),
            requests: Vec::new(),
            feedback: Feedback::default(),
            alerts: AlertFigures::default(),
            comp_days_earned: 0,
            comp_days_taken: 0,
            risks: Vec::new(),
            suggestions: Vec::new(),
            months: Vec::new(),
            corrections: Vec::new(),
            fingerprint: None,
            provisional: provisional(sources.calendar, &scope),
            customer: sources.contract.customer.clone(),
            provider: sources.contract.provider.clone(),
            mode: sources.contract.mode,
            term: (sources.contract.start, sources.contract.end),
            capacity: Capacity::default(),
        };
        let mut inspections = Vec::new();
        for part in parts {
            report.working_days += part.working_days;
            report.days_on_site += part.days_on_site;
            inspections.push(part.inspections.clone());
            report.backups.add(&part.backups);
            report.support.add(&part.support);
            report.alerts.add(&part.alerts);
            report.comp_days_earned += part.comp_days_earned;
            report.comp_days_taken += part.comp_days_taken;
            if scope.kind == ReportKind::Annual && part.scope.first <= report.counted_to {
                report.months.push(MonthFigures::of(&part));
            }
            report.coverage.extend(part.coverage);
            report.rounds_not_counted.extend(part.rounds_not_counted);
            report.findings.extend(part.findings);
            report.requests.extend(part.requests);
            report.risks.extend(part.risks);
            report.suggestions.extend(part.suggestions);
            report.capacity = part.capacity;
        }
        report.inspections = inspect::totals(inspections.iter().map(Vec::as_slice));
        report
    }
}

/// The years of the scope whose holiday schedule is not published.
fn provisional(calendar: &Calendar, scope: &Scope) -> Vec<(i32, Basis)> {
    (scope.first.year()..=scope.last.year())
        .map(|year| (year, calendar.basis(year)))
        .filter(|(_, basis)| *basis != Basis::Published)
        .collect()
}

impl Report {
    /// Requests found outside the scope of service.
    pub fn out_of_scope(&self) -> usize {
        self.requests.iter().filter(|r| !r.item.in_scope).count()
    }

    /// Whether the period is still in progress.
    pub fn in_progress(&self) -> bool {
        self.counted_to < self.scope.last
    }
}
