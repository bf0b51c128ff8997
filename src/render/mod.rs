//! Renderings of the domain for people and scripts: what a person reads (`human`), the JSON
//! views of the stable interface (`json`), Markdown and HTML documents, the new contract file.

pub mod calendar;
pub mod capacity;
pub mod check;
pub mod contract;
pub mod correction;
pub mod human;
pub mod incident;
pub mod init;
pub mod json;
pub mod markdown;
pub mod paths;
pub mod report;
pub mod search;
pub mod sla;
pub mod sync;
pub mod terms;
