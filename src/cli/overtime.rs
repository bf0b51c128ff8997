//! `otss overtime`: days worked off the working calendar, comp leave taken, balances.

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;

use super::context::Context;
use super::show::warn_provisional;
use crate::app::{Site, new_record_id};
use crate::calendar::DayKind;
use crate::i18n::day_name;
use crate::leave::{self, Balance};
use crate::output::Output;
use crate::period::Period;
use crate::record::Event;
use crate::record::leave::{Overtime, Taken};
use crate::render::human::date_with_weekday;
use crate::service::Mode;
use crate::time::{local_date, noon};

const EXAMPLES: &str = examples!(
    "otss overtime log 2025-05-01 --hours 6          Labour Day: 3 comp days",
    "otss overtime log 2025-05-03 --engineer wang.fang",
    "otss overtime take 2025-05-12",
    "otss overtime balance --json",
);

#[derive(Debug, Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum OvertimeCommand {
    /// Record a day worked; it earns comp days by the kind of day (SPEC §6)
    #[command(after_help = examples!(
        "otss overtime log 2025-05-01                  a statutory holiday",
        "otss overtime log 2025-03-08 --engineer zhang.wei --hours 6 --json",
    ))]
    Log {
        /// The day worked, YYYY-MM-DD
        date: NaiveDate,
        /// Hours worked
        #[arg(long)]
        hours: Option<f64>,
        /// Who worked [default: you]
        #[arg(long)]
        engineer: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Record comp leave taken on a day
    #[command(after_help = examples!(
        "otss overtime take 2025-03-14",
        "otss overtime take 2025-03-17 --days 1 --engineer zhang.wei",
    ))]
    Take {
        /// The day off, YYYY-MM-DD
        date: NaiveDate,
        /// Comp days taken
        #[arg(long, default_value_t = 1)]
        days: u32,
        /// Who took it [default: you]
        #[arg(long)]
        engineer: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
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

#[derive(Serialize)]
struct LoggedJson {
    date: NaiveDate,
    engineer: String,
    kind: DayKind,
    comp_days: u32,
    /// False when no official schedule covers the date yet.
    published: bool,
}

#[derive(Serialize)]
struct EngineerBalance {
    engineer: String,
    #[serde(flatten)]
    balance: Balance,
}

#[derive(Serialize)]
struct BalanceJson {
    #[serde(flatten)]
    total: Balance,
    engineers: Vec<EngineerBalance>,
}

pub fn run(context: &Context, command: OvertimeCommand) -> anyhow::Result<()> {
    let site = context.site()?;
    let mut out = context.output(Some(site.contract.language));
    match command {
        OvertimeCommand::Log {
            date,
            hours,
            engineer,
            json,
        } => {
            let engineer = who(context, engineer)?;
            log(context, &site, &mut out, date, hours, engineer, json)?
        }
        OvertimeCommand::Take {
            date,
            days,
            engineer,
            json,
        } => {
            let engineer = who(context, engineer)?;
            take(context, &site, &mut out, date, days, engineer, json)?
        }
        OvertimeCommand::Balance { engineer, json } => {
            balance(context, &site, &mut out, engineer, json)?
        }
    }
    Ok(out.flush()?)
}

fn who(context: &Context, engineer: Option<String>) -> anyhow::Result<String> {
    let name = match engineer {
        Some(name) => super::non_empty("--engineer", &name)?,
        None => context.env.engineer()?.to_string(),
    };
    Ok(leave::engineer_name(&name))
}

fn log(
    context: &Context,
    site: &Site,
    out: &mut Output,
    date: NaiveDate,
    hours: Option<f64>,
    engineer: String,
    json: bool,
) -> anyhow::Result<()> {
    let zone = site.contract.timezone;
    let records = context.read(site, out, |ledger| {
        ledger.records(Some(&Period::month_of(date)))
    })?;
    let today = local_date(context.env.now, zone);
    leave::check_overtime(&site.contract, &records, &engineer, date, today, hours)?;
    let day = site.calendar.day(date);
    let comp_days = leave::comp_days(site.contract.mode, &day);
    let overtime = Overtime {
        date,
        engineer: engineer.clone(),
        hours,
        kind: day.kind,
        comp_days,
    };
    let at = noon(zone, date).min(context.env.now);
    context.append(site, new_record_id(), at, Event::OvertimeLogged(overtime))?;
    if json {
        let published = day.published;
        out.json(&LoggedJson {
            date,
            engineer,
            kind: day.kind,
            comp_days,
            published,
        })?;
    } else {
        let m = out.messages();
        let mut what = vec![date_with_weekday(date, m, true)];
        what.extend(day.name.as_ref().map(|n| day_name(m, n)));
        what.push(m.day_kind(day.kind).to_string());
        let earned = match (site.contract.mode, day.working()) {
            (Mode::SevenByTwentyFour, _) => m.no_comp_under_7x24(),
            (Mode::FiveByEight, true) => m.no_comp_on_working_day(),
            (Mode::FiveByEight, false) => m.comp_earned(&engineer, comp_days),
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
) -> anyhow::Result<()> {
    anyhow::ensure!(days > 0, "--days must be at least 1");
    let records = context.read(site, out, |ledger| ledger.records(None))?;
    let day = site.calendar.day(date);
    leave::check_leave(&site.contract, &day, &records, &engineer, days)?;
    let taken = Taken {
        date,
        engineer: engineer.clone(),
        days,
    };
    let at = noon(site.contract.timezone, date);
    context.append(site, new_record_id(), at, Event::LeaveTaken(taken))?;
    let left = leave::balances(&records)
        .remove(&engineer)
        .unwrap_or_default()
        .balance
        - i64::from(days);
    if json {
        out.json(
            &serde_json::json!({"date": date, "engineer": engineer, "days": days, "balance": left}),
        )?;
    } else {
        out.line(out.messages().leave_taken(&engineer, days, left))?;
    }
    Ok(warn_provisional(out, &site.calendar, [date])?)
}

fn balance(
    context: &Context,
    site: &Site,
    out: &mut Output,
    engineer: Option<String>,
    json: bool,
) -> anyhow::Result<()> {
    let records = context.read(site, out, |ledger| ledger.records(None))?;
    let wanted = engineer.map(|e| leave::engineer_name(&e));
    let engineers: Vec<EngineerBalance> = leave::balances(&records)
        .into_iter()
        .filter(|(name, _)| wanted.as_ref().is_none_or(|wanted| wanted == name))
        .map(|(engineer, balance)| EngineerBalance { engineer, balance })
        .collect();
    let total = Balance::total(engineers.iter().map(|e| &e.balance));
    if json {
        return Ok(out.json(&BalanceJson { total, engineers })?);
    }
    let m = out.messages();
    let rows = engineers
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
