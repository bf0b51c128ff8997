//! The JSON view of a risk found by inspection.

use chrono_tz::Tz;
use serde::Serialize;

use crate::inspect::Risk;
use crate::service::InspectionKind;
use crate::time::rfc3339;

/// A risk, its times with the contract zone's offset.
#[derive(Serialize)]
pub struct RiskJson<'a> {
    id: &'a str,
    by: &'a str,
    kind: InspectionKind,
    item: &'a str,
    note: &'a str,
    open: bool,
    incident: Option<&'a str>,
    seen: u32,
    last_note: &'a str,
    at: String,
    last_seen: String,
}

impl RiskJson<'_> {
    pub fn new(risk: &Risk, zone: Tz) -> RiskJson<'_> {
        RiskJson {
            id: &risk.id,
            by: &risk.by,
            kind: risk.kind,
            item: &risk.item,
            note: &risk.note,
            open: risk.open,
            incident: risk.incident.as_deref(),
            seen: risk.seen,
            last_note: &risk.last_note,
            at: rfc3339(risk.at, zone),
            last_seen: rfc3339(risk.last_seen, zone),
        }
    }
}
