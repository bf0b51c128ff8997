//! The deadlines of an incident level at an instant, as JSON.

use serde::Serialize;

use super::DayJson;
use crate::app::Site;
use crate::app::sla::Answer;
use crate::contract::Level;
use crate::i18n::Messages;
use crate::service::Mode;
use crate::sla::{Deadline, Rule};
use crate::time::rfc3339;

/// Each deadline with the rule behind it, and the day of the report.
#[derive(Serialize)]
pub struct SlaJson {
    level: Level,
    mode: Mode,
    reported_at: String,
    in_service_hours: bool,
    response_due: String,
    arrival_due: Option<String>,
    resolution_due: Option<String>,
    response_rule: Rule,
    arrival_rule: Option<Rule>,
    resolution_rule: Option<Rule>,
    published: bool,
    day: DayJson,
}

impl SlaJson {
    pub fn new(site: &Site, answer: &Answer, m: &Messages) -> SlaJson {
        let zone = site.contract.timezone;
        let d = &answer.deadlines;
        let due = |deadline: Option<Deadline>| deadline.map(|x| rfc3339(x.due, zone));
        SlaJson {
            level: d.level,
            mode: site.contract.mode,
            reported_at: rfc3339(d.reported_at, zone),
            in_service_hours: d.in_service_hours,
            response_due: rfc3339(d.response.due, zone),
            arrival_due: due(d.arrival),
            resolution_due: due(d.resolution),
            response_rule: d.response.rule,
            arrival_rule: d.arrival.map(|a| a.rule),
            resolution_rule: d.resolution.map(|r| r.rule),
            published: d.published,
            day: DayJson::new(&answer.day, m),
        }
    }
}
