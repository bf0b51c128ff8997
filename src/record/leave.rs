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

/// Comp leave taken on a date (`leave.taken`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    pub date: NaiveDate,
    pub engineer: String,
    pub days: u32,
}
