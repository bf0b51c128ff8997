//! The application layer: what any front end needs — the command line today, a dashboard or a
//! portfolio tomorrow — to load a site, read and write its ledger and see the day's work,
//! returning plain data. It reads no environment and no clock of its own: the front end takes
//! a snapshot of both once (`Environment`) and hands it in. What it warns about on the way
//! (lines that are not records, entries refused) is returned as data, for the front end to
//! say in the person's language.

pub mod alert;
pub mod calendar;
pub mod capacity;
pub mod check;
pub mod contract;
pub mod correction;
mod duplicate;
pub mod duty;
mod environment;
mod error;
pub mod export;
pub mod feedback;
pub mod fingerprint;
pub mod incident;
pub mod init;
pub mod inspect;
pub mod leave;
mod ledger;
pub mod paths;
pub mod portfolio;
pub mod report;
pub mod risk;
pub mod routine;
pub mod search;
mod site;
pub mod sla;
pub mod status;
pub mod sync;
#[cfg(test)]
mod testing;
mod write;

pub use duplicate::Repeats;
pub use environment::{Environment, amount, new_record_id};
pub use error::{Error, ErrorKind, Input, Result, Usage, non_empty};
pub use ledger::{Ledger, Wanted, Warning, append};
pub use site::{Site, SiteError, calendar, contract_language};
pub use write::writer;
