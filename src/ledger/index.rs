//! A derived index of the ledger's incidents, so that the daily commands read only what is new.
//!
//! The ledger files are the only source of truth. The index remembers, for every file, how it
//! looked (size, modification and change times, inode), how far it has been read and a
//! checksum of the bytes read; and for every incident, where its records are and whether it is
//! open. On each use it is checked against the files: a file that looks the same is not read
//! at all; a changed file is read, and if the bytes read before are still the same, only what
//! was appended is folded in. A file that vanished or shrank, earlier bytes that changed (a
//! hand edit, a rewritten history), a record that is no longer where the index says, or an
//! index written by another version of otss, make the index rebuild from the files. A lost or
//! damaged index costs one full read, never a record.
//!
//! `otss incident list --open` and `otss status` then read only the records of the open
//! incidents, however many years the ledger holds. The index also keeps which service reports
//! were issued and when, so that what is due is known without reading the term's records.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Read};
use std::ops::{Range, RangeInclusive};

use beside::Beside;
use held::Held;
use parse_beside::{Parsed, Parser};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::lines::{Checksum, Lines};
use super::{LedgerError, Line, LineFault, LineProblem, Problems, read_located};
use crate::incident::{self, Status};
use crate::record::void::{self, VoidLink, Voided};
use crate::record::{Event, Record};
use crate::report;

mod beside;
mod held;
mod history;
pub mod known_risks;
mod parse_beside;

pub use history::Latest;
use history::{Backups, Leave, RequestKey, Requests, Rounds};

/// Bumped whenever the index's shape changes. The binary's version is stored too, so that an
/// index folded by another otss (which may read records differently) is rebuilt.
const INDEX_FORMAT: u32 = 17;

fn index_version() -> String {
    format!("{INDEX_FORMAT}/{}", env!("CARGO_PKG_VERSION"))
}

/// The checksum of `bytes` (FNV-1a, 64 bits).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.update(bytes);
    sum.value()
}

/// A ledger file as the file system reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    pub name: String,
    pub len: u64,
    /// Modification time, change time (in nanoseconds) and inode, where the file system keeps
    /// them: any write changes one of them.
    pub modified: Option<u128>,
    pub changed: Option<u128>,
    pub inode: Option<u64>,
}

/// Read access to the ledger files; the store implements it on disk.
pub trait Source {
    type Error: From<LedgerError>;
    type Reader<'a>: Read
    where
        Self: 'a;
    fn files(&self) -> Result<Vec<FileStat>, Self::Error>;
    /// A file, to be read from its start.
    fn open(&self, name: &str) -> Result<Self::Reader<'_>, Self::Error>;
    /// What a failure while reading an open file is reported as.
    fn read_failed(&self, name: &str, error: io::Error) -> Self::Error;
    /// The bytes of each range of a file, in order (shorter where the file ends sooner).
    fn read(&self, name: &str, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>, Self::Error>;
}

/// How far a file has been read, and how it looked then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FileMark {
    stat: FileStat,
    /// Bytes read and indexed.
    read: u64,
    /// Lines begun in those bytes.
    lines: usize,
    /// The last line read was a whole record without its newline yet.
    open_line: bool,
    checksum: u64,
}

impl FileMark {
    fn unchanged(&self, stat: &FileStat) -> bool {
        stat.modified.is_some() && self.stat == *stat
    }
}

/// Where a record is: a file (by its number in `files`), a byte offset and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    file: u32,
    offset: u64,
    len: u32,
}

impl Location {
    fn range(&self) -> Range<u64> {
        self.offset..self.offset + u64::from(self.len)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentEntry {
    open: bool,
    records: Vec<Location>,
    /// When it was reported (Unix seconds); `None` for records of an incident never opened.
    reported: Option<i64>,
    /// When its latest record happened (Unix seconds): its status cannot have changed since.
    last: i64,
}

/// The entries of closed incidents, stored apart from the rest of the index so that the daily
/// commands, which need only the open ones, never load them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedIncidents(BTreeMap<String, IncidentEntry>);

/// The closed incidents of an index in memory, stored as `ClosedIncidents` is read.
#[derive(Serialize)]
struct ClosedView<'a>(BTreeMap<&'a String, &'a IncidentEntry>);

/// The stored closed incidents whose ids begin with one byte: the checksum of their stored
/// bytes, so that a part from another time is never taken for this one, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Shard {
    checksum: u64,
    count: usize,
}

/// How long after its last record a closed incident is still kept with the open ones (in
/// seconds): a command whose "now" is that much before the latest record of any incident
/// finds every incident that may be open then without loading the closed parts.
const RECENT: i64 = 31 * 24 * 3600;

/// What an incident's closed entry is stored apart by: the first two bytes of its id (zero
/// for a byte the id does not have), so that a part holds a few hundred incidents even in a
/// ledger of years.
type ShardKey = [u8; 2];

fn shard_of(id: &str) -> ShardKey {
    let byte = |at: usize| id.as_bytes().get(at).copied().unwrap_or_default();
    [byte(0), byte(1)]
}

/// How long a span of time is in the keys of the period parts (in seconds).
const PERIOD_SPAN: i64 = 30 * 24 * 3600;

/// What a closed incident's entry is stored again by: the span its report is in and the span
/// its latest record is in, so that a report loads only the incidents that may bear on its
/// period (docs/rules.md §8.9).
type PeriodKey = (i64, i64);

pub fn span_of(at: i64) -> i64 {
    at.div_euclid(PERIOD_SPAN)
}

/// The first and last second (Unix seconds) of a span.
pub fn span_bounds(span: i64) -> (i64, i64) {
    let first = span.saturating_mul(PERIOD_SPAN);
    (first, first.saturating_add(PERIOD_SPAN - 1))
}

/// The period part an entry is stored again in: none for the records of an incident never
/// opened, which bear on no period.
fn period_of(entry: &IncidentEntry) -> Option<PeriodKey> {
    Some((span_of(entry.reported?), span_of(entry.last)))
}

/// The closed parts stored again by period, and which closed parts they copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Periods {
    /// The checksum of the closed parts (`closed_shards`) they were written with: once one
    /// closed part changes, the period parts are of another time and are not read.
    of: u64,
    parts: BTreeMap<PeriodKey, Shard>,
}

/// The requests' rows stored again by when they were asked and settled, and what they copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct RequestSpans {
    /// The checksum of the part of the requests they were written with.
    of: u64,
    parts: BTreeMap<RequestKey, Shard>,
    /// The keys of the rows settled by a record some void withdraws or restores.
    voided: BTreeSet<RequestKey>,
}

/// The checksum that names a set of stored closed parts.
fn shards_checksum(shards: &BTreeMap<ShardKey, Shard>) -> Result<u64, postcard::Error> {
    Ok(checksum(&postcard::to_stdvec(shards)?))
}

/// A part of `count` entries as stored, with what the main part says of it.
fn encode_part(part: &impl Serialize, count: usize) -> Result<(Shard, Vec<u8>), postcard::Error> {
    let bytes = postcard::to_stdvec(part)?;
    let checksum = checksum(&bytes);
    Ok((Shard { checksum, count }, bytes))
}

/// A part of closed incidents' entries as stored, with what the main part says of it.
fn encode_entries(
    entries: BTreeMap<&String, &IncidentEntry>,
) -> Result<(Shard, Vec<u8>), postcard::Error> {
    let count = entries.len();
    encode_part(&ClosedView(entries), count)
}

/// Whether the incidents of a closed part may have ids that begin with `beginning`.
fn shard_may_hold(shard: ShardKey, beginning: &[u8]) -> bool {
    beginning
        .iter()
        .zip(shard)
        .all(|(typed, stored)| *typed == stored)
}

/// A part of the index stored in its own file beside it, loaded only by the commands that
/// need it (docs/rules.md §8.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The entries of the closed incidents whose ids begin with these bytes.
    Closed(ShardKey),
    /// The same entries again, those reported within one span of time whose latest record
    /// is within another.
    Period(PeriodKey),
    /// The requests' rows again, those first asked within one span of time and settled
    /// within another.
    RequestSpan(RequestKey),
    /// Every inspection round, and the incidents opened from a risk.
    Rounds,
    /// The risks found from them, with what they were found from.
    Risks,
    /// The overtime and leave records.
    Leave,
    /// Each backup job's latest checks.
    Backups,
    /// The requests and their moves.
    Requests,
}

impl Part {
    /// The part's name, which its file is named by.
    pub fn name(self) -> String {
        match self {
            Part::Closed([first, second]) => format!("closed-{first:02x}{second:02x}"),
            Part::Period((reported, last)) => format!("period-{reported}-{last}"),
            Part::RequestSpan((asked, settled)) => format!("requests-{asked}-{settled}"),
            Part::Rounds => "rounds".to_string(),
            Part::Risks => "risks".to_string(),
            Part::Leave => "leave".to_string(),
            Part::Backups => "backups".to_string(),
            Part::Requests => "requests".to_string(),
        }
    }
}

/// Loads the bytes of the stored part whose checksum is given, if it is there and intact.
pub type LoadPart<'a> = dyn FnMut(Part, u64) -> Option<Vec<u8>> + 'a;

/// What a part stored apart holds.
trait Apart: Serialize + DeserializeOwned + Default {
    const PART: Part;
    /// Every location it names, to check against the files.
    fn locations(&self) -> impl Iterator<Item = &Location>;
}

impl Apart for Rounds {
    const PART: Part = Part::Rounds;
    fn locations(&self) -> impl Iterator<Item = &Location> {
        Rounds::locations(self)
    }
}

impl Apart for Leave {
    const PART: Part = Part::Leave;
    fn locations(&self) -> impl Iterator<Item = &Location> {
        self.0.locations().iter()
    }
}

impl Apart for Requests {
    const PART: Part = Part::Requests;
    fn locations(&self) -> impl Iterator<Item = &Location> {
        Requests::locations(self)
    }
}

impl Apart for Backups {
    const PART: Part = Part::Backups;
    fn locations(&self) -> impl Iterator<Item = &Location> {
        Backups::locations(self)
    }
}

/// A part stored apart: the checksum of its stored bytes, and the part itself once loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound = "")]
struct Slot<T> {
    stored: u64,
    #[serde(skip)]
    loaded: Option<T>,
    /// Changed since it was loaded: it is to be stored again.
    #[serde(skip)]
    changed: bool,
}

impl<T: Apart> Slot<T> {
    /// A part of an index being built from nothing.
    fn fresh() -> Slot<T> {
        Slot {
            stored: 0,
            loaded: Some(T::default()),
            changed: true,
        }
    }

    /// The part, loaded if it is not yet; `None` when the stored part is missing, is not
    /// this index's or names a file the index does not know (rebuild the index).
    fn load(&mut self, files: usize, load: &mut LoadPart) -> Option<&mut T> {
        if self.loaded.is_none() {
            let bytes = load(T::PART, self.stored)?;
            let part: T = postcard::from_bytes(&bytes).ok()?;
            if part.locations().any(|l| l.file as usize >= files) {
                return None;
            }
            self.loaded = Some(part);
        }
        self.loaded.as_mut()
    }

    /// The part loaded, to be changed.
    fn change(&mut self, files: usize, load: &mut LoadPart) -> Option<&mut T> {
        self.load(files, load)?;
        self.changed = true;
        self.loaded.as_mut()
    }

    /// The slot as stored with the main part: its checksum alone.
    fn as_stored(&self) -> Slot<T> {
        Slot {
            stored: self.stored,
            loaded: None,
            changed: false,
        }
    }

    /// Its bytes, when it changed, for `encode` to store apart.
    fn encode_into<E: From<postcard::Error>>(
        &self,
        kept: &mut Slot<T>,
        put: &mut impl FnMut(Part, &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(part) = self.loaded.as_ref().filter(|_| self.changed) {
            let bytes = postcard::to_stdvec(part)?;
            kept.stored = checksum(&bytes);
            put(T::PART, &bytes)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    version: String,
    files: Vec<String>,
    marks: BTreeMap<String, FileMark>,
    /// The incidents in memory: all of them once the closed parts are loaded, else those
    /// kept with the index (the open ones, and any closed since the closed parts were
    /// stored) and those of the closed parts loaded.
    incidents: BTreeMap<String, IncidentEntry>,
    /// The closed parts stored, each of the incidents whose ids begin with two bytes.
    closed_shards: BTreeMap<ShardKey, Shard>,
    /// The closed parts whose incidents are in `incidents`.
    #[serde(skip)]
    loaded_shards: BTreeSet<ShardKey>,
    /// The closed parts stored again by period, when the index was last stored with every
    /// incident known.
    periods: Option<Periods>,
    /// Every incident stored in a closed part had its last record before this time (Unix
    /// seconds); those closed later are kept with the open ones.
    recent_from: i64,
    /// Whether `incidents` holds every incident.
    #[serde(skip)]
    complete: bool,
    /// When the latest record of any incident happened (Unix seconds): read at an earlier
    /// time, a closed incident may still be open.
    latest: i64,
    /// The month of every report issued, with when it was first issued.
    reports: BTreeMap<String, report::Issues>,
    /// Every void, by its id.
    voids: BTreeMap<String, VoidMark>,
    /// Lines that are not records, reported on every read as a full read would.
    problems: Problems,
    /// What the records of the whole history that still decide something today need, each
    /// part stored apart.
    rounds: Slot<Rounds>,
    leave: Slot<Leave>,
    backups: Slot<Backups>,
    requests: Slot<Requests>,
    /// The requests' rows stored again by span, whenever the requests' part is stored.
    request_spans: Option<RequestSpans>,
    /// Last lines without a newline, found on this read.
    #[serde(skip)]
    unfinished: Vec<LineProblem>,
}

/// A void, as far as the index needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct VoidMark {
    target: String,
    /// About an incident's record.
    incident: bool,
    /// When the void was recorded, and when the record it withdraws happened (Unix seconds).
    at: i64,
    target_at: Option<i64>,
}

impl VoidMark {
    fn of(record: &Record, void: &Voided) -> VoidMark {
        VoidMark {
            target: void.target.clone(),
            incident: void.incident.is_some(),
            at: record.instant().timestamp(),
            target_at: void.target_at.map(|t| t.timestamp()),
        }
    }
}

/// What a command asks the index for about the whole history (see `History`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Every incident opened from a risk.
    Openings,
    /// Every overtime and leave record: the comp-leave balances.
    Leave,
    /// The latest checks of every backup job in each month.
    Backups,
    /// Every request and each move of one (docs/rules.md §4.11).
    Requests,
}

/// The index no longer matches the files and must be rebuilt.
struct Stale;

/// Whether a record read where the index keeps a request's is one of a request or its moves.
fn is_of_a_request(record: &Record, _: &()) -> bool {
    history::part_of(&record.event) == Some(Part::Requests)
}

/// What one pass over the changed files keeps: the files listed and what parses their lines;
/// where the new records of each incident they touch are, each changed file while its lines
/// are placed (by its place among those listed), and the number of every file by its name.
struct Pass<'scope, 'env> {
    stats: &'scope [FileStat],
    parser: Parser<'scope, 'env>,
    found: HashMap<String, Vec<Location>>,
    held: Held<'scope, 'env>,
    reading: HashMap<usize, FileRead>,
    numbers: HashMap<String, u32>,
    /// The names the kept rounds use, once a round is read.
    names: Option<history::Names>,
}

/// A changed file while its lines are placed.
struct FileRead {
    /// Its number in `files`.
    file: u32,
    /// How far its lines placed reach.
    next: FileMark,
    /// The checksum of its bytes before its last line read, and through it.
    checksums: [u64; 2],
    /// A line was left unfinished: nothing after it is placed.
    stopped: bool,
}

/// How an incident touched stands once its records are folded again.
struct Settled {
    open: bool,
    /// When it was reported and when its latest record happened (Unix seconds).
    reported: Option<i64>,
    last: i64,
}

impl Settled {
    fn of(records: &[Record]) -> Settled {
        let last = records.iter().map(|r| r.instant().timestamp()).max();
        let folded = incident::fold(records).into_iter().next();
        Settled {
            open: folded.as_ref().is_some_and(|i| i.status == Status::Open),
            reported: folded.map(|i| i.reported_at.timestamp()),
            last: last.unwrap_or_default(),
        }
    }
}

/// How an incident stands once its records are folded, with its place among those folded.
fn settle_one(n: usize, records: Vec<Record>) -> (usize, Settled) {
    (n, Settled::of(&records))
}

/// How often a rebuild is tried while the files keep changing under it.
const REBUILD_ATTEMPTS: usize = 3;

impl Index {
    /// Brings `previous` (if any) up to date with the files; returns the index and whether
    /// it changed.
    pub fn refresh<S: Source>(
        previous: Option<Index>,
        source: &S,
        load: &mut LoadPart,
    ) -> Result<(Index, bool), S::Error> {
        if let Some(mut index) = previous.filter(Index::usable)
            && let Ok(changed) = index.update(&source.files()?, source, load)?
        {
            return Ok((index, changed));
        }
        for _ in 0..REBUILD_ATTEMPTS {
            let mut index = Index {
                version: index_version(),
                complete: true,
                rounds: Slot::fresh(),
                leave: Slot::fresh(),
                backups: Slot::fresh(),
                requests: Slot::fresh(),
                ..Index::default()
            };
            if index.update(&source.files()?, source, load)?.is_ok() {
                return Ok((index, true));
            }
        }
        Err(LedgerError::Unsettled.into())
    }

    /// Loads the stored closed parts, so that every incident is known; `false` when one is
    /// missing or does not fit this index (rebuild the index).
    pub fn load_closed(&mut self, load: &mut LoadPart) -> bool {
        let shards: Vec<ShardKey> = self.closed_shards.keys().copied().collect();
        let loaded = shards.into_iter().all(|shard| self.load_shard(shard, load));
        self.complete |= loaded;
        loaded
    }

    /// Loads the stored closed incidents whose ids may begin with `beginning`: every incident
    /// an id typed from there on may be is then known. `false` as `load_closed` says.
    pub fn load_closed_beginning(&mut self, beginning: &str, load: &mut LoadPart) -> bool {
        if beginning.len() >= 2 {
            return self.load_shard(shard_of(beginning), load);
        }
        let shards: Vec<ShardKey> = (self.closed_shards.keys().copied())
            .filter(|shard| shard_may_hold(*shard, beginning.as_bytes()))
            .collect();
        shards.into_iter().all(|shard| self.load_shard(shard, load))
    }

    fn load_shard(&mut self, shard: ShardKey, load: &mut LoadPart) -> bool {
        if self.complete || self.loaded_shards.contains(&shard) {
            return true;
        }
        let Some(stored) = self.closed_shards.get(&shard).copied() else {
            self.loaded_shards.insert(shard);
            return true;
        };
        let belongs = |id: &str, _: &IncidentEntry| shard_of(id) == shard;
        let Some(entries) = self.stored_entries(Part::Closed(shard), stored, belongs, load) else {
            return false;
        };
        self.incidents.extend(entries);
        self.loaded_shards.insert(shard);
        true
    }

    /// The entries of a stored part of closed incidents, if it is there, holds as many as
    /// `stored` says, each of which `belongs` there, and names only files the index knows.
    fn stored_entries(
        &self,
        part: Part,
        stored: Shard,
        belongs: impl Fn(&str, &IncidentEntry) -> bool,
        load: &mut LoadPart,
    ) -> Option<BTreeMap<String, IncidentEntry>> {
        let bytes = load(part, stored.checksum)?;
        let ClosedIncidents(entries) = postcard::from_bytes(&bytes).ok()?;
        let files = self.files.len();
        let fits = entries.len() == stored.count
            && entries.iter().all(|(id, entry)| {
                belongs(id, entry)
                    && (entry.records.iter()).all(|location| (location.file as usize) < files)
            });
        fits.then_some(entries)
    }

    /// Loads the stored closed incidents that may bear on the period from `from` to `to` (Unix
    /// seconds): those reported before its end whose latest record is not before its start.
    /// `ids_between` then knows every incident it must. `false` when the period parts are
    /// missing, do not fit this index or copy closed parts that changed since (load every
    /// closed part instead). An index so loaded is for reading, never to be stored.
    pub fn load_between(&mut self, from: i64, to: i64, load: &mut LoadPart) -> bool {
        if self.complete {
            return true;
        }
        let current = shards_checksum(&self.closed_shards).ok();
        let Some(periods) = self.periods.as_ref().filter(|p| Some(p.of) == current) else {
            return false;
        };
        let bears =
            |(reported, last): &PeriodKey| *reported <= span_of(to) && *last >= span_of(from);
        let wanted: Vec<(PeriodKey, Shard)> = (periods.parts.iter())
            .filter(|(key, _)| bears(key))
            .map(|(key, stored)| (*key, *stored))
            .collect();
        wanted
            .into_iter()
            .all(|(key, stored)| self.load_period(key, stored, load))
    }

    fn load_period(&mut self, key: PeriodKey, stored: Shard, load: &mut LoadPart) -> bool {
        let belongs = |_: &str, entry: &IncidentEntry| period_of(entry) == Some(key);
        let Some(entries) = self.stored_entries(Part::Period(key), stored, belongs, load) else {
            return false;
        };
        // An entry in memory was read or changed after its copy was stored: it stands.
        for (id, entry) in entries {
            self.incidents.entry(id).or_insert(entry);
        }
        true
    }

    /// Whether an incident of this id is in memory: open, closed lately, or in a closed part
    /// loaded (see `load_closed_beginning`).
    pub fn holds(&self, id: &str) -> bool {
        self.incidents.contains_key(id)
    }

    /// The id of an incident it holds, as it holds it.
    pub fn held_id(&self, id: &str) -> Option<&str> {
        let (held, _) = self.incidents.get_key_value(id)?;
        Some(held)
    }

    /// Whether the incident may be in a closed part not loaded: one in memory never is.
    fn in_closed_part(&self, id: &str) -> bool {
        let shard = shard_of(id);
        !self.complete
            && !self.incidents.contains_key(id)
            && !self.loaded_shards.contains(&shard)
            && self.closed_shards.contains_key(&shard)
    }

    /// The index as stored: apart from the main part, the closed incidents of each closed
    /// part in memory (all of them when every incident is known) and each other part that
    /// changed, each handed to `put` as soon as it is encoded, so that they are never all
    /// held at once; then the main part, which names the checksum of each, returned.
    pub fn encode<E: From<postcard::Error>>(
        &self,
        mut put: impl FnMut(Part, &[u8]) -> Result<(), E>,
    ) -> Result<Vec<u8>, E> {
        let (mut kept, closed) = self.split();
        let mut by_period: BTreeMap<PeriodKey, BTreeMap<&String, &IncidentEntry>> = BTreeMap::new();
        if self.complete {
            for (&id, &entry) in closed.values().flatten() {
                if let Some(key) = period_of(entry) {
                    by_period.entry(key).or_default().insert(id, entry);
                }
            }
        }
        for (shard, entries) in closed {
            let (stored, bytes) = encode_entries(entries)?;
            kept.closed_shards.insert(shard, stored);
            put(Part::Closed(shard), &bytes)?;
        }
        if self.complete {
            let mut periods = Periods {
                of: shards_checksum(&kept.closed_shards)?,
                parts: BTreeMap::new(),
            };
            for (key, entries) in by_period {
                let (stored, bytes) = encode_entries(entries)?;
                periods.parts.insert(key, stored);
                put(Part::Period(key), &bytes)?;
            }
            kept.periods = Some(periods);
        }
        self.rounds.encode_into(&mut kept.rounds, &mut put)?;
        self.leave.encode_into(&mut kept.leave, &mut put)?;
        self.backups.encode_into(&mut kept.backups, &mut put)?;
        self.requests.encode_into(&mut kept.requests, &mut put)?;
        if let Some(requests) = self
            .requests
            .loaded
            .as_ref()
            .filter(|_| self.requests.changed)
        {
            let (by_key, voided) = requests.by_key(&self.void_targets());
            let mut spans = RequestSpans {
                of: kept.requests.stored,
                parts: BTreeMap::new(),
                voided,
            };
            let stored = self.request_spans.as_ref().map(|spans| &spans.parts);
            for (key, rows) in by_key {
                let (part, bytes) = encode_part(&rows, rows.rows())?;
                // A part stored already with these very bytes is not written again.
                if stored.and_then(|parts| parts.get(&key)) != Some(&part) {
                    put(Part::RequestSpan(key), &bytes)?;
                }
                spans.parts.insert(key, part);
            }
            kept.request_spans = Some(spans);
        }
        Ok(postcard::to_stdvec(&kept)?)
    }

    /// The part of the index kept with it, and the closed incidents to store apart by the
    /// first bytes of their ids: those of every closed part in memory.
    #[allow(clippy::type_complexity)]
    fn split(&self) -> (Index, BTreeMap<ShardKey, BTreeMap<&String, &IncidentEntry>>) {
        let mut kept = Index {
            incidents: BTreeMap::new(),
            unfinished: Vec::new(),
            marks: self.marks.clone(),
            files: self.files.clone(),
            latest: self.latest,
            reports: self.reports.clone(),
            voids: self.voids.clone(),
            problems: self.problems.clone(),
            rounds: self.rounds.as_stored(),
            leave: self.leave.as_stored(),
            backups: self.backups.as_stored(),
            requests: self.requests.as_stored(),
            version: self.version.clone(),
            closed_shards: BTreeMap::new(),
            loaded_shards: BTreeSet::new(),
            periods: self.periods.clone(),
            request_spans: self.request_spans.clone(),
            recent_from: self.recent_from.max(self.latest - RECENT),
            complete: false,
        };
        // A closed part in memory holds every incident whose id begins with its bytes.
        let in_memory = |id: &str| self.complete || self.loaded_shards.contains(&shard_of(id));
        let mut closed: BTreeMap<ShardKey, BTreeMap<&String, &IncidentEntry>> = BTreeMap::new();
        for (id, entry) in &self.incidents {
            if entry.open || !in_memory(id) || entry.last >= kept.recent_from {
                kept.incidents.insert(id.clone(), entry.clone());
            } else {
                closed.entry(shard_of(id)).or_default().insert(id, entry);
            }
        }
        if !self.complete {
            kept.closed_shards = (self.closed_shards.iter())
                .filter(|(shard, _)| !self.loaded_shards.contains(*shard))
                .map(|(shard, stored)| (*shard, *stored))
                .collect();
        }
        (kept, closed)
    }

    /// Written by this otss, and every location names a known file.
    fn usable(&self) -> bool {
        let files = self.files.len();
        self.version == index_version()
            && self
                .incidents
                .values()
                .flat_map(|entry| &entry.records)
                .all(|location| (location.file as usize) < files)
            && {
                let files: HashSet<&String> = self.files.iter().collect();
                self.marks.keys().all(|name| files.contains(name))
            }
    }

    /// Reads what was appended to every changed file, and places its records.
    fn update<S: Source>(
        &mut self,
        stats: &[FileStat],
        source: &S,
        load: &mut LoadPart,
    ) -> Result<Result<bool, Stale>, S::Error> {
        let listed: HashSet<&str> = stats.iter().map(|s| s.name.as_str()).collect();
        if self
            .marks
            .keys()
            .any(|name| !listed.contains(name.as_str()))
        {
            return Ok(Err(Stale));
        }
        let numbers = (0u32..)
            .zip(&self.files)
            .map(|(n, name)| (name.clone(), n))
            .collect();
        self.unfinished.clear();
        let read = std::thread::scope(|scope| {
            let mut pass = Pass {
                stats,
                parser: Parser::new(scope, stats),
                found: HashMap::new(),
                held: Held::new(scope),
                reading: HashMap::new(),
                numbers,
                names: None,
            };
            let read = self.read_files(source, &mut pass, load);
            read.map(|read| read.map(|changed| (changed, pass.found, pass.held.folded())))
        })?;
        let Ok((changed, found, held)) = read else {
            return Ok(Err(Stale));
        };
        let touched = self.place_found(found);
        Ok(self.settle(touched, held, source)?.map(|()| changed))
    }

    /// Adds the locations a pass found to their incidents' entries, after those known;
    /// returns the incidents touched.
    fn place_found(&mut self, found: HashMap<String, Vec<Location>>) -> HashSet<String> {
        let mut touched = HashSet::with_capacity(found.len());
        for (id, mut locations) in found {
            match self.incidents.get_mut(&id) {
                Some(entry) => {
                    entry.records.append(&mut locations);
                    entry.records.shrink_to_fit();
                }
                None => {
                    locations.shrink_to_fit();
                    let entry = IncidentEntry {
                        records: locations,
                        ..IncidentEntry::default()
                    };
                    self.incidents.insert(id.clone(), entry);
                }
            }
            touched.insert(id);
        }
        touched
    }

    /// Reads every changed file, each line parsed beside this thread, and places its lines
    /// in order: `Ok(true)` when some file was read.
    fn read_files<S: Source>(
        &mut self,
        source: &S,
        pass: &mut Pass,
        load: &mut LoadPart,
    ) -> Result<Result<bool, Stale>, S::Error> {
        let mut changed = false;
        for at in 0..pass.stats.len() {
            match self.read_file(at, source, pass, load)? {
                Ok(read) => changed |= read,
                Err(stale) => return Ok(Err(stale)),
            }
            pass.parser.end(at);
        }
        let parsed = pass.parser.parsed(true)?;
        Ok(self.place(parsed, pass, load).map(|()| changed))
    }

    /// Reads a file if it changed, handing its new lines to `parser` and placing those parsed
    /// meanwhile: `Ok(true)` when it was read.
    fn read_file<S: Source>(
        &mut self,
        at: usize,
        source: &S,
        pass: &mut Pass,
        load: &mut LoadPart,
    ) -> Result<Result<bool, Stale>, S::Error> {
        let stat = &pass.stats[at];
        let mark = self.marks.get(&stat.name).cloned().unwrap_or_default();
        if mark.unchanged(stat) {
            return Ok(Ok(false));
        }
        let failed = |error| source.read_failed(&stat.name, error);
        let mut lines = Lines::new(source.open(&stat.name)?, 0, mark.lines + 1);
        let read = mark.read;
        let prefix_kept = lines.skip(read).map_err(failed)? == read
            && (read == 0 || lines.checksum().value() == mark.checksum);
        if !prefix_kept {
            return Ok(Err(Stale));
        }
        // After a whole record read without its newline, only that newline may follow.
        if mark.open_line {
            match lines.peek().map_err(failed)? {
                Some(b'\n') => _ = lines.skip(1).map_err(failed)?,
                Some(_) => return Ok(Err(Stale)),
                None => {}
            }
        }
        let from = lines.offset();
        let checksum = lines.checksum().value();
        let reading = FileRead {
            file: self.file_number(&stat.name, &mut pass.numbers),
            next: FileMark {
                stat: stat.clone(),
                read: from,
                lines: mark.lines,
                open_line: mark.open_line && from == read,
                checksum,
            },
            checksums: [checksum; 2],
            stopped: false,
        };
        pass.reading.insert(at, reading);
        loop {
            let Some(raw) = lines.next_line().map_err(failed)? else {
                break;
            };
            let sent = pass.parser.line(at, &raw);
            if let Some(reading) = pass.reading.get_mut(&at) {
                reading.checksums = [reading.checksums[1], lines.checksum().value()];
            }
            if sent && self.place(pass.parser.parsed(false)?, pass, load).is_err() {
                return Ok(Err(Stale));
            }
        }
        Ok(Ok(true))
    }

    /// Places the lines parsed, in order, noting where each incident record is and which
    /// incidents it touches, and ends the files they end.
    fn place(
        &mut self,
        parsed: Vec<Parsed>,
        pass: &mut Pass,
        load: &mut LoadPart,
    ) -> Result<(), Stale> {
        let stats = pass.stats;
        for Parsed { file, line } in parsed {
            let stat = &stats[file];
            match line {
                Some((line, at)) => {
                    let reading = pass.reading.get_mut(&file);
                    if let Some(record) = self.place_line(stat, reading, line, at) {
                        self.place_record(record, stat, pass, load)?;
                    }
                }
                None => self.end_file(stat, pass.reading.remove(&file)),
            }
        }
        Ok(())
    }

    /// Moves the file's mark past a line read whole, noting the problem it has if any; the
    /// record it holds, with where it is. A line left unfinished stops the file there.
    fn place_line(
        &mut self,
        stat: &FileStat,
        reading: Option<&mut FileRead>,
        line: Line,
        at: Range<u64>,
    ) -> Option<(Record, Location)> {
        let reading = reading.filter(|reading| !reading.stopped)?;
        if !line.complete() {
            reading.stopped = true;
            return None;
        }
        if line.terminated
            && let Some(problem) = line.problem(&stat.name)
        {
            self.problems.note(problem);
        }
        let next = &mut reading.next;
        next.lines = line.number;
        next.read = at.end;
        next.open_line = !line.terminated;
        let location = Location {
            file: reading.file,
            offset: at.start,
            len: line.len as u32,
        };
        line.record.map(|record| (record, location))
    }

    /// Notes what the index keeps of a record read at `location`.
    fn place_record(
        &mut self,
        (record, location): (Record, Location),
        stat: &FileStat,
        pass: &mut Pass,
        load: &mut LoadPart,
    ) -> Result<(), Stale> {
        let month = stat.name.split('/').next().unwrap_or_default();
        self.note_kept(&record, location, month, pass, load)
            .ok_or(Stale)?;
        report::note_issued(&mut self.reports, &record);
        if let Event::RecordVoided(void) = &record.event {
            self.voids
                .insert(record.id.clone(), VoidMark::of(&record, void));
        }
        if let Some(id) = incident::subject(&record.event) {
            // A record about an incident stored closed needs its entry.
            if self.in_closed_part(id) && !self.load_shard(shard_of(id), load) {
                return Err(Stale);
            }
            match pass.found.get_mut(id) {
                Some(locations) => locations.push(location),
                None => _ = pass.found.insert(id.to_string(), vec![location]),
            }
            let known = |id: &str| self.incidents.contains_key(id);
            (pass.held).take(record, location.len, known);
        }
        Ok(())
    }

    /// Stores how far a file was read, and reports its last line if unfinished.
    fn end_file(&mut self, stat: &FileStat, reading: Option<FileRead>) {
        if let Some(FileRead {
            mut next,
            checksums: [before_last, through_last],
            stopped,
            ..
        }) = reading
        {
            next.checksum = if stopped { before_last } else { through_last };
            self.marks.insert(stat.name.clone(), next);
        }
        self.note_unfinished(stat);
    }

    /// Keeps what the part of the history `record` belongs to needs of it, loading the part;
    /// `None` when it cannot be loaded (rebuild the index).
    fn note_kept(
        &mut self,
        record: &Record,
        location: Location,
        month: &str,
        pass: &mut Pass,
        load: &mut LoadPart,
    ) -> Option<()> {
        let files = self.files.len();
        if let Event::RecordVoided(_) = record.event {
            // The requests' rows are stored again with which of them a void may unsettle.
            self.requests.change(files, load)?;
        }
        match history::part_of(&record.event) {
            Some(Part::Rounds) => {
                let rounds = self.rounds.change(files, load)?;
                let names = pass.names.get_or_insert_with(|| rounds.names());
                rounds.note(record, location, names);
            }
            Some(Part::Leave) => self.leave.change(files, load)?.0.note(location),
            Some(Part::Requests) => self.requests.change(files, load)?.note(record, location),
            Some(Part::Backups) => self
                .backups
                .change(files, load)?
                .note(record, location, month),
            Some(Part::Closed(_) | Part::Period(_) | Part::RequestSpan(_) | Part::Risks) | None => {
            }
        }
        Some(())
    }

    /// A file's last line without a newline is reported as a full read reports it: a torn
    /// write when it was left unread, a missing newline when it is a whole record.
    fn note_unfinished(&mut self, stat: &FileStat) {
        let Some(mark) = self.marks.get(&stat.name) else {
            return;
        };
        let (line, fault) = if stat.len > mark.read {
            (mark.lines + 1, LineFault::Torn)
        } else if mark.open_line {
            (mark.lines, LineFault::NoNewline)
        } else {
            return;
        };
        self.unfinished.push(LineProblem {
            file: stat.name.clone(),
            line,
            fault,
        });
    }

    /// Settles the incidents that new records touched: those `folded` as their records were
    /// read stand as folded; the others are folded again from all their records, on both
    /// cores and in little memory, to know which are open and when each was reported and last
    /// changed.
    fn settle<S: Source>(
        &mut self,
        touched: HashSet<String>,
        mut folded: HashMap<String, Settled>,
        source: &S,
    ) -> Result<Result<(), Stale>, S::Error> {
        let ids: Vec<&str> = (self.incidents.keys())
            .filter(|id| touched.contains(*id) && !folded.contains_key(*id))
            .map(String::as_str)
            .collect();
        drop(touched);
        let Ok(read_again) = self.each_incident_beside(&ids, source, settle_one)? else {
            return Ok(Err(Stale));
        };
        folded.extend((read_again.into_iter()).map(|(n, settled)| (ids[n].to_string(), settled)));
        for (id, entry) in self.incidents.iter_mut() {
            if let Some(settled) = folded.remove(id) {
                entry.open = settled.open;
                entry.reported = settled.reported;
                entry.last = settled.last;
                self.latest = self.latest.max(settled.last);
            }
        }
        Ok(Ok(()))
    }

    /// Hands every record of each incident of `ids` (by its place in `ids`) to `each`, an
    /// incident at a time as soon as all its records are read. Files are read in order of
    /// their names (by month), each once, so only the incidents whose records span the files
    /// being read are held.
    fn each_incident<S: Source>(
        &self,
        ids: &[&str],
        source: &S,
        mut each: impl FnMut(usize, Vec<Record>),
    ) -> Result<Result<(), Stale>, S::Error> {
        // Files by name: `rank[file]` is a file's place among them.
        let mut by_name: Vec<usize> = (0..self.files.len()).collect();
        by_name.sort_by_key(|file| &self.files[*file]);
        let mut rank = vec![0u32; self.files.len()];
        for (place, file) in by_name.iter().enumerate() {
            rank[*file] = place as u32;
        }
        let locations: Vec<&[Location]> = ids
            .iter()
            .map(|id| self.incidents.get(*id).map(|e| e.records.as_slice()))
            .map(Option::unwrap_or_default)
            .collect();
        // Each record wanted, as (its file's rank, its incident's place in `ids`, its place
        // among the incident's records): small, for a whole ledger's worth of them.
        let total = locations.iter().map(|l| l.len()).sum();
        let mut wanted: Vec<(u32, u32, u32)> = Vec::with_capacity(total);
        let mut remaining: Vec<usize> = locations.iter().map(|l| l.len()).collect();
        for (n, of_incident) in locations.iter().enumerate() {
            for (k, location) in of_incident.iter().enumerate() {
                wanted.push((rank[location.file as usize], n as u32, k as u32));
            }
        }
        let location = |(_, n, k): (u32, u32, u32)| locations[n as usize][k as usize];
        wanted.sort_unstable_by_key(|w| (w.0, location(*w).offset));
        let mut pending: BTreeMap<usize, Vec<Record>> = BTreeMap::new();
        for in_file in wanted.chunk_by(|a, b| a.0 == b.0) {
            let name = &self.files[by_name[in_file[0].0 as usize]];
            let ranges: Vec<Range<u64>> = in_file.iter().map(|w| location(*w).range()).collect();
            for (bytes, (_, n, _)) in source.read(name, &ranges)?.into_iter().zip(in_file) {
                let n = *n as usize;
                match read_located(name, &bytes)? {
                    Some(record) if incident::subject(&record.event) == Some(ids[n]) => {
                        pending.entry(n).or_default().push(record);
                    }
                    _ => return Ok(Err(Stale)),
                }
                remaining[n] -= 1;
                if remaining[n] == 0 {
                    each(n, pending.remove(&n).unwrap_or_default());
                }
            }
        }
        Ok(Ok(()))
    }

    /// What `work` makes of every record of each incident of `ids` (by its place in `ids`),
    /// worked on a second thread while this one reads the next incident's records, as
    /// `each_incident` hands them; in the order made.
    fn each_incident_beside<S: Source, R: Send>(
        &self,
        ids: &[&str],
        source: &S,
        work: impl Fn(usize, Vec<Record>) -> R + Sync,
    ) -> Result<Result<Vec<R>, Stale>, S::Error> {
        let work = &work;
        let bytes = |id: &str| {
            let locations = self.incidents.get(id).map(|e| e.records.as_slice());
            (locations.unwrap_or_default().iter())
                .map(|l| u64::from(l.len))
                .sum::<u64>()
        };
        let (read, made) = std::thread::scope(|scope| {
            let mut beside = Beside::new(scope, work);
            let read = self.each_incident(ids, source, |n, records| {
                beside.hand_over(n, records, bytes(ids[n]));
            });
            (read, beside.made())
        });
        Ok(read?.map(|()| made))
    }

    /// A file's number in `files`, given it if it has none yet.
    fn file_number(&mut self, name: &str, numbers: &mut HashMap<String, u32>) -> u32 {
        *numbers.entry(name.to_string()).or_insert_with(|| {
            self.files.push(name.to_string());
            (self.files.len() - 1) as u32
        })
    }

    /// The records of the incidents `ids`, read from the ledger by their locations, each file
    /// opened once. Every record must still be there and be about its incident.
    fn read_records<S: Source>(
        &self,
        ids: &[&str],
        source: &S,
    ) -> Result<Result<Vec<Record>, Stale>, S::Error> {
        let mut wanted: Vec<(Location, &str)> = Vec::new();
        for id in ids {
            let locations = self.incidents.get(*id).map(|e| e.records.as_slice());
            wanted.extend(locations.unwrap_or_default().iter().map(|l| (*l, *id)));
        }
        self.read_at(wanted, source, |record, id| {
            incident::subject(&record.event) == Some(*id)
        })
    }

    /// The records at the locations `wanted`, each file opened once; each must still be
    /// there and `fit` what the index says of it.
    fn read_at<S: Source, K: Ord>(
        &self,
        wanted: Vec<(Location, K)>,
        source: &S,
        fits: impl Fn(&Record, &K) -> bool,
    ) -> Result<Result<Vec<Record>, Stale>, S::Error> {
        let mut by_file: BTreeMap<u32, Vec<(Location, K)>> = BTreeMap::new();
        for (location, key) in wanted {
            by_file
                .entry(location.file)
                .or_default()
                .push((location, key));
        }
        let mut records = Vec::new();
        for (file, mut wanted) in by_file {
            wanted.sort();
            let Some(name) = self.files.get(file as usize) else {
                return Ok(Err(Stale));
            };
            let ranges: Vec<Range<u64>> = wanted.iter().map(|(l, _)| l.range()).collect();
            for (bytes, (_, key)) in source.read(name, &ranges)?.into_iter().zip(&wanted) {
                match read_located(name, &bytes)? {
                    Some(record) if fits(&record, key) => records.push(record),
                    _ => return Ok(Err(Stale)),
                }
            }
        }
        Ok(Ok(records))
    }

    /// The records the index keeps for `kept`, as `Kept` says, loading the part of the index
    /// that says where they are; `None` when that part cannot be loaded or the files no longer
    /// match the index (rebuild it and ask again).
    pub fn kept_records<S: Source>(
        &mut self,
        kept: Kept,
        source: &S,
        load: &mut LoadPart,
    ) -> Result<Option<Vec<Record>>, S::Error> {
        let files = self.files.len();
        let located = |locations: &mut dyn Iterator<Item = &Location>| {
            locations.map(|l| (*l, ())).collect::<Vec<_>>()
        };
        let (wanted, fits): (_, fn(&Record, &()) -> bool) = match kept {
            Kept::Openings => match self.rounds.load(files, load) {
                Some(rounds) => (
                    located(&mut rounds.openings().iter()),
                    |r, _| matches!(&r.event, Event::IncidentOpened(o) if o.from_risk.is_some()),
                ),
                None => return Ok(None),
            },
            Kept::Leave => match self.leave.load(files, load) {
                Some(leave) => (located(&mut leave.0.locations().iter()), |r, _| {
                    matches!(r.event, Event::OvertimeLogged(_) | Event::LeaveTaken(_))
                }),
                None => return Ok(None),
            },
            Kept::Backups => match self.backups.load(files, load) {
                Some(backups) => (located(&mut backups.locations()), |r, _| {
                    matches!(r.event, Event::BackupChecked(_))
                }),
                None => return Ok(None),
            },
            Kept::Requests => match self.requests.load(files, load) {
                Some(requests) => (located(&mut requests.locations()), is_of_a_request),
                None => return Ok(None),
            },
        };
        Ok(self.read_at(wanted, source, fits)?.ok())
    }

    /// The records of every request that may still wait at `now` (Unix seconds), and of
    /// every request asked within `asked` (Unix seconds, both ends in), with their moves,
    /// when the records `withdrawn` count nowhere: those of the other requests, surely
    /// answered or declined by `now`, are left unread (docs/rules.md §8.10). `None` as for
    /// `kept_records`.
    pub fn records_of_requests_waiting<S: Source>(
        &mut self,
        now: i64,
        withdrawn: &HashSet<String>,
        asked: Option<RangeInclusive<i64>>,
        source: &S,
        load: &mut LoadPart,
    ) -> Result<Option<Vec<Record>>, S::Error> {
        let spans = self.requests_by_span(now, withdrawn, asked.as_ref(), load);
        let requests = match &spans {
            Some(requests) => requests,
            None => match self.requests.load(self.files.len(), load) {
                Some(requests) => &*requests,
                None => return Ok(None),
            },
        };
        let waiting = requests.maybe_waiting(now, withdrawn, asked);
        let wanted: Vec<_> = waiting.map(|location| (*location, ())).collect();
        Ok(self.read_at(wanted, source, is_of_a_request)?.ok())
    }

    /// The ids of the records some void names, whether it withdraws or restores them.
    fn void_targets(&self) -> HashSet<&str> {
        self.voids.values().map(|m| m.target.as_str()).collect()
    }

    /// The rows of the requests that may be waiting at `now`, or asked within `asked`, from
    /// the parts of the spans they may be in; `None` when those parts cannot tell (the
    /// requests' part is in memory, changed since, or a record `withdrawn` is not the target
    /// of a void the index knows) or one is missing: read the whole part instead.
    fn requests_by_span(
        &self,
        now: i64,
        withdrawn: &HashSet<String>,
        asked: Option<&RangeInclusive<i64>>,
        load: &mut LoadPart,
    ) -> Option<Requests> {
        if self.requests.loaded.is_some() {
            return None;
        }
        let spans = (self.request_spans.as_ref()).filter(|s| s.of == self.requests.stored)?;
        let targets = self.void_targets();
        if !withdrawn.iter().all(|id| targets.contains(id.as_str())) {
            return None;
        }
        let files = self.files.len();
        let mut requests = Requests::default();
        for (&key, stored) in &spans.parts {
            if !Requests::key_may_wait(key, now, asked) && !spans.voided.contains(&key) {
                continue;
            }
            let bytes = load(Part::RequestSpan(key), stored.checksum)?;
            let part: Requests = postcard::from_bytes(&bytes).ok()?;
            let fits = part.rows() == stored.count
                && part.all_under(key)
                && part.locations().all(|l| (l.file as usize) < files);
            if !fits {
                return None;
            }
            requests.extend(part);
        }
        Some(requests)
    }

    /// Loads the rounds' part; `false` when it cannot be (rebuild the index).
    pub fn load_rounds(&mut self, load: &mut LoadPart) -> bool {
        self.rounds.load(self.files.len(), load).is_some()
    }

    /// The inspection rounds done within `secs` (Unix seconds) in the order records are
    /// folded, without the notes of items found ok, each made as it is taken: what risks and
    /// capacity trends are found from. The rounds are those of the part `load_rounds` or
    /// `kept_records(Kept::Openings, …)` loaded.
    pub fn rounds(&self, secs: RangeInclusive<i64>) -> impl Iterator<Item = Record> + '_ {
        (self.rounds.loaded.iter()).flat_map(move |rounds| rounds.rounds(secs.clone()))
    }

    /// Whether a backup check the index does not keep might be a job's latest that counts,
    /// given the latest found among the kept ones that count (`latest`, by job in lowercase)
    /// and which times count: then every check must be read.
    pub fn backups_hidden(
        &self,
        latest: &BTreeMap<String, Latest>,
        counts: impl Fn(chrono::DateTime<chrono::Utc>) -> bool,
    ) -> bool {
        // Without the part loaded, any check may be hidden.
        let backups = self.backups.loaded.as_ref();
        backups.is_none_or(|backups| backups.hidden(latest, counts))
    }

    /// The lines that are not records told one by one (`TOLD_PER_FILE` a file), as a full
    /// read tells them.
    pub fn problems(&self) -> Vec<&LineProblem> {
        let mut problems: Vec<&LineProblem> = self
            .problems
            .told()
            .iter()
            .chain(&self.unfinished)
            .collect();
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems
    }

    /// The files with more lines that are not records than are told, and how many more.
    pub fn untold_problems(&self) -> impl Iterator<Item = (&str, usize)> {
        self.problems.untold()
    }

    /// Ids of the incidents that are open.
    pub fn open_ids(&self) -> Vec<&str> {
        self.open_ids_at(i64::MAX)
    }

    /// Ids of the incidents that may be open at `now` (Unix seconds): those open, and those
    /// with a record after `now`, which counts nowhere then (docs/rules.md §10.5).
    pub fn open_ids_at(&self, now: i64) -> Vec<&str> {
        self.incidents
            .iter()
            .filter(|(_, entry)| entry.open || entry.last > now)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Whether a record of an incident happened after `now` (Unix seconds): then a closed
    /// incident may be open at `now`.
    pub fn has_incident_records_after(&self, now: i64) -> bool {
        self.latest > now
    }

    /// Whether an incident of a closed part not loaded may have a record after `now` (Unix
    /// seconds), and so be open at `now`: load the closed parts to know.
    pub fn closed_apart_after(&self, now: i64) -> bool {
        !self.complete && self.has_incident_records_after(now) && now < self.recent_from
    }

    /// The month of every report issued, with when it was first issued.
    pub fn issued_reports(&self) -> &BTreeMap<String, report::Issues> {
        &self.reports
    }

    /// The ids of the records not about an incident that a void withdraws (a void of an
    /// incident's record is weighed with the incident's records).
    pub fn withdrawn(&self) -> HashSet<&str> {
        void::withdrawn(
            self.voids
                .iter()
                .filter(|(_, mark)| !mark.incident)
                .map(|(id, mark)| VoidLink {
                    id,
                    target: &mark.target,
                }),
        )
    }

    /// When each void of a record of the time from `from` to `to` was recorded (all Unix
    /// seconds): the months its record is in.
    pub fn voids_of(&self, from: i64, to: i64) -> impl Iterator<Item = i64> + '_ {
        self.voids
            .values()
            .filter(move |mark| mark.target_at.is_some_and(|t| (from..=to).contains(&t)))
            .map(|mark| mark.at)
    }

    /// Whether a void recorded after `after` withdrew (or restored) a record of the time from
    /// `from` to `to` (all Unix seconds): what a report of that time said may have changed.
    pub fn corrected_after(&self, from: i64, to: i64, after: i64) -> bool {
        self.voids
            .values()
            .any(|mark| mark.at > after && mark.target_at.is_some_and(|t| (from..=to).contains(&t)))
    }

    /// Ids of the incidents that bear on a period from `from` to `to` (Unix seconds): those
    /// reported in it, and those reported before its end that may still have been open then
    /// (open now, or changed since its end). Every incident must be in memory.
    pub fn ids_between(&self, from: i64, to: i64) -> Vec<&str> {
        self.incidents
            .iter()
            .filter(|(_, e)| {
                e.reported.is_some_and(|reported| {
                    (from..=to).contains(&reported) || (reported <= to && (e.open || e.last > to))
                })
            })
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Whether every incident is in memory, closed ones too.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Ids of the incidents in memory reported within `from..=to` (Unix seconds).
    pub fn ids_reported_between(&self, from: i64, to: i64) -> Vec<&str> {
        (self.incidents.iter())
            .filter(|(_, e)| e.reported.is_some_and(|r| (from..=to).contains(&r)))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Every span (see `span_of`) an incident was reported in, as the incidents in memory and
    /// the period parts stored tell: every such span once the period parts copy the closed
    /// parts, or every incident is in memory.
    pub fn reported_spans(&self) -> BTreeSet<i64> {
        let in_memory = self
            .incidents
            .values()
            .filter_map(|e| e.reported.map(span_of));
        let parts = self.periods.iter().flat_map(|p| p.parts.keys());
        in_memory
            .chain(parts.map(|(reported, _)| *reported))
            .collect()
    }

    /// Ids of every incident in memory: every incident once the closed part is loaded.
    pub fn ids(&self) -> Vec<&str> {
        self.incidents.keys().map(String::as_str).collect()
    }

    /// What `digest` makes of each incident of `ids`, folded one at a time from its records
    /// once `sift` has left out those that count nowhere, in no particular order; `None` when
    /// the files no longer match the index (rebuild it and ask again).
    pub fn fold_each<S: Source, T>(
        &self,
        ids: &[&str],
        source: &S,
        mut sift: impl FnMut(&mut Vec<Record>),
        digest: impl Fn(&incident::Incident) -> T,
    ) -> Result<Option<Vec<T>>, S::Error> {
        let mut digests = Vec::new();
        let read = self.each_incident(ids, source, |_, mut records| {
            sift(&mut records);
            digests.extend(incident::fold(&records).iter().map(&digest));
        })?;
        Ok(read.ok().map(|()| digests))
    }

    /// Forgets every incident but `ids`, to free the memory of a large index before the
    /// records of a few of its incidents are read.
    pub fn retain(&mut self, ids: &BTreeSet<String>) {
        self.incidents.retain(|id, _| ids.contains(id));
    }

    /// The records of the incidents `ids`; `None` when the files no longer match the index
    /// (rebuild it and ask again).
    pub fn records<S: Source>(
        &self,
        ids: &[&str],
        source: &S,
    ) -> Result<Option<Vec<Record>>, S::Error> {
        Ok(self.read_records(ids, source)?.ok())
    }
}

#[cfg(test)]
pub(crate) mod tests;
