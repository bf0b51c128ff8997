use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;
use crate::calendar::DayKind;
use crate::capacity::{Passed, Quantity, Severity, Unit};
use crate::contract::{Contract, Level};
use crate::incident::{Incident, fold};
use crate::inspect::trend;
use crate::record::incident::{Clocks, Opened, Pinned, Subject};
use crate::record::inspect::{ItemResult, Outcome, Reading, Round};
use crate::record::leave::{Overtime, Taken};
use crate::record::routine::BackupCheck;
use crate::record::{Event, SCHEMA_VERSION};
use crate::service::InspectionKind;
use crate::sla::Rule;
use crate::{feedback, inspect, leave, routine};

/// Ledger files in memory. Every write bumps a file's change count (its ctime); a plain write
/// bumps its modification count too, a write that restores the modification time does not.
#[derive(Default)]
pub(crate) struct Memory {
    pub(crate) files: RefCell<BTreeMap<String, Vec<u8>>>,
    modified: RefCell<BTreeMap<String, u128>>,
    changed: RefCell<BTreeMap<String, u128>>,
    pub(crate) read_bytes: RefCell<u64>,
}

impl Source for Memory {
    type Error = LedgerError;
    type Reader<'a> = std::io::Cursor<Vec<u8>>;

    fn files(&self) -> Result<Vec<FileStat>, LedgerError> {
        Ok(self
            .files
            .borrow()
            .iter()
            .map(|(name, bytes)| FileStat {
                name: name.clone(),
                len: bytes.len() as u64,
                modified: self.modified.borrow().get(name).copied(),
                changed: self.changed.borrow().get(name).copied(),
                inode: Some(7),
            })
            .collect())
    }

    fn open(&self, name: &str) -> Result<Self::Reader<'_>, LedgerError> {
        let bytes = self.files.borrow().get(name).cloned().unwrap_or_default();
        *self.read_bytes.borrow_mut() += bytes.len() as u64;
        Ok(std::io::Cursor::new(bytes))
    }

    fn read_failed(&self, name: &str, error: std::io::Error) -> LedgerError {
        unreachable!("{name}: memory cannot fail to read: {error}")
    }

    fn read(&self, name: &str, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>, LedgerError> {
        let files = self.files.borrow();
        let bytes = files.get(name).map(Vec::as_slice).unwrap_or_default();
        Ok(ranges
            .iter()
            .map(|range| {
                let end = (range.end as usize).min(bytes.len());
                let start = (range.start as usize).min(end);
                *self.read_bytes.borrow_mut() += (end - start) as u64;
                bytes[start..end].to_vec()
            })
            .collect())
    }
}

impl Memory {
    pub(crate) fn write(&self, name: &str, keep_modified: bool, change: impl FnOnce(&mut Vec<u8>)) {
        *self
            .changed
            .borrow_mut()
            .entry(name.to_string())
            .or_default() += 1;
        if !keep_modified {
            *self
                .modified
                .borrow_mut()
                .entry(name.to_string())
                .or_default() += 1;
        }
        change(self.files.borrow_mut().entry(name.to_string()).or_default());
    }

    /// Appends a record the way the store does: on a fresh line.
    pub(crate) fn append_record(&self, name: &str, line: &str) {
        self.write(name, false, |bytes| {
            if bytes.last().is_some_and(|b| *b != b'\n') {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        });
    }

    /// Everything, read whole, with the problems a read tells one by one.
    fn full_read(&self) -> (Vec<Record>, Vec<LineProblem>) {
        let mut records = Vec::new();
        let mut told = Problems::default();
        let mut unfinished = Vec::new();
        for (name, bytes) in self.files.borrow().iter() {
            let lines = crate::ledger::read_lines(name, bytes, 1).unwrap();
            for line in lines {
                match line.problem(name) {
                    Some(problem) if line.terminated => told.note(problem),
                    Some(problem) => unfinished.push(problem),
                    None => {}
                }
                records.extend(line.record);
            }
        }
        let mut problems: Vec<LineProblem> = told.told().to_vec();
        problems.extend(unfinished);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        (records, problems)
    }
}

/// A move of the request the record before added, when it was one: forwarded, answered,
/// declined or closed by turns.
fn request_move(n: u32) -> Event {
    use crate::record::feedback::{Answered, Closed, Declined, Forwarded};
    let request = format!("01JQ{:022}", n.saturating_sub(1));
    match n % 4 {
        0 => Event::RequestForwarded(Forwarded {
            request,
            to: "CLB team".to_string(),
        }),
        1 => Event::RequestAnswered(Answered {
            request,
            answer: "done".to_string(),
        }),
        2 => Event::RequestDeclined(Declined {
            request,
            reason: "out of scope".to_string(),
        }),
        _ => Event::RequestClosed(Closed { request }),
    }
}

/// When the `n`th test record happens.
fn record_at(n: u32) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2025-03-04T10:00:00+08:00").unwrap()
        + TimeDelta::minutes(i64::from(n))
}

pub(crate) fn record(n: u32, incident: &str, event: u8) -> String {
    let at = record_at(n);
    let subject = Subject {
        incident: incident.to_string(),
    };
    let event = match event % EVENTS {
        0 | 10 => Event::IncidentOpened(Box::new(Opened {
            incident: incident.to_string(),
            level: Level::new(2).unwrap(),
            title: format!("incident {incident}"),
            description: None,
            onsite: false,
            from_risk: (event % EVENTS == 10).then(|| format!("R{}", n % 3)),
            clocks: Clocks {
                response: Pinned {
                    due: at + TimeDelta::minutes(30),
                    rule: Rule::Immediate {
                        within: TimeDelta::minutes(30),
                    },
                },
                arrival: None,
                resolution: None,
            },
        })),
        1 => Event::IncidentAcknowledged(subject),
        2 => Event::IncidentResolved(Box::new(crate::record::incident::Resolved {
            incident: incident.to_string(),
            summary: "done".to_string(),
            impact: None,
            cause: None,
            fix: None,
        })),
        3 => Event::IncidentClosed(subject),
        4 => Event::IncidentReopened(subject),
        5 => Event::IncidentArrived(subject),
        7 => Event::InspectionRound(round(n)),
        8 => Event::BackupChecked(BackupCheck {
            // Jobs are one whatever their case.
            job: if n.is_multiple_of(2) { "Job" } else { "job" }.to_string() + incident,
            ok: !n.is_multiple_of(3),
            note: (n.is_multiple_of(3)).then(|| "failed".to_string()),
        }),
        9 => leave(n),
        11 => Event::RequestAdded(crate::record::request::Request {
            text: format!("request {incident}"),
            in_scope: true,
            category: None,
            matched: Vec::new(),
            forced: false,
            reason: None,
        }),
        12 => request_move(n),
        _ => Event::ReportIssued(crate::record::report::Issued {
            period: format!("2025-0{}", n % 3 + 1),
            ..Default::default()
        }),
    };
    line_at(n, at, event)
}

/// The line of a record with the id of the `n`th test record, at `at`, made by `event`.
fn line_at(n: u32, at: DateTime<chrono::FixedOffset>, event: Event) -> String {
    Record {
        v: SCHEMA_VERSION,
        id: format!("01JQ{n:022}"),
        at,
        by: "li.lei".to_string(),
        prev: None,
        event,
    }
    .to_line()
    .unwrap()
}

/// A record as `record` writes it, dated forty days earlier: an incident closed then is
/// stored apart from the open ones.
fn forty_days_before(n: u32, incident: &str, event: u8) -> String {
    days_before(40, n, incident, event)
}

/// A record as `record` writes it, dated `days` earlier.
fn days_before(days: u8, n: u32, incident: &str, event: u8) -> String {
    let mut earlier: Record = serde_json::from_str(&record(n, incident, event)).unwrap();
    earlier.at -= TimeDelta::days(i64::from(days));
    earlier.to_line().unwrap()
}

/// How many kinds of record `record` writes.
const EVENTS: u8 = 13;

/// A round that finds its first item abnormal now and then.
fn round(n: u32) -> Round {
    let result = |item: &str, abnormal: bool| ItemResult {
        item: item.to_string(),
        result: if abnormal {
            Outcome::Abnormal
        } else {
            Outcome::Ok
        },
        note: Some(format!("seen {n}")).filter(|_| abnormal || n.is_multiple_of(2)),
        reading: (!n.is_multiple_of(4)).then(|| Reading {
            quantity: Quantity {
                value: f64::from(n % 97) / 4.0,
                unit: Unit::ALL[n as usize % 3],
            },
            passed: n.is_multiple_of(7).then_some(Passed {
                level: Severity::Warn,
                threshold: Quantity {
                    value: 80.0,
                    unit: Unit::Percent,
                },
            }),
        }),
    };
    Round {
        kind: InspectionKind::ALL[n as usize % 2],
        items: vec![
            result("cpu", n.is_multiple_of(3)),
            result("disk", n.is_multiple_of(5)),
        ],
    }
}

/// Overtime logged, or leave taken, by one of two engineers.
fn leave(n: u32) -> Event {
    let engineer = ["li.lei", "Wang"][n as usize % 2].to_string();
    let date = NaiveDate::from_ymd_opt(2025, 3, 1 + n % 28).unwrap();
    if n.is_multiple_of(3) {
        Event::LeaveTaken(Taken {
            date,
            engineer,
            days: 1,
            dates: Vec::new(),
        })
    } else {
        Event::OvertimeLogged(Overtime {
            date,
            engineer,
            hours: None,
            kind: DayKind::Weekend,
            comp_days: 1 + n % 2,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// A record, dated some days before the others now and then: its incident may be stored
    /// in a closed part, and in period parts of other times.
    Record {
        file: u8,
        incident: u8,
        event: u8,
        days: u8,
    },
    Torn {
        file: u8,
    },
    Garbage {
        file: u8,
    },
    /// A hand edit of one byte, perhaps putting the modification time back.
    Edit {
        file: u8,
        at: u16,
        keep_modified: bool,
    },
    Truncate {
        file: u8,
        keep: u16,
    },
    /// A copy of a file under another name, as sync tools leave on a conflict.
    Copy {
        file: u8,
    },
    Refresh,
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..4, 0u8..5, 0..EVENTS, prop_oneof![6 => Just(0u8), 1 => Just(40), 1 => Just(100)])
            .prop_map(|(file, incident, event, days)| Op::Record { file, incident, event, days }),
        1 => (0u8..4).prop_map(|file| Op::Torn { file }),
        1 => (0u8..4).prop_map(|file| Op::Garbage { file }),
        1 => (0u8..4, any::<u16>(), any::<bool>()).prop_map(|(file, at, keep_modified)| Op::Edit { file, at, keep_modified }),
        1 => (0u8..4, any::<u16>()).prop_map(|(file, keep)| Op::Truncate { file, keep }),
        1 => (0u8..4).prop_map(|file| Op::Copy { file }),
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

pub(crate) fn apply(ledger: &Memory, n: usize, op: Op) {
    match op {
        Op::Record {
            file,
            incident,
            event,
            days,
        } => {
            ledger.append_record(
                &file_name(file),
                // Ids of two first bytes: their closed entries are stored in two parts.
                &days_before(
                    days,
                    n as u32,
                    &format!("{}{incident}", ["I", "J"][usize::from(incident % 2)]),
                    event,
                ),
            );
        }
        Op::Torn { file } => ledger.write(&file_name(file), false, |b| {
            b.extend_from_slice(b"{\"v\":1,\"id\":\"01")
        }),
        Op::Garbage { file } => ledger.append_record(&file_name(file), "not a record"),
        Op::Edit {
            file,
            at,
            keep_modified,
        } => ledger.write(&file_name(file), keep_modified, |bytes| {
            if !bytes.is_empty() {
                let at = usize::from(at) % bytes.len();
                bytes[at] = if bytes[at] == b'X' { b'Y' } else { b'X' };
            }
        }),
        Op::Truncate { file, keep } => ledger.write(&file_name(file), false, |bytes| {
            bytes.truncate(usize::from(keep) % (bytes.len() + 1));
        }),
        Op::Copy { file } => {
            let bytes = ledger
                .files
                .borrow()
                .get(&file_name(file))
                .cloned()
                .unwrap_or_default();
            ledger.write("2025-03/li.lei (copy).jsonl", false, |copy| *copy = bytes);
        }
        Op::Refresh => {}
    }
}

/// The main part of `index` as stored, each part apart handed to `put`.
fn encoded(index: &Index, mut put: impl FnMut(Part, &[u8])) -> Vec<u8> {
    let main = index.encode(|part, bytes| {
        put(part, bytes);
        Ok::<(), postcard::Error>(())
    });
    main.unwrap()
}

/// An index as the cache stores it: the main part, and each part stored apart by its name.
#[derive(Default)]
struct Stored {
    main: Option<Vec<u8>>,
    apart: BTreeMap<String, Vec<u8>>,
}

impl Stored {
    fn store(&mut self, index: &Index) {
        let main = encoded(index, |part, bytes| {
            self.apart.insert(part.name(), bytes.to_vec());
        });
        self.main = Some(main);
    }

    fn load(&self) -> Option<Index> {
        postcard::from_bytes(self.main.as_ref()?).ok()
    }

    fn part(&self, part: Part, expected: u64) -> Option<Vec<u8>> {
        let bytes = self.apart.get(&part.name())?;
        (checksum(bytes) == expected).then(|| bytes.clone())
    }

    /// A loader of its parts that notes in `loads` the name of each part it is asked for.
    fn noting<'a>(
        &'a self,
        loads: &'a RefCell<Vec<String>>,
    ) -> impl FnMut(Part, u64) -> Option<Vec<u8>> + 'a {
        move |part, sum| {
            loads.borrow_mut().push(part.name());
            self.part(part, sum)
        }
    }
}

/// A refresh with no stored part to load.
fn refresh(previous: Option<Index>, ledger: &Memory) -> (Index, bool) {
    Index::refresh(previous, ledger, &mut |_, _| None).unwrap()
}

/// The index, refreshed from the files through its stored form as the cache keeps it and
/// stored again as a command would (with its closed part only when it had to load it), and
/// its view of the incidents: the open ones without loading the closed part, then all.
/// The index brought up to date with `ledger` and stored, as a command has it in memory then;
/// the same with every incident loaded; the open incidents and every incident through them.
fn indexed(stored: &mut Stored, ledger: &Memory) -> (Index, Index, Vec<Incident>, Vec<Incident>) {
    let previous = stored.load();
    let (mut index, _) =
        Index::refresh(previous, ledger, &mut |part, sum| stored.part(part, sum)).unwrap();
    let read = |index: &Index, ids: Vec<&str>| index.records(&ids, ledger).unwrap();
    let open = match read(&index, index.open_ids()) {
        Some(records) => fold(&records),
        None => {
            index = refresh(None, ledger).0;
            fold(&read(&index, index.open_ids()).unwrap())
        }
    };
    stored.store(&index);
    let mut complete = index.clone();
    if !complete.load_closed(&mut |part, sum| stored.part(part, sum))
        || read(&complete, complete.ids()).is_none()
    {
        complete = refresh(None, ledger).0;
    }
    let all = fold(&read(&complete, complete.ids()).unwrap());
    (index, complete, open, all)
}

/// The incidents whose ids begin with `typed`, through the index as a command that looks
/// one up by its id has it: the open incidents, and only the closed parts it may be in.
fn beginning(stored: &Stored, ledger: &Memory, typed: &str) -> Vec<Incident> {
    let mut load = |part, sum| stored.part(part, sum);
    let mut index = stored.load().unwrap();
    if !index.load_closed_beginning(typed, &mut load) {
        index = refresh(None, ledger).0;
    }
    let read = |index: &Index| {
        let ids = index.ids().into_iter().filter(|id| id.starts_with(typed));
        index.records(&ids.collect::<Vec<_>>(), ledger).unwrap()
    };
    let records = read(&index).unwrap_or_else(|| read(&refresh(None, ledger).0).unwrap());
    fold(&records)
}

/// The incidents that bear on the period from `from` to `to` (Unix seconds), through `index`
/// as a report has it: the open incidents and the period parts of its time; or, when those
/// no longer copy the closed parts, every incident, the index then stored again.
fn between(
    mut index: Index,
    stored: &mut Stored,
    ledger: &Memory,
    from: i64,
    to: i64,
) -> Vec<Incident> {
    if !index.load_between(from, to, &mut |part, sum| stored.part(part, sum)) {
        if !index.load_closed(&mut |part, sum| stored.part(part, sum)) {
            index = refresh(None, ledger).0;
        }
        stored.store(&index);
    }
    let read = |index: &Index| index.records(&index.ids_between(from, to), ledger).unwrap();
    let records = read(&index).unwrap_or_else(|| read(&refresh(None, ledger).0).unwrap());
    fold(&records)
}

/// Periods of the test records' time: long before, around forty days before, and the days
/// of the latest records.
fn periods() -> [(i64, i64); 3] {
    let days_before = |days: i64| (record_at(0) - TimeDelta::days(days)).timestamp();
    [
        (days_before(130), days_before(90)),
        (days_before(45), days_before(38)),
        (days_before(1), days_before(-1)),
    ]
}

/// The records the index keeps for `what`, through it or, when the files no longer match
/// it, through one rebuilt.
fn kept(mut index: Index, stored: &Stored, ledger: &Memory, what: Kept) -> (Index, Vec<Record>) {
    let mut load = |part, sum| stored.part(part, sum);
    if let Some(records) = index.kept_records(what, ledger, &mut load).unwrap() {
        return (index, records);
    }
    let mut index = refresh(None, ledger).0;
    let records = index
        .kept_records(what, ledger, &mut load)
        .unwrap()
        .unwrap();
    (index, records)
}

/// Whether every `every`th record is withdrawn by a void (none when `every` is 0).
fn withdrawn_one_in(record: &Record, every: u64) -> bool {
    every > 0 && record.id[4..].parse::<u64>().is_ok_and(|n| n % every == 0)
}

/// The requests among `records` waiting at `at`, and those asked within `asked` (Unix
/// seconds) as they stand then, when every `every`th record is withdrawn.
fn waiting_of(
    records: &[Record],
    at: DateTime<Utc>,
    every: u64,
    asked: Option<RangeInclusive<i64>>,
) -> Vec<feedback::Life> {
    let counted: Vec<Record> = records
        .iter()
        .filter(|r| !withdrawn_one_in(r, every))
        .cloned()
        .collect();
    let asked_within = |life: &feedback::Life| {
        let when = life.record.instant().timestamp();
        asked.as_ref().is_some_and(|asked| asked.contains(&when))
    };
    let lives = feedback::lives(counted, Some(at));
    let listed = |l: &feedback::Life| l.state.waiting() || asked_within(l);
    lives.into_iter().filter(listed).collect()
}

/// `waiting_of` the records of the requests the index says may still wait at `at`.
fn waiting_through(
    index: &mut Index,
    stored: &Stored,
    ledger: &Memory,
    at: DateTime<Utc>,
    every: u64,
    asked: Option<RangeInclusive<i64>>,
) -> Vec<feedback::Life> {
    let (records, _) = ledger.full_read();
    let withdrawn: HashSet<String> = records
        .iter()
        .filter(|r| withdrawn_one_in(r, every))
        .map(|r| r.id.clone())
        .collect();
    let mut load = |part, sum| stored.part(part, sum);
    let now = at.timestamp();
    let mut read = |index: &mut Index| {
        index
            .records_of_requests_waiting(now, &withdrawn, asked.clone(), ledger, &mut load)
            .unwrap()
    };
    let requests = match read(index) {
        Some(requests) => requests,
        None => read(&mut refresh(None, ledger).0).unwrap(),
    };
    waiting_of(&requests, at, every, asked)
}

fn everything(_: DateTime<Utc>) -> bool {
    true
}

/// Whether a time is within the first twenty minutes of the records `record` writes.
fn early(at: DateTime<Utc>) -> bool {
    at <= DateTime::parse_from_rfc3339("2025-03-04T10:20:00+08:00").unwrap()
}

/// Each backup job's latest check among `checks` whose time `counts`.
fn latest_of(checks: &[Record], counts: fn(DateTime<Utc>) -> bool) -> Vec<Record> {
    let counted: Vec<Record> = checks
        .iter()
        .filter(|r| counts(r.instant()))
        .cloned()
        .collect();
    let latest = routine::latest_by_job(&counted);
    latest.into_iter().map(|(r, _)| r.clone()).collect()
}

/// Each backup job's latest check whose time `counts` among the checks the index keeps;
/// `None` when the index says a check it does not keep may be one.
fn latest_through(
    index: &Index,
    kept: &[Record],
    counts: fn(DateTime<Utc>) -> bool,
) -> Option<Vec<Record>> {
    let latest = latest_of(kept, counts);
    let found = latest
        .iter()
        .map(|r| match &r.event {
            Event::BackupChecked(c) => (c.job.to_lowercase(), (r.instant(), r.id.clone())),
            _ => unreachable!("only backup checks are kept as such"),
        })
        .collect();
    (!index.backups_hidden(&found, counts)).then_some(latest)
}

/// The risks stored apart from a command that found them through `index` (loaded as a new
/// command has it), if it would store them: every round and opening counted, under `contract`
/// at `now`.
fn risks_kept(
    index: &Index,
    openings: &[Record],
    ledger: &Memory,
    contract: &Contract,
    now: DateTime<Utc>,
) -> Option<Vec<u8>> {
    let rounds: Vec<Record> = index.rounds(i64::MIN..=i64::MAX).collect();
    let mut span = known_risks::Span::default();
    for record in rounds.iter().chain(openings) {
        if record.doubt(contract, now).is_some() {
            return None;
        }
        span.take(record.instant());
    }
    let withdrawn = withdrawn_ids(index);
    let risks = inspect::risks_of_rounds(&rounds, openings);
    let found = known_risks::Openings::of(index, ledger)?;
    known_risks::encode(index, &withdrawn, span, found, &risks)
}

fn withdrawn_ids(index: &Index) -> HashSet<String> {
    index.withdrawn().into_iter().map(str::to_string).collect()
}

/// A contract whose term covers every test record.
fn long_term() -> Contract {
    let mut contract = crate::contract::testing::parse(crate::contract::testing::MINIMAL).unwrap();
    contract.start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    contract.end = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    contract
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_index_gives_exactly_what_a_full_read_gives(ops in prop::collection::vec(op(), 1..60)) {
        let ledger = Memory::default();
        let mut stored = Stored::default();
        let (contract, now) = (long_term(), record_at(60 * 24).with_timezone(&Utc));
        let mut risks_stored: Option<Vec<u8>> = None;
        for (n, op) in ops.into_iter().enumerate() {
            apply(&ledger, n, op);
            let (refreshed, next, open, all) = indexed(&mut stored, &ledger);
            let (records, full_problems) = ledger.full_read();
            let full = fold(&records);
            let mut issued = BTreeMap::new();
            for record in &records {
                crate::report::note_issued(&mut issued, record);
            }
            prop_assert_eq!(next.issued_reports(), &issued);
            let full_open: Vec<Incident> = full.iter().filter(|i| i.status == Status::Open).cloned().collect();
            prop_assert_eq!(&open, &full_open);
            prop_assert_eq!(&all, &full);
            for (from, to) in periods() {
                let bearing = next.records(&next.ids_between(from, to), &ledger).unwrap().unwrap();
                let through = between(refreshed.clone(), &mut stored, &ledger, from, to);
                prop_assert_eq!(through, fold(&bearing));
            }
            for typed in ["J", "J1"] {
                let full_typed: Vec<Incident> = full.iter().filter(|i| i.id.starts_with(typed)).cloned().collect();
                prop_assert_eq!(beginning(&stored, &ledger, typed), full_typed);
            }
            let problems: Vec<LineProblem> = next.problems().into_iter().cloned().collect();
            prop_assert_eq!(problems, full_problems);
            let (index, openings) = kept(next, &stored, &ledger, Kept::Openings);
            let risks = inspect::risks_of_rounds(index.rounds(i64::MIN..=i64::MAX), &openings);
            prop_assert_eq!(&risks, &inspect::risks(&records));
            // Risks stored by an earlier command are taken only while they are those found now.
            let (command, openings) = kept(stored.load().unwrap(), &stored, &ledger, Kept::Openings);
            let withdrawn = withdrawn_ids(&command);
            if let Some(bytes) = &risks_stored {
                let taken = known_risks::decode(bytes, &command, &withdrawn, &contract, now, &ledger);
                prop_assert!(taken.is_none_or(|taken| taken == risks), "stale risks taken");
            }
            risks_stored = risks_kept(&command, &openings, &ledger, &contract, now).or(risks_stored);
            let every_round: Vec<Record> = index.rounds(i64::MIN..=i64::MAX).collect();
            prop_assert_eq!(trend::readings(&every_round), trend::readings(&records));
            let window = record_at(10).timestamp()..=record_at(40).timestamp();
            let within: Vec<Record> = records.iter().filter(|r| window.contains(&r.instant().timestamp())).cloned().collect();
            let rounds_within: Vec<Record> = index.rounds(window).collect();
            prop_assert_eq!(trend::readings(&rounds_within), trend::readings(&within));
            let (index, leave) = kept(index, &stored, &ledger, Kept::Leave);
            prop_assert_eq!(leave::balances(&leave), leave::balances(&records));
            let (index, requests) = kept(index, &stored, &ledger, Kept::Requests);
            let of_requests: Vec<Record> = records.iter().filter(|r| history::part_of(&r.event) == Some(Part::Requests)).cloned().collect();
            prop_assert_eq!(feedback::lives(requests.clone(), None), feedback::lives(of_requests.clone(), None));
            let mut index = index;
            for (minutes, withdrawn, asked) in [(0, 0, None), (7, 0, Some((2, 5))), (25, 3, None), (20, 0, Some((10, 40))), (61, 2, Some((10, 40)))] {
                let at = record_at(minutes).with_timezone(&Utc);
                let asked = asked.map(|(from, to)| record_at(from).timestamp()..=record_at(to).timestamp());
                let expected = waiting_of(&of_requests, at, withdrawn, asked.clone());
                prop_assert_eq!(
                    waiting_through(&mut index, &stored, &ledger, at, withdrawn, asked.clone()),
                    expected.clone()
                );
                // As a command has it, with only the parts of the requests' spans loaded.
                let mut fresh = stored.load().unwrap();
                prop_assert_eq!(
                    waiting_through(&mut fresh, &stored, &ledger, at, withdrawn, asked),
                    expected
                );
            }
            let (index, checks) = kept(index, &stored, &ledger, Kept::Backups);
            for (counts, all) in [(everything as fn(DateTime<Utc>) -> bool, true), (early, false)] {
                let full = latest_of(&records, counts);
                match latest_through(&index, &checks, counts) {
                    Some(latest) => prop_assert_eq!(latest, full),
                    // With nothing voided, every job's latest check is kept.
                    None => prop_assert!(!all),
                }
            }
        }
    }
}

#[test]
fn an_incident_closed_by_a_later_record_may_be_open_before_it() {
    let ledger = Memory::default();
    ledger.append_record("2025-03/a.jsonl", &record(0, "SHUT", 0));
    ledger.append_record("2025-03/a.jsonl", &record(60, "SHUT", 2));
    let (index, _) = refresh(None, &ledger);
    let closed_at = record_at(60).timestamp();
    assert!(index.open_ids().is_empty());
    assert!(index.has_incident_records_after(closed_at - 1));
    assert_eq!(index.open_ids_at(closed_at - 1), ["SHUT"]);
    assert!(!index.has_incident_records_after(closed_at));
    assert!(index.open_ids_at(closed_at).is_empty());
}

#[test]
fn unchanged_files_are_not_read_again() {
    let ledger = Memory::default();
    for n in 0..200 {
        ledger.append_record("2025-02/a.jsonl", &record(n, &format!("I{n}"), 0));
        ledger.append_record("2025-02/a.jsonl", &record(n, &format!("I{n}"), 2));
    }
    let (index, _) = refresh(None, &ledger);
    assert!(index.open_ids().is_empty());
    ledger.append_record("2025-03/a.jsonl", &record(500, "NEW", 0));
    *ledger.read_bytes.borrow_mut() = 0;
    let (index, changed) = refresh(Some(index), &ledger);
    assert!(changed);
    assert_eq!(index.open_ids(), ["NEW"]);
    let new_file = ledger.files.borrow()["2025-03/a.jsonl"].len() as u64;
    assert_eq!(
        *ledger.read_bytes.borrow(),
        new_file,
        "only the new file: the new incident is folded as it is read"
    );
    let (_, changed) = refresh(Some(index), &ledger);
    assert!(!changed);
}

#[test]
fn a_torn_last_line_completed_later_is_read_on_from_where_it_began() {
    let ledger = Memory::default();
    for n in 0..50 {
        ledger.append_record("2025-02/a.jsonl", &record(n, &format!("I{n}"), 0));
    }
    let completed = record(50, "NEW", 0);
    let (begun, rest) = completed.split_at(completed.len() / 2);
    for n in 51..60 {
        ledger.append_record("2025-03/b.jsonl", &record(n, &format!("I{n}"), 0));
    }
    ledger.write("2025-03/b.jsonl", false, |bytes| {
        bytes.extend_from_slice(begun.as_bytes())
    });
    let (index, _) = refresh(None, &ledger);
    assert!(!index.open_ids().contains(&"NEW"));
    ledger.write("2025-03/b.jsonl", false, |bytes| {
        bytes.extend_from_slice(rest.as_bytes());
        bytes.push(b'\n');
    });
    *ledger.read_bytes.borrow_mut() = 0;
    let (index, changed) = refresh(Some(index), &ledger);
    assert!(changed);
    assert!(index.open_ids().contains(&"NEW"));
    let file = ledger.files.borrow()["2025-03/b.jsonl"].len() as u64;
    assert_eq!(
        *ledger.read_bytes.borrow(),
        file,
        "only the file the line was completed in"
    );
}

#[test]
fn an_incident_known_before_or_met_again_after_it_was_folded_is_read_again() {
    let ledger = Memory::default();
    ledger.append_record("2025-02/a.jsonl", &record(0, "OLD", 0));
    let (index, _) = refresh(None, &ledger);
    // Enough records between the two of LATE for it to be folded before its second.
    ledger.append_record("2025-03/a.jsonl", &record(1, "LATE", 0));
    for n in 2..12 {
        ledger.append_record("2025-03/a.jsonl", &record(n, &format!("I{n}"), 0));
    }
    ledger.append_record("2025-03/a.jsonl", &record(12, "LATE", 2));
    ledger.append_record("2025-03/a.jsonl", &record(13, "OLD", 2));
    *ledger.read_bytes.borrow_mut() = 0;
    let (index, _) = refresh(Some(index), &ledger);
    let file = ledger.files.borrow()["2025-03/a.jsonl"].len() as u64;
    let again = [record(0, "OLD", 0), record(13, "OLD", 2)]
        .iter()
        .chain([record(1, "LATE", 0), record(12, "LATE", 2)].iter())
        .map(|line| line.len() as u64)
        .sum::<u64>();
    assert_eq!(*ledger.read_bytes.borrow(), file + again);
    assert_eq!(index, refresh(None, &ledger).0, "as a rebuild has it");
    assert!(!index.open_ids().contains(&"LATE") && !index.open_ids().contains(&"OLD"));
}

#[test]
fn a_record_of_a_newer_schema_anywhere_among_many_lines_is_an_error() {
    let newer =
        r#"{"v":99,"id":"X","at":"2025-03-04T10:00:00+08:00","by":"wang","type":"incident.later"}"#;
    for at in [0, 1, 2, 3, 7, 20, 49] {
        let ledger = Memory::default();
        for n in 0..50 {
            let line = if n == at {
                newer.to_string()
            } else {
                record(n, &format!("I{n}"), 0)
            };
            ledger.append_record("2025-02/a.jsonl", &line);
        }
        for n in 50..60 {
            ledger.append_record("2025-03/b.jsonl", &record(n, &format!("I{n}"), 0));
        }
        let read = Index::refresh(None, &ledger, &mut |_, _| None);
        assert!(
            matches!(read, Err(LedgerError::NewerVersion { line, .. }) if line == at as usize + 1),
            "line {}",
            at + 1
        );
    }
}

#[test]
fn an_index_from_elsewhere_or_inconsistent_is_rebuilt() {
    let ledger = Memory::default();
    ledger.append_record("2025-03/a.jsonl", &record(1, "A", 0));
    let (index, _) = refresh(None, &ledger);
    let mut json: serde_json::Value = serde_json::to_value(&index).unwrap();
    json["incidents"]["A"]["records"][0]["file"] = 7.into();
    let damaged: Index = serde_json::from_value(json).unwrap();
    let (rebuilt, changed) = refresh(Some(damaged), &ledger);
    assert!(changed);
    assert_eq!(rebuilt, index);
    let mut older = index.clone();
    older.version = "1/0.0.1".to_string();
    assert_eq!(refresh(Some(older), &ledger), (index, true));
}

#[test]
fn a_record_moved_under_the_index_is_noticed() {
    let ledger = Memory::default();
    ledger.append_record("2025-03/a.jsonl", &record(1, "A", 0));
    ledger.append_record("2025-03/a.jsonl", &record(2, "B", 0));
    let (index, _) = refresh(None, &ledger);
    // Same size, same times: the records swapped places.
    let swapped = format!("{}\n{}\n", record(2, "B", 0), record(1, "A", 0));
    *ledger
        .files
        .borrow_mut()
        .get_mut("2025-03/a.jsonl")
        .unwrap() = swapped.into_bytes();
    assert_eq!(index.records(&["A"], &ledger).unwrap(), None);
}

#[test]
fn checksums_are_fnv1a() {
    assert_eq!(checksum(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(checksum(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn the_closed_part_is_loaded_only_when_a_closed_incident_is_touched() {
    let ledger = Memory::default();
    for n in 0..50 {
        for event in [0, 2, 3] {
            let line = forty_days_before(n * 3 + u32::from(event), &format!("I{n}"), event);
            ledger.append_record("2025-02/a.jsonl", &line);
        }
    }
    ledger.append_record("2025-03/a.jsonl", &record(200, "OPEN", 0));
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let loads = RefCell::new(Vec::new());
    let mut counted = stored.noting(&loads);
    ledger.append_record("2025-03/a.jsonl", &record(201, "OPEN", 1));
    let (index, changed) = Index::refresh(stored.load(), &ledger, &mut counted).unwrap();
    assert!(changed);
    assert_eq!((index.open_ids(), loads.borrow().len()), (vec!["OPEN"], 0));
    assert_eq!(index.ids(), ["OPEN"], "only the open incident is in memory");
    assert!(!index.holds("I7"), "a closed incident is not in memory");
    ledger.append_record("2025-03/a.jsonl", &record(202, "I7", 4));
    let (index, _) = Index::refresh(stored.load(), &ledger, &mut counted).unwrap();
    assert_eq!(
        loads.borrow().len(),
        1,
        "a reopened incident needs its entry"
    );
    assert_eq!(index.open_ids(), ["I7", "OPEN"]);
    assert_eq!(
        index.ids(),
        ["I7", "OPEN"],
        "only the part of the ids beginning `I7` is loaded"
    );
}

#[test]
fn a_record_of_an_open_incident_loads_no_closed_part_of_its_first_bytes() {
    let ledger = Memory::default();
    for event in [0, 2, 3] {
        let line = forty_days_before(u32::from(event), "I7", event);
        ledger.append_record("2025-02/a.jsonl", &line);
    }
    ledger.append_record("2025-03/a.jsonl", &record(100, "I70", 0));
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let loads = RefCell::new(Vec::new());
    let mut counted = stored.noting(&loads);
    ledger.append_record("2025-03/a.jsonl", &record(101, "I70", 1));
    let (index, changed) = Index::refresh(stored.load(), &ledger, &mut counted).unwrap();
    assert!(changed);
    assert_eq!(
        loads.borrow().len(),
        0,
        "the part of `I7`, closed, stays unread for `I70`"
    );
    assert_eq!(index.open_ids(), ["I70"]);
}

#[test]
fn a_closed_incident_is_found_by_its_id_through_the_part_of_its_first_two_bytes() {
    let ledger = Memory::default();
    for (n, id) in ["A1", "BA1", "BA2", "BC1"].into_iter().enumerate() {
        for event in [0, 2, 3] {
            ledger.append_record(
                "2025-02/a.jsonl",
                &forty_days_before(n as u32 * 3 + u32::from(event), id, event),
            );
        }
    }
    ledger.append_record("2025-03/a.jsonl", &record(0, "Z9", 0));
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    assert_eq!(
        stored
            .apart
            .keys()
            .filter(|k| k.starts_with("closed"))
            .count(),
        3
    );
    let loads = RefCell::new(Vec::new());
    let mut counted = stored.noting(&loads);
    let mut index = stored.load().unwrap();
    assert!(index.load_closed_beginning("BA2", &mut counted));
    assert_eq!(*loads.borrow(), ["closed-4241"]);
    assert_eq!(index.ids(), ["BA1", "BA2", "Z9"]);
    assert!(
        !index.holds("A1") && !index.holds("BC1"),
        "the parts of other ids are not loaded"
    );
    // One byte typed: every part of that first byte.
    let mut index = stored.load().unwrap();
    assert!(index.load_closed_beginning("B", &mut counted));
    assert_eq!(
        *loads.borrow(),
        ["closed-4241", "closed-4241", "closed-4243"]
    );
    assert_eq!(index.ids(), ["BA1", "BA2", "BC1", "Z9"]);
    // A reopened incident of a part rewrites that part alone, and all are found again.
    ledger.append_record("2025-02/a.jsonl", &record(20, "BA2", 4));
    loads.borrow_mut().clear();
    let (index, _) = Index::refresh(stored.load(), &ledger, &mut counted).unwrap();
    assert_eq!(*loads.borrow(), ["closed-4241"]);
    let mut rewritten = Vec::new();
    encoded(&index, |part, _| rewritten.push(part.name()));
    assert_eq!(rewritten, ["closed-4241"]);
    drop(counted);
    stored.store(&index);
    let mut complete = stored.load().unwrap();
    assert!(complete.load_closed(&mut |part, sum| stored.part(part, sum)));
    assert_eq!(complete.ids(), ["A1", "BA1", "BA2", "BC1", "Z9"]);
    assert_eq!(complete.open_ids(), ["BA2", "Z9"]);
}

#[test]
fn an_incident_closed_lately_is_kept_with_the_open_ones() {
    let ledger = Memory::default();
    // Closed forty days before the latest record, and just before it.
    for event in [0, 2, 3] {
        let line = forty_days_before(u32::from(event), "OLD", event);
        ledger.append_record("2025-01/a.jsonl", &line);
        ledger.append_record("2025-03/a.jsonl", &record(u32::from(event), "LATE", event));
    }
    ledger.append_record("2025-03/a.jsonl", &record(10, "NEW", 0));
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let index = stored.load().unwrap();
    assert_eq!(index.ids(), ["LATE", "NEW"]);
    let at = |n: u32| record_at(n).timestamp();
    // Before LATE closed, it may be open; OLD closed before the kept ones begin.
    assert!(!index.closed_apart_after(at(1)));
    assert_eq!(index.open_ids_at(at(1)), ["LATE", "NEW"]);
    let month_before = at(0) - 35 * 24 * 3600;
    assert!(
        index.closed_apart_after(month_before),
        "OLD may be open then"
    );
}

#[test]
fn a_part_stored_apart_is_loaded_only_by_what_needs_it() {
    let ledger = Memory::default();
    for (n, event) in [7, 8, 9, 10].into_iter().enumerate() {
        ledger.append_record("2025-02/a.jsonl", &record(n as u32, "K", event));
    }
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let loads = RefCell::new(Vec::new());
    let mut counted = stored.noting(&loads);
    ledger.append_record("2025-03/a.jsonl", &record(20, "OPEN", 0));
    let (index, changed) = Index::refresh(stored.load(), &ledger, &mut counted).unwrap();
    assert!(changed);
    assert!(
        loads.borrow().is_empty(),
        "an incident's record needs no part"
    );
    ledger.append_record("2025-03/a.jsonl", &record(21, "K", 9));
    let (mut index, _) = Index::refresh(Some(index), &ledger, &mut counted).unwrap();
    assert_eq!(
        *loads.borrow(),
        ["leave"],
        "a leave record needs the leave part alone"
    );
    let leave = index.kept_records(Kept::Leave, &ledger, &mut counted);
    assert_eq!(leave.unwrap().map(|records| records.len()), Some(2));
    assert_eq!(loads.borrow().len(), 1, "a part is loaded once");
    let openings = index.kept_records(Kept::Openings, &ledger, &mut counted);
    assert_eq!(openings.unwrap().map(|records| records.len()), Some(1));
    assert_eq!(index.rounds(i64::MIN..=i64::MAX).count(), 1);
    assert_eq!(*loads.borrow(), ["leave", "rounds"]);
}

#[test]
fn a_part_missing_or_of_another_time_makes_the_index_rebuild() {
    let ledger = Memory::default();
    ledger.append_record("2025-02/a.jsonl", &record(0, "K", 9));
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let mut index = stored.load().unwrap();
    ledger.append_record("2025-02/a.jsonl", &record(1, "K", 9));
    let mut later = Stored::default();
    later.store(&refresh(None, &ledger).0);
    let mut other = |part, sum| later.part(part, sum);
    assert_eq!(
        index
            .kept_records(Kept::Leave, &ledger, &mut other)
            .unwrap(),
        None
    );
    let mut missing = |_, _| None;
    assert_eq!(
        index
            .kept_records(Kept::Backups, &ledger, &mut missing)
            .unwrap(),
        None
    );
    // Found missing while the lines after are still being parsed.
    for n in 2..200 {
        ledger.append_record("2025-02/a.jsonl", &record(n, "K", 9));
    }
    for n in 200..260 {
        ledger.append_record("2025-03/b.jsonl", &record(n, &format!("I{n}"), 0));
    }
    let (index, changed) = Index::refresh(stored.load(), &ledger, &mut missing).unwrap();
    assert!(changed);
    assert_eq!(index, refresh(None, &ledger).0, "rebuilt from the files");
}

#[test]
fn a_file_of_many_damaged_lines_is_told_in_part_and_counted() {
    let ledger = Memory::default();
    ledger.append_record("2025-03/a.jsonl", &record(1, "A", 0));
    for _ in 0..50 {
        ledger.append_record("2025-03/a.jsonl", "not a record");
    }
    let (index, _) = refresh(None, &ledger);
    let (_, full) = ledger.full_read();
    let told: Vec<LineProblem> = index.problems().into_iter().cloned().collect();
    assert_eq!(told, full);
    assert_eq!(told.len(), crate::ledger::TOLD_PER_FILE);
    let untold: Vec<(&str, usize)> = index.untold_problems().collect();
    assert_eq!(
        untold,
        [("2025-03/a.jsonl", 50 - crate::ledger::TOLD_PER_FILE)]
    );
    ledger.append_record("2025-03/a.jsonl", "one more");
    let (index, _) = refresh(Some(index), &ledger);
    assert_eq!(index.untold_problems().next().map(|(_, n)| n), Some(31));
}

/// The line of a request record, the `n`th test record, made by `event`.
fn request_line(n: u32, event: Event) -> String {
    line_at(n, record_at(n), event)
}

#[test]
fn a_request_is_passed_over_only_when_surely_answered_or_declined_by_then() {
    let asked = || {
        Event::RequestAdded(crate::record::request::Request::classified(
            "review the alarm thresholds",
            crate::request::Scope::ByRules,
        ))
    };
    let answered = |n: u32| {
        Event::RequestAnswered(crate::record::feedback::Answered {
            request: format!("01JQ{n:022}"),
            answer: "done".to_string(),
        })
    };
    let ledger = Memory::default();
    let append = |file: &str, n: u32, event: Event| {
        ledger.append_record(file, &request_line(n, event));
    };
    // Answered by a record dated before it was asked: no move of it.
    append("2025-03/a.jsonl", 1, answered(2));
    append("2025-03/a.jsonl", 2, asked());
    // Asked twice under one id: the answer moves the first only.
    append("2025-03/a.jsonl", 10, asked());
    append("2025-03/b.jsonl", 10, asked());
    append("2025-03/a.jsonl", 11, answered(10));
    // Answered within the second it was asked, but before it: no move of it.
    let second = record_at(15);
    let after = |millis: i64| second + TimeDelta::milliseconds(millis);
    ledger.append_record("2025-03/a.jsonl", &line_at(16, after(200), answered(15)));
    ledger.append_record("2025-03/a.jsonl", &line_at(15, after(700), asked()));
    // Asked once and answered: it no longer waits once the answer has come.
    append("2025-03/a.jsonl", 20, asked());
    append("2025-03/a.jsonl", 30, answered(20));
    let (mut index, _) = refresh(None, &ledger);
    let (records, _) = ledger.full_read();
    for (minutes, settled) in [(25, false), (40, true)] {
        let at = record_at(minutes).with_timezone(&Utc);
        let read = index
            .records_of_requests_waiting(
                at.timestamp(),
                &HashSet::new(),
                None,
                &ledger,
                &mut |_, _| None,
            )
            .unwrap()
            .unwrap();
        assert_eq!(
            waiting_of(&read, at, 0, None),
            waiting_of(&records, at, 0, None)
        );
        let passed_over = !read.iter().any(|r| r.id == format!("01JQ{:022}", 20));
        assert_eq!(passed_over, settled, "at {minutes}");
        assert_eq!(read.len(), 7 + usize::from(!settled) * 2, "{read:?}");
    }
}

#[test]
fn a_request_whose_answer_a_void_withdraws_waits_again_through_the_stored_spans() {
    let asked = Event::RequestAdded(crate::record::request::Request::classified(
        "review the alarm thresholds",
        crate::request::Scope::ByRules,
    ));
    let answered = Event::RequestAnswered(crate::record::feedback::Answered {
        request: format!("01JQ{:022}", 1),
        answer: "done".to_string(),
    });
    let ledger = Memory::default();
    let forty_days_earlier = |n: u32| record_at(n) - TimeDelta::days(40);
    ledger.append_record("2025-02/a.jsonl", &line_at(1, forty_days_earlier(1), asked));
    ledger.append_record(
        "2025-02/a.jsonl",
        &line_at(2, forty_days_earlier(2), answered),
    );
    let mut stored = Stored::default();
    stored.store(&refresh(None, &ledger).0);
    let void = Event::RecordVoided(Box::new(Voided {
        target: format!("01JQ{:022}", 2),
        reason: "answered the wrong request".to_string(),
        incident: None,
        target_at: None,
        target_type: None,
        merged_into: None,
        undo: false,
    }));
    ledger.append_record("2025-03/a.jsonl", &line_at(10, record_at(10), void));
    let (index, _) = Index::refresh(stored.load(), &ledger, &mut |p, s| stored.part(p, s)).unwrap();
    stored.store(&index);

    let mut fresh = stored.load().unwrap();
    let withdrawn: HashSet<String> = fresh.withdrawn().into_iter().map(str::to_string).collect();
    assert_eq!(withdrawn, HashSet::from([format!("01JQ{:022}", 2)]));
    let at = record_at(20).with_timezone(&Utc);
    let loads = RefCell::new(Vec::new());
    let read = fresh
        .records_of_requests_waiting(
            at.timestamp(),
            &withdrawn,
            None,
            &ledger,
            &mut stored.noting(&loads),
        )
        .unwrap()
        .unwrap();
    assert!(
        loads
            .borrow()
            .iter()
            .all(|part| part.starts_with("requests-")),
        "only the parts of some spans are loaded: {loads:?}"
    );
    let counted = |records: &[Record]| -> Vec<Record> {
        let kept = records.iter().filter(|r| !withdrawn.contains(&r.id));
        kept.cloned().collect()
    };
    let (records, _) = ledger.full_read();
    let waiting = waiting_of(&counted(&records), at, 0, None);
    assert_eq!(waiting.len(), 1, "the request waits again");
    assert_eq!(waiting_of(&counted(&read), at, 0, None), waiting);
}
