//! How an incident is shown to a person, and its recovery report (故障恢复报告, docs/rules.md §2):
//! timeline, levels, impact, cause, fix, and each clock's deadline, actual time and verdict.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::report::{Block, Outline, Section};
use crate::app::incident::{ClockRow, Recovery};
use crate::i18n::{Messages, RecoveryLabel as L};
use crate::incident::{Amendment, ClockName, EnteredLater, Incident, LevelSince};
use crate::output::{Output, Tone};
use crate::sla::ClockState;

/// A time in full, to the second, on the contract's wall clock: `2025-03-04 22:00:07`.
pub fn full_time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// One line: id, level, status, the running clocks with their countdowns (see
/// `app::incident::countdowns`), title.
pub fn list_line(
    out: &Output,
    incident: &Incident,
    countdowns: Vec<(ClockName, ClockState)>,
) -> String {
    let m = out.messages();
    let mut parts = vec![
        out.paint(Tone::Heading, &incident.id),
        m.level(incident.level.number()),
        m.status(incident.status).to_string(),
    ];
    parts.extend(
        countdowns
            .into_iter()
            .map(|(name, state)| countdown(out, name, state)),
    );
    parts.push(incident.title.clone());
    parts.join(" · ")
}

/// A running clock as a countdown, coloured when at risk or breached.
fn countdown(out: &Output, name: ClockName, state: ClockState) -> String {
    let m = out.messages();
    match state {
        ClockState::Pending {
            left,
            at_risk: false,
        } => m.due_in(name, left),
        ClockState::Pending {
            left,
            at_risk: true,
        } => out.paint(Tone::Warning, &m.at_risk(&m.due_in(name, left))),
        ClockState::Breached { by } => out.paint(Tone::Breach, &m.breached(name, by)),
        ClockState::Met => m.verdict(Some(true)).to_string(),
    }
}

/// The clocks as table rows: clock, deadline, actual time, verdict; times shown by `time`.
pub fn clock_rows(
    clocks: &[ClockRow],
    m: &Messages,
    time: impl Fn(DateTime<Utc>) -> String,
) -> Vec<Vec<String>> {
    clocks
        .iter()
        .map(|row| {
            vec![
                m.clock_row(row.clock, row.earlier),
                time(row.due),
                row.actual.map(&time).unwrap_or_else(|| "—".to_string()),
                m.verdict(row.met).to_string(),
            ]
        })
        .collect()
}

/// The header of the clocks table.
pub fn clock_header(m: &Messages) -> Vec<String> {
    [L::Clock, L::Deadline, L::Actual, L::Verdict]
        .iter()
        .map(|l| m.recovery_label(*l).to_string())
        .collect()
}

/// The level history as table rows: level, since when, set by whom; times shown by `time`.
pub fn level_rows(
    levels: &[LevelSince],
    m: &Messages,
    time: impl Fn(DateTime<Utc>) -> String,
) -> Vec<Vec<String>> {
    levels
        .iter()
        .map(|since| {
            vec![
                m.level(since.level.number()),
                time(since.at),
                since.by.clone(),
            ]
        })
        .collect()
}

/// The header of the level history table.
pub fn level_header(m: &Messages) -> Vec<String> {
    [L::Level, L::Time, L::Engineer]
        .iter()
        .map(|l| m.recovery_label(*l).to_string())
        .collect()
}

/// The corrected texts of an incident, a row each: when, by whom, which text, from, to.
pub fn amendment_rows(
    amendments: &[Amendment],
    m: &Messages,
    time: impl Fn(DateTime<Utc>) -> String,
) -> Vec<Vec<String>> {
    let not_recorded = m.recovery_label(L::NotRecorded);
    amendments
        .iter()
        .map(|a| {
            vec![
                time(a.at),
                a.by.clone(),
                m.text_field(a.field).to_string(),
                a.from.clone().unwrap_or_else(|| not_recorded.to_string()),
                a.to.clone(),
            ]
        })
        .collect()
}

/// The header of the amendments table.
pub fn amendment_header(m: &Messages) -> Vec<String> {
    [L::Time, L::Engineer, L::Item, L::Was, L::Now]
        .iter()
        .map(|l| m.recovery_label(*l).to_string())
        .collect()
}

/// What each record of `incident` entered later says of it, a line each, times shown in full.
pub fn entered_later_notes(incident: &Incident, zone: Tz, m: &Messages) -> Vec<String> {
    entered_later_lines(&incident.id, &incident.entered_later, zone, m)
}

/// The notes of the records `marks` of incident `id` that were entered later.
pub fn entered_later_lines(
    id: &str,
    marks: &[EnteredLater],
    zone: Tz,
    m: &Messages,
) -> Vec<String> {
    marks
        .iter()
        .map(|mark| {
            let (at, entered) = (full_time(mark.at, zone), full_time(mark.entered_at, zone));
            m.entered_later(id, mark.decides, &at, &entered)
        })
        .collect()
}

/// The recovery report as a Markdown document.
pub fn markdown(report: &Recovery, m: &Messages) -> String {
    super::report::markdown(&recovery_outline(report, m))
}

/// The recovery report as an HTML page in the style of the service report's.
pub fn html(report: &Recovery, m: &Messages) -> String {
    super::report::html::document(&recovery_outline(report, m), "", m, |_| String::new())
}

/// The recovery report laid out for reading: the facts under the title, then a section for
/// each of summary, impact, cause, fix, levels, corrections, clocks and the timeline.
fn recovery_outline(report: &Recovery, m: &Messages) -> Outline {
    let incident = report.incident;
    let label = |l: L| m.recovery_label(l).to_string();
    let time = |t: DateTime<Utc>| full_time(t, report.zone);
    let section = |heading: L, blocks: Vec<Block>| Section {
        heading: label(heading),
        blocks,
    };
    let table = |header: Vec<String>, rows: Vec<Vec<String>>| Block::Table { header, rows };
    let levels = incident.levels();
    let level_text = levels
        .iter()
        .map(|since| m.level(since.level.number()))
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
    let mut sections = vec![Section {
        heading: String::new(),
        blocks: vec![Block::Facts {
            header: vec![label(L::Item), label(L::Detail)],
            rows: facts,
        }],
    }];
    let resolved = incident.resolved.as_ref();
    let texts = [
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
    for (heading, text) in texts {
        let text = text.unwrap_or_else(|| label(L::NotRecorded));
        sections.push(section(heading, vec![Block::Text(text)]));
    }
    let level_table = table(level_header(m), level_rows(&levels, m, time));
    sections.push(section(L::Levels, vec![level_table]));
    if !incident.amendments.is_empty() {
        let rows = amendment_rows(&incident.amendments, m, time);
        sections.push(section(
            L::Amendments,
            vec![table(amendment_header(m), rows)],
        ));
    }
    let clock_table = table(clock_header(m), clock_rows(&report.clocks, m, time));
    sections.push(section(L::Clocks, vec![clock_table]));
    let notes = entered_later_notes(incident, report.zone, m);
    if !notes.is_empty() {
        let notes = notes.into_iter().map(Block::Text).collect();
        sections.push(section(L::EnteredLater, notes));
    }
    let rows = incident
        .timeline
        .iter()
        .map(|entry| {
            vec![
                time(entry.at),
                entry.by.clone(),
                m.timeline_entry(entry, report.zone),
            ]
        })
        .collect();
    let header = vec![label(L::Time), label(L::Engineer), label(L::Event)];
    sections.push(section(L::Timeline, vec![table(header, rows)]));
    Outline {
        title: m.labelled(&label(L::Title), &incident.title),
        sections,
    }
}
