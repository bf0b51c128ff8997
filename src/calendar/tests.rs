use super::*;
use Festival::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Every statutory day of 2024–2026, from the published notices.
const STATUTORY_2024_2026: &[(&str, Festival)] = &[
    ("2024-01-01", NewYear),
    ("2024-02-10", SpringFestival),
    ("2024-02-11", SpringFestival),
    ("2024-02-12", SpringFestival),
    ("2024-04-04", Qingming),
    ("2024-05-01", LabourDay),
    ("2024-06-10", DragonBoat),
    ("2024-09-17", MidAutumn),
    ("2024-10-01", NationalDay),
    ("2024-10-02", NationalDay),
    ("2024-10-03", NationalDay),
    ("2025-01-01", NewYear),
    ("2025-01-28", SpringFestival),
    ("2025-01-29", SpringFestival),
    ("2025-01-30", SpringFestival),
    ("2025-01-31", SpringFestival),
    ("2025-04-04", Qingming),
    ("2025-05-01", LabourDay),
    ("2025-05-02", LabourDay),
    ("2025-05-31", DragonBoat),
    ("2025-10-01", NationalDay),
    ("2025-10-02", NationalDay),
    ("2025-10-03", NationalDay),
    ("2025-10-06", MidAutumn),
    ("2026-01-01", NewYear),
    ("2026-02-16", SpringFestival),
    ("2026-02-17", SpringFestival),
    ("2026-02-18", SpringFestival),
    ("2026-02-19", SpringFestival),
    ("2026-04-05", Qingming),
    ("2026-05-01", LabourDay),
    ("2026-05-02", LabourDay),
    ("2026-06-19", DragonBoat),
    ("2026-09-25", MidAutumn),
    ("2026-10-01", NationalDay),
    ("2026-10-02", NationalDay),
    ("2026-10-03", NationalDay),
];

/// Every make-up workday of 2024–2026 and the holiday it pays for.
const MAKEUP_2024_2026: &[(&str, &[Festival])] = &[
    ("2024-02-04", &[SpringFestival]),
    ("2024-02-18", &[SpringFestival]),
    ("2024-04-07", &[Qingming]),
    ("2024-04-28", &[LabourDay]),
    ("2024-05-11", &[LabourDay]),
    ("2024-09-14", &[MidAutumn]),
    ("2024-09-29", &[NationalDay]),
    ("2024-10-12", &[NationalDay]),
    ("2025-01-26", &[SpringFestival]),
    ("2025-02-08", &[SpringFestival]),
    ("2025-04-27", &[LabourDay]),
    ("2025-09-28", &[MidAutumn, NationalDay]),
    ("2025-10-11", &[MidAutumn, NationalDay]),
    ("2026-01-04", &[NewYear]),
    ("2026-02-14", &[SpringFestival]),
    ("2026-02-28", &[SpringFestival]),
    ("2026-05-09", &[LabourDay]),
    ("2026-09-20", &[NationalDay]),
    ("2026-10-10", &[NationalDay]),
];

fn days_of_years(calendar: &Calendar, years: std::ops::RangeInclusive<i32>) -> Vec<Day> {
    let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap();
    first
        .iter_days()
        .take_while(|d| d.year() <= *years.end())
        .map(|d| calendar.day(d))
        .collect()
}

fn dates_of_kind(days: &[Day], kind: DayKind) -> Vec<String> {
    days.iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.date.to_string())
        .collect()
}

#[test]
fn every_statutory_day_2024_to_2026_by_name_and_no_other() {
    let calendar = Calendar::national();
    for (text, festival) in STATUTORY_2024_2026 {
        let day = calendar.day(date(text));
        assert_eq!(day.kind, DayKind::Statutory, "{text}");
        assert_eq!(
            day.name.as_ref().unwrap().festivals(),
            [*festival],
            "{text}"
        );
        assert!(
            !day.working() && day.published && day.comp_days() == 3,
            "{text}"
        );
    }
    let all = days_of_years(&calendar, 2024..=2026);
    let expected: Vec<&str> = STATUTORY_2024_2026.iter().map(|(d, _)| *d).collect();
    assert_eq!(dates_of_kind(&all, DayKind::Statutory), expected);
}

#[test]
fn every_make_up_workday_2024_to_2026_by_name_and_no_other() {
    let calendar = Calendar::national();
    for (text, festivals) in MAKEUP_2024_2026 {
        let day = calendar.day(date(text));
        assert_eq!(day.kind, DayKind::MakeupWorkday, "{text}");
        assert_eq!(day.name.as_ref().unwrap().festivals(), *festivals, "{text}");
        assert!(day.working() && day.comp_days() == 0, "{text}");
    }
    let all = days_of_years(&calendar, 2024..=2026);
    let expected: Vec<&str> = MAKEUP_2024_2026.iter().map(|(d, _)| *d).collect();
    assert_eq!(dates_of_kind(&all, DayKind::MakeupWorkday), expected);
}

#[test]
fn every_statutory_day_2018_to_2023_and_no_other() {
    let statutory: [(i32, &[&str]); 6] = [
        (
            2018,
            &[
                "01-01", "02-16", "02-17", "02-18", "04-05", "05-01", "06-18", "09-24", "10-01",
                "10-02", "10-03",
            ],
        ),
        (
            2019,
            &[
                "01-01", "02-05", "02-06", "02-07", "04-05", "05-01", "06-07", "09-13", "10-01",
                "10-02", "10-03",
            ],
        ),
        (
            2020,
            &[
                "01-01", "01-25", "01-26", "01-27", "04-04", "05-01", "06-25", "10-01", "10-02",
                "10-03",
            ],
        ),
        (
            2021,
            &[
                "01-01", "02-12", "02-13", "02-14", "04-04", "05-01", "06-14", "09-21", "10-01",
                "10-02", "10-03",
            ],
        ),
        (
            2022,
            &[
                "01-01", "02-01", "02-02", "02-03", "04-05", "05-01", "06-03", "09-10", "10-01",
                "10-02", "10-03",
            ],
        ),
        (
            2023,
            &[
                "01-01", "01-22", "01-23", "01-24", "04-05", "05-01", "06-22", "09-29", "10-01",
                "10-02", "10-03",
            ],
        ),
    ];
    let calendar = Calendar::national();
    for (year, days) in statutory {
        let expected: Vec<String> = days.iter().map(|d| format!("{year}-{d}")).collect();
        let found = dates_of_kind(&days_of_years(&calendar, year..=year), DayKind::Statutory);
        assert_eq!(found, expected, "{year}");
    }
}

#[test]
fn working_days_per_year_2018_to_2026() {
    let calendar = Calendar::national();
    let expected = [
        (2018, 250),
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, working_days) in expected {
        let days = days_of_years(&calendar, year..=year);
        assert_eq!(
            days.iter().filter(|d| d.working()).count(),
            working_days,
            "{year}"
        );
        assert!(days.iter().all(|d| d.published), "{year}");
    }
}

#[test]
fn rest_days_in_a_block_are_holidays_worth_one_comp_day() {
    let calendar = Calendar::national();
    // 2024-05-04 is a Saturday inside the Labour Day block; 05-02 a swapped weekday.
    for text in ["2024-05-02", "2024-05-04"] {
        let day = calendar.day(date(text));
        assert_eq!(day.kind, DayKind::Holiday, "{text}");
        assert_eq!(day.comp_days(), 1);
        assert_eq!(day.name.unwrap().festivals(), [LabourDay]);
    }
    // New Year 2023 began on 2022-12-31, announced with 2023: a rest day, not statutory.
    assert_eq!(calendar.day(date("2022-12-31")).kind, DayKind::Holiday);
}

#[test]
fn spring_festival_eve_is_statutory_only_from_2025() {
    let calendar = Calendar::national();
    assert_eq!(calendar.day(date("2024-02-09")).kind, DayKind::Workday);
    assert_eq!(calendar.day(date("2025-01-28")).kind, DayKind::Statutory);
}

#[test]
fn ordinary_days_have_no_name() {
    let calendar = Calendar::national();
    let tuesday = calendar.day(date("2024-04-30"));
    assert_eq!((tuesday.kind, tuesday.name), (DayKind::Workday, None));
    let sunday = calendar.day(date("2024-06-16"));
    assert_eq!((sunday.kind, sunday.comp_days()), (DayKind::Weekend, 1));
}

#[test]
fn a_year_after_the_data_is_provisional_with_statutory_days_from_the_law() {
    let calendar = Calendar::national();
    assert_eq!(
        calendar.basis(2027),
        Basis::Provisional { lunar_known: true }
    );
    let eve = calendar.day(date("2027-02-05"));
    assert_eq!((eve.kind, eve.published), (DayKind::Statutory, false));
    assert_eq!(eve.name.unwrap().festivals(), [SpringFestival]);
    // A Friday in 2027 that the law does not make statutory: a workday, but provisional.
    let friday = calendar.day(date("2027-02-12"));
    assert_eq!((friday.kind, friday.published), (DayKind::Workday, false));
}

#[test]
fn years_beyond_the_lunar_table_and_before_the_data_are_still_answered() {
    let calendar = Calendar::national();
    assert_eq!(
        calendar.basis(2070),
        Basis::Provisional { lunar_known: false }
    );
    assert_eq!(calendar.day(date("2070-10-01")).kind, DayKind::Statutory);
    assert_eq!(calendar.basis(2010), Basis::BeforeData);
    assert_eq!(calendar.day(date("2010-10-01")).kind, DayKind::Workday);
    assert!(!calendar.day(date("2010-10-01")).published);
    for extreme in [NaiveDate::MIN, NaiveDate::MAX] {
        assert!(!calendar.day(extreme).published);
    }
}

#[test]
fn an_imported_schedule_publishes_its_year() {
    let schedule = Schedule::parse(
        r#"{"year":2027,"days":[
            {"name":"春节","date":"2027-02-05","isOffDay":true},
            {"name":"春节","date":"2027-02-06","isOffDay":true},
            {"name":"春节","date":"2027-02-09","isOffDay":true},
            {"name":"春节","date":"2027-02-13","isOffDay":false},
            {"name":"休息日","date":"2027-03-01","isOffDay":true}
        ]}"#,
    )
    .unwrap();
    let calendar = Calendar::new(&[schedule], &Overrides::default());
    assert_eq!(calendar.basis(2027), Basis::Published);
    assert_eq!(calendar.day(date("2027-02-05")).kind, DayKind::Statutory);
    let swapped = calendar.day(date("2027-02-09"));
    assert_eq!((swapped.kind, swapped.published), (DayKind::Holiday, true));
    assert_eq!(swapped.name.unwrap().festivals(), [SpringFestival]);
    assert_eq!(
        calendar.day(date("2027-02-13")).kind,
        DayKind::MakeupWorkday
    );
    assert_eq!(
        calendar.day(date("2027-03-01")).name,
        Some(DayName::Text("休息日".into()))
    );
    // Statutory days the law gives stay statutory even where the schedule is silent.
    assert_eq!(calendar.day(date("2027-10-01")).kind, DayKind::Statutory);
}

#[test]
fn an_imported_schedule_for_a_built_in_year_replaces_it() {
    let schedule = Schedule::parse(
        r#"{"year":2026,"days":[{"name":"国庆节、中秋节","date":"2026-10-01","isOffDay":true}]}"#,
    )
    .unwrap();
    let calendar = Calendar::new(&[schedule], &Overrides::default());
    assert_eq!(calendar.day(date("2026-10-07")).kind, DayKind::Workday);
    assert_eq!(calendar.day(date("2026-10-01")).kind, DayKind::Statutory);
    // Statutory days of a built-in year come from the built-in data.
    assert_eq!(calendar.day(date("2026-02-16")).kind, DayKind::Statutory);
}

#[test]
fn a_schedule_replaces_only_what_its_own_notice_said() {
    // The 2018 notice did not announce the end of 2018: the 2019 notice did.
    let only_2018 = Schedule::parse(
        r#"{"year":2018,"days":[{"name":"元旦","date":"2018-01-01","isOffDay":true}]}"#,
    )
    .unwrap();
    let calendar = Calendar::new(&[only_2018], &Overrides::default());
    assert_eq!(
        calendar.day(date("2018-12-29")).kind,
        DayKind::MakeupWorkday
    );
    assert_eq!(calendar.day(date("2018-12-31")).kind, DayKind::Holiday);
    assert_eq!(calendar.day(date("2018-02-16")).kind, DayKind::Statutory);
    assert_eq!(calendar.day(date("2018-02-15")).kind, DayKind::Workday);
    let new_2019 = Schedule::parse(
        r#"{"year":2019,"days":[{"name":"元旦","date":"2019-01-01","isOffDay":true}]}"#,
    )
    .unwrap();
    let calendar = Calendar::new(&[new_2019], &Overrides::default());
    assert_eq!(calendar.day(date("2018-12-29")).kind, DayKind::Weekend);
    assert_eq!(calendar.day(date("2018-12-31")).kind, DayKind::Workday);
}

#[test]
fn contract_overrides_apply_on_top_and_count_as_published() {
    let overrides = Overrides {
        extra_holidays: vec![date("2025-12-24"), date("2027-03-02")],
        extra_workdays: vec![date("2025-10-08"), date("2025-06-01")],
        statutory: vec![date("2020-10-04")],
        not_statutory: vec![date("2025-10-06")],
    };
    let calendar = Calendar::new(&[], &overrides);
    let eve = calendar.day(date("2025-12-24"));
    assert_eq!(
        (eve.kind, eve.name),
        (DayKind::Holiday, Some(DayName::ContractDayOff))
    );
    let provisional_but_fixed = calendar.day(date("2027-03-02"));
    assert_eq!(
        (provisional_but_fixed.kind, provisional_but_fixed.published),
        (DayKind::Holiday, true)
    );
    assert_eq!(calendar.day(date("2025-10-08")).kind, DayKind::Workday);
    assert_eq!(
        calendar.day(date("2025-06-01")).kind,
        DayKind::MakeupWorkday
    );
    let oct4 = calendar.day(date("2020-10-04"));
    assert_eq!(
        (oct4.kind, oct4.name.unwrap().festivals()),
        (DayKind::Statutory, &[MidAutumn, NationalDay][..])
    );
    let mid_autumn = calendar.day(date("2025-10-06"));
    assert_eq!(
        (mid_autumn.kind, mid_autumn.comp_days()),
        (DayKind::Holiday, 1)
    );
    // not_statutory on a day that is not statutory changes nothing.
    let calendar = Calendar::new(
        &[],
        &Overrides {
            not_statutory: vec![date("2025-03-03")],
            ..Overrides::default()
        },
    );
    let monday = calendar.day(date("2025-03-03"));
    assert_eq!((monday.kind, monday.name), (DayKind::Workday, None));
}

#[test]
fn festival_names_are_recognised_in_chinese_and_english() {
    assert_eq!(
        Festival::named_in("国庆节、中秋节"),
        [MidAutumn, NationalDay]
    );
    assert_eq!(Festival::named_in("Labour Day"), [LabourDay]);
    assert_eq!(Festival::named_in("补班"), []);
    for festival in Festival::ALL {
        assert_eq!(Festival::from_key(festival.key()), Some(festival));
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 1990-01-01 to 2099-12-31.
        (0u32..40_177).prop_map(|n| {
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(n.into())
        })
    }

    proptest! {
        #[test]
        fn every_date_has_one_consistent_kind(date in any_date()) {
            let calendar = Calendar::national();
            let day = calendar.day(date);
            let weekend = is_weekend(date);
            prop_assert_eq!(day.working(), matches!(day.kind, DayKind::Workday | DayKind::MakeupWorkday));
            match day.kind {
                DayKind::Workday => prop_assert!(!weekend),
                DayKind::MakeupWorkday | DayKind::Weekend => prop_assert!(weekend),
                DayKind::Holiday | DayKind::Statutory => prop_assert!(day.name.is_some()),
            }
            prop_assert_eq!(day.published, calendar.basis(date.year()) == Basis::Published);
        }

        #[test]
        fn a_contract_correction_always_wins(date in any_date(), off in any::<bool>()) {
            let overrides = if off {
                Overrides { extra_holidays: vec![date], ..Overrides::default() }
            } else {
                Overrides { extra_workdays: vec![date], ..Overrides::default() }
            };
            let day = Calendar::new(&[], &overrides).day(date);
            prop_assert_eq!(day.working(), !off);
            prop_assert!(day.published);
        }
    }
}
