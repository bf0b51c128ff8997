//! The overtime and comp-leave records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::DayKind;

/// A day worked outside the working calendar (`overtime.logged`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overtime {
    pub date: NaiveDate,
    pub engineer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    pub kind: DayKind,
    pub comp_days: u32,
}

/// Comp leave taken (`leave.taken`): `days` working days from `date` (docs/rules.md §6.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    /// The first day off.
    pub date: NaiveDate,
    pub engineer: String,
    pub days: u32,
    /// Every day off, when there is more than one. Leave recorded before the days were listed
    /// has none: its days are `days` working days in a row from `date`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<NaiveDate>,
}
