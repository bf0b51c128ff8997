//! `otss calendar`: a date or a month of the national working calendar, and importing an
//! official schedule.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::context::Context;
use super::show::warn_provisional;
use crate::calendar::{Day, DayKind, Festival, WEEK};
use crate::i18n::{Messages, day_name};
use crate::output::{Output, Tone};
use crate::period::Period;
use crate::render::human::date_with_weekday;
use crate::render::json::DayJson;
use crate::store;
use crate::time::local_date;

const EXAMPLES: &str = examples!(
    "otss calendar                     this month",
    "otss calendar 2025-10             a month: working days, holidays, make-up workdays",
    "otss calendar 2025-10-01 --json   one date",
    "otss calendar 2026                a whole year",
    "otss calendar import 2027.json    add the official 2027 schedule once it is published",
);

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct CalendarArgs {
    #[command(subcommand)]
    command: Option<CalendarCommand>,

    /// A date (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or `today` [default: this month]
    #[arg(value_name = "PERIOD")]
    when: Option<String>,

    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Add an official holiday schedule: {"year":…,"days":[{"name","date","isOffDay"}]}
    #[command(after_help = examples!(
        "otss calendar import 2027.json",
        "otss calendar import 2027.json --json",
    ))]
    Import {
        /// The schedule file (JSON)
        file: PathBuf,

        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct MonthJson {
    month: String,
    working_days: usize,
    published: bool,
    days: Vec<DayJson>,
}

#[derive(Serialize)]
struct YearJson {
    year: i32,
    working_days: usize,
    months: Vec<MonthJson>,
}

#[derive(Serialize)]
struct ImportJson {
    year: i32,
    days: usize,
    path: PathBuf,
    replaced: bool,
}

pub fn run(context: &Context, args: CalendarArgs) -> anyhow::Result<()> {
    if let Some(CalendarCommand::Import { file, json }) = args.command {
        return import(context, file, json);
    }
    let site = context.optional_site()?;
    let mut out = context.output(site.as_ref().map(|s| s.contract.language));
    let zone = site
        .as_ref()
        .map_or(chrono_tz::Asia::Shanghai, |s| s.contract.timezone);
    let calendar = match site {
        Some(site) => site.calendar,
        None => crate::app::calendar(&context.env, None)?,
    };
    let today = local_date(context.env.now, zone);
    let period = match args.when.as_deref() {
        Some(text) => Period::parse(text, today)?,
        None => Period::month_of(today),
    };
    let days: Vec<Day> = period.days().map(|d| calendar.day(d)).collect();
    let m = out.messages();
    match (period, args.json) {
        (Period::Day(_), true) => out.json(&DayJson::new(&days[0], m))?,
        (Period::Day(_), false) => print_day(&mut out, &days[0])?,
        (Period::Month(first), true) => out.json(&month_json(first, &days, m))?,
        (Period::Month(first), false) => print_month(&mut out, first, &days)?,
        (Period::Year(year), true) => out.json(&YearJson {
            year,
            working_days: days.iter().filter(|d| d.working()).count(),
            months: by_month(&days)
                .map(|(first, days)| month_json(first, days, m))
                .collect(),
        })?,
        (Period::Year(_), false) => {
            for (first, days) in by_month(&days) {
                print_month(&mut out, first, days)?;
                out.line("")?;
            }
        }
    }
    warn_provisional(&mut out, &calendar, days.iter().map(|d| d.date))?;
    Ok(out.flush()?)
}

/// The days of a year, month by month.
fn by_month(days: &[Day]) -> impl Iterator<Item = (NaiveDate, &[Day])> {
    days.chunk_by(|a, b| a.date.month() == b.date.month())
        .map(|month| (month[0].date, month))
}

/// Imports a schedule. This works even when the stored schedules or the contract cannot be
/// read, since importing a good schedule over a damaged one is how it is repaired.
fn import(context: &Context, file: PathBuf, json: bool) -> anyhow::Result<()> {
    let lang = context
        .optional_site()
        .ok()
        .flatten()
        .map(|s| s.contract.language);
    let mut out = context.output(lang);
    let schedule = store::read_schedule(&file)?;
    let dir = context
        .env
        .schedules_dir()
        .context("no user data directory to import into: set XDG_DATA_HOME")?;
    let (path, replaced) = store::save_schedule(&dir, &schedule)?;
    if json {
        out.json(&ImportJson {
            year: schedule.year,
            days: schedule.days.len(),
            path,
            replaced,
        })?;
    } else {
        let m = out.messages();
        let path = path.display().to_string();
        out.line(m.schedule_imported(schedule.year, schedule.days.len(), replaced, &path))?;
    }
    Ok(out.flush()?)
}

fn month_json(first: NaiveDate, days: &[Day], m: &Messages) -> MonthJson {
    MonthJson {
        month: first.format("%Y-%m").to_string(),
        working_days: days.iter().filter(|d| d.working()).count(),
        published: days.iter().all(|d| d.published),
        days: days.iter().map(|d| DayJson::new(d, m)).collect(),
    }
}

fn print_day(out: &mut Output, day: &Day) -> anyhow::Result<()> {
    let m = out.messages();
    let mut parts = vec![date_with_weekday(day.date, m, true)];
    parts.extend(day.name.as_ref().map(|n| day_name(m, n)));
    parts.push(out.paint(tone(day), m.day_kind(day.kind)));
    out.line(parts.join(" · "))?;
    Ok(out.line(m.working_status(day.working(), day.comp_days()))?)
}

/// The marker and colour of a day in the month grid.
fn marker(day: &Day) -> char {
    match day.kind {
        DayKind::Statutory => '*',
        DayKind::Holiday => '+',
        DayKind::MakeupWorkday => '!',
        DayKind::Workday | DayKind::Weekend => ' ',
    }
}

fn tone(day: &Day) -> Tone {
    match day.kind {
        DayKind::Statutory => Tone::Statutory,
        DayKind::Holiday => Tone::Holiday,
        DayKind::MakeupWorkday => Tone::MakeupWorkday,
        DayKind::Weekend => Tone::Weekend,
        DayKind::Workday => Tone::Plain,
    }
}

const CELL: usize = 4;

/// A month as a grid like `cal`, weeks starting on Monday, then the named days in runs.
fn print_month(out: &mut Output, first: NaiveDate, days: &[Day]) -> anyhow::Result<()> {
    let m = out.messages();
    let title = m.month_title(first.year(), first.month());
    let padding = (CELL * 7).saturating_sub(title.width()) / 2;
    out.line(format!(
        "{}{}",
        " ".repeat(padding),
        out.paint(Tone::Heading, &title)
    ))?;
    let header: String = WEEK
        .iter()
        .map(|d| {
            let name = m.weekday_short(*d);
            format!("{}{name} ", " ".repeat(CELL - 1 - name.width()))
        })
        .collect();
    out.line(header.trim_end())?;
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells = vec![" ".repeat(CELL); lead];
    cells.extend(days.iter().map(|day| {
        let cell = format!("{:>3}{}", day.date.day(), marker(day));
        // The blank of an unmarked day stays outside the paint, for a week to end without it.
        let shown = cell.trim_end();
        format!("{}{}", out.paint(tone(day), shown), &cell[shown.len()..])
    }));
    for week in cells.chunks(7) {
        out.line(week.concat().trim_end())?;
    }
    let working = days.iter().filter(|d| d.working()).count();
    out.line(format!(
        "{}   {}",
        m.working_days_in_month(working),
        m.calendar_legend()
    ))?;
    for line in named_runs(days, m) {
        out.line(line)?;
    }
    Ok(())
}

/// Named days in runs: consecutive days off form one run (a holiday block, named by every
/// festival in it); each named working day is its own line.
/// `05-01 – 05-05  Labour Day: 5 days off (statutory: 05-01)`.
fn named_runs(days: &[Day], m: &Messages) -> Vec<String> {
    let mut runs: Vec<Vec<&Day>> = Vec::new();
    for day in days.iter().filter(|d| d.name.is_some()) {
        match runs.last_mut() {
            Some(run)
                if !day.working()
                    && run.last().is_some_and(|prev| {
                        !prev.working() && prev.date.succ_opt() == Some(day.date)
                    }) =>
            {
                run.push(day)
            }
            _ => runs.push(vec![day]),
        }
    }
    runs.iter().map(|run| run_line(run, m)).collect()
}

fn run_line(run: &[&Day], m: &Messages) -> String {
    let (first, last) = (run[0], run[run.len() - 1]);
    let range = if first.date == last.date {
        first.date.format("%m-%d").to_string()
    } else {
        format!(
            "{} – {}",
            first.date.format("%m-%d"),
            last.date.format("%m-%d")
        )
    };
    let mut festivals: Vec<Festival> = run
        .iter()
        .flat_map(|d| d.name.iter().flat_map(|n| n.festivals()))
        .copied()
        .collect();
    festivals.sort();
    festivals.dedup();
    let mut names: Vec<String> = festivals
        .iter()
        .map(|f| m.festival(*f).to_string())
        .collect();
    for name in run.iter().filter_map(|d| d.name.as_ref()) {
        let text = day_name(m, name);
        if name.festivals().is_empty() && !names.contains(&text) {
            names.push(text);
        }
    }
    let detail = if first.working() {
        m.day_kind(first.kind).to_string()
    } else {
        let statutory: Vec<String> = run
            .iter()
            .filter(|d| d.kind == DayKind::Statutory)
            .map(|d| d.date.format("%m-%d").to_string())
            .collect();
        m.days_off(run.len(), &statutory)
    };
    format!(
        "{range:<13}  {}",
        m.labelled(&names.join(m.list_separator()), &detail)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::i18n::Lang;

    fn month(calendar: &Calendar, first: &str) -> Vec<Day> {
        let month = Period::month_of(first.parse().unwrap());
        month.days().map(|d| calendar.day(d)).collect()
    }

    #[test]
    fn the_named_days_of_may_2024_in_runs() {
        let calendar = Calendar::national();
        let may = month(&calendar, "2024-05-01");
        assert_eq!(
            named_runs(&may, Lang::En.messages()),
            [
                "05-01 – 05-05  Labour Day: 5 days off (statutory: 05-01)",
                "05-11          Labour Day: make-up workday",
            ]
        );
    }

    #[test]
    fn a_block_of_two_festivals_is_one_run() {
        let calendar = Calendar::national();
        let october = month(&calendar, "2025-10-01");
        assert_eq!(
            named_runs(&october, Lang::Zh.messages()),
            [
                "10-01 – 10-08  中秋节、国庆节：放假 8 天（法定：10-01、10-02、10-03、10-06）",
                "10-11          中秋节、国庆节：调休上班日",
            ]
        );
    }
}
