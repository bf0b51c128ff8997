//! Incidents as JSON (docs/rules.md §9): an incident with its clocks and timeline, and its recovery
//! report.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::app::incident::Recovery;
use crate::contract::Level;
use crate::i18n::Messages;
use crate::ids::short_id;
use crate::incident::{ClockName, Decides, EnteredLater, Incident, LevelSince, Status};
use crate::record::incident::Field;
use crate::time::rfc3339;

/// An incident as JSON (docs/rules.md §9); `*_met` is true, false (breached) or null (undecided).
#[derive(Serialize)]
pub struct IncidentJson {
    pub id: String,
    level: Level,
    status: Status,
    title: String,
    description: Option<String>,
    reported_at: String,
    reported_by: String,
    from_risk: Option<String>,
    response_due: String,
    responded_at: Option<String>,
    response_met: Option<bool>,
    onsite_requested_at: Option<String>,
    agreed_arrival: Option<String>,
    arrival_due: Option<String>,
    arrived_at: Option<String>,
    arrival_met: Option<bool>,
    resolution_due: Option<String>,
    resolution_met: Option<bool>,
    resolved_at: Option<String>,
    closed_at: Option<String>,
    summary: Option<String>,
    impact: Option<String>,
    cause: Option<String>,
    fix: Option<String>,
    /// Every level the incident has had, oldest first.
    levels: Vec<LevelSinceJson>,
    /// Every text corrected, oldest first (docs/rules.md §10.2).
    amendments: Vec<AmendmentJson>,
    /// Every arrival clock, oldest first: those of rounds before a reopen, then the current one.
    arrivals: Vec<ArrivalJson>,
    /// The records deciding a clock entered more than an hour after they happened
    /// (docs/rules.md §10.5).
    entered_later: Vec<EnteredLaterJson>,
    timeline: Vec<EntryJson>,
}

/// A level an incident had, from when, set by whom (docs/rules.md §9.3).
#[derive(Serialize)]
pub struct LevelSinceJson {
    level: Level,
    at: String,
    by: String,
}

impl LevelSinceJson {
    pub fn new(since: &LevelSince, zone: Tz) -> LevelSinceJson {
        LevelSinceJson {
            level: since.level,
            at: rfc3339(since.at, zone),
            by: since.by.clone(),
        }
    }
}

/// A record deciding a clock, entered later: its short id, what it decides (`report`,
/// `response`, `arrival`, `resolution`), when it happened and when it was entered.
#[derive(Serialize)]
pub struct EnteredLaterJson {
    record: String,
    clock: Decides,
    at: String,
    entered_at: String,
}

impl EnteredLaterJson {
    pub fn list(marks: &[EnteredLater], zone: Tz) -> Vec<EnteredLaterJson> {
        marks
            .iter()
            .map(|mark| EnteredLaterJson {
                record: short_id(&mark.record),
                clock: mark.decides,
                at: rfc3339(mark.at, zone),
                entered_at: rfc3339(mark.entered_at, zone),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct AmendmentJson {
    field: Field,
    from: Option<String>,
    to: String,
    at: String,
    by: String,
}

#[derive(Serialize)]
struct ArrivalJson {
    requested_at: String,
    due: String,
    arrived_at: Option<String>,
    met: Option<bool>,
}

#[derive(Serialize)]
struct EntryJson {
    /// The short id of the record that says it.
    id: String,
    at: String,
    by: String,
    event: String,
    text: String,
    /// Who withdrew it, when and why; `null` while it counts.
    voided: Option<VoidingJson>,
    /// The duplicate incident it was recorded on, for an entry a merge brought in; `null` for
    /// the incident's own (docs/rules.md §10.2).
    from: Option<String>,
}

#[derive(Serialize)]
struct VoidingJson {
    at: String,
    by: String,
    reason: String,
}

impl IncidentJson {
    pub fn new(i: &Incident, zone: Tz, now: DateTime<Utc>, m: &Messages) -> IncidentJson {
        let time = |t: DateTime<Utc>| rfc3339(t, zone);
        let resolved = i.resolved.as_ref();
        IncidentJson {
            id: i.id.clone(),
            level: i.level,
            status: i.status,
            title: i.title.clone(),
            description: i.description.clone(),
            reported_at: time(i.reported_at),
            reported_by: i.reported_by.clone(),
            from_risk: i.from_risk.clone(),
            response_due: time(i.response.due),
            responded_at: i.response.done.map(time),
            response_met: i.response.met(now),
            onsite_requested_at: i.onsite_requested.map(|(asked, _)| time(asked)),
            agreed_arrival: i.onsite_requested.and_then(|(_, agreed)| agreed).map(time),
            arrival_due: i.arrival.map(|c| time(c.due)),
            arrived_at: i.arrived_at.map(time),
            arrival_met: i.arrival_met(now),
            resolution_due: i.resolution.map(|c| time(c.due)),
            resolution_met: i.resolution.and_then(|c| c.met(now)),
            resolved_at: i.resolved_at.map(time),
            closed_at: i.closed_at.map(time),
            summary: resolved.map(|r| r.summary.clone()),
            impact: resolved.and_then(|r| r.impact.clone()),
            cause: resolved.and_then(|r| r.cause.clone()),
            fix: resolved.and_then(|r| r.fix.clone()),
            levels: i
                .levels()
                .iter()
                .map(|l| LevelSinceJson::new(l, zone))
                .collect(),
            amendments: i
                .amendments
                .iter()
                .map(|a| AmendmentJson {
                    field: a.field,
                    from: a.from.clone(),
                    to: a.to.clone(),
                    at: time(a.at),
                    by: a.by.clone(),
                })
                .collect(),
            arrivals: arrivals(i, zone, now),
            entered_later: EnteredLaterJson::list(&i.entered_later, zone),
            timeline: i
                .timeline
                .iter()
                .map(|entry| EntryJson {
                    id: short_id(&entry.record),
                    voided: entry.voided.as_ref().map(|v| VoidingJson {
                        at: time(v.at),
                        by: v.by.clone(),
                        reason: v.reason.clone(),
                    }),
                    at: time(entry.at),
                    by: entry.by.clone(),
                    event: serde_json::to_value(&entry.happening)
                        .ok()
                        .and_then(|v| v["event"].as_str().map(str::to_string))
                        .unwrap_or_default(),
                    text: m.timeline_entry(entry, zone),
                    from: entry.from.clone(),
                })
                .collect(),
        }
    }
}

/// Every arrival clock of an incident, oldest first, with its verdict at `now`.
fn arrivals(i: &Incident, zone: Tz, now: DateTime<Utc>) -> Vec<ArrivalJson> {
    let earlier = i.earlier_arrivals.iter().map(|e| (e.clock, e.met));
    let current = i.arrival.map(|clock| (clock, i.arrival_met(now)));
    earlier
        .chain(current)
        .map(|(clock, met)| ArrivalJson {
            requested_at: rfc3339(clock.started, zone),
            due: rfc3339(clock.due, zone),
            arrived_at: clock.done.map(|t| rfc3339(t, zone)),
            met,
        })
        .collect()
}

/// The recovery report of an incident as JSON: the incident (with its levels), and its clocks.
#[derive(Serialize)]
pub struct RecoveryJson {
    #[serde(flatten)]
    incident: IncidentJson,
    customer: String,
    clocks: Vec<ClockJson>,
}

#[derive(Serialize)]
struct ClockJson {
    clock: ClockName,
    /// An arrival clock of a round before the incident was reopened.
    earlier: bool,
    due: String,
    actual: Option<String>,
    met: Option<bool>,
}

impl RecoveryJson {
    /// The recovery report, its happenings told in the language of `m`.
    pub fn new(report: &Recovery, m: &Messages) -> RecoveryJson {
        let time = |t: DateTime<Utc>| rfc3339(t, report.zone);
        RecoveryJson {
            incident: IncidentJson::new(report.incident, report.zone, report.now, m),
            customer: report.customer.to_string(),
            clocks: report
                .clocks
                .iter()
                .map(|row| ClockJson {
                    clock: row.clock,
                    earlier: row.earlier,
                    due: time(row.due),
                    actual: row.actual.map(time),
                    met: row.met,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_words() {
        assert_eq!(serde_json::to_value(Status::Resolved).unwrap(), "resolved");
    }
}
