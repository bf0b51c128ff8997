//! The holiday on-call roster (SPEC §6): who is on duty on which day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ledger::{Event, Record};

/// An engineer put on duty for a date (`duty.set`, dated at noon of that day); a later
/// assignment of the date replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub date: NaiveDate,
    pub engineer: String,
}

/// Who is on duty on each date, by the latest assignment of it.
pub fn roster(records: &[Record]) -> BTreeMap<NaiveDate, String> {
    let mut assignments: Vec<&Record> = records
        .iter()
        .filter(|r| matches!(r.event, Event::DutySet(_)))
        .collect();
    assignments.sort_by(|a, b| Record::fold_order(a, b));
    assignments
        .into_iter()
        .filter_map(|record| match &record.event {
            Event::DutySet(a) => Some((a.date, a.engineer.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn the_latest_assignment_of_a_date_holds() {
        let set = |id: &str, at: &str, date: &str, engineer: &str| Record {
            v: 1,
            id: id.into(),
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            by: "li.lei".into(),
            event: Event::DutySet(Assignment {
                date: date.parse().unwrap(),
                engineer: engineer.into(),
            }),
        };
        let records = [
            set("02", "2025-04-20T10:00:00+08:00", "2025-05-01", "wang.fang"),
            set("01", "2025-04-10T10:00:00+08:00", "2025-05-01", "li.lei"),
            set("03", "2025-04-10T10:00:00+08:00", "2025-05-02", "li.lei"),
        ];
        let roster = roster(&records);
        assert_eq!(roster[&"2025-05-01".parse().unwrap()], "wang.fang");
        assert_eq!(roster.len(), 2);
    }
}
