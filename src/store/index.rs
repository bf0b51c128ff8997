//! The incident index, kept in the user's cache directory in a compact binary form.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::files::write_whole;
use crate::ledger::index::{ClosedIncidents, Index, checksum};

/// The stored index, if there is one this binary can read; anything else is no index.
pub fn read_index(path: &Path) -> Option<Index> {
    let bytes = fs::read(path).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// Where the closed part of an index is stored: beside it.
fn closed_part(path: &Path) -> PathBuf {
    path.with_extension("closed")
}

/// The stored closed part of an index, if it is there and its bytes have `expected` for
/// checksum.
pub fn read_closed_incidents(path: &Path, expected: u64) -> Option<ClosedIncidents> {
    let bytes = fs::read(closed_part(path)).ok()?;
    if checksum(&bytes) != expected {
        return None;
    }
    postcard::from_bytes(&bytes).ok()
}

/// Stores the index whole, in a compact binary form that loads in milliseconds, its closed
/// incidents (when they are all in memory) apart and first: an index never names a closed
/// part other than its own.
pub fn write_index(path: &Path, index: &Index) -> Result<(), StoreError> {
    let (mut kept, closed) = index.split();
    if let Some(closed) = closed {
        let bytes = encode(path, &closed)?;
        write_whole(&closed_part(path), &bytes)?;
        kept.closed_stored(checksum(&bytes));
    }
    write_whole(path, &encode(path, &kept)?)
}

/// A value in the compact binary form, to be written at `path`.
fn encode(path: &Path, value: &impl serde::Serialize) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(value).map_err(|e| StoreError::Write {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_stored_privately_and_anything_unreadable_is_no_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache/index.json");
        assert!(read_index(&path).is_none());
        write_index(&path, &Index::default()).unwrap();
        assert_eq!(read_index(&path), Some(Index::default()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        fs::write(&path, "{ damaged").unwrap();
        assert!(read_index(&path).is_none());
    }
}
