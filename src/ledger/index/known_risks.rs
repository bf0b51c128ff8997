//! The risks found from the rounds the index keeps, stored apart with what they were found
//! from, so that listing them again does not go through every round (docs/rules.md §8.10).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Index, Source};
use crate::contract::Contract;
use crate::inspect::Risk;
use crate::ledger::lines::Checksum;
use crate::record::entry::beyond;
use crate::time::local_date;

/// Risks as found, with what decides whether a reading now would find the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stored<R> {
    /// The index's format and otss's version.
    version: String,
    /// The checksum of the rounds' part they were found from.
    rounds: u64,
    /// The checksum of the ids a void withdrew then.
    withdrawn: u64,
    /// The earliest and the latest second of a round or of an incident opened from a risk;
    /// nothing between them counted nowhere then.
    span: Option<(i64, i64)>,
    /// The incidents opened from a risk: a rebuilt index may place other ones just where
    /// these were.
    openings: Openings,
    risks: R,
}

/// Where the incidents opened from a risk are, by file name, and a checksum of the bytes there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Openings {
    places: BTreeMap<String, Vec<Range<u64>>>,
    sum: u64,
}

impl Openings {
    /// The openings of the rounds' part `index` has loaded, with a checksum of their bytes as
    /// `source` has them now; `None` when the part is not loaded or cannot be read.
    pub fn of<S: Source>(index: &Index, source: &S) -> Option<Openings> {
        let rounds = index.rounds.loaded.as_ref()?;
        let mut places: BTreeMap<String, Vec<Range<u64>>> = BTreeMap::new();
        for location in rounds.openings() {
            let name = index.files.get(location.file as usize)?;
            places
                .entry(name.clone())
                .or_default()
                .push(location.range());
        }
        places
            .values_mut()
            .for_each(|ranges| ranges.sort_by_key(|r| r.start));
        let sum = bytes_checksum(&places, source)?;
        Some(Openings { places, sum })
    }

    /// Whether `source` still has the same bytes at its places.
    fn unchanged<S: Source>(&self, source: &S) -> bool {
        bytes_checksum(&self.places, source) == Some(self.sum)
    }
}

/// A checksum of the bytes `source` has at `places`; `None` when a file cannot be read.
fn bytes_checksum<S: Source>(
    places: &BTreeMap<String, Vec<Range<u64>>>,
    source: &S,
) -> Option<u64> {
    let mut sum = Checksum::default();
    for (name, ranges) in places {
        for bytes in source.read(name, ranges).ok()? {
            sum.update(&bytes.len().to_le_bytes());
            sum.update(&bytes);
        }
    }
    Some(sum.value())
}

/// The first and the latest second of the records risks are found from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span(Option<(i64, i64)>);

impl Span {
    /// The span grown to take in `at`: by whole seconds, the latest rounded up.
    pub fn take(&mut self, at: DateTime<Utc>) {
        let first = at.timestamp();
        let latest = first + i64::from(at.timestamp_subsec_nanos() > 0);
        self.0 = Some(match self.0 {
            None => (first, latest),
            Some((a, b)) => (a.min(first), b.max(latest)),
        });
    }
}

/// The bytes to store apart for `risks`, found from the rounds of `index` and `openings`, the
/// records `withdrawn` left out, from records within `span` of which none counted nowhere;
/// `None` when the rounds in memory are not those stored (the part is stored anew first).
pub fn encode(
    index: &Index,
    withdrawn: &HashSet<String>,
    span: Span,
    openings: Openings,
    risks: &[Risk],
) -> Option<Vec<u8>> {
    let stored = Stored {
        version: index.version.clone(),
        rounds: rounds_as_stored(index)?,
        withdrawn: checksum_of_ids(withdrawn),
        span: span.0,
        openings,
        risks,
    };
    postcard::to_stdvec(&stored).ok()
}

/// The risks stored in `bytes`, if a reading of `index` under `contract` at `now`, the
/// records `withdrawn` left out, finds the same: the same rounds, the same records withdrawn,
/// the first and the latest of them still counting, within the term and not after now, and
/// the same bytes where the incidents opened from a risk are in `source`.
pub fn decode<S: Source>(
    bytes: &[u8],
    index: &Index,
    withdrawn: &HashSet<String>,
    contract: &Contract,
    now: DateTime<Utc>,
    source: &S,
) -> Option<Vec<Risk>> {
    let stored: Stored<Vec<Risk>> = postcard::from_bytes(bytes).ok()?;
    let counts = |second: i64| {
        let at = DateTime::from_timestamp(second, 0)?;
        let in_term = contract.check_in_term(local_date(at, contract.timezone));
        Some(in_term.is_ok() && !beyond(at, now))
    };
    let span_counts = stored
        .span
        .is_none_or(|(first, latest)| counts(first) == Some(true) && counts(latest) == Some(true));
    let current = stored.version == index.version
        && Some(stored.rounds) == rounds_as_stored(index)
        && stored.withdrawn == checksum_of_ids(withdrawn)
        && span_counts
        && stored.openings.unchanged(source);
    current.then_some(stored.risks)
}

/// The checksum of the rounds' part as stored, when the rounds in memory are those.
fn rounds_as_stored(index: &Index) -> Option<u64> {
    let rounds = &index.rounds;
    (!rounds.changed && rounds.stored != 0).then_some(rounds.stored)
}

/// A checksum of a set of ids, whatever their order.
fn checksum_of_ids(ids: &HashSet<String>) -> u64 {
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort_unstable();
    let mut sum = Checksum::default();
    for id in sorted {
        sum.update(&id.len().to_le_bytes());
        sum.update(id.as_bytes());
    }
    sum.value()
}

#[cfg(test)]
mod tests;
