use proptest::prelude::*;

use super::*;

const FILE: &str = "2025-03/li.lei.jsonl";

/// A file of records chained as otss appends them, one per text.
fn chained(texts: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for text in texts {
        append(&mut lines, text);
    }
    lines
}

/// Appends a record of `text` to `lines` as otss does.
fn append(lines: &mut Vec<String>, text: &str) {
    let bytes: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let prev = parent(FILE, bytes.as_bytes()).unwrap();
    lines.push(format!("{{\"prev\":\"{prev}\",\"text\":\"{text}\"}}"));
}

/// The breaks of a file's lines, reading `prev` as the check does.
fn breaks(lines: &[String]) -> Vec<Break> {
    let mut walk = Walk::new(FILE);
    for (index, line) in lines.iter().enumerate() {
        let value: Option<serde_json::Value> = serde_json::from_str(line).ok();
        let link = match &value {
            None => Link::NotARecord,
            Some(value) => value["prev"].as_str().map_or(Link::Unchained, Link::Prev),
        };
        walk.line(index + 1, Some(line.as_bytes()), link);
    }
    walk.finish()
}

fn texts(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("t{i}")).collect()
}

#[test]
fn the_first_line_chains_to_the_path_and_each_next_to_the_line_before() {
    let lines = chained(&texts(3));
    assert!(lines[0].contains(&genesis(FILE)));
    assert!(lines[2].contains(&line_hash(lines[1].as_bytes())));
    assert_eq!(
        genesis(FILE),
        blake3::hash(FILE.as_bytes()).to_hex().to_string()
    );
    assert!(breaks(&lines).is_empty());
}

#[test]
fn an_append_after_a_torn_write_chains_to_the_last_whole_record() {
    let torn = "{\"a\":1}\n{\"b\":";
    assert_eq!(
        parent(FILE, torn.as_bytes()).unwrap(),
        line_hash(b"{\"a\":1}")
    );
    let waiting = "{\"a\":1}\n{\"b\":2}";
    assert_eq!(
        parent(FILE, waiting.as_bytes()).unwrap(),
        line_hash(b"{\"b\":2}")
    );
    assert_eq!(parent(FILE, &b""[..]).unwrap(), genesis(FILE));
}

#[test]
fn lines_older_than_the_chain_are_not_asked_for_prev() {
    let mut lines = vec!["{\"old\":1}".to_string(), "{\"old\":2}".to_string()];
    let prev = line_hash(lines[1].as_bytes());
    lines.push(format!("{{\"prev\":\"{prev}\"}}"));
    assert!(breaks(&lines).is_empty());
}

#[test]
fn each_change_is_found_at_the_first_line_that_no_longer_follows() {
    let lines = chained(&texts(5));
    let mut edited = lines.clone();
    edited[1] = edited[1].replace("t1", "T1");
    let inserted_by_hand = [&lines[..2], &["{\"text\":\"forged\"}".into()], &lines[2..]].concat();
    let mut removed = lines.clone();
    removed.remove(2);
    let cases = [
        (edited, 3, Cause::EditedOrRemoved),
        (inserted_by_hand, 3, Cause::Inserted),
        (removed, 3, Cause::EditedOrRemoved),
    ];
    for (file, line, cause) in cases {
        assert_eq!(breaks(&file), [Break { line, cause }], "{file:#?}");
    }
    // A copy of line 2 changed names line 1, as a second laptop's record could: the chain
    // cannot tell it from one (docs/rules.md §10.6); the fingerprint can.
    let mut copied = lines.clone();
    copied.insert(2, lines[1].replace("t1", "forged"));
    assert!(breaks(&copied).is_empty());
}

#[test]
fn a_line_with_a_prev_that_names_nothing_and_is_passed_over_was_inserted() {
    let lines = chained(&texts(3));
    let forged = format!("{{\"prev\":\"{}\"}}", line_hash(b"nothing"));
    let file = [&lines[..1], &[forged], &lines[1..]].concat();
    assert_eq!(
        breaks(&file),
        [Break {
            line: 2,
            cause: Cause::Inserted
        }]
    );
}

#[test]
fn two_laptops_merged_line_by_line_are_two_whole_branches() {
    let base = chained(&texts(2));
    let (mut laptop, mut other) = (base.clone(), base.clone());
    for text in texts(3) {
        append(&mut laptop, &format!("a{text}"));
        append(&mut other, &format!("b{text}"));
    }
    let mut merged = [&base[..], &laptop[2..], &other[2..]].concat();
    assert!(breaks(&merged).is_empty());
    append(&mut merged, "after the merge");
    assert!(breaks(&merged).is_empty());
}

#[test]
fn a_head_covers_the_path_and_every_byte_up_to_its_length() {
    let bytes = b"{\"a\":1}\n{\"b\":2}\n";
    let at = |name: &str, bytes: &[u8], len| head(name, bytes, len).unwrap();
    assert_eq!(at(FILE, bytes, 8), at(FILE, &bytes[..8], 8));
    assert_ne!(at(FILE, bytes, 8), at(FILE, b"{\"a\":2}\n", 8));
    assert_ne!(at(FILE, bytes, 8), at("2025-03/wang.jsonl", bytes, 8));
    assert_eq!(at(FILE, bytes, 99), None);
}

#[test]
fn a_fingerprint_is_read_back_however_it_is_typed() {
    let files = [FileHead {
        file: FILE.into(),
        len: 8,
        head: "00".into(),
    }];
    let printed = fingerprint(&files);
    assert_eq!(printed.len(), 8 * 4 + 7);
    assert_eq!(printed.split('-').count(), 8);
    let typed = printed.replace('-', " ").to_uppercase();
    assert_eq!(read_fingerprint(&typed).as_deref(), Some(printed.as_str()));
    assert_eq!(read_fingerprint("1234"), None);
    assert_eq!(read_fingerprint(&"g".repeat(32)), None);
}

proptest! {
    #[test]
    fn appends_keep_a_chain_whole_and_any_single_edit_is_found(
        n in 2usize..12,
        at in 0usize..11,
        byte in 0usize..40,
    ) {
        let lines = chained(&texts(n));
        prop_assert!(breaks(&lines).is_empty());
        let at = at % (n - 1);
        let mut edited = lines.clone();
        let line = &mut edited[at];
        let position = byte % line.len();
        let changed = if line.as_bytes()[position] == b'x' { "y" } else { "x" };
        line.replace_range(position..=position, changed);
        let found = breaks(&edited);
        prop_assert!(!found.is_empty(), "{edited:#?}");
        prop_assert!(found[0].line <= at + 2);
    }
}
