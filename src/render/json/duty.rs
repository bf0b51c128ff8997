//! The JSON view of the duty roster.

use chrono::NaiveDate;
use serde::Serialize;

use crate::app::duty::RosterDay;
use crate::calendar::DayKind;
use crate::ids::short_id;

/// Who is on duty on a day (null on a day off nobody covers), and what kind of day it is.
#[derive(Serialize)]
pub struct RosterDayJson<'a> {
    date: NaiveDate,
    engineer: Option<&'a str>,
    /// The short id of the assignment's record; `null` on a day nobody is on duty.
    id: Option<String>,
    kind: DayKind,
    working: bool,
    covered: bool,
}

impl RosterDayJson<'_> {
    pub fn new(roster_day: &RosterDay) -> RosterDayJson<'_> {
        RosterDayJson {
            date: roster_day.day.date,
            engineer: roster_day.engineer.as_deref(),
            id: roster_day.record.as_deref().map(short_id),
            kind: roster_day.day.kind,
            working: roster_day.day.working(),
            covered: roster_day.engineer.is_some(),
        }
    }
}
