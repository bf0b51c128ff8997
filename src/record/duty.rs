//! The duty-roster record.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An engineer put on duty for a date (`duty.set`, dated at noon of that day); a later
/// assignment of the date replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub date: NaiveDate,
    pub engineer: String,
}
