//! A span of days a person names: a date, a month or a year.

use chrono::{Datelike, NaiveDate};

use crate::time::grammar::read_day;

/// A day (as the time grammar reads one: `YYYY-MM-DD`, `today`, `3/2`, `monday`, …), `YYYY-MM`
/// or `YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day(NaiveDate),
    Month(NaiveDate),
    Year(i32),
}

/// Text that names no period, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl Period {
    pub fn parse(text: &str, today: NaiveDate) -> Result<Period, PeriodError> {
        let text = text.trim();
        if let Ok(day) = read_day(text, today) {
            return Ok(Period::Day(day));
        }
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let exact = |date: NaiveDate, format: &str| date.format(format).to_string() == text;
        if let Some(first) = date(&format!("{text}-01")).filter(|d| exact(*d, "%Y-%m")) {
            return Ok(Period::Month(first));
        }
        match text.parse::<i32>() {
            Ok(year) if (1900..=9999).contains(&year) && text.len() == 4 => Ok(Period::Year(year)),
            _ => Err(PeriodError(text.to_string())),
        }
    }

    /// The period as it is written: `2025-03-04`, `2025-03`, `2025`.
    pub fn label(&self) -> String {
        match *self {
            Period::Day(day) => day.to_string(),
            Period::Month(first) => first.format("%Y-%m").to_string(),
            Period::Year(year) => year.to_string(),
        }
    }

    /// The month holding `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month(date.with_day(1).unwrap_or(date))
    }

    pub fn first(&self) -> NaiveDate {
        match *self {
            Period::Day(day) => day,
            Period::Month(first) => first,
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    pub fn last(&self) -> NaiveDate {
        let next = match *self {
            Period::Day(day) => return day,
            Period::Month(first) => first.checked_add_months(chrono::Months::new(1)),
            Period::Year(year) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first() <= date && date <= self.last()
    }

    /// Every day of the period.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last();
        self.first().iter_days().take_while(move |d| *d <= last)
    }

    /// Every month from the one holding `first` to the one holding `last`.
    pub fn months_between(first: NaiveDate, last: NaiveDate) -> Vec<Period> {
        std::iter::successors(Some(Period::month_of(first)), |month| {
            let next = month.first().checked_add_months(chrono::Months::new(1))?;
            (next <= last).then(|| Period::month_of(next))
        })
        .collect()
    }

    /// The first day of every month the period touches.
    pub fn months(&self) -> Vec<NaiveDate> {
        self.days()
            .filter(|d| d.day() == 1 || *d == self.first())
            .map(|d| d.with_day(1).unwrap_or(d))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn days_months_years_and_today() {
        let today = date("2025-03-04");
        assert_eq!(Period::parse("today", today), Ok(Period::Day(today)));
        assert_eq!(Period::parse("2025-03-04", today), Ok(Period::Day(today)));
        assert_eq!(
            Period::parse("2025-02", today),
            Ok(Period::Month(date("2025-02-01")))
        );
        assert_eq!(Period::parse("2024", today), Ok(Period::Year(2024)));
        for (typed, day) in [
            ("yesterday", "2025-03-03"),
            ("3/2", "2025-03-02"),
            ("周一", "2025-03-03"),
        ] {
            assert_eq!(
                Period::parse(typed, today),
                Ok(Period::Day(date(day))),
                "{typed}"
            );
        }
        for bad in [
            "2025-13",
            "2025-2",
            "2025-02-30",
            "25",
            "March",
            "2025-02-01x",
            "",
        ] {
            assert!(Period::parse(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_and_months() {
        let feb = Period::Month(date("2024-02-01"));
        assert_eq!(
            (feb.first(), feb.last()),
            (date("2024-02-01"), date("2024-02-29"))
        );
        assert_eq!(feb.days().count(), 29);
        assert!(feb.contains(date("2024-02-29")) && !feb.contains(date("2024-03-01")));
        assert_eq!(Period::Year(2025).months().len(), 12);
        assert_eq!(
            Period::Day(date("2025-03-04")).months(),
            [date("2025-03-01")]
        );
        assert_eq!(
            Period::month_of(date("2025-03-04")),
            Period::Month(date("2025-03-01"))
        );
    }
}
