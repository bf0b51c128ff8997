//! What a report says of incidents: how many of each level, how their clocks went, and the
//! list of them.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::scope::end_of_day;
use super::{Scope, Sources};
use crate::contract::Level;
use crate::incident::{Amendment, EnteredLater, Incident, LevelSince, Status, status_at};
use crate::time::local_date;

/// Met, breached and undecided clocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Verdicts {
    pub met: u32,
    pub breached: u32,
    pub pending: u32,
}

impl Verdicts {
    fn tally(&mut self, met: Option<bool>) {
        match met {
            Some(true) => self.met += 1,
            Some(false) => self.breached += 1,
            None => self.pending += 1,
        }
    }
}

impl std::ops::Add for Verdicts {
    type Output = Verdicts;
    fn add(self, other: Verdicts) -> Verdicts {
        Verdicts {
            met: self.met + other.met,
            breached: self.breached + other.breached,
            pending: self.pending + other.pending,
        }
    }
}

/// One incident of the period, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLine {
    pub id: String,
    pub level: u8,
    /// Every level it has had, oldest first.
    pub levels: Vec<LevelSince>,
    pub title: String,
    pub reported_at: DateTime<Utc>,
    pub response_met: Option<bool>,
    /// The verdict of each arrival clock that counts, oldest first; empty when none ran.
    pub arrivals: Vec<Option<bool>>,
    pub status: Status,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The records deciding a clock that were entered later (docs/rules.md §10.5).
    pub entered_later: Vec<EnteredLater>,
}

impl IncidentLine {
    /// The arrival verdict of the incident: breached if any of its arrival clocks was, else
    /// undecided if one is, else met; `None` when no arrival clock ran.
    pub fn arrival_met(&self) -> Option<Option<bool>> {
        let worst = |verdict: &Option<bool>| match verdict {
            Some(false) => 0,
            None => 1,
            Some(true) => 2,
        };
        self.arrivals.iter().copied().min_by_key(worst)
    }
}

/// The incidents of one level: how many, and how their clocks went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LevelFigures {
    pub count: u32,
    pub response: Verdicts,
    pub arrival: Verdicts,
}

impl LevelFigures {
    fn tally(&mut self, incident: &IncidentFacts) {
        self.count += 1;
        self.response.tally(incident.response_met);
        for met in &incident.arrivals {
            self.arrival.tally(*met);
        }
    }
}

/// The incidents of a report's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFigures {
    /// Levels 1, 2 and 3.
    pub levels: [LevelFigures; 3],
    /// Incidents still open when the period ended (or now, for a period in progress).
    pub open_at_end: u32,
    pub mean_to_acknowledge: Option<TimeDelta>,
    pub mean_to_resolve: Option<TimeDelta>,
    pub lines: Vec<IncidentLine>,
}

impl IncidentFigures {
    pub fn total(&self) -> u32 {
        self.levels.iter().map(|l| l.count).sum()
    }

    pub fn response(&self) -> Verdicts {
        self.levels
            .iter()
            .map(|l| l.response)
            .fold(Verdicts::default(), |a, b| a + b)
    }

    pub fn arrival(&self) -> Verdicts {
        self.levels
            .iter()
            .map(|l| l.arrival)
            .fold(Verdicts::default(), |a, b| a + b)
    }
}

/// The incidents reported in the scope. Verdicts are as of now, so that a clock still
/// running when the period ended is judged once it is decided; what became of an incident
/// (open, resolved, closed, when it was resolved) is as of the period's end.
pub(super) fn incident_figures(
    sources: &Sources,
    incidents: Vec<IncidentFacts>,
    scope: &Scope,
) -> IncidentFigures {
    let contract = sources.contract;
    let zone = contract.timezone;
    let end = end_of_day(contract, scope.last).min(sources.now);
    let mut figures = IncidentFigures::default();
    let mut to_acknowledge = Vec::new();
    let mut to_resolve = Vec::new();
    for incident in incidents {
        let status = incident.status_at(end);
        if status == Some(Status::Open) {
            figures.open_at_end += 1;
        }
        if !incident.reported_in(scope, zone) {
            continue;
        }
        figures.levels[incident.level.index()].tally(&incident);
        to_acknowledge.extend(incident.responded_at.map(|t| t - incident.reported_at));
        let resolved_at = incident
            .resolved_at
            .filter(|t| *t <= end && status != Some(Status::Open));
        to_resolve.extend(resolved_at.map(|t| t - incident.reported_at));
        figures.lines.push(IncidentLine {
            id: incident.id,
            level: incident.level.number(),
            levels: incident.levels,
            title: incident.title,
            reported_at: incident.reported_at,
            response_met: incident.response_met,
            arrivals: incident.arrivals,
            status: status.unwrap_or(incident.status),
            resolved_at,
            entered_later: incident.entered_later,
        });
    }
    figures.mean_to_acknowledge = mean(&to_acknowledge);
    figures.mean_to_resolve = mean(&to_resolve);
    figures
}

/// How many incidents of each level were reported in the scope, and how their clocks went: what
/// a part of a report says of its incidents (its line in an annual summary), the report of the
/// whole scope saying the rest.
pub(super) fn level_figures(sources: &Sources, scope: &Scope) -> [LevelFigures; 3] {
    let zone = sources.contract.timezone;
    let (from, to) = scope.span(sources.contract);
    // Only an incident within a day of the scope's span may have been reported on one of its
    // days: the others are passed over without working out their local date.
    let near = |at: DateTime<Utc>| from - TimeDelta::days(1) <= at && at <= to + TimeDelta::days(1);
    let mut levels = [LevelFigures::default(); 3];
    let in_scope =
        (sources.incidents.iter()).filter(|i| near(i.reported_at) && i.reported_in(scope, zone));
    for incident in in_scope {
        levels[incident.level.index()].tally(incident);
    }
    levels
}

/// What a report needs to know of an incident, as of now: much less than its whole history,
/// so that the incidents of a year of a busy site fit in little memory. Verdicts are as of
/// now, so that a clock still running when a period ended is judged once it is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFacts {
    pub id: String,
    pub level: Level,
    /// Every level it has had, oldest first (docs/rules.md §2.13).
    pub levels: Vec<LevelSince>,
    pub title: String,
    pub reported_at: DateTime<Utc>,
    pub response_met: Option<bool>,
    /// The verdict of each arrival clock that counts, oldest first: those of rounds before a
    /// reopen, then the current one. A clock no longer needed, because the incident was
    /// resolved before anyone had to be on site, does not count (docs/rules.md §2.16).
    pub arrivals: Vec<Option<bool>>,
    pub responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub status: Status,
    /// The records deciding a clock that were entered later (docs/rules.md §10.5).
    pub entered_later: Vec<EnteredLater>,
    /// Its texts corrected, each with what it replaced, who and when (docs/rules.md §10.2).
    pub amendments: Vec<Amendment>,
    /// Every change of status, in time order.
    changes: Vec<(DateTime<Utc>, Status)>,
}

impl IncidentFacts {
    /// Whether it was reported on a day of `scope`, by the date in the contract's `zone`.
    fn reported_in(&self, scope: &Scope, zone: Tz) -> bool {
        scope.contains(local_date(self.reported_at, zone))
    }

    pub fn new(incident: &Incident, now: DateTime<Utc>) -> IncidentFacts {
        let current = match (incident.arrival, incident.arrival_met(now)) {
            (None, _) => None,
            (Some(_), None) if incident.resolved_at.is_some() => None,
            (Some(_), met) => Some(met),
        };
        let earlier = incident
            .earlier_arrivals
            .iter()
            .filter_map(|e| e.met.map(Some));
        IncidentFacts {
            id: incident.id.clone(),
            level: incident.level,
            levels: incident.levels(),
            title: incident.title.clone(),
            reported_at: incident.reported_at,
            response_met: incident.response.met(now),
            arrivals: earlier.chain(current).collect(),
            responded_at: incident.response.done,
            resolved_at: incident.resolved_at,
            status: incident.status,
            entered_later: incident.entered_later.clone(),
            amendments: incident.amendments.clone(),
            changes: incident.status_changes().collect(),
        }
    }

    /// The status the incident had at `t`; `None` before it was reported.
    fn status_at(&self, t: DateTime<Utc>) -> Option<Status> {
        status_at(self.changes.iter().copied(), t)
    }
}

/// The mean of durations, to the second.
fn mean(durations: &[TimeDelta]) -> Option<TimeDelta> {
    let count = i64::try_from(durations.len()).ok().filter(|n| *n > 0)?;
    let total: i64 = durations.iter().map(|d| d.num_seconds()).sum();
    Some(TimeDelta::seconds(total / count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_are_to_the_second() {
        assert_eq!(mean(&[]), None);
        assert_eq!(
            mean(&[TimeDelta::seconds(10), TimeDelta::seconds(21)]),
            Some(TimeDelta::seconds(15))
        );
    }
}
