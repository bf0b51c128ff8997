//! otss: the on-site technical support engineer's tool.
//!
//! The domain modules (`contract`, `calendar`, `sla`, `service`) are pure: no file access, no
//! clock. `store` does all file I/O; `cli` reads the environment and the clock once and wires
//! everything together; `output` owns how things are shown.

/// `Display` for errors that serde must be able to show (a value refused by `try_from`, a custom
/// error): their `Debug` form. What a person reads of an error comes from the catalogue
/// (`i18n`), never from here.
macro_rules! display_as_debug {
    ($($error:ty),+ $(,)?) => {
        $(impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self, f)
            }
        })+
    };
}

pub mod alert;
pub mod app;
pub mod calendar;
pub mod capacity;
pub mod check;
pub mod cli;
pub mod contract;
pub mod duplicate;
pub mod duty;
pub mod feedback;
pub mod git;
pub mod i18n;
pub mod ids;
pub mod incident;
pub mod inspect;
pub mod lang;
pub mod leave;
pub mod ledger;
pub mod output;
pub mod period;
pub mod record;
pub mod render;
pub mod report;
pub mod request;
pub mod routine;
pub mod search;
pub mod service;
pub mod sla;
pub mod store;
pub mod suggest;
pub mod sync;
pub mod text;
pub mod time;
