//! The JSON views of the life of customer requests (docs/rules.md §4.11, §9.3).

use chrono_tz::Tz;
use serde::Serialize;

use super::Stamped;
use crate::app::feedback::Aged;
use crate::feedback::{Life, State};
use crate::ids::short_id;
use crate::record::Record;
use crate::record::request::Request;
use crate::time::rfc3339;

/// What became of a request: its state, to whom it went, its answer or why it was declined.
#[derive(Serialize)]
pub struct StateJson {
    state: State,
    forwarded_to: Option<String>,
    answer: Option<String>,
    answered_at: Option<String>,
    declined_reason: Option<String>,
    declined_at: Option<String>,
}

impl StateJson {
    pub fn new(life: &Life, zone: Tz) -> StateJson {
        let answered = life.answer.as_ref();
        let declined = life.declined.as_ref();
        StateJson {
            state: life.state,
            forwarded_to: life.forwarded_to.clone(),
            answer: answered.map(|(answer, _)| answer.clone()),
            answered_at: answered.map(|(_, at)| rfc3339(*at, zone)),
            declined_reason: declined.map(|(reason, _)| reason.clone()),
            declined_at: declined.map(|(_, at)| rfc3339(*at, zone)),
        }
    }
}

/// A request of `request list`: as recorded, with its state and its age in working days.
#[derive(Serialize)]
pub struct RequestJson {
    #[serde(flatten)]
    stamped: Stamped<Request>,
    #[serde(flatten)]
    state: StateJson,
    age: u32,
    time_to_answer: Option<u32>,
}

impl RequestJson {
    pub fn new(aged: &Aged, zone: Tz) -> RequestJson {
        let life = &aged.life;
        RequestJson {
            stamped: Stamped::new(&life.record, &life.request, zone),
            state: StateJson::new(life, zone),
            age: aged.age,
            time_to_answer: aged.answered_in,
        }
    }
}

/// A move recorded: its record's id, the request it moved and where the request stands now.
#[derive(Serialize)]
pub struct MovedJson {
    id: String,
    at: String,
    by: String,
    request: String,
    #[serde(flatten)]
    state: StateJson,
}

impl MovedJson {
    pub fn new(record: &Record, life: &Life, zone: Tz) -> MovedJson {
        MovedJson {
            id: short_id(&record.id),
            at: rfc3339(record.instant(), zone),
            by: record.by.clone(),
            request: short_id(&life.record.id),
            state: StateJson::new(life, zone),
        }
    }
}
