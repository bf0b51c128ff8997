//! How an incident is shown to a person, and its recovery report (故障恢复报告, SPEC §2):
//! timeline, levels, impact, cause, fix, and each clock's deadline, actual time and verdict.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::markdown::Document;
use crate::contract::Contract;
use crate::contract::Level;
use crate::i18n::{Messages, RecoveryLabel as L};
use crate::incident::{ClockName, Happening, Incident};

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
