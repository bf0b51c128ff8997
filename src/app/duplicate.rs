//! Duplicates caught at the door (docs/rules.md §10.3): what the ledger holds that a new
//! record would repeat, looked for before anything is written.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::ledger::of_types;
use super::{Environment, Error, Ledger, Result, Site, writer};
use crate::duplicate::{self, Duplicate, WINDOW};
use crate::period::Period;
use crate::record::{Event, types};
use crate::time::local_date;

/// Whether a likely duplicate stops a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeats {
    /// The write is refused with the duplicate found.
    Refused,
    /// The write goes ahead (`--force`, or confirmed at a terminal).
    Allowed,
}

impl Repeats {
    /// Repeats allowed when `force` is given, else refused.
    pub fn allowed_if(force: bool) -> Repeats {
        match force {
            true => Repeats::Allowed,
            false => Repeats::Refused,
        }
    }

    /// Refuses with what `find` finds, unless repeats are allowed. Who is writing is settled
    /// first, so that a writer who would be refused is never asked about a duplicate.
    pub(super) fn check(
        self,
        env: &Environment,
        site: &Site,
        find: impl FnOnce() -> Result<Option<Duplicate>>,
    ) -> Result<()> {
        writer(env, site)?;
        match (self, find()?) {
            (Repeats::Refused, Some(duplicate)) => Err(Error::Duplicate(duplicate)),
            _ => Ok(()),
        }
    }
}

/// The consultation, note or request that `event`, happening at `at`, would repeat.
pub(super) fn repeated_text(
    site: &Site,
    ledger: &mut Ledger,
    at: DateTime<Utc>,
    event: &Event,
) -> Result<Option<Duplicate>> {
    let zone = site.contract.timezone;
    let months: BTreeSet<NaiveDate> = [at - WINDOW, at + WINDOW]
        .into_iter()
        .map(|t| Period::month_of(local_date(t, zone)).first())
        .collect();
    let months: Vec<NaiveDate> = months.into_iter().collect();
    let Some(wanted) = duplicate::text_type(event) else {
        return Ok(None);
    };
    let earlier = ledger.records_where(Some(&months), of_types(&[wanted]))?;
    Ok(duplicate::repeated_text(event, at, &earlier))
}

/// The first issue of the report kept under `month`, if it was issued and not voided.
pub(super) fn issued_before(ledger: &mut Ledger, month: &str) -> Result<Option<Duplicate>> {
    let issued = ledger.all_records_of_types(&[types::REPORT_ISSUED])?;
    Ok(duplicate::issued_before(month, &issued))
}
