//! The knowledge base (docs/rules.md §12): what of each record is searched, how text is cut
//! into words, and which words an engineer means alike. Pure: the index that holds the words
//! is the store's, the queries are the application's.

mod dictionary;
mod synonyms;
mod words;

use chrono::{DateTime, Utc};

use crate::record::inspect::Outcome;
use crate::record::routine::NoteKind;
use crate::record::{Event, Record};

pub use dictionary::expect_many_texts;
pub use synonyms::{SYNONYMS, alike};
pub use words::{TOKENIZER, analyzer, words};

/// What sort of record a passage comes from, as `otss search --kind` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Incident,
    Support,
    Request,
    Risk,
    Suggestion,
    Inspection,
    Backup,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Incident,
        Kind::Support,
        Kind::Request,
        Kind::Risk,
        Kind::Suggestion,
        Kind::Inspection,
        Kind::Backup,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Support => "support",
            Kind::Request => "request",
            Kind::Risk => "risk",
            Kind::Suggestion => "suggestion",
            Kind::Inspection => "inspection",
            Kind::Backup => "backup",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// The searchable text of one record, and what a hit on it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub record: String,
    /// The incident the record is about, for an incident's records: its hits are one hit.
    pub incident: Option<String>,
    pub kind: Kind,
    pub at: DateTime<Utc>,
    pub by: String,
    pub text: String,
}

/// The document of a record that holds text worth finding again, if it does: every text an
/// incident's records hold (title, description, notes, resolution, amendments), a
/// consultation and its product, a request, a risk or suggestion, an inspection's findings
/// with notes, a backup check's note.
pub fn document(record: &Record) -> Option<Document> {
    let (kind, incident, texts) = texts(&record.event)?;
    let text = texts
        .into_iter()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (!text.is_empty()).then(|| Document {
        record: record.id.clone(),
        incident: incident.map(str::to_string),
        kind,
        at: record.instant(),
        by: record.by.clone(),
        text,
    })
}

type Texts<'a> = (Kind, Option<&'a str>, Vec<&'a str>);

fn incident<'a>(id: &'a str, texts: Vec<&'a str>) -> Option<Texts<'a>> {
    Some((Kind::Incident, Some(id), texts))
}

fn texts(event: &Event) -> Option<Texts<'_>> {
    match event {
        Event::IncidentOpened(opened) => {
            let description = opened.description.as_deref();
            incident(
                &opened.incident,
                [Some(opened.title.as_str()), description]
                    .into_iter()
                    .flatten()
                    .collect(),
            )
        }
        Event::IncidentNoted(noted) => incident(&noted.incident, vec![noted.text.as_str()]),
        Event::IncidentResolved(resolved) => {
            let told = [&resolved.impact, &resolved.cause, &resolved.fix];
            let mut texts = vec![resolved.summary.as_str()];
            texts.extend(told.into_iter().flatten().map(String::as_str));
            incident(&resolved.incident, texts)
        }
        Event::IncidentAmended(amended) => incident(
            &amended.incident,
            amended.texts.values().map(String::as_str).collect(),
        ),
        Event::SupportLogged(consultation) => {
            let product = consultation.product.as_deref();
            let texts = [Some(consultation.text.as_str()), product];
            Some((Kind::Support, None, texts.into_iter().flatten().collect()))
        }
        Event::RequestAdded(request) => {
            let texts = [Some(request.text.as_str()), request.reason.as_deref()];
            Some((Kind::Request, None, texts.into_iter().flatten().collect()))
        }
        Event::NoteAdded(note) => {
            let kind = match note.kind {
                NoteKind::Risk => Kind::Risk,
                NoteKind::Suggestion => Kind::Suggestion,
            };
            Some((kind, None, vec![note.text.as_str()]))
        }
        Event::InspectionRound(round) => {
            let findings = round
                .items
                .iter()
                .filter(|item| item.result == Outcome::Abnormal || item.note.is_some());
            let texts: Vec<&str> = findings
                .flat_map(|item| [Some(item.item.as_str()), item.note.as_deref()])
                .flatten()
                .collect();
            (!texts.is_empty()).then_some((Kind::Inspection, None, texts))
        }
        Event::BackupChecked(check) => {
            let note = check.note.as_deref()?;
            Some((Kind::Backup, None, vec![check.job.as_str(), note]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
