//! Micro-benchmarks of the hot paths: reading ledger lines, folding incidents, the SLA engine
//! and calendar look-ups. Run with `cargo bench --bench micro`; they are not tests.

use std::hint::black_box;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

use otss::calendar::Calendar;
use otss::contract::Contract;
use otss::contract::Level;
use otss::incident::fold;
use otss::ledger::read_lines;
use otss::sla::{OnSiteRequest, Sla};

/// The example site's ledger: its contract, and the bytes of its busiest file.
fn example() -> (Contract, Vec<u8>) {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/chengdu-5x8");
    let text = std::fs::read_to_string(format!("{site}/otss.toml")).unwrap();
    let contract = Contract::parse(&text, "otss.toml").unwrap();
    let mut bytes = Vec::new();
    for month in ["2025-01", "2025-02", "2025-03"] {
        for engineer in ["li.na", "zhang.wei"] {
            bytes.extend(std::fs::read(format!("{site}/ledger/{month}/{engineer}.jsonl")).unwrap());
        }
    }
    (contract, bytes)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn benchmarks(c: &mut Criterion) {
    let (contract, bytes) = example();
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    c.bench_function(&format!("read {lines} ledger lines"), |b| {
        b.iter(|| read_lines("bench.jsonl", black_box(&bytes), 1).unwrap())
    });
    let records: Vec<_> = read_lines("bench.jsonl", &bytes, 1)
        .unwrap()
        .into_iter()
        .filter_map(|line| line.record)
        .collect();
    c.bench_function(&format!("fold the incidents of {lines} records"), |b| {
        b.iter(|| fold(black_box(&records)))
    });
    let calendar = Calendar::new(&[], &contract.calendar.overrides);
    let sla = Sla::new(&contract, &calendar);
    let reported = at("2025-09-30T20:00:00+08:00");
    c.bench_function("SLA deadlines across National Day", |b| {
        b.iter(|| {
            let request = OnSiteRequest {
                asked_at: reported,
                agreed: None,
            };
            sla.deadlines(black_box(Level::ALL[0]), black_box(reported), request)
        })
    });
    let first = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    c.bench_function("calendar: every day of 2018-2030", |b| {
        b.iter(|| {
            (0..13 * 365)
                .map(|n| calendar.is_working(first + TimeDelta::days(n)))
                .filter(|working| *working)
                .count()
        })
    });
}

criterion_group!(micro, benchmarks);
criterion_main!(micro);
