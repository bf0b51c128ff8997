//! The life of customer requests (docs/rules.md §4.11): moving a request on, and where the
//! requests stand.

use chrono::{DateTime, Utc};

use super::write::write;
use super::{Environment, Ledger, Result, Site};
use crate::feedback::{Life, Move, lives, overdue, working_days_after_each};
use crate::ids::{self, Named};
use crate::ledger::index::Kept;
use crate::period::Period;
use crate::record::feedback::{Answered, Closed, Declined, Forwarded};
use crate::record::{Event, Record};
use crate::time::local_date;

/// A move asked for, with what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moving {
    Forward { to: String },
    Answer { answer: String },
    Close,
    Decline { reason: String },
}

impl Moving {
    pub fn wanted(&self) -> Move {
        match self {
            Moving::Forward { .. } => Move::Forward,
            Moving::Answer { .. } => Move::Answer,
            Moving::Close => Move::Close,
            Moving::Decline { .. } => Move::Decline,
        }
    }

    /// The record of this move of the request whose record's id is `request`.
    fn event(self, request: String) -> Event {
        match self {
            Moving::Forward { to } => Event::RequestForwarded(Forwarded { request, to }),
            Moving::Answer { answer } => Event::RequestAnswered(Answered { request, answer }),
            Moving::Close => Event::RequestClosed(Closed { request }),
            Moving::Decline { reason } => Event::RequestDeclined(Declined { request, reason }),
        }
    }
}

/// A request and how long it has waited, in working days, as of today.
#[derive(Debug, Clone, PartialEq)]
pub struct Aged {
    pub life: Life,
    pub age: u32,
    /// How many working days its answer took, once answered.
    pub answered_in: Option<u32>,
}

impl Aged {
    /// `life` at `age` working days.
    fn new(life: Life, age: u32, site: &Site) -> Aged {
        Aged {
            answered_in: life.time_to_answer(&site.calendar, site.contract.timezone),
            age,
            life,
        }
    }
}

/// Every request of the ledger that stands, with what became of it.
fn every_life(ledger: &mut Ledger) -> Result<Vec<Life>> {
    let records = ledger.kept_records(Kept::Requests)?;
    Ok(lives(records, None))
}

/// Moves the request `typed` names (any unique start of its short id) at `at`: records the
/// move, and returns its record and the request as it now stands.
pub fn move_request(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    typed: &str,
    moving: Moving,
    at: DateTime<Utc>,
) -> Result<(Record, Life)> {
    let mut records = ledger.kept_records(Kept::Requests)?;
    let all = lives(records.clone(), None);
    let shorts: Vec<(String, &Life)> = all
        .iter()
        .map(|life| (ids::short_id(&life.record.id), life))
        .collect();
    let (_, life) = ids::find(&shorts, |(id, _)| id, typed, Named::Request)?;
    life.check(moving.wanted(), at)?;
    let request = life.record.id.clone();
    let record = write(env, site, at, moving.event(request.clone()))?;
    records.push(record.clone());
    let moved = lives(records, None)
        .into_iter()
        .find(|l| l.record.id == request)
        .unwrap_or_else(|| (*life).clone());
    Ok((record, moved))
}

/// The requests asked within `period`, each with its state and age on the site's today.
pub fn requests_of(
    env: &Environment,
    site: &Site,
    ledger: &mut Ledger,
    period: &Period,
) -> Result<Vec<Aged>> {
    let zone = site.contract.timezone;
    let today = local_date(env.now, zone);
    let asked = |life: &Life| local_date(life.record.instant(), zone);
    let lives: Vec<Life> = every_life(ledger)?
        .into_iter()
        .filter(|life| period.contains(asked(life)))
        .collect();
    let ages = working_days_after_each(&site.calendar, lives.iter().map(asked), today);
    let aged = lives
        .into_iter()
        .map(|life| {
            let age = ages.get(&asked(&life)).copied().unwrap_or_default();
            Aged::new(life, age, site)
        })
        .collect();
    Ok(aged)
}

/// The requests that have waited for an answer longer than the contract allows at `now`,
/// longest first.
pub fn overdue_requests(site: &Site, now: DateTime<Utc>, ledger: &mut Ledger) -> Result<Vec<Aged>> {
    let zone = site.contract.timezone;
    let today = local_date(now, zone);
    let records = ledger.records_of_requests_waiting(now, None)?;
    let waiting = overdue(
        lives(records, Some(now)),
        &site.calendar,
        zone,
        today,
        site.contract.request_answer_within,
    );
    Ok(waiting
        .into_iter()
        .map(|(life, age)| Aged::new(life, age, site))
        .collect())
}
