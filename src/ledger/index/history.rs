//! What the index keeps of the records whose whole history still decides something today
//! (docs/rules.md §8.10): every inspection round, reduced to what risks are found from; and
//! where the records are that the open risks, comp-leave balances and backup jobs' latest
//! checks are read from. The commands that need them then read these few records instead of
//! the whole ledger, and judge them (voids, doubts) exactly as a full read would.
//!
//! Each kind is a part of the index stored in its own file (§8.9), so that a command loads
//! only the parts it needs: `Rounds` (with the incidents opened from a risk), `Leave`,
//! `Backups` and `Requests`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::RangeInclusive;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::{Location, span_of};
use crate::capacity::{Passed, Quantity};
use crate::feedback::Move;
use crate::record::inspect::{ItemResult, Outcome, Reading, Round};
use crate::record::{Event, Record};
use crate::service::InspectionKind;

/// How many of a job's latest checks of a month are kept: one that a void withdraws is then
/// rarely the only one.
const TAIL: usize = 2;

/// Names kept once in `Rounds::names`, by their place there, while records are indexed.
pub type Names = HashMap<String, u32>;

/// Every inspection round, and where the incidents opened from a risk are: what the risks
/// are found from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rounds {
    /// Engineer and checklist item names, each kept once: rounds name them by their place.
    names: Vec<String>,
    rounds: Vec<RoundRow>,
    /// Incidents opened from a risk.
    openings: Vec<Location>,
}

/// Where the records of some kinds are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located(Vec<Location>);

/// Where the overtime logged and the leave taken are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leave(pub Located);

/// Where every request and each move of one are (docs/rules.md §4.11), by the id of the
/// request they are of, with what tells that a request no longer waits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requests(BTreeMap<String, RequestRow>);

/// What a request's row is stored again by: the span of time it was first asked in, and the
/// span its earliest answer or decline is in, `MAY_WAIT` for a request that may wait whatever
/// the time (asked more than once, never settled, or settled no later than asked).
pub type RequestKey = (i64, i64);

const MAY_WAIT: i64 = i64::MAX;

/// The rows of some requests as stored, by the id of the request.
#[derive(Serialize)]
pub struct RequestsView<'a>(BTreeMap<&'a String, &'a RequestRow>);

impl RequestsView<'_> {
    /// How many requests it has rows of.
    pub fn rows(&self) -> usize {
        self.0.len()
    }
}

/// The records of one request id: where they are, when it was asked, and its earliest answer
/// or decline that can count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct RequestRow {
    located: Vec<Location>,
    /// When each record asking it happened (Unix seconds): one, unless an id was repeated.
    asked: Vec<i64>,
    settled: Option<Settled>,
}

/// An answer or a decline, with no doubt of its own about when it was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Settled {
    /// When it happened (Unix seconds).
    at: i64,
    id: String,
}

impl RequestRow {
    /// The key the row is stored again by (see `RequestKey`).
    fn key(&self) -> RequestKey {
        let first = self.asked.iter().min().map_or(MAY_WAIT, |at| span_of(*at));
        let settled = match (self.asked.as_slice(), &self.settled) {
            (&[asked], Some(settled)) if asked < settled.at => span_of(settled.at),
            _ => MAY_WAIT,
        };
        (first, settled)
    }

    /// Whether the request was asked by `now` (Unix seconds): one asked only later has no life
    /// yet, and its moves move nothing (docs/rules.md §8.10).
    fn asked_by(&self, now: i64) -> bool {
        self.asked.iter().any(|at| *at <= now)
    }

    /// Whether the request surely no longer waits at `now` (Unix seconds) (docs/rules.md
    /// §8.10): asked once, then answered or declined before `now` by a record that neither
    /// counts nowhere nor is `withdrawn`. An answer or a decline moves any request asked once
    /// and not yet settled, and nothing moves a settled request back.
    fn settled_by(&self, now: i64, withdrawn: &HashSet<String>) -> bool {
        let (&[asked], Some(settled)) = (self.asked.as_slice(), &self.settled) else {
            return false;
        };
        asked < settled.at && settled.at < now && !withdrawn.contains(&settled.id)
    }
}

/// The latest checks of each backup job (in lowercase) in each month's files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backups(BTreeMap<(String, String), Tail>);

/// Which part of the history a record is kept in, if any.
pub fn part_of(event: &Event) -> Option<super::Part> {
    match event {
        Event::InspectionRound(_) => Some(super::Part::Rounds),
        Event::IncidentOpened(opened) if opened.from_risk.is_some() => Some(super::Part::Rounds),
        Event::OvertimeLogged(_) | Event::LeaveTaken(_) => Some(super::Part::Leave),
        Event::BackupChecked(_) => Some(super::Part::Backups),
        Event::RequestAdded(_)
        | Event::RequestForwarded(_)
        | Event::RequestAnswered(_)
        | Event::RequestClosed(_)
        | Event::RequestDeclined(_) => Some(super::Part::Requests),
        _ => None,
    }
}

/// An instant as a record writes it: Unix time and the offset it was shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    secs: i64,
    nanos: u32,
    offset: i32,
}

impl Stamp {
    fn of(at: &DateTime<FixedOffset>) -> Stamp {
        Stamp {
            secs: at.timestamp(),
            nanos: at.timestamp_subsec_nanos(),
            offset: at.offset().local_minus_utc(),
        }
    }

    fn at(&self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(self.offset)?;
        Some(DateTime::from_timestamp(self.secs, self.nanos)?.with_timezone(&offset))
    }
}

/// An inspection round with what finding risks and capacity trends needs: no note of an item
/// found ok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RoundRow {
    v: u32,
    id: String,
    at: Stamp,
    by: u32,
    kind: InspectionKind,
    items: Vec<u32>,
    /// The items found abnormal, by their place in `items`, with their notes.
    abnormal: Vec<(u32, Option<String>)>,
    /// The values read, by the item's place in `items`, with the threshold each reached.
    readings: Vec<(u32, Quantity, Option<Passed>)>,
}

/// A job's latest checks in one month's files, latest first, and whether there were more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Tail {
    latest: Vec<Check>,
    more: bool,
    /// The earliest of all of them, kept or not (Unix seconds and nanoseconds).
    earliest: (i64, u32),
}

/// A backup check, in the order records are folded, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Check {
    at: (i64, u32),
    id: String,
    location: Location,
}

/// A backup job's latest check that counts: when it was done, and its record's id.
pub type Latest = (DateTime<Utc>, String);

impl Rounds {
    /// The names as `note` looks them up.
    pub fn names(&self) -> Names {
        (0u32..)
            .zip(&self.names)
            .map(|(n, name)| (name.clone(), n))
            .collect()
    }

    /// Keeps a round or an incident opened from a risk, found at `location`.
    pub fn note(&mut self, record: &Record, location: Location, names: &mut Names) {
        match &record.event {
            Event::InspectionRound(round) => {
                let row = self.round_row(record, round, names);
                self.rounds.push(row);
            }
            Event::IncidentOpened(_) => self.openings.push(location),
            _ => {}
        }
    }

    fn round_row(&mut self, record: &Record, round: &Round, names: &mut Names) -> RoundRow {
        let mut name = |text: &str| {
            *names.entry(text.to_string()).or_insert_with(|| {
                self.names.push(text.to_string());
                (self.names.len() - 1) as u32
            })
        };
        let by = name(&record.by);
        let items = round.items.iter().map(|r| name(&r.item)).collect();
        let abnormal = (0u32..)
            .zip(&round.items)
            .filter(|(_, r)| r.result == Outcome::Abnormal)
            .map(|(n, r)| (n, r.note.clone()))
            .collect();
        let readings = (0u32..)
            .zip(&round.items)
            .filter_map(|(n, r)| Some((n, r.reading?.quantity, r.reading?.passed)))
            .collect();
        RoundRow {
            v: record.v,
            id: record.id.clone(),
            at: Stamp::of(&record.at),
            by,
            kind: round.kind,
            items,
            abnormal,
            readings,
        }
    }

    /// Every location it names, to check against the files.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        self.openings.iter()
    }

    /// The inspection rounds done within `secs` (Unix seconds) in the order records are
    /// folded, each as a record that says what finding risks and trends needs, made as it is
    /// taken.
    pub fn rounds(&self, secs: RangeInclusive<i64>) -> impl Iterator<Item = Record> + '_ {
        let within = |row: &&RoundRow| secs.contains(&row.at.secs);
        let mut rows: Vec<&RoundRow> = self.rounds.iter().filter(within).collect();
        rows.sort_by(|a, b| (a.at.secs, a.at.nanos, &a.id).cmp(&(b.at.secs, b.at.nanos, &b.id)));
        rows.into_iter().filter_map(|row| self.round(row))
    }

    fn round(&self, row: &RoundRow) -> Option<Record> {
        let name = |n: u32| self.names.get(n as usize).cloned();
        let mut items: Vec<ItemResult> = row
            .items
            .iter()
            .map(|n| {
                Some(ItemResult {
                    item: name(*n)?,
                    result: Outcome::Ok,
                    note: None,
                    reading: None,
                })
            })
            .collect::<Option<_>>()?;
        for (n, note) in &row.abnormal {
            let item = items.get_mut(*n as usize)?;
            item.result = Outcome::Abnormal;
            item.note = note.clone();
        }
        for (n, quantity, passed) in &row.readings {
            let item = items.get_mut(*n as usize)?;
            item.reading = Some(Reading {
                quantity: *quantity,
                passed: *passed,
            });
        }
        Some(Record {
            v: row.v,
            id: row.id.clone(),
            at: row.at.at()?,
            by: name(row.by)?,
            prev: None,
            event: Event::InspectionRound(Round {
                kind: row.kind,
                items,
            }),
        })
    }

    /// Where the records of incidents opened from a risk are.
    pub fn openings(&self) -> &[Location] {
        &self.openings
    }
}

impl Located {
    /// Keeps where a record is.
    pub fn note(&mut self, location: Location) {
        self.0.push(location);
    }

    /// Where the records are.
    pub fn locations(&self) -> &[Location] {
        &self.0
    }
}

impl Requests {
    /// Keeps where a request or a move of one is, and what it says of when the request was
    /// asked or settled.
    pub fn note(&mut self, record: &Record, location: Location) {
        let (request, moved) = match &record.event {
            Event::RequestAdded(_) => (record.id.as_str(), None),
            event => match Move::of(event) {
                Some((wanted, request)) => (request, Some(wanted)),
                None => return,
            },
        };
        let row = self.0.entry(request.to_string()).or_default();
        row.located.push(location);
        let at = record.instant().timestamp();
        match moved {
            None => row.asked.push(at),
            Some(Move::Answer | Move::Decline)
                if record.entered_before_it_happened().is_none()
                    && row.settled.as_ref().is_none_or(|earliest| at < earliest.at) =>
            {
                let id = record.id.clone();
                row.settled = Some(Settled { at, id });
            }
            Some(_) => {}
        }
    }

    /// Where every request and each move of one are.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        self.0.values().flat_map(|row| &row.located)
    }

    /// The rows by the key they are stored again by; and the keys of the rows settled by a
    /// record that is the target of a void among `targets`.
    #[allow(clippy::type_complexity)]
    pub fn by_key(
        &self,
        targets: &HashSet<&str>,
    ) -> (BTreeMap<RequestKey, RequestsView<'_>>, BTreeSet<RequestKey>) {
        let mut parts: BTreeMap<RequestKey, RequestsView> = BTreeMap::new();
        let mut voided = BTreeSet::new();
        for (id, row) in &self.0 {
            let key = row.key();
            let part = parts
                .entry(key)
                .or_insert_with(|| RequestsView(BTreeMap::new()));
            part.0.insert(id, row);
            if row
                .settled
                .as_ref()
                .is_some_and(|s| targets.contains(s.id.as_str()))
            {
                voided.insert(key);
            }
        }
        (parts, voided)
    }

    /// Whether every row is stored under `key`.
    pub fn all_under(&self, key: RequestKey) -> bool {
        self.0.values().all(|row| row.key() == key)
    }

    /// How many requests it has rows of.
    pub fn rows(&self) -> usize {
        self.0.len()
    }

    /// Takes in the rows of another part.
    pub fn extend(&mut self, other: Requests) {
        self.0.extend(other.0);
    }

    /// Whether the rows stored under `key` may be among those `maybe_waiting(now, _, asked)`
    /// gives when no answer or decline among them is withdrawn.
    pub fn key_may_wait(key: RequestKey, now: i64, asked: Option<&RangeInclusive<i64>>) -> bool {
        let (first, settled) = key;
        let asked_within = asked.is_some_and(|asked| {
            (span_of(*asked.start())..=span_of(*asked.end())).contains(&first)
        });
        first <= span_of(now) && (settled >= span_of(now) || asked_within)
    }

    /// Where the records are of every request that may still wait at `now` (Unix seconds),
    /// when the records `withdrawn` count nowhere: all asked by then but those surely settled;
    /// and of every request asked within `asked` (Unix seconds, both ends in) by then, settled
    /// or not.
    pub fn maybe_waiting<'a>(
        &'a self,
        now: i64,
        withdrawn: &'a HashSet<String>,
        asked: Option<RangeInclusive<i64>>,
    ) -> impl Iterator<Item = &'a Location> {
        let asked_within = move |row: &RequestRow| {
            let asked = asked.clone();
            asked.is_some_and(|asked| row.asked.iter().any(|at| asked.contains(at)))
        };
        let wanted = (self.0.values())
            .filter(move |row| row.asked_by(now))
            .filter(move |row| !row.settled_by(now, withdrawn) || asked_within(row));
        wanted.flat_map(|row| &row.located)
    }
}

impl Backups {
    /// Keeps a backup check found at `location` in a file of `month`, if it is among the
    /// latest of its job there.
    pub fn note(&mut self, record: &Record, location: Location, month: &str) {
        let Event::BackupChecked(check) = &record.event else {
            return;
        };
        let instant = record.instant();
        let at = (instant.timestamp(), instant.timestamp_subsec_nanos());
        let key = (check.job.to_lowercase(), month.to_string());
        let tail = self.0.entry(key).or_insert_with(|| Tail {
            earliest: at,
            ..Tail::default()
        });
        let id = record.id.clone();
        tail.add(Check { at, id, location });
    }

    /// Where the latest checks kept of every backup job are.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        self.0.values().flat_map(|t| &t.latest).map(|c| &c.location)
    }

    /// Whether a check not kept might be a job's latest that counts, given the latest found
    /// among those kept (`latest`, by job in lowercase) and which times count: when every
    /// check kept of a month that had more was passed over and is later than that latest.
    pub fn hidden(
        &self,
        latest: &BTreeMap<String, Latest>,
        counts: impl Fn(DateTime<Utc>) -> bool,
    ) -> bool {
        let order = |(at, id): &Latest| ((at.timestamp(), at.timestamp_subsec_nanos()), id.clone());
        self.0.iter().any(|((job, _), tail)| {
            let oldest_kept = tail.latest.last().map(|c| (c.at, c.id.clone()));
            let earliest = DateTime::from_timestamp(tail.earliest.0, tail.earliest.1);
            tail.more && earliest.is_none_or(&counts) && latest.get(job).map(order) < oldest_kept
        })
    }
}

impl Tail {
    /// Keeps `check` if it is among the latest.
    fn add(&mut self, check: Check) {
        self.earliest = self.earliest.min(check.at);
        let place = self.latest.partition_point(|kept| *kept > check);
        self.latest.insert(place, check);
        if self.latest.len() > TAIL {
            self.latest.truncate(TAIL);
            self.more = true;
        }
    }
}
