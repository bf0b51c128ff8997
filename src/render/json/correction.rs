//! The JSON view of a void written (docs/rules.md §10.2).

use chrono_tz::Tz;
use serde::Serialize;

use crate::app::correction::Withdrawal;
use crate::ids::short_id;
use crate::record::Event;
use crate::time::rfc3339;

#[derive(Serialize)]
pub struct VoidJson {
    /// The void's own record id, short.
    pub id: String,
    pub at: String,
    pub by: String,
    pub reason: String,
    /// The record withdrawn, or the void withdrawn so that its record counts again.
    pub target: String,
    pub record_type: String,
    pub restored: bool,
}

impl VoidJson {
    pub fn new(withdrawal: &Withdrawal, zone: Tz) -> VoidJson {
        let reason = match &withdrawal.void.event {
            Event::RecordVoided(void) => void.reason.clone(),
            _ => String::new(),
        };
        VoidJson {
            id: short_id(&withdrawal.void.id),
            at: rfc3339(withdrawal.void.instant(), zone),
            by: withdrawal.void.by.clone(),
            reason,
            target: short_id(&withdrawal.target.id),
            record_type: withdrawal.target.type_name(),
            restored: matches!(withdrawal.target.event, Event::RecordVoided(_)),
        }
    }
}
