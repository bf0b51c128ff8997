//! The holiday on-call roster (docs/rules.md §6): who is on duty on which day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::record::{Event, Record, select};

/// Who is on duty on each date, by the latest assignment of it.
pub fn roster(records: &[Record]) -> BTreeMap<NaiveDate, String> {
    let assignments = select(records, |event| match event {
        Event::DutySet(assignment) => Some(assignment),
        _ => None,
    });
    assignments
        .into_iter()
        .map(|(_, a)| (a.date, a.engineer.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::duty::Assignment;
    use chrono::DateTime;

    #[test]
    fn the_latest_assignment_of_a_date_holds() {
        // Assignments are dated at noon of their day: the one written later wins.
        let set = |id: &str, date: &str, engineer: &str| Record {
            v: 1,
            id: id.into(),
            at: DateTime::parse_from_rfc3339(&format!("{date}T12:00:00+08:00")).unwrap(),
            by: "li.lei".into(),
            event: Event::DutySet(Assignment {
                date: date.parse().unwrap(),
                engineer: engineer.into(),
            }),
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
}
