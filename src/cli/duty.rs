//! `otss duty`: the holiday on-call roster.

use clap::Subcommand;

use super::context::Context;
use super::show::warn_provisional;
use crate::app::duty::{self, RosterDay};
use crate::app::{Input, Result, non_empty};
use crate::output::Tone;
use crate::render::human::{date_with_weekday, with_id};
use crate::render::json::duty::RosterDayJson;
use crate::time::grammar::Looking;
use crate::time::local_date;

const EXAMPLES: &str = examples!("otss duty set 2025-10-01 li.lei", "otss duty list 2025-10",);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum DutyCommand {
    /// Put an engineer on duty for a day
    #[command(after_help = examples!(
        "otss duty set 2025-05-01 zhang.wei",
    ))]
    Set {
        /// The day: YYYY-MM-DD, today, 10/1, friday …
        #[arg(value_name = "DAY")]
        date: String,
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
        #[command(flatten)]
        ids: super::IdsArg,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(context: &Context, command: DutyCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        DutyCommand::Set { date, engineer } => {
            let date = context.env.day(&site, &date, Looking::Ahead)?;
            let engineer = non_empty(Input::OnDuty, &engineer)?;
            let on_duty = duty::set_duty(&context.env, &site, date, engineer)?;
            let m = out.messages();
            let when = format!(
                "{} · {}",
                date_with_weekday(date, m, true),
                m.day_kind(on_duty.day.kind)
            );
            out.line(m.labelled(&when, &m.on_duty(&on_duty.engineer)))?;
            if on_duty.day.working() {
                let warning = m.duty_on_working_day(date);
                out.warn(warning)?;
            }
            warn_provisional(&mut out, &site.calendar, [date])?;
        }
        DutyCommand::List { month, ids, json } => {
            let month = context.env.period(&site, month.as_deref())?;
            let roster = context.read(&site, &mut out, |ledger| {
                duty::roster(&site, ledger, &month)
            })?;
            if json {
                let roster: Vec<RosterDayJson> = roster.iter().map(RosterDayJson::new).collect();
                out.json(&roster)?;
                return Ok(out.flush()?);
            }
            let m = out.messages();
            if roster.is_empty() {
                out.line(m.no_duty())?;
            }
            let today = local_date(context.env.now, site.contract.timezone);
            for RosterDay {
                day,
                engineer,
                record,
            } in roster
            {
                let when = date_with_weekday(day.date, m, true);
                let tone = match (&engineer, day.date == today) {
                    (None, _) => Tone::Warning,
                    (Some(_), true) => Tone::Heading,
                    (Some(_), false) => Tone::Plain,
                };
                let engineer = engineer.unwrap_or_else(|| m.no_one_on_duty());
                let line = format!("{when} · {} · {engineer}", m.day_kind(day.kind));
                let line = with_id(ids.ids, record.as_deref(), line);
                out.line(out.paint(tone, &line))?;
            }
        }
    }
    Ok(out.flush()?)
}
