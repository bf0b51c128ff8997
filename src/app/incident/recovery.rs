//! The recovery report (故障恢复报告, docs/rules.md §2.18) of an incident: what it is, the levels
//! it had, and each clock's deadline, actual time and verdict.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::contract::Contract;
use crate::incident::{ClockName, Incident};

/// One clock of the incident: deadline, the time it was met (if it was), the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRow {
    pub clock: ClockName,
    /// An arrival clock of a round before the incident was reopened.
    pub earlier: bool,
    pub due: DateTime<Utc>,
    pub actual: Option<DateTime<Utc>>,
    pub met: Option<bool>,
}

/// The recovery report of an incident, at "now".
pub struct Recovery<'a> {
    pub incident: &'a Incident,
    pub customer: &'a str,
    pub zone: Tz,
    pub now: DateTime<Utc>,
    pub clocks: Vec<ClockRow>,
}

impl<'a> Recovery<'a> {
    /// The recovery report of `incident` on the site of `contract`, at `now`.
    pub fn new(incident: &'a Incident, contract: &'a Contract, now: DateTime<Utc>) -> Recovery<'a> {
        let row = |clock, earlier, due, actual, met| ClockRow {
            clock,
            earlier,
            due,
            actual,
            met,
        };
        let response = incident.response;
        let mut clocks = vec![row(
            ClockName::Response,
            false,
            response.due,
            response.done,
            response.met(now),
        )];
        clocks.extend(incident.earlier_arrivals.iter().map(|earlier| {
            let clock = earlier.clock;
            row(ClockName::Arrival, true, clock.due, clock.done, earlier.met)
        }));
        clocks.extend(incident.arrival.map(|clock| {
            let met = incident.arrival_met(now);
            row(ClockName::Arrival, false, clock.due, clock.done, met)
        }));
        clocks.extend(incident.resolution.map(|clock| {
            let met = clock.met(now);
            row(ClockName::Resolution, false, clock.due, clock.done, met)
        }));
        Recovery {
            incident,
            customer: &contract.customer,
            zone: contract.timezone,
            now,
            clocks,
        }
    }
}
