//! Opening an incident: the record that reports it, with its clocks computed and pinned.

use super::super::{
    Environment, Error, Input, Ledger, Repeats, Result, Site, append, new_record_id, non_empty,
};
use crate::contract::Level;
use crate::duplicate;
use crate::ids::{self, short_id};
use crate::incident::{self, Incident, NewIncident, check_report_time, fold};
use crate::inspect::{self, Risk};
use crate::sla::Sla;

/// An incident as it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub level: Level,
    /// What is wrong, in a line, as typed; without it, the finding of the risk it is opened
    /// from.
    pub title: Option<String>,
    pub description: Option<String>,
    /// When it was reported, as typed (see `Environment::at`); else now.
    pub at: Option<String>,
    /// The customer asks for an engineer on site with the report.
    pub onsite: bool,
    /// The inspection risk it is opened from, as typed: its id or a unique prefix of it.
    pub from_risk: Option<String>,
}

/// Records a new incident, and returns it; one whose title is alike an open incident's is a
/// likely duplicate (docs/rules.md §10.3), recorded only if `repeats` allows.
pub fn open(
    site: &Site,
    env: &Environment,
    opening: Opening,
    ledger: &mut Ledger,
    repeats: Repeats,
) -> Result<Incident> {
    let reported_at = env.at(site, opening.at.as_deref())?;
    check_report_time(reported_at, env.now, &site.contract)?;
    let risk = match &opening.from_risk {
        Some(typed) => Some(risk_to_open(ledger, typed)?),
        None => None,
    };
    let title = match (opening.title, &risk) {
        (Some(title), _) => non_empty(Input::Title, &title)?,
        (None, Some(risk)) => inspect::incident_title(risk),
        (None, None) => return Err(Error::NoTitle),
    };
    repeats.check(env, site, || {
        let open = super::list(ledger, true)?;
        Ok(duplicate::open_incident_like(&title, &open))
    })?;
    // A fresh random id almost never repeats one in use; when it does, draw again.
    let record_id = loop {
        let id = new_record_id(env.now);
        if !ledger.incident_id_in_use(&short_id(&id))? {
            break id;
        }
    };
    let sla = Sla::new(&site.contract, &site.calendar);
    let new = NewIncident {
        record_id: &record_id,
        from_risk: risk.map(|r| r.id),
        level: opening.level,
        title,
        description: opening.description,
        reported_at,
        onsite: opening.onsite,
    };
    let event = incident::open_event(new, &sla, site.contract.timezone);
    let record = append(env, site, record_id, reported_at, event)?;
    Ok(fold([&record]).remove(0))
}

/// The open risk `typed` names; one already linked to an incident cannot open another.
fn risk_to_open(ledger: &mut Ledger, typed: &str) -> Result<Risk> {
    let risks = ledger.risks()?;
    let risk = ids::find(&risks, |r| &r.id, typed, ids::Named::Risk)?;
    if let Some(incident) = &risk.incident {
        return Err(Error::RiskTaken {
            risk: risk.id.clone(),
            incident: incident.clone(),
        });
    }
    Ok(risk.clone())
}
