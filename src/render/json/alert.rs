//! The JSON views of alert management (docs/rules.md §4.10, §9.3).

use chrono_tz::Tz;
use serde::Serialize;

use crate::alert::Seen;
use crate::ids::short_id;
use crate::record::Record;
use crate::record::alert::{Alert, Policy};
use crate::time::rfc3339;

/// An alert: its record's short id, when it was raised, by whom it was analysed, and what it
/// says.
#[derive(Serialize)]
pub struct AlertJson {
    id: String,
    at: String,
    by: String,
    #[serde(flatten)]
    alert: Alert,
}

impl AlertJson {
    pub fn new(seen: &Seen<Alert>, zone: Tz) -> AlertJson {
        AlertJson {
            id: short_id(&seen.id),
            at: rfc3339(seen.at, zone),
            by: seen.by.clone(),
            alert: seen.item.clone(),
        }
    }
}

/// `otss alert log --json`: `{"id","class"}` and the rest of the alert.
#[derive(Serialize)]
pub struct LoggedJson(AlertJson);

impl LoggedJson {
    pub fn new(record: &Record, alert: &Alert, zone: Tz) -> LoggedJson {
        let seen = Seen {
            id: record.id.clone(),
            at: record.instant(),
            by: record.by.clone(),
            item: alert.clone(),
        };
        LoggedJson(AlertJson::new(&seen, zone))
    }
}

/// A policy change: `added` or changed, the name and the rule.
#[derive(Serialize)]
pub struct PolicyJson {
    id: String,
    at: String,
    by: String,
    added: bool,
    #[serde(flatten)]
    policy: Policy,
}

impl PolicyJson {
    pub fn new(record: &Record, policy: &Policy, added: bool, zone: Tz) -> PolicyJson {
        PolicyJson {
            id: short_id(&record.id),
            at: rfc3339(record.instant(), zone),
            by: record.by.clone(),
            added,
            policy: policy.clone(),
        }
    }
}
