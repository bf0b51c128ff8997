//! The JSON view of the duty roster.

use chrono::NaiveDate;
use serde::Serialize;

use crate::app::duty::OnDuty;
use crate::calendar::DayKind;

/// Who is on duty on a day, and what kind of day it is.
#[derive(Serialize)]
pub struct OnDutyJson<'a> {
    date: NaiveDate,
    engineer: &'a str,
    kind: DayKind,
    working: bool,
}

impl OnDutyJson<'_> {
    pub fn new(on_duty: &OnDuty) -> OnDutyJson<'_> {
        OnDutyJson {
            date: on_duty.day.date,
            engineer: &on_duty.engineer,
            kind: on_duty.day.kind,
            working: on_duty.day.working(),
        }
    }
}
