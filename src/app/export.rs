//! Tables of the facts a service report counts, for analytics engines (docs/rules.md §11):
//! every verdict, coverage, due report and correction is the report's own, month by month.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::thread;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::report::{
    counted_report_seeing, last_fingerprint, month_or_year, nothing_more, term_reports,
};
use super::{Ledger, Result, Site};
use crate::contract::Contract;
use crate::incident::Incident;
use crate::leave;
use crate::period::Period;
use crate::record::{Event, Record, types};
use crate::report::{CorrectionAction, DueReport, Report, ReportKind, Scope};
use crate::routine::{Check, Uncounted, backup_standing};
use crate::store::export::{Column, Kind, Table, TableWriters, Value, column};
use crate::time::local_date;

pub use crate::store::export::{SCHEMA_VERSION, TableFormat};

use Kind::{Bool, Date, Int, Text, Timestamp};

const INCIDENTS: &[Column] = &[
    column("id", Text),
    column("level", Int),
    column("title", Text),
    column("status", Text),
    column("reported_at", Timestamp),
    column("responded_at", Timestamp),
    column("arrived_at", Timestamp),
    column("resolved_at", Timestamp),
    column("closed_at", Timestamp),
    column("response_due", Timestamp),
    column("arrival_due", Timestamp),
    column("resolution_due", Timestamp),
    column("response_met", Bool),
    column("arrival_clock", Bool),
    column("arrival_met", Bool),
    column("arrivals_breached", Int),
    column("resolution_met", Bool),
    column("entered_later", Text),
    column("voided", Bool),
];

const INCIDENT_LEVELS: &[Column] = &[
    column("id", Text),
    column("level", Int),
    column("since", Timestamp),
    column("by", Text),
];

const INSPECTION_DAYS: &[Column] = &[
    column("date", Date),
    column("kind", Text),
    column("required", Int),
    column("done", Int),
    column("rounds", Int),
];

const INSPECTION_FINDINGS: &[Column] = &[
    column("id", Text),
    column("at", Timestamp),
    column("by", Text),
    column("kind", Text),
    column("item", Text),
    column("note", Text),
    column("open", Bool),
    column("incident", Text),
    column("seen", Int),
    column("last_seen", Timestamp),
];

const BACKUP_CHECKS: &[Column] = &[
    column("at", Timestamp),
    column("by", Text),
    column("job", Text),
    column("ok", Bool),
    column("note", Text),
    column("counts", Bool),
    column("not_counted", Text),
];

const CONSULTATIONS: &[Column] = &[
    column("at", Timestamp),
    column("by", Text),
    column("text", Text),
    column("product", Text),
    column("minutes", Int),
];

const REQUESTS: &[Column] = &[
    column("at", Timestamp),
    column("by", Text),
    column("text", Text),
    column("in_scope", Bool),
    column("category", Text),
    column("reason", Text),
];

const COMP_LEAVE: &[Column] = &[
    column("engineer", Text),
    column("date", Date),
    column("earned", Int),
    column("taken", Int),
];

const REPORTS: &[Column] = &[
    column("kind", Text),
    column("due", Date),
    column("issued_at", Timestamp),
    column("state", Text),
    column("changed_since_issued", Bool),
    column("fingerprint", Text),
];

const CORRECTIONS: &[Column] = &[
    column("at", Timestamp),
    column("by", Text),
    column("id", Text),
    column("record_type", Text),
    column("action", Text),
    column("reason", Text),
    column("merged_into", Text),
    column("fields", Text),
];

/// The first columns of a table with times: the site, its zone, and the month of the report
/// that counts the row.
const ZONED: &[Column] = &[
    column("site", Text),
    column("zone", Text),
    column("month", Text),
];

/// The first columns of a table of dates: the site and the month of the report that counts
/// the row.
const DATED: &[Column] = &[column("site", Text), column("month", Text)];

/// A table whose columns are `first`, then `own`.
fn table(name: &'static str, first: &[Column], own: &[Column]) -> Table {
    Table::new(name, [first, own].concat())
}

/// What the report does not keep of an incident: its deadlines, and the times and verdicts
/// they bear on.
struct Clocks {
    responded_at: Option<DateTime<Utc>>,
    arrived_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    response_due: DateTime<Utc>,
    arrival_due: Option<DateTime<Utc>>,
    resolution_due: Option<DateTime<Utc>>,
    resolution_met: Option<bool>,
}

impl Clocks {
    fn of(incident: &Incident, now: DateTime<Utc>) -> Clocks {
        Clocks {
            responded_at: incident.response.done,
            arrived_at: incident.arrived_at,
            closed_at: incident.closed_at,
            response_due: incident.response.due,
            arrival_due: incident.arrival.as_ref().map(|c| c.due),
            resolution_due: incident.resolution.as_ref().map(|c| c.due),
            resolution_met: incident.resolution.as_ref().and_then(|c| c.met(now)),
        }
    }
}

/// What an export wrote: its files, and the rows in them.
#[derive(Debug)]
pub struct Exported {
    pub files: Vec<PathBuf>,
    pub rows: usize,
}

/// Writes to `dir`, one file per table in `format`, the tables of the months of `period` (a
/// month or a year; every month of the term when `None`) begun by `now`, each month's rows
/// what its report counts. Months are read by as many threads as there are cores, a few at a
/// time, and written in their order as they are read: the rows are never all held at once.
pub fn export(
    site: &Site,
    now: DateTime<Utc>,
    period: Option<&str>,
    ledger: &mut Ledger,
    dir: &Path,
    format: TableFormat,
) -> Result<Exported> {
    let months = months(site, now, period)?;
    let mut writers = TableWriters::create(dir, &Tables::new(site).into_vec(), format)?;
    let mut rows = 0;
    let mut write = |tables: Tables| -> Result<()> {
        let tables = tables.into_vec();
        rows += tables.iter().map(|t| t.rows.len()).sum::<usize>();
        Ok(writers.append(tables)?)
    };
    if !months.is_empty() {
        ledger.hold_every_incident()?;
        let month = |ledger: &mut Ledger, scope: Scope| month_tables(site, now, scope, ledger);
        in_order(ledger, months, month, &mut write)?;
    }
    let mut tables = Tables::new(site);
    let reports = term_reports(site, now, ledger)?;
    let issues = ledger.all_written_records_of_types(&[types::REPORT_ISSUED])?;
    tables.add_reports(&reports, |month| last_fingerprint(month, &issues));
    write(tables)?;
    let files = writers.finish()?;
    Ok(Exported { files, rows })
}

/// The rows of the month of `scope`, as its report counts them: no table holds what became of
/// the requests.
fn month_tables(
    site: &Site,
    now: DateTime<Utc>,
    scope: Scope,
    ledger: &mut Ledger,
) -> Result<Tables> {
    let zone = site.contract.timezone;
    let mut records = Vec::new();
    let clocks = |incident: &Incident| (incident.id.clone(), Clocks::of(incident, now));
    let see = |read: &[Record]| {
        let in_scope = read
            .iter()
            .filter(|r| scope.contains(local_date(r.instant(), zone)));
        records.extend(in_scope.cloned());
    };
    let (report, clocks, ()) =
        counted_report_seeing(site, now, scope, ledger, clocks, see, nothing_more)?;
    let mut tables = Tables::new(site);
    tables.add_month(site, &report, &records, &clocks.into_iter().collect());
    Ok(tables)
}

/// What `read` makes of each of `months`, handed to `take` in their order: as many months at
/// a time as there are cores, each read by a thread with a fork of `ledger`, whose warnings
/// are taken back in the months' order.
fn in_order<T: Send>(
    ledger: &mut Ledger,
    months: Vec<Scope>,
    read: impl Fn(&mut Ledger, Scope) -> Result<T> + Sync,
    mut take: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    for batch in months.chunks(threads) {
        let read = &read;
        let done: Vec<_> = thread::scope(|scope| {
            let running: Vec<_> = batch
                .iter()
                .map(|month| {
                    let mut fork = ledger.fork();
                    let month = *month;
                    scope.spawn(move || (read(&mut fork, month), fork))
                })
                .collect();
            running.into_iter().map(|thread| thread.join()).collect()
        });
        for joined in done {
            let (read, fork) = joined.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            ledger.absorb(fork);
            take(read?)?;
        }
    }
    Ok(())
}

/// The monthly scopes of `period` within the term, begun by `now`.
fn months(site: &Site, now: DateTime<Utc>, period: Option<&str>) -> Result<Vec<Scope>> {
    let contract = &site.contract;
    let today = local_date(now, contract.timezone);
    let (first, last) = match period {
        None => (contract.start, contract.end),
        Some(typed) => {
            let period = month_or_year(typed, today)?;
            Scope::new(contract, period)?;
            (period.first(), period.last())
        }
    };
    let first = first.max(contract.start);
    let last = last.min(contract.end).min(today);
    Ok(Period::months_between(first, last)
        .into_iter()
        .filter(|_| first <= last)
        .map(|month| Scope {
            period: month,
            kind: ReportKind::Monthly,
            first: month.first().max(first),
            last: month.last().min(contract.end),
        })
        .collect())
}

/// The tables being filled.
struct Tables {
    site: String,
    zone: String,
    incidents: Table,
    incident_levels: Table,
    inspection_days: Table,
    inspection_findings: Table,
    backup_checks: Table,
    consultations: Table,
    requests: Table,
    comp_leave: Table,
    reports: Table,
    corrections: Table,
}

impl Tables {
    fn new(site: &Site) -> Tables {
        Tables {
            site: site.contract.customer.clone(),
            zone: site.contract.timezone.name().to_string(),
            incidents: table("incidents", ZONED, INCIDENTS),
            incident_levels: table("incident_levels", ZONED, INCIDENT_LEVELS),
            inspection_days: table("inspection_days", DATED, INSPECTION_DAYS),
            inspection_findings: table("inspection_findings", ZONED, INSPECTION_FINDINGS),
            backup_checks: table("backup_checks", ZONED, BACKUP_CHECKS),
            consultations: table("consultations", ZONED, CONSULTATIONS),
            requests: table("requests", ZONED, REQUESTS),
            comp_leave: table("comp_leave", DATED, COMP_LEAVE),
            reports: table("reports", ZONED, REPORTS),
            corrections: table("corrections", ZONED, CORRECTIONS),
        }
    }

    fn into_vec(self) -> Vec<Table> {
        vec![
            self.incidents,
            self.incident_levels,
            self.inspection_days,
            self.inspection_findings,
            self.backup_checks,
            self.consultations,
            self.requests,
            self.comp_leave,
            self.reports,
            self.corrections,
        ]
    }

    /// The first values of a row of a table with times: the site, its zone and the month.
    fn zoned(&self, month: &str) -> Vec<Value> {
        vec![
            self.site.as_str().into(),
            self.zone.as_str().into(),
            month.into(),
        ]
    }

    /// The first values of a row of a table of dates: the site and the month.
    fn dated(&self, month: &str) -> Vec<Value> {
        vec![self.site.as_str().into(), month.into()]
    }

    fn add_month(
        &mut self,
        site: &Site,
        report: &Report,
        records: &[Record],
        clocks: &HashMap<String, Clocks>,
    ) {
        let month = report.scope.period.label();
        self.add_incidents(report, &month, clocks);
        self.add_inspections(report, &month);
        self.add_routine(&site.contract, report, records, &month);
        self.add_comp_leave(records, &month);
        self.add_corrections(report, &month);
    }

    fn add_incidents(&mut self, report: &Report, month: &str, clocks: &HashMap<String, Clocks>) {
        for line in &report.incidents.lines {
            let clock = clocks.get(&line.id);
            let arrival = line.arrival_met();
            let breached = line.arrivals.iter().filter(|m| **m == Some(false)).count();
            let entered_later: Vec<String> =
                line.entered_later.iter().map(|e| key(&e.decides)).collect();
            let mut row = self.zoned(month);
            row.extend([
                line.id.as_str().into(),
                line.level.into(),
                line.title.as_str().into(),
                key(&line.status).into(),
                line.reported_at.into(),
                clock.and_then(|c| c.responded_at).into(),
                clock.and_then(|c| c.arrived_at).into(),
                line.resolved_at.into(),
                clock.and_then(|c| c.closed_at).into(),
                clock.map(|c| c.response_due).into(),
                clock.and_then(|c| c.arrival_due).into(),
                clock.and_then(|c| c.resolution_due).into(),
                line.response_met.into(),
                arrival.is_some().into(),
                arrival.flatten().into(),
                (breached as u64).into(),
                clock.and_then(|c| c.resolution_met).into(),
                Some(entered_later.join(","))
                    .filter(|t| !t.is_empty())
                    .into(),
                false.into(),
            ]);
            self.incidents.push(row);
            for level in &line.levels {
                let mut row = self.zoned(month);
                row.extend([
                    line.id.as_str().into(),
                    level.level.number().into(),
                    level.at.into(),
                    level.by.as_str().into(),
                ]);
                self.incident_levels.push(row);
            }
        }
        let voided = report.corrections.iter().filter(|c| {
            c.item.action == CorrectionAction::Voided
                && c.item.record_type == types::INCIDENT_OPENED
        });
        for void in voided {
            let mut row = self.zoned(month);
            row.push(void.item.id.as_str().into());
            row.resize(ZONED.len() + INCIDENTS.len() - 1, Value::Null);
            row.push(true.into());
            self.incidents.push(row);
        }
    }

    fn add_inspections(&mut self, report: &Report, month: &str) {
        for (date, standing) in &report.coverage {
            for due in standing {
                let mut row = self.dated(month);
                row.extend([
                    (*date).into(),
                    key(&due.kind).into(),
                    due.required.into(),
                    due.done.into(),
                    due.rounds.into(),
                ]);
                self.inspection_days.push(row);
            }
        }
        for risk in &report.findings {
            let mut row = self.zoned(month);
            row.extend([
                risk.id.as_str().into(),
                risk.at.into(),
                risk.by.as_str().into(),
                key(&risk.kind).into(),
                risk.item.as_str().into(),
                risk.note.as_str().into(),
                risk.open.into(),
                risk.incident.clone().into(),
                risk.seen.into(),
                risk.last_seen.into(),
            ]);
            self.inspection_findings.push(row);
        }
    }

    /// Backup checks, consultations and requests, as the report judges them.
    fn add_routine(
        &mut self,
        contract: &Contract,
        report: &Report,
        records: &[Record],
        month: &str,
    ) {
        for check in backup_rows(contract, &report.scope, records) {
            let mut row = self.zoned(month);
            row.extend(check);
            self.backup_checks.push(row);
        }
        for record in records {
            let Event::SupportLogged(consultation) = &record.event else {
                continue;
            };
            let mut row = self.zoned(month);
            row.extend([
                record.instant().into(),
                record.by.as_str().into(),
                consultation.text.as_str().into(),
                consultation.product.clone().into(),
                consultation.minutes.into(),
            ]);
            self.consultations.push(row);
        }
        for request in &report.requests {
            let mut row = self.zoned(month);
            row.extend([
                request.at.into(),
                request.by.as_str().into(),
                request.item.text.as_str().into(),
                request.item.in_scope.into(),
                request.item.category.as_ref().map(key).into(),
                request.item.reason.clone().into(),
            ]);
            self.requests.push(row);
        }
    }

    /// Comp days earned and taken, per engineer and day, as the report's balances count them.
    fn add_comp_leave(&mut self, records: &[Record], month: &str) {
        let mut by_day: BTreeMap<(String, NaiveDate), Vec<Record>> = BTreeMap::new();
        for record in records {
            let (engineer, date) = match &record.event {
                Event::OvertimeLogged(o) => (&o.engineer, o.date),
                Event::LeaveTaken(t) => (&t.engineer, t.date),
                _ => continue,
            };
            let key = (leave::engineer_name(engineer), date);
            by_day.entry(key).or_default().push(record.clone());
        }
        for ((engineer, date), records) in by_day {
            let balance = leave::Balance::total(leave::balances(&records).values());
            let mut row = self.dated(month);
            row.extend([
                engineer.into(),
                date.into(),
                balance.earned.into(),
                balance.taken.into(),
            ]);
            self.comp_leave.push(row);
        }
    }

    fn add_corrections(&mut self, report: &Report, month: &str) {
        for correction in &report.corrections {
            let c = &correction.item;
            let fields: Vec<String> = c.fields.iter().map(key).collect();
            let mut row = self.zoned(month);
            row.extend([
                correction.at.into(),
                correction.by.as_str().into(),
                c.id.as_str().into(),
                c.record_type.as_str().into(),
                key(&c.action).into(),
                Some(c.reason.clone()).filter(|r| !r.is_empty()).into(),
                c.merged_into.clone().into(),
                Some(fields.join(",")).filter(|f| !f.is_empty()).into(),
            ]);
            self.corrections.push(row);
        }
    }

    fn add_reports(&mut self, reports: &[DueReport], fingerprint: impl Fn(&str) -> Option<String>) {
        for due in reports {
            let month = due.month.format("%Y-%m").to_string();
            let issued_fingerprint = due.issued.and_then(|_| fingerprint(&month));
            let mut row = self.zoned(&month);
            row.extend([
                key(&due.kind).into(),
                due.due.into(),
                due.issued.into(),
                key(&due.state).into(),
                due.changed_since_issued.into(),
                issued_fingerprint.into(),
            ]);
            self.reports.push(row);
        }
    }
}

/// Every backup check of the month of `scope`, as the month's standing judges it: the values
/// of a row of `backup_checks` after the site, zone and month.
fn backup_rows(contract: &Contract, scope: &Scope, records: &[Record]) -> Vec<Vec<Value>> {
    let standing = backup_standing(contract, &scope.period, records);
    let row = |c: &Check| {
        vec![
            c.record.instant().into(),
            c.record.by.as_str().into(),
            c.check.job.as_str().into(),
            c.check.ok.into(),
            c.check.note.clone().into(),
            c.counts().into(),
            c.uncounted.as_ref().map(uncounted_key).into(),
        ]
    };
    standing.checks.iter().map(row).collect()
}

/// Why a check that passed does not count, as a key.
fn uncounted_key(why: &Uncounted) -> &'static str {
    match why {
        Uncounted::NotRequired => "not_required",
        Uncounted::RequirementMet => "requirement_met",
        Uncounted::TooSoon { .. } => "too_soon",
    }
}

/// A value's key as its JSON says it: an enum's snake-case name.
fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(key)) => key,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
