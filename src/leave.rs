//! Overtime and compensatory leave (调休, SPEC §6): comp days earned by working a day off,
//! taken, and the balance per engineer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Day, DayKind};
use crate::ledger::{Event, Record};
use crate::service::Mode;

/// A day worked outside the working calendar (`overtime.logged`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overtime {
    pub date: NaiveDate,
    pub engineer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    pub kind: DayKind,
    pub comp_days: u32,
}

/// Comp leave taken on a date (`leave.taken`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    pub date: NaiveDate,
    pub engineer: String,
    pub days: u32,
}

/// Comp days a day worked earns (SPEC §6): under a 5x8 contract 3 on a statutory holiday, 1
/// on a weekend or other holiday, none on a working day; a 7x24 contract staffs every day, so
/// no day earns comp leave by its kind.
pub fn comp_days(mode: Mode, day: &Day) -> u32 {
    match mode {
        Mode::FiveByEight => day.comp_days(),
        Mode::SevenByTwentyFour => 0,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub earned: u32,
    pub taken: u32,
    pub balance: i64,
}

impl Balance {
    fn add(&mut self, earned: u32, taken: u32) {
        self.earned += earned;
        self.taken += taken;
        self.balance = i64::from(self.earned) - i64::from(self.taken);
    }
}

/// Each engineer's comp days, by name.
pub fn balances(records: &[Record]) -> BTreeMap<String, Balance> {
    let mut balances: BTreeMap<String, Balance> = BTreeMap::new();
    for record in records {
        match &record.event {
            Event::OvertimeLogged(o) => balances
                .entry(o.engineer.clone())
                .or_default()
                .add(o.comp_days, 0),
            Event::LeaveTaken(t) => balances
                .entry(t.engineer.clone())
                .or_default()
                .add(0, t.days),
            _ => {}
        }
    }
    balances
}

/// The overtime already logged for an engineer on a date, if any.
pub fn logged<'a>(records: &'a [Record], engineer: &str, date: NaiveDate) -> Option<&'a Overtime> {
    records.iter().find_map(|record| match &record.event {
        Event::OvertimeLogged(o) if o.engineer == engineer && o.date == date => Some(o),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use chrono::DateTime;

    fn record(event: Event) -> Record {
        Record {
            v: 1,
            id: "01".into(),
            at: DateTime::parse_from_rfc3339("2025-05-01T10:00:00+08:00").unwrap(),
            by: "li.lei".into(),
            event,
        }
    }

    #[test]
    fn comp_days_by_the_kind_of_day_under_5x8_only() {
        let calendar = Calendar::national();
        let day = |text: &str| calendar.day(text.parse().unwrap());
        for (date, kind, days) in [
            ("2025-05-01", DayKind::Statutory, 3),
            ("2025-05-03", DayKind::Holiday, 1),
            ("2025-03-08", DayKind::Weekend, 1),
            ("2025-04-27", DayKind::MakeupWorkday, 0),
            ("2025-03-04", DayKind::Workday, 0),
        ] {
            assert_eq!(day(date).kind, kind, "{date}");
            assert_eq!(comp_days(Mode::FiveByEight, &day(date)), days, "{date}");
            assert_eq!(comp_days(Mode::SevenByTwentyFour, &day(date)), 0, "{date}");
        }
    }

    #[test]
    fn balances_per_engineer() {
        let overtime = |engineer: &str, date: &str, comp_days| {
            record(Event::OvertimeLogged(Overtime {
                date: date.parse().unwrap(),
                engineer: engineer.into(),
                hours: None,
                kind: DayKind::Statutory,
                comp_days,
            }))
        };
        let taken = |engineer: &str, days| {
            record(Event::LeaveTaken(Taken {
                date: "2025-05-08".parse().unwrap(),
                engineer: engineer.into(),
                days,
            }))
        };
        let records = [
            overtime("li.lei", "2025-05-01", 3),
            overtime("li.lei", "2025-05-03", 1),
            taken("li.lei", 1),
            overtime("wang.fang", "2025-05-01", 3),
            taken("wang.fang", 4),
        ];
        let balances = balances(&records);
        assert_eq!(
            balances["li.lei"],
            Balance {
                earned: 4,
                taken: 1,
                balance: 3
            }
        );
        assert_eq!(
            balances["wang.fang"],
            Balance {
                earned: 3,
                taken: 4,
                balance: -1
            }
        );
        let date = "2025-05-03".parse().unwrap();
        assert_eq!(
            logged(&records, "li.lei", date).map(|o| o.comp_days),
            Some(1)
        );
        assert!(logged(&records, "wang.fang", date).is_none());
    }
}
