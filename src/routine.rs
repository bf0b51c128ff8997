//! Routine items owed several times a period: which of the rounds and checks recorded count
//! (docs/rules.md §4.3, §4.8); backup checks, and each backup job's latest result (docs/rules.md
//! §4.6).

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::contract::Contract;
use crate::period::Period;
use crate::record::routine::BackupCheck;
use crate::record::{Event, Record, select};

/// Why a round or a backup check that was recorded does not count (docs/rules.md §4.3, §4.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncounted {
    /// Its day (or month) requires none.
    NotRequired,
    /// Its day (or month) had what it requires already.
    RequirementMet,
    /// Less than `min_gap` after the one that counted before it, done at `after`.
    TooSoon {
        after: DateTime<Utc>,
        min_gap: TimeDelta,
    },
}

impl Uncounted {
    /// When one done after this would count, if waiting is what it takes.
    pub fn counts_from(&self) -> Option<DateTime<Utc>> {
        match self {
            Uncounted::TooSoon { after, min_gap } => Some(*after + *min_gap),
            _ => None,
        }
    }
}

/// Which of a period's rounds (or checks), done at `times` in order, count towards the
/// `required` (docs/rules.md §4.8): the first counts, and each later one only when it is at
/// least `min_gap` after the last that counted, until the requirement is met. `None` for one
/// that counts.
pub fn spaced(
    times: &[DateTime<Utc>],
    required: u32,
    min_gap: TimeDelta,
) -> Vec<Option<Uncounted>> {
    let mut last_counted: Option<DateTime<Utc>> = None;
    let mut counted = 0;
    times
        .iter()
        .map(|&at| {
            if required == 0 {
                return Some(Uncounted::NotRequired);
            }
            if counted >= required {
                return Some(Uncounted::RequirementMet);
            }
            if let Some(after) = last_counted
                && at - after < min_gap
            {
                return Some(Uncounted::TooSoon { after, min_gap });
            }
            last_counted = Some(at);
            counted += 1;
            None
        })
        .collect()
}

/// Backup checks a month requires (docs/rules.md §4.6): the contract's count for a month that
/// overlaps the term, none otherwise.
pub fn backups_required(contract: &Contract, month: &Period) -> u32 {
    let overlaps = month.first() <= contract.end && contract.start <= month.last();
    if overlaps {
        contract.backups_per_month
    } else {
        0
    }
}

/// A backup check recorded, and whether it counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check<'a> {
    pub record: &'a Record,
    pub check: &'a BackupCheck,
    /// Why a check that passed does not count; `None` for one that counts, and for a check that
    /// failed, which never counts.
    pub uncounted: Option<Uncounted>,
}

impl Check<'_> {
    pub fn counts(&self) -> bool {
        self.check.ok && self.uncounted.is_none()
    }
}

/// How a month stands on backups: checks required, checks that count, checks that passed, and
/// every check.
pub struct BackupStanding<'a> {
    pub required: u32,
    /// Checks that count: passed, spread out, no more than required.
    pub done: u32,
    pub passed: u32,
    pub checks: Vec<Check<'a>>,
}

/// The month's backup standing from its records (docs/rules.md §4.6, §4.8): only passed checks
/// count, each at least `[backups] min_gap` after the last that counted.
pub fn backup_standing<'a>(
    contract: &Contract,
    month: &Period,
    records: &'a [Record],
) -> BackupStanding<'a> {
    let required = backups_required(contract, month);
    let checks = backup_checks(records);
    let passed: Vec<DateTime<Utc>> = checks
        .iter()
        .filter(|(_, check)| check.ok)
        .map(|(record, _)| record.instant())
        .collect();
    let mut judged = spaced(&passed, required, contract.backup_min_gap).into_iter();
    let checks: Vec<Check> = checks
        .into_iter()
        .map(|(record, check)| Check {
            record,
            check,
            uncounted: if check.ok {
                judged.next().flatten()
            } else {
                None
            },
        })
        .collect();
    BackupStanding {
        required,
        done: checks.iter().filter(|c| c.counts()).count() as u32,
        passed: passed.len() as u32,
        checks,
    }
}

fn backup_checks(records: &[Record]) -> Vec<(&Record, &BackupCheck)> {
    select(records, |event| match event {
        Event::BackupChecked(check) => Some(check),
        _ => None,
    })
}

/// Each backup job's latest check among the records, by job name (compared without regard to
/// case; the latest check's spelling is kept): a job that failed and then passed is ok.
pub fn latest_by_job(records: &[Record]) -> Vec<(&Record, &BackupCheck)> {
    let mut latest: BTreeMap<String, (&Record, &BackupCheck)> = BTreeMap::new();
    for (record, check) in backup_checks(records) {
        latest.insert(check.job.to_lowercase(), (record, check));
    }
    latest.into_values().collect()
}

#[cfg(test)]
mod tests;
