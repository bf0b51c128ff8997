//! Official holiday schedules: read from a file, and those the user imported.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::files::{read_text, write_whole};
use crate::calendar::Schedule;

/// The largest schedule file read: a year's official schedule is a few kilobytes.
const MAX_SCHEDULE_BYTES: u64 = 1 << 20;

/// Reads and checks an official schedule file.
pub fn read_schedule(path: &Path) -> Result<Schedule, StoreError> {
    Schedule::parse(&read_text(path, MAX_SCHEDULE_BYTES)?).map_err(|source| StoreError::Schedule {
        path: path.to_path_buf(),
        source,
    })
}

/// Every schedule imported into `dir`, oldest year first. A missing directory holds none.
pub fn imported_schedules(dir: &Path) -> Result<Vec<Schedule>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Read {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            Schedule::parse(&read_text(path, MAX_SCHEDULE_BYTES)?).map_err(|source| {
                StoreError::StoredSchedule {
                    path: path.clone(),
                    source,
                }
            })
        })
        .collect()
}

/// Stores a schedule in `dir` as `YEAR.json`, replacing an earlier import of that year. The
/// file is written whole beside its final name and renamed into place, readable by its owner
/// only. Returns the path and whether an earlier import was replaced.
pub fn save_schedule(dir: &Path, schedule: &Schedule) -> Result<(PathBuf, bool), StoreError> {
    let path = dir.join(format!("{}.json", schedule.year));
    let replaced = path.exists();
    write_whole(&path, schedule.to_json().as_bytes())?;
    Ok((path, replaced))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_schedules_are_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("calendar");
        let schedule = Schedule::parse(
            r#"{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#,
        )
        .unwrap();
        let (path, replaced) = save_schedule(&target, &schedule).unwrap();
        assert!(!replaced);
        assert_eq!(
            imported_schedules(&target).unwrap(),
            std::slice::from_ref(&schedule)
        );
        assert!(save_schedule(&target, &schedule).unwrap().1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&target), 0o700);
        }
        assert_eq!(imported_schedules(&dir.path().join("none")).unwrap(), []);
    }
}
