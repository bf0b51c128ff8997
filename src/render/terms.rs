//! The contract's terms for people: the tables of `otss contract show`, whether the priority
//! arrival applies, and what the contract allows but a person should look at.

use std::io;

use crate::app::contract::Terms;
use crate::contract::{Contract, ContractWarning, Level, LevelTerms, city_name};
use crate::i18n::{ContractField as F, Messages};
use crate::output::Output;
use crate::report::BEFORE_TERM_END;
use crate::service::Mode;
use crate::text;

type Rows = Vec<Vec<String>>;

/// Says on standard error what the contract allows but a person should look at.
pub fn warn(out: &mut Output, warnings: &[ContractWarning]) -> io::Result<()> {
    for warning in warnings {
        let text = match *warning {
            ContractWarning::StartNotWorkingDay {
                start,
                kind,
                next_working_day,
            } => out
                .messages()
                .start_not_working_day(start, kind, next_working_day),
            ContractWarning::CityNearPriority {
                ref city,
                ref did_you_mean,
            } => out.messages().city_near_priority(city, did_you_mean),
        };
        out.warn(text)?;
    }
    Ok(())
}

/// The contract's facts, its levels, service items, checklists and calendar corrections, a
/// table each.
pub fn print_terms(out: &mut Output, terms: &Terms) -> io::Result<()> {
    let m = out.messages();
    let c = terms.contract;
    let header = |fields: &[F]| -> Vec<String> {
        fields
            .iter()
            .map(|f| m.field_label(*f).to_string())
            .collect()
    };
    out.table(header(&[F::Contract, F::Value]), facts(m, terms))?;
    let response = match c.mode {
        Mode::FiveByEight => F::ResponseOffHours,
        Mode::SevenByTwentyFour => F::Response,
    };
    let levels = Level::ALL
        .iter()
        .map(|level| level_row(m, *level, c.sla.level(*level)))
        .collect();
    out.table(
        header(&[F::Level, response, F::Arrival, F::Resolution]),
        levels,
    )?;
    let definitions = Level::ALL
        .iter()
        .map(|level| {
            vec![
                m.level(level.number()),
                m.level_definition(*level).to_string(),
            ]
        })
        .collect();
    out.table(header(&[F::Level, F::LevelDefinition]), definitions)?;
    let items = terms
        .service_items
        .iter()
        .map(|(item, frequency)| vec![m.service_item(*item).to_string(), m.frequency(*frequency)])
        .collect();
    out.table(header(&[F::ServiceItem, F::Frequency]), items)?;
    // One item a line: a line break within an item is shown, so it cannot pass for two.
    let checklists = c
        .inspections
        .iter()
        .map(|(kind, terms)| {
            let items: Vec<_> = terms.items.iter().map(|i| text::one_line(i)).collect();
            vec![m.inspection_kind(*kind).to_string(), items.join("\n")]
        })
        .collect();
    out.table(header(&[F::ServiceItem, F::Checklist]), checklists)?;
    let corrections = corrections(m, terms);
    if !corrections.is_empty() {
        out.table(header(&[F::CalendarCorrections, F::Value]), corrections)?;
    }
    Ok(())
}

/// The contract's own facts, one row each.
fn facts(m: &Messages, terms: &Terms) -> Rows {
    let c = terms.contract;
    let row = |field: F, value: String| vec![m.field_label(field).to_string(), value];
    let city = c.city.clone().unwrap_or_else(|| m.none().to_string());
    let mut rows = vec![row(F::Customer, c.customer.clone())];
    rows.extend(c.provider.clone().map(|p| row(F::Provider, p)));
    rows.extend([
        row(F::Mode, m.mode_name(c.mode).to_string()),
        row(F::Term, format!("{} – {}", c.start, c.end)),
        row(F::TimeZone, c.timezone.name().to_string()),
        row(F::City, city),
        row(F::Staff, m.staff_count(c.staff)),
        row(F::Engineers, m.engineers_listed(&c.engineers)),
        row(F::Language, c.language.key().to_string()),
        row(F::Ledger, c.ledger.display().to_string()),
        row(
            F::ReportsDue,
            m.report_due_day(c.report_due_day, BEFORE_TERM_END.num_days()),
        ),
    ]);
    if c.mode == Mode::FiveByEight {
        let (start, end) = (c.hours.start.format("%H:%M"), c.hours.end.format("%H:%M"));
        rows.push(row(F::ServiceHours, format!("{start} – {end}")));
    }
    rows.extend([
        row(F::Immediate, m.duration(c.sla.immediate)),
        row(F::AtRisk, format!("{:.0} %", c.sla.at_risk * 100.0)),
        row(F::PriorityArrival, priority_arrival(m, c)),
        row(F::Path, terms.path.display().to_string()),
    ]);
    rows
}

/// Whether the shorter level-1 arrival applies, and why.
pub fn priority_arrival(m: &Messages, contract: &Contract) -> String {
    let cities: Vec<String> = contract
        .sla
        .priority_cities
        .iter()
        .map(|city| city_name(city, m.lang()))
        .collect();
    m.priority_rule(&contract.priority(), &cities)
}

/// The contract's corrections to the national calendar, and its schedule files.
fn corrections(m: &Messages, terms: &Terms) -> Rows {
    let date_rows = terms.corrections.iter().map(|(key, dates)| {
        let dates: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        vec![key.to_string(), dates.join(", ")]
    });
    let schedule_label = m.field_label(F::Schedules).to_string();
    let schedule_rows = terms
        .contract
        .calendar
        .schedules
        .iter()
        .map(|path| vec![schedule_label.clone(), path.display().to_string()]);
    date_rows.chain(schedule_rows).collect()
}

fn level_row(m: &Messages, level: Level, terms: &LevelTerms) -> Vec<String> {
    let dash = || "—".to_string();
    let arrival = match (terms.arrival, terms.arrival_priority) {
        (Some(arrival), Some(priority)) => m.arrival_with_priority(arrival, priority),
        (Some(arrival), None) => m.duration(arrival),
        (None, Some(priority)) => m.duration(priority),
        (None, None) => dash(),
    };
    let resolution = terms.resolve.map_or_else(dash, |budget| {
        m.rule_resolution(budget, terms.resolve_clock)
    });
    vec![
        m.level(level.number()),
        m.duration(terms.response),
        arrival,
        resolution,
    ]
}
