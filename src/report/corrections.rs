//! The corrections a report shows (docs/rules.md §10.11): every void of a record of its
//! period, whenever it was made, each merge of one of its incidents into another, and each
//! amendment of one of its incidents' texts, with who made it, when and why.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Dated;
use crate::ids::short_id;
use crate::record::incident::Field;
use crate::record::{Event, Record, types};

/// What a correction did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionAction {
    /// Withdrawn by a void (a void withdrawn this way restores its record).
    Voided,
    /// An incident opened twice for one fault: this one merged into another.
    Merged,
    /// An incident's texts corrected.
    Amended,
}

/// A correction of a record of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The short id of the record corrected (for an amendment, the incident's id).
    pub id: String,
    pub record_type: String,
    pub action: CorrectionAction,
    pub reason: String,
    /// The incident a merged one was merged into.
    pub merged_into: Option<String>,
    /// The texts an amendment corrected.
    pub fields: Vec<Field>,
}

/// The corrections among `records` (of any months): voids of records that happened from
/// `from` to `to`, and amendments of the `incidents` of that time; in the order they were made.
pub fn corrections(
    records: &[Record],
    incidents: &[&str],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Dated<Correction>> {
    let mut corrections: Vec<Dated<Correction>> = records
        .iter()
        .filter_map(|record| {
            let correction = match &record.event {
                Event::RecordVoided(void) => {
                    let target_at = void.target_at?.to_utc();
                    if !(from..=to).contains(&target_at) {
                        return None;
                    }
                    let action = match void.merged_into {
                        Some(_) => CorrectionAction::Merged,
                        None => CorrectionAction::Voided,
                    };
                    Correction {
                        id: short_id(&void.target),
                        record_type: void.target_type.clone().unwrap_or_default(),
                        action,
                        reason: void.reason.clone(),
                        merged_into: void.merged_into.clone(),
                        fields: Vec::new(),
                    }
                }
                Event::IncidentAmended(amended)
                    if incidents.contains(&amended.incident.as_str()) =>
                {
                    Correction {
                        id: amended.incident.clone(),
                        record_type: types::INCIDENT_AMENDED.to_string(),
                        action: CorrectionAction::Amended,
                        reason: String::new(),
                        merged_into: None,
                        fields: amended.texts.keys().copied().collect(),
                    }
                }
                _ => return None,
            };
            Some(Dated {
                at: record.instant(),
                by: record.by.clone(),
                item: correction,
            })
        })
        .collect();
    corrections.sort_by_key(|c| c.at);
    corrections
}
