use std::cell::RefCell;

use chrono::{DateTime, TimeDelta};
use proptest::prelude::*;

use super::*;
use crate::incident::record::{Opened, Pinned, Subject};
use crate::incident::{Incident, fold};
use crate::ledger::{Event, SCHEMA_VERSION, parse_file};
use crate::sla::{Level, Rule};

/// Ledger files in memory, each with a modification count for its time.
#[derive(Default)]
struct Memory {
    files: RefCell<BTreeMap<String, Vec<u8>>>,
    modified: RefCell<BTreeMap<String, u128>>,
}

impl Source for Memory {
    type Error = LedgerError;

    fn files(&self) -> Result<Vec<FileStat>, LedgerError> {
        Ok(self
            .files
            .borrow()
            .iter()
            .map(|(name, bytes)| FileStat {
                name: name.clone(),
                len: bytes.len() as u64,
                modified: self.modified.borrow().get(name).copied(),
            })
            .collect())
    }

    fn read(&self, name: &str, from: u64, to: u64) -> Result<Vec<u8>, LedgerError> {
        let files = self.files.borrow();
        let bytes = files.get(name).map(Vec::as_slice).unwrap_or_default();
        let to = (to as usize).min(bytes.len());
        Ok(bytes[(from as usize).min(to)..to].to_vec())
    }
}

impl Memory {
    fn touch(&self, name: &str) {
        *self
            .modified
            .borrow_mut()
            .entry(name.to_string())
            .or_default() += 1;
    }

    /// Appends a record the way the store does: on a fresh line.
    fn append_record(&self, name: &str, line: &str) {
        self.touch(name);
        let mut files = self.files.borrow_mut();
        let bytes = files.entry(name.to_string()).or_default();
        if bytes.last().is_some_and(|b| *b != b'\n') {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }

    fn append_raw(&self, name: &str, raw: &[u8]) {
        self.touch(name);
        self.files
            .borrow_mut()
            .entry(name.to_string())
            .or_default()
            .extend_from_slice(raw);
    }

    /// Everything, read the way a full read does.
    fn full_read(&self) -> (Vec<Incident>, Vec<LineProblem>) {
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for (name, bytes) in self.files.borrow().iter() {
            let (mut found, mut bad) = parse_file(name, bytes).unwrap();
            records.append(&mut found);
            problems.append(&mut bad);
        }
        (fold(&records), problems)
    }
}

fn record(n: u32, incident: &str, event: u8) -> String {
    let at = DateTime::parse_from_rfc3339("2025-03-04T10:00:00+08:00").unwrap()
        + TimeDelta::minutes(i64::from(n));
    let subject = Subject {
        incident: incident.to_string(),
    };
    let event = match event % 6 {
        0 => Event::IncidentOpened(Opened {
            incident: incident.to_string(),
            level: Level::new(2).unwrap(),
            title: format!("incident {incident}"),
            description: None,
            onsite: false,
            response: Pinned {
                due: at + TimeDelta::minutes(30),
                rule: Rule::Immediate {
                    within: TimeDelta::minutes(30),
                },
            },
            arrival: None,
            resolution: None,
        }),
        1 => Event::IncidentAcknowledged(subject),
        2 => Event::IncidentResolved(crate::incident::record::Resolved {
            incident: incident.to_string(),
            summary: "done".to_string(),
            impact: None,
            cause: None,
            fix: None,
        }),
        3 => Event::IncidentClosed(subject),
        4 => Event::IncidentReopened(subject),
        _ => Event::IncidentArrived(subject),
    };
    Record {
        v: SCHEMA_VERSION,
        id: format!("01JQ{n:022}"),
        at,
        by: "li.lei".to_string(),
        event,
    }
    .to_line()
}

#[derive(Debug, Clone)]
enum Op {
    Record { file: u8, incident: u8, event: u8 },
    Torn { file: u8 },
    Garbage { file: u8 },
    Edit { file: u8, at: u16 },
    Truncate { file: u8, keep: u16 },
    Refresh,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..4, 0u8..5, 0u8..6).prop_map(|(file, incident, event)| Op::Record { file, incident, event }),
        1 => (0u8..4).prop_map(|file| Op::Torn { file }),
        1 => (0u8..4).prop_map(|file| Op::Garbage { file }),
        1 => (0u8..4, any::<u16>()).prop_map(|(file, at)| Op::Edit { file, at }),
        1 => (0u8..4, any::<u16>()).prop_map(|(file, keep)| Op::Truncate { file, keep }),
        3 => Just(Op::Refresh),
    ]
}

fn file_name(n: u8) -> String {
    [
        "2025-03/li.lei.jsonl",
        "2025-03/wang.jsonl",
        "2025-04/li.lei.jsonl",
        "2025-04/zhao.jsonl",
    ][usize::from(n) % 4]
        .to_string()
}

/// The index, refreshed from the files, round-tripped through its stored form as the cache
/// would be, and its view of the incidents.
fn indexed(previous: Option<Index>, ledger: &Memory) -> (Index, Vec<Incident>, Vec<Incident>) {
    let stored = previous.map(|i| serde_json::to_string(&i).unwrap());
    let previous = stored.map(|s| serde_json::from_str(&s).unwrap());
    let (index, _) = Index::refresh(previous, ledger).unwrap();
    let open = fold(&index.records(&index.open_ids(), ledger).unwrap());
    let all = fold(&index.records(&index.ids(), ledger).unwrap());
    (index, open, all)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_index_gives_exactly_what_a_full_read_gives(ops in prop::collection::vec(op(), 1..60)) {
        let ledger = Memory::default();
        let mut index = None;
        for (n, op) in ops.into_iter().enumerate() {
            match op {
                Op::Record { file, incident, event } => {
                    ledger.append_record(&file_name(file), &record(n as u32, &format!("I{incident}"), event));
                }
                Op::Torn { file } => ledger.append_raw(&file_name(file), b"{\"v\":1,\"id\":\"01"),
                Op::Garbage { file } => ledger.append_record(&file_name(file), "not a record"),
                Op::Edit { file, at } => {
                    ledger.touch(&file_name(file));
                    if let Some(bytes) = ledger.files.borrow_mut().get_mut(&file_name(file))
                        && !bytes.is_empty()
                    {
                        let at = usize::from(at) % bytes.len();
                        bytes[at] = if bytes[at] == b'X' { b'Y' } else { b'X' };
                    }
                }
                Op::Truncate { file, keep } => {
                    ledger.touch(&file_name(file));
                    if let Some(bytes) = ledger.files.borrow_mut().get_mut(&file_name(file)) {
                        let keep = usize::from(keep) % (bytes.len() + 1);
                        bytes.truncate(keep);
                    }
                }
                Op::Refresh => {}
            }
            let (next, open, all) = indexed(index.take(), &ledger);
            let (full, full_problems) = ledger.full_read();
            let full_open: Vec<Incident> = full.iter().filter(|i| i.status == Status::Open).cloned().collect();
            prop_assert_eq!(&open, &full_open);
            prop_assert_eq!(&all, &full);
            let problems: Vec<LineProblem> = next.problems().into_iter().cloned().collect();
            let mut full_problems = full_problems;
            full_problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            prop_assert_eq!(problems, full_problems);
            index = Some(next);
        }
    }
}

#[test]
fn unchanged_files_are_not_read_again() {
    struct Counting<'a> {
        inner: &'a Memory,
        bytes: RefCell<u64>,
    }
    impl Source for Counting<'_> {
        type Error = LedgerError;
        fn files(&self) -> Result<Vec<FileStat>, LedgerError> {
            self.inner.files()
        }
        fn read(&self, name: &str, from: u64, to: u64) -> Result<Vec<u8>, LedgerError> {
            *self.bytes.borrow_mut() += to - from;
            self.inner.read(name, from, to)
        }
    }
    let ledger = Memory::default();
    for n in 0..200 {
        ledger.append_record("2025-02/a.jsonl", &record(n, &format!("I{n}"), 0));
        ledger.append_record("2025-02/a.jsonl", &record(n, &format!("I{n}"), 2));
    }
    let (index, _) = Index::refresh(None, &ledger).unwrap();
    assert!(index.open_ids().is_empty());
    ledger.append_record("2025-03/a.jsonl", &record(500, "NEW", 0));
    let counting = Counting {
        inner: &ledger,
        bytes: RefCell::new(0),
    };
    let (index, changed) = Index::refresh(Some(index), &counting).unwrap();
    assert!(changed);
    assert_eq!(index.open_ids(), ["NEW"]);
    let new_file = ledger.files.borrow()["2025-03/a.jsonl"].len() as u64;
    assert_eq!(*counting.bytes.borrow(), new_file, "only the new file");
    let (_, changed) = Index::refresh(Some(index), &ledger).unwrap();
    assert!(!changed);
}
