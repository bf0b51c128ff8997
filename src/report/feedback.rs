//! The requests of a report's period with what became of them, and the requests still waiting
//! for an answer when it ends (docs/rules.md §4.11, §7.4).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::Scope;
use crate::calendar::Calendar;
use crate::contract::Contract;
use crate::feedback::{Life, State, lives, working_days_after_each};
use crate::record::Record;
use crate::time::local_date;

/// A request as it stood when the period ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The id of its `request.added` record.
    pub id: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub text: String,
    pub state: State,
    /// What its state says: to whom it went, its answer, why it was declined.
    pub said: Option<String>,
    /// Working days its answer took, once answered.
    pub time_to_answer: Option<u32>,
    /// Working days it had waited by the period's last day counted.
    pub age: u32,
}

/// The requests of the period, and those of any time still waiting when it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feedback {
    /// The requests asked within the period, each as it stood at the period's end.
    pub asked: Vec<Progress>,
    /// The requests asked by the period's end and not yet answered or declined then.
    pub waiting: Vec<Progress>,
}

impl Feedback {
    /// From every request with what became of it by the end of the period counted
    /// (`counted_to`).
    pub fn new(
        lives: Vec<Life>,
        scope: &Scope,
        calendar: &Calendar,
        zone: Tz,
        counted_to: NaiveDate,
    ) -> Feedback {
        let mut feedback = Feedback::default();
        let asked_on = |life: &Life| local_date(life.record.instant(), zone);
        // Neither waiting nor asked in the period: in no list.
        let listed = |life: &Life| {
            let asked = asked_on(life);
            asked <= counted_to && (life.state.waiting() || scope.contains(asked))
        };
        let lives: Vec<Life> = lives.into_iter().filter(listed).collect();
        let ages = working_days_after_each(calendar, lives.iter().map(asked_on), counted_to);
        for life in lives {
            let asked = asked_on(&life);
            let progress = Progress {
                id: life.record.id.clone(),
                at: life.record.instant(),
                by: life.record.by.clone(),
                text: life.request.text.clone(),
                state: life.state,
                said: life.said().map(str::to_string),
                time_to_answer: life.time_to_answer(calendar, zone),
                age: ages.get(&asked).copied().unwrap_or_default(),
            };
            if progress.state.waiting() {
                feedback.waiting.push(progress.clone());
            }
            if scope.contains(asked) {
                feedback.asked.push(progress);
            }
        }
        feedback
    }

    /// What became of the requests of `scope` by the end of its period counted (or `now`, if
    /// sooner), from `records`: every request of the ledger and its moves, of any month.
    pub fn of(
        records: Vec<Record>,
        scope: &Scope,
        contract: &Contract,
        calendar: &Calendar,
        now: DateTime<Utc>,
    ) -> Feedback {
        let (_, end) = scope.span(contract);
        let lives = lives(records, Some(end.min(now)));
        let zone = contract.timezone;
        let counted_to = scope.counted_to(local_date(now, zone));
        Feedback::new(lives, scope, calendar, zone, counted_to)
    }
}
