use super::testing::{MINIMAL, parse, problem, problems, with};
use super::*;

/// The single problem of a contract that is an invalid value: its line, key and what is
/// allowed.
fn invalid(text: &str) -> (usize, String, Allowed) {
    match problem(text) {
        Problem {
            line,
            kind: ProblemKind::Invalid { key, allowed, .. },
        } => (line, key, allowed),
        other => panic!("an invalid value expected: {other:?}"),
    }
}

#[test]
fn a_minimal_contract_gets_every_default() {
    let c = parse(MINIMAL).unwrap();
    assert_eq!(c.customer, "Example Securities Co.");
    assert_eq!(c.mode, Mode::FiveByEight);
    assert_eq!(c.timezone, chrono_tz::Asia::Shanghai);
    assert_eq!(
        (c.staff, c.language, c.city.as_deref()),
        (1, Lang::Zh, None)
    );
    assert_eq!(c.ledger, PathBuf::from("ledger"));
    assert_eq!(c.hours.start.to_string(), "09:00:00");
    assert_eq!(c.hours.end.to_string(), "18:00:00");
    assert_eq!(c.sla.immediate, TimeDelta::minutes(15));
    assert_eq!(c.sla.at_risk, 0.8);
    let level1 = c.sla.levels[0];
    assert_eq!(level1.response, TimeDelta::minutes(30));
    assert_eq!(level1.arrival, Some(TimeDelta::hours(4)));
    assert_eq!(level1.arrival_priority, Some(TimeDelta::hours(2)));
    assert_eq!(c.sla.levels[1].arrival, Some(TimeDelta::hours(8)));
    assert_eq!(c.sla.levels[2].response, TimeDelta::hours(2));
    assert_eq!(c.sla.levels[2].arrival_priority, None);
    assert_eq!(c.inspections[&InspectionKind::Monitoring].rounds, 1);
    assert!(!c.inspections[&InspectionKind::Alert].items.is_empty());
    assert_eq!(c.backups_per_month, 1);
    assert_eq!((c.provider.as_deref(), c.report_due_day), (None, 5));
    assert_eq!(c.request_answer_within, 10);
}

#[test]
fn a_7x24_contract_responds_immediately_with_no_arrival_clock() {
    let c = parse(&MINIMAL.replace("5x8", "7x24")).unwrap();
    for level in c.sla.levels {
        assert_eq!(level.response, TimeDelta::minutes(15));
        assert_eq!(level.arrival, None);
    }
    assert_eq!(c.inspections[&InspectionKind::Monitoring].rounds, 2);
    assert_eq!(c.inspections[&InspectionKind::Alert].rounds, 1);
    assert_eq!(c.backups_per_month, 2);
}

#[test]
fn every_number_can_be_overridden() {
    let c = parse(&with(
        r#"
staff = 3
city = "成都"
[hours]
start = "08:30"
end = "17:30"
[sla]
immediate = "10m"
at_risk = 0.5
priority_cities = ["Hangzhou"]
priority_staff = 3
[sla.level1]
response = "20m"
arrival = "3h"
arrival_priority = "90m"
resolve = "8h"
resolve_clock = "service"
[inspections.monitoring]
items = ["CPU", "Disk"]
rounds = 3
[backups]
per_month = 4
[reports]
due_day = 10
[requests]
answer_within = 15
"#,
    ))
    .unwrap();
    assert_eq!(c.hours.start.to_string(), "08:30:00");
    assert_eq!(c.sla.immediate, TimeDelta::minutes(10));
    assert_eq!(c.sla.at_risk, 0.5);
    let level1 = c.sla.levels[0];
    assert_eq!(level1.response, TimeDelta::minutes(20));
    assert_eq!(level1.arrival_priority, Some(TimeDelta::minutes(90)));
    assert_eq!(level1.resolve, Some(TimeDelta::hours(8)));
    assert_eq!(level1.resolve_clock, ResolveClock::Service);
    assert_eq!(
        c.inspections[&InspectionKind::Monitoring].items,
        ["CPU", "Disk"]
    );
    assert_eq!(c.inspections[&InspectionKind::Monitoring].rounds, 3);
    assert_eq!(c.backups_per_month, 4);
    assert_eq!(c.report_due_day, 10);
    assert_eq!(c.request_answer_within, 15);
    assert!(
        !c.is_priority_site(),
        "Chengdu is not in the overridden city list"
    );
}

#[test]
fn the_priority_site_rule_reads_city_names_in_either_language() {
    for city in [
        "Chengdu",
        "成都",
        "chengdu",
        "CHENGDU",
        "成都市",
        "Chengdu City",
        "北京",
        "shenzhen",
    ] {
        let c = parse(&with(&format!("staff = 2\ncity = \"{city}\"\n"))).unwrap();
        assert!(c.is_priority_site(), "{city}");
    }
    let one_engineer = parse(&with("staff = 1\ncity = \"Chengdu\"\n")).unwrap();
    assert!(!one_engineer.is_priority_site());
    let elsewhere = parse(&with("staff = 2\ncity = \"Hangzhou\"\n")).unwrap();
    assert!(!elsewhere.is_priority_site());
    assert!(same_city("杭州", "Hangzhou") && same_city("Xian", "西安"));
}

#[test]
fn the_priority_arrival_says_why_it_applies_or_not() {
    let priority = |extra: &str| parse(&with(extra)).unwrap().priority();
    let city = |name: &str| name.to_string();
    assert_eq!(
        priority("staff = 2\ncity = \"成都市高新区\"\n"),
        Priority::Applies {
            city: city("成都市高新区"),
            staff: 2
        }
    );
    assert_eq!(priority("staff = 2\n"), Priority::NoCity);
    assert_eq!(
        priority("staff = 1\ncity = \"Chengdu\"\n"),
        Priority::TooFewStaff {
            city: city("Chengdu"),
            staff: 1,
            needed: 2
        }
    );
    assert_eq!(
        priority("city = \"Chengdou\"\n"),
        Priority::CityNotListed {
            city: city("Chengdou"),
            did_you_mean: Some(city("Chengdu"))
        }
    );
    assert_eq!(
        priority("staff = 2\ncity = \"Hangzhou\"\n"),
        Priority::CityNotListed {
            city: city("Hangzhou"),
            did_you_mean: None
        }
    );
}

#[test]
fn a_likely_typo_of_a_priority_city_is_warned_about() {
    let calendar = Calendar::national();
    let typo = parse(&with("city = \"Chengdou\"\n")).unwrap();
    assert_eq!(
        typo.warnings(&calendar),
        [ContractWarning::CityNearPriority {
            city: "Chengdou".into(),
            did_you_mean: "Chengdu".into()
        }]
    );
    for city in ["Chengdu", "Lhasa", "惠州"] {
        let contract = parse(&with(&format!("city = \"{city}\"\n"))).unwrap();
        assert!(contract.warnings(&calendar).is_empty(), "{city}");
    }
}

#[test]
fn integers_in_any_base_and_malformed_numbers() {
    assert_eq!(parse(&with("staff = 0x10\n")).unwrap().staff, 16);
    assert_eq!(parse(&with("staff = 0b11\n")).unwrap().staff, 3);
    assert_eq!(parse(&with("staff = 1_000\n")).unwrap().staff, 1000);
    assert_eq!(
        invalid(&with("staff = 0x2A7F\n")),
        (6, "staff".into(), Allowed::Range { from: 1, to: 9999 })
    );
    assert_eq!(
        parse(&with("[sla]\nat_risk = 0b1\n")).unwrap().sla.at_risk,
        1.0
    );
    assert_eq!(
        invalid(&with("[sla]\nat_risk = nan\n")),
        (7, "sla.at_risk".into(), Allowed::Share)
    );
}

#[test]
fn a_service_hours_problem_points_at_the_key_that_was_written() {
    let reversed = |start: &str, end: &str| ProblemKind::HoursReversed {
        start: start.parse().unwrap(),
        end: end.parse().unwrap(),
    };
    let at = |text: &str| {
        let found = problem(text);
        (found.line, found.kind)
    };
    assert_eq!(
        at(&with("[hours]\nstart = \"19:00\"\n")),
        (7, reversed("19:00:00", "18:00:00"))
    );
    assert_eq!(
        at(&with("[hours]\nend = \"08:00\"\n")),
        (7, reversed("09:00:00", "08:00:00"))
    );
}

#[test]
fn the_shipped_examples_are_valid() {
    for text in [
        include_str!("../../examples/chengdu-5x8/otss.toml"),
        include_str!("../../examples/shanghai-7x24/otss.toml"),
    ] {
        let contract = parse(text).unwrap();
        assert!(contract.warnings(&Calendar::national()).is_empty());
    }
}

#[test]
fn missing_required_keys_are_each_reported() {
    let missing: Vec<ProblemKind> = problems("customer = \"x\"\n")
        .into_iter()
        .map(|p| p.kind)
        .collect();
    let key = |key: &str| ProblemKind::Missing { key: key.into() };
    assert_eq!(missing, [key("mode"), key("start"), key("end")]);
}

#[test]
fn every_problem_is_reported_at_once_in_line_order() {
    let text = with("staf = 2\nmode2 = 1\n").replace("\"5x8\"", "\"5x9\"");
    let lines: Vec<usize> = problems(&text).iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 6, 7]);
}

#[test]
fn the_service_catalogue_follows_the_mode() {
    let five = parse(MINIMAL).unwrap().service_items();
    assert_eq!(five.len(), 8);
    assert!(five.contains(&(
        ServiceItem::Monitoring,
        Frequency::WorkingDay {
            count: 1,
            min_gap: None
        }
    )));
    assert!(five.contains(&(ServiceItem::Support, Frequency::DuringServiceHours)));
    assert!(five.contains(&(
        ServiceItem::Backup,
        Frequency::Month {
            count: 1,
            min_gap: None
        }
    )));
    let seven = parse(&MINIMAL.replace("5x8", "7x24"))
        .unwrap()
        .service_items();
    assert!(seven.contains(&(
        ServiceItem::Monitoring,
        Frequency::Day {
            count: 2,
            min_gap: Some(TimeDelta::hours(4))
        }
    )));
    assert!(seven.contains(&(
        ServiceItem::Alert,
        Frequency::Day {
            count: 1,
            min_gap: None
        }
    )));
    assert!(seven.contains(&(
        ServiceItem::Backup,
        Frequency::Month {
            count: 2,
            min_gap: Some(TimeDelta::days(7))
        }
    )));
    assert!(seven.contains(&(ServiceItem::Support, Frequency::Always)));
}

#[test]
fn a_5x8_term_starting_on_a_day_off_is_warned_about() {
    let calendar = Calendar::national();
    let new_years_day = parse(&MINIMAL.replace("2025-01-02", "2025-01-01")).unwrap();
    assert_eq!(
        new_years_day.warnings(&calendar),
        [ContractWarning::StartNotWorkingDay {
            start: "2025-01-01".parse().unwrap(),
            kind: DayKind::Statutory,
            next_working_day: Some("2025-01-02".parse().unwrap()),
        }]
    );
    assert!(parse(MINIMAL).unwrap().warnings(&calendar).is_empty());
    let seven = parse(
        &MINIMAL
            .replace("5x8", "7x24")
            .replace("2025-01-02", "2025-01-01"),
    )
    .unwrap();
    assert!(seven.warnings(&calendar).is_empty());
}

/// `count` distinct short names, quoted and separated by commas, for large lists.
fn quoted_names(count: usize) -> String {
    (0..count)
        .map(|n| format!("\"{n:x}\""))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn a_checklist_of_100_000_items_is_checked_at_once() {
    let items = quoted_names(100_000);
    let contract = parse(&with(&format!(
        "[inspections.monitoring]\nitems = [{items}]\n"
    )))
    .unwrap();
    assert_eq!(
        contract.inspections[&InspectionKind::Monitoring]
            .items
            .len(),
        100_000
    );
    let twice = problem(&with(&format!(
        "[inspections.monitoring]\nitems = [{items},\"0\"]\n"
    )));
    assert!(
        matches!(&twice.kind, ProblemKind::Invalid { allowed: Allowed::ItemOnce(item), .. }
            if item == "0"),
        "{twice:?}"
    );
}

#[test]
fn twenty_thousand_unknown_keys_are_each_reported_with_its_line() {
    let keys: String = (0..20_000).map(|n| format!("k{n:x}=1\n")).collect();
    let found = problems(&with(&keys));
    assert_eq!(found.len(), 20_000);
    let last = found.last().unwrap();
    assert_eq!(last.line, 6 + 19_999);
    assert!(
        matches!(&last.kind, ProblemKind::Unknown { key, .. } if key == "k4e1f"),
        "{last:?}"
    );
}

#[test]
fn a_date_in_both_of_two_long_lists_of_corrections_is_found() {
    let first: NaiveDate = "2000-01-01".parse().unwrap();
    let days: Vec<String> = (0..40_000)
        .map(|n| (first + TimeDelta::days(n)).to_string())
        .collect();
    let days = days.join(",");
    let both = problem(&with(&format!(
        "[calendar]\nextra_holidays = [{days}]\nextra_workdays = [{days}]\n"
    )));
    assert!(
        matches!(both.kind, ProblemKind::InBoth { date, first: "extra_holidays", .. }
            if date == first),
        "{both:?}"
    );
}

#[test]
fn a_contract_over_one_mebibyte_is_refused_unread() {
    let padding = "#".repeat(MAX_CONTRACT_BYTES as usize);
    let text = with(&padding);
    let err = parse(&text).unwrap_err();
    assert_eq!(
        err,
        ContractError::TooLarge {
            origin: "otss.toml".to_string(),
            size: text.len() as u64,
        }
    );
    let at_the_limit = &text[text.len() - MAX_CONTRACT_BYTES as usize..];
    assert!(!matches!(
        parse(at_the_limit),
        Err(ContractError::TooLarge { .. })
    ));
}

#[test]
fn checklist_items_are_names_or_tables_of_a_name_unit_and_thresholds() {
    let c = parse(&with(
        "[inspections.resource]\nitems = [\"CVM CPU\", { name = \"CDB disk\", unit = \"%\", warn = 80, critical = 90.5 }, { name = \"Queue\" }]\n",
    ))
    .unwrap();
    let resource = &c.inspections[&InspectionKind::Resource];
    assert_eq!(resource.items, ["CVM CPU", "CDB disk", "Queue"]);
    let disk = resource.gauges["CDB disk"];
    assert_eq!(
        (disk.unit, disk.warn, disk.critical),
        (crate::capacity::Unit::Percent, Some(80.0), Some(90.5))
    );
    assert_eq!(resource.gauges["Queue"].unit, crate::capacity::Unit::Count);
    assert!(!resource.gauges.contains_key("CVM CPU"));
    assert_eq!(c.capacity_horizon, TimeDelta::days(30));
}

#[test]
fn a_gauge_needs_a_known_unit_and_a_critical_threshold_above_the_warning_one() {
    let item = |table: &str| with(&format!("[inspections.resource]\nitems = [{table}]\n"));
    let (_, key, allowed) = invalid(&item("{ name = \"D\", unit = \"parsecs\" }"));
    assert_eq!(
        (key.as_str(), allowed),
        (
            "inspections.resource.items[0].unit",
            Allowed::Unit("parsecs".into())
        )
    );
    let (_, key, allowed) = invalid(&item("{ name = \"D\", warn = 90, critical = 90 }"));
    assert_eq!(
        (key.as_str(), allowed),
        ("inspections.resource.items[0].critical", Allowed::AboveWarn)
    );
    let (_, _, allowed) = invalid(&item("{ name = \"D\", warn = -3 }"));
    assert_eq!(allowed, Allowed::Threshold);
    let (_, _, allowed) = invalid(&item("\"A\", 7"));
    assert!(matches!(
        allowed,
        Allowed::Type {
            expected: Expected::StringsOrTables,
            ..
        }
    ));
    let (_, _, allowed) = invalid(&item("{ name = \"A=B\" }"));
    assert_eq!(allowed, Allowed::Item("A=B".into()));
}

#[test]
fn the_horizon_of_capacity_risks_is_a_duration_of_at_most_a_year() {
    let c = parse(&with("[inspections]\nhorizon = \"14d\"\n")).unwrap();
    assert_eq!(c.capacity_horizon, TimeDelta::days(14));
    let (_, key, _) = invalid(&with("[inspections]\nhorizon = \"400d\"\n"));
    assert_eq!(key, "inspections.horizon");
}
