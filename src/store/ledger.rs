//! The ledger directory on disk: listing its files, reading them in bounded memory, and
//! appending records, never through a link or into anything but a regular file.

use std::cell::RefCell;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::beneath::{self, Access};
use super::files::{create_private_dir, sorted_entries, sync_dir, write_whole};
use crate::ledger::chain;
use crate::ledger::index::{FileStat, Source};
use crate::ledger::lines::{Lines, MAX_LINE};
use crate::ledger::{EntryFault, Refused, partition_month};
use crate::sync;

/// The ledger directory on disk: its `YYYY-MM/NAME.jsonl` files. The directory may be a
/// symbolic link; nothing inside it is followed.
pub struct LedgerDir<'a> {
    dir: &'a Path,
    /// What the last listing passed over.
    refused: RefCell<Vec<Refused>>,
    /// Its directories, held open for the reads after the first.
    held: RefCell<beneath::Held>,
}

impl<'a> LedgerDir<'a> {
    /// A ledger file opened for reading, never through a link, and only a regular file.
    fn open_file(&self, name: &str) -> Result<File, StoreError> {
        let path = self.dir.join(name);
        let (partition, file) = name.split_once('/').unwrap_or(("", name));
        let read_error = |source| StoreError::Read {
            path: path.clone(),
            source,
        };
        let opened = (self.held.borrow_mut().read(self.dir, partition, file))
            .map_err(|source| link_or(&[&self.dir.join(partition), &path], source, read_error))?;
        ensure_regular(&path, &opened)?;
        Ok(opened)
    }

    pub fn new(dir: &'a Path) -> LedgerDir<'a> {
        LedgerDir {
            dir,
            refused: RefCell::new(Vec::new()),
            held: RefCell::default(),
        }
    }

    /// The entries the last listing passed over: links and special files.
    pub fn refused(&self) -> Vec<Refused> {
        self.refused.borrow().clone()
    }

    /// The lines of a file, read in bounded memory, without a checksum.
    pub fn lines(&self, name: &str) -> Result<Lines<BufReader<File>>, StoreError> {
        Ok(Lines::unchecked(self.open(name)?))
    }

    /// Lists one partition's ledger files, noting what is refused.
    fn partition_files(&self, partition: &Path, files: &mut Vec<FileStat>) -> io::Result<()> {
        for path in sorted_entries(partition)? {
            let shown = path.file_name().unwrap_or_default().to_string_lossy();
            if !shown.ends_with(".jsonl") {
                continue;
            }
            let name = self.name_of(&path);
            if !readable_name(&path) {
                self.refuse(name, EntryFault::BadName);
                continue;
            }
            let metadata = fs::symlink_metadata(&path)?;
            match entry_fault(&metadata) {
                None => files.push(file_stat(name, &metadata)),
                Some(fault) => self.refuse(name, fault),
            }
        }
        Ok(())
    }

    fn refuse(&self, name: String, fault: EntryFault) {
        self.refused.borrow_mut().push(Refused { name, fault });
    }

    /// A path inside the ledger by its name relative to it, with `/` separators.
    fn name_of(&self, path: &Path) -> String {
        let relative = path.strip_prefix(self.dir).unwrap_or(path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Whether a file's name can be shown as it is and opened again by it: UTF-8 text with no
/// hidden character.
fn readable_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|name| name.to_str());
    name.is_some_and(|name| !name.contains(|c| crate::text::is_hidden(c) || c == '\n'))
}

/// Why an entry is not to be read as a ledger file, if it is not: a link, or not a regular
/// file.
fn entry_fault(metadata: &fs::Metadata) -> Option<EntryFault> {
    let kind = metadata.file_type();
    if kind.is_symlink() {
        Some(EntryFault::Symlink)
    } else if kind.is_file() {
        None
    } else {
        Some(EntryFault::NotAFile)
    }
}

/// Opens a ledger file for reading without following a link and without waiting on a FIFO,
/// and makes sure what was opened is a regular file.
fn open_ledger_file(path: &Path) -> Result<File, StoreError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = options
        .open(path)
        .map_err(|source| link_or(&[path], source, read_error))?;
    ensure_regular(path, &file)?;
    Ok(file)
}

/// Open flags that refuse a symbolic link as the last part of the path and never block on a
/// FIFO (where the platform has them).
fn no_follow(options: &mut fs::OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    #[cfg(not(unix))]
    let _ = options;
}

/// An error opening a ledger file: the first of `paths` (the parts of its path inside the
/// ledger, outermost first) that is a link is named as such; anything else is as `otherwise`
/// says.
fn link_or(
    paths: &[&Path],
    source: io::Error,
    otherwise: impl FnOnce(io::Error) -> StoreError,
) -> StoreError {
    let is_link = |path: &&&Path| fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
    match paths.iter().find(is_link) {
        Some(link) => StoreError::Refused {
            path: link.to_path_buf(),
            fault: EntryFault::Symlink,
        },
        None => otherwise(source),
    }
}

fn ensure_regular(path: &Path, file: &File) -> Result<(), StoreError> {
    let metadata = file.metadata().map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    refuse_unless(path, entry_fault(&metadata))
}

impl Source for LedgerDir<'_> {
    type Error = StoreError;
    type Reader<'r>
        = BufReader<File>
    where
        Self: 'r;

    fn files(&self) -> Result<Vec<FileStat>, StoreError> {
        let read_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Read { path, source }
        };
        self.refused.borrow_mut().clear();
        let mut files = Vec::new();
        for partition in sorted_entries(self.dir).map_err(read_error(self.dir))? {
            let name = self.name_of(&partition);
            if partition_month(&name).is_none() {
                continue;
            }
            let metadata = fs::symlink_metadata(&partition).map_err(read_error(&partition))?;
            if metadata.file_type().is_symlink() {
                self.refuse(name, EntryFault::Symlink);
            } else if metadata.is_dir() {
                self.partition_files(&partition, &mut files)
                    .map_err(read_error(&partition))?;
            } else {
                self.refuse(name, EntryFault::NotADirectory);
            }
        }
        Ok(files)
    }

    fn open(&self, name: &str) -> Result<BufReader<File>, StoreError> {
        Ok(BufReader::with_capacity(READ_BUFFER, self.open_file(name)?))
    }

    fn read_failed(&self, name: &str, source: io::Error) -> StoreError {
        StoreError::Read {
            path: self.dir.join(name),
            source,
        }
    }

    /// Reads the ranges, nearby ones together: each span of ranges close to one another in
    /// the order given is read whole at once, so scattered records cost a read each and no
    /// more, and records side by side one read together. A range past the end of the file
    /// reads what there is of it.
    fn read(&self, name: &str, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut file = self.open_file(name)?;
        let read_error = |source| self.read_failed(name, source);
        let mut read = Vec::with_capacity(ranges.len());
        for span in spans(ranges) {
            let start = ranges[span.start].start;
            let end = ranges[span.clone()]
                .iter()
                .map(|r| r.end.max(r.start))
                .max()
                .unwrap_or(start);
            file.seek(SeekFrom::Start(start)).map_err(read_error)?;
            let mut bytes = Vec::with_capacity((end - start).min(LONGEST_SPAN) as usize);
            (&mut file)
                .take(end - start)
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
            let within = |offset: u64| ((offset - start) as usize).min(bytes.len());
            read.extend(ranges[span].iter().map(|range| {
                bytes[within(range.start)..within(range.end.max(range.start))].to_vec()
            }));
        }
        Ok(read)
    }
}

/// How far apart two ranges may be to be read in one span: less than a read of its own costs.
const NEARBY: u64 = 16 * 1024;

/// How long a span of ranges read at once may grow.
const LONGEST_SPAN: u64 = 1 << 20;

/// The ranges split into spans (each given by the places of its ranges), a span going on
/// while the next range begins at most `NEARBY` bytes after the ones before it end, not before
/// they end, and the span stays within `LONGEST_SPAN`.
fn spans(ranges: &[Range<u64>]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    let (mut start, mut end) = (0, 0);
    for (n, range) in ranges.iter().enumerate() {
        let range_end = range.end.max(range.start);
        let continues = n > 0
            && range.start >= end
            && range.start - end <= NEARBY
            && range_end - start <= LONGEST_SPAN;
        match spans.last_mut() {
            Some(span) if continues => span.end = n + 1,
            _ => {
                spans.push(n..n + 1);
                start = range.start;
            }
        }
        end = range_end;
    }
    spans
}

/// How much of a ledger file is read at once.
const READ_BUFFER: usize = 64 * 1024;

fn file_stat(name: String, metadata: &fs::Metadata) -> FileStat {
    let nanos = |t: io::Result<std::time::SystemTime>| {
        t.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
    };
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        let seconds = u128::try_from(metadata.ctime()).unwrap_or_default();
        let nanos = u128::try_from(metadata.ctime_nsec()).unwrap_or_default();
        (Some(seconds * 1_000_000_000 + nanos), Some(metadata.ino()))
    };
    #[cfg(not(unix))]
    let (changed, inode) = (None, None);
    FileStat {
        name,
        len: metadata.len(),
        modified: nanos(metadata.modified()),
        changed,
        inode,
    }
}

/// Appends one record line to `dir/partition/stem.jsonl` (docs/rules.md §8): under an exclusive
/// lock, in one write, flushed to disk before returning. `line` makes the record's line from
/// the `prev` it chains to (§10.6), found under the lock: the hash of the file's last whole
/// record. After a torn earlier write (no newline at the end) the record starts on a fresh line
/// and the fragment stays where it is. Existing bytes are never changed; if the write fails,
/// what it added is cut off again, so no partial record is left behind.
pub fn append_record(
    dir: &Path,
    partition: &str,
    stem: &str,
    line: impl Fn(&str) -> io::Result<String>,
) -> Result<Appended, StoreError> {
    let folder = dir.join(partition);
    let name = format!("{stem}.jsonl");
    let path = folder.join(&name);
    let write_error = |source| StoreError::Write {
        path: path.clone(),
        source,
    };
    let ledger_name = format!("{partition}/{name}");
    // Every `prev` is as long as the genesis, so a line too long is refused before any file
    // is touched.
    let len = line(&chain::genesis(&ledger_name))
        .map_err(write_error)?
        .len();
    if len > MAX_LINE {
        return Err(StoreError::RecordTooLong { len });
    }
    if fs::symlink_metadata(&folder).is_ok_and(|m| m.is_symlink()) {
        return Err(StoreError::Refused {
            path: folder,
            fault: EntryFault::Symlink,
        });
    }
    // The ledger, and a file in the way of the month's directory, are named as such here;
    // the opening itself is what no link swapped in meanwhile can redirect.
    create_private_dir(dir, &path)?;
    if folder.exists() {
        create_private_dir(&folder, &path)?;
    }
    if let Ok(metadata) = fs::symlink_metadata(&path) {
        refuse_unless(&path, entry_fault(&metadata))?;
    }
    let (mut file, new_folder) = beneath::open(dir, partition, &name, Access::Append)
        .map_err(|e| link_or(&[&folder, &path], e, write_error))?;
    ensure_regular(&path, &file)?;
    file.lock().map_err(write_error)?;
    let length = file.metadata().map_err(write_error)?.len();
    file.seek(SeekFrom::Start(0)).map_err(write_error)?;
    let prev = chain::parent(&ledger_name, BufReader::new(&file)).map_err(write_error)?;
    let line = line(&prev).map_err(write_error)?;
    let mut bytes = Vec::with_capacity(line.len() + 2);
    if length > 0 && last_byte(&mut file).map_err(write_error)? != b'\n' {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    if let Err(source) = file.write_all(&bytes).and_then(|()| file.sync_all()) {
        let _ = file.set_len(length);
        let _ = file.sync_all();
        return Err(write_error(source));
    }
    // The record is on disk; making a new file's directory entry durable is best effort, as
    // reporting a failure now would only invite a duplicate record.
    if length == 0 {
        let _ = sync_dir(&folder);
    }
    if new_folder {
        let _ = sync_dir(dir);
    }
    Ok(Appended { path, prev })
}

/// A record appended: the file it is in, and the `prev` it was chained to.
#[derive(Debug)]
pub struct Appended {
    pub path: PathBuf,
    pub prev: String,
}

/// An entry found where a ledger file or directory belongs is refused when it has a fault.
fn refuse_unless(path: &Path, fault: Option<EntryFault>) -> Result<(), StoreError> {
    match fault {
        None => Ok(()),
        Some(fault) => Err(StoreError::Refused {
            path: path.to_path_buf(),
            fault,
        }),
    }
}

fn last_byte(file: &mut File) -> io::Result<u8> {
    let mut byte = [0u8; 1];
    file.seek(SeekFrom::End(-1))?;
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}

/// The text of a file kept in the ledger (its `.gitattributes`), or `None` when there is no
/// such file. As for every file in the ledger, a link is refused, never followed: what it
/// points at could be anything of the user's.
pub fn read_text_if_any(path: &Path) -> Result<Option<String>, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = match open_ledger_file(path) {
        Ok(file) => file,
        Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(error) => return Err(error),
    };
    let mut text = String::new();
    file.take(MAX_LINE as u64)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    Ok(Some(text))
}

/// What became of the ledger's `.gitattributes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attributes {
    /// It was otss's already.
    Kept,
    /// There was none, or one an earlier otss wrote: it is written.
    Written,
    /// It was someone else's: otss's is written over it.
    Replaced,
}

/// Writes the ledger's `.gitattributes` as otss owns it, unless it is exactly that already
/// (docs/rules.md §10.9). A link in its place is refused, never followed.
pub fn restore_attributes(ledger: &Path) -> Result<Attributes, StoreError> {
    let path = ledger.join(".gitattributes");
    let existing = read_text_if_any(&path)?;
    if !sync::attributes_to_restore(existing.as_deref()) {
        return Ok(Attributes::Kept);
    }
    write_whole(&path, sync::GITATTRIBUTES.as_bytes())?;
    Ok(match existing {
        Some(text) if sync::attributes_foreign(&text) => Attributes::Replaced,
        _ => Attributes::Written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ranges_read_in_spans_are_the_bytes_of_each_range(
            len in 0usize..80_000,
            ranges in proptest::collection::vec((0u64..90_000, 0u64..40_000), 0..40),
            sorted in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            fs::create_dir(dir.path().join("2025-03")).unwrap();
            let bytes: Vec<u8> = (0..len).map(|n| (n % 251) as u8).collect();
            fs::write(dir.path().join("2025-03/zhang.jsonl"), &bytes).unwrap();
            let mut ranges: Vec<Range<u64>> = ranges.into_iter().map(|(at, len)| at..at + len).collect();
            if sorted {
                ranges.sort_by_key(|r| r.start);
            }
            let read = LedgerDir::new(dir.path()).read("2025-03/zhang.jsonl", &ranges).unwrap();
            let within = |offset: u64| (offset as usize).min(len);
            let expected: Vec<Vec<u8>> = ranges
                .iter()
                .map(|r| bytes[within(r.start)..within(r.end)].to_vec())
                .collect();
            prop_assert_eq!(read, expected);
        }
    }

    #[test]
    fn ranges_close_together_are_one_span_and_ranges_apart_are_not() {
        let ranges = [
            0..100,
            200..300,
            300..400,
            100_000..100_010,
            50..60,
            60..2_000_000,
        ];
        assert_eq!(spans(&ranges), [0..3, 3..4, 4..5, 5..6]);
    }

    /// A line that is the same whatever it chains to.
    fn as_is(line: &str) -> impl Fn(&str) -> io::Result<String> + '_ {
        move |_| Ok(line.to_string())
    }

    #[test]
    fn a_record_longer_than_any_line_read_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(MAX_LINE));
        match append_record(dir.path(), "2025-03", "zhang", as_is(&long)) {
            Err(StoreError::RecordTooLong { len }) => assert_eq!(len, long.len()),
            other => panic!("{other:?}"),
        }
        assert!(!dir.path().join("2025-03").exists(), "nothing created");
        let longest = format!("{{\"t\":\"{}\"}}", "x".repeat(MAX_LINE - 8));
        assert_eq!(longest.len(), MAX_LINE);
        let path = append_record(dir.path(), "2025-03", "zhang", as_is(&longest))
            .unwrap()
            .path;
        let mut lines = LedgerDir::new(dir.path())
            .lines("2025-03/zhang.jsonl")
            .unwrap();
        let line = lines.next_line().unwrap().unwrap();
        assert_eq!(
            line.text,
            crate::ledger::lines::Text::Bytes(longest.as_bytes())
        );
        assert!(path.exists());
    }

    #[test]
    fn appends_go_on_a_fresh_line_after_a_torn_one_and_keep_the_fragment() {
        let dir = tempfile::tempdir().unwrap();
        let path = append_record(dir.path(), "2025-03", "zhang", as_is("{\"a\":1}"))
            .unwrap()
            .path;
        assert_eq!(path, dir.path().join("2025-03/zhang.jsonl"));
        let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"torn\":").unwrap();
        append_record(dir.path(), "2025-03", "zhang", as_is("{\"b\":2}")).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"a\":1}\n{\"torn\":\n{\"b\":2}\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("2025-03")), 0o700);
        }
    }

    #[test]
    fn a_file_where_a_directory_belongs_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let month = dir.path().join("2025-03");
        fs::write(&month, "").unwrap();
        let in_the_way = |ledger: &Path, partition: &str| match append_record(
            ledger,
            partition,
            "zhang",
            as_is("{}"),
        ) {
            Err(StoreError::FileInTheWay { path, file }) => (path, file),
            other => panic!("{other:?}"),
        };
        // Not "File exists" or "Not a directory": as if the ledger file were meant.
        assert_eq!(
            in_the_way(dir.path(), "2025-03"),
            (month.join("zhang.jsonl"), month.clone())
        );
        let below = month.join("ledger");
        assert_eq!(
            in_the_way(&below, "2025-04"),
            (below.join("2025-04/zhang.jsonl"), month.clone())
        );
        assert_eq!(fs::read(&month).unwrap(), b"", "left as it was");
    }

    #[test]
    fn the_ledger_is_listed_by_partition_and_read_by_range() {
        let dir = tempfile::tempdir().unwrap();
        for (partition, stem) in [("2025-03", "b"), ("2025-03", "a"), ("2025-04", "a")] {
            append_record(dir.path(), partition, stem, as_is("{}")).unwrap();
        }
        fs::write(dir.path().join("2025-03/notes.txt"), "not a ledger file").unwrap();
        for other in ["cache", "2025-3"] {
            fs::create_dir(dir.path().join(other)).unwrap();
            fs::write(dir.path().join(other).join("x.jsonl"), "not a partition").unwrap();
        }
        let ledger = LedgerDir::new(dir.path());
        let files = ledger.files().unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["2025-03/a.jsonl", "2025-03/b.jsonl", "2025-04/a.jsonl"]
        );
        assert!(files.iter().all(|f| f.len == 3 && f.modified.is_some()));
        #[cfg(unix)]
        assert!(
            files
                .iter()
                .all(|f| f.changed.is_some() && f.inode.is_some())
        );
        let ranges = ledger
            .read("2025-03/a.jsonl", &[1..3, 0..1, 2..99])
            .unwrap();
        assert_eq!(ranges, [b"}\n".to_vec(), b"{".to_vec(), b"\n".to_vec()]);
        assert!(
            LedgerDir::new(&dir.path().join("none"))
                .files()
                .unwrap()
                .is_empty()
        );
    }
}
