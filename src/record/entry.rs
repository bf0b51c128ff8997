//! Event time and entry time (docs/rules.md §10.5): `at` says when a thing happened, the time
//! part of the record's id when it was entered. A record entered long after the fact is marked;
//! one that claims to have been entered before it happened, that lies in the future, or that
//! falls outside the contract term where the term bounds it counts nowhere.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::{Event, Record};
use crate::contract::Contract;
use crate::ids;
use crate::time::local_date;

/// How far a recorded time may lie after the moment it was entered (or after "now"): a minute,
/// for clocks that differ a little.
pub const FUTURE_MARGIN: TimeDelta = TimeDelta::minutes(1);

/// A record entered more than this after its `at` is marked "entered later".
pub const ENTERED_LATER: TimeDelta = TimeDelta::hours(1);

/// How long before its file's month began a record may have been entered: a day, for a
/// record written just before midnight of a month's first day in another zone.
const BEFORE_MONTH: TimeDelta = TimeDelta::days(1);

/// Why a record counts nowhere (docs/rules.md §10.5, §10.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "doubt", rename_all = "snake_case")]
pub enum Doubt {
    /// It claims to have been entered before it happened.
    EnteredBefore { entered_at: DateTime<Utc> },
    /// It is of a kind the term bounds, and lies outside the term.
    OutOfTerm { date: NaiveDate },
    /// It claims to have happened after now, which no record of what happened may.
    Future { at: DateTime<FixedOffset> },
}

impl Record {
    /// When the record was entered: its id's time; `None` for an id that is not a ULID.
    pub fn entered_at(&self) -> Option<DateTime<Utc>> {
        ids::entered_at(&self.id)
    }

    /// The entry time when the record claims to have been entered before it happened. A
    /// record of a plan (leave, the duty roster) is dated by the day it plans, not by when it
    /// happened, and may be entered before it.
    pub fn entered_before_it_happened(&self) -> Option<DateTime<Utc>> {
        self.entered_at()
            .filter(|entered| !self.event.is_plan() && self.instant() > *entered + FUTURE_MARGIN)
    }

    /// The entry time when the record was entered more than an hour after it happened.
    pub fn entered_later(&self) -> Option<DateTime<Utc>> {
        self.entered_at()
            .filter(|entered| *entered > self.instant() + ENTERED_LATER)
    }

    /// Whether it was entered more than a day before `month` (its first day, in the contract
    /// zone) began: a file of that month could not have held it then.
    pub fn entered_before_month(&self, month: DateTime<Utc>) -> bool {
        !self.event.is_plan()
            && self
                .entered_at()
                .is_some_and(|entered| entered < month - BEFORE_MONTH)
    }

    /// Whether it claims to have happened after `now`, which no record of what happened may.
    pub fn after(&self, now: DateTime<Utc>) -> bool {
        !self.event.is_plan() && beyond(self.instant(), now)
    }

    /// Why the record counts nowhere under `contract`, read at `now`, if it does not.
    pub fn doubt(&self, contract: &Contract, now: DateTime<Utc>) -> Option<Doubt> {
        if self.after(now) {
            return Some(Doubt::Future { at: self.at });
        }
        if let Some(entered_at) = self.entered_before_it_happened() {
            return Some(Doubt::EnteredBefore { entered_at });
        }
        let date = local_date(self.instant(), contract.timezone);
        let outside = self.event.bound_to_term() && contract.check_in_term(date).is_err();
        outside.then_some(Doubt::OutOfTerm { date })
    }
}

/// Whether `instant` lies after `now` by more than a clock may be off (docs/rules.md §10.5).
pub fn beyond(instant: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now.checked_add_signed(FUTURE_MARGIN)
        .is_some_and(|limit| instant > limit)
}

impl Event {
    /// Whether a record of this kind must fall within the contract term (docs/rules.md §1.4):
    /// what is reported or done on site. Later records of an incident, corrections and issued
    /// reports may follow the term's end.
    pub fn bound_to_term(&self) -> bool {
        matches!(
            self,
            Event::IncidentOpened(_)
                | Event::InspectionRound(_)
                | Event::BackupChecked(_)
                | Event::SupportLogged(_)
                | Event::NoteAdded(_)
                | Event::RequestAdded(_)
        )
    }

    /// Whether a record of this kind is a plan, dated by the day it plans: leave, the duty
    /// roster.
    fn is_plan(&self) -> bool {
        matches!(self, Event::LeaveTaken(_) | Event::DutySet(_))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::contract::testing::{MINIMAL, parse};
    use crate::record::routine::Consultation;

    /// A ULID entered at `entered`.
    fn id_at(entered: DateTime<Utc>) -> String {
        let millis = u64::try_from(entered.timestamp_millis()).unwrap();
        ulid::Ulid::from_parts(millis, 7).to_string()
    }

    fn consultation(at: DateTime<Utc>, entered: DateTime<Utc>) -> Record {
        let event = Event::SupportLogged(Consultation {
            text: "x".into(),
            product: None,
            minutes: None,
        });
        Record::new(id_at(entered), at, chrono_tz::Asia::Shanghai, "li", event)
    }

    fn t(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, minute, 0).unwrap()
    }

    #[test]
    fn entered_an_hour_and_more_after_it_happened_is_later() {
        assert_eq!(consultation(t(3, 1, 0), t(3, 2, 0)).entered_later(), None);
        let late = consultation(t(3, 1, 0), t(3, 2, 1));
        assert_eq!(late.entered_later(), Some(t(3, 2, 1)));
    }

    #[test]
    fn entered_before_it_happened_by_more_than_a_minute_is_doubted() {
        let contract = parse(MINIMAL).unwrap();
        let within = consultation(t(3, 1, 1), t(3, 1, 0));
        assert_eq!(within.doubt(&contract, t(4, 0, 0)), None);
        let before = consultation(t(3, 1, 2), t(3, 1, 0));
        assert_eq!(
            before.doubt(&contract, t(4, 0, 0)),
            Some(Doubt::EnteredBefore {
                entered_at: t(3, 1, 0)
            })
        );
    }

    #[test]
    fn after_now_whatever_its_id_says() {
        let contract = parse(MINIMAL).unwrap();
        let forged = consultation(t(10, 1, 0), t(10, 1, 0));
        assert!(forged.after(t(3, 1, 0)));
        assert!(!forged.after(t(10, 1, 0)));
        assert_eq!(
            forged.doubt(&contract, t(3, 1, 0)),
            Some(Doubt::Future { at: forged.at })
        );
        assert_eq!(forged.doubt(&contract, t(10, 1, 0)), None);
        assert_eq!(forged.doubt(&contract, DateTime::<Utc>::MAX_UTC), None);
    }

    #[test]
    fn bounded_records_outside_the_term_are_doubted() {
        let contract = parse(MINIMAL).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 5, 2, 0, 0).unwrap();
        assert_eq!(
            consultation(at, at).doubt(&contract, at),
            Some(Doubt::OutOfTerm {
                date: local_date(at, contract.timezone)
            })
        );
    }

    #[test]
    fn entered_long_before_its_month_began() {
        let month = t(1, 0, 0) - TimeDelta::hours(8);
        let early = consultation(t(3, 1, 0), month - TimeDelta::days(2));
        assert!(early.entered_before_month(month));
        assert!(!consultation(t(3, 1, 0), t(3, 1, 0)).entered_before_month(month));
    }
}
