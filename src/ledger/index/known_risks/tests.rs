use chrono::{NaiveDate, TimeZone};

use super::*;
use crate::contract::testing::{MINIMAL, parse};
use crate::ledger::index::tests::Memory;
use crate::service::InspectionKind;

fn t(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).unwrap()
}

/// An index whose rounds' part is stored with checksum `rounds` and not changed since.
fn index(rounds: u64) -> Index {
    let mut index = Index {
        version: "16/test".to_string(),
        ..Index::default()
    };
    index.rounds.stored = rounds;
    index
}

fn found() -> Vec<Risk> {
    vec![Risk {
        id: "Q2MX7K-2".to_string(),
        at: t(3, 2),
        by: "li.lei".to_string(),
        kind: InspectionKind::Resource,
        item: "CBS disks".to_string(),
        note: "92 % full".to_string(),
        open: true,
        incident: None,
        seen: 2,
        last_seen: t(5, 2),
        last_note: "95 % full".to_string(),
    }]
}

fn ids(ids: &[&str]) -> HashSet<String> {
    ids.iter().map(ToString::to_string).collect()
}

const FILE: &str = "2025-03/li.lei.jsonl";

/// A ledger whose one file holds an incident opened from a risk on its second line.
fn ledger() -> Memory {
    let memory = Memory::default();
    memory.write(FILE, false, |bytes| {
        bytes.extend(b"first line\nopened from Q2MX7K-2\n")
    });
    memory
}

/// Where the opening of `ledger` is, with the bytes there now.
fn openings(ledger: &Memory) -> Openings {
    let opening = Range { start: 11, end: 33 };
    let places = BTreeMap::from([(FILE.to_string(), vec![opening])]);
    let sum = bytes_checksum(&places, ledger).unwrap();
    Openings { places, sum }
}

/// Risks found from records from 2 March to 5 March, with `VOIDED` withdrawn.
fn stored(index: &Index) -> Option<Vec<u8>> {
    let mut span = Span::default();
    span.take(t(5, 2));
    span.take(t(3, 2));
    encode(
        index,
        &ids(&["VOIDED"]),
        span,
        openings(&ledger()),
        &found(),
    )
}

#[test]
fn stored_risks_are_found_again_while_a_reading_now_would_find_the_same() {
    let contract = parse(MINIMAL).unwrap();
    let bytes = stored(&index(42)).unwrap();
    let withdrawn = ids(&["VOIDED"]);
    let ledger = ledger();
    let read = |index: &Index, withdrawn: &HashSet<String>, contract: &Contract, now| {
        decode(&bytes, index, withdrawn, contract, now, &ledger)
    };
    assert_eq!(
        read(&index(42), &withdrawn, &contract, t(6, 0)),
        Some(found())
    );

    // Other rounds, or the rounds in memory changed since they were stored.
    assert_eq!(read(&index(43), &withdrawn, &contract, t(6, 0)), None);
    let mut changed = index(42);
    changed.rounds.changed = true;
    assert_eq!(read(&changed, &withdrawn, &contract, t(6, 0)), None);
    // Another version of otss or of the index's format.
    let mut other = index(42);
    other.version = "17/test".to_string();
    assert_eq!(read(&other, &withdrawn, &contract, t(6, 0)), None);
    // Another record withdrawn, or one restored.
    let more = ids(&["VOIDED", "ANOTHER"]);
    assert_eq!(read(&index(42), &more, &contract, t(6, 0)), None);
    assert_eq!(read(&index(42), &ids(&[]), &contract, t(6, 0)), None);
    // Read at a time before the latest round: that round is after now.
    assert_eq!(read(&index(42), &withdrawn, &contract, t(4, 0)), None);
    // A term that no longer covers the first or the latest day.
    let mut later = contract.clone();
    later.start = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    assert_eq!(read(&index(42), &withdrawn, &later, t(6, 0)), None);
    let mut earlier = contract.clone();
    earlier.end = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    assert_eq!(read(&index(42), &withdrawn, &earlier, t(6, 0)), None);
    // Another opening just where the one they were found with was, as a rebuilt index of a
    // rewritten file may have it.
    ledger.write(FILE, false, |bytes| bytes[30] = b'3');
    assert_eq!(read(&index(42), &withdrawn, &contract, t(6, 0)), None);
    ledger.write(FILE, false, |bytes| bytes[30] = b'2');
    assert_eq!(
        read(&index(42), &withdrawn, &contract, t(6, 0)),
        Some(found())
    );
    // Damaged bytes.
    let cut = &bytes[..bytes.len() - 3];
    let decoded = decode(cut, &index(42), &withdrawn, &contract, t(6, 0), &ledger);
    assert_eq!(decoded, None);
}

#[test]
fn risks_are_stored_only_from_rounds_as_stored() {
    let mut changed = index(42);
    changed.rounds.changed = true;
    assert_eq!(stored(&changed), None);
    assert_eq!(stored(&index(0)), None);
}

#[test]
fn a_span_is_kept_in_whole_seconds_its_latest_rounded_up() {
    let mut span = Span::default();
    span.take(t(3, 2) + chrono::TimeDelta::milliseconds(500));
    span.take(t(3, 1) + chrono::TimeDelta::milliseconds(500));
    let second = |at: DateTime<Utc>| at.timestamp();
    assert_eq!(span, Span(Some((second(t(3, 1)), second(t(3, 2)) + 1))));
}

#[test]
fn the_same_ids_in_any_order_have_one_checksum_and_joined_ids_another() {
    let one = ["a", "b", "c"]
        .into_iter()
        .map(String::from)
        .collect::<HashSet<_>>();
    let other = ["c", "a", "b"]
        .into_iter()
        .map(String::from)
        .collect::<HashSet<_>>();
    assert_eq!(checksum_of_ids(&one), checksum_of_ids(&other));
    assert_ne!(
        checksum_of_ids(&ids(&["ab", "c"])),
        checksum_of_ids(&ids(&["a", "bc"]))
    );
}
