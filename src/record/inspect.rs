//! The `inspection.round` record: a round of one kind, every checklist item with a result.

use serde::{Deserialize, Serialize};

use crate::capacity::{Passed, Quantity};
use crate::service::InspectionKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Abnormal,
}

/// One checklist item's result in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub item: String,
    pub result: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The value read, for an item measured (docs/rules.md §4.9); rounds recorded before
    /// readings existed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
}

/// A value read for a checklist item, and the contract's threshold it reached, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    #[serde(flatten)]
    pub quantity: Quantity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<Passed>,
}

/// A round of one kind: every item of its checklist with a result (the `inspection.round`
/// record; `at` is when it was done).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub kind: InspectionKind,
    pub items: Vec<ItemResult>,
}
