//! Files of the user's: text read up to a limit, and files written readable by their owner
//! only (customer data), whole or not at all.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ulid::Ulid;

use super::StoreError;

/// The text of a file of at most `limit` bytes. A larger one is not read (it would only
/// stall every command that reads it): `TooLarge`.
pub fn read_text(path: &Path, limit: u64) -> Result<String, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let mut text = String::new();
    file.take(limit + 1)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    if text.len() as u64 > limit {
        let size = fs::metadata(path).map_or(text.len() as u64, |m| m.len());
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    Ok(text)
}

/// Writes a file whole, readable by its owner only: beside its final name first, then
/// renamed into place, so that a reader never sees half of it and a failed write leaves any
/// earlier file as it was, and nothing else behind.
///
/// The file beside it is new, under a name drawn at random, and created only if nothing (not
/// even a link) is there: a link a teammate committed under a name otss might use can never
/// redirect the write.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_whole_as(path, bytes, Durability::Synced)
}

/// Writes a cache file whole, as `write_whole` does, but puts it in place without waiting for
/// the disk: after a crash it may be empty or short, so whoever reads it checks it first.
pub(super) fn write_checked_cache(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_whole_as(path, bytes, Durability::Checked)
}

/// Whether a file written whole is on disk before it takes its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    Synced,
    /// A cache checked by its readers: a crash costs building it again.
    Checked,
}

fn write_whole_as(path: &Path, bytes: &[u8], durability: Durability) -> Result<(), StoreError> {
    let (whole, mut file) = WholeFile::create(path)?;
    file.write_all(bytes).map_err(|e| whole.failed(e))?;
    if durability == Durability::Synced {
        file.sync_all().map_err(|e| whole.failed(e))?;
    }
    drop(file);
    whole.put_in_place()
}

/// A file written whole, as [`write_whole`] writes one, whose bytes are written as they come:
/// the file beside its final name, renamed into place by `commit`, removed if dropped before.
pub struct WholeFile {
    partial: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl WholeFile {
    /// Starts writing `path`: the file to write to, new beside it.
    pub fn create(path: &Path) -> Result<(WholeFile, File), StoreError> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        create_private_dir(dir, path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let whole = WholeFile {
            partial: dir.join(format!(".{name}.{}.partial", Ulid::generate())),
            path: path.to_path_buf(),
            committed: false,
        };
        let file = private_options()
            .write(true)
            .create_new(true)
            .open(&whole.partial);
        let file = file.map_err(|e| whole.failed(e))?;
        Ok((whole, file))
    }

    /// Where it is put once written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A failure to write it, named by its final name.
    pub fn failed(&self, source: io::Error) -> StoreError {
        StoreError::Write {
            path: self.path.clone(),
            source,
        }
    }

    /// Puts the file, written and closed, in its place once it is on disk.
    pub fn commit(self) -> Result<(), StoreError> {
        let synced = File::open(&self.partial).and_then(|file| file.sync_all());
        synced.map_err(|e| self.failed(e))?;
        self.put_in_place()
    }

    /// Puts the file, written and closed, in its place.
    fn put_in_place(mut self) -> Result<(), StoreError> {
        fs::rename(&self.partial, &self.path).map_err(|e| self.failed(e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for WholeFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.partial);
        }
    }
}

/// The entries of a directory, sorted; none when it does not exist.
pub(super) fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

/// Options that create files readable by their owner only (docs/rules.md §8: customer data).
pub(super) fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Makes a new directory entry durable.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Makes `dir`, and what is missing above it, readable by their owner only, for writing `path`
/// below it.
pub(super) fn create_private_dir(dir: &Path, path: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| {
        // A file where a directory belongs is reported as "File exists" (or "Not a
        // directory"), which reads as if the file being written were meant: name it instead.
        let in_the_way = matches!(
            source.kind(),
            io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory
        );
        let path = path.to_path_buf();
        match dir.ancestors().find(|p| p.is_file()) {
            Some(file) if in_the_way => StoreError::FileInTheWay {
                path,
                file: file.to_path_buf(),
            },
            _ => StoreError::Write { path, source },
        }
    })
}

/// A lock held on `path` (created if missing) for as long as the file is kept: when it is
/// dropped or the process ends, however it ends. When another process holds it, `waiting` is
/// told before this one waits its turn.
pub fn hold_lock<E>(
    path: &Path,
    waiting: impl FnOnce() -> Result<(), E>,
) -> Result<Result<File, io::Error>, E> {
    let file = match fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)
    {
        Ok(file) => file,
        Err(error) => return Ok(Err(error)),
    };
    match file.try_lock() {
        Ok(()) => Ok(Ok(file)),
        Err(fs::TryLockError::WouldBlock) => {
            waiting()?;
            Ok(file.lock().map(|()| file))
        }
        Err(fs::TryLockError::Error(error)) => Ok(Err(error)),
    }
}

/// Whether two paths name the same place once links are followed (false when either cannot
/// be resolved).
pub fn same_place(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// A path with every link followed, or as it is when it cannot be resolved.
pub fn resolved(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Writes a new private file with `text`, never replacing one: `Ok(false)` when the file
/// exists.
pub fn create_new(path: &Path, text: &str) -> Result<bool, StoreError> {
    let write_error = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        create_private_dir(dir, path)?;
    }
    let mut file = match private_options().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(write_error(e)),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(write_error)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_larger_than_its_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, "x".repeat(11)).unwrap();
        assert_eq!(read_text(&path, 11).unwrap(), "x".repeat(11));
        match read_text(&path, 10) {
            Err(StoreError::TooLarge { size, limit, .. }) => assert_eq!((size, limit), (11, 10)),
            other => panic!("{other:?}"),
        }
    }

    /// Every entry of `dir` but `keep`, by name.
    #[cfg(unix)]
    fn others(dir: &Path, keep: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !keep.contains(&name.as_str()))
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_whole_never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "untouched").unwrap();
        let path = dir.path().join("out.md");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_whole(&path, b"report").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
        assert!(
            !fs::symlink_metadata(&path).unwrap().is_symlink(),
            "replaced, not followed"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "report");
        let beside = dir.path().join(".new.partial");
        std::os::unix::fs::symlink(&victim, &beside).unwrap();
        let new = private_options().write(true).create_new(true).open(&beside);
        let refused = new.unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_nothing_beside_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let in_the_way = dir.path().join("report.html");
        fs::create_dir(&in_the_way).unwrap();
        fs::write(in_the_way.join("keep"), "").unwrap();
        assert!(write_whole(&in_the_way, b"page").is_err());
        assert_eq!(others(dir.path(), &["report.html"]), Vec::<String>::new());
    }
}
