//! The working calendar as JSON: a date, a month, a year, and a schedule imported.

use std::path::Path;

use serde::Serialize;

use super::DayJson;
use crate::app::calendar::{CalendarPeriod, Imported, Month};
use crate::i18n::Messages;
use crate::period::Period;

/// The days of a period: a date on its own, a month, or a year of months.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PeriodJson {
    Day(DayJson),
    Month(MonthJson),
    Year(YearJson),
}

/// A month: how many working days, whether an official schedule covers it, and every day.
#[derive(Serialize)]
pub struct MonthJson {
    month: String,
    working_days: usize,
    published: bool,
    days: Vec<DayJson>,
}

/// A year: how many working days, and each month.
#[derive(Serialize)]
pub struct YearJson {
    year: i32,
    working_days: usize,
    months: Vec<MonthJson>,
}

/// A schedule imported: its year, how many dates it names, where it is kept, and whether it
/// replaced an earlier import.
#[derive(Serialize)]
pub struct ImportJson<'a> {
    year: i32,
    days: usize,
    path: &'a Path,
    replaced: bool,
}

impl PeriodJson {
    pub fn new(shown: &CalendarPeriod, m: &Messages) -> PeriodJson {
        match shown.period {
            Period::Day(_) => PeriodJson::Day(DayJson::new(&shown.days[0], m)),
            Period::Month(first) => {
                let days = &shown.days;
                PeriodJson::Month(MonthJson::new(&Month { first, days }, m))
            }
            Period::Year(year) => PeriodJson::Year(YearJson {
                year,
                working_days: shown.working_days(),
                months: shown
                    .months()
                    .map(|month| MonthJson::new(&month, m))
                    .collect(),
            }),
        }
    }
}

impl MonthJson {
    fn new(month: &Month, m: &Messages) -> MonthJson {
        MonthJson {
            month: month.first.format("%Y-%m").to_string(),
            working_days: month.working_days(),
            published: month.published(),
            days: month.days.iter().map(|d| DayJson::new(d, m)).collect(),
        }
    }
}

impl<'a> ImportJson<'a> {
    pub fn new(imported: &'a Imported) -> ImportJson<'a> {
        ImportJson {
            year: imported.year,
            days: imported.days,
            path: &imported.path,
            replaced: imported.replaced,
        }
    }
}
