use chrono::DateTime;

use super::*;
use crate::record::incident::Noted;
use crate::record::report::Issued;
use crate::record::routine::{Consultation, Note};
use crate::record::void::Voided;

fn record(id: &str, at: &str, event: Event) -> Record {
    Record::stated(id, at, "li.lei", event)
}

fn consultation(text: &str) -> Event {
    Event::SupportLogged(Consultation {
        text: text.into(),
        product: None,
        minutes: None,
    })
}

fn note(text: &str) -> Event {
    Event::IncidentNoted(Noted {
        incident: "K7Q".into(),
        text: text.into(),
    })
}

fn void_of(target: &str) -> Event {
    Event::RecordVoided(Box::new(Voided {
        target: target.into(),
        reason: "typo".into(),
        incident: Some("K7Q".into()),
        target_at: None,
        target_type: None,
        merged_into: None,
        undo: false,
    }))
}

fn instant(at: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(at)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn text_is_compared_trimmed_in_any_case_with_its_spaces_folded() {
    assert_eq!(folded("  CLB  health\tcheck \n"), "clb health check");
    assert_eq!(folded("数据库 主库"), "数据库 主库");
}

#[test]
fn the_same_text_repeats_within_ten_minutes_either_side_and_only_of_its_kind() {
    let earlier = [
        record(
            "01A",
            "2025-03-04T10:00:00+08:00",
            consultation("CLB health check"),
        ),
        record(
            "01B",
            "2025-03-04T09:30:00+08:00",
            consultation("COS rules"),
        ),
    ];
    let repeat = |text: &str, at: &str| {
        repeated_text(&consultation(text), instant(at), &earlier).map(|d| match d {
            Duplicate::Text { earlier, .. } => earlier.id,
            other => panic!("{other:?}"),
        })
    };
    assert_eq!(
        repeat(" clb  HEALTH check", "2025-03-04T10:10:00+08:00"),
        Some("01A".into())
    );
    assert_eq!(
        repeat("CLB health check", "2025-03-04T09:50:00+08:00"),
        Some("01A".into())
    );
    assert_eq!(
        repeat("CLB health check", "2025-03-04T10:10:01+08:00"),
        None
    );
    assert_eq!(repeat("COS rules", "2025-03-04T10:00:00+08:00"), None);
    let as_note = Event::NoteAdded(Note {
        kind: NoteKind::Risk,
        text: "CLB health check".into(),
    });
    let at = instant("2025-03-04T10:00:00+08:00");
    assert_eq!(
        repeated_text(&as_note, at, &earlier),
        None,
        "a note is not a consultation"
    );
}

#[test]
fn titles_alike_are_the_same_held_in_one_another_or_a_few_edits_apart() {
    let alike = [
        ("CLB returns 502", "clb  returns 502"),
        ("CLB returns 502", "CLB returns 502 on port 443"),
        ("CLB returns 502", "CLB return 502"),
        ("数据库主库宕机", "数据库主库宕机了"),
    ];
    for (a, b) in alike {
        assert!(titles_alike(a, b), "{a} / {b}");
        assert!(titles_alike(b, a), "{b} / {a}");
    }
    let apart = [
        ("CLB returns 502", "COS bucket denies uploads"),
        ("disk", "disk full on the primary database host"),
        ("CLB returns 502", "CLB returns 504"),
        ("disk full on db01", "disk full on db02"),
        ("w1-1", "w1-11"),
        ("数据库主库宕机", "对象存储上传失败"),
    ];
    for (a, b) in apart {
        assert!(!titles_alike(a, b), "{a} / {b}");
    }
}

#[test]
fn a_note_repeats_one_on_the_same_incident_unless_that_one_is_void() {
    let records = [
        record(
            "01A",
            "2025-03-04T10:00:00+08:00",
            note("vendor ticket 4521 opened"),
        ),
        record(
            "01B",
            "2025-03-04T11:00:00+08:00",
            note("restarted the listener"),
        ),
        record("01C", "2025-03-04T11:05:00+08:00", void_of("01B")),
    ];
    let repeat = |text| repeated_note("K7Q", text, &records);
    assert!(matches!(
        repeat("Vendor ticket 4521 opened"),
        Some(Duplicate::IncidentNote { earlier, .. }) if earlier.id == "01A"
    ));
    assert_eq!(repeat("restarted the listener"), None);
    assert_eq!(
        repeated_note("Z9Z", "vendor ticket 4521 opened", &records),
        None
    );
}

#[test]
fn a_report_issued_again_names_its_first_issue() {
    let issued = |id, at, period: &str| {
        let event = Event::ReportIssued(Issued {
            period: period.into(),
            ..Default::default()
        });
        record(id, at, event)
    };
    let records = [
        issued("01B", "2025-04-03T10:00:00+08:00", "2025-03"),
        issued("01A", "2025-04-02T10:00:00+08:00", "2025-03"),
        issued("01C", "2025-05-02T10:00:00+08:00", "2025-04"),
    ];
    assert!(matches!(
        issued_before("2025-03", &records),
        Some(Duplicate::ReportIssued { earlier, .. }) if earlier.id == "01A"
    ));
    assert_eq!(issued_before("2025-05", &records), None);
}
