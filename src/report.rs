//! The service report (服务报告, SPEC §7): one model of a month, or of the whole term, computed
//! from the contract, the calendar and the records; every format renders this model.
//!
//! A record belongs to the month of its time in the contract's zone. Requirements count only
//! days inside the term and not after today. The term's last month, and a year, give the
//! annual summary: the span it covers, month by month.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Basis, Calendar};
use crate::contract::Contract;
use crate::contract::Level;
use crate::incident::{Incident, Status, status_at};
use crate::inspect::{self, Due, Risk};
use crate::leave::{self, Balance};
use crate::period::Period;
use crate::record::routine::NoteKind;
use crate::record::{Event, Record, select};
use crate::request::Category;
use crate::routine::backup_standing;
use crate::service::Mode;
use crate::time::{local_date, local_instant};

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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("`{0}` is not a report period: use YYYY-MM or YYYY")]
    NotAPeriod(String),
    #[error("{period} is outside the contract term ({start} to {end})")]
    OutsideTerm {
        period: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    #[error("{period} has not begun: its report can be made from {begins}")]
    NotBegun { period: String, begins: NaiveDate },
}

impl Scope {
    /// A month's report, which for the term's last month is the annual summary of the whole
    /// term (SPEC §7); or a year's annual summary: the whole term for the year it ends in,
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
        let first = local_instant(contract.timezone, self.first.and_time(NaiveTime::MIN));
        (first, end_of_day(contract, self.last))
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

/// Met, breached and undecided clocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Verdicts {
    pub met: u32,
    pub breached: u32,
    pub pending: u32,
}

impl Verdicts {
    fn tally(&mut self, met: Option<bool>) {
        match met {
            Some(true) => self.met += 1,
            Some(false) => self.breached += 1,
            None => self.pending += 1,
        }
    }
}

/// One incident of the period, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLine {
    pub id: String,
    pub level: u8,
    pub title: String,
    pub reported_at: DateTime<Utc>,
    pub response_met: Option<bool>,
    /// `None` when no arrival clock ran.
    pub arrival_met: Option<Option<bool>>,
    pub status: Status,
    pub resolved_at: Option<DateTime<Utc>>,
}

impl std::ops::Add for Verdicts {
    type Output = Verdicts;
    fn add(self, other: Verdicts) -> Verdicts {
        Verdicts {
            met: self.met + other.met,
            breached: self.breached + other.breached,
            pending: self.pending + other.pending,
        }
    }
}

/// The incidents of one level: how many, and how their clocks went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LevelFigures {
    pub count: u32,
    pub response: Verdicts,
    pub arrival: Verdicts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFigures {
    /// Levels 1, 2 and 3.
    pub levels: [LevelFigures; 3],
    /// Incidents still open when the period ended (or now, for a period in progress).
    pub open_at_end: u32,
    pub mean_to_acknowledge: Option<TimeDelta>,
    pub mean_to_resolve: Option<TimeDelta>,
    pub lines: Vec<IncidentLine>,
}

/// Something recorded at a time: a failed backup check, a request, a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub at: DateTime<Utc>,
    pub by: String,
    pub item: T,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub text: String,
    pub in_scope: bool,
    pub category: Option<Category>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    pub count: u32,
    pub minutes: u64,
    /// How often each product was asked about.
    pub products: BTreeMap<String, u32>,
}

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
    /// Abnormal inspection findings of the period, with the incident opened from each, if any.
    pub findings: Vec<Risk>,
    pub backups: Backups,
    pub support: Support,
    pub requests: Vec<Dated<RequestLine>>,
    pub comp_days_earned: u64,
    pub comp_days_taken: u64,
    pub risks: Vec<Dated<String>>,
    pub suggestions: Vec<Dated<String>>,
    /// Month by month, for an annual summary (empty for a monthly report).
    pub months: Vec<MonthFigures>,
    /// The years of the scope whose holiday schedule is not published: their working days
    /// are provisional (SPEC §3).
    pub provisional: Vec<(i32, Basis)>,
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
        Report::combine(sources, scope, parts)
    }

    /// The report of one part of a scope (see `Scope::parts`), from its records; incidents
    /// are counted by the month they were reported in.
    pub fn part(sources: &Sources, scope: Scope) -> Report {
        let contract = sources.contract;
        let zone = contract.timezone;
        let today = local_date(sources.now, zone);
        let counted_to = scope.last.min(today);
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
        let rounds = inspect::rounds_by_day(&records, zone);
        let coverage: Vec<(NaiveDate, Vec<Due>)> = counted_days
            .iter()
            .map(|date| {
                (
                    *date,
                    inspect::due_on(contract, sources.calendar, *date, &rounds),
                )
            })
            .collect();
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
            incidents: incident_figures(sources, &scope),
            inspections: inspect::totals(coverage.iter().map(|(_, due)| due.as_slice())),
            coverage,
            findings: inspect::risks(&records),
            backups: backups(contract, &scope, &records, today),
            support: support(&records),
            requests: requests(&records),
            comp_days_earned: comp.earned,
            comp_days_taken: comp.taken,
            risks: notes(&records, NoteKind::Risk),
            suggestions: notes(&records, NoteKind::Suggestion),
            months: Vec::new(),
            provisional: provisional(sources.calendar, &scope),
        }
    }

    /// The report of `scope` from the reports of its parts, in order: what was recorded adds
    /// up, the incidents are those of the whole scope, and an annual summary lists the parts
    /// begun month by month.
    pub fn combine(
        sources: &Sources,
        scope: Scope,
        parts: impl IntoIterator<Item = Report>,
    ) -> Report {
        let today = local_date(sources.now, sources.contract.timezone);
        let mut report = Report {
            scope,
            counted_to: scope.last.min(today),
            working_days: 0,
            days_on_site: 0,
            incidents: incident_figures(sources, &scope),
            inspections: Vec::new(),
            coverage: Vec::new(),
            findings: Vec::new(),
            backups: Backups::default(),
            support: Support::default(),
            requests: Vec::new(),
            comp_days_earned: 0,
            comp_days_taken: 0,
            risks: Vec::new(),
            suggestions: Vec::new(),
            months: Vec::new(),
            provisional: provisional(sources.calendar, &scope),
            customer: sources.contract.customer.clone(),
            provider: sources.contract.provider.clone(),
            mode: sources.contract.mode,
            term: (sources.contract.start, sources.contract.end),
        };
        let mut inspections = Vec::new();
        for part in parts {
            report.working_days += part.working_days;
            report.days_on_site += part.days_on_site;
            inspections.push(part.inspections.clone());
            report.backups.add(&part.backups);
            report.support.add(&part.support);
            report.comp_days_earned += part.comp_days_earned;
            report.comp_days_taken += part.comp_days_taken;
            if scope.kind == ReportKind::Annual && part.scope.first <= report.counted_to {
                report.months.push(MonthFigures::of(&part));
            }
            report.coverage.extend(part.coverage);
            report.findings.extend(part.findings);
            report.requests.extend(part.requests);
            report.risks.extend(part.risks);
            report.suggestions.extend(part.suggestions);
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

/// The last instant of a day in the contract's zone.
fn end_of_day(contract: &Contract, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN);
    local_instant(contract.timezone, midnight) - TimeDelta::seconds(1)
}

impl IncidentFigures {
    pub fn total(&self) -> u32 {
        self.levels.iter().map(|l| l.count).sum()
    }

    pub fn response(&self) -> Verdicts {
        self.levels
            .iter()
            .map(|l| l.response)
            .fold(Verdicts::default(), |a, b| a + b)
    }

    pub fn arrival(&self) -> Verdicts {
        self.levels
            .iter()
            .map(|l| l.arrival)
            .fold(Verdicts::default(), |a, b| a + b)
    }
}

/// The incidents reported in the scope. Verdicts are as of now, so that a clock still
/// running when the period ended is judged once it is decided; what became of an incident
/// (open, resolved, closed, when it was resolved) is as of the period's end.
fn incident_figures(sources: &Sources, scope: &Scope) -> IncidentFigures {
    let contract = sources.contract;
    let zone = contract.timezone;
    let end = end_of_day(contract, scope.last).min(sources.now);
    let mut figures = IncidentFigures::default();
    let mut to_acknowledge = Vec::new();
    let mut to_resolve = Vec::new();
    for incident in sources.incidents {
        let status = incident.status_at(end);
        if status == Some(Status::Open) {
            figures.open_at_end += 1;
        }
        if !scope.contains(local_date(incident.reported_at, zone)) {
            continue;
        }
        let level = &mut figures.levels[incident.level.index()];
        level.count += 1;
        level.response.tally(incident.response_met);
        if let Some(met) = incident.arrival_met {
            level.arrival.tally(met);
        }
        to_acknowledge.extend(incident.responded_at.map(|t| t - incident.reported_at));
        let resolved_at = incident
            .resolved_at
            .filter(|t| *t <= end && status != Some(Status::Open));
        to_resolve.extend(resolved_at.map(|t| t - incident.reported_at));
        figures.lines.push(IncidentLine {
            id: incident.id.clone(),
            level: incident.level.number(),
            title: incident.title.clone(),
            reported_at: incident.reported_at,
            response_met: incident.response_met,
            arrival_met: incident.arrival_met,
            status: status.unwrap_or(incident.status),
            resolved_at,
        });
    }
    figures.mean_to_acknowledge = mean(&to_acknowledge);
    figures.mean_to_resolve = mean(&to_resolve);
    figures
}

/// What a report needs to know of an incident, as of now: much less than its whole history,
/// so that the incidents of a year of a busy site fit in little memory. Verdicts are as of
/// now, so that a clock still running when a period ended is judged once it is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFacts {
    pub id: String,
    pub level: Level,
    pub title: String,
    pub reported_at: DateTime<Utc>,
    pub response_met: Option<bool>,
    /// `None` where no arrival clock ran, or where the incident was resolved before anyone
    /// had to be on site (the clock is no longer needed, SPEC §2).
    pub arrival_met: Option<Option<bool>>,
    pub responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub status: Status,
    /// Every change of status, in time order.
    changes: Vec<(DateTime<Utc>, Status)>,
}

impl IncidentFacts {
    pub fn new(incident: &Incident, now: DateTime<Utc>) -> IncidentFacts {
        let arrival_met = match (incident.arrival, incident.arrival_met(now)) {
            (None, _) => None,
            (Some(_), None) if incident.resolved_at.is_some() => None,
            (Some(_), met) => Some(met),
        };
        IncidentFacts {
            id: incident.id.clone(),
            level: incident.level,
            title: incident.title.clone(),
            reported_at: incident.reported_at,
            response_met: incident.response.met(now),
            arrival_met,
            responded_at: incident.response.done,
            resolved_at: incident.resolved_at,
            status: incident.status,
            changes: incident.status_changes().collect(),
        }
    }

    /// The status the incident had at `t`; `None` before it was reported.
    fn status_at(&self, t: DateTime<Utc>) -> Option<Status> {
        status_at(self.changes.iter().copied(), t)
    }
}

/// The mean of durations, to the second.
fn mean(durations: &[TimeDelta]) -> Option<TimeDelta> {
    let count = i64::try_from(durations.len()).ok().filter(|n| *n > 0)?;
    let total: i64 = durations.iter().map(|d| d.num_seconds()).sum();
    Some(TimeDelta::seconds(total / count))
}

/// The backup checks of the scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backups {
    /// Checks required by the months of the scope that have begun.
    pub required: u32,
    /// Checks passed, each month counting at most what it requires: extra checks one month
    /// never make up for a month short (as with inspection rounds, SPEC §4).
    pub done: u32,
    /// Every check that passed.
    pub passed: u32,
    /// The checks that failed: job and note.
    pub failed: Vec<Dated<(String, String)>>,
}

impl Backups {
    fn add(&mut self, other: &Backups) {
        self.required += other.required;
        self.done += other.done;
        self.passed += other.passed;
        self.failed.extend(other.failed.iter().cloned());
    }
}

fn backups(contract: &Contract, scope: &Scope, records: &[Record], today: NaiveDate) -> Backups {
    let zone = contract.timezone;
    let mut backups = Backups::default();
    for month in scope.months().iter().filter(|m| m.first() <= today) {
        let of_month: Vec<Record> = records
            .iter()
            .filter(|r| month.contains(local_date(r.instant(), zone)))
            .cloned()
            .collect();
        let standing = backup_standing(contract, month, &of_month);
        backups.required += standing.required;
        backups.done += standing.done.min(standing.required);
        backups.passed += standing.done;
        backups.failed.extend(
            standing
                .checks
                .iter()
                .filter(|(_, c)| !c.ok)
                .map(|(r, c)| dated(r, (c.job.clone(), c.note.clone().unwrap_or_default()))),
        );
    }
    backups
}

fn dated<T>(record: &Record, item: T) -> Dated<T> {
    Dated {
        at: record.instant(),
        by: record.by.clone(),
        item,
    }
}

/// How many products the report names among the most asked about.
const TOP_PRODUCTS: usize = 3;

impl Support {
    /// The products asked about most, with how often, most first (by name among equals).
    pub fn top_products(&self) -> Vec<(&str, u32)> {
        let mut top: Vec<(&str, u32)> = self
            .products
            .iter()
            .map(|(p, n)| (p.as_str(), *n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top.truncate(TOP_PRODUCTS);
        top
    }

    fn add(&mut self, other: &Support) {
        self.count += other.count;
        self.minutes += other.minutes;
        for (product, n) in &other.products {
            *self.products.entry(product.clone()).or_default() += n;
        }
    }
}

fn support(records: &[Record]) -> Support {
    let consultations = select(records, |event| match event {
        Event::SupportLogged(c) => Some(c),
        _ => None,
    });
    let mut products: BTreeMap<String, u32> = BTreeMap::new();
    for (_, c) in &consultations {
        if let Some(product) = &c.product {
            *products.entry(product.clone()).or_default() += 1;
        }
    }
    Support {
        count: consultations.len() as u32,
        minutes: consultations
            .iter()
            .filter_map(|(_, c)| c.minutes)
            .map(u64::from)
            .sum(),
        products,
    }
}

fn requests(records: &[Record]) -> Vec<Dated<RequestLine>> {
    select(records, |event| match event {
        Event::RequestAdded(request) => Some(request),
        _ => None,
    })
    .into_iter()
    .map(|(r, request)| {
        let line = RequestLine {
            text: request.text.clone(),
            in_scope: request.in_scope,
            category: request.category,
        };
        dated(r, line)
    })
    .collect()
}

fn notes(records: &[Record], kind: NoteKind) -> Vec<Dated<String>> {
    select(records, |event| match event {
        Event::NoteAdded(note) if note.kind == kind => Some(note),
        _ => None,
    })
    .into_iter()
    .map(|(r, note)| dated(r, note.text.clone()))
    .collect()
}

impl MonthFigures {
    /// The figures of a month's report.
    fn of(month: &Report) -> MonthFigures {
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

#[cfg(test)]
mod tests;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReport {
    pub month: NaiveDate,
    pub kind: ReportKind,
    pub due: NaiveDate,
    pub issued: Option<DateTime<Utc>>,
    pub state: DueState,
}

impl DueReport {
    /// Late, or due within a week: what the start-of-shift view shows (SPEC §7).
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
/// Every report is due this long before the term ends at the latest (SPEC §7).
pub const BEFORE_TERM_END: TimeDelta = TimeDelta::days(14);

/// Every report of the term: when it is due, and whether it was issued (SPEC §7). A monthly
/// report is due on the contract's due day of the following month, and every report no later
/// than two weeks before the term ends.
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
