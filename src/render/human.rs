//! What a person reads: dates and times next to today, and how a day's inspections stand.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use crate::i18n::Messages;
use crate::inspect::Due;
use crate::output::{Output, Tone};

/// A list's line led by the short id of the record it shows, when ids are asked for (`--ids`)
/// and the line has a record.
pub fn with_id(ids: bool, record_id: Option<&str>, line: String) -> String {
    match record_id.filter(|_| ids) {
        Some(id) => format!("{} · {line}", crate::ids::short_id(id)),
        None => line,
    }
}

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
