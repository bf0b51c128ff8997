//! All file I/O of otss: finding and reading the contract (`contract`), the official holiday
//! schedules (`schedules`), reading and appending the ledger (`ledger`), keeping the incident
//! index in the cache (`index`), and the private, bounded file handling they share (`files`).
//! Everything else works on values in memory.

mod beneath;
mod contract;
mod files;
mod index;
mod ledger;
mod schedules;

use std::io;
use std::path::PathBuf;

use crate::calendar::ScheduleError;
use crate::ledger::lines::MAX_LINE;
use crate::ledger::{EntryFault, LedgerError};

pub use contract::{CONTRACT_FILE, ContractSearch, default_contract_paths, find_contract};
pub use files::{create_new, hold_lock, read_text, resolved, same_place, write_whole};
pub use index::{read_closed_incidents, read_index, write_index};
pub use ledger::{LedgerDir, append_record, read_text_if_any};
pub use schedules::{imported_schedules, read_schedule, save_schedule};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the contract {path} (from {source_name}) does not exist")]
    ContractMissing { path: PathBuf, source_name: String },
    #[error(
        "no contract found; looked in:\n{}\nwrite one with `otss init` (it asks, or takes \
         --customer --mode --start --end), or point to one with --contract PATH or OTSS_CONTRACT",
        looked.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    )]
    NoContract { looked: Vec<PathBuf> },
    #[error("cannot read {path}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}")]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "this record would be {len} bytes long; a record is at most {MAX_LINE} bytes (1 MiB): \
         shorten its text, or split a checklist this long"
    )]
    RecordTooLong { len: usize },
    #[error(
        "{path} is {size} bytes, more than otss reads of such a file ({limit}): is it the right file?"
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}")]
    Schedule {
        path: PathBuf,
        source: ScheduleError,
    },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(
        "{path} is {}: otss never reads or writes through it; remove it from the ledger \
         (`git rm` it if it came through git), then run the command again",
        match fault {
            EntryFault::Symlink => "a symbolic link",
            EntryFault::NotAFile => "not a regular file",
            EntryFault::NotADirectory => "not a directory",
            EntryFault::BadName => "a name that cannot be shown as it is",
        }
    )]
    Refused { path: PathBuf, fault: EntryFault },
    #[error("{path} (imported earlier) cannot be used; import the schedule again or delete it")]
    StoredSchedule {
        path: PathBuf,
        source: ScheduleError,
    },
}
