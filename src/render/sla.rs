//! The deadlines of an incident level at an instant, for people: each deadline with the rule
//! behind it, in words.

use std::io;

use crate::app::Site;
use crate::app::sla::Answer;
use crate::contract::city_name;
use crate::i18n::{Messages, PrioritySite};
use crate::output::Output;
use crate::render::human::{date_with_weekday, moment};
use crate::sla::{Deadline, Rule};

/// The moment of the report and where it stands, then every deadline on one line.
pub fn print_deadlines(out: &mut Output, site: &Site, answer: &Answer) -> io::Result<()> {
    let m = out.messages();
    let contract = &site.contract;
    let zone = contract.timezone;
    let d = &answer.deadlines;
    let today = d.reported_at.with_timezone(&zone).date_naive();
    let when = |deadline: &Deadline| moment(deadline.due, zone, today, m);
    let why = |deadline: &Deadline| explain(m, site, deadline);
    let mut clauses = vec![m.respond_by(&when(&d.response), &why(&d.response))];
    clauses.push(match &d.arrival {
        Some(arrival) => m.on_site_by(&when(arrival), &why(arrival)),
        None => m.no_arrival_clock(contract.mode),
    });
    clauses.extend(d.resolution.iter().map(|r| m.resolve_by(&when(r), &why(r))));
    let situation = m.situation(&answer.situation, &contract.hours);
    out.line(format!(
        "{} {} · {situation}",
        date_with_weekday(today, m, true),
        moment(d.reported_at, zone, today, m)
    ))?;
    let level = m.level(d.level.number());
    out.line(m.labelled(&level, &clauses.join(m.clause_separator())))
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
