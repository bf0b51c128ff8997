//! How an incident is shown: as JSON (SPEC §9) and as its recovery report (故障恢复报告,
//! SPEC §2): timeline, levels, impact, cause, fix, and each clock's deadline, actual time and
//! verdict.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::markdown::Document;
use crate::contract::Contract;
use crate::contract::Level;
use crate::i18n::{Messages, RecoveryLabel as L};
use crate::incident::{ClockName, Happening, Incident, Status};
use crate::time::rfc3339;

/// An incident as JSON (SPEC §9); `*_met` is true, false (breached) or null (undecided).
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
    timeline: Vec<EntryJson>,
}

#[derive(Serialize)]
struct EntryJson {
    at: String,
    by: String,
    event: String,
    text: String,
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
            timeline: i
                .timeline
                .iter()
                .map(|entry| EntryJson {
                    at: time(entry.at),
                    by: entry.by.clone(),
                    event: serde_json::to_value(&entry.happening)
                        .ok()
                        .and_then(|v| v["event"].as_str().map(str::to_string))
                        .unwrap_or_default(),
                    text: m.happening(&entry.happening, zone),
                })
                .collect(),
        }
    }
}

/// A time in full, to the second, on the contract's wall clock: `2025-03-04 22:00:07`.
pub fn full_time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

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

    /// The clocks as table rows: clock, deadline, actual time, verdict; times shown by `time`.
    pub fn clock_rows(
        &self,
        m: &Messages,
        time: impl Fn(DateTime<Utc>) -> String,
    ) -> Vec<Vec<String>> {
        self.clocks
            .iter()
            .map(|row| {
                vec![
                    m.clock(row.clock).to_string(),
                    time(row.due),
                    row.actual.map(&time).unwrap_or_else(|| "—".to_string()),
                    m.verdict(row.met).to_string(),
                ]
            })
            .collect()
    }

    pub fn json(&self, m: &Messages) -> RecoveryJson {
        let time = |t: DateTime<Utc>| rfc3339(t, self.zone);
        RecoveryJson {
            incident: IncidentJson::new(self.incident, self.zone, self.now, m),
            customer: self.customer.to_string(),
            levels: self
                .levels()
                .into_iter()
                .map(|(at, level)| LevelJson {
                    at: time(at),
                    level,
                })
                .collect(),
            clocks: self
                .clocks
                .iter()
                .map(|row| ClockJson {
                    clock: row.clock,
                    due: time(row.due),
                    actual: row.actual.map(time),
                    met: row.met,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct RecoveryJson {
    #[serde(flatten)]
    incident: IncidentJson,
    customer: String,
    levels: Vec<LevelJson>,
    clocks: Vec<ClockJson>,
}

#[derive(Serialize)]
struct LevelJson {
    at: String,
    level: Level,
}

#[derive(Serialize)]
struct ClockJson {
    clock: ClockName,
    due: String,
    actual: Option<String>,
    met: Option<bool>,
}

/// The header of the clocks table.
pub fn clock_header(m: &Messages) -> Vec<String> {
    [L::Clock, L::Deadline, L::Actual, L::Verdict]
        .iter()
        .map(|l| m.recovery_label(*l).to_string())
        .collect()
}

/// The recovery report as a Markdown document.
pub fn markdown(report: &Recovery, m: &Messages) -> String {
    let incident = report.incident;
    let label = |l: L| m.recovery_label(l).to_string();
    let time = |t: DateTime<Utc>| full_time(t, report.zone);
    let mut doc = Document::new();
    doc.heading(1, &m.labelled(&label(L::Title), &incident.title));
    let levels = report.levels();
    let level_text = levels
        .iter()
        .map(|(_, level)| m.level(level.number()))
        .collect::<Vec<_>>()
        .join(" → ");
    let mut facts = vec![
        vec![label(L::Incident), incident.id.clone()],
        vec![label(L::Customer), report.customer.to_string()],
        vec![label(L::Level), level_text],
        vec![label(L::ReportedAt), time(incident.reported_at)],
        vec![label(L::ReportedBy), incident.reported_by.clone()],
    ];
    facts.extend(
        incident
            .from_risk
            .iter()
            .map(|risk| vec![label(L::FromRisk), risk.clone()]),
    );
    facts.push(vec![
        label(L::Status),
        m.status(incident.status).to_string(),
    ]);
    doc.table(&[label(L::Item), label(L::Detail)], facts);
    let resolved = incident.resolved.as_ref();
    let sections = [
        (
            L::Summary,
            resolved
                .map(|r| r.summary.clone())
                .or(incident.description.clone()),
        ),
        (L::Impact, resolved.and_then(|r| r.impact.clone())),
        (L::Cause, resolved.and_then(|r| r.cause.clone())),
        (L::Fix, resolved.and_then(|r| r.fix.clone())),
    ];
    for (heading, text) in sections {
        doc.heading(2, &label(heading));
        doc.paragraph(&text.unwrap_or_else(|| label(L::NotRecorded)));
    }
    doc.heading(2, &label(L::Clocks));
    doc.table(&clock_header(m), report.clock_rows(m, time));
    doc.heading(2, &label(L::Timeline));
    let rows = incident
        .timeline
        .iter()
        .map(|entry| {
            vec![
                time(entry.at),
                entry.by.clone(),
                m.happening(&entry.happening, report.zone),
            ]
        })
        .collect();
    doc.table(&[label(L::Time), label(L::Engineer), label(L::Event)], rows);
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_words() {
        assert_eq!(serde_json::to_value(Status::Resolved).unwrap(), "resolved");
    }
}
