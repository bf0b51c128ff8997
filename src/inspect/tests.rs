use super::*;
use crate::calendar::Calendar;
use crate::contract::Level;
use crate::record::incident::{Clocks, Opened, Pinned};
use crate::sla::Rule;
use chrono::TimeDelta;

fn contract(mode: &str) -> Contract {
    let text = format!(
        "customer = \"T\"\nmode = \"{mode}\"\nstart = 2025-01-02\nend = 2025-12-31\n\
         [inspections.monitoring]\nitems = [\"CPU\", \"Disk\", \"CLB 5xx\"]\n"
    );
    Contract::parse(&text, "t.toml").unwrap()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn ok(item: &str) -> ItemResult {
    ItemResult {
        item: item.to_string(),
        result: Outcome::Ok,
        note: None,
        reading: None,
    }
}

fn checklist() -> Vec<String> {
    contract("5x8").inspections[&InspectionKind::Monitoring]
        .items
        .clone()
}

#[test]
fn results_are_read_from_name_equals_result() {
    assert_eq!(parse_result("CPU=ok"), Ok(ok("CPU")));
    assert_eq!(
        parse_result("CLB 5xx = abnormal: 5xx at 3 % since 09:10"),
        Ok(ItemResult {
            item: "CLB 5xx".into(),
            result: Outcome::Abnormal,
            note: Some("5xx at 3 % since 09:10".into()),
            reading: None,
        })
    );
    assert_eq!(
        parse_result("CPU=abnormal"),
        Err(InspectError::NoNote("CPU".into()))
    );
    for bad in ["CPU", "CPU=fine", "=ok"] {
        assert_eq!(parse_result(bad), Err(InspectError::BadResult(bad.into())));
    }
}

#[test]
fn a_round_needs_a_result_for_every_item() {
    let kind = InspectionKind::Monitoring;
    let all_ok = round(kind, &checklist(), true, Vec::new()).unwrap();
    assert_eq!(all_ok.items, [ok("CPU"), ok("Disk"), ok("CLB 5xx")]);
    let one_abnormal = parse_result("disk=abnormal:90 % full").unwrap();
    let mixed = round(kind, &checklist(), true, vec![one_abnormal]).unwrap();
    assert_eq!(mixed.items[1].result, Outcome::Abnormal);
    assert_eq!(
        mixed.items[1].item, "Disk",
        "named as the checklist names it"
    );
    assert_eq!(
        round(kind, &checklist(), false, vec![ok("CPU")]),
        Err(InspectError::Missing(vec!["Disk".into(), "CLB 5xx".into()]))
    );
    assert_eq!(
        round(kind, &checklist(), true, vec![ok("CPU"), ok("cpu")]),
        Err(InspectError::Twice("CPU".into()))
    );
    assert_eq!(
        round(kind, &checklist(), true, vec![ok("Dsk")]),
        Err(InspectError::UnknownItem {
            item: "Dsk".into(),
            kind,
            near: Some("Disk".into()),
            valid: checklist(),
        })
    );
}

#[test]
fn items_are_named_by_number_or_by_a_unique_start_in_any_case() {
    let kind = InspectionKind::Monitoring;
    let abnormal = |typed: &str| parse_result(&format!("{typed}=abnormal:x")).unwrap();
    for (typed, index) in [
        ("2", 1),
        ("3", 2),
        ("di", 1),
        ("CLB", 2),
        ("cp", 0),
        ("clb 5", 2),
    ] {
        let round = round(kind, &checklist(), true, vec![abnormal(typed)]);
        let round = round.unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_eq!(round.items[index].result, Outcome::Abnormal, "{typed}");
    }
    for typed in ["0", "4"] {
        assert!(matches!(
            round(kind, &checklist(), true, vec![abnormal(typed)]),
            Err(InspectError::UnknownItem { .. })
        ));
    }
    assert_eq!(
        round(kind, &checklist(), true, vec![abnormal("c")]),
        Err(InspectError::AmbiguousItem {
            item: "c".into(),
            candidates: vec!["CPU".into(), "CLB 5xx".into()],
        })
    );
    assert_eq!(
        round(
            kind,
            &checklist(),
            true,
            vec![abnormal("1"), abnormal("cpu")]
        ),
        Err(InspectError::Twice("CPU".into()))
    );
}

#[test]
fn rounds_are_required_on_working_days_under_5x8_and_every_day_under_7x24() {
    let calendar = Calendar::national();
    let five = contract("5x8");
    let seven = contract("7x24");
    let monitoring = InspectionKind::Monitoring;
    let alert = InspectionKind::Alert;
    for (day, five_by_eight) in [
        ("2025-04-27", 1), // a make-up Sunday
        ("2025-03-09", 0), // an ordinary Sunday
        ("2025-05-01", 0), // Labour Day
        ("2025-03-04", 1), // a Tuesday
        ("2024-12-31", 0), // before the term
    ] {
        assert_eq!(
            required(&five, &calendar, monitoring, date(day)),
            five_by_eight,
            "{day}"
        );
        let seven_by_24 = if day == "2024-12-31" { 0 } else { 2 };
        assert_eq!(
            required(&seven, &calendar, monitoring, date(day)),
            seven_by_24,
            "{day}"
        );
    }
    assert_eq!(required(&seven, &calendar, alert, date("2025-05-01")), 1);
}

fn record(id: &str, at: &str, event: Event) -> Record {
    Record::stated(id, at, "li.lei", event)
}

fn round_record(id: &str, at: &str, results: &[&str]) -> Record {
    let given = results.iter().map(|r| parse_result(r).unwrap()).collect();
    let round = round(InspectionKind::Monitoring, &checklist(), true, given).unwrap();
    record(id, at, Event::InspectionRound(round))
}

fn monitoring(contract: &Contract, day: &str, records: &[Record]) -> (Due, Vec<String>) {
    let rounds = Rounds::of(records, contract.timezone);
    let standing = standing_on(contract, &Calendar::national(), date(day), &rounds);
    let not_counted = standing
        .not_counted
        .iter()
        .filter(|n| n.kind == InspectionKind::Monitoring)
        .map(|n| n.round.id.clone())
        .collect();
    (standing.due[0], not_counted)
}

fn due(required: u32, done: u32, rounds: u32) -> Due {
    Due {
        kind: InspectionKind::Monitoring,
        required,
        done,
        rounds,
    }
}

#[test]
fn extra_rounds_never_fill_another_day() {
    let seven = contract("7x24");
    let records = [
        round_record("01", "2025-03-04T09:00:00+08:00", &[]),
        round_record("02", "2025-03-04T13:00:00+08:00", &[]),
        round_record("03", "2025-03-04T21:00:00+08:00", &[]),
        round_record("04", "2025-03-05T09:00:00+08:00", &[]),
    ];
    assert_eq!(
        monitoring(&seven, "2025-03-04", &records),
        (due(2, 2, 3), vec!["03".to_string()])
    );
    assert_eq!(
        monitoring(&seven, "2025-03-05", &records),
        (due(2, 1, 1), vec![])
    );
}

#[test]
fn under_7x24_the_second_round_of_a_day_counts_from_four_hours_after_the_first() {
    let seven = contract("7x24");
    let records = [
        round_record("03", "2025-03-04T12:59:59+08:00", &[]),
        round_record("01", "2025-03-04T09:00:00+08:00", &[]),
        round_record("02", "2025-03-04T09:01:00+08:00", &[]),
    ];
    assert_eq!(
        monitoring(&seven, "2025-03-04", &records),
        (due(2, 1, 3), vec!["02".to_string(), "03".to_string()])
    );
    let on_time = [
        round_record("01", "2025-03-04T09:00:00+08:00", &[]),
        round_record("02", "2025-03-04T13:00:00+08:00", &[]),
    ];
    assert_eq!(
        monitoring(&seven, "2025-03-04", &on_time),
        (due(2, 2, 2), vec![])
    );
}

#[test]
fn a_5x8_day_that_requires_two_rounds_spaces_them_too() {
    let text = "customer = \"T\"\nmode = \"5x8\"\nstart = 2025-01-02\nend = 2025-12-31\n\
                [inspections]\nmin_gap = \"3h\"\n[inspections.monitoring]\nrounds = 2\n";
    let five = Contract::parse(text, "t.toml").unwrap();
    let records = [
        round_record("01", "2025-03-04T09:30:00+08:00", &[]),
        round_record("02", "2025-03-04T12:29:59+08:00", &[]),
        round_record("03", "2025-03-04T12:30:00+08:00", &[]),
    ];
    assert_eq!(
        monitoring(&five, "2025-03-04", &records),
        (due(2, 2, 3), vec!["02".to_string()])
    );
    let saturday = [round_record("01", "2025-03-08T10:00:00+08:00", &[])];
    let (standing, not_counted) = monitoring(&five, "2025-03-08", &saturday);
    assert_eq!((standing, not_counted.len()), (due(0, 0, 1), 1));
}

#[test]
fn a_round_belongs_to_its_local_date() {
    let records = [round_record("01", "2025-03-04T16:30:00Z", &[])];
    let (on_the_5th, _) = monitoring(&contract("7x24"), "2025-03-05", &records);
    assert_eq!(on_the_5th.rounds, 1);
}

/// An incident opened at noon on 4 March 2025 from `risk`.
fn opened_from(risk: &str) -> Event {
    let at = chrono::DateTime::parse_from_rfc3339("2025-03-04T12:00:00+08:00").unwrap();
    Event::IncidentOpened(Box::new(Opened {
        incident: "K7QM2X".into(),
        level: Level::new(2).unwrap(),
        title: "x".into(),
        description: None,
        onsite: false,
        from_risk: Some(risk.into()),
        clocks: Clocks {
            response: Pinned {
                due: at + TimeDelta::minutes(15),
                rule: Rule::Immediate {
                    within: TimeDelta::minutes(15),
                },
            },
            arrival: None,
            resolution: None,
        },
    }))
}

#[test]
fn abnormal_findings_are_risks_until_cleared_or_taken_up() {
    let records = [
        round_record(
            "01JQ0000000000000000AAAAAA",
            "2025-03-04T09:00:00+08:00",
            &["CPU=abnormal:95 %", "Disk=abnormal:90 %"],
        ),
        record(
            "01JQ0000000000000000BBBBBB",
            "2025-03-04T12:00:00+08:00",
            opened_from("AAAAAA-1"),
        ),
        round_record(
            "01JQ0000000000000000CCCCCC",
            "2025-03-05T09:00:00+08:00",
            &["Disk=ok"],
        ),
        round_record(
            "01JQ0000000000000000DDDDDD",
            "2025-03-05T10:00:00+08:00",
            &["CLB 5xx=abnormal:3 %"],
        ),
    ];
    let risks = risks(&records);
    let summary: Vec<(&str, &str, bool, Option<&str>)> = risks
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.item.as_str(),
                r.open,
                r.incident.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("AAAAAA-1", "CPU", false, Some("K7QM2X")),
            ("AAAAAA-2", "Disk", false, None),
            ("DDDDDD-3", "CLB 5xx", true, None),
        ]
    );
    assert_eq!(incident_title(&risks[2]), "CLB 5xx: 3 %");
}

/// Two rounds on the morning of 4 March 2025 that find the CPU abnormal.
fn cpu_found_twice() -> Vec<Record> {
    vec![
        round_record(
            "01JQ0000000000000000AAAAAA",
            "2025-03-04T09:00:00+08:00",
            &["CPU=abnormal:95 %"],
        ),
        round_record(
            "01JQ0000000000000000BBBBBB",
            "2025-03-04T10:00:00+08:00",
            &["CPU=abnormal:97 %"],
        ),
    ]
}

#[test]
fn an_item_found_abnormal_again_is_the_same_risk_until_an_incident_takes_it_up() {
    let mut records = cpu_found_twice();
    records.extend([
        record(
            "01JQ0000000000000000CCCCCC",
            "2025-03-04T12:00:00+08:00",
            opened_from("AAAAAA-1"),
        ),
        round_record(
            "01JQ0000000000000000DDDDDD",
            "2025-03-05T09:00:00+08:00",
            &["CPU=abnormal:99 %"],
        ),
    ]);
    let risks = risks(&records);
    let summary: Vec<(&str, u32, &str, bool)> = risks
        .iter()
        .map(|r| (r.id.as_str(), r.seen, r.last_note.as_str(), r.open))
        .collect();
    assert_eq!(
        summary,
        [
            ("AAAAAA-1", 2, "97 %", false),
            ("DDDDDD-1", 1, "99 %", true)
        ],
        "found again after the incident was opened, it is a new risk"
    );
    assert_eq!(risks[0].last_seen, records[1].instant());
}

#[test]
fn an_incident_opened_from_a_repeated_finding_keeps_it_a_risk_of_its_own() {
    let mut records = cpu_found_twice();
    records.push(record(
        "01JQ0000000000000000CCCCCC",
        "2025-03-04T12:00:00+08:00",
        opened_from("BBBBBB-1"),
    ));
    let risks = risks(&records);
    let ids: Vec<(&str, bool, Option<&str>)> = risks
        .iter()
        .map(|r| (r.id.as_str(), r.open, r.incident.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [
            ("AAAAAA-1", true, None),
            ("BBBBBB-1", false, Some("K7QM2X"))
        ]
    );
}

#[test]
fn a_round_of_100_000_items_and_its_risks_are_taken_at_once() {
    let kind = InspectionKind::Monitoring;
    let checklist: Vec<String> = (0..100_000).map(|n| format!("Item {n}")).collect();
    let every_item_abnormal = checklist
        .iter()
        .map(|item| parse_result(&format!("{}=abnormal:high", item.to_lowercase())).unwrap())
        .collect();
    let found = round(kind, &checklist, false, every_item_abnormal).unwrap();
    assert_eq!(found.items[99_999].item, "Item 99999");
    let cleared = round(kind, &checklist, true, Vec::new()).unwrap();
    let records = [
        record(
            "01JQ0000000000000000AAAAAA",
            "2025-03-04T09:00:00+08:00",
            Event::InspectionRound(found),
        ),
        record(
            "01JQ0000000000000000BBBBBB",
            "2025-03-05T09:00:00+08:00",
            Event::InspectionRound(cleared),
        ),
    ];
    let risks = risks(&records);
    assert_eq!(risks.len(), 100_000);
    assert!(risks.iter().all(|risk| !risk.open));
}

fn reading(value: f64, unit: crate::capacity::Unit) -> Option<Reading> {
    let quantity = Quantity { value, unit };
    Some(Reading {
        quantity,
        passed: None,
    })
}

#[test]
fn a_reading_is_read_from_name_equals_value_and_unit_with_an_optional_note() {
    use crate::capacity::Unit;
    let read = parse_result("CDB 磁盘使用率=78%").unwrap();
    assert_eq!(
        (read.item.as_str(), read.result, read.reading),
        ("CDB 磁盘使用率", Outcome::Ok, reading(78.0, Unit::Percent))
    );
    let noted = parse_result("CLB 带宽峰值 = 4.2Gbps: after the launch").unwrap();
    assert_eq!(noted.reading, reading(4.2, Unit::Gbps));
    assert_eq!(noted.note.as_deref(), Some("after the launch"));
    assert_eq!(
        parse_result("Disk=78 parsecs"),
        Err(InspectError::Unit {
            item: "Disk".into(),
            error: UnitError::Unknown("parsecs".into())
        })
    );
    assert_eq!(
        parse_result("Disk=full"),
        Err(InspectError::BadResult("Disk=full".into()))
    );
}

fn gauges() -> BTreeMap<String, Gauge> {
    let disk = Gauge {
        unit: crate::capacity::Unit::Percent,
        warn: Some(80.0),
        critical: Some(90.0),
    };
    BTreeMap::from([("Disk".to_string(), disk)])
}

fn judged(typed: &[&str]) -> Result<Round, InspectError> {
    let given = typed.iter().map(|t| parse_result(t).unwrap()).collect();
    let round = round(InspectionKind::Monitoring, &checklist(), true, given)?;
    judge_readings(round, &gauges(), |r| format!("past {}", r.quantity))
}

#[test]
fn a_reading_past_a_threshold_makes_its_item_abnormal_and_says_so_unless_noted() {
    let round = judged(&["Disk=91%", "CPU=12%"]).unwrap();
    let disk = &round.items[1];
    assert_eq!(disk.result, Outcome::Abnormal);
    assert_eq!(disk.note.as_deref(), Some("past 91%"));
    let passed = disk.reading.unwrap().passed.unwrap();
    assert_eq!(passed.level, crate::capacity::Severity::Critical);
    // An item the contract does not measure keeps its reading, ok.
    assert_eq!(round.items[0].result, Outcome::Ok);
    assert_eq!(round.items[0].reading.unwrap().passed, None);
    let noted = judged(&["Disk=85%:grew overnight"]).unwrap();
    assert_eq!(noted.items[1].note.as_deref(), Some("grew overnight"));
    let within = judged(&["Disk=79%"]).unwrap();
    assert_eq!(within.items[1].result, Outcome::Ok);
}

#[test]
fn a_reading_in_another_family_than_its_gauge_is_refused() {
    assert!(matches!(
        judged(&["Disk=80GB"]),
        Err(InspectError::Unit {
            error: UnitError::Mismatch { .. },
            ..
        })
    ));
}

#[test]
fn a_reading_typed_on_the_checklist_is_in_the_gauges_unit_unless_it_says() {
    use crate::capacity::Unit;
    let disk = gauges()["Disk"];
    let value = |v: f64, unit: Unit| Ok(Some(Quantity { value: v, unit }));
    assert_eq!(typed_reading("85", &disk), value(85.0, Unit::Percent));
    assert_eq!(typed_reading(" 85 % ", &disk), value(85.0, Unit::Percent));
    assert_eq!(typed_reading("  ", &disk), Ok(None));
    assert_eq!(typed_reading("lots", &disk), Err(None));
    assert!(matches!(
        typed_reading("3TB", &disk),
        Err(Some(UnitError::Mismatch { .. }))
    ));
}

fn alert_logged(id: &str, at: &str) -> Record {
    let alert = crate::record::alert::Alert {
        text: "CVM CPU above 90%".into(),
        source: None,
        class: crate::record::alert::AlertClass::Noise,
        policy: None,
        incident: None,
    };
    record(id, at, Event::AlertLogged(Box::new(alert)))
}

#[test]
fn the_first_alert_analysed_on_a_day_is_its_alert_round_under_either_mode() {
    let alert_due = |contract: &Contract, day: &str, records: &[Record]| {
        let rounds = Rounds::of(records, contract.timezone);
        let standing = standing_on(contract, &Calendar::national(), date(day), &rounds);
        let due = standing.due[2];
        assert_eq!(due.kind, InspectionKind::Alert);
        (due.required, due.done, due.rounds)
    };
    let records = [
        alert_logged("01A", "2025-03-04T09:00:00+08:00"),
        alert_logged("01B", "2025-03-04T15:00:00+08:00"),
        // A Sunday.
        alert_logged("01C", "2025-03-09T09:00:00+08:00"),
    ];
    let (five, seven) = (contract("5x8"), contract("7x24"));
    // One round, not two: the second alert of the day is no second round.
    assert_eq!(alert_due(&five, "2025-03-04", &records), (1, 1, 1));
    assert_eq!(alert_due(&seven, "2025-03-04", &records), (1, 1, 1));
    assert_eq!(alert_due(&seven, "2025-03-09", &records), (1, 1, 1));
    assert_eq!(alert_due(&five, "2025-03-09", &records), (0, 0, 1));
    // A round recorded as well is a round of its own.
    let mut with_round = records.to_vec();
    let given = vec![];
    let checklist = five.inspections[&InspectionKind::Alert].items.clone();
    let round = round(InspectionKind::Alert, &checklist, true, given).unwrap();
    with_round.push(record(
        "01D",
        "2025-03-04T08:00:00+08:00",
        Event::InspectionRound(round),
    ));
    assert_eq!(alert_due(&five, "2025-03-04", &with_round), (1, 1, 2));
}
