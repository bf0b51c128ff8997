//! `otss status`: the start-of-shift view.

use clap::Args;
use serde::Serialize;

use super::context::Context;
use super::incident::{by_urgency, list_line};
use super::show::warn_provisional;
use crate::app::Wanted;
use crate::duty;
use crate::incident::{Incident, fold};
use crate::inspect::{self, Due};
use crate::output::Tone;
use crate::period::Period;
use crate::record::types;
use crate::render::human::{date_with_weekday, moment, progress_line};
use crate::render::json::DayJson;
use crate::render::json::incident::IncidentJson;
use crate::render::json::report::DueJson;
use crate::report::{DueReport, DueState, reports_due};
use crate::routine;
use crate::sla::{ClockState, Sla};
use crate::time::{local_date, rfc3339};

const EXAMPLES: &str = examples!(
    "otss status",
    "otss status --json | jq '.open_incidents[].id'",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct StatusArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct StatusJson {
    now: String,
    customer: String,
    in_service_hours: bool,
    day: DayJson,
    open_incidents: Vec<IncidentJson>,
    at_risk: usize,
    breached: usize,
    inspections: Vec<Due>,
    backups: BackupsJson,
    /// Who is on duty today, if the roster says.
    duty: Option<String>,
    /// Reports late or due within a week.
    reports: Vec<DueJson>,
}

#[derive(Serialize)]
struct BackupsJson {
    month: String,
    required: u32,
    done: u32,
}

/// How many open incidents have a clock at risk, and how many a clock breached.
fn attention(
    incidents: &[&Incident],
    states: impl Fn(&Incident) -> Vec<ClockState>,
) -> (usize, usize) {
    let count = |wanted: fn(&ClockState) -> bool| {
        incidents
            .iter()
            .filter(|i| states(i).iter().any(wanted))
            .count()
    };
    (
        count(|s| matches!(s, ClockState::Pending { at_risk: true, .. })),
        count(|s| matches!(s, ClockState::Breached { .. })),
    )
}

pub fn run(context: &Context, args: StatusArgs) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let (records, index) = context.read(&site, &mut out, |ledger| {
        ledger.indexed_incident_records(Wanted::Open)
    })?;
    let incidents = fold(&records);
    let open = by_urgency(&incidents, true);
    let now = context.env.now;
    let contract = &site.contract;
    let states = |i: &Incident| {
        i.running_clocks()
            .into_iter()
            .map(|(_, clock)| clock.state(now, contract.sla.at_risk))
            .collect()
    };
    let (at_risk, breached) = attention(&open, states);
    let sla = Sla::new(contract, &site.calendar);
    let zone = contract.timezone;
    let day = site.calendar.day(local_date(now, zone));
    let month = Period::month_of(day.date);
    let wanted = [
        types::INSPECTION_ROUND,
        types::BACKUP_CHECKED,
        types::DUTY_SET,
    ];
    let records = context.read(&site, &mut out, |ledger| {
        ledger.records_of_types(&month, &wanted)
    })?;
    let rounds = inspect::rounds_by_day(&records, zone);
    let inspections = inspect::due_on(contract, &site.calendar, day.date, &rounds);
    let standing = routine::backup_standing(contract, &month, &records);
    let backups = BackupsJson {
        month: month.label(),
        required: standing.required,
        done: standing.done,
    };
    let duty = duty::roster(&records).remove(&day.date);
    let reports: Vec<DueReport> = reports_due(contract, index.issued_reports(), day.date)
        .into_iter()
        .filter(|r| r.pressing(day.date))
        .collect();
    let m = out.messages();
    if args.json {
        let json = StatusJson {
            now: rfc3339(now, zone),
            customer: contract.customer.clone(),
            in_service_hours: sla.in_service_hours(now),
            day: DayJson::new(&day, m),
            open_incidents: open
                .iter()
                .map(|i| IncidentJson::new(i, zone, now, m))
                .collect(),
            at_risk,
            breached,
            inspections,
            backups,
            duty,
            reports: reports.iter().map(|r| DueJson::new(r, zone)).collect(),
        };
        out.json(&json)?;
        return Ok(out.flush()?);
    }
    let situation = m.situation(&sla.situation(now), &contract.hours);
    out.line(format!(
        "{} {} · {situation} · {}",
        date_with_weekday(day.date, m, true),
        moment(now, zone, day.date, m),
        contract.customer
    ))?;
    if !day.working() {
        out.line(
            duty.as_deref()
                .map_or_else(|| m.no_duty(), |e| m.on_duty(e)),
        )?;
    }
    out.line(m.open_incidents(open.len(), at_risk, breached))?;
    for incident in open {
        let line = list_line(&out, &site, incident, now);
        out.line(format!("  {line}"))?;
    }
    for due in inspections.iter().filter(|d| d.required > 0) {
        out.line(progress_line(&out, due))?;
    }
    out.line(m.backups(backups.done, backups.required))?;
    for (_, check) in standing.checks.iter().filter(|(_, c)| !c.ok) {
        let failed = m.backup_result(false, check.note.as_deref());
        out.line(out.paint(Tone::Breach, &m.labelled(&check.job, &failed)))?;
    }
    let month = |r: &DueReport| r.month.format("%Y-%m").to_string();
    let (late, due): (Vec<&DueReport>, Vec<&DueReport>) =
        reports.iter().partition(|r| r.state == DueState::Late);
    if !late.is_empty() {
        let months: Vec<String> = late.iter().map(|r| month(r)).collect();
        out.line(out.paint(Tone::Breach, &m.reports_late(&months)))?;
    }
    for report in due {
        let line = m.report_due(report.kind, &month(report), report.due, report.state);
        out.line(out.paint(Tone::Warning, &line))?;
    }
    warn_provisional(&mut out, &site.calendar, [day.date])?;
    Ok(out.flush()?)
}
