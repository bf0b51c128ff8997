//! `otss duty`: the holiday on-call roster.

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;

use super::context::Context;
use super::show::warn_provisional;
use crate::app::new_record_id;
use crate::calendar::DayKind;
use crate::duty;
use crate::output::Tone;
use crate::record::Event;
use crate::record::duty::Assignment;
use crate::render::human::date_with_weekday;
use crate::time::{local_date, noon};

const EXAMPLES: &str = examples!("otss duty set 2025-10-01 li.lei", "otss duty list 2025-10",);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum DutyCommand {
    /// Put an engineer on duty for a day
    #[command(after_help = examples!(
        "otss duty set 2025-05-01 zhang.wei",
    ))]
    Set {
        /// The day, YYYY-MM-DD
        date: NaiveDate,
        /// Who is on duty
        engineer: String,
    },
    /// The roster of a month
    #[command(after_help = examples!(
        "otss duty list 2025-05",
        "otss duty list --json",
    ))]
    List {
        /// YYYY-MM [default: this month]
        month: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct DutyJson {
    date: NaiveDate,
    engineer: String,
    kind: DayKind,
    working: bool,
}

pub fn run(context: &Context, command: DutyCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        DutyCommand::Set { date, engineer } => {
            let engineer = super::non_empty("the engineer", &engineer)?;
            site.contract.check_in_term(date)?;
            let assignment = Assignment {
                date,
                engineer: engineer.clone(),
            };
            let at = noon(site.contract.timezone, date);
            context.append(&site, new_record_id(), at, Event::DutySet(assignment))?;
            let m = out.messages();
            let day = site.calendar.day(date);
            let when = format!(
                "{} · {}",
                date_with_weekday(date, m, true),
                m.day_kind(day.kind)
            );
            out.line(m.labelled(&when, &m.on_duty(&engineer)))?;
            warn_provisional(&mut out, &site.calendar, [date])?;
        }
        DutyCommand::List { month, json } => {
            let month = context.env.period(&site, month.as_deref())?;
            let records = context.read(&site, &mut out, |ledger| ledger.records(Some(&month)))?;
            let roster: Vec<DutyJson> = duty::roster(&records)
                .into_iter()
                .filter(|(date, _)| month.contains(*date))
                .map(|(date, engineer)| {
                    let day = site.calendar.day(date);
                    DutyJson {
                        date,
                        engineer,
                        kind: day.kind,
                        working: day.working(),
                    }
                })
                .collect();
            if json {
                out.json(&roster)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            if roster.is_empty() {
                out.line(m.no_duty())?;
            }
            let today = local_date(context.env.now, site.contract.timezone);
            for entry in roster {
                let when = date_with_weekday(entry.date, m, true);
                let tone = if entry.date == today {
                    Tone::Heading
                } else {
                    Tone::Plain
                };
                let line = format!("{when} · {} · {}", m.day_kind(entry.kind), entry.engineer);
                out.line(out.paint(tone, &line))?;
            }
        }
    }
    Ok(out.flush()?)
}
