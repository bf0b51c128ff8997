//! Ledger files are synced between machines and may be torn, edited by hand or corrupted:
//! any bytes must read as records and line problems (or a clear error), never a panic. Every
//! record read must write back as one line that reads as the same record (the round trip
//! that appending and re-reading relies on), and the lines must cover the bytes in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otss::ledger::read_lines;

fuzz_target!(|data: &[u8]| {
    let Ok(lines) = read_lines("fuzz.jsonl", data, 1) else {
        return;
    };
    let mut next_start = 0;
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.number, i + 1);
        assert_eq!(line.start, next_start);
        assert!(line.start + line.len <= data.len());
        next_start = line.start + line.len + 1;
        let Some(record) = &line.record else {
            continue;
        };
        let text = record.to_line().expect("a record read serialises");
        assert!(!text.contains('\n'), "a record wrote more than one line");
        let again = read_lines("again.jsonl", format!("{text}\n").as_bytes(), 1)
            .expect("a written record reads");
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].problem, None, "{text}");
        assert_eq!(again[0].record.as_ref(), Some(record), "{text}");
    }
});
