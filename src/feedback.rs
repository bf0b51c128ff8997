//! The life of a customer request (docs/rules.md §4.11): collected, forwarded to whoever can
//! answer it, answered, closed; or declined with a reason. A request's state is folded from
//! its records in the order they happened; a move the state does not allow is no move.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::record::request::Request;
use crate::record::{Event, Record};
use crate::time::local_date;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Collected,
    Forwarded,
    Answered,
    Closed,
    Declined,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Collected,
        State::Forwarded,
        State::Answered,
        State::Closed,
        State::Declined,
    ];

    /// The stable key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            State::Collected => "collected",
            State::Forwarded => "forwarded",
            State::Answered => "answered",
            State::Closed => "closed",
            State::Declined => "declined",
        }
    }

    /// Whether the customer still waits for an answer.
    pub fn waiting(self) -> bool {
        matches!(self, State::Collected | State::Forwarded)
    }
}

/// A move of a request from one state to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    Forward,
    Answer,
    Close,
    Decline,
}

impl Move {
    /// The state a request in `from` is in after this move, if the move is allowed: a request
    /// waiting for its answer can be forwarded (again), answered or declined; an answered one
    /// closed.
    pub fn from(self, from: State) -> Option<State> {
        match (self, from) {
            (Move::Forward, s) if s.waiting() => Some(State::Forwarded),
            (Move::Answer, s) if s.waiting() => Some(State::Answered),
            (Move::Decline, s) if s.waiting() => Some(State::Declined),
            (Move::Close, State::Answered) => Some(State::Closed),
            _ => None,
        }
    }

    /// The move a record makes, and the request it moves.
    pub fn of(event: &Event) -> Option<(Move, &str)> {
        match event {
            Event::RequestForwarded(f) => Some((Move::Forward, &f.request)),
            Event::RequestAnswered(a) => Some((Move::Answer, &a.request)),
            Event::RequestClosed(c) => Some((Move::Close, &c.request)),
            Event::RequestDeclined(d) => Some((Move::Decline, &d.request)),
            _ => None,
        }
    }
}

/// Why a request cannot be moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackError {
    /// The move is not allowed from the state the request is in.
    NotAllowed {
        request: String,
        state: State,
        wanted: Move,
    },
    /// The move would happen before the request's last move (or before it was asked).
    BeforeLast {
        request: String,
        last: DateTime<FixedOffset>,
    },
}

/// A request and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Life {
    pub record: Record,
    pub request: Request,
    pub state: State,
    /// To whom it was last forwarded.
    pub forwarded_to: Option<String>,
    /// The answer given, and when.
    pub answer: Option<(String, DateTime<Utc>)>,
    /// Why it was declined, and when.
    pub declined: Option<(String, DateTime<Utc>)>,
    /// When it last moved, or was asked, with the contract zone's offset.
    pub last_moved: DateTime<FixedOffset>,
}

impl Life {
    fn collected(record: Record, request: Request) -> Life {
        Life {
            last_moved: record.at,
            record,
            request,
            state: State::Collected,
            forwarded_to: None,
            answer: None,
            declined: None,
        }
    }

    /// The life moved on by `record`, if its state allows the move.
    fn moved(&mut self, record: &Record, wanted: Move) {
        let Some(next) = wanted.from(self.state) else {
            return;
        };
        match &record.event {
            Event::RequestForwarded(f) => self.forwarded_to = Some(f.to.clone()),
            Event::RequestAnswered(a) => self.answer = Some((a.answer.clone(), record.instant())),
            Event::RequestDeclined(d) => self.declined = Some((d.reason.clone(), record.instant())),
            _ => {}
        }
        self.state = next;
        self.last_moved = record.at;
    }

    /// Whether `wanted` may move the request at `at`; else why not.
    pub fn check(&self, wanted: Move, at: DateTime<Utc>) -> Result<(), FeedbackError> {
        let request = crate::ids::short_id(&self.record.id);
        if wanted.from(self.state).is_none() {
            return Err(FeedbackError::NotAllowed {
                request,
                state: self.state,
                wanted,
            });
        }
        if at < self.last_moved.with_timezone(&Utc) {
            return Err(FeedbackError::BeforeLast {
                request,
                last: self.last_moved,
            });
        }
        Ok(())
    }

    /// What its state says: to whom it went, its answer, or why it was declined.
    pub fn said(&self) -> Option<&str> {
        match self.state {
            State::Collected => None,
            State::Forwarded => self.forwarded_to.as_deref(),
            State::Answered | State::Closed => self.answer.as_ref().map(|(a, _)| a.as_str()),
            State::Declined => self.declined.as_ref().map(|(r, _)| r.as_str()),
        }
    }

    /// When the request was settled: answered or declined.
    pub fn settled_at(&self) -> Option<DateTime<Utc>> {
        self.answer
            .as_ref()
            .or(self.declined.as_ref())
            .map(|(_, at)| *at)
    }

    /// Working days from the day it was asked to the day it was answered.
    pub fn time_to_answer(&self, calendar: &Calendar, zone: Tz) -> Option<u32> {
        let (_, answered) = self.answer.as_ref()?;
        Some(working_days_after(
            calendar,
            local_date(self.record.instant(), zone),
            local_date(*answered, zone),
        ))
    }
}

/// The working days after `from`, up to and including `to`: a request asked on a Friday and
/// answered the next Monday took one working day.
pub fn working_days_after(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| calendar.is_working(*d))
        .count() as u32
}

/// `working_days_after` each of `dates` up to `to`, counted in one walk back from `to`
/// however many requests were asked on however many days.
pub fn working_days_after_each(
    calendar: &Calendar,
    dates: impl Iterator<Item = NaiveDate>,
    to: NaiveDate,
) -> HashMap<NaiveDate, u32> {
    let mut dates: Vec<NaiveDate> = dates.collect();
    dates.sort_unstable();
    dates.dedup();
    let mut counts = HashMap::with_capacity(dates.len());
    // The working days after `day`, up to and including `to`.
    let (mut day, mut count) = (to, 0);
    for from in dates.into_iter().rev() {
        while day > from {
            count += u32::from(calendar.is_working(day));
            let Some(before) = day.pred_opt() else { break };
            day = before;
        }
        counts.insert(from, count);
    }
    counts
}

/// Every request among `records` with what became of it by `until` (every move, without), in
/// the order they were asked. Moves of requests not among them are left out. A request's life
/// keeps the request's record itself, not a copy of it.
pub fn lives(mut records: Vec<Record>, until: Option<DateTime<Utc>>) -> Vec<Life> {
    records.retain(|r| until.is_none_or(|until| r.instant() <= until));
    records.sort_by(Record::fold_order);
    let mut lives: Vec<Life> = Vec::new();
    // Where each request's life is: the first asked, should two records share an id.
    let mut place: HashMap<String, usize> = HashMap::new();
    for record in records {
        if let Event::RequestAdded(request) = &record.event {
            let request = request.clone();
            place.entry(record.id.clone()).or_insert(lives.len());
            lives.push(Life::collected(record, request));
        } else if let Some((wanted, id)) = Move::of(&record.event)
            && let Some(&life) = place.get(id)
        {
            lives[life].moved(&record, wanted);
        }
    }
    lives
}

/// The requests still waiting for an answer that have waited longer than `answer_within`
/// working days on `today` (docs/rules.md §4.11), each with its age, longest first.
pub fn overdue(
    lives: Vec<Life>,
    calendar: &Calendar,
    zone: Tz,
    today: NaiveDate,
    answer_within: u32,
) -> Vec<(Life, u32)> {
    let waiting: Vec<Life> = lives.into_iter().filter(|l| l.state.waiting()).collect();
    let asked = |life: &Life| local_date(life.record.instant(), zone);
    let ages = working_days_after_each(calendar, waiting.iter().map(asked), today);
    let mut overdue: Vec<(Life, u32)> = waiting
        .into_iter()
        .map(|life| {
            let age = ages.get(&asked(&life)).copied().unwrap_or_default();
            (life, age)
        })
        .filter(|(_, age)| *age > answer_within)
        .collect();
    overdue.sort_by_key(|(_, age)| std::cmp::Reverse(*age));
    overdue
}

#[cfg(test)]
mod tests;
