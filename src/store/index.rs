//! The incident index, kept in the user's cache directory in a compact binary form.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::files::write_whole;
use crate::ledger::index::{Index, Part, checksum};

/// The stored index, if there is one this binary can read; anything else is no index.
pub fn read_index(path: &Path) -> Option<Index> {
    let bytes = fs::read(path).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// Where a part of an index stored apart is: beside it, named by the part.
fn part_path(path: &Path, part: Part) -> PathBuf {
    path.with_extension(part.name())
}

/// The bytes of a stored part of an index, if it is there and they have `expected` for
/// checksum.
pub fn read_index_part(path: &Path, part: Part, expected: u64) -> Option<Vec<u8>> {
    let bytes = fs::read(part_path(path, part)).ok()?;
    (checksum(&bytes) == expected).then_some(bytes)
}

/// Stores the index in a compact binary form that loads in milliseconds, the parts it keeps
/// apart first: an index never names a part other than its own.
pub fn write_index(path: &Path, index: &Index) -> Result<(), StoreError> {
    let encoded = index.encode().map_err(|e| StoreError::Write {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    for (part, bytes) in &encoded.apart {
        write_whole(&part_path(path, *part), bytes)?;
    }
    write_whole(path, &encoded.main)
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
