//! Overtime and comp leave at a site: logging a day worked, taking comp leave, and each
//! engineer's balance.

use chrono::NaiveDate;

use super::routine::Logged;
use super::write::write;
use super::{Environment, Error, Input, Ledger, Result, Site};
use crate::calendar::Day;
use crate::leave::{self, Balance};
use crate::ledger::index::Kept;
use crate::period::Period;
use crate::record::leave::{Overtime, Taken};
use crate::record::{Event, Record};
use crate::service::Mode;
use crate::time::{local_date, noon};

/// What a day worked earns, as the engineer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earned {
    /// A 7x24 contract staffs every day: no day earns comp leave by its kind.
    NothingUnder7x24,
    /// A working day of the calendar earns none.
    NothingOnWorkingDay,
    /// A day off earns comp days.
    CompDays(u32),
}

/// Overtime just logged.
#[derive(Debug, Clone, PartialEq)]
pub struct OvertimeLogged {
    pub overtime: Overtime,
    /// The day worked, as the calendar has it.
    pub day: Day,
    pub earned: Earned,
}

/// Comp leave just taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveTaken {
    pub taken: Taken,
    /// Every day off, in order.
    pub dates: Vec<NaiveDate>,
    /// The comp days the engineer has left.
    pub left: i64,
}

/// An engineer's comp days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineerBalance {
    pub engineer: String,
    pub balance: Balance,
}

/// Comp days of the engineers asked for, and their total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balances {
    pub total: Balance,
    pub engineers: Vec<EngineerBalance>,
}

/// Whose overtime or leave it is, under the name leave is kept by: the engineer `named`, else
/// the one writing; one of the site's engineers when the contract lists them.
pub fn engineer(env: &Environment, site: &Site, named: Option<&str>) -> Result<String> {
    let name = match named {
        Some(name) => {
            site.contract.check_named(name)?;
            name
        }
        None => {
            let name = env.engineer()?;
            site.contract.check_engineer(name)?;
            name
        }
    };
    Ok(leave::engineer_name(name))
}

/// Logs `engineer`'s work on `date` (`hours` of it, when said), which earns comp days by the
/// kind of day; the records of its month are read to refuse logging it twice.
pub fn log_overtime(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    engineer: String,
    date: NaiveDate,
    hours: Option<f64>,
) -> Result<OvertimeLogged> {
    let zone = site.contract.timezone;
    let records = ledger.records(Some(&Period::month_of(date)))?;
    let today = local_date(env.now, zone);
    leave::check_overtime(&site.contract, &records, &engineer, date, today, hours)?;
    let day = site.calendar.day(date);
    let overtime = Overtime {
        date,
        engineer,
        hours,
        kind: day.kind,
        comp_days: leave::comp_days(site.contract.mode, &day),
    };
    let at = noon(zone, date).min(env.now);
    write(env, site, at, Event::OvertimeLogged(overtime.clone()))?;
    Ok(OvertimeLogged {
        earned: earned(site.contract.mode, &day),
        overtime,
        day,
    })
}

/// What working `day` earns under a contract of `mode`.
fn earned(mode: Mode, day: &Day) -> Earned {
    match (mode, day.working()) {
        (Mode::SevenByTwentyFour, _) => Earned::NothingUnder7x24,
        (Mode::FiveByEight, true) => Earned::NothingOnWorkingDay,
        (Mode::FiveByEight, false) => Earned::CompDays(leave::comp_days(mode, day)),
    }
}

/// Takes `days` comp days off, working days in a row from `date`, for `engineer`, who must
/// have earned them by each of those days (docs/rules.md §6.3); the whole ledger is read for
/// what was earned and taken. The leave is one record, whatever its length.
pub fn take_leave(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    engineer: String,
    date: NaiveDate,
    days: u32,
) -> Result<LeaveTaken> {
    if days == 0 {
        return Err(Error::LessThanOne(Input::Days));
    }
    let records = ledger.kept_records(Kept::Leave)?;
    let (contract, calendar) = (&site.contract, &site.calendar);
    let taken = leave::leave_to_take(contract, calendar, &records, &engineer, date, days)?;
    let had = leave::balances(&records)
        .remove(&engineer)
        .unwrap_or_default()
        .balance;
    let at = noon(contract.timezone, date);
    write(env, site, at, Event::LeaveTaken(taken.clone()))?;
    Ok(LeaveTaken {
        dates: leave::days_off(&taken, contract, calendar),
        taken,
        left: had - i64::from(days),
    })
}

/// Every engineer's comp days, or only those of the engineer `named`.
pub fn balances(ledger: &mut Ledger, named: Option<&str>) -> Result<Balances> {
    let wanted = named.map(leave::engineer_name);
    let engineers: Vec<EngineerBalance> = leave::balances(&ledger.kept_records(Kept::Leave)?)
        .into_iter()
        .filter(|(name, _)| wanted.as_ref().is_none_or(|wanted| wanted == name))
        .map(|(engineer, balance)| EngineerBalance { engineer, balance })
        .collect();
    let total = Balance::total(engineers.iter().map(|e| &e.balance));
    Ok(Balances { total, engineers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    #[test]
    fn a_day_off_earns_comp_days_only_under_5x8() {
        let calendar = Calendar::national();
        let labour_day = calendar.day("2025-05-01".parse().unwrap());
        let tuesday = calendar.day("2025-03-04".parse().unwrap());
        assert_eq!(earned(Mode::FiveByEight, &labour_day), Earned::CompDays(3));
        assert_eq!(
            earned(Mode::FiveByEight, &tuesday),
            Earned::NothingOnWorkingDay
        );
        for day in [&labour_day, &tuesday] {
            assert_eq!(
                earned(Mode::SevenByTwentyFour, day),
                Earned::NothingUnder7x24
            );
        }
    }
}

/// A day worked or comp leave taken, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum LeaveEntry {
    Worked(Overtime),
    /// Comp leave, with every day off it takes.
    Off {
        taken: Taken,
        dates: Vec<NaiveDate>,
    },
}

/// The days worked and the comp leave recorded within `period`, each with its record, in
/// the order they were recorded for.
pub fn entries(
    site: &Site,
    ledger: &mut Ledger,
    period: &Period,
) -> Result<Vec<Logged<LeaveEntry>>> {
    let zone = site.contract.timezone;
    let mut records = ledger.records(Some(period))?;
    records.retain(|record| period.contains(local_date(record.instant(), zone)));
    records.sort_by(Record::fold_order);
    let entry = |event: &Event| match event {
        Event::OvertimeLogged(overtime) => Some(LeaveEntry::Worked(overtime.clone())),
        Event::LeaveTaken(taken) => Some(LeaveEntry::Off {
            taken: taken.clone(),
            dates: leave::days_off(taken, &site.contract, &site.calendar),
        }),
        _ => None,
    };
    Ok(records
        .into_iter()
        .filter_map(|record| {
            let item = entry(&record.event)?;
            Some(Logged { record, item })
        })
        .collect())
}
