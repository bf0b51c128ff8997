//! The routine records that need no rules of their own: backup checks, support consultations,
//! and the risk and suggestion notes engineers keep for the month's report (docs/rules.md §4, §7).

use crate::contract::Contract;
use crate::period::Period;
use crate::record::routine::BackupCheck;
use crate::record::{Event, Record, select};

/// Backup checks a month requires (docs/rules.md §4): the contract's count for a month that
/// overlaps the term, none otherwise.
pub fn backups_required(contract: &Contract, month: &Period) -> u32 {
    let overlaps = month.first() <= contract.end && contract.start <= month.last();
    if overlaps {
        contract.backups_per_month
    } else {
        0
    }
}

/// How a month stands on backups: checks required, checks that passed, and every check.
pub struct BackupStanding<'a> {
    pub required: u32,
    pub done: u32,
    pub checks: Vec<(&'a Record, &'a BackupCheck)>,
}

/// The month's backup standing from its records: only a check that passed counts as done.
pub fn backup_standing<'a>(
    contract: &Contract,
    month: &Period,
    records: &'a [Record],
) -> BackupStanding<'a> {
    let checks = select(records, |event| match event {
        Event::BackupChecked(check) => Some(check),
        _ => None,
    });
    BackupStanding {
        required: backups_required(contract, month),
        done: checks.iter().filter(|(_, check)| check.ok).count() as u32,
        checks,
    }
}
