use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::ledger::index::tests::{Memory, Op, apply, op, record};
use crate::ledger::read_lines;

/// The ids of the records on whole lines (each with its newline), read from nothing.
fn ids_on_whole_lines(ledger: &Memory) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (name, bytes) in ledger.files.borrow().iter() {
        for line in read_lines(name, bytes, 1).unwrap() {
            if line.terminated {
                ids.extend(line.record.map(|r| r.id));
            }
        }
    }
    ids
}

/// A copy that keeps the ids it was handed and starts again when it is stale.
#[derive(Default)]
struct Derived {
    progress: Progress,
    ids: BTreeSet<String>,
    rebuilt: usize,
}

impl Derived {
    fn catch_up(&mut self, ledger: &Memory) -> bool {
        let ids = &mut self.ids;
        match self
            .progress
            .catch_up(ledger, |r| _ = ids.insert(r.id))
            .unwrap()
        {
            Ok(read) => read,
            Err(Stale) => {
                self.rebuilt += 1;
                self.progress = Progress::default();
                self.ids.clear();
                let ids = &mut self.ids;
                let again = self.progress.catch_up(ledger, |r| _ = ids.insert(r.id));
                again.unwrap().expect("a fresh copy is never stale")
            }
        }
    }
}

proptest! {
    #[test]
    fn what_is_caught_up_is_exactly_what_a_full_read_finds(ops in prop::collection::vec(op(), 1..60)) {
        let ledger = Memory::default();
        let mut copy = Derived::default();
        for (n, op) in ops.into_iter().enumerate() {
            let refresh = matches!(op, Op::Refresh);
            apply(&ledger, n, op);
            if refresh {
                copy.catch_up(&ledger);
                prop_assert_eq!(&copy.ids, &ids_on_whole_lines(&ledger));
            }
        }
        copy.catch_up(&ledger);
        prop_assert_eq!(&copy.ids, &ids_on_whole_lines(&ledger));
    }
}

#[test]
fn only_what_was_appended_is_read_and_unchanged_files_not_at_all() {
    let ledger = Memory::default();
    let mut copy = Derived::default();
    ledger.append_record("2025-03/li.lei.jsonl", &record(1, "I1", 0));
    ledger.append_record("2025-03/wang.jsonl", &record(2, "I2", 0));
    assert!(copy.catch_up(&ledger));
    let before = *ledger.read_bytes.borrow();
    assert!(!copy.catch_up(&ledger), "nothing changed, nothing read");
    assert_eq!(*ledger.read_bytes.borrow(), before);
    ledger.append_record("2025-03/wang.jsonl", &record(3, "I2", 3));
    assert!(copy.catch_up(&ledger));
    assert_eq!(copy.ids.len(), 3);
    assert_eq!(copy.rebuilt, 0);
}

#[test]
fn a_torn_line_waits_and_an_edit_or_a_vanished_file_makes_the_copy_stale() {
    let ledger = Memory::default();
    let mut copy = Derived::default();
    ledger.append_record("2025-03/li.lei.jsonl", &record(1, "I1", 0));
    apply(&ledger, 2, Op::Torn { file: 0 });
    copy.catch_up(&ledger);
    assert_eq!((copy.ids.len(), copy.rebuilt), (1, 0));
    ledger.write("2025-03/li.lei.jsonl", false, |bytes| bytes[3] = b'X');
    copy.catch_up(&ledger);
    assert_eq!(
        (copy.ids.len(), copy.rebuilt),
        (0, 1),
        "the edited record is gone"
    );
    ledger.files.borrow_mut().remove("2025-03/li.lei.jsonl");
    ledger.append_record("2025-03/wang.jsonl", &record(4, "I2", 0));
    copy.catch_up(&ledger);
    assert_eq!((copy.ids.len(), copy.rebuilt), (1, 2));
}

#[test]
fn a_copy_made_otherwise_is_told_by_its_version() {
    assert!(Progress::new("search 1").made_as("search 1"));
    assert!(!Progress::new("search 1").made_as("search 2"));
}
