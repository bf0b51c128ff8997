//! Opening a ledger file without following any link inside the ledger, even one a checkout
//! or another process swaps in while otss works: the month's directory is opened first,
//! refusing a link, and the file is opened relative to that open directory, refusing a link
//! again and never waiting on a FIFO. The ledger directory itself may be a link.

use std::fs::File;
use std::io;
use std::path::Path;

/// What a ledger file is opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Appending, creating the month's directory (0700) and the file (0600) when missing.
    Append,
}

/// The file `file` of the month `partition` beneath the ledger directory `ledger`, and whether
/// the month's directory was created now.
#[cfg(unix)]
pub fn open(
    ledger: &Path,
    partition: &str,
    file: &str,
    access: Access,
) -> io::Result<(File, bool)> {
    use rustix::fs::{Mode, mkdirat};
    use rustix::io::Errno;

    let ledger = unix::open_ledger(ledger)?;
    let created = access == Access::Append
        && match mkdirat(&ledger, partition, Mode::from_raw_mode(0o700)) {
            Ok(()) => true,
            Err(Errno::EXIST) => false,
            Err(error) => return Err(error.into()),
        };
    let month = unix::open_month(&ledger, partition)?;
    Ok((unix::open_in_month(&month, file, access)?, created))
}

/// The directories of a ledger held open while its files are read one after another, so that
/// each is opened once: the ledger's own, and each month's, never through a link.
#[derive(Default)]
pub struct Held {
    #[cfg(unix)]
    ledger: Option<rustix::fd::OwnedFd>,
    #[cfg(unix)]
    months: std::collections::HashMap<String, rustix::fd::OwnedFd>,
}

impl Held {
    /// The file `file` of the month `partition` beneath the ledger directory `ledger`, opened
    /// for reading through the directories held, opening each the first time.
    #[cfg(unix)]
    pub fn read(&mut self, ledger: &Path, partition: &str, file: &str) -> io::Result<File> {
        let ledger = match &mut self.ledger {
            Some(held) => held,
            empty => empty.insert(unix::open_ledger(ledger)?),
        };
        let month = match self.months.entry(partition.to_string()) {
            std::collections::hash_map::Entry::Occupied(held) => held.into_mut(),
            std::collections::hash_map::Entry::Vacant(empty) => {
                empty.insert(unix::open_month(ledger, partition)?)
            }
        };
        unix::open_in_month(month, file, Access::Read)
    }

    /// The file `file` of the month `partition` beneath the ledger directory `ledger`, opened
    /// for reading.
    #[cfg(not(unix))]
    pub fn read(&mut self, ledger: &Path, partition: &str, file: &str) -> io::Result<File> {
        Ok(open(ledger, partition, file, Access::Read)?.0)
    }
}

#[cfg(unix)]
mod unix {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    use rustix::fd::OwnedFd;
    use rustix::fs::{Mode, OFlags, open, openat};

    use super::Access;

    const DIRECTORY: OFlags = OFlags::DIRECTORY
        .union(OFlags::RDONLY)
        .union(OFlags::CLOEXEC);

    /// The ledger directory, which may be a link.
    pub(super) fn open_ledger(ledger: &Path) -> io::Result<OwnedFd> {
        Ok(open(ledger, DIRECTORY, Mode::empty())?)
    }

    /// A month's directory of the open ledger directory, refusing a link.
    pub(super) fn open_month(ledger: &OwnedFd, partition: &str) -> io::Result<OwnedFd> {
        Ok(openat(
            ledger,
            partition,
            DIRECTORY | OFlags::NOFOLLOW,
            Mode::empty(),
        )?)
    }

    /// A file of the open month's directory, refusing a link and never waiting on a FIFO.
    pub(super) fn open_in_month(month: &OwnedFd, file: &str, access: Access) -> io::Result<File> {
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let flags = match access {
            Access::Read => flags | OFlags::RDONLY,
            Access::Append => flags | OFlags::RDWR | OFlags::APPEND | OFlags::CREATE,
        };
        Ok(File::from(openat(
            month,
            file,
            flags,
            Mode::from_raw_mode(0o600),
        )?))
    }
}

/// Where the platform cannot open a file relative to a directory, the path is checked part by
/// part just before it is opened.
#[cfg(not(unix))]
pub fn open(
    ledger: &Path,
    partition: &str,
    file: &str,
    access: Access,
) -> io::Result<(File, bool)> {
    let month = ledger.join(partition);
    let created = access == Access::Append && !month.exists();
    if created {
        std::fs::create_dir_all(&month)?;
    }
    for part in [&month, &month.join(file)] {
        if std::fs::symlink_metadata(part).is_ok_and(|m| m.file_type().is_symlink()) {
            // Named as a link by the caller, which looks again.
            return Err(io::ErrorKind::InvalidFilename.into());
        }
    }
    let mut options = std::fs::OpenOptions::new();
    match access {
        Access::Read => options.read(true),
        Access::Append => options.read(true).append(true).create(true),
    };
    Ok((options.open(month.join(file))?, created))
}

#[cfg(all(test, unix))]
mod tests {
    use std::fs;
    use std::io::Write;
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn no_link_inside_the_ledger_is_followed_even_when_opened_directly() {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, elsewhere) = (dir.path().join("ledger"), dir.path().join("elsewhere"));
        fs::create_dir_all(&ledger).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("li.lei.jsonl"), "theirs\n").unwrap();
        symlink(&elsewhere, ledger.join("2025-03")).unwrap();
        symlink(elsewhere.join("li.lei.jsonl"), elsewhere.join("link.jsonl")).unwrap();
        for access in [Access::Read, Access::Append] {
            assert!(open(&ledger, "2025-03", "li.lei.jsonl", access).is_err());
        }
        fs::create_dir(ledger.join("2025-04")).unwrap();
        symlink(
            elsewhere.join("li.lei.jsonl"),
            ledger.join("2025-04/li.lei.jsonl"),
        )
        .unwrap();
        assert!(open(&ledger, "2025-04", "li.lei.jsonl", Access::Append).is_err());
        assert_eq!(
            fs::read_to_string(elsewhere.join("li.lei.jsonl")).unwrap(),
            "theirs\n"
        );

        let (mut file, created) = open(&ledger, "2025-05", "li.lei.jsonl", Access::Append).unwrap();
        assert!(created);
        file.write_all(b"{}\n").unwrap();
        let (_, again) = open(&ledger, "2025-05", "li.lei.jsonl", Access::Append).unwrap();
        assert!(!again);
    }

    #[test]
    fn a_month_held_open_is_read_where_it_was_and_a_link_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, elsewhere) = (dir.path().join("ledger"), dir.path().join("elsewhere"));
        fs::create_dir_all(ledger.join("2025-03")).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(ledger.join("2025-03/li.lei.jsonl"), "ours\n").unwrap();
        fs::write(elsewhere.join("li.lei.jsonl"), "theirs\n").unwrap();
        symlink(&elsewhere, ledger.join("2025-04")).unwrap();
        let read = |held: &mut Held, partition| {
            let file = held.read(&ledger, partition, "li.lei.jsonl");
            file.map(|file| std::io::read_to_string(file).unwrap())
        };
        let mut held = Held::default();
        assert_eq!(read(&mut held, "2025-03").unwrap(), "ours\n");
        assert!(read(&mut held, "2025-04").is_err());
        // The month swapped for a link while held: still read where it was opened.
        fs::rename(ledger.join("2025-03"), dir.path().join("moved")).unwrap();
        symlink(&elsewhere, ledger.join("2025-03")).unwrap();
        assert_eq!(read(&mut held, "2025-03").unwrap(), "ours\n");
        assert!(read(&mut Held::default(), "2025-03").is_err());
    }
}
