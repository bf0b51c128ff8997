//! The holiday on-call roster (docs/rules.md §6.5): who is on duty on which day, and the days
//! off nobody is.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::record::duty::Assignment;
use crate::record::{Event, Record, select};

/// The assignment in force on each date: the latest, with its record.
pub fn assignments(records: &[Record]) -> BTreeMap<NaiveDate, (&Record, &Assignment)> {
    let assignments = select(records, |event| match event {
        Event::DutySet(assignment) => Some(assignment),
        _ => None,
    });
    assignments
        .into_iter()
        .map(|(r, a)| (a.date, (r, a)))
        .collect()
}

/// Who is on duty on each date, by the latest assignment of it.
pub fn roster(records: &[Record]) -> BTreeMap<NaiveDate, String> {
    assignments(records)
        .into_iter()
        .map(|(date, (_, a))| (date, a.engineer.clone()))
        .collect()
}

/// The days off among `days` (not working days of the calendar, within the term) that the
/// roster puts nobody on duty for (docs/rules.md §6.5).
pub fn uncovered<T>(
    contract: &Contract,
    calendar: &Calendar,
    roster: &BTreeMap<NaiveDate, T>,
    days: impl IntoIterator<Item = NaiveDate>,
) -> Vec<NaiveDate> {
    days.into_iter()
        .filter(|date| contract.check_in_term(*date).is_ok())
        .filter(|date| !calendar.is_working(*date) && !roster.contains_key(date))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::duty::Assignment;

    #[test]
    fn the_latest_assignment_of_a_date_holds() {
        // Assignments are dated at noon of their day: the one written later wins.
        let set = |id: &str, date: &str, engineer: &str| {
            let assignment = Assignment {
                date: date.parse().unwrap(),
                engineer: engineer.into(),
            };
            let noon = format!("{date}T12:00:00+08:00");
            Record::stated(id, &noon, "li.lei", Event::DutySet(assignment))
        };
        let records = [
            set("01JQ02", "2025-05-01", "wang.fang"),
            set("01JQ01", "2025-05-01", "li.lei"),
            set("01JQ03", "2025-05-02", "li.lei"),
        ];
        let roster = roster(&records);
        assert_eq!(roster[&"2025-05-01".parse().unwrap()], "wang.fang");
        assert_eq!(roster.len(), 2);
    }

    #[test]
    fn days_off_in_the_term_without_anyone_on_duty_are_uncovered() {
        let contract = Contract::parse(
            "customer = \"T\"\nmode = \"5x8\"\nstart = 2026-01-01\nend = 2026-06-20\n",
            "t.toml",
        )
        .unwrap();
        let date = |text: &str| -> NaiveDate { text.parse().unwrap() };
        let roster = BTreeMap::from([(date("2026-06-19"), "li.lei".to_string())]);
        let days = date("2026-06-15").iter_days().take(7);
        assert_eq!(
            uncovered(&contract, &Calendar::national(), &roster, days),
            [date("2026-06-20")],
            "the 19th is covered, the 21st is after the term, the rest are working days"
        );
    }
}
