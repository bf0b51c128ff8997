use super::*;
use crate::record::incident::Subject;
use crate::record::{Event, types};

fn record(id: &str, at: &str, event: Event) -> Record {
    Record::stated(id, at, "zhang.wei", event)
}

fn ack(incident: &str) -> Event {
    Event::IncidentAcknowledged(Subject {
        incident: incident.to_string(),
    })
}

#[test]
fn a_record_is_one_line_with_the_envelope_first() {
    let r = record(
        "01JQ0000000000000000K7QM2X",
        "2025-03-04T10:00:00+08:00",
        ack("K7QM2X"),
    );
    let line = r.to_line().unwrap();
    assert_eq!(
        line,
        r#"{"v":1,"id":"01JQ0000000000000000K7QM2X","at":"2025-03-04T10:00:00+08:00","by":"zhang.wei","type":"incident.acknowledged","incident":"K7QM2X"}"#
    );
    let lines = read_lines("f", format!("{line}\n").as_bytes(), 1).unwrap();
    assert_eq!(lines[0].record, Some(r));
}

#[test]
fn a_file_keeps_every_valid_record_and_names_each_bad_line() {
    let good = |n: u32| {
        record(&format!("0{n}"), "2025-03-04T10:00:00+08:00", ack("A"))
            .to_line()
            .unwrap()
    };
    let text = format!(
        "{}\nnot json\n\n{}\n{{\"v\":1,\"id\":\"x\",\"at\":\"2025-03-04T10:00:00+08:00\",\"by\":\"a\",\"type\":\"incident.exploded\"}}\n{}\n{{\"v\":1,\"id\":",
        good(1),
        good(2),
        good(3)
    );
    let (records, problems) = read_file("2025-03/a.jsonl", text.as_bytes()).unwrap();
    assert_eq!(records.len(), 3);
    let lines: Vec<(usize, &LineFault)> = problems.iter().map(|p| (p.line, &p.fault)).collect();
    assert_eq!(lines[0].0, 2);
    assert!(
        matches!(lines[1].1, LineFault::NotARecord { reason } if reason.contains("unknown variant `incident.exploded`")),
        "{lines:?}"
    );
    assert_eq!(lines[1].0, 5);
    assert_eq!(lines[2], (7, &LineFault::Torn));
    assert!(problems.iter().all(|p| p.file == "2025-03/a.jsonl"));
}

#[test]
fn a_valid_last_line_without_newline_is_kept_and_reported() {
    let line = record("01", "2025-03-04T10:00:00+08:00", ack("A"))
        .to_line()
        .unwrap();
    let (records, problems) = read_file("f.jsonl", line.as_bytes()).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(problems[0].fault, LineFault::NoNewline);
}

#[test]
fn bytes_that_are_not_utf8_are_one_bad_line() {
    let good = record("01", "2025-03-04T10:00:00+08:00", ack("A"))
        .to_line()
        .unwrap();
    let mut bytes = b"\xff\xfe garbage\n".to_vec();
    bytes.extend_from_slice(good.as_bytes());
    bytes.push(b'\n');
    let (records, problems) = read_file("f.jsonl", &bytes).unwrap();
    assert_eq!((records.len(), problems.len()), (1, 1));
    assert_eq!(
        (problems[0].line, &problems[0].fault),
        (1, &LineFault::NotUtf8)
    );
}

#[test]
fn an_empty_file_holds_nothing() {
    assert_eq!(read_file("f.jsonl", b"").unwrap(), (Vec::new(), Vec::new()));
}

#[test]
fn a_newer_schema_version_asks_for_an_upgrade() {
    let newer = r#"{"v":2,"id":"x","at":"2025-03-04T10:00:00+08:00","by":"a","type":"incident.teleported"}"#;
    let err = read_file("2025-03/a.jsonl", format!("{newer}\n").as_bytes()).unwrap_err();
    assert_eq!(
        err,
        LedgerError::NewerVersion {
            file: "2025-03/a.jsonl".into(),
            line: 1,
            found: 2
        }
    );
    let readable_but_newer = record("01", "2025-03-04T10:00:00+08:00", ack("A"))
        .to_line()
        .unwrap()
        .replace("\"v\":1", "\"v\":7");
    assert!(read_file("f", format!("{readable_but_newer}\n").as_bytes()).is_err());
}

#[test]
fn file_stems_are_safe_and_distinct() {
    assert_eq!(file_stem("zhang.wei"), "zhang.wei");
    assert_eq!(file_stem("Zhang Wei"), "zhang%20wei");
    assert_eq!(file_stem("张伟"), "%E5%BC%A0%E4%BC%9F");
    assert_eq!(file_stem("../etc/passwd"), "%2E.%2Fetc%2Fpasswd");
    assert_eq!(file_stem(".hidden"), "%2Ehidden");
    assert_ne!(file_stem("a b"), file_stem("a_b"));
}

#[test]
fn partitions_are_months_in_the_contract_zone() {
    let at = DateTime::parse_from_rfc3339("2025-03-31T16:30:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(partition(at, chrono_tz::Asia::Shanghai), "2025-04");
    assert_eq!(partition(at, chrono_tz::UTC), "2025-03");
    assert_eq!(
        partition_month("2025-04"),
        NaiveDate::from_ymd_opt(2025, 4, 1)
    );
    assert_eq!(partition_month("notes"), None);
    assert_eq!(partition_month("2025-4"), None);
}

#[test]
fn the_type_of_a_line_is_found_without_parsing_it() {
    let line = record("01", "2025-03-04T10:00:00+08:00", ack("K7QM2X"))
        .to_line()
        .unwrap();
    assert_eq!(written_type(line.as_bytes()), Some("incident.acknowledged"));
    assert_eq!(
        written_type(b"{\"type\": \"backup.checked\"}"),
        None,
        "spaced: read it all"
    );
    assert_eq!(written_type(b"not json"), None);
    let round = Event::InspectionRound(crate::record::inspect::Round {
        kind: crate::service::InspectionKind::Alert,
        items: Vec::new(),
    });
    let backup = Event::BackupChecked(crate::record::routine::BackupCheck {
        job: "j".into(),
        ok: true,
        note: None,
    });
    let duty = Event::DutySet(crate::record::duty::Assignment {
        date: "2025-03-04".parse().unwrap(),
        engineer: "li.lei".into(),
    });
    for (event, name) in [
        (round, types::INSPECTION_ROUND),
        (backup, types::BACKUP_CHECKED),
        (duty, types::DUTY_SET),
    ] {
        let line = record("02", "2025-03-04T10:00:00+08:00", event)
            .to_line()
            .unwrap();
        assert_eq!(written_type(line.as_bytes()), Some(name));
    }
}

#[test]
fn a_record_about_an_incident_no_one_could_name_is_not_a_record() {
    for id in ["abc123", "ß12345", "  ", ""] {
        let line = record("01", "2025-03-04T10:00:00+08:00", ack(id))
            .to_line()
            .unwrap();
        let (records, problems) = read_file("f.jsonl", format!("{line}\n").as_bytes()).unwrap();
        assert!(records.is_empty(), "{id:?}");
        assert_eq!(
            problems[0].fault,
            LineFault::BadIncidentId { id: id.to_string() }
        );
    }
}
