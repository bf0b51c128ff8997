//! Statutory days that follow from the law alone, for years with no published schedule.
//!
//! The rule is the national holiday regulation as revised for 2025 (docs/rules.md §3, reference
//! sheet): 13 days — New Year's Day; the Spring Festival from lunar New Year's Eve to the 3rd day
//! of the first lunar month; Qingming; May 1–2; the Dragon Boat Festival; the Mid-Autumn Festival;
//! October 1–3. The lunar festivals need the lunar dates of the year; without them only the
//! fixed-date days are known.

use chrono::{NaiveDate, TimeDelta};

use super::Festival;
use super::builtin::LunarDates;

/// Every statutory day of `year` under the law, each with its festival.
pub fn statutory_days(year: i32, lunar: Option<&LunarDates>) -> Vec<(NaiveDate, Festival)> {
    let fixed = [
        (1, 1, Festival::NewYear),
        (5, 1, Festival::LabourDay),
        (5, 2, Festival::LabourDay),
        (10, 1, Festival::NationalDay),
        (10, 2, Festival::NationalDay),
        (10, 3, Festival::NationalDay),
    ];
    let mut days: Vec<(NaiveDate, Festival)> = fixed
        .iter()
        .filter_map(|&(m, d, f)| NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, f)))
        .collect();
    if let Some(lunar) = lunar {
        let new_years_eve = lunar.spring_festival - TimeDelta::days(1);
        days.extend(
            new_years_eve
                .iter_days()
                .take(4)
                .map(|d| (d, Festival::SpringFestival)),
        );
        days.push((lunar.qingming, Festival::Qingming));
        days.push((lunar.dragon_boat, Festival::DragonBoat));
        days.push((lunar.mid_autumn, Festival::MidAutumn));
    }
    days.sort();
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::builtin::built_in;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_law_gives_thirteen_days_in_2027_as_the_reference_lists_them() {
        let days = statutory_days(2027, built_in().lunar.get(&2027));
        let dates: Vec<String> = days.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2027-01-01",
                "2027-02-05",
                "2027-02-06",
                "2027-02-07",
                "2027-02-08",
                "2027-04-05",
                "2027-05-01",
                "2027-05-02",
                "2027-06-09",
                "2027-09-15",
                "2027-10-01",
                "2027-10-02",
                "2027-10-03"
            ]
        );
    }

    #[test]
    fn the_law_matches_the_published_statutory_days_of_2025_and_2026() {
        let lunar_years = [
            (
                2025,
                ["2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"],
            ),
            (
                2026,
                ["2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25"],
            ),
        ];
        for (year, [spring_festival, qingming, dragon_boat, mid_autumn]) in lunar_years {
            let lunar = LunarDates {
                spring_festival: date(spring_festival),
                qingming: date(qingming),
                dragon_boat: date(dragon_boat),
                mid_autumn: date(mid_autumn),
            };
            let mut from_law = statutory_days(year, Some(&lunar));
            let mut published = built_in().statutory_days(year).unwrap();
            from_law.sort();
            published.sort();
            assert_eq!(from_law, published, "{year}");
        }
    }

    #[test]
    fn without_lunar_dates_only_the_fixed_days_are_known() {
        let days = statutory_days(2060, None);
        assert_eq!(days.len(), 6);
        assert!(days.iter().all(|(d, _)| d.to_string().starts_with("2060-")));
    }
}
