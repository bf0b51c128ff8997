//! The risks inspections found at a site.

use super::{Ledger, Result};
use crate::inspect::Risk;

/// Every risk the ledger tells of, oldest first; with `only_open`, only those still open.
pub fn risks(ledger: &mut Ledger, only_open: bool) -> Result<Vec<Risk>> {
    let mut risks = ledger.risks()?;
    risks.retain(|risk| risk.open || !only_open);
    Ok(risks)
}
