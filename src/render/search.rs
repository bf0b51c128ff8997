//! How what `otss search` finds is shown to a person (docs/rules.md §12): each hit's kind,
//! time, engineer and short id, the passage with the words found marked, and for an incident
//! its level, status, verdicts and fix.

use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::human::moment;
use crate::app::search::{Hit, fix};
use crate::i18n::Messages;
use crate::ids::short_id;
use crate::incident::{ClockName, Incident};
use crate::output::{Output, Tone};

/// The words found, marked in plain text where there is no colour to mark them with.
const PLAIN_MARKS: (&str, &str) = ("**", "**");

/// How a hit's times are read: on `today`, in `zone`, verdicts as they stand at `now`.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    pub zone: Tz,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// A hit as lines: what it is, then the passage, then (for an incident) its fix.
pub fn hit_lines(out: &Output, hit: &Hit, reading: Reading) -> Vec<String> {
    let m = out.messages();
    let document = &hit.document;
    let when = moment(document.at, reading.zone, reading.today, m);
    let mut head = vec![out.paint(Tone::Heading, m.search_kind(document.kind))];
    match &hit.incident {
        Some(incident) => head.extend(incident_parts(out, incident, reading.now)),
        None => head.push(short_id(&document.record)),
    }
    head.extend([when, document.by.clone()]);
    let mut lines = vec![
        head.join(" · "),
        format!("  {}", marked(out, &hit.passage, &hit.marks)),
    ];
    if let Some(incident) = &hit.incident {
        let fix = fix(incident);
        lines.push(format!(
            "  {}",
            m.fixed_by(fix.as_deref().unwrap_or(m.no_fix_told()))
        ));
    }
    lines
}

/// An incident's id, level, status, title and the verdict of each of its clocks.
fn incident_parts(out: &Output, incident: &Incident, now: DateTime<Utc>) -> Vec<String> {
    let m = out.messages();
    let mut parts = vec![
        incident.id.clone(),
        m.level(incident.level.number()),
        m.status(incident.status).to_string(),
    ];
    let verdicts = [
        Some((ClockName::Response, incident.response.met(now))),
        incident
            .arrival
            .map(|_| (ClockName::Arrival, incident.arrival_met(now))),
        incident
            .resolution
            .map(|c| (ClockName::Resolution, c.met(now))),
    ];
    for (clock, met) in verdicts.into_iter().flatten() {
        let verdict = m.verdict_column(m.clock(clock), m.verdict(met));
        let tone = if met == Some(false) {
            Tone::Breach
        } else {
            Tone::Plain
        };
        parts.push(out.paint(tone, &verdict));
    }
    parts.push(incident.title.clone());
    parts
}

/// The earlier incidents like one, under a heading: each with its id, title and fix.
pub fn similar_lines(out: &Output, similar: &[Hit]) -> Vec<String> {
    let m = out.messages();
    let incidents = similar.iter().filter_map(|hit| hit.incident.as_ref());
    let mut lines: Vec<String> = incidents
        .map(|incident| similar_line(out, m, incident))
        .collect();
    if !lines.is_empty() {
        lines.insert(0, m.similar_heading().to_string());
    }
    lines
}

fn similar_line(out: &Output, m: &Messages, incident: &Incident) -> String {
    let fix = fix(incident);
    let parts = [
        out.paint(Tone::Heading, &incident.id),
        incident.title.clone(),
        m.fixed_by(fix.as_deref().unwrap_or(m.no_fix_told())),
    ];
    format!("  {}", parts.join(" · "))
}

/// `passage` with the ranges `marks` marked: painted at a terminal, between `**` elsewhere.
fn marked(out: &Output, passage: &str, marks: &[Range<usize>]) -> String {
    let mut shown = String::new();
    let mut from = 0;
    for mark in marks {
        let (Some(before), Some(word)) = (passage.get(from..mark.start), passage.get(mark.clone()))
        else {
            continue;
        };
        shown.push_str(before);
        if out.coloured() {
            shown.push_str(&out.paint(Tone::Heading, word));
        } else {
            shown.extend([PLAIN_MARKS.0, word, PLAIN_MARKS.1]);
        }
        from = mark.end;
    }
    shown.push_str(passage.get(from..).unwrap_or_default());
    shown
}
