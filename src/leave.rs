//! Overtime and compensatory leave (调休, docs/rules.md §6): comp days earned by working a day off,
//! taken, and the balance per engineer.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Day;
use crate::contract::{Contract, OutsideTerm};
use crate::record::{Event, Record};
use crate::service::Mode;

/// Comp days a day worked earns (docs/rules.md §6): under a 5x8 contract 3 on a statutory holiday,
/// 1 on a weekend or other holiday, none on a working day; a 7x24 contract staffs every day, so no
/// day earns comp leave by its kind.
pub fn comp_days(mode: Mode, day: &Day) -> u32 {
    match mode {
        Mode::FiveByEight => day.comp_days(),
        Mode::SevenByTwentyFour => 0,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub earned: u64,
    pub taken: u64,
    pub balance: i64,
}

impl Balance {
    fn add(&mut self, earned: u64, taken: u64) {
        self.earned = self.earned.saturating_add(earned);
        self.taken = self.taken.saturating_add(taken);
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        self.balance = signed(self.earned).saturating_sub(signed(self.taken));
    }

    /// The sum of several balances.
    pub fn total<'a>(balances: impl IntoIterator<Item = &'a Balance>) -> Balance {
        let mut total = Balance::default();
        for b in balances {
            total.add(b.earned, b.taken);
        }
        total
    }
}

/// An engineer's name as leave is kept under it: trimmed and in lowercase, as ledger files are
/// named (`Li.Lei` and `li.lei` are one engineer).
pub fn engineer_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Each engineer's comp days, by name.
pub fn balances(records: &[Record]) -> BTreeMap<String, Balance> {
    let mut balances: BTreeMap<String, Balance> = BTreeMap::new();
    for record in records {
        match &record.event {
            Event::OvertimeLogged(o) => balances
                .entry(engineer_name(&o.engineer))
                .or_default()
                .add(o.comp_days.into(), 0),
            Event::LeaveTaken(t) => balances
                .entry(engineer_name(&t.engineer))
                .or_default()
                .add(0, t.days.into()),
            _ => {}
        }
    }
    balances
}

/// Why overtime cannot be logged or comp leave taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaveError {
    /// Hours worked, as given, that are no part of a day.
    Hours(String),
    /// A day worked that has not come yet.
    Future(NaiveDate),
    OutsideTerm(OutsideTerm),
    LoggedAlready {
        date: NaiveDate,
        engineer: String,
    },
    /// Leave asked for on a day off.
    DayOff(NaiveDate),
    TakenAlready {
        date: NaiveDate,
        engineer: String,
    },
    /// More comp days asked for than are left.
    NotEnough {
        engineer: String,
        left: i64,
        days: u32,
    },
}

impl From<OutsideTerm> for LeaveError {
    fn from(error: OutsideTerm) -> LeaveError {
        LeaveError::OutsideTerm(error)
    }
}

/// Whether overtime on `date` may be logged for `engineer` (docs/rules.md §6): a day already
/// worked, within the term, not logged before, hours (if given) within a day.
pub fn check_overtime(
    contract: &Contract,
    records: &[Record],
    engineer: &str,
    date: NaiveDate,
    today: NaiveDate,
    hours: Option<f64>,
) -> Result<(), LeaveError> {
    if let Some(h) = hours.filter(|h| !(*h > 0.0 && *h <= 24.0)) {
        return Err(LeaveError::Hours(h.to_string()));
    }
    if date > today {
        return Err(LeaveError::Future(date));
    }
    contract.check_in_term(date)?;
    let logged = records.iter().any(|r| match &r.event {
        Event::OvertimeLogged(o) => o.date == date && engineer_name(&o.engineer) == engineer,
        _ => false,
    });
    if logged {
        return Err(LeaveError::LoggedAlready {
            date,
            engineer: engineer.to_string(),
        });
    }
    Ok(())
}

/// Whether `engineer` may take `days` comp days on `day`: a working day within the term, not
/// taken before, and enough comp days left.
pub fn check_leave(
    contract: &Contract,
    day: &Day,
    records: &[Record],
    engineer: &str,
    days: u32,
) -> Result<(), LeaveError> {
    contract.check_in_term(day.date)?;
    if !day.working() {
        return Err(LeaveError::DayOff(day.date));
    }
    let taken = records.iter().any(|r| match &r.event {
        Event::LeaveTaken(t) => t.date == day.date && engineer_name(&t.engineer) == engineer,
        _ => false,
    });
    if taken {
        return Err(LeaveError::TakenAlready {
            date: day.date,
            engineer: engineer.to_string(),
        });
    }
    let left = balances(records)
        .remove(engineer)
        .unwrap_or_default()
        .balance;
    if left < i64::from(days) {
        return Err(LeaveError::NotEnough {
            engineer: engineer.to_string(),
            left,
            days,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::calendar::DayKind;
    use crate::record::leave::{Overtime, Taken};
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
        let total = Balance::total(balances.values());
        assert_eq!(
            total,
            Balance {
                earned: 7,
                taken: 5,
                balance: 2
            }
        );
        let contract = Contract::parse(
            "customer = \"T\"\nmode = \"5x8\"\nstart = 2025-01-02\nend = 2025-12-31\n",
            "t.toml",
        )
        .unwrap();
        let calendar = Calendar::national();
        let day = |d: &str| calendar.day(d.parse().unwrap());
        let today = "2025-05-10".parse().unwrap();
        let check = |date: &str, who: &str| {
            check_overtime(&contract, &records, who, date.parse().unwrap(), today, None)
        };
        assert!(matches!(
            check("2025-05-01", "li.lei"),
            Err(LeaveError::LoggedAlready { .. })
        ));
        assert_eq!(check("2025-05-01", "zhao.min"), Ok(()));
        assert!(matches!(
            check("2025-05-11", "li.lei"),
            Err(LeaveError::Future(_))
        ));
        assert!(matches!(
            check("2024-12-31", "li.lei"),
            Err(LeaveError::OutsideTerm(_))
        ));
        assert!(matches!(
            check_overtime(
                &contract,
                &records,
                "li.lei",
                "2025-05-04".parse().unwrap(),
                today,
                Some(0.0)
            ),
            Err(LeaveError::Hours(_))
        ));
        assert!(matches!(
            check_leave(&contract, &day("2025-05-08"), &records, "li.lei", 1),
            Err(LeaveError::TakenAlready { .. })
        ));
        assert!(matches!(
            check_leave(&contract, &day("2025-10-03"), &records, "li.lei", 1),
            Err(LeaveError::DayOff(_))
        ));
        assert_eq!(
            check_leave(&contract, &day("2025-05-09"), &records, "li.lei", 4),
            Err(LeaveError::NotEnough {
                engineer: "li.lei".into(),
                left: 3,
                days: 4
            })
        );
        assert_eq!(
            check_leave(&contract, &day("2025-05-09"), &records, "li.lei", 3),
            Ok(())
        );
        assert_eq!(engineer_name(" Li.Lei "), "li.lei");
    }
}
