//! The record of a report delivered to the customer.

use serde::{Deserialize, Serialize};

/// A report delivered to the customer (`report.issued`): the month it reports on, `YYYY-MM`
/// (the annual summary is the term's last month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub period: String,
}
