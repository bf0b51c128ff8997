//! Likely duplicates, caught before a record is written (docs/rules.md §10.3): which earlier
//! record a new one repeats. A record withdrawn by a void repeats nothing: the records given
//! here are those that stand, except an incident's, whose voids are weighed here.

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

use crate::ids::short_id;
use crate::incident::{Incident, Status};
use crate::record::routine::NoteKind;
use crate::record::{Event, Record, types, void};

/// How near the same text must be to a new record's time, either side, to be a repeat.
pub const WINDOW: TimeDelta = TimeDelta::minutes(10);

/// How alike two titles must be, by edit distance relative to their length, to be called alike.
const ALIKE: f64 = 0.8;

/// The kinds of record whose text is compared with the same kind's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Consultation,
    Note(NoteKind),
    Request,
}

/// The earlier record a new one repeats: its short id, who wrote it and when it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub id: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

impl Earlier {
    fn of(record: &Record) -> Earlier {
        Earlier {
            id: short_id(&record.id),
            by: record.by.clone(),
            at: record.at,
        }
    }
}

/// What a new record would repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duplicate {
    /// The same consultation, note or request text, recorded within `WINDOW`.
    Text {
        kind: TextKind,
        text: String,
        earlier: Earlier,
    },
    /// An incident still open whose title is alike.
    OpenIncident { id: String, title: String },
    /// The same note on the same incident.
    IncidentNote {
        incident: String,
        text: String,
        earlier: Earlier,
    },
    /// The report of the month issued already; `earlier` is its first issue.
    ReportIssued { period: String, earlier: Earlier },
}

/// Text as it is compared: trimmed, lowercased, every run of whitespace one space.
pub fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The kind and text of a record whose text is compared.
fn text_of(event: &Event) -> Option<(TextKind, &str)> {
    match event {
        Event::SupportLogged(c) => Some((TextKind::Consultation, &c.text)),
        Event::NoteAdded(note) => Some((TextKind::Note(note.kind), &note.text)),
        Event::RequestAdded(request) => Some((TextKind::Request, &request.text)),
        _ => None,
    }
}

impl TextKind {
    /// The record type the records of this kind are written as.
    fn record_type(self) -> &'static str {
        match self {
            TextKind::Consultation => types::SUPPORT_LOGGED,
            TextKind::Note(_) => types::NOTE_ADDED,
            TextKind::Request => types::REQUEST_ADDED,
        }
    }
}

/// The record type of the records `event` may repeat the text of, if it is one that may.
pub fn text_type(event: &Event) -> Option<&'static str> {
    text_of(event).map(|(kind, _)| kind.record_type())
}

/// The latest entered of `earlier` with the same kind and text as `event`, happened within
/// `WINDOW` of `at`, either side.
pub fn repeated_text(event: &Event, at: DateTime<Utc>, earlier: &[Record]) -> Option<Duplicate> {
    let (kind, text) = text_of(event)?;
    let wanted = folded(text);
    earlier
        .iter()
        .filter(|r| (r.instant() - at).abs() <= WINDOW)
        .filter_map(|r| Some((r, text_of(&r.event)?)))
        .filter(|(_, (k, t))| *k == kind && folded(t) == wanted)
        .max_by(|(a, _), (b, _)| a.id.cmp(&b.id))
        .map(|(record, (_, text))| Duplicate::Text {
            kind,
            text: text.to_string(),
            earlier: Earlier::of(record),
        })
}

/// Whether two incident titles are alike (docs/rules.md §10.3): once folded, one holds the
/// other as a whole (not running on into a Latin letter or digit) and is at least half as long;
/// or they name the same numbers and are few edits apart for their length.
pub fn titles_alike(a: &str, b: &str) -> bool {
    let (a, b) = (folded(a), folded(b));
    let (shorter, longer) = match a.chars().count() <= b.chars().count() {
        true => (&a, &b),
        false => (&b, &a),
    };
    let held =
        holds_whole(longer, shorter) && shorter.chars().count() * 2 >= longer.chars().count();
    held || (numbers(&a) == numbers(&b) && strsim::normalized_levenshtein(&a, &b) >= ALIKE)
}

/// Whether `text` holds `part` somewhere it does not run on into a Latin letter or digit
/// ("502" is not in "5020", "db1" not in "db10").
fn holds_whole(text: &str, part: &str) -> bool {
    text.match_indices(part).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + part.len()..].chars().next();
        !before
            .into_iter()
            .chain(after)
            .any(|c| c.is_ascii_alphanumeric())
    })
}

/// The numbers a text names, in order: hosts, ports, error codes.
fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Of the incidents still open, the one whose title is most alike `title`, if any is alike.
pub fn open_incident_like(title: &str, incidents: &[Incident]) -> Option<Duplicate> {
    let title_folded = folded(title);
    let likeness = |i: &Incident| strsim::normalized_levenshtein(&title_folded, &folded(&i.title));
    incidents
        .iter()
        .filter(|i| i.status == Status::Open && titles_alike(title, &i.title))
        .max_by(|a, b| likeness(a).total_cmp(&likeness(b)))
        .map(|i| Duplicate::OpenIncident {
            id: i.id.clone(),
            title: i.title.clone(),
        })
}

/// The note of `records` (the incident's, voids with them) on `incident` with the same text,
/// the latest entered, unless voided.
pub fn repeated_note(incident: &str, text: &str, records: &[Record]) -> Option<Duplicate> {
    let wanted = folded(text);
    void::standing(records)
        .kept
        .into_iter()
        .filter_map(|r| match &r.event {
            Event::IncidentNoted(note) if note.incident == incident => Some((r, &note.text)),
            _ => None,
        })
        .filter(|(_, text)| folded(text) == wanted)
        .max_by(|(a, _), (b, _)| a.id.cmp(&b.id))
        .map(|(record, text)| Duplicate::IncidentNote {
            incident: incident.to_string(),
            text: text.clone(),
            earlier: Earlier::of(record),
        })
}

/// The first issue among `records` of the report kept under `period` (YYYY-MM), if any.
pub fn issued_before(period: &str, records: &[Record]) -> Option<Duplicate> {
    records
        .iter()
        .filter(|r| matches!(&r.event, Event::ReportIssued(issued) if issued.period == period))
        .min_by(|a, b| Record::fold_order(a, b))
        .map(|record| Duplicate::ReportIssued {
            period: period.to_string(),
            earlier: Earlier::of(record),
        })
}

#[cfg(test)]
mod tests;
