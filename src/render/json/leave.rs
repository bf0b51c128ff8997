//! The JSON views of overtime and comp leave.

use chrono::NaiveDate;
use serde::Serialize;

use crate::app::leave::{Balances, EngineerBalance, LeaveTaken, OvertimeLogged};
use crate::calendar::DayKind;
use crate::leave::Balance;

/// Overtime just logged.
#[derive(Serialize)]
pub struct OvertimeLoggedJson<'a> {
    date: NaiveDate,
    engineer: &'a str,
    kind: DayKind,
    comp_days: u32,
    /// False when no official schedule covers the date yet.
    published: bool,
}

impl OvertimeLoggedJson<'_> {
    pub fn new(logged: &OvertimeLogged) -> OvertimeLoggedJson<'_> {
        OvertimeLoggedJson {
            date: logged.overtime.date,
            engineer: &logged.overtime.engineer,
            kind: logged.overtime.kind,
            comp_days: logged.overtime.comp_days,
            published: logged.day.published,
        }
    }
}

/// Comp leave just taken. Its keys are in alphabetical order, as they have always been.
#[derive(Serialize)]
pub struct LeaveTakenJson<'a> {
    balance: i64,
    /// The first day off.
    date: NaiveDate,
    /// Every day off, in order.
    dates: &'a [NaiveDate],
    days: u32,
    engineer: &'a str,
}

impl LeaveTakenJson<'_> {
    pub fn new(taken: &LeaveTaken) -> LeaveTakenJson<'_> {
        LeaveTakenJson {
            balance: taken.left,
            date: taken.taken.date,
            dates: &taken.dates,
            days: taken.taken.days,
            engineer: &taken.taken.engineer,
        }
    }
}

/// One engineer's comp days.
#[derive(Serialize)]
pub struct EngineerBalanceJson<'a> {
    engineer: &'a str,
    #[serde(flatten)]
    balance: &'a Balance,
}

impl EngineerBalanceJson<'_> {
    fn new(engineer: &EngineerBalance) -> EngineerBalanceJson<'_> {
        EngineerBalanceJson {
            engineer: &engineer.engineer,
            balance: &engineer.balance,
        }
    }
}

/// The total comp days, then each engineer's.
#[derive(Serialize)]
pub struct BalancesJson<'a> {
    #[serde(flatten)]
    total: &'a Balance,
    engineers: Vec<EngineerBalanceJson<'a>>,
}

impl BalancesJson<'_> {
    pub fn new(balances: &Balances) -> BalancesJson<'_> {
        BalancesJson {
            total: &balances.total,
            engineers: balances
                .engineers
                .iter()
                .map(EngineerBalanceJson::new)
                .collect(),
        }
    }
}
