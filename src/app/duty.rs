//! The holiday on-call roster of a site: putting an engineer on duty, and who is on duty when.

use chrono::NaiveDate;

use super::Result;
use super::write::write;
use super::{Environment, Ledger, Site};
use crate::calendar::Day;
use crate::duty;
use crate::period::Period;
use crate::record::Event;
use crate::record::duty::Assignment;
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

/// Who is on duty on each day of `period` the roster has, in date order.
pub fn roster(site: &Site, ledger: &mut Ledger, period: &Period) -> Result<Vec<OnDuty>> {
    let roster = duty::roster(&ledger.records(Some(period))?);
    Ok(roster
        .into_iter()
        .filter(|(date, _)| period.contains(*date))
        .map(|(date, engineer)| OnDuty {
            day: site.calendar.day(date),
            engineer,
        })
        .collect())
}
