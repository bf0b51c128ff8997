//! The warning shared by several commands: dates on a calendar no official schedule covers.

use std::collections::BTreeSet;
use std::io;

use chrono::{Datelike, NaiveDate};

use crate::calendar::Calendar;
use crate::output::Output;

/// Warns, once per year, about every year among `dates` that no official schedule covers.
pub fn warn_provisional(
    out: &mut Output,
    calendar: &Calendar,
    dates: impl IntoIterator<Item = NaiveDate>,
) -> io::Result<()> {
    let years: BTreeSet<i32> = dates.into_iter().map(|d| d.year()).collect();
    for year in years {
        if let Some(note) = out.messages().provisional(year, calendar.basis(year)) {
            out.warn(note)?;
        }
    }
    Ok(())
}
