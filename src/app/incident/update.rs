//! Recording what happens to an incident, once it is checked that it may be recorded.

use chrono::{DateTime, Utc};

use super::super::environment::{agreed_after, instant_ahead};
use super::super::{
    Environment, Input, Ledger, Repeats, Result, Site, Wanted, append, new_record_id, non_empty,
};
use crate::contract::Level;
use crate::time::grammar::Clock;
use std::collections::BTreeMap;

use crate::duplicate;
use crate::incident::{self, Action, Happening, Incident, IncidentError, Status, find, fold};
use crate::record::Event;
use crate::record::incident::{Field, Noted, Resolved, Subject};
use crate::sla::Sla;

/// What an engineer records about an existing incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// The first response.
    Acknowledge,
    /// The customer asks for an engineer on site, by a later time agreed with them (as typed)
    /// if there is one.
    OnsiteRequest { agreed: Option<String> },
    /// An engineer arrives on site.
    Arrive,
    /// The new level; the deadlines are recomputed from the original report.
    Level(Level),
    /// A note added to the timeline, as typed.
    Note(String),
    /// What was done, in a sentence (as typed), with what the incident affected, its cause and
    /// the fix.
    Resolve {
        summary: String,
        impact: Option<String>,
        cause: Option<String>,
        fix: Option<String>,
    },
    /// A resolved incident is closed.
    Close,
    /// A resolved or closed incident is reopened.
    Reopen,
    /// Texts corrected, as typed (docs/rules.md §10.2).
    Amend(BTreeMap<Field, String>),
}

/// An incident as an update left it, with what was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Updated {
    pub incident: Incident,
    pub happening: Option<Happening>,
}

impl Update {
    /// What the update does to the incident, for the checks it must pass.
    fn action(&self) -> Action {
        match self {
            Update::Acknowledge => Action::Acknowledge,
            Update::OnsiteRequest { agreed } => Action::OnsiteRequest {
                agreed: agreed.is_some(),
            },
            Update::Arrive => Action::Arrive,
            Update::Level(level) => Action::Level(*level),
            Update::Note(_) => Action::Note,
            Update::Resolve { .. } => Action::Resolve,
            Update::Close => Action::Close,
            Update::Reopen => Action::Reopen,
            Update::Amend(texts) => Action::Amend {
                resolution: texts.keys().any(|field| field.of_resolution()),
            },
        }
    }

    /// The update as it applies to `incident`: resolving a resolved incident again corrects
    /// the texts of its resolution (docs/rules.md §10.2).
    fn to(self, incident: &Incident) -> Update {
        match self {
            Update::Resolve {
                summary,
                impact,
                cause,
                fix,
            } if incident.status == Status::Resolved => {
                let texts = [
                    (Field::Summary, Some(summary)),
                    (Field::Impact, impact),
                    (Field::Cause, cause),
                    (Field::Fix, fix),
                ];
                Update::Amend(
                    texts
                        .into_iter()
                        .filter_map(|(field, text)| Some((field, text?)))
                        .collect(),
                )
            }
            update => update,
        }
    }

    /// The event that records the update of `incident` at `at`.
    fn event(
        self,
        site: &Site,
        incident: &Incident,
        at: DateTime<Utc>,
        clock: &Clock,
    ) -> Result<Event> {
        let zone = site.contract.timezone;
        let sla = Sla::new(&site.contract, &site.calendar);
        let subject = || Subject {
            incident: incident.id.clone(),
        };
        Ok(match self {
            Update::Acknowledge => Event::IncidentAcknowledged(subject()),
            Update::Arrive => Event::IncidentArrived(subject()),
            Update::Close => Event::IncidentClosed(subject()),
            Update::Reopen => Event::IncidentReopened(subject()),
            Update::OnsiteRequest { agreed } => {
                let agreed = agreed
                    .as_deref()
                    .map(|t| instant_ahead(Input::Agreed, t, clock))
                    .transpose()?;
                let agreed = agreed_after(agreed, at, zone)?;
                incident::onsite_event(incident, at, agreed, &sla, zone)
            }
            Update::Level(level) => incident::level_event(incident, level, &sla, zone),
            Update::Note(text) => Event::IncidentNoted(Noted {
                incident: incident.id.clone(),
                text: non_empty(Input::Note, &text)?,
            }),
            Update::Amend(texts) => {
                let mut checked = BTreeMap::new();
                for (field, text) in texts {
                    checked.insert(field, non_empty(typed_as(field), &text)?);
                }
                incident::amend_event(incident, checked)
                    .ok_or_else(|| IncidentError::Unchanged(incident.id.clone()))?
            }
            Update::Resolve {
                summary,
                impact,
                cause,
                fix,
            } => Event::IncidentResolved(Box::new(Resolved {
                incident: incident.id.clone(),
                summary: non_empty(Input::Summary, &summary)?,
                impact,
                cause,
                fix,
            })),
        })
    }
}

/// The option a text of an incident is typed with.
fn typed_as(field: Field) -> Input {
    match field {
        Field::Title => Input::Title,
        Field::Summary => Input::Summary,
        Field::Impact => Input::Impact,
        Field::Cause => Input::Cause,
        Field::Fix => Input::Fix,
    }
}

/// Records `update` of the incident `typed` names (its id or a unique prefix of it) at `at`
/// (as typed, see `Environment::at`; else now), once checked, and returns the incident as it
/// leaves it. A note the incident has already is a likely duplicate (docs/rules.md §10.3),
/// recorded only if `repeats` allows.
pub fn update(
    site: &Site,
    env: &Environment,
    typed: &str,
    at: Option<&str>,
    update: Update,
    ledger: &mut Ledger,
    repeats: Repeats,
) -> Result<Updated> {
    let mut records = ledger.incident_records(Wanted::Id(typed))?;
    let incident = &incident::find_in(&records, typed)?;
    let update = update.to(incident);
    // A correction is made now, whenever the texts it corrects were written.
    let at = match update {
        Update::Amend(_) => env.now,
        _ => env.at(site, at)?,
    };
    incident.check(update.action(), at, env.now, site.contract.timezone)?;
    if let Update::Note(text) = &update {
        repeats.check(env, site, || {
            Ok(duplicate::repeated_note(&incident.id, text, &records))
        })?;
    }
    let event = update.event(site, incident, at, &env.clock(site))?;
    let record = append(env, site, new_record_id(env.now), at, event)?;
    let happening = incident::happening(&record.event);
    let id = incident.id.clone();
    records.push(record);
    let incidents = fold(&records);
    Ok(Updated {
        incident: find(&incidents, &id)?.clone(),
        happening,
    })
}
