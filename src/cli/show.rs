//! Presentation shared by several commands: dates and times for people, calendar days as
//! JSON, and the provisional-calendar warning.

use std::collections::BTreeSet;
use std::io;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::calendar::{Calendar, Day, DayKind};
use crate::i18n::{Messages, day_name};
use crate::inspect::Due;
use crate::output::{Output, Tone};
use crate::record::Record;
use crate::time::rfc3339;

/// `2024-05-01 Wed`, or `05-01 Wed` without the year.
pub fn date_with_weekday(date: NaiveDate, messages: &Messages, with_year: bool) -> String {
    let format = if with_year { "%Y-%m-%d" } else { "%m-%d" };
    format!(
        "{} {}",
        date.format(format),
        messages.weekday(date.weekday())
    )
}

/// A local time of day, with seconds only when there are any.
fn time_of_day(t: DateTime<Tz>) -> String {
    let format = if t.second() == 0 { "%H:%M" } else { "%H:%M:%S" };
    t.format(format).to_string()
}

/// An instant as a person reads it next to `reference` (a local date): the time alone on the
/// same day, with the date on another, with the year in another year.
pub fn moment(t: DateTime<Utc>, zone: Tz, reference: NaiveDate, messages: &Messages) -> String {
    let local = t.with_timezone(&zone);
    let date = local.date_naive();
    if date == reference {
        time_of_day(local)
    } else {
        let with_year = date.year() != reference.year();
        format!(
            "{} {}",
            date_with_weekday(date, messages, with_year),
            time_of_day(local)
        )
    }
}

/// A calendar day as JSON (SPEC §9).
#[derive(Debug, Serialize)]
pub struct DayJson {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub working: bool,
    pub name: Option<String>,
    pub comp_days: u32,
    pub published: bool,
    /// Stable keys of the festivals named, for scripts.
    pub festivals: Vec<&'static str>,
}

impl DayJson {
    pub fn new(day: &Day, messages: &Messages) -> DayJson {
        DayJson {
            date: day.date,
            kind: day.kind,
            working: day.working(),
            name: day.name.as_ref().map(|n| day_name(messages, n)),
            comp_days: day.comp_days(),
            published: day.published,
            festivals: day
                .name
                .iter()
                .flat_map(|n| n.festivals())
                .map(|f| f.key())
                .collect(),
        }
    }
}

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

/// A record's content as JSON, with when and by whom it was recorded.
#[derive(Serialize)]
pub struct Stamped<T: Serialize> {
    pub at: String,
    pub by: String,
    #[serde(flatten)]
    pub item: T,
}

impl<T: Serialize + Clone> Stamped<T> {
    pub fn new(record: &Record, item: &T, zone: Tz) -> Stamped<T> {
        Stamped {
            at: rfc3339(record.instant(), zone),
            by: record.by.clone(),
            item: item.clone(),
        }
    }
}

/// How one kind of inspection stands, coloured when rounds are missing.
pub fn progress_line(out: &Output, due: &Due) -> String {
    let m = out.messages();
    let progress = m.inspection_progress(due.done, due.required);
    let tone = if due.done < due.required {
        Tone::Warning
    } else {
        Tone::Plain
    };
    m.labelled(m.inspection_kind(due.kind), &out.paint(tone, &progress))
}
