//! The start-of-shift view: where the site stands today, at a glance.

use chrono::{DateTime, Utc};

use super::Result;
use super::feedback::{Aged, overdue_requests};
use super::incident::{by_urgency, countdowns};
use super::report::term_reports_in;
use super::routine::Logged;
use super::{Ledger, Site, Wanted};
use crate::calendar::Day;
use crate::contract::Contract;
use crate::duty;
use crate::incident::{Incident, fold};
use crate::inspect::trend::Trend;
use crate::inspect::{self, Due, Risk, Rounds};
use crate::period::Period;
use crate::record::routine::BackupCheck;
use crate::record::types;
use crate::record::{Event, Record};
use crate::report::DueReport;
use crate::routine;
use crate::sla::{ClockState, Situation, Sla};
use crate::sync::ContractReceived;
use crate::time::local_date;

/// Where the site stands at the start of a shift.
#[derive(Debug, Clone)]
pub struct Shift {
    /// Today, on the site's calendar.
    pub day: Day,
    pub situation: Situation,
    pub in_service_hours: bool,
    /// The open incidents, most urgent first.
    pub open: Vec<Incident>,
    /// How many open incidents have a clock at risk.
    pub at_risk: usize,
    /// How many open incidents have a clock breached.
    pub breached: usize,
    /// How each kind of inspection stands today.
    pub inspections: Vec<Due>,
    /// The risks inspections found that are still open, oldest first.
    pub open_risks: Vec<Risk>,
    pub backups: MonthBackups,
    /// Who is on duty today, if the roster says.
    pub duty: Option<String>,
    /// Reports late or due within a week.
    pub reports: Vec<DueReport>,
    /// Changes to the contract's calendar or SLA received by sync and not yet acknowledged.
    pub contract_changes: Vec<ContractReceived>,
    /// Items whose readings reach a threshold within the contract's horizon, and when
    /// (docs/rules.md §4.9).
    pub capacity_risks: Vec<(Trend, DateTime<Utc>)>,
    /// The requests waiting for an answer longer than the contract allows, longest first
    /// (docs/rules.md §4.11).
    pub overdue_requests: Vec<Aged>,
}

/// How this month stands on backup checks.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthBackups {
    pub month: Period,
    pub required: u32,
    /// Checks that count (docs/rules.md §4.8).
    pub done: u32,
    /// The latest check of each job whose latest check failed, in any month.
    pub failing: Vec<Logged<BackupCheck>>,
}

/// Where the site stands at `now`.
pub fn start_of_shift(site: &Site, now: DateTime<Utc>, ledger: &mut Ledger) -> Result<Shift> {
    ledger.hold_index()?;
    let contract = &site.contract;
    let day = site.calendar.day(local_date(now, contract.timezone));
    // What the inspection rounds say is read on a second thread while this one reads the
    // rest. No part of the index is read by both: a part found damaged is rebuilt by one
    // thread only.
    let mut reader = ledger.fork();
    let (routine, indexed) = std::thread::scope(|threads| {
        let routine = threads.spawn(|| routine_standing(site, now, &day, &mut reader));
        let indexed = indexed_standing(site, now, &day, ledger);
        let routine = routine
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (routine, indexed)
    });
    ledger.absorb(reader);
    let (indexed, routine) = (indexed?, routine?);
    let sla = Sla::new(contract, &site.calendar);
    Ok(Shift {
        situation: sla.situation(now),
        in_service_hours: sla.in_service_hours(now),
        open: indexed.open,
        at_risk: indexed.at_risk,
        breached: indexed.breached,
        inspections: routine.inspections,
        open_risks: routine.open_risks,
        backups: MonthBackups {
            month: Period::month_of(day.date),
            required: routine.backups_required,
            done: routine.backups_done,
            failing: indexed.failing_backups,
        },
        duty: routine.duty,
        reports: indexed.reports,
        contract_changes: super::sync::unacknowledged(site)?,
        capacity_risks: routine.capacity_risks,
        overdue_requests: indexed.overdue_requests,
        day,
    })
}

/// Where the routine stands: what the month's files say of today, and what the inspection
/// rounds the index keeps say of the risks and the readings' trends.
struct RoutineStanding {
    inspections: Vec<Due>,
    backups_required: u32,
    backups_done: u32,
    duty: Option<String>,
    open_risks: Vec<Risk>,
    capacity_risks: Vec<(Trend, DateTime<Utc>)>,
}

/// How today's inspections, the month's backups and today's duty stand by the records of the
/// month of `day` (its files read whole), and the risks found and the items at risk by the
/// rounds the index keeps.
fn routine_standing(
    site: &Site,
    now: DateTime<Utc>,
    day: &Day,
    ledger: &mut Ledger,
) -> Result<RoutineStanding> {
    let (contract, zone) = (&site.contract, site.contract.timezone);
    let month = Period::month_of(day.date);
    let wanted = [
        types::INSPECTION_ROUND,
        types::ALERT_LOGGED,
        types::BACKUP_CHECKED,
        types::DUTY_SET,
    ];
    // The month's files read once: the roster, dated by the days it plans, as written there.
    let mut records = ledger.records_of_types(&month, &wanted)?;
    let roster: Vec<Record> =
        (records.extract_if(.., |r| matches!(r.event, Event::DutySet(_)))).collect();
    records.retain(|r| month.contains(local_date(r.instant(), zone)));
    let rounds = Rounds::of(&records, zone);
    let standing = routine::backup_standing(contract, &month, &records);
    let mut open_risks = ledger.risks()?;
    open_risks.retain(|risk| risk.open);
    Ok(RoutineStanding {
        inspections: inspect::standing_on(contract, &site.calendar, day.date, &rounds).due,
        backups_required: standing.required,
        backups_done: standing.done,
        duty: duty::roster(&roster).remove(&day.date),
        open_risks,
        capacity_risks: super::capacity::risks_at(site, ledger, now)?,
    })
}

/// Where the site stands by the rest of what the index locates: the open incidents and
/// requests, the failing backups and the reports.
struct IndexedStanding {
    open: Vec<Incident>,
    at_risk: usize,
    breached: usize,
    failing_backups: Vec<Logged<BackupCheck>>,
    reports: Vec<DueReport>,
    overdue_requests: Vec<Aged>,
}

fn indexed_standing(
    site: &Site,
    now: DateTime<Utc>,
    day: &Day,
    ledger: &mut Ledger,
) -> Result<IndexedStanding> {
    let (records, index) = ledger.indexed_incident_records(Wanted::Open)?;
    let open = by_urgency(fold(&records), true);
    let (at_risk, breached) = attention(&open, &site.contract, now);
    let checks = ledger.latest_backup_checks(|_| true)?;
    let failing_backups = routine::latest_by_job(&checks)
        .into_iter()
        .filter(|(_, check)| !check.ok)
        .map(|(record, check)| Logged {
            record: record.clone(),
            item: check.clone(),
        })
        .collect();
    let reports = term_reports_in(site, now, &index)
        .into_iter()
        .filter(|r| r.pressing(day.date) || r.changed_since_issued)
        .collect();
    Ok(IndexedStanding {
        open,
        at_risk,
        breached,
        failing_backups,
        reports,
        overdue_requests: overdue_requests(site, now, ledger)?,
    })
}

/// How many incidents have a clock at risk at `now`, and how many a clock breached.
fn attention(incidents: &[Incident], contract: &Contract, now: DateTime<Utc>) -> (usize, usize) {
    let count = |wanted: fn(&ClockState) -> bool| {
        incidents
            .iter()
            .filter(|i| countdowns(i, contract, now).iter().any(|(_, s)| wanted(s)))
            .count()
    };
    (
        count(|s| matches!(s, ClockState::Pending { at_risk: true, .. })),
        count(|s| matches!(s, ClockState::Breached { .. })),
    )
}

#[cfg(test)]
mod tests {
    use super::super::incident::{Opening, open};
    use super::*;
    use crate::app::testing::TestSite;
    use crate::contract::Level;
    use crate::report::DueState;

    #[test]
    fn the_shift_counts_the_open_incidents_breached_and_the_reports_late() {
        let mut t = TestSite::at("2025-03-04 10:00");
        let opening = Opening {
            level: Level::ALL[0],
            title: Some("CLB returns 502".to_string()),
            description: None,
            at: None,
            onsite: false,
            from_risk: None,
        };
        t.read(|ledger| {
            open(
                &t.site,
                &t.env,
                opening,
                ledger,
                crate::app::Repeats::Refused,
            )
        })
        .unwrap();
        t.later("2025-03-05 10:00");
        let shift = t
            .read(|ledger| start_of_shift(&t.site, t.env.now, ledger))
            .unwrap();
        assert_eq!(shift.day.date.to_string(), "2025-03-05");
        assert_eq!((shift.open.len(), shift.at_risk, shift.breached), (1, 0, 1));
        assert!(shift.in_service_hours);
        assert_eq!((shift.backups.required, shift.backups.done), (1, 0));
        let late = shift.reports.iter().filter(|r| r.state == DueState::Late);
        assert_eq!(late.count(), 13, "2024-01 to 2025-01");
    }
}
