use std::collections::BTreeMap;

use super::*;
use crate::record::incident::{Amended, Field, Noted, Resolved, Subject};
use crate::record::inspect::{ItemResult, Round};
use crate::record::routine::{BackupCheck, Consultation, Note};
use crate::service::InspectionKind;

fn at(event: Event) -> Record {
    Record::stated(
        "01JQ0000000000000000000001",
        "2025-03-04T10:00:00+08:00",
        "li.lei",
        event,
    )
}

fn text(event: Event) -> Option<(Kind, Option<String>, String)> {
    document(&at(event)).map(|d| (d.kind, d.incident, d.text))
}

#[test]
fn an_incident_record_is_found_under_its_incident_with_every_text_it_holds() {
    let resolved = Event::IncidentResolved(Box::new(Resolved {
        incident: "K7QM2X".into(),
        summary: "kubelet restarted".into(),
        impact: Some("pods evicted".into()),
        cause: None,
        fix: Some("raised the kubelet memory limit".into()),
    }));
    let (kind, incident, text) = text(resolved).unwrap();
    assert_eq!(
        (kind, incident.as_deref()),
        (Kind::Incident, Some("K7QM2X"))
    );
    assert_eq!(
        text,
        "kubelet restarted\npods evicted\nraised the kubelet memory limit"
    );
    let noted = Event::IncidentNoted(Noted {
        incident: "K7QM2X".into(),
        text: "节点 NotReady".into(),
    });
    assert_eq!(text_of(noted), "节点 NotReady");
    let amended = Event::IncidentAmended(Amended {
        incident: "K7QM2X".into(),
        texts: BTreeMap::from([(Field::Cause, "证书过期".to_string())]),
    });
    assert_eq!(text_of(amended), "证书过期");
}

fn text_of(event: Event) -> String {
    text(event).unwrap().2
}

#[test]
fn routine_records_are_found_by_their_own_kind() {
    let consultation = Event::SupportLogged(Consultation {
        text: "如何配置慢查询日志".into(),
        product: Some("CDB".into()),
        minutes: None,
    });
    assert_eq!(text(consultation).unwrap().0, Kind::Support);
    assert_eq!(
        text(Event::NoteAdded(Note {
            kind: NoteKind::Suggestion,
            text: "开启只读实例".into()
        }))
        .unwrap()
        .0,
        Kind::Suggestion
    );
    let failed = Event::BackupChecked(BackupCheck {
        job: "cdb-prod-01 nightly".into(),
        ok: false,
        note: Some("binlog 空间不足".into()),
    });
    assert_eq!(text_of(failed), "cdb-prod-01 nightly\nbinlog 空间不足");
}

#[test]
fn records_without_words_worth_finding_are_not_documents() {
    let acknowledged = Event::IncidentAcknowledged(Subject {
        incident: "K7QM2X".into(),
    });
    assert_eq!(text(acknowledged), None);
    let silent_backup = Event::BackupChecked(BackupCheck {
        job: "nightly".into(),
        ok: true,
        note: None,
    });
    assert_eq!(text(silent_backup), None);
    let all_well = Event::InspectionRound(Round {
        kind: InspectionKind::Resource,
        items: vec![ItemResult {
            item: "CPU".into(),
            result: Outcome::Ok,
            note: None,
            reading: None,
        }],
    });
    assert_eq!(text(all_well), None);
}

#[test]
fn an_inspection_is_found_by_its_findings() {
    let round = Event::InspectionRound(Round {
        kind: InspectionKind::Resource,
        items: vec![
            ItemResult {
                item: "CPU".into(),
                result: Outcome::Ok,
                note: None,
                reading: None,
            },
            ItemResult {
                item: "磁盘".into(),
                result: Outcome::Abnormal,
                note: Some("cvm-web-03 使用率 93%".into()),
                reading: None,
            },
        ],
    });
    assert_eq!(text_of(round), "磁盘\ncvm-web-03 使用率 93%");
}

#[test]
fn every_kind_is_named_by_its_key() {
    for kind in Kind::ALL {
        assert_eq!(Kind::from_key(kind.key()), Some(kind));
    }
    assert_eq!(Kind::from_key("note"), None);
}
