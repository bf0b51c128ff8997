//! `otss search --json` and the `similar` key of `otss incident open --json` (docs/rules.md
//! §9.2, §12).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::incident::IncidentJson;
use crate::app::search::{Hit, fix};
use crate::i18n::Messages;
use crate::ids::short_id;
use crate::incident::Incident;
use crate::time::rfc3339;

/// A record found: its score, what it is, the passage with the words found marked (byte
/// ranges into `passage`), and for an incident the incident as it stands.
#[derive(Serialize)]
pub struct HitJson {
    pub score: f32,
    /// The record's id, and its short form as the lists show it.
    pub id: String,
    pub short_id: String,
    pub kind: &'static str,
    pub at: String,
    pub by: String,
    pub passage: String,
    pub marks: Vec<[usize; 2]>,
    pub incident: Option<IncidentJson>,
}

impl HitJson {
    pub fn new(hit: &Hit, zone: Tz, now: DateTime<Utc>, m: &Messages) -> HitJson {
        let document = &hit.document;
        HitJson {
            score: hit.score,
            id: document.record.clone(),
            short_id: short_id(&document.record),
            kind: document.kind.key(),
            at: rfc3339(document.at, zone),
            by: document.by.clone(),
            passage: hit.passage.clone(),
            marks: hit.marks.iter().map(|r| [r.start, r.end]).collect(),
            incident: hit
                .incident
                .as_ref()
                .map(|incident| IncidentJson::new(incident, zone, now, m)),
        }
    }
}

/// An earlier incident like the one opened: its id, title and fix in one line.
#[derive(Serialize)]
pub struct SimilarJson {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub reported_at: String,
    pub fix: Option<String>,
}

impl SimilarJson {
    pub fn new(hit: &Hit, incident: &Incident, zone: Tz) -> SimilarJson {
        SimilarJson {
            id: incident.id.clone(),
            score: hit.score,
            title: incident.title.clone(),
            reported_at: rfc3339(incident.reported_at, zone),
            fix: fix(incident),
        }
    }
}

/// An incident just opened, with the earlier incidents most like it.
#[derive(Serialize)]
pub struct OpenedJson {
    #[serde(flatten)]
    pub incident: IncidentJson,
    pub similar: Vec<SimilarJson>,
}
