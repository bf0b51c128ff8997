//! `otss overtime`: days worked off the working calendar, comp leave taken, balances.

use chrono::{NaiveDate, TimeDelta};
use clap::Subcommand;

use super::ListArgs;
use super::context::Context;
use super::show::warn_provisional;
use crate::app::Site;
use crate::app::leave::{self, Earned};
use crate::app::{Input, Result, amount, non_empty};
use crate::i18n::day_name;
use crate::output::Output;
use crate::record::Event;
use crate::render::human::{date_with_weekday, with_id};
use crate::render::json::Stamped;
use crate::render::json::leave::{BalancesJson, LeaveTakenJson, OvertimeLoggedJson};
use crate::time::grammar::{Looking, Unit};

const EXAMPLES: &str = examples!(
    "otss overtime log 2025-05-01 --hours 6          Labour Day: 3 comp days",
    "otss overtime log 2025-05-03 --engineer wang.fang",
    "otss overtime take 2025-05-12",
    "otss overtime balance --json",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum OvertimeCommand {
    /// Record a day worked; it earns comp days by the kind of day
    #[command(after_help = examples!(
        "otss overtime log 2025-05-01                  a statutory holiday",
        "otss overtime log 2025-03-08 --engineer zhang.wei --hours 6 --json",
    ))]
    Log {
        /// The day worked: YYYY-MM-DD, today, yesterday, 3/2, monday …
        #[arg(value_name = "DAY")]
        date: String,
        /// Hours worked: 6, 1.5, 4h, 7h30m
        #[arg(long, value_name = "DURATION")]
        hours: Option<String>,
        /// Who worked [default: you]
        #[arg(long)]
        engineer: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Record comp leave taken, out of comp days earned by then
    #[command(after_help = examples!(
        "otss overtime take 2025-03-14",
        "otss overtime take 2025-03-14 --days 2 --engineer zhang.wei   Friday and Monday",
    ))]
    Take {
        /// The (first) day off: YYYY-MM-DD, today, 3/2, monday …
        #[arg(value_name = "DAY")]
        date: String,
        /// Comp days taken: working days in a row from DATE
        #[arg(long, default_value_t = 1)]
        days: u32,
        /// Who took it [default: you]
        #[arg(long)]
        engineer: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The days worked and the comp leave recorded in a period
    #[command(after_help = examples!(
        "otss overtime list",
        "otss overtime list 2025 --ids",
        "otss overtime list 2025-05 --json",
    ))]
    List(super::ListArgs),
    /// Comp days earned, taken and left
    #[command(after_help = examples!(
        "otss overtime balance",
        "otss overtime balance --engineer zhang.wei --json",
    ))]
    Balance {
        /// One engineer [default: everyone]
        #[arg(long)]
        engineer: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(context: &Context, command: OvertimeCommand) -> Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        OvertimeCommand::Log {
            date,
            hours,
            engineer,
            json,
        } => {
            let engineer = who(context, &site, engineer)?;
            let date = context.env.day(&site, &date, Looking::Back)?;
            let hours = hours.as_deref().map(hours_worked).transpose()?;
            log(context, &site, &mut out, date, hours, engineer, json)?
        }
        OvertimeCommand::Take {
            date,
            days,
            engineer,
            json,
        } => {
            let engineer = who(context, &site, engineer)?;
            let date = context.env.day(&site, &date, Looking::Ahead)?;
            take(context, &site, &mut out, date, days, engineer, json)?
        }
        OvertimeCommand::List(args) => list(context, &site, &mut out, &args)?,
        OvertimeCommand::Balance { engineer, json } => {
            balance(context, &site, &mut out, engineer.as_deref(), json)?
        }
    }
    Ok(out.flush()?)
}

/// `--hours`: hours or a duration, up to a day.
fn hours_worked(text: &str) -> Result<f64> {
    let worked = amount(text, Unit::Hours, TimeDelta::days(1))?;
    Ok(worked.num_seconds() as f64 / 3600.0)
}

/// Whose overtime or leave it is: `--engineer`, else the engineer writing.
fn who(context: &Context, site: &Site, engineer: Option<String>) -> Result<String> {
    let named = engineer
        .map(|name| non_empty(Input::Engineer, &name))
        .transpose()?;
    leave::engineer(&context.env, site, named.as_deref())
}

fn list(context: &Context, site: &Site, out: &mut Output, args: &ListArgs) -> Result<()> {
    let period = context.env.period(site, args.period.as_deref())?;
    let entries = context.read(site, out, |ledger| leave::entries(site, ledger, &period))?;
    let zone = site.contract.timezone;
    if args.json {
        let entries: Vec<Stamped<Event>> = entries
            .iter()
            .map(|e| Stamped::new(&e.record, &e.record.event, zone))
            .collect();
        return Ok(out.json(&entries)?);
    }
    let m = out.messages();
    out.line(period.label())?;
    for entry in &entries {
        let line = format!("{} · {}", m.leave_entry(&entry.item), entry.record.by);
        out.line(format!(
            "  {}",
            with_id(args.ids.ids, Some(&entry.record.id), line)
        ))?;
    }
    Ok(())
}

fn log(
    context: &Context,
    site: &Site,
    out: &mut Output,
    date: NaiveDate,
    hours: Option<f64>,
    engineer: String,
    json: bool,
) -> Result<()> {
    let logged = context.read(site, out, |ledger| {
        leave::log_overtime(&context.env, site, ledger, engineer, date, hours)
    })?;
    if json {
        out.json(&OvertimeLoggedJson::new(&logged))?;
    } else {
        let m = out.messages();
        let day = &logged.day;
        let mut what = vec![date_with_weekday(date, m, true)];
        what.extend(day.name.as_ref().map(|n| day_name(m, n)));
        what.push(m.day_kind(day.kind).to_string());
        let earned = match logged.earned {
            Earned::NothingUnder7x24 => m.no_comp_under_7x24(),
            Earned::NothingOnWorkingDay => m.no_comp_on_working_day(),
            Earned::CompDays(days) => m.comp_earned(&logged.overtime.engineer, days),
        };
        out.line(m.labelled(&what.join(" · "), &earned))?;
    }
    Ok(warn_provisional(out, &site.calendar, [date])?)
}

fn take(
    context: &Context,
    site: &Site,
    out: &mut Output,
    date: NaiveDate,
    days: u32,
    engineer: String,
    json: bool,
) -> Result<()> {
    let taken = context.read(site, out, |ledger| {
        leave::take_leave(&context.env, site, ledger, engineer, date, days)
    })?;
    if json {
        out.json(&LeaveTakenJson::new(&taken))?;
    } else {
        let m = out.messages();
        out.line(m.leave_taken(&taken.taken.engineer, &taken.dates, taken.left))?;
    }
    Ok(warn_provisional(out, &site.calendar, taken.dates)?)
}

fn balance(
    context: &Context,
    site: &Site,
    out: &mut Output,
    engineer: Option<&str>,
    json: bool,
) -> Result<()> {
    let balances = context.read(site, out, |ledger| leave::balances(ledger, engineer))?;
    if json {
        return Ok(out.json(&BalancesJson::new(&balances))?);
    }
    let m = out.messages();
    let rows = balances
        .engineers
        .iter()
        .map(|e| {
            let b = &e.balance;
            vec![
                e.engineer.clone(),
                b.earned.to_string(),
                b.taken.to_string(),
                b.balance.to_string(),
            ]
        })
        .collect();
    Ok(out.table(m.balance_header(), rows)?)
}
