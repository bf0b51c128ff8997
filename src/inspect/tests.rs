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
    Event::IncidentOpened(Opened {
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
    })
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
