//! The JSON view of a risk found by inspection.

use chrono_tz::Tz;
use serde::Serialize;

use crate::inspect::Risk;
use crate::time::rfc3339;

/// A risk, its times with the contract zone's offset.
#[derive(Serialize)]
pub struct RiskJson<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    at: String,
    last_seen: String,
}

impl RiskJson<'_> {
    pub fn new(risk: &Risk, zone: Tz) -> RiskJson<'_> {
        RiskJson {
            at: rfc3339(risk.at, zone),
            last_seen: rfc3339(risk.last_seen, zone),
            risk,
        }
    }
}
