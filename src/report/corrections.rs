//! The corrections a report shows (docs/rules.md §10.11): every void of a record of its
//! period, whenever it was made, with who made it, when and why.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Dated;
use crate::ids::short_id;
use crate::record::{Event, Record};

/// What a correction did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionAction {
    /// Withdrawn by a void (a void withdrawn this way restores its record).
    Voided,
}

/// A correction of a record of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The short id of the record corrected.
    pub id: String,
    pub record_type: String,
    pub action: CorrectionAction,
    pub reason: String,
}

/// The corrections among `records` (of any months) of records that happened from `from` to
/// `to`, in the order they were made.
pub fn corrections(
    records: &[Record],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Dated<Correction>> {
    let mut corrections: Vec<Dated<Correction>> = records
        .iter()
        .filter_map(|record| {
            let Event::RecordVoided(void) = &record.event else {
                return None;
            };
            let target_at = void.target_at?.to_utc();
            (from..=to).contains(&target_at).then(|| Dated {
                at: record.instant(),
                by: record.by.clone(),
                item: Correction {
                    id: short_id(&void.target),
                    record_type: void.target_type.clone().unwrap_or_default(),
                    action: CorrectionAction::Voided,
                    reason: void.reason.clone(),
                },
            })
        })
        .collect();
    corrections.sort_by_key(|c| c.at);
    corrections
}
