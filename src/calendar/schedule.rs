//! Official schedules added by the user, in the widely used JSON form
//! `{"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true}, …]}` (docs/rules.md
//! §3). `isOffDay: false` marks a make-up workday. Other keys in the file are ignored.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One year's official schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub year: i32,
    pub days: Vec<ScheduledDay>,
}

/// A day the schedule names: a day off of a holiday block, or a make-up workday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledDay {
    pub name: String,
    pub date: NaiveDate,
    pub off: bool,
}

/// Why a file is not a schedule otss can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// Not the JSON of a schedule: where, and what the JSON reader says.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// A date as written that is not one.
    BadDate(String),
    /// A date too far from the schedule's year.
    OutsideYear {
        date: NaiveDate,
        year: i32,
    },
    Duplicate(NaiveDate),
    /// A schedule of this year that lists no days.
    Empty(i32),
    /// A year otss cannot use.
    Year(i32),
}

#[derive(Deserialize, Serialize)]
struct Document {
    year: i32,
    days: Vec<DocumentDay>,
}

#[derive(Deserialize, Serialize)]
struct DocumentDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl Schedule {
    /// Reads and checks a schedule. Dates may fall in the neighbouring years: a block crossing
    /// New Year is announced with the year it ends in.
    pub fn parse(text: &str) -> Result<Schedule, ScheduleError> {
        let document: Document = serde_json::from_str(text).map_err(|e| ScheduleError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let year = document.year;
        if !(1900..=9999).contains(&year) {
            return Err(ScheduleError::Year(year));
        }
        let mut seen = BTreeSet::new();
        let mut days = Vec::with_capacity(document.days.len());
        for day in document.days {
            let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                .map_err(|_| ScheduleError::BadDate(day.date.clone()))?;
            if (date.year() - year).abs() > 1 {
                return Err(ScheduleError::OutsideYear { date, year });
            }
            if !seen.insert(date) {
                return Err(ScheduleError::Duplicate(date));
            }
            days.push(ScheduledDay {
                name: day.name,
                date,
                off: day.is_off_day,
            });
        }
        if days.is_empty() {
            return Err(ScheduleError::Empty(year));
        }
        days.sort_by_key(|d| d.date);
        Ok(Schedule { year, days })
    }

    /// The schedule in the same JSON form it is read from.
    pub fn to_json(&self) -> String {
        let document = Document {
            year: self.year,
            days: self
                .days
                .iter()
                .map(|d| DocumentDay {
                    name: d.name.clone(),
                    date: d.date.to_string(),
                    is_off_day: d.off,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
        "$schema": "https://example.invalid/schema.json",
        "year": 2027,
        "papers": [],
        "days": [
            {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
            {"name": "春节", "date": "2027-02-06", "isOffDay": true},
            {"name": "春节", "date": "2027-02-14", "isOffDay": false}
        ]
    }"#;

    #[test]
    fn reads_the_common_form_and_ignores_other_keys() {
        let schedule = Schedule::parse(SAMPLE).unwrap();
        assert_eq!(schedule.year, 2027);
        assert_eq!(schedule.days.len(), 3);
        assert!(!schedule.days[2].off);
        assert_eq!(schedule.days[0].date.to_string(), "2026-12-31");
    }

    #[test]
    fn writes_what_it_reads() {
        let schedule = Schedule::parse(SAMPLE).unwrap();
        assert_eq!(Schedule::parse(&schedule.to_json()).unwrap(), schedule);
    }

    #[test]
    fn refuses_broken_schedules_saying_why() {
        let json = |text| match Schedule::parse(text) {
            Err(ScheduleError::Json { line, message, .. }) => (line, message),
            other => panic!("{text}: {other:?}"),
        };
        assert!(json("{\"year\": 2027}").1.contains("missing field `days`"));
        assert_eq!(json("[1, 2").0, 1);
        let day = |date: &str| format!(r#"{{"name":"x","date":"{date}","isOffDay":true}}"#);
        let days = |days: &[String]| format!(r#"{{"year":2027,"days":[{}]}}"#, days.join(","));
        let cases = [
            (
                days(&[day("2027-02-30")]),
                ScheduleError::BadDate("2027-02-30".into()),
            ),
            (
                days(&[day("2030-01-01")]),
                ScheduleError::OutsideYear {
                    date: "2030-01-01".parse().unwrap(),
                    year: 2027,
                },
            ),
            (
                days(&[day("2027-01-01"), day("2027-01-01")]),
                ScheduleError::Duplicate("2027-01-01".parse().unwrap()),
            ),
            (days(&[]), ScheduleError::Empty(2027)),
            (
                r#"{"year":-2147483648,"days":[]}"#.to_string(),
                ScheduleError::Year(i32::MIN),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Schedule::parse(&text), Err(expected), "{text}");
        }
    }
}
