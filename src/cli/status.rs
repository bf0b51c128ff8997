//! `otss status`: the start-of-shift view.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use clap::Args;

use super::context::Context;
use super::risk::risk_line;
use super::show::warn_provisional;
use crate::app::status::Shift;
use crate::app::{self, Result, incident::countdowns};
use crate::contract::Contract;
use crate::inspect::trend::Trend;
use crate::output::{Output, Tone};
use crate::render::capacity;
use crate::render::human::{date_with_weekday, moment, progress_line};
use crate::render::incident::{full_time, list_line};
use crate::render::json::status::StatusJson;
use crate::report::{DueReport, DueState};

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

pub fn run(context: &Context, args: StatusArgs) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    let now = context.env.now;
    let shift = context.read(&site, &mut out, |ledger| {
        app::status::start_of_shift(&site, now, ledger)
    })?;
    let contract = &site.contract;
    let m = out.messages();
    if args.json {
        out.json(&StatusJson::new(&shift, contract, now, m))?;
        return Ok(out.flush()?);
    }
    let zone = contract.timezone;
    let day = &shift.day;
    let situation = m.situation(&shift.situation, &contract.hours);
    out.line(format!(
        "{} {} · {situation} · {}",
        date_with_weekday(day.date, m, true),
        moment(now, zone, day.date, m),
        contract.customer
    ))?;
    if !day.working() {
        out.line(
            shift
                .duty
                .as_deref()
                .map_or_else(|| m.no_duty(), |e| m.on_duty(e)),
        )?;
    }
    out.line(m.open_incidents(shift.open.len(), shift.at_risk, shift.breached))?;
    for incident in &shift.open {
        let line = list_line(&out, incident, countdowns(incident, contract, now));
        out.line(format!("  {line}"))?;
    }
    for due in shift.inspections.iter().filter(|d| d.required > 0) {
        out.line(progress_line(&out, due))?;
    }
    if !shift.open_risks.is_empty() {
        out.line(out.paint(Tone::Warning, &m.open_risks(shift.open_risks.len())))?;
    }
    for risk in &shift.open_risks {
        let line = risk_line(&out, risk, zone, day.date);
        out.line(format!("  {line}"))?;
    }
    let horizon = contract.capacity_horizon;
    print_capacity_risks(&mut out, &shift.capacity_risks, horizon, zone)?;
    let backups = &shift.backups;
    out.line(m.backups(backups.done, backups.required))?;
    for latest in &backups.failing {
        let check = &latest.item;
        let failed = m.backup_result(false, check.note.as_deref());
        let when = moment(latest.record.instant(), zone, day.date, m);
        let line = format!("{} · {when}", m.labelled(&check.job, &failed));
        out.line(out.paint(Tone::Breach, &line))?;
    }
    let month = |r: &DueReport| r.month.format("%Y-%m").to_string();
    let (changed, pressing): (Vec<&DueReport>, Vec<&DueReport>) =
        shift.reports.iter().partition(|r| r.changed_since_issued);
    let (late, due): (Vec<&DueReport>, Vec<&DueReport>) = pressing
        .into_iter()
        .partition(|r| r.state == DueState::Late);
    if !changed.is_empty() {
        let months: Vec<String> = changed.iter().map(|r| month(r)).collect();
        out.line(out.paint(Tone::Warning, &m.reports_changed(&months)))?;
    }
    if !late.is_empty() {
        let months: Vec<String> = late.iter().map(|r| month(r)).collect();
        out.line(out.paint(Tone::Breach, &m.reports_late(&months)))?;
    }
    for report in due {
        let line = m.report_due(report.kind, &month(report), report.due, report.state);
        out.line(out.paint(Tone::Warning, &line))?;
    }
    overdue_requests(&mut out, &shift, contract)?;
    for received in &shift.contract_changes {
        out.line(out.paint(Tone::Warning, &m.contract_unacknowledged(received)))?;
    }
    warn_provisional(&mut out, &site.calendar, [day.date])?;
    Ok(out.flush()?)
}

/// The items whose readings reach a threshold within the contract's horizon
/// (docs/rules.md §4.9).
fn print_capacity_risks(
    out: &mut Output,
    risks: &[(Trend, DateTime<Utc>)],
    horizon: TimeDelta,
    zone: Tz,
) -> Result<()> {
    if risks.is_empty() {
        return Ok(());
    }
    let m = out.messages();
    let heading = m.capacity_risks_heading(horizon.num_days());
    out.line(out.paint(Tone::Warning, &heading))?;
    for (trend, at) in risks {
        out.line(format!("  {}", capacity::risk_line(m, trend, *at, zone)))?;
    }
    Ok(())
}

/// The requests waiting for an answer longer than the contract allows (docs/rules.md §4.11).
fn overdue_requests(out: &mut Output, shift: &Shift, contract: &Contract) -> Result<()> {
    let waiting = &shift.overdue_requests;
    if waiting.is_empty() {
        return Ok(());
    }
    let m = out.messages();
    let heading = m.requests_overdue(waiting.len(), contract.request_answer_within);
    out.line(out.paint(Tone::Warning, &heading))?;
    for aged in waiting {
        let asked = full_time(aged.life.record.instant(), contract.timezone);
        let line = m.request_waiting_line(&aged.life, aged.age, &asked);
        out.line(format!("  {line}"))?;
    }
    Ok(())
}
