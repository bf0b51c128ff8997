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
    use rustix::fs::{Mode, OFlags, mkdirat, open, openat};
    use rustix::io::Errno;

    let directory = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
    let ledger = open(ledger, directory, Mode::empty())?;
    let created = access == Access::Append
        && match mkdirat(&ledger, partition, Mode::from_raw_mode(0o700)) {
            Ok(()) => true,
            Err(Errno::EXIST) => false,
            Err(error) => return Err(error.into()),
        };
    let month = openat(
        &ledger,
        partition,
        directory | OFlags::NOFOLLOW,
        Mode::empty(),
    )?;
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let flags = match access {
        Access::Read => flags | OFlags::RDONLY,
        Access::Append => flags | OFlags::RDWR | OFlags::APPEND | OFlags::CREATE,
    };
    let opened = openat(&month, file, flags, Mode::from_raw_mode(0o600))?;
    Ok((File::from(opened), created))
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
}
