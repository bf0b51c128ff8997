//! The corrections a report shows (docs/rules.md §10.11): every void of a record of its
//! period, whenever it was made, each merge of one of its incidents into another, and each
//! amendment of one of its incidents' texts, with who made it, when and why.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Dated, IncidentFacts};
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

/// The corrections of a period from `from` to `to`: the voids among `records` (of any months)
/// of records of that time, and the amendments of its `incidents`, in the order they were made.
pub fn corrections(
    records: &[Record],
    incidents: &[IncidentFacts],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Dated<Correction>> {
    let voids = records.iter().filter_map(|record| {
        let Event::RecordVoided(void) = &record.event else {
            return None;
        };
        let target_at = void.target_at?.to_utc();
        if !(from..=to).contains(&target_at) {
            return None;
        }
        let action = match void.merged_into {
            Some(_) => CorrectionAction::Merged,
            None => CorrectionAction::Voided,
        };
        Some(Dated {
            at: record.instant(),
            by: record.by.clone(),
            item: Correction {
                id: short_id(&void.target),
                record_type: void.target_type.clone().unwrap_or_default(),
                action,
                reason: void.reason.clone(),
                merged_into: void.merged_into.clone(),
                fields: Vec::new(),
            },
        })
    });
    let mut corrections: Vec<Dated<Correction>> = voids.chain(amendments(incidents)).collect();
    corrections.sort_by_key(|c| c.at);
    corrections
}

/// The amendments of `incidents`, one correction for each record that amended: its texts
/// share its time and author.
fn amendments(incidents: &[IncidentFacts]) -> impl Iterator<Item = Dated<Correction>> + '_ {
    incidents.iter().flat_map(|incident| {
        let made = incident
            .amendments
            .chunk_by(|a, b| (a.at, &a.by) == (b.at, &b.by));
        made.map(|texts| Dated {
            at: texts[0].at,
            by: texts[0].by.clone(),
            item: Correction {
                id: incident.id.clone(),
                record_type: types::INCIDENT_AMENDED.to_string(),
                action: CorrectionAction::Amended,
                reason: String::new(),
                merged_into: None,
                fields: texts.iter().map(|a| a.field).collect(),
            },
        })
    })
}
