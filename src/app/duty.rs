//! The holiday on-call roster of a site: putting an engineer on duty, and who is on duty when.

use chrono::NaiveDate;

use super::Result;
use super::write::write;
use super::{Environment, Ledger, Site};
use crate::calendar::Day;
use crate::duty;
use crate::period::Period;
use crate::record::duty::Assignment;
use crate::record::{Event, types};
use crate::time::noon;

/// Who is on duty on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDuty {
    /// The day, as the calendar has it.
    pub day: Day,
    pub engineer: String,
}

/// Puts `engineer` on duty on `date`, which must fall in the term; the assignment is dated at
/// noon of that day.
pub fn set_duty(
    env: &Environment,
    site: &Site,
    date: NaiveDate,
    engineer: String,
) -> Result<OnDuty> {
    site.contract.check_in_term(date)?;
    site.contract.check_named(&engineer)?;
    let assignment = Assignment {
        date,
        engineer: engineer.clone(),
    };
    write(
        env,
        site,
        noon(site.contract.timezone, date),
        Event::DutySet(assignment),
    )?;
    Ok(OnDuty {
        day: site.calendar.day(date),
        engineer,
    })
}

/// A day of the roster: who is on duty, or nobody on a day off (docs/rules.md §6.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterDay {
    /// The day, as the calendar has it.
    pub day: Day,
    /// Who is on duty, by which record; `None` on a day off nobody is on duty for.
    pub engineer: Option<String>,
    pub record: Option<String>,
}

/// The roster of `period` in date order: each day it puts someone on duty, and each day off
/// in the term it leaves uncovered.
pub fn roster(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Vec<RosterDay>> {
    let records = ledger.records_of_types(period, &[types::DUTY_SET])?;
    let assignments = duty::assignments(&records);
    let uncovered = duty::uncovered(&site.contract, &site.calendar, &assignments, period.days());
    let on_duty = assignments
        .into_iter()
        .filter(|(date, _)| period.contains(*date))
        .map(|(date, (record, a))| (date, Some((a.engineer.clone(), record.id.clone()))));
    let mut days: Vec<RosterDay> = on_duty
        .chain(uncovered.into_iter().map(|date| (date, None)))
        .map(|(date, assigned)| {
            let (engineer, record) = assigned.unzip();
            RosterDay {
                day: site.calendar.day(date),
                engineer,
                record,
            }
        })
        .collect();
    days.sort_by_key(|d| d.day.date);
    Ok(days)
}
