//! `otss sla`: the deadlines of an incident level at an instant.

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::context::Context;
use super::show::warn_provisional;
use crate::app::Site;
use crate::contract::Level;
use crate::contract::city_name;
use crate::i18n::{Messages, PrioritySite};
use crate::output::Output;
use crate::render::human::{date_with_weekday, moment};
use crate::render::json::DayJson;
use crate::service::Mode;
use crate::sla::{Deadline, Deadlines, OnSiteRequest, Rule, Sla};
use crate::time::{local_date, parse_instant, rfc3339};

const EXAMPLES: &str = examples!(
    "otss sla --level 1                                 reported now",
    "otss sla --level 2 --at \"2025-10-01 20:00\"         in the contract's time zone",
    "otss sla --level 3 --at 2025-10-01T12:00:00Z --json",
    "otss sla --level 1 --at \"2025-05-03 22:00\" --onsite-at \"2025-05-04 07:00\"",
);

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SlaArgs {
    /// Incident level: 1 platform down, 2 partly failing, 3 ordinary fault
    #[arg(long)]
    level: Level,

    /// When the incident is reported: RFC 3339 or "YYYY-MM-DD HH:MM[:SS]" [default: now]
    #[arg(long, value_name = "TIME")]
    at: Option<String>,

    /// When the customer asks for an engineer on site [default: at the report]
    #[arg(long, value_name = "TIME")]
    onsite_at: Option<String>,

    /// A later arrival time agreed with the customer
    #[arg(long, value_name = "TIME")]
    agreed: Option<String>,

    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct SlaJson {
    level: Level,
    mode: Mode,
    reported_at: String,
    in_service_hours: bool,
    response_due: String,
    arrival_due: Option<String>,
    resolution_due: Option<String>,
    response_rule: Rule,
    arrival_rule: Option<Rule>,
    resolution_rule: Option<Rule>,
    published: bool,
    day: DayJson,
}

pub fn run(context: &Context, args: SlaArgs) -> anyhow::Result<()> {
    let site = context.site()?;
    let zone = site.contract.timezone;
    let time = |flag: &str, text: &Option<String>| -> anyhow::Result<Option<DateTime<Utc>>> {
        text.as_deref()
            .map(|t| parse_instant(t, zone).with_context(|| flag.to_string()))
            .transpose()
    };
    let reported_at = time("--at", &args.at)?.unwrap_or(context.env.now);
    let asked_at = time("--onsite-at", &args.onsite_at)?.unwrap_or(reported_at);
    let agreed = time("--agreed", &args.agreed)?;
    if asked_at < reported_at {
        bail!(
            "--onsite-at {} is before the report ({})",
            rfc3339(asked_at, zone),
            rfc3339(reported_at, zone)
        );
    }
    let sla = Sla::new(&site.contract, &site.calendar);
    let deadlines = sla.deadlines(args.level, reported_at, OnSiteRequest { asked_at, agreed });
    let mut out = context.output(Some(site.contract.language));
    if args.json {
        print_json(&mut out, &site, &deadlines)?;
    } else {
        print_human(&mut out, &site, &sla, &deadlines)?;
    }
    if !deadlines.published {
        let last = [
            Some(deadlines.response),
            deadlines.arrival,
            deadlines.resolution,
        ]
        .into_iter()
        .flatten()
        .map(|d| local_date(d.due, zone));
        let first = local_date(reported_at, zone);
        warn_provisional(&mut out, &site.calendar, last.chain([first]))?;
    }
    Ok(out.flush()?)
}

fn print_json(out: &mut Output, site: &Site, d: &Deadlines) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let due = |deadline: Option<Deadline>| deadline.map(|x| rfc3339(x.due, zone));
    let day = site.calendar.day(local_date(d.reported_at, zone));
    let json = SlaJson {
        level: d.level,
        mode: site.contract.mode,
        reported_at: rfc3339(d.reported_at, zone),
        in_service_hours: d.in_service_hours,
        response_due: rfc3339(d.response.due, zone),
        arrival_due: due(d.arrival),
        resolution_due: due(d.resolution),
        response_rule: d.response.rule,
        arrival_rule: d.arrival.map(|a| a.rule),
        resolution_rule: d.resolution.map(|r| r.rule),
        published: d.published,
        day: DayJson::new(&day, out.messages()),
    };
    Ok(out.json(&json)?)
}

fn print_human(out: &mut Output, site: &Site, sla: &Sla, d: &Deadlines) -> anyhow::Result<()> {
    let m = out.messages();
    let contract = &site.contract;
    let zone = contract.timezone;
    let reported = d.reported_at.with_timezone(&zone);
    let today = reported.date_naive();
    let when = |deadline: &Deadline| moment(deadline.due, zone, today, m);
    let why = |deadline: &Deadline| explain(m, site, deadline);
    let mut clauses = vec![m.respond_by(&when(&d.response), &why(&d.response))];
    clauses.push(match &d.arrival {
        Some(arrival) => m.on_site_by(&when(arrival), &why(arrival)),
        None => m.no_arrival_clock(contract.mode),
    });
    clauses.extend(d.resolution.iter().map(|r| m.resolve_by(&when(r), &why(r))));
    let situation = m.situation(&sla.situation(d.reported_at), &contract.hours);
    out.line(format!(
        "{} {} · {situation}",
        date_with_weekday(today, m, true),
        moment(d.reported_at, zone, today, m)
    ))?;
    let level = m.level(d.level.number());
    Ok(out.line(m.labelled(&level, &clauses.join(m.clause_separator())))?)
}

/// The rule behind a deadline, in words.
fn explain(m: &Messages, site: &Site, deadline: &Deadline) -> String {
    let contract = &site.contract;
    match deadline.rule {
        Rule::Immediate { within } => m.rule_immediate(within),
        Rule::OffHoursBudget { budget } => m.rule_off_hours_budget(budget),
        Rule::WindowStart { plus } => {
            let start = deadline.due - plus;
            let local = start.with_timezone(&contract.timezone);
            m.rule_window_start(
                &moment(start, contract.timezone, local.date_naive(), m),
                plus,
            )
        }
        Rule::ArrivalBudget { budget, priority } => {
            let site = priority.then(|| PrioritySite {
                staff: contract.staff,
                city: city_name(contract.city.as_deref().unwrap_or_default(), m.lang()),
            });
            m.rule_arrival(budget, site.as_ref())
        }
        Rule::AgreedTime => m.rule_agreed(),
        Rule::ResolutionBudget { budget, clock } => m.rule_resolution(budget, clock),
    }
}
