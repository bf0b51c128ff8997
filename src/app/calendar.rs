//! The working calendar as a front end shows it: the days of a date, a month or a year, the
//! named days in runs, and importing an official holiday schedule.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::{Environment, Error, Result, Site};
use crate::calendar::{Calendar, Day, DayKind, DayName, Festival};
use crate::contract::DEFAULT_ZONE;
use crate::period::Period;
use crate::store;
use crate::time::local_date;

/// A period of the working calendar, every day of it, and the calendar they were read from.
pub struct CalendarPeriod {
    pub period: Period,
    pub days: Vec<Day>,
    pub calendar: Calendar,
}

/// A month of a period: its first day and its days.
pub struct Month<'a> {
    pub first: NaiveDate,
    pub days: &'a [Day],
}

/// Named days that belong together: consecutive days off (a holiday block), or one named
/// working day.
#[derive(Debug)]
pub struct Run<'a> {
    pub days: Vec<&'a Day>,
}

/// An official schedule imported into the user's data directory.
pub struct Imported {
    pub year: i32,
    /// How many dates it names.
    pub days: usize,
    pub path: PathBuf,
    /// Whether it replaced an earlier import of its year.
    pub replaced: bool,
}

/// The days of the period `when` names (else this month, where the site is) on the site's
/// calendar; without a site, on the national calendar with the schedules the user imported.
pub fn period(env: &Environment, site: Option<Site>, when: Option<&str>) -> Result<CalendarPeriod> {
    let zone = site.as_ref().map_or(DEFAULT_ZONE, |s| s.contract.timezone);
    let calendar = match site {
        Some(site) => site.calendar,
        None => super::calendar(env, None)?,
    };
    let today = local_date(env.now, zone);
    let period = match when {
        Some(text) => Period::parse(text, today)?,
        None => Period::month_of(today),
    };
    let days = period.days().map(|d| calendar.day(d)).collect();
    Ok(CalendarPeriod {
        period,
        days,
        calendar,
    })
}

/// Imports an official schedule file into the user's data directory. This needs neither the
/// stored schedules nor a contract to be readable: importing a good schedule over a damaged
/// one is how it is repaired.
pub fn import_schedule(env: &Environment, file: &Path) -> Result<Imported> {
    let schedule = store::read_schedule(file)?;
    let dir = env.schedules_dir().ok_or(Error::NoDataDirectory)?;
    let (path, replaced) = store::save_schedule(&dir, &schedule)?;
    Ok(Imported {
        year: schedule.year,
        days: schedule.days.len(),
        path,
        replaced,
    })
}

impl CalendarPeriod {
    /// Its months, in order.
    pub fn months(&self) -> impl Iterator<Item = Month<'_>> {
        self.days
            .chunk_by(|a, b| a.date.month() == b.date.month())
            .map(|days| Month {
                first: days[0].date,
                days,
            })
    }

    /// How many of its days are working days.
    pub fn working_days(&self) -> usize {
        working_days(&self.days)
    }

    /// Every date of the period.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days.iter().map(|d| d.date)
    }
}

impl Month<'_> {
    /// How many of its days are working days.
    pub fn working_days(&self) -> usize {
        working_days(self.days)
    }

    /// Whether an official schedule covers every day of it.
    pub fn published(&self) -> bool {
        self.days.iter().all(|d| d.published)
    }

    /// Its named days in runs.
    pub fn named_runs(&self) -> Vec<Run<'_>> {
        named_runs(self.days)
    }
}

fn working_days(days: &[Day]) -> usize {
    days.iter().filter(|d| d.working()).count()
}

/// Named days in runs: consecutive days off form one run (a holiday block, named by every
/// festival in it); each named working day is a run of its own.
pub fn named_runs(days: &[Day]) -> Vec<Run<'_>> {
    let mut runs: Vec<Run> = Vec::new();
    for day in days.iter().filter(|d| d.name.is_some()) {
        match runs.last_mut() {
            Some(run) if run.continued_by(day) => run.days.push(day),
            _ => runs.push(Run { days: vec![day] }),
        }
    }
    runs
}

impl<'a> Run<'a> {
    /// Whether `day` belongs to this run: both are days off, and it is the next date.
    fn continued_by(&self, day: &Day) -> bool {
        !day.working()
            && self
                .days
                .last()
                .is_some_and(|prev| !prev.working() && prev.date.succ_opt() == Some(day.date))
    }

    /// Its first day.
    pub fn first(&self) -> &'a Day {
        self.days[0]
    }

    /// Its last day.
    pub fn last(&self) -> &'a Day {
        self.days[self.days.len() - 1]
    }

    /// The festivals named in the run, each once, in the calendar's order.
    pub fn festivals(&self) -> Vec<Festival> {
        let mut festivals: Vec<Festival> = self
            .days
            .iter()
            .flat_map(|d| d.name.iter().flat_map(|n| n.festivals()))
            .copied()
            .collect();
        festivals.sort();
        festivals.dedup();
        festivals
    }

    /// The names of its days that name no festival, in date order.
    pub fn other_names(&self) -> impl Iterator<Item = &'a DayName> + '_ {
        self.days
            .iter()
            .filter_map(|d| d.name.as_ref())
            .filter(|name| name.festivals().is_empty())
    }

    /// Its statutory days.
    pub fn statutory(&self) -> Vec<NaiveDate> {
        self.days
            .iter()
            .filter(|d| d.kind == DayKind::Statutory)
            .map(|d| d.date)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::date;

    fn month(calendar: &Calendar, first: &str) -> Vec<Day> {
        let month = Period::month_of(first.parse().unwrap());
        month.days().map(|d| calendar.day(d)).collect()
    }

    #[test]
    fn a_holiday_block_is_one_run_and_a_makeup_workday_another() {
        let calendar = Calendar::national();
        let may = month(&calendar, "2024-05-01");
        let runs = named_runs(&may);
        let spans: Vec<_> = runs
            .iter()
            .map(|run| (run.first().date, run.last().date))
            .collect();
        assert_eq!(
            spans,
            [
                (date("2024-05-01"), date("2024-05-05")),
                (date("2024-05-11"), date("2024-05-11")),
            ]
        );
        assert_eq!(runs[0].festivals(), [Festival::LabourDay]);
        assert_eq!(runs[0].statutory(), [date("2024-05-01")]);
        assert_eq!(runs[0].other_names().count(), 0);
    }

    #[test]
    fn a_year_comes_month_by_month() {
        let calendar = Calendar::national();
        let year = Period::Year(2025);
        let shown = CalendarPeriod {
            period: year,
            days: year.days().map(|d| calendar.day(d)).collect(),
            calendar,
        };
        let months: Vec<_> = shown.months().collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months[9].first, date("2025-10-01"));
        assert_eq!(months[9].days.len(), 31);
        let by_month: usize = months.iter().map(Month::working_days).sum();
        assert_eq!(by_month, shown.working_days());
    }
}
