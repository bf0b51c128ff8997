//! All file I/O of otss: finding and reading the contract (`contract`), the official holiday
//! schedules (`schedules`), reading and appending the ledger (`ledger`), keeping the incident
//! index in the cache (`index`), the search index beside it (`search`), and the private, bounded file handling they share (`files`).
//! Everything else works on values in memory.

mod acknowledge;
mod beneath;
mod contract;
pub mod export;
mod files;
mod index;
mod ledger;
mod schedules;
mod search;

use std::io;
use std::path::PathBuf;

use crate::calendar::ScheduleError;
use crate::ledger::{EntryFault, LedgerError};

pub use acknowledge::{acknowledge_contract, add_unacknowledged, unacknowledged};
pub use contract::{
    CONTRACT_FILE, ContractSearch, NamedBy, contract_above, default_contract_paths, find_contract,
    ledger_around,
};
pub use files::{create_new, hold_lock, read_text, resolved, same_place, write_whole};
pub use index::{
    read_index, read_index_part, read_self_checked_part, write_index, write_self_checked_part,
};
pub use ledger::{
    Appended, Attributes, LedgerDir, append_record, read_text_if_any, restore_attributes,
};
pub use schedules::{imported_schedules, read_schedule, save_schedule};
pub use search::{Fields, Found, SearchIndex, Writer};

/// Why a file cannot be read or written, and which.
#[derive(Debug)]
pub enum StoreError {
    /// A contract named that is not there.
    ContractMissing {
        path: PathBuf,
        named_by: NamedBy,
    },
    /// No contract in any of the places looked in; `ledger` is a site's ledger the working
    /// directory is in or above, where no new contract belongs.
    NoContract {
        looked: Vec<PathBuf>,
        ledger: Option<PathBuf>,
    },
    Read {
        path: PathBuf,
        source: io::Error,
    },
    Write {
        path: PathBuf,
        source: io::Error,
    },
    /// `path` cannot be written: `file` is where a directory above it belongs.
    FileInTheWay {
        path: PathBuf,
        file: PathBuf,
    },
    /// A record longer than a ledger line may be, of this many bytes.
    RecordTooLong {
        len: usize,
    },
    /// A file larger than otss reads of its kind.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// A schedule file that is not one.
    Schedule {
        path: PathBuf,
        source: ScheduleError,
    },
    Ledger(LedgerError),
    /// An entry of the ledger otss never reads or writes through.
    Refused {
        path: PathBuf,
        fault: EntryFault,
    },
    /// A schedule imported earlier that is no longer one.
    StoredSchedule {
        path: PathBuf,
        source: ScheduleError,
    },
}

impl From<LedgerError> for StoreError {
    fn from(error: LedgerError) -> StoreError {
        StoreError::Ledger(error)
    }
}
