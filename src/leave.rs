//! Overtime and compensatory leave (调休, docs/rules.md §6): comp days earned by working a day off,
//! taken, and the balance per engineer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, Day};
use crate::contract::{Contract, OutsideTerm};
use crate::record::leave::Taken;
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
    /// Leave asked for from a day off.
    DayOff(NaiveDate),
    /// Leave of `days` working days from `first` that the term, ending on `end`, has only
    /// `working_days` for.
    PastTermEnd {
        first: NaiveDate,
        days: u32,
        end: NaiveDate,
        working_days: u32,
    },
    /// Days asked for that the engineer takes off already.
    TakenAlready {
        engineer: String,
        dates: Vec<NaiveDate>,
    },
    /// Leave on `date` that the comp days earned by then do not cover: `balance` is the
    /// engineer's on that date before it (earned on or before it, less leave on or before it).
    NotEarned {
        engineer: String,
        date: NaiveDate,
        balance: i64,
    },
    /// Leave that would take the cover from the engineer's leave already recorded on the later
    /// `date`, which has `spare` comp days to spare.
    UncoversLater {
        engineer: String,
        date: NaiveDate,
        spare: i64,
    },
}

impl From<OutsideTerm> for LeaveError {
    fn from(error: OutsideTerm) -> LeaveError {
        LeaveError::OutsideTerm(error)
    }
}

/// Whether overtime on `date` may be logged for `engineer` (docs/rules.md §6.2): a day already
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

/// The leave `engineer` asks for, ready to record: `days` working days in a row from `first`
/// (docs/rules.md §6.3). Each day lies in the term, is not taken off already, and is covered by
/// comp days earned on or before it; no leave recorded for a later day loses its cover.
pub fn leave_to_take(
    contract: &Contract,
    calendar: &Calendar,
    records: &[Record],
    engineer: &str,
    first: NaiveDate,
    days: u32,
) -> Result<Taken, LeaveError> {
    contract.check_in_term(first)?;
    if !calendar.is_working(first) {
        return Err(LeaveError::DayOff(first));
    }
    let dates = days_from(contract, calendar, first, days);
    if dates.len() < days as usize {
        return Err(LeaveError::PastTermEnd {
            first,
            days,
            end: contract.end,
            working_days: dates.len() as u32,
        });
    }
    let history = History::of(contract, calendar, records, engineer);
    let twice: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .filter(|d| history.taken.contains_key(d))
        .collect();
    if !twice.is_empty() {
        return Err(LeaveError::TakenAlready {
            engineer: engineer.to_string(),
            dates: twice,
        });
    }
    history.check_cover(engineer, &dates)?;
    Ok(Taken {
        date: first,
        engineer: engineer.to_string(),
        days,
        dates: if dates.len() > 1 { dates } else { Vec::new() },
    })
}

/// The days off a leave record takes: those it lists or, for leave recorded before the days
/// were listed, `days` working days in a row from its date, as the calendar has them now.
pub fn days_off(taken: &Taken, contract: &Contract, calendar: &Calendar) -> Vec<NaiveDate> {
    if taken.dates.is_empty() {
        days_from(contract, calendar, taken.date, taken.days)
    } else {
        taken.dates.clone()
    }
}

/// `first` and the working days after it, within the term, `days` of them at most.
fn days_from(
    contract: &Contract,
    calendar: &Calendar,
    first: NaiveDate,
    days: u32,
) -> Vec<NaiveDate> {
    let working_after = first
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= contract.end)
        .filter(|d| calendar.is_working(*d));
    std::iter::once(first)
        .chain(working_after)
        .take(days as usize)
        .collect()
}

/// One engineer's comp days by date: earned on the days worked, taken on the days off.
#[derive(Default)]
struct History {
    earned: BTreeMap<NaiveDate, i64>,
    taken: BTreeMap<NaiveDate, i64>,
}

impl History {
    fn of(contract: &Contract, calendar: &Calendar, records: &[Record], engineer: &str) -> History {
        let mut history = History::default();
        for record in records {
            match &record.event {
                Event::OvertimeLogged(o) if engineer_name(&o.engineer) == engineer => {
                    *history.earned.entry(o.date).or_default() += i64::from(o.comp_days);
                }
                Event::LeaveTaken(t) if engineer_name(&t.engineer) == engineer => {
                    for date in days_off(t, contract, calendar) {
                        *history.taken.entry(date).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        history
    }

    /// Walks the engineer's days in order with leave on `dates` (none taken off before) added:
    /// each of them must find a comp day left on its date, and a later day off that was covered
    /// must stay covered.
    fn check_cover(&self, engineer: &str, dates: &[NaiveDate]) -> Result<(), LeaveError> {
        let engineer = || engineer.to_string();
        let asked: BTreeSet<NaiveDate> = dates.iter().copied().collect();
        let days: BTreeSet<NaiveDate> = self
            .earned
            .keys()
            .chain(self.taken.keys())
            .chain(&asked)
            .copied()
            .collect();
        let on = |map: &BTreeMap<NaiveDate, i64>, day| map.get(&day).copied().unwrap_or(0);
        // Earned less taken on or before the day, without the leave asked for.
        let mut balance = 0;
        let mut asked_before = 0;
        for day in days {
            balance += on(&self.earned, day) - on(&self.taken, day);
            if asked.contains(&day) {
                let then = balance - asked_before;
                if then < 1 {
                    return Err(LeaveError::NotEarned {
                        engineer: engineer(),
                        date: day,
                        balance: then,
                    });
                }
                asked_before += 1;
            } else if self.taken.contains_key(&day) && (0..asked_before).contains(&balance) {
                return Err(LeaveError::UncoversLater {
                    engineer: engineer(),
                    date: day,
                    spare: balance,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayKind;
    use crate::record::leave::Overtime;

    const TERM: &str = "customer = \"T\"\nmode = \"5x8\"\nstart = 2025-01-02\nend = 2025-12-31\n";

    fn record(event: Event) -> Record {
        Record::stated("01", "2025-05-01T10:00:00+08:00", "li.lei", event)
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn overtime(engineer: &str, date: &str, comp_days: u32) -> Record {
        record(Event::OvertimeLogged(Overtime {
            date: date.parse().unwrap(),
            engineer: engineer.into(),
            hours: None,
            kind: DayKind::Statutory,
            comp_days,
        }))
    }

    /// Leave as it was recorded before the days were listed: a date and a number of days.
    fn taken(engineer: &str, date: &str, days: u32) -> Record {
        record(Event::LeaveTaken(Taken {
            date: date.parse().unwrap(),
            engineer: engineer.into(),
            days,
            dates: Vec::new(),
        }))
    }

    /// `leave_to_take` on the national calendar, for a term of 2025.
    fn take(records: &[Record], who: &str, first: &str, days: u32) -> Result<Taken, LeaveError> {
        let contract = Contract::parse(TERM, "t.toml").unwrap();
        let calendar = Calendar::national();
        leave_to_take(&contract, &calendar, records, who, date(first), days)
    }

    /// The days `take` would record.
    fn days_taken(records: &[Record], who: &str, first: &str, days: u32) -> Vec<NaiveDate> {
        let contract = Contract::parse(TERM, "t.toml").unwrap();
        let taken = take(records, who, first, days).unwrap();
        days_off(&taken, &contract, &Calendar::national())
    }

    fn dates(texts: &[&str]) -> Vec<NaiveDate> {
        texts.iter().map(|t| date(t)).collect()
    }

    fn not_earned(date: &str, balance: i64) -> Result<Taken, LeaveError> {
        Err(LeaveError::NotEarned {
            engineer: "li.lei".into(),
            date: date.parse().unwrap(),
            balance,
        })
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
        let records = [
            overtime("li.lei", "2025-05-01", 3),
            overtime("li.lei", "2025-05-03", 1),
            taken("li.lei", "2025-05-08", 1),
            overtime("wang.fang", "2025-05-01", 3),
            taken("wang.fang", "2025-05-08", 4),
        ];
        let balances = balances(&records);
        let balance = |earned, taken, balance| Balance {
            earned,
            taken,
            balance,
        };
        assert_eq!(balances["li.lei"], balance(4, 1, 3));
        assert_eq!(balances["wang.fang"], balance(3, 4, -1));
        assert_eq!(Balance::total(balances.values()), balance(7, 5, 2));
        assert_eq!(engineer_name(" Li.Lei "), "li.lei");
    }

    #[test]
    fn overtime_is_logged_once_for_a_day_worked_in_the_term() {
        let records = [overtime("li.lei", "2025-05-01", 3)];
        let contract = Contract::parse(TERM, "t.toml").unwrap();
        let today = date("2025-05-10");
        let check = |date: &str, who: &str, hours| {
            check_overtime(
                &contract,
                &records,
                who,
                date.parse().unwrap(),
                today,
                hours,
            )
        };
        assert!(matches!(
            check("2025-05-01", "li.lei", None),
            Err(LeaveError::LoggedAlready { .. })
        ));
        assert_eq!(check("2025-05-01", "zhao.min", None), Ok(()));
        assert!(matches!(
            check("2025-05-11", "li.lei", None),
            Err(LeaveError::Future(_))
        ));
        assert!(matches!(
            check("2024-12-31", "li.lei", None),
            Err(LeaveError::OutsideTerm(_))
        ));
        assert!(matches!(
            check("2025-05-04", "li.lei", Some(0.0)),
            Err(LeaveError::Hours(_))
        ));
    }

    #[test]
    fn leave_is_taken_only_from_days_earned_on_or_before_it() {
        let national_day = [overtime("li.lei", "2025-10-01", 3)];
        assert_eq!(
            take(&national_day, "li.lei", "2025-03-10", 1),
            not_earned("2025-03-10", 0)
        );
        assert_eq!(
            days_taken(&national_day, "li.lei", "2025-10-09", 1),
            dates(&["2025-10-09"])
        );
        // The day earned and the day off may be one week apart or one day: on or before.
        let saturday = [overtime("li.lei", "2025-03-08", 1)];
        assert_eq!(
            take(&saturday, "li.lei", "2025-03-07", 1),
            not_earned("2025-03-07", 0)
        );
        assert!(take(&saturday, "li.lei", "2025-03-10", 1).is_ok());
        // Leave already taken counts against the balance of every later day.
        let spent = [
            overtime("li.lei", "2025-03-08", 1),
            taken("li.lei", "2025-03-10", 1),
            overtime("li.lei", "2025-10-01", 3),
        ];
        assert_eq!(
            take(&spent, "li.lei", "2025-03-11", 1),
            not_earned("2025-03-11", 0)
        );
        assert!(take(&spent, "li.lei", "2025-10-09", 3).is_ok());
        assert_eq!(
            take(&spent, "li.lei", "2025-10-09", 4),
            not_earned("2025-10-13", 0)
        );
    }

    #[test]
    fn each_engineer_takes_from_their_own_days_under_one_name() {
        let records = [
            overtime("wang.fang", "2025-03-08", 1),
            overtime("Li.Lei", "2025-03-09", 1),
            taken("LI.LEI", "2025-03-10", 1),
        ];
        assert_eq!(
            take(&records, "li.lei", "2025-03-11", 1),
            not_earned("2025-03-11", 0)
        );
        assert!(take(&records, "wang.fang", "2025-03-10", 1).is_ok());
        assert!(matches!(
            take(&records, "zhao.min", "2025-03-10", 1),
            Err(LeaveError::NotEarned { engineer, balance: 0, .. }) if engineer == "zhao.min"
        ));
    }

    #[test]
    fn several_days_are_working_days_in_a_row_each_covered_on_its_date() {
        let weekend = [
            overtime("li.lei", "2025-03-08", 1),
            overtime("li.lei", "2025-03-09", 1),
        ];
        assert_eq!(
            days_taken(&weekend, "li.lei", "2025-03-14", 2),
            dates(&["2025-03-14", "2025-03-17"])
        );
        assert_eq!(
            take(&weekend, "li.lei", "2025-03-14", 3),
            not_earned("2025-03-18", 0)
        );
        // Across National Day, 10-01 to 10-08 off: the day worked on 10-01 covers the days
        // after it, and the make-up Saturday 10-11 is a working day.
        let national_day = [
            overtime("li.lei", "2025-09-20", 1),
            overtime("li.lei", "2025-10-01", 3),
        ];
        let taken = take(&national_day, "li.lei", "2025-09-30", 4).unwrap();
        assert_eq!(taken.days, 4);
        assert_eq!(
            taken.dates,
            dates(&["2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11"])
        );
        assert_eq!(
            take(&national_day[..1], "li.lei", "2025-09-30", 2),
            not_earned("2025-10-09", 0)
        );
        assert_eq!(
            take(&national_day, "li.lei", "2025-10-07", 1),
            Err(LeaveError::DayOff(date("2025-10-07")))
        );
    }

    #[test]
    fn no_day_is_taken_off_twice() {
        let records = [
            overtime("li.lei", "2025-03-08", 1),
            overtime("li.lei", "2025-03-09", 1),
            overtime("li.lei", "2025-05-01", 3),
            // Two days from a Friday, recorded before the days were listed: 03-14 and 03-17.
            taken("li.lei", "2025-03-14", 2),
            overtime("Wang.Fang", "2025-03-08", 1),
        ];
        let twice = |texts: &[&str]| {
            Err(LeaveError::TakenAlready {
                engineer: "li.lei".into(),
                dates: dates(texts),
            })
        };
        assert_eq!(
            take(&records, "li.lei", "2025-03-17", 1),
            twice(&["2025-03-17"])
        );
        assert_eq!(
            take(&records, "li.lei", "2025-03-13", 3),
            twice(&["2025-03-14", "2025-03-17"])
        );
        // Another engineer's day off is no obstacle.
        assert!(take(&records, "wang.fang", "2025-03-17", 1).is_ok());
        assert!(take(&records, "li.lei", "2025-05-06", 3).is_ok());
    }

    #[test]
    fn earlier_leave_never_takes_the_cover_of_later_leave() {
        let records = [
            overtime("li.lei", "2025-03-08", 1),
            taken("li.lei", "2025-03-20", 1),
            overtime("li.lei", "2025-03-22", 1),
        ];
        assert_eq!(
            take(&records, "li.lei", "2025-03-12", 1),
            Err(LeaveError::UncoversLater {
                engineer: "li.lei".into(),
                date: date("2025-03-20"),
                spare: 0
            })
        );
        assert!(take(&records, "li.lei", "2025-03-24", 1).is_ok());
    }

    #[test]
    fn leave_stays_within_the_term() {
        let records = [overtime("li.lei", "2025-10-01", 3)];
        assert_eq!(
            take(&records, "li.lei", "2025-12-30", 3),
            Err(LeaveError::PastTermEnd {
                first: date("2025-12-30"),
                days: 3,
                end: date("2025-12-31"),
                working_days: 2
            })
        );
        assert!(take(&records, "li.lei", "2025-12-30", 2).is_ok());
        assert!(matches!(
            take(&records, "li.lei", "2026-01-05", 1),
            Err(LeaveError::OutsideTerm(_))
        ));
    }

    #[test]
    fn one_day_is_recorded_as_before_and_several_list_their_days() {
        let records = [
            overtime("li.lei", "2025-03-08", 1),
            overtime("li.lei", "2025-03-09", 1),
        ];
        let one = serde_json::to_value(take(&records, "li.lei", "2025-03-10", 1).unwrap()).unwrap();
        assert_eq!(
            one,
            serde_json::json!({"date": "2025-03-10", "engineer": "li.lei", "days": 1})
        );
        let two = serde_json::to_value(take(&records, "li.lei", "2025-03-10", 2).unwrap()).unwrap();
        assert_eq!(
            two["dates"],
            serde_json::json!(["2025-03-10", "2025-03-11"])
        );
        let old: Taken =
            serde_json::from_str(r#"{"date":"2025-03-14","engineer":"li.lei","days":2}"#).unwrap();
        assert!(old.dates.is_empty());
    }
}
