//! The application layer: what any front end needs — the command line today, a dashboard or a
//! portfolio tomorrow — to load a site, read and write its ledger and see the day's work,
//! returning plain data. It reads no environment and no clock of its own: the front end takes
//! a snapshot of both once (`Environment`) and hands it in. What it warns about on the way
//! (lines that are not records, entries refused) is returned as data, for the front end to
//! say in the person's language.

mod environment;
pub mod incident;
mod ledger;
pub mod report;
mod site;
pub mod status;
#[cfg(test)]
mod testing;

pub use environment::{Environment, new_record_id};
pub use ledger::{Ledger, Wanted, Warning, append};
pub use site::{Site, SiteError, calendar};
