use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::record::EVERY_TYPE;

/// A line of every type of record, each as otss writes it.
const EVERY_TYPE_LINES: &str = include_str!("every_type.jsonl");

fn generic(text: &str) -> Option<Record> {
    serde_json::from_str(text).ok()
}

#[test]
fn a_line_of_every_type_written_by_otss_is_read_in_one_pass_as_the_generic_way_reads_it() {
    let mut types = BTreeSet::new();
    for line in EVERY_TYPE_LINES.lines() {
        let read = envelope_first(line);
        assert!(read.is_some(), "{line}");
        assert_eq!(read, generic(line), "{line}");
        types.insert(read.unwrap().type_name());
    }
    let every: BTreeSet<String> = EVERY_TYPE.iter().map(|t| t.to_string()).collect();
    assert_eq!(types, every);
}

#[test]
fn a_line_in_another_order_or_with_an_envelope_key_again_is_read_the_generic_way() {
    let line = r#"{"v":1,"id":"01JNGZK3M0V8Q2W6T4Y7R9B1C5","at":"2025-03-04T10:30:00+08:00","by":"li.na","type":"incident.closed","incident":"6YXP0E"}"#;
    let reordered = line
        .replace(r#""v":1,"id""#, r#""id""#)
        .replace(r#""by""#, r#""v":1,"by""#);
    assert_eq!(envelope_first(&reordered), None);
    assert_eq!(Record::from_line(&reordered).ok(), generic(line));
    let repeated = line.replace(r#""incident":"6YXP0E""#, r#""incident":"6YXP0E","by":"x""#);
    assert_eq!(envelope_first(&repeated), None);
    assert!(
        Record::from_line(&repeated).is_err(),
        "a repeated field is refused"
    );
}

/// A line's keys and the JSON of their values, the envelope first in the order otss writes.
fn pairs(line: &str) -> Vec<(String, String)> {
    let Value::Object(map) = serde_json::from_str(line).unwrap() else {
        unreachable!("a record is an object")
    };
    let rank = |key: &str| {
        ENVELOPE
            .iter()
            .position(|k| *k == key)
            .unwrap_or(ENVELOPE.len())
    };
    let mut pairs: Vec<(String, String)> = map
        .into_iter()
        .map(|(key, value)| (format!("\"{key}\""), value.to_string()))
        .collect();
    pairs.sort_by_key(|(key, _)| rank(key.trim_matches('"')));
    pairs
}

/// A change to a line, as a careless script or a hostile teammate might make it.
#[derive(Debug, Clone)]
enum Change {
    Swap(usize),
    Repeat(usize, usize),
    Remove(usize),
    Value(usize, &'static str),
    Insert(usize, &'static str),
    EscapeKey(usize),
}

const VALUES: [&str; 14] = [
    "1",
    "-1",
    "4294967296",
    "1.5",
    "\"x\"",
    "null",
    "[]",
    "{}",
    "true",
    "\"2025-03-04T10:00:00+08:00\"",
    "\"2025-03-04 10:00:00+08:00\"",
    "\"2025-03-04T10:00:00Z\"",
    "\"2025-03-04T10:00:00.250+08:00\"",
    "\"2025-02-30T10:00:00+08:00\"",
];

fn change() -> impl Strategy<Value = Change> {
    let at = 0usize..12;
    prop_oneof![
        at.clone().prop_map(Change::Swap),
        (at.clone(), at.clone()).prop_map(|(from, to)| Change::Repeat(from, to)),
        at.clone().prop_map(Change::Remove),
        (at.clone(), prop::sample::select(&VALUES[..])).prop_map(|(n, v)| Change::Value(n, v)),
        (at.clone(), prop::sample::select(&ENVELOPE[..])).prop_map(|(n, k)| Change::Insert(n, k)),
        at.prop_map(Change::EscapeKey),
    ]
}

fn apply(pairs: &mut Vec<(String, String)>, change: &Change) {
    let len = pairs.len();
    match *change {
        Change::Swap(n) if n + 1 < len => pairs.swap(n, n + 1),
        Change::Repeat(from, to) => {
            let pair = pairs[from % len].clone();
            pairs.insert(to % (len + 1), pair);
        }
        Change::Remove(n) => _ = pairs.remove(n % len),
        Change::Value(n, value) => pairs[n % len].1 = value.to_string(),
        Change::Insert(n, key) => pairs.insert(n % (len + 1), (format!("\"{key}\""), "1".into())),
        Change::EscapeKey(n) => {
            let key = &mut pairs[n % len].0;
            let first = key.chars().nth(1).unwrap_or('x');
            *key = format!(
                "\"\\u{:04x}{}",
                u32::from(first),
                &key[1 + first.len_utf8()..]
            );
        }
        Change::Swap(_) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn reading_in_one_pass_never_differs_from_the_generic_way(
        line in prop::sample::select(EVERY_TYPE_LINES.lines().collect::<Vec<_>>()),
        changes in prop::collection::vec(change(), 0..4),
    ) {
        let mut pairs = pairs(line);
        for change in &changes {
            if !pairs.is_empty() {
                apply(&mut pairs, change);
            }
        }
        let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        let text = format!("{{{}}}", joined.join(","));
        if let Some(read) = envelope_first(&text) {
            prop_assert_eq!(Some(read), generic(&text));
        }
        prop_assert_eq!(Record::from_line(&text).ok(), generic(&text));
    }
}

#[test]
fn times_written_by_otss_are_read_without_the_general_parser() {
    for line in EVERY_TYPE_LINES.lines() {
        let at = pairs(line)[2].1.trim_matches('"').to_string();
        assert_eq!(written_at(&at), at.parse().ok(), "{at}");
        assert!(written_at(&at).is_some(), "{at}");
    }
    for other in [
        "2025-03-04T10:00:00Z",
        "2025-03-04T10:00:00.5+08:00",
        "2025-02-29T10:00:00+08:00",
    ] {
        assert_eq!(written_at(other), None, "{other}");
    }
}

proptest! {
    #[test]
    fn a_time_read_without_the_general_parser_is_the_time_it_reads(
        date in (0u32..10000, 0u32..14, 0u32..33),
        time in (0u32..26, 0u32..62, 0u32..62),
        offset in (prop::sample::select(&['+', '-', 'Z', ' '][..]), 0u32..26, 0u32..62),
        separator in prop::sample::select(&['T', 't', ' '][..]),
    ) {
        let (year, month, day) = date;
        let (hour, minute, second) = time;
        let (sign, offset_hours, offset_minutes) = offset;
        let text = format!(
            "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}\
             {sign}{offset_hours:02}:{offset_minutes:02}"
        );
        if let Some(at) = written_at(&text) {
            prop_assert_eq!(Some(at), text.parse().ok());
        }
    }
}
