//! The incident index, kept in the user's cache directory in a compact binary form.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::files::write_checked_cache;
use crate::ledger::index::{Index, Part, checksum};

/// The stored index, if there is one this binary can read, whole; anything else is no index.
pub fn read_index(path: &Path) -> Option<Index> {
    postcard::from_bytes(&read_checked(path)?).ok()
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

/// The bytes of a part stored apart after the index, which names its own checksum, if it is
/// there and they match it.
pub fn read_self_checked_part(path: &Path, part: Part) -> Option<Vec<u8>> {
    read_checked(&part_path(path, part))
}

/// Stores a part apart after the index, naming its own checksum first.
pub fn write_self_checked_part(path: &Path, part: Part, bytes: &[u8]) -> Result<(), StoreError> {
    write_checked(&part_path(path, part), bytes)
}

/// The bytes of a file that names its own checksum first, if they match it.
fn read_checked(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = fs::read(path).ok()?;
    let (named, rest) = bytes.split_first_chunk::<8>()?;
    if checksum(rest) != u64::from_le_bytes(*named) {
        return None;
    }
    bytes.drain(..8);
    Some(bytes)
}

fn write_checked(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut stored = checksum(bytes).to_le_bytes().to_vec();
    stored.extend_from_slice(bytes);
    write_checked_cache(path, &stored)
}

/// Stores the index in a compact binary form that loads in milliseconds, the parts it keeps
/// apart first: an index never names a part other than its own. None of its files waits for
/// the disk: each is checked when read (the main file by the checksum it names, each part by
/// the checksum the main file names), so a crash costs a rebuild, never a wrong answer.
pub fn write_index(path: &Path, index: &Index) -> Result<(), StoreError> {
    let main = index.encode(|part, bytes| {
        write_checked_cache(&part_path(path, part), bytes).map_err(Unwritten::Store)
    });
    let main = main.map_err(|unwritten| match unwritten {
        Unwritten::Store(error) => error,
        Unwritten::Encode(error) => StoreError::Write {
            path: path.to_path_buf(),
            source: io::Error::other(error),
        },
    })?;
    write_checked(path, &main)
}

/// Why a part of the index was not written.
enum Unwritten {
    Store(StoreError),
    Encode(postcard::Error),
}

impl From<postcard::Error> for Unwritten {
    fn from(error: postcard::Error) -> Unwritten {
        Unwritten::Encode(error)
    }
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
        write_index(&path, &Index::default()).unwrap();
        let mut bytes = fs::read(&path).unwrap();
        bytes[0] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert!(
            read_index(&path).is_none(),
            "an index whose bytes do not match the checksum it names is no index"
        );
    }

    #[test]
    fn a_part_that_names_its_own_checksum_is_read_only_while_it_matches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache/index");
        assert_eq!(read_self_checked_part(&path, Part::Risks), None);
        write_self_checked_part(&path, Part::Risks, b"found").unwrap();
        assert_eq!(
            read_self_checked_part(&path, Part::Risks).as_deref(),
            Some(&b"found"[..])
        );
        let stored = part_path(&path, Part::Risks);
        let mut bytes = fs::read(&stored).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        fs::write(&stored, &bytes).unwrap();
        assert_eq!(read_self_checked_part(&path, Part::Risks), None);
        fs::write(&stored, b"short").unwrap();
        assert_eq!(read_self_checked_part(&path, Part::Risks), None);
    }
}
