//! The records of the ledger (docs/rules.md §8): the envelope every record carries, and what
//! each type of record says. Every payload is defined here, below the domain modules that fold
//! them, so that the records are one vocabulary shared by every layer above.

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub mod alert;
pub mod duty;
pub mod entry;
pub mod feedback;
pub mod incident;
pub mod inspect;
pub mod leave;
mod line;
pub mod report;
pub mod request;
pub mod routine;
pub mod sync;
pub mod void;

/// The record schema this binary writes and reads. A record with a newer `v` needs a newer
/// otss.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub v: u32,
    /// A ULID: unique across machines and sortable by the time it was made.
    pub id: String,
    /// When the recorded thing happened, with the contract zone's offset.
    pub at: DateTime<FixedOffset>,
    /// The engineer who recorded it.
    pub by: String,
    /// The BLAKE3 hash of the line this one follows in its file (docs/rules.md §10.6); absent
    /// on records written before files were chained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    #[serde(flatten)]
    pub event: Event,
}

/// Defines `Event`, one variant for each type of record as the ledger spells it, and how the
/// payload of each type is read once its type is known (see `line`).
macro_rules! events {
    ($($tag:literal => $variant:ident($payload:ty),)*) => {
        /// What a record says, by its `type`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "type")]
        pub enum Event {
            $(#[serde(rename = $tag)] $variant($payload),)*
        }

        /// Every type of record, as the ledger spells it.
        #[cfg(test)]
        pub(crate) const EVERY_TYPE: &[&str] = &[$($tag,)*];

        impl Event {
            /// The event of a record of type `tag`, its payload read from the rest of its
            /// line's map; `None` for a type this otss does not know.
            fn read_payload<'de, A: serde::de::MapAccess<'de>>(
                tag: &str,
                rest: A,
            ) -> Result<Option<Event>, A::Error> {
                let rest = serde::de::value::MapAccessDeserializer::new(rest);
                Ok(Some(match tag {
                    $($tag => Event::$variant(<$payload>::deserialize(rest)?),)*
                    _ => return Ok(None),
                }))
            }
        }
    };
}

events! {
    "incident.opened" => IncidentOpened(Box<incident::Opened>),
    "incident.acknowledged" => IncidentAcknowledged(incident::Subject),
    "incident.onsite_requested" => IncidentOnsiteRequested(incident::OnsiteRequested),
    "incident.arrived" => IncidentArrived(incident::Subject),
    "incident.level_changed" => IncidentLevelChanged(Box<incident::LevelChanged>),
    "incident.noted" => IncidentNoted(incident::Noted),
    "incident.resolved" => IncidentResolved(Box<incident::Resolved>),
    "incident.closed" => IncidentClosed(incident::Subject),
    "incident.reopened" => IncidentReopened(incident::Subject),
    "incident.merged" => IncidentMerged(Box<incident::Merged>),
    "incident.amended" => IncidentAmended(incident::Amended),
    "inspection.round" => InspectionRound(inspect::Round),
    "backup.checked" => BackupChecked(routine::BackupCheck),
    "support.logged" => SupportLogged(routine::Consultation),
    "request.added" => RequestAdded(request::Request),
    "note.added" => NoteAdded(routine::Note),
    "overtime.logged" => OvertimeLogged(leave::Overtime),
    "leave.taken" => LeaveTaken(leave::Taken),
    "duty.set" => DutySet(duty::Assignment),
    "report.issued" => ReportIssued(report::Issued),
    "record.voided" => RecordVoided(Box<void::Voided>),
    "sync.rewrite_accepted" => RewriteAccepted(sync::RewriteAccepted),
    "request.forwarded" => RequestForwarded(feedback::Forwarded),
    "request.answered" => RequestAnswered(feedback::Answered),
    "request.closed" => RequestClosed(feedback::Closed),
    "request.declined" => RequestDeclined(feedback::Declined),
    "alert.logged" => AlertLogged(Box<alert::Alert>),
    "alert.policy_added" => AlertPolicyAdded(alert::Policy),
    "alert.policy_changed" => AlertPolicyChanged(alert::Policy),
}

impl Record {
    /// A new record of `event` at `at`, shown with the offset of `zone`.
    pub fn new(id: String, at: DateTime<Utc>, zone: Tz, by: &str, event: Event) -> Record {
        Record {
            v: SCHEMA_VERSION,
            id,
            at: at.with_timezone(&zone).fixed_offset(),
            by: by.to_string(),
            prev: None,
            event,
        }
    }

    /// The same record, chained to the line whose hash is `prev`.
    pub fn chained(self, prev: &str) -> Record {
        Record {
            prev: Some(prev.to_string()),
            ..self
        }
    }

    /// A record as a test states it: its time written in RFC 3339.
    #[cfg(test)]
    pub fn stated(id: &str, at: &str, by: &str, event: Event) -> Record {
        Record {
            v: SCHEMA_VERSION,
            id: id.to_string(),
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            by: by.to_string(),
            prev: None,
            event,
        }
    }

    pub fn instant(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// The record's `type`, as the ledger spells it.
    pub fn type_name(&self) -> String {
        serde_json::to_value(&self.event)
            .ok()
            .and_then(|value| value.get("type")?.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The record as one line, without the newline.
    pub fn to_line(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// The order records are folded in: by time; at the same second an incident's opening
    /// comes first; then by id.
    pub fn fold_order(a: &Record, b: &Record) -> Ordering {
        let opening = |r: &Record| !matches!(r.event, Event::IncidentOpened(_));
        (a.instant(), opening(a), &a.id).cmp(&(b.instant(), opening(b), &b.id))
    }
}

/// The records `pick` recognises, each with what it picked, in the order records are folded.
pub fn select<'a, T>(
    records: &'a [Record],
    pick: impl Fn(&'a Event) -> Option<&'a T>,
) -> Vec<(&'a Record, &'a T)> {
    let mut picked: Vec<(&Record, &T)> = records
        .iter()
        .filter_map(|record| pick(&record.event).map(|t| (record, t)))
        .collect();
    picked.sort_by(|a, b| Record::fold_order(a.0, b.0));
    picked
}

/// Record types, as the ledger spells them (the `type` key), for commands that read only some.
pub mod types {
    pub const INSPECTION_ROUND: &str = "inspection.round";
    pub const BACKUP_CHECKED: &str = "backup.checked";
    pub const DUTY_SET: &str = "duty.set";
    pub const INCIDENT_OPENED: &str = "incident.opened";
    pub const RECORD_VOIDED: &str = "record.voided";
    pub const INCIDENT_AMENDED: &str = "incident.amended";
    pub const REPORT_ISSUED: &str = "report.issued";
    /// What every incident record's type begins with.
    pub const INCIDENT: &str = "incident.";
    pub const REQUEST_ADDED: &str = "request.added";
    pub const REQUEST_FORWARDED: &str = "request.forwarded";
    pub const REQUEST_ANSWERED: &str = "request.answered";
    pub const REQUEST_CLOSED: &str = "request.closed";
    pub const REQUEST_DECLINED: &str = "request.declined";
    /// A request and every record of its life (docs/rules.md §4.11).
    pub const REQUEST_LIFE: [&str; 5] = [
        REQUEST_ADDED,
        REQUEST_FORWARDED,
        REQUEST_ANSWERED,
        REQUEST_CLOSED,
        REQUEST_DECLINED,
    ];
    pub const SUPPORT_LOGGED: &str = "support.logged";
    pub const NOTE_ADDED: &str = "note.added";
    pub const ALERT_LOGGED: &str = "alert.logged";
    pub const ALERT_POLICY_ADDED: &str = "alert.policy_added";
    pub const ALERT_POLICY_CHANGED: &str = "alert.policy_changed";
}
