//! What was recorded in a report's period besides incidents: backup checks, consultations,
//! requests, and the risks and suggestions noted.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::Scope;
use crate::contract::Contract;
use crate::record::routine::NoteKind;
use crate::record::{Event, Record, select};
use crate::request::Category;
use crate::routine::{Check, Uncounted, backup_standing};
use crate::time::local_date;

/// Something recorded at a time: a failed backup check, a request, a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub at: DateTime<Utc>,
    pub by: String,
    pub item: T,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub text: String,
    pub in_scope: bool,
    pub category: Option<Category>,
    /// The engineer's reason for the scope, if given.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    pub count: u32,
    pub minutes: u64,
    /// How often each product was asked about.
    pub products: BTreeMap<String, u32>,
}

/// The backup checks of the scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backups {
    /// Checks required by the months of the scope that have begun.
    pub required: u32,
    /// Checks that count: passed, spread out, each month counting at most what it requires, so
    /// that extra checks one month never make up for a month short (docs/rules.md §4.6, §4.8).
    pub done: u32,
    /// Every check that passed.
    pub passed: u32,
    /// The checks that failed: job and note.
    pub failed: Vec<Dated<(String, String)>>,
    /// The checks that passed but do not count: job, and why.
    pub not_counted: Vec<Dated<(String, Uncounted)>>,
}

impl Backups {
    pub(super) fn add(&mut self, other: &Backups) {
        self.required += other.required;
        self.done += other.done;
        self.passed += other.passed;
        self.failed.extend(other.failed.iter().cloned());
        self.not_counted.extend(other.not_counted.iter().cloned());
    }
}

pub(super) fn backups(
    contract: &Contract,
    scope: &Scope,
    records: &[Record],
    today: NaiveDate,
) -> Backups {
    let zone = contract.timezone;
    let mut backups = Backups::default();
    for month in scope.months().iter().filter(|m| m.first() <= today) {
        // Only its backup checks: the standing is found from nothing else.
        let of_month: Vec<Record> = records
            .iter()
            .filter(|r| matches!(r.event, Event::BackupChecked(_)))
            .filter(|r| month.contains(local_date(r.instant(), zone)))
            .cloned()
            .collect();
        let standing = backup_standing(contract, month, &of_month);
        backups.required += standing.required;
        backups.done += standing.done;
        backups.passed += standing.passed;
        for Check {
            record,
            check,
            uncounted,
        } in standing.checks
        {
            let job = check.job.clone();
            if !check.ok {
                let note = check.note.clone().unwrap_or_default();
                backups.failed.push(dated(record, (job, note)));
            } else if let Some(why) = uncounted {
                backups.not_counted.push(dated(record, (job, why)));
            }
        }
    }
    backups
}

fn dated<T>(record: &Record, item: T) -> Dated<T> {
    Dated {
        at: record.instant(),
        by: record.by.clone(),
        item,
    }
}

/// How many products the report names among the most asked about.
const TOP_PRODUCTS: usize = 3;

impl Support {
    /// The products asked about most, with how often, most first (by name among equals).
    pub fn top_products(&self) -> Vec<(&str, u32)> {
        let mut top: Vec<(&str, u32)> = self
            .products
            .iter()
            .map(|(p, n)| (p.as_str(), *n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top.truncate(TOP_PRODUCTS);
        top
    }

    pub(super) fn add(&mut self, other: &Support) {
        self.count += other.count;
        self.minutes += other.minutes;
        for (product, n) in &other.products {
            *self.products.entry(product.clone()).or_default() += n;
        }
    }
}

pub(super) fn support(records: &[Record]) -> Support {
    let consultations = select(records, |event| match event {
        Event::SupportLogged(c) => Some(c),
        _ => None,
    });
    let mut products: BTreeMap<String, u32> = BTreeMap::new();
    for (_, c) in &consultations {
        if let Some(product) = &c.product {
            *products.entry(product.clone()).or_default() += 1;
        }
    }
    Support {
        count: consultations.len() as u32,
        minutes: consultations
            .iter()
            .filter_map(|(_, c)| c.minutes)
            .map(u64::from)
            .sum(),
        products,
    }
}

pub(super) fn requests(records: &[Record]) -> Vec<Dated<RequestLine>> {
    select(records, |event| match event {
        Event::RequestAdded(request) => Some(request),
        _ => None,
    })
    .into_iter()
    .map(|(r, request)| {
        let line = RequestLine {
            text: request.text.clone(),
            in_scope: request.in_scope,
            category: request.category,
            reason: request.reason.clone(),
        };
        dated(r, line)
    })
    .collect()
}

pub(super) fn notes(records: &[Record], kind: NoteKind) -> Vec<Dated<String>> {
    select(records, |event| match event {
        Event::NoteAdded(note) if note.kind == kind => Some(note),
        _ => None,
    })
    .into_iter()
    .map(|(r, note)| dated(r, note.text.clone()))
    .collect()
}
