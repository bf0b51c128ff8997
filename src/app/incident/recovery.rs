//! The recovery report (故障恢复报告, docs/rules.md §2) of an incident: what it is, the levels it had,
//! and each clock's deadline, actual time and verdict.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::contract::{Contract, Level};
use crate::incident::{ClockName, Happening, Incident};

/// One clock of the incident: deadline, the time it was met (if it was), the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRow {
    pub clock: ClockName,
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
        let mut clocks = vec![ClockRow {
            clock: ClockName::Response,
            due: incident.response.due,
            actual: incident.response.done,
            met: incident.response.met(now),
        }];
        clocks.extend(incident.arrival.map(|clock| ClockRow {
            clock: ClockName::Arrival,
            due: clock.due,
            actual: clock.done,
            met: incident.arrival_met(now),
        }));
        clocks.extend(incident.resolution.map(|clock| ClockRow {
            clock: ClockName::Resolution,
            due: clock.due,
            actual: clock.done,
            met: clock.met(now),
        }));
        Recovery {
            incident,
            customer: &contract.customer,
            zone: contract.timezone,
            now,
            clocks,
        }
    }

    /// The levels the incident has had, from the report on.
    pub fn levels(&self) -> Vec<(DateTime<Utc>, Level)> {
        self.incident
            .timeline
            .iter()
            .filter_map(|entry| match entry.happening {
                Happening::Opened { level, .. } | Happening::LevelChanged { to: level, .. } => {
                    Some((entry.at, level))
                }
                _ => None,
            })
            .collect()
    }
}
